"""Follow-through audit of two successive corpus reports (dev split)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from summarylens import corpus as corpus_module
from summarylens.audit import _base_unit, check_target, compare, theme_changes
from summarylens.pipeline import analyse_file
from summarylens.render.comparison import as_data


@pytest.fixture(scope="module")
def postal_2022():
    corpus = corpus_module.load()
    earlier, later = (
        next(r for r in corpus.reports if r.id == i) for i in ("postal/2022H1", "postal/2022Y")
    )
    before, after = analyse_file(earlier.delivered), analyse_file(later.delivered)
    return compare(before.reports[0], after.reports[0], after.documents[0])


def _link(comparison, words):
    return next(link for link in comparison.links if words in link.commitment.text)


def test_reworded_plan_is_fulfilled_with_evidence_and_a_met_target(postal_2022):
    link = _link(postal_2022, "夏送清凉")
    assert link.status == "fulfilled"
    assert any("6420人次" in e.text for e in link.evidence)
    check = link.target_checks[0]
    assert (check.target.text, check.actual.text, check.verdict) == (
        "6000人次以上",
        "6420人次",
        "met",
    )
    assert check.ratio == pytest.approx(1.07)


def test_missed_target_makes_a_plan_partial(postal_2022):
    link = _link(postal_2022, "征集合理化建议1000件以上")
    assert link.status == "partial" and link.reason == "reason_target_missed"
    assert [(c.actual.text, c.verdict) for c in link.target_checks] == [("930件", "missed")]


def test_postponed_and_carried_over(postal_2022):
    assert _link(postal_2022, "疗休养300人次").status == "postponed"
    carried = _link(postal_2022, "劳模创新工作室2个")
    assert carried.status == "carried_over"
    assert all(e.part == "plan" for e in carried.evidence)


def test_json_keeps_the_documented_names(postal_2022):
    data = json.loads(json.dumps(as_data(postal_2022, "en"), ensure_ascii=False))
    assert set(data) == {"earlier", "later", "links", "metric_changes", "theme_changes"}
    link = data["links"][0]
    assert {"commitment", "status", "evidence", "score", "reason", "target_checks"} <= set(link)
    assert {"id", "text", "span", "page", "owner", "deadline", "targets"} <= set(link["commitment"])
    checked = next(x for x in data["links"] if x["target_checks"])
    assert {"indicator", "target", "actual", "verdict", "ratio"} <= set(checked["target_checks"][0])
    evidence = next(x for x in data["links"] if x["evidence"])["evidence"][0]
    assert {"text", "span", "page"} <= set(evidence) and evidence["page"] >= 1


def _metric(text, value, unit, indicator, bound=None, kind="actual", at=0, change=None):
    from summarylens.model import Metric, Span

    span = Span(at, at + 1, at, at + 1, text)
    return Metric(text, value, None, unit, None, bound, False, change, indicator, kind, span)


POINT_CASES = [
    # (target, earlier rate, later rate, verdict, ratio)
    (("提高2个百分点", 2, "提高"), 93.5, 96.1, "met", 1.3),
    (("提高1个百分点", 1, "提高"), 97.6, 98.2, "missed", 0.6),
    (("下降1个百分点", 1, "下降"), 5.8, 4.6, "met", 1.2),
]


@pytest.mark.parametrize("target, before, after, verdict, ratio", POINT_CASES)
def test_percentage_point_targets_are_measured_from_the_earlier_rate(
    target, before, after, verdict, ratio
):
    """提高2个百分点 answered by a new rate: the earlier report's rate is the baseline."""
    from summarylens.model import Period, Report

    text, value, change = target
    goal = _metric(
        text, value, "个百分点", "毕业生就业率比上年", "at_least", "target", change=change
    )
    old = _metric(f"{before}%", before, "%", "毕业生就业率", at=10)
    new = _metric(f"{after}%", after, "%", "技工院校毕业生就业率", at=10)
    earlier = Report("a.txt", "text", "utf-8", 1, "t", "x" * 50, Period(2022, "Y"), metrics=(old,))
    later = Report("b.txt", "text", "utf-8", 1, "t", "x" * 50, Period(2023, "Y"), metrics=(new,))
    check, elsewhere = check_target(goal, [], later, earlier)
    assert (check.verdict, check.actual, elsewhere) == (verdict, new, True)
    assert check.ratio == pytest.approx(ratio, rel=1e-3)


