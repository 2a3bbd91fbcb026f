"""The one loader of kb/data/*.toml."""

from __future__ import annotations

import pytest

from kb.datafiles import load


def test_a_data_file_is_read_once_and_read_only():
    months = load("months")
    assert months is load("months")
    assert months["months"]["june"]["number"] == 6
    with pytest.raises(TypeError):
        months["months"] = {}  # type: ignore[index]


def test_a_missing_data_file_is_a_clear_error():
    with pytest.raises(FileNotFoundError):
        load("no-such-list")
