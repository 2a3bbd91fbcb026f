"""SPARQL 1.1 queries over the knowledge base, and the named queries shipped with it.

https://www.w3.org/TR/sparql11-query/ — results written as the W3C SPARQL 1.1 Query Results
formats (https://www.w3.org/TR/sparql11-results-json/, https://www.w3.org/TR/sparql11-results-csv-tsv/).

Named queries live in ``kb/queries/*.rq``; each opens with a comment header::

    # name: events
    # answers: Every event: its name, series, edition, dates, city and country.
    # columns: event, name, series, ordinal, start, end, city, country
    # order: start date (undated first), event IRI; ties by the other columns' text.

(``# order:`` is documentation only.) Every named query ends in an ORDER BY that is total over
its rows, ties broken by the remaining columns' text, so the rows come in the same order from
the embedded store, an Oxigraph server and rdflib (the tests compare them row by row).

Queries run on pyoxigraph over a store whose default graph holds the union of the named graphs
(see :mod:`kb.store`), with the prefixes of :data:`kb.namespaces.PREFIXES` predeclared (a
query may still declare its own).

Fast on the disk store
----------------------
The on-disk store keeps each IRI and each long string once, in RocksDB; solutions carry
numeric ids. pyoxigraph (0.5) reads a term's text back from RocksDB -- one lookup, about 4 µs
on a 2-core machine against 0.4 µs in the in-memory store -- each time it needs it: to return
a row, to evaluate an expression on it (STR, CONCAT, ``=``, ``!=``, ``<``, ...), and
at *every comparison* of an ORDER BY, so sorting n rows on an IRI costs about 2·n·log2(n)
reads (163,000 rows by IRI: 12 s on disk, 0.8 s in memory). Each lookup of an index join
(one per row of its left side) opens a RocksDB iterator, about 10 µs. Hence the named
queries:

- sort on keys made with ``CONCAT("~", ...)``. A string that is not in the store is kept in
  the query's own memory and compared without a disk read; the common prefix keeps the order
  of the strings it prefixes. ``STR(?x)`` alone does not help: its value is a stored string,
  read from disk at each comparison. Numbers, dates and strings of up to 15 bytes are held
  inline and are cheap as they are.
- write an optional part as a subquery, ``OPTIONAL { SELECT ?x ?y WHERE { ?x p ?y } }``, so
  that the property is read once and joined in memory instead of being looked up per row;
  the two sides of co-signatories' self-join are subqueries for the same reason.
- make a key once per thing, not once per row (an organisation's key comes with its name).
- keep one order of a pair by comparing keys, and never compare IRIs with ``!=`` (on 1.7M
  pairs: 13 s, against 0.5 s for ``!sameTerm``).

- sort and compare on integers where there are many rows: ORDER BY evaluates its expressions
  at every comparison (sorting 1.77M rows on random doubles: about 8 s; on CONCAT keys: about
  22 s), so co-signatories ranks the organisations once (a few thousand string comparisons
  per organisation, so growing with their number squared) and sorts the pairs on one integer
  made from those ranks.

What no query text changes (co-signatories on 1M synthetic triples, 1.77M rows): turning a
stored IRI of the answer into text costs one RocksDB read, about 3.5 µs, so the 3.5M IRIs of
its rows cost about 12 s on disk (0 s in memory), and GROUP BY over the 4.6M co-memberships
about 5 s. Writing the answer: ``run_query`` keeps every row as Python terms and
:func:`format_result` then formats them (CSV 9.6 s, JSON 70 s with the standard library's
indenting encoder); ``kb query`` uses :func:`write_query`, which writes each row as it comes,
with the same bytes. pyoxigraph's own ``QuerySolutions.serialize`` is no faster (it reads the
same IRIs) and its CSV leaves IRIs with commas unquoted (mention IRIs ``…#char=120,151``), its
TSV writes integers bare and its JSON is not indented, so it is not used.

``bench/query.py`` measures them (``--memory`` also times an in-memory store, which gains
less from all this).
"""

from __future__ import annotations

import csv
import io
import json
from json.encoder import encode_basestring as _json_string  # the C encoder json.dumps uses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as TypingLiteral
from typing import TextIO

