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
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph

from kb.errors import KbError, SourceError

#: Where ``kb build`` puts the store, relative to the working directory.
DEFAULT_STORE = Path("out/store")


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


def build_store(trig_path: Path, store_dir: Path, *, union: Path | None = None) -> int:
    """Load ``trig_path`` (named graphs kept) into a new store and swap it in at ``store_dir``.

    The new store is written to a temporary sibling directory; only when it is complete is the
    old store renamed away, the new one renamed in, and the old one deleted. If loading fails,
    ``store_dir`` is left as it was.

    :param union: a Turtle file holding the union of the TriG's graphs (the build's ``kb.ttl``):
        bulk-loaded into the default graph by pyoxigraph, instead of every quad of the TriG
        being read again and copied through Python (:func:`union_of`; less than half the time).

    :returns: the number of quads read from the TriG (the union copy in the default graph is
        not counted).
    :raises SourceError: if the TriG cannot be parsed (with its line and column).
    :raises OSError: if the file cannot be read or the directories cannot be written.
    """
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = _sibling(store_dir, "new")
    try:
        count = _load_into(trig_path, fresh, union)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap_in(fresh, store_dir)
    return count


def _sibling(store_dir: Path, tag: str) -> Path:
    path = store_dir.with_name(f".{store_dir.name}.{tag}-{os.getpid()}")
    shutil.rmtree(path, ignore_errors=True)
    return path


def _load_into(trig_path: Path, directory: Path, union: Path | None) -> int:
    store = pyoxigraph.Store(str(directory))
    _bulk_load(store, trig_path, pyoxigraph.RdfFormat.TRIG)
    count = len(store)
    if union is not None:
        _bulk_load(store, union, pyoxigraph.RdfFormat.TURTLE)  # triples: into the default graph
    else:
        store.bulk_extend(union_of(trig_path))
    store.optimize()  # one sorted run per index: about a third off query times at 1M triples
    store.flush()
    del store
    gc.collect()  # release the RocksDB lock before the directory is renamed
    return count


def _bulk_load(store: pyoxigraph.Store, path: Path, format: pyoxigraph.RdfFormat) -> None:
    try:
        store.bulk_load(path=str(path), format=format)
    except SyntaxError as error:
        raise SourceError(f"cannot parse {format.name}: {error.msg}", path=path,
                          line=error.lineno, column=error.offset) from None


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


__all__ = ["DEFAULT_STORE", "build_store", "open_store", "union_of"]
