"""Events: the meetings a declaration reports, announces or names concretely.

Reading rules (EXTRACTION.md, "Events"):

- A meeting is named by a phrase with a meeting noun (``kb/data/events.toml``): a capitalised
  name ("21st International Meeting of Communist and Workers' Parties (IMCWP)"), a quoted
  title after the noun ("the meeting “…”"), an acronym with an ordinal ("21 IMCWP"), or an
  unnamed "held a meeting". Rallies, demonstrations and state summits are not meetings.
- Mentions of one meeting join: same ordinal and series (an acronym joins a name whose
  initials it spells), or a definite back-reference ("the meeting", "last weekend's
  meeting") to the document's main meeting — the first one it reports.
- Facts come from the sentences that mention the meeting: dates (the first resolvable one,
  more precise ones winning), city ("in/at City", "City, Country", or a city inside the
  name), hosts (explicit hosting language only), counts of parties and countries.
- A meeting other than the main one is kept only when named with an ordinal, or with a date
  and a place; reported speech (long quotations) is not read for meetings.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from kb.datafiles import load
from kb.parse.cues import cues, inside, quoted_spans, speech_spans
from kb.parse.event_dates import (
    DateContext,
    ahead,
    bare_year,
    date_windows,
    dates_in,
    narrow_month,
    narrow_week,
    season_year,
)
from kb.parse.orgs import (
    conjunction, is_acronym, is_name_like, lexicon, mention_at, org_evidence, organ_owner, plain_name, prose_mentions, trim_tail,
)
from kb.places import City, capital, find_city, find_city_in, fold, is_city_name
from kb.records import Event, OrgMention, PartialDate, Span
from kb.resolve.countries import country_code, demonym_country

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}
_NUMBER_WORDS = {"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                 "ninety": 90, "hundred": 100}
_CAP = r"[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]*"
_ROMAN = r"(?=[IVX]{2,6}(?:st|nd|rd|th)?\b)X{0,3}(?:IX|IV|V?I{0,3})(?:st|nd|rd|th)?"  # "XII International Conference", "XXth MECYO"
_ORD = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)?|" + _ROMAN + "|" + "|".join(f"{w.capitalize()}|{w}" for w in _ORDINAL_WORDS) + r")"
_CONNECT = r"(?:of|and|for|the|on|against|in|with|de|del)"


@cache
def _noun_alternation(capitalised: bool) -> str:
    nouns = sorted(cues().nouns, key=len, reverse=True)
    words = [n.title() if capitalised else n for n in nouns]
    return "|".join(re.escape(w) for w in words)


#: white space within a paragraph: at most one line break. Written so that a run of blanks splits one
#: way only (``[ \t]+\n?[ \t]*`` tries every split of it, exponential in a line of two-column
#: names); it matches the same strings, trying the same ends in the same order.
_S = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
_GENRE = r"(?i:declaration|statement|resolutions?|appeal|report|communiqu[ée]|final|joint)\b"  # a text's genre is no part of a meeting's name  # white space within a paragraph: at most one line break
_VENUES = "Centre|Center|Hall|Hotel|Palace|Building|House|Complex|Room|Square|Park"


@cache
def _month_names() -> str:
    """Month names as the calendar spells them: "25 March for the … Meeting" is a date, no ordinal."""
    months = load("months")["months"]
    names = [n.title() for n in months] + [a for m in months.values() for a in m.get("abbreviations", [])]
    return "(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + ")"


@cache
def _named_pattern() -> re.Pattern[str]:
    nouns = _noun_alternation(True)
    return re.compile(
        rf"(?<![\w’'\-])(?:(?:The|the|This|this|Our|our){_S})?(?:{_ORD}{_S}(?!{_month_names()}\b))?(?P<pre>(?:(?!The\s|This\s|Our\s|{_GENRE}){_CAP}{_S}(?:{_CONNECT}{_S})*)*?)(?P<noun>{nouns})\b"
        rf"(?P<tail>{_S}(?:of|on|for|against|Of|On|For|Against){_S}(?:(?:the|a|an){_S})?{_CAP}(?:{_S}(?:{_CONNECT}{_S})*{_CAP}|,{_S}{_CAP})*)?"
        rf"(?:[ \t]*\((?P<acr>[A-Z][A-Za-z\-]{{1,12}})\))?(?!{_S}(?:{_VENUES})\b)"
    )


@cache
def _generic_pattern(named: frozenset[str] = frozenset()) -> re.Pattern[str]:
    nouns = _noun_alternation(False)
    # a capitalised noun ("The Seminar on …", "the next Conference") is a meeting too, unless
    # it may name an organisation ("the Congress") and the text names no meeting by it
    # ("the International Youth Forum … The Forum was organised by …": that meeting)
    capitalised = "|".join(re.escape(n.title()) for n in sorted(cues().nouns, key=len, reverse=True)
                           if n not in cues().ambiguous or n in named)
    return re.compile(
        rf"(?<![\w’'])(?i:(?P<det>the|this|that|a|an|our|its|their|this[ \t]+year['’]s|last[ \t]+\w+['’]s){_S})"
        rf"(?:(?!(?i:the|a|an|this|that|its|their|our)\s)[A-Za-z0-9\-]+(?:['’]s)?{_S}){{0,3}}?(?:(?P<noun>{nouns})|(?P<titled>{capitalised}))\b"
        rf"(?P<quote>[ \t]*(?:on|entitled|titled|called|under the (?:title|theme|slogan))?[ \t]*[\"“](?P<title>[^\"”\n]{{3,200}})[\"”])?"
    )


@dataclass(slots=True)
class _Draft:
    """An event being assembled from its mentions; ``sentences`` holds, for each mention, the
    window its facts are read from: from the mention to the next meeting mention or the end
    of its sentence."""

    anchor: int
    name: str | None = None
    name_span: Span | None = None
    ordinal: int | None = None
    series: str | None = None
    acronym: str | None = None
    status: str = "reported"
    sentences: list[Span] = field(default_factory=list)
    main: bool = False
    noun: str | None = None  # the meeting noun of an unnamed mention ("a three-day conference")
    noun_at: int | None = None  # where that noun is
    year: int | None = None  # a year set after the name to tell meetings of one name apart ("Brussels Conference (1965)")
    held_in: str | None = None  # the place a restrictive participle gives an unnamed mention ("the meeting held in Caracas")


def _ordinal(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.match(r"(\d+)(st|nd|rd|th)?$", text)
    if digits:  # "the 1974 conference" is a year, not the 1974th
        return int(digits.group(1)) if digits.group(2) or len(digits.group(1)) <= 3 else None
    if re.fullmatch(r"[IVX]{2,6}(?:st|nd|rd|th)?|V|X", text):  # a lone V or X only where a pattern allows it (before an acronym)
        return _roman(text.rstrip("stndrh"))
    return _ORDINAL_WORDS.get(text.lower())


def _roman(numeral: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for index, letter in enumerate(numeral):
        value = values[letter]
        total += -value if index + 1 < len(numeral) and values[numeral[index + 1]] > value else value
    return total or None


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿİ][\w’']*", name) if w[0].isupper())


def _containing(sentences: list[Span], position: int, default: Span | None = None) -> Span | None:
    """The sentence that holds ``position`` (``default`` when none does)."""
    return next((s for s in sentences if s.start <= position < s.end), default)


def _sentence_of(position: int, sentences: list[Span]) -> Span:
    """The window of a mention at ``position``: from it to the end of its sentence."""
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return Span(position, sentence.end)
    return Span(position, position)


@cache
def _body_of() -> re.Pattern[str]:
    """A body or an officer of a meeting before its name ("Organising Committee of the XII
    International Conference", "Chairman of the Conference"): not the meeting itself."""
    posts = load("posts")
    officers = sorted({p for p in posts["posts"] + posts["post_heads"] if " " not in p}, key=len, reverse=True)
    heads = "|".join(["Committee", "Commission", "Secretariat", "Bureau", "Group", "Office", "Council", "Presidium"]
                     + [re.escape(o[:1].upper() + o[1:]) for o in officers])
    return re.compile(rf"(?:[A-Z][\w’'\-]*\s+)*?(?:{heads})\s+of\s+(?:the\s+)?")


_BODY_MET = re.compile(r"\s*(?:\([^()\n]{1,20}\)\s*)?,?\s*(?:has\s+|have\s+)?(?:met|meets|convened|gathered|held\s+(?:its|a)\b)")


_YEARS_AFTER = re.compile(r"\b(?:years?|decades?|centur(?:y|ies))\s+(?:after|since|before)\s+(?:the\s+)?$", re.IGNORECASE)
# "More than one hundred and thirty years after the Berlin Conference divided Africa": history


def _named_events(text: str, sentences: list[Span], skip: list[Span]) -> list[_Draft]:
    drafts = []
    for match in _named_pattern().finditer(text):
        if inside(match.start(), skip) or not inside(match.start("noun"), sentences):
            continue  # quoted speech, or outside the body (a mail header's "Subject: …")
        ordinal = _ordinal(match.group("ord"))
        pre = match.group("pre").strip()
        body = _body_of().match(pre)
        if body:  # "Organising Committee of the XII International Conference": the body is not the meeting
            rest = text[match.start("pre") + body.end() : match.start("noun")]
            numeral = re.match(rf"(?:{_ROMAN}|\d{{1,3}}(?:st|nd|rd|th))\b", rest)
            if numeral and ordinal is None:
                ordinal = _ordinal(numeral.group())
            pre_start = match.start("pre") + body.end() + (numeral.end() if numeral else 0)
            pre_start += len(text[pre_start:]) - len(text[pre_start:].lstrip())
            if ordinal is None and not match.group("tail") and not text[pre_start : match.start("noun")].strip():
                continue  # "Chairman of the Conference": the conference it names is an anaphora
            if ordinal is None and _BODY_MET.match(text, match.end()):
                continue  # "The Working Group of the International Meeting … (IMCWP) met in Athens": the body's session
        else:
            pre_start = match.start("pre")
            lone = _LONE_NUMERAL.match(pre)
            if ordinal is None and lone and (match.group("acr") or re.search(r"\bthe\s+$", text[max(0, match.start("pre") - 5):match.start("pre")], re.I)):
                ordinal = _roman(lone.group(1))  # "The V Pan-Amazonian Social Forum (FOSPA)"
                pre_start += lone.end()
        if not pre and not match.group("tail") and ordinal is None:
            continue
        if ordinal is None and match.group("noun").lower() in cues().ambiguous and (
                not _eventful(text, match, sentences) or (_organisation_before(pre) and not _HELD_AFTER.match(text, match.end()))
                or _SPEAKS_FOR.search(text, max(0, match.start() - 40), match.start())):
            continue  # "Ghana Trades Union Congress", "to represent the Congress of Canadian Women": an organisation
        if body:
            start = match.start("pre") + body.end()
        else:
            start = match.start("ord") if match.group("ord") else match.start("pre")
        broken = text.rfind("\n", start, match.start("noun"))
        if broken != -1 and not re.search(r"[a-zà-ÿ]", text[start:broken]):  # "… PEACE, NOT OF WAR" / "International Peace
            start = broken + 1 + len(text[broken + 1 :]) - len(text[broken + 1 :].lstrip(" \t"))  # Conference": a heading above
            if ordinal is not None and match.start("ord") >= 0 and match.start("ord") < start:
                ordinal = None
        dated = re.match(rf"{_month_names()}[ \t]+(?:(?:for|at|of|in|to)[ \t]+)?(?:the[ \t]+)?(?=[A-ZÀ-Þ0-9])", text[start : match.start("noun")])
        if dated:  # "from 23 to 25 March for the Regional Meeting of …": the date is no part of the name
            start += dated.end()
        name_end = match.end("tail") if match.group("tail") else match.end("noun")
        titled = None if match.group("tail") or match.group("acr") else _TITLE_AFTER.match(text, name_end)
        if titled is not None:  # "the Fourth International Conference “Eurasia in a Multipolar World”": the title names it
            name_end = titled.end()
        home = _containing(sentences, start)
        if home is not None and name_end > home.end:  # a name never runs on into the next line's dateline
            name_end = start + len(text[start : home.end].rstrip(" \t\n,.;:"))
        when = re.search(rf"\s+(?:in|on|of)\s+{_month_names()}$", text[start:name_end])
        if when:  # "… Parties in Beirut in November": the month is no part of the name
            name_end = start + when.start()
        place = re.search(r"(?:\s+(?:in|at)|,)\s+(?P<place>[A-ZÀ-Þ][\w’'\-]*(?:\s+[A-ZÀ-Þ][\w’'\-]*){0,2})$", text[start:name_end])
        if place and find_city(place.group("place")) is not None:  # "… and the Pacific in Sydney", "…, Manila": no part of the name
            name_end = start + place.start()
        name = text[start:name_end]
        if ordinal is None and _YEARS_AFTER.search(text[max(0, start - 40) : start]) and not re.search(
                r"\d|held|took place", text[name_end : name_end + 40]):
            continue  # a historical landmark, not a meeting the text reports or refers to
        folded = " ".join(name.lower().replace("’", "'").split())
        if ordinal is None and any(re.search(rf"\b{re.escape(b)}\b", folded) for b in cues().standing_bodies):
            continue  # "the Pacific Conference of Churches": an organisation
        if ordinal is None and not match.group("tail") and _ORG_WORD_AFTER.match(text, name_end) and \
                _ORG_WORD_AFTER.match(text, name_end).group(1).lower() in lexicon().heads:
            continue  # "the … Dialogue Institute": an organisation whose name holds a meeting noun
        series_text = text[pre_start:name_end] if ordinal is not None else None
        year = _YEAR_AFTER.match(text, name_end)
        drafts.append(_Draft(
            anchor=start, name=name, name_span=Span(start, name_end), ordinal=ordinal,
            series=series_text, acronym=_own_acronym(name, match.group("acr")), sentences=[_sentence_of(start, sentences)],
            year=int(year.group(1)) if year else None,
        ))
    return drafts


_NEXT_ONE = re.compile(r"\b[Tt]he\s+next\s+one\b(?=\s+(?:will|is\s+to|shall|would|is\s+scheduled|is\s+planned))")
_TITLE_AFTER = re.compile(r"[ \t]*[\"“][A-ZÀ-Þ][^\"”\n]{2,120}[\"”]")
_ORG_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)\b")


