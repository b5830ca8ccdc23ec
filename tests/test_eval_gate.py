"""The whole corpus through ``summarylens evaluate``: every stage above its floor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], dict]:
    command = [sys.executable, "-m", "summarylens.cli", "evaluate", "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    return {(row["stage"], row["split"]): row for row in json.loads(result.stdout)["stages"]}


FLOORS = [
    (stage, split, figure, floor)
    for stage, splits in BASELINE["floors"].items()
    for split, figures in splits.items()
    for figure, floor in figures.items()
]


@pytest.mark.parametrize(
    "stage, split, figure, floor", FLOORS, ids=[f"{s}-{p}-{f}" for s, p, f, _ in FLOORS]
)
def test_stage_is_above_its_floor(scores, stage, split, figure, floor):
    row = scores[(stage, split)]
    assert row["implemented"] and row["support"] > 0
    assert row[figure] >= floor, f"{stage} {split} {figure} {row[figure]:.3f} < {floor}"
