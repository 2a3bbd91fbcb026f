"""Namespaces and vocabulary tables, declared once.

The ontology namespace is fixed (``KB``); the base IRI of the data is a setting
(:data:`DEFAULT_BASE_IRI`, overridden with ``kb build --base-iri``).
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD


class _Terms(Namespace):
    """A namespace whose terms are made once: the mappers ask for ``KB.quote`` and the like
    for every triple of a build, and a new URIRef each time is a third of the mapping stage."""

    def term(self, name: str) -> URIRef:
        return _term(str(self), name if isinstance(name, str) else "")


@lru_cache(maxsize=4096)
def _term(base: str, name: str) -> URIRef:
    return URIRef(base + name)


KB = _Terms("https://w3id.org/declarations/ontology#")
KBS = _Terms("https://w3id.org/declarations/stance/")
KBK = _Terms("https://w3id.org/declarations/kind/")
SCHEMA = _Terms("https://schema.org/")
DEFAULT_BASE_IRI = "https://w3id.org/declarations/id/"

#: Prefixes written at the top of every Turtle/TriG file, in this order.
PREFIXES: dict[str, str] = {
    "kb": str(KB),
    "kbs": str(KBS),
    "kbk": str(KBK),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


class Stance(Enum):
    """The stance scheme (``kbs:``): the name used in JSON, and its SKOS concept."""

    CONDEMN = "condemn"
    DEMAND = "demand"
    SOLIDARITY = "solidarity"
    CALL = "call"
    SUPPORT = "support"
    OPPOSE = "oppose"
    REJECT = "reject"
    DECLARE = "declare"
    OTHER = "other"

    @property
    def iri(self) -> URIRef:
        return KBS[self.value]


#: Genres a statement may have (``kbk:`` concepts).
KINDS = ("press-release", "joint-statement", "report", "declaration", "resolution", "appeal", "letter")


class DatePrecision(Enum):
    """How much of a date the text gives, and the XSD datatype that says so."""

    YEAR = XSD.gYear
    MONTH = XSD.gYearMonth
    DAY = XSD.date


__all__ = [
    "DCTERMS", "DEFAULT_BASE_IRI", "KB", "KBK", "KBS", "ORG", "PREFIXES", "PROV", "RDF", "RDFS",
    "SCHEMA", "SKOS", "XSD", "KINDS", "DatePrecision", "Stance",
]
