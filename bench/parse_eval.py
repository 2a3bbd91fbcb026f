"""Score ``kb.parse.parse_file`` against the hand-annotated texts in ``tests/texts/``.

Usage::

    .venv/bin/python bench/parse_eval.py [--dir tests/texts] [--only NAME ...] [--verbose]

Prints one row per text and a micro-averaged total, with the issue-3 targets. Exit status:
0 when it ran, 2 when the parser cannot be imported. Standard library + the project only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.parse_eval import TEXTS, score_corpus  # noqa: E402

COLUMNS = [
    ("dates", "event_dates"),
    ("place", "event_places"),
    ("ev_rec", "event_recall"),
    ("part_F1", "participants_f1"),
    ("sign_F1", "signatories_f1"),
    ("host_F1", "hosts_f1"),
    ("counts", "event_counts"),
    ("cl_rec", "claims_recall"),
    ("stance", "stance_acc"),
    ("stmt", "statement"),
    ("pers_F1", "persons_f1"),
]

TARGETS = {
    "event_dates": 0.90,
    "event_places": 0.90,
    "participants_f1": 0.95,
    "signatories_f1": 0.95,
    "claims_recall": 0.80,
    "stance_acc": 0.85,
}


def _row(name: str, s: dict, width: int) -> str:
    cells = [f"{name:<{width}}"]
    for label, key in COLUMNS:
        cells.append(f"{s[key]:>{max(len(label), 6)}.2f}")
    return " ".join(cells)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=TEXTS)
    ap.add_argument("--only", nargs="*", default=None, help="annotation names to run")
    ap.add_argument("--verbose", "-v", action="store_true", help="print raw counts and errors per text")
    args = ap.parse_args(argv)

    try:
        from kb.parse import parse_file  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001
        print(f"cannot import the parser (from kb.parse import parse_file): {type(exc).__name__}: {exc}",
              file=sys.stderr)
        print("expected: parse_file(path: Path, *, published: str | None = None) -> dict (issue 3 contract)",
              file=sys.stderr)
        return 2

    only = set(args.only) if args.only else None

    def parse(path: Path, published: str | None) -> dict:
        return parse_file(path, published=published)

    directory = args.dir
    if only:
        import shutil
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix="parse_eval_"))
        for name in only:
            for suffix in (".json", ".txt"):
                src = directory / f"{name}{suffix}"
                if src.exists():
                    shutil.copy(src, tmp / src.name)
        # corpus texts are looked up in sources/ by the scorer
        directory = tmp

    result = score_corpus(directory, parse)
    texts, total = result["texts"], result["total"]
    width = max([len(n) for n in texts] + [5])
    header = " ".join([f"{'text':<{width}}"] + [f"{label:>{max(len(label), 6)}}" for label, _ in COLUMNS])
    print(header)
    print("-" * len(header))
    for name, s in texts.items():
        line = _row(name, s, width)
        if "error" in s:
            line += "  ERROR"
        print(line)
    print("-" * len(header))
    print(_row("TOTAL", total, width))
    print()
    print("targets (issue 3):")
    for key, goal in TARGETS.items():
        mark = "ok " if total[key] >= goal else "LOW"
        print(f"  {mark} {key:<16} {total[key]:.3f}  (>= {goal:.2f})")
    print(f"  events found {int(total['events_found'])}/{int(total['events_total'])}, "
          f"parser events {int(total['events_actual'])}; claims found "
          f"{int(total['claims_found'])}/{int(total['claims_total'])}, parser claims {int(total['claims_actual'])}")
    errors = {n: s["error"] for n, s in texts.items() if "error" in s}
    if errors:
        print(f"\n{len(errors)} text(s) raised:")
        for n, e in errors.items():
            print(f"  {n}: {e.splitlines()[0]}")
            if args.verbose:
                print("    " + "\n    ".join(e.splitlines()[1:]))
    if args.verbose:
        print()
        for name, s in texts.items():
            counts = {k: int(v) for k, v in s.items() if isinstance(v, float) and k.endswith(
                ("_ok", "_total", "_tp", "_fp", "_fn", "_found", "_actual"))}
            print(name, counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
