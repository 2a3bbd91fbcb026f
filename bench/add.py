"""Benchmark ``kb add`` (issue 6). Prints its figures; not a timed test.

    python bench/add.py                       # quick: synthetic corpora of 50 and 200 declarations
    python bench/add.py --counts 2000,20000   # the issue's 100k and ~1M triples (long)
    python bench/add.py --synthetic 100000,1000000   # the validation step on bench/query.py's synthetic KB

For each corpus (``bench/generate.py``, one fixed seed) it builds the knowledge base, then adds
one more generated declaration (about 100 triples) and measures:

* the incremental validation step (the addition's neighbourhood, pySHACL) and the one-off index
  of the knowledge base it looks things up in;
* whole-graph pySHACL on the same rebuilt graph, and that both give the same verdict;
* ``kb add`` end to end (read, parse and resolve every source, validate, write the Turtle, the
  TriG and the store), through :func:`kb.add.add`.

``--end-to-end N,...`` measures ``kb add`` as a curator runs it, on a knowledge base built the
way ``kb build`` leaves it (with its build cache): ``kb add NAME.txt`` and ``kb add NAME.ttl``, each
a fresh ``kb`` process (interpreter start and imports included), timed from outside, with the
stages ``kb add --format json`` reports. A corpus of N generated declarations is built once in
``--work`` (a 10,000-declaration build takes about 10 minutes here) and kept with ``--keep``;
``--reuse`` measures on it again. After each addition the knowledge base is put back (the
addition removed, then ``kb build``; not timed). With ``--verify`` the outputs after the
addition are compared with a clean build of the same sources (slow at 10,000: a full build).

``--synthetic N,...`` measures the validation step alone at sizes a generated corpus cannot
reach quickly: the knowledge base is ``bench/query.py``'s synthetic TriG of about N triples, the
addition one generated declaration parsed, resolved and mapped as ``kb add`` does; the
incremental step is compared with whole-graph validation by pySHACL and by the SPARQL engine,
on the addition's focus nodes (the synthetic data itself is not checked for conformance).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox
from generate import generate

from kb.add import GraphIndex, add, validate_addition
from kb.build import build, map_documents, resolve_sources, union_graph
from kb.mint import Minter
from kb.sources import load_source
from kb.validate import _namespaces, _term, load_shapes, validate_graph


def _timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def measure(count: int, work: Path, *, whole: bool) -> dict:
    corpus = work / f"corpus-{count}"
    generate(corpus / "sources", count + 1, seed=6, truth_dir=corpus / "truth")
    extra = sorted((corpus / "sources").glob("*.txt"))[-1]  # the declaration to add
    spare = work / f"addition-{count}"
    spare.mkdir()
    for suffix in (".txt", ".toml"):
        shutil.move(extra.with_suffix(suffix), spare / extra.with_suffix(suffix).name)
    addition = spare / extra.name
    _, build_s = _timed(build, corpus / "sources", corpus / "out", with_store=True)

    shapes, minter = load_shapes(), Minter()
    resolved, resolve_s = _timed(resolve_sources, corpus / "sources", (load_source(addition),))
    graphs = map_documents(resolved.documents, minter=minter)
    own = graphs[minter.source(addition.stem)]
    index, index_s = _timed(GraphIndex.from_graphs, graphs, shapes)
    (report, focus, size), incremental_s = _timed(validate_addition, graphs, own, shapes=shapes, index=index)
    row = {"declarations": count, "triples": sum(len(t) for t in graphs.values()), "added": len(set(own)),
           "focus": focus, "context": size, "build_s": build_s, "resolve_s": resolve_s, "index_s": index_s,
           "incremental_s": incremental_s, "conforms": report.conforms}
    if whole:
        full, whole_s = _timed(validate_graph, union_graph(graphs), shapes=shapes)
        row.update(whole_s=whole_s, same_verdict=full.conforms == report.conforms)
    result, add_s = _timed(add, addition, sources_dir=corpus / "sources", out_dir=corpus / "out")
    row.update(add_s=add_s, accepted=result.accepted)
    return row


#: An RDF addition of about 20 triples: a new organisation taking part in an existing meeting
#: (the meeting's IRI is filled in from the knowledge base).
RDF_ADDITION = """@prefix kb: <https://w3id.org/declarations/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id: <https://w3id.org/declarations/id/> .
id:organisation\\/bench-front-of-atlantis a kb:Organisation ; skos:prefLabel "Bench Front of Atlantis" ;
    kb:countryCode "GR" .
