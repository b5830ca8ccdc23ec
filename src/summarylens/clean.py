"""Stage 2: strip what a template site added to a report, and say what went.

``clean`` runs these steps in order, each on the previous step's text:

1. pinyin glosses glued to characters (``發(fā)展`` → ``發展``);
2. furniture lines: welcome lines, breadcrumbs, publish dates and view
   counts, download prompts, copyright lines, watermark lines;
3. the "related articles" list at the foot of the page;
4. multi-article pages split at ``第1篇``/``篇一`` markers, page titles before
   the first article, repeated titles, and a trailing teaser that repeats an
   article's opening;
5. placeholders (``__``, ``**``, ``XX``) and mojibake runs flagged, not touched.

Every removal is logged with its rule and its offsets in the raw text, and the
cleaned text keeps a map back to the raw text. Only whole furniture lines,
glosses, markers, titles and teasers are removed: body text never is.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from summarylens import rules
from summarylens.model import CleanedDocument, LogEntry, OffsetMap, RawDocument

LINE = re.compile(r"[^\n]*\n?")
BLANK_LINES = re.compile(r"(?:[ \t\u3000\xa0]*\n)*")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
STRIP = " \t\n\r\u3000\xa0"


@dataclass(frozen=True)
class CleanOptions:
    """Which steps run; all on by default."""

    split_articles: bool = True
    drop_teaser: bool = True


@dataclass(frozen=True)
class Deletion:
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Draft:
    """Text part-way through cleaning, mapped to the raw text, with its log so far."""

    text: str
    positions: array
    log: tuple[LogEntry, ...]


@dataclass(frozen=True)
class ArticleBounds:
    start: int
    title: str
    marked: bool = False


@cache
def _line_rules() -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    return tuple(
        (rule["rule"], rule["max_len"], re.compile(rule["pattern"]))
        for rule in rules.load("furniture")["line"]
    )


def _pattern(*keys: str) -> re.Pattern[str]:
    return rules.compiled("furniture", *keys)


def clean(raw: RawDocument, options: CleanOptions | None = None) -> tuple[CleanedDocument, ...]:
    """Clean a raw document into one ``CleanedDocument`` per article on the page."""
    options = options or CleanOptions()
    draft = Draft(raw.text, OffsetMap.identity(len(raw.text)).positions, ())
    draft = delete(draft, find_glosses(draft.text), raw.text)
    draft = delete(draft, find_furniture_lines(draft.text), raw.text)
    draft = delete(draft, find_related_list(draft.text), raw.text)
    if options.split_articles:
        articles = find_articles(draft.text)
    else:
        articles = [ArticleBounds(0, first_line_title(draft.text))]
    deletions = list(find_titles_and_markers(draft.text, articles))
    if options.drop_teaser:
        deletions += find_teaser(draft.text, articles)
    raw_bounds = [draft.positions[article.start] for article in articles[1:]]
    draft = delete(draft, deletions, raw.text)
    log = sorted(draft.log + tuple(find_flags(draft, raw.text)), key=lambda entry: entry.start)
    draft = Draft(draft.text, draft.positions, tuple(log))
    return split(raw, draft, articles, raw_bounds)


def find_glosses(text: str) -> Iterator[Deletion]:
    for match in _pattern("gloss", "pattern").finditer(text):
        yield Deletion(match.start(), match.end(), "pinyin_gloss")


def lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, stripped content) of each line; ``end`` includes the newline."""
    for match in LINE.finditer(text):
        if match.start() == match.end():
            return
        yield match.start(), match.end(), match.group().strip(STRIP)


def _with_blank_lines(text: str, end: int) -> int:
    """Extend a removed line over the blank lines after it, so no gap is left."""
    return BLANK_LINES.match(text, end).end()


def find_furniture_lines(text: str) -> Iterator[Deletion]:
    for start, end, content in lines(text):
        for rule, max_len, pattern in _line_rules():
            if content and len(content) <= max_len and pattern.search(content):
                yield Deletion(start, _with_blank_lines(text, end), rule)
                break


