"""A cache of parsed documents, so that a rebuild parses only what changed.

An entry is keyed by the SHA-256 of everything a parse depends on: the source's text, name
and metadata, the parse options (curated names from the registry), and the parser's own
fingerprint (the code and word lists under ``kb/parse/`` and ``kb/data/``, the places and
country modules). Change any of them and the entry is simply not found. Entries are pickles
written atomically under ``out/.cache/parse/``; entries no build asked for are pruned.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from kb.records import ParsedDocument, Source

_PACKAGE = Path(__file__).resolve().parent
_PARSER_FILES = ("parse/*.py", "data/*.toml", "datafiles.py", "places.py", "records.py", "resolve/countries.py", "namespaces.py")


@cache
def parser_fingerprint() -> str:
    """SHA-256 over the parser's code and data files, in a fixed order."""
    digest = hashlib.sha256()
    for pattern in _PARSER_FILES:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def canonical(value: object) -> str:
    """A text for ``value`` that is the same in every process: sets are sorted (their
    iteration order follows the per-process string hash seed), dataclasses spelled by field."""
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(canonical(v) for v in value)) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (f"{f.name}={canonical(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}(" + ",".join(fields) + ")"
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(canonical(v) for v in value) + ")"
    return repr(value)


def cache_key(source: Source, options: object) -> str:
    """The key of one source parsed with ``options`` by this parser."""
    digest = hashlib.sha256(parser_fingerprint().encode())
    for part in (source.name, str(source.path), source.text, canonical(source.meta), canonical(options)):
        digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()


class ParseCache:
    """Parsed documents on disk, one pickle per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> ParsedDocument | None:
        """The cached document, or ``None`` (missing or unreadable entries count as missing)."""
        self.used.add(key)
        try:
            with (self.folder / f"{key}.pickle").open("rb") as handle:
                document = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return document if isinstance(document, ParsedDocument) else None

    def put(self, key: str, document: ParsedDocument) -> None:
        """Store ``document`` atomically (a temporary file renamed into place)."""
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(document, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{key}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self) -> int:
        """Remove entries this build did not ask for; returns how many."""
        if not self.folder.is_dir():
            return 0
        stale = [p for p in self.folder.glob("*.pickle") if p.stem not in self.used]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)