TARGET_CASES = [
    # (target [+ its change word], evidence figures, figures elsewhere in the later review,
    #  verdict, actual, ratio)
    (
        ("1.2亿元以上", 1.2, "亿元", "资金", "at_least"),
        [("13000万元", 13000, "万元", "资金")],
        [],
        "met",
        "13000万元",
        1.3 / 1.2,
    ),
    (
        ("200人以上", 200, "人", "发展会员", "at_least"),
        [("236名", 236, "名", "新发展会员")],
        [],
        "met",
        "236名",
        1.18,
    ),
    (
        ("5家", 5, "家", "新建职工书屋", None),
        [("43家", 43, "家", "全局职工书屋")],
        [("3家", 3, "家", "新建职工书屋")],
        "missed",
        "3家",
        0.6,
    ),
    (
        ("5.5%以内", 5.5, "%", "城镇调查失业率", "at_most"),
        [],
        [("5.2%", 5.2, "%", "城镇调查失业率")],
        "met",
        "5.2%",
        5.2 / 5.5,
    ),
    (
        ("3个工作日", 3, "个工作日", "报装办理时限压缩至", None),
        [("2.5个工作日", 2.5, "个工作日", "报装办理时限缩短到")],
        [],
        "met",
        "2.5个工作日",
        2.5 / 3,
    ),
    (
        ("98%以上", 98, "%", "入会率保持在", "at_least"),
        [("95%", 95, "%", "乘客服务满意率")],
        [("98.6%", 98.6, "%", "入会率")],
        "met",
        "98.6%",
        98.6 / 98,
    ),
    (
        ("100%", 100, "%", "入户排查覆盖率", None),
        [("93.6%", 93.6, "%", "物业小区党组织覆盖率")],
        [],
        "not_reported",
        None,
        None,
    ),
    (
        ("99%以上", 99, "%", "群众安全监督员查出隐患整改率", "at_least"),
        [("99.4%", 99.4, "%", "整改率")],
        [],
        "met",
        "99.4%",
        99.4 / 99,
    ),
    (
        ("增长5%左右", 5, "%", "工会经费收缴", "about", "增长"),
        [("100%", 100, "%", "基层工会经费决算报送率")],
        [],
        "not_reported",
        None,
        None,
    ),
    (
        ("下降8%左右", 8, "%", "死亡人数同比", "about", "下降"),
        [("上升12%", 12, "%", "死亡人数同比", None, "actual", 0, "上升")],
        [],
        "missed",
        "上升12%",
        -1.5,
    ),
    (
        ("下降8%左右", 8, "%", "死亡人数同比", "about", "下降"),
        [("下降12%", 12, "%", "死亡人数同比", None, "actual", 0, "下降")],
        [],
        "met",
        "下降12%",
        1.5,
    ),
    (
        ("30项以上", 30, "项", "职工创新成果", "at_least"),
        [],
        [("12项", 12, "项", "经费审计")],
        "not_reported",
        None,
        None,
    ),
]


