"""Claims: the stances a declaration takes collectively (EXTRACTION.md, section "Claims").

:func:`extract_claims` reads the title, paragraph and list-item segments of a text and returns
one :class:`~kb.records.Claim` per stance act, with ``quote == text[span.start:span.end]``.
The cue words live in ``kb/data/stances.toml``; this module holds only the reading rules:

1. **Units.** Paragraphs and items are split into sentences (:mod:`kb.parse.sentences`), and
   sentences into clauses at ``;`` and ``": "`` ("In this context: the demand for ...",
   "1- Country: solidarity with ..."). A list item is a unit of its own; a lead-in ending in
   ``:`` lends its voice to the items under it (unless it introduces one person's words).
2. **Cues.** Every lexicon phrase found in a clause is a candidate: a *verb* or *noun* whose
   object follows, a *predicate* that judges the subject before it ("X should be rejected",
   "X was emphasized", "X unite!"), or a *slogan* opening an item, a headline or an
   exclamation ("Freedom for X!", "Down with X").
3. **Voice.** A verb or noun counts only in the statement's own collective voice: its clause's
   subject names a speaker (we, the participants, the conference ...; a close misspelling
   too), is "they"/"it" right after such a clause, or is absent (items, imperatives, leading
   participles). Text inside quotation marks, frames such as "X said that" whose X is not a
   speaker, relative clauses and passive stances with a non-speaker agent are not the voice.
4. **One claim per act.** A cue inside the object of an earlier claim belongs to it, except a
   stance inside a decision's object ("decided to convene a conference in solidarity with X"
   gives ``declare`` and ``solidarity``) and a verb coordinated with the earlier one or opening
   a new main clause ("condemns X, and demands Y"; "..., we also declare ..."). The text's own
   adoption ("issued the following statement") is not a claim.
5. **Quote and target.** The quote runs from the cue (from the subject for predicates) to the
   end of the clause, stopping before a trailing non-restrictive clause (", which ...",
   " since ..."). The target is the object (the subject for predicates).
6. **Refinements.** A predicate whose subject opens with a stance noun takes that noun's stance
   ("the demand for X should come to the fore" is ``demand``). Solidarity with an initiative or
   event is ``support``; support for a people, workers or a resistance is ``solidarity``.
   Praise of an actor for opposing something is ``oppose`` towards it.

Choices where the rules leave room (slogans are ``call``; modal obligations by their verb) are
documented in the lexicon's header.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

from rapidfuzz import fuzz, process

from kb.namespaces import Stance
from kb.parse.sentences import split_sentences
from kb.records import Claim, Segment, Span

__all__ = ["Lexicon", "extract_claims", "load_lexicon"]

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "stances.toml"
_CONTENT_KINDS = frozenset({"title", "paragraph", "item"})
_KINDS = ("verb", "noun", "slogan", "predicate")
_LEFT = r"(?<![\w’'])(?<![^\W\d_]-)"
_RIGHT = r"(?![\w-])"
_COORDINATED = re.compile(
    r"(?:[,;]\s*)?\b(?:and|as well as|but|and also|but also|while)\s+"
    r"(?:(?:also|further|firmly|strongly|resolutely|once again|again|unanimously|jointly)\s+)*(?:to\s+)?$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\s", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r";|:(?=\s)")
_SLOGAN_SPLIT = re.compile(r";|:(?=\s)|\s[–—]\s")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|whose|of|with|without)\s+$", re.IGNORECASE)
_PREDICATE_BOUNDARY = re.compile(r",?\s+(?:and|but|while)\s+|,\s+", re.IGNORECASE)
_AUXILIARY = re.compile(
    r"\w+ly|also|further|again|once|still|hereby|jointly|together|both|all|do|does|did|have|has|had|will|would|shall|can|must|should|hereby",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"(?:the|a|an|our|their|its|his|her|this|that)\b", re.IGNORECASE)
_AND_AGAIN = re.compile(r",\s+(?:and|but)\s+(?:(?:\w+ly|also|further)\s+)*$", re.IGNORECASE)
_THAT = re.compile(r"\s+that\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_EDGE_PUNCT = " \t\r\n\u00a0.,;:–—-"


# ----------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class Cue:
    """One table of the lexicon compiled: a stance, a kind and one regular expression."""

    stance: Stance
    kind: str
    pattern: re.Pattern[str]
    decision: bool = False
    praise: bool = False
    prefilter: re.Pattern[str] | None = None  # see _prefilter


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The stance lexicon (``kb/data/stances.toml``) in compiled form."""

    cues: tuple[Cue, ...]
    speakers: re.Pattern[str]
    speaker_words: tuple[str, ...]
    anaphora: frozenset[str]
    reporting: re.Pattern[str]
    circumstantial: frozenset[str]
    self_reference: re.Pattern[str]
    trailing: re.Pattern[str]
    support_heads: frozenset[str]
    solidarity_heads: frozenset[str]
    skip: frozenset[str]
    praise_against: re.Pattern[str]
    genre_words: re.Pattern[str]
    noun_cues: tuple[Cue, ...] = field(default=())
    lead_in: Mapping[str, Stance] = field(default_factory=dict)  # "demands" (ending a lead-in) -> demand
    determiners: re.Pattern[str] | None = None  # the {det} placeholder, whole: "our full and firm "


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and compile a stance lexicon.

    :raises OSError: the file cannot be read.
    :raises tomllib.TOMLDecodeError: the file is not TOML.
    :raises KeyError, ValueError, re.error: a table misses a key, names an unknown stance or
        kind, or holds a phrase that is not a valid pattern.
    """
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    holes = {f"{{{k}}}": v for k, v in data.get("placeholders", {}).items()}
    cues = tuple(_compile_cue(table, holes) for table in data["cue"])
    voice, refine = data["voice"], data["refine"]
    return Lexicon(
        cues=cues,
        speakers=_alternation(voice["speakers"]),
        speaker_words=tuple(w for w in voice["speakers"] if " " not in w and len(w) >= 6),
        anaphora=frozenset(w.lower() for w in voice["anaphora"]),
        reporting=_alternation(voice["reporting"]),
        circumstantial=frozenset(w.lower() for w in voice["circumstantial"]),
        self_reference=re.compile(r"\s*(?:" + "|".join(map(re.escape, voice["self_reference"])) + r")\b", re.I),
        trailing=re.compile("|".join(re.escape(t) + r"\b" for t in voice["trailing"]), re.IGNORECASE),
        support_heads=frozenset(refine["support_heads"]),
        solidarity_heads=frozenset(refine["solidarity_heads"]),
        skip=frozenset(refine["skip"]),
        praise_against=_alternation(refine["praise_against"]),
        genre_words=_alternation(voice["genre_words"]),
        noun_cues=tuple(c for c in cues if c.kind == "noun"),
        lead_in=MappingProxyType({noun: Stance(stance) for noun, stance in data.get("lead_in", {}).items()}),
        determiners=re.compile(r"\s*" + holes["{det}"] + r"$", re.IGNORECASE) if "{det}" in holes else None,
    )


def _compile_cue(table: dict, holes: dict[str, str]) -> Cue:
    """Compile one ``[[cue]]`` table into a :class:`Cue`."""
    kind = table["kind"]
    if kind not in _KINDS:
        raise ValueError(f"stance lexicon: kind {kind!r} is not one of {', '.join(_KINDS)}")
    inflect = table.get("inflect", kind == "verb")
    phrases = sorted((_phrase_regex(p, holes, inflect) for p in table["phrases"]), key=len, reverse=True)
    pattern = re.compile(_LEFT + "(?:" + "|".join(phrases) + ")" + _RIGHT, re.IGNORECASE)
    return Cue(Stance(table["stance"]), kind, pattern, table.get("decision", False), table.get("praise", False),
               _prefilter(phrases, holes.get("{det}")))


def _prefilter(phrases: list[str], det: str | None) -> re.Pattern[str] | None:
    """A cheap pattern that every match of a cue contains a match of, for a cue whose phrases
    open with ``{det}`` (which may match nothing, and is tried at every word once per phrase):
    its phrases without that opening ``{det}`` and without word boundaries. A clause where it
    finds nothing holds no match of the cue. ``None``: no phrase opens with ``{det}``."""
    if not det or not any(p.startswith(det) for p in phrases):
        return None
    return re.compile("|".join(p[len(det) :] if p.startswith(det) else p for p in phrases), re.IGNORECASE)


def _phrase_regex(phrase: str, holes: dict[str, str], inflect: bool) -> str:
    """A phrase of the lexicon as a regular expression (see the file's header)."""
    tokens = phrase.split(" ")
    if inflect and tokens[0].isalpha():
        tokens[0] = "(?:" + "|".join(sorted(_inflections(tokens[0].lower()), key=len, reverse=True)) + ")"
    regex = r"\s+".join(tokens)
    for hole, value in holes.items():
        regex = regex.replace(hole, value)
    return regex


def _inflections(verb: str) -> set[str]:
    """Regular English forms of ``verb``: base, -s, -ed and -ing (with the usual spelling rules)."""
    forms = {verb, verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(verb + "es")
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) >= 3 and verb[-1] in "tnlrpg" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A word-bounded, case-insensitive pattern matching any of ``words``."""
    alts = sorted((r"\s+".join(map(re.escape, w.split())) for w in words), key=len, reverse=True)
    return re.compile(_LEFT + "(?:" + "|".join(alts) + ")" + _RIGHT, re.IGNORECASE)


# ----------------------------------------------------------------------------- units


@dataclass(frozen=True, slots=True)
class _Clause:
    """A clause to read: its span, the segment kind it comes from, and whether it may speak
    without a subject (items, titles)."""

    span: Span
    kind: str
    lenient: bool


@dataclass(slots=True)
class _Context:
    """What reading the text so far tells about the next clause."""

    speaker_before: bool = False  # the last clause with a subject had a speaker subject
    items_in_voice: bool = True  # the last lead-in does not introduce someone else's words
    items_stance: Stance | None = None  # the stance the last lead-in names ("the following demands:")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A cue found in the text: which cue, and where its phrase is."""

    cue: Cue
    start: int
    end: int


@dataclass(slots=True)
class _Draft:
    """A claim being built: the hit, the quote's bounds and the target."""

    hit: _Hit
    start: int
    end: int
    target: str
    stance: Stance
    subject_end: int = -1  # for predicates: where the subject (the target) stops


def _clauses(text: str, segment: Segment) -> list[Span]:
    """The clause spans of one content segment (marker excluded). Titles and items are also
    split at a spaced dash ("Solidarity with X – no to Y!")."""
    start = _after_marker(text, segment)
    splitter = _CLAUSE_SPLIT if segment.kind == "paragraph" else _SLOGAN_SPLIT
    spans: list[Span] = []
    for sentence in split_sentences(text, Span(start, segment.span.end)):
        begin = sentence.start
        for match in splitter.finditer(text, sentence.start, sentence.end):
            spans.extend(_trimmed(text, begin, match.start()))
            begin = match.end()
        spans.extend(_trimmed(text, begin, sentence.end))
    return spans


def _after_marker(text: str, segment: Segment) -> int:
    """Where an item's content starts, after leading whitespace and its marker."""
    start = segment.span.start
    while start < segment.span.end and text[start].isspace():
        start += 1
    marker = segment.marker or ""
    if marker and text.startswith(marker, start):
        start += len(marker)
    return start


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    """``[Span]`` of ``text[start:end]`` without edge whitespace, or ``[]`` when empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if end > start else []


# ----------------------------------------------------------------------------- entry point


def with_speakers(lex: Lexicon, names: Iterable[str]) -> Lexicon:
    """The lexicon with the statement's own authors as speakers too: a party's declaration says
    "The PCM condemns …" or "The Communist Party of Mexico rejects …" in its own voice."""
    extra = tuple(sorted({" ".join(n.split()) for n in names if n and len(n) >= 2}))
    if not extra:
        return lex
    return replace(lex, speakers=_Either(lex.speakers, extra))


class _Either:
    """The lexicon's speaker pattern, then a text's own names found as words (case ignored,
    any white space between words): no pattern compiled per text."""

    def __init__(self, speakers: re.Pattern[str], names: tuple[str, ...]) -> None:
        self.speakers = speakers
        self.names = tuple(" ".join(n.lower().split()) for n in names)

    def search(self, chunk: str) -> bool:
        if self.speakers.search(chunk):
            return True
        folded = " ".join(chunk.lower().split())
        for name in self.names:
            at = folded.find(name)
            while at != -1:
                end = at + len(name)
                if (at == 0 or not folded[at - 1].isalnum()) and (end == len(folded) or not folded[end].isalnum()):
                    return True
                at = folded.find(name, at + 1)
        return False


def extract_claims(text: str, segments: Sequence[Segment], *, lexicon: Lexicon | None = None) -> tuple[Claim, ...]:
    """The claims of a text, sorted by span.

    Only ``title``, ``paragraph`` and ``item`` segments are read. Every claim's ``quote`` is
    ``text[span.start:span.end]``. Deterministic; never raises on any text whose segment spans
    lie inside it.

    >>> text = "The meeting condemns the blockade, and demands its lifting."
    >>> [(c.stance.value, c.quote) for c in extract_claims(text, [Segment("paragraph", Span(0, len(text)))])]
    [('condemn', 'condemns the blockade'), ('demand', 'demands its lifting')]
    """
    lex = lexicon or load_lexicon()
    quoted = [q for q in _quoted_regions(text, segments) if not _own_words(text, q, lex)]
    context = _Context()
    claims: set[Claim] = set()
    for segment in sorted(segments, key=lambda s: (s.span.start, s.span.end)):
        if segment.kind not in _CONTENT_KINDS:
            context.items_in_voice, context.items_stance = True, None
            continue
        if segment.kind != "item":
            context.items_in_voice, context.items_stance = True, None
        lenient = segment.kind == "title" or (segment.kind == "item" and context.items_in_voice)
        found: set[Claim] = set()
        for span in _clauses(text, segment):
            clause = _Clause(span, segment.kind, lenient)
            found.update(_clause_claims(text, clause, lex, quoted, context))
        if not found and segment.kind == "item" and context.items_stance and context.items_in_voice:
            found.update(_listed_claim(text, segment, context.items_stance))
        claims.update(found)
        if segment.kind == "paragraph" and text[segment.span.start : segment.span.end].rstrip().endswith(":"):
            context.items_in_voice = _lead_in_in_voice(text, segment, lex, context)
            context.items_stance = _lead_in_stance(text, segment, lex)
    return tuple(sorted(claims, key=lambda c: (c.span, c.stance.value, c.target)))


def _lead_in_stance(text: str, segment: Segment, lex: Lexicon) -> Stance | None:
    """The stance a lead-in names in its last word ("adopted the following demands:")."""
    words = _WORD.findall(text[segment.span.start : segment.span.end].rstrip().rstrip(":"))
    return lex.lead_in.get(words[-1].lower()) if words else None


def _listed_claim(text: str, segment: Segment, stance: Stance) -> list[Claim]:
    """An item under a lead-in naming a stance, with no cue of its own, is a claim of that
    stance: the whole item, without its marker and closing punctuation."""
    start, end = _after_marker(text, segment), segment.span.end
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    if len(_WORD.findall(text[start:end])) < 2:
        return []
    span = Span(start, end)
    return [Claim(stance, _clean(span.slice(text)), span.slice(text), span)]


def _lead_in_in_voice(text: str, segment: Segment, lex: Lexicon, context: _Context) -> bool:
    """False when a lead-in ending in ':' introduces someone else's words ("X said:")."""
    span = split_sentences(text, segment.span)[-1:] or (segment.span,)
    start, end = span[0].start, span[0].end
    for frame in lex.reporting.finditer(text, start, end):
        subject = _subject(text, start, frame.start(), lex)
        if subject is not None and not _speaks(subject, lex, context):
            return False
    return True


# ----------------------------------------------------------------------------- one clause


def _clause_claims(text: str, clause: _Clause, lex: Lexicon, quoted: list[Span], context: _Context) -> list[Claim]:
    """The claims of one clause; updates ``context`` for the next one."""
    hits = _hits(text, clause, lex, quoted)
    drafts: list[_Draft] = []
    for hit in _ordered(text, clause, hits, lex):
        draft = _draft(text, clause, hit, hits, lex)
        if draft is not None:
            _place(text, clause, draft, drafts, hits, lex, context)
    _note_subject(text, clause, lex, context)
    return [claim for d in drafts if (claim := _finish(text, d, lex)) is not None]


def _hits(text: str, clause: _Clause, lex: Lexicon, quoted: list[Span]) -> list[_Hit]:
    """Non-overlapping cue matches in a clause (longest first), outside quotations."""
    found: list[_Hit] = []
    start, end = clause.span.start, clause.span.end
    for cue in lex.cues:
        if cue.prefilter is not None and not cue.prefilter.search(text, start, end):
            continue  # no match of the cue in the clause
        found.extend(_Hit(cue, m.start(), m.end()) for m in cue.pattern.finditer(text, start, end) if m.end() > m.start())
    found.sort(key=lambda h: (h.start, -(h.end - h.start), h.cue.stance.value))
    kept: list[_Hit] = []
    blocked_until = -1
    for hit in found:
        if hit.start < blocked_until:
            continue
        if _names_the_text(text, clause, hit, lex):
            blocked_until = max(blocked_until, hit.end)
            continue
        if _inside(hit.start, quoted) and not _headline_quote(text, clause, hit, lex):
            continue
        if hit.cue.kind == "slogan" and not _slogan_position(text, clause, hit):
            continue
        kept.append(hit)
        blocked_until = max(blocked_until, hit.end)
    return kept


def _headline_quote(text: str, clause: _Clause, hit: _Hit, lex: Lexicon) -> bool:
    """True for a quoted slogan in a title (a title has no speaker), unless the title
    reports someone's words ("X said: ...")."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    return clause.kind == "title" and not lex.reporting.search(text, line_start, hit.start)


def _names_the_text(text: str, clause: _Clause, hit: _Hit, lex: Lexicon) -> bool:
    """True when the hit is the text naming or adopting itself: "issued the following
    statement", "this appeal to", a title opening with a genre word ("Appeal to ...")."""
    if lex.self_reference.match(text, hit.start) or lex.self_reference.match(text, hit.end):
        return True
    if _self_reference_in(text, hit, lex):
        return True
    if clause.kind == "title" and not text[clause.span.start : hit.start].strip():
        return bool(lex.genre_words.match(text, hit.start))
    return False


def _self_reference_in(text: str, hit: _Hit, lex: Lexicon) -> bool:
    """True when the hit's own words name the text itself ("this appeal to ...")."""
    words = text[hit.start : hit.end]
    return any(lex.self_reference.match(words, m.start()) for m in _WORD.finditer(words))


def _slogan_position(text: str, clause: _Clause, hit: _Hit) -> bool:
    """A slogan opens its clause, and the clause is an item, a title or an exclamation."""
    before = text[clause.span.start : hit.start]
    if before.strip(" \t\r\n\u00a0-–—•*0123456789.)(\"“'‘"):
        return False
    return clause.lenient or clause.kind == "title" or text[: clause.span.end].rstrip("\"”'’").endswith("!")


def _ordered(text: str, clause: _Clause, hits: list[_Hit], lex: Lexicon) -> list[_Hit]:
    """Hits in reading order of their claims: a predicate's claim starts at its subject."""
    keyed = []
    for hit in hits:
        if hit.cue.kind == "predicate":
            anchor = _subject_start(text, clause, hit, _previous_end(text, clause, hits, hit), lex)
        else:
            anchor = hit.start
        keyed.append((anchor, 0 if hit.cue.kind == "predicate" else 1, hit))
    return [hit for _, _, hit in sorted(keyed, key=lambda k: (k[0], k[1], k[2].start))]


# ----------------------------------------------------------------------------- drafts


def _previous_end(text: str, clause: _Clause, hits: list[_Hit], hit: _Hit) -> int:
    """Where a predicate's subject may start at the earliest: after the previous predicate,
    or after a verb that takes a that-clause ("decided that X will take place")."""
    ends = [clause.span.start]
    for other in hits:
        if other.end > hit.start:
            break
        if other.cue.kind == "predicate":
            ends.append(other.end)
        elif other.cue.kind == "verb" and (that := _THAT.match(text, other.end, hit.start)):
            ends.append(that.end())
        elif other.cue.kind in ("verb", "noun") and re.search(r"\bthat$", text[other.start : other.end], re.IGNORECASE):
            ends.append(other.end)  # "We demand that no bases be established": the cue holds its "that"
    return max(ends)


def _draft(text: str, clause: _Clause, hit: _Hit, hits: list[_Hit], lex: Lexicon) -> _Draft | None:
    """The claim a hit would make, before voice and nesting are checked."""
    end = _object_end(text, hit.end, clause.span.end, lex)
    if hit.cue.kind != "predicate":
        target = _clean(text[hit.end : end]) or _clean(text[hit.start : hit.end])
        return _Draft(hit, hit.start, end, target, hit.cue.stance)
    start = _subject_start(text, clause, hit, _previous_end(text, clause, hits, hit), lex)
    subject = _clean(text[start : hit.start])
    if subject.lower() in lex.anaphora or not subject:
        target = _clean(text[hit.end : end]) or _clean(text[hit.start : hit.end])
    else:
        target = subject
    return _Draft(hit, start, end, target, hit.cue.stance, subject_end=hit.start)


def _subject_start(text: str, clause: _Clause, hit: _Hit, previous_end: int, lex: Lexicon) -> int:
    """Where a predicate's subject starts: after the boundary that closed the previous cue's
    predicate, else at the clause start, skipping leading circumstantial chunks."""
    start = clause.span.start
    if previous_end > start:
        boundary = None if _THAT.match(text, previous_end - 5) else _PREDICATE_BOUNDARY.search(text, previous_end, hit.start)
        start = boundary.end() if boundary else previous_end
    return _skip_circumstantial(text, start, hit.start, lex)


def _skip_circumstantial(text: str, start: int, stop: int, lex: Lexicon) -> int:
    """Move ``start`` past leading chunks such as "At the meeting, " or "In this context, "."""
    while True:
        comma = text.find(",", start, stop)
        if comma < 0 or not _is_circumstantial(text[start:comma], lex):
            return start
        start = comma + 1
        while start < stop and text[start].isspace():
            start += 1


def _is_circumstantial(chunk: str, lex: Lexicon) -> bool:
    """True for a chunk opened by a preposition, adverb or participle (never a subject)."""
    words = [w.lower() for w in _WORD.findall(chunk)]
    if not words:
        return True
    first = words[0]
    two = " ".join(words[:2])
    return first in lex.circumstantial or two in lex.circumstantial or first.endswith("ing") or first.endswith("ly")


def _object_end(text: str, start: int, stop: int, lex: Lexicon) -> int:
    """Where an object ends: the clause end, or the start of a trailing non-restrictive clause."""
    cut = lex.trailing.search(text, start, stop)
    end = cut.start() if cut and cut.start() > start else stop
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return end


def _clean(words: str) -> str:
    """A target phrase: whitespace collapsed, edge punctuation and a leading "that" removed."""
    words = " ".join(words.split()).strip(_EDGE_PUNCT + "!?“”\"")
    return re.sub(r"^(?:that|to|with|for|on|upon)\s+", "", words, flags=re.IGNORECASE)


# ----------------------------------------------------------------------------- voice


def _in_voice(text: str, clause: _Clause, hit: _Hit, draft: _Draft, lex: Lexicon, context: _Context) -> bool:
    """True when the hit speaks in the statement's collective voice (see the module doc)."""
    if _reported_by_other(text, clause, hit, lex, context):
        return False
    kind = hit.cue.kind
    if kind == "slogan":
        return True
    if kind == "predicate":
        if re.search(r"\b(?:that|which|who)\s+$", text[draft.start : hit.start], re.IGNORECASE):
            return False  # "a law that was supported by ...": a relative clause
        return draft.start < hit.start and not _foreign_agent(text, hit, draft.end, lex)
    if kind == "verb" and _DETERMINER_BEFORE.search(text, max(clause.span.start, hit.start - 12), hit.start):
        return False  # "the support of", "their struggle against": a noun, not a verb
    if kind == "verb" and re.match(r"\s+by\b", text[hit.end : draft.end]):
        return False  # "adopted by X": a participle reporting someone's act
    if kind == "noun" and _inside_a_name(text, hit):
        return False  # "Seminar of Solidarity with the Peoples of X": a name, not a stance
    if kind == "noun" and re.search(r"\bour\b", text[max(clause.span.start, hit.start - 12) : hit.end], re.I):
        return True
    if kind == "noun" and clause.lenient and re.match(r"(?i)\s*(?:their|its)\s+(?:\w+\s+)?$", text[clause.span.start : hit.start]):
        return True  # "THE DELEGATIONS DECLARE: / I. Their firm solidarity with ...": the speakers' own
    if kind == "noun" and clause.lenient and lex.determiners is not None and text[clause.span.start : hit.start].strip() \
            and lex.determiners.match(text[clause.span.start : hit.start]):
        return True  # "4. Full solidarity with the Palestinian people": a resolution's item in nouns
    if _speaker_just_before(text, clause, hit, lex):
        return True
    subject = _subject(text, clause.span.start, hit.start, lex)
    if subject is None:
        return _subjectless_ok(text, clause, hit, lex)
    whole = text[_local_start(text, clause.span.start, hit.start) : hit.start]
    if re.fullmatch(r"(?:[A-ZÀ-Þ][\w’'()-]*|of|the|and|for|,|\s)+", whole) and _several_organisations(whole):
        return True  # "The Communist Party of Belgium, the Communist Party of the Netherlands and the … express"
    return _speaks(subject, lex, context)


@cache
def _name_heads() -> re.Pattern[str]:
    from kb.parse.cues import cues
    from kb.parse.orgs import lexicon

    heads = sorted({*cues().nouns, *lexicon().heads, "organization", "organisation", "committee"}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(h) for h in heads) + r")\s+(?:of|for)\s+$", re.IGNORECASE)


