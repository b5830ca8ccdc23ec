"""Property tests for ``summarylens.clean`` (and the offsets ``normalise`` keeps).

We generate report-like pages from small vocabularies, inject the junk template
sites add (furniture lines, a watermark, pinyin glosses, a repeated title and a
teaser), keep track of where every piece went in the raw text, and check that
cleaning removes exactly the junk, keeps the body verbatim, flags placeholders,
and maps cleaned (and normalised) spans back to the right raw characters.

Every generated body paragraph is longer than a title (> 60 chars), ends with
``。`` or ``.``, starts with a Chinese character and contains no furniture words,
so no body line can look like furniture, a title or a related-articles list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import opencc
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summarylens.clean import clean
from summarylens.model import CleanedDocument, RawDocument
from summarylens.normalise import normalise

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

# --- vocabularies ----------------------------------------------------------------

SIMPLIFIED = {
    "subjects": [
        "县总工会",
        "各基层工会",
        "镇工会联合会",
        "女职工委员会",
        "产业工会",
        "各乡镇工会",
    ],
    "verbs": ["开展了", "召开了", "完成", "组织", "举办了", "推进", "落实"],
    "objects": [
        "劳动竞赛",
        "职代会",
        "送温暖活动",
        "技能比武",
        "集体协商",
        "困难职工帮扶",
        "职工书屋建设",
        "发展会员",
    ],
    "measures": ["共计", "累计", "覆盖职工", "惠及会员", "投入资金"],
    "numbers": ["12", "3.5", "86", "1840", "23", "9", "416"],
    "units": ["项", "万元", "%", "人次", "家", "场", "个", "名"],
    "places": ["青禾", "临川", "**", "XX"],
    "city": "市总工会指导下",
    "titles": [
        "{org}2024年上半年工作总结",
        "{org}2023年度工作总结",
        "{org}上半年工作总结和下半年工作安排",
    ],
}

# Traditional forms (and full-width digits) whose OpenCC t2s conversion is
# character-for-character and the same in any context (checked by hand).
TRADITIONAL = {
    "subjects": ["郵政工會", "縣總工會", "各基層工會", "鎮工會聯合會", "產業工會"],
    "verbs": ["開展了", "召開了", "完成", "組織", "舉辦了", "推進", "落實"],
    "objects": ["勞動競賽", "職代會", "送溫暖活動", "集體協商", "困難職工幫扶", "發展會員"],
    "measures": ["共計", "累計", "覆蓋職工", "惠及會員", "投入資金"],
    "numbers": ["１２", "３．５", "８６", "12", "416"],
    "units": ["項", "萬元", "％", "人次", "家", "場", "個", "名"],
    "places": ["青禾", "臨川", "＊＊", "ＸＸ", "**"],
    "city": "市總工會指導下",
    "titles": ["{org}2024年上半年工作總結", "{org}２０２３年度工作總結"],
}

PLACEHOLDERS = ["__", "____", "**", "XX"]
FULLWIDTH_PLACEHOLDERS = ["＿＿", "＊＊", "ＸＸ"]
GLOSSES = ["(fā)", "(zhǎn)", "(yè)", "(chuàng)", "(xié)", "(jié)", "(tǒng)", "(nǚ)", "(lǜ)"]
GLOSS_RE = re.compile("|".join(re.escape(gloss) for gloss in GLOSSES))
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PLACEHOLDER_SET = set(PLACEHOLDERS) | set(FULLWIDTH_PLACEHOLDERS)

PUNCTUATION = {
    "full": {"comma": "，", "stop": "。", "semi": "；"},
    "ascii": {"comma": ",", "stop": ".", "semi": ";"},
}

SITES = ["好范文网", "青苗范文网", "优选文库网"]
WATERMARKS = ["好范文汇 www.haofanwen-example.com", "文库汇 www.wenku-example.cn"]

# What the README says half-width conversion does: full-width digits, letters and
# number symbols become ASCII; Chinese punctuation (，。；) stays.
HALFWIDTH = {code: code - 0xFEE0 for code in range(ord("０"), ord("９") + 1)}
HALFWIDTH.update({code: code - 0xFEE0 for code in range(ord("Ａ"), ord("Ｚ") + 1)})
HALFWIDTH.update({code: code - 0xFEE0 for code in range(ord("ａ"), ord("ｚ") + 1)})
HALFWIDTH.update({ord(symbol): ord(symbol) - 0xFEE0 for symbol in "％．＿＊＋－／＝＜＞＃＠＆"})


# --- the generated page, with its raw offsets ----------------------------------------


@dataclass
class Paragraph:
    """A body paragraph: its gloss-free text, placeholders in it, glosses to inject.

    ``glosses`` maps an index into ``text`` to the gloss inserted *before* that
    index (i.e. right after the CJK character ``text[index - 1]``).
    """

    text: str
    placeholders: list[tuple[int, int]]
    glosses: dict[int, str] = field(default_factory=dict)

    def raw(self) -> str:
        out = []
        for index, char in enumerate(self.text):
            out.append(self.glosses.get(index, ""))
            out.append(char)
        out.append(self.glosses.get(len(self.text), ""))
        return "".join(out)

    def raw_index(self, index: int) -> int:
        """Offset in ``raw()`` of character ``index`` of ``text``."""
        return index + sum(len(gloss) for at, gloss in self.glosses.items() if at <= index)

    def raw_glosses(self) -> list[tuple[int, str]]:
        """(offset in ``raw()``, gloss) of every injected gloss."""
        return [(self.raw_index(at) - len(gloss), gloss) for at, gloss in self.glosses.items()]


@dataclass
class Line:
    kind: str  # "title", "body", "junk"
    text: str  # the raw line content (no indentation, no newline)
    rule: str = ""  # the rule expected to remove a junk line
    paragraph: Paragraph | None = None
    indent: str = ""


@dataclass
class Page:
    lines: list[Line]
    separators: list[str]  # separators[k] follows lines[k]
    title: str
    raw: str = ""
    starts: list[int] = field(default_factory=list)  # raw offset of each line's content

    def __post_init__(self) -> None:
        pieces, offset = [], 0
        for line, separator in zip(self.lines, self.separators, strict=True):
            pieces.append(line.indent)
            offset += len(line.indent)
            self.starts.append(offset)
            pieces.append(line.text + separator)
            offset += len(line.text) + len(separator)
        self.raw = "".join(pieces)

    def __repr__(self) -> str:  # what Hypothesis prints for a failing example
        return f"Page(title={self.title!r}, raw={self.raw!r})"

    def body(self) -> list[tuple[int, Paragraph]]:
        return [
            (start, line.paragraph)
            for line, start in zip(self.lines, self.starts, strict=True)
            if line.paragraph is not None
        ]

    def junk(self) -> list[tuple[int, Line]]:
        return [
            (start, line)
            for line, start in zip(self.lines, self.starts, strict=True)
            if line.kind == "junk"
        ]


# --- strategies ---------------------------------------------------------------------


@st.composite
def quantities(draw, vocab, placeholders: bool) -> tuple[str, tuple[int, int] | None]:
    """A number with its unit (``12项``), or a placeholder before a unit (``__个``)."""
    unit = draw(st.sampled_from(vocab["units"]))
    pool = PLACEHOLDERS + (FULLWIDTH_PLACEHOLDERS if vocab is TRADITIONAL else [])
    if placeholders and draw(st.booleans()):
        placeholder = draw(st.sampled_from(pool))
        return placeholder + unit, (0, len(placeholder))
    return draw(st.sampled_from(vocab["numbers"])) + unit, None


@st.composite
def paragraphs(draw, vocab, placeholders: bool, glosses: bool) -> Paragraph:
    """Sentences like ``县总工会开展了劳动竞赛，共计12项。`` until the paragraph is > 60 chars."""
    marks = PUNCTUATION[draw(st.sampled_from(["full", "ascii"]))]
    text, spans = "", []
    minimum = draw(st.integers(3, 5))
    count = 0
    while count < minimum or len(text) <= 60:
        if count and draw(st.booleans()):  # never at the start of the paragraph
            place = draw(st.sampled_from(vocab["places"]))
            if place in PLACEHOLDER_SET:
                spans.append((len(text) + 1, len(text) + 1 + len(place)))
            text += "在" + place + vocab["city"] + marks["comma"]
        subject = draw(st.sampled_from(vocab["subjects"]))
        text += subject + draw(st.sampled_from(vocab["verbs"]))
        text += draw(st.sampled_from(vocab["objects"])) + marks["comma"]
        text += draw(st.sampled_from(vocab["measures"]))
        quantity, span = draw(quantities(vocab, placeholders))
        if span:
            spans.append((len(text) + span[0], len(text) + span[1]))
        text += quantity
        count += 1
        text += marks["semi"] if count < minimum and draw(st.booleans()) else marks["stop"]
    if text[-1] == marks["semi"]:
        text = text[:-1] + marks["stop"]
    paragraph = Paragraph(text, spans)
    if glosses:
        after_cjk = [index + 1 for index, char in enumerate(text) if CJK_RE.match(char)]
        chosen = draw(st.lists(st.sampled_from(after_cjk), max_size=4, unique=True))
        paragraph.glosses = {at: draw(st.sampled_from(GLOSSES)) for at in chosen}
    return paragraph


@st.composite
def pages(draw, vocab=SIMPLIFIED, junk: bool = True, placeholders: bool = True) -> Page:
    """A title, 3–12 body paragraphs, and (if ``junk``) any subset of site junk."""
    org = draw(st.sampled_from(vocab["subjects"]))
    title = draw(st.sampled_from(vocab["titles"])).format(org=org)
    body = draw(st.lists(paragraphs(vocab, placeholders, glosses=junk), min_size=3, max_size=12))
    indent = draw(st.sampled_from(["", "\u3000\u3000"]))
    site = draw(st.sampled_from(SITES))

    def want(_what: str) -> bool:
        return junk and draw(st.booleans())

    head: list[Line] = []
    if want("welcome"):
        head.append(Line("junk", f"欢迎光临{site}", "site_furniture"))
    if want("breadcrumb"):
        head.append(Line("junk", f"当前位置:{site} > 范文大全 > 工作总结", "breadcrumb"))
    head.append(Line("title", title))
    if want("publish"):
        head.append(Line("junk", "发布时间:2024-05-06 10:00:00 查看人数:123", "publish_meta"))
    if want("title_again"):
        head.append(Line("junk", title, "duplicate_title"))

    middle = [Line("body", p.raw(), paragraph=p, indent=indent) for p in body]
    if want("watermark"):
        at = draw(st.integers(1, len(middle) - 1))
        middle.insert(at, Line("junk", draw(st.sampled_from(WATERMARKS)), "watermark"))

    tail: list[Line] = []
    if want("teaser"):
        opening = body[0].text
        length = draw(st.integers(30, 50))
        # The cleaner only trusts teasers with >= 20 Chinese characters (teaser.min_chars).
        while length <= 50 and len(CJK_RE.findall(opening[:length])) < 20:
            length += 1
        assume(length <= 50)
        tail.append(Line("junk", title, "duplicate_title"))
        tail.append(Line("junk", opening[:length] + "…", "teaser"))
    if want("recommend"):
        tail.append(Line("junk", "推荐度:", "site_furniture"))
    if want("download"):
        tail.append(Line("junk", "点击下载文档", "download_prompt"))

    lines = head + middle + tail
    separators = [draw(st.sampled_from(["\n", "\n\n"])) for _ in lines]
    separators[-1] = draw(st.sampled_from(["", "\n"]))
    return Page(lines, separators, title)


def clean_one(text: str) -> CleanedDocument:
    documents = clean(RawDocument(source="gen.txt", text=text, format="text"))
    assert len(documents) == 1
    return documents[0]


def body_locations(page: Page, document: CleanedDocument) -> list[int]:
    """Where each gloss-free body paragraph starts in the cleaned text (in order)."""
    found, cursor = [], 0
    for _start, paragraph in page.body():
        at = document.text.find(paragraph.text, cursor)
        assert at >= 0, f"body paragraph lost or out of order: {paragraph.text!r}"
        found.append(at)
        cursor = at + len(paragraph.text)
    return found


def covered_by_removal(document: CleanedDocument, start: int, end: int, rule: str) -> bool:
    return any(
        entry.action == "removed"
        and entry.rule == rule
        and entry.start <= start
        and end <= entry.end
        for entry in document.log
    )


# --- properties -----------------------------------------------------------------------


@SETTINGS
@given(pages())
def test_junk_goes_body_and_title_stay(page: Page) -> None:
    document = clean_one(page.raw)
    kept = set(document.offsets.positions[:-1])

    # (a) every furniture line, repeated title and teaser: logged as removed, gone.
    for start, line in page.junk():
        end = start + len(line.text)
        assert covered_by_removal(document, start, end, line.rule), (line.rule, line.text)
        assert line.text in page.raw[start:end]
        assert not kept & set(range(start, end)), f"part of {line.text!r} survived"
        if line.rule != "duplicate_title":
            assert line.text not in document.text
    # ... and every gloss.
    for line_start, paragraph in page.body():
        for offset, gloss in paragraph.raw_glosses():
            start = line_start + offset
            assert page.raw[start : start + len(gloss)] == gloss
            assert covered_by_removal(document, start, start + len(gloss), "pinyin_gloss")
            assert not kept & set(range(start, start + len(gloss)))
    assert not GLOSS_RE.search(document.text)

    # (b) every body paragraph, gloss-free, verbatim and in order.
    body_locations(page, document)

    # (c) the title is the article's title, kept once as its first line.
    assert document.title == page.title
    assert document.text.split("\n", 1)[0] == page.title
    assert document.text.count(page.title) == 1


@SETTINGS
@given(pages())
def test_placeholders_are_flagged_and_kept(page: Page) -> None:
    document = clean_one(page.raw)
    expected = set()
    for line_start, paragraph in page.body():
        for start, end in paragraph.placeholders:
            raw_start = line_start + paragraph.raw_index(start)
            raw_end = line_start + paragraph.raw_index(end - 1) + 1
            expected.add((raw_start, raw_end, paragraph.text[start:end]))
    flagged = {
        (entry.start, entry.end, entry.text)
        for entry in document.log
        if entry.action == "flagged" and entry.rule == "placeholder"
    }
    assert flagged == expected
    positions = list(document.offsets.positions)
    for raw_start, raw_end, placeholder in expected:
        assert page.raw[raw_start:raw_end] == placeholder
        at = positions.index(raw_start)  # kept in the cleaned text, unchanged
        assert document.text[at : at + len(placeholder)] == placeholder


@st.composite
def span_in_paragraph(draw, locations: list[int], page: Page) -> tuple[int, int]:
    index = draw(st.integers(0, len(locations) - 1))
    length = len(page.body()[index][1].text)
    i = draw(st.integers(0, length - 1))
    j = draw(st.integers(i + 1, length))
    return locations[index] + i, locations[index] + j


@SETTINGS
@given(pages(), st.data())
def test_cleaned_offsets_round_trip(page: Page, data: st.DataObject) -> None:
    document = clean_one(page.raw)
    locations = body_locations(page, document)
    for _ in range(5):
        i, j = data.draw(span_in_paragraph(locations, page))
        raw_start, raw_end = document.offsets.to_source(i, j)
        assert GLOSS_RE.sub("", page.raw[raw_start:raw_end]) == document.text[i:j]
        assert document.raw_span(i, j) == (raw_start, raw_end)


@settings(SETTINGS, max_examples=80)
@given(st.sampled_from([SIMPLIFIED, TRADITIONAL]).flatmap(lambda v: pages(vocab=v)), st.data())
def test_normalised_offsets_round_trip(page: Page, data: st.DataObject) -> None:
    document = clean_one(page.raw)
    normalised = normalise(document, page.raw)
    assert len(normalised.text) == len(document.text)  # t2s is 1:1 on our vocabulary
    locations = body_locations(page, document)
    t2s = opencc.OpenCC("t2s")
    for _ in range(5):
        i, j = data.draw(span_in_paragraph(locations, page))
        span = normalised.span(i, j)
        # original_text is the span's own characters: a gloss removed inside it is not.
        raw = page.raw[span.original_start : span.original_end]
        assert span.original_text == GLOSS_RE.sub("", raw)
        expected = t2s.convert(span.original_text).translate(HALFWIDTH)
        assert expected == normalised.text[i:j]


@SETTINGS
@given(pages())
def test_cleaning_clean_text_changes_nothing(page: Page) -> None:
    """Cleaning is idempotent, blank lines included: the cleaned text of an article,
    cleaned again, comes back character for character, with the same title and
    nothing removed (placeholder flags are all the second log holds)."""
    once = clean_one(page.raw)
    twice = clean_one(once.text)
    assert twice.text == once.text
    assert twice.title == once.title
    assert not twice.removals
    assert list(twice.offsets.positions) == list(range(len(once.text) + 1))
    assert [(e.rule, e.text) for e in twice.flags] == [(e.rule, e.text) for e in once.flags]
