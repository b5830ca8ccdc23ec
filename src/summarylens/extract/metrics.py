"""Quantities in report text: value, unit, qualifier, placeholder, range, change.

Works on characters, not tokens, so the result does not depend on how a
segmenter cut the text; the spaCy component in ``extract.components`` wraps it.
All vocabulary is in ``data/metrics.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from summarylens import rules

DELIMITERS = "，,。；;：:、（(\n！？!?"
# How far back to look for the clause an indicator starts in (it keeps 16 characters).
INDICATOR_WINDOW = 80
_SENTENCE_END = re.compile("[。！？!?\n]")
_NOT_CHINESE = re.compile(r"[0-9_＿*Xx]")
_COUNTING = re.compile("[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾0-9_＿*Xx]")


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text, with offsets in that text."""

    start: int
    end: int
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str | None
    bound: str | None
    placeholder: bool
    change: str | None
    indicator: str
    kind: str = "actual"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _config() -> dict:
    return rules.load("metrics")


@cache
def _pattern() -> re.Pattern[str]:
    config = _config()
    number = config["number"]
    any_number = f"{number['arabic']}|{number['chinese']}"
    qualifier = config["qualifier"]
    separators = _alternation(config["range"]["separators"])
    magnitude = number["magnitude"]
    words = [*config["change"]["verbs"], *qualifier["before"], *config["change"]["doubling"]]
    first = "".join(sorted({re.escape(word[0]) for word in [*words, "百分之"]}))
    return re.compile(
        f"(?={number['first']}|[{first}])"
        f"(?P<change>{_alternation(config['change']['verbs'])})?"
        f"(?P<before>{_alternation(qualifier['before'])})?"
        "(?:"
        f"(?P<doubling>{_alternation(list(config['change']['doubling']))})"
        f"|百分之(?P<percent>{any_number})"
        f"|(?P<number>{number['placeholder']}|{any_number})(?P<magnitude_low>{magnitude})?"
        f"(?:\\s*(?:{separators})\\s*(?P<number_max>{any_number}))?"
        f"(?P<inside_early>{_alternation(qualifier['inside'])})?"
        f"(?P<magnitude>{magnitude})?(?P<inside>{_alternation(qualifier['inside'])})?"
        f"(?P<unit>{_alternation(config['unit']['units'])})"
        # 3%至5%: a range written with its unit twice.
        f"(?:\\s*(?:{separators})\\s*(?P<number_max_late>{any_number})(?P=magnitude)?(?P=unit))?"
        ")"
        f"(?P<after>{_alternation(qualifier['after'])})?"
    )


@cache
def _protected() -> re.Pattern[str]:
    return re.compile("|".join(_config()["context"]["protected"]))


@cache
def _placeholder() -> re.Pattern[str]:
    return re.compile(f"(?:{_config()['number']['placeholder']})$")


def to_number(text: str) -> float | None:
    """Arabic or Chinese numerals as a float; None when they are not a number."""
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    import cn2an

    if text[:1] in "百千":  # 近百条, 逾千人
        text = "一" + text
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _is_chinese(match: re.Match[str]) -> bool:
    """Slogans (两个确保, 三个代表) are written in Chinese numerals, counts mostly not."""
    number = match.group("number") or ""
    return bool(number) and not _NOT_CHINESE.match(number)


def _is_count(number: str, qualified: bool) -> bool:
    """A Chinese numeral counts something unless it is an article (一) or a bare
    百/千 of an idiom (千家万户); a qualifier makes the bare one a count (近百条)."""
    if number in _config()["number"]["chinese_not_alone"]:
        return False
    return qualified or bool(_COUNTING.search(number))


def _indicator(text: str, start: int, end: int, previous: str | None) -> str:
    """The words the quantity measures: back to the clause start, trimmed. When
    those only set the scope (全公司4680名会员), the noun after the figure names
    it; when they only relate it to another figure (比上年提高2.9个百分点, 总数达到
    20个) or are none at all (…26.7亿元，增长13.1%), the indicator of the figure
    before in the sentence comes first."""
    config = _config()["context"]
    window_start = max(0, start - INDICATOR_WINDOW)
    window = text[window_start:start]
    clause_start = max(map(window.rfind, DELIMITERS)) + 1
    phrase = _trim(window[clause_start:].strip(), config["indicator_trim"])
    after = None
    if rules.compiled("metrics", "context", "scope_only").fullmatch(phrase):
        after = rules.compiled("metrics", "context", "noun_after").match(text, end)
        phrase = after.group(1) if after else phrase
    relative = rules.compiled("metrics", "context", "relative")
    # 研发投入26.7亿元，增长13.1%: a bare change measures the figure before it.
    if after is None and previous and (not phrase or relative.match(phrase)):
        phrase = previous + phrase
    return phrase[-config["indicator_max_len"] :]


