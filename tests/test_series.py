"""``summarylens audit``: a series in period order, trajectories, restated plans, bad files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarylens.series import audit_series, series_key, series_names

FIRST = """青禾县总工会2021年上半年工作总结和下半年工作安排
今年以来，县总工会各项工作稳步推进，发放慰问金48万元。
二、下半年工作安排
（一）建好服务阵地。年底前在开发区建成职工服务中心1个。
（二）做好帮扶。10月走访慰问困难职工300户以上。
"""
LATER = """青禾县总工会{year}年工作总结和{plan}年工作安排
{year}年，县总工会各项工作稳步推进，10月深入企业走访慰问困难职工326户。
二、{plan}年工作安排
（一）建好服务阵地。年底前在开发区建成职工服务中心1个。
（二）办好职工书屋。{plan}年新建职工书屋{books}家。
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("series")
    # Written out of order: the audit must sort them by the period they review.
    (folder / "c.txt").write_text(LATER.format(year=2022, plan=2023, books=5), "utf-8")
    (folder / "a.txt").write_text(FIRST, "utf-8")
    (folder / "b.txt").write_text(LATER.format(year=2021, plan=2022, books=4), "utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    return folder


def test_series_is_ordered_and_restated_plans_are_flagged(folder):
    series = audit_series([folder])
    assert [Path(f.raw.source).name for f in series.files] == ["a.txt", "b.txt", "c.txt"]
    assert len(series.comparisons) == 2
    assert series.failures == (
        f"{folder / 'broken.pdf'}: is damaged or truncated (PDFSyntaxError)",
    )
    flagged = [steps[0].commitment.text for steps in series.restated]
    assert flagged == ["年底前在开发区建成职工服务中心1个。"]
    assert [step.status for step in series.restated[0]] == ["carried_over", "carried_over", None]
    visits = next(s for s in series.trajectories if "走访慰问" in s[0].commitment.text)
    assert visits[0].status == "fulfilled" and len(visits) == 1


def test_reports_of_two_organisations_are_named_so_the_cli_warns(folder, tmp_path):
    other = tmp_path / "d.txt"
    other.write_text(FIRST.replace("青禾县总工会", "白沙县司法局", 1), "utf-8")
    assert audit_series([folder]).organisations == ("青禾县总工会",)
    assert audit_series([folder / "a.txt", other]).organisations == ("青禾县总工会", "白沙县司法局")
    command = [sys.executable, "-m", "summarylens.cli", "audit", str(folder / "a.txt"), str(other)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stderr.startswith("Warning: these reports name 2 organisations (青禾县总工会; ")


def test_cli_audit_records_the_bad_file_and_goes_on(folder, tmp_path):
    target = tmp_path / "audit.json"
    command = [
        sys.executable,
        "-m",
        "summarylens.cli",
        "audit",
        str(folder),
        "-f",
        "json",
        "-o",
        str(target),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    assert (
        result.stderr
        == f"Error: {folder / 'broken.pdf'}: is damaged or truncated (PDFSyntaxError)\n"
    )
    data = json.loads(target.read_text("utf-8"))
    assert set(data) == {"reports", "pairs", "trajectories", "restated", "failures"}
    assert len(data["reports"]) == 3 and len(data["pairs"]) == 2 and len(data["restated"]) == 1


def test_series_html_charts_the_fulfilled_share_and_lists_restated_plans(folder):
    from summarylens.render.series import as_html

    page = as_html(audit_series([folder]), "zh")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert page.count("<circle") == 2 and ">2022Y<" in page and ">2021Y<" in page
    restated = page.split('id="restated"')[1]
    assert "年底前在开发区建成职工服务中心1个。" in restated


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("临川市公交集团有限公司工会", "临川公交集团工会", True),
        ("哈尔滨市总工会", "哈尔滨总工会", True),
        ("恒泰精密机械股份有限公司工会", "恒泰精密机械公司工会", False),
        ("恒泰精密机械股份有限公司工会", "恒泰精密机械工会", True),
        ("青溪县市场监督管理局", "青溪市场监督管理局", True),  # not the 市 of 市场
        ("江北区总工会", "江北 总工会", True),
        ("东湖区民政局", "东湖街道", False),
        ("临川市总工会", "临川公交集团工会", False),
        ("共青团临海市委", "共青团临海委", False),
    ],
)
def test_names_of_one_organisation_are_one_series(one, other, same):
    assert (series_key(one) == series_key(other)) is same


def test_a_series_goes_by_the_name_most_of_its_reports_use():
    names = series_names(
        {"临川公交集团工会": 3, "临川市公交集团有限公司工会": 1, "临川市总工会": 2}
    )
    assert names == {
        "临川公交集团工会": "临川公交集团工会",
        "临川市公交集团有限公司工会": "临川公交集团工会",
        "临川市总工会": "临川市总工会",
    }
