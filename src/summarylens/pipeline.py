"""The library entry points the CLI commands call: one function per job.

``analyse_file`` runs the stages in order (``clean_file`` stops after the third):

1. ``ingest.read``: a file becomes a ``RawDocument`` (text, encoding, pages);
2. ``clean.clean``: site furniture, glosses and teasers go; one document per article;
3. ``normalise.normalise``: simplified, half-width text mapped back to the original;
4. ``structure.structure``: period, review and plan parts, sections, themes, sentences;
5. ``extract.extract``: metrics, achievements and commitments (spaCy + jieba load here).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarylens.clean import CleanOptions, clean
from summarylens.ingest import read
from summarylens.model import NormalisedDocument, RawDocument, Report
from summarylens.normalise import NormaliseOptions, normalise
from summarylens.structure import StructureOptions, structure


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


@dataclass(frozen=True)
class AnalyseOptions:
    clean: CleanOptions | None = None
    normalise: NormaliseOptions | None = None
    structure: StructureOptions | None = None


@dataclass(frozen=True)
class AnalysedFile:
    raw: RawDocument
    reports: tuple[Report, ...]


def analyse_file(path: str | Path, options: AnalyseOptions | None = None) -> AnalysedFile:
    """Every stage on one file: one ``Report`` per article.

    Raises:
        SummarylensError: the file cannot be read; the message names it and why.
    """
    options = options or AnalyseOptions()
    cleaned = clean_file(path, options.clean, options.normalise)
    from summarylens.extract import extract

    reports = tuple(
        extract(article, structure(article, options.structure)) for article in cleaned.articles
    )
    return AnalysedFile(cleaned.raw, reports)
