"""Helpers both benchmarks share: input loading, median timing, peak RSS, tables.

Only the standard library and GNU time are used, so anyone can rerun the
figures in ``bench/README.md`` without installing a benchmarking tool.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED = REPO_ROOT.parent / "shared" / "seed" / "000_4134b559ec673802.txt"
FALLBACK = REPO_ROOT / "corpus" / "examples" / "county_union_2024H1_scraped.txt"
GNU_TIME = Path("/usr/bin/time")
MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")
NO_GNU_TIME = "peak memory: n/a (install GNU time)"


def parse_args(description: str) -> argparse.Namespace:
    """The two options every benchmark takes, so their command lines match."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs per case; the median is reported"
    )
    parser.add_argument(
        "--input",
        type=Path,
        default=None,
        help=f"UTF-8 report text (default: {SEED}, else {FALLBACK.relative_to(REPO_ROOT)})",
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.input = resolve_input(args.input)
    if not args.input.is_file():
        parser.error(f"--input {args.input}: no such file")
    return args


def resolve_input(path: Path | None) -> Path:
    """The seed sits beside the repository, not in it; a fresh clone has only the corpus."""
    if path is not None:
        return path
    return SEED if SEED.is_file() else FALLBACK


def load_text(path: Path) -> str:
    """Read the input as the variants tool does (a BOM, if any, is not report text)."""
    return path.read_text(encoding="utf-8-sig")


def repeated(text: str, copies: int) -> str:
    """The text ``copies`` times, newline-separated so paragraphs never fuse."""
    return "\n".join([text.rstrip("\n")] * copies) + "\n"


def repeated_to(text: str, min_chars: int) -> str:
    """Enough copies of the text to reach ``min_chars`` characters."""
    return repeated(text, math.ceil(min_chars / (len(text.rstrip("\n")) + 1)))


@dataclass(frozen=True)
class Timing:
    """Median and spread of the timed runs, plus the last run's result for sanity checks."""

    median: float
    low: float
    high: float
    result: Any


def time_interleaved(cases: dict[str, Callable[[], Any]], repeat: int) -> dict[str, Timing]:
    """Median wall time of each case over ``repeat`` rounds, the cases taking turns.

    Each case is called once untimed first, so lazy imports, rule loading, cached
    converters and the OS page cache do not land in a sample. Taking turns (a, b,
    a, b …) rather than timing all of a and then all of b means a burst of load
    on a shared machine slows both sides alike, which keeps their ratio honest;
    the median drops single descheduled runs.
    """
    for fn in cases.values():
        fn()
    samples: dict[str, list[float]] = {name: [] for name in cases}
    results: dict[str, Any] = {}
    for _ in range(repeat):
        for name, fn in cases.items():
            start = time.perf_counter()
            results[name] = fn()
            samples[name].append(time.perf_counter() - start)
    return {
        name: Timing(statistics.median(runs), min(runs), max(runs), results[name])
        for name, runs in samples.items()
    }


def peak_rss_kib(code: str, *args: str) -> int | None:
    """Peak RSS of ``python -c code args`` in its own process, read from GNU time.

    A fresh process is the only way to see one reader's peak alone: in-process
    figures would include the other reader and the benchmark itself. The figure
    includes the interpreter and imports. ``None`` when GNU time is missing or
    its report cannot be read.
    """
    if not GNU_TIME.is_file():
        return None
    command = [str(GNU_TIME), "-v", sys.executable, "-c", code, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"warning: peak-RSS run failed:\n{done.stderr[-800:]}", file=sys.stderr)
        return None
    match = MAX_RSS.search(done.stderr)
    return int(match.group(1)) if match else None


def print_peak_memory(cases: Sequence[tuple[str, str, Sequence[str]]]) -> None:
    """Peak RSS of each (label, code, args) case, or one line saying GNU time is missing."""
    if not GNU_TIME.is_file():
        print(NO_GNU_TIME)
        return
    rows = []
    for label, code, args in cases:
        kib = peak_rss_kib(code, *args)
        rows.append([label, "n/a" if kib is None else f"{kib / 1024:.1f}"])
    print("peak memory (max RSS of a fresh python process, interpreter included):")
    print_table(["case", "peak MiB"], rows)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> None:
    """The first ``left`` (label) columns left-aligned, numbers right-aligned."""
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(cell).ljust(width) if i < left else str(cell).rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(line(headers))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))
    print()


def seconds(value: float) -> str:
    return f"{value:.3f}"


def timing_cells(timing: Timing) -> list[str]:
    """Median, min and max seconds: the spread shows how noisy the machine was."""
    return [seconds(timing.median), seconds(timing.low), seconds(timing.high)]


def describe_run(args: argparse.Namespace, text: str) -> None:
    """Say what was measured, so a pasted table stands on its own."""
    print(f"input: {args.input} ({len(text):,} chars), repeat: {args.repeat} (median reported)")
    print(f"python: {sys.version.split()[0]}, timer: time.perf_counter")
    print()
