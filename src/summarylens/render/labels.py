"""User-facing labels in Chinese (default) or English, from ``data/labels.toml``."""

from __future__ import annotations

from summarylens import rules

LANGUAGES = ("zh", "en")


def label(key: str, lang: str = "zh") -> str:
    return rules.load("labels")[lang][key]
