"""Hypothesis strategies for the records, with text that tries hard to break RDF output."""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

from kb.namespaces import Stance
from kb.records import Claim, Event, OrgMention, PartialDate, Span

#: Strings that have broken serialisers: quotes, escapes, line breaks, markup, controls.
TRICKY = (
    'say "no"', "it's", '"""', "'''", "back\\slash", "\\u0041", "\\n", "line\nbreak", "cr\rlf\r\n",
    "tab\there", "<script>alert(1)</script>", "a > b & c < d", "\x00nul", "\x07bell\x1f",
    "\x7f\x85\u2028", "Türkiye Komünist Partisi", "Κομμουνιστικό Κόμμα Ελλάδας", "Коммунистическая партия",
    "中国共产党", "حزب", "emoji 🚩", "", " ", "@prefix x: <y> .", "_:b0", "#char=1,2", "ex:a", "%20", "..", "/",
)

texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40))
names = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=40))
country_codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)


@st.composite
def spans(draw: st.DrawFn, max_offset: int = 100_000) -> Span:
    start = draw(st.integers(min_value=0, max_value=max_offset))
    return Span(start, start + draw(st.integers(min_value=0, max_value=2_000)))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(min_value=1, max_value=9999))
    month = draw(st.none() | st.integers(min_value=1, max_value=12))
    if month is None:
        return PartialDate(year)
    last = calendar.monthrange(year, month)[1]
    return PartialDate(year, month, draw(st.none() | st.integers(min_value=1, max_value=last)))


org_mentions = st.builds(
    OrgMention,
    span=spans(),
    text=names,
    country=st.none() | country_codes,
    org_id=st.none() | names,
)

claims = st.builds(Claim, stance=st.sampled_from(Stance), target=texts, quote=texts, span=spans())

events = st.builds(
    Event,
    name=st.none() | names,
    name_span=st.none() | spans(),
    ordinal=st.none() | st.integers(min_value=1, max_value=500),
    series=st.none() | names,
    series_acronym=st.none() | names,
    start=st.none() | partial_dates(),
    end=st.none() | partial_dates(),
    city=st.none() | names,
    country=st.none() | country_codes,
    hosts=st.lists(org_mentions, max_size=3).map(tuple),
    participants=st.lists(org_mentions, max_size=5).map(tuple),
    participant_count=st.none() | st.integers(min_value=0, max_value=10_000),
    country_count=st.none() | st.integers(min_value=0, max_value=300),
    status=st.sampled_from(["reported", "announced", "referenced"]),
)

#: Source names as they come from file stems (any text; the minter makes them safe).
source_names = names
