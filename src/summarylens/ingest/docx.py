"""Word documents: paragraphs and table cells in document order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from summarylens.errors import CorruptFileError, EncryptedFileError, NoTextError
from summarylens.ingest import signature
from summarylens.model import RawDocument


def read(path: Path, data: bytes) -> RawDocument:
    if data.startswith(signature("ole")):  # encrypted Office files are OLE, not zips
        raise EncryptedFileError(path, "or an old binary .doc; save it as .docx")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise CorruptFileError(path, type(error).__name__) from error
    lines = [text for text in _block_texts(document) if text.strip()]
    if not lines:
        raise NoTextError(path)
    return RawDocument(str(path), "\n".join(lines), "docx", None)


def _block_texts(document) -> list[str]:
    """Paragraph texts, with each table row's distinct cells joined by tabs."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    texts = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
                texts.append("\t".join(cells))
    return texts
