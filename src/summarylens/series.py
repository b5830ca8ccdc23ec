"""A series of one organisation's reports: every plan's fate, period after period.

``audit_series`` reads the files (a bad one is recorded and skipped), orders the
reports by the period they review, compares each with the next, and follows a
plan that is restated: when a later plan part carries it over, the commitment
there continues its trajectory. Plans carried over twice or more without being
reported done are flagged.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from summarylens import rules
from summarylens.audit import Comparison, compare
from summarylens.errors import SummarylensError
from summarylens.ingest import supported
from summarylens.model import Commitment, Report
from summarylens.pipeline import AnalysedFile, AnalyseOptions, analyse_file

SPAN_ORDER = {"Q1": 1, "H1": 2, "Q2": 2, "Q3": 3, "H2": 4, "Q4": 4, "Y": 4}
FLAG_AFTER = 2


@dataclass(frozen=True)
class Step:
    """One period of a plan's trajectory."""

    report: str
    commitment: Commitment
    status: str | None


@dataclass(frozen=True)
class Series:
    files: tuple[AnalysedFile, ...]
    comparisons: tuple[Comparison, ...]
    trajectories: tuple[tuple[Step, ...], ...]
    failures: tuple[str, ...]

    @property
    def organisations(self) -> tuple[str, ...]:
        """The organisations the reports name, one name per series: more than one
        means reports of different organisations were audited as one series."""
        names = [item.reports[0].organisation for item in self.files]
        shown = series_names({name: 1 for name in names if name})
        return tuple(dict.fromkeys(shown.values()))

    @property
    def restated(self) -> tuple[tuple[Step, ...], ...]:
        """Trajectories carried over ``FLAG_AFTER`` times or more and never done."""
        return tuple(
            steps
            for steps in self.trajectories
            if sum(step.status == "carried_over" for step in steps) >= FLAG_AFTER
            and not any(step.status in ("fulfilled", "partial") for step in steps)
        )


def collect(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the supported files in it, sorted."""
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and supported(p))
        else:
            files.append(path)
    return files


def series_key(organisation: str) -> str:
    """The organisation's name without what names of one organisation differ by
    (structure.toml ``[organisation] optional``): a batch links reports that share it."""
    return rules.compiled("structure", "organisation", "optional").sub(r"\g<keep>", organisation)


def series_names(counts: dict[str, int]) -> dict[str, str]:
    """Each organisation name (with how many reports use it) → the name its series
    goes by: the one most of the series' reports use."""
    by_key: dict[str, list[str]] = {}
    for name in counts:
        by_key.setdefault(series_key(name), []).append(name)
    return {
        name: max(names, key=lambda n: (counts[n], len(n), n))
        for names in by_key.values()
        for name in names
    }


def period_key(report: Report, position: int) -> tuple[int, int, int]:
    """Reports sort by the year and span they review; undated ones keep file order."""
    period = report.period
    return (period.year or 0, SPAN_ORDER.get(period.span, 0), position)


def _restating(comparison: Comparison, link_index: int) -> Commitment | None:
    """The later report's commitment that restates a carried-over plan."""
    link = comparison.links[link_index]
    if link.status != "carried_over":
        return None
    for evidence in link.evidence:
        for commitment in comparison.later.commitments:
            if (
                commitment.span.start < evidence.span.end
                and evidence.span.start < commitment.span.end
            ):
                return commitment
    return None


def audit_series(paths: list[Path], options: AnalyseOptions | None = None) -> Series:
    analysed, failures = [], []
    for path in collect(paths):
        try:
            analysed.append(analyse_file(path, options))
        except SummarylensError as error:
            failures.append(str(error))
    ordered = [
        item
        for _key, item in sorted(
            (period_key(item.reports[0], index), item) for index, item in enumerate(analysed)
        )
    ]
    comparisons = tuple(
        compare(before.reports[0], after.reports[0], after.documents[0])
        for before, after in itertools.pairwise(ordered)
    )
    continued: set[tuple[int, str]] = set()
    trajectories = []
    for start, comparison in enumerate(comparisons):
        for index, link in enumerate(comparison.links):
            if (start, link.commitment.id) in continued:
                continue
            steps = [Step(comparison.earlier.source, link.commitment, link.status)]
            position, link_index = start, index
            while (nxt := _restating(comparisons[position], link_index)) is not None:
                position += 1
                continued.add((position, nxt.id))
                if position >= len(comparisons):
                    steps.append(Step(comparisons[position - 1].later.source, nxt, None))
                    break
                later_links = comparisons[position].links
                link_index = next(
                    i for i, item in enumerate(later_links) if item.commitment.id == nxt.id
                )
                steps.append(
                    Step(comparisons[position].earlier.source, nxt, later_links[link_index].status)
                )
            trajectories.append(tuple(steps))
    return Series(tuple(ordered), comparisons, tuple(trajectories), tuple(failures))
