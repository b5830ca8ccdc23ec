"""Commitments, achievements and the spaCy components, on the seed and small texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarylens.pipeline import analyse_file

PLAN = """县总工会2023年上半年工作总结和下半年工作安排
上半年，县总工会召开了三届五次全委会议，共收到职工提案46件，已办结40件。
二、下半年工作安排
（一）抓好劳动竞赛。9月中旬举办全县职工技能大赛，参赛职工力争达到800人次以上。
（二）做好帮扶工作。县总工会将重点做好以下工作：一是开展“金秋助学”活动；二是年底前完成困难职工建档立卡复核。
（三）加强自身建设。各基层工会要进一步提高认识，切实增强责任感。
"""


@pytest.fixture(scope="module")
def plan_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return analyse_file(path).reports[0]


def test_commitments_split_enumerations_and_skip_exhortations(plan_report):
    texts = [c.text for c in plan_report.commitments]
    assert texts == [
        "9月中旬举办全县职工技能大赛，参赛职工力争达到800人次以上。",  # its reach: its target
        "一是开展“金秋助学”活动；",
        "二是年底前完成困难职工建档立卡复核。",
    ]
    contest, second, third = plan_report.commitments
    assert (contest.deadline, contest.action, contest.modality) == ("9月中旬", "举办", "力争")
    assert [t.text for t in contest.targets] == ["800人次以上"]
    assert contest.targets[0].kind == "target" and contest.targets[0].bound == "at_least"
    assert second.owner == third.owner == "县总工会"
    assert third.deadline == "年底前"


def test_achievements_and_actual_metrics(plan_report):
    assert [a.text for a in plan_report.achievements] == [
        "上半年，县总工会召开了三届五次全委会议，共收到职工提案46件，已办结40件。"
    ]
    assert [(m.text, m.kind) for m in plan_report.achievements[0].metrics] == [
        ("46件", "actual"), ("40件", "actual"),
    ]  # fmt: skip


def test_seed_placeholders_and_plan(seed_path):
    report = analyse_file(seed_path).reports[0]
    placeholders = [m for m in report.metrics if m.placeholder]
    written = {m.text for m in placeholders}
    assert {"__個", "____余件", "_個", "__項", "______萬元", "__%"} <= written
    assert all(m.value is None for m in placeholders)
    # The seed's other placeholders stand for names and years (__市, ____年度), not counts.
    assert len(placeholders) >= 40
    deadlines = [c.deadline for c in report.commitments if c.deadline and "_月" in c.deadline]
    assert deadlines == ["_月中旬", "_月中旬"]
    assert all(c.owner == "管局工会" for c in report.commitments if c.deadline == "_月中旬")
    assert all(c.span.start >= report.parts[1].span.start for c in report.commitments)


def test_pdf_spans_carry_pages(seed_variants):
    report = analyse_file(seed_variants["pdf"]).reports[0]
    pages = [m.page for m in report.metrics]
    assert pages[0] == 1 and pages[-1] == len(set(pages)) and all(pages)


def test_components_work_in_a_users_own_pipeline():
    import spacy

    from summarylens.extract import register

    register()
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "summarylens.jieba_tokenizer.v1"}}}
    )
    nlp.add_pipe("summarylens_metrics")
    nlp.add_pipe("summarylens_commitments")
    doc = nlp("召开职代会2次，征集合理化建议1260余件。年底前新建职工书屋6家。")
    assert [t.text for t in doc][:2] == ["召开", "职代会"]
    assert "合理化建议" in [t.text for t in doc]
    assert [span.text for span in doc.spans["metrics"]] == ["2次", "1260余件", "6家"]
    assert [q.unit for q in doc._.quantities] == ["次", "件", "家"]
    # Without part information every sentence may hold a plan.
    assert [c.deadline for c in doc._.clauses][-1] == "年底前"


def test_registration_is_idempotent():
    from summarylens.extract import build_nlp, register

    register()
    register()
    assert build_nlp().pipe_names == [
        "summarylens_metrics", "summarylens_achievements", "summarylens_commitments",
    ]  # fmt: skip


COMMITMENT_CASES = json.loads(
    (Path(__file__).parent / "cases" / "commitment_cases.json").read_text("utf-8")
)["cases"]


@pytest.mark.parametrize("case", COMMITMENT_CASES, ids=[c["id"] for c in COMMITMENT_CASES])
def test_commitment_cases(case, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        f"某单位2023年工作总结和2024年工作计划\n二、2024年工作计划\n{case['plan']}\n", "utf-8"
    )
    report = analyse_file(path).reports[0]
    assert [c.text for c in report.commitments] == case["expected"]


def test_spacy_is_loaded_without_its_command_line_which_still_imports_later():
    """``compare`` must answer in 2 s: spaCy's command line (0.2 s) is not loaded,
    and the stand-in does not stay behind to break a later real import."""
    import subprocess
    import sys

    code = (
        "import sys; from summarylens.extract import build_nlp; build_nlp(); "
        "assert 'spacy.cli' not in sys.modules; "
        "import spacy.cli; assert hasattr(spacy.cli, 'download'); "
        "assert 'pkg_resources' not in sys.modules or sys.modules['pkg_resources'] is not None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
