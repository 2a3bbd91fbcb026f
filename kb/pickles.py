"""Pickle files written atomically, and the garbage collector paused while big values load.

Shared by the build state (``kb/buildstate.py``), the parse cache (``kb/cache.py``) and the
per-user cache (``kb/usercache.py``).
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def dump_atomically(path: Path, value: object, *, dispatch_table: Mapping[type, Callable] | None = None) -> None:
    """Write ``value`` at ``path`` as a pickle: a temporary file beside it renamed into place,
    so a reader finds the old file or the new one, never half of one. ``dispatch_table``: the
    pickler's own reductions (the parse cache's quick ones for records)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            if dispatch_table is not None:
                pickler.dispatch_table = dispatch_table
            pickler.dump(value)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: loading or building a big value makes millions of
    containers, and the collections they set off (which find nothing to free) took more than
    half the time of unpickling a build state, a quarter of building the places index."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
