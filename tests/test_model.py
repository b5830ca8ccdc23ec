"""Offset maps compose; model objects survive a JSON round-trip."""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarylens.clean import clean
from summarylens.model import CleanedDocument, OffsetMap, RawDocument, from_json, page_at, to_json

REPORTS = Path(__file__).resolve().parents[1] / "corpus" / "reports"


def test_identity_and_span_mapping():
    offsets = OffsetMap.identity(5)
    assert len(offsets) == 5
    assert offsets.to_source(1, 3) == (1, 3)
    assert offsets.to_source(5, 5) == (5, 5)


def test_span_over_removed_text_covers_it():
    offsets = OffsetMap(array("q", [0, 1, 5, 6, 7]))
    assert offsets.to_source(0, 3) == (0, 6)
    assert offsets.to_source(1, 2) == (1, 2)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.booleans(), min_size=1, max_size=60), st.lists(st.booleans(), max_size=60))
def test_composed_maps_equal_mapping_twice(keep_first, keep_second):
    source = list(range(len(keep_first)))
    middle = [p for p, keep in zip(source, keep_first, strict=True) if keep]
    inner_keep = (keep_second + [True] * len(middle))[: len(middle)]
    derived = [i for i, keep in enumerate(inner_keep) if keep]
    outer = OffsetMap(array("q", [*middle, len(source)]))
    inner = OffsetMap(array("q", [*derived, len(middle)]))
    composed = inner.then(outer)
    for index, middle_index in enumerate(derived):
        assert composed.positions[index] == outer.positions[middle_index]


def test_page_at():
    assert page_at((), 10) is None
    assert page_at((0, 100, 250), 0) == 1
    assert page_at((0, 100, 250), 99) == 1
    assert page_at((0, 100, 250), 100) == 2
    assert page_at((0, 100, 250), 900) == 3


def test_cleaned_document_json_round_trip():
    text = "第1篇 甲工会总结\n上半年发(fā)展会员__名。\n"
    document = clean(RawDocument("a.txt", text, "text", "utf-8", (0,)))[0]
    data = json.loads(json.dumps(to_json(document), ensure_ascii=False))
    assert from_json(CleanedDocument, data) == document


@pytest.mark.parametrize("name", ["postal/2022Y.pdf", "postal/2021H1.txt"])
def test_analysed_report_and_document_json_round_trip(name):
    """The archive keeps analyses as JSON and audits from them, so nothing may be lost."""
    from summarylens.model import NormalisedDocument, Report
    from summarylens.pipeline import analyse_file

    result = analyse_file(REPORTS / name)
    for kind, value in ((Report, result.reports[0]), (NormalisedDocument, result.documents[0])):
        data = json.loads(json.dumps(to_json(value), ensure_ascii=False))
        assert from_json(kind, data) == value
