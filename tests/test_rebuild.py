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
    assert result.new_organisations == clean.new_organisations
    _same_records(sources, out, clean_out)
    assert result.doubtful == clean.doubtful
    assert [result.count(w) for w in ("statements", "events", "organisations", "claims")] == \
        [clean.count(w) for w in ("statements", "events", "organisations", "claims")]


def _same_records(sources: Path, out: Path, clean_out: Path) -> None:
    """The sources' records the rebuild saved are those a clean build saves (but for the files'
    signatures): the next rebuild starts from what a clean build would have left."""
    from kb.build import sources_fingerprint
    from kb.buildstate import SourcesState
    from kb.namespaces import DEFAULT_BASE_IRI

    fingerprint = sources_fingerprint(sources, DEFAULT_BASE_IRI)
    mine = SourcesState.load(out / ".cache" / "build", fingerprint)
    theirs = SourcesState.load(clean_out / ".cache" / "build", fingerprint)
    assert (mine is None) == (theirs is None)
    if theirs is not None:
        assert {n: replace(r, signature=None) for n, r in mine.records.items()} == \
            {n: replace(r, signature=None) for n, r in theirs.records.items()}
        assert (mine.acronyms, mine.full, mine.conflicts) == (theirs.acronyms, theirs.full, theirs.conflicts)


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
    assert run.how == {"sources": "changed", "map": "changed", "validate": "changes", "kb.ttl": "spliced", "kb.trig": "spliced",
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


def test_a_full_build_lets_go_of_its_graphs_before_the_store_loads(corpus, tmp_path, monkeypatch):
    """Once ``kb.ttl`` and ``kb.trig`` are written in full, the compact graphs are forgotten (the
    store loads from the files; the rest needs the state), and read back from disk if asked for."""
    held = []
    original = kb.rebuild.CachedBuild._store

    def store(self, *args):
        held.append((self, len(self.sets), len(self.entries._memory)))
        return original(self, *args)

    monkeypatch.setattr(kb.rebuild.CachedBuild, "_store", store)
    src, _ = corpus
    out = tmp_path / "out"
    result = build(src, out)
    run, sets, entries = held[-1]
    assert run.how["kb.trig"] == "full" and (sets, entries) == (0, 0) and result.triples == run.state.union_count
    from kb.export import Serialiser

    assert Serialiser().trig({iri: run._current(iri) for iri in run.keys}) == (out / "kb.trig").read_bytes()


def test_giving_freed_memory_back_starts_no_process(monkeypatch):
    """(``ctypes.util.find_library`` runs one: forked from a build of 1 GB, it counts as 1 GB in the
    benchmark's peak, which adds the largest child's.)"""
    import subprocess

    import kb.memory

    monkeypatch.setattr(subprocess.Popen, "__init__", lambda *a, **k: pytest.fail("started a process"))
    kb.memory._malloc_trim.cache_clear()
    kb.memory.release_freed()


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


# --- reading and resolving only what changed (kb.build.IncrementalSources) ---------------------


@pytest.fixture()
def resolving(monkeypatch) -> list:
    """The name of every document resolved while the test runs (kb.build.resolve_document)."""
    import kb.build

    names: list = []
    original = kb.build.resolve_document

    def counted(doc, resolver, *args):
        names.append(doc.source.name)
        return original(doc, resolver, *args)

    monkeypatch.setattr(kb.build, "resolve_document", counted)
    return names


@pytest.mark.parametrize("position", ["last", "middle", "first"])
def test_a_source_added_anywhere_is_resolved_alone_or_with_the_sources_after_it(tmp_path, spy, resolving, position):
    """The resolver's state before a source is the registry plus the organisations the sources
    before it made: replayed, not judged again. A source that makes new organisations puts the
    resolver out of step with the last build's, so every later source is resolved again."""
    paths = sorted(generate(tmp_path / "src", 31, seed=5, truth_dir=tmp_path / "truth"))
    index = {"last": -1, "middle": len(paths) // 2, "first": 0}[position]
    held = [p for p in (paths[index], paths[index].with_suffix(".toml")) if p.exists()]
    for path in held:
        path.rename(tmp_path / path.name)
    out = tmp_path / "out"
    build(tmp_path / "src", out)
    for path in held:
        (tmp_path / path.name).rename(path)
    resolving.clear()
    result = build(tmp_path / "src", out)
    assert spy[-1].how["sources"] == "changed" and spy[-1].how["kb.ttl"] == "spliced"
    assert resolving[0] == held[0].stem
    later = sorted(p.stem for p in (tmp_path / "src").glob("*.txt") if p.stem > held[0].stem)
    assert resolving[1:] == sorted(set(resolving[1:]) & set(later))  # and some later ones, in order
    if position == "last":
        assert resolving == [held[0].stem]
    assert len(resolving) <= len(later) // 2 + 1  # only the sources its new organisations can reach
    _same_as_clean(tmp_path / "src", out, result, tmp_path)
    resolving.clear()
    again = build(tmp_path / "src", out)  # nothing changed: nothing read, resolved or mapped
    assert resolving == [] and not spy[-1].changes and not spy[-1].mapped
    assert spy[-1].trace.incremental and not spy[-1].trace.fresh
    assert again.warnings == result.warnings and again.new_organisations == result.new_organisations


CONFERENCE_3 = """Final Declaration of the 3rd Conference of Atlantic Workers' Parties

The 3rd Conference of Atlantic Workers' Parties was held in Lisbon on 12-13 May 2015. The Communist Party of Greece and the Portuguese Communist Party took part.

The participants condemn the blockade of Cuba.
"""
#: names the same series with an acronym: the other source's meeting becomes ``event/cawp-3``
CONFERENCE_4 = """Joint Statement of the 4th Conference of Atlantic Workers' Parties (CAWP)

The 4th Conference of Atlantic Workers' Parties (CAWP) was held in Porto on 2-3 June 2016. The Communist Party of Greece and the Communist Party of Brazil took part.

The participants demand an end to the blockade of Cuba.
"""


@pytest.mark.parametrize("cache", ["kept", "lost"])
def test_a_new_series_spelling_canonicalises_again_the_sources_that_look_it_up(tmp_path, spy, cache):
    """A new source that gives a series its acronym changes another source's meeting: that source
    is canonicalised again from the parse cache; without its entry there, everything is redone."""
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    (src / "atlantic-a.txt").write_text(CONFERENCE_3, encoding="utf-8")
    out = tmp_path / "out"
    build(src, out)
    assert "cawp" not in (out / "kb.ttl").read_text(encoding="utf-8")
    (src / "atlantic-b.txt").write_text(CONFERENCE_4, encoding="utf-8")
    if cache == "lost":
        shutil.rmtree(out / ".cache" / "parse")
    result = build(src, out)
    assert "event/cawp-3" in (out / "kb.ttl").read_text(encoding="utf-8")
    if cache == "kept":
        assert spy[-1].how["sources"] == "changed"
        assert {"atlantic-a", "atlantic-b"} <= set(spy[-1].trace.fresh)
        assert len(spy[-1].trace.fresh) < len(list(src.glob("*.txt")))
    else:
        assert spy[-1].how["sources"] == "all"
    _same_as_clean(src, out, result, tmp_path)


def test_a_touched_source_is_not_parsed_again_and_a_hidden_edit_is_still_seen(corpus, tmp_path, spy, monkeypatch):
    """A source's signature (size, times, inode) tells it unchanged without reading it; a changed
    signature with the same bytes is not parsed again; an edit that keeps the size and puts the
    modification time back still changes the change time, so it is read."""
    import os

    import kb.build

    src, _ = _copy(corpus, tmp_path)
    out = tmp_path / "out"
    build(src, out)
    texts = sorted(src.glob("*.txt"))
    os.utime(texts[2], ns=(texts[2].stat().st_atime_ns, texts[2].stat().st_mtime_ns + 10**9))
    with monkeypatch.context() as patched:
        patched.setattr(kb.build, "parse_source", lambda *a, **k: pytest.fail("parsed a touched source"))
        build(src, out)
    assert spy[-1].how["sources"] == "changed" and not spy[-1].changes and not spy[-1].trace.fresh
    edited = texts[5]
    stat = edited.stat()
    text = edited.read_bytes()
    swapped = text.replace(b"condemn", b"CONDEMN", 1) if b"condemn" in text else text[:-2] + text[-1:] + text[-2:-1]
    assert swapped != text and len(swapped) == len(text)
    edited.write_bytes(swapped)
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = build(src, out)
    assert spy[-1].how["sources"] == "changed" and "/".join(spy[-1].trace.fresh) == edited.stem
    _same_as_clean(src, out, result, tmp_path)


def test_a_changed_registry_resolves_everything_again(corpus, tmp_path, spy):
    src, _ = _copy(corpus, tmp_path)
    out = tmp_path / "out"
    build(src, out)
    registry = src / "registry" / "organisations.toml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    result = build(src, out)
    assert spy[-1].how["sources"] == "all"
    _same_as_clean(src, out, result, tmp_path)


ATLANTIS_FIRST = """Joint Statement of the Red Front of Atlantis and the Communist Party of Greece

Athens, 3 March 2019

The Red Front of Atlantis (Greece) and the Communist Party of Greece met in Athens on 3 March 2019.

The two parties condemn the blockade of Cuba.
"""
#: a typo of the organisation the source above makes: on its own a new organisation, after it the same one
ATLANTIS_LATER = """Joint Statement of the Red Front of Atlantiss and the Portuguese Communist Party

Lisbon, 5 April 2019

The Red Front of Atlantiss (Greece) and the Portuguese Communist Party met in Lisbon on 5 April 2019.

The two parties demand an end to the blockade of Cuba.
"""


def test_a_new_organisation_that_a_later_source_now_joins_resolves_that_source_again(tmp_path, spy, resolving):
    """The shortcut must not be taken for a source a new organisation reaches: the later source's
    typo joins the new organisation by a fuzzy match, so its graph changes; the other sources
    are not resolved again."""
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    (src / "zz-atlantis-later.txt").write_text(ATLANTIS_LATER, encoding="utf-8")
    out = tmp_path / "out"
    build(src, out)
    assert "red-front-of-atlantiss-gr" in (out / "kb.ttl").read_text(encoding="utf-8")
    (src / "aa-atlantis-first.txt").write_text(ATLANTIS_FIRST, encoding="utf-8")
    resolving.clear()
    result = build(src, out)
    assert spy[-1].how["sources"] == "changed"
    assert resolving == ["aa-atlantis-first", "zz-atlantis-later"]
    assert "zz-atlantis-later" in spy[-1].trace.fresh
    assert "red-front-of-atlantiss-gr" not in (out / "kb.ttl").read_text(encoding="utf-8")
    _same_as_clean(src, out, result, tmp_path)


@pytest.mark.parametrize("seed", [3, 7, 13])
def test_incremental_resolution_equals_resolving_everything(tmp_path, seed):
    """Several sources added at random places and others removed at once: every resolved
    document, the warnings and the resolver's organisations are those of a full resolution."""
    import random

    from kb.build import CACHE, IncrementalSources, resolve_sources
    from kb.cache import ParseCache
    from kb.namespaces import DEFAULT_BASE_IRI

    paths = sorted(generate(tmp_path / "src", 36, seed=seed, truth_dir=tmp_path / "truth"))
    pick = random.Random(seed).sample(paths, 6)
    held, gone = pick[:3], pick[3:]
    for path in held:
        for file in (path, path.with_suffix(".toml")):
            if file.exists():
                file.rename(tmp_path / file.name)
    out = tmp_path / "out"
    build(tmp_path / "src", out, with_store=False)
    for path in held:
        for file in (path, path.with_suffix(".toml")):
            if (tmp_path / file.name).exists():
                (tmp_path / file.name).rename(file)
    for path in gone:
        path.unlink()
        path.with_suffix(".toml").unlink(missing_ok=True)
    cache = ParseCache(out / CACHE / "parse")
    reader = IncrementalSources.open(tmp_path / "src", out / CACHE, cache=cache, city=None, base=DEFAULT_BASE_IRI)
    found = reader.resolve()
    full = resolve_sources(tmp_path / "src", cache=cache, trace=DEFAULT_BASE_IRI)
    assert found is not None and found.trace.incremental
    assert list(found.documents) == list(full.documents)
    assert found.conflicts == full.conflicts
    assert found.resolver.organisations == full.resolver.organisations

    def recorded(trace) -> dict:  # what each source's look-ups saw, as the next build will start from
        return {n: (tuple(trace.fresh[n].blocks), tuple(trace.fresh[n].probes)) if n in trace.fresh
                else (trace.kept[n].blocks, trace.kept[n].probes) for n in trace.names()}

    assert recorded(found.trace) == recorded(full.trace)


def _atlantis(src: Path, name: str, text: str, country: bool) -> None:
    (src / f"{name}.txt").write_text(text if country else text.replace(" (Greece)", ""), encoding="utf-8")


def _built_with_two_atlantis_sources(tmp_path, country):
    """The corpus plus a first and a later Atlantis source (the later one's typo joins the first's
    organisation), built once: the sources folder and the output folder."""
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    _atlantis(src, "aa-atlantis-first", ATLANTIS_FIRST, country)
    _atlantis(src, "zz-atlantis-later", ATLANTIS_LATER, country)
    out = tmp_path / "out"
    build(src, out)
    return src, out


@pytest.mark.parametrize("country", [True, False], ids=["country", "word-block"])
def test_removing_a_source_whose_organisation_a_later_source_joined_resolves_that_source_again(
        tmp_path, spy, resolving, country):
    """The later source's typo joined the organisation the removed source made: without it, the
    typo makes an organisation of its own again (a mention naming no country is looked for in a
    word block instead of a country's)."""
    src, out = _built_with_two_atlantis_sources(tmp_path, country)
    assert "red-front-of-atlantiss" not in (out / "kb.ttl").read_text(encoding="utf-8")
    (src / "aa-atlantis-first.txt").unlink()
    resolving.clear()
    result = build(src, out)
    assert spy[-1].how["sources"] == "changed" and spy[-1].how["kb.ttl"] == "spliced"
    assert resolving == ["zz-atlantis-later"]
    assert "red-front-of-atlantiss" in (out / "kb.ttl").read_text(encoding="utf-8")
    _same_as_clean(src, out, result, tmp_path)


@pytest.mark.parametrize("country", [True, False], ids=["country", "word-block"])
def test_editing_a_source_so_that_it_makes_other_organisations_resolves_the_sources_it_reached(
        tmp_path, spy, resolving, country):
    src, out = _built_with_two_atlantis_sources(tmp_path, country)
    _atlantis(src, "aa-atlantis-first", ATLANTIS_FIRST.replace("Atlantis", "Lemuria"), country)
    resolving.clear()
    result = build(src, out)
    assert spy[-1].how["sources"] == "changed"
    assert resolving[0] == "aa-atlantis-first" and "zz-atlantis-later" in resolving
    text = (out / "kb.ttl").read_text(encoding="utf-8")
    assert "red-front-of-lemuria" in text and "red-front-of-atlantiss" in text
    _same_as_clean(src, out, result, tmp_path)
    # and back: the later source joins the first one's organisation again
    _atlantis(src, "aa-atlantis-first", ATLANTIS_FIRST, country)
    result = build(src, out)
    assert spy[-1].how["sources"] == "changed"
    assert "red-front-of-atlantiss" not in (out / "kb.ttl").read_text(encoding="utf-8")
    _same_as_clean(src, out, result, tmp_path)


@pytest.mark.parametrize("seed", [2, 9])
def test_a_series_of_changes_rebuilds_exactly_what_clean_builds_write(tmp_path, spy, seed):
    """Generated sources (which share organisations) added, removed and edited between builds,
    several at a time: after each rebuild, the outputs, store and report of a clean build."""
    import random

    pick = random.Random(seed)
    paths = sorted(generate(tmp_path / "src", 30, seed=seed, truth_dir=tmp_path / "truth"))
    aside = tmp_path / "aside"
    aside.mkdir()

    def move(path: Path, to: Path) -> None:
        for file in (path, path.with_suffix(".toml")):
            if file.exists():
                file.rename(to / file.name)

    held = pick.sample(paths, 8)
    for path in held:
        move(path, aside)
    out = tmp_path / "out"
    build(tmp_path / "src", out)
    for step in range(3):
        present = sorted((tmp_path / "src").glob("*.txt"))
        for path in held[step * 3:step * 3 + 3]:  # added back
            move(aside / path.name, tmp_path / "src")
        for path in pick.sample(present, 2):  # removed
            move(path, aside)
        edited = pick.choice(sorted((tmp_path / "src").glob("*.txt")))  # an organisation renamed in one
        text = edited.read_text(encoding="utf-8")
        words = sorted({w for w in text.split() if w.istitle() and len(w) > 5})
        if words:
            word = pick.choice(words)
            edited.write_text(text.replace(word, word[:-1] + "x" + word[-1]), encoding="utf-8")
        result = build(tmp_path / "src", out)
        assert spy[-1].how["sources"] == "changed"
        _same_as_clean(tmp_path / "src", out, result, tmp_path, store=step == 2)