def _inside_a_name(text: str, hit: _Hit) -> bool:
    """A stance noun right after a capitalised meeting or organisation word and "of"/"for"
    ("International Seminar of Solidarity with ...", "Organization of Solidarity with ...")."""
    if not text[hit.start : hit.start + 1].isupper():
        return False
    before = text[max(0, hit.start - 40) : hit.start]
    head = _name_heads().search(before)
    if head and head.group()[:1].isupper():
        return True
    last = text[hit.start : hit.end].split()[-1]
    following = re.match(r"\s+([A-Z][\w’'\-]*)", text[hit.end : hit.end + 40])
    word = last if last[:1].isupper() and hit.end - hit.start > len(last) else following.group(1) if following else ""
    return bool(_name_heads().fullmatch(word + " of "))  # "Solidarity Conference of the Peoples of ..."


def _speaker_just_before(text: str, clause: _Clause, hit: _Hit, lex: Lexicon) -> bool:
    """True when the few words after the last comma or "and" before the hit name a speaker
    ("..., we also declare", "... and we demand")."""
    head = text[clause.span.start : hit.start]
    tail = re.split(r",|;|\band\b|\bthat\b", head)[-1]
    if 0 < len(tail.split()) <= 5 and _has_speaker(tail, lex):
        return True
    words = [w for w in tail.split() if not _AUXILIARY.fullmatch(w)]
    return _has_speaker(" ".join(words[-3:]), lex)


