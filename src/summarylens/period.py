"""Which period a report reviews and which its plans are for, with the evidence.

``detect_period`` weighs its sources in this order of strength:

1. the title (``2021年上半年工作总结和下半年工作安排``);
2. a ``--period`` override (``2023H1``; ``2023`` fixes the year only);
3. a phrase near the start of the body (``今年上半年，``, ``一、2023年工作回顾``);
4. the file name (``union_2022H2.pdf``, ``2023年上半年工会工作总结.docx``);
5. the date the report is signed or delivered on (``2022年7月10日``), which only
   places a span found elsewhere in time.

When none of them names a span, the plan does: a report planning 下半年 reviews H1.

Year and span are settled separately, each by the strongest source that states it,
so ``今年上半年`` gets its span from the body and its year from a later source (or
none: the genre's "today" is the document's date, never the machine's clock). All
vocabulary is data (``data/periods.toml``); the functions here are pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from summarylens import rules
from summarylens.model import Period

SPANS = ("H1", "H2", "Q1", "Q2", "Q3", "Q4", "Y")
UNKNOWN = "unknown"
# Evidence sources, strongest first.
RANK = ("title", "override", "text", "file", "date")


@dataclass(frozen=True)
class _Expr:
    """A time expression: ``when`` is ``year``/``this``/``next``/``prev``/``step``/
    ``nextq`` or None, ``year`` the year it states, ``span`` its span code."""

    start: int
    end: int
    when: str | None
    year: int | None
    span: str | None


@dataclass(frozen=True)
class _Clue:
    """One source's claim about a period, and the words it rests on."""

    source: str
    quote: str
    year: int | None
    span: str | None
    when: str | None = None

    @property
    def evidence(self) -> str:
        return f"{self.source}: {self.quote}"


def parse_period(value: str) -> tuple[int | None, str]:
    """``2023H1`` → (2023, "H1"); ``2023`` → (2023, "unknown"); ``H1`` → (None, "H1").

    Raises:
        ValueError: the value is not a year, a span code, or a year and a span code.
    """
    match = rules.compiled("periods", "override", "pattern").match(value or "")
    if not match or not (match["year"] or match["span"]):
        raise ValueError(
            f"invalid period {value!r}: expected YEAR, SPAN or YEAR+SPAN, where YEAR is "
            "1900-2099 and SPAN is H1, H2, Q1-Q4 or Y (e.g. 2023H1, 2023Y, 2023, H1)"
        )
    year = int(match["year"]) if match["year"] else None
    return year, match["span"].upper() if match["span"] else UNKNOWN


def detect_period(title: str, text: str, source: str = "", override: str | None = None) -> Period:
    """The period a report reviews and the one its plan part is for.

    Args:
        title: the report's title (normalised).
        text: the whole normalised text, title line included.
        source: the file path; its name may carry a period.
        override: a ``--period`` value (see ``parse_period``); it outranks everything
            but the title.

    Returns:
        A ``Period`` whose ``evidence`` quotes every source the review period rests on
        (strongest first), then the plan phrase; ``Period(None, "unknown")`` with no
        evidence when nothing supports a guess.

    Raises:
        ValueError: ``override`` is not a valid period.
    """
    body = _body(title, text)
    title_review, title_plan = _phrase_clues(title, "title")
    review_end, text_plan = _plan_start(body)
    text_review = _opening_clues(body, review_end)
    file_review = _file_clues(source)
    override_clues = []
    if override is not None and override.strip():
        override_year, override_span = parse_period(override)
        override_clues.append(
            _Clue("override", override.strip(), override_year, _known(override_span))
        )
    # A government work report titled with its own year reviews the year before it.
    fallback = [
        _Clue(c.source, c.quote, c.year - 1, "Y")
        for c in title_plan
        if c.when == "report" and c.year is not None
    ]
    plan = (title_plan or text_plan or [None])[0]

    ordered = title_review[:1] + override_clues + text_review + fallback + file_review
    span = next((c.span for c in ordered if c.span), None) or _preceding(plan)
    derived = _year_from_plan(plan, span)
    if derived is not None:
        # Between the body and the file name: an explicitly dated plan.
        at = len(title_review[:1] + override_clues + text_review)
        ordered.insert(at, _Clue(plan.source, plan.quote, derived, None, "plan"))
    year, used = _year(ordered, span, body)

    evidence = [
        c.evidence for c in ordered if c is used or (c.when != "plan" and _supports(c, year, span))
    ]
    if used is not None:
        evidence.append(used.evidence)
    evidence.sort(key=lambda item: RANK.index(item.split(":", 1)[0]))
    plan_year, plan_span = _plan_period(plan, year, span)
    if plan is not None:
        evidence.append(plan.evidence)
    return Period(
        year=year,
        span=span or UNKNOWN,
        plan_year=plan_year,
        plan_span=plan_span,
        evidence=tuple(dict.fromkeys(evidence)),
    )


