"""Shared fixtures: the real seed report and the format variants made from it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "000_4134b559ec673802.txt"
EXAMPLES = REPO / "corpus" / "examples"

sys.path.insert(0, str(REPO / "tools"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """CI always has ../shared/ beside the clone, so there a missing seed is a failure."""
    if not SEED.exists():
        message = f"seed report not found at {SEED} (it lies beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_variants(seed_text: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import variants

    return variants.write_variants(seed_text, tmp_path_factory.mktemp("variants"), stem="seed")


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import variants

    return variants.write_bad_inputs(tmp_path_factory.mktemp("bad"))
