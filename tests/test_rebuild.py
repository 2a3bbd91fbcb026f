"""A rebuild from the build cache writes exactly what a clean build of the same sources writes.

Each test builds a folder, changes it (adds, edits or removes a source, adds an RDF addition,
replaces an output behind the build's back), rebuilds into the same output folder, and compares
``kb.ttl``, ``kb.trig``, the store's quads and the build report with a build from scratch in
another folder. The tests also check that the rebuild took the incremental path it is meant to.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import kb.rebuild
from conftest import store_quads
from kb.build import build, canonical_events, load_curated, parse_sources
from kb.errors import ValidationError
from kb.resolve import resolve_documents
from kb.build import make_resolver, merge_events
from kb.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
ADDITIONS = ROOT / "tests" / "additions"
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """16 generated declarations, and a 17th held back (its .txt and .toml)."""
    folder = tmp_path_factory.mktemp("corpus")
    paths = generate(folder / "src", 17, seed=11, truth_dir=folder / "truth")
    extra = folder / "extra"
    extra.mkdir()
    for path in (paths[-1], paths[-1].with_suffix(".toml")):
        if path.exists():
            path.rename(extra / path.name)
    return folder / "src", extra


def _same_as_clean(sources: Path, out: Path, result, tmp_path: Path, *, store: bool = True) -> None:
    clean_out = tmp_path / "clean"
    shutil.rmtree(clean_out, ignore_errors=True)
    # a clean build, but for the parse cache (tests/test_cache.py shows it changes nothing): no
    # graph entries, no state, no outputs to start from
    shutil.copytree(out / ".cache" / "parse", clean_out / ".cache" / "parse")
    clean = build(sources, clean_out, with_store=store)
    for name in ("kb.ttl", "kb.trig"):
        assert (out / name).read_bytes() == (clean_out / name).read_bytes(), name
    if store:
        assert store_quads(out / "store") == store_quads(clean_out / "store")
    assert result.triples == clean.triples
    assert result.report == clean.report
    assert result.warnings == clean.warnings
    assert [result.count(w) for w in ("statements", "events", "organisations", "claims")] == \
        [clean.count(w) for w in ("statements", "events", "organisations", "claims")]


def _copy(corpus: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    src, extra = corpus
    work = tmp_path / "src"
    shutil.copytree(src, work)
    return work, extra


def test_a_rebuild_after_adding_one_source_writes_what_a_clean_build_writes(corpus, tmp_path, spy):
    src, extra = _copy(corpus, tmp_path)
    out = tmp_path / "out"
    build(src, out)
    for path in extra.iterdir():
        shutil.copy(path, src / path.name)
    result = build(src, out)
    run = spy[-1]
    assert run.how == {"map": "changed", "validate": "changes", "kb.ttl": "spliced", "kb.trig": "spliced",
                       "store": "updated"}
    assert len(run.changes) >= 1 and len(run.mapped) == len([c for c in run.changes.values() if c[0]])
    _same_as_clean(src, out, result, tmp_path)


def test_a_rebuild_after_editing_or_removing_a_source_writes_what_a_clean_build_writes(corpus, tmp_path, spy):
    src, _ = _copy(corpus, tmp_path)
    out = tmp_path / "out"
    build(src, out)
    texts = sorted(src.glob("*.txt"))
    edited = texts[3]
    text = edited.read_text(encoding="utf-8")
    cut = text.rindex("\n\n")
    edited.write_text(text[:cut] + "\n\nWe condemn the blockade of Cuba and demand its end." + text[cut:], encoding="utf-8")
    result = build(src, out)
    assert spy[-1].how["validate"] == "changes" and spy[-1].how["kb.ttl"] == "spliced"
    _same_as_clean(src, out, result, tmp_path)
    for path in (texts[0], texts[0].with_suffix(".toml")):
        path.unlink(missing_ok=True)
    result = build(src, out)
    assert spy[-1].how["kb.trig"] == "spliced" and spy[-1].how["store"] == "updated"
    _same_as_clean(src, out, result, tmp_path)


def test_a_rebuild_with_nothing_changed_maps_nothing_and_writes_the_same_bytes(corpus, tmp_path, spy, monkeypatch):
    src, _ = _copy(corpus, tmp_path)
    out = tmp_path / "out"
    build(src, out)
    before = {name: (out / name).read_bytes() for name in ("kb.ttl", "kb.trig")}
    monkeypatch.setattr(kb.rebuild, "map_document", lambda *a, **k: pytest.fail("mapped an unchanged source"))
    result = build(src, out)
    assert spy[-1].how["map"] == "changed" and not spy[-1].changes
    assert {name: (out / name).read_bytes() for name in ("kb.ttl", "kb.trig")} == before
    assert result.report.conforms


def test_an_output_replaced_behind_the_builds_back_is_written_in_full_again(corpus, tmp_path, spy):
    src, extra = _copy(corpus, tmp_path)
    out = tmp_path / "out"
    build(src, out, with_store=False)
    (out / "kb.ttl").write_bytes(b"# edited by hand\n")
    for path in extra.iterdir():
        shutil.copy(path, src / path.name)
    result = build(src, out)  # the store was never built with this state: loaded in full
    assert spy[-1].how["kb.ttl"] == "full" and spy[-1].how["kb.trig"] == "spliced" and spy[-1].how["store"] == "loaded"
    _same_as_clean(src, out, result, tmp_path)


def test_rdf_additions_are_cached_and_rebuilt_like_sources(tmp_path, spy):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    out = tmp_path / "out"
    build(src, out)
    (src / "additions").mkdir(exist_ok=True)
    shutil.copy(ADDITIONS / "good-organisation.ttl", src / "additions" / "good-organisation.ttl")
    result = build(src, out)
    assert spy[-1].how["validate"] == "changes"
    _same_as_clean(src, out, result, tmp_path)


PREFIXES = """@prefix kb: <https://w3id.org/declarations/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id: <https://w3id.org/declarations/id/> .
"""
#: the name and country of an organisation of sources/, under another id
TWIN = PREFIXES + """id:organisation\\/kke-twin a kb:Organisation ; skos:prefLabel "Communist Party of Greece" ;
    kb:countryCode "GR" .
