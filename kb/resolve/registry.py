"""The curated registry: organisations, event series and curator decisions, as data.

Files under a registry directory (``sources/registry/``):

- ``organisations.toml`` (required): ``[[organisation]]`` rows with ``id`` (a safe slug, stable
  for ever), ``name``, optional ``aliases`` (list), ``country`` (ISO 3166-1 alpha-2), ``kind``
  (one of :data:`KINDS`), ``wikidata`` (a QID, allowed only with ``wikidata_source`` saying
  where it comes from) and ``note``.
- ``curation.toml`` (optional): ``[[same_as]]`` and ``[[not_same_as]]`` rows with ``a``, ``b``
  (each an organisation id or a name) and ``note``. They override automatic judgement.
- ``series.toml`` (optional): ``[[series]]`` rows with ``id``, ``name``, ``acronyms``,
  ``aliases`` and ``note``.

Every problem raises :class:`kb.errors.SourceError` naming the file, the row's line, the field
and the fix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kb.errors import SourceError
from kb.iris import SAFE_SEGMENT
from kb.records import Organisation
from kb.resolve.countries import is_country_code

#: Organisation kinds a registry row may give.
KINDS = ("party", "front", "union", "international-body", "state", "association", "newspaper", "coalition")

_QID = re.compile(r"^Q[1-9][0-9]*$")
_ORG_FIELDS = {"id": str, "name": str, "aliases": list, "country": str, "kind": str,
               "wikidata": str, "wikidata_source": str, "note": str}
_PAIR_FIELDS = {"a": str, "b": str, "note": str}
_SERIES_FIELDS = {"id": str, "name": str, "acronyms": list, "aliases": list, "note": str}


@dataclass(frozen=True, slots=True)
class Series:
    """A recurring meeting (``kb:EventSeries``)."""

    id: str
    name: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CuratorPair:
    """A curator's decision that ``a`` and ``b`` (ids or names) are, or are not, one organisation."""

    a: str
    b: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Registry:
    organisations: tuple[Organisation, ...] = ()
    same_as: tuple[CuratorPair, ...] = ()
    not_same_as: tuple[CuratorPair, ...] = ()
    series: tuple[Series, ...] = ()


