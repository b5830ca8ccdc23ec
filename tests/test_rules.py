import pytest

from summarylens import rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("职工书屋", {"职工", "工书", "书屋"}),
        ("建成“职工书屋”。", {"建成", "成职", "职工", "工书", "书屋"}),
        ("书", set()),
    ],
)
def test_bigrams_skip_spaces_and_punctuation(text, expected):
    assert rules.bigrams(text) == expected


def test_clauses_cut_at_commas_and_semicolons_only():
    assert rules.clauses("开展竞赛，评选标兵；表彰先进、树立典型。") == [
        "开展竞赛",
        "评选标兵",
        "表彰先进、树立典型。",
    ]


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("上半年，新建职工书屋12家", 10, 4),
        ("完成审计。新建书屋12家", 9, 5),
        ("第一行\n新建书屋12家", 8, 4),
        ("新建书屋12家", 4, 0),
    ],
)
def test_clause_start_after_separator_stop_or_line_break(text, offset, expected):
    assert rules.clause_start(text, offset) == expected
