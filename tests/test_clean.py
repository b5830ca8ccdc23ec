"""Cleaning the real seed page and the table of cases in tests/cases/clean_cases.json."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from summarylens.clean import clean
from summarylens.ingest import read
from summarylens.model import RawDocument

CASES = json.loads((Path(__file__).parent / "cases" / "clean_cases.json").read_text("utf-8"))
GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
SENTENCE = re.compile(r"[^.。;；!?！？]+")
EXAMPLE = Path(__file__).parents[1] / "corpus" / "examples" / "county_union_2024H1_scraped"


@pytest.fixture(scope="module")
def seed_article(seed_path):
    articles = clean(read(seed_path))
    assert len(articles) == 1
    return articles[0]


def test_seed_title_is_the_article_title(seed_article):
    assert seed_article.title == "市郵政工會上半年工作總結和下半年工作安排"
    assert seed_article.text.startswith(seed_article.title + "\n")


def test_seed_keeps_every_body_sentence(seed_article, seed_text):
    """Body = from the article marker's line to the closing paragraph, glosses removed."""
    lines = GLOSS.sub("", seed_text).splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("第1篇"))
    last = next(i for i, line in enumerate(lines) if line.startswith("全局各級工會組織要以鄧小平"))
    body = "\n".join(lines[first + 1 : last + 1])
    sentences = [s.strip() for s in SENTENCE.findall(body) if s.strip()]
    assert len(sentences) > 150
    assert [s for s in sentences if s not in seed_article.text] == []
    assert seed_article.text.endswith(lines[last].strip())


def test_seed_loses_furniture_glosses_and_teaser(seed_article):
    for junk in CASES["in_the_wild"]["seed"]["without"]:
        assert junk not in seed_article.text
    assert not GLOSS.search(seed_article.text)
    assert seed_article.text.count("今年上半年,") == 1


def test_seed_log_counts(seed_article, seed_text):
    removed = Counter(entry.rule for entry in seed_article.removals)
    assert removed["pinyin_gloss"] == 165
    assert removed["teaser"] == 1
    assert removed["related_list"] == 1
    for entry in seed_article.log:
        assert seed_text[entry.start : entry.end] == entry.text


def test_seed_flags_placeholders_and_mojibake_without_touching_them(seed_article):
    flagged = Counter(entry.rule for entry in seed_article.flags)
    assert flagged["mojibake"] == 2
    assert flagged["placeholder"] > 60
    assert "經?;?制度化" in seed_article.text
    texts = {entry.text for entry in seed_article.flags if entry.rule == "placeholder"}
    assert {"__", "____", "_", "______"} <= texts


def test_seed_cleaned_text_maps_back_to_the_original(seed_article, seed_text):
    title_at = seed_article.text.index("——全面實施以")
    start, end = seed_article.offsets.to_source(title_at, title_at + 12)
    assert seed_text[start:end] == "——全面實施以'發(fā)展杯'"


def test_example_page_splits_into_its_articles():
    expected = json.loads(EXAMPLE.with_suffix(".expected.json").read_text("utf-8"))
    articles = clean(read(EXAMPLE.with_suffix(".txt")))
    assert [a.title for a in articles] == [a["title"] for a in expected["articles"]]
    everything = "\n".join(a.text for a in articles)
    for article, wanted in zip(articles, expected["articles"], strict=True):
        for line in wanted["must_include"]:
            assert line in article.text
        for junk in wanted["must_not_include"]:
            assert junk not in article.text
    for junk in expected["must_not_include"]:
        assert junk not in everything
    glosses = sum(1 for a in articles for e in a.removals if e.rule == "pinyin_gloss")
    assert glosses == expected["gloss_count"]
    mojibake = [e.text for a in articles for e in a.flags if e.rule == "mojibake"]
    assert mojibake == ["?;?"] and expected["mojibake"].count("?;?") == 1


def _cases(group: str) -> list[dict]:
    return CASES[group]["cases"]


def _clean_text(text: str) -> str:
    articles = clean(RawDocument("case.txt", text, "text"))
    return "\n\n".join(article.text for article in articles)


@pytest.mark.parametrize("case", _cases("synthetic"), ids=[c["id"] for c in _cases("synthetic")])
def test_synthetic(case):
    cleaned = _clean_text(case["input"])
    for kept in case["with"]:
        assert kept in cleaned
    for gone in case["without"]:
        assert gone not in cleaned


@pytest.mark.parametrize("case", _cases("negative"), ids=[c["id"] for c in _cases("negative")])
def test_negative_cases_do_not_change(case):
    assert _clean_text(case["input"]) == case["input"].strip()


@pytest.mark.parametrize(
    "case", _cases("known_failures"), ids=[c["id"] for c in _cases("known_failures")]
)
@pytest.mark.xfail(strict=True, reason="known limitation, see the case's note")
def test_known_failures(case):
    cleaned = _clean_text(case["input"])
    assert all(kept in cleaned for kept in case["with"])
    assert not any(gone in cleaned for gone in case["without"])


def test_article_split_gives_each_article_its_own_log():
    text = (
        "范文大全\n第1篇 甲工会上半年总结\n上半年召开职代会1次，发(fā)展会员20名。\n"
        "第2篇 乙工会上半年总结\n上半年开展送温暖活动，慰问困难职工__户。\n"
    )
    first, second = clean(RawDocument("two.txt", text, "text"))
    assert (first.title, second.title) == ("甲工会上半年总结", "乙工会上半年总结")
    assert {e.rule for e in first.log} == {"page_title", "article_marker", "pinyin_gloss"}
    assert {e.rule for e in second.log} == {"article_marker", "placeholder"}
    start, end = second.offsets.to_source(0, len(second.text))
    assert text[start:end] == second.text
