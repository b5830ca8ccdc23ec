"""A self-contained HTML follow-through report: no scripts, fonts or images to fetch.

Plans and their evidence stand side by side in the documents' own characters,
with the figures highlighted; a bar chart (inline SVG) sums up the statuses.
Every piece of document text goes through ``html.escape``.
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
"""


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
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><title>{html.escape(title)}</title><style>{STYLE}</style>'
        f"</head><body><h1>{html.escape(title)}</h1>"
        f"<h2>{html.escape(label('status_summary', lang))}</h2>{status_chart(counts, lang)}"
        f'<table id="links"><thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>'
        f"<h2>{html.escape(label('metric_changes', lang))}</h2>"
        f'<table id="changes"><thead><tr>{change_headers}</tr></thead>'
        f"<tbody>{changes}</tbody></table></body></html>\n"
    )
