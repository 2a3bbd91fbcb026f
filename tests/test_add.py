"""``kb add``: every addition is taken whole and valid, or refused with nothing changed.

Each bad input in ``tests/additions/`` is added to a copy of the built knowledge base through
the CLI (in process); the test asserts the exit status, the message, and that ``sources/`` and
``out/`` are byte-identical afterwards (hashes of every file, the build cache included).
Incremental validation — both :func:`kb.add.validate_addition` and the validation from the
build state that ``kb add`` runs — is compared with whole-graph validation on every RDF input.
An accepted addition takes the build's incremental path (spliced outputs, the store updated by
the difference) and leaves the outputs a clean build of the same sources writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from conftest import store_quads
from kb.add import GraphIndex, add, validate_addition
from kb.additions import addition_graphs, read_addition
from kb.build import build, map_documents, resolve_sources, union_graph
from kb.cli import cli
from kb.lock import JOURNAL_NAME, LOCK_NAME
from kb.mint import Minter
from kb.namespaces import SKOS
from kb.sources import MAX_TEXT_BYTES
from kb.validate import load_shapes, validate_graph

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "additions"
ID = "https://w3id.org/declarations/id/"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The repository's sources, built once (with the store) into a module folder."""
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(ROOT / "sources", root / "sources")
    build(root / "sources", root / "out", with_store=True)
    return root


@pytest.fixture()
def kb(built, tmp_path) -> Path:
    """A private copy of the built knowledge base; the working directory is its root."""
    root = tmp_path / "kb"
    shutil.copytree(built, root, symlinks=True)
    return root


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def state(root: Path) -> tuple[dict, dict]:
    return digest(root / "sources"), digest(root / "out")


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["add", *args, "--sources", str(root / "sources"), "--out", str(root / "out")])


# --- bad inputs: a clear message, exit 1 or 2, nothing changed -----------------------------

BAD = [
    ("malformed.ttl", 1, ["line 12, column 5", "not valid turtle"]),
    ("not-utf8.txt", 1, ["is not UTF-8", "line 1"]),
    ("whitespace.txt", 1, ["is empty"]),
    ("binary.txt", 1, ["binary file"]),
    ("impossible-date.txt", 1, ["chars 98-114", "'31 February 2019'", "date that does not exist"]),
    ("impossible-date.ttl", 1, ["line 11", "kb:startDate must be a real date"]),
    ("end-before-start.ttl", 1, ["line 12", "end date 2020-05-01 is before the start date 2020-05-03"]),
    ("unknown-key.txt", 1, ["unknown-key.toml: field 'author': unknown key 'author'", "known keys"]),
    ("wrong-type.txt", 1, ["wrong-type.toml: field 'published'", "expected a string"]),
    ("two-preferred-names.ttl", 1, ["line 9", "organisation/communist-party-of-greece", "exactly one preferred name"]),
    ("unknown-stance.ttl", 1, ["kb:stance must be one of"]),
    ("plain-string-date.ttl", 1, ["line 11", "kb:startDate must be a real date", "kb:startDate"]),
    ("second-start-date.ttl", 1, ["event/imcwp-21", "at most one kb:startDate"]),
    ("unknown-participant.ttl", 1, ["kb:participant must point to a kb:Organisation"]),
    ("redefines-ontology.ttl", 1, ["line 9, column 1: kb:Organisation: redefines a term of the ontology",
                                   "line 10, column 1: kb:participant: redefines"]),
    ("outside-base.ttl", 1, ["<http://evil.example/org/kke>", "outside the base IRI"]),
    ("unsafe-iri.ttl", 1, ["organisation/../source/x>: is not a safe knowledge-base IRI",
                           "organisation/kkе>: is not a safe", "use <https://w3id.org/declarations/id/organisation/kke>",
                           "two words>: is not a safe"]),
    ("control-character.ttl", 1, ["line 9", "control character"]),
    ("blank-node.ttl", 1, ["blank nodes are not accepted"]),
    ("remote-context.jsonld", 1, ["remote JSON-LD @context"]),
]