# --- resolving ---------------------------------------------------------------------


def _year(ordered: list[_Clue], span: str | None, body: str) -> tuple[int | None, _Clue | None]:
    """The review year and the clue it comes from.

    Title, override, plan and file years are taken as stated; a body phrase only when
    its span agrees (an H1 report may mention last year's annual figures). Last comes
    the document date, read against the span: an annual report signed in January
    reviews the year before.
    """
    for clue in ordered:
        if clue.year is not None and (clue.source != "text" or clue.span in (None, span)):
            return clue.year, clue
    if span is None:
        return None, None
    dated = _date(body)
    if dated is None:
        return None, None
    year, month, quote = dated
    if span_months(span)[1] == 12 and month <= rules.load("periods")["date"]["late_until_month"]:
        year -= 1
    return year, _Clue("date", quote, year, None)


def _year_from_plan(plan: _Clue | None, span: str | None) -> int | None:
    """The review year an explicitly dated plan implies: 2019年工作打算 after an
    annual review → 2018; 2022年下半年工作安排 after H1 → 2022."""
    if plan is None or span is None or plan.when not in ("year", "report") or plan.year is None:
        return None
    plan_span = plan.span or "Y"
    return plan.year if span_months(plan_span)[0] > span_months(span)[1] else plan.year - 1


def _plan_period(
    plan: _Clue | None, year: int | None, span: str | None
) -> tuple[int | None, str | None]:
    """(plan_year, plan_span) for the plan clue, read against the review period.

    明年/来年 → the next year; a bare span (下半年, 四季度) → its first occurrence after
    the review period; 下一步 → span unknown, year of whatever follows the review.
    """
    if plan is None:
        return None, None
    if plan.when in ("year", "report"):
        return plan.year, plan.span or "Y"
    if plan.when == "next":
        return _plus(year, 1), plan.span or "Y"
    if plan.when == "this":
        return year, plan.span or "Y"
    if plan.when == "nextq":
        if span is None:
            return None, UNKNOWN
        end = span_months(span)[1]
        quarter = f"Q{end // 3 % 4 + 1}"
        return _plus(year, 1 if end == 12 else 0), quarter
    if plan.when == "step":
        if span is None:
            return None, UNKNOWN
        return _plus(year, 1 if span_months(span)[1] == 12 else 0), UNKNOWN
    plan_span = plan.span or UNKNOWN
    if span is None or plan_span == UNKNOWN:
        return year, plan_span
    later = span_months(plan_span)[0] > span_months(span)[1]
    return _plus(year, 0 if later else 1), plan_span


def _preceding(plan: _Clue | None) -> str | None:
    """The review span a plan implies (下半年工作安排 → H1), weakest of all span sources;
    下一步 and 今年 plans imply nothing."""
    if plan is None or plan.when not in (None, "year", "next", "report"):
        return None
    return rules.load("periods")["preceding"].get(plan.span or "Y")


def _supports(clue: _Clue, year: int | None, span: str | None) -> bool:
    """A clue agrees with the result and says something about it."""
    if clue.year is None and clue.span is None:
        return False
    return clue.span in (None, span) and clue.year in (None, year)


