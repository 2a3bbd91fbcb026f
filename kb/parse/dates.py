"""Find and parse English date expressions, keeping exact offsets into the original text.

Implements the "Dates" rules of ``EXTRACTION.md`` (Events → Dates, The statement → date):
full dates, ranges, months and years as :class:`~kb.records.PartialDate`, a missing year taken
from the document, relative dates resolved against a printed or published date and left
empty when there is none.

What is read, and how
---------------------
* **Spans.** ``text[m.span.start:m.span.end] == m.text``, always. A span holds the date
  expression itself: a leading "the" or weekday that belongs to it is kept ("the 4th of
  November 2007", "Saturday, 19 October 2019", "the year 2007", "the month of November");
  the preposition that only signals a date is not ("in 1996" → "1996", "on 18, 19 and 20
  October" → "18, 19 and 20 October", "in June last year" → "June last year").
* **Kinds.** ``date`` (one day), ``range`` (first to last day; a list of days such as
  "18, 19 and 20 October" counts as a range from the first to the last), ``timestamp`` (a
  date with a clock time, as publishers print them), ``month``, ``year``, ``relative`` and
  ``weekday`` (a bare "Sunday": ``weekday`` set, ``start``/``end`` empty, for combining clues
  later).
* **Month names** are read in Title or UPPER case only (``kb/data/months.toml``), so the verb
  "may" is never a month. A month alone ("in June", "the month of November") needs a
  preposition or "the month of" before it.
* **Bare years** are read only after a preposition (in, since, until, by, during, before,
  after, from, throughout, optionally with early/mid/late) or as "the year 2007", and only in
  1500–2199; "100th anniversary" and "over 5000 participants" are not years.
* **Missing years** come from ``default_year``, else from ``anchor.year``; with neither, the
  mention is still returned with ``start = end = None`` and ``year_given = False``. A range
  that crosses a new year and states no year at all ("30 December to 2 January") is left
  unresolved rather than guessed.
* **Numeric dates.** ISO ``2019-10-18`` is read as is. A slash date with a 12-hour clock
  ("11/1/19, 3:19 PM") is a US publisher timestamp: month/day. Without a 12-hour clock a
  slash date is ambiguous: it is resolved only when one of day/month and month/day is
  impossible ("25/12/2019"), else ``start = end = None``. A dotted date ("18.10.2019") is
  day.month.year, and so are dotted ranges ("27.06 to 29.06.1986", "27.-29.06.1986"). Two-digit years 00–69 are 2000–2069, 70–99 are 1970–1999.
* **Relative dates** (kind ``relative``) are resolved against ``anchor`` only when it is
  precise enough, never guessed: "today", "yesterday", "tomorrow", "last/this/next week",
  "last/this weekend", "last Sunday" need a day; "last/next month", "last June", "next June"
  need a month; "this/last/next year", "this June", "June last year" need a year. Weeks run
  Monday to Sunday. "last weekend" is the Saturday–Sunday whose Sunday is the last Sunday
  strictly before the anchor day. "last June" is the most recent June strictly before the
  anchor's month; "June last year" is June of the year before the anchor's (the two differ
  when the anchor is after June). "next weekend", "this Sunday" and "next Sunday" are found
  but never resolved: speakers use them for different days. "the last week of May" and "the
  last year" are not relative dates.
* **Weekdays** printed with a date are kept in ``weekday`` and not checked against it.

Errors: :func:`parse_date` and :func:`resolve_relative` raise
:class:`~kb.errors.DateParseError` (with ``text`` the expression) for text that is not a date
expression and for impossible dates ("31 February 2013", "30-31 February", a range that ends
before it starts). :func:`find_dates` never raises: it skips impossible dates, and a shorter
date inside an impossible one ("February 2013" in "31 February 2013") is skipped with it.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from kb.datafiles import load
from kb.errors import DateParseError
from kb.records import PartialDate, Span

KINDS = ("date", "range", "timestamp", "relative", "month", "year", "weekday")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text, and what it resolves to."""

    span: Span  # text[span.start:span.end] is the matched expression, exactly
    text: str
    start: PartialDate | None  # None when it cannot be resolved (no year, no anchor, ambiguous)
    end: PartialDate | None  # same as start for a single date; last day of a range
    kind: str  # one of KINDS
    year_given: bool  # True when the expression itself states the year
    weekday: int | None = None  # Monday 0 … Sunday 6, when the expression names a weekday


# --- calendar words (kb/data/months.toml) ------------------------------------------------


