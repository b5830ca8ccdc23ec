"""Archiving reports into DuckDB: bad files recorded, resumable after SIGKILL, trends."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from summarylens import corpus as corpus_module
from summarylens.batch import run_batch
from summarylens.store import Archive
from summarylens.trends import compute

REPORTS = corpus_module.default_root() / "reports"


@pytest.fixture
def archive_folder(tmp_path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(REPORTS / "postal", folder / "postal")
    shutil.copytree(REPORTS / "power", folder / "power")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _counts(db: Path) -> dict[str, int]:
    archive = Archive(db)
    try:
        tables = ("files", "reports", "sections", "metrics", "commitments", "links", "errors")
        counts = {t: archive.query(f"SELECT count(*) FROM {t}")[0][0] for t in tables}
        counts["duplicate_reports"] = archive.query(
            "SELECT count(*) - count(DISTINCT report_id) FROM reports"
        )[0][0]
        counts["reports_without_sections"] = archive.query(
            "SELECT count(*) FROM reports WHERE report_id NOT IN (SELECT report_id FROM sections)"
        )[0][0]
        reports = {row[0] for row in archive.query("SELECT report_id FROM reports")}
        kept = {row[0] for row in archive.analyses.execute("SELECT report_id FROM analyses")}
        counts["analyses_without_report"] = len(kept - reports)
        counts["reports_without_analysis"] = len(reports - kept)
        return counts
    finally:
        archive.close()


def test_bad_files_are_recorded_and_the_rest_stored(archive_folder, tmp_path):
    db = tmp_path / "a.duckdb"
    stages, heard = [], []
    result = run_batch(
        archive_folder, db, workers=2, on_file=lambda *event: heard.append(event),
        on_stage=lambda *stage: stages.append(stage),
    )  # fmt: skip
    assert (result.stored, result.skipped, result.linked_pairs) == (12, 0, 10)
    assert stages == [("analyse", 14), ("link", 10)] and len(heard) == 24
    assert sum(error is not None for _path, error in heard) == 2
    assert sorted(Path(p).name for p, _error in result.failures) == ["broken.pdf", "empty.txt"]
    counts = _counts(db)
    assert counts["files"] == counts["reports"] == 12 and counts["errors"] == 2
    assert counts["reports_without_analysis"] == 0
    assert Path(f"{db}.analyses").is_file()  # analyses are kept beside the database
    assert counts["links"] > 100 and counts["metrics"] > 900
    again = run_batch(archive_folder, db, workers=1)
    assert (again.stored, again.skipped, again.linked_pairs) == (0, 12, 0)
    assert _counts(db)["files"] == 12
    # errors holds why each file failed when last tried: not every past attempt, and
    # not a file since mended.
    assert _counts(db)["errors"] == 2
    (archive_folder / "empty.txt").write_text(
        "江州市邮政工会2024年工作总结\n今年完成了三件事。", "utf-8"
    )
    run_batch(archive_folder, db, workers=1)
    archive = Archive(db)
    try:
        assert [Path(row[0]).name for row in archive.query("SELECT path FROM errors")] == [
            "broken.pdf"
        ]
    finally:
        archive.close()


def test_a_file_the_analysis_fails_on_is_recorded_and_the_run_goes_on(
    archive_folder, tmp_path, monkeypatch
):
    from summarylens import pipeline

    analyse = pipeline.analyse_file

    def failing_on_one(path, options=None):
        if Path(path).name == "2021Y.txt" and Path(path).parent.name == "power":
            raise IndexError("a bug")
        return analyse(path, options)

    # The pool forks after this, so its worker runs the patched function too.
    monkeypatch.setattr(pipeline, "analyse_file", failing_on_one)
    result = run_batch(archive_folder, tmp_path / "f.duckdb", workers=1)
    assert result.stored == 11
    failed = dict((Path(p).parent.name + "/" + Path(p).name, e) for p, e in result.failures)
    assert "summarylens failed on this file" in failed["power/2021Y.txt"]
    assert "IndexError: a bug" in failed["power/2021Y.txt"]
    assert _counts(tmp_path / "f.duckdb")["errors"] == 3


def test_a_pair_the_audit_fails_on_is_recorded_and_the_others_linked(
    archive_folder, tmp_path, monkeypatch
):
    from summarylens import audit

    compare = audit.compare

    def failing_on_one(earlier, later, document, model=None):
        if later.period.year == 2021 and "供电" in (later.organisation or ""):
            raise KeyError("a bug")
        return compare(earlier, later, document, model)

    monkeypatch.setattr(audit, "compare", failing_on_one)
    result = run_batch(archive_folder, tmp_path / "l.duckdb", workers=1)
    assert (result.stored, result.linked_pairs) == (12, 10)
    failed = [(Path(p).name, e) for p, e in result.failures if p.endswith("2021Y.txt")]
    assert len(failed) == 1 and "KeyError" in failed[0][1] and "auditing it against" in failed[0][1]
    counts = _counts(tmp_path / "l.duckdb")
    assert counts["errors"] == 3 and counts["links"] > 90


def test_a_run_of_pairs_links_as_its_pairs_one_by_one(monkeypatch):
    from summarylens import audit
    from summarylens.batch import analyse_one, link_series

    reports = sorted((REPORTS / "postal").glob("*.txt"))[:4]
    payloads = [analyse_one((str(path), path.stem))[2].analyses[0] for path in reports]
    ids, packed = zip(*payloads, strict=True)
    one_by_one = [link_series((ids[i : i + 2], packed[i : i + 2]))[0] for i in range(3)]
    assert link_series((ids, packed)) == one_by_one
    assert all(rows and error is None for _id, rows, error in one_by_one)

    compare = audit.compare

    def failing_on_the_second(earlier, later, document, model=None):
        if later.source == str(reports[2]):
            raise KeyError("a bug")
        return compare(earlier, later, document, model)

    monkeypatch.setattr(audit, "compare", failing_on_the_second)
    linked = link_series((ids, packed))
    assert [error is None for _id, _rows, error in linked] == [True, False, True]
    assert linked[0] == one_by_one[0] and linked[2] == one_by_one[2]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda db: db.write_text("not a database"), "not a valid DuckDB database file"),
        (lambda db: Path(f"{db}.analyses").write_bytes(b"x" * 200), "file is not a database"),
    ],
)
def test_an_archive_that_cannot_be_opened_is_a_one_line_error(tmp_path, make, says):
    from summarylens.errors import ArchiveError

    db = tmp_path / "a.duckdb"
    make(db)
    with pytest.raises(ArchiveError, match=says):
        run_batch(REPORTS / "postal", db)


def test_an_archive_from_a_newer_release_is_left_alone(tmp_path):
    from summarylens.errors import ArchiveError
    from summarylens.store import migrations

    db = tmp_path / "a.duckdb"
    Archive(db).close()
    newer = migrations()[-1][0] + 1
    archive = Archive(db)
    archive.query("INSERT INTO schema_version VALUES (?)", [newer])
    archive.close()
    with pytest.raises(ArchiveError, match=f"made by a newer summarylens: schema {newer}"):
        run_batch(REPORTS / "transit", db)


def test_an_archive_another_process_writes_is_a_one_line_error(tmp_path):
    db = tmp_path / "a.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,sys; c = duckdb.connect({str(db)!r}); "
         "print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        command = [sys.executable, "-m", "summarylens.cli", "trends", "--db", str(db)]
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and "Could not set lock" in done.stderr
        assert str(db) in done.stderr and "Traceback" not in done.stderr
    finally:
        holder.communicate("")


def test_an_archive_in_a_folder_not_made_yet(tmp_path):
    assert run_batch(REPORTS / "transit", tmp_path / "new" / "a.duckdb").stored == 4


def test_a_file_that_cannot_be_read_for_hashing_is_recorded(archive_folder, tmp_path, monkeypatch):
    from summarylens import batch

    hash_of = batch.file_hash

    def denied_on_one(path):
        if path.name == "2022H1.txt":
            raise PermissionError(13, "Permission denied")
        return hash_of(path)

    monkeypatch.setattr(batch, "file_hash", denied_on_one)
    result = run_batch(archive_folder, tmp_path / "h.duckdb")
    assert (result.stored, result.skipped) == (11, 0)
    causes = {Path(path).name: error for path, error in result.failures}
    assert causes["2022H1.txt"].endswith("2022H1.txt: cannot be read (Permission denied)")
    assert _counts(tmp_path / "h.duckdb")["errors"] == 3


def test_a_second_report_of_a_period_is_stored_but_not_audited(archive_folder, tmp_path):
    """The same report again in another format (or a draft) would be audited against itself."""
    db = tmp_path / "a.duckdb"
    original = archive_folder / "postal" / "2022H1.txt"
    draft = archive_folder / "postal" / "2022H1-draft.txt"
    draft.write_bytes(original.read_bytes() + b"\r\n")  # other bytes, the same report
    result = run_batch(archive_folder, db)
    assert (result.stored, result.linked_pairs) == (13, 10)
    archive = Archive(db)
    try:
        audited = {row[0] for row in archive.query(
            "SELECT r.source FROM links l JOIN reports r ON r.report_id IN "
            "(l.earlier_report, l.later_report)"
        )}  # fmt: skip
    finally:
        archive.close()
    assert len({str(original), str(draft)} & audited) == 1  # the first by path


def test_batch_of_a_missing_or_empty_folder(tmp_path):
    def batch(folder: Path) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "summarylens.cli", "batch", str(folder), "--db",
                   str(tmp_path / "a.duckdb")]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True)

    missing = batch(tmp_path / "missing")
    assert missing.returncode == 1 and missing.stderr.endswith("missing: no such file\n")
    assert not (tmp_path / "a.duckdb").exists()
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    empty = batch(tmp_path / "empty")
    assert empty.returncode == 0 and "holds no report file" in empty.stderr


def test_a_byte_for_byte_copy_is_one_report(archive_folder, tmp_path):
    db = tmp_path / "a.duckdb"
    shutil.copy(archive_folder / "postal" / "2021Y.txt", archive_folder / "copy-of-2021Y.txt")
    result = run_batch(archive_folder, db)
    assert (result.stored, result.skipped) == (12, 1)
    assert _counts(db)["files"] == 12


def test_a_changed_file_replaces_its_old_rows(archive_folder, tmp_path):
    db = tmp_path / "a.duckdb"
    run_batch(archive_folder, db)
    changed = archive_folder / "postal" / "2021Y.txt"
    changed.write_text(changed.read_text("utf-8").replace("2021年，", "2021年全年，", 1), "utf-8")
    result = run_batch(archive_folder, db)
    assert (result.stored, result.skipped) == (1, 11)
    counts = _counts(db)
    assert counts["files"] == counts["reports"] == 12 and counts["duplicate_reports"] == 0
    assert counts["analyses_without_report"] == counts["reports_without_analysis"] == 0


def test_an_archive_copied_without_its_analyses_analyses_those_files_again(
    archive_folder, tmp_path, monkeypatch
):
    from summarylens import store

    monkeypatch.setattr(store, "SQLITE_CHUNK", 5)  # the known reports are asked in chunks
    db = tmp_path / "a.duckdb"
    run_batch(archive_folder, db)
    assert run_batch(archive_folder, db).skipped == 12
    Path(f"{db}.analyses").unlink()
    result = run_batch(archive_folder, db)
    assert (result.stored, result.skipped) == (12, 0)
    counts = _counts(db)
    assert counts["files"] == counts["reports"] == 12 and counts["duplicate_reports"] == 0
    assert counts["reports_without_analysis"] == 0 and counts["links"] > 100


def test_a_new_report_is_audited_against_the_stored_one_without_reanalysing_it(
    archive_folder, tmp_path
):
    db = tmp_path / "a.duckdb"
    latest = archive_folder / "postal" / "2023Y.txt"
    held_back = tmp_path / "2023Y.txt"
    latest.rename(held_back)
    first = run_batch(archive_folder, db)
    held_back.rename(latest)
    result = run_batch(archive_folder, db)
    assert (result.stored, result.linked_pairs) == (1, 1)
    # Files that failed before are tried again; no stored report is analysed again.
    assert sorted(Path(p).name for p, _error in result.failures) == ["broken.pdf", "empty.txt"]
    assert result.skipped == first.stored
    later = _counts(db)
    assert later["files"] == 12 and later["links"] > 100


def test_a_report_stored_between_two_linked_ones_replaces_their_link(archive_folder, tmp_path):
    from summarylens.batch import successive_pairs

    db = tmp_path / "a.duckdb"
    middle = archive_folder / "postal" / "2022H1.txt"
    held_back = tmp_path / "2022H1.txt"
    middle.rename(held_back)
    run_batch(archive_folder, db)
    held_back.rename(middle)
    result = run_batch(archive_folder, db)
    assert (result.stored, result.linked_pairs) == (1, 2)
    archive = Archive(db)
    try:
        linked = set(archive.query("SELECT DISTINCT earlier_report, later_report FROM links"))
        assert linked == set(successive_pairs(archive)) and len(linked) == 10
    finally:
        archive.close()


@pytest.mark.parametrize("version", [1, 2])
def test_an_archive_whose_analyses_cannot_be_read_is_rebuilt(archive_folder, tmp_path, version):
    """Version 1 kept no analyses; version 2 kept them as JSON, which this one cannot read."""
    import duckdb

    from summarylens.store import migrations

    db = tmp_path / "old.duckdb"
    connection = duckdb.connect(str(db))
    connection.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY)")
    for number, sql in migrations()[:version]:
        connection.execute(sql)
        connection.execute("INSERT INTO schema_version VALUES (?)", [number])
    connection.execute("INSERT INTO files VALUES ('h', 'old.txt', 1, now())")
    if version == 2:
        connection.execute("INSERT INTO analyses VALUES ('h#0', ?)", [zlib.compress(b"{}")])
    connection.close()
    result = run_batch(archive_folder, db)
    assert (result.stored, result.skipped, result.linked_pairs) == (12, 0, 10)
    assert _counts(db)["files"] == 12


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running, not merely a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_run_resumes_without_losing_or_duplicating(archive_folder, tmp_path):
    db = tmp_path / "k.duckdb"
    command = [
        sys.executable,
        "-m",
        "summarylens.cli",
        "batch",
        str(archive_folder),
        "--db",
        str(db),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    workers = []
    while not workers and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _children(process.pid)
    assert workers  # the pool came up
    time.sleep(1.5)  # mid-analysis: the bad files are recorded, no good one is stored yet
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)  # no orphaned worker left waiting
    partial = _counts(db) if db.exists() else {"files": 0}
    assert partial["files"] <= 12
    resumed = subprocess.run(command, capture_output=True, text=True)
    assert resumed.returncode == 1  # the two bad files
    counts = _counts(db)
    assert counts["files"] == counts["reports"] == 12
    assert counts["duplicate_reports"] == 0 and counts["reports_without_sections"] == 0
    assert counts["reports_without_analysis"] == 0
    assert counts["links"] > 100


def test_trends_and_its_cli(archive_folder, tmp_path):
    db = tmp_path / "t.duckdb"
    run_batch(archive_folder, db)
    trends = compute(db, "江州市邮政工会")
    assert [row["organisation"] for row in trends.by_organisation] == ["江州市邮政工会"]
    assert trends.by_organisation[0]["plans"] > 50
    assert all(len(series["points"]) >= 2 for series in trends.indicators)
    # Half-year figures are charted against half-year ones, whole-year against whole-year.
    assert all({p["span"] for p in s["points"]} == {s["span"]} for s in trends.indicators)
    assert {s["span"] for s in trends.indicators} == {"H1", "Y"}
    members = next(s for s in trends.indicators if s["indicator"] == "全局会员总数")
    assert [(p["year"], p["span"]) for p in members["points"]] == sorted(
        (p["year"], p["span"]) for p in members["points"]
    )
    command = [sys.executable, "-m", "summarylens.cli", "trends", "--db", str(db), "-f", "json"]
    data = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert {"indicators", "themes", "by_organisation", "by_theme", "by_period"} == set(data)
    assert {row["organisation"] for row in data["by_period"]} == {
        "江州市邮政工会",
        "江岭供电公司工会",
    }
    page = subprocess.run(
        [*command[:-1], "html"], capture_output=True, text=True, check=True
    ).stdout
    assert page.startswith("<!DOCTYPE html>") and page.count("<polyline") > 3
    assert {row["organisation"] for row in data["by_organisation"]} == {
        "江州市邮政工会",
        "江岭供电公司工会",
    }


def test_trends_of_part_of_a_name_and_of_a_name_the_archive_lacks(archive_folder, tmp_path):
    from summarylens.errors import OrganisationNotFound

    db = tmp_path / "t.duckdb"
    run_batch(archive_folder, db)
    assert [row["organisation"] for row in compute(db, "邮政").by_organisation] == [
        "江州市邮政工会"
    ]
    with pytest.raises(
        OrganisationNotFound, match="'燃气'; it holds 江岭供电公司工会、江州市邮政工会"
    ):
        compute(db, "燃气")


def test_a_series_named_two_ways_is_linked_as_one(tmp_path):
    """transit's 2023Y report names its union 临川市公交集团有限公司工会, the others
    临川公交集团工会."""
    run_batch(REPORTS / "transit", tmp_path / "t.duckdb")
    trends = compute(tmp_path / "t.duckdb")
    assert [row["organisation"] for row in trends.by_organisation] == ["临川公交集团工会"]
    periods = [(row["year"], row["span"]) for row in trends.by_period]
    assert periods == [(2022, "Y"), (2023, "H1"), (2023, "Y")]


def test_the_dask_engine_without_dask_or_its_scheduler_is_a_one_line_error(tmp_path, monkeypatch):
    import dask
    import distributed  # noqa: F401  (its defaults must be in the config the test changes)

    from summarylens.errors import DaskMissingError, SchedulerUnreachableError

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(SchedulerUnreachableError, match=r"tcp://127\.0\.0\.1:9: cannot be reached"),
    ):
        run_batch(REPORTS / "transit", tmp_path / "s.duckdb", engine="dask",
                  scheduler="tcp://127.0.0.1:9")  # fmt: skip
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DaskMissingError, match=r"pip install -e '\.\[dask\]'"):
        run_batch(REPORTS / "transit", tmp_path / "m.duckdb", engine="dask")


def test_trends_of_a_report_whose_span_is_unknown(tmp_path):
    db = tmp_path / "t.duckdb"
    run_batch(REPORTS / "transit", db)
    archive = Archive(db)
    try:
        archive.query("UPDATE reports SET span = NULL WHERE year = 2023 AND span = 'H1'")
    finally:
        archive.close()
    spans = {(row["year"], row["span"]) for row in compute(db).themes}
    assert (2023, None) in spans and (2023, "Y") in spans


def test_dask_engine_on_a_local_cluster_stores_what_the_local_engine_does(archive_folder, tmp_path):
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    run_batch(archive_folder, local, workers=1)
    result = run_batch(archive_folder, dask, workers=2, engine="dask")
    assert (result.stored, len(result.failures), result.linked_pairs) == (12, 2, 10)
    query = (
        "SELECT r.source, r.title, r.organisation, r.year, r.span, count(m.position) "
        "FROM reports r LEFT JOIN metrics m USING (report_id) GROUP BY ALL ORDER BY ALL"
    )
    link_query = (
        "SELECT earlier_report, later_report, commitment_id, status FROM links ORDER BY ALL"
    )
    for query_text in (query, link_query):
        rows = []
        for db in (local, dask):
            archive = Archive(db)
            rows.append(archive.query(query_text))
            archive.close()
        assert rows[0] == rows[1]
