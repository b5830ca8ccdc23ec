"""Metric parsing: table-driven rows grouped by where the wording comes from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarylens.extract.metrics import find_quantities

CASES = json.loads((Path(__file__).parent / "cases" / "metric_cases.json").read_text("utf-8"))
ROWS = [
    (group, text, expected)
    for group, rows in CASES.items()
    if group != "note"
    for text, expected in rows
]


@pytest.mark.parametrize("group, text, expected", ROWS, ids=[f"{g}:{t}" for g, t, _ in ROWS])
def test_quantities(group, text, expected):
    found = [
        [text[q.start : q.end], q.value, q.value_max, q.unit, q.qualifier, q.placeholder]
        for q in find_quantities(text)
    ]
    assert found == expected


def test_government_target_sentence_gives_one_target_per_indicator():
    text = (
        "今年经济社会发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，"
        "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量1.3万亿斤以上。"
    )
    found = {q.indicator: (q.value, q.unit, q.qualifier, q.bound) for q in find_quantities(text)}
    assert found == {
        "国内生产总值": (5.0, "%", "左右", "about"),
        "城镇新增就业": (1200.0, "万人", "以上", "at_least"),
        "城镇调查失业率": (5.5, "%", "左右", "about"),
        "居民消费价格涨幅": (3.0, "%", "左右", "about"),
        "粮食产量": (1.3, "万亿斤", "以上", "at_least"),
    }


def test_qualifier_meanings_cover_every_qualifier():
    from summarylens import rules

    qualifier = rules.load("metrics")["qualifier"]
    words = qualifier["before"] + qualifier["inside"] + qualifier["after"]
    assert set(qualifier["meaning"]) == set(words)
    assert set(qualifier["meaning"].values()) == {"more_than", "about", "at_least", "at_most"}


def test_number_first_covers_every_number():
    """A number starting with a character ``first`` leaves out would never be found."""
    import re

    from summarylens import rules

    number = rules.load("metrics")["number"]
    first = re.compile(number["first"])
    patterns = [re.compile(number[key]) for key in ("arabic", "chinese", "placeholder")]
    starts = {
        char
        for char in map(chr, range(0x10000))
        if any(pattern.match(char * 8) for pattern in patterns)
    }
    assert starts and all(first.match(char) for char in starts)


INDICATOR_CASES = [
    ("征集合理化建议1260余件。", ["征集合理化建议"]),
    ("全公司4680名会员全部录入。", ["会员"]),
    ("全集团1285个班组参加竞赛。", ["班组"]),
    ("持证率达到86.4%，比上年提高2.9个百分点。", ["持证率", "持证率比上年"]),
    ("新建爱心妈咪小屋5个，总数达到20个。", ["新建爱心妈咪小屋", "新建爱心妈咪小屋总数"]),
    ("共有126名职工参加培训。", ["职工"]),
    ("组织1130名女职工参加“两癌”筛查。", ["女职工"]),
    ("西城区局、速递分公司2家职工书屋开放。", ["职工书屋开放"]),
    ("新建培训中心2个。", ["新建培训中心"]),
    ("全年收集合理化建议268条，其中下半年131条。", ["收集合理化建议", "收集合理化建议下半年"]),
    ("全年新增参保436人，其中下半年新增280人。", ["新增参保", "新增参保下半年新增"]),
    ("全社会研发投入26.7亿元，增长13.1%。", ["全社会研发投入", "全社会研发投入"]),
    ("确保全年调解成功率比上半年提高1个百分点。", ["调解成功率比上半年"]),
    ("力争参学人数达到200万人次。", ["参学人数"]),
    # The noun after the figure ends at the verb that follows it.
    ("召开职代会，128名职工代表审议通过了工作报告。", ["职工代表"]),
    ("全年有8名职工在市级技能大赛中获奖。", ["职工"]),
    ("全市共有12家企业率先推行积分制。", ["企业"]),
    ("上半年为35名困难职工子女发放助学金。", ["困难职工子女"]),
]


@pytest.mark.parametrize("text, indicators", INDICATOR_CASES)
def test_indicator_names_what_is_measured(text, indicators):
    assert [q.indicator for q in find_quantities(text)] == indicators


@pytest.mark.parametrize(
    "indicator, name",
    [
        ("入会率保持在", "入会率"),
        ("采纳率达到", "采纳率"),
        ("参保人数", "参保人数"),
        ("在岗职工", "在岗职工"),
    ],
)
def test_an_indicator_without_the_words_setting_its_level(indicator, name):
    from summarylens.extract.metrics import without_level

    assert without_level(indicator) == name
