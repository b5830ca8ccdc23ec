"""The project's rule tables, read from ``summarylens/data/*.toml`` once.

Every regular expression the pipeline uses is compiled here, so a rule is
changed by editing data, not code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """A data file of the package, parsed (``name`` without ``.toml``)."""
    text = resources.files("summarylens.data").joinpath(f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def compiled(name: str, *keys: str) -> re.Pattern[str]:
    """The pattern at ``keys`` in data file ``name``; a list of patterns becomes one
    alternation."""
    node: Any = load(name)
    for key in keys:
        node = node[key]
    if isinstance(node, list):
        node = "|".join(f"(?:{pattern})" for pattern in node)
    return re.compile(node)
