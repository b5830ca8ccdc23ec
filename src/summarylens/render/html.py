"""Self-contained HTML reports: no scripts, fonts or images to fetch.

The follow-through report puts plans and their evidence side by side in the
documents' own characters, with the figures highlighted, under a bar chart
(inline SVG) of the statuses; ``page``, ``table`` and ``line_chart`` also serve
the trends report. Every piece of document text goes through ``html.escape``.
"""

from __future__ import annotations

import html
from collections import Counter

from summarylens.audit import Comparison, Link
from summarylens.model import Metric
from summarylens.render.comparison import STATUS_ORDER, reason
from summarylens.render.labels import label

STATUS_COLOURS = {
    "fulfilled": "#2e7d32",
    "partial": "#f9a825",
    "carried_over": "#1565c0",
    "postponed": "#6a1b9a",
    "not_mentioned": "#9e9e9e",
}
STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:2em;color:#212121;line-height:1.6}
h1{font-size:1.4em} table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.4em .6em;vertical-align:top;text-align:left}
th{background:#f5f5f5} mark{background:#fff59d;padding:0 .1em}
.status{color:#fff;border-radius:.3em;padding:.1em .5em;white-space:nowrap}
.reason{color:#555;font-size:.9em} .page{color:#888;font-size:.8em}
figure{display:inline-block;margin:0 1.5em 1.5em 0;vertical-align:top}
figcaption{font-size:.9em;color:#444}
"""

LINE_COLOURS = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037")


def page(title: str, body: str, lang: str) -> str:
    """A whole document around ``body`` (already escaped HTML)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><title>{html.escape(title)}</title><style>{STYLE}</style>'
        f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>\n"
    )


def table(rows: list[dict], columns: tuple[str, ...], lang: str, table_id: str = "") -> str:
    """Rows keyed by label keys (as the tabular renderers take them), escaped."""
    head = "".join(f"<th>{html.escape(label(c, lang))}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape('；'.join(v) if isinstance(v, list) else str(v))}</td>"
            for v in (row[c] for c in columns)
        )
        + "</tr>"
        for row in rows
    )
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def line_chart(
    x_labels: list[str], lines: dict[str, list[float | None]], caption: str, percent: bool = False
) -> str:
    """An inline-SVG line chart: one polyline per entry of ``lines`` over ``x_labels``
    (None leaves a gap); the y axis runs from zero (or the lowest value) to the highest."""
    width, height, left, right, bottom, top = 460, 200, 56, 28, 40, 12
    values = [v for series in lines.values() for v in series if v is not None]
    low = min(0.0, *values) if values else 0.0
    high = max(values, default=1.0)
    high = high if high > low else low + 1.0
    step = (width - left - right) / max(len(x_labels) - 1, 1)

    def x(index: int) -> float:
        return left + index * step

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - (value - low) / (high - low))

    def tick(value: float) -> str:
        return f"{value:.0%}" if percent else f"{value:,.4g}"

    parts = [
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#999"/>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" '
        'stroke="#999"/>',
    ]
    for value in (low, (low + high) / 2, high):
        parts.append(
            f'<text x="{left - 4}" y="{y(value) + 4:.1f}" font-size="11" '
            f'text-anchor="end">{tick(value)}</text>'
        )
    for index, name in enumerate(x_labels):
        parts.append(
            f'<text x="{x(index):.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{html.escape(name)}</text>'
        )
    legend = len(lines) > 1
    for number, (name, series) in enumerate(lines.items()):
        colour = LINE_COLOURS[number % len(LINE_COLOURS)]
        points = [(x(i), y(v)) for i, v in enumerate(series) if v is not None]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points
        ]
        if legend:
            parts.append(
                f'<text x="{left + 140 * (number % 3)}" y="{height + 4 + 14 * (number // 3)}" '
                f'font-size="11" fill="{colour}">— {html.escape(name)}</text>'
            )
    legend_height = 14 * ((len(lines) + 2) // 3) if legend else 0
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height + legend_height}" role="img">'
        + "".join(parts)
        + f"</svg><figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def highlight(text: str, metrics: tuple[Metric, ...] | list[Metric]) -> str:
    """Escaped text with each metric's own characters marked."""
    marks = sorted({m.text for m in metrics if m.text and m.text in text}, key=len, reverse=True)
    pieces, cursor = [], 0
    spans = []
    for mark in marks:
        start = text.find(mark)
        while start >= 0:
            if not any(s < start + len(mark) and start < e for s, e in spans):
                spans.append((start, start + len(mark)))
            start = text.find(mark, start + 1)
    for start, end in sorted(spans):
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def status_chart(counts: Counter, lang: str) -> str:
    """Horizontal bars, one per status, as inline SVG."""
    total = max(sum(counts.values()), 1)
    rows = []
    for index, status in enumerate(STATUS_ORDER):
        width = 300 * counts[status] / total
        y = index * 26
        name = html.escape(label(f"status_{status}", lang))
        rows.append(
            f'<text x="0" y="{y + 15}" font-size="13">{name}</text>'
            f'<rect x="120" y="{y + 2}" width="{width:.1f}" height="18" '
            f'fill="{STATUS_COLOURS[status]}"/>'
            f'<text x="{126 + width:.1f}" y="{y + 15}" font-size="13">{counts[status]}</text>'
        )
    height = 26 * len(STATUS_ORDER)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="480" height="{height}" role="img">'
        + "".join(rows)
        + "</svg>"
    )


