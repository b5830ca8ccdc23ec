"""The command line as users run it: real subprocesses, real files."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "corpus" / "examples" / "county_union_2024H1_scraped.txt"
HEAVY = ("pdfplumber", "pdfminer", "opencc", "charset_normalizer", "docx", "selectolax", "lxml")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarylens.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_help_is_fast_and_imports_nothing_heavy():
    probe = (
        "import sys, time; t = time.perf_counter(); import summarylens.cli; "
        "print(time.perf_counter() - t); "
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    seconds, loaded = out.stdout.splitlines()
    assert loaded == "[]"
    assert float(seconds) < 1.0  # measured ~0.1 s
    started = time.perf_counter()
    result = run("--help")
    assert result.returncode == 0 and "clean" in result.stdout
    assert time.perf_counter() - started < 2.0  # generous for CI; measured ~0.2 s


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("summarylens ")


def test_clean_prints_the_articles_in_original_characters(seed_path):
    result = run("clean", str(seed_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("市郵政工會上半年工作總結和下半年工作安排\n")
    assert "發布時間" not in result.stdout and "(fā)" not in result.stdout


def test_clean_simplified(seed_path):
    result = run("clean", str(seed_path), "--simplified")
    assert result.stdout.startswith("市邮政工会上半年工作总结和下半年工作安排\n")


def test_clean_json_has_log_encoding_and_articles(tmp_path):
    target = tmp_path / "out.json"
    result = run("clean", str(EXAMPLE), "--format", "json", "--output", str(target))
    assert result.returncode == 0 and result.stdout == ""
    data = json.loads(target.read_text("utf-8"))
    assert (data["format"], data["encoding"], data["pages"]) == ("text", "utf-8", None)
    assert len(data["articles"]) == 2
    raw = EXAMPLE.read_text("utf-8")
    for article in data["articles"]:
        for entry in article["log"]:
            assert raw[entry["start"] : entry["end"]] == entry["text"]
    rules = {entry["rule"] for article in data["articles"] for entry in article["log"]}
    assert {"pinyin_gloss", "watermark", "teaser", "placeholder", "mojibake"} <= rules


def test_clean_json_of_a_pdf_gives_pages(seed_variants):
    data = json.loads(run("clean", str(seed_variants["pdf"]), "-f", "json").stdout)
    assert data["pages"] >= 5
    glosses = [e for e in data["articles"][0]["log"] if e["rule"] == "pinyin_gloss"]
    assert glosses[0]["page"] == 1 and glosses[-1]["page"] == data["pages"]


@pytest.mark.parametrize(
    "kind, cause",
    [
        ("empty", "is empty"),
        ("binary", "looks like a binary file"),
        ("unknown_ext", "unsupported file type"),
        ("directory", "is a directory"),
        ("encrypted_pdf", "is encrypted"),
        ("scanned_pdf", "has no text layer (scanned? OCR it first)"),
        ("truncated_pdf", "is damaged or truncated"),
    ],
)
def test_bad_input_is_one_line_on_stderr(bad_inputs, kind, cause):
    result = run("clean", str(bad_inputs[kind]))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {bad_inputs[kind]}: ")
    assert cause in result.stderr


def test_analyse_prints_the_outline_in_chinese_and_english(seed_path):
    chinese = run("analyse", str(seed_path))
    assert chinese.returncode == 0, chinese.stderr
    assert "时期: 年份不详 上半年" in chinese.stdout and "[集体合同与工资协商]" in chinese.stdout
    english = run("analyse", str(seed_path), "--lang", "en", "--period", "2022H1")
    assert "Period: 2022 first half" in english.stdout
    assert "[Collective contracts & wage negotiation]" in english.stdout


def test_analyse_json_keeps_the_documented_names(seed_path):
    data = json.loads(run("analyse", str(seed_path), "-f", "json").stdout)
    report = data["reports"][0]
    assert {"period", "parts", "sections"} <= set(report)
    section = report["sections"][0]
    assert {"id", "heading", "level", "part", "theme", "span"} <= set(section)
    assert section["part"] == "review" and section["level"] == 1
    assert section["span"]["original_text"].startswith("——全面實施")


def test_analyse_with_a_bad_taxonomy_is_one_line(tmp_path, seed_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[x]\n", encoding="utf-8")
    result = run("analyse", str(seed_path), "--taxonomy", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {bad}: is not a usable theme taxonomy")