def _subjectless_ok(text: str, clause: _Clause, hit: _Hit, lex: Lexicon) -> bool:
    """A cue with no subject before it: fine at the head of its chunk (item, imperative,
    participle: "Expressing our solidarity ..."), not inside a phrase ("In the declaration
    adopted ..."); a noun in prose needs a speaker after it ("In solidarity with X, we")."""
    local = _local_start(text, clause.span.start, hit.start)
    if local > clause.span.start and _RELATIVE.match(text, _relative_at(text, local)):
        return _speaking_antecedent(text, clause, hit, local, lex)  # a relative clause: its subject is its antecedent
    chunk = text[max(local, text.rfind(",", local, hit.start) + 1) : hit.start]
    words = [w.lower() for w in _WORD.findall(chunk)]
    if any(w not in lex.circumstantial and not w.endswith("ly") for w in words):
        if hit.cue.kind == "verb" or not _opens_noun_phrase(words):
            return False
    if hit.cue.kind == "verb" or clause.lenient or text[clause.span.end - 1] == "!":
        return True
    after = text[hit.end : clause.span.end]
    return any(_has_speaker(chunk, lex) for chunk in after.split(",")[1:])


_ANTECEDENT_RELATIVE = re.compile(r",\s+(?:which|that)\s+$", re.IGNORECASE)


