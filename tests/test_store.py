"""The embedded store: built from TriG with named graphs kept, swapped in atomically."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from kb.errors import KbError, SourceError
from kb.store import build_store, open_store

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
SMALL = b"<http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 . }\n"


def test_build_store_keeps_named_graphs_and_counts_quads(tmp_path: Path) -> None:
    count = build_store(MINI, tmp_path / "store")
    store = open_store(tmp_path / "store")
    assert count == 206
    graphs = {graph.value.rsplit("/", 1)[-1] for graph in store.named_graphs()}
    assert graphs == {"eurasian-alternative-conference", "imcwp-anti-imperialist-statement",
                      "cpi-report-imcwp", "against-nato-barbarism", "internationalist-front"}
    union = list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    assert len(union) == 173 == len(store) - 206  # distinct triples over all graphs (rdflib agrees)


def test_rebuild_replaces_the_store_and_leaves_no_temporary_directories(tmp_path: Path) -> None:
    small = tmp_path / "small.trig"
    small.write_bytes(SMALL)
    build_store(MINI, tmp_path / "store")
    assert build_store(small, tmp_path / "store") == 1
    assert len(open_store(tmp_path / "store")) == 2  # the quad and its union copy
    assert sorted(path.name for path in tmp_path.iterdir()) == ["small.trig", "store"]


def test_a_failed_build_leaves_the_old_store_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<http://example.org/g> {\n  <http://example.org/s> <p> .\n}\n")
    build_store(MINI, tmp_path / "store")
    with pytest.raises(SourceError) as caught:
        build_store(bad, tmp_path / "store")
    assert caught.value.path == bad and caught.value.line == 2
    assert len(open_store(tmp_path / "store")) == 206 + 173
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.trig", "store"]


def test_open_store_without_a_build_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(KbError, match=r"no knowledge-base store at .*run `kb build` first"):
        open_store(tmp_path / "missing")


def test_a_union_file_gives_the_store_the_union_the_trig_gives(tmp_path: Path) -> None:
    """The build hands its kb.ttl (the union as a set) so that pyoxigraph loads it in bulk."""
    union = tmp_path / "union.ttl"
    union.write_bytes(pyoxigraph.serialize(
        {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in pyoxigraph.parse(path=str(MINI))},
        format=pyoxigraph.RdfFormat.TURTLE))
    assert build_store(MINI, tmp_path / "a") == build_store(MINI, tmp_path / "b", union=union) == 206
    quads = [sorted(map(str, open_store(tmp_path / name))) for name in ("a", "b")]
    assert quads[0] == quads[1] and len(quads[0]) == 206 + 173
