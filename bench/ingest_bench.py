"""PDF ingest: ``summarylens.ingest.read`` against bare pdfplumber on the same PDF.

Bare pdfplumber (``page.extract_text()`` on every page) is the floor: summarylens
must lay out every character too, and adds header/footer removal and line
joining on top. The target is summarylens ≤ 1.2 × bare.

Run: ``.venv/bin/python bench/ingest_bench.py [--repeat N] [--input TEXT]``
"""

from __future__ import annotations

import importlib
import sys
import tempfile
from pathlib import Path

import pdfplumber
from _common import (
    REPO_ROOT,
    describe_run,
    load_text,
    parse_args,
    print_peak_memory,
    print_table,
    repeated,
    time_interleaved,
    timing_cells,
)

from summarylens import ingest

TARGET_RATIO = 1.2
LARGE_COPIES = 4

BARE_CODE = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    [page.extract_text() for page in pdf.pages]
"""
SUMMARYLENS_CODE = """
import sys
from summarylens import ingest
ingest.read(sys.argv[1])
"""

READERS_ALONE = (("bare pdfplumber", BARE_CODE), ("summarylens", SUMMARYLENS_CODE))


def build_pdfs(text: str, folder: Path) -> dict[str, Path]:
    """The report as a PDF, and a larger one, through the same tool the tests use."""
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    variants = importlib.import_module("variants")
    return {
        "x1": variants.write_variants(text, folder / "x1")["pdf"],
        f"x{LARGE_COPIES}": variants.write_variants(
            repeated(text, LARGE_COPIES), folder / f"x{LARGE_COPIES}"
        )["pdf"],
    }


def bare_pdfplumber(path: Path) -> list[str]:
    """What any pdfplumber user writes first: one ``extract_text`` per page."""
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def measure(name: str, path: Path, repeat: int) -> tuple[list[list[str]], float]:
    """Table rows for one PDF (bare, then summarylens) and the summarylens/bare ratio."""
    timings = time_interleaved(
        {"bare": lambda: bare_pdfplumber(path), "summarylens": lambda: ingest.read(path)}, repeat
    )
    bare, ours = timings["bare"], timings["summarylens"]
    bare_chars = sum(len(page or "") for page in bare.result)
    rows = [
        [name, "bare pdfplumber", str(len(bare.result)), f"{bare_chars:,}", *timing_cells(bare)],
        [
            name,
            "summarylens",
            str(len(ours.result.page_starts)),
            f"{len(ours.result.text):,}",
            *timing_cells(ours),
        ],
    ]
    return rows, ours.median / bare.median


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    text = load_text(args.input)
    describe_run(args, text)
    with tempfile.TemporaryDirectory(prefix="summarylens-bench-") as tmp:
        pdfs = build_pdfs(text, Path(tmp))
        rows, ratios = [], {}
        for name, path in pdfs.items():
            pdf_rows, ratios[name] = measure(name, path, args.repeat)
            rows += pdf_rows
        print_table(["pdf", "reader", "pages", "chars", "median s", "min s", "max s"], rows, left=2)
        print_peak_memory(
            [
                (f"{name} {label}", code, [str(path)])
                for name, path in pdfs.items()
                for label, code in READERS_ALONE
            ]
        )
    verdict = ", ".join(f"{name} {ratio:.2f}" for name, ratio in ratios.items())
    print(f"ratio summarylens/bare (median s): {verdict} (target ≤ {TARGET_RATIO})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
