"""Stage 1: a file on disk becomes a ``RawDocument``, one reader per format.

Each reader module exposes ``read(path, data)``, registered in ``READERS``; they are
imported only when a file of their kind arrives, so the CLI starts fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

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
    return path.suffix.lower() in READERS


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
    reader_name = READERS.get(path.suffix.lower())
    if reader_name is None:
        raise UnsupportedFormatError(path, f"got '{path.suffix or 'no extension'}'")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFileError(path, error.strerror or type(error).__name__) from error
    if not data.strip():
        raise EmptyFileError(path)
    reader = importlib.import_module(f"summarylens.ingest.{reader_name}")
    return reader.read(path, data)
