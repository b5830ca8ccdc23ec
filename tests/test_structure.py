"""Sentences, headings, parts and sections of normalised reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarylens.clean import clean
from summarylens.model import RawDocument
from summarylens.normalise import normalise
from summarylens.pipeline import analyse_file
from summarylens.structure import part_of_heading, split_sentences, structure

CASES = json.loads((Path(__file__).parent / "cases" / "sentence_cases.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["synthetic"], ids=[c["id"] for c in CASES["synthetic"]])
def test_sentences(case):
    text = case["text"]
    assert [text[a:b] for a, b in split_sentences(text)] == case["sentences"]


def _report(text: str):
    article = clean(RawDocument("t.txt", text, "text"))[0]
    return structure(normalise(article, text))


def _outline(report):
    return [(s.heading, s.level, s.part) for s in report.sections]


HEADING_STYLES = """县总工会2022年上半年工作总结和下半年工作安排
今年以来，县总工会团结动员全县职工建功立业，各项工作取得新成效。
一、上半年工作开展情况
（一）产业工人队伍建设改革持续深化。全县开展劳动竞赛12项。
1.技能竞赛。组织职工技能竞赛6场，参赛职工1800人次。
2.创新工作室建设。新认定县级职工创新工作室5家。
（二）维权服务。一是开展法律援助；二是推进集体协商；三是加强劳动争议调解。
二、存在的问题
部分基层工会活力不足。
三、下半年工作安排
（一）抓好“金秋助学”。9月中旬前完成资助工作。
（1）做好申报审核。
（二）推进新就业形态劳动者入会。年底前新发展会员1000名以上。
"""


def test_heading_styles_levels_and_parts():
    report = _report(HEADING_STYLES)
    assert _outline(report) == [
        ("一、上半年工作开展情况", 1, "review"),
        ("（一）产业工人队伍建设改革持续深化。", 2, "review"),
        ("1.技能竞赛。", 3, "review"),
        ("2.创新工作室建设。", 3, "review"),
        ("（二）维权服务。", 2, "review"),
        ("二、存在的问题", 1, "review"),
        ("三、下半年工作安排", 1, "plan"),
        ("（一）抓好“金秋助学”。", 2, "plan"),
        ("（1）做好申报审核。", 3, "plan"),
        ("（二）推进新就业形态劳动者入会。", 2, "plan"),
    ]
    assert [(p.part, p.heading) for p in report.parts] == [
        ("review", "一、上半年工作开展情况"),
        ("plan", "三、下半年工作安排"),
    ]
    assert report.text[report.parts[0].span.start :].startswith("今年以来")
    by_heading = {s.heading: s for s in report.sections}
    assert [i.original_text for i in by_heading["（二）维权服务。"].items] == [
        "一是开展法律援助；", "二是推进集体协商；", "三是加强劳动争议调解。",
    ]  # fmt: skip
    assert (
        by_heading["1.技能竞赛。"].parent == by_heading["（一）产业工人队伍建设改革持续深化。"].id
    )
    assert by_heading["三、下半年工作安排"].theme is None
    assert by_heading["（二）推进新就业形态劳动者入会。"].theme == "union_building"


GOVERNMENT = """云溪县2024年政府工作报告
——2024年1月15日在云溪县第十八届人民代表大会第三次会议上
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，全县地区生产总值增长5.8%。
二、2024年经济社会发展的总体要求和主要预期目标
地区生产总值增长6%左右。
三、2024年政府工作任务
（一）扩大有效投资。全年实施重点项目60个。
"""


def test_government_report_parts_and_preamble():
    report = _report(GOVERNMENT)
    assert [(p.part, p.heading) for p in report.parts] == [
        ("review", "一、2023年工作回顾"),
        ("plan", "二、2024年经济社会发展的总体要求和主要预期目标"),
    ]
    assert _outline(report)[0] == ("一、2023年工作回顾", 1, "review")
    assert [s.theme for s in report.sections if s.level == 1] == [None, None, None]


@pytest.mark.parametrize(
    "heading, part",
    [
        ("二、下半年重点工作安排", "plan"),
        ("一、2021年工作回顾", "review"),
        ("三、存在的问题和下一步打算", "plan"),
        ("一、上半年主要工作", "review"),
        ("（三）加强职工文化阵地建设", None),
    ],
)
def test_part_of_heading(heading, part):
    assert part_of_heading(heading) == part


def test_plan_intro_without_heading():
    text = (
        "镇工会上半年工作总结\n上半年，镇工会开展送温暖活动，慰问职工120户。\n"
        "下半年，我们将重点抓好以下几方面工作：\n一是推进建会入会；二是办好职工书屋。\n"
    )
    report = _report(text)
    assert [p.part for p in report.parts] == ["review", "plan"]
    assert report.text[report.parts[1].span.start :].startswith("下半年，我们将")


def test_seed_outline(seed_path):
    report = analyse_file(seed_path).reports[0]
    review = [s for s in report.sections if s.part == "review"]
    plan = [s for s in report.sections if s.part == "plan"]
    assert len(review) == 8 and all(s.heading.startswith("——") and s.level == 1 for s in review)
    assert plan[0].heading == "二, 今年下半年重点工作安排" and plan[0].level == 1
    assert [s.heading[:3] for s in plan[1:]] == [f"({n})" for n in "一二三四五六"]
    assert all(s.level == 2 and s.parent == plan[0].id for s in plan[1:])
    themes = [s.theme for s in review]
    assert themes[:5] == [
        "labour_competition", "model_workers", "democratic_management",
        "collective_contracts", "assistance_welfare",
    ]  # fmt: skip
    assert (report.period.span, report.period.plan_span, report.period.year) == ("H1", "H2", None)


def test_section_spans_show_original_characters(seed_path):
    report = analyse_file(seed_path).reports[0]
    first = report.sections[0]
    assert first.heading_span.original_text.startswith("——全面實施以'發展杯'")
    raw = seed_path.read_text("utf-8")
    heading = first.heading_span
    assert raw[heading.original_start : heading.original_end].startswith("——全面實施以'發(fā)展杯'")
    assert first.span.end <= report.sections[1].span.start


def test_pdf_sections_carry_pages(seed_variants):
    report = analyse_file(seed_variants["pdf"]).reports[0]
    pages = [s.span.page for s in report.sections]
    assert pages[0] == 1 and pages[-1] > 1 and pages == sorted(pages)


@pytest.mark.parametrize(
    "byline",
    [
        "（2023年3月2日）",
        "市交通局工会　2022年7月8日",
        "二〇二三年一月九日",
        "区总工会办公室（2023年7月）",
        "东岭区住房和城乡建设局",
        "东湖街道办事处",
        "——在区总工会十届五次全委会议上的报告",
    ],
)
def test_byline_under_the_title_belongs_to_no_part(byline):
    text = (
        f"东岭区某单位2022年工作总结\n{byline}\n"
        "2022年，我们完成培训12期。\n二、2023年工作打算\n年内举办培训10期。\n"
    )
    report = _report(text)
    review = report.parts[0]
    assert review.part == "review"
    assert report.text[review.span.start :].startswith("2022年，我们完成培训12期")


@pytest.mark.parametrize("report_id", ["postal/2022Y", "gov/2024", "hrss/2023Y", "street/2024H1"])
def test_themes_read_the_article_segmentation_as_if_each_section_were_segmented(report_id):
    """analyse_file segments each article once and the theme model reads those words;
    the themes must be those that segmenting every heading and body alone gives."""
    from summarylens import corpus as corpus_module
    from summarylens.extract.components import word_ends
    from summarylens.pipeline import clean_file

    path = next(r.delivered for r in corpus_module.load().reports if r.id == report_id)
    article = clean_file(path).articles[0]
    shared = structure(article, None, word_ends(article.text))
    alone = structure(article)
    assert shared.word_ends and not alone.word_ends
    assert [s.theme for s in shared.sections] == [s.theme for s in alone.sections]