def _speaking_antecedent(text: str, clause: _Clause, hit: _Hit, local: int, lex: Lexicon) -> bool:
    """A verb opening a relative clause whose antecedent speaks for the statement ("adopted
    the Hanoi Declaration, which condemns X"): the declaration's stance is the meeting's."""
    if hit.cue.kind != "verb" or text[local:hit.start].strip(" \t\r\n"):
        return False
    relative = _ANTECEDENT_RELATIVE.search(text, clause.span.start, local)
    if relative is None:
        return False
    before = text[clause.span.start : relative.start()]
    antecedent = re.split(r",|;|\b(?:and|that)\b", before)[-1]
    words = _WORD.findall(antecedent)
    return bool(words) and _has_speaker(" ".join(words[-2:]), lex)  # the noun phrase ends the antecedent


def _opens_noun_phrase(words: list[str]) -> bool:
    """True for words such as "in complete" that may open "In complete solidarity with"."""
    return len(words) <= 3


def _relative_at(text: str, local: int) -> int:
    """The position of the complementizer that opened the local clause at ``local``."""
    head = text[:local].rstrip()
    return len(head) - len(head.split()[-1]) if head.split() else 0


def _local_start(text: str, start: int, stop: int) -> int:
    """The start of the innermost clause before ``stop``: after the last "that/which/who"."""
    last = None
    for match in _RELATIVE.finditer(text, start, stop):
        last = match
    if last and _AND_AGAIN.search(text, last.end(), stop):
        return _local_start(text, start, last.start())  # "affirm that X is central, and reiterate …": the clause closed
    return last.end() if last else start