class _Calendar(NamedTuple):
    months: dict[str, int]  # lower-case full name or abbreviation → 1..12
    weekdays: dict[str, int]  # lower-case full name or abbreviation → 0..6
    month_full: str  # regex alternation of full month names
    month_any: str  # regex alternation of full names and abbreviations
    weekday_full: str
    weekday_any: str


def _spellings(name: str) -> list[str]:
    return [re.escape(name.title()), re.escape(name.upper())]


def _alternation(table: dict[str, dict], *, abbreviations: bool, lowercase: tuple[str, ...] = ()) -> str:
    words = [(w, "") for name in table for w in _spellings(name)] + [(re.escape(n), "") for n in lowercase]
    if abbreviations:
        words += [(w, r"\.?") for entry in table.values() for a in entry["abbreviations"] for w in _spellings(a)]
    words.sort(key=lambda item: -len(item[0]))  # longest first: "September" before "Sept" before "Sep"
    return "|".join(word + dot for word, dot in words)


def _lookup(table: dict[str, dict]) -> dict[str, int]:
    found = {name: entry["number"] for name, entry in table.items()}
    found.update({a.lower(): entry["number"] for entry in table.values() for a in entry["abbreviations"]})
    return found


@cache
def _calendar() -> _Calendar:
    raw = load("months")
    months, weekdays = raw["months"], raw["weekdays"]
    return _Calendar(
        months=_lookup(months),
        weekdays=_lookup(weekdays),
        month_full=_alternation(months, abbreviations=False, lowercase=tuple(raw.get("lowercase", ()))),
        month_any=_alternation(months, abbreviations=True, lowercase=tuple(raw.get("lowercase", ()))),
        weekday_full=_alternation(weekdays, abbreviations=False),
        weekday_any=_alternation(weekdays, abbreviations=True),
    )


def _month(token: str) -> int:
    return _calendar().months[token.rstrip(".").lower()]


def _weekday(token: str | None) -> int | None:
    return None if token is None else _calendar().weekdays[token.rstrip(".").lower()]


# --- regex fragments ---------------------------------------------------------------------

_SP = r"[^\S\n]"  # a space that is not a line break
_WS = rf"(?>{_SP}*\n{_SP}*|{_SP}+)"  # some space, at most one line break; atomic: no backtracking
_COMMA = rf"{_SP}*,{_SP}*"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_RANGE_SEP = rf"(?:{_SP}*[{_DASHES}]{_SP}*|{_WS}(?i:to|until|till|through|thru){_WS})"
_DAY_SEP = rf"(?:{_RANGE_SEP}|{_WS}(?i:and|&){_WS}|/)"  # "and" joins days of one month only; "5/6 November"
_LEFT = rf"(?<![{_DASHES}\w/:.])"  # not inside a number, a word or a numeric date
_THE = rf"(?:(?i:the){_WS})?"
_DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?(?!\w)"
_ANY_DAY = rf"{_THE}{_DAYNUM}{_ORD}"
_DAYS = rf"(?P<days>{_ANY_DAY}(?:{_DAY_SEP}{_ANY_DAY}|(?:{_COMMA}{_ANY_DAY}){{1,8}},?{_WS}(?i:and|&){_WS}{_ANY_DAY}))"
_OF = rf"(?:{_WS}(?i:of))?{_WS}"  # "4 November", "4th of November"
_YSEP = rf"(?:{_COMMA}|{_WS}(?:of{_WS})?)"  # "November 19, 1996", "19 November 1996", "17 of november of 1997"
_TIME = rf"(?P<time>,?{_WS}[0-9]{{1,2}}:[0-5][0-9](?::[0-5][0-9])?(?:{_SP}*(?P<ampm>[AaPp]\.[Mm]\.|[AaPp][Mm]))?(?!\w))"
_SEASON = rf"(?:(?i:early|mid|late)(?:-|{_WS}))?"
_PREPOSITION = (rf"(?<!\w)(?i:in|since|until|till|by|during|before|after|from|throughout"
                rf"|(?:planned|scheduled|postponed|foreseen|set|fixed|called|convened){_WS}for){_WS}{_SEASON}")  # "planned for March"
_NOT_THE = r"(?<![Tt]he\s)(?<!THE\s)(?<!\w)"  # "the last week", "the last year" are not relative


def _day(n: int) -> str:
    return rf"{_THE}(?P<d{n}>{_DAYNUM}){_ORD}"