def _read_toml(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        raise SourceError(f"is not valid TOML: {exc}", hint="fix the TOML syntax", path=path,
                          line=line, column=column) from None
    except UnicodeDecodeError:
        raise SourceError("is not UTF-8 text", hint="save the file as UTF-8", path=path) from None


def _row_lines(text: str, table: str) -> list[int]:
    """The line numbers of each ``[[table]]`` header, in order."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    return [n for n, line in enumerate(text.splitlines(), 1) if header.match(line)]


def _rows(data: dict, text: str, path: Path, table: str, fields: dict[str, type]) -> list[tuple[int | None, dict]]:
    """The rows of ``[[table]]`` with their lines, checked for unknown keys and types."""
    unknown = sorted(set(data) - {table})
    if unknown:
        raise SourceError(f"unknown table {unknown[0]!r}", hint=f"use [[{table}]] rows", path=path, field=unknown[0])
    rows = data.get(table, [])
    if not isinstance(rows, list):
        raise SourceError("must be an array of tables", hint=f"write [[{table}]]", path=path, field=table)
    lines = _row_lines(text, table)
    out = []
    for index, row in enumerate(rows):
        line = lines[index] if index < len(lines) else None
        for key, value in row.items():
            where = dict(path=path, line=line, field=f"{table}[{index}].{key}")
            if key not in fields:
                raise SourceError(f"unknown key {key!r}", hint=f"known keys: {', '.join(sorted(fields))}", **where)
            if not isinstance(value, fields[key]) or (
                fields[key] is list and not all(isinstance(v, str) and v.strip() for v in value)
            ):
                want = "a list of non-empty strings" if fields[key] is list else "a string"
                raise SourceError(f"{value!r} is not {want}", hint=f"give {key} as {want}", **where)
        out.append((line, row))
    return out


def _require(row: dict, key: str, table: str, index: int, path: Path, line: int | None) -> str:
    value = row.get(key, "").strip() if isinstance(row.get(key), str) else ""
    if not value:
        raise SourceError(f"missing {key!r}", hint=f"every [[{table}]] row needs a {key}", path=path,
                          line=line, field=f"{table}[{index}].{key}")
    return value


def _organisation(row: dict, index: int, path: Path, line: int | None) -> Organisation:
    where = lambda key: dict(path=path, line=line, field=f"organisation[{index}].{key}")  # noqa: E731
    org_id = _require(row, "id", "organisation", index, path, line)
    name = _require(row, "name", "organisation", index, path, line)
    if not SAFE_SEGMENT.match(org_id):
        raise SourceError(f"{org_id!r} is not a safe id", hint="use lower-case a-z, 0-9 and single hyphens", **where("id"))
    country = row.get("country")
    if country is not None and not is_country_code(country):
        raise SourceError(f"{country!r} is not an ISO 3166-1 alpha-2 code", hint="e.g. TR, GR, KP; leave it out if unknown", **where("country"))
    kind = row.get("kind")
    if kind is not None and kind not in KINDS:
        raise SourceError(f"unknown kind {kind!r}", hint=f"one of {', '.join(KINDS)}", **where("kind"))
    same_as: tuple[str, ...] = ()
    if "wikidata" in row:
        if not _QID.match(row["wikidata"]):
            raise SourceError(f"{row['wikidata']!r} is not a Wikidata QID", hint="e.g. Q12345", **where("wikidata"))
        if not row.get("wikidata_source", "").strip():
            raise SourceError("a Wikidata id needs its origin", hint="add wikidata_source saying where it comes from", **where("wikidata_source"))
        same_as = (f"http://www.wikidata.org/entity/{row['wikidata']}",)
    elif "wikidata_source" in row:
        raise SourceError("wikidata_source without wikidata", hint="add the QID or remove the source", **where("wikidata_source"))
    aliases = tuple(dict.fromkeys(a.strip() for a in row.get("aliases", ()) if a.strip() != name))
    return Organisation(id=org_id, name=name, country=country, kind=kind, aliases=aliases, same_as=same_as, curated=True)


def load_organisations(path: Path) -> tuple[Organisation, ...]:
    """Read and check ``organisations.toml``. Raises :class:`SourceError` on unknown keys,
    wrong types, missing id or name, unsafe or duplicate ids, bad country codes or kinds,
    a Wikidata id without its source, or the same name twice in one country."""
    data, text = _read_toml(path)
    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple[str, str | None], int] = {}
    out = []
    for index, (line, row) in enumerate(_rows(data, text, path, "organisation", _ORG_FIELDS)):
        org = _organisation(row, index, path, line)
        if org.id in seen_ids:
            raise SourceError(f"duplicate id {org.id!r} (also row {seen_ids[org.id]})", hint="ids must be unique",
                              path=path, line=line, field=f"organisation[{index}].id")
        name_key = (org.name.casefold(), org.country)
        if name_key in seen_names:
            raise SourceError(f"duplicate name {org.name!r} (also row {seen_names[name_key]})",
                              hint="merge the rows or tell them apart by country", path=path, line=line,
                              field=f"organisation[{index}].name")
        seen_ids[org.id], seen_names[name_key] = index, index
        out.append(org)
    return tuple(out)


def load_pairs(path: Path) -> tuple[tuple[CuratorPair, ...], tuple[CuratorPair, ...]]:
    """Read ``curation.toml``: (same_as pairs, not_same_as pairs). Raises :class:`SourceError`
    on unknown keys, wrong types, a missing side, or a pair naming one thing twice."""
    data, text = _read_toml(path)
    result = []
    for table in ("same_as", "not_same_as"):
        pairs = []
        other = {k: v for k, v in data.items() if k != ("not_same_as" if table == "same_as" else "same_as")}
        for index, (line, row) in enumerate(_rows(other, text, path, table, _PAIR_FIELDS)):
            a = _require(row, "a", table, index, path, line)
            b = _require(row, "b", table, index, path, line)
            if a.casefold() == b.casefold():
                raise SourceError("a and b are the same", hint="name two different organisations", path=path,
                                  line=line, field=f"{table}[{index}].b")
            pairs.append(CuratorPair(a, b, row.get("note")))
        result.append(tuple(pairs))
    return result[0], result[1]


def load_series(path: Path) -> tuple[Series, ...]:
    """Read ``series.toml``. Raises :class:`SourceError` on unknown keys, wrong types,
    missing or unsafe ids, or duplicate ids."""
    data, text = _read_toml(path)
    seen: set[str] = set()
    out = []
    for index, (line, row) in enumerate(_rows(data, text, path, "series", _SERIES_FIELDS)):
        series_id = _require(row, "id", "series", index, path, line)
        name = _require(row, "name", "series", index, path, line)
        if not SAFE_SEGMENT.match(series_id) or series_id in seen:
            problem = f"duplicate id {series_id!r}" if series_id in seen else f"{series_id!r} is not a safe id"
            raise SourceError(problem, hint="ids are unique lower-case slugs", path=path, line=line,
                              field=f"series[{index}].id")
        seen.add(series_id)
        out.append(Series(series_id, name, tuple(row.get("acronyms", ())), tuple(row.get("aliases", ()))))
    return tuple(out)


def load_registry(registry_dir: Path) -> Registry:
    """Load every registry file under ``registry_dir``. Raises :class:`SourceError` if
    ``organisations.toml`` is missing or any file is invalid (see the loaders above)."""
    registry_dir = Path(registry_dir)
    organisations_path = registry_dir / "organisations.toml"
    if not organisations_path.is_file():
        raise SourceError("no organisations.toml here", hint="point at the registry folder, e.g. sources/registry",
                          path=registry_dir)
    curation, series = registry_dir / "curation.toml", registry_dir / "series.toml"
    same_as, not_same_as = load_pairs(curation) if curation.is_file() else ((), ())
    return Registry(
        organisations=load_organisations(organisations_path),
        same_as=same_as,
        not_same_as=not_same_as,
        series=load_series(series) if series.is_file() else (),
    )


__all__ = ["KINDS", "CuratorPair", "Registry", "Series", "load_organisations", "load_pairs", "load_registry", "load_series"]
