"""Tests for kb.parse.dates: forms with exact offsets, relative dates, errors, properties."""

from __future__ import annotations

import calendar
import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.errors import DateParseError
from kb.parse.dates import KINDS, DateMention, find_dates, parse_date, resolve_relative
from kb.records import PartialDate

SOURCES = Path(__file__).resolve().parents[1] / "sources"


def only(text: str, **options: object) -> DateMention:
    found = find_dates(text, **options)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def iso(date: PartialDate | None) -> str | None:
    return None if date is None else date.iso


# --- forms, each inside a sentence, offsets checked ---------------------------------------

FORMS = [
    # (expression as it must be spanned, kind, start, end, year_given)
    ("19-20 November 1996", "range", "1996-11-19", "1996-11-20", True),
    ("November 19-20, 1996", "range", "1996-11-19", "1996-11-20", True),
    ("2-3 February 2013", "range", "2013-02-02", "2013-02-03", True),
    ("February 2-3 2013", "range", "2013-02-02", "2013-02-03", True),
    ("18, 19 and 20 October", "range", "2019-10-18", "2019-10-20", False),
    ("October 30-November 1, 2015", "range", "2015-10-30", "2015-11-01", True),
    ("30 October - 1 November 2015", "range", "2015-10-30", "2015-11-01", True),
    ("4-5 of November 2007", "range", "2007-11-04", "2007-11-05", True),
    ("4th-5th November 2007", "range", "2007-11-04", "2007-11-05", True),
    ("the 4th of November 2007", "date", "2007-11-04", "2007-11-04", True),
    ("November 4th, 2007", "date", "2007-11-04", "2007-11-04", True),
    ("4 November 2007", "date", "2007-11-04", "2007-11-04", True),
    ("November 2007", "month", "2007-11", "2007-11", True),
    ("2019-10-18", "date", "2019-10-18", "2019-10-18", True),
    ("11/1/19, 3:19 PM", "timestamp", "2019-11-01", "2019-11-01", True),
    ("25/12/2019", "date", "2019-12-25", "2019-12-25", True),
    ("12/25/2019", "date", "2019-12-25", "2019-12-25", True),
    ("18.10.2019", "date", "2019-10-18", "2019-10-18", True),
    ("27.06 to 29.06.1986", "range", "1986-06-27", "1986-06-29", True),
    ("27.-29.06.1986", "range", "1986-06-27", "1986-06-29", True),
    ("30.06-02.07.1986", "range", "1986-06-30", "1986-07-02", True),
    ("4 \u2013 6 November 2007", "range", "2007-11-04", "2007-11-06", True),
    ("4\u20146 November 2007", "range", "2007-11-04", "2007-11-06", True),
    ("4 to 6 November 2007", "range", "2007-11-04", "2007-11-06", True),
    ("4 until 6 November 2007", "range", "2007-11-04", "2007-11-06", True),
    ("4 and 5 November 2007", "range", "2007-11-04", "2007-11-05", True),
    ("Nov. 4, 2007", "date", "2007-11-04", "2007-11-04", True),
    ("4 Sept 2007", "date", "2007-09-04", "2007-09-04", True),
    ("Sept. 2007", "month", "2007-09", "2007-09", True),
    ("Saturday, 19 October 2019", "date", "2019-10-19", "2019-10-19", True),
    ("December 30, 2019 - January 2, 2020", "range", "2019-12-30", "2020-01-02", True),
    ("30 December 2019 to 2 January 2020", "range", "2019-12-30", "2020-01-02", True),
    ("December 30 - January 2, 2020", "range", "2019-12-30", "2020-01-02", True),
    ("the year 2007", "year", "2007", "2007", True),
    ("the month of November", "month", "2019-11", "2019-11", False),
    ("4 NOVEMBER 2007", "date", "2007-11-04", "2007-11-04", True),
]


@pytest.mark.parametrize(("expr", "kind", "start", "end", "year_given"), FORMS, ids=[f[0] for f in FORMS])
def test_form_in_a_sentence_has_exact_offsets(expr: str, kind: str, start: str, end: str, year_given: bool) -> None:
    prefix = "The meeting, held on "
    text = f"{prefix}{expr} in the capital, closed."
    mention = only(text, default_year=2019)
    assert (mention.span.start, mention.span.end) == (len(prefix), len(prefix) + len(expr))
    assert text[mention.span.start : mention.span.end] == mention.text == expr
    assert (mention.kind, iso(mention.start), iso(mention.end), mention.year_given) == (kind, start, end, year_given)


