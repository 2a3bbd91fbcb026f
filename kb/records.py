"""Typed records passed between the pipeline's stages.

All records are frozen, slotted dataclasses holding tuples, so they hash, compare and
sort — which deterministic output needs. Offsets (:class:`Span`) always index the
*original* text of the source, never a normalised copy.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from kb.errors import DateParseError
from kb.namespaces import DatePrecision, Stance


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``text[start:end]`` of the original source text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date that may be known only to the month or the year.

    >>> PartialDate(2019, 10).iso
    '2019-10'
    >>> PartialDate(2013, 2, 31)
    Traceback (most recent call last):
    ...
    kb.errors.DateParseError: date '2013-02-31': day 31 is not in February 2013 (check the day and month)
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        iso = self.iso
        if not 1 <= self.year <= 9999:
            raise DateParseError(f"year {self.year} is out of range", hint="use a year from 1 to 9999", text=iso)
        if self.month is None:
            if self.day is not None:
                raise DateParseError("a day needs a month", hint="give YYYY-MM-DD", text=iso)
            return
        if not 1 <= self.month <= 12:
            raise DateParseError(f"month {self.month} does not exist", hint="months run 1 to 12", text=iso)
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                month = calendar.month_name[self.month]
                raise DateParseError(
                    f"day {self.day} is not in {month} {self.year}", hint="check the day and month", text=iso
                )

    @property
    def precision(self) -> DatePrecision:
        if self.month is None:
            return DatePrecision.YEAR
        return DatePrecision.MONTH if self.day is None else DatePrecision.DAY

    @property
    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`DateParseError` otherwise."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise DateParseError("is not a date", hint="expected YYYY, YYYY-MM or YYYY-MM-DD", text=text)
        numbers = [int(p) for p in parts] + [None] * (3 - len(parts))
        return cls(numbers[0], numbers[1], numbers[2])

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        month = self.month or 12
        return _dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @classmethod
    def of(cls, day: _dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """Facts about a source from outside its text (its metadata file)."""

    url: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    language: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One declaration as read from ``sources/``: its text exactly as published."""

    name: str  # the file stem: the source's identity in IRIs
    path: Path
    text: str
    sha256: str
    meta: SourceMeta | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A structural piece of the text: ``title``, ``paragraph``, ``item`` (a list item),
    ``dateline``, ``signature``, ``timestamp`` or ``noise`` (site tags, menus)."""

    kind: str
    span: Span
    marker: str | None = None  # the bullet, dash or number that opened a list item


@dataclass(frozen=True, slots=True, order=True)
class OrgMention:
    """An organisation named in the text: the exact substring and where it is."""

    span: Span
    text: str
    country: str | None = None  # ISO 3166-1 alpha-2, from a qualifier the text attaches
    org_id: str | None = None  # the resolved organisation's id, filled by the resolver


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting of organisations the text reports, announces or refers to concretely."""

    name: str | None
    name_span: Span | None = None
    ordinal: int | None = None
    series: str | None = None
    series_acronym: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    city: str | None = None  # as the text writes it
    country: str | None = None
    hosts: tuple[OrgMention, ...] = ()
    participants: tuple[OrgMention, ...] = ()
    participant_count: int | None = None
    country_count: int | None = None
    status: str = "reported"  # reported | announced | referenced
    evidence: tuple[Span, ...] = ()  # spans the name, dates and place were read from
    place: str | None = None  # the city's GeoNames name, set when resolving ("Rangoon" → "Yangon")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    span: Span
    post: str | None = None
    organisation: OrgMention | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One position the statement takes: its stance, what it is about, and the exact quote."""

    stance: Stance
    target: str
    quote: str
    span: Span


@dataclass(frozen=True, slots=True)
class Statement:
    title: str | None = None
    title_span: Span | None = None
    date: PartialDate | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Everything the parser read from one source."""

    source: Source
    statement: Statement
    segments: tuple[Segment, ...] = ()
    events: tuple[Event, ...] = ()
    signatories: tuple[OrgMention, ...] = ()
    authors: tuple[OrgMention, ...] = ()
    mentions: tuple[OrgMention, ...] = ()  # every organisation mention, actors in prose included
    persons: tuple[Person, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[str, ...] = ()  # warnings for the build report


@dataclass(frozen=True, slots=True, order=True)
class Organisation:
    """A resolved organisation: one node in the knowledge base."""

    id: str  # safe IRI segment, stable across builds
    name: str  # preferred name
    country: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # external identifiers (full IRIs) with a stated origin
    curated: bool = False  # True when it comes from the registry


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one mention was resolved, and why."""

    mention: str
    organisation: Organisation
    method: str  # exact | alias | normalised | fuzzy | curator | new
    score: float | None = None
    candidate: Organisation | None = None  # a doubtful near match, reported, never merged


@dataclass(frozen=True, slots=True)
class ResolvedDocument:
    """A parsed document whose mentions carry ``org_id``s, with the organisations they name."""

    document: ParsedDocument
    organisations: tuple[Organisation, ...] = ()
    resolutions: tuple[Resolution, ...] = ()


__all__ = [
    "Claim", "Event", "OrgMention", "Organisation", "ParsedDocument", "PartialDate", "Person",
    "Resolution", "ResolvedDocument", "Segment", "Source", "SourceMeta", "Span", "Statement",
]