def _mon(n: int, *, full: bool = False, any_case: bool = False) -> str:
    """A month name; ``any_case`` where the words around it leave no doubt ("the month of march")."""
    words = _calendar().month_full if full else _calendar().month_any
    words = f"(?i:{words})" if any_case else words
    return rf"(?<!\w)(?P<m{n}>{words})(?!\w)"


def _year(n: int) -> str:
    return rf"(?P<y{n}>[0-9]{{4}})(?![\w])"


def _weekday_prefix(*, the: bool) -> str:
    return rf"(?:(?P<wd>{_calendar().weekday_any})(?!\w){_YSEP}{_THE if the else ''})?"


# --- readings ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: PartialDate | None
    year: int | None  # the year a date without one falls in

    @classmethod
    def of(cls, anchor: PartialDate | None, default_year: int | None) -> _Context:
        year = default_year if default_year is not None else (anchor.year if anchor is not None else None)
        return cls(anchor, year)


class _Reading(NamedTuple):
    start: PartialDate | None
    end: PartialDate | None
    year_given: bool
    weekday: int | None = None
    kind: str | None = None  # overrides the rule's kind


_Build = Callable[[re.Match[str], _Context], "_Reading | None"]

_MAX_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # in any year


def _impossible(problem: str, expr: str, hint: str = "check the day and month") -> DateParseError:
    return DateParseError(problem, hint=hint, text=expr)


def _make(year: int | None, month: int | None, day: int | None, expr: str) -> PartialDate | None:
    """The date, or None when the year is unknown; raise when no year has that day."""
    if year is None:
        if month is not None and day is not None and day > _MAX_DAYS[month - 1]:
            raise _impossible(f"day {day} is not in {calendar.month_name[month]} in any year", expr)
        return None
    try:
        return PartialDate(year, month, day)
    except DateParseError as error:
        raise _impossible(error.problem, expr, error.hint) from None


def _ordered(start: PartialDate | None, end: PartialDate | None, expr: str) -> None:
    if start is not None and end is not None and start.first_day() > end.last_day():
        raise _impossible(f"the range ends ({end.iso}) before it starts ({start.iso})", expr, "check the order")