@pytest.mark.parametrize("target, in_evidence, elsewhere, verdict, actual, ratio", TARGET_CASES)
def test_targets_are_reconciled(target, in_evidence, elsewhere, verdict, actual, ratio):
    """Magnitudes and unit synonyms are reconciled; the figure measuring the target's
    indicator wins over another figure of the evidence in the same unit."""
    from summarylens.audit import _Sentence
    from summarylens.model import Period, Report

    text, value, unit, indicator, bound, *change = target
    goal = _metric(text, value, unit, indicator, bound, "target", change=next(iter(change), None))
    figures = tuple(_metric(*f) for f in in_evidence)
    others = tuple(_metric(*f, at=100 + i) for i, f in enumerate(elsewhere))
    later = Report("b.txt", "text", "utf-8", 1, "t", "x" * 200, Period(2024, "Y"),
                   metrics=figures + others)  # fmt: skip
    evidence = [_Sentence(0, 1, "x", "review", None, figures)] if figures else []
    check, _elsewhere = check_target(goal, evidence, later)
    assert check.verdict == verdict
    assert (check.actual.text if check.actual else None) == actual
    assert check.ratio == (None if ratio is None else pytest.approx(ratio, rel=1e-3))
    assert _base_unit(goal)[0] == _base_unit(check.actual or goal)[0]


@pytest.mark.parametrize(
    "plan, actual, verdict",
    [
        ("力争下半年征集合理化建议150条以上。", "131条", "missed"),
        ("力争征集合理化建议150条以上。", "131条", "missed"),  # a half-year plan's target
        ("力争全年征集合理化建议250条以上。", "268条", "met"),
    ],
)
def test_a_target_for_half_a_year_is_answered_by_that_half(tmp_path, plan, actual, verdict):
    """A target for 下半年, named or set in a half-year report's plan, against 全年268条，
    其中下半年131条: the half-year figure answers, unless the target says 全年."""
    from summarylens.pipeline import compare_files

    earlier, later = tmp_path / "2023H1.txt", tmp_path / "2023Y.txt"
    earlier.write_text(
        "市医院工会2023年上半年工作总结\n一、上半年工作回顾\n上半年共征集合理化建议80条。\n"
        f"二、下半年工作计划\n{plan}\n",
        "utf-8",
    )
    later.write_text(
        "市医院工会2023年工作总结\n一、全年工作回顾\n"
        "“金点子”活动全年收集合理化建议268条，其中下半年131条。\n"
        "二、2024年工作计划\n继续开展职工技能比武。\n",
        "utf-8",
    )
    link = compare_files(earlier, later).links[0]
    assert [(c.actual.text, c.verdict) for c in link.target_checks] == [(actual, verdict)]
    assert link.status == ("partial" if verdict == "missed" else "fulfilled")


def test_a_figure_others_are_counted_among_is_not_the_result(tmp_path):
    """7家…中的6家: the target of 7 is missed with 6."""
    from summarylens.pipeline import compare_files

    earlier, later = tmp_path / "2023Y.txt", tmp_path / "2024Y.txt"
    earlier.write_text(
        "县医保局2023年工作总结\n一、2023年工作回顾\n全年追回医保基金320万元。\n"
        "二、2024年工作计划\n年内DRG付费覆盖全县7家定点医疗机构。\n",
        "utf-8",
    )
    later.write_text(
        "县医保局2024年工作总结\n一、2024年工作回顾\n"
        "DRG付费覆盖全县7家定点医疗机构中的6家，县妇幼保健院因系统改造未纳入。\n"
        "二、2025年工作计划\n继续深化支付方式改革。\n",
        "utf-8",
    )
    link = compare_files(earlier, later).links[0]
    assert [(c.actual.text, c.verdict) for c in link.target_checks] == [("6家", "missed")]


def test_theme_changes(postal_2022):
    assert theme_changes(postal_2022.earlier, postal_2022.earlier) == {
        "appeared": [],
        "vanished": [],
    }


def test_cli_compare_table_and_json(tmp_path):
    root = corpus_module.default_root() / "reports" / "postal"
    command = [
        sys.executable,
        "-m",
        "summarylens.cli",
        "compare",
        str(root / "2022H1.txt"),
        str(root / "2022Y.pdf"),
    ]
    table = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert "计划落实情况" in table and "已落实" in table and "状态汇总" in table
    target = tmp_path / "c.json"
    subprocess.run([*command, "-f", "json", "--lang", "en", "-o", str(target)], check=True)
    data = json.loads(target.read_text("utf-8"))
    assert data["links"] and all(x["reason"] for x in data["links"])
    markdown = subprocess.run([*command, "-f", "md"], capture_output=True, text=True, check=True)
    assert markdown.stdout.count("\n| C") == len(data["links"])