def _row(link: Link, lang: str) -> str:
    commitment = link.commitment
    status = link.status
    badge = (
        f'<span class="status" style="background:{STATUS_COLOURS[status]}">'
        f"{html.escape(label(f'status_{status}', lang))}</span>"
    )
    page = f'<div class="page">p.{commitment.span.page}</div>' if commitment.span.page else ""
    actuals = [check.actual for check in link.target_checks if check.actual]
    evidence = "".join(
        f"<p>{highlight(e.text, actuals)}"
        + (f' <span class="page">p.{e.span.page}</span>' if e.span.page else "")
        + "</p>"
        for e in link.evidence
    )
    checks = "".join(
        f"<li>{html.escape(c.target.text)} → {html.escape(c.actual.text if c.actual else '—')}: "
        f"{html.escape(label(f'verdict_{c.verdict}', lang))}"
        + (f" ({c.ratio:.1%})" if c.ratio is not None else "")
        + "</li>"
        for c in link.target_checks
    )
    return (
        f"<tr><td>{html.escape(commitment.id)}</td>"
        f"<td>{highlight(commitment.text, commitment.targets)}{page}</td>"
        f'<td>{badge}<div class="reason">{html.escape(reason(link, lang))}</div></td>'
        f"<td>{evidence}</td><td><ul>{checks}</ul></td></tr>"
    )


def as_html(comparison: Comparison, lang: str = "zh") -> str:
    earlier, later = comparison.earlier, comparison.later
    title = f"{label('follow_through', lang)}: {earlier.title} → {later.title}"
    counts = Counter(link.status for link in comparison.links)
    headers = "".join(
        f"<th>{html.escape(label(key, lang))}</th>"
        for key in ("col_id", "col_text", "col_status", "col_evidence", "col_checks")
    )
    rows = "".join(_row(link, lang) for link in comparison.links)
    changes = "".join(
        f"<tr><td>{html.escape(c.indicator)}</td><td>{html.escape(c.earlier.text)}</td>"
        f"<td>{html.escape(c.later.text)}</td>"
        f"<td>{'—' if c.change is None else f'{c.change:+.1%}'}</td></tr>"
        for c in comparison.metric_changes
    )
    change_headers = "".join(
        f"<th>{html.escape(label(key, lang))}</th>"
        for key in ("col_indicator", "col_earlier", "col_later", "col_change")
    )
    body = (
        f"<h2>{html.escape(label('status_summary', lang))}</h2>{status_chart(counts, lang)}"
        f'<table id="links"><thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>'
        f"<h2>{html.escape(label('metric_changes', lang))}</h2>"
        f'<table id="changes"><thead><tr>{change_headers}</tr></thead>'
        f"<tbody>{changes}</tbody></table>"
    )
    return page(title, body, lang)