def _own_acronym(name: str, acronym: str | None) -> str | None:
    """The acronym bracketed after a meeting's name, unless it is the organisation the name
    ends with: "Regional Meeting of the Women's International Democratic Federation (WIDF)"
    gives WIDF to the federation, not to the meeting."""
    if not acronym or initials(name) == acronym:
        return acronym
    owner = re.split(r"\s+of\s+(?:the\s+)?", name)
    return None if len(owner) > 1 and initials(owner[-1]) == acronym else acronym


_SPEAKS_FOR = re.compile(r"\b(?:represent(?:ed|ing|s)?|on\s+behalf\s+of|in\s+the\s+name\s+of|members?\s+of|"
                         r"delegations?\s+of|delegates?\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_LONE_NUMERAL = re.compile(r"(V|X)\s+(?=[A-Z][a-z])")
_EVENTFUL = re.compile(
    r"\b(?:(?<!be )held|met|took place|convened|opened|closed|gathered|ended|will be held|will take place|session|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|1[89]\d\d|20\d\d)\b"
)


# "… Youth Forum "Victory 70" was held in Moscow": an organisation is never held
_HELD_AFTER = re.compile(r"""\s*(?:["“][^"”\n]{1,60}["”]\s*)?(?:\([^()\n]{1,20}\)\s*)?,?\s*"""
                         r"(?:(?:was|were|will\s+be|is\s+to\s+be|has\s+been|had\s+been)\s+held|held\s+(?:in|at|on)|took\s+place|will\s+take\s+place)\b")


def _organisation_before(pre: str) -> bool:
    """Words before an ambiguous meeting noun that name an organisation ("Trades Union" in
    "Ghana Trades Union Congress"); "Congress of the Communist Party" has none before it."""
    return any(w.lower() in lexicon().heads for w in re.findall(r"[\w’'\-]+", pre))


def _eventful(text: str, match: re.Match[str], sentences: list[Span]) -> bool:
    """A date or a meeting verb in the sentence of a name whose noun may name an organisation."""
    sentence = _containing(sentences, match.start(), Span(match.start(), match.end()))
    return bool(_EVENTFUL.search(text, sentence.start, sentence.end))


_ORD_BEFORE_ACRONYM = _ORD[:-1] + "|V|X)"  # before a known acronym a lone V or X numbers it too ("the V FOSPA")
_NUMBERED_ACRONYM = re.compile(rf"\b(?:the|of|at|to|for)\s+(?:{_ROMAN}|V|X|\d{{1,3}}(?:st|nd|rd|th))\s+(?P<acr>[A-Z][A-Z\-]{{2,9}})\b")


def _acronyms_beside(text: str, named: list[_Draft]) -> dict[str, str]:
    """Acronyms the text gives a named meeting anywhere, a letterhead included ("ASIA-PACIFIC
    CONFERENCE ON EAST TIMOR (APCET)"), so that "the second APCET" is that series: acronym → name."""
    found: dict[str, str] = {}
    for draft in named:
        if draft.name and not draft.acronym:
            beside = re.search(re.escape(draft.name) + r"\s*\(([A-Z][A-Z\-]{1,9})\)", text, re.IGNORECASE)
            if beside and is_acronym(beside.group(1)):
                found.setdefault(beside.group(1), draft.name)
    return found


_BARE_ACRONYM_ACTS = re.compile(
    r"\s+(?:was|were)\s+(?:\w+\s+)?(?:organi[sz]ed|co-organi[sz]ed|held|hosted|convened|sponsored|attended|opened)\b"
    r"|\s+(?:opened|closed|ended|began|concluded)\b")


def _bare_acronym_events(text: str, sentences: list[Span], named: dict[str, str], skip: list[Span]) -> list[_Draft]:
    """"APCET was organised by …": an acronym the text gave a named meeting, alone as the
    subject of a meeting verb, is a mention of that meeting (its name, no edition of its own)."""
    if not named:
        return []
    pattern = re.compile(rf"(?<![\w\-])(?P<acr>{'|'.join(map(re.escape, sorted(named)))})\b")
    drafts = []
    for match in pattern.finditer(text):
        if inside(match.start(), skip) or not inside(match.start(), sentences) or not _BARE_ACRONYM_ACTS.match(text, match.end()):
            continue
        if re.search(rf"{_ORD_BEFORE_ACRONYM}[ \t]+$", text[max(0, match.start() - 20) : match.start()]):
            continue  # "the second APCET was held …": an edition, read by _acronym_events
        drafts.append(_Draft(anchor=match.start(), name=named[match.group("acr")], name_span=Span(match.start(), match.end()),
                             sentences=[_sentence_of(match.start(), sentences)]))
    return drafts


def _numbered_acronyms(text: str) -> set[str]:
    """Acronyms the text numbers as editions at least twice ("the V FOSPA" … "the IV FOSPA"):
    a meeting series known only by its acronym."""
    seen: dict[str, int] = {}
    for match in _NUMBERED_ACRONYM.finditer(text):
        if is_acronym(match.group("acr")) and not country_code(match.group("acr")):
            seen[match.group("acr")] = seen.get(match.group("acr"), 0) + 1
    return {acronym for acronym, count in seen.items() if count >= 2}


def _acronym_events(text: str, sentences: list[Span], acronyms: set[str], skip: list[Span]) -> list[_Draft]:
    if not acronyms:
        return []
    nouns = _noun_alternation(False)
    pattern = re.compile(
        rf"(?:(?<![\w\-]){_ORD_BEFORE_ACRONYM}[ \t]+)?\b(?P<acr>{'|'.join(map(re.escape, sorted(acronyms)))})\b(?P<noun>\s+(?i:{nouns})\b)?"
    )
    drafts = []
    for match in pattern.finditer(text):
        if inside(match.start(), skip) or not (match.group("ord") or match.group("noun")) or not inside(match.start(), sentences):
            continue  # quoted speech; a mail header's "To: Organising Committee 19th IMCWP"
        drafts.append(_Draft(anchor=match.start(), ordinal=_ordinal(match.group("ord")), acronym=match.group("acr"),
                             name=match.group().strip(), name_span=Span(match.start(), match.end()),
                             sentences=[_sentence_of(match.start(), sentences)]))
    return drafts


_PLANNED = re.compile(r"\s+(?:(?:originally|initially|first)\s+)?(?:planned|scheduled|foreseen|postponed|cancell?ed)\b", re.I)
def _city_adjective(words: str) -> str | None:
    """A city of note named before a meeting noun ("the Dakar meeting"), or None."""
    for word in words.split():
        if word[:1].isupper() and len(word) > 3:
            city = find_city(word, strict=True)
            if city is not None and city.population >= _NAMED_CITY_POPULATION:
                return word
    return None


# "the meeting held in Caracas on 21-22 April 2007" (a restrictive participle, no comma): one
# meeting told apart from others, not the one the text reports ("the meeting, held in Lima, …")
_HELD_THERE = re.compile(r"(?:\s+(?:on|of|for|against|in solidarity with)[ \t]+(?:[^,.;:()\n]|\n(?![ \t]*\n)){1,60}?)?"  # "the seminar on East Timor held in Lisbon"
                         r"\s+(?:(?:which|that)\s+(?:was|were)\s+)?(?:held|convened|organi[sz]ed)\s+(?:in|at)\s+(?P<place>[A-ZÀ-Þ][\w’'\-]*)")
# (a line break within the phrase, as text wraps: "the meeting of peace\nmovements held in Prague")
_APPOSED = re.compile(r"(?<![\w’'])(?:[Tt]he|[Tt]his|[Tt]hat)[ \t]+(?:[\w\-]+[ \t]+){0,2}?[A-Za-z]+[ \t]*,[ \t]*$")
_FUTURE = {"next", "future", "forthcoming", "upcoming", "following", "coming", "new", "further", "another"}
_PAST = {"last", "previous", "earlier", "past", "preceding", "former", "recent", "founding"}  # "our last meeting in X", "the founding conference of X"
_PRONOUN = re.compile(r"(?:It|This|The event)\s+(?:(?P<aux>was|is|had|has|will)|brought|gathered|took|ended|closed|opened)\b")
# after "It was", "It is", "It will": words of a meeting ("It was held", "It was the third conference", "It will take place")
_OF_A_MEETING = re.compile(
    r"(?:\s+(?:also|then|once\s+again|again|jointly))?\s+(?:be\s+)?(?:co-?)?(?:held|attended|organi[sz]ed|hosted|convened|opened|closed|"
    r"chaired|presided|take\s+place|taken\s+place|gathered|brought|met|(?:\w+ly\s+)?\w+(?:ed|en)\s+(?:by|in|at|on|from)\b|"
    r"the\s+(?:\w+[ \t]+){0,4}?(?:meeting|conference|"
    r"seminar|forum|congress|consultation|encounter|session|gathering|summit|symposium|assembly|edition)s?\b)", re.I)


def _apposed_to(text: str, at: int) -> int | None:
    """Where the definite meeting mention is that a mention at ``at`` stands in apposition to
    ("The meeting, the second consultation of its kind, …"), or None."""
    head = _APPOSED.search(text, max(0, at - 60), at)
    return head.start() if head else None


_OF_NAME_AFTER = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-ZÀ-Þ]")
_OF_MEETING_BEFORE = re.compile(r"\b(?:meetings?|sessions?|editions?|secretariat|committee|council)\s+of\s+$", re.IGNORECASE)


