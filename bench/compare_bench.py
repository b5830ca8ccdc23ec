"""``summarylens compare`` of two successive reports, end to end, model load included.

Each run is a fresh ``summarylens compare`` process, as a user would start it:
interpreter start, imports, jieba's dictionary, the spaCy pipeline, the link
model, both reports analysed and audited. Target (issue 7): under 2 s on a
2-core machine for two ~5,000-character reports.

Run: ``.venv/bin/python bench/compare_bench.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import REPO_ROOT, print_table

PAIRS = [
    ("postal/2022H1.txt", "postal/2022Y.pdf"),
    ("county/2022H1.html", "county/2022Y.txt"),
    ("power/2019Y.pdf", "power/2020Y.txt"),
    # Not a real pair: the corpus's longest report against itself, for the 5,000-character size.
    ("gov/2024.txt", "gov/2024.txt"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per pair (median reported)")
    args = parser.parse_args()
    reports = REPO_ROOT / "corpus" / "reports"
    command = [str(Path(sys.executable).with_name("summarylens")), "compare"]
    rows = []
    for earlier, later in PAIRS:
        paths = [reports / earlier, reports / later]
        chars = sum(
            len((REPO_ROOT / "corpus" / "sources" / p).with_suffix(".txt").read_text("utf-8"))
            for p in (earlier, later)
        )
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            subprocess.run([*command, *map(str, paths)], check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
        rows.append(
            [
                f"{earlier} → {later}",
                f"{chars:,}",
                *(f"{v:.2f}" for v in (statistics.median(runs), min(runs), max(runs))),
            ]
        )
    print(f"python: {sys.version.split()[0]}, repeat: {args.repeat}, fresh process per run")
    print_table(["pair", "source chars", "median s", "min s", "max s"], rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
