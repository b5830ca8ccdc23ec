"""Output of ``summarylens trends``: indicator series and follow-through rates."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from html import escape
from typing import Any

from summarylens.render.labels import label
from summarylens.trends import Trends, period_label, period_order

CHART_ORGANISATIONS = 7  # lines in the follow-through chart: the organisations with most plans
CHART_INDICATORS = 12  # small charts: the indicator series with the most periods

INDICATOR_COLUMNS = ("col_organisation", "col_indicator", "col_unit", "col_points")
RATE_COLUMNS = ("col_plans", "col_fulfilled_rate", "col_fulfilled_or_partial_rate")


def indicator_rows(trends: Trends) -> list[dict[str, Any]]:
    return [
        {
            "col_organisation": series["organisation"],
            "col_indicator": series["indicator"],
            "col_unit": series["unit"],
            "col_points": [
                f"{period_label(p['year'], p['span'])}: {p['value']:g}" for p in series["points"]
            ],
        }
        for series in trends.indicators
    ]


def rate_rows(rates: list[dict[str, Any]], key: str, lang: str) -> list[dict[str, Any]]:
    return [
        {
            key: _theme(row[key.removeprefix("col_")], lang) if key == "col_theme"
            else row[key.removeprefix("col_")],
            "col_plans": row["plans"],
            "col_fulfilled_rate": f"{row['fulfilled_rate']:.1%}",
            "col_fulfilled_or_partial_rate": f"{row['fulfilled_or_partial_rate']:.1%}",
        }
        for row in rates
    ]  # fmt: skip


def _theme(key: str, lang: str) -> str:
    from summarylens.themes import load_taxonomy

    names = {t.key: (t.label if lang == "zh" else t.label_en) for t in load_taxonomy()}
    return names.get(key, key)


def as_json(trends: Trends) -> str:
    return json.dumps(asdict(trends), ensure_ascii=False, indent=2) + "\n"


def _sections(trends: Trends, lang: str) -> list[tuple[str, list[dict[str, Any]], tuple[str, ...]]]:
    return [
        ("trends_indicators", indicator_rows(trends), INDICATOR_COLUMNS),
        ("trends_by_organisation", rate_rows(trends.by_organisation, "col_organisation", lang),
         ("col_organisation", *RATE_COLUMNS)),
        ("trends_by_theme", rate_rows(trends.by_theme, "col_theme", lang),
         ("col_theme", *RATE_COLUMNS)),
    ]  # fmt: skip


def as_table(trends: Trends, lang: str = "zh") -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=160)
    for title, rows, columns in _sections(trends, lang):
        table = Table(title=label(title, lang))
        for column in columns:
            table.add_column(label(column, lang), overflow="fold")
        for row in rows:
            cells = row[columns[0]], *(row[c] for c in columns[1:])
            table.add_row(*(escape("；".join(c) if isinstance(c, list) else str(c)) for c in cells))
        console.print(table)
    return buffer.getvalue()


def as_html(trends: Trends, lang: str = "zh") -> str:
    """Line charts (follow-through rate per period and organisation; the indicators
    reported most often) above the three tables."""
    from summarylens.render import html as html_render

    periods = sorted(
        {(row["year"], row["span"]) for row in trends.by_period},
        key=lambda p: period_order({"year": p[0], "span": p[1]}),
    )
    organisations = sorted(
        trends.by_organisation, key=lambda row: (-row["plans"], row["organisation"])
    )[:CHART_ORGANISATIONS]
    rates = {
        (r["organisation"], r["year"], r["span"]): r["fulfilled_rate"] for r in trends.by_period
    }
    follow_through = html_render.line_chart(
        [period_label(*p) for p in periods],
        {
            org["organisation"]: [rates.get((org["organisation"], *p)) for p in periods]
            for org in organisations
        },
        label("col_fulfilled_rate", lang),
        percent=True,
    )
    frequent = sorted(trends.indicators, key=lambda s: -len(s["points"]))[:CHART_INDICATORS]
    indicator_charts = "".join(
        html_render.line_chart(
            [period_label(p["year"], p["span"]) for p in series["points"]],
            {series["indicator"]: [p["value"] for p in series["points"]]},
            f"{series['organisation']} · {series['indicator']} ({series['unit']}) · "
            + label(f"span_{series['span'] or 'unknown'}", lang),
        )
        for series in frequent
    )
    body = f"<h2>{escape(label('chart_follow_through', lang))}</h2>{follow_through}"
    body += f"<h2>{escape(label('trends_indicators', lang))}</h2>{indicator_charts}"
    for title, rows, columns in _sections(trends, lang):
        body += f"<h2>{escape(label(title, lang))}</h2>"
        body += html_render.table(rows, columns, lang, title)
    return html_render.page(label("trends_title", lang), body, lang)


def render(trends: Trends, format: str, lang: str = "zh") -> str:
    """``table``, ``json``, ``csv`` (the indicator series), ``md`` (all three tables)
    or ``html`` (charts and tables)."""
    from summarylens.render import tabular

    if format == "md":
        return "\n".join(
            tabular.as_markdown(rows, columns, lang, label(title, lang))
            for title, rows, columns in _sections(trends, lang)
        )
    return tabular.render(
        format, lang,
        as_table=lambda: as_table(trends, lang),
        as_json=lambda: as_json(trends),
        rows=lambda: indicator_rows(trends),
        columns=INDICATOR_COLUMNS,
        as_html=lambda: as_html(trends, lang),
    )  # fmt: skip