def _plus(year: int | None, delta: int) -> int | None:
    return None if year is None else year + delta


def _known(span: str) -> str | None:
    return None if span == UNKNOWN else span


def span_months(span: str) -> tuple[int, int]:
    """The first and last month a span covers (``H1`` → 1, 6)."""
    first, last = rules.load("periods")["months"][span]
    return first, last


# --- reading clues -----------------------------------------------------------------


def _expressions(text: str) -> list[_Expr]:
    """Every time expression in ``text`` (dates such as 2024年1月15日 left out)."""
    found = []
    month_after = rules.compiled("periods", "month_after")
    for match in rules.compiled("periods", "expression").finditer(text):
        if match.start() == match.end():
            continue
        span = next((code for code in SPANS if match[code]), None)
        when = next(
            (g for g in ("year", "this", "next", "prev", "step", "nextq") if match[g]), None
        )
        year = _number(match["year"]) if match["year"] else None
        if when == "year" and (year is None or not 1900 <= year <= 2099):
            continue
        if when == "year" and span is None and month_after.match(text, match.end()):
            continue
        found.append(_Expr(match.start(), match.end(), when, year, span))
    return found


def _role(text: str, expr: _Expr, stop: int) -> tuple[str | None, int]:
    """The role (review/plan/report) the words after ``expr`` give it, and where the
    deciding word ends; the last role word before ``stop`` or a clause break counts."""
    segment = text[expr.end : stop]
    cut = rules.compiled("periods", "boundary").search(segment)
    if cut:
        segment = segment[: cut.start()]
    role, end = None, expr.end
    for match in rules.compiled("periods", "role").finditer(segment):
        role, end = match.lastgroup, expr.end + match.end()
    return role, end


def _classify(text: str, exprs: list[_Expr], index: int, source: str):
    """One expression as a ("review" | "plan", clue) pair, or None when it says nothing
    about the report's own periods."""
    expr = exprs[index]
    stop = exprs[index + 1].start if index + 1 < len(exprs) else len(text)
    role, role_end = _role(text, expr, stop)
    said = text[expr.start : expr.end].strip()
    through = text[expr.start : role_end].strip()
    if expr.when == "prev":
        return None  # 上年度…: another report's period
    if role == "report":
        if expr.year is None:
            return None
        return "plan", _Clue(source, through, expr.year, "Y", "report")
    if role == "plan" or expr.when in ("next", "step", "nextq"):
        return "plan", _Clue(source, through, expr.year, expr.span, expr.when)
    if expr.span:
        return "review", _Clue(source, said, expr.year, expr.span, expr.when)
    if expr.year is not None and role == "review":
        # 2023年工作总结, 一、2023年工作回顾: a year's review is of the whole year.
        return "review", _Clue(source, through, expr.year, "Y", expr.when)
    if expr.year is not None:
        return "review", _Clue(source, said, expr.year, None, expr.when)
    return None


def _phrase_clues(text: str, source: str) -> tuple[list[_Clue], list[_Clue]]:
    """Review and plan clues of a title-like phrase (title, heading, file name)."""
    review: list[_Clue] = []
    plan: list[_Clue] = []
    exprs = _expressions(text)
    for index in range(len(exprs)):
        found = _classify(text, exprs, index, source)
        if found:
            (review if found[0] == "review" else plan).append(found[1])
    return review, plan


def _lines(body: str):
    """(offset, stripped line) for every non-empty line of ``body``."""
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            yield offset, line.strip()
        offset += len(line) + 1


def _heading(line: str) -> str | None:
    """The heading a line carries: a numbered heading up to its first sentence end,
    or a short line that does not end a sentence; None for body paragraphs."""
    data = rules.load("periods")["body"]
    numbered = rules.compiled("periods", "body", "heading").match(line)
    end = rules.compiled("periods", "body", "sentence_end")
    if numbered:
        found = end.search(line, numbered.end())
        return line[numbered.end() : found.start() if found else len(line)]
    if len(line) <= data["heading_max_len"] and not end.search(line[-1]):
        return line
    return None


