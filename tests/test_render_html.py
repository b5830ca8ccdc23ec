"""The HTML follow-through report: self-contained, escaped, and readable in a browser."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarylens.pipeline import compare_files
from summarylens.render.html import as_html

EARLIER = """县总工会2023年上半年工作总结和下半年工作安排
上半年，县总工会开展劳动竞赛3项，参赛职工1200人次。
二、下半年工作安排
（一）抓好技能竞赛。9月中旬举办全县职工技能大赛<script>alert(1)</script>，参赛职工力争达到800人次以上。
（二）建好职工书屋。年底前新建职工书屋6家，书目中含《A&lt;B》一册。
"""
LATER = """县总工会2023年工作总结和2024年工作打算
一、2023年工作回顾
9月15日，县总工会举办全县职工技能大赛<script>alert(1)</script>，参赛职工860人次。
12月，新建职工书屋6家，书目中含《A&lt;B》一册。
二、2024年工作打算
继续办好全县职工技能大赛。
"""


class _Collector(HTMLParser):
    """Tags, rows and visible text of a page, failing on scripts and external assets."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in {"meta", "br", "rect", "img", "input"}:
            self.open.append(tag)
        for name, value in attrs:
            assert name not in {"src", "href"} or not value.startswith("http"), (tag, name)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("html")
    (folder / "earlier.txt").write_text(EARLIER, encoding="utf-8")
    (folder / "later.txt").write_text(LATER, encoding="utf-8")
    comparison = compare_files(folder / "earlier.txt", folder / "later.txt")
    return as_html(comparison, "zh")


def test_document_text_is_escaped_and_no_script_runs(page):
    collector = _Collector()
    collector.feed(page)
    assert "script" not in collector.tags
    visible = "".join(collector.text)
    assert "<script>alert(1)</script>" in visible
    assert "《A&lt;B》" in visible
    assert "&lt;script&gt;" in page and "&amp;lt;" in page


def test_page_is_self_contained_with_rows_and_chart(page):
    collector = _Collector()
    collector.feed(page)
    assert collector.tags.count("tr") >= 3 and "svg" in collector.tags
    assert not collector.open or collector.open == ["html"]
    assert "<link" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "已落实" in page and "<mark>" in page


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
def test_chromium_renders_the_report(page, tmp_path):
    """Debian's chromium + fonts-noto-cjk: a screenshot of the page, and the DOM it built."""
    target = tmp_path / "report.html"
    target.write_text(page, encoding="utf-8")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    shot = tmp_path / "report.png"
    subprocess.run(
        ["chromium", *flags, "--window-size=1200,900", f"--screenshot={shot}", target.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert shot.stat().st_size > 10_000
    dom = subprocess.run(
        ["chromium", *flags, "--dump-dom", target.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert dom.count("<tr>") >= 3 and "已落实" in dom
    assert "<script>" not in dom.split("<body>")[1]
    Path("/tmp/summarylens-report.png").write_bytes(shot.read_bytes())


def _trends_page() -> str:
    from summarylens.render.trends import as_html as trends_html
    from summarylens.trends import Trends

    hostile = "<script>alert(1)</script>工会"
    points = [
        {"year": 2021, "span": "Y", "value": 4000.0, "text": "4000余件"},
        {"year": 2022, "span": "Y", "value": 5200.0, "text": "5200件"},
    ]
    rate = {"plans": 10, "fulfilled_rate": 0.6, "fulfilled_or_partial_rate": 0.8}
    return trends_html(
        Trends(
            indicators=[
                {
                    "organisation": hostile,
                    "indicator": "征集合理化建议",
                    "unit": "件",
                    "span": "Y",
                    "points": points,
                }
            ],
            themes=[],
            by_organisation=[{"organisation": hostile, **rate}],
            by_theme=[{"theme": "labour_competition", **rate}],
            by_period=[
                {"organisation": hostile, "year": 2021, "span": "Y", **rate},
                {
                    "organisation": hostile,
                    "year": 2022,
                    "span": "H1",
                    **rate,
                    "fulfilled_rate": 0.7,
                },
            ],
        ),
        "zh",
    )


def test_trends_page_draws_line_charts_and_escapes_names():
    page = _trends_page()
    collector = _Collector()
    collector.feed(page)
    assert "script" not in collector.tags
    assert collector.tags.count("polyline") == 2 and collector.tags.count("circle") == 4
    visible = "".join(collector.text)
    assert "<script>alert(1)</script>工会" in visible and "征集合理化建议" in visible
    assert "征集合理化建议 (件) · 全年" in visible
    assert "2022H1" in visible and "60%" in visible.replace("60.0%", "60%")
    assert collector.tags.count("table") == 3


def test_line_chart_leaves_gaps_for_missing_values():
    from summarylens.render.html import line_chart

    chart = line_chart(
        ["2021Y", "2022Y", "2023Y"], {"a": [1.0, None, 3.0], "b": [None, 2.0, None]}, "c"
    )
    assert chart.count("<circle") == 3 and chart.count("<polyline") == 2
