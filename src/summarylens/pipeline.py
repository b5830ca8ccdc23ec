"""The library entry points the CLI commands call: one function per job.

``analyse_file`` runs the stages in order (``clean_file`` stops after the third):

1. ``ingest.read``: a file becomes a ``RawDocument`` (text, encoding, pages);
2. ``clean.clean``: site furniture, glosses and teasers go; one document per article;
3. ``normalise.normalise``: simplified, half-width text mapped back to the original;
4. ``structure.structure``: period, review and plan parts, sections, themes, sentences;
5. ``extract.extract``: metrics, achievements and commitments (spaCy + jieba load here);
6. ``audit.compare`` (``compare_files``): each earlier plan's fate in the later report.
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
    """One Report per article, with the normalised document each was made from
    (it maps any offset of the report back to the file's characters)."""

    raw: RawDocument
    reports: tuple[Report, ...]
    documents: tuple[NormalisedDocument, ...] = ()


def analyse_file(path: str | Path, options: AnalyseOptions | None = None) -> AnalysedFile:
    """Every stage on one file: one ``Report`` per article.

    Raises:
        SummarylensError: the file cannot be read; the message names it and why.
    """
    options = options or AnalyseOptions()
    cleaned = clean_file(path, options.clean, options.normalise)
    from summarylens.extract import extract
    from summarylens.extract.components import word_ends

    reports = tuple(
        extract(article, structure(article, options.structure, word_ends(article.text)))
        for article in cleaned.articles
    )
    return AnalysedFile(cleaned.raw, reports, cleaned.articles)


def compare_files(earlier: str | Path, later: str | Path, options: AnalyseOptions | None = None):
    """The follow-through audit of two files' first articles (``audit.compare``).

    Raises:
        SummarylensError: either file cannot be read.
    """
    from summarylens.audit import compare

    before = analyse_file(earlier, options)
    after = analyse_file(later, options)
    return compare(before.reports[0], after.reports[0], after.documents[0])
