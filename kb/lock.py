"""One writer at a time, and all-or-nothing commits, for commands that change the knowledge base.

**The lock** is a file (``sources/.kb.lock``) created with ``O_CREAT | O_EXCL`` and holding the
writer's process id. A second writer finds it and waits or gives up with a message naming the
holder. A lock whose process is gone (killed, crashed) is *stale*: the next writer removes it
and takes its place.

**A commit** moves files and folders that were written beside their targets (``.kb-add-*``)
over the targets. Before the first move a journal (``sources/.kb-journal.json``) records every
move and where each old file was put aside; removing the journal is the commit point. A process
killed before that point leaves the journal behind, and the next writer, once it holds the lock,
puts every old file back (:func:`recover`): the knowledge base is then exactly as before.

Example::

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with kb_lock(folder):
    ...     (folder / LOCK_NAME).exists()
    True
    >>> (folder / LOCK_NAME).exists()
    False
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kb.errors import KbError
from kb.export import fsync_folder

LOCK_NAME = ".kb.lock"
JOURNAL_NAME = ".kb-journal.json"
#: Every file or folder written before a commit starts its name with this.
STAGE_PREFIX = ".kb-add-"

_UNWRITTEN_GRACE_S = 5.0  # a lock file without a PID younger than this is being written
_BEING_WRITTEN = -1


@dataclass(eq=False)
class LockError(KbError):
    """Another process holds the knowledge base's lock."""

    path: Path | None = None

    def where(self) -> str:
        return str(self.path) if self.path is not None else ""


@dataclass(frozen=True, slots=True)
class Move:
    """Put ``staged`` (a file or folder written beside the target) in place of ``final``."""

    staged: Path
    final: Path


@contextmanager
def kb_lock(folder: Path, *, wait: float = 0.0) -> Iterator[Path]:
    """Hold ``folder/.kb.lock`` for the ``with`` block; recover a stale lock first.

    :param wait: seconds to wait for a live holder before giving up.
    :raises LockError: another live process holds the lock (its PID is in the message).
    """
    path = Path(folder) / LOCK_NAME
    deadline = time.monotonic() + wait
    while not _try_create(path):
        holder = _holder(path)
        if holder is None or not _alive(holder):
            _break_stale(path)
            continue
        if time.monotonic() >= deadline:
            raise LockError(f"another kb process (PID {holder}) is changing the knowledge base", path=path,
                            hint="wait for it to finish (or pass --wait SECONDS); if no kb process is running, delete the lock file")
        time.sleep(0.05)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def _try_create(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as handle:
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        os.fsync(handle.fileno())
    return True


def _holder(path: Path) -> int | None:
    """The PID in the lock file; ``None`` when it holds none and is old enough to be stale."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return None
    if text.isdigit():
        return int(text)
    return None if age > _UNWRITTEN_GRACE_S else _BEING_WRITTEN


def _alive(pid: int) -> bool:
    if pid in (_BEING_WRITTEN, os.getpid()):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _break_stale(path: Path) -> None:
    """Move the stale lock aside, then delete it; if another process took the lock meanwhile,
    the file moved aside is no longer the stale one and is put back."""
    aside = path.with_name(f"{LOCK_NAME}.stale-{os.getpid()}")
    try:
        before = path.read_bytes()
        os.rename(path, aside)
    except FileNotFoundError:
        return
    if aside.read_bytes() != before:
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
    aside.unlink(missing_ok=True)


# --- commit and recovery ---------------------------------------------------------------


def staged_path(final: Path) -> Path:
    """Where to write the new version of ``final`` before the commit."""
    return final.with_name(STAGE_PREFIX + final.name)


def commit(moves: Sequence[Move], journal: Path) -> None:
    """Move every ``staged`` over its ``final``, all or nothing (see the module docstring).

    :raises OSError: when a move fails; the old files are put back before it propagates.
    """
    entries = []
    for move in moves:
        backup = move.final.with_name(f"{STAGE_PREFIX}old-{move.final.name}") if move.final.exists() else None
        entries.append({"staged": str(move.staged), "final": str(move.final), "backup": str(backup) if backup else None})
    _write_journal(journal, entries)
    try:
        for entry in entries:
            if entry["backup"]:
                os.replace(entry["final"], entry["backup"])
            os.replace(entry["staged"], entry["final"])
        for folder in {Path(e["final"]).parent for e in entries}:
            fsync_folder(folder)
    except BaseException:
        rollback(journal)
        raise
    journal.unlink()  # the commit point
    fsync_folder(journal.parent)
    for entry in entries:
        if entry["backup"]:
            _remove(Path(entry["backup"]))


def recover(journal: Path, folders: Sequence[Path]) -> bool:
    """After a crash: undo an unfinished commit, then delete what was staged. Call with the lock held.

    :returns: True when an unfinished commit was undone.
    """
    undone = journal.exists()
    if undone:
        rollback(journal)
    for folder in folders:
        if folder.is_dir():
            for leftover in folder.glob(f".*{STAGE_PREFIX}*"):
                _remove(leftover)
            for leftover in folder.glob(f"{STAGE_PREFIX}*"):
                _remove(leftover)
    return undone


def rollback(journal: Path) -> None:
    """Put back every file the journal's commit replaced, remove the ones it added, delete the journal."""
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = []
    for entry in reversed(entries):
        final, staged = Path(entry["final"]), Path(entry["staged"])
        backup = Path(entry["backup"]) if entry["backup"] else None
        if backup is None:
            _remove(final)
        elif backup.exists():
            _remove(final)
            os.replace(backup, final)
        _remove(staged)
    journal.unlink(missing_ok=True)
    for folder in {Path(e["final"]).parent for e in entries}:
        fsync_folder(folder)


def _write_journal(journal: Path, entries: list[dict]) -> None:
    from kb.export import write_atomically

    write_atomically(journal, json.dumps(entries, indent=1).encode("utf-8"))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


__all__ = ["JOURNAL_NAME", "LOCK_NAME", "STAGE_PREFIX", "LockError", "Move", "commit", "kb_lock", "recover",
           "rollback", "staged_path"]
