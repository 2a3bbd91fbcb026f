"""The statement itself: its title, the date it carries, and its kind (EXTRACTION.md,
"The statement").

- ``title``: the heading as printed (the ``title`` segment), typos included.
- ``date``: a publisher timestamp, a dateline ("Athens, 12 May 2004" at the end, or
  "HAVANA, October 30 —" opening the text), or a blog/mail date in the header; for a range
  the last day (the day the text was issued). Dates in the title belong to the meeting.
- ``kind``: the genre word the text uses for itself (``kb/data/kinds.toml``), else its form:
  a statement under a signatory list is a joint statement, a text speaking as "we" a
  declaration, a third-person account of a meeting a report.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache

from kb.datafiles import load
from kb.parse.cues import phrase_pattern, speech_spans
from kb.parse.dates import DateMention, find_dates
from kb.places import find_city
from kb.records import PartialDate, Segment, Span, Statement

_OPENING_DATELINE = re.compile(
    r"^[A-ZÀ-ÞİÇŞĞÖÜ][\w .'’\-]{1,40},\s*(?P<date>[^—–\-\n()]{4,40}?)(?:\s*\([^()\n]{1,20}\))?\.?\s*[—–-]{1,2}\s"
)  # "HAVANA, October 30 — ", "Bandung, June 8th (IUS-NS). - " (an agency's tag after the date)
_COLON_DATELINE = re.compile(r"^(?P<place>[A-ZÀ-ÞİÇŞĞÖÜ][\w'’.\-]+(?:[ \-][A-ZÀ-ÞİÇŞĞÖÜ][\w'’.\-]+){0,2}):[ \t]+\S")
_DASH_DATELINE = re.compile(r"^(?P<place>[A-ZÀ-ÞİÇŞĞÖÜ][A-ZÀ-ÞİÇŞĞÖÜ'’.\-]+(?:[ ][A-ZÀ-ÞİÇŞĞÖÜ][A-ZÀ-ÞİÇŞĞÖÜ'’.\-]+){0,2})"
                            r"(?:,[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)?[ \t]*(?:--|[—–])[ \t]+\S")  # "MINSK, Belarus — …"
# "LENINGRAD -- Young workers … met in this city": a place in capitals, then a dash
_HEADER_WORDS = 12


def _word_count(line: str) -> int:
    """Words of a line, not its separators ("26/11/2011 – 18:05 | Print | Send to a friend")."""
    return sum(1 for token in line.split() if any(c.isalnum() for c in token))


@cache
def _kinds() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    data = load("kinds")
    determiners = data["self_reference"]["determiners"]
    result = []
    for kind in data["order"]:
        words = data["words"][kind]
        self_ref = [f"{d} {w}" for d in determiners for w in words] + [f"{d} joint {w}" for d in determiners for w in words]
        result.append((kind, phrase_pattern(words), phrase_pattern(self_ref)))
    words = data["words"]["statement"]
    self_ref = [f"{d} {w}" for d in determiners for w in words]
    result.append(("statement", phrase_pattern(words), phrase_pattern(self_ref)))
    return tuple(result)


def title(text: str, segments: tuple[Segment, ...]) -> tuple[str | None, Span | None]:
    """The heading as printed; a heading wrapped over two lines is joined with one space."""
    for seg in segments:
        if seg.kind == "title":
            return " ".join(seg.span.slice(text).split()), seg.span
    return None, None


def _last(mention: DateMention) -> PartialDate | None:
    return mention.end or mention.start


def statement_date(text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """The date the text carries: timestamp, dateline or header date, in that order."""
    for kinds in ({"timestamp"}, {"dateline"}):
        for seg in segments:
            if seg.kind in kinds:
                dates = [m for m in find_dates(seg.span.slice(text)) if m.start is not None and m.year_given]
                if dates:
                    return _finer_around(text, segments, _last(dates[0]))
                if seg.kind == "timestamp" and (told := _slash_told_apart(seg.span.slice(text), text, segments)):
                    return told
    around = _mail_date(text, segments) or _header_date(text, segments) or _masthead_year(text, segments)
    return _opening_date(text, segments, around) or around or _yearless_dateline(text, segments)


def _finer_around(text: str, segments: tuple[Segment, ...], date: PartialDate) -> PartialDate:
    """A dateline's month ("Temuco, April 2021") made a day by a header date inside it
    ("2021-04-17 | posted by admin")."""
    if date.day is not None:
        return date
    around = _mail_date(text, segments) or _header_date(text, segments)
    if around is not None and around.day is not None and date.first_day() <= around.first_day() <= date.last_day():
        return around
    for seg in segments:  # "Vienna, March 2015" over the text, "Vienna, 15 March 2015" under it: that day
        if seg.kind == "dateline":
            days = [m.start for m in find_dates(seg.span.slice(text)) if m.start is not None and m.start.day is not None
                    and m.year_given and date.first_day() <= m.start.first_day() <= date.last_day()]
            if days:
                return days[0]
    return date


def _yearless_dateline(text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """A dateline without a year ("Havana, 1 May"), in the year of the first whole date the
    text gives ("Published in Granma, Havana, 3 May 1966")."""
    dateline = next((seg for seg in segments if seg.kind == "dateline"), None)
    year = next((m.start.year for m in find_dates(text) if m.year_given and m.start is not None and m.start.day), None)
    if dateline is None or year is None:
        return None
    dates = [m for m in find_dates(dateline.span.slice(text), default_year=year) if m.start is not None]
    return _last(dates[0]) if dates else None


def _opening_date(text: str, segments: tuple[Segment, ...], around: PartialDate | None) -> PartialDate | None:
    """The date of a dateline opening the first paragraph ("VALENCIA, Nov. 19 — "), its year
    from ``around`` when it gives none."""
    first = lead_paragraph(text, segments)
    match = _OPENING_DATELINE.match(first.span.slice(text)) if first is not None else None
    if not match:
        return None
    dates = [m for m in find_dates(match.group("date")) if m.start is not None]
    if not dates and around is not None:  # "VALENCIA, Nov. 19 —" under a masthead dated 1979
        dates = [m for m in find_dates(match.group("date"), default_year=around.year) if m.start is not None]
    return _last(dates[0]) if dates else None


_SLASH = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")


def _slash_told_apart(line: str, text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """A timestamp "03/11/2016" that reads as day/month and as month/day, told apart by the
    text: a publication follows the days it reports, so of the two readings keep the one on
    or after the last day the body names before the later reading, when only one is ("the
    massacre of 19 June", "held on 22 and 23 October" → 3 November, not 11 March). Else None."""
    match = _SLASH.match(line)
    if match is None:
        return None
    a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    year += 0 if year >= 100 else (2000 if year < 70 else 1900)
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(_dt.date(year, month, day))
        except ValueError:
            continue
    if len(set(readings)) != 2:
        return None
    first = lead_paragraph(text, segments)
    opening = _OPENING_DATELINE.match(first.span.slice(text)) if first is not None else None
    if opening is not None:  # "12/03/2001 18:40" over "MANAGUA, March 12 (Istmo Press) –": the 12th of March
        lined = [m.start.first_day() for m in find_dates(opening.group("date"), default_year=year)
                 if m.start is not None and m.start.day is not None]
        same = [r for r in readings if r in lined]
        if len(same) == 1:
            return PartialDate.of(same[0])
    body = " ".join(seg.span.slice(text) for seg in segments if seg.kind in {"paragraph", "item"})
    named = [m.start.first_day() for m in find_dates(body, default_year=year)
             if m.start is not None and m.start.day is not None and m.start.first_day() <= max(readings)]
    if not named:
        return None
    fitting = [r for r in readings if r >= max(named)]
    return PartialDate.of(fitting[0]) if len(fitting) == 1 else None


_SENT = re.compile(r"^\s*(?:Sent|Date):\s+(.*)$", re.IGNORECASE | re.MULTILINE)


def _mail_date(text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """The date of the innermost e-mail a text forwards (its last "Sent:"/"Date:" header)."""
    found = None
    for seg in segments:
        if seg.kind != "noise":
            continue
        match = _SENT.match(seg.span.slice(text))
        if match:
            dates = [m for m in find_dates(match.group(1)) if m.start is not None and m.year_given]
            found = _last(dates[0]) if dates else found
    return found


_LEAD_REACH = 3  # paragraphs: "FOR IMMEDIATE RELEASE" / a deck may stand over the dateline's paragraph


def lead_paragraph(text: str, segments: tuple[Segment, ...]) -> Segment | None:
    """The paragraph a dateline opens ("Vientiane, 2 March 2012 – The …") among the first few
    (under "FOR IMMEDIATE RELEASE" or a deck), else the first paragraph."""
    paragraphs = [s for s in segments if s.kind == "paragraph"][:_LEAD_REACH]
    for paragraph in paragraphs:
        if opening_dateline_end(text, paragraph.span) is not None:
            return paragraph
        place = _COLON_DATELINE.match(paragraph.span.slice(text)) or _DASH_DATELINE.match(paragraph.span.slice(text))
        if place is not None and place.group("place").isupper() and find_city(place.group("place")) is not None:
            return paragraph  # "NEW DELHI: More than 200 delegates …" under a headline and a byline
    return paragraphs[0] if paragraphs else None


def opening_dateline_end(text: str, span: Span) -> int | None:
    """Where an opening dateline ("HAVANA, October 30 — ") ends in a paragraph, if it has one."""
    match = _OPENING_DATELINE.match(span.slice(text))
    if match and any(m.start is not None or m.kind != "relative" for m in find_dates(match.group("date"))):
        return span.start + match.end()
    return None


def dateline_place(text: str, segments: tuple[Segment, ...]) -> str | None:
    """The place a dateline names ("Istanbul" in "Istanbul, 2-3 February 2013", "HAVANA" in
    "HAVANA, October 30 —", "Suva" in a first paragraph opening "Suva: Labour parties …" when
    that is a city's name), when the text has a dateline."""
    lined = next((_dateline_city(seg.span.slice(text)) for seg in segments
                  if seg.kind == "dateline" and not re.search(r"\d", seg.span.slice(text).split(",")[0])), None)
    if lined is not None and find_city(lined) is not None:
        return lined
    return _opening_place(text, segments) or lined  # "TRIBUNE   Monday, October 7" is a masthead's date, not a place


def _opening_place(text: str, segments: tuple[Segment, ...]) -> str | None:
    """The place that opens the first paragraph ("HAVANA, October 30 —", "Suva: …", "LENINGRAD -- …")."""
    first = lead_paragraph(text, segments)
    if first is not None:
        match = _OPENING_DATELINE.match(first.span.slice(text))
        if match and any(m.start is not None for m in find_dates(match.group("date"), default_year=2000)):
            return first.span.slice(text).split(",")[0].strip()  # any year: only that it is a date matters
        match = _COLON_DATELINE.match(first.span.slice(text)) or _DASH_DATELINE.match(first.span.slice(text))
        if match and find_city(match.group("place")) is not None:
            return match.group("place")
    return None


def _dateline_city(line: str) -> str:
    """The place of a dateline: its first part, or the first part naming a city after a venue
    ("Liberty Hall, Dublin, 24/11/2013" → "Dublin")."""
    parts = [p.strip() for p in line.split(",")]
    places = [p for p in parts if p and not re.search(r"\d", p)]
    return next((p for p in places if find_city(p) is not None), parts[0])


def dateline_range(text: str, segments: tuple[Segment, ...]) -> tuple[PartialDate, PartialDate] | None:
    """The days a dateline spans ("Managua, 4-5 of November 1988"): a range in a dateline is
    the meeting's, not the day the text was signed."""
    for seg in segments:
        if seg.kind == "dateline":
            for mention in find_dates(seg.span.slice(text)):
                if mention.kind == "range" and mention.start is not None and mention.end is not None:
                    return mention.start, mention.end
            return None
    return None


def closing_day(text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """The one day a dateline after the body gives ("14 July 1962" under a resolution)."""
    prose = [i for i, seg in enumerate(segments) if seg.kind in {"paragraph", "item"}]
    for seg in segments[prose[-1] + 1 if prose else len(segments):]:
        if seg.kind == "dateline":
            dates = [m for m in find_dates(seg.span.slice(text)) if m.start is not None and m.year_given]
            if len(dates) == 1 and dates[0].kind != "range":
                return dates[0].start
    return None


def top_date(text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """The date printed above the body, the day a report's "yesterday" counts from: a dateline
    opening the body ("VALENCIA, Nov. 19 —", though the masthead says Nov. 20), else a mail's,
    blog's or newspaper's header date, even when the dateline under a reproduced text differs."""
    around = _mail_date(text, segments) or _header_date(text, segments)
    for seg in segments:
        if seg.kind in {"paragraph", "item"}:
            break
        if seg.kind == "dateline":
            dates = [m for m in find_dates(seg.span.slice(text)) if m.start is not None and m.year_given]
            if dates:
                return _last(dates[0])
    return _opening_date(text, segments, around or _masthead_year(text, segments)) or around


def _header_date(text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """A blog, mail or bulletin date on a short line above the body ("Posted on 14/03/2011",
    "Dar es Salaam, Tuesday 9 October 1962")."""
    for seg in segments:
        if seg.kind == "title":
            continue
        lines = [line for line in seg.span.slice(text).splitlines() if line.strip()]
        if seg.kind == "paragraph" and (all(_word_count(line) > _HEADER_WORDS for line in lines) or len(lines) >= 3):
            return None  # the body has begun (long lines, or a paragraph wrapped over three lines or more)
        if seg.kind not in {"paragraph", "noise"}:
            continue
        for line in lines:
            if _word_count(line) <= _HEADER_WORDS:
                dates = [m for m in find_dates(line) if m.start is not None and m.year_given and m.start.month is not None]
                if dates:  # a month at least: "… in the" / "autumn of 2024." is a wrapped sentence's year, no header
                    return _last(dates[0])
    return None


_ISSUE_YEAR = re.compile(r"(?:^|[\s,\-–—/(])(?P<year>1[89]\d\d|20\d\d)\)?\s*$")


def _masthead_year(text: str, segments: tuple[Segment, ...]) -> PartialDate | None:
    """The year a bulletin's masthead ends with ("IUS NEWS SERVICE   No. 11/12 - 1956"), when no
    line above the body carries a whole date."""
    for seg in segments:
        if seg.kind == "noise":
            match = _ISSUE_YEAR.search(re.sub(r"[ \t]{3,}\d{1,4}[ \t]*$", "", seg.span.slice(text)))  # "… 8/1985      23": a page
            if match:
                return PartialDate(int(match.group("year")))
        elif seg.kind not in {"title", "dateline"}:
            return None
    return None


@cache
def _markers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = load("kinds")
    return tuple((kind, phrase_pattern(words)) for kind, words in data.get("markers", {}).items())


def kind(text: str, segments: tuple[Segment, ...], *, has_signatories: bool) -> str:
    heading, _ = title(text, segments)
    header = "".join(seg.span.slice(text) + "\n" for seg in segments[:4])
    for name, marker in _markers():
        if marker.search(header) or (heading and marker.search(heading)):
            return name
    several = has_signatories or _PARTIES_SPEAK.search(text) is not None
    statement = "joint-statement" if several else "declaration"  # "We, the participating parties:" sign it jointly
    for name, words, _self_ref in _kinds():
        if heading and any(_names_genre(heading, m) for m in words.finditer(heading)):
            return statement if name == "statement" else name
    speech = speech_spans(text)
    for name, _words, self_ref in _kinds():
        for match in self_ref.finditer(text):
            if not any(s.start <= match.start() < s.end for s in speech):
                return statement if name == "statement" else name
    if has_signatories:
        return "joint-statement"
    body = "".join(seg.span.slice(text) + "\n" for seg in segments if seg.kind in {"paragraph", "item"})
    if re.search(r"\bwe\b", _without(body, speech_spans(body)), re.IGNORECASE):
        return "declaration"
    return "report"


_PARTIES_SPEAK = re.compile(r"\b[Ww]e,\s+the\s+(?:undersigned\s+|participating\s+|signatory\s+)?"
                            r"(?:\w+\s+){0,3}?(?:parties|organi[sz]ations|movements|forces)\b")


def _names_genre(heading: str, match: re.Match[str]) -> bool:
    """A genre word that names the text: opening the heading, or capitalised in it ("Joint
    Statement of …"), not a verb of a headline in sentence case ("… parties call for unity")."""
    return match.start() == 0 or not heading[:1].isupper() or match.group()[:1].isupper() or heading.isupper()


def _without(text: str, spans: list[Span]) -> str:
    for span in reversed(spans):
        text = text[: span.start] + text[span.end :]
    return text


def read_statement(text: str, segments: tuple[Segment, ...], *, has_signatories: bool) -> Statement:
    heading, heading_span = title(text, segments)
    return Statement(
        title=heading, title_span=heading_span, date=statement_date(text, segments),
        kind=kind(text, segments, has_signatories=has_signatories),
    )
