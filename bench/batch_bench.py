"""``batch`` throughput and memory on a synthetic archive, against bare jieba.

Builds an archive of ≥ 1,000 UTF-8 reports from corpus/sources (each source copied
with its organisation renamed, so every file has its own hash and each renamed
organisation forms its own series), then runs ``summarylens batch`` as a fresh
process with 1 and with 2 workers into a new database each time, under GNU time
for peak memory. The yardstick is ``jieba.lcut`` over the same texts in one
process. A smaller archive (a quarter) shows whether memory stays flat as the
archive grows, and two bare-jieba processes against one show how far this machine
itself scales to 2 workers.

Run: ``.venv/bin/python bench/batch_bench.py [--reports N]``
"""

from __future__ import annotations

import argparse
import logging
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import GNU_TIME, MAX_RSS, REPO_ROOT, print_table


def build_archive(folder: Path, count: int) -> int:
    """``count`` report files from the corpus sources; returns their total characters."""
    sources = sorted((REPO_ROOT / "corpus" / "sources").glob("*/*.txt"))
    chars = 0
    for index in range(count):
        source = sources[index % len(sources)]
        text = source.read_text("utf-8")
        copy = index // len(sources)
        first_line = text.splitlines()[0]
        renamed = re.sub(r"^(\S{2,3}?)(市|县|公司)", rf"\g<1>{copy}\2", first_line, count=1)
        # The archive number keeps every copy's bytes (and so its hash) distinct.
        text = text.replace(first_line, renamed, 1).rstrip("\n") + f"\n（存档编号{index:04d}）\n"
        target = folder / f"org{copy:03d}" / f"{source.parent.name}_{source.stem}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        chars += len(text)
    return chars


def run_batch(folder: Path, workers: int) -> tuple[float, float | None]:
    """Wall seconds and peak RSS (MiB) of one ``summarylens batch`` process."""
    db = folder.parent / f"bench-{workers}-{time.monotonic_ns()}.duckdb"
    command = [
        str(Path(sys.executable).with_name("summarylens")),
        "batch",
        str(folder),
        "--db",
        str(db),
        "--workers",
        str(workers),
    ]
    if GNU_TIME.is_file():
        command = [str(GNU_TIME), "-v", *command]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({done.returncode}):\n{done.stderr[-2000:]}")
    match = MAX_RSS.search(done.stderr)
    return seconds, (int(match.group(1)) / 1024 if match else None)


def bare_jieba(folder: Path) -> float:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [p.read_text("utf-8") for p in sorted(folder.rglob("*.txt"))]
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start


JIEBA_SHARE = """
import logging, pathlib, sys, jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))[int(sys.argv[2])::int(sys.argv[3])]
texts = [p.read_text("utf-8") for p in files]
print("ready", flush=True)
sys.stdin.readline()
for text in texts:
    jieba.lcut(text)
"""


def parallel_jieba(folder: Path, processes: int) -> float:
    """Wall seconds for ``processes`` bare-jieba processes, each segmenting its share of
    the files, started together once all have loaded: the most this machine gives
    to ``processes`` workers, the ceiling for the batch's own scaling."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", JIEBA_SHARE, str(folder), str(index), str(processes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for index in range(processes)
    ]
    for run in runs:
        run.stdout.readline()
    start = time.perf_counter()
    for run in runs:
        run.stdin.write("go\n")
        run.stdin.flush()
    for run in runs:
        run.communicate()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="archive size (default 1000)")
    args = parser.parse_args()
    rows, ceilings = [], []
    with tempfile.TemporaryDirectory(prefix="summarylens-batch-") as tmp:
        for count in (args.reports // 4, args.reports):
            folder = Path(tmp) / f"archive{count}"
            chars = build_archive(folder, count)
            jieba_seconds = bare_jieba(folder)
            jieba_pair = parallel_jieba(folder, 2)
            ceilings.append(f"{count} files: {jieba_seconds / jieba_pair:.2f}×")
            rows.append(
                [
                    f"{count} files",
                    "bare jieba.lcut",
                    f"{jieba_seconds:.1f}",
                    f"{count / jieba_seconds:.1f}",
                    f"{chars / jieba_seconds:,.0f}",
                    "",
                    "",
                ]
            )
            for workers in (1, 2):
                seconds, peak = run_batch(folder, workers)
                ratio = seconds * workers / jieba_seconds
                rows.append(
                    [
                        f"{count} files",
                        f"batch, {workers} worker(s)",
                        f"{seconds:.1f}",
                        f"{count / seconds:.1f}",
                        f"{chars / seconds:,.0f}",
                        "n/a" if peak is None else f"{peak:.0f}",
                        f"{ratio:.2f}",
                    ]
                )
    print(f"python: {sys.version.split()[0]}; batch runs are fresh processes (startup included)")
    print_table(
        ["archive", "what", "seconds", "files/s", "chars/s", "peak MiB", "worker-time / jieba"],
        rows,
        left=2,
    )
    print("this machine's own scaling, 2 bare-jieba processes against 1:", ", ".join(ceilings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
