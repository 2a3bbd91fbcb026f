"""The GeoNames index of kb.places and its copy in the user's cache folder (kb.usercache)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

import kb.places as places
import kb.usercache as usercache


@pytest.fixture()
def fresh(monkeypatch, tmp_path):
    """A cache folder of the test's own, and the index to be loaded again (the process's own
    is put back afterwards)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    places._table.cache_clear()
    yield folder
    places._table.cache_clear()


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("places-*.pickle")) if folder.is_dir() else []


@pytest.fixture(scope="module")
def plain() -> tuple:
    """The index as stored, built once for the tests that only count how often it is built."""
    return places._plain_table()


def _built_instead(monkeypatch, plain: tuple | None = None) -> list:
    """Record each time the index is built rather than loaded (``plain``: what building gives,
    to save building it again)."""
    calls: list = []
    build = places._plain_table

    def counted():
        calls.append(1)
        return plain if plain is not None else build()

    monkeypatch.setattr(places, "_plain_table", counted)
    return calls


def test_the_cached_index_is_the_index_built_from_the_data(fresh, monkeypatch):
    built = places._table()  # built, and stored
    assert len(_entries(fresh)) == 1
    places._table.cache_clear()
    calls = _built_instead(monkeypatch)
    loaded = places._table()
    assert calls == []  # read back, not built
    primary, alternate = places._index()
    assert loaded.cities(loaded.primary) == primary and loaded.cities(loaded.alternate) == alternate
    assert built.capitals == loaded.capitals and loaded.capitals["FR"] == "Paris"
    assert places.find_city("Kiev") == places.City("Kyiv", "UA", 703448, places.find_city("Kyiv").population)
    assert places.find_city("Odessa").country == "UA" and places.capital("gr").name == "Athens"
    assert places.find_city("Union") is None and not places.is_city_name("France")


def test_a_corrupt_cache_entry_is_built_again_and_rewritten(fresh, monkeypatch, plain):
    _built_instead(monkeypatch, plain)
    places._table()
    (entry,) = _entries(fresh)
    expected = entry.read_bytes()
    for broken in (expected[: len(expected) // 2], b"not a pickle", pickle.dumps(("a", "tuple")),
                   pickle.dumps(places.City("X", "XX", 1, 1))):  # a class: refused, though it would load
        entry.write_bytes(broken)
        places._table.cache_clear()
        calls = _built_instead(monkeypatch, plain)
        assert places.find_city("Athens").country == "GR"
        assert calls == [1]
        assert pickle.loads(entry.read_bytes()) == pickle.loads(expected)
        monkeypatch.undo()
        monkeypatch.setenv("KB_CACHE_DIR", str(fresh))


def test_an_unwritable_cache_folder_only_costs_time(fresh, monkeypatch, tmp_path, plain):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker / "cache"))  # cannot be made, even by root
    calls = _built_instead(monkeypatch, plain)
    assert places.find_city("Athens").country == "GR"
    assert calls == [1]
    places._table.cache_clear()
    assert places.find_city("São Paulo") == places.find_city("Sao Paulo") is not None
    assert calls == [1, 1]  # nothing stored: built again
    assert not list(tmp_path.rglob("places-*.pickle"))


def test_the_cache_folder_is_the_variable_then_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "kb"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert usercache.cache_dir() == tmp_path / "kb"
    monkeypatch.delenv("KB_CACHE_DIR")
    assert usercache.cache_dir() == tmp_path / "xdg" / "declarations-kb"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG spec says
    assert usercache.cache_dir() == tmp_path / "home" / ".cache" / "declarations-kb"


def test_only_the_newest_versions_of_a_value_are_kept(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    for n in range(usercache.KEEP + 3):
        assert usercache.cached("value", f"key{n}", lambda n=n: (n,), lambda v: isinstance(v, tuple)) == (n,)
        os.utime(tmp_path / f"value-key{n}.pickle", ns=(n * 10**9, n * 10**9))
    kept = sorted(p.name for p in tmp_path.glob("value-*.pickle"))
    assert kept == [f"value-key{n}.pickle" for n in range(3, usercache.KEEP + 3)]
    assert usercache.cached("value", "key6", lambda: ("built",), lambda v: isinstance(v, tuple)) == (6,)
    assert usercache.cached("value", None, lambda: ("built",), lambda v: True) == ("built",)
