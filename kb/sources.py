"""Reading ``sources/``: each declaration's text exactly as published, plus its metadata.

A source is ``NAME.txt`` (UTF-8) with an optional ``NAME.toml`` beside it holding facts from
*outside* the text::

    url = "https://example.org/statement"   # where it was published
    publisher = "Example Party"             # who published it
    published = "2019-10"                   # YYYY, YYYY-MM or YYYY-MM-DD
    language = "en"                         # BCP 47 tag
    note = "free text for curators"

Every problem raises :class:`kb.errors.SourceError` naming the file, the field and the fix.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path

from kb.errors import DateParseError, SourceError
from kb.records import PartialDate, Source, SourceMeta

#: Largest text accepted, in bytes. Real declarations are a few kilobytes.
MAX_TEXT_BYTES = 1_000_000

META_FIELDS = {"url": str, "publisher": str, "published": str, "language": str, "note": str}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text(path: Path) -> str:
    """Read a declaration's text.

    :raises SourceError: the file is missing, too large, binary, not UTF-8, or empty.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot be read ({exc.strerror})", path=path, hint="check the path and permissions") from exc
    if len(data) > MAX_TEXT_BYTES:
        raise SourceError(
            f"is {len(data):,} bytes, over the limit of {MAX_TEXT_BYTES:,}",
            path=path, hint="split the file or check that it is a declaration text",
        )
    if b"\x00" in data:
        raise SourceError("is a binary file, not text", path=path, hint="save the declaration as plain UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path, line=line, hint="re-save the file as UTF-8",
        ) from exc
    if not text.strip():
        raise SourceError("is empty", path=path, hint="add the declaration's text or remove the file")
    if match := _CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise SourceError(
            f"contains the control character U+{ord(match.group()):04X}",
            path=path, line=line, hint="remove it; declarations are plain text",
        )
    return text


def read_meta(path: Path) -> SourceMeta:
    """Read and check a metadata file.

    :raises SourceError: malformed TOML, an unknown key, a value of the wrong type or form.
    """
    try:
        raw = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _toml_line(str(exc))
        raise SourceError(f"is not valid TOML: {exc}", path=path, line=line, hint="fix the syntax") from exc
    for key, value in raw.items():
        if key not in META_FIELDS:
            known = ", ".join(sorted(META_FIELDS))
            raise SourceError(f"unknown key {key!r}", path=path, field=key, hint=f"known keys: {known}")
        if not isinstance(value, str):
            raise SourceError(
                f"{value!r} is a {type(value).__name__}, expected a string",
                path=path, field=key, hint=f'write it in quotes: {key} = "..."',
            )
    return SourceMeta(
        url=_checked(raw.get("url"), _URL, path, "url", "expected an http(s) URL without spaces"),
        publisher=raw.get("publisher"),
        published=_published(raw.get("published"), path),
        language=_checked(raw.get("language"), _LANGUAGE, path, "language", 'expected a BCP 47 tag such as "en"'),
        note=raw.get("note"),
    )


def _checked(value: str | None, pattern: re.Pattern[str], path: Path, field: str, hint: str) -> str | None:
    if value is not None and not pattern.match(value):
        raise SourceError(f"{value!r} is not valid", path=path, field=field, hint=hint)
    return value


def _published(value: str | None, path: Path) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.from_iso(value)
    except DateParseError as exc:
        raise SourceError(f"{value!r}: {exc.problem}", path=path, field="published", hint=exc.hint) from exc


def _toml_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def load_source(path: Path) -> Source:
    """Read one source text and its metadata file, when there is one.

    :raises SourceError: see :func:`read_text` and :func:`read_meta`.
    """
    text = read_text(path)
    meta_path = path.with_suffix(".toml")
    meta = read_meta(meta_path) if meta_path.exists() else None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(name=path.stem, path=path, text=text, sha256=digest, meta=meta)


def source_paths(sources_dir: Path, *, entries: dict[str, os.DirEntry] | None = None) -> tuple[Path, ...]:
    """The declaration texts in a sources folder, sorted by name (those ``sources_dir.glob("*.txt")``
    finds, read in one pass over the folder). ``entries``, when given, receives the folder's
    entries by name (their ``stat()`` needs no lookup by path).

    :raises SourceError: the folder does not exist, or holds no ``.txt`` file.
    """
    return tuple(sources_dir / name for name in source_names(sources_dir, entries=entries))


def source_names(sources_dir: Path, *, entries: dict[str, os.DirEntry] | None = None) -> list[str]:
    """The file names of :func:`source_paths` (no path made: a folder of 10,000 sources takes
    a fifth of a second to make them), checked as it checks them."""
    if not sources_dir.is_dir():
        raise SourceError("is not a folder", path=sources_dir, hint="pass the folder holding the .txt sources")
    with os.scandir(sources_dir) as scan:
        found = {entry.name: entry for entry in scan}
    if entries is not None:
        entries.update(found)
    paths = sorted(n for n in found if n.endswith(".txt"))
    if not paths:
        raise SourceError("holds no .txt source", path=sources_dir, hint="add declarations as NAME.txt")

    def has_text(toml: str) -> bool:
        text = toml[:-5] + ".txt" if toml != ".toml" else ".toml.txt"  # Path.with_suffix(".txt").name
        entry = found.get(text)
        return entry is not None and (not entry.is_symlink() or (sources_dir / text).exists())

    orphans = sorted(sources_dir / n for n in found if n.endswith(".toml") and not has_text(n))
    if orphans:
        raise SourceError(
            "metadata file without a text", path=orphans[0], hint=f"add {orphans[0].with_suffix('.txt').name} or remove it"
        )
    return paths


def load_sources(sources_dir: Path) -> tuple[Source, ...]:
    """Every source in a folder, sorted by name, each checked.

    :raises SourceError: for the first unreadable text or malformed metadata file.
    """
    return tuple(load_source(path) for path in source_paths(sources_dir))
