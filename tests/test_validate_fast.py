"""The SPARQL SHACL engine (kb/shacl_sparql.py) gives pySHACL's results.

Equivalence is checked on every bad-graph fixture (tests/shapes/, tests/additions/), on the
real build and a generated corpus, both as built (they conform) and broken on purpose in many
ways at once (so that every kind of constraint fires on real data), comparing whole
:class:`~kb.validate.Violation` records — focus, path, component, shape, message, value and
source file.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kb.additions import addition_graphs
from kb.build import build, iter_triples, map_documents, resolve_sources
from kb.cli import cli
from kb.errors import SourceError
from kb.mint import Minter
from kb.namespaces import KB
from kb.shacl_sparql import CompiledShapes, TermCodec, UnsupportedShape
from kb.validate import ValidationReport, load_shapes, parse_rdf, validate_compact, validate_graph, validate_triples

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "shapes").rglob("*.ttl")) + sorted((ROOT / "tests" / "additions").glob("*.ttl"))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _keys(report: ValidationReport) -> set[tuple]:
    return {(v.focus, v.path, v.constraint, v.shape) for v in report.violations}


def _same(data: Graph, shapes: Graph) -> ValidationReport:
    slow = validate_graph(data, shapes=shapes, engine="pyshacl")
    fast = validate_graph(data, shapes=shapes, engine="sparql")
    assert _keys(fast) == _keys(slow)
    assert fast == slow, f"\npyshacl:\n{slow}\nsparql:\n{fast}"
    return fast


def _readable(path: Path) -> Graph | None:
    try:
        return parse_rdf(path)
    except SourceError:
        return None  # malformed on purpose: never reaches validation


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "tests").with_suffix("")))
def test_every_fixture_gets_pyshacls_results(path: Path, shapes: Graph) -> None:
    data = _readable(path)
    if data is None:
        pytest.skip("not parseable RDF (a fixture for the parser's error)")
    report = _same(data, shapes)
    if path.parent.parent.name == "shapes" and path.name != "valid.ttl":
        assert not report.conforms  # a bad-graph fixture really is bad for both engines


def test_fixtures_together_get_pyshacls_results(shapes: Graph) -> None:
    """All fixtures in one graph: results on nodes that several fixtures share.

    Here a source document has several kb:fileName values; rdflib's ``Graph.value`` names any
    one of them as the source file, the SPARQL engine the first in order, so the source file
    is left out of this comparison (and only here).
    """
    data = Graph()
    for path in FIXTURES:
        data += _readable(path) or Graph()
    slow = validate_graph(data, shapes=shapes, engine="pyshacl")
    fast = validate_graph(data, shapes=shapes, engine="sparql")
    def without_source(report):
        return sorted(dataclasses.replace(v, source_file=None).sort_key() for v in report.violations)
    assert without_source(fast) == without_source(slow)
    assert len(fast.violations) > 100


# --- real data, as built and broken ---------------------------------------------------------


def _graphs(sources: Path) -> dict:
    minter = Minter()
    graphs = map_documents(resolve_sources(sources).documents, minter=minter)
    graphs.update(addition_graphs(sources, minter=minter))
    return graphs


def _union(graphs: dict) -> Graph:
    union = Graph()
    for triple in iter_triples(graphs):
        union.add(triple)
    return union


def _break(data: Graph, seed: int) -> Graph:
    """A copy of ``data`` broken in the ways the shapes look for, at random places."""
    rng = random.Random(seed)
    broken = Graph()
    triples = sorted(data)
    for s, p, o in triples:
        roll = rng.random()
        if roll < 0.03:
            continue  # a missing value (minCount), a node untyped (class, targets)
        if roll < 0.05 and isinstance(o, Literal):
            choices = [Literal(str(o), lang="en"), Literal(str(o) + "\x07"), Literal(" "), Literal("-1", datatype=XSD.nonNegativeInteger),
                       Literal("2019-02-31", datatype=XSD.date), Literal(str(o), datatype=XSD.string),
                       Literal("+7", datatype=XSD.nonNegativeInteger), Literal("EN", lang="EN")]
            broken.add((s, p, rng.choice(choices)))
            continue
        if roll < 0.06:
            broken.add((s, p, URIRef(str(o) + "-elsewhere") if isinstance(o, URIRef) else o))
            broken.add((s, p, Literal("second")))  # maxCount
            continue
        if roll < 0.065 and isinstance(o, URIRef):
            broken.add((s, p, BNode()))
            continue
        broken.add((s, p, o))
    # the two SPARQL-based checks: an end before the start, two organisations with one name
    events = sorted(broken.subjects(RDF.type, KB.Event))
    for event in events[:3]:
        broken.add((event, KB.startDate, Literal("2019-10-18", datatype=XSD.date)))
        broken.add((event, KB.endDate, Literal("2019-10-17", datatype=XSD.date)))
    orgs = sorted(broken.subjects(RDF.type, KB.Organisation))
    for org in orgs[:2]:
        broken.set((org, SKOS.prefLabel, Literal("Same Name")))
    for statement in sorted(broken.subjects(RDF.type, KB.Statement))[:2]:
        broken.remove((statement, DCTERMS.title, None))
        broken.remove((statement, KB.statementDate, None))
    return broken


@pytest.fixture(scope="module")
def real(shapes) -> Graph:
    return _union(_graphs(ROOT / "sources"))


def test_real_build_conforms_for_both_engines(real: Graph, shapes: Graph) -> None:
    assert _same(real, shapes).conforms


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_real_build_broken_gets_pyshacls_results(real: Graph, shapes: Graph, seed: int) -> None:
    report = _same(_break(real, seed), shapes)
    components = {v.constraint for v in report.violations}
    assert len(components) >= 8, components  # many kinds of constraint really fired


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Graph:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", gen)
    spec.loader.exec_module(gen)
    folder = tmp_path_factory.mktemp("fast") / "src"
    gen.generate(folder, 25, seed=3)
    return _union(_graphs(folder))


def test_generated_corpus_gets_pyshacls_results(generated: Graph, shapes: Graph) -> None:
    assert _same(generated, shapes).conforms
    report = _same(_break(generated, 7), shapes)
    assert not report.conforms


def test_focus_nodes_keep_sh_or_checks(shapes: Graph) -> None:
    """Unlike pySHACL's focus_nodes, the SPARQL engine still checks values inside sh:or."""
    data = parse_rdf(ROOT / "tests" / "shapes" / "event" / "startDate-plain-text.ttl")
    whole = validate_graph(data, shapes=shapes)
    focus = {URIRef(v.focus.strip("<>")) for v in whole.violations}
    assert validate_graph(data, shapes=shapes, focus_nodes=focus) == whole
    assert validate_graph(data, shapes=shapes, focus_nodes=[URIRef("https://example.org/none")]).violations == ()


