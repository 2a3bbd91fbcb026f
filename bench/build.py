"""Build benchmark: generated corpora of N declarations through ``kb.build``, stage by stage,
against a naive baseline, with an order-independence check and a one-source rebuild.

Usage::

    .venv/bin/python bench/build.py                 # sizes 1000,10000
    .venv/bin/python bench/build.py --quick         # sizes 100,1000
    .venv/bin/python bench/build.py --sizes 2000 --skip baseline,order --json out.json

For each size N it generates N+1 declarations (``bench/generate.py``, fixed ``--seed``), holds
the last one back, and runs, each in a fresh subprocess (so peak memory is per run):

* ``staged``   the step functions of ``kb/build.py`` called one by one and timed: load (read
               the texts, metadata and registry), parse (``parse_sources`` + ``canonical_events``),
               resolve (``resolve_documents`` + ``merge_events``), map (``map_documents``),
               validate (``union_graph`` + ``validate_graph``), serialise (``turtle_bytes`` +
               ``trig_bytes``), write (``write_atomically``), store (``build_store``);
* ``build``    ``kb.build.build(src, out)`` end to end: the figure the issue's targets are about;
* ``baseline`` the naive pipeline: the same parse/resolve/map, sequentially, then one rdflib
               ``Graph`` holding every triple, whole-graph pySHACL (``advanced=True``),
               ``graph.serialize(format="turtle")`` (``serialise``), an rdflib ``Dataset``
               serialised as TriG (``trig``: the same two outputs as the build) and a
               pyoxigraph bulk load of that TriG;
* ``order``    ``kb.build.build`` with the sources listed in a shuffled order (``source_paths``
               patched wherever ``kb`` imported it) into a second folder; the sha256 of
               ``kb.ttl`` and ``kb.trig`` must equal those of the ``build`` run;
* ``rebuild``  the held-back declaration is added, then ``kb.build.build(src, out)`` runs again
               into the ``build`` run's folder (whatever cache the build keeps is warm).

Times are wall-clock seconds inside the worker (imports excluded; ``proc`` adds interpreter
start and imports). Peak memory is ``ru_maxrss`` of the worker plus the largest of its child
processes (parallel parsing), in MB. Standard library + the project's dependencies only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
KINDS = ("staged", "build", "baseline", "order", "rebuild")
OUTPUTS = ("kb.ttl", "kb.trig")


# ---------------------------------------------------------------------------------------
# workers (run in a fresh interpreter: ``build.py --worker KIND SRC OUT``)


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024  # Linux: kilobytes


class _Clock:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}

    def __call__(self, name: str):
        clock = self

        class _Stage:
            def __enter__(self):
                self.t = time.perf_counter()

            def __exit__(self, *exc):
                clock.stages[name] = clock.stages.get(name, 0.0) + time.perf_counter() - self.t

        return _Stage()


def code_digest() -> str:
    """A digest of the code and data a build runs on (kb/, shapes/), to tell when someone
    edited the tree between two runs."""
    h = hashlib.sha256()
    for folder in ("kb", "shapes"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".toml", ".ttl", ".rq"}:
                h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def _digests(out: Path) -> dict[str, str]:
    return {n: hashlib.sha256((out / n).read_bytes()).hexdigest() for n in OUTPUTS if (out / n).exists()}


def worker_staged(src: Path, out: Path) -> dict:
    import kb.build as B
    from kb.export import trig_bytes, turtle_bytes, write_atomically
    from kb.mint import Minter
    from kb.resolve import resolve_documents
    from kb.store import build_store
    from kb.validate import load_shapes, validate_graph

    clock = _Clock()
    notes = []
    t0 = time.perf_counter()
    with clock("load"):
        registry = B.load_curated(src)
        sources = B.load_sources(src)
    with clock("parse"):
        parsed = B.canonical_events(B.parse_sources(sources, registry), registry.series)
    with clock("resolve"):
        resolver = B.make_resolver(registry, src)
        resolved, _conflicts = B.merge_events(resolve_documents(parsed, resolver))
    with clock("map"):
        graphs = B.map_documents(resolved, minter=Minter())
    with clock("validate"):
        shapes = load_shapes()
        union = B.union_graph(graphs)
        report = validate_graph(union, shapes=shapes)
    if not report.conforms:
        notes.append(f"does not conform: {str(report)[:300]}")
    with clock("serialise"):
        ttl = turtle_bytes(t for triples in graphs.values() for t in triples)
        trig = trig_bytes(graphs)
    with clock("write"):
        out.mkdir(parents=True, exist_ok=True)
        write_atomically(out / "kb.ttl", ttl)
        write_atomically(out / "kb.trig", trig)
    with clock("store"):
        build_store(out / "kb.trig", out / "store")
    total = time.perf_counter() - t0
    return {"stages": clock.stages, "total": total, "triples": len(union), "docs": len(sources),
            "ttl_bytes": len(ttl), "notes": notes, "peak_mb": _peak_mb()}


def worker_build(src: Path, out: Path) -> dict:
    from kb.build import build

    t0 = time.perf_counter()
    result = build(src, out)
    total = time.perf_counter() - t0
    return {"total": total, "triples": result.triples, "docs": len(result.documents),
            "conforms": result.report.conforms, "sha256": _digests(out), "peak_mb": _peak_mb()}


def worker_order(src: Path, out: Path) -> dict:
    """``build`` with the sources in a shuffled order."""
    import kb
    import kb.sources

    original = kb.sources.source_paths

    def shuffled(folder: Path) -> tuple[Path, ...]:
        paths = list(original(folder))
        random.Random(7).shuffle(paths)
        return tuple(paths)

    import kb.build  # noqa: F401  (so every kb module that imports source_paths is loaded)

    patched = []
    for name, module in list(sys.modules.items()):
        if (name == "kb" or name.startswith("kb.")) and getattr(module, "source_paths", None) is original:
            module.source_paths = shuffled
            patched.append(name)
    result = worker_build(src, out)
    result["patched"] = patched
    return result


def worker_baseline(src: Path, out: Path) -> dict:
    import pyoxigraph
    import pyshacl
    from rdflib import Dataset, Graph

    import kb.build as B
    from kb.mint import Minter
    from kb.parse import parse_source
    from kb.resolve import resolve_documents
    from kb.sources import load_source, source_paths
    from kb.validate import load_shapes

    clock = _Clock()
    t0 = time.perf_counter()
    with clock("load"):
        registry = B.load_curated(src)
        sources = [load_source(p) for p in source_paths(src)]
    with clock("parse"):
        options = B.parse_options(registry)
        parsed = B.canonical_events([parse_source(s, options=options) for s in sources], registry.series)
    with clock("resolve"):
        resolver = B.make_resolver(registry, src)
        resolved, _conflicts = B.merge_events(resolve_documents(parsed, resolver))
    with clock("map"):
        graphs = B.map_documents(resolved, minter=Minter())
    with clock("graph"):
        graph = Graph()
        for triples in graphs.values():
            for triple in triples:
                graph.add(triple)
    with clock("validate"):
        conforms, _, _ = pyshacl.validate(graph, shacl_graph=load_shapes(), advanced=True, inference="none",
                                          allow_warnings=True, allow_infos=True)
    with clock("serialise"):
        ttl = graph.serialize(format="turtle", encoding="utf-8")
    with clock("trig"):
        dataset = Dataset()
        for iri, triples in graphs.items():
            named = dataset.graph(iri)
            for triple in triples:
                named.add(triple)
        trig = dataset.serialize(format="trig", encoding="utf-8")
    with clock("write"):
        out.mkdir(parents=True, exist_ok=True)
        (out / "kb.ttl").write_bytes(ttl)
        (out / "kb.trig").write_bytes(trig)
    with clock("store"):
        shutil.rmtree(out / "store", ignore_errors=True)
        store = pyoxigraph.Store(str(out / "store"))
        store.bulk_load(path=str(out / "kb.trig"), format=pyoxigraph.RdfFormat.TRIG)
        store.flush()
        del store
    total = time.perf_counter() - t0
    return {"stages": clock.stages, "total": total, "triples": len(graph), "docs": len(sources),
            "conforms": bool(conforms), "peak_mb": _peak_mb()}


WORKERS = {"staged": worker_staged, "build": worker_build, "order": worker_order,
           "baseline": worker_baseline, "rebuild": worker_build}


def run_worker(kind: str, src: Path, out: Path, timeout: float) -> dict:
    """Run one worker in a fresh interpreter; its result, or {"error": ...}."""
    t0 = time.perf_counter()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, str(src), str(out)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    wall = time.perf_counter() - t0
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        message = " | ".join(tail)
        return {"error": f"exit {proc.returncode}: " + (message[:300] + " ..." if len(message) > 300 else message)}
    result = json.loads(lines[-1][len("RESULT "):])
    result["proc"] = wall
    return result


# ---------------------------------------------------------------------------------------
# the driver


def prepare(size: int, work: Path, seed: int) -> tuple[Path, Path]:
    """``work/N/src`` with N declarations and ``work/N/extra`` with the held-back one."""
    sys.path.insert(0, str(BENCH))
    from generate import generate

    base = work / str(size)
    shutil.rmtree(base, ignore_errors=True)
    src = base / "src"
    paths = generate(src, size + 1, seed=seed, truth_dir=base / "truth")
    extra = base / "extra"
    extra.mkdir()
    last = paths[-1]
    for path in (last, last.with_suffix(".toml")):
        path.rename(extra / path.name)
    return src, extra


def bench_size(size: int, args: argparse.Namespace) -> dict:
    src, extra = prepare(size, args.work, args.seed)
    base = src.parent
    runs: dict[str, dict] = {}
    for kind in KINDS:
        if kind in args.skip:
            continue
        if kind == "rebuild":
            if "build" not in runs or "error" in runs["build"]:
                continue
            for path in extra.iterdir():
                path.rename(src / path.name)
        out = base / ("out" if kind in ("build", "rebuild") else f"out-{kind}")
        print(f"  [{size}] {kind} ...", end="", flush=True, file=sys.stderr)
        runs[kind] = run_worker(kind, src, out, args.timeout)
        r = runs[kind]
        print(f" {r.get('total', float('nan')):.1f} s" if "error" not in r else f" {r['error']}", file=sys.stderr)
    if "order" in runs and "build" in runs and "error" not in runs["order"] and "error" not in runs["build"]:
        same = runs["order"]["sha256"] == runs["build"]["sha256"] and bool(runs["build"]["sha256"])
        runs["order"]["identical"] = same
        if runs["order"].get("code") != runs["build"].get("code") or "changed" in str(runs["build"].get("code")):
            runs["order"]["identical"] = None  # the code changed between the two runs: no verdict
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return {"size": size, "runs": runs}


# ---------------------------------------------------------------------------------------
# the table


STAGES = ("load", "parse", "resolve", "map", "graph", "validate", "serialise", "trig", "write", "store")


def _f(value, fmt="{:.1f}") -> str:
    return fmt.format(value) if isinstance(value, (int, float)) else "-"


def print_report(results: list[dict]) -> None:
    header = ["size", "run", *STAGES, "total", "proc", "triples", "tr/s", "peak MB"]
    rows = []
    for res in results:
        for kind, r in res["runs"].items():
            if "error" in r:
                rows.append([str(res["size"]), kind, r["error"]])
                continue
            stages = r.get("stages", {})
            tps = r["triples"] / r["total"] if r.get("total") else None
            rows.append([str(res["size"]), kind, *(_f(stages.get(s), "{:.2f}") for s in STAGES),
                         _f(r["total"], "{:.2f}"), _f(r.get("proc"), "{:.1f}"), str(r.get("triples", "-")),
                         _f(tps, "{:,.0f}"), _f(r.get("peak_mb"), "{:,.0f}")])
    widths = [max(len(h), *(len(row[i]) for row in rows if len(row) > 3)) for i, h in enumerate(header)]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for row in rows:
        if len(row) == 3:
            print("  ".join(c.rjust(w) for c, w in zip(row[:2], widths)) + "  ERROR " + row[2])
        else:
            print("  ".join(c.rjust(w) for c, w in zip(row, widths)))
    print()
    for res in results:
        runs, size = res["runs"], res["size"]
        build, base = runs.get("build", {}), runs.get("baseline", {})
        parts = []
        if "total" in build:
            parts.append(f"build {build['total']:.1f} s, {build['triples']:,} triples, {build['peak_mb']:,.0f} MB")
        if "total" in build and "total" in base:
            no_trig = base["total"] - base.get("stages", {}).get("trig", 0.0)
            parts.append(f"speed-up vs naive baseline {base['total'] / build['total']:.2f}x "
                         f"({no_trig / build['total']:.2f}x without the baseline's rdflib TriG)")
        if "identical" in runs.get("order", {}):
            verdict = runs["order"]["identical"]
            parts.append("shuffled order: " + {True: "byte-identical", False: "DIFFERENT OUTPUT",
                                               None: "no verdict (kb/ changed between the runs)"}[verdict])
        codes = {r.get("code") for r in runs.values() if "code" in r}
        if len(codes) > 1:
            parts.append("note: kb/ or shapes/ changed between runs " + str(sorted(map(str, codes))))
        if "total" in runs.get("rebuild", {}):
            parts.append(f"rebuild after +1 source {runs['rebuild']['total']:.2f} s")
        print(f"{size:>6} docs: " + "; ".join(parts))
        staged = runs.get("staged", {})
        if staged.get("notes"):
            print("         staged: " + "; ".join(staged["notes"]))
    largest = max((r for r in results if "stages" in r["runs"].get("staged", {})), key=lambda r: r["size"], default=None)
    if largest is not None and largest["size"] < 10_000:
        staged = largest["runs"]["staged"]
        factor = 10_000 / largest["size"]
        proj = {s: v * factor for s, v in staged["stages"].items()}
        print(f"\nlinear projection to 10,000 docs from {largest['size']:,} (staged): "
              + ", ".join(f"{s} {v:.0f} s" for s, v in proj.items())
              + f"; total {sum(proj.values()):.0f} s, ~{staged['triples'] * factor:,.0f} triples")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        kind, src, out = argv[1], Path(argv[2]), Path(argv[3])
        code = code_digest()
        result = WORKERS[kind](src, out)
        result["code"] = code if code == code_digest() else "changed during the run"
        print("RESULT " + json.dumps(result))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--quick", action="store_true", help="sizes 100,1000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip", default="", help=f"runs to leave out, comma-separated: {','.join(KINDS)}")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per run before it is abandoned")
    ap.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora and outputs")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw figures here")
    args = ap.parse_args(argv)
    sizes = [100, 1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = args.skip - set(KINDS)
    if unknown:
        ap.error(f"unknown run(s) in --skip: {', '.join(sorted(unknown))}")
    temp = None
    if args.work is None:
        temp = tempfile.mkdtemp(prefix="kb-bench-")
        args.work = Path(temp)
    print(f"cpus {os.cpu_count()}, python {sys.version.split()[0]}, work {args.work}", file=sys.stderr)
    results = []
    try:
        for size in sizes:
            results.append(bench_size(size, args))
    finally:
        if temp is not None and not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