<{event}> kb:participant id:organisation\\/bench-front-of-atlantis .
"""


def _kb(*args: str, cwd: Path) -> tuple[dict, float]:
    """Run ``kb add ... --format json`` in a fresh process; its report and the wall time."""
    import json
    import subprocess

    code = "import sys; from kb.cli import main; sys.argv[0] = 'kb'; main()"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "add", *args, "--format", "json"], cwd=cwd,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    try:
        return json.loads(done.stdout), seconds
    except ValueError:
        raise SystemExit(f"kb add failed ({done.returncode}):\n{done.stdout}\n{done.stderr}") from None


def _prepare(count: int, work: Path, *, reuse: bool) -> tuple[Path, Path, float | None]:
    corpus, spare = work / f"corpus-{count}", work / f"addition-{count}"
    if reuse and (corpus / "sources").is_dir() and any(spare.glob("*.txt")):
        return corpus, next(spare.glob("*.txt")), None  # built (or brought in step) by the caller
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(spare, ignore_errors=True)
    generate(corpus / "sources", count + 1, seed=6, truth_dir=corpus / "truth")
    extra = sorted((corpus / "sources").glob("*.txt"))[-1]
    spare.mkdir(parents=True)
    for suffix in (".txt", ".toml"):
        if extra.with_suffix(suffix).exists():
            shutil.move(extra.with_suffix(suffix), spare / extra.with_suffix(suffix).name)
    _, build_s = _timed(build, corpus / "sources", corpus / "out", with_store=True)
    return corpus, spare / extra.name, build_s


def measure_end_to_end(count: int, work: Path, *, reuse: bool, verify: bool) -> list[dict]:
    corpus, addition, build_s = _prepare(count, work, reuse=reuse)
    sources, out = corpus / "sources", corpus / "out"
    _, step_s = _timed(build, sources, out, with_store=True)  # in step with this code (a no-op when it already is)
    build_s = build_s if build_s is not None else step_s
    import re

    with (out / "kb.trig").open(encoding="utf-8") as trig:
        found = next(m for line in trig if (m := re.search(r"<(https://w3id.org/declarations/id/event/[a-z0-9-]+)>", line)))
    event = found.group(1)
    rdf = work / f"bench-front-{count}.ttl"
    rdf.write_text(RDF_ADDITION.format(event=event), encoding="utf-8")
    rows = []
    for what, path, undo in (("declaration", addition, [sources / addition.name, sources / addition.with_suffix(".toml").name]),
                             ("rdf", rdf, [sources / "additions" / rdf.name])):
        report, seconds = _kb(str(path), "--sources", str(sources), "--out", str(out), cwd=work)
        row = {"declarations": count, "what": what, "kb_add_s": seconds, "accepted": report["accepted"],
               "triples_added": report["triples"], "focus": report["focus_nodes"], "context": report["context_triples"],
               "build_s": build_s, **{f"{k}_s": v for k, v in report["timings"].items()}}
        if verify:
            clean = work / f"clean-{count}"
            shutil.rmtree(clean, ignore_errors=True)
            shutil.copytree(out / ".cache" / "parse", clean / ".cache" / "parse")
            build(sources, clean, with_store=False)
            row["identical"] = all((out / n).read_bytes() == (clean / n).read_bytes() for n in ("kb.ttl", "kb.trig"))
            shutil.rmtree(clean, ignore_errors=True)
        for leftover in undo:
            leftover.unlink(missing_ok=True)
        build(sources, out, with_store=True)  # back to the corpus as built (not timed)
        rows.append(row)
    return rows


def _print_end_to_end(rows: list[dict]) -> None:
    stages = ("load", "resolve", "map", "validate", "check", "write")
    print(f"{'declarations':>12} {'what':>11} {'added':>6} {'focus':>6} {'context':>8} "
          + " ".join(f"{s + ' s':>10}" for s in stages) + f" {'kb add s':>9} {'same':>5}")
    for r in rows:
        cells = " ".join(f"{r.get(s + '_s', 0):>10.2f}" for s in stages)
        print(f"{r['declarations']:>12} {r['what']:>11} {r['triples_added']:>6} {r['focus']:>6} {r['context']:>8} "
              f"{cells} {r['kb_add_s']:>9.2f} {r.get('identical', '-')!s:>5}")
    print("kb add s: the whole process from outside (interpreter start and imports included); check s: load + "
          "resolve + map + validate + the checks before them; load: read the sources and their parsed documents "
          "(parse cache); write: kb.ttl/kb.trig spliced, the store updated by the difference, the build state, "
          "committed under the lock; same: outputs equal a clean build's (--verify).")


def _rdflib_term(term):
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    datatype = URIRef(term.datatype.value) if term.language is None else None
    return Literal(term.value, lang=term.language, datatype=datatype)


def measure_synthetic(triples: int, work: Path, *, pyshacl: bool) -> dict:
    from collections import defaultdict

    from query import write_synthetic  # bench/query.py
    from rdflib import URIRef

    trig = work / f"synthetic-{triples}.trig"
    write_synthetic(trig, triples=triples)
    graphs: dict = defaultdict(list)
    for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        graphs[URIRef(quad.graph_name.value)].append(
            (_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    corpus = work / f"one-{triples}"
    generate(corpus, 1, seed=9)
    minter = Minter()
    resolved = resolve_sources(corpus, ())
    own = next(iter(map_documents(resolved.documents, minter=minter).values()))
    graphs[URIRef(minter.source("addition"))] = list(own)
    shapes = load_shapes()
    index, index_s = _timed(GraphIndex.from_graphs, graphs, shapes)
    (report, focus, size), incremental_s = _timed(validate_addition, graphs, own, shapes=shapes, index=index)
    row = {"triples": sum(len(t) for t in graphs.values()), "added": len(set(own)), "focus": focus, "context": size,
           "index_s": index_s, "incremental_s": incremental_s}
    union = union_graph(graphs)
    names = _namespaces()
    spelled = {_term(node, names) for node, _, _ in own}  # the addition's nodes as reports spell them
    for engine in ("sparql", "pyshacl") if pyshacl else ("sparql",):
        full, seconds = _timed(validate_graph, union, shapes=shapes, engine=engine)
        theirs = {(v.focus, v.constraint) for v in full.violations if v.focus in spelled}
        row[f"{engine}_s"] = seconds
        row[f"{engine}_same"] = theirs == {(v.focus, v.constraint) for v in report.violations}
    return row


def _print_synthetic(rows: list[dict]) -> None:
    print(f"{'triples':>9} {'added':>6} {'focus':>6} {'context':>8} {'index s':>8} {'incr. s':>8} "
          f"{'sparql s':>9} {'pyshacl s':>10} {'speed-up':>9} {'same':>5}")
    for r in rows:
        py = r.get("pyshacl_s")
        whole = "-" if py is None else f"{py:.1f}"
        speed = "-" if py is None else f"{py / r['incremental_s']:.0f}x"
        same = all(r[key] for key in r if key.endswith("_same"))
        print(f"{r['triples']:>9} {r['added']:>6} {r['focus']:>6} {r['context']:>8} {r['index_s']:>8.2f} "
              f"{r['incremental_s']:>8.3f} {r['sparql_s']:>9.2f} {whole:>10} {speed:>9} {same!s:>5}")
    print("incr. s: the addition validated with the part of the KB it references; sparql s / pyshacl s: the whole "
          "graph; speed-up: pyshacl s / incr. s; same: both whole-graph engines report the same violations on the "
          "addition's nodes as the incremental step. index s: one pass over the KB, paid once per kb add.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="50,200", help="corpus sizes in declarations, comma-separated")
    parser.add_argument("--no-whole", action="store_true", help="skip whole-graph pySHACL (slow on big corpora)")
    parser.add_argument("--synthetic", default=None, help="synthetic KB sizes in triples, comma-separated")
    parser.add_argument("--end-to-end", default=None, help="kb add end to end on built corpora of N declarations")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpora (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep --work's corpora for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure on the corpora an earlier --keep run built")
    parser.add_argument("--verify", action="store_true", help="compare the outputs with a clean build's")
    args = parser.parse_args(argv)
    if args.end_to_end:
        work = args.work or Path(tempfile.mkdtemp(prefix="bench-add-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            rows = [r for n in args.end_to_end.split(",")
                    for r in measure_end_to_end(int(n), work, reuse=args.reuse, verify=args.verify)]
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        _print_end_to_end(rows)
        return 0
    if args.synthetic:
        with tempfile.TemporaryDirectory(prefix="bench-add-") as folder:
            rows = [measure_synthetic(int(n), Path(folder), pyshacl=not args.no_whole) for n in args.synthetic.split(",")]
        _print_synthetic(rows)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-add-") as folder:
        rows = [measure(int(c), Path(folder), whole=not args.no_whole) for c in args.counts.split(",")]
    print(f"{'declarations':>12} {'triples':>9} {'added':>6} {'focus':>6} {'context':>8} {'index s':>8} "
          f"{'incr. s':>8} {'whole s':>8} {'speed-up':>9} {'same':>5} {'kb add s':>9}")
    for r in rows:
        whole = r.get("whole_s")
        whole_text = "-" if whole is None else f"{whole:.3f}"
        speed = "-" if whole is None else f"{whole / r['incremental_s']:.0f}x"
        print(f"{r['declarations']:>12} {r['triples']:>9} {r['added']:>6} {r['focus']:>6} {r['context']:>8} "
              f"{r['index_s']:>8.3f} {r['incremental_s']:>8.3f} {whole_text:>8} {speed:>9} "
              f"{r.get('same_verdict', '-')!s:>5} {r['add_s']:>9.2f}")
    print("index s: one pass over the rebuilt graph (part of kb add, not of the validation step); "
          "kb add s: end to end, with the store.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
