"""Period detection: the table in tests/cases/period_cases.json, the seed page, and
``parse_period``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarylens import rules
from summarylens.clean import clean
from summarylens.ingest import read
from summarylens.model import Period
from summarylens.normalise import normalise
from summarylens.period import RANK, SPANS, detect_period, parse_period

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
SEED_DIR = HERE.parents[2] / "shared" / "seed"
CASES = json.loads((HERE.parent / "cases" / "period_cases.json").read_text("utf-8"))


def _rows(group: str) -> list[dict]:
    return CASES[group]["cases"]


def _ids(group: str) -> list[str]:
    return [row["id"] for row in _rows(group)]


def _check(period: Period, row: dict) -> None:
    got = (period.year, period.span, period.plan_year, period.plan_span)
    assert got == (row["year"], row["span"], row["plan_year"], row["plan_span"]), period
    if row["evidence"] is None:
        assert period.evidence == ()
    else:
        assert any(item.startswith(row["evidence"]) for item in period.evidence), period


def _detect(row: dict) -> Period:
    return detect_period(row["title"], row["text"], row["source"], row["override"])


@pytest.mark.parametrize("row", _rows("synthetic"), ids=_ids("synthetic"))
def test_synthetic(row):
    _check(_detect(row), row)


@pytest.mark.parametrize("row", _rows("known_failures"), ids=_ids("known_failures"))
@pytest.mark.xfail(strict=True, reason="known failure: see the case's note")
def test_known_failures(row):
    _check(_detect(row), row)


@pytest.mark.parametrize("row", _rows("corpus_dev"), ids=_ids("corpus_dev"))
def test_corpus_dev(row):
    path = REPO / row["file"]
    assert "/county/" not in row["file"], "county is the held-out test split"
    if not path.exists():
        pytest.skip(f"{row['file']} is not written yet")
    text = path.read_text("utf-8")
    title, _, body = text.partition("\n")
    if not row["use_title"]:
        title, text = "", body
    source = row["file"] if row["use_source"] else ""
    _check(detect_period(title, text, source, row["override"]), row)


@pytest.fixture(scope="module")
def seed_document() -> tuple[str, str]:
    """(title, text) of the seed page, cleaned and normalised as the pipeline does."""
    path = SEED_DIR / _rows("seed")[0]["file"]
    if not path.exists():
        pytest.skip(f"seed report not found at {path} (it lies beside the repository)")
    raw = read(path)
    (article,) = clean(raw)
    text = normalise(article, raw.text).text
    return text.split("\n", 1)[0].strip(), text


@pytest.mark.parametrize("row", _rows("seed"), ids=_ids("seed"))
def test_seed(row, seed_document):
    title, text = seed_document
    _check(detect_period(title, text, "", row["override"]), row)


def test_seed_page_date_stamp_is_not_the_report_date(seed_document):
    """The page's 发布时间 (2022) is an upload stamp: 今年 must stay unresolved."""
    title, text = seed_document
    assert detect_period(title, text).year is None


def test_nothing_gives_unknown_with_no_evidence():
    assert detect_period("", "") == Period(None, "unknown")


def test_evidence_names_its_source_and_reads_strongest_first():
    for row in _rows("synthetic"):
        period = _detect(row)
        ranks = [RANK.index(item.split(": ", 1)[0]) for item in period.evidence]
        if period.plan_span is None:  # otherwise the plan phrase comes last
            assert ranks == sorted(ranks), row["id"]


PARSED = [
    ("2023H1", (2023, "H1")),
    ("2023Y", (2023, "Y")),
    ("2023", (2023, "unknown")),
    ("2023Q3", (2023, "Q3")),
    ("H1", (None, "H1")),
    ("q4", (None, "Q4")),
    (" 2022-h2 ", (2022, "H2")),
    ("2021 Y", (2021, "Y")),
]


@pytest.mark.parametrize("value, expected", PARSED, ids=[value for value, _ in PARSED])
def test_parse_period(value, expected):
    assert parse_period(value) == expected


BAD = ["", "  ", "2023H3", "2023Q5", "23H1", "1899", "2100Y", "H", "annual", "上半年", "2023H1x"]


@pytest.mark.parametrize("value", BAD, ids=[repr(value) for value in BAD])
def test_parse_period_rejects(value):
    with pytest.raises(ValueError, match=r"invalid period .*expected YEAR, SPAN or YEAR\+SPAN"):
        parse_period(value)


def test_bad_override_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="invalid period '2023H3'"):
        detect_period("上半年工作总结", "今年上半年，开展活动。", override="2023H3")


def test_data_names_every_span():
    """The span codes of periods.toml agree with the model's (dateparser-style check)."""
    data = rules.load("periods")
    assert set(rules.compiled("periods", "expression").groupindex) >= set(SPANS)
    assert set(data["months"]) == set(SPANS)
    assert set(data["preceding"]) == set(SPANS)
    assert set(data["preceding"].values()) <= set(SPANS)
    assert set(data["file"]["spans"].values()) <= set(SPANS)
