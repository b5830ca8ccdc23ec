"""Reading every supported format, and a named one-line error for everything else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import variants

from summarylens import errors
from summarylens.clean import clean
from summarylens.ingest import read, supported
from summarylens.normalise import simplify, to_halfwidth
from summarylens.pipeline import clean_file

WHITESPACE = re.compile(r"\s+")


def _normalised_without_whitespace(path: Path) -> str:
    articles = clean_file(path).articles
    return WHITESPACE.sub("", "".join(article.text for article in articles))


@pytest.mark.parametrize(
    "variant, encoding",
    [
        ("utf8_bom", "utf-8-sig"),
        ("utf16", "utf-16"),
        ("gb18030", "gb18030"),
        ("docx", None),
        ("html", "utf-8"),
        ("pdf", None),
    ],
)
def test_every_format_cleans_to_the_same_text(seed_path, seed_variants, variant, encoding):
    expected = _normalised_without_whitespace(seed_path)
    assert read(seed_variants[variant]).encoding == encoding
    assert _normalised_without_whitespace(seed_variants[variant]) == expected


def test_big5_copy_cleans_to_the_same_text_but_for_characters_big5_lacks(seed_path, seed_variants):
    """Big5 cannot hold tone-marked pinyin or some simplified characters: a Big5 copy
    has '?' there. Its glosses (發(f?)展) must still go, and all else must match."""
    raw = read(seed_variants["big5"])
    assert raw.encoding == "big5"
    original = "".join(article.text for article in clean(read(seed_path)))
    expected = to_halfwidth(simplify(variants.big5_representable(original))[0])
    assert _normalised_without_whitespace(seed_variants["big5"]) == WHITESPACE.sub("", expected)


def test_pdf_loses_running_header_and_page_footers(seed_variants):
    raw = read(seed_variants["pdf"])
    assert len(raw.page_starts) >= 5
    assert "內部資料" not in raw.text and "内部资料" not in raw.text
    assert not re.search(r"第\s*\d+\s*[頁页]\s*共", raw.text)


def test_pdf_rejoins_wrapped_lines_and_keeps_paragraphs(seed_path, seed_variants):
    """Every paragraph comes back as one line: wrapped ones re-joined, short ones
    (headings, furniture) left alone. The PDF font has no glyph for the bullet '•'
    and the writer turns U+00A0 into a space, so those lines are compared without them."""
    pdf_lines = set(read(seed_variants["pdf"]).text.splitlines())
    lines = seed_path.read_text("utf-8").splitlines()
    paragraphs = [line.strip(" •") for line in lines if line.strip() and "\xa0" not in line]
    assert len([paragraph for paragraph in paragraphs if len(paragraph) > 60]) > 40
    assert [paragraph for paragraph in paragraphs if paragraph not in pdf_lines] == []


def test_pdf_page_of_every_character(seed_variants):
    import pdfplumber

    raw = read(seed_variants["pdf"])
    with pdfplumber.open(seed_variants["pdf"]) as pdf:
        last_page_text = WHITESPACE.sub("", pdf.pages[-1].extract_text())
    last_start = raw.page_starts[-1]
    assert raw.page_at(last_start) == len(raw.page_starts)
    assert raw.page_at(last_start - 1) == len(raw.page_starts) - 1
    assert WHITESPACE.sub("", raw.text[last_start : last_start + 20]) in last_page_text


def test_docx_includes_table_cells(tmp_path):
    path = variants.write_docx_with_table(
        tmp_path / "table.docx",
        ["一、主要指标完成情况", "上半年各项指标完成较好。"],
        [["指标", "完成值"], ["新建职工书屋", "6家"]],
    )
    text = read(path).text
    assert "新建职工书屋\t6家" in text
    assert text.index("上半年各项指标") < text.index("新建职工书屋")


def test_html_keeps_the_article_and_drops_navigation(seed_variants):
    text = read(seed_variants["html"]).text
    for chrome in ("心得体会", "述职报告", "热门文章", "ICP备"):
        assert chrome not in text
    assert "市郵政工會上半年工作總結和下半年工作安排" in text


TEMPLATE_PAGE = """<html><head><meta charset="gbk"><title>总结</title></head><body>
<div class="top"><a href="/">首页</a> | <a href="/a">工作总结</a> | <a href="/b">心得体会</a></div>
<div class="wrap"><div class="left"><h1>镇工会上半年工作总结</h1>
<div class="content"><p>上半年，镇工会开展劳动竞赛3项，参赛职工500余人次。</p>
<p>走访慰问困难职工__户，详见<a href="/x">镇政府网站</a>公告。</p></div></div>
<div class="right"><h3>热门文章</h3><ul><li><a href="/1">村委会工作总结</a></li>
<li><a href="/2">学校工会工作计划</a></li></ul></div></div></body></html>"""


def test_html_without_article_markup_drops_menus_and_link_lists(tmp_path):
    page = tmp_path / "template.html"
    page.write_bytes(TEMPLATE_PAGE.encode("gbk"))
    raw = read(page)
    assert raw.encoding == "gb18030"
    assert raw.text == (
        "镇工会上半年工作总结\n上半年，镇工会开展劳动竞赛3项，参赛职工500余人次。\n"
        "走访慰问困难职工__户，详见镇政府网站公告。"
    )


def test_html_entities_are_decoded(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><nav>首页</nav><article><p>会议纪要&lt;摘要&gt;已印发。</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p></article></body></html>",
        encoding="utf-8",
    )
    assert read(page).text == "会议纪要<摘要>已印发。\n<script>alert(1)</script>"


BAD_INPUTS = [
    ("empty", errors.EmptyFileError, "is empty"),
    ("whitespace", errors.EmptyFileError, "is empty"),
    ("binary", errors.BinaryFileError, "binary"),
    ("unknown_ext", errors.UnsupportedFormatError, "unsupported file type"),
    ("directory", errors.NotAFileError, "directory"),
    ("truncated_pdf", errors.CorruptFileError, "damaged or truncated"),
    ("corrupt_pdf", errors.CorruptFileError, "damaged or truncated"),
    ("encrypted_pdf", errors.EncryptedFileError, "encrypted"),
    ("scanned_pdf", errors.NoTextLayerError, "OCR it first"),
    ("corrupt_docx", errors.CorruptFileError, "damaged or truncated"),
]


@pytest.mark.parametrize("kind, error, cause", BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_bad_input_names_file_and_cause(bad_inputs, kind, error, cause):
    path = bad_inputs[kind]
    with pytest.raises(error) as raised:
        read(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and cause in message
    assert "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(errors.FileNotFound, match="no such file"):
        read(tmp_path / "gone.txt")


def test_unreadable_file(tmp_path, monkeypatch):
    """Root can read any file, so the permission failure is simulated."""
    path = tmp_path / "locked.txt"
    path.write_text("今年上半年工作总结。", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(errors.UnreadableFileError, match=r"cannot be read \(Permission denied"):
        read(path)


def test_bomless_utf16_is_text_not_binary(tmp_path):
    path = tmp_path / "le.txt"
    path.write_bytes("上半年召开职代会2次，征集提案15件。\n".encode("utf-16-le"))
    assert read(path).text.startswith("上半年召开职代会2次")


def test_crlf_line_ends_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行。\r\n第二行。\r\n".encode("gb18030"))
    assert read(path).text == "第一行。\n第二行。\n"


CORPUS_REPORTS = Path(__file__).resolve().parents[1] / "corpus" / "reports"
# A file whose extension says nothing is read as what its first bytes say it is.
SNIFFED = [
    ("postal/2022Y.pdf", "2022年工作总结", "pdf"),
    ("postal/2023H1.docx", "工作总结.doc", "docx"),
    ("bank/2022Y.html", "总结.doc", "html"),
    ("postal/2021H1.txt", "2021年上半年工作总结", "text"),
]


@pytest.mark.parametrize("source, name, kind", SNIFFED, ids=[row[2] for row in SNIFFED])
def test_a_file_without_a_telling_extension_is_read_by_its_content(tmp_path, source, name, kind):
    copy = tmp_path / name
    copy.write_bytes((CORPUS_REPORTS / source).read_bytes())
    document = read(copy)
    assert document.format == kind
    assert document.text.strip()


@pytest.mark.parametrize(
    "data, cause",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Word or WPS document"),
        (b"{\\rtf1\\ansi report}", "an RTF document"),
    ],
    ids=["ole", "rtf"],
)
def test_old_word_files_are_named_with_what_to_do(tmp_path, data, cause):
    path = tmp_path / "总结.wps"
    path.write_bytes(data)
    with pytest.raises(errors.UnsupportedFormatError) as raised:
        read(path)
    assert cause in str(raised.value) and "save it as .docx" in str(raised.value)


@pytest.mark.parametrize(
    "name, walked",
    [("2021.txt", True), ("总结.DOCX", True), ("总结.doc", True), ("总结.wps", True),
     ("README", False), ("photo.jpg", False)],
)  # fmt: skip
def test_a_directory_walk_takes_report_files(name, walked):
    assert supported(Path(name)) is walked