@pytest.mark.parametrize(("expr", "kind", "start", "end", "year_given"), FORMS, ids=[f[0] for f in FORMS])
def test_parse_date_reads_each_form_whole(expr: str, kind: str, start: str, end: str, year_given: bool) -> None:
    first, last = parse_date(expr, default_year=2019)
    assert (iso(first), iso(last)) == (start, end)


@pytest.mark.parametrize(
    ("text", "expr", "start"),
    [
        ("It was founded in 1996 by workers.", "1996", "1996"),
        ("It was founded in the year 2007.", "the year 2007", "2007"),
        ("Active since 1917, the party", "1917", "1917"),
        ("as planned in early 2020.", "2020", "2020"),
        ("It will be held in June.", "June", "2019-06"),
        ("on 18, 19 and 20 October:", "18, 19 and 20 October", "2019-10-18"),
    ],
)
def test_preposition_is_context_not_part_of_the_span(text: str, expr: str, start: str) -> None:
    mention = only(text, default_year=2019)
    assert mention.span.start == text.index(expr)
    assert mention.text == expr
    assert iso(mention.start) == start


def test_mentions_come_in_text_order_with_offsets() -> None:
    text = "Istanbul, 2-3 February 2013. The next one: on 4 May 2014; see 2019-10-18."
    found = find_dates(text)
    assert [m.text for m in found] == ["2-3 February 2013", "4 May 2014", "2019-10-18"]
    assert [m.span.start for m in found] == [text.index(m.text) for m in found]


def test_weekday_prefix_is_kept() -> None:
    mention = only("Opened on Saturday, 19 October 2019 at noon.")
    assert mention.text == "Saturday, 19 October 2019"
    assert mention.weekday == 5


# --- missing years ------------------------------------------------------------------------


def test_year_comes_from_default_year_before_anchor() -> None:
    mention = only("held on 18, 19 and 20 October", default_year=2018, anchor=PartialDate(2019, 11, 1))
    assert (iso(mention.start), iso(mention.end)) == ("2018-10-18", "2018-10-20")


def test_year_comes_from_anchor_when_no_default() -> None:
    mention = only("held on 18 October", anchor=PartialDate(2019))
    assert iso(mention.start) == "2019-10-18"
    assert mention.year_given is False


def test_no_year_known_leaves_the_mention_unresolved() -> None:
    mention = only("held on 18, 19 and 20 October")
    assert (mention.start, mention.end, mention.kind, mention.year_given) == (None, None, "range", False)


def test_new_year_crossed_without_a_year_is_not_guessed() -> None:
    mention = only("from 30 December to 2 January", default_year=2019)
    assert (mention.start, mention.end) == (None, None)


def test_29_february_needs_a_leap_year() -> None:
    assert only("on 29 February").start is None  # possible in some year: kept, unresolved
    assert find_dates("on 29 February", default_year=2019) == ()
    assert iso(only("on 29 February", default_year=2020).start) == "2020-02-29"


# --- numeric dates ------------------------------------------------------------------------


def test_twelve_hour_timestamp_is_month_first() -> None:
    mention = only("printed 3/4/2019, 10:05 AM by the browser")
    assert (mention.kind, iso(mention.start)) == ("timestamp", "2019-03-04")


@pytest.mark.parametrize("expr", ["11/1/2019", "3/4/19", "5/6/2020, 14:30"])
def test_ambiguous_numeric_date_is_left_unresolved(expr: str) -> None:
    mention = only(f"dated {expr} here")
    assert mention.text == expr
    assert (mention.start, mention.end, mention.year_given) == (None, None, True)


def test_same_day_and_month_is_not_ambiguous() -> None:
    assert iso(only("on 5/5/2019").start) == "2019-05-05"


def test_two_digit_years_pivot_at_70() -> None:
    assert iso(only("on 25/12/69").start) == "2069-12-25"
    assert iso(only("on 25/12/70").start) == "1970-12-25"


# --- relative dates -----------------------------------------------------------------------

TUESDAY = PartialDate(2019, 10, 22)

