"""PDF text with pages, running headers/footers removed and wrapped lines re-joined.

Each PDF is opened once and each page's characters are laid out once
(``extract_text_lines``); headers, footers and line joins are decided from
the positions of that single pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from summarylens import rules
from summarylens.errors import CorruptFileError, EncryptedFileError, NoTextLayerError
from summarylens.model import RawDocument

DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]


def read(path: Path, data: bytes) -> RawDocument:
    pages = _layout_pages(path, data)
    if not any(page.lines for page in pages):
        raise NoTextLayerError(path)
    body = strip_running_lines(pages)
    text, page_starts = join_lines(body)
    return RawDocument(str(path), text, "pdf", None, page_starts)


def _layout_pages(path: Path, data: bytes) -> list[Page]:
    """Lay out every page once; a damaged or locked file becomes a named error."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [
                Page(
                    float(page.width),
                    float(page.height),
                    tuple(
                        Line(raw["text"], raw["x0"], raw["x1"], raw["top"], raw["bottom"])
                        for raw in page.extract_text_lines(return_chars=False)
                        if raw["text"].strip()
                    ),
                )
                for page in pdf.pages
            ]
    except Exception as error:  # pdfminer raises dozens of types on damaged input
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedFileError(path) from error
        raise CorruptFileError(path, type(cause).__name__) from error


def strip_running_lines(pages: list[Page]) -> list[Page]:
    """Drop page numbers and header/footer lines that repeat across pages."""
    config = rules.load("ingest")["pdf"]
    page_number = rules.compiled("ingest", "pdf", "page_number_patterns")
    edge = config["edge_lines"]

    def candidates(page: Page) -> list[Line]:
        margin = page.height * config["margin_share"]
        ends = page.lines[:edge] + page.lines[-edge:]
        return [
            line
            for line in dict.fromkeys(ends)
            if line.top < margin or line.bottom > page.height - margin
        ]

    def shape(line: Line) -> str:
        return DIGITS.sub("#", line.text.replace(" ", ""))

    shapes = Counter(key for page in pages for key in {shape(li) for li in candidates(page)})
    min_repeats = max(2, config["repeat_share"] * len(pages))
    stripped = []
    for page in pages:
        running = {
            line
            for line in candidates(page)
            if page_number.match(line.text.strip()) or shapes[shape(line)] >= min_repeats
        }
        stripped.append(
            Page(page.width, page.height, tuple(li for li in page.lines if li not in running))
        )
    return stripped


def join_lines(pages: list[Page]) -> tuple[str, tuple[int, ...]]:
    """Re-join wrapped lines (no space: Chinese has none) and keep real breaks.

    Returns the text and the offset at which each page begins.
    """
    config = rules.load("ingest")["pdf"]
    heading = rules.compiled("ingest", "pdf", "heading_starts")
    sentence_end = tuple(config["sentence_end"])
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return "", tuple(0 for _ in pages)
    char_width = median(line.bottom - line.top for line in lines)
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)

    def is_full(line: Line) -> bool:
        return line.x1 >= right - config["full_line_slack_chars"] * char_width

    def is_indented(line: Line) -> bool:
        return line.x0 >= left + config["indent_chars"] * char_width

    uses_indent = sum(map(is_indented, lines)) >= 0.05 * len(lines)

    def continues(line: Line, following: Line) -> bool:
        text = line.text.rstrip()
        if not is_full(line) or is_indented(following) or heading.match(following.text.lstrip()):
            return False
        return uses_indent or not text.endswith(sentence_end)

    parts: list[str] = []
    page_starts: list[int] = []
    length = 0
    previous: Line | None = None
    for page in pages:
        page_starts.append(length)
        for line in page.lines:
            if previous is not None and not continues(previous, line):
                parts.append("\n")
                length += 1
            if line is page.lines[0]:
                page_starts[-1] = length
            text = line.text.strip()
            parts.append(text)
            length += len(text)
            previous = line
    return "".join(parts), tuple(page_starts)