def _subject(text: str, start: int, stop: int, lex: Lexicon) -> str | None:
    """The subject chunk of the clause that ends at ``stop``: its first comma-separated chunk
    that is not circumstantial, or None when there is none."""
    local = _local_start(text, start, stop)
    for chunk in text[local:stop].split(","):
        if chunk.strip() and not _is_circumstantial(chunk, lex):
            return chunk.strip()
        pronoun = _PRONOUN_AFTER_ADJUNCT.search(chunk)
        if pronoun:  # "In it they express …": an adjunct with no comma before the subject
            return chunk[pronoun.start():].strip()
    return None


_PRONOUN_AFTER_ADJUNCT = re.compile(r"(?<=\s)(?:we|they)\b(?=\s+[a-z])")


def _speaks(subject: str, lex: Lexicon, context: _Context) -> bool:
    """True when a subject chunk names the statement's speaker (or stands for one)."""
    if _has_speaker(subject, lex) or _several_organisations(subject):
        return True
    words = [w.lower() for w in _WORD.findall(subject)]
    return bool(words) and (words[0] in lex.anaphora or " ".join(words) in lex.anaphora) and context.speaker_before


def _several_organisations(subject: str) -> bool:
    """"The Communist Party of Belgium, the Communist Party of the Netherlands and the Communist
    Party of Luxembourg express …": organisations named together speak together."""
    from kb.parse.orgs import lexicon

    if not re.search(r"\sand\s", subject):
        return False
    heads = lexicon().heads
    named = [w for w in _WORD.findall(subject) if w[:1].isupper() and w.lower() in heads]
    return len(named) >= 2


