"""Write one report text as several file formats, plus deliberately bad inputs.

Dev-time helper (not part of the installed package): tests, benchmarks and the
corpus builder use it to check that every reader recovers the same text no matter
which container or encoding it arrives in, and that bad inputs fail cleanly.

All functions are pure apart from writing the files they are asked to write, and
the output is deterministic: the same input gives byte-identical files (PDFs use
reportlab's ``invariant=1``; DOCX zip entries get a fixed timestamp).
"""

from __future__ import annotations

import html
import io
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

DEFAULT_PDF_HEADER = "邮政工会工作总结 · 内部资料"

PDF_FONT = "STSong-Light"
PDF_FONT_SIZE = 11
PDF_MARGIN_LEFT = 72.0
PDF_MARGIN_RIGHT = 72.0
PDF_BODY_TOP = 72.0  # distance from the page top to the first body baseline
PDF_BODY_BOTTOM = 72.0  # lowest allowed body baseline
PDF_FIRST_LINE_INDENT = 2 * PDF_FONT_SIZE  # two full-width spaces
PDF_LINE_HEIGHT = 18.0
PDF_PARAGRAPH_GAP = 6.0
PDF_HEADER_Y_FROM_TOP = 40.0
PDF_FOOTER_Y = 30.0
PDF_HEADER_FONT_SIZE = 9
PDF_FOOTER_FONT_SIZE = 9

SITE_NAME = "青松范文网"
NAV_LINKS = [
    ("/", "首页"),
    ("/gongzuozongjie/", "工作总结"),
    ("/xindetihui/", "心得体会"),
    ("/shuzhibaogao/", "述职报告"),
    ("/jihuafangan/", "计划方案"),
    ("/fanwendaquan/", "范文大全"),
]
ASIDE_TITLE = "热门文章"
ASIDE_LINKS = [
    ("/a/1001.html", "社区网格员年度个人小结参考样例"),
    ("/a/1002.html", "乡镇图书室管理工作回顾模板"),
    ("/a/1003.html", "青年志愿服务队季度活动记录写法"),
    ("/a/1004.html", "基层食堂后勤保障工作体会汇编"),
]
FOOTER_COPYRIGHT = f"Copyright © 2024 {SITE_NAME} 版权所有 本站内容仅供学习参考"
FOOTER_ICP = "冀ICP备00000000号-1"

# Fixed timestamp for DOCX core properties and zip entries (zip cannot go below 1980).
_FIXED_DATETIME = datetime(2024, 1, 1, 0, 0, 0)
_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Characters XML 1.0 forbids; python-docx/lxml would raise on them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Our own sample text for the bad PDFs, so they do not depend on the caller.
_SAMPLE_PDF_PARAGRAPHS = [
    "关于二〇二三年度社区服务中心工作的情况汇报",
    "一年来，中心围绕便民服务这条主线，先后完成了服务大厅改造、老年食堂试运营和"
    "志愿者积分制度三项重点任务，累计接待群众一万二千余人次，满意率保持在百分之九十五以上。",
    "在队伍建设方面，我们坚持每月一次业务培训，全年组织集中学习十二次，"
    "选派七名骨干参加区里组织的专题轮训，工作人员的业务水平有了明显提高。",
    "存在的不足主要是：部分服务事项办理时限偏长，线上预约渠道宣传不够，"
    "个别窗口人员服务意识有待加强。下一步，我们将逐项制定整改措施，明确责任人和完成时限。",
]


@dataclass(frozen=True)
class _PdfLine:
    """One body line placed on a page, so layout and drawing stay separate."""

    x: float
    y: float
    text: str


def report_paragraphs(text: str) -> list[str]:
    """Non-empty lines of the text, as DOCX and HTML variants store them."""
    return [line for line in text.splitlines() if line.strip()]


def big5_representable(text: str) -> str:
    """The text as it survives a Big5 round trip with errors="replace".

    Lets tests compare the decoded Big5 file with like: every code point Big5
    cannot encode becomes "?", exactly as the codec's replace handler does
    (it replaces per code point, so encoding one character at a time matches).
    """
    out = []
    for ch in text:
        try:
            ch.encode("big5")
        except UnicodeEncodeError:
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)


def _register_pdf_font() -> None:
    """Register the built-in CID font; idempotent, reportlab keeps a registry."""
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


def _pdf_safe(text: str) -> str:
    """Make text drawable: NBSP/tabs extract as nothing, non-BMP chars get mangled."""
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return "".join(ch if ord(ch) <= 0xFFFF else "?" for ch in text)


def _wrap_paragraph(paragraph: str, width: float, first_indent: float) -> list[str]:
    """Wrap character by character, since Chinese has no spaces to break at."""
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    limit = width - first_indent
    for ch in paragraph:
        w = pdfmetrics.stringWidth(ch, PDF_FONT, PDF_FONT_SIZE)
        if current and used + w > limit:
            lines.append("".join(current))
            current, used, limit = [], 0.0, width
        current.append(ch)
        used += w
    if current:
        lines.append("".join(current))
    return lines


