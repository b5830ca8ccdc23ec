"""The library entry points the CLI commands call: one function per job.

``clean_file`` runs the first three stages:

1. ``ingest.read``: a file becomes a ``RawDocument`` (text, encoding, pages);
2. ``clean.clean``: site furniture, glosses and teasers go; one document per article;
3. ``normalise.normalise``: simplified, half-width text mapped back to the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarylens.clean import CleanOptions, clean
from summarylens.ingest import read
from summarylens.model import NormalisedDocument, RawDocument
from summarylens.normalise import NormaliseOptions, normalise


@dataclass(frozen=True)
class CleanedFile:
    raw: RawDocument
    articles: tuple[NormalisedDocument, ...]


def clean_file(
    path: str | Path,
    clean_options: CleanOptions | None = None,
    normalise_options: NormaliseOptions | None = None,
) -> CleanedFile:
    """Read, clean and normalise one file.

    Raises:
        SummarylensError: the file cannot be read; the message names it and why.
    """
    raw = read(path)
    articles = tuple(
        normalise(article, raw.text, normalise_options) for article in clean(raw, clean_options)
    )
    return CleanedFile(raw, articles)
