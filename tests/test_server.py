"""Against a real Oxigraph server: `kb load`, then three engines give one answer.

Starts ``oxigraph serve`` (the ``oxigraph`` package on PyPI) on 127.0.0.1 on a free port; the
server is stopped in the fixture's finalizer whatever happens. Run alone with ``-m server``.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kb.cli.store import load as load_command
from kb.errors import EndpointError
from kb.load import load_endpoint
from kb.query import list_queries, run_query
from kb.build import build
from kb.store import build_store

pytestmark = [pytest.mark.server, pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")]

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
SOURCES = Path(__file__).resolve().parent.parent / "sources"
COUNT_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def oxigraph_binary() -> str:
    beside_python = Path(sys.executable).parent / "oxigraph"
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if found is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """Run ``oxigraph serve`` until the block ends; yields its base URL."""
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {process.stderr.read().decode()}")
        try:
            sparql(base, "ASK {}", union=False)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph did not answer at {base} within {seconds} s")


def sparql(base: str, query: str, *, union: bool = True) -> list[dict[str, str]]:
    """POST a query to the server's SPARQL endpoint; rows as {variable: value}."""
    url = f"{base}/query" + ("?union-default-graph" if union else "")
    request = urllib.request.Request(url, data=query.encode("utf-8"), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        document = json.load(response)
    if "boolean" in document:
        return [{"boolean": str(document["boolean"]).lower()}]
    names = document["head"]["vars"]
    return [{name: binding[name]["value"] for name in names if name in binding}
            for binding in document["results"]["bindings"]]


@pytest.fixture(scope="module", params=["fixture", "build"])
def trig(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-written fixture, and the knowledge base built from sources/."""
    if request.param == "fixture":
        return MINI
    out = tmp_path_factory.mktemp("build")
    build(SOURCES, out, with_store=False)
    return out / "kb.trig"


@pytest.fixture(scope="module")
def server(trig: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    graphs = [g for g in dataset.graphs() if len(g) and g.identifier != dataset.default_graph.identifier]
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        result = CliRunner().invoke(load_command, ["--endpoint", f"{base}/store", "--trig", str(trig)])
        assert result.exit_code == 0, result.output
        expected = f"loaded {sum(len(g) for g in graphs)} triples in {len(graphs)} graphs to {base}/store ("
        assert result.output.startswith(expected)
        yield base


@pytest.fixture(scope="module")
def embedded(trig: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("embedded") / "store"
    build_store(trig, path)
    return path


@pytest.fixture(scope="module")
def rdflib_union(trig: Path) -> rdflib.Dataset:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(trig, format="trig")
    return dataset


def as_strings(variables, rows) -> list[dict[str, str]]:
    return [{str(name): str(term) if not hasattr(term, "value") else term.value
             for name, term in zip(variables, row) if term is not None} for row in rows]


@pytest.mark.parametrize("named", list_queries(), ids=lambda named: named.name)
def test_three_engines_one_answer(named, server, embedded, rdflib_union) -> None:
    from_server = sparql(server, named.text)
    mine = run_query(named.text, store=embedded)
    from_embedded = as_strings(mine.variables, mine.rows)
    answer = rdflib_union.query(named.text)
    from_rdflib = [{str(name): str(row[name]) for name in answer.vars if row[name] is not None}
                   for row in answer]
    assert from_server, f"{named.name}: no rows"
    assert from_server == from_embedded
    assert from_server == from_rdflib


def _quads(trig: Path) -> int:
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    return sum(len(g) for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier)


def test_loading_twice_gives_the_same_store(server, trig) -> None:
    before = sparql(server, COUNT_NAMED)
    load_endpoint(trig, f"{server}/store")
    assert sparql(server, COUNT_NAMED) == before == [{"n": str(_quads(trig))}]
    assert sparql(server, COUNT_DEFAULT, union=False) == [{"n": "0"}]


def test_default_graph_gets_the_union(tmp_path: Path, trig, rdflib_union) -> None:
    distinct = len(set(rdflib_union.triples((None, None, None))))
    with oxigraph_server(tmp_path / "db") as base:
        first = load_endpoint(trig, f"{base}/store", default_graph=True)
        load_endpoint(trig, f"{base}/store", default_graph=True)
        assert first.graphs == 1
        assert sparql(base, COUNT_DEFAULT, union=False) == [{"n": str(distinct)}]
        assert sparql(base, COUNT_NAMED) == [{"n": "0"}]


def test_a_wrong_path_is_refused_with_the_status_and_a_hint(server) -> None:
    with pytest.raises(EndpointError) as caught:
        load_endpoint(MINI, f"{server}/data", retries=0)
    message = str(caught.value)
    assert caught.value.url.startswith(f"{server}/data?graph=https%3A%2F%2Fw3id.org")
    assert "HTTP 404 Not Found" in message
    assert "Fuseki /DATASET/data, Oxigraph /store" in message


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(EndpointError) as caught:
        load_endpoint(MINI, endpoint, timeout=2, retries=1)
    message = str(caught.value)
    assert message.startswith(f"{endpoint}?graph=")
    assert "cannot reach the endpoint after 2 attempts" in message
    assert "check that the server is running" in message


def test_cli_load_refuses_user_and_token_together() -> None:
    result = CliRunner().invoke(load_command, ["--endpoint", "http://127.0.0.1:1/store", "--trig",
                                               str(MINI), "--user", "u", "--token", "t"])
    assert result.exit_code == 2
    assert "give either --user/--password or --token, not both" in result.output
