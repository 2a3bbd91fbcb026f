"""When an event took place: the dates read for a meeting from the sentences that mention it.

- Each mention's window is read first; its sentence's start ("On 25 and 26 November, … met")
  only when the window holds no date, and never past another meeting named there.
- A written date wins over a relative one, except that a month or year in a later window
  never replaces a day already read unless it contains it ("met last weekend" … "to resume
  testing in September"); among several, a finer one inside the first
  ("this year" → "18 October"); "30 April and 1 May" joined read as one range; a week
  narrowed by the days named ("from Thursday to Saturday").
- An announced meeting may take a year from "in the autumn" (the document's year) or a bare
  year, and a day and month given without a year that fall before the publication date are
  next year's.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Protocol

from kb.parse.cues import inside
from kb.parse.dates import find_dates
from kb.records import PartialDate, Span


class Mentioned(Protocol):
    """A meeting being read: where it is first named, and the window of each mention."""

    anchor: int
    sentences: list[Span]
    status: str


@dataclass(frozen=True, slots=True)
class DateContext:
    """What relative dates are read against: the publication date, or, after a forwarded
    message's own header ("Sent: Tuesday, November 20, 2007"), that message's date."""

    anchor: PartialDate | None
    default_year: int | None
    later: tuple[tuple[int, PartialDate], ...] = ()  # (offset, date) from which another date anchors, in order

    def anchor_at(self, offset: int) -> PartialDate | None:
        return next((date for at, date in reversed(self.later) if at <= offset), self.anchor)


_WEEKDAY_DATELINE = re.compile(
    r"^[ \t]*[A-ZÀ-Þ][A-ZÀ-Þ .'’\-]{2,40},[ \t]+(?P<day>[A-Z][a-z]+)[ \t]*[—–\-]", re.MULTILINE)


def weekday_dateline(text: str, published: PartialDate | None) -> tuple[tuple[int, PartialDate], ...]:
    """A newspaper's dateline with a weekday only ("PORT OF SPAIN, Monday — …") dates the
    report to the last such day on or before the issue's date: what follows is read against it."""
    if published is None or published.day is None:
        return ()
    for match in _WEEKDAY_DATELINE.finditer(text):
        named = find_dates(match.group("day"))  # the calendar's weekday names (kb/data/months.toml)
        if len(named) == 1 and named[0].kind == "weekday" and named[0].weekday is not None:
            issue = _dt.date(published.year, published.month, published.day)
            day = issue - _dt.timedelta(days=(issue.weekday() - named[0].weekday) % 7)
            return ((match.end(), PartialDate(day.year, day.month, day.day)),)
    return ()  # none, or only "LONDON, Reuters —"


_SENT = re.compile(r"^[ \t>]*(?:Sent|Date)[ \t]*:[ \t]*(?P<when>[^\n]{6,80})$", re.MULTILINE)


def message_dates(text: str) -> tuple[tuple[int, PartialDate], ...]:
    """The dates of the message headers in a text ("-----Original Message----- … Sent:
    Tuesday, November 20, 2007 6:47 PM"): each dates the message below it."""
    found = []
    for match in _SENT.finditer(text):
        dates = [m.start for m in find_dates(match.group("when")) if m.start is not None and m.start.day is not None]
        if dates:
            found.append((match.end(), dates[0]))
    return tuple(found)


def date_windows(draft: Mentioned, drafts: list[Mentioned], sentences: list[Span]) -> list[Span]:
    """Windows for dates: each reaches back to its sentence's start ("On 25 and 26
    November, representatives of … met") when no other meeting is named before it there."""
    windows = list(draft.sentences)
    others = {d.anchor for d in drafts if d is not draft} | {w.start for d in drafts if d is not draft for w in d.sentences}
    for index, window in enumerate(windows):
        sentence = next((s for s in sentences if s.start <= window.start < s.end), None)
        if sentence is not None and not any(sentence.start <= a < window.start for a in others):
            windows[index] = Span(sentence.start, window.end)
    return windows


_OF_A_THING = re.compile(r"\b[a-z]+\s+of\s+(?:the\s+)?$")
_JOIN = re.compile(r"\s*(?:and|to|until|till|-|–|—)\s*$")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_SPAN = re.compile(
    r"\bfrom\s+(?P<a>" + "|".join(d.capitalize() for d in _WEEKDAY_NAMES) + r")\s+(?:to|until|till)\s+(?P<b>"
    + "|".join(d.capitalize() for d in _WEEKDAY_NAMES) + r")\b"
)


