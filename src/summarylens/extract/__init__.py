"""Stage 5: metrics, achievements and commitments, as spaCy components.

``extract`` runs the pipeline ``build_nlp`` makes: ``spacy.blank("zh")`` whose
tokenizer is jieba (with the genre's user dictionary, so 职代会 and 合理化建议
stay whole), then the ``summarylens_metrics``, ``summarylens_achievements`` and
``summarylens_commitments`` components. The components are registered factories,
so ``nlp.add_pipe("summarylens_metrics")`` works in anyone's Chinese pipeline
once ``summarylens.extract.register()`` has run.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import cache
from typing import Any

from summarylens.extract.components import COMPONENTS, import_spacy, make_doc, register
from summarylens.model import (
    Achievement,
    Commitment,
    Metric,
    NormalisedDocument,
    Report,
    Span,
)

__all__ = ["build_nlp", "extract", "register"]


@cache
def build_nlp() -> Any:
    """The extraction pipeline, built once per process (spaCy and jieba load here)."""
    register()
    nlp = import_spacy().blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "summarylens.jieba_tokenizer.v1"}}}
    )
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _section_id(report: Report, offset: int) -> str | None:
    section = report.section_at(offset)
    return section.id if section else None


def extract(document: NormalisedDocument, report: Report) -> Report:
    """The report with its metrics, achievements and commitments filled in."""
    nlp = build_nlp()
    if report.word_ends:
        doc = make_doc(nlp.vocab, report.text, report.word_ends)
    else:
        doc = nlp.make_doc(report.text)
    doc._.parts = [(p.part, p.span.start, p.span.end) for p in report.parts]
    doc._.headings = [(s.heading_span.start, s.heading_span.end) for s in report.sections]
    doc._.sentence_spans = list(report.sentences)
    for _name, component in nlp.pipeline:
        doc = component(doc)

    def metric(quantity: Any) -> Metric:
        span = document.span(quantity.start, quantity.end)
        return Metric(
            text=span.original_text,
            value=quantity.value,
            value_max=quantity.value_max,
            unit=quantity.unit,
            qualifier=quantity.qualifier,
            bound=quantity.bound,
            placeholder=quantity.placeholder,
            change=quantity.change,
            indicator=quantity.indicator,
            kind=quantity.kind,
            span=span,
            page=span.page,
        )

    metrics = tuple(metric(q) for q in doc._.quantities)
    starts = [m.span.start for m in metrics]  # in text order, one figure per start

    def within(start: int, end: int) -> tuple[Metric, ...]:
        return metrics[bisect_left(starts, start) : bisect_left(starts, end)]

    def achievement(index: int, span: Span) -> Achievement:
        return Achievement(
            id=f"A{index:02d}",
            text=span.original_text,
            span=span,
            metrics=within(span.start, span.end),
            section=_section_id(report, span.start),
        )

    def commitment(index: int, clause: Any, span: Span) -> Commitment:
        return Commitment(
            id=f"C{index:02d}",
            text=span.original_text,
            span=span,
            action=clause.action,
            object=clause.object,
            owner=clause.owner,
            deadline=clause.deadline,
            modality=clause.modality,
            targets=within(clause.start, clause.end),
            section=_section_id(report, clause.start),
        )

    achievements = tuple(
        achievement(index, document.span(start, end))
        for index, (start, end) in enumerate(doc._.achievement_spans, 1)
    )
    commitments = tuple(
        commitment(index, clause, document.span(clause.start, clause.end))
        for index, clause in enumerate(doc._.clauses, 1)
    )
    return replace(
        report,
        word_ends=doc.user_data["word_ends"],
        metrics=metrics,
        achievements=achievements,
        commitments=commitments,
    )