def _layout_pdf(text: str, page_size: tuple[float, float] = A4) -> list[list[_PdfLine]]:
    """Paginate before drawing so the footer can show the real total page count."""
    page_width, page_height = page_size
    body_width = page_width - PDF_MARGIN_LEFT - PDF_MARGIN_RIGHT
    top_y = page_height - PDF_BODY_TOP
    pages: list[list[_PdfLine]] = [[]]
    y = top_y
    for paragraph in report_paragraphs(text):
        wrapped = _wrap_paragraph(_pdf_safe(paragraph).strip(), body_width, PDF_FIRST_LINE_INDENT)
        for i, line in enumerate(wrapped):
            if y < PDF_BODY_BOTTOM:
                pages.append([])
                y = top_y
            x = PDF_MARGIN_LEFT + (PDF_FIRST_LINE_INDENT if i == 0 else 0.0)
            pages[-1].append(_PdfLine(x, y, line))
            y -= PDF_LINE_HEIGHT
        if y != top_y:  # no gap at the top of a fresh page
            y -= PDF_PARAGRAPH_GAP
    return pages


def _draw_pdf(c: canvas.Canvas, pages: list[list[_PdfLine]], header: str) -> None:
    """Draw laid-out pages with a header and a "page N of M" footer on each."""
    page_width, page_height = A4
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        c.setFont(PDF_FONT, PDF_HEADER_FONT_SIZE)
        c.drawCentredString(page_width / 2, page_height - PDF_HEADER_Y_FROM_TOP, _pdf_safe(header))
        c.setFont(PDF_FONT, PDF_FONT_SIZE)
        for line in lines:
            c.drawString(line.x, line.y, line.text)
        c.setFont(PDF_FONT, PDF_FOOTER_FONT_SIZE)
        c.drawCentredString(page_width / 2, PDF_FOOTER_Y, f"第 {number} 頁 共 {total} 頁")
        c.showPage()


def write_pdf(text: str, path: Path, header: str = DEFAULT_PDF_HEADER, **canvas_kwargs) -> Path:
    """Multi-page A4 PDF with running header/footer, the layout real reports use."""
    _register_pdf_font()
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, **canvas_kwargs)
    _draw_pdf(c, _layout_pdf(text), header)
    c.save()
    return path


def _pdf_bytes(text: str, header: str = DEFAULT_PDF_HEADER, **canvas_kwargs) -> bytes:
    """Render a PDF in memory, for variants that post-process the bytes."""
    _register_pdf_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, **canvas_kwargs)
    _draw_pdf(c, _layout_pdf(text), header)
    c.save()
    return buf.getvalue()


def _normalize_zip(path: Path) -> None:
    """Rewrite a zip with fixed entry timestamps; python-docx stamps the current time."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)


def _docx_clean(s: str) -> str:
    """Drop characters XML cannot hold, or python-docx refuses the paragraph."""
    return _XML_ILLEGAL.sub("", s)


def _new_document():
    """A Document with fixed core properties, for byte-identical output."""
    doc = Document()
    props = doc.core_properties
    props.author = "summarylens"
    props.last_modified_by = "summarylens"
    props.created = _FIXED_DATETIME
    props.modified = _FIXED_DATETIME
    props.revision = 1
    return doc


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """Plain DOCX, one paragraph each, so extraction can be compared line for line."""
    doc = _new_document()
    for p in paragraphs:
        doc.add_paragraph(_docx_clean(p))
    doc.save(str(path))
    _normalize_zip(path)
    return path


def write_docx_with_table(path: Path, paragraphs: list[str], table: list[list[str]]) -> Path:
    """DOCX with paragraphs then a table, to check readers extract table cells too."""
    doc = _new_document()
    for p in paragraphs:
        doc.add_paragraph(_docx_clean(p))
    if table:
        cols = max(len(row) for row in table)
        t = doc.add_table(rows=len(table), cols=cols)
        for r, row in enumerate(table):
            for col, value in enumerate(row):
                t.cell(r, col).text = _docx_clean(value)
    doc.save(str(path))
    _normalize_zip(path)
    return path


def render_html(text: str) -> str:
    """A saved-web-page look-alike, with site chrome around the article to strip."""
    paragraphs = report_paragraphs(text)
    title = f"{paragraphs[0].strip()} - {SITE_NAME}" if paragraphs else SITE_NAME
    nav = "\n".join(f'      <a href="{href}">{label}</a>' for href, label in NAV_LINKS)
    aside = "\n".join(f'      <li><a href="{href}">{label}</a></li>' for href, label in ASIDE_LINKS)
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        f"  <title>{html.escape(title)}</title>\n"
        "</head>\n"
        "<body>\n"
        "  <header>\n"
        f'    <div class="logo"><a href="/">{SITE_NAME}</a></div>\n'
        "    <nav>\n"
        f"{nav}\n"
        "    </nav>\n"
        "  </header>\n"
        "  <main>\n"
        "    <article>\n"
        f"{body}\n"
        "    </article>\n"
        "  </main>\n"
        "  <aside>\n"
        f"    <h3>{ASIDE_TITLE}</h3>\n"
        "    <ul>\n"
        f"{aside}\n"
        "    </ul>\n"
        "  </aside>\n"
        "  <footer>\n"
        f"    <p>{html.escape(FOOTER_COPYRIGHT)}</p>\n"
        f"    <p>{FOOTER_ICP}</p>\n"
        "  </footer>\n"
        "</body>\n"
        "</html>\n"
    )


def write_variants(
    text: str,
    out_dir: Path,
    stem: str = "report",
    pdf_header: str = DEFAULT_PDF_HEADER,
) -> dict[str, Path]:
    """Write the same report in every supported format and encoding."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "utf8": out_dir / f"{stem}.utf8.txt",
        "utf8_bom": out_dir / f"{stem}.utf8bom.txt",
        "utf16": out_dir / f"{stem}.utf16.txt",
        "gb18030": out_dir / f"{stem}.gb18030.txt",
        "big5": out_dir / f"{stem}.big5.txt",
        "docx": out_dir / f"{stem}.docx",
        "html": out_dir / f"{stem}.html",
        "pdf": out_dir / f"{stem}.pdf",
    }
    # Bytes, not text mode: keep the caller's line endings exactly.
    paths["utf8"].write_bytes(text.encode("utf-8"))
    paths["utf8_bom"].write_bytes(text.encode("utf-8-sig"))
    paths["utf16"].write_bytes(text.encode("utf-16"))
    paths["gb18030"].write_bytes(text.encode("gb18030"))
    paths["big5"].write_bytes(text.encode("big5", errors="replace"))
    write_docx(paths["docx"], report_paragraphs(text))
    paths["html"].write_bytes(render_html(text).encode("utf-8"))
    write_pdf(text, paths["pdf"], header=pdf_header)
    return paths


