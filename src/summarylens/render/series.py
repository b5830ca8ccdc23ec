"""Output of ``summarylens audit``: status counts per pair, trajectories, flagged plans."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from summarylens.model import to_json
from summarylens.render.comparison import STATUS_ORDER
from summarylens.render.comparison import as_data as comparison_data
from summarylens.render.labels import label
from summarylens.series import Series, Step
from summarylens.trends import period_label


def _step(step: Step) -> dict[str, Any]:
    return {
        "report": step.report,
        "commitment": step.commitment.id,
        "text": step.commitment.text,
        "status": step.status,
    }


def as_data(series: Series, lang: str = "zh") -> dict[str, Any]:
    return {
        "reports": [
            {
                "source": f.raw.source,
                "title": f.reports[0].title,
                "period": to_json(f.reports[0].period),
            }
            for f in series.files
        ],
        "pairs": [comparison_data(c, lang) for c in series.comparisons],
        "trajectories": [
            [_step(s) for s in steps] for steps in series.trajectories if len(steps) > 1
        ],
        "restated": [[_step(s) for s in steps] for steps in series.restated],
        "failures": list(series.failures),
    }


def as_json(series: Series, lang: str = "zh") -> str:
    return json.dumps(as_data(series, lang), ensure_ascii=False, indent=2) + "\n"


def _steps_text(steps: tuple[Step, ...], lang: str) -> str:
    return " → ".join(
        f"{Path(s.report).name} {s.commitment.id}: "
        + (label(f"status_{s.status}", lang) if s.status else label("final_report", lang))
        for s in steps
    )


def as_table(series: Series, lang: str = "zh") -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=160)
    pairs = Table(title=label("series_title", lang))
    pairs.add_column(label("col_pair", lang), overflow="fold")
    for status in STATUS_ORDER:
        pairs.add_column(label(f"status_{status}", lang), justify="right")
    for row in rows(series, lang):
        pairs.add_row(escape(row["col_pair"]), *(str(row[c]) for c in PAIR_COLUMNS[1:]))
    console.print(pairs)
    for title, chains in _chains(series):
        table = Table(title=f"{label(title, lang)} ({len(chains)})")
        table.add_column(label("col_text", lang), overflow="fold")
        table.add_column(label("col_steps", lang), overflow="fold")
        for steps in chains:
            table.add_row(escape(steps[0].commitment.text), escape(_steps_text(steps, lang)))
        console.print(table)
    if series.failures:
        console.print(label("failures", lang) + ":")
        for failure in series.failures:
            console.print(f"  {escape(failure)}")
    return buffer.getvalue()


PAIR_COLUMNS = ("col_pair", *(f"status_{status}" for status in STATUS_ORDER))
CHAIN_COLUMNS = ("col_text", "col_steps")


def _chains(series: Series) -> list[tuple[str, list[tuple[Step, ...]]]]:
    """Plans followed over more than one report, and plans restated without end."""
    return [
        ("trajectories", [steps for steps in series.trajectories if len(steps) > 1]),
        ("restated", list(series.restated)),
    ]


def as_html(series: Series, lang: str = "zh") -> str:
    """The share of plans fulfilled at each step as a line, the status counts per
    pair, then every trajectory and every plan restated without being reported done."""
    from html import escape

    from summarylens.render import html as html_render

    pair_rows = rows(series, lang)
    shares = [
        row["status_fulfilled"] / total
        if (total := sum(row[c] for c in PAIR_COLUMNS[1:]))
        else None
        for row in pair_rows
    ]
    body = html_render.line_chart(
        [period_label(c.later.period.year, c.later.period.span) for c in series.comparisons],
        {label("status_fulfilled", lang): shares},
        label("col_fulfilled_rate", lang),
        percent=True,
    )
    body += html_render.table(pair_rows, PAIR_COLUMNS, lang, "pairs")
    for title, chains in _chains(series):
        body += f"<h2>{escape(label(title, lang))} ({len(chains)})</h2>"
        chain_rows = [
            {"col_text": steps[0].commitment.text, "col_steps": _steps_text(steps, lang)}
            for steps in chains
        ]
        body += html_render.table(chain_rows, CHAIN_COLUMNS, lang, title)
    return html_render.page(label("series_title", lang), body, lang)


def rows(series: Series, lang: str = "zh") -> list[dict[str, Any]]:
    """Status counts per successive pair, for CSV and Markdown."""
    result = []
    for comparison in series.comparisons:
        counts = Counter(link.status for link in comparison.links)
        name = f"{Path(comparison.earlier.source).name} → {Path(comparison.later.source).name}"
        result.append({"col_pair": name, **{f"status_{s}": counts[s] for s in STATUS_ORDER}})
    return result


def render(series: Series, format: str, lang: str = "zh") -> str:
    from summarylens.render import tabular

    return tabular.render(
        format, lang,
        as_table=lambda: as_table(series, lang),
        as_json=lambda: as_json(series, lang),
        rows=lambda: rows(series, lang),
        columns=PAIR_COLUMNS,
        title=label("series_title", lang),
        as_html=lambda: as_html(series, lang),
    )  # fmt: skip
