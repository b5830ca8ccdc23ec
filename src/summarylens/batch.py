"""Archive a tree of reports into DuckDB, in parallel, resumably.

``run_batch`` hashes every supported file, skips the ones the archive already
holds, analyses the rest in a process pool (the main process is the only
writer; a file's rows are all in one transaction, with those of the files done
beside it), records each bad file in ``errors`` (and each file the analysis itself
fails on, a bug, with its traceback on stderr) and goes on, then audits each
organisation's successive reports from their stored analyses (no file is analysed
twice) and stores the links.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures import as_completed as as_completed_local
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarylens.errors import (
    DaskMissingError,
    SchedulerUnreachableError,
    SummarylensError,
    UnreadableFileError,
)
from summarylens.series import SPAN_ORDER, collect, series_key
from summarylens.store import (
    Archive,
    Rows,
    file_hash,
    link_rows,
    now,
    pack_analysis,
    report_key,
    report_rows,
    unpack_analysis,
)

# Files (and linked pairs) are committed in batches of this many, or after this many
# seconds: one DuckDB statement per table costs about as much as a whole file's rows.
STORE_FILES = 64
STORE_SECONDS = 2.0
# Successive pairs of one series audited as one task (each analysis unpacked once).
LINK_RUN = 8
# The cause recorded for a file the analysis (or its audit) failed on by a fault of its own.
INTERNAL_ERROR = "summarylens failed on this file (a bug: please report it)"
# How often a pool worker looks whether the batch process that started it is alive.
ORPHAN_CHECK_SECONDS = 0.5


@dataclass
class _Pending:
    """Results waiting for one transaction, written every ``STORE_FILES`` of them or
    after ``STORE_SECONDS``; ``write`` gets them all at once."""

    write: Callable[[list], None]
    items: list = field(default_factory=list)
    since: float = field(default_factory=time.monotonic)

    def add(self, item: Any) -> None:
        self.items.append(item)
        if len(self.items) >= STORE_FILES or time.monotonic() - self.since > STORE_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.items:
            self.write(self.items)
        self.items, self.since = [], time.monotonic()


# One audited pair: the later report's id, its ``links`` rows, why the audit failed.
Linked = tuple[str, list[tuple[Any, ...]], str | None]


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
    except Exception as error:
        return path, digest, None, f"{path}: {_internal_error(error)}"
    tables: dict[str, list[tuple[Any, ...]]] = {}
    analyses = []
    for report, document in zip(result.reports, result.documents, strict=True):
        for table, rows in report_rows(digest, report).items():
            tables.setdefault(table, []).extend(rows)
        analyses.append((report_key(digest, report), pack_analysis(report, document)))
    size = Path(path).stat().st_size
    return path, digest, Rows((digest, path, size, now()), tables, analyses), None


def link_series(task: tuple[tuple[str, ...], tuple[bytes, ...]]) -> list[Linked]:
    """Worker: the audits of successive stored reports of one series, each against
    the one before, from their stored analyses (no file is read or analysed again;
    each analysis is unpacked once, not once per pair it is in). Per pair, the later
    report's id, its ``links`` rows, and why the audit failed if it did."""
    from summarylens.audit import compare

    ids, payloads = task
    linked: list[Linked] = []
    kept: tuple[int, Any] | None = None  # the analysis unpacked last, and its position
    for index, (earlier_id, later_id) in enumerate(itertools.pairwise(ids)):
        try:
            earlier = kept[1] if kept and kept[0] == index else unpack_analysis(payloads[index])
            later = unpack_analysis(payloads[index + 1])
            kept = (index + 1, later)
            comparison = compare(earlier[0], *later)
        except Exception as error:
            cause = f"{_internal_error(error)}, auditing it against {earlier_id}"
            linked.append((later_id, [], cause))
            continue
        linked.append((later_id, link_rows(earlier_id, later_id, comparison), None))
    return linked


def _internal_error(error: Exception) -> str:
    """The cause recorded for a failure that is summarylens's own fault. It is
    recorded like a bad file, not raised: a run stopped by a bug on one file would
    stop on the same file at every resume. The traceback goes to stderr."""
    traceback.print_exc()
    return f"{INTERNAL_ERROR} ({type(error).__name__}: {error})"


Mapper = Callable[[Callable, Iterable], Iterator]


def _mapper(
    workers: int, engine: str = "local", scheduler: str | None = None
) -> tuple[Mapper, Callable[[], None]]:
    """A ``map`` that runs tasks in a local process pool or on a Dask cluster
    (``scheduler`` address, or a ``LocalCluster`` of ``workers`` processes: the same
    code path either way). Tasks are drawn from the iterable only as workers free
    up, so memory holds a few tasks, not the archive; results come back as they
    finish."""
    window = 2 * max(1, workers)
    if engine == "dask":
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError as error:
            raise DaskMissingError("--engine dask", str(error)) from None

        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        try:
            client = Client(scheduler or cluster)
        except OSError as error:
            raise SchedulerUnreachableError(scheduler or "the local cluster", str(error)) from None
        window = 2 * max(workers, len(client.scheduler_info()["workers"]))

        def dask_map(fn: Callable, items: Iterable) -> Iterator:
            running = as_completed()
            for item in items:
                running.add(client.submit(fn, item, pure=False))
                if running.count() >= window:
                    yield _result_of(next(running))
            for future in running:
                yield _result_of(future)

        def close() -> None:
            client.close()
            if cluster is not None:
                cluster.close()

        return dask_map, close
    # One worker is a pool of one too: the main process then only stores, and its
    # DuckDB buffers and the analysis heap do not pile up in one process.
    pool = ProcessPoolExecutor(
        max_workers=max(1, workers), initializer=_die_with, initargs=(os.getpid(),)
    )

    def pool_map(fn: Callable, items: Iterable) -> Iterator:
        running: set[Future] = set()
        for item in items:
            running.add(pool.submit(fn, item))
            if len(running) >= window:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        yield from (future.result() for future in as_completed_local(running))

    return pool_map, pool.shutdown