def _generic_events(text: str, sentences: list[Span], skip: list[Span],
                    named: frozenset[str] = frozenset()) -> list[tuple[_Draft, str]]:
    """Unnamed meetings and back-references: ``definite`` ("the meeting", "It was hosted"),
    ``indefinite`` ("a meeting") or ``future`` ("the next meeting"). ``named``: the ambiguous
    nouns ("forum", "congress") of meetings the text names."""
    result = []
    for match in _generic_pattern(named).finditer(text):
        if inside(match.start(), skip) or not inside(match.start(), sentences):
            continue  # quoted speech; a mail's "Subject: … to the 19th International Meeting"
        if match.group("titled") and match.group("titled").lower() in cues().ambiguous and (
                _OF_MEETING_BEFORE.search(text, max(0, match.start() - 40), match.start())
                or _OF_NAME_AFTER.match(text, match.end())):
            continue  # "the next meeting of the Forum": the series or body; "the Congress of Canadian Women": a name
        if _YEARS_AFTER.search(text[max(0, match.start() - 40) : match.start()]) and not re.search(
                r"\d|\b[IVX]+\b|held|took place", text[match.start() : match.end() + 40]):
            continue  # "years after the Berlin Conference divided Africa": history (not "… after the I Conference, held in …")
        det = match.group("det").lower()
        noun = "noun" if match.group("noun") else "titled"
        draft = _Draft(anchor=match.start(), sentences=[_sentence_of(match.start(), sentences)],
                       noun=match.group(noun).lower(), noun_at=match.start(noun))
        if match.group("title"):
            draft.name, draft.name_span = match.group("title"), Span(match.start("title"), match.end("title"))
            words = text[match.end("det") : match.start(noun)].split()
            if match.group("titled") and words and all(w[:1].isupper() for w in words):
                # "the International Youth Forum "Victory 70"": the name in full, title included
                start = match.end("det") + len(text[match.end("det"):]) - len(text[match.end("det"):].lstrip())
                draft.name, draft.name_span = text[start : match.end("quote")], Span(start, match.end("quote"))
        adjectives = set(text[match.end("det"):match.start(noun)].lower().split())
        ordinals = [_ordinal(a) for a in adjectives if _ordinal(a)]
        kind = "future" if adjectives & _FUTURE else ("indefinite" if det in {"a", "an"} else "definite")
        held = _HELD_THERE.match(text, match.end()) if kind == "definite" and det == "the" else None
        if held:
            kind, draft.held_in = "restricted", held.group("place")  # another meeting if one was named before it (_attach_generic)
        city_word = _city_adjective(text[match.end("det"):match.start(noun)])
        if kind == "definite" and det == "the" and city_word:  # "the Dakar meeting of African progressive forces"
            kind = "elsewhere"
            draft.name = f"{city_word} {match.group(noun)}"
        if adjectives & _PAST or _PLANNED.match(text, match.end()) or re.match(r"last\s+year", det):  # "last year's meeting in Brussels" (not "last weekend's meeting")
            kind, draft.status = "indefinite", "referenced"  # a back-reference or a plan, never the meeting reported
        if ordinals:
            draft.ordinal = ordinals[0]
            sentence = _containing(sentences, match.start(), draft.sentences[0])
            kind = "future" if cues().announce.search(text, sentence.start, sentence.end) else "indefinite"
            if _apposed_to(text, match.start()) is not None:
                kind = "apposed"  # "The meeting, the second regional consultation of its kind, was …": that meeting
        result.append((draft, kind))
    for match in _NEXT_ONE.finditer(text):  # "The previous regional meeting was held in X. The next one will take place in Y"
        if inside(match.start(), skip) or not inside(match.start(), sentences):
            continue
        before = [g for g, _ in result if g.noun and g.anchor < match.start()]
        if before:
            result.append((_Draft(anchor=match.start(), sentences=[_sentence_of(match.start(), sentences)],
                                  noun=before[-1].noun, noun_at=None), "future"))
    for sentence in sentences:
        pronoun = _PRONOUN.match(text, sentence.start)
        if pronoun and pronoun.group("aux") and not _OF_A_MEETING.match(text, pronoun.end()):
            continue  # "It is a flagrant violation …": not a meeting
        if pronoun and not inside(sentence.start, skip):
            result.append((_Draft(anchor=sentence.start, sentences=[sentence]), "definite"))
    return result


_MEETING_VERB = re.compile(
    r"\b(?:(?:met|meeting|meet|meet again|gathered|convened|assembled|came together|sat|were meeting|have met|have gathered)"
    r"\s+(?:in|at|on|from|last|this|next|over|during|yesterday|today|recently|earlier|by\s+video|via|online|virtually)|(?:held|had|hold)\s+(?:\w+\s+)?talks\s+(?:in|at|on|with))\b"
)


def _verb_events(text: str, sentences: list[Span], skip: list[Span]) -> list[tuple[_Draft, bool]]:
    """Meetings told by a verb only ("the parties met in Brussels on 11 May")."""
    found = []
    for match in _MEETING_VERB.finditer(text):
        if inside(match.start(), skip) or not inside(match.start(), sentences):
            continue  # quoted speech; noise (a newsletter's contents: "1. Pacific meeting in Auckland")
        window = _sentence_of(match.start(), sentences)
        sentence = _containing(sentences, match.start(), window)
        future = cues().announce.search(text, sentence.start, match.end())
        if not future and _BODY_WHICH_MET.search(text, max(sentence.start, match.start() - 120), match.start()):
            # "prepared by a working group of the host party …, which met in Vientiane last June": the body's meeting
            found.append((_Draft(anchor=match.start(), sentences=[window], status="referenced"), "indefinite"))
            continue
        found.append((_Draft(anchor=match.start(), sentences=[window]), "future" if future else "definite"))
    return found


_BODY_WHICH_MET = re.compile(r"\b(?:working\s+group|preparatory\s+(?:group|committee)|committee|secretariat|commission|bureau)\b"
                             r"[^.;:]{0,100}?,?\s+(?:which|that)\s+(?:had\s+)?$", re.IGNORECASE)


_YEAR_AFTER = re.compile(r"[ \t]*\((1[89]\d\d|20\d\d)\)")


def _same(a: _Draft, b: _Draft, text: str = "") -> bool:
    if a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal:
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False  # "Brussels Conference (1965)" is not "Brussels Conference (1974)"
    if a.acronym and b.acronym:
        return a.acronym == b.acronym
    for one, other in ((a, b), (b, a)):
        if one.acronym and other.series and initials(other.series) == one.acronym:
            return True
    if a.series and b.series:  # "19th Meeting" is the "19th International Meeting of …" named before it
        short, long = sorted((_key(a.series), _key(b.series)), key=len)
        return short == long or (a.ordinal is not None and len(short.split()) == 1 and short == _head_noun(long))
    if a.ordinal is not None and a.ordinal == b.ordinal and a.name and b.name:  # "XII Conference" = "XII International Conference"
        return _key(a.name).split()[-1] == _key(b.name).split()[-1]
    if a.name and b.name and a.ordinal is None and b.ordinal is None and (a.name != b.name) and \
            _key(_TITLE_AFTER.sub("", a.name)) == _key(_TITLE_AFTER.sub("", b.name)) and \
            (_TITLE_AFTER.search(a.name) is None) != (_TITLE_AFTER.search(b.name) is None):
        return True  # "International Peace Conference" over the date, and the same with its title "Baltic Sea – …"
    if a.name and b.name:  # "Conference of Arab Women in Solidarity with Lebanon" and the name in full
        short, long = sorted((_key(a.name), _key(b.name)), key=len)
        if short == long or (len(short.split()) >= _PREFIX_WORDS and long.startswith(short + " ")):
            return True
        plain, numbered = (a, b) if a.ordinal is None else (b, a)
        if (a.ordinal is None) != (b.ordinal is None) and len(_key(plain.name).split()) <= 3 and \
                f" {_key(plain.name)} " in f" {_key(numbered.name)} " and numbered.anchor < plain.anchor and \
                re.search(r"\b[Tt]he\s+$", text[max(0, plain.anchor - 6) : plain.anchor]):
            return True  # "the 11th International Meeting of …" … "the International Meeting had been held": that one
        # "Virtual Meeting of Women's Organisations of Latin America" = "Continental Meeting of Women's …"
        if (a.ordinal is None) != (b.ordinal is None) and not _words_within(*(
                (a.name, b.name) if a.ordinal is None else (b.name, a.name))):
            return False  # "International Online Meeting of …" is not the "21st International Meeting of …"
        return len(short.split()) >= 2 * _PREFIX_WORDS and _alike(a.name, b.name)
    return False


def _words_within(plain: str, numbered: str) -> bool:
    """Every word of an unnumbered meeting's name is in the numbered one's (a back-reference
    names no qualifier the edition lacks)."""
    return set(_key(plain).split()) <= set(_key(numbered).split()) | {"the"}


def _head_noun(key: str) -> str:
    """The head of a meeting's name: "meeting" in "international meeting of communist and …"."""
    words = key.split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


_PREFIX_WORDS = 4  # a name this long that begins another names the same meeting


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("’", "'")).strip()


def _merge(into: _Draft, other: _Draft) -> None:
    into.sentences.extend(other.sentences)
    into.year = into.year or other.year
    into.ordinal = into.ordinal or other.ordinal
    into.acronym = into.acronym or other.acronym
    if into.series is None or (other.series and len(other.series) > len(into.series)):
        into.series = other.series or into.series
    named_by_acronym = into.acronym and into.name is not None and into.name.split()[-1] == into.acronym
    titled = into.name is not None and other.name is not None and _TITLE_AFTER.search(other.name) is not None \
        and other.name.startswith(into.name)  # "International Peace Conference" → with its title "Baltic Sea – …"
    if other.name and (into.name is None or titled or (named_by_acronym and len(other.name) > len(into.name))):
        into.name, into.name_span = other.name, other.name_span  # "21 IMCWP" → its name in full


def collect(text: str, sentences: list[Span], *, known_acronyms: frozenset[str] = frozenset(),
            headline: Span | None = None) -> list[_Draft]:
    """Group every meeting mention of a document into drafts; the first reported one is main."""
    skip = speech_spans(text)
    named = _named_events(text, sentences, skip)
    acronyms = {d.acronym for d in named if d.acronym} | {a for a in known_acronyms if a in text and re.search(rf"\b{re.escape(a)}\b", text)}
    beside = _acronyms_beside(text, named)
    acronyms |= _numbered_acronyms(text) | set(beside)
    found = sorted(named + _acronym_events(text, sentences, acronyms, skip) + _bare_acronym_events(text, sentences, beside, skip),
                   key=lambda d: d.anchor)
    drafts: list[_Draft] = []
    for draft in found:
        if any(d.name_span and draft.name_span is None and d.name_span.start <= draft.anchor < d.name_span.end + 8 for d in drafts):
            continue
        twin = next((d for d in drafts if _same(d, draft, text)), None)
        if twin is not None:
            _merge(twin, draft)
        else:
            drafts.append(draft)
    _attach_generic(text, sentences, skip, drafts, headline, tuple(d.name_span for d in found if d.name_span))
    _such_edition(text, drafts)
    _name_the_unnamed(drafts, sentences)
    _heading_names_next(text, drafts, sentences)
    listed = [d for d in _past_meetings_listed(text, sentences, skip)
              if not any(o.anchor <= d.anchor < max(w.end for w in o.sentences) and o.name and o.anchor >= _containing(sentences, d.anchor, Span(d.anchor, d.anchor)).start
                         for o in drafts)]
    clauses = [_containing(sentences, d.anchor, Span(d.anchor, d.anchor)) for d in listed]  # their plural mention ("The previous meetings were held") is theirs
    drafts = [d for d in drafts if d.name or not any(c.start <= d.anchor < c.end for c in clauses)] + listed
    drafts.sort(key=lambda d: d.anchor)
    return drafts


