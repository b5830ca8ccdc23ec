"""What each section is about, from a taxonomy of union-work themes.

The taxonomy is a TOML file (``data/themes.toml`` by default, any file of the
same shape with ``--taxonomy``). Sections are scored by the taxonomy's keywords,
heading words counting more than body words; ``other`` when nothing matches.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from summarylens import rules
from summarylens.errors import TaxonomyError

FALLBACK = "other"
HEADING_WEIGHT = 3.0


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    label_en: str
    keywords: tuple[str, ...]


@cache
def load_taxonomy(path: str | None = None) -> tuple[Theme, ...]:
    """The shipped taxonomy, or the user's file.

    Raises:
        TaxonomyError: the file is missing or not a taxonomy.
    """
    if path is None:
        data = rules.load("themes")
    else:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise TaxonomyError(path, type(error).__name__) from error
    try:
        taxonomy = tuple(
            Theme(key, entry["label"], entry.get("label_en", key), tuple(entry.get("keywords", ())))
            for key, entry in data.items()
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise TaxonomyError(path or "themes.toml", "each theme needs a label") from error
    if FALLBACK not in {theme.key for theme in taxonomy}:
        taxonomy += (Theme(FALLBACK, "其他", "Other", ()),)
    return taxonomy


def score(heading: str, body: str, taxonomy: tuple[Theme, ...]) -> dict[str, float]:
    """Keyword hits per theme, heading hits weighted up."""
    return {
        theme.key: sum(HEADING_WEIGHT * heading.count(k) + body.count(k) for k in theme.keywords)
        for theme in taxonomy
    }


def classify(heading: str, body: str, taxonomy: tuple[Theme, ...]) -> str:
    scores = score(heading, body, taxonomy)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else FALLBACK
