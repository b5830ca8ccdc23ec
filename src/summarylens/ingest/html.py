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
    root = tree.css_first("article") or tree.css_first("main")
    if root is None:
        root = tree.body
        if root is None:
            raise NoTextError(path)
        _drop_link_lists(root, config)
    text = "\n".join(line.strip() for line in _block_lines(root, set(config["block_tags"])))
    check_text(path, text)
    return RawDocument(str(path), text, "html", encoding)


def _drop_link_lists(root, config: dict) -> None:
    """Remove menus and link lists: blocks whose visible text is mostly link text."""
    for node in root.css(",".join(config["link_list_tags"])):
        if node.parent is None:
            continue
        text = _visible_length(node.text(deep=True))
        if not text:
            continue
        links = sum(_visible_length(link.text(deep=True)) for link in node.css("a"))
        if links / text > config["max_link_share"]:
            node.decompose()


def _visible_length(text: str) -> int:
    return len("".join(text.split()))


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