def find_related_list(text: str) -> Iterator[Deletion]:
    """The first "related articles" heading after which the page holds only list entries."""
    related = rules.load("furniture")["related"]
    heading, item = _pattern("related", "heading"), _pattern("related", "item")

    def is_heading(content: str) -> bool:
        return len(content) <= related["heading_max_len"] and bool(heading.match(content))

    def is_item(content: str) -> bool:
        if not content or item.search(content):
            return True
        ends_sentence = content.endswith(tuple(related["sentence_end"]))
        return len(content) <= related["item_max_len"] and not ends_sentence

    page_lines = list(lines(text))
    tail_is_list = True
    block_start = None
    for start, _end, content in reversed(page_lines):
        if not tail_is_list:
            break
        if is_heading(content):
            block_start = start
        tail_is_list = is_heading(content) or is_item(content)
    if block_start is not None:
        yield Deletion(block_start, len(text), "related_list")


def find_articles(text: str) -> list[ArticleBounds]:
    """Article starts at marker lines (``第1篇 …``); one article when there are none.

    The title is the rest of the marker line, or the line after a bare marker.
    """
    marker = _pattern("article", "marker")
    found = []
    for start, end, content in lines(text):
        match = marker.match(content)
        if match:
            title = content[match.end() :].strip(STRIP) or first_line_title(text[end:])
            found.append(ArticleBounds(start, title, marked=True))
    if not found:
        return [ArticleBounds(0, first_line_title(text))]
    found[0] = ArticleBounds(0, found[0].title, marked=True)
    return found


def looks_like_title(content: str) -> bool:
    """Short and not ending a sentence: a title, not a paragraph."""
    title_rules = rules.load("furniture")["title"]
    ends_sentence = content.endswith(tuple(title_rules["sentence_end"]))
    return bool(content) and len(content) <= title_rules["max_len"] and not ends_sentence


def first_line_title(text: str) -> str:
    for _start, _end, content in lines(text):
        if content:
            return content if looks_like_title(content) else ""
    return ""


def find_titles_and_markers(text: str, articles: list[ArticleBounds]) -> Iterator[Deletion]:
    """Page titles before the first marker, the markers, and repeats of any title."""
    marker = _pattern("article", "marker")
    config = rules.load("furniture")
    page_title_max = config["article"]["page_title_max_len"]
    title_max = config["title"]["max_len"]
    has_markers = any(article.marked for article in articles)
    titles = {article.title for article in articles if article.title}
    seen_titles: set[str] = set()
    in_preamble = has_markers
    for start, end, content in lines(text):
        match = marker.match(content)
        if match:
            in_preamble = False
            offset = text.index(content, start)
            yield Deletion(offset, offset + match.end(), "article_marker")
            seen_titles.add(content[match.end() :].strip(STRIP))
        elif in_preamble and content and len(content) <= page_title_max:
            titles.add(content)
            seen_titles.add(content)
            yield Deletion(start, _with_blank_lines(text, end), "page_title")
        elif content in titles and len(content) <= title_max:
            if content in seen_titles:
                yield Deletion(start, _with_blank_lines(text, end), "duplicate_title")
            seen_titles.add(content)


def _cjk(text: str) -> str:
    return "".join(CJK.findall(text))


def find_teaser(text: str, articles: list[ArticleBounds]) -> Iterator[Deletion]:
    """A line near the end that repeats the start of an article's opening, cut off with …"""
    config = rules.load("furniture")["teaser"]
    ending = _pattern("teaser", "ending")
    openings = [_cjk(opening) for opening in _openings(text, articles)]
    tail = [line for line in lines(text) if line[2]][-4:]
    for start, end, content in tail[1:]:
        if not ending.search(content):
            continue
        teaser = _cjk(content)
        if len(teaser) < config["min_chars"]:
            continue
        for opening in openings:
            similarity = SequenceMatcher(
                None, teaser, opening[: len(teaser)], autojunk=False
            ).ratio()
            if similarity >= config["min_similarity"]:
                yield Deletion(start, _with_blank_lines(text, end), "teaser")
                break


