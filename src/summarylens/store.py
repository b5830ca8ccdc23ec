"""The DuckDB archive: schema by versioned migrations, one transaction per file.

A file's report rows are written in a single transaction, so a run killed at
any moment leaves each file either fully stored or absent; files are keyed by
the hash of their bytes, which is what makes a re-run skip the unchanged ones.
Schema: ``data/migrations/NNN_*.sql`` (documented there), applied in order.

Each report's whole analysis, which only the audit of the next report reads, is
kept beside the database in ``ARCHIVE.analyses``, a SQLite file: as a DuckDB
column these blobs were re-read at every checkpoint, so peak memory grew with
the archive. It is written before the file's rows, so a run killed between the
two leaves at worst an unreferenced analysis, replaced when the file is stored.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from summarylens.audit import Comparison
from summarylens.errors import ArchiveError
from summarylens.model import NormalisedDocument, Report, pack, unpack

PER_REPORT_TABLES = ("sections", "metrics", "commitments", "achievements")
# Report ids asked about per SQLite statement (well under its bound-variable limit):
# a run asks only for the files it walks, not for every analysis stored.
SQLITE_CHUNK = 500
ANALYSES_SCHEMA = "CREATE TABLE IF NOT EXISTS analyses (report_id TEXT PRIMARY KEY, payload BLOB)"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped with the package, in order."""
    folder = resources.files("summarylens.data").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text("utf-8")))
    return sorted(found)


@dataclass(frozen=True)
class Rows:
    """Everything one file contributes to the archive, ready to insert."""

    file: tuple[Any, ...]
    tables: dict[str, list[tuple[Any, ...]]]
    analyses: list[tuple[str, bytes]]


def pack_analysis(report: Report, document: NormalisedDocument) -> bytes:
    return zlib.compress(pack((report, document)), 1)


def unpack_analysis(payload: bytes) -> tuple[Report, NormalisedDocument]:
    return unpack(tuple[Report, NormalisedDocument], zlib.decompress(payload))


def report_key(file_key: str, report: Report) -> str:
    return f"{file_key}:{report.article}"


def report_rows(file_key: str, report: Report) -> dict[str, list[tuple[Any, ...]]]:
    """The report's rows of each DuckDB table (its analysis is kept apart)."""
    key = report_key(file_key, report)
    period = report.period

    def theme_at(offset: int) -> str | None:
        section = report.section_at(offset)
        return section.theme if section else None

    return {
        "reports": [(
            key, file_key, report.source, report.article, report.title,
            report.organisation, period.year, period.span, period.plan_year,
            period.plan_span, len(report.text),
        )],
        "sections": [
            (key, s.id, s.heading, s.level, s.part, s.theme, s.span.start, s.span.end,
             s.span.page)
            for s in report.sections
        ],
        "metrics": [
            (key, i, m.text, m.value, m.value_max, m.unit, m.qualifier, m.bound,
             m.placeholder, m.indicator, m.kind, theme_at(m.span.start), m.span.start,
             m.span.end, m.span.original_start, m.span.original_end, m.page)
            for i, m in enumerate(report.metrics)
        ],
        "commitments": [
            (key, c.id, c.text, c.owner, c.deadline, c.modality,
             theme_at(c.span.start), c.span.start, c.span.end, c.span.page)
            for c in report.commitments
        ],
        "achievements": [
            (key, a.id, a.text, a.span.start, a.span.end, a.span.page)
            for a in report.achievements
        ],
    }  # fmt: skip


def link_rows(earlier_id: str, later_id: str, comparison: Comparison) -> list[tuple[Any, ...]]:
    themes = {s.id: s.theme for s in comparison.earlier.sections}
    return [
        (earlier_id, later_id, link.commitment.id, link.status, link.score,
         "\n".join(e.text for e in link.evidence), link.reason,
         themes.get(link.commitment.section or ""))
        for link in comparison.links
    ]  # fmt: skip