def _joined(mentions: tuple, chunk: str) -> list:
    """Two dates joined by "and"/"to" ("30 April and 1 May") read as one range."""
    result = []
    for mention in mentions:
        if result and result[-1].start and mention.start and _JOIN.match(chunk[result[-1].span.end : mention.span.start]):
            previous = result[-1]
            if previous.end and previous.end.first_day() < mention.start.first_day():
                result[-1] = replace(previous, end=mention.end or mention.start, kind="range",
                                     span=Span(previous.span.start, mention.span.end))
                continue
        result.append(mention)
    return result


def narrow_week(text: str, windows: list[Span], start: PartialDate | None, end: PartialDate | None):
    """A week ("last week") narrowed by the days the text names ("from Thursday to Saturday")."""
    if start is None or end is None or start.day is None or end.day is None:
        return start, end
    if (end.first_day() - start.first_day()).days != 6 or start.first_day().weekday() != 0:
        return start, end
    for window in windows:
        match = _WEEKDAY_SPAN.search(text, window.start, window.end)
        if match:
            monday = start.first_day()
            first, last = _WEEKDAY_NAMES.index(match.group("a").lower()), _WEEKDAY_NAMES.index(match.group("b").lower())
            return PartialDate.of(monday + _dt.timedelta(days=first)), PartialDate.of(monday + _dt.timedelta(days=last))
    return start, end


_ORD = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)"
_DAYS_ONLY = re.compile(
    r"\b(?:on|from|between)\s+the\s+" + _ORD.format("a")
    + r"(?:(?:\s*,\s*(?:the\s+)?[0-3]?\d(?:st|nd|rd|th))*\s*(?:,?\s*and|to|until|till|-|–)\s*(?:the\s+)?" + _ORD.format("b") + r")?"
    + r"(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|with|under|and)\s)")


def narrow_month(text: str, windows: list[Span], start: PartialDate | None, end: PartialDate | None):
    """A month ("last month", "in January") narrowed by the days the text names without one
    ("The meeting was held in Damascus on the 19th and 20th")."""
    if start is None or start.day is not None or start.month is None or (end is not None and end != start):
        return start, end
    for window in windows:
        match = _DAYS_ONLY.search(text, window.start, window.end)
        if match is None:
            continue
        first, last = int(match.group("a")), int(match.group("b") or match.group("a"))
        try:
            days = _dt.date(start.year, start.month, first), _dt.date(start.year, start.month, last)
        except ValueError:
            return start, end  # "the 31st" of a month with 30 days: not this month's
        if days[0] <= days[1]:
            return PartialDate.of(days[0]), PartialDate.of(days[1])
    return start, end


def dates_in(text: str, windows: list[Span], context: DateContext, skip: list[Span], *,
             weekdays: bool = False, coming: bool = False) -> tuple[PartialDate | None, PartialDate | None]:
    """The dates of a meeting from its windows. ``weekdays``: bare weekdays ("on Saturday") are
    dated too (the last resort: read only when nothing else dates the meeting); ``coming``: an
    announced meeting, whose weekdays are the next ones after the publication date."""
    best: tuple[PartialDate | None, PartialDate | None] = (None, None)
    best_explicit = False
    for index, sentence in enumerate(windows):
        chunk = text[sentence.start : sentence.end]
        settled = index > 0 and best[0] is not None and best[0].day is not None  # a day read in an earlier window
        anchor = context.anchor_at(sentence.start)
        found = find_dates(chunk, anchor=anchor, default_year=context.default_year)
        for mention in _joined(_weekdays(found, anchor, coming) if weekdays else found, chunk):
            if mention.start is None or inside(sentence.start + mention.span.start, skip):
                continue
            if _ACTION_DAY.match(chunk, mention.span.end):
                continue
            if index > 0 and _OF_A_THING.search(chunk, 0, mention.span.start):
                continue  # a later mention's "… the plebiscite of 5 October": that thing's day, not the meeting's
            explicit = mention.kind != "relative"
            if settled and mention.start.day is None and not _within(mention, best):
                continue  # "met last weekend … to resume testing in September": another date
            if settled and not best_explicit and explicit and _apart(mention.start, best[0]):
                continue  # "held last Saturday" … "the coup of 1 February": the day read first is the meeting's
            if best[0] is None or (explicit and not best_explicit) or (explicit == best_explicit and finer(mention.start, best[0])):
                best, best_explicit = (mention.start, mention.end), explicit
        if best[0] is not None and best[0].day is not None and best_explicit:
            break
    return best


