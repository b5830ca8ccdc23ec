"""Checks for tools/variants.py, the generator other tests rely on for inputs."""

from __future__ import annotations

import html
import re
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import variants

_SECTIONS = ["一、基本情况", "二、主要做法", "三、存在的问题", "四、下一步打算"]
_SENTENCES = [
    "第{q}季度，分会共走访困难职工{a}户，发放慰问金{b}万元，帮助{c}名职工子女解决入学难题。",
    "围绕年度业务目标，{c}个基层班组开展了技能比武，参赛职工{a}人次，评出岗位能手{q}名。",
    "在安全生产方面，全年组织隐患排查{a}次，督促整改问题{c}项，没有发生责任事故。",
    "职工书屋新增图书{a}册，举办读书分享会{c}场，参与人数比上年增长百分之{q}。",
    "我们把职工代表的{c}条意见逐条登记，已经答复办结{a}条，其余的明确了办理时限。",
]


def _fictional_report() -> str:
    """A made-up ~5,000-char work report, including chars Big5 and PDFs find awkward."""
    lines = ["二〇二三年度基层工会工作小结", ""]
    n = 0
    for section in _SECTIONS:
        lines.append(section)
        for i in range(6):
            sentences = []
            for s in _SENTENCES:
                n += 1
                sentences.append(s.format(q=n % 4 + 1, a=n * 7 + 3, b=n % 9 + 2, c=n * 3 + i))
            lines.append("".join(sentences))
        lines.append("")
    # Pinyin tone letters, a no-break space and a tab: Big5 and PDF edge cases.
    lines.append("注：工会读作 gōng huì，全年经费约 12\u00a0万元。\t以上数据截至十二月底。")
    return "\n".join(lines) + "\n"


TEXT = _fictional_report()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _write_all(tmp_path_factory.mktemp("variants"))


def _squash(s: str) -> str:
    """Drop whitespace and the middle dot, which pdfminer does not map back."""
    return re.sub(r"[\s\u00b7]", "", s)


def test_text_is_long_enough() -> None:
    assert 3000 <= len(TEXT) <= 6000


def test_every_file_exists(out: dict[str, Path]) -> None:
    for key, path in out.items():
        if key == "directory":
            assert path.is_dir() and path.name == "folder.txt"
        elif key == "empty":
            assert path.is_file() and path.stat().st_size == 0
        else:
            assert path.is_file() and path.stat().st_size > 0, key


def test_text_variants_decode_back(out: dict[str, Path]) -> None:
    assert out["utf8"].read_bytes() == TEXT.encode("utf-8")
    assert out["utf8_bom"].read_bytes().startswith(b"\xef\xbb\xbf")
    assert out["utf8_bom"].read_bytes().decode("utf-8-sig") == TEXT
    assert out["utf16"].read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert out["utf16"].read_bytes().decode("utf-16") == TEXT
    assert out["gb18030"].read_bytes().decode("gb18030") == TEXT
    assert out["big5"].read_bytes().decode("big5") == variants.big5_representable(TEXT)


def test_big5_representable_matches_encoder() -> None:
    sample = "汉字漢字 gōng\u00a0huì 這是測試😀"
    expected = sample.encode("big5", errors="replace").decode("big5")
    assert variants.big5_representable(sample) == expected
    assert variants.big5_representable("漢字測試") == "漢字測試"
    assert "?" in variants.big5_representable(TEXT)


def test_docx_has_one_paragraph_per_line(out: dict[str, Path]) -> None:
    paragraphs = [p.text for p in docx.Document(str(out["docx"])).paragraphs]
    assert paragraphs == variants.report_paragraphs(TEXT)


def test_docx_with_table(tmp_path: Path) -> None:
    path = variants.write_docx_with_table(
        tmp_path / "t.docx", ["表格前的说明"], [["项目", "完成数"], ["走访户数", "42"]]
    )
    doc = docx.Document(str(path))
    assert [p.text for p in doc.paragraphs] == ["表格前的说明"]
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells == [["项目", "完成数"], ["走访户数", "42"]]


def test_html_wraps_article_in_site_chrome(out: dict[str, Path]) -> None:
    page = out["html"].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    article = page.split("<article>")[1].split("</article>")[0]
    assert re.findall(r"<p>(.*?)</p>", article) == [
        html.escape(p) for p in variants.report_paragraphs(TEXT)
    ]
    for tag in ("<header>", "<nav>", "<aside>", "<footer>"):
        assert tag in page
    chrome = [*re.findall(r">([^<>]+)</a>", page), variants.FOOTER_ICP]
    assert len(chrome) >= 10
    assert not set(chrome) & {line.strip() for line in TEXT.splitlines()}


def test_pdf_pages_header_and_footer(out: dict[str, Path]) -> None:
    with pdfplumber.open(out["pdf"]) as pdf:
        pages = [page.extract_text().splitlines() for page in pdf.pages]
    total = len(pages)
    assert total >= 3
    for number, lines in enumerate(pages, start=1):
        assert _squash(lines[0]) == _squash(variants.DEFAULT_PDF_HEADER)
        assert lines[-1] == f"第 {number} 頁 共 {total} 頁"
    assert "第 1 頁 共" in "\n".join(pages[0])
    # Body lines, in order, hold exactly the report text: nothing lost in wrapping.
    body = "".join(line for lines in pages for line in lines[1:-1])
    assert _squash(body) == _squash(TEXT)


def test_pdf_body_stays_inside_margins(out: dict[str, Path]) -> None:
    with pdfplumber.open(out["pdf"]) as pdf:
        for page in pdf.pages:
            body = [c for c in page.chars if 60 < c["top"] < page.height - 60]
            assert min(c["x0"] for c in body) >= 72 - 0.01
            assert max(c["x1"] for c in body) <= page.width - 72 + 0.01


def _write_all(d: Path) -> dict[str, Path]:
    return {**variants.write_variants(TEXT, d), **variants.write_bad_inputs(d)}


def test_output_is_deterministic(tmp_path: Path) -> None:
    a = _write_all(tmp_path / "a")
    b = _write_all(tmp_path / "b")
    for key in a:
        if key != "directory":
            assert a[key].read_bytes() == b[key].read_bytes(), key


def test_encrypted_pdf_needs_password(out: dict[str, Path]) -> None:
    with pytest.raises(PdfminerException) as info:
        pdfplumber.open(out["encrypted_pdf"])
    assert isinstance(info.value.args[0], PDFPasswordIncorrect)
    with pdfplumber.open(out["encrypted_pdf"], password="secret") as pdf:
        assert len(pdf.pages) >= 1


def test_scanned_pdf_has_no_text(out: dict[str, Path]) -> None:
    with pdfplumber.open(out["scanned_pdf"]) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert page.chars == []
            assert page.rects


def test_broken_files_are_broken(out: dict[str, Path]) -> None:
    binary = out["binary"].read_bytes()
    assert len(binary) == 4096 and b"\x00" in binary
    assert out["whitespace"].read_bytes().strip() == b""
    assert out["unknown_ext"].suffix == ".xyz"
    truncated = out["truncated_pdf"].read_bytes()
    assert truncated.startswith(b"%PDF") and b"%%EOF" not in truncated
    assert out["corrupt_pdf"].read_bytes().startswith(b"%PDF-1.4\n")
    assert not zipfile.is_zipfile(out["corrupt_docx"])
    for key in ("truncated_pdf", "corrupt_pdf"):
        with pytest.raises(PdfminerException):
            pdfplumber.open(out[key])
