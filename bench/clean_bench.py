"""Clean + normalise throughput: ``clean_file`` against a bare read + OpenCC t2s.

The bare baseline is the least any tool must do to get simplified text out of
a report file: decode it and run OpenCC. summarylens also detects the charset,
strips site furniture with an offset map and logs every removal; the stage
rows show which of read, clean and normalise that time goes to. The GB18030
copy adds charset detection: the bare read is told the encoding, summarylens
has to find it.

Run: ``.venv/bin/python bench/clean_bench.py [--repeat N] [--input TEXT]``
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import opencc
from _common import (
    describe_run,
    load_text,
    parse_args,
    print_peak_memory,
    print_table,
    repeated_to,
    time_interleaved,
    timing_cells,
)

from summarylens import clean, ingest, normalise
from summarylens.pipeline import CleanedFile, clean_file

MIN_CHARS = 500_000
ENCODINGS = ("utf-8", "gb18030")

BARE_CODE = """
import pathlib, sys, opencc
opencc.OpenCC("t2s").convert(pathlib.Path(sys.argv[1]).read_text(encoding=sys.argv[2]))
"""
SUMMARYLENS_CODE = """
import sys
from summarylens.pipeline import CleanedFile, clean_file
clean_file(sys.argv[1])
"""


def write_copies(text: str, folder: Path) -> dict[str, Path]:
    """The large text once per encoding; bytes, so line endings stay as they are."""
    paths = {}
    for encoding in ENCODINGS:
        paths[encoding] = folder / f"large.{encoding}.txt"
        paths[encoding].write_bytes(text.encode(encoding))
    return paths


def cases(path: Path, encoding: str) -> dict[str, Callable[[], object]]:
    """Bare, summarylens whole, then each summarylens stage alone on the previous
    stage's output (computed once, untimed), to show where the time goes."""
    converter = opencc.OpenCC("t2s")
    raw = ingest.read(path)
    articles = clean.clean(raw)
    return {
        "bare read + OpenCC t2s": lambda: converter.convert(path.read_text(encoding=encoding)),
        "summarylens clean_file": lambda: clean_file(path),
        "  ingest.read": lambda: ingest.read(path),
        "  clean.clean": lambda: clean.clean(raw),
        "  normalise.normalise": lambda: [normalise.normalise(a, raw.text) for a in articles],
    }


def measure(
    encoding: str, path: Path, chars: int, repeat: int
) -> tuple[list[list[str]], float, str]:
    """Table rows for one file (bare, summarylens, its stages) and the summarylens/bare ratio."""
    timings = time_interleaved(cases(path, encoding), repeat)
    bare, ours = timings["bare read + OpenCC t2s"], timings["summarylens clean_file"]
    rows = [
        [encoding, label, *timing_cells(timing), f"{chars / timing.median:,.0f}"]
        for label, timing in timings.items()
    ]
    return rows, ours.median / bare.median, describe_result(encoding, ours.result)


def describe_result(encoding: str, result: CleanedFile) -> str:
    """One line proving the run did the real work: right charset, articles split, log kept."""
    log = sum(len(article.cleaned.log) for article in result.articles)
    return (
        f"{encoding} file: detected {result.raw.encoding}, "
        f"{len(result.articles)} articles, {log:,} log entries"
    )


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    text = load_text(args.input)
    describe_run(args, text)
    large = repeated_to(text, MIN_CHARS)
    print(f"large text: {len(large):,} chars (input repeated to ≥ {MIN_CHARS:,})")
    print()
    with tempfile.TemporaryDirectory(prefix="summarylens-bench-") as tmp:
        paths = write_copies(large, Path(tmp))
        rows, ratios, notes = [], {}, []
        for encoding, path in paths.items():
            file_rows, ratios[encoding], note = measure(encoding, path, len(large), args.repeat)
            rows += file_rows
            notes.append(note)
        print("\n".join(notes), end="\n\n")
        print_table(["file", "what", "median s", "min s", "max s", "chars/s"], rows, left=2)
        print_peak_memory(
            [
                (f"{encoding} {label}", code, [str(path), encoding])
                for encoding, path in paths.items()
                for label, code in (("bare", BARE_CODE), ("summarylens", SUMMARYLENS_CODE))
            ]
        )
    verdict = ", ".join(f"{encoding} {ratio:.2f}" for encoding, ratio in ratios.items())
    print(f"ratio summarylens/bare (median s): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
