"""Stage 4: the outline a reader sees in a normalised report.

``structure`` finds, in order:

1. sentences (on 。！？； and the ASCII . ; of scraped pages, never inside quotes,
   brackets, 《titles》 or numbers such as 3.5%);
2. headings of every style the genre uses (一、 （一） 1. （1） ——… 第一， and short
   unnumbered lines), each with a level from the styles open above it;
3. the review part and the plan part, from part headings or a plan intro line;
4. sections (a heading and the text under it), their part, theme and inline
   enumerations (一是…；二是…);
5. the period the report covers and the one its plan is for.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from summarylens import rules, themes
from summarylens.model import NormalisedDocument, Part, Report, Section, words_between
from summarylens.period import detect_period

STRIP = " \t\u3000\xa0"


@dataclass(frozen=True)
class StructureOptions:
    period: str | None = None
    taxonomy: str | None = None


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    line_end: int
    style: str
    rank: float | None
    level: int = 0


@dataclass(frozen=True)
class _Style:
    name: str
    rank: float | None
    pattern: re.Pattern[str]


@cache
def _styles() -> tuple[_Style, ...]:
    return tuple(
        _Style(
            entry["style"],
            None if entry.get("floating") else entry["rank"],
            re.compile(entry["pattern"]),
        )
        for entry in rules.load("structure")["heading"]
    )


@cache
def protected() -> re.Pattern[str]:
    """Bracketed and quoted stretches of one line, inside which no sentence ends."""
    config = rules.load("structure")["sentence"]
    pairs = [re.escape(o) + f"[^{re.escape(c)}\\n]*" + re.escape(c) for o, c in config["brackets"]]
    pairs += [f"{re.escape(q)}[^{re.escape(q)}\\n]*{re.escape(q)}" for q in config["quotes"]]
    return re.compile("|".join(pairs))


@cache
def _sentence_end() -> re.Pattern[str]:
    ends = re.escape(rules.load("structure")["sentence"]["ends"])
    # An ASCII period ends a sentence unless it is a decimal point (digits on both
    # sides: 3.5%) or closes a line-initial numeral (1.); a run of periods is one end.
    period = "(?<!\\d)\\.+|(?<!^\\d)(?<!^\\d\\d)(?<=\\d)\\.+(?!\\d)"
    # The look-ahead names every character an end starts with: the engine passes any
    # other at once instead of trying each alternative there (a quarter of the time).
    return re.compile(f"(?=[{ends}.\\n])(?:[{ends}]+|{period}|\\n)", re.MULTILINE)


def mask_protected(text: str) -> str:
    """The text with quoted and bracketed stretches blanked out (same length), so
    punctuation inside 《A;B》 or “…。…” is not taken for a boundary."""
    return protected().sub(lambda m: "x" * len(m.group()), text)


def lines(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without its newline; from ``start``, a line start."""
    for match in re.compile("\n").finditer(text, start):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the whole text, whitespace trimmed."""
    masked = mask_protected(text)
    spans, start = [], 0
    for match in _sentence_end().finditer(masked):
        spans.append((start, match.end() if match.group() != "\n" else match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))[0] < trimmed[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in STRIP + "\n":
        start += 1
    while end > start and text[end - 1] in STRIP + "\n":
        end -= 1
    return start, end


def _is_short_heading(content: str, next_content: str) -> bool:
    config = rules.load("structure")
    ends = config["sentence"]["ends"] + ".,，:：、"
    return (
        0 < len(content) <= config["short_heading"]["max_len"]
        and content[-1] not in ends
        and len(next_content) > len(content)
    )


def find_headings(text: str, sentences: list[tuple[int, int]], body_start: int) -> list[Heading]:
    """Heading lines after the title, each cut at its first sentence end (run-in headings)."""
    sentence_ends = {start: end for start, end in sentences}
    not_heading = rules.compiled("structure", "not_heading", "patterns")
    spans = [span for span in lines(text) if span[0] >= body_start]
    contents = [text[start:end].strip(STRIP) for start, end in spans]
    headings = []
    for index, (start, end) in enumerate(spans):
        content = contents[index]
        if not content:
            continue
        if not_heading.match(content):
            continue
        begin = start + len(text[start:end]) - len(text[start:end].lstrip(STRIP))
        style = next((s for s in _styles() if s.pattern.match(content)), None)
        if style is None:
            following = next((c for c in contents[index + 1 :] if c), "")
            if not _is_short_heading(content, following):
                continue
            style = _Style("short", None, re.compile(""))
        heading_end = min(sentence_ends.get(begin, end), end)
        headings.append(Heading(begin, heading_end, end, style.name, style.rank))
    return assign_levels(headings)


def assign_levels(headings: list[Heading]) -> list[Heading]:
    """Nest headings: a ranked style closes every open style of its rank or below;
    a floating style (——, 第一，, short lines) is a sibling of its own kind when one
    is open, else a child of the innermost open heading (top level when none)."""
    stack: list[tuple[float, str]] = []
    levelled = []
    for heading in headings:
        if heading.rank is not None:
            rank = heading.rank
        else:
            same = [entry_rank for entry_rank, style in stack if style == heading.style]
            rank = same[0] if same else (stack[-1][0] + 0.5 if stack else 1.0)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, heading.style))
        levelled.append(Heading(**{**heading.__dict__, "level": len(stack)}))
    return levelled


def part_of_heading(heading_text: str) -> str | None:
    """``review``, ``plan`` or None, from the heading's wording (the later cue wins
    when both appear, as in 存在的问题和下一步打算)."""
    config = rules.load("structure")["parts"]
    last: dict[str, int] = {}
    for part in ("review", "plan"):
        positions = [heading_text.rfind(cue) for cue in config[part]]
        if max(positions) >= 0:
            last[part] = max(positions)
    return max(last, key=last.get) if last else None


def heading_part(text: str, heading: Heading) -> str | None:
    """The part a top-level heading opens; dash-led and 第一， lines name topics, not parts."""
    if heading.level != 1 or heading.style in ("dash", "ordinal"):
        return None
    return part_of_heading(text[heading.start : heading.line_end])


def find_parts(
    text: str, headings: list[Heading], body_start: int
) -> list[tuple[str, int, Heading | None]]:
    """Part starts: top-level part headings, else a plan intro line; text before a
    first plan part that follows body text is the review."""
    boundaries: list[tuple[str, int, Heading | None]] = []
    for heading in headings:
        part = heading_part(text, heading)
        if part and (not boundaries or boundaries[-1][0] != part):
            boundaries.append((part, heading.start, heading))
    if not any(part == "plan" for part, _s, _h in boundaries):
        intro = rules.compiled("structure", "parts", "plan_intro")
        for start, end in lines(text):
            if start >= body_start and intro.match(text[start:end].strip(STRIP)):
                boundaries.append(("plan", start, None))
                boundaries.sort(key=lambda boundary: boundary[1])
                break
    first_body = _opening(text, body_start)
    if not boundaries:
        return [("review", first_body, None)] if first_body < len(text) else []
    if first_body < boundaries[0][1]:
        if boundaries[0][0] == "plan":
            boundaries.insert(0, ("review", first_body, None))
        else:
            boundaries[0] = ("review", first_body, boundaries[0][2])
    return boundaries


def _opening(text: str, body_start: int) -> int:
    """Where the body proper starts: the first line after the title that is not
    preamble (delivery line, speaker, salutation)."""
    preamble = rules.compiled("structure", "parts", "preamble")
    for start, end in lines(text):
        content = text[start:end].strip(STRIP)
        if start >= body_start and content and not preamble.match(content):
            return start
    return len(text)


def _items(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Inline enumeration items (一是…；二是…) between start and end, each to the next
    item or the end of its paragraph."""
    pattern = rules.compiled("structure", "enumeration", "item")
    items = []
    # From the line holding ``start`` on, not every line of the text for each section.
    first = text.rfind("\n", 0, start) + 1
    for line_start, line_end in lines(text, first):
        if line_start >= end:
            break
        if line_end <= start:
            continue
        low, high = max(line_start, start), min(line_end, end)
        found = [
            m.start() + len(m.group()) - len(m.group().lstrip())
            for m in pattern.finditer(text, low, high)
        ]
        if len(found) >= 2:
            bounds = [*found, high]
            items += [_trim(text, a, b) for a, b in itertools.pairwise(bounds)]
    return tuple(items)


