"""The build states saved by difference (kb.buildstate.Journal): a base written now and then and
a log beside it load back equal to the state the build held, and to a clean build's."""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kb.build import build, sources_fingerprint
from kb.buildstate import BlockIndex, BuildState, GraphEntries, SourcesState, replay_splices, splice, splice_parts
from kb.export import header_bytes
from kb.namespaces import DEFAULT_BASE_IRI

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

_COMPARED = ("base", "inverse", "graphs", "single", "shared", "labels", "incoming", "objects", "union_count",
             "plain_count", "subclass_count", "ttl", "trig")


def _fields(state: BuildState, names=_COMPARED) -> dict:
    return {name: getattr(state, name) for name in names}


def test_graph_entries_forgotten_are_read_back_from_disk_and_those_kept_back_stay(tmp_path: Path) -> None:
    entries = GraphEntries(tmp_path / "graphs")
    written = entries.put("a", [("s", "p", "o"), ("s", "p", ("x", "", "en"))])
    entries.forget()
    again = entries.get("a")
    assert again == written and again is not written  # read from its file
    deferred = GraphEntries(tmp_path / "staged", deferred=True)  # kb add: not on disk until staged
    kept = deferred.put("b", [("s", "p", "o")])
    deferred.forget()
    assert deferred.get("b") is kept and not (tmp_path / "staged").exists()


def test_replaying_splices_on_block_sizes_gives_the_index_splicing_gives():
    rng = random.Random(5)
    keys = sorted({f"k{rng.randrange(10_000):05d}" for _ in range(300)})
    offsets = [17]
    for _ in keys:
        offsets.append(offsets[-1] + rng.randrange(1, 90))
    data = bytes(rng.randrange(256) for _ in range(offsets[-1]))
    start = index = BlockIndex(keys, offsets)
    ops = []
    for _ in range(25):
        blocks = {}
        for _ in range(rng.randrange(1, 6)):
            key = rng.choice(index.keys) if index.keys and rng.random() < 0.6 else f"k{rng.randrange(10_000):05d}"
            blocks[key] = None if rng.random() < 0.3 else b"x" * rng.randrange(0, 40)
        header = header_bytes()
        parts, new = splice_parts(index, blocks, header)
        data, again = splice(data, index, blocks, header)
        assert again == new and new.offsets[-1] == len(data)
        ops.append((len(header), {k: len(b) if b else 0 for k, b in blocks.items()}))
        assert replay_splices(start, ops) == new
        index = new
    everything = {k: None for k in index.keys}
    ops.append((len(header_bytes()), {k: 0 for k in everything}))
    assert replay_splices(start, ops) == splice_parts(index, everything, header_bytes())[1] == BlockIndex([], [0])
    assert replay_splices(BlockIndex([], [0]), [(5, {"a": 3, "b": 0})]) == BlockIndex(["a"], [5, 8])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = generate(folder / "src", 14, seed=23, truth_dir=folder / "truth")
    extra = folder / "extra"
    extra.mkdir()
    for path in paths[-2:]:
        for file in (path, path.with_suffix(".toml")):
            if file.exists():
                file.rename(extra / file.name)
    return folder / "src", extra


def _load(out: Path, sources: Path) -> tuple[BuildState, SourcesState]:
    from kb.rebuild import CachedBuild
    from kb.mint import Minter

    folder = out / ".cache" / "build"
    inverse = CachedBuild(out, Minter()).model.inverse
    return (BuildState.load(folder, base=DEFAULT_BASE_IRI, inverse=inverse),
            SourcesState.load(folder, sources_fingerprint(sources, DEFAULT_BASE_IRI)))


def _records(state: SourcesState) -> dict:
    return {n: replace(r, signature=None) for n, r in state.records.items()}