_SUCH = re.compile(r"\b(?:[Ii]t|[Tt]his|[Tt]hat|[Tt]he\s+(?:meeting|conference|seminar|forum))\s+(?:was|is|has\s+been)\s+(?:only\s+)?"
                   r"(?:the\s+\S+\s+such\s+)?$")
_SUCH_AT = re.compile(r"(?:the\s+)?\S+\s+such\b")


def _such_edition(text: str, drafts: list[_Draft]) -> None:
    """"It was the second such meeting after the one held in Johannesburg": the ordinal is the
    meeting "it" stands for (the one whose window holds "It was"), not the one named after it."""
    for draft in [d for d in drafts if d.ordinal is not None and d.name is None]:
        such = _SUCH.search(text, max(0, draft.anchor - 60), draft.anchor)
        if such is None or not (such.group().rstrip().endswith("such") or _SUCH_AT.match(text, draft.anchor)):
            continue
        subject = next((d for d in drafts if d is not draft and d.ordinal is None
                        and any(w.start <= such.start() < w.end for w in d.sentences)), None)
        if subject is not None:
            subject.ordinal, draft.ordinal = draft.ordinal, None


_PLURAL_HELD = re.compile(
    r"\b(?:meetings|conferences|sessions|congresses|forums|seminars|editions)\b[^.;]{0,80}?"
    r"\b(?:were\s+held|had\s+(?:been\s+held|taken\s+place)|have\s+(?:been\s+held|taken\s+place)|took\s+place)\b",
    re.IGNORECASE,
)


def _past_meetings_listed(text: str, sentences: list[Span], skip: list[Span]) -> list[_Draft]:
    """"Previous meetings of this series were held in Istanbul (October 2012) and in Lisbon
    (November 2013)": one referenced meeting per place, each window reaching to the next place."""
    drafts = []
    for sentence in sentences:
        held = _PLURAL_HELD.search(text, sentence.start, sentence.end)
        if held is None or inside(held.start(), skip):
            continue
        places = [m for m in re.finditer(rf"\bin\s+(?P<city>{_CITY_WORD})", text[held.end() : sentence.end])
                  if find_city(m.group("city")) is not None]
        for index, place in enumerate(places):
            start = held.end() + place.start()
            end = held.end() + places[index + 1].start() if index + 1 < len(places) else sentence.end
            drafts.append(_Draft(anchor=start, status="referenced", sentences=[Span(start, end)]))
    return drafts


def _name_the_unnamed(drafts: list[_Draft], sentences: list[Span]) -> None:
    """"A three-day international conference … concluded" followed within a few sentences by
    "took part in the International Conference “Peace …”" is one meeting: the unnamed mention
    takes the name of the named one after it that has the same meeting noun."""
    for unnamed in [d for d in drafts if d.name is None and d.noun and d.status == "reported"]:
        start = next((i for i, s in enumerate(sentences) if s.start <= unnamed.anchor < s.end), None)
        if start is None:
            continue
        reach = sentences[start : start + _LEAD_SENTENCES]
        named = next((d for d in drafts if d is not unnamed and d.name and d.status == "reported"
                      and unnamed.anchor < d.anchor < reach[-1].end and unnamed.noun in _key(d.name).split()), None)
        if named is None or named.ordinal is not None and unnamed.ordinal not in (None, named.ordinal):
            continue
        _merge(unnamed, named)
        unnamed.sentences.sort(key=lambda s: s.start)
        drafts.remove(named)


_LEAD_SENTENCES = 3


def _earlier_edition(past: _Draft, coming: _Draft) -> bool:
    """``past`` is an earlier edition of the meeting ``coming`` announces: a lower ordinal and
    the same meeting noun."""
    if past.ordinal is None or coming.ordinal is None or past.ordinal >= coming.ordinal:
        return False
    return bool(_meeting_nouns(past) & _meeting_nouns(coming))


def _meeting_nouns(draft: _Draft) -> set[str]:
    return set(_key(draft.name or "").split()) & set(cues().nouns)


def _heading_names_next(text: str, drafts: list[_Draft], sentences: list[Span]) -> None:
    """A heading that is nothing but a meeting's name ("1. Meeting of Communist Parties of the
    Arab Countries") names the unnamed meeting the next sentence reports ("A meeting of the
    communist parties … was held in Aden")."""
    for named in [d for d in drafts if d.name and d.name_span is not None]:
        index = next((i for i, s in enumerate(sentences) if s.start <= named.anchor < s.end), None)
        if index is None or index + 1 >= len(sentences):
            continue
        line = sentences[index].slice(text)
        rest = (text[sentences[index].start : named.name_span.start] + text[named.name_span.end : sentences[index].end])
        if re.sub(r"[\s\d.)(\-–:]+", "", rest) or "\n" in line.strip():
            continue  # the name is not the whole line
        following = sentences[index + 1]
        unnamed = next((d for d in drafts if d.name is None and d.ordinal is None and d.status == "reported"
                        and following.start <= d.anchor < following.end and d.noun and d.noun in _key(named.name).split()), None)
        if unnamed is not None:
            _merge(named, unnamed)
            drafts.remove(unnamed)


def _named_in_passing(draft: _Draft, earlier: list[_Draft], sentences: list[Span]) -> bool:
    """True for a meeting named in the sentence of a meeting named before it ("the Students'
    Conference met in the building where, a year ago, the Asian-African Conference ..."):
    "the conference" after that sentence still means the first one. A mention of the first one
    before it in the sentence counts too ("The Conference continued the work begun at the
    Conference for a Nuclear Free Pacific")."""
    home = _containing(sentences, draft.anchor)
    return home is not None and any(
        home.start <= at < draft.anchor for other in earlier if other is not draft
        for at in [other.anchor] + [w.start for w in other.sentences])


def _alike(a: str, b: str) -> bool:
    """Two names of one meeting in other words ("South Asian Communist Parties' Consultative
    Meeting" / "Consultative Meeting of Communist Parties of South Asia"): most content words
    shared (their first five letters compared, so "Asian" meets "Asia")."""
    stop = {"of", "the", "and", "for", "in", "on", "a", "an"}
    words = [{w[:5] for w in _key(name).split() if w not in stop} for name in (a, b)]
    return bool(words[0] and words[1]) and len(words[0] & words[1]) >= 0.75 * min(len(words[0]), len(words[1]))


def _named_for_its_city(text: str, short: _Draft, full: _Draft) -> bool:
    """A headline naming the meeting by its city ("Dublin International Conference") beside
    the body's full name of a meeting held there ("The International Conference of … took
    place in Dublin"): the headline's words are the body name's, but for a city named in the
    body's sentence."""
    if not short.name or not full.name or short.ordinal is not None:
        return False
    extra = [w for w in short.name.split() if _key(w) and _key(w) not in set(_key(full.name).split())]
    if not extra:
        return False
    city = " ".join(extra)
    where = " ".join(text[s.start : s.end] for s in full.sentences[:1])
    return bool(re.search(rf"\b{re.escape(city)}\b", where)) and is_city_name(city)


def _themed(head: _Draft, body: _Draft) -> bool:
    """The body's "the international seminar on "The Global Crisis"" under a headline's
    "International Seminar …": a meeting the lead names by its theme, with the headline's noun."""
    return (body.name is not None and body.noun is not None and head.name is not None
            and body.noun in _key(head.name).split() and body.noun not in _key(body.name).split())


def _merge_headline(drafts: list[_Draft], headline: Span | None, sentences: list[Span], text: str = "") -> None:
    """A headline's meeting ("Balkan left parties meet in Thessaloniki") is the one the lead
    of the body then reports ("A meeting of left parties was held …"), unless they disagree."""
    if headline is None:
        return
    head = [d for d in drafts if headline.start <= d.anchor < headline.end]
    lead = [s for s in sentences if s.start >= headline.end][:_LEAD_SENTENCES]
    lead_end = lead[-1].end if lead else headline.end
    if not head:
        return
    first = head[0]
    body = [d for d in drafts if headline.end <= d.anchor < lead_end
            and (d.status == "reported" or (first.ordinal is not None and d.ordinal == first.ordinal))]
    if not body:
        return
    later = body[0]
    if (first.ordinal and later.ordinal and first.ordinal != later.ordinal) or (
        first.name and later.name and not _alike(first.name, later.name) and not _named_for_its_city(text, first, later)
        and not _themed(first, later)
    ):
        return
    _merge(later, first)
    drafts.remove(first)


_VERB_REACH = 60  # characters from a meeting verb to the named meeting it introduces
_COMING = re.compile(r"\b(?:will|shall|is|are|to be)\b")


def _same_kind(generic: _Draft, named: _Draft) -> bool:
    """Whether a back-reference can be the meeting named later in its sentence: named before
    it, or by the same noun or an acronym ("The meeting … the 21st IMCWP")."""
    if named.anchor < generic.anchor or not generic.noun or not named.name:
        return True
    words = _key(named.name).split()
    return generic.noun in words or bool(named.acronym and named.name.split()[-1] == named.acronym)