"""
#: an organisation, and (in another file) an existing meeting it took part in
NEW_ORGANISATION = PREFIXES + """id:organisation\\/red-front-of-atlantis a kb:Organisation ;
    skos:prefLabel "Red Front of Atlantis" ; kb:countryCode "GR" .
"""
PARTICIPANT = PREFIXES + "id:event\\/imcwp-21 kb:participant id:organisation\\/red-front-of-atlantis .\n"


@pytest.mark.parametrize(("before", "change", "validated"), [
    # a second start date for a meeting of the sources: the meeting is a node the change touches
    ({}, {"second-start-date.ttl": (ADDITIONS / "second-start-date.ttl").read_text()}, "changes, then all"),
    # an organisation with the name and country of another: found through the name they share
    ({}, {"twin.ttl": TWIN}, "changes, then all"),
    # the only file typing an organisation goes, another file still links a meeting to it: the
    # change model cannot see who points at the organisation from unchanged graphs, so it gives up
    ({"a-organisation.ttl": NEW_ORGANISATION, "b-participant.ttl": PARTICIPANT}, {"a-organisation.ttl": None}, "all"),
])
def test_a_rebuild_that_breaks_the_shapes_fails_as_a_clean_build_does_and_writes_nothing(tmp_path, spy, before, change,
                                                                                          validated):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    additions = src / "additions"
    additions.mkdir(exist_ok=True)
    for name, text in before.items():
        (additions / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(src, out)
    written = {name: (out / name).read_bytes() for name in ("kb.ttl", "kb.trig")}
    for name, text in change.items():
        if text is None:
            (additions / name).unlink()
        else:
            (additions / name).write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as cached:
        build(src, out)
    assert spy[-1].incremental and spy[-1].how["validate"] == validated
    with pytest.raises(ValidationError) as clean:
        build(src, tmp_path / "clean")
    assert str(cached.value) == str(clean.value)
    assert {name: (out / name).read_bytes() for name in ("kb.ttl", "kb.trig")} == written
    for name, text in change.items():  # undo the change: back to the state the last good build saved
        if text is None:
            (additions / name).write_text(before[name], encoding="utf-8")
        else:
            (additions / name).unlink()
    result = build(src, out)
    assert spy[-1].how["validate"] == "changes"
    _same_as_clean(src, out, result, tmp_path)


def test_the_global_stages_change_only_events_and_organisation_ids(corpus):
    """What :func:`kb.rebuild.map_key` relies on: a resolved document is its parsed document
    with other events and ``org_id``s filled in, plus its organisations and resolutions."""
    src, _ = corpus
    registry = load_curated(src)
    parsed = parse_sources(load_sources(src), registry)
    resolved, _ = merge_events(resolve_documents(canonical_events(parsed, registry.series), make_resolver(registry, src)))
    by_name = {d.source.name: d for d in parsed}

    def cleared(mentions):
        return tuple(replace(m, org_id=None) for m in mentions)

    for r in resolved:
        document = r.document
        original = by_name[document.source.name]
        persons = tuple(replace(p, organisation=replace(p.organisation, org_id=None)) if p.organisation else p
                        for p in document.persons)
        assert replace(document, events=original.events, signatories=cleared(document.signatories),
                       authors=cleared(document.authors), mentions=cleared(document.mentions),
                       persons=persons) == original


def test_a_new_source_that_changes_other_sources_graphs_is_rebuilt_exactly(tmp_path, spy):
    """Seed 5: the held-back declaration sorts first and changes another source's graph too (a
    meeting both name, or an organisation resolved otherwise once it is known earlier)."""
    paths = generate(tmp_path / "src", 41, seed=5, truth_dir=tmp_path / "truth")
    held = [p for p in (paths[0], paths[0].with_suffix(".toml")) if p.exists()]
    for path in held:
        path.rename(tmp_path / path.name)
    out = tmp_path / "out"
    build(tmp_path / "src", out, with_store=False)
    for path in held:
        (tmp_path / path.name).rename(path)
    result = build(tmp_path / "src", out, with_store=False)
    run = spy[-1]
    assert len(run.changes) >= 2 and run.how["validate"] == "changes" and run.how["kb.ttl"] == "spliced"
    _same_as_clean(tmp_path / "src", out, result, tmp_path, store=False)
