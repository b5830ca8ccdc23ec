"""Stage 6: did the plans of one report become the achievements of the next?

``compare`` takes two analysed reports and, for every commitment of the earlier:

1. retrieves candidate sentences of the later report with BM25 over jieba words
   and character bigrams (rewording is the usual case);
2. scores each candidate with features (shared quoted names, the deadline's
   month, a figure in the same unit, theme agreement, completion/plan/postponement
   cues, which part it is in) and a logistic model trained on the corpus
   (``summarylens train``; plain JSON weights, scored here without scikit-learn);
3. keeps the sentences above the threshold as evidence and decides the status:
   none → ``not_mentioned``; a postponement cue → ``postponed``; only in the plan
   part → ``carried_over``; a missed target or partial cue → ``partial``; else
   ``fulfilled``;
4. reconciles each quantitative target with the later figure for its indicator.

It also lists indicators measured in both reports and themes that appear or vanish.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from summarylens import rules
from summarylens.extract.metrics import without_level
from summarylens.model import Commitment, Metric, NormalisedDocument, Report, Span
from summarylens.period import SPANS, span_months

QUOTED = re.compile("“([^”]{2,30})”|'([^']{2,30})'|《([^》]{2,40})》|「([^」]{2,30})」")
MONTH = re.compile(r"(\d{1,2})\s*月")
FEATURES = (
    "bm25", "bigram_overlap", "quoted_shared", "month_shared", "unit_shared", "theme_same",
    "done_cue", "plan_cue", "postponed_cue", "in_plan_part", "object_overlap",
    "indicator_overlap", "quoted_conflict",
)  # fmt: skip
MAX_EVIDENCE = 3
# A reported figure outside the evidence answers a target only when its indicator
# shares at least this share of the target indicator's bigrams.
MIN_INDICATOR_SIMILARITY = 0.5
POINT_UNITS = ("个百分点", "百分点")
HALF_SCOPES = {"H1": "上半年", "H2": "下半年"}
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}


@dataclass(frozen=True)
class Evidence:
    text: str
    span: Span
    part: str | None
    score: float


@dataclass(frozen=True)
class TargetCheck:
    indicator: str
    target: Metric
    actual: Metric | None
    verdict: str
    ratio: float | None


@dataclass(frozen=True)
class Link:
    commitment: Commitment
    status: str
    evidence: tuple[Evidence, ...]
    score: float
    reason: str
    reason_args: tuple[str, ...]
    target_checks: tuple[TargetCheck, ...]


@dataclass(frozen=True)
class MetricChange:
    indicator: str
    earlier: Metric
    later: Metric
    change: float | None


@dataclass(frozen=True)
class Comparison:
    earlier: Report
    later: Report
    links: tuple[Link, ...]
    metric_changes: tuple[MetricChange, ...]
    theme_changes: dict[str, list[str]]


@dataclass(frozen=True)
class LinkModel:
    """Logistic regression over ``FEATURES``: the probability a sentence speaks to a plan.

    A sentence is evidence from ``threshold`` on. Whether a plan is mentioned at all
    is a second logistic regression over ``MENTION_FEATURES`` (``mention_coef``): a
    sentence on the same subject about something else can be the best one there is,
    so a cut on its probability alone mistook such decoys for reports.
    """

    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    mention_coef: tuple[float, ...] = ()
    mention_intercept: float = 0.0

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """One probability per row of a (sentences × ``FEATURES``) matrix."""
        return 1 / (1 + np.exp(-(features @ np.asarray(self.coef) + self.intercept)))

    def mentioned(self, features: np.ndarray, probabilities: np.ndarray) -> bool:
        """Whether the later report speaks to the plan at all (mention probability ≥ ½)."""
        if not self.mention_coef:
            return bool(probabilities.max() >= self.threshold)
        row = mention_features(features, probabilities, self.threshold)
        return bool(row @ np.asarray(self.mention_coef) + self.mention_intercept >= 0)


MENTION_FEATURES = (
    *(f"best_{name}" for name in FEATURES), "best", "second", "margin", "evidence_count",
)  # fmt: skip


def mention_features(
    features: np.ndarray, probabilities: np.ndarray, threshold: float
) -> np.ndarray:
    """The best sentence's features, the two best probabilities, their margin and
    how many sentences reach the evidence threshold: a decoy scores in between on
    each, a real report high on several."""
    order = np.argsort(-probabilities, kind="stable")
    best = probabilities[order[0]]
    second = probabilities[order[1]] if len(order) > 1 else 0.0
    count = float((probabilities >= threshold).sum())
    return np.concatenate([features[order[0]], [best, second, best - second, count]])


def link_model_path() -> Path:
    return Path(str(resources.files("summarylens.models").joinpath("links.json")))


@cache
def load_link_model() -> LinkModel:
    """The trained model, or hand-set weights that favour wording overlap and cues
    when ``summarylens train`` has not been run."""
    path = link_model_path()
    if path.exists():
        data = json.loads(path.read_text("utf-8"))["model"]
        return LinkModel(
            tuple(data["coef"]),
            data["intercept"],
            data["threshold"],
            tuple(data["mention_coef"]),
            data["mention_intercept"],
        )
    weights = {"bm25": 4.0, "bigram_overlap": 4.0, "quoted_shared": 2.0, "month_shared": 1.0}
    return LinkModel(tuple(weights.get(name, 0.5) for name in FEATURES), -4.0)


def _cues(name: str) -> tuple[str, ...]:
    return tuple(rules.load("commitments")["follow_through"][name])


def _tokens(text: str, words: Sequence[str] | None, bigrams: frozenset[str]) -> list[str]:
    """BM25's terms: jieba's words of two characters or more, and character bigrams
    (``bigrams``, the text's as ``_describe`` found them). ``words`` are the text's
    words when the analysis already segmented it."""
    if words is None:
        from summarylens.extract.components import jieba_tokenizer

        words = jieba_tokenizer().lcut(text)
    return [w for w in words if w.strip() and len(w) > 1] + sorted(bigrams)


def _quoted(text: str) -> set[str]:
    return {next(g for g in match.groups() if g) for match in QUOTED.finditer(text)}


def _base_unit(metric: Metric) -> tuple[str, float]:
    return _unit_and_factor(metric.unit)


@cache
def _unit_and_factor(unit: str) -> tuple[str, float]:
    """万元 → (元, 1e4), 万名 → (人, 1e4): units compared after their magnitude is
    taken out and synonyms (名, 位 for 人) are read as one. Cached: the audit asks
    for every figure of the later report once per target."""
    factor = 1.0
    for prefix, magnitude in MAGNITUDES.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            unit, factor = unit[len(prefix) :], magnitude
            break
    return _unit_synonyms().get(unit, unit), factor


@cache
def _unit_synonyms() -> dict[str, str]:
    return {unit: group[0] for group in rules.load("metrics")["unit"]["same"] for unit in group}


@dataclass(frozen=True)
class _Text:
    """What the features read from one stretch of text."""

    bigrams: frozenset[str]
    quoted: frozenset[str]
    months: frozenset[str]
    units: frozenset[str]
    indicators: frozenset[str]  # bigrams of what its figures measure


def _describe(text: str, months_of: str, metrics: tuple[Metric, ...]) -> _Text:
    return _Text(
        frozenset(rules.bigrams(text)),
        frozenset(_quoted(text)),
        frozenset(MONTH.findall(months_of)),
        frozenset(_base_unit(m)[0] for m in metrics),
        frozenset(b for m in metrics for b in rules.bigrams(m.indicator)),
    )


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str
    part: str | None
    theme: str | None
    metrics: tuple[Metric, ...]
    words: tuple[str, ...] | None = None  # from the analysis, when it kept them


def _sentences(report: Report) -> list[_Sentence]:
    parts = [(p.part, p.span.start, p.span.end) for p in report.parts]
    headings = {s.heading_span.start for s in report.sections}
    starts = [m.span.start for m in report.metrics]  # in text order, as extracted
    result = []
    for start, end in report.sentences:
        if start in headings:
            continue
        part = next((name for name, low, high in parts if low <= start < high), None)
        section = report.section_at(start)
        metrics = report.metrics[bisect_left(starts, start) : bisect_left(starts, end)]
        theme = section.theme if section else None
        text = report.text[start:end]
        words = report.words_in(start, end)
        result.append(_Sentence(start, end, text, part, theme, metrics, words))
    return result


class _LaterIndex:
    """The later report's sentences, described and indexed once for all the plans:
    which sentences hold each bigram, quoted name, month and unit, and the columns
    that do not depend on the plan (cues, part)."""

    def __init__(self, sentences: list[_Sentence]) -> None:
        from rank_bm25 import BM25Okapi

        self.sentences = sentences
        described = [_describe(s.text, s.text, s.metrics) for s in sentences]
        self.bm25 = BM25Okapi(
            [
                _tokens(s.text, s.words, text.bigrams)
                for s, text in zip(sentences, described, strict=True)
            ]
        )
        self.term_scores: dict[str, np.ndarray] = {}
        # Plain lists: a plan asks for a few dozen of a report's thousands of keys.
        self.postings: dict[str, dict[str, list[int]]] = {}
        for name in ("bigrams", "quoted", "months", "units", "indicators"):
            found: dict[str, list[int]] = {}
            for index, text in enumerate(described):
                for key in getattr(text, name):
                    found.setdefault(key, []).append(index)
            self.postings[name] = found
        self.columns = {}
        for name in ("done", "plan", "postponed"):
            cues = _cues(name)
            self.columns[f"{name}_cue"] = np.array(
                [float(any(cue in s.text for cue in cues)) for s in sentences]
            )
        self.columns["in_plan_part"] = np.array([float(s.part == "plan") for s in sentences])
        self.themes = np.array([s.theme or "" for s in sentences], dtype=object)
        self.quoting = np.array([bool(text.quoted) for text in described])

    def bm25_scores(self, query: list[str]) -> np.ndarray:
        """rank_bm25's ``get_scores(query)`` to the last bit: it adds up one array per
        term, in the query's order, and each term's array is asked of rank_bm25 once
        per later report, not once per plan (plans share most of their terms).
        Terms the later report lacks add nothing and are not asked about."""
        scores = np.zeros(len(self.sentences))
        for term in query:
            if term not in self.bm25.idf:
                continue
            if term not in self.term_scores:
                self.term_scores[term] = self.bm25.get_scores([term])
            scores += self.term_scores[term]
        return scores

    def hits(self, name: str, keys: frozenset[str]) -> np.ndarray:
        """How many of ``keys`` each sentence holds."""
        postings = self.postings[name]
        found = [at for key in keys if key in postings for at in postings[key]]
        if not found:
            return np.zeros(len(self.sentences))
        return np.bincount(found, minlength=len(self.sentences)).astype(float)

    def overlap(self, keys: frozenset[str], name: str = "bigrams") -> np.ndarray:
        """The share of ``keys`` each sentence holds."""
        return self.hits(name, keys) / max(len(keys), 1)

    def features(
        self,
        plan_text: str,
        plan: _Text,
        plan_object: frozenset[str],
        theme: str | None,
        plan_words: Sequence[str] | None = None,
    ) -> np.ndarray:
        """The (sentences × ``FEATURES``) matrix of one plan.

        ``plan`` describes the commitment in normalised (simplified) characters, like
        the later report's sentences: a Big5 report's plans must not miss for their script.
        """
        scores = self.bm25_scores(_tokens(plan_text, plan_words, plan.bigrams))
        top = scores.max() or 1.0
        values = {
            "bm25": scores / top,
            "bigram_overlap": self.overlap(plan.bigrams),
            "object_overlap": self.overlap(plan_object),
            "indicator_overlap": self.overlap(plan.indicators, "indicators"),
            "quoted_shared": (self.hits("quoted", plan.quoted) > 0).astype(float),
            # 开展“最美庭院”评选 against 开展“最美保洁员”评选: both name, differently.
            "quoted_conflict": (
                self.quoting & bool(plan.quoted) & (self.hits("quoted", plan.quoted) == 0)
            ).astype(float),
            "month_shared": (self.hits("months", plan.months) > 0).astype(float),
            "unit_shared": (self.hits("units", plan.units) > 0).astype(float),
            "theme_same": (self.themes == theme).astype(float)
            if theme
            else np.zeros(len(self.sentences)),
            **self.columns,
        }
        return np.column_stack([values[name] for name in FEATURES])


def candidate_features(
    earlier: Report, later: Report
) -> tuple[list[_Sentence], list[tuple[Commitment, np.ndarray]]]:
    """The later sentences, and for every commitment the features of each of them
    (rows in sentence order); training reads the same matrices."""
    sentences = _sentences(later)
    if not sentences or not earlier.commitments:
        return sentences, []
    index = _LaterIndex(sentences)
    themes = {s.id: s.theme for s in earlier.sections}
    matrices = []
    for commitment in earlier.commitments:
        plan_text = earlier.text[commitment.span.start : commitment.span.end]
        plan = _describe(plan_text, commitment.deadline or "", commitment.targets)
        theme = themes.get(commitment.section) if commitment.section else None
        plan_object = frozenset(rules.bigrams(commitment.object))
        words = earlier.words_in(commitment.span.start, commitment.span.end)
        matrices.append((commitment, index.features(plan_text, plan, plan_object, theme, words)))
    return sentences, matrices


def unreported(target: Metric) -> TargetCheck:
    return TargetCheck(target.indicator, target, None, "not_reported", None)


def check_target(
    target: Metric, evidence: list[_Sentence], later: Report, earlier: Report | None = None
) -> tuple[TargetCheck, bool]:
    """The later figure for a target's indicator, compared the way its qualifier says;
    and whether that figure was found by its indicator outside the evidence.

    Candidates are the figures of the evidence in the target's unit, and any
    reported figure elsewhere whose indicator shares half the target's; the one
    measuring the most similar indicator wins (the evidence breaking ties). A rate
    must be named like the target's, a growth target is answered by a change, and a
    figure others are counted among (7家…中的6家) is no candidate. A
    target in percentage points (提高2个百分点) answered by a new rate (96.1%) is
    measured from the rate the earlier report gave for the same indicator.
    """
    # 就业率比上年 measures 就业率: words relating it to another figure are left out.
    wanted = rules.bigrams(
        without_level(rules.compiled("metrics", "context", "relative").sub("", target.indicator))
    )

    def similarity(metric: Metric) -> float:
        return len(wanted & rules.bigrams(metric.indicator)) / (len(wanted) or 1)

    def names_rate(metric: Metric) -> bool:
        """A rate means nothing apart from its name: the evidence's 93.6% answers a
        覆盖率 target only when one indicator mostly holds the other (整改率 in
        隐患整改率), not when they share just the kind of rate."""
        if metric.unit != "%":
            return True
        theirs = rules.bigrams(metric.indicator)
        contained = len(wanted & theirs) / (len(theirs) or 1)
        return max(similarity(metric), contained) >= MIN_INDICATOR_SIMILARITY

    scope = _scope(earlier, target.span.start) if earlier else None

    def fits(metric: Metric) -> bool:
        """Measures the target's indicator over the target's period (其中下半年131条)."""
        return (
            scope is not None
            and similarity(metric) >= MIN_INDICATOR_SIMILARITY
            and _scope_named(later.text, metric.span.start) == scope
        )

    # 7家定点医疗机构中的6家: the 7 is what the 6 are counted among, not the result.
    whole = rules.compiled("commitments", "follow_through", "whole_of")
    # 经费收缴增长5%左右 is answered by a growth (增长6.2%), not by a rate (报送率100%).
    growth = target.change is not None and _base_unit(target)[0] == "%"

    def pick(unit: str) -> tuple[Metric | None, bool]:
        def usable(metrics: list[Metric]) -> list[Metric]:
            return [
                m for m in metrics
                if not m.placeholder and _base_unit(m)[0] == unit and (m.change or not growth)
                and not whole.match(later.text, m.span.end)
            ]  # fmt: skip

        in_evidence = [m for m in usable([m for s in evidence for m in s.metrics]) if names_rate(m)]
        reported = [m for m in later.metrics if m.kind == "actual"]
        elsewhere = [m for m in usable(reported) if similarity(m) >= MIN_INDICATOR_SIMILARITY]
        candidates = in_evidence + [m for m in elsewhere if m not in in_evidence]
        if not candidates:
            return None, False
        actual = max(candidates, key=lambda m: (fits(m), similarity(m), m in in_evidence))
        return actual, actual not in in_evidence

    if target.value is None:
        return unreported(target), False
    unit, factor = _base_unit(target)
    actual, elsewhere = pick(unit)
    start, goal = 0.0, target.value * factor
    baseline = None
    if actual is None or similarity(actual) < MIN_INDICATOR_SIMILARITY:
        baseline = _baseline(target, earlier, similarity)
        rate, rate_elsewhere = pick("%") if baseline else (None, False)
        if rate is None:
            baseline = None
        else:
            actual, elsewhere = rate, rate_elsewhere
            start = baseline.value or 0.0
            goal = start + _direction(target.change) * target.value
    if actual is None:
        return unreported(target), False
    got = (actual.value or 0.0) * _base_unit(actual)[1]
    if growth and actual.change and _direction(actual.change) != _direction(target.change):
        got = -got  # 死亡人数下降8%左右 answered by 上升12%: the figure went the other way
    ratio = (got - start) / (goal - start) if goal != start else None
    if _bound(target) == "at_most" or goal < start:
        met = got <= goal
    elif target.bound == "about":
        met = got >= goal - 0.05 * abs(goal - start)
    else:
        met = got >= goal
    check = TargetCheck(target.indicator, target, actual, "met" if met else "missed", ratio)
    return check, elsewhere


def _direction(change: str | None) -> float:
    """-1 for a change that brings a figure down (下降, 减少), else 1."""
    return -1.0 if change in rules.load("metrics")["change"]["decreasing"] else 1.0


def _bound(target: Metric) -> str | None:
    """The target's bound, or at most when a lowering verb brings the figure to it
    (办理时限压缩至3个工作日 is met by 2.5)."""
    lowering = tuple(rules.load("metrics")["change"]["lowering_to"])
    return target.bound or ("at_most" if target.indicator.endswith(lowering) else None)


def _scope(earlier: Report, offset: int) -> str | None:
    """The period a target counts over: named in its clause, or else the half-year
    the plans are for (a half-year report's 再组织职工疗休养200人次左右 is for 下半年),
    unless its clause says 全年."""
    named = _scope_named(earlier.text, offset)
    if named or earlier.period.plan_span not in HALF_SCOPES:
        return named
    clause = rules.clause_start(earlier.text, offset)
    whole_year = rules.load("commitments")["follow_through"]["whole_year"]
    if any(word in earlier.text[clause:offset] for word in whole_year):
        return None
    return HALF_SCOPES[earlier.period.plan_span]


def _scope_named(text: str, offset: int) -> str | None:
    """The period a figure counts over, named in its clause before it (下半年新增280人)."""
    clause = rules.clause_start(text, offset)
    found = rules.compiled("commitments", "follow_through", "scope").findall(text, clause, offset)
    return found[-1] if found else None


def _baseline(target: Metric, earlier: Report | None, similarity: Callable) -> Metric | None:
    """The earlier report's own rate for a percentage-point target's indicator."""
    if earlier is None or _base_unit(target)[0] not in POINT_UNITS or not target.change:
        return None
    rates = [
        m for m in earlier.metrics
        if m.kind == "actual" and m.unit == "%" and not m.change and m.value is not None
        and similarity(m) >= MIN_INDICATOR_SIMILARITY
    ]  # fmt: skip
    return max(rates, key=similarity, default=None)


def _status(
    evidence: list[_Sentence],
    checks: list[TargetCheck],
    plan: frozenset[str] = frozenset(),
    last_month: int = 12,
) -> tuple[str, str]:
    """The status and the label key of the reason behind it.

    Only the plan part speaks to it: restated (or, with a postponement cue, put
    off). Reported in the review: a missed target, a later plan naming what is left
    of it (剩余), or a partial cue (部分, 尚未, 改为 …) in the best reported sentence,
    makes it partial; a postponement cue
    (推迟, 未能成行 …) there makes it postponed. When that sentence holds both, the
    clause sharing most of ``plan`` (the bigrams of the plan's object) decides:
    听证暂缓实施，相关方案已基本完成 is postponed. ``last_month`` is the last month
    the later report covers: a plan moved to a month after it is still put off.
    """
    if not evidence:
        return "not_mentioned", "reason_not_mentioned"
    reported = [s.text for s in evidence if s.part != "plan"]
    if not reported:
        if any(_put_off(s.text, last_month) for s in evidence):
            return "postponed", "reason_postponed"
        return "carried_over", "reason_carried_over"
    if any(check.verdict == "missed" for check in checks):
        return "partial", "reason_target_missed"
    remainder = _cues("remainder")
    if any(s.part == "plan" and any(cue in s.text for cue in remainder) for s in evidence):
        return "partial", "reason_partial"  # 下半年完成剩余…检查: the rest is still to do
    # Cues count in the best reported sentence: a lower-ranked one may be about
    # something else that was cut back or put off.
    best = reported[0]
    if _says_partial(best) and _put_off(best, last_month):
        best = max(rules.clauses(best), key=lambda clause: len(rules.bigrams(clause) & plan))
        if _put_off(best, last_month) and not _says_partial(best):
            return "postponed", "reason_postponed"
        return "partial", "reason_partial"
    if _says_partial(best):
        return "partial", "reason_partial"
    if _put_off(best, last_month):
        return "postponed", "reason_postponed"
    return "fulfilled", "reason_fulfilled"


def _says_partial(text: str) -> bool:
    """A partial cue outside the cause a sentence gives: in 因测评尚未通过，上线时间
    调整到下半年 the 尚未 explains a delay, it does not report half the work."""
    text = rules.compiled("commitments", "follow_through", "cause").sub("", text)
    return any(cue in text for cue in _cues("partial"))


@cache
def _postponement() -> re.Pattern[str]:
    """The postponement cues, and a move to a later time (调整到明年一季度)."""
    cues = "|".join(map(re.escape, _cues("postponed")))
    return re.compile(f"{cues}|{rules.load('commitments')['follow_through']['moved_to']}")


def _put_off(text: str, last_month: int = 12) -> bool:
    """A postponement cue not followed by a date the thing then happened on
    (推迟至5月19日召开 is done; 推迟至2022年举办 is not, nor 推迟至10月举办 in a
    report that ends in June)."""
    happened_date = rules.compiled("commitments", "follow_through", "happened_date")
    modifier = rules.compiled("commitments", "follow_through", "postponed_modifier")
    removed = rules.compiled("commitments", "follow_through", "removed_count")
    for cue in _postponement().finditer(text):
        after = text[cue.end() :]
        if modifier.match(after):
            continue  # 一再延期的运动会在…举行: it names the event that took place
        if cue.group() in _cues("removing") and removed.match(after):
            continue  # 取消事项3项: items struck off, nothing put off
        date = happened_date.match(after)
        rest = after[date.end() :] if date else ""
        if not (date and int(date["month"]) <= last_month and rest.startswith(_cues("happened"))):
            return True
    return False


def _reported_in_review(
    model: LinkModel, features: np.ndarray, scores: np.ndarray, review: np.ndarray
) -> bool:
    """Whether the review part alone (``review`` marks its sentences) speaks to a plan
    the plan part restates: a weaker review sentence on the same subject beside the
    restatement is often a decoy."""
    return bool(review.any()) and model.mentioned(features[review], scores[review])


def _other_action(action: str | None, sentence: str) -> bool:
    """Whether a review sentence reports another action on the plan's thing: taking
    part where the plan was to host, using what the plan was to build."""
    for kind in rules.load("commitments")["follow_through"]["own_action"]:
        if action not in kind["plan"]:
            continue
        for words in kind["not_done"]:
            sentence = sentence.replace(words, "")
        if any(cue in sentence for cue in kind["done"]) or _put_off(sentence):
            return False
        return not kind["instead"] or any(cue in sentence for cue in kind["instead"])
    return False


def _holding_text(sentences: list[_Sentence], metric: Metric) -> str:
    sentence = _holding(sentences, metric)
    return sentence.text if sentence else ""


def _holding(sentences: list[_Sentence], metric: Metric) -> _Sentence | None:
    return next((s for s in sentences if s.start <= metric.span.start < s.end), None)


def compare(
    earlier: Report,
    later: Report,
    later_document: NormalisedDocument,
    model: LinkModel | None = None,
) -> Comparison:
    """The follow-through of every commitment of ``earlier`` in ``later`` (with the
    shipped link model unless training passes a candidate)."""
    model = model or load_link_model()
    last_month = span_months(later.period.span)[1] if later.period.span in SPANS else 12
    sentences, matrices = candidate_features(earlier, later)
    probabilities = {c.id: model.probabilities(matrix) for c, matrix in matrices}
    features_of = {c.id: matrix for c, matrix in matrices}
    review = np.array([s.part != "plan" for s in sentences], dtype=bool)
    links = []
    for commitment in earlier.commitments:
        scores = probabilities.get(commitment.id, np.zeros(0))
        order = np.argsort(-scores, kind="stable")
        ranked = [(float(scores[i]), sentences[i]) for i in order[:MAX_EVIDENCE]]
        chosen = [(p, s) for p, s in ranked if p >= model.threshold]
        if chosen and not model.mentioned(features_of[commitment.id], scores):
            chosen = []
        if any(s.part == "plan" for _p, s in chosen) and not _reported_in_review(
            model, features_of[commitment.id], scores, review
        ):
            chosen = [(p, s) for p, s in chosen if s.part == "plan"]
        chosen = [
            (p, s) for p, s in chosen
            if s.part == "plan" or not _other_action(commitment.action, s.text)
        ]  # fmt: skip
        evidence = [s for _p, s in chosen]
        reported = [s for s in evidence if s.part != "plan"]
        found = [check_target(t, reported, later, earlier) for t in commitment.targets]
        checks = [check for check, _elsewhere in found]
        plan_words = frozenset(rules.bigrams(commitment.object))
        status, reason = _status(evidence, checks, plan_words, last_month)
        # A figure in a sentence about another action (评出五星级妇女儿童之家36个 for
        # a plan to build them) is not the plan's own.
        by_indicator = [
            c for c, elsewhere in found
            if elsewhere and c.actual is not None
            and not _other_action(commitment.action, _holding_text(sentences, c.actual))
        ]  # fmt: skip
        if status in ("not_mentioned", "carried_over") and by_indicator:
            # The plan's own figure is reported, though no sentence read like the plan.
            extra = [_holding(sentences, c.actual) for c in by_indicator]
            chosen += [(0.0, s) for s in dict.fromkeys(extra) if s is not None]
            evidence = [s for _p, s in chosen]
            reported = [s for s in evidence if s.part != "plan"]
            status, reason = _status(reported, checks, plan_words, last_month)
        if status not in ("fulfilled", "partial"):
            checks = [unreported(check.target) for check in checks]
        best = ranked[0][0] if ranked else 0.0
        quote = evidence[0].text[:24] if evidence else ""
        links.append(
            Link(
                commitment=commitment,
                status=status,
                evidence=tuple(
                    Evidence(
                        later_document.original_text(s.start, s.end),
                        later_document.span(s.start, s.end),
                        s.part,
                        round(p, 3),
                    )
                    for p, s in chosen
                ),
                score=round(best, 3),
                reason=reason,
                reason_args=(quote,),
                target_checks=tuple(checks),
            )
        )
    return Comparison(
        earlier, later, tuple(links), metric_changes(earlier, later), theme_changes(earlier, later)
    )


def metric_changes(earlier: Report, later: Report) -> tuple[MetricChange, ...]:
    """Indicators the review parts of both reports measure, in the same unit."""
    later_by_key = {}
    for metric in later.metrics:
        if metric.kind == "actual" and metric.indicator:
            later_by_key.setdefault((metric.indicator, _base_unit(metric)[0]), metric)
    changes = []
    for metric in earlier.metrics:
        key = (metric.indicator, _base_unit(metric)[0])
        if metric.kind != "actual" or not metric.indicator or key not in later_by_key:
            continue
        after = later_by_key.pop(key)
        change = None
        if metric.value and after.value is not None and not metric.change and not after.change:
            before_value = metric.value * _base_unit(metric)[1]
            change = (after.value * _base_unit(after)[1] - before_value) / before_value
        changes.append(MetricChange(metric.indicator, metric, after, change))
    return tuple(changes)


def theme_changes(earlier: Report, later: Report) -> dict[str, list[str]]:
    before = {s.theme for s in earlier.sections if s.theme}
    after = {s.theme for s in later.sections if s.theme}
    return {"appeared": sorted(after - before), "vanished": sorted(before - after)}