def _openings(text: str, articles: list[ArticleBounds]) -> Iterator[str]:
    """The first paragraph (the first line that is not a title) of each article."""
    bounds = [article.start for article in articles] + [len(text)]
    for article, end in zip(articles, bounds[1:], strict=True):
        for _s, _e, content in lines(text[article.start : end]):
            if content and not looks_like_title(content):
                yield content
                break


def delete(draft: Draft, deletions: Iterable[Deletion], raw_text: str) -> Draft:
    """Apply deletions (overlaps merged, first rule wins) and log them in raw offsets."""
    merged: list[Deletion] = []
    for deletion in sorted(deletions, key=lambda d: (d.start, -d.end)):
        if deletion.start >= deletion.end:
            continue
        if merged and deletion.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Deletion(last.start, max(last.end, deletion.end), last.rule)
        else:
            merged.append(deletion)
    if not merged:
        return draft
    pieces, kept, log = [], array("q"), list(draft.log)
    cursor = 0
    for deletion in merged:
        pieces.append(draft.text[cursor : deletion.start])
        kept.extend(draft.positions[cursor : deletion.start])
        for raw_start, raw_end in _raw_runs(draft.positions, deletion.start, deletion.end):
            log.append(
                LogEntry("removed", deletion.rule, raw_start, raw_end, raw_text[raw_start:raw_end])
            )
        cursor = deletion.end
    pieces.append(draft.text[cursor:])
    kept.extend(draft.positions[cursor:])
    log.sort(key=lambda entry: entry.start)
    return Draft("".join(pieces), kept, tuple(log))


def _raw_runs(positions: array, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The contiguous stretches of raw text behind ``[start, end)``: text removed by an
    earlier step sits between them and is not logged twice."""
    run_start = positions[start]
    for index in range(start + 1, end):
        if positions[index] != positions[index - 1] + 1:
            yield run_start, positions[index - 1] + 1
            run_start = positions[index]
    yield run_start, positions[end - 1] + 1


def find_flags(draft: Draft, raw_text: str) -> Iterator[LogEntry]:
    positions = draft.positions
    for rule in ("placeholder", "mojibake"):
        for match in _pattern("flags", rule).finditer(draft.text):
            raw_start, raw_end = positions[match.start()], positions[match.end() - 1] + 1
            yield LogEntry("flagged", rule, raw_start, raw_end, raw_text[raw_start:raw_end])


def split(
    raw: RawDocument, draft: Draft, articles: list[ArticleBounds], raw_bounds: list[int]
) -> tuple[CleanedDocument, ...]:
    """Cut the cleaned page into articles; each takes the log entries of its raw stretch."""
    raw_edges = [0, *raw_bounds, len(raw.text) + 1]
    log_starts = [entry.start for entry in draft.log]
    text_edges = [0] + [
        bisect_right(draft.positions, bound, hi=len(draft.text)) for bound in raw_bounds
    ]
    text_edges.append(len(draft.text))
    documents = []
    for index, article in enumerate(articles):
        start, end = text_edges[index], text_edges[index + 1]
        while start < end and draft.text[start] in STRIP:
            start += 1
        while end > start and draft.text[end - 1] in STRIP:
            end -= 1
        positions = draft.positions[start:end]
        positions.append(draft.positions[end - 1] + 1 if end > start else draft.positions[start])
        first_entry = bisect_left(log_starts, raw_edges[index])
        log = draft.log[first_entry : bisect_left(log_starts, raw_edges[index + 1])]
        documents.append(
            CleanedDocument(
                source=raw.source,
                format=raw.format,
                encoding=raw.encoding,
                article=index + 1,
                title=article.title,
                text=draft.text[start:end],
                offsets=OffsetMap(positions),
                log=log,
                page_starts=raw.page_starts,
            )
        )
    return tuple(documents)
