"""User-facing failures: one class per cause, each message names the file.

The CLI prints ``str(error)`` as a single line and exits non-zero; anything
that is not a ``SummarylensError`` is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class SummarylensError(Exception):
    """Base of every failure a user can cause with their input or options."""

    cause = "cannot be processed"

    def __init__(self, path: str | Path, detail: str | None = None) -> None:
        self.path = str(path)
        self.detail = detail
        message = f"{self.path}: {self.cause}"
        if detail:
            message = f"{message} ({detail})"
        super().__init__(message)


class NotAFileError(SummarylensError):
    cause = "is a directory or not a regular file"


class FileNotFound(SummarylensError):
    cause = "no such file"


class UnreadableFileError(SummarylensError):
    cause = "cannot be read"


class EmptyFileError(SummarylensError):
    cause = "is empty"


class BinaryFileError(SummarylensError):
    cause = "looks like a binary file, not text"


class UnsupportedFormatError(SummarylensError):
    cause = "unsupported file type (expected .txt, .pdf, .docx, .html or .htm)"


class EncodingError(SummarylensError):
    cause = "text encoding could not be detected"


class CorruptFileError(SummarylensError):
    cause = "is damaged or truncated"


class EncryptedFileError(SummarylensError):
    cause = "is encrypted; decrypt it first"


class NoTextLayerError(SummarylensError):
    cause = "has no text layer (scanned? OCR it first)"


class NoTextError(SummarylensError):
    cause = "contains no text"


class CorpusNotFoundError(SummarylensError):
    cause = "no corpus here (expected manifest.toml; pass --corpus DIR)"


class CorpusFileMissingError(SummarylensError):
    cause = "is missing; run `make corpus` to build the corpus reports"


class TaxonomyError(SummarylensError):
    cause = "is not a usable theme taxonomy"


class OrganisationNotFound(SummarylensError):
    cause = "holds no organisation of that name"


class ArchiveError(SummarylensError):
    cause = "cannot be opened as an archive"


class DaskMissingError(SummarylensError):
    cause = "needs Dask: pip install -e '.[dask]'"


class SchedulerUnreachableError(SummarylensError):
    cause = "cannot be reached (is the Dask scheduler running there?)"
