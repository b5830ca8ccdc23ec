"""Output of ``summarylens clean``: the article text, or JSON with the cleaning log."""

from __future__ import annotations

import json
from typing import Any

from summarylens.model import NormalisedDocument, page_at
from summarylens.pipeline import CleanedFile

ARTICLE_SEPARATOR = "\n\n"


def article_text(article: NormalisedDocument, simplified: bool) -> str:
    return article.text if simplified else article.cleaned.text


def as_text(result: CleanedFile, simplified: bool = False) -> str:
    return ARTICLE_SEPARATOR.join(article_text(a, simplified) for a in result.articles) + "\n"


def as_data(result: CleanedFile, simplified: bool = False) -> dict[str, Any]:
    """The JSON shape of ``clean --format json`` (field names are kept stable)."""
    raw = result.raw
    return {
        **raw.describe(),
        "simplified": simplified,
        "articles": [
            {
                "article": article.cleaned.article,
                "title": article.cleaned.title,
                "text": article_text(article, simplified),
                "span": list(article.cleaned.offsets.to_source(0, len(article.cleaned.text))),
                "log": [
                    {
                        "action": entry.action,
                        "rule": entry.rule,
                        "start": entry.start,
                        "end": entry.end,
                        "page": page_at(raw.page_starts, entry.start),
                        "text": entry.text,
                    }
                    for entry in article.cleaned.log
                ],
            }
            for article in result.articles
        ],
    }


def as_json(result: CleanedFile, simplified: bool = False) -> str:
    return json.dumps(as_data(result, simplified), ensure_ascii=False, indent=2) + "\n"
