"""The embedded SPARQL store: the knowledge base's TriG loaded into an on-disk pyoxigraph Store.

Each source keeps its own named graph, so provenance survives the load (``GRAPH ?g { ... }``),
and the default graph holds the union of all graphs as a *set* of triples, which is what
queries see by default. A rebuild writes a new store beside the old one and swaps it in, so a
reader never sees a half-loaded store.

Why the union is materialised rather than asked for with pyoxigraph's
``use_default_graph_as_union=True``: that option has bag semantics, matching a triple once per
graph that holds it. An organisation's label is repeated in every source that names it, so
each label lookup multiplied the solutions by the number of sources (on a 100k-triple
synthetic KB a query joining labels went from 0.1 s to minutes). The copy costs about 50%
more disk and load time. Queries still use ``DISTINCT`` so that they give the same answer on
a server queried with a union default graph.

The store is compacted (``Store.optimize()``) before it is swapped in. The bulk loads leave
the indexes spread over more files (25 RocksDB tables for a synthetic KB of 1M triples, 13
after compaction), which every lookup and scan has to merge. On that KB (``bench/query.py``)
compaction costs about 8 s of loading and takes 25-40% off query times (``claims`` 7.7 s ->
4.7 s with the old queries, 1.45 s -> 1.1 s with the current ones); at 200k triples it
changes little. Opening the store read-only or read-write makes no difference (though a
read-write open of an uncompacted store may compact it in the background, so timings drift).
What still makes a query slower here than in an in-memory store is reading terms' text back
from RocksDB while it runs; the named queries are written around that (see "Fast on the disk
store" in :mod:`kb.query`).
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import traceback
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph

from kb.errors import KbError, SourceError

#: Where ``kb build`` puts the store, relative to the working directory.
DEFAULT_STORE = Path("out/store")

#: :func:`build_store` ``in_pieces``: about this many bytes of the file per bulk load, two loads at a time.
#: pyoxigraph's bulk loader holds about 20 bytes of memory per byte of input it has in hand (batches of a
#: million quads, two threads): 1.5 GB for the 10,000-declaration build's ``kb.trig`` and ``kb.ttl`` (255 MB)
#: loaded whole; in pieces of 8 MB about 450 MB, of 4 MB about 320 MB (180 MB at 1,000 declarations, where
#: a whole load takes 215), in about the same time (the loads take less, ``optimize()`` more: more files).
PIECE_BYTES = 4 << 20


def open_store(path: Path, *, read_only: bool = True) -> pyoxigraph.Store:
    """Open the store built by :func:`build_store` at ``path``.

    :param read_only: open without taking the writer's lock (several readers may share it).
    :raises KbError: if there is no store at ``path`` (the hint says to run ``kb build``).
    :raises OSError: if the store exists but cannot be opened.
    """
    if not path.is_dir():
        raise KbError(f"no knowledge-base store at {path}",
                      hint="run `kb build` first, or pass --store DIR or --data FILE")
    if read_only:
        return pyoxigraph.Store.read_only(str(path))
    return pyoxigraph.Store(str(path))


def build_store(trig_path: Path, store_dir: Path, *, union: Path | None = None, in_pieces: bool = False) -> int:
    """Load ``trig_path`` (named graphs kept) into a new store and swap it in at ``store_dir``.

    The new store is written to a temporary sibling directory; only when it is complete is the
    old store renamed away, the new one renamed in, and the old one deleted. If loading fails,
    ``store_dir`` is left as it was.

    :param union: a Turtle file holding the union of the TriG's graphs (the build's ``kb.ttl``):
        bulk-loaded into the default graph by pyoxigraph, instead of every quad of the TriG
        being read again and copied through Python (:func:`union_of`; less than half the time).
    :param in_pieces: the files are laid out as :mod:`kb.export` writes them (the build's ``kb.trig``
        and ``kb.ttl``): bulk-loaded a few megabytes at a time (:data:`PIECE_BYTES`, :func:`pieces`)
        instead of whole, which bounds the loader's memory; the store holds the same quads.

    :returns: the number of quads read from the TriG (the union copy in the default graph is
        not counted).
    :raises SourceError: if the TriG cannot be parsed (with its line and column).
    :raises OSError: if the file cannot be read or the directories cannot be written.
    """
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = _sibling(store_dir, "new")
    try:
        count = _load_into(trig_path, fresh, union, in_pieces)
    except BaseException as error:
        traceback.clear_frames(error.__traceback__)  # the failed load's frames let go of the store and its
        gc.collect()  # loader's futures, so RocksDB closes before its directory is removed
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap_in(fresh, store_dir)
    return count


def _sibling(store_dir: Path, tag: str) -> Path:
    path = store_dir.with_name(f".{store_dir.name}.{tag}-{os.getpid()}")
    shutil.rmtree(path, ignore_errors=True)
    return path


def _load_into(trig_path: Path, directory: Path, union: Path | None, in_pieces: bool) -> int:
    store = pyoxigraph.Store(str(directory))
    try:
        load = _bulk_load_pieces if in_pieces else _bulk_load
        load(store, trig_path, pyoxigraph.RdfFormat.TRIG)
        count = len(store)
        if union is not None:
            load(store, union, pyoxigraph.RdfFormat.TURTLE)  # triples: into the default graph
        else:
            store.bulk_extend(union_of(trig_path))
        store.optimize()  # one sorted run per index: about a third off query times at 1M triples
        store.flush()
    finally:  # closed whatever happens: RocksDB's lock and background work end before the directory is
        del store  # renamed, or removed after a failed load (an open store may write into it again)
        gc.collect()
    return count


def _bulk_load(store: pyoxigraph.Store, path: Path, format: pyoxigraph.RdfFormat) -> None:
    try:
        store.bulk_load(path=str(path), format=format)
    except SyntaxError as error:
        raise SourceError(f"cannot parse {format.name}: {error.msg}", path=path,
                          line=error.lineno, column=error.offset) from None


def _bulk_load_pieces(store: pyoxigraph.Store, path: Path, format: pyoxigraph.RdfFormat) -> None:
    """:func:`_bulk_load` of a file :mod:`kb.export` wrote, piece by piece (:func:`pieces`), two
    pieces loading at a time (pyoxigraph lets the GIL go while it loads, and its own bulk loader
    loads batches in parallel too). A syntax error names the line of the file, not of the piece."""
    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="bulk-load") as pool:
        for first, header_lines, piece in pieces(path, trig=format == pyoxigraph.RdfFormat.TRIG):
            pending.append((first, header_lines, pool.submit(store.bulk_load, input=piece, format=format)))
            del piece
            if len(pending) == 2:
                _loaded(pending.popleft(), path, format)
        while pending:
            _loaded(pending.popleft(), path, format)


def _loaded(job: tuple, path: Path, format: pyoxigraph.RdfFormat) -> None:
    first, header_lines, future = job
    try:
        future.result()
    except SyntaxError as error:
        line = error.lineno
        if line is not None and line > header_lines:
            line = first + line - header_lines - 1
        raise SourceError(f"cannot parse {format.name}: {error.msg}", path=path, line=line,
                          column=error.offset) from None


def pieces(path: Path, *, trig: bool, size: int | None = None) -> Iterator[tuple[int, int, bytes]]:
    """A file laid out as :mod:`kb.export` writes it, cut into pieces that parse on their own: each
    is the file's prefix lines followed by whole blocks (Turtle: one per subject; TriG: one per
    graph), about ``size`` bytes of them (default :data:`PIECE_BYTES`; a block is never cut).
    Yields (the line of the file the blocks start at, how many prefix lines come first, the piece).

    The layout relied on (as :func:`kb.export.block_offsets` does): the prefix lines, then the
    blocks; a block starts a line; the lines inside a block start with a tab, and a TriG block
    ends with a ``}`` line; a literal never holds a raw line break.
    """
    size = size or PIECE_BYTES
    with open(path, "rb") as handle:
        header = []
        while (row := handle.readline()).startswith(b"@prefix "):
            header.append(row)
        prefixes, header_lines = b"".join(header), len(header)
        line, data, ended = header_lines + 1, row, not row
        while data or not ended:
            cut = None
            if data and (ended or len(data) >= 2 * size):
                cut = len(data) if ended and len(data) <= size else _block_end(data, size, trig)
                if cut is None and ended:  # the rest is one block
                    cut = len(data)
            if cut is None:  # read on
                more = handle.read(size)
                ended = not more
                data += more
                continue
            body, data = data[:cut], data[cut:]
            yield line, header_lines, prefixes + body
            line += body.count(b"\n")


def _block_end(data: bytes, size: int, trig: bool) -> int | None:
    """Where the last block that ends within the first ``size`` bytes of ``data`` ends (else the
    first block that ends after), ``None`` if no block ends in ``data``."""
    if trig:
        end = data.rfind(b"\n}\n", 0, size)
        if end < 0:
            end = data.find(b"\n}\n", size)
        return end + 3 if end >= 0 else None
    end = size
    while (end := data.rfind(b"\n", 0, end)) >= 0:  # a line break followed by a line that starts a block
        if end + 1 < len(data) and data[end + 1] not in b"\t\n":
            return end + 1
    found = re.compile(rb"\n(?=[^\t\n])").search(data, size)
    return found.start() + 1 if found else None


def union_of(rdf_path: Path) -> Iterator[pyoxigraph.Quad]:
    """The triples of every graph of an RDF file, as quads in the default graph."""
    for quad in pyoxigraph.parse(path=str(rdf_path)):
        yield pyoxigraph.Quad(quad.subject, quad.predicate, quad.object)


def _swap_in(fresh: Path, store_dir: Path) -> None:
    old = _sibling(store_dir, "old") if store_dir.exists() else None
    if old is not None:
        store_dir.rename(old)
    try:
        fresh.rename(store_dir)
    except OSError:
        if old is not None:
            old.rename(store_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


__all__ = ["DEFAULT_STORE", "PIECE_BYTES", "build_store", "open_store", "pieces", "union_of"]