def without_level(indicator: str) -> str:
    """The indicator without the words setting the level of its figure (入会率保持在 →
    入会率): what a target shares with the figure that answers it."""
    levels = tuple(_config()["context"]["level_verbs"])
    while indicator.endswith(levels):
        indicator = indicator[: -len(next(w for w in levels if indicator.endswith(w)))]
    return indicator


def _trim(phrase: str, words: list[str]) -> str:
    """Trim words off both ends until none is left there; a pass is made only when
    one is (``startswith`` of them all at once), not to find that none is."""
    ends = tuple(words)
    changed = True
    while changed and (phrase.startswith(ends) or phrase.endswith(ends)):
        changed = False
        for word in words:
            if phrase.startswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[len(word) :], True
            if phrase.endswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[: -len(word)], True
    return phrase


def find_quantities(text: str, start: int = 0, end: int | None = None) -> Iterator[Quantity]:
    """Every quantity in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    config = _config()
    protected = [m.span() for m in _protected().finditer(text, start, end)]
    protected_starts = [low for low, _high in protected]
    not_after = tuple(config["context"]["not_after"])
    not_followed = tuple(config["unit"]["not_followed_by"])
    arabic_only = set(config["unit"]["arabic_only"])
    meaning = config["qualifier"]["meaning"]
    previous: Quantity | None = None
    for match in _pattern().finditer(text, start, end):
        begin, finish = match.span()
        if _overlaps(protected, protected_starts, begin, finish):
            continue
        led = match.group("change") or match.group("before")  # 比上届增加18名
        if not led and text[max(0, begin - 2) : begin].endswith(not_after):
            continue
        if _is_chinese(match) and (
            text.startswith(not_followed, finish) or match.group("unit") in arabic_only
        ):
            continue
        same_sentence = previous is not None and not _SENTENCE_END.search(text, previous.end, begin)
        earlier = previous.indicator if same_sentence and previous else None
        quantity = _quantity(match, text, meaning, config, earlier)
        if quantity is not None:
            previous = quantity
            yield quantity


def _overlaps(spans: list[tuple[int, int]], starts: list[int], begin: int, finish: int) -> bool:
    """Whether ``begin`` or the last character before ``finish`` falls in one of
    ``spans`` (in order, not overlapping, ``starts`` their starts): only the last
    span starting at or before it can hold it."""
    at = bisect_right(starts, begin) - 1
    if at >= 0 and begin < spans[at][1]:
        return True
    at = bisect_right(starts, finish - 1) - 1
    return at >= 0 and finish <= spans[at][1]


def _quantity(
    match: re.Match[str], text: str, meaning: dict, config: dict, previous: str | None
) -> Quantity | None:
    groups = match.groupdict()
    qualifier = groups["after"] or groups["inside"] or groups["inside_early"] or groups["before"]
    common = {
        "start": match.start(),
        "end": match.end(),
        "qualifier": qualifier,
        "bound": meaning.get(qualifier) if qualifier else None,
        "change": groups["change"],
        "indicator": _indicator(text, match.start(), match.end(), previous),
    }
    if groups["doubling"]:
        factor = float(config["change"]["doubling"][groups["doubling"]])
        return Quantity(value=factor, value_max=None, unit="倍", placeholder=False, **common)
    if groups["percent"]:
        value = to_number(groups["percent"])
        if value is None:
            return None
        return Quantity(value=value, value_max=None, unit="%", placeholder=False, **common)
    number = groups["number"]
    unit = (groups["magnitude"] or groups["magnitude_low"] or "") + groups["unit"]
    if _placeholder().match(number):
        return Quantity(value=None, value_max=None, unit=unit, placeholder=True, **common)
    if not _is_count(number, bool(groups["before"])):
        return None
    value = to_number(number)
    written_max = groups["number_max"] or groups["number_max_late"]
    value_max = to_number(written_max) if written_max else None
    if value is None or (written_max and value_max is None):
        return None
    return Quantity(value=value, value_max=value_max, unit=unit, placeholder=False, **common)
