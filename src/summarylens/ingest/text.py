"""Plain text in whatever encoding Chinese offices save it: UTF-8/16, GB18030, Big5."""

from __future__ import annotations

import codecs
from pathlib import Path

from summarylens import rules
from summarylens.errors import BinaryFileError, EncodingError, NoTextError
from summarylens.model import RawDocument

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that do not occur in text (all below space but tab and line breaks).
CONTROLS = tuple(chr(code) for code in range(32) if chr(code) not in "\t\n\r\f\v")


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding name).

    A BOM is trusted; otherwise charset-normalizer decides, because trying
    codecs in order lets Big5 decode "successfully" as GBK garbage.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise EncodingError(path, f"{encoding} BOM but invalid {encoding}") from error
    from charset_normalizer import from_bytes

    # Text without a single NUL byte is not UTF-16/32 (its ASCII would give NULs),
    # and text with NULs is nothing else: tell the detector which world it is in.
    config = rules.load("ingest")["text"]
    candidates = config["wide_encodings"] if b"\x00" in data else config["encodings"]
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        raise BinaryFileError(path)
    return str(best), _canonical_encoding(best.encoding)


def _canonical_encoding(name: str) -> str:
    return codecs.lookup(name).name


def check_text(path: Path, text: str) -> None:
    """Reject decoded text that is really binary or holds nothing."""
    if not text.strip():
        raise NoTextError(path)
    controls = sum(map(text.count, CONTROLS))
    if controls / len(text) > rules.load("ingest")["text"]["max_control_share"]:
        raise BinaryFileError(path)


def read(path: Path, data: bytes) -> RawDocument:
    text, encoding = decode(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(path, text)
    return RawDocument(source=str(path), text=text, format="text", encoding=encoding)
