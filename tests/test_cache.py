"""The parse cache and parallel parsing change nothing but speed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import kb.build
import kb.cache
from kb.build import build, load_curated, parse_sources
from kb.cache import ParseCache
from kb.sources import load_sources

SOURCES = Path(__file__).resolve().parent.parent / "sources"


def test_parallel_parsing_gives_the_same_documents_in_the_same_order(monkeypatch):
    sources = load_sources(SOURCES) * 14  # enough to start a pool
    registry = load_curated(SOURCES)
    monkeypatch.setattr(kb.build, "PARALLEL_FROM", 8)
    assert parse_sources(sources, registry, workers=2) == parse_sources(sources, registry, workers=1)


def test_a_rebuild_reads_unchanged_sources_from_the_cache(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    first = build(sources, tmp_path / "out", with_store=False)
    calls = []
    original = kb.build.parse_source
    monkeypatch.setenv("KB_NO_BACKGROUND_PARSE", "1")  # parsed in this process, where the calls are counted
    monkeypatch.setattr(kb.build, "parse_source", lambda source, **kw: calls.append(source.name) or original(source, **kw))
    path = sources / "against-nato-barbarism.txt"
    text = path.read_text(encoding="utf-8").replace("Istanbul, 2-3", "We condemn the blockade of Cuba.\n\nIstanbul, 2-3")
    path.write_text(text, encoding="utf-8")
    second = build(sources, tmp_path / "out", with_store=False)
    assert calls == ["against-nato-barbarism"]
    assert second.count("claims") == first.count("claims") + 1


def test_cached_and_fresh_builds_write_the_same_bytes(tmp_path):
    build(SOURCES, tmp_path / "a", with_store=False)
    build(SOURCES, tmp_path / "a", with_store=False)  # second run: every document from the cache
    build(SOURCES, tmp_path / "b", with_store=False)
    for name in ("kb.ttl", "kb.trig"):
        assert hashlib.sha256((tmp_path / "a" / name).read_bytes()).digest() == \
            hashlib.sha256((tmp_path / "b" / name).read_bytes()).digest()


def test_a_changed_parser_misses_the_cache_and_stale_entries_are_pruned(tmp_path, monkeypatch):
    build(SOURCES, tmp_path / "out", with_store=False)
    folder = tmp_path / "out" / ".cache" / "parse"
    before = {p.name for p in folder.glob("*.pickle")}
    assert len(before) == len(list(SOURCES.glob("*.txt")))
    monkeypatch.setattr(kb.cache, "parser_fingerprint", lambda: "another parser")
    build(SOURCES, tmp_path / "out", with_store=False)
    after = {p.name for p in folder.glob("*.pickle")}
    assert len(after) == len(before) and not after & before


def test_an_unreadable_entry_counts_as_missing(tmp_path):
    cache = ParseCache(tmp_path)
    (tmp_path / "abc.pickle").write_bytes(b"not a pickle")
    assert cache.get("abc") is None


def test_the_key_is_the_same_in_every_process():
    import subprocess
    import sys

    code = ("from pathlib import Path; from kb.build import load_curated, parse_options; from kb.cache import cache_key; "
            "from kb.sources import load_sources; s = Path('sources'); r = load_curated(s); "
            "print(cache_key(load_sources(s)[0], parse_options(r)))")
    root = SOURCES.parent
    keys = {subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout for seed in ("1", "2")}
    assert len(keys) == 1


def test_a_file_key_changes_with_the_text_the_metadata_and_the_name_and_not_with_the_process(tmp_path):
    import subprocess
    import sys

    from kb.build import parse_options
    from kb.cache import file_key

    options = parse_options(load_curated(SOURCES))
    path = SOURCES / "against-nato-barbarism.txt"
    text, meta = path.read_bytes(), path.with_suffix(".toml").read_bytes()
    key = file_key(path, text, meta, options)
    assert len({key, file_key(path, text + b" ", meta, options), file_key(path, text, None, options),
                file_key(path, text, meta + b"\n", options), file_key(path.with_name("x.txt"), text, meta, options)}) == 5
    code = ("from pathlib import Path; from kb.build import load_curated, parse_options; from kb.cache import file_key; "
            "p = Path('sources/against-nato-barbarism.txt'); r = load_curated(Path('sources')); "
            "print(file_key(p, p.read_bytes(), p.with_suffix('.toml').read_bytes(), parse_options(r)))")
    keys = {subprocess.run([sys.executable, "-c", code], cwd=SOURCES.parent, capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout for seed in ("1", "2")}
    assert len(keys) == 1


def test_a_cached_document_loads_equal_to_the_one_stored(tmp_path):
    registry = load_curated(SOURCES)
    documents = parse_sources(load_sources(SOURCES), registry)
    cache = ParseCache(tmp_path)
    for i, document in enumerate(documents):
        cache.put(str(i), document)
    assert tuple(ParseCache(tmp_path).get(str(i)) for i in range(len(documents))) == documents