class Archive:
    """A DuckDB archive; the connection is opened on creation and closed with ``close``."""

    def __init__(self, path: str | Path) -> None:
        import duckdb

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.connection = duckdb.connect(str(path))
        except duckdb.Error as error:
            raise ArchiveError(path, _first_sentence(error)) from None
        self.migrate()
        analyses = f"{path}.analyses"
        self.analyses = sqlite3.connect(analyses, isolation_level=None)
        try:
            # WAL without a sync per commit: a killed run keeps every commit (only a
            # power cut may lose the last ones, and those files are analysed again).
            self.analyses.execute("PRAGMA journal_mode = WAL")
            self.analyses.execute("PRAGMA synchronous = NORMAL")
            self.analyses.execute(ANALYSES_SCHEMA)
        except sqlite3.Error as error:
            self.close()
            raise ArchiveError(analyses, _first_sentence(error)) from None

    def migrate(self) -> None:
        con = self.connection
        con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
        done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
        known = migrations()
        newest = max(version for version, _sql in known)
        if done and max(done) > newest:
            con.close()
            raise ArchiveError(
                self.path,
                f"made by a newer summarylens: schema {max(done)}, this one knows {newest}",
            )
        for version, sql in known:
            if version in done:
                continue
            con.execute("BEGIN")
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?)", [version])
            con.execute("COMMIT")

    def version(self) -> int:
        return self.connection.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    def known(self, hashes: list[str]) -> set[str]:
        """The hashes stored whole: rows and every report's analysis. A database
        copied without its analyses file has those files analysed again."""
        if not hashes:
            return set()
        rows = self.connection.execute(
            "SELECT f.hash, r.report_id FROM files f LEFT JOIN reports r ON r.file_hash = f.hash "
            "WHERE f.hash IN (SELECT unnest(?))",
            [hashes],
        ).fetchall()
        reports = [report for _digest, report in rows if report]
        kept = set()
        for start in range(0, len(reports), SQLITE_CHUNK):
            chunk = reports[start : start + SQLITE_CHUNK]
            kept.update(row[0] for row in self.analyses.execute(
                f"SELECT report_id FROM analyses WHERE report_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ))  # fmt: skip
        incomplete = {digest for digest, report in rows if report and report not in kept}
        return {digest for digest, _report in rows} - incomplete

    def store(self, batch: list[Rows]) -> None:
        """Whole files in one transaction: each file's rows all stored or none. A
        changed file replaces what its earlier content left, and a file analysed
        again (its analysis was lost) what it left before; analyses go first (see
        the module's docstring). Files come in batches because each statement costs
        about as much as a whole file's rows."""
        if not batch:
            return
        con = self.connection
        paths, digests = [rows.file[1] for rows in batch], [rows.file[0] for rows in batch]
        previous = [row[0] for row in con.execute(
            "SELECT hash FROM files WHERE path IN (SELECT unnest(?)) OR hash IN (SELECT unnest(?))",
            [paths, digests],
        ).fetchall()]  # fmt: skip
        prefixes = [f"{old}:%" for old in previous]
        self.analyses.execute("BEGIN")
        for prefix in prefixes:
            self.analyses.execute("DELETE FROM analyses WHERE report_id LIKE ?", [prefix])
        self.analyses.executemany(
            "INSERT OR REPLACE INTO analyses VALUES (?, ?)",
            [analysis for rows in batch for analysis in rows.analyses],
        )
        self.analyses.execute("COMMIT")
        con.execute("BEGIN")
        try:
            for old, prefix in zip(previous, prefixes, strict=True):
                for table in PER_REPORT_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE report_id LIKE ?", [prefix])
                con.execute(
                    "DELETE FROM links WHERE earlier_report LIKE ? OR later_report LIKE ?",
                    [prefix, prefix],
                )
                con.execute("DELETE FROM reports WHERE file_hash = ?", [old])
                con.execute("DELETE FROM files WHERE hash = ?", [old])
            for table in dict.fromkeys(table for rows in batch for table in rows.tables):
                self._insert(table, [row for rows in batch for row in rows.tables.get(table, [])])
            self._insert("files", [rows.file for rows in batch])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, values: list[tuple[Any, ...]]) -> None:
        """Rows handed to DuckDB as columns (numpy object arrays) in one statement:
        binding them as SQL parameters cost more than analysing the file."""
        if not values:
            return
        import numpy

        columns = zip(*values, strict=True)
        incoming = {f"c{i}": numpy.array(column, dtype=object) for i, column in enumerate(columns)}
        self.connection.register("incoming", incoming)
        try:
            self.connection.execute(f"INSERT INTO {table} SELECT * FROM incoming")
        finally:
            self.connection.unregister("incoming")

    def store_links(self, values: list[tuple[Any, ...]]) -> None:
        """Links of whole pairs in one transaction: a pair killed half-way is not
        stored, and a resumed run links it again."""
        con = self.connection
        con.execute("BEGIN")
        self._insert("links", values)
        con.execute("COMMIT")

    def keep_links(self, pairs: list[tuple[str, str]]) -> None:
        """Drop the links of every pair of reports not in ``pairs``."""
        con = self.connection
        con.execute("BEGIN")
        con.execute(
            "DELETE FROM links WHERE (earlier_report, later_report) NOT IN "
            "(SELECT (unnest(?), unnest(?)))",
            [[earlier for earlier, _ in pairs], [later for _, later in pairs]],
        )
        con.execute("COMMIT")

    def clear_errors(self, paths: list[str]) -> None:
        self.connection.execute("DELETE FROM errors WHERE path IN (SELECT unnest(?))", [paths])

    def record_error(self, path: str, digest: str | None, error: str) -> None:
        self.connection.execute(
            "INSERT INTO errors VALUES (?, ?, ?, ?)", [path, digest, error, now()]
        )

    def analysis(self, report_key: str) -> bytes:
        """The packed analysis of one stored report (see ``unpack_analysis``)."""
        row = self.analyses.execute(
            "SELECT payload FROM analyses WHERE report_id = ?", [report_key]
        ).fetchone()
        return row[0]

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, params or []).fetchall()

    def close(self) -> None:
        self.connection.close()
        self.analyses.close()


def _first_sentence(error: Exception) -> str:
    """A database's own words on why it cannot open, without its pointers to the web
    (DuckDB ends a lock conflict with "See also https://…")."""
    return str(error).split(" See also ")[0].strip()


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