def _scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF with shapes only, like a scan without OCR: readers must find no text."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    rng = random.Random(1)
    for _ in range(pages):
        c.setFillGray(0.93)
        c.rect(36, 36, width - 72, height - 72, stroke=0, fill=1)
        c.setFillGray(0.25)
        y = height - 90
        while y > 90:  # grey bars where text lines would be
            x = 72.0
            while x < width - 90:
                w = rng.uniform(8, 40)
                c.rect(x, y, w, 9, stroke=0, fill=1)
                x += w + rng.uniform(3, 9)
            y -= 18
        c.showPage()
    c.save()
    return buf.getvalue()


def write_bad_inputs(out_dir: Path) -> dict[str, Path]:
    """Inputs that readers must reject or handle gracefully, never crash on."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sample = "\n".join(_SAMPLE_PDF_PARAGRAPHS) + "\n"
    paths = {
        "empty": out_dir / "bad_empty.txt",
        "whitespace": out_dir / "bad_whitespace.txt",
        "binary": out_dir / "bad_binary.txt",
        "unknown_ext": out_dir / "bad_unknown.xyz",
        "directory": out_dir / "folder.txt",
        "truncated_pdf": out_dir / "bad_truncated.pdf",
        "corrupt_pdf": out_dir / "bad_corrupt.pdf",
        "encrypted_pdf": out_dir / "bad_encrypted.pdf",
        "scanned_pdf": out_dir / "bad_scanned.pdf",
        "corrupt_docx": out_dir / "bad_corrupt.docx",
    }
    paths["empty"].write_bytes(b"")
    paths["whitespace"].write_bytes(b"   \n\n \t \r\n    \n")
    binary = bytearray(random.Random(0).randbytes(4096))
    binary[0:4] = b"\x00\x00\xff\x00"  # guarantee NULs regardless of the RNG stream
    paths["binary"].write_bytes(bytes(binary))
    paths["unknown_ext"].write_bytes(sample.encode("utf-8"))
    paths["directory"].mkdir(exist_ok=True)
    full = _pdf_bytes(sample)
    paths["truncated_pdf"].write_bytes(full[: int(len(full) * 0.4)])
    garbage = bytes(random.Random(2).randbytes(2048))
    paths["corrupt_pdf"].write_bytes(b"%PDF-1.4\n" + garbage)
    paths["encrypted_pdf"].write_bytes(
        _pdf_bytes(sample, encrypt=StandardEncryption("secret", canPrint=0))
    )
    paths["scanned_pdf"].write_bytes(_scanned_pdf_bytes())
    paths["corrupt_docx"].write_bytes(
        "这不是一个压缩包，只是改了扩展名的文本。\n".encode() + garbage[:512]
    )
    return paths


def main(argv: list[str]) -> int:
    """CLI: write variants of a seed text and the bad inputs into one folder."""
    if len(argv) != 2:
        print("usage: python tools/variants.py SEED_TXT OUT_DIR", file=sys.stderr)
        return 2
    seed, out_dir = Path(argv[0]), Path(argv[1])
    text = seed.read_text(encoding="utf-8-sig")
    for key, path in {**write_variants(text, out_dir), **write_bad_inputs(out_dir)}.items():
        print(f"{key}\t{path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