def _die_with(parent: int) -> None:
    """Worker start-up: exit once the batch process is gone. A forked worker holds
    both ends of its task queue, so after the batch is killed with SIGKILL it may
    never see the queue close and would wait for work that cannot come."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="summarylens-orphan-watch", daemon=True).start()


def _result_of(future: Any) -> Any:
    result = future.result()
    future.release()
    return result


def successive_pairs(archive: Archive) -> list[tuple[str, str]]:
    """Each organisation's first articles in period order (names of one series taken
    as one), as (earlier, later) report ids. A report of a period the series already
    has (the same report again in another format, a draft) is not audited, nor is
    one whose period is unknown: either would be audited against the wrong report."""
    rows = archive.query(
        "SELECT report_id, source, organisation, year, span FROM reports "
        "WHERE article = 1 AND organisation IS NOT NULL AND year IS NOT NULL"
    )
    by_org: dict[str, dict[tuple[int, str], tuple[Any, ...]]] = {}
    for row in sorted(rows, key=lambda r: r[1]):
        by_org.setdefault(series_key(row[2]), {}).setdefault((row[3], row[4]), row)
    pairs = []
    for periods in by_org.values():
        reports = sorted(periods.values(), key=lambda r: (r[3], SPAN_ORDER.get(r[4], 0), r[1]))
        pairs += [(before[0], after[0]) for before, after in itertools.pairwise(reports)]
    return pairs


def _link_tasks(archive: Archive, pairs: list[tuple[str, str]]) -> Iterator[tuple]:
    """Runs of up to ``LINK_RUN`` pairs that follow each other in one series (the
    later report of one is the earlier of the next), with each report's stored
    analysis once: a report is read, sent and unpacked once, not once per pair."""
    ids: list[str] = []
    for earlier_id, later_id in pairs:
        if ids and (ids[-1] != earlier_id or len(ids) > LINK_RUN):
            yield tuple(ids), tuple(archive.analysis(report) for report in ids)
            ids = []
        ids += [later_id] if ids else [earlier_id, later_id]
    if ids:
        yield tuple(ids), tuple(archive.analysis(report) for report in ids)


def run_batch(
    root: Path,
    db: Path,
    workers: int = 1,
    on_file: Callable[[str, str | None], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    on_stage: Callable[[str, int], None] | None = None,
) -> BatchResult:
    """Archive every supported file under ``root``. ``on_stage`` hears that a stage
    starts (``analyse``, then ``link``) and how many items it has; ``on_file`` hears of
    each file analysed and each pair audited (the later report's file), with the
    error if it failed."""
    archive = Archive(db)
    result = BatchResult()
    try:
        walked = collect([root])
        # Every file walked is tried again (a stored one only if a pair of it is not
        # linked yet): ``errors`` says why each file failed when last tried.
        archive.clear_errors([str(path) for path in walked])
        hashes, unreadable = {}, []
        for path in walked:
            try:
                hashes[str(path)] = file_hash(path)
            except OSError as error:  # gone since the walk, or not ours to read
                unreadable.append((str(path), str(UnreadableFileError(path, error.strerror))))
        known = archive.known(list(hashes.values()))
        # The same bytes under two names are one report: analysed once, first path kept.
        first_path = {}
        for path, digest in hashes.items():
            first_path.setdefault(digest, path)
        todo = [(path, digest) for digest, path in first_path.items() if digest not in known]
        result.skipped = len(hashes) - len(todo)
        if on_stage:
            on_stage("analyse", len(todo) + len(unreadable))
        for path, error in unreadable:
            archive.record_error(path, None, error)
            result.failures.append((path, error))
            if on_file:
                on_file(path, error)
        mapper, close = _mapper(workers, engine, scheduler)

        def store_files(batch: list[Rows]) -> None:
            archive.store(batch)
            result.stored += len(batch)

        try:
            files_pending = _Pending(store_files)
            for path, digest, rows, error in mapper(analyse_one, todo):
                if rows is None:
                    archive.record_error(path, digest, error or "")
                    result.failures.append((path, error or ""))
                else:
                    files_pending.add(rows)
                if on_file:
                    on_file(path, error)
            files_pending.flush()
            # A report stored between two linked ones (or a series' names read as one
            # by a newer release) makes their link stale: it goes, its pairs come.
            wanted = successive_pairs(archive)
            archive.keep_links(wanted)
            linked = set(archive.query("SELECT DISTINCT earlier_report, later_report FROM links"))
            pairs = [pair for pair in wanted if pair not in linked]
            if on_stage:
                on_stage("link", len(pairs))
            links_pending = _Pending(
                lambda batch: archive.store_links(list(itertools.chain.from_iterable(batch)))
            )
            audits = mapper(link_series, _link_tasks(archive, pairs))
            sources = dict(archive.query(
                "SELECT report_id, source FROM reports WHERE report_id IN (SELECT unnest(?))",
                [[later for _earlier, later in pairs]],
            ))  # fmt: skip
            for later_id, values, error in itertools.chain.from_iterable(audits):
                source = sources[later_id]
                if error:
                    error = f"{source}: {error}"
                    archive.record_error(source, later_id.split(":")[0], error)
                    result.failures.append((source, error))
                links_pending.add(values)
                if on_file:
                    on_file(source, error)
            links_pending.flush()
            result.linked_pairs = len(pairs)
        finally:
            close()
    finally:
        archive.close()
    return result
