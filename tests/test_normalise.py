"""Simplified, half-width text whose every span maps back to the original characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarylens.clean import clean
from summarylens.model import RawDocument
from summarylens.normalise import NormaliseOptions, _align, normalise, simplify, to_halfwidth

HALFWIDTH = [
    ("３．５％", "3.5%"),
    ("ＸＸ名", "XX名"),
    ("＿＿个", "__个"),
    ("＊＊市", "**市"),
    ("２０２４年", "2024年"),
    ("，。；：（）", "，。；：（）"),
    ("“发展杯”", "“发展杯”"),
]


@pytest.mark.parametrize("full, half", HALFWIDTH, ids=[row[0] for row in HALFWIDTH])
def test_halfwidth(full, half):
    assert to_halfwidth(full) == half


def _normalised(text: str, **options):
    article = clean(RawDocument("t.txt", text, "text"))[0]
    return normalise(article, text, NormaliseOptions(**options))


def test_traditional_becomes_simplified_and_spans_show_the_original():
    text = "郵政工會上半年工作總結\n全局職工發(fā)展會員８６名，征集合理化建議____餘件。\n"
    document = _normalised(text)
    assert "全局职工发展会员86名，征集合理化建议____余件。" in document.text
    start = document.text.index("发展会员86名")
    span = document.span(start, start + len("发展会员86名"))
    assert span.original_text == "發展會員８６名"
    assert text[span.original_start : span.original_end] == "發(fā)展會員８６名"
    assert span.page is None


def test_options_switch_steps_off():
    assert _normalised("工會會員８６名。", simplify=False).text == "工會會員86名。"
    assert _normalised("工會會員８６名。", halfwidth=False).text == "工会会员８６名。"


def test_length_changing_conversion_is_aligned():
    """OpenCC may change a line's length; every character must still map inside it."""
    positions = _align("abcd", "abXcd")
    assert positions == [0, 1, 2, 2, 3]
    assert _align("abcd", "ad") == [0, 3]


def test_page_of_a_span_in_a_pdf_style_document():
    raw = RawDocument("r.pdf", "第一頁的內容。\n第二頁的內容。", "pdf", None, (0, 8))
    article = clean(raw)[0]
    document = normalise(article, raw.text)
    start = document.text.index("第二页")
    assert document.span(start, start + 3).page == 2
    assert document.span(0, 3).page == 1


TRADITIONAL = "郵政工會發展職業經濟總結會議體育醫療調查統計協議萬億億國際實現"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet=TRADITIONAL + "０１２３４５６７８９ＡＢＸ％．，。、_*ab12", min_size=1, max_size=80
    ),
    st.data(),
)
def test_every_normalised_span_maps_to_its_original(text, data):
    converted, positions = simplify(text)
    if positions is None:
        positions = range(len(text) + 1)
    assert len(positions) == len(converted) + 1
    start = data.draw(st.integers(0, len(converted)))
    end = data.draw(st.integers(start, len(converted)))
    if start < end:
        original = text[positions[start] : positions[end - 1] + 1]
        assert to_halfwidth(simplify(original)[0]) == to_halfwidth(converted[start:end])
