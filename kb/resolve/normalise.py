"""Normalisation of organisation names for comparison (DESIGN.md, "resolve").

A name is cleaned (curly quotes, dashes, spacing), loses a leading "The", and is split
into the name proper and its qualifiers: a trailing country — "(Korea)", "[Russia]",
"– Cyprus", ", Mexico" or "of Korea" — and a trailing acronym in parentheses — "(TKP)",
which becomes an alias. A parenthetical that is neither — "(Marxist)", "(Unified)", "(ML)" —
stays part of the name. The comparison key folds the rest: ASCII (so "İ", "ı" and "i" meet),
lower case, apostrophes dropped, abbreviations such as "CP" expanded, stopwords dropped.

The word lists live in ``kb/data/resolve.toml``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

from kb.datafiles import load
from kb.resolve.countries import country_candidates, fold_country

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ",
})
_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"^(.*?)\s*[(\[]\s*([^()\[\]]+?)\s*[)\]]$")
_TRAILING_DASH = re.compile(r"^(.*?)(?:\s+-\s*|\s*-\s+|\s*,\s*)([^,\-]+)$")
_TRAILING_OF = re.compile(r"^(.*\S)\s+of\s+(?:the\s+)?(\S.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The word lists of ``kb/data/resolve.toml``, folded."""

    distinguishing: frozenset[str]
    stopwords: frozenset[str]
    abbreviations: dict[str, tuple[str, ...]]


@functools.cache
def vocabulary() -> Vocabulary:
    """Load ``kb/data/resolve.toml`` once. Raises ``tomllib.TOMLDecodeError`` if it is broken."""
    data = load("resolve")
    return Vocabulary(
        distinguishing=frozenset(" ".join(fold_tokens(w, expand=False)) for w in data["distinguishing"]),
        stopwords=frozenset(data.get("stopwords", ())),
        abbreviations={k: tuple(v.split()) for k, v in data.get("abbreviations", {}).items()},
    )


def clean(text: str) -> str:
    """Unicode-compose, straighten quotes, turn every dash into ``-``, collapse spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().strip(" ,;:")


@functools.lru_cache(maxsize=262144)
def fold_tokens(text: str, *, expand: bool = True) -> tuple[str, ...]:
    """The folded words of ``text``: ASCII, lower case, apostrophes dropped, ``&`` as "and";
    with ``expand``, abbreviations expanded and stopwords dropped.

    >>> fold_tokens("The Workers’ Party of TÜRKİYE")
    ('workers', 'party', 'of', 'turkiye')
    >>> fold_tokens("CP of India")
    ('communist', 'party', 'of', 'india')
    """
    ascii_text = anyascii(text.translate(_QUOTES)).lower().replace("'", "").replace("&", " and ")
    words = _NON_ALNUM.sub(" ", ascii_text).split()
    if not expand:
        return tuple(words)
    vocab = vocabulary()
    out: list[str] = []
    for word in words:
        out.extend(vocab.abbreviations.get(word, (word,)))
    return tuple(w for w in out if w not in vocab.stopwords)


def is_acronym(text: str) -> bool:
    """True for an acronym such as ``TKP``, ``KSČM`` or ``MST-P``: no spaces, no lower-case
    letters, at least two capitals, and not a distinguishing word such as ``ML``."""
    if " " in text or len(text) > 12 or any(c.islower() for c in text):
        return False
    if sum(c.isupper() for c in text) < 2:
        return False
    return " ".join(fold_tokens(text, expand=False)) not in vocabulary().distinguishing


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name split into what identifies it and its qualifiers.

    ``name``: the display form (no leading "The", no acronym or bracketed/dashed country,
    "of Korea" kept). ``base``: the comparison key of the name without any country phrase.
    ``countries``: the ISO codes the country qualifier may stand for (``()`` if none);
    ``country_text``: that qualifier folded. ``acronyms``: trailing acronyms in parentheses.
    """

    name: str
    base: str
    countries: tuple[str, ...] = ()
    country_text: str | None = None
    acronyms: tuple[str, ...] = ()

    @property
    def country(self) -> str | None:
        """The country code if the qualifier names exactly one country."""
        return self.countries[0] if len(self.countries) == 1 else None

    @property
    def country_key(self) -> str | None:
        """The code, or ``"?"`` + the folded name of an ambiguous country ("?korea")."""
        if self.country is not None:
            return self.country
        return None if self.country_text is None else "?" + self.country_text


def _peel(text: str) -> tuple[str, str, str | None, tuple[str, ...]]:
    """Strip trailing qualifiers: (name kept for display, core without country, country, acronyms)."""
    acronyms: list[str] = []
    country: str | None = None
    display = core = text
    while True:
        match = _TRAILING_PAREN.match(core)
        if match and match.group(1):
            inner = match.group(2)
            if country is None and country_candidates(inner):
                country, display = inner, match.group(1)
            elif is_acronym(inner):
                acronyms.insert(0, inner)
                display = match.group(1) if display == core else display
            else:
                break
            core = match.group(1)
            continue
        match = _TRAILING_DASH.match(core)
        if match and match.group(1) and country is None and country_candidates(match.group(2)):
            country, core = match.group(2), match.group(1)
            display = core
            continue
        break
    match = _TRAILING_OF.match(core)
    if match and country is None and country_candidates(match.group(2)):
        country, core = match.group(2), match.group(1)
    return display.strip(), core.strip(), country, tuple(acronyms)


@functools.lru_cache(maxsize=262144)
def split_name(text: str) -> NameParts:
    """Split an organisation name into :class:`NameParts`. Never raises; an empty or
    punctuation-only name gives an empty ``base``.

    >>> p = split_name("The Communist Party of Israel (CPI)")
    >>> p.name, p.base, p.country, p.acronyms
    ('Communist Party of Israel', 'communist party', 'IL', ('CPI',))
    >>> split_name("Communist Party of India (Marxist)").base
    'communist party of india marxist'
    >>> split_name("The Workers’ Party (Korea)").country_key
    '?korea'
    """
    cleaned = _LEADING_THE.sub("", clean(text))
    display, core, country, acronyms = _peel(cleaned)
    base = " ".join(fold_tokens(core))
    if not base:
        display, base, country, acronyms = cleaned, " ".join(fold_tokens(cleaned)), None, ()
    if country is None:
        return NameParts(display or cleaned, base, (), None, acronyms)
    return NameParts(display, base, country_candidates(country), fold_country(country), acronyms)


def has_proper_word(base: str) -> bool:
    """True if a key has a word that is neither distinguishing nor a stopword nor "of"/"and"
    — something that names *this* organisation ("tudeh", "sep"), not a kind of party."""
    vocab = vocabulary()
    return any(w not in vocab.distinguishing and w not in ("of", "and", "in", "for") for w in base.split())


__all__ = ["NameParts", "Vocabulary", "clean", "fold_tokens", "has_proper_word", "is_acronym", "split_name", "vocabulary"]
