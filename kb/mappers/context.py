"""What every mapper shares: the triple type, the mapping context and literal builders.

Names, quotes and other text are plain literals (RDF 1.1 ``xsd:string``, no language
tag, no explicit datatype, so they read back from Turtle as the very same term). Dates
carry the XSD datatype of their precision; counts and offsets are typed integers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeAlias
from urllib.parse import urlsplit

from rdflib import Literal, URIRef

from kb.errors import SourceError
from kb.mint import Minter
from kb.namespaces import XSD
from kb.records import PartialDate

Triple: TypeAlias = tuple[URIRef, URIRef, URIRef | Literal]


@dataclass(frozen=True, slots=True)
class MapContext:
    """What a mapper needs besides its record: how to mint IRIs, and which source it reads."""

    minter: Minter
    source_name: str


Mapper: TypeAlias = Callable[[Any, MapContext], Iterator[Triple]]

_FORBIDDEN_IN_IRI = frozenset(' <>"{}|\\^`')


def text(value: str) -> Literal:
    """A plain string literal (``xsd:string``), exactly as given."""
    return Literal(value)


#: How many labels and counts the builders remember. rdflib takes ~10 µs to make a literal (it
#: casts the lexical form to a Python value), and the same names and offsets recur across sources:
#: remembering them took a fifth off mapping 1,000 declarations. Literals are immutable, so sharing
#: one between triples is safe.
_REMEMBERED = 1 << 16


@lru_cache(maxsize=_REMEMBERED, typed=True)
def label(value: str) -> Literal:
    """A name as a label: runs of white space (line breaks included) become one space."""
    return Literal(" ".join(value.split()))


def date(value: PartialDate) -> Literal:
    """``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``, whichever the date's precision is."""
    return Literal(value.iso, datatype=value.precision.value)


@lru_cache(maxsize=_REMEMBERED, typed=True)
def count(value: int) -> Literal:
    """An ``xsd:nonNegativeInteger`` (offsets, counts)."""
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


def ordinal(value: int) -> Literal:
    """An ``xsd:positiveInteger`` (edition numbers)."""
    return Literal(str(value), datatype=XSD.positiveInteger)


def web_iri(value: str, *, field: str) -> URIRef:
    """An external ``http``/``https`` IRI given by the metadata or the registry.

    :raises SourceError: if ``value`` is not an absolute http(s) IRI, or holds a
        character no IRI may contain (space, ``<``, ``>``, ``"``, control characters...).
    """
    parts = urlsplit(value)
    bad = sorted({c for c in value if c in _FORBIDDEN_IN_IRI or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0})
    if parts.scheme not in ("http", "https") or not parts.netloc or bad:
        raise SourceError(
            f"{value!r} is not an absolute http(s) IRI" + (f" (it contains {bad!r})" if bad else ""),
            hint="give the full address, with characters like spaces percent-encoded",
            field=field,
        )
    return URIRef(value)


__all__ = ["MapContext", "Mapper", "Triple", "count", "date", "label", "ordinal", "text", "web_iri"]
