"""Plain text in whatever encoding Chinese offices save it: UTF-8/16, GB18030, Big5."""

from __future__ import annotations

import codecs
from pathlib import Path

from summarylens.errors import BinaryFileError, EncodingError, NoTextError
from summarylens.model import RawDocument

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of control characters (other than whitespace) above which decoded
# "text" is really binary that happened to decode.
MAX_CONTROL_SHARE = 0.01


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
    if b"\x00" in data[:4096] and not _looks_like_bomless_utf16(data):
        raise BinaryFileError(path)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryFileError(path)
    return str(best), _canonical_encoding(best.encoding)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM has a NUL in every other byte of ASCII text and
    none elsewhere; real binaries scatter NULs anywhere."""
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    return len(sample) % 2 == 0 and min(even_nuls, odd_nuls) == 0 and max(even_nuls, odd_nuls) > 0


def _canonical_encoding(name: str) -> str:
    return codecs.lookup(name).name


def check_text(path: Path, text: str) -> None:
    """Reject decoded text that is really binary or holds nothing."""
    if not text.strip():
        raise NoTextError(path)
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\v")
    if controls / len(text) > MAX_CONTROL_SHARE:
        raise BinaryFileError(path)


def read(path: Path, data: bytes) -> RawDocument:
    text, encoding = decode(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(path, text)
    return RawDocument(source=str(path), text=text, format="text", encoding=encoding)
