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
from functools import cache, lru_cache
from pathlib import Path

from kb.pickles import dump_atomically, no_gc
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


@lru_cache(maxsize=8)
def _options_text(options: object) -> str:
    """:func:`canonical` of the parse options, worked out once per options object (the curated
    names make it a long text: computing it per source cost more than reading the cache)."""
    return canonical(options)


def cache_key(source: Source, options: object) -> str:
    """The key of one source parsed with ``options`` by this parser."""
    digest = hashlib.sha256(parser_fingerprint().encode())
    for part in (source.name, str(source.path), source.text, canonical(source.meta), _options_text(options)):
        digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()


def file_key(path: Path, text: bytes, meta: bytes | None, options: object) -> str:
    """The key of the source file ``path`` (its bytes ``text``, and ``meta`` those of its metadata
    file, ``None`` without one) parsed with ``options`` by this parser.

    Keyed by the bytes as stored, so a rebuild finds an unchanged source without decoding its
    metadata; reading and checking a file depends on nothing but its bytes, so a source whose
    bytes were read and parsed once reads and parses the same way again.
    """
    digest = hashlib.sha256(b"file-v2\x00" + parser_fingerprint().encode())
    for part in (path.stem.encode(), str(path).encode(), _options_text(options).encode(), text):
        digest.update(b"\x00%d\x00" % len(part) + part)
    digest.update(b"\x00none" if meta is None else b"\x00%d\x00" % len(meta) + meta)
    return digest.hexdigest()


@cache
def _dispatch_table() -> dict:
    """How the cache pickles records: as ``(class, field values)``, so that loading one calls
    its ``__init__`` directly (the default reduction of a slotted dataclass goes through
    ``__setstate__``, which looks the fields up again for every object: loading a rebuild's
    documents took about half again as long). Only for record classes whose every field is an
    ``__init__`` argument; the others keep the default."""
    import copyreg

    import kb.records

    table = dict(copyreg.dispatch_table)
    for value in vars(kb.records).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == "kb.records":
            fields = dataclasses.fields(value)
            if all(f.init for f in fields):
                names = tuple(f.name for f in fields)
                table[value] = lambda obj, names=names: (type(obj), tuple(getattr(obj, n) for n in names))
    return table


class ParseCache:
    """Parsed documents on disk, one pickle per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> ParsedDocument | None:
        """The cached document, or ``None`` (missing or unreadable entries count as missing)."""
        self.used.add(key)
        try:
            with (self.folder / f"{key}.pickle").open("rb") as handle, no_gc():
                document = pickle.load(handle)
        except Exception:  # noqa: BLE001 - whatever went wrong, the entry is not usable
            return None
        return document if isinstance(document, ParsedDocument) else None

    def put(self, key: str, document: ParsedDocument) -> None:
        """Store ``document`` atomically (a temporary file renamed into place)."""
        self.used.add(key)
        dump_atomically(self.folder / f"{key}.pickle", document, dispatch_table=_dispatch_table())

    def prune(self) -> int:
        """Remove entries this build did not ask for; returns how many."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return 0
        stale = [self.folder / n for n in names if n.endswith(".pickle") and n[:-7] not in self.used]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)
