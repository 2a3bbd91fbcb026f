"""The synthetic corpus generator (bench/generate.py): deterministic, loadable, buildable, and
its participant lists are found by the parser."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kb.build import build
from kb.sources import load_source

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
gen = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate"] = gen  # dataclasses look their module up
_spec.loader.exec_module(gen)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path, list[Path]]:
    base = tmp_path_factory.mktemp("generated")
    paths = gen.generate(base / "src", 20, seed=11)
    return base / "src", base / "truth", paths


@pytest.fixture(scope="module")
def built(corpus):
    src, _, _ = corpus
    return build(src, out_dir=None)


def test_same_seed_same_bytes(tmp_path):
    gen.generate(tmp_path / "a" / "src", 12, seed=5)
    gen.generate(tmp_path / "b" / "src", 12, seed=5)
    gen.generate(tmp_path / "c" / "src", 12, seed=6)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c


def test_prefix_of_a_larger_corpus_is_the_smaller_corpus(tmp_path):
    small = gen.generate(tmp_path / "s" / "src", 5, seed=2)
    large = gen.generate(tmp_path / "l" / "src", 9, seed=2)
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in large[:5]]


def test_every_file_loads(corpus):
    src, truth, paths = corpus
    assert len(paths) == 20 and len(set(paths)) == 20
    for path in paths:
        source = load_source(path)
        assert source.meta is not None and source.meta.language == "en"
        assert (truth / f"{path.stem}.truth.json").is_file()
    assert not list(src.glob("*.json")), "ground truth must stay out of the sources folder"


def test_layouts_and_genres_vary(corpus):
    _, truth, paths = corpus
    wide = gen.generate(truth.parent / "wide" / "src", 60, seed=11)
    truths = [json.loads((truth.parent / "wide" / "truth" / f"{p.stem}.truth.json").read_text()) for p in wide]
    assert len({t["_layout"] for t in truths}) >= 5
    assert len({t["_genre"] for t in truths}) >= 5
    stances = {c["stance"] for t in truths for c in t["claims"]}
    assert stances == {"condemn", "demand", "solidarity", "call", "support", "oppose", "reject", "declare"}


def test_truth_mentions_are_in_the_text(corpus):
    _, truth, paths = corpus
    for path in paths:
        text = path.read_text(encoding="utf-8")
        t = json.loads((truth / f"{path.stem}.truth.json").read_text(encoding="utf-8"))
        for m in [*t["signatories"], *(x for e in t["events"] for x in e["participants"] + e["hosts"])]:
            assert m in text, (path.name, m)
        for claim in t["claims"]:
            assert claim["quote"] in text, (path.name, claim["quote"])


def test_small_generated_corpus_builds_and_conforms(corpus, built):
    assert built.report.conforms
    assert len(built.documents) == 20
    assert built.triples > 20 * 50


def test_parser_finds_the_participant_lists(corpus, built):
    _, truth, _ = corpus
    hit = total = 0
    missed = []
    for resolved in built.documents:
        doc = resolved.document
        t = json.loads((truth / f"{doc.source.name}.truth.json").read_text(encoding="utf-8"))
        found = {" ".join(m.text.split()) for e in doc.events for m in e.participants}
        found |= {" ".join(m.text.split()) for m in doc.signatories}
        wanted = {m for e in t["events"] for m in e["participants"]} | set(t["signatories"])
        for m in sorted(wanted):
            total += 1
            if any(a in found for a in t["_alternatives"][m]):
                hit += 1
            else:
                missed.append((doc.source.name, m))
    assert total > 100
    assert hit / total >= 0.9, missed[:20]