def _has_speaker(chunk: str, lex: Lexicon) -> bool:
    """True when a chunk names a speaker, allowing a close misspelling of a long word."""
    if lex.speakers.search(chunk):
        return True
    for word in _WORD.findall(chunk.lower()):
        if len(word) >= 6 and process.extractOne(word, lex.speaker_words, scorer=fuzz.ratio, score_cutoff=85):
            return True
    return False


def _reported_by_other(text: str, clause: _Clause, hit: _Hit, lex: Lexicon, context: _Context) -> bool:
    """True when a reporting frame before the hit ("X said that ...") has a non-speaker X."""
    frames = [m for m in lex.reporting.finditer(text, clause.span.start, hit.start)]
    if not frames:
        return False
    subject = _subject(text, clause.span.start, frames[-1].start(), lex)
    return subject is not None and not _speaks(subject, lex, context)


def _foreign_agent(text: str, hit: _Hit, end: int, lex: Lexicon) -> bool:
    """True for a passive stance done "by" someone who is not a speaker."""
    agent = re.match(r"\s+(?:\w+\s+)?by\s+([^,;.]+)", text[hit.end : end])
    return bool(agent) and not _has_speaker(agent.group(1), lex)


def _note_subject(text: str, clause: _Clause, lex: Lexicon, context: _Context) -> None:
    """Remember whether this clause's subject was a speaker (for a following "they"/"it")."""
    if not re.search(r"[a-z]{3}", text[clause.span.start : clause.span.end]):
        return  # "- 15 -", "INFORMATION BULLETIN   No. 5, 1986": a page's furniture says nothing of the speaker
    if clause.kind == "item":  # an item may name the speaker ("1. The Seminar condemns ..."), never unname it
        words = [w.lower() for w in _WORD.findall(text[clause.span.start : clause.span.end])][:4]
        if words and words[0] not in lex.anaphora and _has_speaker(" ".join(words), lex):
            context.speaker_before = True
        return
    chunks = [c for c in text[clause.span.start : clause.span.end].split(",") if c.strip()]
    subject = next((c for c in chunks if not _is_circumstantial(c, lex)), None)
    named = re.match(r"(?:[A-ZÀ-Þ][\w’'()-]*|of|the|and|for|,|\s)+", text[clause.span.start : clause.span.end])
    if named and _several_organisations(named.group()):
        context.speaker_before = True  # "The A Party, the B Party and the C Party express …" / "They call on …"
        return
    if chunks and _is_circumstantial(chunks[0], lex) and _has_speaker(" ".join(_WORD.findall(chunks[0])[:10]), lex):
        context.speaker_before = True  # "In their final declaration the unions condemned X, and demanded Y"
        return
    if subject is None:  # "In a final statement the participants condemned ...": the subject
        opening = _WORD.findall(text[clause.span.start : clause.span.end])[:10]  # follows the opener
        if _has_speaker(" ".join(opening), lex):
            context.speaker_before = True
        return
    words = [w.lower() for w in _WORD.findall(subject)][:6]
    if words and words[0] in lex.anaphora:
        return
    context.speaker_before = _has_speaker(" ".join(words), lex)


# ----------------------------------------------------------------------------- nesting


def _place(
    text: str, clause: _Clause, draft: _Draft, drafts: list[_Draft], hits: list[_Hit], lex: Lexicon, context: _Context
) -> None:
    """Add ``draft`` when it is in voice and not part of an earlier claim's act (rule 4)."""
    outer = next((d for d in reversed(drafts) if d.start <= draft.start < d.end), None)
    if outer is None:
        previous = next((d for d in reversed(drafts) if clause.span.start <= d.hit.start < draft.hit.start), None)
        if _in_voice(text, clause, draft.hit, draft, lex, context) or (
            previous is not None and _coordinated(text, previous, draft, _blocking(text, hits, drafts))
        ):  # "salute X, who ..., and support Y": the second verb shares the first one's subject
            drafts.append(draft)
        return
    if draft.hit.start < outer.subject_end:
        return  # inside a predicate's subject: the subject is that claim's target
    coordinated = _coordinated(text, outer, draft, _blocking(text, hits, drafts))
    if coordinated or _new_main_clause(text, outer, draft, lex):
        if coordinated or _in_voice(text, clause, draft.hit, draft, lex, context):
            outer.end = _object_end(text, outer.hit.end, _boundary_before(text, outer.hit.end, draft.start), lex)
            drafts.append(draft)
    elif outer.hit.cue.decision and outer.subject_end < 0 and draft.stance is not Stance.DECLARE:
        if draft.hit.cue.kind != "predicate":
            drafts.append(draft)  # a stance inside a decision: a claim of its own


