"""CSV and Markdown output: same rows as the tables, cells flattened and escaped."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from summarylens.render.tabular import as_csv, as_markdown

ROWS = [
    {"col_id": "C01", "col_text": "举办“绿衣杯”竞赛|决赛", "col_targets": ["800人次以上", "3场"]},
    {"col_id": "C02", "col_text": "第二行\n换行", "col_targets": None},
]
COLUMNS = ("col_id", "col_text", "col_targets")


def test_csv_round_trips_with_translated_headers():
    parsed = list(csv.reader(io.StringIO(as_csv(ROWS, COLUMNS, "en"))))
    assert parsed[0] == ["ID", "Text", "Targets"]
    assert parsed[1] == ["C01", "举办“绿衣杯”竞赛|决赛", "800人次以上；3场"]
    assert parsed[2] == ["C02", "第二行\n换行", ""]


def test_markdown_escapes_pipes_and_line_breaks():
    text = as_markdown(ROWS, COLUMNS, "zh", "计划事项")
    assert text.splitlines()[:4] == [
        "## 计划事项", "", "| 编号 | 内容 | 量化目标 |", "|---|---|---|",
    ]  # fmt: skip
    assert "举办“绿衣杯”竞赛\\|决赛" in text and "第二行<br>换行" in text


def test_analyse_writes_its_metrics_as_csv(seed_path):
    run = [sys.executable, "-m", "summarylens.cli"]
    analyse = subprocess.run(
        [*run, "analyse", str(seed_path), "-f", "csv"], capture_output=True, text=True, check=True
    )
    header, *metrics = list(csv.reader(io.StringIO(analyse.stdout)))
    assert header[:3] == ["篇", "内容", "数值"] and len(metrics) > 40
    assert any(row[1] == "____余件" and row[2] == "（匿名）" for row in metrics)