def test_states_saved_by_difference_load_back_as_the_build_held_them_and_as_a_clean_build_saves_them(
        corpus, tmp_path, spy):
    src = tmp_path / "src"
    shutil.copytree(corpus[0], src)
    extra = sorted(corpus[1].iterdir())
    out = tmp_path / "out"
    build(src, out)
    folder = out / ".cache" / "build"
    assert not (folder / "state.log").exists() and not (folder / "sources.log").exists()
    bases = {name: (folder / name).stat().st_mtime_ns for name in ("state.pickle", "sources.pickle")}
    texts = sorted(src.glob("*.txt"))
    steps = [
        lambda: [shutil.copy(p, src / p.name) for p in extra[:2]],  # one source added
        lambda: [p.unlink() for p in (texts[2], texts[2].with_suffix(".toml")) if p.exists()],  # one removed
        lambda: [shutil.copy(p, src / p.name) for p in extra[2:]],  # another added
        lambda: texts[5].write_text(texts[5].read_text(encoding="utf-8") + "\nWe condemn the blockade.\n",
                                    encoding="utf-8"),  # one edited
    ]
    for step in steps:
        step()
        build(src, out)
        run = spy[-1]
        assert run.incremental and run.how["kb.ttl"] == "spliced"
        state, records = _load(out, src)
        # saved by difference: the bases are those of the first build, the logs hold the rest
        assert {name: (folder / name).stat().st_mtime_ns for name in bases} == bases
        assert (folder / "state.log").exists() and (folder / "sources.log").exists()
        held = run.state
        assert _fields(state) == _fields(held)
        assert (state.outputs, state.store, state.store_code, state.validated) == \
            (held.outputs, held.store, held.store_code, held.validated)
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(out / ".cache" / "parse", clean / ".cache" / "parse")
        build(src, clean)
        clean_state, clean_records = _load(clean, src)
        assert _fields(state) == _fields(clean_state)
        assert _records(records) == _records(clean_records)
        assert (records.acronyms, records.full, records.conflicts) == \
            (clean_records.acronyms, clean_records.full, clean_records.conflicts)
        # the look-up table only grows (as before the logs): it holds a clean build's
        assert clean_records.probes.items() <= records.probes.items()
        assert list(records.records) == sorted(records.records)
    # a log is only read with its own base: a base written anew makes the old log stale
    state, records = _load(out, src)
    state.journal = records.journal = None
    state.save(folder)
    records.save(folder)
    again, again_records = _load(out, src)
    assert _fields(again) == _fields(state) and _records(again_records) == _records(records)
    assert (folder / "state.log").exists()  # stale, and ignored
    build(src, out)  # nothing changed
    assert spy[-1].how["map"] == "changed" and not spy[-1].changes


def test_a_log_folded_into_a_new_base_when_it_grows(corpus, tmp_path, spy, monkeypatch):
    import kb.buildstate

    src = tmp_path / "src"
    shutil.copytree(corpus[0], src)
    out = tmp_path / "out"
    build(src, out)
    folder = out / ".cache" / "build"
    before = (folder / "state.pickle").stat().st_mtime_ns
    monkeypatch.setattr(kb.buildstate, "_LOG_MIN", 0)
    monkeypatch.setattr(kb.buildstate, "LOG_SHARE", 0.0)
    for path in sorted(corpus[1].iterdir())[:2]:
        shutil.copy(path, src / path.name)
    build(src, out)
    assert (folder / "state.pickle").stat().st_mtime_ns != before
    assert not (folder / "state.log").exists() and not (folder / "sources.log").exists()
    state, _ = _load(out, src)
    assert _fields(state) == _fields(spy[-1].state)


def test_a_spliced_output_that_cannot_be_written_fails_the_build_and_the_next_one_writes_it(
        corpus, tmp_path, spy, monkeypatch):
    """kb.ttl and kb.trig are spliced in threads while the store is updated: an error in one of
    them still fails the build, saves no state, and the next build puts everything right."""
    import kb.rebuild

    src = tmp_path / "src"
    shutil.copytree(corpus[0], src)
    out = tmp_path / "out"
    build(src, out)
    before = {name: (out / name).read_bytes() for name in ("kb.trig", "kb.ttl")}
    saved = {name: (out / ".cache" / "build" / name).read_bytes() for name in ("state.pickle", "sources.pickle")}
    for path in sorted(corpus[1].iterdir())[:2]:
        shutil.copy(path, src / path.name)
    original = kb.rebuild.write_spliced

    def failing(path, source, parts):
        if Path(path).name.endswith("kb.trig"):
            raise OSError("disk full")
        return original(path, source, parts)

    monkeypatch.setattr(kb.rebuild, "write_spliced", failing)
    with pytest.raises(OSError, match="disk full"):
        build(src, out)
    assert (out / "kb.trig").read_bytes() == before["kb.trig"]
    assert not list(out.glob(".kb.trig.*"))
    assert {name: (out / ".cache" / "build" / name).read_bytes() for name in saved} == saved
    assert not (out / ".cache" / "build" / "state.log").exists()
    monkeypatch.setattr(kb.rebuild, "write_spliced", original)
    build(src, out)
    clean = tmp_path / "clean"
    shutil.copytree(out / ".cache" / "parse", clean / ".cache" / "parse")
    build(src, clean)
    for name in ("kb.ttl", "kb.trig"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
