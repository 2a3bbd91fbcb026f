"""Tests for the SHACL shapes (``shapes/*.ttl``), the ontology (``ontology/kb.ttl``) and
the validation wrapper (``kb/validate.py``).

Shapes are tested as the W3C SHACL test suite does: one tiny violating graph per
constraint under ``tests/shapes/<shape>/<constraint>.ttl``. Each fixture states what it
must produce in header lines::

    # expect: <constraint component> <result path or -> <source shape>

and the test asserts that the report holds exactly those results, no more, no fewer.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pycountry
import pytest
from collections.abc import Iterator
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, SH, SKOS

from kb.errors import SourceError, ValidationError
from kb.namespaces import KB, KBK, KBS, KINDS, PREFIXES, Stance
from kb.validate import (
    SHAPES_DIR,
    ValidationReport,
    Violation,
    load_ontology,
    load_shapes,
    parse_rdf,
    validate_files,
    validate_graph,
)

FIXTURES = Path(__file__).parent / "shapes"
VALID = FIXTURES / "valid.ttl"
BAD_GRAPHS = sorted(p for p in FIXTURES.rglob("*.ttl") if p != VALID)
EXPECT = re.compile(r"^# expect: (\S+) (\S+) (\S+)\s*$", re.MULTILINE)

#: Parameters that make a shape a constraint (SHACL Core, plus sh:sparql).
CONSTRAINT_PARAMETERS = (
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minExclusive, SH.minInclusive,
    SH.maxExclusive, SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH.uniqueLang,
    SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals, SH["not"], SH["and"], SH["or"], SH.xone,
    SH.node, SH.qualifiedValueShape, SH.closed, SH.hasValue, SH["in"],
)


@pytest.fixture(scope="session", autouse=True)
def _reuse_parsed_sparql() -> Iterator[None]:
    """Speed only: parse each SPARQL text once for this test session.

    pySHACL hands rdflib query *strings*, which rdflib parses on every call (~70 ms each);
    with a hundred fixtures that dominates the run. A translated query is reusable (it is
    what ``prepareQuery`` returns), so caching it changes no result.
    """
    original = SPARQLProcessor.query
    cache: dict[tuple, object] = {}

    def query(self, query_or_text, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(query_or_text, str):
            key = (query_or_text, base, tuple(sorted((initNs or {}).items())))
            if key not in cache:
                cache[key] = translateQuery(parseQuery(query_or_text), base, initNs)
            query_or_text = cache[key]
        return original(self, query_or_text, initBindings, initNs, base, DEBUG)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SPARQLProcessor, "query", query)
        yield


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return load_shapes()


def expectations(path: Path) -> set[tuple[str, str | None, str]]:
    found = EXPECT.findall(path.read_text(encoding="utf-8"))
    return {(component, None if rdf_path == "-" else rdf_path, shape) for component, rdf_path, shape in found}


# --- one bad graph per constraint -------------------------------------------------------


@pytest.mark.parametrize("path", BAD_GRAPHS, ids=lambda p: str(p.relative_to(FIXTURES).with_suffix("")))
def test_bad_graph_yields_exactly_the_expected_results(path: Path, shapes: Graph) -> None:
    expected = expectations(path)
    assert expected, f"{path} has no '# expect: <component> <path> <shape>' line"
    report = validate_files([path], shapes=shapes)
    got = {(v.constraint, v.path, v.shape) for v in report.violations}
    assert got == expected, "\n" + str(report)
    assert not report.conforms


def test_every_fixture_folder_names_a_shape_file() -> None:
    folders = {p.parent.name for p in BAD_GRAPHS}
    assert folders <= {p.stem for p in SHAPES_DIR.glob("*.ttl")}


def test_valid_graph_conforms(shapes: Graph) -> None:
    report = validate_files([VALID], shapes=shapes)
    assert report.conforms, "\n" + str(report)
    assert report.violations == ()


