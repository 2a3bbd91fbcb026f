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


def _written_by_kb(folder: Path) -> tuple[Path, Path]:
    """MINI as the build writes it (:mod:`kb.export`): its ``kb.trig`` and ``kb.ttl``."""
    from kb.export import Serialiser

    def compact(term):
        if isinstance(term, pyoxigraph.NamedNode):
            return term.value
        return (term.value, term.datatype.value if not term.language else "", term.language or "")

    graphs: dict[str, list] = {}
    for quad in pyoxigraph.parse(path=str(MINI)):
        graphs.setdefault(quad.graph_name.value, []).append(tuple(map(compact, (quad.subject, quad.predicate, quad.object))))
    serialiser = Serialiser()
    trig, ttl = folder / "kb.trig", folder / "kb.ttl"
    trig.write_bytes(serialiser.trig(graphs))
    ttl.write_bytes(serialiser.turtle(t for triples in graphs.values() for t in triples))
    return trig, ttl


@pytest.mark.parametrize("size", [1, 300, 5000, 1 << 20])
def test_pieces_cut_a_written_file_between_blocks_only(tmp_path: Path, size: int) -> None:
    from kb.store import pieces

    for path, trig in zip(_written_by_kb(tmp_path), (True, False)):
        data = path.read_bytes()
        lines = data.splitlines(keepends=True)
        found = list(pieces(path, trig=trig, size=size))
        header_lines = found[0][1]
        header = b"".join(lines[:header_lines])
        assert header_lines == 11 and all(piece.startswith(header) for _, _, piece in found)
        assert header + b"".join(piece[len(header):] for _, _, piece in found) == data
        assert (len(found) == 1) == (size >= len(data))
        for first, _, piece in found:
            assert lines[first - 1] == piece[len(header):].splitlines(keepends=True)[0]
        fmt = pyoxigraph.RdfFormat.TRIG if trig else pyoxigraph.RdfFormat.TURTLE
        assert sorted(str(q) for _, _, piece in found for q in pyoxigraph.parse(piece, format=fmt)) == \
            sorted(str(q) for q in pyoxigraph.parse(data, format=fmt))


def test_a_store_loaded_in_pieces_holds_what_a_whole_load_gives(tmp_path: Path, monkeypatch) -> None:
    import kb.store

    trig, ttl = _written_by_kb(tmp_path)
    whole = build_store(trig, tmp_path / "whole", union=ttl)
    monkeypatch.setattr(kb.store, "PIECE_BYTES", 500)  # many pieces, loaded two at a time
    assert build_store(trig, tmp_path / "pieces", union=ttl, in_pieces=True) == whole == 206
    quads = [sorted(map(str, open_store(tmp_path / name))) for name in ("whole", "pieces")]
    assert quads[0] == quads[1] and len(quads[0]) == 206 + 173


def test_a_syntax_error_in_a_piece_names_the_line_of_the_file(tmp_path: Path, monkeypatch) -> None:
    import kb.store

    trig, ttl = _written_by_kb(tmp_path)
    build_store(trig, tmp_path / "store", union=ttl)
    lines = trig.read_bytes().splitlines(keepends=True)
    bad = max(i for i, line in enumerate(lines) if line.startswith(b"\t\t")) - 2  # well after the first piece
    lines[bad] = b"\t\tkb:broken <no closing bracket ;\n"
    trig.write_bytes(b"".join(lines))
    monkeypatch.setattr(kb.store, "PIECE_BYTES", 500)
    with pytest.raises(SourceError) as caught:
        build_store(trig, tmp_path / "store", union=ttl, in_pieces=True)
    assert caught.value.path == trig and caught.value.line == bad + 1
    assert len(open_store(tmp_path / "store")) == 206 + 173
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kb.trig", "kb.ttl", "store"]
