"""The curated word lists and tables in ``kb/data/*.toml``, read once per process.

Every module that needs one asks here, so the files are found the same way whether the
package runs from a checkout or an installed wheel (``package-data`` in ``pyproject.toml``).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping


@cache
def load(name: str) -> Mapping[str, Any]:
    """The parsed ``kb/data/{name}.toml``, read-only.

    :raises FileNotFoundError: there is no such data file.
    :raises tomllib.TOMLDecodeError: the file is not valid TOML.
    """
    text = resources.files("kb").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return MappingProxyType(tomllib.loads(text))