RELATIVE = [
    ("last weekend", TUESDAY, "2019-10-19", "2019-10-20"),
    ("last weekend", PartialDate(2019, 10, 20), "2019-10-12", "2019-10-13"),  # said on a Sunday
    ("last weekend", PartialDate(2019, 10, 19), "2019-10-12", "2019-10-13"),  # said on a Saturday
    ("this weekend", TUESDAY, "2019-10-26", "2019-10-27"),
    ("this weekend", PartialDate(2019, 10, 27), "2019-10-26", "2019-10-27"),
    ("last week", TUESDAY, "2019-10-14", "2019-10-20"),
    ("this week", TUESDAY, "2019-10-21", "2019-10-27"),
    ("next week", TUESDAY, "2019-10-28", "2019-11-03"),
    ("yesterday", PartialDate(2020, 3, 1), "2020-02-29", "2020-02-29"),
    ("today", TUESDAY, "2019-10-22", "2019-10-22"),
    ("tomorrow", PartialDate(2019, 12, 31), "2020-01-01", "2020-01-01"),
    ("last June", TUESDAY, "2019-06", "2019-06"),
    ("last June", PartialDate(2019, 6), "2018-06", "2018-06"),  # strictly before the anchor's month
    ("last June", PartialDate(2020, 3), "2019-06", "2019-06"),
    ("next June", PartialDate(2019, 6, 1), "2020-06", "2020-06"),
    ("this June", PartialDate(2019), "2019-06", "2019-06"),
    ("June last year", TUESDAY, "2018-06", "2018-06"),
    ("in June last year", PartialDate(2019), "2018-06", "2018-06"),
    ("this year", TUESDAY, "2019", "2019"),
    ("last year", PartialDate(2019), "2018", "2018"),
    ("next year", PartialDate(2019, 5), "2020", "2020"),
    ("next month", PartialDate(2019, 12), "2020-01", "2020-01"),
    ("last month", PartialDate(2020, 1, 15), "2019-12", "2019-12"),
    ("last Sunday", TUESDAY, "2019-10-20", "2019-10-20"),
    ("last Tuesday", TUESDAY, "2019-10-15", "2019-10-15"),
]


@pytest.mark.parametrize(("expr", "anchor", "start", "end"), RELATIVE, ids=[f"{r[0]}@{r[1].iso}" for r in RELATIVE])
def test_relative_dates_resolve_against_the_anchor(expr: str, anchor: PartialDate, start: str, end: str) -> None:
    assert tuple(map(iso, resolve_relative(expr, anchor))) == (start, end)
    assert tuple(map(iso, parse_date(expr, anchor=anchor))) == (start, end)


@pytest.mark.parametrize(
    ("expr", "anchor"),
    [
        ("last weekend", PartialDate(2019, 10)),  # needs a day
        ("last week", PartialDate(2019)),
        ("yesterday", None),
        ("last June", PartialDate(2019)),  # needs a month
        ("next month", PartialDate(2019)),
        ("this year", None),
        ("next weekend", TUESDAY),  # ambiguous, never guessed
        ("next Sunday", TUESDAY),
    ],
)
def test_relative_dates_are_not_guessed(expr: str, anchor: PartialDate | None) -> None:
    assert resolve_relative(expr, anchor) == (None, None)


def test_relative_mention_in_a_sentence() -> None:
    text = "The meeting held last weekend in the city and last weekend\u2019s rally."
    found = find_dates(text, anchor=TUESDAY)
    assert [(m.text, m.kind, m.span.start) for m in found] == [
        ("last weekend", "relative", text.index("last weekend")),
        ("last weekend", "relative", text.rindex("last weekend")),
    ]
    assert iso(found[0].start) == "2019-10-19"


def test_resolve_relative_rejects_absolute_dates() -> None:
    with pytest.raises(DateParseError) as caught:
        resolve_relative("4 November 2007", TUESDAY)
    assert caught.value.text == "4 November 2007"


def test_bare_weekday_is_a_clue_without_a_date() -> None:
    mention = only("the three-day meeting closed on Sunday.")
    assert (mention.text, mention.kind, mention.weekday, mention.start) == ("Sunday", "weekday", 6, None)


# --- what is not a date -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "to mark the 100th anniversary of the founding",
        "over 5000 participants and 70 parties from 60 countries",
        "the sovereignty has been violated for 45 years",
        "workers may march in the streets",
        "the 21st International Meeting",
        "in the last year the movement grew",
        "Version 1.2.3 of the text",
        "room 12/40 on floor 3",
        "it happened in 1200 cities",  # below the range of bare years: a count
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, anchor=TUESDAY) == ()


@pytest.mark.parametrize(
    "text", ["4" + " " * 20_000 + "x", "November 4" + " \n" * 10_000, "4, " * 5_000 + "x", "the " * 5_000],
)
def test_long_runs_do_not_backtrack_catastrophically(text: str) -> None:
    started = time.perf_counter()
    find_dates(text)
    assert time.perf_counter() - started < 5