_PREPOSITION_BEFORE = re.compile(r"\b(?:at|from|of|since|after|before|by|than|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _object_of_another(text: str, generic: _Draft, named: _Draft, earlier: list[_Draft]) -> bool:
    """A back-reference ("The Conference") before a meeting its sentence names after a preposition
    ("… begun at the Conference for …") means the meeting of that noun named before, not that one."""
    if named.anchor <= generic.anchor or not generic.noun:
        return False
    before = text[max(generic.anchor, named.anchor - 20) : named.anchor]
    return bool(_PREPOSITION_BEFORE.search(before)) and any(
        d.name and d is not named and generic.noun in _key(d.name).split() for d in earlier)


def _attach_generic(text: str, sentences: list[Span], skip: list[Span], drafts: list[_Draft],
                    headline: Span | None = None, names: tuple[Span, ...] = ()) -> None:
    named = frozenset(w for d in drafts if d.name for w in _key(d.name).split() if w in cues().ambiguous)
    generic = sorted(_generic_events(text, sentences, skip, named) + _verb_events(text, sentences, skip), key=lambda g: g[0].anchor)
    phrases = [Span(d.anchor, d.noun_at + len(d.noun)) for d, _ in generic if d.noun_at is not None and d.noun]
    for draft, kind in generic:
        at = (draft.anchor, draft.noun_at) if draft.noun_at is not None else (draft.anchor,)
        spans = names + tuple(d.name_span for d in drafts if d.name_span)  # every named mention, merged ones too
        covered = any(span.start <= a < span.end for span in spans for a in at) or (
            draft.noun is None and any(p.start < draft.anchor < p.end for p in phrases))  # "the next meeting in Hanoi": no "meeting in" verb
        if covered:
            continue
        earlier = sorted((d for d in drafts if d.anchor <= draft.anchor and d.status != "announced"), key=lambda d: d.anchor)
        if kind == "apposed":
            head = _apposed_to(text, draft.anchor)
            owner = next((d for d in drafts if any(w.start == head for w in d.sentences)), None)
            if owner is not None:
                owner.sentences.append(draft.sentences[0])
                owner.ordinal = owner.ordinal if owner.ordinal is not None else draft.ordinal
                continue
            kind = "indefinite"
        if kind in ("elsewhere", "restricted"):  # "the Dakar meeting", "the meeting held in Tripoli": another
            # one, unless a meeting named before is there ("… Tripoli Meeting. The meeting of … held in Tripoli")
            city = draft.name.split()[0] if kind == "elsewhere" else draft.held_in
            here = any(city in text[w.start : min(w.end, draft.anchor)] for d in earlier for w in d.sentences)
            kind, draft.name = ("definite", None) if here else ("restricted", draft.name)
        restricted = kind == "restricted" and bool(earlier)
        if kind == "restricted":  # "… continues the work of the meeting held in Caracas on …": not the one named before
            kind = "indefinite" if earlier else "definite"
            draft.status = "referenced" if earlier else draft.status
        main = earlier[0] if earlier else None
        if kind == "definite" and draft.noun and not _COMING.search(text, draft.anchor, draft.sentences[0].end):
            # "the conference was organised by …": the last conference named before it; "the
            # conference will be …" stays with the text's own meeting
            same_noun = [d for d in earlier if d.name and draft.noun in _key(d.name).split()
                         and not _named_in_passing(d, earlier, sentences)
                         and not any(e.anchor < d.anchor and _earlier_edition(d, e) for e in earlier)]
            # ("The 9th Meeting … It follows the 8th Meeting … Taking part in the Meeting": the 9th)
            main = same_noun[-1] if same_noun else main
        spelled = _spelled_out(text, draft, drafts) if kind == "indefinite" and draft.ordinal is None else None
        if spelled is not None:  # "a meeting of Arab communist and left parties was held" under that name's title
            spelled.sentences.append(draft.sentences[0])
            continue
        named_here = [d for d in drafts if d.name_span is not None and _same_sentence(d, draft, sentences)]
        if kind == "definite" and named_here and not _same_kind(draft, named_here[0]):
            named_here = []  # "The two-day meeting was co-organised by …, since the 16th Congress": another one
        if kind == "definite" and named_here and _object_of_another(text, draft, named_here[0], earlier):
            named_here = []  # "The Conference continued the work begun at the Conference for a Nuclear Free Pacific"
        if kind == "definite" and named_here:
            named_here[0].sentences.append(draft.sentences[0])
            continue
        at_named = [d for d in named_here if draft.noun is None and 0 < d.anchor - draft.anchor <= _VERB_REACH]
        if at_named:  # "will meet again in Havana at the 22nd International Meeting": one meeting
            at_named[0].sentences.append(draft.sentences[0])
            continue
        if kind == "indefinite" and (draft.ordinal is None or _purpose_of(text, draft, main)) and not restricted \
                and main is not None and _same_sentence(main, draft, sentences, first_only=True) \
                and not cues().announce.search(text, main.anchor, draft.anchor):
            kind = "definite"
            if main.ordinal is None:
                main.ordinal = draft.ordinal
        if kind == "future":
            draft.status = "announced"
        if draft.name is not None or kind != "definite" or main is None:
            drafts.append(draft)
        else:
            main.sentences.append(draft.sentences[0])
    drafts.sort(key=lambda d: d.anchor)
    anchors = frozenset(d.anchor for d in drafts)
    for draft in drafts:
        sentence = _containing(sentences, draft.anchor, draft.sentences[0])
        if _announced(text, sentence, draft, anchors - {draft.anchor}):
            draft.status = "announced"
    _merge_headline(drafts, headline, sentences, text)
    _extend_back(text, drafts, sentences)
    _narrow(text, drafts)
    first = min(drafts, key=lambda d: d.anchor, default=None)
    lead = next((x for x in sentences if len(text[x.start : x.end].split()) > _LEAD_WORDS
                 and text[x.start : x.end].rstrip()[-1:] in ".!?:;"), None)
    if first is not None and first.status == "announced" and lead is not None and first.anchor < lead.end:
        return  # the text announces a meeting in its lead: the past ones it mentions are only referenced
    main = next((d for d in drafts if d.status == "reported"), None)
    if main is not None and first is not None and first.status == "announced" and _earlier_edition(main, first):
        return  # "… invite you to the 5th Conference …; the 4th Conference, held in Kerala, …": a past edition
    if main is not None:
        main.main = True


_FOR_THEIR = re.compile(r"\bfor\s+(?:their|its|the)\s+", re.IGNORECASE)


def _purpose_of(text: str, generic: _Draft, main: _Draft | None) -> bool:
    """"The parties met in Sao Paulo … for their third regional meeting": the numbered mention is
    the purpose of the unnamed, unnumbered meeting told before it in the sentence: the same one."""
    if main is None or main.ordinal is not None or main.name is not None or generic.noun in cues().sittings:
        return False  # "for its first in-person session": a sitting, not an edition
    return any(m.start() <= generic.anchor <= m.end() for m in _FOR_THEIR.finditer(text, max(0, generic.anchor - 20), generic.anchor + 8))


def _spelled_out(text: str, draft: _Draft, drafts: list[_Draft]) -> _Draft | None:
    """The reported meeting whose whole name an indefinite mention spells out in lower case
    ("a meeting of Arab communist and left parties" for "Meeting of Arab Communist and Left
    Parties"), or None."""
    for named in drafts:
        if named.name and named.status == "reported" and len(named.name.split()) >= 3:
            words = _key(text[draft.anchor : draft.anchor + len(named.name) + 4]).split()
            if words[:1] in (["a"], ["an"]) and " ".join(words[1:]).startswith(_key(named.name)):
                return named
    return None


_LEAD_WORDS = 12  # the first full sentence longer than this is a text's lead ("We have the pleasure to inform you that …")


_HAPPENED = re.compile(
    r"\b(?:(?<!be )held|took place|met|gathered|closed|ended|concluded|was attended|were attended|opened)\b"
)


def _announced(text: str, sentence: Span, draft: _Draft, anchors: frozenset[int] = frozenset()) -> bool:
    """Announcing language in the mention's sentence, before it ("decided to hold a
    conference") or after it ("the next meeting will be held"), or in any later sentence
    about it, when none of its sentences says it already happened. A later sentence that names
    another meeting ("The Encuentro decided to hold its next edition …") announces that one."""
    # up to the next meeting named after it: "… followed the 17th Meeting, held in Istanbul, and
    # … the 19th Meeting, which will take place in Russia" announces only the 19th
    end = min([a for a in anchors if draft.anchor < a < draft.sentences[0].end], default=draft.sentences[0].end)
    first = bool(cues().announce.search(text, sentence.start, end))
    later = any(cues().announce.search(text, w.start, w.end) for w in draft.sentences[1:]
                if not any(w.start < a < w.end for a in anchors))
    happened = any(_HAPPENED.search(text, w.start, w.end) for w in (sentence, *draft.sentences))
    return first or (later and not happened)


def _same_sentence(a: _Draft, b: _Draft, sentences: list[Span], *, first_only: bool = False) -> bool:
    """``b`` is named in a sentence where ``a`` is (at its first mention, or also at a later one)."""
    where = [a.anchor] + ([] if first_only else [w.start for w in a.sentences])
    return any(s.start <= b.anchor < s.end and any(s.start <= x < s.end for x in where) for s in sentences)


_BACK_VERB = re.compile(
    r"\b(?:met|meeting|gathered|convened|assembled|hosting|hosted|held|organised|organized|took place|realised|realized|"
    r"celebrated)\s*,?\s+(?:in|at|on|from)\b"
)


def _extend_back(text: str, drafts: list[_Draft], sentences: list[Span]) -> None:
    """A meeting's first window starts at the meeting verb before it in its sentence
    ("meeting in Athens on 10-11 May at a consultation"), when no other meeting is named there."""
    for draft in drafts:
        window = draft.sentences[0]
        sentence = _containing(sentences, window.start)
        # every mention of another meeting counts, also one merged into a draft named earlier
        others = {d.anchor for d in drafts if d is not draft} | {w.start for d in drafts if d is not draft for w in d.sentences}
        if sentence is None or any(sentence.start <= a < window.start for a in others):
            continue
        verb = _BACK_VERB.search(text, sentence.start, window.start)
        if verb:
            draft.sentences[0] = Span(verb.start(), window.end)


def _narrow(text: str, drafts: list[_Draft]) -> None:
    """Cut each mention's sentence to its window, so that two meetings named in one sentence
    do not share a date or a place. When a window holds an active decision ("decided to
    convene, in 1979 in Luanda, a conference") and another meeting is named after it, the
    words from the decision on belong to that later meeting; a passive one ("the Meeting …
    to be held in Havana") stays with the meeting before it."""
    starts = sorted({d.anchor for d in drafts} | {w.start for d in drafts for w in d.sentences if w.start != w.end})
    handover: dict[int, int] = {}
    for draft in drafts:
        windows = []
        own = {draft.anchor} | {w.start for w in draft.sentences}  # a window reaching back to "gathered in X for" its mention
        for window in draft.sentences:
            later = [a for a in starts if window.start < a < window.end and a not in own]
            end = later[0] if later else window.end
            cue = cues().announce_active.search(text, window.start, end)
            if cue and later:
                handover[later[0]] = min(handover.get(later[0], cue.start()), cue.start())
                end = cue.start()
            windows.append(Span(window.start, end))
        draft.sentences = windows
    for draft in drafts:
        draft.sentences = [Span(handover.get(w.start, w.start), w.end) for w in draft.sentences]


_DAYS_COUNT = r"(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|\d{1,2})"
_DURATION = re.compile(rf"\b{_DAYS_COUNT}(?:[- ]day\b|\s+days\s+of\s+(?:work|deliberations?|"
                       r"discussions?|debates?|sessions?|meetings?|talks)\b)"  # "after two days of deliberations"
                       rf"|\b(?:lasted|worked|deliberated|continued|went\s+on|sat)\s+(?:for\s+)?{_DAYS_COUNT}\s+days\b"
                       rf"|\b(?:held|met|meeting|took\s+place|ran)\s+over\s+{_DAYS_COUNT}\s+days\b",  # "was held over two days"
                       re.IGNORECASE)  # "opened on Monday 26 January … and worked for three days"


def _with_duration(text: str, draft: _Draft, start: PartialDate | None, end: PartialDate | None,
                   sentences: list[Span]) -> tuple[PartialDate | None, PartialDate | None]:
    """Combine a stated length ("the three-day forum closed on Sunday", "ended yesterday after
    two days of deliberations", "on the third and final day") with a known last day, or with a
    known first day when no other day is read ("opened on Monday 6 December")."""
    days = _length(text, draft, sentences)
    if not days:
        return start, end
    if start is not None and end is not None and start.day is not None and end.day is not None \
            and (end.first_day() - start.first_day()).days + 1 >= days:
        return start, end  # "from Monday 10 to Friday 14 April … after four days of work": a length never shortens a range
    if end is not None and end.day is not None and not (start == end and _opened_then(text, draft, sentences, start)):
        return PartialDate.of(end.first_day() - _dt.timedelta(days=days - 1)), end
    if start is not None and start.day is not None and end in (None, start):
        return start, PartialDate.of(start.first_day() + _dt.timedelta(days=days - 1))
    return start, end


def _length(text: str, draft: _Draft, sentences: list[Span]) -> int | None:
    """How many days the text says the meeting lasted."""
    for sentence in _whole(draft, sentences):
        match = _DURATION.search(text, sentence.start, sentence.end)
        if match:
            return _number(next(g for g in match.groups() if g))
    final = _FINAL_DAY.search(text) if draft.main else None
    return _ORDINAL_WORDS[final.group(1).lower()] if final else None


def _opened_then(text: str, draft: _Draft, sentences: list[Span], day: PartialDate) -> bool:
    """True when the one day read is the first ("opened on", "from Monday 6 December", "opened
    on Tuesday" when that day is a Tuesday)."""
    for sentence in _whole(draft, sentences):
        for match in _OPENED.finditer(text, sentence.start, sentence.end):
            named = match.group("weekday")
            if named is None or _WEEKDAYS.index(named.lower()) == day.first_day().weekday():
                return True
    return False


_FINAL_DAY = re.compile(r"\b(second|third|fourth|fifth|sixth|seventh)\s+and\s+(?:final|last|closing)\s+day\b", re.IGNORECASE)
_OPENED = re.compile(r"\b(?:opened|began|started|beginning|starting|from)\s+(?:on\s+)?(?:[A-Z][a-z]+day,?\s+)?(?:the\s+)?\d{1,2}(?!\d)"
                     r"(?!\s+(?:countries|parties|organi[sz]ations|delegations|states|nations|cities|continents)\b)"  # not "from 17 countries"
                     r"|\b(?:opened|began|started)\s+(?:on\s+|last\s+)?(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
                     re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_CITY_WORD = rf"(?:(?:St|Ste|Mt|Ft)\.\s*)?{_CAP}(?:(?:[ \-]|[ \t]*\n[ \t]*)(?:(?:es|de|del|la|el|do|da|di|al|an|am|upon|on)[ \-])?{_CAP}){{0,3}}"  # "St. Petersburg", "San\nFernando" (a wrapped line)
_PLACE = re.compile(
    rf"\b(?:in|at|to)\s+(?:the\s+(?:city|region|(?:{_VENUES}|University|Universidad|Université)(?:\s+{_CAP}){{0,2}})\s+of\s+)?(?P<city>{_CITY_WORD})(?:\s*,\s*(?P<country>{_CAP}(?:\s+{_CAP}){{0,2}}))?"
    rf"|\((?P<bracket_city>{_CITY_WORD})\s*,\s*(?=(?:[A-Z][a-z]+\.?\s+)?(?:\d{{1,2}}\s+)?(?:[A-Z][a-z]+\s+)?(?:1[89]|20)\d\d\b)"
    rf"|\bat\s+the\s+{_CAP}(?:\s+(?:{_CONNECT}|{_CAP}))*?\s*,\s*(?P<venue_city>{_CITY_WORD})(?:\s*,\s*(?P<venue_country>{_CAP}(?:\s+{_CAP}){{0,2}}))?"
)  # "in Dhaka, Bangladesh"; "the Second Conference (Dhaka, November 2009)"; "at the University of the South Pacific, Suva"


def _city_candidates(phrase: str) -> list[str]:
    """"Dar es Salaam Harbour" → "Dar es Salaam Harbour", "Dar es Salaam", "Dar es", "Dar"."""
    words = phrase.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1) if words[n - 1][:1].isupper()]


