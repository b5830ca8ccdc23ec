"""Archive a tree of reports into DuckDB, in parallel, resumably.

``run_batch`` hashes every supported file, skips the ones the archive already
holds, analyses the rest in a process pool (the main process is the only
writer, one transaction per file), records each bad file in ``errors`` and goes
on, then audits each organisation's successive reports and stores the links.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarylens.errors import SummarylensError
from summarylens.series import SPAN_ORDER, collect
from summarylens.store import Archive, Rows, file_hash, link_rows, now, report_rows


@dataclass
class BatchResult:
    stored: int = 0
    skipped: int = 0  # unchanged since an earlier run, or a byte-for-byte copy of another file
    linked_pairs: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def analyse_one(task: tuple[str, str]) -> tuple[str, str, Rows | None, str | None]:
    """Worker: one file to archive rows, or the one-line reason it cannot be read."""
    from summarylens.pipeline import analyse_file

    path, digest = task
    try:
        result = analyse_file(path)
    except SummarylensError as error:
        return path, digest, None, str(error)
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for report in result.reports:
        for table, rows in report_rows(digest, report).items():
            tables.setdefault(table, []).extend(rows)
    size = Path(path).stat().st_size
    return path, digest, Rows((digest, path, size, now()), tables), None


def link_series(tasks: list[tuple[str, str, str, str]]) -> list[tuple[Any, ...]]:
    """Worker: the audits of one organisation's pending pairs, as ``links`` rows; each
    file is analysed once however many pairs it is in."""
    from summarylens.audit import compare
    from summarylens.pipeline import analyse_file

    analysed: dict[str, Any] = {}

    def get(path: str) -> Any:
        if path not in analysed:
            analysed[path] = analyse_file(path)
        return analysed[path]

    rows = []
    for earlier_path, later_path, earlier_id, later_id in tasks:
        before, after = get(earlier_path), get(later_path)
        comparison = compare(before.reports[0], after.reports[0], after.documents[0])
        rows += link_rows(earlier_id, later_id, comparison)
    return rows


def _mapper(
    workers: int, engine: str = "local", scheduler: str | None = None
) -> tuple[Callable[[Callable, Iterable], Iterator], Callable[[], None]]:
    """A ``map`` that runs tasks in this process (one worker), a local process pool,
    or on a Dask cluster (``scheduler`` address, or a ``LocalCluster`` of ``workers``
    processes: the same code path either way). Results stream back as they finish."""
    if engine == "dask":
        from distributed import Client, LocalCluster, as_completed

        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        client = Client(scheduler or cluster)

        def dask_map(fn: Callable, items: Iterable) -> Iterator:
            items = list(items)
            if not items:
                return
            for future in as_completed(client.map(fn, items, pure=False)):
                yield future.result()
                future.release()

        def close() -> None:
            client.close()
            if cluster is not None:
                cluster.close()

        return dask_map, close
    if workers <= 1:
        return map, lambda: None
    pool = ProcessPoolExecutor(max_workers=workers)
    return pool.map, pool.shutdown


def pending_pairs(archive: Archive) -> list[list[tuple[str, str, str, str]]]:
    """Successive first articles not yet linked, one list per organisation."""
    rows = archive.query(
        "SELECT report_id, source, organisation, year, span FROM reports "
        "WHERE article = 1 AND organisation IS NOT NULL"
    )
    linked = set(archive.query("SELECT DISTINCT earlier_report, later_report FROM links"))
    by_org: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_org.setdefault(row[2], []).append(row)
    series = []
    for reports in by_org.values():
        reports.sort(key=lambda r: (r[3] or 0, SPAN_ORDER.get(r[4], 0), r[1]))
        tasks = [
            (before[1], after[1], before[0], after[0])
            for before, after in itertools.pairwise(reports)
            if (before[0], after[0]) not in linked
        ]
        if tasks:
            series.append(tasks)
    return series


def run_batch(
    root: Path,
    db: Path,
    workers: int = 1,
    on_file: Callable[[str, str | None], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> BatchResult:
    """Archive every supported file under ``root``; ``on_file`` hears of each one done."""
    archive = Archive(db)
    result = BatchResult()
    try:
        files = collect([root])
        hashes = {str(path): file_hash(path) for path in files}
        known = archive.known(list(hashes.values()))
        # The same bytes under two names are one report: analysed once, first path kept.
        first_path = {}
        for path, digest in hashes.items():
            first_path.setdefault(digest, path)
        todo = [(path, digest) for digest, path in first_path.items() if digest not in known]
        result.skipped = len(files) - len(todo)
        mapper, close = _mapper(workers, engine, scheduler)
        try:
            for path, digest, rows, error in mapper(analyse_one, todo):
                if rows is None:
                    archive.record_error(path, digest, error or "")
                    result.failures.append((path, error or ""))
                else:
                    archive.store(rows)
                    result.stored += 1
                if on_file:
                    on_file(path, error)
            series = pending_pairs(archive)
            for values in mapper(link_series, series):
                archive.store_links(values)
            result.linked_pairs = sum(len(tasks) for tasks in series)
        finally:
            close()
    finally:
        archive.close()
    return result
