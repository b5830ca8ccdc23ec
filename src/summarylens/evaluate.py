"""Score every stage of the pipeline against the corpus gold.

``evaluate`` runs the pipeline once per corpus report (on the file users would
receive: GB18030, Big5, scraped page, PDF …) and scores each stage per split.
A stage that is not built yet is reported as such, never with a made-up number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from summarylens.corpus import Corpus, CorpusReport
from summarylens.errors import CorpusFileMissingError
from summarylens.normalise import simplify, to_halfwidth
from summarylens.pipeline import CleanedFile, clean_file

WHITESPACE = re.compile(r"\s+")

STAGES = (
    "text",
    "parts",
    "sections",
    "themes",
    "metrics",
    "commitments",
    "status",
    "evidence",
    "targets",
)


@dataclass(frozen=True)
class StageScore:
    """One stage on one split; ``None`` where a figure does not apply. ``note`` is a
    label key, filled with ``note_args`` in the user's language."""

    stage: str
    split: str
    implemented: bool
    support: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    accuracy: float | None = None
    note: str = ""
    note_args: tuple[int, ...] = ()


@dataclass(frozen=True)
class Analysed:
    """A corpus report with the pipeline's output on its delivered file."""

    report: CorpusReport
    result: CleanedFile

    @property
    def text(self) -> str:
        return "\n".join(article.text for article in self.result.articles)


def comparable(text: str) -> str:
    """Normalised the way the pipeline normalises, whitespace removed: gold and
    output can then be compared whatever the delivered encoding or script."""
    return WHITESPACE.sub("", to_halfwidth(simplify(text)[0]))


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def gold_anchors(report: CorpusReport) -> list[str]:
    """Every piece of text the gold of a report refers to."""
    gold = report.gold()
    anchors = [gold["title"]]
    anchors += [part["start"] for part in gold["parts"]]
    anchors += [section["heading"] for section in gold["sections"]]
    anchors += [metric["anchor"] for metric in gold["metrics"]]
    anchors += [commitment["anchor"] for commitment in gold["commitments"]]
    return anchors


def score_text(analysed: list[Analysed], split: str) -> StageScore:
    """How much of the source text the pipeline recovers from the delivered file
    (character recall), how little else it keeps (precision), and how many gold
    anchors can be found in its output."""
    if not analysed:
        return StageScore("text", split, True, note="note_no_reports")
    matched = produced = expected = found = anchors = 0
    for item in analysed:
        reference = comparable(item.report.source_text())
        output = comparable(item.text)
        blocks = SequenceMatcher(None, reference, output, autojunk=False).get_matching_blocks()
        matched += sum(block.size for block in blocks)
        produced += len(output)
        expected += len(reference)
        for anchor in gold_anchors(item.report):
            anchors += 1
            found += comparable(anchor) in output
    precision = matched / produced if produced else 0.0
    recall = matched / expected if expected else 0.0
    return StageScore(
        "text", split, True, len(analysed), precision, recall, f1(precision, recall),
        note="note_anchors", note_args=(found, anchors),
    )  # fmt: skip


SCORERS: dict[str, Callable[[list[Analysed], str], StageScore]] = {"text": score_text}


def analyse_reports(reports: Iterable[CorpusReport]) -> list[Analysed]:
    analysed = []
    for report in reports:
        if not report.delivered.exists():
            raise CorpusFileMissingError(report.delivered)
        analysed.append(Analysed(report, clean_file(report.delivered)))
    return analysed


def evaluate(corpus: Corpus, split: str = "all") -> list[StageScore]:
    """Scores per stage for ``dev`` and ``test`` (both, with ``all``)."""
    splits = ["dev", "test"] if split == "all" else [split]
    analysed = {name: analyse_reports(corpus.in_split(name).reports) for name in splits}
    scores = []
    for stage in STAGES:
        for name in splits:
            scorer = SCORERS.get(stage)
            scores.append(
                scorer(analysed[name], name) if scorer else StageScore(stage, name, False)
            )
    return scores
