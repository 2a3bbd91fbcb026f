"""Score ``kb.parse.parse_file`` against the held-out annotations in ``tests/texts_holdout/``.

Same scoring and output as ``bench/parse_eval.py`` (it is reused, only the folder differs).
The held-out texts are for measuring, not for tuning the parser.

Usage::

    .venv/bin/python bench/holdout_eval.py [--only NAME ...] [--verbose]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from parse_eval import main  # noqa: E402  (bench/parse_eval.py)

HOLDOUT = ROOT / "tests" / "texts_holdout"


def run(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--dir" not in argv:
        argv = ["--dir", str(HOLDOUT)] + argv
    return main(argv)


if __name__ == "__main__":
    raise SystemExit(run())
