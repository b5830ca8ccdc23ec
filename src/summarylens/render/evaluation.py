"""Output of ``summarylens evaluate``: a table per stage and split, or JSON."""

from __future__ import annotations

import io
import json
from dataclasses import asdict

from summarylens.evaluate import StageScore
from summarylens.render.labels import label

COLUMNS = ("precision", "recall", "f1", "accuracy")


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def as_table(scores: list[StageScore], lang: str = "zh") -> str:
    """A rich table as plain text, the same on a terminal and in a file."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=label("evaluation_title", lang))
    for key in ("stage", "split", *COLUMNS, "support", "note"):
        justify = "right" if key in (*COLUMNS, "support") else "left"
        table.add_column(label(key, lang), justify=justify)
    for score in scores:
        stage = label(f"stage_{score.stage}", lang)
        if not score.implemented:
            table.add_row(stage, score.split, "", "", "", "", "", _note(score, lang))
            continue
        figures = [_figure(getattr(score, column)) for column in COLUMNS]
        table.add_row(stage, score.split, *figures, str(score.support), _note(score, lang))
    buffer = io.StringIO()
    Console(file=buffer, width=140).print(table)
    return buffer.getvalue()


def _note(score: StageScore, lang: str) -> str:
    if not score.implemented:
        return label("not_implemented", lang)
    return label(score.note, lang).format(*score.note_args) if score.note else ""


def as_json(scores: list[StageScore]) -> str:
    rows = []
    for score in scores:
        row = asdict(score)
        del row["note_args"]
        row["note"] = _note(score, "en")
        rows.append(row)
    return json.dumps({"stages": rows}, ensure_ascii=False, indent=2) + "\n"


COLUMNS_ALL = ("stage", "split", "precision", "recall", "f1", "accuracy", "support", "note")


def rows(scores: list[StageScore], lang: str = "zh") -> list[dict]:
    return [
        {
            "stage": label(f"stage_{score.stage}", lang),
            "split": score.split,
            "precision": score.precision,
            "recall": score.recall,
            "f1": score.f1,
            "accuracy": score.accuracy,
            "support": score.support,
            "note": _note(score, lang),
        }
        for score in scores
    ]


def render(scores: list[StageScore], format: str, lang: str = "zh") -> str:
    from summarylens.render import tabular

    return tabular.render(
        format, lang,
        as_table=lambda: as_table(scores, lang),
        as_json=lambda: as_json(scores),
        rows=lambda: rows(scores, lang),
        columns=COLUMNS_ALL,
        title=label("evaluation_title", lang),
    )  # fmt: skip
