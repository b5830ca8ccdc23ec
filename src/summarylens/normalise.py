"""Stage 3: simplified, half-width text that later stages can match on one form.

Traditional characters become simplified (OpenCC ``t2s``) and full-width
digits, letters and number symbols become ASCII. Both are character-for-
character in practice; where OpenCC changes a line's length, that line is
aligned so every normalised character still maps to the user's original.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from summarylens import rules
from summarylens.model import CleanedDocument, NormalisedDocument, OffsetMap

FULLWIDTH_OFFSET = 0xFEE0


@dataclass(frozen=True)
class NormaliseOptions:
    simplify: bool = True
    halfwidth: bool = True


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _halfwidth_table() -> dict[int, int]:
    config = rules.load("normalise")["halfwidth"]
    table = {}
    for first, last in config["ranges"]:
        for code in range(ord(first), ord(last) + 1):
            table[code] = code - FULLWIDTH_OFFSET
    for symbol in config["symbols"]:
        table[ord(symbol)] = ord(symbol) - FULLWIDTH_OFFSET
    return table


def simplify(text: str) -> tuple[str, array | None]:
    """Traditional→simplified, with each output character's input position, or
    None when the conversion kept every character in place (the usual case)."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted, None
    pieces, positions, offset = [], array("q"), 0
    for line in text.splitlines(keepends=True):
        new_line = _converter().convert(line)
        pieces.append(new_line)
        positions.extend(offset + position for position in _align(line, new_line))
        offset += len(line)
    positions.append(len(text))
    return "".join(pieces), positions


def _align(old: str, new: str) -> list[int]:
    """Position in ``old`` of each character of ``new`` (same-length runs map 1:1)."""
    if len(old) == len(new):
        return list(range(len(new)))
    positions: list[int] = []
    for _tag, old_start, old_end, new_start, new_end in SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        span = max(old_end - old_start, 1)
        for index in range(new_end - new_start):
            positions.append(
                min(old_start + index * span // max(new_end - new_start, 1), len(old) - 1)
            )
    return positions


@cache
def _fullwidth() -> re.Pattern[str]:
    """Runs of the characters the table maps. Chinese punctuation (，；：) is full-width
    too, so translating the whole text looked up nearly every report's every character."""
    return re.compile(f"[{''.join(re.escape(chr(code)) for code in _halfwidth_table())}]+")


def to_halfwidth(text: str) -> str:
    table = _halfwidth_table()
    return _fullwidth().sub(lambda run: run.group().translate(table), text)


def normalise(
    document: CleanedDocument, raw_text: str, options: NormaliseOptions | None = None
) -> NormalisedDocument:
    """Normalise one cleaned article; ``raw_text`` is the text its offsets point into."""
    options = options or NormaliseOptions()
    text, offsets = document.text, document.offsets
    if options.simplify:
        text, positions = simplify(text)
        if positions is not None:
            offsets = OffsetMap(positions).then(offsets)
    if options.halfwidth:
        text = to_halfwidth(text)
    return NormalisedDocument(document, text, offsets, raw_text)