def _place(text: str, draft: _Draft, skip: list[Span]) -> tuple[str | None, str | None]:
    for sentence in draft.sentences:
        for match in _PLACE.finditer(text, sentence.start, sentence.end):
            group = next(g for g in ("city", "bracket_city", "venue_city") if match.group(g))
            if inside(match.start(group), skip):
                continue
            named_country = match.group("country") or match.group("venue_country")
            country = country_code(named_country) if named_country else None
            for candidate in _city_candidates(match.group(group)):
                beside = country or _country_beside(text, candidate)
                city = find_city(candidate, beside) if beside else find_city_in(candidate, _countries_named(text))
                city = city or find_city(candidate, country)
                if city is not None:
                    return candidate, country or city.country
    for sentence in draft.sentences[:1]:  # "This weekend Dushanbe welcomed the First Forum …": the city as the subject
        whole = text[max(0, sentence.start - 120) : sentence.start]
        host = _CITY_WELCOMED.search(whole)
        if host is not None and (city := find_city(host.group("city"))) is not None:
            return host.group("city"), city.country
    if draft.name:  # "the Bandung Conference": a city inside the name, if a city of note (not "the Andes" town)
        for word in re.findall(_CAP, draft.name):
            city = find_city(word, strict=True)
            if city is not None and len(word) > 3 and city.population >= _NAMED_CITY_POPULATION:
                return word, city.country
    return _country_only(text, draft, skip)


_NAMED_CITY_POPULATION = 50_000
_CITY_WELCOMED = re.compile(rf"(?P<city>{_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]+(?:welcomed|hosted|played[ \t]+host[ \t]+to|"
                            rf"was[ \t]+the[ \t]+venue[ \t]+(?:of|for))[ \t]+(?:the[ \t]+)?$")
_COUNTRY_PLACE = re.compile(
    rf"\b(?:in|at)\s+(?:the\s+capital\s+of\s+|the\s+(?P<adjective>{_CAP}(?:\s+{_CAP})?)\s+capital\b)?"
    rf"(?P<country>(?:the\s+)?{_CAP}(?:\s+(?:of\s+)?{_CAP}){{0,3}})?"
)


_CLAUSE_BETWEEN = re.compile(r"\bthat\s|,\s+(?:who|while)\b|;")  # not ", which will take place in Russia": the meeting's own


def _country_only(text: str, draft: _Draft, skip: list[Span]) -> tuple[str | None, str | None]:
    """A meeting placed by its country alone: "held in the United States" (no city), or by
    its capital: "in the capital of Uruguay", "in the Fijian capital" (the capital, as
    ``kb.places.capital`` knows it)."""
    for sentence in draft.sentences:
        for match in _COUNTRY_PLACE.finditer(text, sentence.start, sentence.end):
            if inside(match.start(), skip):
                continue
            since = draft.anchor if sentence.start <= draft.anchor < match.start() else sentence.start
            if _CLAUSE_BETWEEN.search(text, since, match.start()):
                break  # "… told the meeting that opposition to the war in Iraq …": another clause's place
            if match.group("adjective"):
                code = demonym_country(match.group("adjective"))
            elif match.group("country"):
                code = country_code(match.group("country"))
            else:
                continue
            if code:
                named_capital = match.group("adjective") or re.match(r"\s*(?:in|at)\s+the\s+capital\b", match.group())
                city = capital(code) if named_capital else None
                return (city.name if city else None), code
    return None, None


@lru_cache(maxsize=4)
def _countries_named(text: str) -> tuple[str, ...]:
    """The countries a text names, in the order it first names them ("… the oil workers of
    Trinidad and Tobago …"), to tell apart cities of one name."""
    found: dict[str, None] = {}
    for match in _COUNTRY_RUN.finditer(text):
        if match.group().isupper() and len(match.group()) >= 5:
            continue  # a shouted heading ("PORT OF SPAIN"), not a country
        code = country_code(match.group()) or next(  # "Trinidad and Tobago", else "… Jamaica" within a longer run
            (c for word in match.group().split() if word[:1].isupper() and (c := country_code(word))), None)
        if code:
            found.setdefault(code)
    return tuple(found)


_COUNTRY_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:and[ \t]+|of[ \t]+(?:the[ \t]+)?)?{_CAP}){{0,3}}")


def _country_beside(text: str, city: str) -> str | None:
    """The country the text itself gives a city elsewhere ("León, Nicaragua, 20 November
    1996", "Madras (India)"), to tell apart cities of one name."""
    at = text.find(city)
    while at != -1:
        match = _BESIDE.match(text, at + len(city))
        if match and (at == 0 or not text[at - 1].isalnum()) and (code := country_code(match.group("country"))):
            return code
        at = text.find(city, at + 1)
    return None


_BESIDE = re.compile(rf"\s*(?:,\s*|\(\s*)(?:in\s+(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?\s+)?)?"
                     rf"(?P<country>{_CAP}(?:\s+{_CAP}){{0,2}})")  # "Tripoli, Lebanon", "Tripoli, in north Lebanon"


def _whole(draft: _Draft, sentences: list[Span]) -> list[Span]:
    """The whole sentences a draft's windows lie in (hosts and counts may precede the mention)."""
    found = [s for w in draft.sentences for s in sentences if s.start <= w.start < s.end]
    return list(dict.fromkeys(found))


def _hosts(text: str, draft: _Draft, skip: list[Span], sentences: list[Span],
           others: frozenset[int] = frozenset()) -> tuple[OrgMention, ...]:
    """Organisations after a hosting cue in the sentences of the meeting's mentions, up to
    another meeting named later in the sentence ("… decided to hold its next edition in Paris
    at the invitation of X": X hosts that one)."""
    hosts: list[OrgMention] = []
    for sentence in _whole(draft, sentences):
        starts = [w.start for w in draft.sentences if sentence.start <= w.start < sentence.end]
        elsewhere = [a for a in others if sentence.start <= a < sentence.end]
        for cue in cues().hosts_before.finditer(text, sentence.start, sentence.end):
            if inside(cue.start(), skip) or not _cue_of(cue.start(), starts, elsewhere):
                continue
            guests = _INVITED_GUESTS.search(text, sentence.start, min(sentence.end, cue.end() + 2))
            if guests is not None and guests.start() < cue.start() < guests.end() and not draft.main:
                continue  # "The delegations, invited by X, …": the reported meeting's host (_inviting), not the next one named
            end = _clause_end(text, cue.end(), sentence.end)
            owner = organ_owner(text, Span(cue.end(), end))  # "the Carabobo regional committee of the X": X
            begin = owner.span.start if owner is not None else cue.end()
            named = [_without_our(text, m) for part in _along_parts(text, begin, end)
                     for m in conjunction(text, trim_tail(text, part), drop_article=True)]
            meetings = others | {draft.anchor}
            named = [m for m in named if m is not None and _is_named(m)
                     and not any(m.span.start <= a < m.span.end for a in meetings
                                 if a == draft.anchor or not _right_after(text, cue.end(), m))]
            # "…, the Encuentro of …": the meeting; but "hosting … by the Belgrade Forum for a World of Equals": who hosts is an organisation
            if any(org_evidence(m.text) for m in named):  # "organised by the PCMLE and Unidad Popular": both
                hosts.extend(m for m in named if org_evidence(m.text) or plain_name(m.text, 4))
    hosts += [m for m in _hosts_before_meeting(text, draft, sentences, skip) if _is_named(m) and org_evidence(m.text)]
    if draft.main:
        hosts += _inviting(text, sentences, skip, others)
    return tuple(dict.fromkeys(hosts))


_INVITED_GUESTS = re.compile(r"\b(?:[Tt]he|[Aa]ll\s+the)\s+(?:delegations|participants|delegates|participating\s+parties|guests)\s*,?\s+"
                             r"(?:who\s+(?:were|had\s+been)\s+)?invited\s+by\s+")


def _inviting(text: str, sentences: list[Span], skip: list[Span], others: frozenset[int]) -> list[OrgMention]:
    """"The delegations, invited by the Sandinista National Liberation Front (FSLN), represented
    19 parties": who invited those taking part hosts the meeting the text reports (in a sentence
    that names no other meeting)."""
    found = []
    for sentence in sentences:
        for cue in _INVITED_GUESTS.finditer(text, sentence.start, sentence.end):
            if inside(cue.start(), skip) or any(sentence.start <= a < cue.start() for a in others):
                continue  # (a meeting named before the cue in its sentence is whom the cue speaks of)
            end = _clause_end(text, cue.end(), sentence.end)
            found += [m for m in conjunction(text, trim_tail(text, Span(cue.end(), end)), drop_article=True)
                      if _is_named(m) and org_evidence(m.text)]
    return found


def _right_after(text: str, at: int, mention: OrgMention) -> bool:
    """Whether a mention is the first words after a hosting cue ("hosted by [the] X")."""
    return re.fullmatch(r"\s*(?:the\s+)?", text[at : mention.span.start], re.IGNORECASE) is not None


def _cue_of(at: int, own: list[int], others: list[int]) -> bool:
    """Whether a hosting cue at ``at`` speaks of the meeting mentioned at ``own`` rather than of
    another one in the sentence: the nearest meeting mentioned before the cue ("the Meeting,
    held at the invitation of X, in the framework of the Forum": X hosts the Meeting), or the
    first one after it when none comes before ("Under the auspices of X, the Meeting …")."""
    before_own = max((a for a in own if a < at), default=None)
    before_other = max((a for a in others if a < at), default=None)
    if before_own is not None or before_other is not None:
        return before_own is not None and (before_other is None or before_own > before_other)
    after_own = min((a for a in own if a >= at), default=None)
    return after_own is not None and all(a > after_own for a in others if a >= at)


def _along_parts(text: str, begin: int, end: int) -> list[Span]:
    """The names after a hosting cue, split where more hosts join them ("X together with Y")."""
    parts, start = [], begin
    for along in cues().hosts_along.finditer(text, begin, end):
        parts.append(Span(start, along.start()))
        start = along.end()
    return [*parts, Span(start, end)]


_HOSTED_REACH = 12  # characters between "X hosted" and the meeting's mention ("hosted the …")


