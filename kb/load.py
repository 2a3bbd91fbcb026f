"""Push the knowledge base to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

https://www.w3.org/TR/sparql11-http-rdf-update/ — each named graph of the TriG is sent with
``PUT {endpoint}?graph=<iri>`` (PUT replaces the graph, so loading twice gives the same store);
with ``default_graph=True`` the union of all graphs is sent with ``PUT {endpoint}?default``.
Graphs an earlier load created that are no longer in the TriG are left alone.

Graph-store paths of common stores: Apache Jena Fuseki ``http://HOST:3030/DATASET/data``,
GraphDB ``http://HOST:7200/repositories/REPO/rdf-graphs/service``, Oxigraph server
``http://HOST:7878/store``.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from kb.errors import EndpointError, SourceError

_PATH_HINT = ("check that the URL ends with the store's graph-store path, e.g. Fuseki "
              "/DATASET/data, Oxigraph /store, GraphDB /repositories/REPO/rdf-graphs/service")
_CONTENT_TYPE = "application/n-triples"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What :func:`load_endpoint` sent: graphs PUT, triples in them, seconds taken."""

    endpoint: str
    graphs: int
    triples: int
    seconds: float

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else float("inf")


@dataclass(frozen=True, slots=True)
class _Auth:
    user: str | None = None
    password: str | None = None
    token: str | None = None

    def header(self) -> str | None:
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None:
            pair = f"{self.user}:{self.password or ''}".encode("utf-8")
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None


def load_endpoint(trig_path: Path, endpoint: str, *, default_graph: bool = False,
                  user: str | None = None, password: str | None = None, token: str | None = None,
                  timeout: float = 30, retries: int = 3) -> LoadResult:
    """PUT every named graph of ``trig_path`` to the Graph Store endpoint ``endpoint``.

    :param default_graph: send the union of all graphs to the default graph instead.
    :param user: user name for HTTP Basic authentication (with ``password``).
    :param token: bearer token (takes precedence over ``user``).
    :param timeout: seconds to wait for each request.
    :param retries: further attempts after a 5xx answer or a connection failure, with
        exponential backoff (0.5 s, 1 s, 2 s, ...).
    :raises SourceError: if the TriG cannot be parsed.
    :raises EndpointError: if the endpoint refuses a request (4xx, or 5xx after the retries)
        or cannot be reached; the message names the URL, the status and what to check.
    """
    graphs = read_graphs(trig_path)
    if default_graph:
        graphs = {None: [triple for triples in graphs.values() for triple in triples]}
    auth = _Auth(user, password, token)
    started = time.perf_counter()
    for graph, triples in sorted(graphs.items(), key=lambda item: item[0] or ""):
        body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        _put(graph_url(endpoint, graph), body, auth=auth, timeout=timeout, retries=retries)
    total = sum(len(triples) for triples in graphs.values())
    return LoadResult(endpoint, len(graphs), total, time.perf_counter() - started)


def read_graphs(trig_path: Path) -> dict[str | None, list[pyoxigraph.Triple]]:
    """The triples of each graph in ``trig_path``, keyed by graph IRI (``None``: default graph).

    :raises SourceError: if the file cannot be parsed.
    :raises OSError: if it cannot be read.
    """
    graphs: dict[str | None, list[pyoxigraph.Triple]] = defaultdict(list)
    try:
        for quad in pyoxigraph.parse(path=str(trig_path), format=pyoxigraph.RdfFormat.TRIG):
            name = None if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
            graphs[name].append(quad.triple)
    except SyntaxError as error:
        raise SourceError(f"cannot parse TriG: {error.msg}", path=trig_path,
                          line=error.lineno, column=error.offset) from None
    return dict(graphs)


def graph_url(endpoint: str, graph: str | None) -> str:
    """``{endpoint}?graph=<iri>`` (IRI percent-encoded) or ``{endpoint}?default``."""
    separator = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


def _put(url: str, body: bytes, *, auth: _Auth, timeout: float, retries: int) -> None:
    headers = {"Content-Type": _CONTENT_TYPE}
    if (authorization := auth.header()) is not None:
        headers["Authorization"] = authorization
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
            return
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == retries:
                raise _refused(url, error) from None
        except (urllib.error.URLError, OSError) as error:
            if attempt == retries:
                raise _unreachable(url, error, retries) from None
        time.sleep(0.5 * 2 ** attempt)


def _refused(url: str, error: urllib.error.HTTPError) -> EndpointError:
    detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
    problem = f"HTTP {error.code} {error.reason}" + (f": {detail[0]}" if detail else "")
    if error.code in (401, 403):
        hint = "check --user/--password or --token, and that the account may write"
    elif error.code in (404, 405):
        hint = _PATH_HINT
    else:
        hint = "the server refused the data; see its log"
    return EndpointError(problem, hint=hint, url=url)


def _unreachable(url: str, error: Exception, retries: int) -> EndpointError:
    reason = getattr(error, "reason", error)
    return EndpointError(f"cannot reach the endpoint after {retries + 1} attempts: {reason}",
                         hint="check that the server is running and the host and port are right; "
                              + _PATH_HINT, url=url)


__all__ = ["LoadResult", "graph_url", "load_endpoint", "read_graphs"]