def _weekdays(mentions: tuple, anchor: PartialDate | None, coming: bool) -> tuple:
    """Bare weekdays ("hosted on Friday and Saturday") dated against a publication day: the last
    such day on or before it for a past meeting, the next one after it for an announced one; a
    weekday named after another in a run takes the first such day after that one."""
    if anchor is None or anchor.day is None:
        return mentions
    result, previous = [], None
    for mention in mentions:
        if mention.kind == "weekday" and mention.start is None and mention.weekday is not None:
            if previous is not None and mention.span.start - previous[0] <= _WEEKDAY_RUN:
                base = previous[1]
                day = base + _dt.timedelta(days=(mention.weekday - base.weekday()) % 7 or 7)
            elif coming:
                day = anchor.first_day() + _dt.timedelta(days=(mention.weekday - anchor.first_day().weekday()) % 7 or 7)
            else:
                day = anchor.first_day() - _dt.timedelta(days=(anchor.first_day().weekday() - mention.weekday) % 7)
            mention = replace(mention, start=PartialDate.of(day), end=PartialDate.of(day), kind="relative")
            previous = (mention.span.end, day)
        result.append(mention)
    return tuple(result)


_WEEKDAY_RUN = 16  # "Friday and Saturday", "Friday to Sunday": the second day follows the first


_NEAR_DAYS = 14  # a written date this close to a relative day read before it dates the same meeting


def _apart(new: PartialDate, day: PartialDate) -> bool:
    """True when a written date lies well away from a relative day already read."""
    return abs((new.first_day() - day.first_day()).days) > _NEAR_DAYS and not (
        new.first_day() <= day.first_day() <= new.last_day())


def _within(mention, best: tuple[PartialDate | None, PartialDate | None]) -> bool:
    """A date that falls inside the days already read ("last week" … "on 12 March")."""
    start, end = best
    last = (end or start).last_day()
    return start.first_day() <= mention.start.first_day() and (mention.end or mention.start).last_day() <= last


_ACTION_DAY = re.compile(r"(?:,\s+[^,.;]{1,40},)?\s+(?:as\s+|into\s+)?(?:an?|the)\s+(?:[\w\-]+\s+){0,2}(?:day|week|month|year)s?\s+of\b",
                         re.IGNORECASE)  # "declared 18 December, International Migrants Day, a day of action"
_YEAR = re.compile(r"(?<![\d/.\-])(19[0-9]{2}|20[0-9]{2})(?![\d/\-]|\.\d|\s*(?:%|per|participants|delegates|people))")


_SEASON = re.compile(r"\b(?:in|during|by)\s+the\s+(?P<season>spring|summer|autumn|fall|winter)\b|\blater\s+(?:this|in\s+the)\s+year\b", re.IGNORECASE)


def season_year(text: str, windows: list[Span], context: DateContext) -> PartialDate | None:
    """"in the autumn", "later this year": the document's year, for an announced meeting."""
    if context.default_year is None:
        return None
    for window in windows:
        season = _SEASON.search(text, window.start, window.end)
        if season is None:
            continue
        named = (season.group("season") or "").lower()
        anchor = context.anchor_at(window.start)
        if anchor is not None and anchor.month is not None and anchor.year == context.default_year \
                and _SEASON_ENDS.get(named, 13) < anchor.month:
            return PartialDate(context.default_year + 1)  # "to hold the next seminar in the spring", written in October
        return PartialDate(context.default_year)
    return None


_SEASON_ENDS = {"spring": 5, "summer": 8}  # the last month of a northern season; autumn and winter reach the year's end


def bare_year(text: str, windows: list[Span]) -> PartialDate | None:
    """A year standing alone ("in the course of 1979") — read only for announced meetings."""
    for window in windows:
        match = _YEAR.search(text, window.start, window.end)
        if match:
            return PartialDate(int(match.group(1)))
    return None


def finer(new: PartialDate, old: PartialDate) -> bool:
    """A more precise date that lies within the one already known ("this year" → "18 October")."""
    rank = (new.month is not None) + (new.day is not None), (old.month is not None) + (old.day is not None)
    return rank[0] > rank[1] and new.first_day() >= old.first_day() and new.last_day() <= old.last_day()


def ahead(text: str, draft: Mentioned, start: PartialDate | None, end: PartialDate | None,
           context: DateContext) -> tuple[PartialDate | None, PartialDate | None]:
    """An announced meeting is still to come: a day and month given without a year that fall
    before the publication date are next year's ("a youth camp on 16-17 March", announced in
    November)."""
    anchor = context.anchor
    if start is None or anchor is None or start.month is None or anchor.month is None:
        return start, end
    precision = 3 if start.day is not None and anchor.day is not None else 2  # compare as finely as both allow
    if (start.year, start.month, start.day)[:precision] >= (anchor.year, anchor.month, anchor.day)[:precision]:
        return start, end
    if any(str(start.year) in text[w.start : w.end] for w in draft.sentences):
        return start, end  # the year is written: keep what the text says
    return _next_year(start), _next_year(end)


def _next_year(day: PartialDate | None) -> PartialDate | None:
    return replace(day, year=day.year + 1) if day is not None else None