def _blocking(text: str, hits: list[_Hit], drafts: list[_Draft]) -> list[_Hit]:
    """Cues a coordinated verb cannot reach past: every claim's, and every other cue except
    one inside a relative clause ("... and all who refuse X, and denounce Y")."""
    placed = {id(d.hit) for d in drafts}
    return [h for h in hits if id(h) in placed
            or not re.search(r"\b(?:who|which|that)\s+(?:\w+\s+)?$", text[max(0, h.start - 30) : h.start], re.I)]


def _coordinated(text: str, outer: _Draft, draft: _Draft, hits: list[_Hit]) -> bool:
    """True for a verb joined to ``outer``'s verb by "and"/"as well as" with no other claim's
    cue between them ("condemns X, and demands Y"; "condemns X and all who refuse Y, and
    denounces Z": "refuse" is no claim)."""
    verb_like = draft.hit.cue.kind == "verb" or (
        draft.hit.cue.kind == "noun" and not _DETERMINER.match(text, draft.hit.start))  # "…, and demand that X"
    if _noun_headed(text, outer) and draft.hit.cue.kind == "noun" and _COORDINATED.search(text, outer.hit.end, draft.hit.start):
        return not any(outer.hit.end <= h.start < draft.hit.start and not _object_head(text, h)
                       for h in hits)  # "1- Chile: solidarity with X, and condemnation of Y"
    if not verb_like or not (outer.hit.cue.kind in ("verb", "predicate") or _light_verb_object(text, outer)):
        return False
    if any(outer.hit.end <= h.start < draft.hit.start and not _complement(text, outer, h) and not _object_head(text, h)
           for h in hits):
        return False
    if _COORDINATED.search(text, outer.hit.end, draft.hit.start):
        return True
    return _in_series(text, outer, draft)


_LIGHT_VERB = re.compile(r"\b(?:express(?:es|ed)?|reiterat(?:e|es|ed)|reaffirm(?:s|ed)?|declar(?:e|es|ed)|stat(?:e|es|ed)"
                         r"|convey(?:s|ed)?|extend(?:s|ed)?)\s+(?:(?:their|its|our|his|her|the)\s+(?:[a-z]+\s+)?)?$", re.IGNORECASE)


def _object_head(text: str, hit: _Hit) -> bool:
    """A stance noun after "the" inside another act's object ("condemned the establishment of
    X and demanded Y"): the object's head, no act of its own between the two verbs."""
    if hit.cue.kind == "verb" and _DETERMINER_BEFORE.search(text, max(0, hit.start - 12), hit.start):
        return True  # "opposed the strengthening of the bases and supported …": a gerund, the object's head
    if hit.cue.kind == "verb":  # "supports the moratorium announced in August and demands …": a participle
        before = re.search(r"([^\W\d_][\w’'-]*)\s+$", text[max(0, hit.start - 30) : hit.start])
        return bool(before) and before.group(1).lower() not in _NOT_A_NOUN and text[hit.start : hit.end].split()[0].endswith("ed")
    return hit.cue.kind == "noun" and bool(re.search(r"\b(?:the|a|an)\s+$", text[max(0, hit.start - 6) : hit.start], re.I)
                                            or re.match(r"(?:the|a|an)\s", text[hit.start : hit.end], re.I))


_NOT_A_NOUN = frozenset({"and", "or", "but", "also", "then", "has", "have", "had", "was", "were", "is", "are", "be", "been",
                         "it", "they", "we", "who", "which", "that", "jointly", "unanimously", "further", "once", "again",
                         "strongly", "firmly", "to", "not"})


def _light_verb_object(text: str, outer: _Draft) -> bool:
    """A stance noun that is the object of a light verb ("express their opposition to X and
    condemn Y"): the verb after "and" is coordinated with that verb."""
    return outer.hit.cue.kind == "noun" and bool(_LIGHT_VERB.search(text, max(0, outer.hit.start - 40), outer.hit.start))


def _noun_headed(text: str, outer: _Draft) -> bool:
    """A line that opens with a stance noun, after at most a number and a label ("1- Chile:
    solidarity with …"): a resolution written in nouns, whose further nouns are acts of their own."""
    line = text[text.rfind("\n", 0, outer.hit.start) + 1 : outer.hit.start]
    return outer.hit.cue.kind == "noun" and len(line.split()) <= 3 and (not line.strip() or line.rstrip().endswith((":", "-", ".", ")")))


def _complement(text: str, outer: _Draft, hit: _Hit) -> bool:
    """True for a decision's own complement ("decided to hold X"): part of that act, so no
    cue between it and a verb coordinated with the decision ("... and to set up Y")."""
    return outer.hit.cue.decision and hit.cue.decision and re.fullmatch(r"\s+(?:to\s+)?", text[outer.hit.end : hit.start])


def _verb_form(word: str) -> str:
    word = word.lower()
    return "past" if word.endswith("ed") else "s" if word.endswith("s") else "ing" if word.endswith("ing") else "base"


def _in_series(text: str, outer: _Draft, draft: _Draft) -> bool:
    """True for a verb after a comma in the same form as ``outer``'s verb, in a series of acts
    ("rejected X, saluted Y, and called on Z"), when it is not a participle ("..., supported by")."""
    if outer.hit.cue.kind != "verb" or not re.search(r",\s*$", text[outer.hit.end : draft.hit.start]):
        return False
    first = re.match(r"[^\W\d_]+", text[outer.hit.start : outer.hit.end])
    second = re.match(r"[^\W\d_]+", text[draft.hit.start : draft.hit.end])
    if not first or not second or re.match(r"\s+by\b", text[draft.hit.end : draft.end]):
        return False
    return _verb_form(first.group()) == _verb_form(second.group())