def organisation(title: str) -> str | None:
    """Who reports, from the title (江州市邮政工会2022年工作总结 → 江州市邮政工会)."""
    match = rules.compiled("structure", "organisation", "title").match(title)
    return match.group("organisation").strip(STRIP) if match else None


def structure(
    document: NormalisedDocument,
    options: StructureOptions | None = None,
    word_ends: tuple[int, ...] = (),
) -> Report:
    """Outline of one normalised article. ``word_ends`` is the article's jieba
    segmentation when the caller made one: the theme model reads its words, and the
    report keeps it for extraction and the audit."""
    options = options or StructureOptions()
    text = document.text
    title = document.cleaned.title
    first_line_end = text.find("\n") if "\n" in text else len(text)
    body_start = first_line_end + 1 if title and text[:first_line_end].strip(STRIP) else 0
    sentences = split_sentences(text)
    headings = find_headings(text, sentences, body_start)
    boundaries = find_parts(text, headings, body_start)
    part_spans = [
        (part, start, boundaries[i + 1][1] if i + 1 < len(boundaries) else len(text), heading)
        for i, (part, start, heading) in enumerate(boundaries)
    ]
    parts = tuple(
        Part(part, document.span(*_trim(text, start, end)), text[h.start : h.end] if h else None)
        for part, start, end, h in part_spans
    )
    part_headings = {heading.start for heading in headings if heading_part(text, heading)}
    taxonomy = themes.load_taxonomy(options.taxonomy)
    sections = []
    open_ids: list[tuple[int, str]] = []
    for index, heading in enumerate(headings):
        part_end = next(
            (end for _p, start, end, _h in part_spans if start <= heading.start < end), len(text)
        )
        later = [h.start for h in headings[index + 1 :] if h.level <= heading.level]
        end = min([*later, part_end])
        children = [h.start for h in headings[index + 1 :] if h.start < end]
        own_end = children[0] if children else end
        part = next((p for p, start, stop, _h in part_spans if start <= heading.start < stop), None)
        while open_ids and open_ids[-1][0] >= heading.level:
            open_ids.pop()
        section_id = f"S{index + 1}"
        heading_text = text[heading.start : heading.end]
        theme = None
        if heading.start not in part_headings:
            words = (
                (words_between(text, word_ends, heading.start, heading.end),
                 words_between(text, word_ends, heading.end, end))
                if word_ends else None
            )  # fmt: skip
            theme = themes.classify(heading_text, text[heading.end : end], taxonomy, words)
        sections.append(
            Section(
                id=section_id,
                heading=heading_text,
                level=heading.level,
                part=part,
                theme=theme,
                span=document.span(*_trim(text, heading.start, end)),
                heading_span=document.span(heading.start, heading.end),
                parent=open_ids[-1][1] if open_ids else None,
                items=tuple(document.span(a, b) for a, b in _items(text, heading.end, own_end)),
            )
        )
        open_ids.append((heading.level, section_id))
    cleaned = document.cleaned
    period = detect_period(title, text, cleaned.source, options.period)
    title_line = text[:first_line_end].strip(STRIP) if body_start else ""
    return Report(
        source=cleaned.source,
        format=cleaned.format,
        encoding=cleaned.encoding,
        article=cleaned.article,
        title=title_line,
        text=text,
        period=period,
        organisation=organisation(title_line),
        parts=parts,
        sections=tuple(sections),
        sentences=tuple(sentences),
        word_ends=word_ends,
        cleaning_log=cleaned.log,
    )