STATUS_CASES = [
    # (later sentences as (part, text), status, last month the later report covers)
    ([("review", "原定10月举办的职工运动会暂缓举办。")], "postponed"),
    ([("review", "职工运动会因故推迟至2025年举办。")], "postponed"),
    ([("review", "职工运动会延期至下半年举办。")], "postponed"),
    ([("review", "职工运动会推迟至5月19日召开，12支代表队参赛。")], "fulfilled"),
    ([("review", "9月16日，一再延期的职工运动会在体育场举行。")], "fulfilled"),
    ([("review", "11月15日启动为期两个月的专项行动。")], "fulfilled"),
    ([("review", "专项行动已在3个县区启动，其余县区尚未开展。")], "partial"),
    ([("plan", "明年继续举办职工运动会。")], "carried_over"),
    ([("plan", "原定今年的职工运动会推迟到明年一季度举办。")], "postponed"),
    ([], "not_mentioned"),
    ([("review", "对许可事项清单进行了动态调整，新增事项4项、取消事项2项。")], "fulfilled"),
    ([("review", "原定的职工运动会因故取消。")], "postponed"),
    ([("review", "运动会因场馆维修推迟至10月举办。")], "postponed", 6),
    ([("review", "运动会因场馆维修推迟至5月举办，12支代表队参赛。")], "fulfilled", 6),
    ([("review", "篮球赛因场地无法协调，经研究调整到明年一季度举办。")], "postponed"),
    ([("review", "平台二期因安全测评尚未通过，上线时间调整到下半年。")], "postponed", 6),
    ([("review", "职工运动会调整到10月举办，12支代表队参赛。")], "fulfilled"),
    ([("review", "平台一期已上线，二期尚未完成。")], "partial"),
    ([("review", "全面整改到位，问题清单全部销号。")], "fulfilled"),
    ([("review", "上半年已检查152家。"), ("plan", "下半年完成剩余机构检查。")], "partial"),
    ([("review", "新建爱心妈咪小屋2个。"), ("plan", "年底前再建成爱心妈咪小屋2个。")], "fulfilled"),
]


@pytest.mark.parametrize("case", STATUS_CASES)
def test_status_rules(case):
    from summarylens.audit import _Sentence, _status

    sentences, status, *last_month = case
    evidence = [_Sentence(0, len(t), t, part, None, ()) for part, t in sentences]
    assert _status(evidence, [], frozenset(), *last_month)[0] == status


@pytest.mark.parametrize(
    "plan, text, status",
    [
        ("阶梯水价调整听证", "阶梯水价调整听证暂缓实施，相关测算工作已基本完成。", "postponed"),
        ("测算工作", "阶梯水价调整听证暂缓实施，相关测算工作已基本完成。", "partial"),
        ("管理办法", "因上级规定正在修订，管理办法暂缓出台。", "postponed"),
    ],
)
def test_with_both_cues_the_clause_naming_the_plan_decides(plan, text, status):
    from summarylens.audit import _Sentence, _status
    from summarylens.rules import bigrams

    sentence = _Sentence(0, len(text), text, "review", None, ())
    assert _status([sentence], [], frozenset(bigrams(plan)))[0] == status