def _new_main_clause(text: str, outer: _Draft, draft: _Draft, lex: Lexicon) -> bool:
    """True when ``draft`` opens a clause of its own: a predicate after ", and"/";" ("X should be
    held, and Y must be defended"), or a verb or noun after a speaker subject ("..., we declare")."""
    if draft.hit.cue.kind == "predicate":
        return outer.hit.cue.kind == "predicate" and draft.start > outer.hit.end
    if draft.hit.cue.kind == "slogan":
        return False
    tail = re.split(r",|;|\band\b", text[outer.hit.end : draft.hit.start])
    if len(tail) < 2 or not 0 < len(tail[-1].split()) <= 5:
        return False
    subject = [w.lower() for w in _WORD.findall(tail[-1])]
    return _has_speaker(tail[-1], lex) or (bool(subject) and subject[0] in lex.anaphora)  # ", and they demand"


def _boundary_before(text: str, lo: int, start: int) -> int:
    """Where the earlier claim stops: at the last comma, semicolon or "and"/"but" between its
    cue (``lo``) and the start of the next claim."""
    last = None
    for last in re.finditer(r"[,;]|\b(?:and|but|as well as)\b", text[lo:start]):
        pass
    return lo + last.start() if last else start


# ----------------------------------------------------------------------------- finishing


def _finish(text: str, draft: _Draft, lex: Lexicon) -> Claim | None:
    """Turn a draft into a :class:`Claim`, applying the stance refinements."""
    end = draft.end
    while end > draft.start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    if end <= draft.start:
        return None
    if draft.subject_end < 0:
        if not _clean(text[draft.hit.end : end]) and text[draft.hit.end : draft.end + 2].strip().startswith(":"):
            return None  # "adopted the following demands:" introduces the claims below it
        draft.target = _clean(text[draft.hit.end : end]) or _clean(text[draft.hit.start : draft.hit.end])
    stance, target = _refine(text, draft, lex)
    named = _WORD.findall(target)
    if named:  # "hold its next congress in 1963": the cue itself names what the object only dates
        named += _WORD.findall(text[draft.hit.start : draft.hit.end])[1:]
    if not [w for w in named if len(w) > 2 and not w.lower().endswith("ly")]:
        return None  # "which the meeting adopted unanimously": no object named
    if text[end - 1] in "\"”" and sum(text.count(q, draft.start, end) for q in "\"“”") % 2:
        end -= 1  # the closing mark of a quotation the claim ends
    span = Span(draft.start, end)
    return Claim(stance, target or _clean(span.slice(text)), span.slice(text), span)


def _refine(text: str, draft: _Draft, lex: Lexicon) -> tuple[Stance, str]:
    """Stance and target after the refinements of rule 6."""
    stance, target = draft.stance, draft.target
    if draft.subject_end >= 0:
        stance, target = _subject_noun(text, draft, lex) or (stance, target)
    if draft.hit.cue.praise:
        against = lex.praise_against.search(target)
        if against:
            return Stance.OPPOSE, _clean(target[against.end() :])
    if stance in (Stance.SOLIDARITY, Stance.SUPPORT) and draft.hit.cue.kind in ("verb", "noun"):
        stance = _by_head(target, stance, lex)
    return stance, target


def _subject_noun(text: str, draft: _Draft, lex: Lexicon) -> tuple[Stance, str] | None:
    """The stance noun opening a predicate's subject ("the demand for X ..."), if any."""
    for cue in lex.noun_cues:
        if cue.decision:
            continue
        match = cue.pattern.match(text, _skip_determiner(text, draft.start, draft.subject_end))
        if match and match.end() < draft.subject_end:
            return cue.stance, _clean(text[match.end() : draft.subject_end])
    return None


def _skip_determiner(text: str, start: int, stop: int) -> int:
    """``start`` moved past a leading "the"/"a"/"an"/"our"."""
    match = re.compile(r"(?:the|a|an|our|their|its)\s+", re.IGNORECASE).match(text, start, stop)
    return match.end() if match else start


def _by_head(target: str, stance: Stance, lex: Lexicon) -> Stance:
    """Solidarity with an initiative is support; support for a people is solidarity."""
    owner = re.match(r"(?i)of\s+(?:the\s+|this\s+|our\s+)?\w+\s+(?=with\b|to\b|for\b)", target)
    if owner:  # "(solidarity) of the conference with the striking workers": the head is after "with"
        target = target[owner.end() :]
    words = [w.lower() for w in _WORD.findall(target)[:8]]
    for word in words:
        if word in lex.skip:
            continue
        if stance is Stance.SOLIDARITY and word in lex.support_heads:
            return Stance.SUPPORT
        if stance is Stance.SUPPORT and word in lex.solidarity_heads:
            return Stance.SOLIDARITY
        break
    return stance


# ----------------------------------------------------------------------------- quotations


def _quoted_regions(text: str, segments: Sequence[Segment]) -> list[Span]:
    """Spans inside quotation marks: curly pairs (an unclosed one runs to its segment's end)
    and straight pairs within one segment."""
    regions: list[Span] = []
    for segment in segments:
        start, end = segment.span.start, min(segment.span.end, len(text))
        regions.extend(_curly(text, start, end))
        straight = [i for i in range(start, end) if text[i] == '"']
        regions.extend(Span(a, b) for a, b in zip(straight[::2], straight[1::2]))
    return sorted(set(regions))


def _own_words(text: str, quote: Span, lex: Lexicon) -> bool:
    """True for a quotation the statement's own voice introduces with a colon ("The statement
    ends with the slogan: "Hands off X!""): its words are the speakers', not someone else's."""
    lead = text[max(0, quote.start - 200) : quote.start]
    if not lead.rstrip().endswith(":"):
        return False
    sentence = re.split(r"[.!?]\s|\n\s*\n", lead)[-1].rstrip()[:-1]
    if lex.reporting.search(sentence):
        return False
    subject = _subject(sentence, 0, len(sentence), lex)
    return subject is not None and _has_speaker(subject, lex)


def _curly(text: str, start: int, end: int) -> Iterable[Span]:
    """Spans between “ and ”, or from “ to ``end`` when it is not closed."""
    position = start
    while (opening := text.find("“", position, end)) >= 0:
        closing = text.find("”", opening + 1, end)
        stop = end if closing < 0 else closing + 1
        yield Span(opening, stop)
        position = stop


def _inside(position: int, regions: list[Span]) -> bool:
    """True when ``position`` falls inside one of ``regions``."""
    return any(r.start <= position < r.end for r in regions)

