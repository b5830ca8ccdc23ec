"""Output of ``summarylens analyse``: the outline as a tree, or the Report as JSON."""

from __future__ import annotations

import io
import json
from typing import Any

from summarylens.model import Metric, Report, to_json
from summarylens.pipeline import AnalysedFile
from summarylens.render.labels import label
from summarylens.themes import load_taxonomy


def period_text(year: int | None, span: str | None, lang: str) -> str:
    if span is None:
        return label("unknown", lang)
    year_text = label("year_format", lang).format(year) if year else label("year_unknown", lang)
    return f"{year_text} {label(f'span_{span}', lang)}"


def as_tree(result: AnalysedFile, lang: str = "zh", taxonomy: str | None = None) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    themes = {t.key: (t.label if lang == "zh" else t.label_en) for t in load_taxonomy(taxonomy)}
    buffer = io.StringIO()
    console = Console(file=buffer, width=120)
    for report in result.reports:
        heading = report.title or result.raw.source
        if len(result.reports) > 1:
            heading = f"{label('article', lang).format(report.article)} {heading}"
        tree = Tree(escape(heading))
        period = report.period
        tree.add(f"{label('period', lang)}: {period_text(period.year, period.span, lang)}")
        tree.add(
            f"{label('plan_period', lang)}: {period_text(period.plan_year, period.plan_span, lang)}"
        )
        if period.evidence:
            tree.add(escape(f"{label('evidence', lang)}: {'；'.join(period.evidence)}"))
        branches: dict[str | None, Any] = {}
        part_headings = {}
        for part in report.parts:
            branches[part.part] = tree.add(
                escape(
                    label(f"part_{part.part}", lang)
                    + (f" — {part.heading}" if part.heading else "")
                )
            )
            if part.heading:
                part_headings[part.heading] = branches[part.part]
        parents: dict[str, Any] = {}
        for section in report.sections:
            if section.level == 1 and section.heading in part_headings:
                parents[section.id] = part_headings[section.heading]
                continue
            parent = parents.get(section.parent) if section.parent else None
            if parent is None:
                parent = branches.get(section.part)
                if parent is None:
                    parent = branches[section.part] = tree.add(escape(label("part_none", lang)))
            theme = f"  [{themes.get(section.theme, section.theme)}]" if section.theme else ""
            page = f"  p.{section.span.page}" if section.span.page else ""
            parents[section.id] = parent.add(escape(f"{section.heading}{theme}{page}"))
        console.print(tree)
        for table in extraction_tables(report, lang):
            console.print(table)
    return buffer.getvalue()


def _value(metric: Metric, lang: str) -> str:
    if metric.placeholder:
        return label("placeholder", lang)
    value = f"{metric.value:g}"
    return f"{value}–{metric.value_max:g}" if metric.value_max is not None else value


def extraction_tables(report: Report, lang: str) -> list[Any]:
    """Commitments, metrics and achievements of one report as rich tables."""
    from rich.markup import escape
    from rich.table import Table

    def table(title: str, columns: list[str]) -> Any:
        result = Table(title=f"{label(title, lang)} ({{}})", show_lines=False)
        for column in columns:
            result.add_column(label(column, lang), overflow="fold")
        return result

    commitments = table(
        "commitments",
        ["col_id", "col_owner", "col_deadline", "col_text", "col_targets", "col_page"],
    )
    for c in report.commitments:
        commitments.add_row(
            c.id, escape(c.owner or ""), escape(c.deadline or ""), escape(c.text),
            escape("、".join(t.text for t in c.targets)), str(c.span.page or ""),
        )  # fmt: skip
    metrics = table(
        "metrics",
        [
            "col_text",
            "col_value",
            "col_unit",
            "col_qualifier",
            "col_indicator",
            "col_kind",
            "col_page",
        ],
    )
    for m in report.metrics:
        metrics.add_row(
            escape(m.text), _value(m, lang), m.unit, m.qualifier or "", escape(m.indicator),
            label(f"kind_{m.kind}", lang), str(m.page or ""),
        )  # fmt: skip
    achievements = table("achievements", ["col_id", "col_text", "col_metrics", "col_page"])
    for a in report.achievements:
        achievements.add_row(
            a.id,
            escape(a.text),
            escape("、".join(m.text for m in a.metrics)),
            str(a.span.page or ""),
        )
    tables = [commitments, metrics, achievements]
    counts = [len(report.commitments), len(report.metrics), len(report.achievements)]
    for result, count in zip(tables, counts, strict=True):
        result.title = result.title.format(count)
    return tables


def as_data(result: AnalysedFile) -> dict[str, Any]:
    return {**result.raw.describe(), "reports": [to_json(r) for r in result.reports]}


def as_json(result: AnalysedFile) -> str:
    return json.dumps(as_data(result), ensure_ascii=False, indent=2) + "\n"


METRIC_COLUMNS = (
    "col_article",
    "col_text",
    "col_value",
    "col_unit",
    "col_qualifier",
    "col_indicator",
    "col_kind",
    "col_section",
    "col_page",
)
COMMITMENT_COLUMNS = (
    "col_article",
    "col_id",
    "col_text",
    "col_owner",
    "col_deadline",
    "col_targets",
    "col_page",
)


def metric_rows(result: AnalysedFile, lang: str = "zh") -> list[dict[str, Any]]:
    """Every metric of every article, for CSV and Markdown."""
    return [
        {
            "col_article": report.article,
            "col_text": m.text,
            "col_value": _value(m, lang),
            "col_unit": m.unit,
            "col_qualifier": m.qualifier,
            "col_indicator": m.indicator,
            "col_kind": label(f"kind_{m.kind}", lang),
            "col_section": getattr(report.section_at(m.span.start), "heading", None),
            "col_page": m.page,
        }
        for report in result.reports
        for m in report.metrics
    ]


def commitment_rows(result: AnalysedFile, lang: str = "zh") -> list[dict[str, Any]]:
    return [
        {
            "col_article": report.article,
            "col_id": c.id,
            "col_text": c.text,
            "col_owner": c.owner,
            "col_deadline": c.deadline,
            "col_targets": [t.text for t in c.targets],
            "col_page": c.span.page,
        }
        for report in result.reports
        for c in report.commitments
    ]


def render(result: AnalysedFile, format: str, lang: str = "zh", taxonomy: str | None = None) -> str:
    """``table`` (outline tree and tables), ``json``, ``csv`` (the metrics) or ``md``
    (commitments, then metrics)."""
    from summarylens.render import tabular

    if format == "md":
        return "\n".join(
            tabular.as_markdown(rows(result, lang), columns, lang, label(title, lang))
            for title, rows, columns in (
                ("commitments", commitment_rows, COMMITMENT_COLUMNS),
                ("metrics", metric_rows, METRIC_COLUMNS),
            )
        )
    return tabular.render(
        format, lang,
        as_table=lambda: as_tree(result, lang, taxonomy),
        as_json=lambda: as_json(result),
        rows=lambda: metric_rows(result, lang),
        columns=METRIC_COLUMNS,
    )  # fmt: skip
