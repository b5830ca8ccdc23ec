"""The gold corpus is consistent: every anchor occurs exactly once, every field is valid.

Run one organisation's checks with ``pytest tests/test_corpus.py -k postal``.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from summarylens import corpus as corpus_module

CORPUS = corpus_module.load()
THEMES = set(
    tomllib.loads(resources.files("summarylens.data").joinpath("themes.toml").read_text("utf-8"))
)
QUALIFIERS = {
    None,
    "余",
    "多",
    "近",
    "约",
    "左右",
    "以上",
    "超过",
    "不低于",
    "不少于",
    "以内",
    "以下",
    "不超过",
    "控制在",
}
SPANS = {"H1", "H2", "Q1", "Q2", "Q3", "Q4", "Y"}
STATUSES = {"fulfilled", "partial", "carried_over", "postponed", "not_mentioned"}
VERDICTS = {"met", "missed", "not_reported"}
METRIC_FIELDS = {
    "anchor",
    "text",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "placeholder",
    "indicator",
    "kind",
}

REPORTS = [r for r in CORPUS.reports if r.source.exists()]
PAIRS = [p for p in CORPUS.pairs if p.gold_path.exists()]


def _unique(text: str, anchor: str, where: str) -> None:
    assert anchor, f"{where}: empty anchor"
    count = text.count(anchor)
    assert count == 1, f"{where}: anchor {anchor!r} occurs {count} times"


def _check_metric(text: str, metric: dict, where: str) -> None:
    assert set(metric) >= METRIC_FIELDS, f"{where}: missing {METRIC_FIELDS - set(metric)}"
    _unique(text, metric["anchor"], where)
    assert metric["text"] in metric["anchor"], f"{where}: text {metric['text']!r} not in anchor"
    assert metric["qualifier"] in QUALIFIERS, f"{where}: qualifier {metric['qualifier']!r}"
    assert metric["kind"] in {"actual", "target"}, where
    assert (metric["value"] is None) == metric["placeholder"], f"{where}: placeholder/value"
    assert metric["unit"], f"{where}: no unit"


@pytest.mark.parametrize("report", REPORTS, ids=[r.id for r in REPORTS])
def test_report_gold_is_consistent(report):
    text = report.source_text()
    gold = report.gold()
    assert gold["id"] == report.id
    _unique(text, gold["title"], "title")
    assert gold["period"]["span"] in SPANS
    assert [part["part"] for part in gold["parts"]] in (
        ["review"],
        ["plan"],
        ["review", "plan"],
        ["plan", "review"],
    )
    starts = []
    for part in gold["parts"]:
        _unique(text, part["start"], f"part {part['part']}")
        starts.append(text.index(part["start"]))
    assert starts == sorted(starts)
    positions = []
    for section in gold["sections"]:
        where = f"section {section['heading']!r}"
        _unique(text, section["heading"], where)
        positions.append(text.index(section["heading"]))
        assert section["level"] in {1, 2, 3, 4}, where
        assert section["part"] in {"review", "plan"}, where
        assert section["theme"] is None or section["theme"] in THEMES, where
    assert positions == sorted(positions), "sections out of document order"
    anchors = [metric["anchor"] for metric in gold["metrics"]]
    assert len(anchors) == len(set(anchors)), "two metrics share an anchor"
    for metric in gold["metrics"]:
        _check_metric(text, metric, f"metric {metric['anchor']!r}")
    ids = [commitment["id"] for commitment in gold["commitments"]]
    assert len(ids) == len(set(ids)), "duplicate commitment ids"
    for commitment in gold["commitments"]:
        where = f"commitment {commitment['id']}"
        _unique(text, commitment["anchor"], where)
        for target in commitment["targets"]:
            _check_metric(text, target, f"{where} target")
            assert target["kind"] == "target", where
            assert target["anchor"] in anchors, f"{where}: target not listed in metrics"


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p.earlier.id}->{p.later.id}" for p in PAIRS])
def test_pair_gold_is_consistent(pair):
    gold = pair.gold()
    assert (gold["earlier"], gold["later"]) == (pair.earlier.id, pair.later.id)
    earlier = pair.earlier.gold()
    later_text = pair.later.source_text()
    commitments = {c["id"]: c for c in earlier["commitments"]}
    linked = [link["commitment"] for link in gold["links"]]
    assert sorted(linked) == sorted(commitments), "links must cover each commitment once"
    for link in gold["links"]:
        where = f"link {link['commitment']}"
        assert link["status"] in STATUSES, where
        assert bool(link["evidence"]) == (link["status"] != "not_mentioned"), where
        for anchor in link["evidence"]:
            _unique(later_text, anchor, f"{where} evidence")
        targets = {t["text"] for t in commitments[link["commitment"]]["targets"]}
        assert {check["target"] for check in link["target_checks"]} == targets, where
        for check in link["target_checks"]:
            assert check["verdict"] in VERDICTS, where
            if check["actual"] is not None:
                _unique(later_text, check["actual"], f"{where} actual")


def test_every_report_has_its_source_gold_and_pairs():
    missing = [r.id for r in CORPUS.reports if not (r.source.exists() and r.gold_path.exists())]
    missing += [p.gold_path.name for p in CORPUS.pairs if not p.gold_path.exists()]
    assert missing == []
