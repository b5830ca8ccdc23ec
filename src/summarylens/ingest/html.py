"""Saved web pages: the article's text, with navigation, asides and footers left out."""

from __future__ import annotations

from pathlib import Path

from summarylens import rules
from summarylens.errors import NoTextError
from summarylens.ingest.text import check_text, decode
from summarylens.model import RawDocument


def read(path: Path, data: bytes) -> RawDocument:
    from selectolax.lexbor import LexborHTMLParser

    markup, encoding = decode(path, data)
    tree = LexborHTMLParser(markup)
    config = rules.load("ingest")["html"]
    tree.strip_tags(config["drop_tags"])
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        raise NoTextError(path)
    text = "\n".join(line.strip() for line in _block_lines(root, set(config["block_tags"])))
    check_text(path, text)
    return RawDocument(str(path), text, "html", encoding)


def _block_lines(root, block_tags: set[str]) -> list[str]:
    """Text with a line break around every block element, empty lines dropped."""
    pieces: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            pieces.append(node)
        elif node.tag == "-text":
            pieces.append(node.text_content or "")
        else:
            breaks = node.tag in block_tags
            stack.append("\n" if breaks else "")
            stack.extend(reversed(list(node.iter(include_text=True))))
            if breaks:
                pieces.append("\n")
    return [line for line in "".join(pieces).split("\n") if line.strip()]