def test_last_week_of_a_month_is_not_last_week() -> None:
    found = find_dates("to turn the last week of May 2020 into a week of struggle", anchor=TUESDAY)
    assert [(m.text, m.kind) for m in found] == [("May 2020", "month")]


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expr", ["31 February 2013", "30-31 February", "February 30", "20-19 November 2007", "13/13/2019",
             "2019-02-30", "31.4.2019", "January 5, 2020 - December 30, 2019"],
)
def test_impossible_dates_raise_and_are_skipped(expr: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(expr)
    assert caught.value.text == expr
    assert find_dates(f"It was on {expr} in town.") == ()


@pytest.mark.parametrize("expr", ["", "hello", "5000", "the meeting", "closed on Sunday"])
def test_parse_date_rejects_non_dates(expr: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(expr)
    assert caught.value.text == expr


def test_parse_date_without_a_year_returns_none() -> None:
    assert parse_date("4 November") == (None, None)


# --- the corpus ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_mentions_are_exact_substrings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for mention in find_dates(text, anchor=TUESDAY):
        assert text[mention.span.start : mention.span.end] == mention.text


# --- properties ---------------------------------------------------------------------------

TOKENS = [
    "19", "-", "\u2013", "20", "November", "Nov.", "Sept", "1996", ",", "and", "to", "the", "of", "4th", "31",
    "February", "29", "last", "this", "next", "weekend", "week", "June", "in", "year", "month", "Sunday",
    "Saturday,", "11/1/19", "3:19 PM", "2019-10-18", "12.10.2019", "today", "tomorrow", "9999", "0001", "\n",
    "May", "may", "13/13/13", "30", "December", "January", "2", "2020", "since", "The",
]
dateish_text = st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join)
any_text = st.one_of(st.text(max_size=80), dateish_text, st.lists(st.sampled_from(TOKENS)).map("".join))
anchors = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1, 9999)),
    st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12)),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(PartialDate.of),
)
default_years = st.one_of(st.none(), st.integers(1, 9999))


@settings(max_examples=300)
@given(any_text, anchors, default_years)
def test_find_dates_never_raises_and_keeps_its_promises(text: str, anchor, default_year) -> None:
    found = find_dates(text, anchor=anchor, default_year=default_year)
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.kind in KINDS
        assert (mention.start is None) == (mention.end is None)
        if mention.start is not None:
            assert mention.start.first_day() <= mention.end.last_day()
    for before, after in zip(found, found[1:]):
        assert before.span.end <= after.span.start


@settings(max_examples=200)
@given(any_text, anchors, default_years)
def test_each_mention_reparses_to_the_same_dates(text: str, anchor, default_year) -> None:
    for mention in find_dates(text, anchor=anchor, default_year=default_year):
        assert parse_date(mention.text, anchor=anchor, default_year=default_year) == (mention.start, mention.end)


@settings(max_examples=200)
@given(dateish_text)
def test_no_year_is_invented(text: str) -> None:
    for mention in find_dates(text):
        if not mention.year_given:
            assert mention.start is None


@settings(max_examples=300)
@given(any_text, anchors, default_years)
def test_parse_date_returns_or_raises_date_parse_error(text: str, anchor, default_year) -> None:
    try:
        start, end = parse_date(text, anchor=anchor, default_year=default_year)
    except DateParseError:
        return
    assert (start is None) == (end is None)


# --- round trips --------------------------------------------------------------------------

ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def name(date: dt.date) -> str:
    return calendar.month_name[date.month]


def abbreviation(date: dt.date) -> str:
    short = ABBREVIATIONS[date.month - 1]
    return short if short == name(date) else f"{short}."  # "May" has no short form


SINGLE_FORMATS = [
    lambda d: f"{d.day} {name(d)} {d.year}",
    lambda d: f"the {ordinal(d.day)} of {name(d)} {d.year}",
    lambda d: f"{name(d)} {ordinal(d.day)}, {d.year}",
    lambda d: f"{name(d)} {d.day} {d.year}",
    lambda d: f"{abbreviation(d)} {d.day}, {d.year}",
    lambda d: f"{calendar.day_name[d.weekday()]}, {d.day} {name(d)} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}, 3:19 PM",
    lambda d: f"{d.day}.{d.month}.{d.year}",
]

dates = st.dates(dt.date(1970, 1, 1), dt.date(2069, 12, 31))


@settings(max_examples=300)
@given(dates, st.sampled_from(SINGLE_FORMATS))
def test_single_dates_round_trip(day: dt.date, render) -> None:
    expr = render(day)
    assert parse_date(expr) == (PartialDate.of(day), PartialDate.of(day))
    text = f"It was held on {expr} in the city."
    mention = only(text)
    assert (mention.text, mention.span.start) == (expr, len("It was held on "))
    assert mention.start == PartialDate.of(day)


