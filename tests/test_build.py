"""End to end: sources → build → Turtle/TriG → parsed back → SPARQL answers.

Expected values are read from the source texts themselves (list lines, headings), not
copied from the build's output.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

import kb.build
from kb.build import build
from kb.cli import cli
from kb.errors import SourceError

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
PREFIXES = """
PREFIX kb: <https://w3id.org/declarations/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    build(SOURCES, out, with_store=False)
    return out


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return Graph().parse(built / "kb.ttl")


def rows(graph: Graph, query: str) -> list[tuple]:
    return [tuple(None if v is None else str(v) for v in row) for row in graph.query(PREFIXES + query)]


def list_lines(name: str, bullet: str, after: str | None = None) -> list[str]:
    """The list items of a source as printed (marker and surrounding spaces removed)."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    if after:
        text = text[text.index(after) :]
    return [line.strip()[len(bullet) :].strip() for line in text.splitlines() if line.strip().startswith(bullet)]


def test_the_build_conforms_and_writes_both_files(built):
    assert (built / "kb.ttl").stat().st_size > 0
    dataset = Dataset()
    dataset.parse(built / "kb.trig", format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {f"https://w3id.org/declarations/id/source/{p.stem}" for p in SOURCES.glob("*.txt")} <= graphs


def test_the_1996_conference_is_one_event_in_istanbul_with_its_listed_participants(graph):
    found = rows(graph, """
        SELECT ?e ?start ?end ?city ?cc WHERE {
          ?e a kb:Event ; kb:ordinal ?ord ; kb:startDate ?start ; kb:endDate ?end ; kb:heldIn ?p .
          ?p skos:prefLabel ?city ; kb:countryCode ?cc .
          FILTER(?ord = 1 && STRSTARTS(STR(?start), "1996"))
        }""")
    assert found == [(found[0][0], "1996-11-19", "1996-11-20", "Istanbul", "TR")]
    labels = {label for (label,) in rows(graph, f"""
        SELECT ?label WHERE {{ <{found[0][0]}> kb:participant ?o . ?o skos:prefLabel|skos:altLabel ?label }}""")}
    listed = list_lines("eurasian-alternative-conference.txt", "- ")
    assert len(listed) == 16
    assert [item for item in listed if item not in labels] == []


def test_the_2019_statement_has_its_subscribing_parties(graph):
    listed = list_lines("imcwp-anti-imperialist-statement.txt", "•", after="Subscribing Parties")
    found = rows(graph, """
        SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {
          ?s kb:source/kb:fileName "imcwp-anti-imperialist-statement.txt" ; kb:signatory ?o }""")
    assert int(found[0][0]) == len(listed) == 55


def test_the_21st_imcwp_is_one_node_shared_by_two_sources_and_hosted_by_tkp_and_kke(built):
    dataset = Dataset()
    dataset.parse(built / "kb.trig", format="trig")
    query = PREFIXES + """
        SELECT DISTINCT ?g ?e WHERE { GRAPH ?g { ?e a kb:Event ; kb:ordinal ?o FILTER(?o = 21) } }"""
    found = {(str(g), str(e)) for g, e in dataset.query(query)}
    assert len({e for _, e in found}) == 1
    assert {g.rsplit("/", 1)[1] for g, _ in found} == {"cpi-report-imcwp", "imcwp-anti-imperialist-statement"}
    hosts = {str(n) for (n,) in dataset.query(PREFIXES + """
        SELECT ?n WHERE { GRAPH ?g { ?e kb:ordinal ?x ; kb:hostedBy ?o FILTER(?x = 21) } GRAPH ?h { ?o skos:prefLabel ?n } }""")}
    assert hosts == {"Communist Party of Turkey", "Communist Party of Greece"}


def _sha(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_two_builds_are_byte_identical(built, tmp_path):
    build(SOURCES, tmp_path, with_store=False)
    assert _sha(tmp_path) == _sha(built)


def test_reading_the_sources_in_another_order_gives_the_same_bytes(built, tmp_path, monkeypatch):
    original = kb.build.source_paths
    monkeypatch.setattr(kb.build, "source_paths", lambda folder: tuple(reversed(original(folder))))
    build(SOURCES, tmp_path, with_store=False)
    assert _sha(tmp_path) == _sha(built)


def _subjects(path: Path) -> set[str]:
    return {str(s) for s in Graph().parse(path).subjects()}


def test_adding_a_source_changes_no_existing_iri(built, tmp_path):
    fewer = tmp_path / "sources"
    shutil.copytree(SOURCES, fewer)
    for path in fewer.glob("cpi-report-imcwp.*"):
        path.unlink()
    build(fewer, tmp_path / "out", with_store=False)
    assert _subjects(tmp_path / "out" / "kb.ttl") - _subjects(built / "kb.ttl") == set()


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("against-nato-barbarism.toml", b'published = "2013-02-31"\n', "field 'published'"),
        ("against-nato-barbarism.toml", b'colour = "red"\n', "unknown key 'colour'"),
        ("against-nato-barbarism.toml", b"published = \n", "is not valid TOML"),
        ("against-nato-barbarism.txt", b"Caf\xe9 statement\n", "is not UTF-8"),
        ("against-nato-barbarism.txt", b"   \n\n", "is empty"),
    ],
)
def test_bad_sources_fail_naming_the_file_and_write_nothing(tmp_path, filename, content, expected):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / filename).write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    (out / "kb.ttl").write_text("previous build\n")
    before = _sha(out)
    result = CliRunner().invoke(cli, ["build", "--sources", str(sources), "--out", str(out)])
    assert result.exit_code == 1
    assert filename in result.output and expected in result.output
    assert "Traceback" not in result.output
    assert _sha(out) == before
    with pytest.raises(SourceError) as info:
        build(sources, None)
    assert info.value.path.name == filename


def test_cli_build_reports_counts(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--sources", str(SOURCES), "--out", str(tmp_path), "--no-store"])
    assert result.exit_code == 0, result.output
    assert re.search(r"built 5 statements, \d+ events, \d+ organisations, \d+ claims; \d+ triples; conforms", result.output)


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in sorted(cli.commands):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
        assert f"`kb {name}" in readme, f"kb {name} is not documented in the README"


def test_the_readme_query_gives_the_readme_output(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\$ \.venv/bin/kb query (\S+)\n(.*?)```", readme, re.S)
    build(SOURCES, tmp_path)
    result = CliRunner().invoke(cli, ["query", str(ROOT / block.group(1)), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert result.output == block.group(2)


def test_parse_json_contract_quotes_slice_the_text():
    path = SOURCES / "internationalist-front.txt"
    text = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    assert set(data) >= {"source", "statement", "events", "signatories", "organisations", "persons", "claims"}
    assert data["claims"] and all(text[c["start"] : c["end"]] == c["quote"] for c in data["claims"])
    participants = [p["mention"] for e in data["events"] for p in e["participants"]]
    assert all(p in text for p in participants) and len(participants) >= 10


def test_a_text_without_metadata_is_built_from_what_it_says_and_the_report_notes_it(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "against-nato-barbarism.toml").unlink()
    result = CliRunner().invoke(cli, ["build", "--sources", str(sources), "--out", str(tmp_path / "out"), "--no-store"])
    assert result.exit_code == 0, result.output
    assert "warning: against-nato-barbarism.txt: no metadata file; built from the text alone" in result.output
    graph = Graph().parse(tmp_path / "out" / "kb.ttl")
    dated = rows(graph, """
        SELECT ?date WHERE { ?s kb:source/kb:fileName "against-nato-barbarism.txt" ; kb:statementDate ?date }""")
    assert dated == [("2013-02-03",)]


def test_two_sources_placing_one_meeting_differently_give_one_place_and_a_warning(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text("Report\n\nThe 3rd Andean Conference met in Lima on 10-11 August 2012.\n", encoding="utf-8")
    (sources / "b.txt").write_text("Report\n\nThe 3rd Andean Conference was held in Quito on 10-11 August 2012.\n", encoding="utf-8")
    result = build(sources, tmp_path / "out", with_store=False)
    assert result.report.conforms
    assert any("places it in" in w and "Lima" in w and "Quito" in w for w in result.warnings)
    graph = Graph().parse(tmp_path / "out" / "kb.ttl")
    assert rows(graph, "SELECT (COUNT(?p) AS ?n) WHERE { ?e a kb:Event ; kb:heldIn ?p }") == [("1",)]


def test_build_shows_its_stages_unless_quiet(tmp_path):
    loud = CliRunner().invoke(cli, ["build", "--sources", str(SOURCES), "--out", str(tmp_path / "a"), "--no-store"])
    quiet = CliRunner().invoke(cli, ["build", "--sources", str(SOURCES), "--out", str(tmp_path / "b"), "--no-store", "-q"])
    assert loud.exit_code == quiet.exit_code == 0
    assert [line for line in loud.stderr.splitlines() if line.startswith("… ")] == [
        "… parse and resolve", "… map", "… validate", "… write"]
    assert quiet.stderr == ""
