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
from typing import Any

from summarylens import rules
from summarylens.corpus import Corpus, CorpusPair, CorpusReport
from summarylens.errors import CorpusFileMissingError
from summarylens.model import Report
from summarylens.normalise import simplify, to_halfwidth
from summarylens.pipeline import AnalysedFile, analyse_file

WHITESPACE = re.compile(r"\s+")
INDICATOR_DICE = 0.5

STAGES = (
    "text",
    "parts",
    "sections",
    "themes",
    "metrics",
    "indicators",
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
    result: AnalysedFile

    @property
    def text(self) -> str:
        return "\n".join(article.text for article in self.result.reports)

    @property
    def main(self) -> Report:
        """The article the gold describes (corpus files hold one article)."""
        return self.result.reports[0]


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


def locate_span(anchor: str, text: str) -> tuple[int, int] | None:
    """Where a gold anchor lies in the pipeline's normalised text; whitespace the
    delivered format added or dropped (PDF line joins) does not matter."""
    needle = to_halfwidth(simplify(anchor)[0])
    found = text.find(needle)
    if found >= 0:
        return found, found + len(needle)
    pattern = r"\s*".join(re.escape(char) for char in WHITESPACE.sub("", needle))
    match = re.search(pattern, text)
    return match.span() if match else None


def locate(anchor: str, text: str) -> int | None:
    span = locate_span(anchor, text)
    return span[0] if span else None


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def score_parts(analysed: list[Analysed], split: str) -> StageScore:
    """A gold part is right when a predicted part of the same kind starts on its line;
    predicted parts that match no gold part count against the accuracy."""
    correct = total = 0
    for item in analysed:
        report = item.main
        predicted = {(p.part, _line_start(report.text, p.span.start)) for p in report.parts}
        gold = set()
        for part in item.report.gold()["parts"]:
            at = locate(part["start"], report.text)
            gold.add((part["part"], None if at is None else _line_start(report.text, at)))
        correct += len(gold & predicted)
        total += len(gold) + len(predicted - gold)
    return StageScore(
        "parts", split, True, len(analysed), accuracy=correct / total if total else None
    )


def _matched_sections(item: Analysed) -> tuple[int, int, list[tuple[dict, object]]]:
    """Gold sections paired with the predicted section starting at the same place."""
    report = item.main
    by_start = {section.heading_span.start: section for section in report.sections}
    pairs = []
    gold_sections = item.report.gold()["sections"]
    for gold in gold_sections:
        at = locate(gold["heading"], report.text)
        if at is not None and at in by_start:
            pairs.append((gold, by_start[at]))
    return len(gold_sections), len(report.sections), pairs


def score_sections(analysed: list[Analysed], split: str) -> StageScore:
    gold_total = predicted_total = matched = same_level = 0
    for item in analysed:
        gold_count, predicted_count, pairs = _matched_sections(item)
        gold_total += gold_count
        predicted_total += predicted_count
        matched += len(pairs)
        same_level += sum(gold["level"] == section.level for gold, section in pairs)
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    return StageScore(
        "sections", split, True, gold_total, precision, recall, f1(precision, recall),
        note="note_levels", note_args=(same_level, matched),
    )  # fmt: skip


def score_themes(analysed: list[Analysed], split: str) -> StageScore:
    """Accuracy over the gold sections that name a topic and were found."""
    right = judged = 0
    for item in analysed:
        for gold, section in _matched_sections(item)[2]:
            if gold["theme"] is not None:
                judged += 1
                right += gold["theme"] == section.theme
    return StageScore("themes", split, True, judged, accuracy=right / judged if judged else None)


def _gold_span(text: str, anchor: str, inner: str | None = None) -> tuple[int, int] | None:
    """Where a gold anchor (or the ``inner`` part of it) lies in the pipeline's text."""
    span = locate_span(anchor, text)
    if span is None or inner is None:
        return span
    inside = locate_span(inner, text[span[0] : span[1]])
    return span if inside is None else (span[0] + inside[0], span[0] + inside[1])


def _pair_by_overlap(
    gold: list[tuple[int, int] | None], predicted: list[tuple[int, int]]
) -> list[int | None]:
    """For each gold span, the first unused predicted span overlapping it."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for span in gold:
        match = None
        if span is not None:
            for index, (start, end) in enumerate(predicted):
                if index not in used and start < span[1] and end > span[0]:
                    match = index
                    used.add(index)
                    break
        pairs.append(match)
    return pairs


def _detection_score(stage: str, split: str, counts: tuple[int, int, int]) -> StageScore:
    right, predicted, gold = counts
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    return StageScore(stage, split, True, gold, precision, recall, f1(precision, recall))


def _matched_metrics(item: Analysed) -> list[tuple[dict, Any]]:
    """Each gold metric with the detected metric overlapping it (one each), or None."""
    report = item.main
    gold = item.report.gold()["metrics"]
    spans = [_gold_span(report.text, m["anchor"], m["text"]) for m in gold]
    found = [(m.span.start, m.span.end) for m in report.metrics]
    return [
        (metric, None if index is None else report.metrics[index])
        for metric, index in zip(gold, _pair_by_overlap(spans, found), strict=True)
    ]


def score_metrics(analysed: list[Analysed], split: str) -> StageScore:
    """A metric counts when it overlaps a gold metric with the same value, unit and
    qualifier; a wrong reading counts against both precision and recall."""
    right = predicted = gold_total = 0
    for item in analysed:
        matched = _matched_metrics(item)
        right += sum(
            (got.value, got.unit, got.qualifier) == (m["value"], m["unit"], m["qualifier"])
            for m, got in matched
            if got is not None
        )
        predicted += len(item.main.metrics)
        gold_total += len(matched)
    return _detection_score("metrics", split, (right, predicted, gold_total))


def _bigram_dice(a: str, b: str) -> float:
    first = {a[i : i + 2] for i in range(len(a) - 1)}
    second = {b[i : i + 2] for i in range(len(b) - 1)}
    return 2 * len(first & second) / (len(first) + len(second)) if first or second else 1.0


def score_indicators(analysed: list[Analysed], split: str) -> StageScore:
    """Of the gold metrics found, the share whose indicator names what the gold one
    does: character bigrams overlapping at least half (Dice), since wording varies."""
    right = total = 0
    for item in analysed:
        for metric, got in _matched_metrics(item):
            if got is None or not metric.get("indicator"):
                continue
            total += 1
            dice = _bigram_dice(comparable(got.indicator), comparable(metric["indicator"]))
            right += dice >= INDICATOR_DICE
    return StageScore("indicators", split, True, total, accuracy=right / total if total else None)


def score_commitments(analysed: list[Analysed], split: str) -> StageScore:
    """A commitment counts when it overlaps a gold commitment's anchor (one each)."""
    right = predicted = gold_total = 0
    for item in analysed:
        report = item.main
        gold = item.report.gold()["commitments"]
        spans = [_gold_span(report.text, c["anchor"]) for c in gold]
        found = [(c.span.start, c.span.end) for c in report.commitments]
        right += sum(index is not None for index in _pair_by_overlap(spans, found))
        predicted += len(found)
        gold_total += len(gold)
    return _detection_score("commitments", split, (right, predicted, gold_total))


def gold_commitment_links(pair: CorpusPair, earlier: Report, later: Report) -> dict[str, dict]:
    """Gold links keyed by the id of the detected commitment that overlaps the gold
    one, with the gold evidence located in the later report's text."""
    gold_commitments = pair.earlier.gold()["commitments"]
    spans = [_gold_span(earlier.text, c["anchor"]) for c in gold_commitments]
    found = [(c.span.start, c.span.end) for c in earlier.commitments]
    by_gold = {
        gold["id"]: earlier.commitments[index].id
        for gold, index in zip(gold_commitments, _pair_by_overlap(spans, found), strict=True)
        if index is not None
    }
    links = {}
    for link in pair.gold()["links"]:
        evidence = [_gold_span(later.text, anchor) for anchor in link["evidence"]]
        located = {**link, "evidence_spans": [span for span in evidence if span]}
        links[by_gold.get(link["commitment"], f"missing:{link['commitment']}")] = located
    return links


STATUSES = ("fulfilled", "partial", "carried_over", "postponed", "not_mentioned")


@dataclass(frozen=True)
class Judged:
    """One gold link next to what ``compare`` said about the same commitment."""

    gold: dict
    link: Any  # audit.Link, or None when the commitment was not detected


def judge_pairs(
    pairs: Iterable[CorpusPair], analysed: dict[str, Analysed], model: Any = None
) -> list[Judged]:
    from summarylens.audit import compare

    judged = []
    for pair in pairs:
        earlier, later = analysed[pair.earlier.id], analysed[pair.later.id]
        comparison = compare(earlier.main, later.main, later.result.documents[0], model)
        by_id = {link.commitment.id: link for link in comparison.links}
        for commitment_id, gold in gold_commitment_links(pair, earlier.main, later.main).items():
            judged.append(Judged(gold, by_id.get(commitment_id)))
    return judged


def score_status(judged: list[Judged], split: str) -> StageScore:
    """Macro-F1 over the five statuses; an undetected commitment is a wrong answer."""
    predicted = [j.link.status if j.link else "undetected" for j in judged]
    expected = [j.gold["status"] for j in judged]
    scores = []
    for status in STATUSES:
        tp = sum(p == e == status for p, e in zip(predicted, expected, strict=True))
        precision = tp / predicted.count(status) if predicted.count(status) else 0.0
        recall = tp / expected.count(status) if expected.count(status) else 0.0
        if expected.count(status) or predicted.count(status):
            scores.append(f1(precision, recall))
    right = sum(p == e for p, e in zip(predicted, expected, strict=True))
    return StageScore(
        "status", split, True, len(judged), f1=sum(scores) / len(scores) if scores else None,
        accuracy=right / len(judged) if judged else None, note="note_macro_f1",
    )  # fmt: skip


def score_evidence(judged: list[Judged], split: str) -> StageScore:
    """Share of gold links with evidence whose evidence the audit found (any overlap)."""
    wanted = [j for j in judged if j.gold["evidence_spans"]]
    hits = 0
    for item in wanted:
        found = [(e.span.start, e.span.end) for e in item.link.evidence] if item.link else []
        hits += any(
            s < ge and e > gs for s, e in found for gs, ge in item.gold["evidence_spans"]
        )  # fmt: skip
    return StageScore(
        "evidence", split, True, len(wanted), accuracy=hits / len(wanted) if wanted else None
    )


def target_key(text: str) -> str:
    """A target as written, without the qualifier or change word in front of it:
    gold writes 控制在5.5%以内 as 5.5%以内 when a qualifier also follows, and both
    name the same target."""
    metrics = rules.load("metrics")
    leading = [*metrics["qualifier"]["before"], *metrics["change"]["verbs"]]
    text = comparable(text)
    for word in sorted(leading, key=len, reverse=True):
        if text.startswith(word) and len(text) > len(word):
            return text[len(word) :]
    return text


def score_targets(judged: list[Judged], split: str) -> StageScore:
    """Share of gold target checks whose verdict the audit gives for the same target."""
    right = total = 0
    for item in judged:
        checks = {}
        if item.link:
            checks = {target_key(c.target.text): c.verdict for c in item.link.target_checks}
        for gold in item.gold["target_checks"]:
            total += 1
            right += checks.get(target_key(gold["target"])) == gold["verdict"]
    return StageScore("targets", split, True, total, accuracy=right / total if total else None)


PAIR_SCORERS: dict[str, Callable[[list[Judged], str], StageScore]] = {
    "status": score_status,
    "evidence": score_evidence,
    "targets": score_targets,
}

SCORERS: dict[str, Callable[[list[Analysed], str], StageScore]] = {
    "text": score_text,
    "parts": score_parts,
    "sections": score_sections,
    "themes": score_themes,
    "metrics": score_metrics,
    "indicators": score_indicators,
    "commitments": score_commitments,
}


def analyse_reports(reports: Iterable[CorpusReport]) -> list[Analysed]:
    analysed = []
    for report in reports:
        if not report.delivered.exists():
            raise CorpusFileMissingError(report.delivered)
        analysed.append(Analysed(report, analyse_file(report.delivered)))
    return analysed


def evaluate(corpus: Corpus, split: str = "all") -> list[StageScore]:
    """Scores per stage for ``dev`` and ``test`` (both, with ``all``)."""
    splits = ["dev", "test"] if split == "all" else [split]
    analysed = {name: analyse_reports(corpus.in_split(name).reports) for name in splits}
    judged = {
        name: judge_pairs(
            corpus.in_split(name).pairs, {item.report.id: item for item in analysed[name]}
        )
        for name in splits
    }
    scores = []
    for stage in STAGES:
        for name in splits:
            if stage in SCORERS:
                scores.append(SCORERS[stage](analysed[name], name))
            elif stage in PAIR_SCORERS:
                scores.append(PAIR_SCORERS[stage](judged[name], name))
            else:
                scores.append(StageScore(stage, name, False))
    return scores