def test_triples_validate_without_an_rdflib_graph(real: Graph, shapes: Graph) -> None:
    broken = _break(real, 4)
    assert validate_triples(iter(broken), shapes=shapes) == validate_graph(broken, shapes=shapes, engine="pyshacl")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "tests").with_suffix("")))
def test_compact_triples_get_the_results_of_their_rdflib_terms(path: Path, shapes: Graph) -> None:
    """The build validates its cached (compact) triples without making rdflib terms per triple."""
    from kb.export import CompactConverter

    data = _readable(path)
    if data is None or any(isinstance(t, BNode) for triple in data for t in triple):
        pytest.skip("not parseable, or blank nodes (which the build's compact triples never hold)")
    convert = CompactConverter().triple
    assert validate_compact([convert(t) for t in data], shapes=shapes) == validate_triples(iter(data), shapes=shapes)


def test_compact_literals_go_into_the_store_as_written() -> None:
    codec = TermCodec()
    typed = ("+5", str(XSD.nonNegativeInteger), "")
    store = codec.store_from_compact([("http://example.org/x", str(KB.startOffset), typed),
                                      ("http://example.org/x", str(KB.quote), ("Hi", "", "EN-gb"))])
    back = sorted((codec.from_store(q.object) for q in store), key=str)
    assert [(str(b), b.datatype, b.language) for b in back] == [("+5", XSD.nonNegativeInteger, None), ("Hi", None, "EN-gb")]


# --- what the engine refuses -------------------------------------------------------------------


def _shape(extra: str) -> Graph:
    return Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ; sh:message "m" ; {extra} .
    """, format="turtle")


@pytest.mark.parametrize("extra", ["sh:minLength 3", "sh:uniqueLang true", "sh:equals ex:q", "sh:closed true",
                                   "sh:node ex:T", "sh:qualifiedValueShape ex:T"])
def test_a_constraint_it_cannot_compile_raises_at_load(extra: str) -> None:
    with pytest.raises(UnsupportedShape):
        CompiledShapes(_shape(extra))
    with pytest.raises(UnsupportedShape):
        validate_graph(Graph(), shapes=_shape(extra))


def test_a_shape_it_compiles_is_checked(shapes: Graph) -> None:
    graph = _shape('sh:pattern "^a"')
    data = Graph().parse(data="""@prefix ex: <http://example.org/> .
        ex:x a ex:C ; ex:p "b" . ex:y a ex:C ; ex:p "a" .""", format="turtle")
    (violation,) = validate_graph(data, shapes=graph).violations
    assert violation.focus == "<http://example.org/x>" and violation.constraint == "sh:PatternConstraintComponent"


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown validation engine"):
        validate_graph(Graph(), engine="jena")


def test_store_keeps_typed_literals_as_written() -> None:
    """pyoxigraph's store turns "+5"^^xsd:nonNegativeInteger into "5"^^xsd:integer; the codec must not."""
    codec = TermCodec()
    literal = Literal("+5", datatype=XSD.nonNegativeInteger, normalize=False)
    store = codec.store_from_triples([(URIRef("http://example.org/x"), KB.startOffset, literal)])
    (quad,) = list(store)
    back = codec.from_store(quad.object)
    assert (str(back), back.datatype) == ("+5", XSD.nonNegativeInteger)


# --- build and command line -----------------------------------------------------------------------


def test_build_engines_agree(tmp_path: Path) -> None:
    fast = build(ROOT / "sources", tmp_path / "a", with_store=False)
    slow = build(ROOT / "sources", tmp_path / "b", with_store=False, engine="pyshacl")
    assert fast.report == slow.report and fast.triples == slow.triples
    for name in ("kb.ttl", "kb.trig"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_cli_validate_engine_option(engine: str) -> None:
    bad = ROOT / "tests" / "shapes" / "claim" / "stance-missing.ttl"
    result = CliRunner().invoke(cli, ["validate", "--engine", engine, str(bad)])
    assert result.exit_code == 1 and "kb:stance" in result.output
    good = ROOT / "tests" / "shapes" / "valid.ttl"
    assert CliRunner().invoke(cli, ["validate", "--engine", engine, str(good)]).exit_code == 0


def test_cli_refuses_an_unknown_engine() -> None:
    result = CliRunner().invoke(cli, ["build", "--engine", "jena", "--no-store"])
    assert result.exit_code == 2