def test_a_decoy_that_is_merely_the_best_sentence_is_not_a_mention():
    """The mention model reads more than the best probability: one weak same-subject
    sentence is not a report, several strong ones are."""
    import numpy as np

    from summarylens.audit import FEATURES, MENTION_FEATURES, LinkModel, mention_features

    features = np.zeros((3, len(FEATURES)))
    weak, strong = np.array([0.3, 0.05, 0.02]), np.array([0.9, 0.8, 0.1])
    assert len(mention_features(features, weak, 0.2)) == len(MENTION_FEATURES)
    weights = [0.0] * len(FEATURES) + [4.0, 2.0, 0.0, 1.0]
    model = LinkModel(tuple([0.0] * len(FEATURES)), 0.0, 0.2, tuple(weights), -4.0)
    assert not model.mentioned(features, weak) and model.mentioned(features, strong)
    assert LinkModel(tuple([0.0] * len(FEATURES)), 0.0, 0.2).mentioned(features, weak)


def test_a_restated_plan_beside_a_weak_review_sentence_is_carried_over():
    """The review part must speak to the plan on its own for the plan to count as
    reported; a same-subject review sentence beside the restatement does not."""
    import numpy as np

    from summarylens.audit import FEATURES, LinkModel, _reported_in_review, _Sentence

    sentences = [
        _Sentence(0, 9, "职工书屋全年借阅图书3200册。", "review", None, ()),
        _Sentence(10, 20, "年内新建职工书屋4个。", "plan", None, ()),
    ]
    review = np.array([s.part != "plan" for s in sentences])
    features = np.zeros((2, len(FEATURES)))
    weights = [0.0] * len(FEATURES) + [8.0, 0.0, 0.0, 0.0]
    model = LinkModel(tuple([0.0] * len(FEATURES)), 0.0, 0.2, tuple(weights), -4.0)
    assert not _reported_in_review(model, features, np.array([0.3, 0.9]), review)
    assert _reported_in_review(model, features, np.array([0.8, 0.9]), review)


def test_cues_count_in_the_best_reported_sentence_only():
    from summarylens.audit import _Sentence, _status

    held = _Sentence(0, 9, "5月13日，职工田径运动会在奥体中心举行。", "review", None, ())
    other = _Sentence(20, 40, "原定5月举办的投递员技能比武推迟至9月。", "review", None, ())
    assert _status([held, other], [])[0] == "fulfilled"
    assert _status([other, held], [])[0] == "postponed"


@pytest.mark.parametrize("report_id", ["postal/2022Y", "gov/2024", "town/2023Y"])
def test_sentences_and_plans_read_in_the_analysis_words_as_if_segmented_alone(report_id):
    """The audit reuses the analysis's segmentation; it must be what segmenting each
    sentence on its own gives, or stored and fresh reports would score differently."""
    from summarylens.extract.components import jieba_tokenizer

    corpus = corpus_module.load()
    path = next(r.delivered for r in corpus.reports if r.id == report_id)
    report = analyse_file(path).reports[0]
    assert report.word_ends
    stretches = [*report.sentences, *((c.span.start, c.span.end) for c in report.commitments)]
    for start, end in stretches:
        assert list(report.words_in(start, end)) == jieba_tokenizer().lcut(report.text[start:end])


OTHER_ACTION_CASES = [
    # (the plan's action, a later review sentence on the same thing, reports another action)
    ("举办", "选派8名职工参加全省供水行业职业技能竞赛，获团体三等奖。", True),
    ("举办", "9月16日，第三届职业技能竞赛在集团实训基地举行，86名职工参赛。", False),
    ("举办", "原定10月举办的摄影作品展因场馆维修推迟到明年。", False),
    ("新建", "各爱心妈咪小屋上半年累计接待哺乳期女职工700余人次。", True),
    ("新建", "已建成的爱心驿站为一线投递员提供热饭热水。", True),
    ("新建", "年内新建爱心妈咪小屋3个，全区总数达到25个。", False),
    ("增设", "5月，职工之家平台普惠商城栏目上线。", False),
    ("开展", "选派3名业务骨干参加全市业务技能竞赛。", False),
]


@pytest.mark.parametrize("action, sentence, other", OTHER_ACTION_CASES)
def test_a_sentence_about_another_action_does_not_report_the_plan(action, sentence, other):
    from summarylens.audit import _other_action

    assert _other_action(action, sentence) is other