RANGE_FORMATS = [  # (render, needs the same month, needs the same year)
    (lambda a, b: f"{a.day}-{b.day} {name(a)} {a.year}", True, True),
    (lambda a, b: f"{name(a)} {a.day}\u2013{b.day}, {a.year}", True, True),
    (lambda a, b: f"{ordinal(a.day)} to {ordinal(b.day)} of {name(a)} {a.year}", True, True),
    (lambda a, b: f"{a.day} {name(a)} - {b.day} {name(b)} {b.year}", False, True),
    (lambda a, b: f"{name(a)} {a.day}-{name(b)} {b.day}, {b.year}", False, True),
    (lambda a, b: f"{name(a)} {a.day}, {a.year} - {name(b)} {b.day}, {b.year}", False, False),
    (lambda a, b: f"{a.day} {name(a)} {a.year} until {b.day} {name(b)} {b.year}", False, False),
]


@settings(max_examples=300)
@given(dates, st.integers(1, 400), st.sampled_from(RANGE_FORMATS))
def test_ranges_round_trip(first: dt.date, length: int, form) -> None:
    render, same_month, same_year = form
    last = first + dt.timedelta(days=length)
    if same_month:
        last = first.replace(day=min(first.day + length % 28, calendar.monthrange(first.year, first.month)[1]))
    elif same_year and last.year != first.year:
        last = dt.date(first.year, 12, 31)
    if last <= first or (not same_month and (last.month, last.year) == (first.month, first.year)):
        return
    expr = render(first, last)
    expected = (PartialDate.of(first), PartialDate.of(last))
    assert parse_date(expr) == expected
    mention = only(f"Held on {expr} in town.")
    assert (mention.text, mention.kind, (mention.start, mention.end)) == (expr, "range", expected)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Montevideo, the 17 of november of 1997", "1997-11-17", "1997-11-17"),
        ("in the days 14, 15 and 16 of november of 1997", "1997-11-14", "1997-11-16"),
    ],
)
def test_translated_forms_with_lower_case_months_and_of_before_the_year(text, start, end):
    (mention,) = find_dates(text)
    assert (mention.start.iso, mention.end.iso) == (start, end)
    assert text[mention.span.start : mention.span.end] == mention.text


def test_lower_case_words_that_are_also_months_are_never_dates():
    assert find_dates("they may march in august against the cuts") == ()


@pytest.mark.parametrize("text", ["they met over the weekend", "held this past weekend", "held last weekend"])
def test_the_weekend_just_past_is_resolved_against_a_monday(text):
    (mention,) = find_dates(text, anchor=PartialDate(2018, 6, 11))
    assert (mention.start.iso, mention.end.iso) == ("2018-06-09", "2018-06-10")
    assert find_dates(text)[0].start is None  # no anchor: not guessed


def test_the_month_of_a_month_of_a_year_in_any_case():
    (mention,) = find_dates("It will meet in the month of march of 2002.")
    assert (mention.start.iso, mention.year_given) == ("2002-03", True)


def test_two_days_joined_by_a_slash_before_a_month_are_a_range_and_numeric_dates_stay_numeric():
    [days] = find_dates("on 5/6 November 1983")
    assert (days.kind, days.start.iso, days.end.iso) == ("range", "1983-11-05", "1983-11-06")
    [stamp] = find_dates("11/1/19, 3:19 PM")
    assert (stamp.kind, stamp.start.iso) == ("timestamp", "2019-11-01")


def test_days_of_a_month_of_this_or_last_year_are_read_whole_against_the_anchor():
    anchor = PartialDate(2022, 8, 3)
    (mention,) = find_dates("took place from 25 to 27 July this year in Luanda", anchor=anchor)
    assert (mention.start, mention.end) == (PartialDate(2022, 7, 25), PartialDate(2022, 7, 27))
    (mention,) = find_dates("on 3 May last year", anchor=anchor)
    assert mention.start == PartialDate(2021, 5, 3)
    (mention,) = find_dates("from 25 to 27 July this year")  # no anchor: not guessed
    assert mention.start is None


def test_a_weekday_the_nth_is_the_last_such_day_before_the_anchor_and_no_meetings_ordinal():
    (mention,) = [m for m in find_dates("the meeting, which opened on Friday the 20th at the hall",
                                        anchor=PartialDate(2009, 12, 9)) if m.kind == "relative"]
    assert (mention.start, mention.weekday) == (PartialDate(2009, 11, 20), 4)
    assert [m.start for m in find_dates("opened on Friday the 20th") if m.kind == "relative"] == [None]  # no anchor
    assert all(m.start is None for m in find_dates("hosted on Friday and Saturday the 8th Meeting of Arab Parties",
                                                   anchor=PartialDate(2011, 11, 28)))
