"""Memory the process has freed, given back to the system.

CPython frees its large objects (lists, dictionaries' tables, bytes) to the C allocator, and
pyoxigraph frees its own there too; glibc's ``malloc`` keeps much of it for later instead of
unmapping it, so it stays resident. That is harmless when the next allocations come from the same
place, but the build's next big ones do not: pyoxigraph's bulk loader allocates in threads of its
own, which glibc serves from other arenas, and CPython's small objects live in arenas of their own.
At 10,000 declarations about 650 MB freed by validation and serialisation was still resident when
the store began to load (``bench/README.md``).
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache


@cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:  # the symbols already loaded (not ctypes.util.find_library, which runs a process: forked
        trim = ctypes.CDLL(None).malloc_trim  # from a big one, it counts as big in its peak memory)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_freed() -> None:
    """Give the memory the C allocator holds free back to the system (glibc's ``malloc_trim(0)``,
    which unmaps the free pages of every arena); does nothing where there is no such call."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


__all__ = ["release_freed"]
