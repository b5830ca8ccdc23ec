"""Output of ``summarylens compare``: the follow-through table, or the documented JSON."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

from summarylens.audit import Comparison, Link, TargetCheck
from summarylens.model import Metric, Report, to_json
from summarylens.render.labels import label

STATUS_ORDER = ("fulfilled", "partial", "carried_over", "postponed", "not_mentioned")


def reason(link: Link, lang: str) -> str:
    return label(link.reason, lang).format(*link.reason_args)


def _metric(metric: Metric | None) -> dict[str, Any] | None:
    return None if metric is None else to_json(metric)


def _summary(report: Report) -> dict[str, Any]:
    return {
        "source": report.source,
        "title": report.title,
        "period": to_json(report.period),
        "commitments": len(report.commitments),
    }


def _check(check: TargetCheck) -> dict[str, Any]:
    return {
        "indicator": check.indicator,
        "target": _metric(check.target),
        "actual": _metric(check.actual),
        "verdict": check.verdict,
        "ratio": None if check.ratio is None else round(check.ratio, 4),
    }


def as_data(comparison: Comparison, lang: str = "zh") -> dict[str, Any]:
    """The JSON shape documented in the README; reasons in the chosen language."""
    return {
        "earlier": _summary(comparison.earlier),
        "later": _summary(comparison.later),
        "links": [
            {
                "commitment": {
                    "id": link.commitment.id,
                    "text": link.commitment.text,
                    "span": to_json(link.commitment.span),
                    "page": link.commitment.span.page,
                    "owner": link.commitment.owner,
                    "deadline": link.commitment.deadline,
                    "targets": [to_json(t) for t in link.commitment.targets],
                },
                "status": link.status,
                "evidence": [
                    {"text": e.text, "span": to_json(e.span), "page": e.span.page, "score": e.score}
                    for e in link.evidence
                ],
                "score": link.score,
                "reason": reason(link, lang),
                "target_checks": [_check(check) for check in link.target_checks],
            }
            for link in comparison.links
        ],
        "metric_changes": [
            {
                "indicator": change.indicator,
                "earlier": _metric(change.earlier),
                "later": _metric(change.later),
                "change": None if change.change is None else round(change.change, 4),
            }
            for change in comparison.metric_changes
        ],
        "theme_changes": comparison.theme_changes,
    }


def as_json(comparison: Comparison, lang: str = "zh") -> str:
    return json.dumps(as_data(comparison, lang), ensure_ascii=False, indent=2) + "\n"


def _check_text(check: TargetCheck, lang: str) -> str:
    actual = check.actual.text if check.actual else "—"
    ratio = f" ({check.ratio:.1%})" if check.ratio is not None else ""
    return f"{check.target.text} → {actual}: {label(f'verdict_{check.verdict}', lang)}{ratio}"


def as_table(comparison: Comparison, lang: str = "zh") -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=160)
    title = (
        f"{label('follow_through', lang)}: {comparison.earlier.title} → {comparison.later.title}"
    )
    table = Table(title=escape(title), show_lines=True)
    for column in ("col_id", "col_text", "col_status", "col_evidence", "col_checks", "col_reason"):
        table.add_column(label(column, lang), overflow="fold")
    for link in comparison.links:
        table.add_row(
            link.commitment.id,
            escape(link.commitment.text),
            label(f"status_{link.status}", lang),
            escape("\n".join(e.text for e in link.evidence)),
            escape("\n".join(_check_text(c, lang) for c in link.target_checks)),
            escape(reason(link, lang)),
        )
    console.print(table)
    counts = Counter(link.status for link in comparison.links)
    summary = "  ".join(
        f"{label(f'status_{status}', lang)} {counts[status]}" for status in STATUS_ORDER
    )
    console.print(f"{label('status_summary', lang)}: {summary}")
    changes = Table(title=label("metric_changes", lang))
    for column in ("col_indicator", "col_earlier", "col_later", "col_change"):
        changes.add_column(label(column, lang), overflow="fold")
    for change in comparison.metric_changes:
        delta = "—" if change.change is None else f"{change.change:+.1%}"
        changes.add_row(
            escape(change.indicator), escape(change.earlier.text), escape(change.later.text), delta
        )
    console.print(changes)
    from summarylens.themes import load_taxonomy

    names = {t.key: (t.label if lang == "zh" else t.label_en) for t in load_taxonomy()}
    for key in ("appeared", "vanished"):
        themes = [names.get(theme, theme) for theme in comparison.theme_changes[key]]
        if themes:
            console.print(f"{label(f'themes_{key}', lang)}: {'、'.join(themes)}")
    return buffer.getvalue()


LINK_COLUMNS = (
    "col_id",
    "col_text",
    "col_owner",
    "col_deadline",
    "col_status",
    "col_evidence",
    "col_checks",
    "col_reason",
    "col_page",
)


def rows(comparison: Comparison, lang: str = "zh") -> list[dict[str, Any]]:
    """One row per plan of the earlier report, for CSV and Markdown."""
    return [
        {
            "col_id": link.commitment.id,
            "col_text": link.commitment.text,
            "col_owner": link.commitment.owner,
            "col_deadline": link.commitment.deadline,
            "col_status": label(f"status_{link.status}", lang),
            "col_evidence": [e.text for e in link.evidence],
            "col_checks": [_check_text(c, lang) for c in link.target_checks],
            "col_reason": reason(link, lang),
            "col_page": link.commitment.span.page,
        }
        for link in comparison.links
    ]


def render(comparison: Comparison, format: str, lang: str = "zh") -> str:
    from summarylens.render import html, tabular

    return tabular.render(
        format, lang,
        as_table=lambda: as_table(comparison, lang),
        as_json=lambda: as_json(comparison, lang),
        rows=lambda: rows(comparison, lang),
        columns=LINK_COLUMNS,
        title=label("follow_through", lang),
        as_html=lambda: html.as_html(comparison, lang),
    )  # fmt: skip
