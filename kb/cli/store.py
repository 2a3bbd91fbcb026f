"""``kb query`` and ``kb load``: thin shells over :mod:`kb.query` and :mod:`kb.load`.

Exit codes: 0 ok; 1 a :class:`kb.errors.KbError` (no store, unreadable data, endpoint refused
or unreachable), printed by the ``kb`` group; 2 a usage error, which includes a SPARQL syntax
error and an unknown named query (:class:`kb.errors.QueryError`, printed with its line and
column).
"""

from __future__ import annotations

from pathlib import Path

import click

from kb.errors import QueryError
from kb.load import load_endpoint
from kb.query import FORMATS, list_queries, resolve_query, write_query
from kb.store import DEFAULT_STORE


class QueryUsageError(click.ClickException):
    """A query that cannot be run as written: ``Error: line L, column C: ...``, exit status 2."""

    exit_code = 2


@click.command("query")
@click.argument("query", required=False)
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format (csv, tsv, json: the W3C SPARQL results formats).")
@click.option("--store", type=click.Path(path_type=Path), default=DEFAULT_STORE,
              show_default=True, help="Store directory made by `kb build`.")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Query this Turtle/TriG/N-Triples file (loaded in memory) instead of the store.")
def query(query: str | None, list_: bool, fmt: str, store: Path, data: Path | None) -> None:
    """Run a SPARQL query: a named query, a .rq file, or SPARQL text.

    Queries see the union of all sources' graphs; the prefixes kb:, kbs:, skos:, dcterms:,
    schema:, ... are predeclared. CONSTRUCT and DESCRIBE print Turtle.

    \b
    Example:
        kb query --list
        kb query events
        kb query co-signatories --format csv
        kb query my-question.rq --format json
        kb query 'SELECT ?name WHERE { ?o a kb:Organisation ; skos:prefLabel ?name }'
        kb query claims --data out/kb.ttl
    """
    if list_:
        for named in list_queries():
            click.echo(f"{named.name}\n    {named.answers}\n    columns: {', '.join(named.columns)}")
        return
    if query is None:
        raise click.UsageError("give a QUERY (a name, a .rq file or SPARQL text), or --list")
    out = _Echo()
    try:
        write_query(resolve_query(query), out, fmt, store=data if data is not None else store)
    except QueryError as error:
        raise QueryUsageError(str(error)) from None
    out.flush()


class _Echo:
    """A text sink for :func:`kb.query.write_query` that hands ``click.echo`` about 1 MB at a
    time, so rows reach the terminal as they come and large answers are not held twice."""

    def __init__(self, size: int = 1 << 20) -> None:
        self._parts: list[str] = []
        self._held = 0
        self._size = size

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._held += len(text)
        if self._held >= self._size:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._parts:
            click.echo("".join(self._parts), nl=False)
        self._parts.clear()
        self._held = 0


@click.command("load")
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://localhost:7878/store.")
@click.option("--trig", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("out/kb.trig"), show_default=True, help="TriG written by `kb build`.")
@click.option("--default-graph", is_flag=True, help="Put the union in the default graph, not one graph per source.")
@click.option("--user", help="User for HTTP Basic authentication.")
@click.option("--password", envvar="KB_ENDPOINT_PASSWORD", help="Password (or set KB_ENDPOINT_PASSWORD).")
@click.option("--token", envvar="KB_ENDPOINT_TOKEN", help="Bearer token (or set KB_ENDPOINT_TOKEN).")
@click.option("--timeout", type=float, default=30, show_default=True, help="Seconds per request.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries after a 5xx answer or connection failure.")
def load(endpoint: str, trig: Path, default_graph: bool, user: str | None, password: str | None,
         token: str | None, timeout: float, retries: int) -> None:
    """Push the knowledge base to a SPARQL 1.1 Graph Store endpoint (PUT replaces each graph).

    \b
    Example:
        kb load --endpoint http://localhost:7878/store
        kb load --endpoint http://localhost:3030/kb/data --user admin --password pw
        kb load --endpoint http://localhost:7200/repositories/kb/rdf-graphs/service
        kb load --endpoint http://localhost:7878/store --default-graph
    """
    if user is not None and token is not None:
        raise click.UsageError("give either --user/--password or --token, not both")
    result = load_endpoint(trig, endpoint, default_graph=default_graph, user=user,
                           password=password, token=token, timeout=timeout, retries=retries)
    click.echo(f"loaded {result.triples} triples in {result.graphs} graph"
               f"{'' if result.graphs == 1 else 's'} to {endpoint} ({result.seconds:.2f} s)")