def _plan_start(body: str) -> tuple[int, list[_Clue]]:
    """Where the plan part begins (a plan heading or a forward-looking paragraph)
    and the clue that opens it; (len(body), []) when there is none."""
    for offset, line in _lines(body):
        if rules.compiled("periods", "body", "plan_lead").match(line):
            exprs = _expressions(line)
            if exprs:
                said = line[exprs[0].start : exprs[0].end]
                first = exprs[0]
                return offset, [_Clue("text", said, first.year, first.span, first.when)]
        heading = _heading(line)
        part = rules.compiled("periods", "body", "part_heading").match(line)
        if heading is not None and (part or heading == line):
            plans = _phrase_clues(heading, "text")[1]
            if plans:
                return offset, plans[:1]
    return len(body), []


def _opening_clues(body: str, review_end: int) -> list[_Clue]:
    """Review clues of the headings and paragraph openings near the start of the body,
    before the plan part (the plan heading's own review words still count)."""
    data = rules.load("periods")["body"]
    clues: list[_Clue] = []
    leads = True
    for offset, line in _lines(body):
        if offset > review_end or offset >= data["opening_chars"]:
            break
        heading = _heading(line)
        if heading is not None:
            clues += _phrase_clues(heading, "text")[0]
            continue
        if offset == review_end:
            break
        exprs = _expressions(line)
        if leads and exprs and exprs[0].start < data["lead_chars"]:
            found = _classify(line, exprs, 0, "text")
            if found and found[0] == "review":
                # Only the opening phrase: later paragraphs (上半年，… in an annual
                # report) narrate parts of the period.
                clues.append(found[1])
                leads = False
    return clues


def _file_clues(source: str) -> list[_Clue]:
    """The period a file name states: 2023年上半年工会工作总结.docx, union_2022H2.pdf."""
    if not source:
        return []
    stem = PurePath(source).name.rsplit(".", 1)[0]
    review = _phrase_clues(stem, "file")[0]
    if review:
        return review[:1]
    match = rules.compiled("periods", "file", "code").search(stem)
    if not match:
        return []
    spans = rules.load("periods")["file"]["spans"]
    span = spans[match["span"].lower()] if match["span"] else None
    return [_Clue("file", match[0], int(match["year"]), span)]


def _date(body: str) -> tuple[int, int, str] | None:
    """(year, month, as written) of the date a report is signed or delivered on:
    the closing lines first, then the lines under the title."""
    data = rules.load("periods")["date"]
    lines = [line for _, line in _lines(body)]
    count = data["lines"]
    candidates = lines[-count:][::-1] + lines[:count]
    pattern = rules.compiled("periods", "date", "pattern")
    exclude = rules.compiled("periods", "date", "exclude")
    ends = rules.compiled("periods", "body", "sentence_end")
    for line in candidates:
        if len(line) > data["line_max_len"] or exclude.search(line) or ends.search(line[-1]):
            continue
        match = pattern.search(line)
        if not match:
            continue
        year = _number(match["y"] or match["iy"])
        month = _number(match["m"] or match["im"])
        if year is not None and 1900 <= year <= 2099 and month is not None and 1 <= month <= 12:
            return year, month, match[0]
    return None


def _number(text: str) -> int | None:
    """An Arabic or Chinese number: years digit by digit (二〇二二), months and days
    with 十 (十一, 二十三)."""
    if text.isdigit() and text.isascii():
        return int(text)
    digits = rules.load("periods")["numerals"]
    if any(char not in digits for char in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return int("".join(str(digits[char]) for char in text))


def _body(title: str, text: str) -> str:
    """The text after its title line (the title is read on its own)."""
    stripped, wanted = text.lstrip(), title.strip()
    if wanted and stripped.startswith(wanted):
        return stripped[len(wanted) :]
    return text
