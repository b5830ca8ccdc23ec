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


_NOT_IN_BIGRAMS = re.compile(r"[\s，。；：、,.;:（）()“”'《》]")


def bigrams(text: str) -> set[str]:
    """The character pairs of ``text`` without spaces and punctuation: how plans,
    clauses and indicators are compared for shared words everywhere."""
    text = _NOT_IN_BIGRAMS.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def clauses(text: str) -> list[str]:
    """``text`` cut at the clause separators of commitments.toml (，；)."""
    separators = re.escape(load("commitments")["clause"]["separators"])
    return re.split(f"[{separators}]", text)


def clause_start(text: str, offset: int) -> int:
    """Where the clause holding ``offset`` starts: after a clause separator, a full
    stop or a line break."""
    marks = load("commitments")["clause"]["separators"] + "。\n"
    return max(text.rfind(mark, 0, offset) for mark in marks) + 1