def _hosts_before_meeting(text: str, draft: _Draft, sentences: list[Span], skip: list[Span]) -> list[OrgMention]:
    """"The Communist Party of Australia hosted the Regional Meeting …", "X held its 6th
    congress": the organisation right before a hosting verb whose object is this meeting."""
    found = []
    mentions_at = [draft.anchor] + [w.start for w in draft.sentences]
    for sentence in _whole(draft, sentences):
        for cue in [*cues().hosts_after.finditer(text, sentence.start, sentence.end),
                    *_HOSTED_WHEN.finditer(text, sentence.start, sentence.end)]:  # "hosted on Friday and Saturday the …"
            if inside(cue.start(), skip) or not any(cue.start() <= at <= cue.end() + _HOSTED_REACH for at in mentions_at):
                continue
            before = [m for m in prose_mentions(text, Span(sentence.start, cue.start()))
                      if not text[m.span.end : cue.start()].strip(" ,")]
            found += before[-1:]
        for cue in _ACTED_AS_HOST.finditer(text, sentence.start, sentence.end):  # "… of the BTI, which acted as host"
            before = [m for m in prose_mentions(text, Span(sentence.start, cue.start())) if m.span.end == cue.start()]
            found += before[-1:]
    return found


_HOSTED_WHEN = re.compile(r"\b(?:hosted|organi[sz]ed)\s+(?:on|over|during|last|this|from|in)\s+"
                          r"(?=[^.;:()]{0,60}?(?:day|week|\d|January|February|March|April|May|June|July|August|"
                          r"September|October|November|December))[^.;:()]{1,80}?[\s,](?:the|its|this|an?)\b")
# "X hosted on the 4th and 5th of June, in San Salvador, the 3rd Meeting …", "X hosted in Minsk, on 5th
# and 6th November 1997, an international conference …"
_ACTED_AS_HOST = re.compile(r"(?=,\s*(?:which|who)\s+(?:(?:acted|served|was|were)\s+(?:as\s+)?(?:the\s+)?hosts?\b"
                            r"|(?:hosts|hosted|is\s+hosting|was\s+hosting)\s+(?:the|this|our)\s+(?:\w+\s+)?(?:meeting|conference)\b))")


_OUR = re.compile(r"our\s+[a-z]+,\s+")


def _without_our(text: str, mention: OrgMention) -> OrgMention | None:
    """"our organisation, the Socialist Youth Union (SYU)": the name after the author's own words."""
    own = _OUR.match(mention.text)
    return mention_at(text, mention.span.start + own.end(), mention.span.end, drop_article=True) if own else mention


def _is_named(mention: OrgMention) -> bool:
    first = mention.text.split()[0] if mention.text.split() else ""
    return first[:1].isupper() and not mention.text.lower().endswith((" parties", " parties'"))


_CLAUSE_END = re.compile(r"[;:!?]|(?<![A-Z])\.(?![A-Z]\.)|,\s+(?:and\s+)?(?=[a-z])(?!our\s+[a-z]+,\s|the\s+[A-Z])"
                         r"|\s+(?:and|to|on|in|at|for|with)\s+(?=[a-z])(?!the\s|our\s+[a-z]+,\s|an?\s+[A-Z])"  # "… and our party, the X"; "Forum for a World of Equals"
                         r"|\s+(?:will|has|have|was|were|is)\b")


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where the names after a hosting cue end: at punctuation, a verb, a lower-case clause, or
    the next hosting cue ("hosted by X under the auspices of Y": Y is read from its own cue)."""
    match = _CLAUSE_END.search(text, start, limit)
    end = match.start() if match else limit
    cue = cues().hosts_before.search(text, start, end)
    return cue.start() if cue else end


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_COUNT = (r"(?P<{name}>\d[\d,]*|(?:" + _TENS + r")[\-\s](?:" + _UNITS + r")\b|"  # "twenty-four"
          + "|".join(_NUMBER_WORDS) + r")")


_PERSONS = r"(?:delegates|representatives|participants|people|persons|members|comrades|guests|activists|workers|observers|women|men|students|militants|leaders|unionists|youths)"
_ABOUT = r"(?:over|more than|some|about|around|nearly|almost|at least|a total of|up to)?\s*"


_COUNTRIES = re.compile(r"\bfrom\s+" + _ABOUT + _COUNT.format(name="c") + r"\s+(?:[A-Za-z\-]+\s+){0,2}?countries\b", re.IGNORECASE)


def _count_pattern() -> re.Pattern[str]:
    nouns = "|".join(cues().count_nouns)
    return re.compile(
        _ABOUT + _COUNT.format(name="n") + rf"\s+(?:(?!{_PERSONS}\b(?!['’])|countries\b)(?:[A-Za-z’'\-]+|(?-i:[a-z][a-z’'\-]*),)\s+){{0,6}}?(?:{nouns})\b"  # "21 communist, revolutionary and … parties"
        r"(?:(?:,|\s+and|,\s+and)\s+(?!(?:from|representing|in|of)\b)[a-z][\w\-]*(?:\s+(?!(?:from|representing|in|of)\b)[a-z][\w\-]*)?){0,5}(?:,?\s+(?:from|representing|in|of|and)\s+" + _ABOUT + _COUNT.format(name="c")
        + r"\s+(?:[A-Za-z\-]+\s+){0,2}?countries)?",
        re.IGNORECASE,
    )


_COUNT_CUE = re.compile(r"\b(?:attend|particip|took\s+part|take\s+part|present|presence|gather|represent|came|brought\s+together"
                        r"|bring\s+together|assembl|met\b|join(?:ed|s)?\b|sen(?:t|ds?)\s+(?:\w+\s+)?(?:delegat|representativ)"
                        r"|connected\s+to|^\s*(?:in\s+all|in\s+total|altogether)\b"  # "In all, sixteen organisations of eleven countries."
                        r"|\b(?:parties|organi[sz]ations|movements|delegations)\s+from\s+(?:\w+\s+){1,3}countries\b)",  # "parties from eleven African countries ended a meeting"
                        re.IGNORECASE)


def _counts(text: str, draft: _Draft, sentences: list[Span], others: list[_Draft] = ()) -> tuple[int | None, int | None]:
    """Organisations and countries the text counts for the meeting (never delegates); for the
    main meeting, also from sentences that only say who took part and report no other meeting."""
    own = _whole(draft, sentences)
    taken = {s for other in others for s in _whole(other, sentences)}
    candidates = own + ([s for s in sentences if s not in own and s not in taken] if draft.main else [])
    if draft.main:  # "… from 11 countries took part in its work, two years after the conference held in Gdańsk": the
        candidates += [Span(s.start, min(o.anchor for o in others if s.start <= o.anchor < s.end))  # words before the other
                       for s in sentences if s in taken and s not in own and any(s.start <= o.anchor < s.end for o in others)]
    if not draft.main and draft.status == "referenced":  # "38 parties … took part in the Conference, which continued
        candidates = list(draft.sentences)                # the work of the round table held in Moscow": not the round table's
    main_at = [o.anchor for o in others if o.main] if not draft.main else []
    for sentence in candidates:
        chunk = text[sentence.start : sentence.end]
        if not _COUNT_CUE.search(chunk):
            continue
        if any(sentence.start <= at < sentence.end for at in main_at):
            continue  # "72 parties … gathered in the II Conference, two years after the I Conference": the II's
        countries = _COUNTRIES.search(chunk)
        for match in _count_pattern().finditer(chunk):  # "from fourteen countries, representing 22 unions"
            return _number(match.group("n")), _number(match.group("c") or (countries and countries.group("c")))
        if countries:
            return None, _number(countries.group("c"))
    return None, None


def _number(word: str | None) -> int | None:
    if not word:
        return None
    digits = word.replace(",", "")
    if digits.isdigit():
        return int(digits)
    compound = re.fullmatch(rf"({_TENS})[\-\s]({_UNITS})", word.lower())
    if compound:  # "twenty-four"
        return _NUMBER_WORDS[compound.group(1)] + _UNITS.split("|").index(compound.group(2)) + 1
    return _NUMBER_WORDS.get(word.lower())


_INTO_NAME = re.compile(r"(?:19|20)\d\d,?\s+(?:for|at|during)\s+(?:the\s+)?$")


def _date_into(text: str, draft: _Draft, sentences: list[Span],
               context: DateContext) -> tuple[PartialDate | None, PartialDate | None] | None:
    """The dates of a full date that leads straight into a meeting's name ("gathered in Bucharest
    from 31 March to 1 April 2008 for the International Conference …"), or None."""
    if draft.name_span is None:
        return None
    for at in [draft.anchor] + [w.start for w in draft.sentences]:
        home = _containing(sentences, at)
        if home is None or not _INTO_NAME.search(text, max(home.start, at - 60), at):
            continue
        found = dates_in(text, [Span(max(home.start, at - 80), at)], context, speech_spans(text))
        if found[0] is not None and found[0].day is not None:
            return found
    return None


def build_events(text: str, drafts: list[_Draft], context: DateContext, sentences: list[Span]) -> list[tuple[Event, bool]]:
    """Events from drafts, with whether each is the document's main meeting."""
    skip = speech_spans(text) + quoted_spans(text)
    events = []
    placed: dict[int, tuple] = {}  # draft anchor -> its city, country and start
    # meetings named as the setting of another ("…, in the frame of the World Social Forum, at the
    # invitation of X"): X hosts the other one
    settings = {d.anchor for d in drafts if _setting_of(text, d, drafts, sentences) is not None}
    for draft in drafts:
        # the words after each mention first; the start of its sentence only when they hold no date
        # (or when a date leads straight into the name: "… from 31 March to 1 April 2008 for the Conference")
        found = _date_into(text, draft, sentences, context) or dates_in(text, draft.sentences, context, speech_spans(text))
        for weekdays in (False, True):  # a bare "on Friday and Saturday" only when nothing else dates it
            if found[0] is None:
                found = dates_in(text, date_windows(draft, drafts, sentences), context, speech_spans(text),
                                 weekdays=weekdays, coming=draft.status == "announced")
        start, end = narrow_month(text, _whole(draft, sentences), *narrow_week(text, _whole(draft, sentences), *found))
        if start is None and draft.status == "announced":
            start = end = bare_year(text, draft.sentences) or season_year(text, draft.sentences, context)
        if start is None and draft.status == "announced":  # "To hold, in the autumn of 2024, a conference …"
            wide = date_windows(draft, drafts, sentences)
            start = end = bare_year(text, wide) or season_year(text, wide, context)
        if draft.year is not None and (start is None or start.year != draft.year):
            start = end = PartialDate(draft.year)  # "Berlin Conference (1976)": its year, whatever else its window holds
        start, end = _with_duration(text, draft, start, end, sentences)
        if draft.status == "announced":
            start, end = ahead(text, draft, start, end, context)
        city, country = _place(text, draft, skip)
        lead = next(((w, found) for w in draft.sentences if (found := _lead_dateline(text, w.start))), None) if draft.main else None
        if lead is not None and fold(lead[1].name) != fold(city or "") and _place(
                text, replace(draft, sentences=[lead[0]], name=None), skip)[0] is None:
            # "QUEZON CITY - The 2nd Conference was held on 4-5 November at the University …":
            # the dateline of the meeting's own lead places it, not a city a later sentence names
            city, country = _as_written(text[lead[1].start : lead[1].end], lead[1].city), lead[1].city.country
        if city is None and (around := _setting_of(text, draft, drafts, sentences)) is not None:
            # "held in Belém in January 2009 together with the World Social Forum": the forum was
            # there then (its month: the meeting's own days need not be the forum's)
            city, country, when = placed.get(around.anchor, (None, None, None))
            if start is None and when is not None:
                start = end = PartialDate(when.year, when.month)
        placed[draft.anchor] = (city, country, start)
        if not draft.main and draft.ordinal is None and not (start and city) and not (
                draft.status == "announced" and (city or (country and start))):
            continue  # (an announced "next meeting in Nepal in 1987" is one, by its country and year)
        if not draft.main and draft.name is None and draft.noun in cues().sittings and start is None and city is None:
            continue  # "In the first session the delegates heard …": a sitting of the meeting reported
        participants, countries = _counts(text, draft, sentences, [d for d in drafts if d is not draft])
        series = _series_name(draft)
        event = Event(
            name=draft.name, name_span=draft.name_span, ordinal=draft.ordinal, series=series,
            series_acronym=draft.acronym if series else None, start=start, end=end, city=city, country=country,
            hosts=() if draft.anchor in settings else _hosts(
                text, draft, speech_spans(text), sentences,
                frozenset(at for d in drafts if d is not draft and d.anchor not in settings
                          for at in (d.anchor, *(w.start for w in d.sentences)))),
            participant_count=participants, country_count=countries,
            status=draft.status if draft.main or draft.status == "announced" else "referenced",
            evidence=tuple(sorted(set(draft.sentences))),
        )
        events.append((event, draft.main))
    return _held_here(text, _in_named_series(_retold(events)))


