"""Stage 1: a file on disk becomes a ``RawDocument``, one reader per format.

Each reader module exposes ``read(path, data)``, registered in ``READERS``; they are
imported only when a file of their kind arrives, so the CLI starts fast. A file whose
extension says nothing (none, or .doc/.wps) goes to the reader its first bytes name.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from summarylens import rules
from summarylens.errors import (
    EmptyFileError,
    FileNotFound,
    NotAFileError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from summarylens.model import RawDocument

READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}


def supported(path: Path) -> bool:
    """Whether a directory walk takes the file: a reader's extension, or .doc/.wps
    (read by content; an old Word file then fails with its hint). A file without an
    extension is read only when named."""
    suffix = path.suffix.lower()
    return suffix in READERS or (
        bool(suffix) and suffix in rules.load("ingest")["sniff"]["extensions"]
    )


def read(path: str | Path) -> RawDocument:
    """Read any supported file.

    Raises:
        SummarylensError: a subclass naming the file and why it cannot be read.
    """
    path = Path(path)
    if path.is_dir():
        raise NotAFileError(path)
    if not path.exists():
        raise FileNotFound(path)
    suffix = path.suffix.lower()
    reader_name = READERS.get(suffix)
    if reader_name is None and suffix not in rules.load("ingest")["sniff"]["extensions"]:
        raise UnsupportedFormatError(path, f"got '{path.suffix}'")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFileError(path, error.strerror or type(error).__name__) from error
    if not data.strip():
        raise EmptyFileError(path)
    reader_name = reader_name or sniffed(path, data)
    reader = importlib.import_module(f"summarylens.ingest.{reader_name}")
    return reader.read(path, data)


def signature(name: str) -> bytes:
    """A file signature from ingest.toml's ``[sniff]`` table."""
    return rules.load("ingest")["sniff"][name].encode("latin-1")


def sniffed(path: Path, data: bytes) -> str:
    """The reader for a file whose extension says nothing, from its first bytes;
    plain text when they name no other format (the text reader rejects binaries).

    Raises:
        UnsupportedFormatError: an old Word/WPS (OLE2) or RTF document.
    """
    if data.startswith(signature("pdf")):
        return "pdf"
    if data.startswith(signature("docx_zip")) and signature("docx_member") in data:
        return "docx"
    if data.startswith(signature("ole")):
        raise UnsupportedFormatError(path, "an old Word or WPS document; save it as .docx")
    if data.startswith(signature("rtf")):
        raise UnsupportedFormatError(path, "an RTF document; save it as .docx")
    head = data[:2000].lower()
    markers = rules.load("ingest")["sniff"]["html_markers"]
    return "html" if any(marker.encode() in head for marker in markers) else "text"