def _g(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _given_year(match: re.Match[str], n: int = 1) -> int | None:
    token = _g(match, f"y{n}")
    return None if token is None else int(token)


# --- builders: one per family of forms ----------------------------------------------------


def _single(match: re.Match[str], ctx: _Context) -> _Reading:
    given = _given_year(match)
    year = given if given is not None else ctx.year
    date = _make(year, _month(match["m1"]), int(match["d1"]), match["expr"])
    return _Reading(date, date, given is not None, _weekday(_g(match, "wd")))


def _day_list(token: str, expr: str) -> list[int]:
    days = [int(d) for d in re.findall(r"[0-9]+", token)]
    if any(b <= a for a, b in zip(days, days[1:])):
        raise _impossible(f"the days {days} are not in order", expr, "write the days in calendar order")
    return days


def _days_of_month(match: re.Match[str], ctx: _Context) -> _Reading:
    expr, given = match["expr"], _given_year(match)
    year = given if given is not None else ctx.year
    month, days = _month(match["m1"]), _day_list(match["days"], match["expr"])
    return _Reading(_make(year, month, days[0], expr), _make(year, month, days[-1], expr), given is not None)


def _named_days(match: re.Match[str], ctx: _Context) -> _Reading:
    """"Friday 29 and Saturday 30 April": two days of one month, each with its weekday."""
    expr, given = match["expr"], _given_year(match)
    year = given if given is not None else ctx.year
    month = _month(match["m1"])
    return _Reading(_make(year, month, int(match["d1"]), expr), _make(year, month, int(match["d2"]), expr), given is not None)


def _range_years(ends: tuple[tuple[int, int], tuple[int, int]], given: tuple[int | None, int | None],
                 default: int | None) -> tuple[int | None, int | None]:
    """Years of a cross-month range's two ends, filling the one the text leaves out."""
    first, second = given
    same_year = ends[0] <= ends[1]
    if first is None and second is not None:
        first = second if same_year else second - 1
    elif second is None and first is not None:
        second = first if same_year else first + 1
    elif first is None and same_year:
        first = second = default
    return first, second


def _across_months(match: re.Match[str], ctx: _Context) -> _Reading:
    expr = match["expr"]
    ends = ((_month(match["m1"]), int(match["d1"])), (_month(match["m2"]), int(match["d2"])))
    given = (_given_year(match, 1), _given_year(match, 2))
    first, second = _range_years(ends, given, ctx.year)
    start, end = _make(first, *ends[0], expr), _make(second, *ends[1], expr)
    if start is None or end is None:
        start = end = None  # no year known, or an unstated new year crossed: never guessed
    _ordered(start, end, expr)
    return _Reading(start, end, given != (None, None))


def _month_year(match: re.Match[str], ctx: _Context) -> _Reading:
    date = _make(int(match["y1"]), _month(match["m1"]), None, match["expr"])
    return _Reading(date, date, True)


def _bare_month(match: re.Match[str], ctx: _Context) -> _Reading:
    date = _make(ctx.year, _month(match["m1"]), None, match["expr"])
    return _Reading(date, date, False)


def _month_maybe_year(match: re.Match[str], ctx: _Context) -> _Reading:
    """"the month of October" or "the month of October of 1998"."""
    return _month_year(match, ctx) if match["y1"] else _bare_month(match, ctx)


def _bare_year(match: re.Match[str], ctx: _Context) -> _Reading | None:
    year = int(match["y1"])
    if not 1500 <= year <= 2199:
        return None  # a number, not a year
    date = PartialDate(year)
    return _Reading(date, date, True)


def _iso(match: re.Match[str], ctx: _Context) -> _Reading:
    date = _make(int(match["y1"]), int(match["mn"]), int(match["d1"]), match["expr"])
    return _Reading(date, date, True, kind="timestamp" if _g(match, "time") else "date")


def _two_digit(token: str) -> int:
    year = int(token)
    if len(token) == 4:
        return year
    return 2000 + year if year < 70 else 1900 + year


def _possible(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _slashed(match: re.Match[str], ctx: _Context) -> _Reading:
    expr, year = match["expr"], _two_digit(match["y1"])
    first, second = int(match["a"]), int(match["b"])
    kind = "timestamp" if _g(match, "time") else "date"
    if _g(match, "ampm"):  # a 12-hour clock: a US publisher timestamp, month/day
        date = _make(year, first, second, expr)
        return _Reading(date, date, True, kind=kind)
    readings = sorted({(first, second), (second, first)})  # (month, day)
    possible = [md for md in readings if _possible(year, *md)]
    if not possible:
        raise _impossible("is neither day/month nor month/day", expr)
    date = PartialDate(year, *possible[0]) if len(possible) == 1 else None
    return _Reading(date, date, True, kind=kind)


def _dotted(match: re.Match[str], ctx: _Context) -> _Reading:
    date = _make(int(match["y1"]), int(match["mn"]), int(match["d1"]), match["expr"])
    return _Reading(date, date, True)


def _dotted_range(match: re.Match[str], ctx: _Context) -> _Reading:
    """"27.06 to 29.06.1986", "27.-29.06.1986": day.month ranges with the year at the end."""
    year, month = int(match["y1"]), int(match["mn"])
    start = _make(year, int(match["m1"]) if match["m1"] else month, int(match["d1"]), match["expr"])
    end = _make(year, month, int(match["d2"]), match["expr"])
    _ordered(start, end, match["expr"])
    return _Reading(start, end, True)


def _bare_weekday(match: re.Match[str], ctx: _Context) -> _Reading:
    return _Reading(None, None, False, _weekday(match["wd"]))


# --- relative dates ----------------------------------------------------------------------


def _anchor_day(ctx: _Context) -> _dt.date | None:
    anchor = ctx.anchor
    return anchor.first_day() if anchor is not None and anchor.day is not None else None


def _days(first: _dt.date, offset_start: int, offset_end: int, expr: str) -> tuple[PartialDate, PartialDate]:
    try:
        start = first + _dt.timedelta(days=offset_start)
        end = first + _dt.timedelta(days=offset_end)
    except OverflowError:
        raise _impossible("falls outside the calendar", expr, "check the anchor date") from None
    return PartialDate.of(start), PartialDate.of(end)


def _shift_month(year: int, month: int, by: int, expr: str) -> PartialDate:
    total = year * 12 + month - 1 + by
    return _make(total // 12, total % 12 + 1, None, expr)  # type: ignore[return-value]


_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "last night": -1}
_STEP = {"last": -1, "this": 0, "next": 1, "past": -1}


def _relative_day(match: re.Match[str], ctx: _Context) -> _Reading:
    day = _anchor_day(ctx)
    if day is None:
        return _Reading(None, None, False)
    offset = _DAY_WORDS[" ".join(match["word"].lower().split())]
    return _Reading(*_days(day, offset, offset, match["expr"]), False)


def _week(day: _dt.date, step: int, expr: str) -> tuple[PartialDate, PartialDate]:
    monday = -day.weekday() + 7 * step
    return _days(day, monday, monday + 6, expr)


def _weekend(day: _dt.date, step: int, expr: str) -> tuple[PartialDate | None, PartialDate | None]:
    if step > 0:
        return None, None  # "next weekend": the coming one or the one after — not guessed
    if step == 0:
        saturday = 5 - day.weekday()
        return _days(day, saturday, saturday + 1, expr)
    sunday = -((day.weekday() - 6) % 7 or 7)  # the last Sunday strictly before the anchor day
    return _days(day, sunday - 1, sunday, expr)


def _unit_dates(unit: str, step: int, ctx: _Context, expr: str) -> tuple[PartialDate | None, PartialDate | None]:
    anchor, day = ctx.anchor, _anchor_day(ctx)
    if unit == "year" and anchor is not None:
        return (_make(anchor.year + step, None, None, expr),) * 2
    if unit == "month" and anchor is not None and anchor.month is not None:
        return (_shift_month(anchor.year, anchor.month, step, expr),) * 2
    if unit in ("week", "weekend") and day is not None:
        return (_week if unit == "week" else _weekend)(day, step, expr)
    return None, None  # the anchor is missing or not precise enough


def _relative_unit(match: re.Match[str], ctx: _Context) -> _Reading:
    """"last/this/next" + "year", "month", "week" or "weekend"."""
    dates = _unit_dates(match["unit"].lower(), _STEP[match["which"].lower()], ctx, match["expr"])
    return _Reading(*dates, False)


def _weekend_just_past(match: re.Match[str], ctx: _Context) -> _Reading:
    """"over the weekend": the weekend just before the anchor day (a report written after it)."""
    return _Reading(*_unit_dates("weekend", -1, ctx, match["expr"]), False)


def _days_of_relative_month(match: re.Match[str], ctx: _Context) -> _Reading:
    """"the 14th and 15th of this month", "the 3rd of last month": days of the anchor's month ± 1."""
    month = _unit_dates("month", _STEP[match["which"].lower()], ctx, match["expr"])[0]
    if month is None:
        return _Reading(None, None, False)
    days = _day_list(match["days"], match["expr"]) if match["days"] else [int(match["d1"])]
    return _Reading(_make(month.year, month.month, days[0], match["expr"]),
                    _make(month.year, month.month, days[-1], match["expr"]), False)


def _relative_month(match: re.Match[str], ctx: _Context) -> _Reading:
    """"last June" (most recent June strictly before the anchor's month), "this June", "next June"."""
    month, step, anchor = _month(match["m1"]), _STEP[match["which"].lower()], ctx.anchor
    if anchor is None or (step != 0 and anchor.month is None):
        return _Reading(None, None, False)
    year = anchor.year
    if step < 0 and month >= anchor.month:  # type: ignore[operator]
        year -= 1
    elif step > 0 and month <= anchor.month:  # type: ignore[operator]
        year += 1
    date = _make(year, month, None, match["expr"])
    return _Reading(date, date, False)


def _month_of_year(match: re.Match[str], ctx: _Context) -> _Reading:
    """"June last year", "June this year", "June next year": June of the anchor's year ± 1."""
    if ctx.anchor is None:
        return _Reading(None, None, False)
    date = _make(ctx.anchor.year + _STEP[match["which"].lower()], _month(match["m1"]), None, match["expr"])
    return _Reading(date, date, False)


def _days_of_relative_year(match: re.Match[str], ctx: _Context) -> _Reading:
    """"from 25 to 27 July this year", "on 3 May last year": days of a month of the anchor's year ± 1."""
    if ctx.anchor is None:
        return _Reading(None, None, False)
    year, month = ctx.anchor.year + _STEP[match["which"].lower()], _month(match["m1"])
    days = _day_list(match["days"], match["expr"]) if match["days"] else [int(match["d1"])]
    return _Reading(_make(year, month, days[0], match["expr"]), _make(year, month, days[-1], match["expr"]), False)


def _relative_weekday(match: re.Match[str], ctx: _Context) -> _Reading:
    weekday, day = _weekday(match["wd"]), _anchor_day(ctx)
    if match["which"].lower() != "last" or day is None:
        return _Reading(None, None, False, weekday)  # "this/next Sunday": not guessed
    back = -((day.weekday() - weekday) % 7 or 7)  # type: ignore[operator]
    until = back + (_weekday(match["wd2"]) - weekday) % 7 if match["wd2"] else back  # "last Saturday and Sunday"
    if until >= 0:
        return _Reading(None, None, False, weekday)  # a span reaching the anchor day itself: not guessed
    return _Reading(*_days(day, back, until, match["expr"]), False, weekday)


def _weekday_the_day(match: re.Match[str], ctx: _Context) -> _Reading:
    """"opened on Friday the 20th": the last day before the anchor that is a Friday and the 20th
    of its month (within a year; months repeat such a pair at most every few months)."""
    weekday, day, number = _weekday(match["wd"]), _anchor_day(ctx), int(match["d1"])
    if day is None or not 1 <= number <= 31:
        return _Reading(None, None, False, weekday)
    for back in range(0, 366):
        candidate = day - _dt.timedelta(days=back)
        if candidate.day == number and candidate.weekday() == weekday:
            return _Reading(PartialDate.of(candidate), PartialDate.of(candidate), False, weekday)
    return _Reading(None, None, False, weekday)


# --- the rules ---------------------------------------------------------------------------


class _Rule(NamedTuple):
    kind: str
    build: _Build
    search: re.Pattern[str]  # finds the expression in running text; group "expr" is the span
    whole: re.Pattern[str]  # the expression alone, for parse_date
    relative: bool


def _rule(kind: str, expr: str, build: _Build, *, context: str = "") -> _Rule:
    return _Rule(
        kind,
        build,
        re.compile(rf"{context}(?P<expr>{expr})"),
        re.compile(rf"(?P<expr>{expr})"),
        kind == "relative",
    )


@cache
def _rules() -> tuple[_Rule, ...]:
    """Every form, in order of preference when two read the same span."""
    year1, year2 = rf"(?:{_YSEP}{_year(1)})?", rf"(?:{_YSEP}{_year(2)})?"
    weekdays = _calendar().weekday_full
    named = rf"(?:{_calendar().weekday_any})(?!\w),?{_WS}"
    return (
        _rule("range", rf"{_LEFT}{named}{_day(1)}{_DAY_SEP}{named}{_day(2)}{_OF}{_mon(1)}{year1}", _named_days),
        _rule("range", rf"{_LEFT}{_DAYS}{_OF}{_mon(1)}{year1}", _days_of_month),
        _rule("range", rf"{_LEFT}{_day(1)}{_OF}{_mon(1)}{year1}{_RANGE_SEP}{_day(2)}{_OF}{_mon(2)}{year2}",
              _across_months),
        _rule("range", rf"{_mon(1)}{_WS}{_DAYS}{year1}", _days_of_month),
        _rule("range", rf"{_mon(1)}{_WS}{_day(1)}{year1}{_RANGE_SEP}{_mon(2)}{_WS}{_day(2)}{year2}", _across_months),
        _rule("date", rf"{_LEFT}{_weekday_prefix(the=True)}{_day(1)}{_OF}{_mon(1)}{year1}", _single),
        _rule("date", rf"{_LEFT}{_weekday_prefix(the=False)}{_mon(1)}{_WS}{_day(1)}{year1}", _single),
        _rule("month", rf"{_mon(1)}(?:{_YSEP}|{_WS}(?i:of){_WS}){_year(1)}", _month_year),
        _rule("date", rf"{_LEFT}(?P<y1>[0-9]{{4}})-(?P<mn>[0-9]{{2}})-(?P<d1>[0-9]{{2}})"
                      rf"(?P<time>[T ][0-9]{{2}}:[0-5][0-9](?::[0-5][0-9])?)?(?![{_DASHES}\w])", _iso),
        _rule("date", rf"{_LEFT}(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})/(?P<y1>[0-9]{{4}}|[0-9]{{2}})(?![\w/]){_TIME}?",
              _slashed),
        _rule("range", rf"{_LEFT}(?P<d1>[0-9]{{1,2}})\.(?:(?P<m1>[0-9]{{1,2}})\.?)?{_RANGE_SEP}"
                       rf"(?P<d2>[0-9]{{1,2}})\.(?P<mn>[0-9]{{1,2}})\.(?P<y1>[0-9]{{4}})(?!\w|\.[0-9])", _dotted_range),
        _rule("date", rf"{_LEFT}(?P<d1>[0-9]{{1,2}})\.(?P<mn>[0-9]{{1,2}})\.(?P<y1>[0-9]{{4}})(?!\w|\.[0-9])", _dotted),
        _rule("year", rf"(?<!\w){_THE}(?i:year){_WS}{_year(1)}", _bare_year),
        _rule("year", rf"(?<!\w){_THE}(?i:(?:early|late|mid)[ -])?(?i:spring|summer|autumn|fall|winter)(?:{_WS}(?i:of))?{_WS}{_year(1)}",
              _bare_year),  # "in the spring of 2018": the year (a season is no month)
        _rule("year", _year(1), _bare_year, context=_PREPOSITION),
        _rule("month", rf"(?<!\w)(?i:the){_WS}(?i:month){_WS}(?i:of){_WS}{_mon(1, full=True, any_case=True)}"
                       rf"(?:(?:{_YSEP}|{_WS}(?i:of){_WS}){_year(1)})?", _month_maybe_year),
        _rule("month", _mon(1, full=True), _bare_month, context=_PREPOSITION),
        _rule("relative", rf"(?<!\w)(?i:over|during|at){_WS}(?i:the){_WS}(?P<which>(?i:past){_WS})?(?P<unit>(?i:weekend))(?!\w)",
              _weekend_just_past),
        _rule("relative", rf"{_NOT_THE}(?P<which>(?i:last|this|next|past)){_WS}(?P<unit>(?i:weekend|week|month|year))"
                          rf"(?!\w)(?!{_WS}(?i:of)(?!\w))", _relative_unit),
        _rule("relative", rf"{_LEFT}(?:{_DAYS}|{_day(1)}){_WS}(?i:of){_WS}(?P<which>(?i:last|this|next)){_WS}(?i:month)(?!\w)",
              _days_of_relative_month),
        _rule("relative", rf"(?<!\w)(?P<word>(?i:yesterday|today|tomorrow|tonight|this{_WS}(?:morning|afternoon|evening)"
                          rf"|last{_WS}night))(?!\w)", _relative_day),
        _rule("relative", rf"{_NOT_THE}(?P<which>(?i:last|this|next)){_WS}{_mon(1, full=True)}", _relative_month),
        _rule("relative", rf"{_mon(1, full=True)}{_WS}(?P<which>(?i:last|this|next)){_WS}(?i:year)(?!\w)",
              _month_of_year),
        _rule("relative", rf"{_LEFT}(?:{_DAYS}|{_day(1)}){_OF}{_mon(1)}{_WS}(?P<which>(?i:last|this|next)){_WS}(?i:year)(?!\w)",
              _days_of_relative_year),
        _rule("relative", rf"{_NOT_THE}(?P<which>(?i:last|this|next)){_WS}(?P<wd>{weekdays})(?!\w)"
                          rf"(?:(?:{_WS}(?i:and|to|through){_WS}|{_SP}*[{_DASHES}]{_SP}*)(?P<wd2>{weekdays})(?!\w))?",
              _relative_weekday),
        _rule("relative", rf"(?<!\w)(?P<wd>{weekdays}),?{_WS}(?i:the){_WS}(?P<d1>[0-9]{{1,2}})(?i:st|nd|rd|th)(?!\w)"
                          rf"(?!{_WS}(?:[A-Z]|(?i:meeting|conference|congress|session|edition|forum|seminar)\b))",
              _weekday_the_day),  # not "on Friday and Saturday the 8th Meeting of …": that meeting's number
        _rule("weekday", rf"(?<!\w)(?P<wd>{weekdays})(?!\w)", _bare_weekday),
    )


# --- finding -----------------------------------------------------------------------------


class _Candidate(NamedTuple):
    span: Span
    order: int  # the rule's position in _rules(), to break ties
    mention: DateMention | None  # None: an impossible date, which hides what it overlaps


def _candidates(text: str, ctx: _Context) -> Iterator[_Candidate]:
    for order, rule in enumerate(_rules()):
        for match in rule.search.finditer(text):
            span = Span(*match.span("expr"))
            try:
                reading = rule.build(match, ctx)
            except DateParseError:
                yield _Candidate(span, order, None)
                continue
            if reading is not None:
                yield _Candidate(span, order, _mention(span, match["expr"], rule, reading))


def _mention(span: Span, text: str, rule: _Rule, reading: _Reading) -> DateMention:
    return DateMention(span, text, reading.start, reading.end, reading.kind or rule.kind, reading.year_given,
                       reading.weekday)


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first (then leftmost, then rule order), in text order."""
    starts: list[int] = []  # starts and ends of the chosen spans, both sorted: they never overlap
    ends: list[int] = []
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.span.start - c.span.end, c.span.start, c.order)):
        at = bisect.bisect_right(starts, candidate.span.start)
        if (at and ends[at - 1] > candidate.span.start) or (at < len(starts) and starts[at] < candidate.span.end):
            continue
        starts.insert(at, candidate.span.start)
        ends.insert(at, candidate.span.end)
        chosen.insert(at, candidate)
    return chosen


@lru_cache(maxsize=256)  # a text's lines and paragraphs are read again by several stages
def find_dates(text: str, *, anchor: PartialDate | None = None,
               default_year: int | None = None) -> tuple[DateMention, ...]:
    """All date expressions in ``text``, in order of position, non-overlapping.

    Where two readings overlap the longest wins. A missing year comes from ``default_year``
    (the document's own date, or another full date in the text), else from ``anchor``'s
    year; with neither the mention keeps ``start = end = None``. Relative dates are
    resolved against ``anchor`` (the publication date) when it is precise enough.
    Never raises: impossible dates are skipped.

    >>> [(m.text, m.start.iso, m.end.iso) for m in find_dates("held on 19-20 November 1996 in Istanbul")]
    [('19-20 November 1996', '1996-11-19', '1996-11-20')]
    """
    ctx = _Context.of(anchor, default_year)
    chosen = _longest_first(list(_candidates(text, ctx)))
    return tuple(c.mention for c in chosen if c.mention is not None)


_LEADING_PREPOSITION = re.compile(rf"(?i:on|in|at|from|since|until|till|by|during|before|after|throughout){_WS}")


def _whole_match(rule: _Rule, expr: str) -> re.Match[str] | None:
    """``expr`` read by ``rule`` as a whole, a leading preposition allowed ("on 4 May")."""
    bare = _LEADING_PREPOSITION.sub("", expr, count=1) if _LEADING_PREPOSITION.match(expr) else expr
    return rule.whole.fullmatch(expr) or rule.search.fullmatch(expr) or rule.whole.fullmatch(bare)


def _read_whole(expr: str, ctx: _Context, *, relative_only: bool = False) -> _Reading | None:
    stripped = expr.strip()
    for rule in _rules():
        if relative_only and not rule.relative:
            continue
        match = _whole_match(rule, stripped)
        if match is None:
            continue
        try:
            reading = rule.build(match, ctx)
        except DateParseError as error:
            raise DateParseError(error.problem, hint=error.hint, text=expr) from None
        if reading is not None:
            return reading
    return None


def parse_date(expr: str, *, anchor: PartialDate | None = None,
               default_year: int | None = None) -> tuple[PartialDate | None, PartialDate | None]:
    """Parse one whole date expression into ``(start, end)``.

    Any form :func:`find_dates` reads is accepted, with or without a leading preposition
    ("on 18, 19 and 20 October", "in 1996"); a bare four-digit year (1500–2199) is a year.
    ``(None, None)`` when the expression is a date that cannot be resolved (no year known, an
    ambiguous numeric date, a relative date without a precise enough anchor). Raises
    :class:`DateParseError` (``text=expr``) when ``expr`` is not a date expression or is an
    impossible date.

    >>> parse_date("October 30-November 1, 2015")
    (PartialDate(year=2015, month=10, day=30), PartialDate(year=2015, month=11, day=1))
    """
    reading = _read_whole(expr, _Context.of(anchor, default_year))
    if reading is None:
        raise DateParseError("is not a date expression", hint="expected e.g. '4 November 2007'", text=expr)
    return reading.start, reading.end


def resolve_relative(expr: str, anchor: PartialDate | None) -> tuple[PartialDate | None, PartialDate | None]:
    """Resolve a relative date ("last weekend", "last June", "next year") against ``anchor``.

    ``(None, None)`` when ``anchor`` is missing or not precise enough for the expression
    (see the module docstring). Raises :class:`DateParseError` (``text=expr``) when ``expr``
    is not a relative date expression.

    >>> resolve_relative("last weekend", PartialDate(2019, 10, 22))
    (PartialDate(year=2019, month=10, day=19), PartialDate(year=2019, month=10, day=20))
    """
    reading = _read_whole(expr, _Context.of(anchor, None), relative_only=True)
    if reading is None:
        raise DateParseError("is not a relative date", hint="expected e.g. 'last weekend' or 'last June'", text=expr)
    return reading.start, reading.end


__all__ = ["DateMention", "KINDS", "find_dates", "parse_date", "resolve_relative"]
