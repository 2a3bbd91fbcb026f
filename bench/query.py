"""Benchmark the store and the named queries (issue 5). Prints a table; not a timed test.

    python bench/query.py                    # synthetic KB of about 1,000,000 triples
    python bench/query.py --triples 100000   # a quick run
    python bench/query.py --trig out/kb.trig # any TriG (e.g. from bench/generate.py)

Measures: loading the TriG into the embedded pyoxigraph store; each named query's median
latency in that on-disk store, twice: "disk s" is the engine plus every row materialised as
Python terms (``kb.query.run_query``, what a Python caller gets) and "csv s" is what a user of
``kb query NAME --format csv`` waits for (``kb.query.write_query``: the engine, and the rows
written as CSV to a file as they come); versus rdflib's SPARQL engine on the same data (rdflib capped, default 10 minutes per query,
printed as "> cap"; the ratio is then a lower bound); with ``--memory``, the same queries in
an in-memory pyoxigraph store; and `kb load` into a local Oxigraph server (triples per
second). ``--only events,claims`` runs some of the queries. Uses only the project's
dependencies (plus the `oxigraph` test extra for the server; skipped with a note when it is
missing).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.load import load_endpoint  # noqa: E402
from kb.query import list_queries, load_file, run_query, write_query  # noqa: E402
from kb.store import build_store, open_store  # noqa: E402

KB = "https://w3id.org/declarations/ontology#"
ID = "https://w3id.org/declarations/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
STANCES = ("condemn", "demand", "solidarity", "call", "support", "oppose", "reject", "declare")


# --- a synthetic knowledge base shaped like the real one -------------------------------------

def kb(term: str) -> ox.NamedNode:
    return ox.NamedNode(KB + term)


def node(path: str) -> ox.NamedNode:
    return ox.NamedNode(ID + path)


def typed(value: object, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))


def source_quads(index: int, rng: random.Random, organisations: int) -> Iterator[ox.Quad]:
    """One source: its document, an event with participants and hosts, a statement with
    signatories and claims, and the labels of everything it names (repeated per graph)."""
    graph = node(f"source/s{index}")
    series, ordinal = rng.randrange(40), index // 40 + 1
    year = 1990 + index % 35
    event, statement, place = node(f"event/series{series}-{ordinal}"), node(f"statement/s{index}"), node(f"place/c{series % 60}")
    triples = [(graph, RDF_TYPE, kb("SourceDocument")), (graph, kb("fileName"), ox.Literal(f"s{index}.txt")),
               (event, RDF_TYPE, kb("Event")), (event, kb("inSeries"), node(f"series/series{series}")),
               (event, kb("ordinal"), typed(ordinal, "positiveInteger")),
               (event, kb("startDate"), typed(f"{year}-{1 + index % 12:02d}-10", "date")),
               (event, kb("endDate"), typed(f"{year}-{1 + index % 12:02d}-12", "date")),
               (event, kb("heldIn"), place), (place, RDF_TYPE, kb("Place")),
               (place, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(f"City {series % 60}")),
               (place, kb("countryCode"), ox.Literal(f"C{series % 60}")),
               (node(f"series/series{series}"), ox.NamedNode(SKOS + "prefLabel"), ox.Literal(f"Series {series}")),
               (statement, RDF_TYPE, kb("Statement")), (statement, kb("adoptedAt"), event),
               (statement, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal(f"Statement {index}")),
               (statement, kb("statementDate"), typed(f"{year}-{1 + index % 12:02d}-12", "date")),
               (statement, kb("source"), graph)]
    attendees = rng.sample(range(organisations), rng.randint(15, 40))
    signers = rng.sample(attendees, rng.randint(5, len(attendees) // 2))
    for org in attendees:
        iri = node(f"organisation/o{org}")
        triples += [(event, kb("participant"), iri), (iri, RDF_TYPE, kb("Organisation")),
                    (iri, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(f"Organisation {org}")),
                    (iri, kb("countryCode"), ox.Literal(f"C{org % 90}"))]
    triples += [(statement, kb("signatory"), node(f"organisation/o{org}")) for org in signers]
    triples += [(event, kb("hostedBy"), node(f"organisation/o{org}")) for org in attendees[:rng.randint(0, 2)]]
    for number in range(rng.randint(2, 8)):
        claim = node(f"statement/s{index}/claim/{number * 100}-{number * 100 + 80}")
        triples += [(statement, kb("claim"), claim), (claim, RDF_TYPE, kb("Claim")),
                    (claim, kb("stance"), ox.NamedNode("https://w3id.org/declarations/stance/" + rng.choice(STANCES))),
                    (claim, kb("target"), ox.Literal(f"target {rng.randrange(500)}")),
                    (claim, kb("quote"), ox.Literal(f"quote {index}-{number}")),
                    (claim, kb("startOffset"), typed(number * 100, "nonNegativeInteger"))]
    for subject, predicate, obj in triples:
        yield ox.Quad(subject, predicate, obj, graph)


def write_synthetic(path: Path, *, triples: int, seed: int = 5) -> int:
    """Write a synthetic TriG of about ``triples`` quads to ``path``; returns the count."""
    rng = random.Random(seed)
    organisations = max(50, triples // 500)
    quads: list[ox.Quad] = []
    index = 0
    while len(quads) < triples:
        quads.extend(source_quads(index, rng, organisations))
        index += 1
    ox.serialize(quads, str(path), ox.RdfFormat.TRIG)
    return len(quads)


# --- measuring -------------------------------------------------------------------------------

def csv_to_file(sparql: str, store: ox.Store, path: Path) -> int:
    """What `kb query ... --format csv > FILE` does after resolving the query: returns the rows."""
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_query(sparql, out, "csv", store=store)


def median_seconds(run, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


_DATASET = None  # the rdflib Dataset, inherited by forked workers


def _rdflib_worker(text: str, repeat: int, answer) -> None:
    answer.put(median_seconds(lambda: len(list(_DATASET.query(text))), repeat))


def rdflib_seconds(text: str, *, repeat: int, cap: float) -> tuple[float, int] | None:
    """Median rdflib latency, run in a forked process killed after ``cap`` seconds (-> None)."""
    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    worker = context.Process(target=_rdflib_worker, args=(text, repeat, answer))
    worker.start()
    worker.join(cap * repeat)
    if worker.is_alive():
        worker.terminate()
        worker.join()
        return None
    return answer.get() if not answer.empty() else None


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str | None]:
    binary = Path(sys.executable).parent / "oxigraph"
    binary_path = str(binary) if binary.exists() else shutil.which("oxigraph")
    if binary_path is None:
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([binary_path, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trig", type=Path, help="benchmark this TriG instead of a synthetic one")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic KB")
    parser.add_argument("--repeat", type=int, default=5, help="pyoxigraph runs per query (median)")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="rdflib runs per query (median)")
    parser.add_argument("--cap", type=float, default=600, help="seconds allowed per rdflib query")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib")
    parser.add_argument("--no-server", action="store_true", help="skip the Oxigraph server load")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated named queries to run (default: all)")
    parser.add_argument("--memory", action="store_true",
                        help="also time each query in an in-memory pyoxigraph store (kb.query.load_file)")
    parser.add_argument("--rdflib-queries", type=Path, metavar="DIR",
                        help="give rdflib the .rq file of the same name in DIR (e.g. an older version of "
                             "kb/queries) instead of the shipped text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as scratch:
        run(args, Path(scratch))


def run(args: argparse.Namespace, scratch: Path) -> None:
    trig = args.trig
    if trig is None:
        trig = scratch / "synthetic.trig"
        started = time.perf_counter()
        count = write_synthetic(trig, triples=args.triples)
        print(f"generated {count:,} quads in {time.perf_counter() - started:.1f} s -> {trig}")
    started = time.perf_counter()
    quads = build_store(trig, scratch / "store")
    load_s = time.perf_counter() - started
    print(f"embedded store: loaded {quads:,} quads in {load_s:.1f} s ({quads / load_s:,.0f} quads/s)")
    if not args.no_rdflib:
        global _DATASET
        import rdflib
        started = time.perf_counter()
        _DATASET = rdflib.Dataset(default_union=True)
        _DATASET.parse(trig, format="trig")
        print(f"rdflib: parsed in {time.perf_counter() - started:.1f} s")
    store = open_store(scratch / "store")
    memory = None
    if args.memory:
        started = time.perf_counter()
        memory = load_file(trig)
        print(f"in-memory store: loaded in {time.perf_counter() - started:.1f} s")
    print(f"pyoxigraph {ox.__version__}; medians of {args.repeat} runs (rdflib: {args.rdflib_repeat}, "
          f"capped at {args.cap:.0f} s)")
    header = f"\n{'query':<16} {'rows':>9} {'disk s':>9} {'csv s':>9}"
    header += f" {'memory s':>9}" if memory is not None else ""
    print(header + f" {'rdflib s':>9} {'ratio':>8}")
    only = set(args.only.split(",")) if args.only else None
    for named in list_queries():
        if only is not None and named.name not in only:
            continue
        ox_s, rows = median_seconds(lambda: len(run_query(named.text, store=store).rows), args.repeat)
        csv_s, _ = median_seconds(lambda: csv_to_file(named.text, store, scratch / "answer.csv"), args.repeat)
        line = f"{named.name:<16} {rows:>9,} {ox_s:>9.3f} {csv_s:>9.3f}"
        if memory is not None:
            mem_s, _ = median_seconds(lambda: len(run_query(named.text, store=memory).rows), args.repeat)
            line += f" {mem_s:>9.3f}"
        if args.no_rdflib:
            rdf_text, ratio = "-", "-"
        else:
            text = named.text if args.rdflib_queries is None else (args.rdflib_queries / named.path.name).read_text()
            rdf = rdflib_seconds(text, repeat=args.rdflib_repeat, cap=args.cap)
            if rdf is None:
                rdf_text, ratio = "> cap", f"> {args.cap / ox_s:.0f}x"
            else:
                mismatch = "" if rdf[1] == rows else f" (rdflib rows {rdf[1]})"
                rdf_text, ratio = f"{rdf[0]:.2f}", f"{rdf[0] / ox_s:.0f}x{mismatch}"
        print(f"{line} {rdf_text:>9} {ratio:>8}", flush=True)
    if not args.no_server:
        with oxigraph_server(scratch / "server") as base:
            if base is None:
                print("\nkb load: skipped (no oxigraph server binary; pip install oxigraph)")
                return
            result = load_endpoint(trig, f"{base}/store", timeout=600)
            print(f"\nkb load into Oxigraph server: {result.triples:,} triples in {result.graphs:,} graphs, "
                  f"{result.seconds:.1f} s ({result.triples_per_second:,.0f} triples/s)")


if __name__ == "__main__":
    main()