import pyoxigraph

from kb.errors import QueryError, SourceError
from kb.namespaces import DEFAULT_BASE_IRI, PREFIXES
from kb.store import DEFAULT_STORE, open_store, union_of

QUERY_DIR = Path(__file__).parent / "queries"

#: Output formats of :func:`format_result`; CONSTRUCT and DESCRIBE results are always Turtle.
FORMATS = ("table", "csv", "tsv", "json")

#: Prefixes used to shorten IRIs in the table format (display only, not valid Turtle).
TABLE_PREFIXES: dict[str, str] = {**PREFIXES, "id": DEFAULT_BASE_IRI}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_VALUE_TERMS = frozenset({pyoxigraph.NamedNode, pyoxigraph.Literal})  # CSV writes their value
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_SUFFIXES = {".ttl": pyoxigraph.RdfFormat.TURTLE, ".trig": pyoxigraph.RdfFormat.TRIG,
                 ".nt": pyoxigraph.RdfFormat.N_TRIPLES, ".nq": pyoxigraph.RdfFormat.N_QUADS}

Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query shipped in ``kb/queries``: its name, what it answers, its columns, its file."""

    name: str
    answers: str
    columns: tuple[str, ...]
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The materialised answer to a query.

    ``kind`` says which fields are meaningful: ``"select"`` (``variables`` and ``rows``, one
    term or ``None`` per variable), ``"ask"`` (``boolean``) or ``"graph"`` (CONSTRUCT and
    DESCRIBE: ``triples``).
    """

    kind: TypingLiteral["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool = False
    triples: tuple[pyoxigraph.Triple, ...] = ()


# --- named queries -------------------------------------------------------------------------

def list_queries() -> tuple[NamedQuery, ...]:
    """The named queries shipped with the package, sorted by name.

    :raises QueryError: if a shipped file lacks its ``# name:``/``# answers:``/``# columns:`` header.
    """
    return tuple(sorted((_read_header(path) for path in QUERY_DIR.glob("*.rq")),
                        key=lambda query: query.name))


def _read_header(path: Path) -> NamedQuery:
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s*(name|answers|columns)\s*:\s*(.*)$", line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
    missing = [key for key in ("name", "answers", "columns") if key not in fields]
    if missing:
        raise QueryError(f"{path}: header lacks {', '.join(missing)}",
                         hint="start the file with '# name:', '# answers:' and '# columns:' lines")
    columns = tuple(column.strip() for column in fields["columns"].split(","))
    return NamedQuery(fields["name"], fields["answers"], columns, path)


def get_query(name: str) -> NamedQuery:
    """The shipped query called ``name``.

    :raises QueryError: if there is none (the message lists the known names).
    """
    for query in list_queries():
        if query.name == name:
            return query
    known = ", ".join(query.name for query in list_queries())
    raise QueryError(f"no named query {name!r}", hint=f"known: {known}; see `kb query --list`")


def resolve_query(text_or_name_or_path: str) -> str:
    """SPARQL text for a shipped query's name, a path to a ``.rq`` file, or SPARQL text itself.

    A single word is a name or a path; anything with a space or a brace is SPARQL.

    :raises QueryError: for an unknown name or a ``.rq`` path that does not exist.
    """
    given = text_or_name_or_path.strip()
    if re.search(r"[\s{]", given):
        return text_or_name_or_path
    path = Path(given)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise QueryError(f"no query file {given}", hint="check the path")
        return path.read_text(encoding="utf-8")
    return get_query(given).text


# --- running -------------------------------------------------------------------------------

def run_query(sparql: str, *, store: pyoxigraph.Store | Path | str | None = None) -> QueryResult:
    """Run ``sparql`` over the union of the knowledge base's named graphs.

    :param store: an open pyoxigraph Store (its default graph is queried); a store directory made by :func:`kb.store.build_store`;
        an RDF file (``.ttl``, ``.trig``, ``.nt``, ``.nq``) loaded into memory; or ``None`` for
        :data:`kb.store.DEFAULT_STORE` (``out/store``).
    :raises QueryError: on a syntax error, with its line and column.
    :raises SourceError: if an RDF file given as ``store`` cannot be parsed.
    :raises KbError: if there is no store at the given directory.
    :raises OSError: if the store cannot be read.
    """
    opened = _as_store(store)
    try:
        answer = opened.query(sparql, prefixes=PREFIXES)
    except SyntaxError as error:
        raise _syntax_error(error, sparql) from None
    return _materialise(answer)


def write_query(sparql: str, out: TextIO, fmt: str = "table", *,
                store: pyoxigraph.Store | Path | str | None = None) -> int:
    """Run ``sparql`` as :func:`run_query` does and write the answer to ``out`` as ``fmt``.

    The text is what ``format_result(run_query(sparql, store=store), fmt)`` returns, byte for
    byte; for a SELECT in ``csv``, ``tsv`` or ``json`` each row is written as it comes from the
    engine instead of being kept as Python terms first (1.77M rows of co-signatories: about
    15 s less than materialising and formatting them).

    :returns: the number of rows written (1 for ASK, the number of triples for CONSTRUCT/DESCRIBE).
    :raises ValueError: for an unknown ``fmt``.
    :raises QueryError, SourceError, KbError, OSError: as :func:`run_query`.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    opened = _as_store(store)
    try:
        answer = opened.query(sparql, prefixes=PREFIXES)
    except SyntaxError as error:
        raise _syntax_error(error, sparql) from None
    if isinstance(answer, pyoxigraph.QuerySolutions) and fmt != "table":
        variables = tuple(variable.value for variable in answer.variables)
        writer = {"csv": _write_csv, "tsv": _write_tsv, "json": _write_json}[fmt]
        return writer(variables, answer, out)
    result = _materialise(answer)
    out.write(format_result(result, fmt))
    return {"select": len(result.rows), "graph": len(result.triples), "ask": 1}[result.kind]


def _as_store(store: pyoxigraph.Store | Path | str | None) -> pyoxigraph.Store:
    if isinstance(store, pyoxigraph.Store):
        return store
    path = DEFAULT_STORE if store is None else Path(store)
    if path.is_file():
        return load_file(path)
    return open_store(path)


def load_file(path: Path) -> pyoxigraph.Store:
    """An in-memory store holding the RDF file at ``path`` (format from its extension), with
    the union of its graphs copied into the default graph as :func:`kb.store.build_store` does.

    :raises SourceError: for an unknown extension or a file that cannot be parsed.
    """
    rdf_format = _RDF_SUFFIXES.get(path.suffix.lower())
    if rdf_format is None:
        raise SourceError(f"unknown RDF file extension {path.suffix!r}", path=path,
                          hint=f"use one of {', '.join(sorted(_RDF_SUFFIXES))}")
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=rdf_format)
    except SyntaxError as error:
        raise SourceError(f"cannot parse: {error.msg}", path=path, line=error.lineno,
                          column=error.offset) from None
    store.extend(union_of(path))
    return store


def _materialise(answer: object) -> QueryResult:
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, pyoxigraph.QueryTriples):
        return QueryResult("graph", triples=tuple(answer))
    variables = tuple(variable.value for variable in answer.variables)
    rows = tuple(tuple(solution) for solution in answer)  # in the order of ``variables``
    return QueryResult("select", variables=variables, rows=rows)


def _syntax_error(error: SyntaxError, sparql: str) -> QueryError:
    message = str(error)
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not match:
        return QueryError(f"SPARQL syntax error: {_first_line(message)}",
                          line=error.lineno, column=error.offset)
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    if "Prefix not found" in detail:
        detail = "undefined prefix"
    lines = sparql.splitlines()
    near = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    problem = f"SPARQL syntax error: {_first_line(detail)}" + (f" in `{near}`" if near else "")
    return QueryError(problem, line=line, column=column,
                      hint="see https://www.w3.org/TR/sparql11-query/#grammar")


def _first_line(text: str, limit: int = 120) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= limit else first[: limit - 1] + "…"


# --- formatting ----------------------------------------------------------------------------

def format_result(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """Write ``result`` as ``fmt`` (one of :data:`FORMATS`).

    SELECT: ``table`` (fixed-width columns, IRIs shortened with :data:`TABLE_PREFIXES`, cells
    cut at ``max_width``), ``csv``, ``tsv``, ``json`` (the W3C SPARQL 1.1 results formats).
    ASK: ``true``/``false`` (JSON: the W3C boolean form). CONSTRUCT/DESCRIBE: Turtle, whatever
    ``fmt`` says.

    :raises ValueError: for an unknown ``fmt``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if result.kind == "graph":
        return pyoxigraph.serialize(result.triples, format=pyoxigraph.RdfFormat.TURTLE,
                                    prefixes=PREFIXES).decode("utf-8")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return "true\n" if result.boolean else "false\n"
    writers = {"table": lambda: _table(result, max_width), "csv": lambda: _csv(result),
               "tsv": lambda: _tsv(result), "json": lambda: _json(result)}
    return writers[fmt]()


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    _write_csv(result.variables, result.rows, buffer)
    return buffer.getvalue()


def _write_csv(variables: tuple[str, ...], rows: Iterable[Iterable[Term | None]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    count = 0
    for row in rows:
        writer.writerow([_plain(term) for term in row])
        count += 1
    return count


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if term.__class__ in _VALUE_TERMS:
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Triple):
        return str(term)
    return term.value


def _tsv(result: QueryResult) -> str:
    buffer = io.StringIO()
    _write_tsv(result.variables, result.rows, buffer)
    return buffer.getvalue()


def _write_tsv(variables: tuple[str, ...], rows: Iterable[Iterable[Term | None]], out: TextIO) -> int:
    out.write("\t".join(f"?{name}" for name in variables) + "\n")
    count = 0
    for row in rows:
        out.write("\t".join("" if term is None else str(term) for term in row) + "\n")
        count += 1
    return count


def _json(result: QueryResult) -> str:
    buffer = io.StringIO()
    _write_json(result.variables, result.rows, buffer)
    return buffer.getvalue()


def _write_json(variables: tuple[str, ...], rows: Iterable[Iterable[Term | None]], out: TextIO) -> int:
    """The document ``json.dumps(..., ensure_ascii=False, indent=1)`` writes, one binding at a
    time (the standard library's indenting encoder is pure Python: 70 s for 1.77M rows)."""
    head = ",\n".join(f"   {_json_string(name)}" for name in variables)
    out.write('{\n "head": {\n  "vars": ' + (f"[\n{head}\n  ]" if variables else "[]")
              + '\n },\n "results": {\n  "bindings": [')
    count = 0
    for row in rows:
        fields = []
        for name, term in zip(variables, row):
            if term is not None:
                members = ",\n".join(f"     {_json_string(key)}: {_json_string(value)}"
                                     for key, value in _json_term(term).items())
                fields.append(f"    {_json_string(name)}: {{\n{members}\n    }}")
        out.write(("\n" if count == 0 else ",\n")
                  + ("   {\n" + ",\n".join(fields) + "\n   }" if fields else "   {}"))
        count += 1
    out.write(("\n  ]" if count else "]") + "\n }\n}\n")
    return count


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        encoded = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            encoded["datatype"] = term.datatype.value
        return encoded
    return {"type": "triple", "value": str(term)}


def _table(result: QueryResult, max_width: int) -> str:
    header = list(result.variables)
    cells = [[_cut(_short(term), max_width) for term in row] for row in result.rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(value.ljust(width) for value, width in zip(values, widths)).rstrip()

    body = [line(header), line(["-" * width for width in widths])] + [line(row) for row in cells]
    count = len(cells)
    body.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(body) + "\n"


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        for prefix, namespace in TABLE_PREFIXES.items():
            local = term.value[len(namespace):]
            if term.value.startswith(namespace) and re.fullmatch(r"[\w./-]*", local):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, pyoxigraph.Literal):
        return term.value.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _plain(term)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["FORMATS", "NamedQuery", "QueryResult", "format_result", "get_query", "list_queries",
           "load_file", "resolve_query", "run_query", "write_query"]
