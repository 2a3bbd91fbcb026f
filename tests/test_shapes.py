"""Tests for the SHACL shapes (``shapes/*.ttl``), the ontology (``ontology/kb.ttl``) and
the validation wrapper (``kb/validate.py``).

Shapes are tested as the W3C SHACL test suite does: one tiny violating graph per
constraint under ``tests/shapes/<shape>/<constraint>.ttl``. Each fixture states what it
must produce in header lines::

    # expect: <constraint component> <result path or -> <source shape>

and the test asserts that the report holds exactly those results, no more, no fewer.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor

from kb.errors import SourceError, ValidationError
from kb.namespaces import KB, KBK, KBS, KINDS, PREFIXES, Stance
from kb.records import PartialDate
from kb.validate import (
    KBSH,
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
    assert len(set(report.violations)) == len(report.violations), "a result is reported twice"
    assert not report.conforms


def test_every_fixture_folder_names_a_shape_file() -> None:
    folders = {p.parent.name for p in BAD_GRAPHS}
    assert folders <= {p.stem for p in SHAPES_DIR.glob("*.ttl")}


def test_every_shape_with_a_target_has_a_bad_graph(shapes: Graph) -> None:
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
    top_level = {str(s) for t in targets for s in shapes.subjects(t, None)}
    tested = {KBSH + shape.removeprefix("kbsh:") for p in BAD_GRAPHS for _, _, shape in expectations(p)}
    assert sorted(top_level - tested) == []


def test_valid_graph_conforms(shapes: Graph) -> None:
    report = validate_files([VALID], shapes=shapes)
    assert report.conforms, "\n" + str(report)
    assert report.violations == ()


# --- the shapes themselves -------------------------------------------------------------


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    constrained = {s for p in CONSTRAINT_PARAMETERS for s in shapes.subjects(p, None)}
    constrained |= set(shapes.objects(None, SH.sparql))
    silent = sorted(str(s) for s in constrained if (s, SH.message, None) not in shapes)
    assert constrained and silent == []


def test_every_sparql_check_selects_its_candidates_with_a_sparql_target(shapes: Graph) -> None:
    """Guards the performance note in shapes/common.ttl: no per-node SPARQL over a whole class."""
    for shape in shapes.subjects(SH.sparql, None):
        targets = list(shapes.objects(shape, SH.target))
        assert targets, f"{shape} runs SPARQL for every node of its class; give it an sh:SPARQLTarget"
        assert all((t, RDF.type, SH.SPARQLTarget) in shapes for t in targets)


def test_property_shapes_carry_their_own_targets(shapes: Graph) -> None:
    """Guards the layout note in shapes/common.ttl (sh:property is several times slower in pySHACL)."""
    assert list(shapes.subject_objects(SH.property)) == []


def _in_list(shapes: Graph, shape: URIRef) -> list:
    return list(Collection(shapes, shapes.value(shape, SH["in"])))


def test_country_codes_are_pycountrys_alpha2_set(shapes: Graph) -> None:
    codes = _in_list(shapes, URIRef("https://w3id.org/declarations/shapes#countryCode-iso"))
    assert all(isinstance(c, Literal) and c.datatype is None for c in codes)
    assert sorted(str(c) for c in codes) == sorted(c.alpha_2 for c in pycountry.countries)


def test_stance_list_is_the_stance_enum(shapes: Graph) -> None:
    stances = _in_list(shapes, URIRef("https://w3id.org/declarations/shapes#Claim-stance-in"))
    assert stances == [s.iri for s in Stance]


def test_kind_list_is_the_kinds_table(shapes: Graph) -> None:
    kinds = _in_list(shapes, URIRef("https://w3id.org/declarations/shapes#Statement-kind-in"))
    assert kinds == [KBK[k] for k in KINDS]


def test_org_kind_list_is_the_one_in_terms(shapes: Graph) -> None:
    row = next(line for line in TERMS.splitlines() if line.startswith("| kb:orgKind "))
    listed = re.search(r"\(([^)]*)\)", row).group(1).split(", ")
    kinds = _in_list(shapes, URIRef("https://w3id.org/declarations/shapes#Organisation-orgKind-in"))
    assert [str(k) for k in kinds] == listed
    from kb.resolve.registry import KINDS

    assert list(KINDS) == listed  # the registry accepts exactly the kinds the shapes accept


# --- the ontology ----------------------------------------------------------------------

TERMS = (Path(__file__).resolve().parent.parent / "ontology" / "TERMS.md").read_text(encoding="utf-8")
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return load_ontology()


def _expand(curie: str) -> URIRef:
    prefix, _, local = curie.partition(":")
    return URIRef(PREFIXES[prefix] + local)


def _declared(ontology: Graph, term: URIRef) -> bool:
    return any((term, RDF.type, kind) in ontology for kind in DECLARATIONS)


def _terms_rows() -> list[tuple[list[str], list[str]]]:
    """(kb terms, aligned terms) for every row of the TERMS tables that defines kb: terms."""
    rows = []
    for line in TERMS.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("| kb:") or len(cells) < 3:
            continue
        names = re.findall(r"kb:\w+", cells[0])
        aligned = re.findall(r"\b(?:schema|prov|org|dcterms):\w+", cells[-1])
        rows.append((names, aligned))
    return rows


def test_ontology_declares_exactly_the_terms_in_terms_md(ontology: Graph) -> None:
    terms = {_expand(t) for t in re.findall(r"\bkb:\w+", TERMS)}
    declared = {t for kind in DECLARATIONS for t in ontology.subjects(RDF.type, kind) if isinstance(t, URIRef)}
    assert sorted(terms - declared) == [], "in TERMS.md but not declared"
    assert sorted(declared - terms) == [], "declared but not in TERMS.md"


def test_ontology_declares_every_kb_term_the_shapes_use(shapes: Graph, ontology: Graph) -> None:
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(str(KB))}
    for text in shapes.objects(None, SH.select):
        used |= {_expand(t) for t in re.findall(r"\bkb:\w+", str(text))}
    missing = sorted(str(t) for t in used if not _declared(ontology, t))
    assert used and missing == []


def test_every_concept_the_shapes_use_is_in_its_scheme(shapes: Graph, ontology: Graph) -> None:
    for term in {t for triple in shapes for t in triple if isinstance(t, URIRef)}:
        for namespace in (KBS, KBK):
            if term.startswith(str(namespace)):
                assert (term, SKOS.inScheme, namespace.scheme) in ontology, term


@pytest.mark.parametrize("names, aligned", _terms_rows(), ids=lambda v: ",".join(v) if isinstance(v, list) else None)
def test_ontology_alignment_is_as_terms_says(ontology: Graph, names: list[str], aligned: list[str]) -> None:
    """A row ``kb:startDate / kb:endDate … schema:startDate / schema:endDate`` pairs them up."""
    pairs = zip(names, ([[a] for a in aligned] if len(aligned) == len(names) > 1 else [aligned] * len(names)))
    for name, parents in pairs:
        term = _expand(name)
        relation = RDFS.subClassOf if (term, RDF.type, OWL.Class) in ontology else RDFS.subPropertyOf
        assert set(ontology.objects(term, relation)) == {_expand(p) for p in parents}, name


def test_every_ontology_term_has_label_and_comment(ontology: Graph) -> None:
    terms = [t for kind in DECLARATIONS for t in ontology.subjects(RDF.type, kind) if isinstance(t, URIRef)]
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term
    assert terms


def test_ontology_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/declarations/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionInfo):
        assert ontology.value(header, prop) is not None, prop


@pytest.mark.parametrize(
    "namespace, names", [(KBS, [s.value for s in Stance]), (KBK, list(KINDS))], ids=["stances", "kinds"]
)
def test_concept_schemes_match_the_vocabulary_tables(ontology: Graph, namespace, names: list[str]) -> None:
    concepts = set(ontology.subjects(SKOS.inScheme, namespace.scheme))
    assert concepts == {namespace[n] for n in names}
    assert (namespace.scheme, RDF.type, SKOS.ConceptScheme) in ontology
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert ontology.value(concept, SKOS.prefLabel) is not None, concept
        assert ontology.value(concept, SKOS.definition) is not None, concept
        assert (namespace.scheme, SKOS.hasTopConcept, concept) in ontology


# --- the end-before-start rule across precisions (property test) ---------------------

partial_dates = st.builds(
    lambda year, month, day: PartialDate(
        year, month, None if month is None or day is None else min(day, calendar.monthrange(year, month)[1])
    ),
    st.integers(2017, 2020),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 31),
)


def _date_literal(date: PartialDate) -> Literal:
    return Literal(date.iso, datatype=date.precision.value)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(partial_dates, partial_dates), min_size=1, max_size=30))
def test_end_before_start_flags_exactly_the_certainly_earlier_ends(shapes: Graph, pairs) -> None:
    """The SPARQL target flags an event iff every day the end may be is before every day the start may be."""
    graph = Graph()
    events = [URIRef(f"https://example.org/event/{i}") for i in range(len(pairs))]
    for event, (start, end) in zip(events, pairs):
        graph.add((event, RDF.type, KB.Event))
        graph.add((event, KB.startDate, _date_literal(start)))
        graph.add((event, KB.endDate, _date_literal(end)))
    target = shapes.value(URIRef("https://w3id.org/declarations/shapes#EventDateOrderShape"), SH.target)
    flagged = {row.this for row in graph.query(str(shapes.value(target, SH.select)), initNs={"kb": KB})}
    expected = {e for e, (start, end) in zip(events, pairs) if end.last_day() < start.first_day()}
    assert flagged == expected


# --- kb.validate: the report ----------------------------------------------------------

ID = "https://w3id.org/declarations/id/"


def test_report_records_are_frozen_and_slotted() -> None:
    for cls in (Violation, ValidationReport):
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
        assert "__slots__" in vars(cls)


def test_violation_fields_are_prefixed_names(shapes: Graph) -> None:
    report = validate_files([FIXTURES / "event" / "endDate-before-start.ttl"], shapes=shapes)
    (violation,) = report.violations
    assert violation == Violation(
        focus=f"<{ID}event>",
        path="kb:endDate",
        message=violation.message,
        severity="Violation",
        constraint="sh:SPARQLConstraintComponent",
        value='"2019-10-17"^^xsd:date',
        source_file=None,
        shape="kbsh:EventDateOrderShape",
    )
    assert "2019-10-17" in violation.message and "2019-10-18" in violation.message


def test_lines_name_focus_path_message_value_and_source(shapes: Graph) -> None:
    report = validate_files([FIXTURES / "claim" / "stance-not-in-scheme.ttl"], shapes=shapes)
    assert report.lines() == (
        f"[Violation] <{ID}claim> kb:stance: kb:stance must be one of kbs:condemn, kbs:demand, kbs:solidarity, "
        "kbs:call, kbs:support, kbs:oppose, kbs:reject, kbs:declare, kbs:other. "
        "(value: kbs:praise; source: sources/fixture.txt)",
    )
    assert str(report) == report.lines()[0]


def test_control_characters_are_shown_escaped(shapes: Graph) -> None:
    report = validate_files([FIXTURES / "claim" / "control-character.ttl"], shapes=shapes)
    (violation,) = report.violations
    assert violation.value == '"condemn\\u0007 the war"'
    assert "\x07" not in str(report)


def test_report_is_sorted_and_deterministic(shapes: Graph) -> None:
    paths = sorted((FIXTURES / "claim").glob("*.ttl"))[:6]
    graph = Graph()
    for path in paths:
        graph += parse_rdf(path)
    first = validate_graph(graph, shapes=shapes)
    again = validate_graph(graph, shapes=shapes)
    assert first == again
    keys = [v.sort_key() for v in first.violations]
    assert keys == sorted(keys) and len(keys) >= 2


@pytest.mark.parametrize(
    "fixture, focus, source",
    [
        ("claim/stance-missing.ttl", "claim", "sources/fixture.txt"),  # kb:source on the claim
        ("source/url-text.ttl", "src", "sources/fixture.txt"),  # the document itself
        ("mention/denotes-two.ttl", "place", "sources/fixture.txt"),  # through a mention that denotes it
        ("statement/source-not-a-document.ttl", "st", "<https://w3id.org/declarations/id/missing-source>"),
        ("organisation/sameAs-text.ttl", "org", None),  # nothing says where it came from
    ],
)
def test_source_file_is_found_through_the_data(shapes: Graph, fixture: str, focus: str, source) -> None:
    graph = parse_rdf(FIXTURES / fixture)
    if fixture.startswith("mention/"):
        graph.add((URIRef(ID + "place"), SKOS.prefLabel, Literal("Izmir", lang="en")))  # break the place too
    report = validate_graph(graph, shapes=shapes)
    sources = {v.source_file for v in report.violations if v.focus == f"<{ID}{focus}>"}
    assert sources == {source}


def test_source_file_of_an_event_comes_from_the_statement_that_reports_it(shapes: Graph) -> None:
    graph = parse_rdf(FIXTURES / "event" / "ordinal-zero.ttl")
    graph += parse_rdf(FIXTURES / "valid.ttl")
    graph.add((URIRef(ID + "statement/meeting-report"), KB.reports, URIRef(ID + "event")))
    (violation,) = validate_graph(graph, shapes=shapes).violations
    assert violation.source_file == "sources/meeting-report.txt"


def test_conforming_report_does_not_raise(shapes: Graph) -> None:
    report = validate_files([VALID], shapes=shapes)
    report.raise_for_violations()
    assert str(report) == "The data conforms to the shapes."


def test_raise_for_violations_lists_every_problem_on_its_own_line(shapes: Graph) -> None:
    report = validate_files([FIXTURES / "organisation" / "duplicate-name-and-country.ttl"], shapes=shapes)
    with pytest.raises(ValidationError) as caught:
        report.raise_for_violations()
    assert caught.value.report is report
    lines = str(caught.value).splitlines()
    assert lines[0] == "the data does not conform to the shapes (2 violations):"
    assert lines[1:] == list(report.lines())


def test_warnings_do_not_break_conformance() -> None:
    warning = dataclasses.replace(_a_violation(), severity="Warning")
    report = ValidationReport((warning,))
    assert report.conforms
    report.raise_for_violations()
    assert report.lines()[0].startswith("[Warning] ")


def _a_violation() -> Violation:
    return Violation("<x>", "kb:stance", "m", "Violation", "sh:MinCountConstraintComponent", None, None)


def test_focus_nodes_limit_what_is_validated(shapes: Graph) -> None:
    graph = parse_rdf(FIXTURES / "organisation" / "duplicate-name-and-country.ttl")
    report = validate_graph(graph, shapes=shapes, focus_nodes=[URIRef(ID + "org2")])
    assert {v.focus for v in report.violations} == {f"<{ID}org2>"}


def test_default_shapes_are_the_repositorys(shapes: Graph) -> None:
    report = validate_files([FIXTURES / "claim" / "stance-missing.ttl"])
    assert {v.shape for v in report.violations} == {"kbsh:Claim-stance-exactlyOne"}


# --- kb.validate: reading files ---------------------------------------------------------


def test_trig_is_validated_as_the_union_of_its_graphs(tmp_path: Path, shapes: Graph) -> None:
    trig = tmp_path / "data.trig"
    body = (FIXTURES / "claim" / "stance-missing.ttl").read_text(encoding="utf-8")
    prefixes = "".join(line + "\n" for line in body.splitlines() if line.startswith("@prefix"))
    statements = "\n".join(line for line in body.splitlines() if line and not line.startswith(("@prefix", "#")))
    trig.write_text(f"{prefixes}\nid:graph-a {{\n{statements}\n}}\n", encoding="utf-8")
    report = validate_files([trig], shapes=shapes)
    assert {(v.constraint, v.path) for v in report.violations} == {("sh:MinCountConstraintComponent", "kb:stance")}


def test_several_files_are_validated_together(shapes: Graph) -> None:
    """A statement in one file, its source document in another: together they conform."""
    report = validate_files([FIXTURES / "valid.ttl", FIXTURES / "statement" / "source-not-a-document.ttl"],
                            shapes=shapes)
    assert {v.shape for v in report.violations} == {"kbsh:source-class"}


@pytest.mark.parametrize(
    "suffix, text, line, column",
    [
        (".ttl", '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', 3, 18),
        (".trig", "@prefix ex: <http://ex/> .\nex:g {\n  ex:a ex:b ex:c ex:d .\n}\n", 3, 18),
    ],
)
def test_malformed_file_raises_source_error_with_line_and_column(
    tmp_path: Path, suffix: str, text: str, line: int, column: int
) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        validate_files([path])
    error = caught.value
    assert (error.path, error.line, error.column) == (path, line, column)
    assert str(error).startswith(f"{path}: line {line}, column {column}: not valid ")


def test_unknown_suffix_raises_source_error(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(SourceError, match=r"unknown RDF file type '\.json'") as caught:
        validate_files([path])
    assert caught.value.path == path


def test_missing_file_raises_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read the file") as caught:
        validate_files([tmp_path / "absent.ttl"])
    assert caught.value.path == tmp_path / "absent.ttl"


def test_empty_shapes_folder_raises_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no shapes"):
        load_shapes(tmp_path)
