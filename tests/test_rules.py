import re
from pathlib import Path

import pytest

from summarylens import corpus, rules

# A look-ahead naming every character a pattern's matches start with, put in front so
# the engine passes other characters at once; listed by hand in the data files.
FIRST_CHARACTERS = re.compile(r"^((?:\(\?x\)\s*)?)\(\?=\[[^\]]*\]\)\s*")


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


@pytest.mark.parametrize(
    "keys",
    [("furniture", "flags", "placeholder"), ("furniture", "flags", "mojibake"),
     ("periods", "expression")],
)  # fmt: skip
def test_a_first_character_look_ahead_only_speeds_its_pattern_up(keys):
    """A new alternative starting with a character the look-ahead leaves out would
    never match: on every corpus text, the pattern finds what it finds without it
    (empty matches aside: the time expression may match nothing, and is not used then)."""
    guarded = rules.compiled(*keys)
    unguarded = re.compile(FIRST_CHARACTERS.sub(r"\1", guarded.pattern, count=1), guarded.flags)
    assert unguarded.pattern != guarded.pattern
    root = Path(corpus.default_root())
    texts = [p.read_text("utf-8") for p in sorted(root.glob("sources/*/*.txt"))]
    texts += [p.read_text("utf-8", errors="replace") for p in sorted(root.glob("examples/*.txt"))]
    found = 0
    for text in texts:
        spans = [m.span() for m in guarded.finditer(text) if m.end() > m.start()]
        assert spans == [m.span() for m in unguarded.finditer(text) if m.end() > m.start()]
        found += len(spans)
    assert found > 0
