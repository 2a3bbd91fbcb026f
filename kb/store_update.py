"""Bring the on-disk store up to date by a difference, instead of loading it again.

:func:`kb.store.build_store` loads ``kb.trig`` into a new store: each source's named graph, plus
the union of all graphs as a set of triples in the default graph. After a rebuild that changed a
few graphs, :func:`update_store` gives the same content: it copies the current store (a RocksDB
checkpoint: hard links, no copy of the data), removes and adds the quads that changed in the
copy, and swaps the copy in as ``build_store`` does, so a reader never sees a half-updated store.

The build only takes this path for a store it loaded in full with the same ``kb/store.py`` and
then checked (its size is the named quads plus the union's triples), and whose files nobody
changed since (:func:`store_signature`); any doubt, and it loads the store in full again.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

import kb
from kb.buildstate import code_digest

_STORE_CODE = Path(kb.__file__).resolve().parent / "store.py"


def store_code() -> str:
    """A digest of ``kb/store.py``: a store loaded by other code is loaded again in full."""
    return code_digest(_STORE_CODE)


def store_signature(store_dir: Path) -> tuple | None:
    """The folder and each of its files by name, size and modification time (``None`` if missing).

    Opening the store read-only (queries) changes none of them; writing to it does.
    """
    try:
        folder = store_dir.stat()
        entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(store_dir))
    except OSError:
        return None
    return (folder.st_ino, folder.st_mtime_ns, tuple(entries))


def store_size(store_dir: Path) -> int:
    """How many quads the store holds (named graphs and default graph)."""
    store = ox.Store.read_only(str(store_dir))
    try:
        return len(store)
    finally:
        del store
        gc.collect()


def update_store(store_dir: Path, remove: Iterable[ox.Quad], add: Iterable[ox.Quad], *, into: Path | None = None) -> None:
    """Remove then add quads in a copy of the store at ``store_dir``, and swap the copy in
    (or, with ``into``, leave the updated copy there for the caller to move in; ``kb add``).

    :raises OSError: when the store cannot be copied, written or swapped (``store_dir`` is then
        left as it was).
    """
    if into is not None:
        shutil.rmtree(into, ignore_errors=True)
    fresh = into if into is not None else _sibling(store_dir, "update")
    try:
        source = ox.Store.read_only(str(store_dir))
        source.backup(str(fresh))
        del source
        store = ox.Store(str(fresh))
        for quad in remove:
            store.remove(quad)
        store.extend(add)
        store.flush()
        del store
        gc.collect()  # release the RocksDB lock before the directory is renamed
    except BaseException:
        gc.collect()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if into is None:
        _swap_in(fresh, store_dir)


def _sibling(store_dir: Path, tag: str) -> Path:
    path = store_dir.with_name(f".{store_dir.name}.{tag}-{os.getpid()}")
    shutil.rmtree(path, ignore_errors=True)
    return path


def _swap_in(fresh: Path, store_dir: Path) -> None:
    old = _sibling(store_dir, "old")
    store_dir.rename(old)
    try:
        fresh.rename(store_dir)
    except OSError:
        old.rename(store_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


__all__ = ["store_code", "store_signature", "store_size", "update_store"]
