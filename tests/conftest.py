"""Fixtures shared by the build and addition tests."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

import kb.rebuild


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory) -> Path:
    """A cache folder of the session's own (kb.usercache), so that no test writes into the
    user's home; subprocesses the tests start inherit it."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KB_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture()
def spy(monkeypatch) -> list:
    """The CachedBuild of every build or addition run while the test runs (its ``how`` says
    which path each stage took)."""
    runs: list = []
    original = kb.rebuild.CachedBuild.map

    def map_(self, *args, **kwargs):
        runs.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(kb.rebuild.CachedBuild, "map", map_)
    return runs


def store_quads(store: Path) -> set:
    """Every quad of an on-disk store, opened read-only and released again."""
    opened = pyoxigraph.Store.read_only(str(store))
    try:
        return set(opened.quads_for_pattern(None, None, None, None))
    finally:
        del opened
