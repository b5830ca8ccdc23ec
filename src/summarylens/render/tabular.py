"""CSV and Markdown for any command: each command gives its rows as dicts.

One column order, one set of headers (the label keys, in the user's language),
and every cell flattened to text, so spreadsheets and Markdown viewers show the
same data as the terminal table.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from summarylens.render.labels import label


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return "；".join(_cell(item) for item in value)
    return str(value)


def as_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], lang: str = "zh") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([label(column, lang) for column in columns])
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _markdown_cell(value: Any) -> str:
    return _cell(value).replace("|", "\\|").replace("\n", "<br>")


def as_markdown(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], lang: str = "zh", title: str = ""
) -> str:
    lines = [f"## {title}", ""] if title else []
    lines.append("| " + " | ".join(label(column, lang) for column in columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for row in rows:
        lines.append("| " + " | ".join(_markdown_cell(row.get(c)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def render(
    format: str,
    lang: str,
    *,
    as_table: Callable[[], str],
    as_json: Callable[[], str],
    rows: Callable[[], Sequence[dict[str, Any]]],
    columns: Sequence[str],
    title: str = "",
    as_html: Callable[[], str] | None = None,
) -> str:
    """The one place a command's ``--format`` picks its renderer (``html`` for the
    commands that have a report page; the CLI offers it only to those)."""
    if format == "html" and as_html is not None:
        return as_html()
    if format == "json":
        return as_json()
    if format == "csv":
        return as_csv(rows(), columns, lang)
    if format == "md":
        return as_markdown(rows(), columns, lang, title)
    return as_table()