@pytest.mark.parametrize(("name", "status", "expected"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_addition_is_refused_with_its_place_and_changes_nothing(kb, name, status, expected):
    before = state(kb)
    result = run(kb, str(CASES / name))
    assert result.exit_code == status, result.output
    for fragment in expected:
        assert fragment in result.output
    assert "nothing was written" in result.output
    assert state(kb) == before


def test_a_file_over_the_size_limit_is_refused(kb, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"We condemn the war. " * (MAX_TEXT_BYTES // 20 + 1))
    before = state(kb)
    result = run(kb, str(big))
    assert result.exit_code == 1
    assert f"over the limit of {MAX_TEXT_BYTES:,}" in result.output
    assert state(kb) == before


def test_a_declaration_already_in_the_knowledge_base_is_named(kb, tmp_path):
    copy = tmp_path / "same-text-again.txt"
    copy.write_bytes((kb / "sources" / "cpi-report-imcwp.txt").read_bytes())
    before = state(kb)
    result = run(kb, str(copy))
    assert result.exit_code == 1
    assert "already in the knowledge base as" in result.output and "cpi-report-imcwp.txt" in result.output
    assert state(kb) == before


def test_an_existing_source_name_is_refused(kb, tmp_path):
    other = tmp_path / "cpi-report-imcwp.txt"
    other.write_text((CASES / "good-declaration.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = state(kb)
    result = run(kb, str(other))
    assert result.exit_code == 1 and "a source named 'cpi-report-imcwp' is already" in result.output
    assert state(kb) == before


@pytest.mark.parametrize("name", ["Bad Name", "../escape", "kkе-cyrillic", "a<b>"])
def test_a_name_that_would_make_an_unsafe_iri_is_refused(kb, name):
    before = state(kb)
    result = run(kb, str(CASES / "good-declaration.txt"), "--name", name)
    assert result.exit_code == 1
    assert f"field 'name': the name {name!r} would make an unsafe IRI" in result.output
    assert state(kb) == before


def test_an_impossible_publication_date_is_refused_by_field(kb):
    before = state(kb)
    result = run(kb, str(CASES / "good-declaration.txt"), "--published", "2021-02-31")
    assert result.exit_code == 1
    assert "field 'published'" in result.output and "2021-02-31" in result.output
    assert state(kb) == before


@pytest.mark.parametrize("args", [
    ["{cases}/good-organisation.ttl", "--published", "2020"],  # metadata for RDF
    ["{cases}/no-such-file.txt"],
    ["{cases}/unknown-key.toml"],  # not an addition type
    ["{cases}/good-declaration.txt", "--format", "xml"],
])
def test_usage_errors_exit_2_and_change_nothing(kb, args):
    before = state(kb)
    result = run(kb, *[a.format(cases=CASES) for a in args])
    assert result.exit_code == 2, result.output
    assert state(kb) == before


def test_json_report_for_tools(kb):
    result = run(kb, str(CASES / "malformed.ttl"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["accepted"] is False and report["kind"] == "rdf"
    (problem,) = report["problems"]
    assert (problem["severity"], problem["line"], problem["column"]) == ("error", 12, 5)
    assert problem["hint"] == "fix the syntax there"


# --- accepted additions --------------------------------------------------------------------


def test_a_good_declaration_is_added_and_the_outputs_equal_a_full_build(kb, tmp_path):
    result = run(kb, str(CASES / "good-declaration.txt"), "--published", "2021-03-02", "--publisher", "Red Front",
                 "--url", "https://example.org/red-front/2021")
    assert result.exit_code == 0, result.output
    assert "added" in result.output and "wrote" in result.output
    new = kb / "sources" / "good-declaration.txt"
    assert new.read_bytes() == (CASES / "good-declaration.txt").read_bytes()
    assert 'published = "2021-03-02"' in new.with_suffix(".toml").read_text(encoding="utf-8")
    build(kb / "sources", tmp_path / "fresh", with_store=False)
    for name in ("kb.ttl", "kb.trig"):
        assert (kb / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
    assert not (kb / "sources" / LOCK_NAME).exists() and not (kb / "sources" / JOURNAL_NAME).exists()


def test_markup_in_a_declaration_is_kept_as_data(kb):
    assert run(kb, str(CASES / "good-declaration.txt"), "--no-store").exit_code == 0
    graph = Graph().parse(kb / "out" / "kb.ttl", format="turtle")
    quotes = {str(o) for o in graph.objects(None, URIRef("https://w3id.org/declarations/ontology#quote"))}
    assert any('<script>alert("x")</script>' in q and '"""' in q and "\\" in q for q in quotes)


def test_markup_and_turtle_syntax_in_rdf_literals_stay_literals(kb):
    result = run(kb, str(CASES / "markup-in-literal.ttl"))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(kb / "out" / "kb.ttl", format="turtle")
    org = URIRef(ID + "organisation/red-front-of-atlantis")
    assert graph.value(org, SKOS.prefLabel) == Literal("Red Front <script>alert(1)</script>")
    assert Literal('x" . } <http://evil.example/> a kb:Organisation . # ') in set(graph.objects(org, SKOS.altLabel))
    assert not any("evil.example" in str(s) for s in graph.subjects())
    assert (kb / "sources" / "additions" / "markup-in-literal.ttl").exists()


def test_an_rdf_addition_goes_into_its_own_named_graph_and_counts_as_present(kb):
    assert run(kb, str(CASES / "good-organisation.ttl")).exit_code == 0
    trig = (kb / "out" / "kb.trig").read_text(encoding="utf-8")
    assert f"<{ID}addition/good-organisation>" in trig and "Red Front of Atlantis" in trig
    query = CliRunner().invoke(cli, ["query", "--store", str(kb / "out" / "store"),
                                     f'SELECT ?n WHERE {{ <{ID}organisation/red-front-of-atlantis> <{SKOS.prefLabel}> ?n }}'])
    assert "Red Front of Atlantis" in query.output
    before = state(kb)
    again = run(kb, str(CASES / "good-organisation.ttl"), "--name", "again")
    assert again.exit_code == 1 and "the same file is already in the knowledge base" in again.output
    assert state(kb) == before


def test_json_ld_is_accepted(kb):
    result = run(kb, str(CASES / "good-organisation.jsonld"), "--no-store", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["accepted"] is True


def test_dry_run_reports_and_writes_nothing(kb):
    before = state(kb)
    result = run(kb, str(CASES / "good-declaration.txt"), "--dry-run")
    assert result.exit_code == 0 and "would add" in result.output and "wrote" not in result.output
    assert state(kb) == before


def test_warnings_name_the_close_organisation_and_the_unresolved_date(kb):
    close = run(kb, str(CASES / "close-name.ttl"), "--dry-run")
    assert close.exit_code == 0
    assert "new organisation 'Communist Party of Grece' has a name close to 'Communist Party of Greece'" in close.output
    assert "line 9" in close.output
    undated = run(kb, str(CASES / "good-declaration.txt"), "--dry-run")
    assert undated.exit_code == 0 and "warning:" in undated.output and "no date found" in undated.output


# --- incremental validation gives the whole-graph verdict ----------------------------------

# Every RDF input the shapes can be run on (not those that cannot be parsed, hold blank nodes
# or IRIs no serialiser accepts: the checks before SHACL refuse them).
RDF_CASES = sorted(p.name for p in CASES.iterdir() if p.suffix in (".ttl", ".jsonld")
                   and p.name not in ("malformed.ttl", "remote-context.jsonld", "blank-node.ttl", "unsafe-iri.ttl"))


@pytest.fixture(scope="module")
def kb_graphs(built):
    resolved = resolve_sources(built / "sources")
    minter = Minter()
    graphs = map_documents(resolved.documents, minter=minter)
    graphs.update(addition_graphs(built / "sources", minter=minter))
    return graphs


def _key(report) -> set:
    return {(v.focus, v.path, v.constraint, v.shape, v.value, v.severity) for v in report.violations}


@pytest.mark.parametrize("name", RDF_CASES)
def test_incremental_validation_agrees_with_the_whole_graph(kb_graphs, name):
    shapes = load_shapes()
    added = sorted(read_addition(CASES / name))
    graphs = {**kb_graphs, URIRef(ID + "addition/x"): added}
    incremental, focus, size = validate_addition(graphs, added, shapes=shapes)
    whole = validate_graph(union_graph(graphs), shapes=shapes)
    assert incremental.conforms == whole.conforms
    assert _key(incremental) == _key(whole)
    assert size < len(union_graph(graphs)) / 10  # it really is a part of the graph


def test_incremental_validation_agrees_on_a_declaration(built):
    from kb.sources import load_source

    source = load_source(CASES / "good-declaration.txt")
    resolved = resolve_sources(built / "sources", (source,))
    graphs = map_documents(resolved.documents, minter=Minter())
    own = graphs[Minter().source("good-declaration")]
    incremental, _, _ = validate_addition(graphs, own)
    whole = validate_graph(union_graph(graphs))
    assert incremental.conforms and whole.conforms and _key(incremental) == _key(whole)


def test_the_neighbourhood_includes_same_named_organisations(kb_graphs):
    """The one cross-node rule: a new organisation with an existing name and country."""
    org = URIRef(ID + "organisation/kke-again")
    added = [(org, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
              URIRef("https://w3id.org/declarations/ontology#Organisation")),
             (org, SKOS.prefLabel, Literal("Communist Party of Greece")),
             (org, URIRef("https://w3id.org/declarations/ontology#countryCode"), Literal("GR"))]
    graphs = {**kb_graphs, URIRef(ID + "addition/x"): added}
    incremental, _, _ = validate_addition(graphs, added, index=GraphIndex.from_graphs(graphs))
    whole = validate_graph(union_graph(graphs))
    assert not incremental.conforms and _key(incremental) == _key(whole)
    assert {v.focus for v in incremental.violations} == {f"<{org}>", f"<{ID}organisation/communist-party-of-greece>"}


# --- the lock, and a process killed halfway through writing --------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_live_lock_refuses_and_a_stale_lock_is_recovered(kb):
    lock = kb / "sources" / LOCK_NAME
    lock.write_text(f"{os.getpid()}\n")  # held by a live process (this one)
    before = state(kb)
    busy = run(kb, str(CASES / "good-declaration.txt"), "--no-store")
    assert busy.exit_code == 1 and f"another kb process (PID {os.getpid()})" in busy.output
    assert state(kb) == before
    lock.write_text(f"{_dead_pid()}\n")  # its process is gone
    result = run(kb, str(CASES / "good-declaration.txt"), "--no-store")
    assert result.exit_code == 0, result.output
    assert not lock.exists()


def test_a_failure_between_two_renames_puts_everything_back(kb, monkeypatch):
    import kb.lock as lock_module

    real, calls = os.replace, []

    def failing_replace(src, dst):
        if Path(src).name.startswith(".kb-add-") and not Path(dst).name.startswith("."):
            calls.append(dst)  # a staged file moved over its target
            if len(calls) == 2:  # after one file has been swapped in
                raise OSError(28, "No space left on device")
        return real(src, dst)

    before = state(kb)
    monkeypatch.setattr(lock_module.os, "replace", failing_replace)
    with pytest.raises(OSError):
        add(CASES / "good-declaration.txt", sources_dir=kb / "sources", out_dir=kb / "out")
    monkeypatch.setattr(lock_module.os, "replace", real)
    assert state(kb) == before


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import kb.lock
    real, calls = os.replace, []
    def replace_then_die(src, dst):
        real(src, dst)
        if Path(src).name.startswith(".kb-add-") and not Path(dst).name.startswith("."):
            calls.append(dst)  # a staged file moved over its target
            if len(calls) == 2:  # two files swapped in, the rest not: die without cleaning up
                os.kill(os.getpid(), signal.SIGKILL)
    kb.lock.os.replace = replace_then_die
    from kb.add import add
    add(Path(sys.argv[1]), sources_dir=Path(sys.argv[2]), out_dir=Path(sys.argv[3]))
""")


def test_a_process_killed_while_writing_leaves_the_knowledge_base_as_it_was(kb):
    before = state(kb)
    killed = subprocess.run([sys.executable, "-c", KILLER, str(CASES / "good-declaration.txt"), str(kb / "sources"),
                             str(kb / "out")], cwd=ROOT, capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (kb / "sources" / LOCK_NAME).exists() and (kb / "sources" / JOURNAL_NAME).exists()
    assert state(kb) != before  # it really died halfway
    checked = run(kb, str(CASES / "malformed.ttl"))  # the next run: recovers, then refuses
    assert checked.exit_code == 1
    assert state(kb) == before
    assert run(kb, str(CASES / "good-declaration.txt")).exit_code == 0


# --- kb add goes through the build cache: the outputs of a clean build, at the cost of a rebuild --


INCREMENTAL = {"sources": "changed", "map": "changed", "validate": "changes", "kb.ttl": "spliced", "kb.trig": "spliced", "store": "updated"}


@pytest.fixture()
def kb_in_place(built, tmp_path) -> Path:
    """A knowledge base built where it stands (a copied output is written in full once: the build
    state knows its outputs by inode), from the module build's parse cache."""
    root = tmp_path / "kb"
    shutil.copytree(built / "sources", root / "sources")
    shutil.copytree(built / "out" / ".cache" / "parse", root / "out" / ".cache" / "parse")
    build(root / "sources", root / "out", with_store=True)
    return root


@pytest.mark.parametrize("args", [
    ["good-declaration.txt", "--published", "2021-03-02", "--publisher", "Red Front"],
    ["good-organisation.ttl"],
    ["markup-in-literal.ttl"],
])
def test_an_addition_is_incremental_and_writes_what_a_clean_build_writes(kb_in_place, tmp_path, spy, args):
    kb = kb_in_place
    result = run(kb, str(CASES / args[0]), *args[1:])
    assert result.exit_code == 0, result.output
    assert spy[-1].how == INCREMENTAL  # the build state's neighbourhood, spliced outputs, store by difference
    assert spy[-1].checked[0] > 0 and spy[-1].checked[1] < spy[-1].triples / 5
    clean = tmp_path / "clean"
    build(kb / "sources", clean, with_store=True)
    for name in ("kb.ttl", "kb.trig"):
        assert (kb / "out" / name).read_bytes() == (clean / name).read_bytes(), name
    assert store_quads(kb / "out" / "store") == store_quads(clean / "store")
    # the state the addition saved is the next build's: nothing left to do
    rebuilt = build(kb / "sources", kb / "out", with_store=True)
    assert not spy[-1].changes and rebuilt.report.conforms
    for name in ("kb.ttl", "kb.trig"):
        assert (kb / "out" / name).read_bytes() == (clean / name).read_bytes(), name


def test_two_additions_in_a_row_stay_incremental_and_exact(kb_in_place, tmp_path, spy):
    kb = kb_in_place
    assert run(kb, str(CASES / "good-organisation.ttl")).exit_code == 0
    assert run(kb, str(CASES / "good-declaration.txt")).exit_code == 0
    assert spy[-1].how == INCREMENTAL
    clean = tmp_path / "clean"
    build(kb / "sources", clean, with_store=True)
    for name in ("kb.ttl", "kb.trig"):
        assert (kb / "out" / name).read_bytes() == (clean / name).read_bytes(), name
    assert store_quads(kb / "out" / "store") == store_quads(clean / "store")


def test_an_addition_to_a_knowledge_base_never_built_writes_a_clean_build(tmp_path, spy):
    root = tmp_path / "kb"
    shutil.copytree(ROOT / "sources", root / "sources")
    result = run(root, str(CASES / "good-declaration.txt"))
    assert result.exit_code == 0, result.output
    assert spy[-1].how["validate"] == "all" and spy[-1].how["store"] == "loaded"
    build(root / "sources", tmp_path / "clean", with_store=True)
    for name in ("kb.ttl", "kb.trig"):
        assert (root / "out" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    assert run(root, str(CASES / "good-organisation.ttl")).exit_code == 0
    assert spy[-1].how == INCREMENTAL


@pytest.mark.parametrize("name", RDF_CASES)
def test_kb_adds_validation_from_the_build_state_agrees_with_the_whole_graph(built, kb_graphs, name):
    """What kb add validates with: the change to the last build's state (kb/validate_changes.py),
    compared with whole-graph validation of the knowledge base plus the addition."""
    from kb.add import _Kept
    from kb.build import CACHE
    from kb.rebuild import CachedBuild

    target = built / "sources" / "additions" / name
    minter = Minter()
    resolved = resolve_sources(built / "sources", cache=_Kept(built / "out" / CACHE / "parse"))
    staged = CachedBuild(built / "out", minter, staged=True)
    staged.map(resolved.documents, resolved.parse_keys, built / "sources", {target: CASES / name})
    incremental = staged.validate(recheck=False)
    assert staged.how["validate"] == "changes" and staged.how["map"] == "changed"
    added = sorted(read_addition(CASES / name))
    whole = validate_graph(union_graph({**kb_graphs, URIRef(ID + "addition/x"): added}), shapes=load_shapes())
    assert _key(incremental) == _key(whole)
    assert {v.message for v in incremental.violations} == {v.message for v in whole.violations}
    assert not any((built / "out" / ".cache" / "graphs").glob(".kb-add-*"))  # nothing written


# --- kb add reads and resolves only what the addition reaches (kb.build.IncrementalSources) --


def _same_as_clean_build(root: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(root / "sources", clean, with_store=True)
    for name in ("kb.ttl", "kb.trig"):
        assert (root / "out" / name).read_bytes() == (clean / name).read_bytes(), name
    assert store_quads(root / "out" / "store") == store_quads(clean / "store")


def test_a_declaration_sorting_first_is_resolved_with_the_sources_it_reaches(kb_in_place, tmp_path, spy, monkeypatch):
    """It makes new organisations, which puts the resolver out of step with the last build's for
    every later source: those whose recorded look-ups a new organisation can meet are resolved
    again (from their stored documents), in order, the others replayed (kb.build._Reach); the
    outputs are a clean build's, and the next build reads nothing."""
    import kb.build

    root = kb_in_place
    resolved: list = []
    original = kb.build.resolve_document
    monkeypatch.setattr(kb.build, "resolve_document", lambda d, r, *a: resolved.append(d.source.name) or original(d, r, *a))
    result = run(root, str(CASES / "good-declaration.txt"), "--name", "aaa-first", "--published", "2021-03-02")
    assert result.exit_code == 0, result.output
    assert spy[-1].how == INCREMENTAL
    later = sorted(p.stem for p in (root / "sources").glob("*.txt") if p.stem != "aaa-first")
    assert resolved[0] == "aaa-first" and resolved[1:] == sorted(set(resolved[1:]) & set(later))
    assert spy[-1].trace.incremental and spy[-1].trace.fresh["aaa-first"].mints  # it made organisations
    _same_as_clean_build(root, tmp_path)
    resolved.clear()
    monkeypatch.setattr(kb.build, "parse_source", lambda *a, **k: pytest.fail("parsed a source again"))
    build(root / "sources", root / "out", with_store=True)
    assert spy[-1].how["sources"] == "changed" and not spy[-1].trace.fresh and not spy[-1].changes and not resolved


def test_without_the_sources_records_kb_add_reads_everything_and_is_still_exact(kb_in_place, tmp_path, spy):
    root = kb_in_place
    (root / "out" / ".cache" / "build" / "sources.pickle").unlink()
    result = run(root, str(CASES / "good-declaration.txt"), "--published", "2021-03-02")
    assert result.exit_code == 0, result.output
    assert spy[-1].how["sources"] == "all" and spy[-1].how["kb.ttl"] == "spliced"
    _same_as_clean_build(root, tmp_path)
    assert run(root, str(CASES / "good-organisation.ttl")).exit_code == 0
    assert spy[-1].how == INCREMENTAL
    _same_as_clean_build(root, tmp_path)


def test_a_duplicate_text_is_found_from_the_records(kb_in_place, tmp_path, spy):
    root = kb_in_place
    copy = tmp_path / "same-text-again.txt"
    copy.write_bytes((root / "sources" / "cpi-report-imcwp.txt").read_bytes())
    before = state(root)
    result = run(root, str(copy))
    assert result.exit_code == 1 and "cpi-report-imcwp.txt" in result.output
    assert state(root) == before
