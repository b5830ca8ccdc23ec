"""Full ``analyse`` throughput against bare ``jieba.lcut`` on the same text.

The yardstick (DESIGN.md): segmenting the text with jieba is the least any
Chinese text tool does; ``analyse`` (read, clean, normalise, structure, and the
spaCy extraction pipeline whose tokenizer is jieba) should cost at most 1.5×
that. jieba's dictionary and the spaCy pipeline are loaded before timing on
both sides; the stage rows show where summarylens spends the rest.

Two inputs, because they give very different ratios. The scraped seed flatters
summarylens: bare jieba spends about half its time on the page's furniture (14 %
of its characters), which the cleaner removes before segmenting. The corpus row
analyses each clean source report as its own file, as ``batch`` does, against
bare jieba on the same files: what a user with clean reports pays.

Run: ``.venv/bin/python bench/analyse_bench.py [--repeat N] [--input TEXT]``
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import jieba
from _common import (
    REPO_ROOT,
    describe_run,
    load_text,
    parse_args,
    print_peak_memory,
    print_table,
    repeated_to,
    time_interleaved,
    timing_cells,
)

from summarylens.extract import build_nlp, extract
from summarylens.extract.components import word_ends
from summarylens.pipeline import AnalysedFile, analyse_file, clean_file
from summarylens.structure import structure

MIN_CHARS = 500_000

BARE_CODE = """
import logging, pathlib, sys, jieba
jieba.setLogLevel(logging.WARNING)
jieba.lcut(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
"""
SUMMARYLENS_CODE = """
import sys
from summarylens.pipeline import analyse_file
analyse_file(sys.argv[1])
"""


def cases(path: Path) -> dict[str, Callable[[], object]]:
    """Bare jieba, the whole of analyse, then each stage on the previous one's output."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    build_nlp()
    text = path.read_text(encoding="utf-8")
    articles = clean_file(path).articles
    words = [word_ends(article.text) for article in articles]
    outlines = [structure(a, None, w) for a, w in zip(articles, words, strict=True)]
    return {
        "bare jieba.lcut": lambda: jieba.lcut(text),
        "summarylens analyse_file": lambda: analyse_file(path),
        "  read + clean + normalise": lambda: clean_file(path),
        "  segment (jieba, genre words)": lambda: [word_ends(article.text) for article in articles],
        "  structure": lambda: [
            structure(a, None, w) for a, w in zip(articles, words, strict=True)
        ],
        "  extract (spaCy components)": lambda: [
            extract(a, o) for a, o in zip(articles, outlines, strict=True)
        ],
    }


def corpus_cases() -> dict[str, Callable[[], object]]:
    """Bare jieba and analyse_file over every corpus source, one file at a time."""
    paths = sorted((REPO_ROOT / "corpus" / "sources").glob("*/*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return {
        "bare jieba.lcut, each file": lambda: [jieba.lcut(text) for text in texts],
        "summarylens analyse_file, each file": lambda: [analyse_file(path) for path in paths],
    }


def describe_result(result: AnalysedFile) -> str:
    """One line proving the run did the real work."""
    reports = result.reports
    return (
        f"{len(reports)} articles, {sum(len(r.sections) for r in reports):,} sections, "
        f"{sum(len(r.metrics) for r in reports):,} metrics, "
        f"{sum(len(r.commitments) for r in reports):,} commitments"
    )


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    text = load_text(args.input)
    describe_run(args, text)
    large = repeated_to(text, MIN_CHARS)
    print(f"large text: {len(large):,} chars (input repeated to ≥ {MIN_CHARS:,})")
    with tempfile.TemporaryDirectory(prefix="summarylens-bench-") as tmp:
        path = Path(tmp) / "large.txt"
        path.write_bytes(large.encode("utf-8"))
        timings = time_interleaved(cases(path), args.repeat)
        print(describe_result(timings["summarylens analyse_file"].result), end="\n\n")
        rows = [
            [label, *timing_cells(timing), f"{len(large) / timing.median:,.0f}"]
            for label, timing in timings.items()
        ]
        print_table(["what", "median s", "min s", "max s", "chars/s"], rows)
        print_peak_memory(
            [("bare jieba", BARE_CODE, [str(path)]), ("summarylens", SUMMARYLENS_CODE, [str(path)])]
        )
    corpus = time_interleaved(corpus_cases(), args.repeat)
    files = len(corpus["summarylens analyse_file, each file"].result)
    print(f"corpus/sources: {files} clean reports, each analysed as its own file")
    print_table(
        ["what", "median s", "min s", "max s"],
        [[label, *timing_cells(timing)] for label, timing in corpus.items()],
    )
    for label, analyse, bare in (
        ("the input", timings["summarylens analyse_file"], timings["bare jieba.lcut"]),
        (
            "corpus/sources",
            corpus["summarylens analyse_file, each file"],
            corpus["bare jieba.lcut, each file"],
        ),
    ):
        ratio = analyse.median / bare.median
        print(f"ratio analyse / bare jieba on {label} (median s): {ratio:.2f} (target ≤ 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
