"""Country names to ISO 3166-1 alpha-2 codes.

Names come from pycountry (each country's name, official name and common name) plus the
aliases in ``kb/data/countries.toml`` ("Turkey", "Britain", "Bahrein", "Italia", ...).
Names are compared folded (ASCII, lower case, punctuation dropped), so "Türkiye", "TURKEY"
and "the Netherlands" work. A name standing for several countries ("Korea") has no single
code: :func:`country_code` returns ``None`` and :func:`country_candidates` returns them all.
"""

from __future__ import annotations

import functools
import re

import pycountry
from anyascii import anyascii

from kb.datafiles import load

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold_country(name: str) -> str:
    """Fold a country name for lookup: ASCII, lower case, no apostrophes, single spaces,
    no leading "the"."""
    text = anyascii(name).lower().replace("'", "")
    text = _NON_ALNUM.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


@functools.cache
def _table() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(fold_country(value), (country.alpha_2,))
    data = load("countries")
    for name, code in data.get("aliases", {}).items():
        table[fold_country(name)] = (code,)
    for name, codes in data.get("ambiguous", {}).items():
        table[fold_country(name)] = tuple(sorted(codes))
    return table


@functools.lru_cache(maxsize=65536)
def country_candidates(name: str) -> tuple[str, ...]:
    """Every ISO alpha-2 code ``name`` may stand for: ``()`` if it is no country name.

    >>> country_candidates("Korea")
    ('KP', 'KR')
    """
    return _table().get(fold_country(name), ())


@functools.cache
def _demonyms() -> dict[str, str]:
    return {fold_country(word): code for word, code in load("countries").get("demonyms", {}).items()}


def demonym_country(word: str) -> str | None:
    """The country an adjective names ("Fijian" → "FJ"), from ``kb/data/countries.toml``.

    >>> demonym_country("Fijian"), demonym_country("Communist")
    ('FJ', None)
    """
    return _demonyms().get(fold_country(word))


def former_state(name: str) -> bool:
    """True for the name of a state that no longer exists ("Yugoslavia", "GDR"): a country,
    with no ISO code (``former_states`` in ``kb/data/countries.toml``)."""
    return fold_country(name) in _former_states()


@functools.cache
def _former_states() -> frozenset[str]:
    return frozenset(fold_country(name) for name in load("countries").get("former_states", []))


def heading_names(line: str) -> list[str]:
    """The names a country heading gives: "AOTEAROA / NEW ZEALAND:" → ["AOTEAROA", "NEW ZEALAND"];
    a bracketed qualifier also read before the name: "KOREA (DPR)" → ["KOREA (DPR)", "DPR KOREA"]."""
    names = re.split(r"\s*/\s*", line.strip().rstrip(":").strip())
    qualified = [re.fullmatch(r"(.+?)\s*\(([^()]{1,20})\)", name) for name in names]
    return names + [f"{q.group(2)} {q.group(1)}" for q in qualified if q]


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name, or ``None`` if unknown or ambiguous.

    Never raises. Cached, so cheap to call per mention.

    >>> country_code("Turkey"), country_code("İtalia"), country_code("of Korea")
    ('TR', 'IT', None)
    """
    codes = country_candidates(name)
    return codes[0] if len(codes) == 1 else None


@functools.cache
def country_words() -> frozenset[str]:
    """The words of country names proper, folded ("zambia", "korea", "united"); qualifiers
    after a comma or in brackets ("Saint Martin (French part)") are left out."""
    names = [getattr(c, a, None) or "" for c in pycountry.countries for a in ("name", "official_name", "common_name")]
    data = load("countries")
    names += list(data.get("aliases", {})) + list(data.get("ambiguous", {}))
    return frozenset(w for name in names for w in fold_country(re.split(r"[(,]", name)[0]).split())


def is_country_code(code: str) -> bool:
    """True if ``code`` is a current ISO 3166-1 alpha-2 code (upper case)."""
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


__all__ = ["country_candidates", "country_code", "demonym_country", "heading_names", "country_words", "fold_country", "is_country_code"]