_HERE_HELD = re.compile(r"\b(?:held|took\s+place|met|convened)\s+here\b", re.IGNORECASE)


def _held_here(text: str, events: list[tuple[Event, bool]]) -> list[tuple[Event, bool]]:
    """"… one year after the first conference held here in December 2002": an earlier meeting
    "held here" was where the reported one is."""
    main = next((event for event, is_main in events if is_main), None)
    if main is None or main.city is None:
        return events
    return [(replace(event, city=main.city, country=main.country) if not is_main and event.city is None
             and any(_HERE_HELD.search(text, w.start, w.end) for w in event.evidence[:1]) else event, is_main)
            for event, is_main in events]


def _in_named_series(events: list[tuple[Event, bool]]) -> list[tuple[Event, bool]]:
    """"The parties agreed that the 19th Meeting will be held in Russia" in the report of the
    "18th International Meeting of …": an edition named by its head noun alone (or the first
    words of the series' name, "12th International Meeting") belongs to the one series the text
    names in full with that head, and takes its full name."""
    full = {event.series for event, _ in events if event.series and len(event.series.split()) > 1}
    for event, is_main in list(events):
        if event.ordinal is None or not event.series or not event.name:
            continue
        heads = [series for series in full if _head_noun(_key(_TITLE_AFTER.sub("", series))) == _key(event.series)
                 or _key(series).startswith(_key(event.series) + " ")]  # "12th International Meeting" of the series named in full
        if len(heads) != 1:
            continue
        series = heads[0]
        sibling = next(e for e, _ in events if e.series == series)
        number = event.name.split()[0]
        renamed = replace(event, series=series, series_acronym=event.series_acronym or sibling.series_acronym,
                          name=f"{number} {series}" if event.name.split()[1:] == event.series.split() else event.name)
        events = [(renamed if e is event else e, m) for e, m in events]
    return events


@dataclass(frozen=True, slots=True)
class _Lead:
    start: int
    end: int
    city: City

    @property
    def name(self) -> str:
        return self.city.name


_LEAD_DATELINE = re.compile(r"(?P<place>[A-ZÀ-ÞİÇŞĞÖÜ][\w'’.\-]+(?:[ \-][A-ZÀ-ÞİÇŞĞÖÜ][\w'’.\-]+){0,2})"
                            r"(?:,[^\n—–]{0,40}?)?[ \t]+[—–-]{1,2}[ \t]+(?:(?i:the)[ \t]+)?")


def _lead_dateline(text: str, start: int) -> _Lead | None:
    """The city of a wire-style dateline opening the line a mention starts on ("QUEZON CITY - The
    2nd Conference …", "ACCRA, March 3 — The meeting …"), or None."""
    line_start = text.rfind("\n", 0, start) + 1
    match = _LEAD_DATELINE.fullmatch(text, line_start, start)
    city = find_city(match.group("place")) if match else None
    return _Lead(match.start("place"), match.end("place"), city) if city is not None else None


_SETTING_GAP = re.compile(r"\s*(?:the\s+)?$")


def _setting_of(text: str, draft: _Draft, drafts: list[_Draft], sentences: list[Span]) -> _Draft | None:
    """The meeting named before this one in its sentence when this one is its setting ("the
    Meeting, held in Belém, in the framework of the IX World Social Forum"), or None."""
    sentence = _containing(sentences, draft.anchor)
    if sentence is None:
        return None
    cue = None
    for cue in cues().settings.finditer(text, sentence.start, draft.anchor):
        pass
    if cue is None or not _SETTING_GAP.match(text[cue.end() : draft.anchor]):
        return None
    before = [d for d in drafts if sentence.start <= d.anchor < cue.start()]
    return before[-1] if before else None


def _same_days_and_city(event: Event, main: Event) -> bool:
    return (main.start is not None and main.start.day is not None and main.city is not None and event.city is not None
            and (event.start, event.end) == (main.start, main.end) and fold(event.city) == fold(main.city))


def _same_edition(event: Event, main: Event) -> bool:
    """"el II Encuentro Regional …, en Tapachula" and "the Second Regional Meeting … in Tapachula"
    (a text in two languages): the same edition, where the place, if both give one, agrees."""
    if main.ordinal is None or event.ordinal != main.ordinal:
        return False
    return not (event.city and main.city) or fold(event.city) == fold(main.city)


def _retold(events: list[tuple[Event, bool]]) -> list[tuple[Event, bool]]:
    """A report that then reproduces the meeting's own communiqué tells the meeting twice ("a
    two-day meeting in Dar es Salaam" ... "A consultative meeting ... was held in Dar es Salaam
    on 4th and 5th March"): a past meeting on the main one's days, in its city, is the main one."""
    main = next((event for event, is_main in events if is_main), None)
    if main is None:
        return events
    same = [event for event, is_main in events if not is_main and event.status != "announced"
            and (_same_days_and_city(event, main) or _same_edition(event, main))
            and (not event.name or not main.name or event.ordinal is not None or _alike(event.name, main.name))]
    if not same:
        return events
    merged = main
    for event in same:
        merged = replace(
            merged, name=merged.name or event.name, name_span=merged.name_span or event.name_span,
            ordinal=merged.ordinal or event.ordinal, series=merged.series or event.series,
            start=merged.start or event.start, end=merged.end if merged.start else event.end,
            city=merged.city or event.city, country=merged.country if merged.city else event.country or merged.country,
            series_acronym=merged.series_acronym or event.series_acronym,
            hosts=tuple(dict.fromkeys(merged.hosts + event.hosts)),
            participants=tuple(dict.fromkeys(merged.participants + event.participants)),
            participant_count=merged.participant_count or event.participant_count,
            country_count=merged.country_count or event.country_count,
            evidence=tuple(sorted(set(merged.evidence + event.evidence))),
        )
    return [(merged if event is main else event, is_main) for event, is_main in events
            if not any(event is other for other in same)]


def _series_name(draft: _Draft) -> str | None:
    if draft.ordinal is None:
        return None
    if draft.series:
        return re.sub(r"\s*\([A-Z][A-Za-z\-]*\)$", "", draft.series).strip() or draft.acronym
    return draft.acronym if draft.acronym and is_acronym(draft.acronym) else None


_HOSTS_TOOK_PART = re.compile(
    r"\b(?:together|along)\s+with\s+the\s+host(?:s\b|ing\s+\w+|\s+(?:parties|party|organi[sz]ations?|unions?)\b)"
    r"|\bthe\s+host(?:s|\s+parties|\s+party)\s+(?:also\s+)?(?:took\s+part|participated|attended)\b"
    r"|\b(?:in\s+addition\s+to|besides|apart\s+from|as\s+well\s+as)\s+(?:(?:our|the)\s+\w+\s+and\s+)?the\s+(?:\w+\s+)?"
    r"host(?:s\b|\s+(?:parties|party|organi[sz]ations?)\b)", re.IGNORECASE)  # "Besides our party and the hosts, …"


def hosts_take_part(text: str, event: Event | None) -> Event | None:
    """"Delegations from A and B took part, together with the host parties": the hosts are
    participants too."""
    if event is not None and event.hosts and _HOSTS_TOOK_PART.search(text):
        return replace(event, participants=tuple(dict.fromkeys(event.participants + event.hosts)))
    return event


def without_bare_acronyms(mentions: tuple[OrgMention, ...]) -> tuple[OrgMention, ...]:
    """"LCP" beside "Lebanese Communist Party [LCP]" (a speaker's party named again by its
    acronym): one organisation, listed once, by its fuller mention."""
    bracketed = {m.group(1) for x in mentions for m in re.finditer(r"[(\[]\s*([^()\[\]]+?)\s*[)\]]", x.text)}
    return tuple(m for m in mentions if not (is_acronym(m.text) and m.text in bracketed))


def finish_main(event: Event, participants: tuple[OrgMention, ...], dateline_place: str | None,
                dateline_days: tuple[PartialDate, PartialDate] | None = None, *,
                closing: PartialDate | None = None, text: str | None = None) -> Event | None:
    """The main meeting with its participants; ``None`` when nothing but a name supports it.
    A supported main meeting with no place of its own takes the dateline's city, and with no
    date of its own the days a dateline spans ("Managua, 4-5 of November 1988"), or else the
    day under a text it adopted (``closing``, :func:`_closed_on`)."""
    event = replace(event, participants=tuple(dict.fromkeys(event.participants + participants)))
    supported = event.start or event.city or event.hosts or event.participants or event.participant_count or event.ordinal
    if not supported:
        return None
    if event.start is None and dateline_days is not None:
        event = replace(event, start=dateline_days[0], end=dateline_days[1])
    if event.start is None and closing is not None and text is not None:
        event = _closed_on(text, event, closing)
    here = text is not None and (any(_HERE.search(text, w.start, w.end) for w in event.evidence[:1]) or _here_after(text, dateline_place))
    city = find_city(dateline_place) if dateline_place and (event.city is None or here) else None
    if city and here:  # "LENINGRAD -- … met in this city": the dateline's city, whatever city a later sentence names
        return replace(event, city=_as_written(dateline_place, city), country=city.country)
    return replace(event, city=_as_written(dateline_place, city), country=event.country or city.country) if city else event


def _here_after(text: str, place: str | None) -> bool:
    """"MINSK, Belarus — Representatives of 72 parties … met here": the lead sentence under the
    dateline says the meeting was at the dateline's place."""
    at = text.find(place) if place else -1
    if at < 0:
        return False
    stop = text.find("\n\n", at)
    lead = text[at : stop if stop != -1 else len(text)]
    first = re.search(r"[.!?](?:\s|$)", lead)
    return _HERE.search(lead[: first.end() if first else len(lead)]) is not None


_HERE = re.compile(r"\b(?:in|to)\s+this\s+city\b|\b(?:met|held|meeting|ended|opened|closed|began|gathered)\s+here\b", re.IGNORECASE)


_ADOPTED = re.compile(r"\b(?:adopted|approved)\b", re.IGNORECASE)


def _closed_on(text: str, event: Event, day: PartialDate) -> Event:
    """A meeting that adopted the text dated under it ("After four days of work, the Conference
    at its closing session adopted the following …" / "14 July 1962") ended that day: with a
    stated length its days are known; without one, only its month."""
    whole = [Span(max(text.rfind(".", 0, s.start), text.rfind("\n\n", 0, s.start)) + 1, s.end) for s in event.evidence]
    if day.day is None or not any(_ADOPTED.search(text, s.start, s.end) for s in whole):
        return event
    length = next((_number(next(g for g in m.groups() if g)) for s in whole if (m := _DURATION.search(text, s.start, s.end))), None)
    if length:
        return replace(event, start=PartialDate.of(day.first_day() - _dt.timedelta(days=length - 1)), end=day)
    month = PartialDate(day.year, day.month)
    return replace(event, start=month, end=month)


def _as_written(mention: str, city: City) -> str:
    """A city as the text names it, but in the usual case when the text shouts it ("VALENCIA,
    Nov. 19" is Valencia): the gazetteer's spelling when it is the same name."""
    if not mention.isupper():
        return mention
    return city.name if fold(city.name) == fold(mention) else mention.title()
