"""Cue phrases from ``kb/data/events.toml``, compiled once, and small text helpers shared by
the event and role readers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.datafiles import load
from kb.records import Span

_QUOTES = re.compile(r"[\"“”„«»]([^\"“”„«»]{1,6000})[\"“”„«»]")
_SPEECH_WORDS = 12


@dataclass(frozen=True, slots=True)
class Cues:
    nouns: tuple[str, ...]
    ambiguous: frozenset[str]
    not_events: tuple[str, ...]
    standing_bodies: tuple[str, ...]
    sittings: frozenset[str]
    hosts_before: re.Pattern[str]
    hosts_after: re.Pattern[str]
    hosts_along: re.Pattern[str]
    participants_before: re.Pattern[str]
    participants_after: re.Pattern[str]
    signatories_before: re.Pattern[str]
    signatories_after: re.Pattern[str]
    announce: re.Pattern[str]
    announce_active: re.Pattern[str]
    count_nouns: tuple[str, ...]
    speaker_verbs: re.Pattern[str]
    speaker_lists: re.Pattern[str]
    settings: re.Pattern[str]
    author_verbs: re.Pattern[str]


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any phrase on word boundaries (longest first);
    straight and curly apostrophes are interchangeable, a space matches any run of white space
    (a line break included), and ``{meeting}`` stands for "the/this/that" and up to three
    words before a meeting noun ("taking part in {meeting} were" → "taking part in the
    regional seminar were"), and ``{few}`` for up to three words and the space after them
    ("attending {few}were" → "attending as full delegations were")."""
    alternatives = sorted(phrases, key=len, reverse=True)
    escaped = [re.escape(p).replace("'", "['’]").replace(r"\ ", r"\s+").replace(r"\{meeting\}", _meeting())
               .replace(r"\{few\}", r"(?:[\w’'\-]+\s+){0,3}?") for p in alternatives]
    return re.compile(r"(?<![\w])(?:" + "|".join(escaped) + r")(?![\w])", re.IGNORECASE)


@cache
def _meeting() -> str:
    nouns = sorted(load("events")["nouns"], key=len, reverse=True)
    return r"(?:the|this|that|our)\s+(?:[\w’'\-]+\s+){0,3}?(?:" + "|".join(re.escape(n) for n in nouns) + r")"


@cache
def cues() -> Cues:
    data = load("events")
    return Cues(
        nouns=tuple(data["nouns"]),
        ambiguous=frozenset(data["ambiguous"]),
        not_events=tuple(data["not_events"]),
        standing_bodies=tuple(data.get("standing_bodies", ())),
        sittings=frozenset(data["sittings"]),
        hosts_before=phrase_pattern(data["hosts_before"]),
        hosts_after=phrase_pattern(data["hosts_after"]),
        hosts_along=phrase_pattern(data["hosts_along"]),
        participants_before=phrase_pattern(data["participants_before"]),
        participants_after=phrase_pattern(data["participants_after"]),
        signatories_before=phrase_pattern(data["signatories_before"]),
        signatories_after=phrase_pattern(data["signatories_after"]),
        announce=phrase_pattern(data["announce"]),
        announce_active=phrase_pattern(data["announce_active"]),
        count_nouns=tuple(data["count_nouns"]),
        speaker_verbs=phrase_pattern(data["speaker_verbs"]),
        speaker_lists=phrase_pattern(data["speaker_lists"]),
        settings=phrase_pattern(data["settings"]),
        author_verbs=phrase_pattern(data["author_verbs"]),
    )


def quoted_spans(text: str) -> list[Span]:
    """Spans of quoted passages (inside the quote marks). A guillemet with spaces on both sides
    is a separator ("English » International"), not a quote mark."""
    masked = _SEPARATOR.sub(" ", text) if "«" in text or "»" in text else text
    return [Span(m.start(1), m.end(1)) for m in _QUOTES.finditer(masked)]


_SEPARATOR = re.compile(r"(?<=[ \t])[«»](?=[ \t])")


def speech_spans(text: str) -> list[Span]:
    """Quoted passages long enough to be reported speech rather than a name or title."""
    return [s for s in quoted_spans(text) if len(s.slice(text).split()) > _SPEECH_WORDS]


def inside(position: int, spans: list[Span]) -> bool:
    return any(s.start <= position < s.end for s in spans)
