"""Data IRIs, minted from content (ontology/TERMS.md, "Data IRIs").

Every IRI is the base IRI followed by fixed words and segments that went through
:func:`kb.iris.slug`, or by integers (offsets, ordinals): nothing from the input reaches
an IRI unescaped, and no counter or file order takes part, so rebuilding never renames
an entity.

>>> m = Minter()
>>> m.organisation("kke")
rdflib.term.URIRef('https://w3id.org/declarations/id/organisation/kke')
>>> m.mention("imcwp-2019", Span(10, 42))
rdflib.term.URIRef('https://w3id.org/declarations/id/source/imcwp-2019#char=10,42')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from rdflib import URIRef

from kb.errors import KbError
from kb.iris import slug
from kb.namespaces import DEFAULT_BASE_IRI
from kb.records import Event, Span

#: Country segment of a place IRI when the country is unknown.
UNKNOWN_COUNTRY = "xx"

_FORBIDDEN_IN_BASE = frozenset(' <>"{}|\\^`')

#: :func:`kb.iris.slug` remembered: it transliterates and matches regular expressions, and a build
#: slugs the same source and organisation names once per triple that names them.
_slug = lru_cache(maxsize=1 << 16)(slug)


@dataclass(frozen=True, slots=True)
class Minter:
    """Mints the IRIs of the data under ``base``, which must end in ``/`` or ``#``.

    :raises KbError: if ``base`` is not an absolute IRI ending in ``/`` or ``#``.
    """

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        check_base(self.base)

    def _iri(self, *segments: str) -> URIRef:
        return URIRef(self.base + "/".join(segments))

    def source(self, name: str) -> URIRef:
        """``B source/{name}``"""
        return self._iri("source", _slug(name))

    def statement(self, name: str) -> URIRef:
        """``B statement/{name}``: the statement a source carries."""
        return self._iri("statement", _slug(name))

    def claim(self, name: str, span: Span) -> URIRef:
        """``B statement/{name}/claim/{start}-{end}``"""
        return self._iri("statement", _slug(name), "claim", _offsets(span, "-"))

    def mention(self, name: str, span: Span) -> URIRef:
        """``B source/{name}#char={start},{end}`` (an RFC 5147 fragment of the source).

        Under a base ending in ``#`` the source IRI already has a fragment, so the
        span is appended as a path segment instead: ``B#source/{name}/char={start},{end}``.
        """
        source = str(self.source(name))
        separator = "/" if self.base.endswith("#") else "#"
        return URIRef(f"{source}{separator}char={_offsets(span, ',')}")

    def organisation(self, org_id: str) -> URIRef:
        """``B organisation/{id}``"""
        return self._iri("organisation", _slug(org_id))

    def series(self, series: str) -> URIRef:
        """``B series/{slug}`` from the series' acronym (preferred) or name."""
        return self._iri("series", _slug(series))

    def place(self, city: str, country: str | None) -> URIRef:
        """``B place/{cc}/{slug(city)}``; ``cc`` is the lower-case country code or ``xx``."""
        cc = _slug(country) if country else UNKNOWN_COUNTRY
        return self._iri("place", cc, _slug(city))

    def person(self, name: str, org_id: str | None = None) -> URIRef:
        """``B person/{slug(name)}``, or ``B person/{org_id}/{slug(name)}`` when the text names
        the person's organisation: persons are told apart by name and organisation."""
        return self._iri("person", _slug(org_id), _slug(name)) if org_id else self._iri("person", _slug(name))

    def event(self, event: Event, source_name: str) -> URIRef:
        """``B event/{series}-{ordinal}``, else ``B event/{name}-{start}``, else
        ``B event/{source}-{offset}`` (the offset of the event's name, or 0)."""
        series = event.series_acronym or event.series
        if series and event.ordinal is not None:
            key = f"{_slug(series)}-{_positive(event.ordinal)}"
        elif event.name and event.start is not None:
            key = f"{_slug(event.name)}-{event.start.iso}"
        else:
            offset = event.name_span.start if event.name_span is not None else 0
            key = f"{_slug(source_name)}-{_natural(offset)}"
        return self._iri("event", key)


def check_base(base: str) -> None:
    """Raise :class:`KbError` unless ``base`` is an absolute IRI ending in ``/`` or ``#``."""
    if not base.endswith(("/", "#")):
        raise KbError(f"base IRI {base!r} must end in '/' or '#'", hint=f"try {base + '/'!r}")
    parts = urlsplit(base)
    if not parts.scheme or not parts.netloc:
        raise KbError(f"base IRI {base!r} is not absolute", hint=f"use an IRI like {DEFAULT_BASE_IRI!r}")
    bad = sorted({c for c in base if c in _FORBIDDEN_IN_BASE or ord(c) < 0x21})
    if bad:
        raise KbError(f"base IRI {base!r} contains characters not allowed in an IRI: {bad!r}",
                      hint="percent-encode them or choose another base")
    if base.endswith("#") and "#" in base[:-1]:
        raise KbError(f"base IRI {base!r} has two '#'", hint="keep only the final '#'")


def _offsets(span: Span, separator: str) -> str:
    return f"{_natural(span.start)}{separator}{_natural(span.end)}"


def _natural(number: int) -> str:
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise ValueError(f"offset {number!r} is not a non-negative integer (a parser bug)")
    return str(number)


def _positive(number: int) -> str:
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise KbError(f"ordinal {number!r} is not a positive integer", hint="editions are numbered from 1")
    return str(number)


__all__ = ["Minter", "UNKNOWN_COUNTRY", "check_base"]
