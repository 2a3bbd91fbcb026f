"""Values worked out from installed data, kept between processes in the user's cache folder.

Some of what the parser needs takes a second to work out although it is the same in every
process (the GeoNames index of :mod:`kb.places`). Such a value is kept as one pickle in a
per-user cache folder — ``$KB_CACHE_DIR``, else ``$XDG_CACHE_HOME/declarations-kb``, else
``~/.cache/declarations-kb`` — named by a key its caller derives from everything the value
depends on, so that a changed input is simply not found. The cache only ever saves time: a
missing, unreadable or corrupt entry, or a folder that cannot be written, means the value is
worked out again in the process (and stored when the folder can be written).

Entries hold plain data only (tuples, lists, dicts, strings, numbers): loading one refuses any
class or function, so a file put in the folder by anything else cannot run code.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from kb.pickles import dump_atomically, no_gc

ENV = "KB_CACHE_DIR"
APP = "declarations-kb"  # the project's name (pyproject.toml)
KEEP = 4  # versions of one value kept (another checkout or another version of the data has its own)

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The per-user cache folder (it need not exist), or ``None`` when there is no home folder."""
    if folder := os.environ.get(ENV):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        return Path(base) / APP
    try:
        return Path.home() / ".cache" / APP
    except RuntimeError:  # no home folder to be found
        return None


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name}: a cache entry holds plain data only")


def cached(name: str, key: str | None, build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """The value stored as ``name`` under ``key`` when there is one and ``valid`` accepts it, else
    ``build()`` (stored for the next process when the folder can be written; older versions of
    ``name`` beyond the newest :data:`KEEP` are removed). ``key`` ``None``: not cached at all."""
    folder = cache_dir() if key is not None else None
    if folder is None:
        with no_gc():
            return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle, no_gc():
            value = _PlainUnpickler(handle).load()
        if valid(value):
            return value
    except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: worked out again
        pass
    with no_gc():
        value = build()
    try:
        dump_atomically(path, value)
        _prune(folder, name)
    except Exception:  # noqa: BLE001 - an unwritable cache only costs time
        pass
    return value


def _prune(folder: Path, name: str) -> None:
    """Remove the versions of ``name`` beyond the :data:`KEEP` most recently written."""
    entries = []
    for entry in os.scandir(folder):
        if entry.name.startswith(f"{name}-") and entry.name.endswith(".pickle"):
            try:
                entries.append((entry.stat().st_mtime_ns, entry.path))
            except OSError:
                pass
    for _, stale in sorted(entries, reverse=True)[KEEP:]:
        Path(stale).unlink(missing_ok=True)
