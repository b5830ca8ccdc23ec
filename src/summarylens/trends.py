"""What an archive says over time: indicator series, themes, follow-through rates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarylens.series import SPAN_ORDER
from summarylens.store import Archive


@dataclass(frozen=True)
class Trends:
    indicators: list[dict[str, Any]]
    themes: list[dict[str, Any]]
    by_organisation: list[dict[str, Any]]
    by_theme: list[dict[str, Any]]
    by_period: list[dict[str, Any]]  # per organisation and period whose plans were audited


def period_label(year: int | None, span: str | None) -> str:
    return f"{year or '????'}{span or ''}"


def period_order(row: dict[str, Any]) -> tuple[int, int]:
    return (row["year"] or 0, SPAN_ORDER.get(row["span"], 0))


def _rates(rows: list[tuple[Any, ...]], *keys: str) -> list[dict[str, Any]]:
    """Status counts per group (the leading ``keys`` columns of each row, then status
    and count), with the shares of fulfilled and of fulfilled-or-partial."""
    groups: dict[tuple[Any, ...], dict[str, int]] = {}
    for *group, status, count in rows:
        groups.setdefault(tuple(group), {})[status] = count
    result = []
    for group, counts in sorted(groups.items(), key=lambda item: str(item[0])):
        total = sum(counts.values())
        done = counts.get("fulfilled", 0)
        result.append({
            **dict(zip(keys, group, strict=True)), "plans": total, **counts,
            "fulfilled_rate": round(done / total, 3),
            "fulfilled_or_partial_rate": round((done + counts.get("partial", 0)) / total, 3),
        })  # fmt: skip
    return result


def compute(db: Path, organisation: str | None = None) -> Trends:
    """Read the trends of one organisation (or all) from an archive."""
    archive = Archive(db)
    try:
        where, params = ("AND r.organisation = ?", [organisation]) if organisation else ("", [])
        metrics = archive.query(
            "SELECT r.organisation, m.indicator, m.unit, r.year, r.span, m.value, m.text "
            "FROM metrics m JOIN reports r USING (report_id) "
            "WHERE m.kind = 'actual' AND NOT m.placeholder AND m.indicator <> '' "
            f"AND r.organisation IS NOT NULL {where}",
            params,
        )
        series: dict[tuple[str, str, str], dict[tuple[Any, Any], dict[str, Any]]] = {}
        for org, indicator, unit, year, span, value, text in metrics:
            points = series.setdefault((org, indicator, unit), {})
            points.setdefault(
                (year, span), {"year": year, "span": span, "value": value, "text": text}
            )
        indicators = [
            {
                "organisation": org, "indicator": indicator, "unit": unit,
                "points": sorted(points.values(), key=period_order),
            }
            for (org, indicator, unit), points in sorted(series.items())
            if len(points) >= 2
        ]  # fmt: skip
        themes = [
            {"organisation": org, "year": year, "span": span, "theme": theme, "sections": count}
            for org, year, span, theme, count in archive.query(
                "SELECT r.organisation, r.year, r.span, s.theme, count(*) FROM sections s "
                "JOIN reports r USING (report_id) WHERE s.theme IS NOT NULL "
                f"AND r.organisation IS NOT NULL {where} GROUP BY ALL ORDER BY ALL",
                params,
            )
        ]
        link_join = "FROM links l JOIN reports r ON l.earlier_report = r.report_id"
        by_organisation = _rates(
            archive.query(
                f"SELECT r.organisation, l.status, count(*) {link_join} WHERE TRUE {where} "
                "GROUP BY ALL",
                params,
            ),
            "organisation",
        )
        by_theme = _rates(
            archive.query(
                f"SELECT coalesce(l.theme, 'other'), l.status, count(*) {link_join} "
                f"WHERE TRUE {where} GROUP BY ALL",
                params,
            ),
            "theme",
        )
        by_period = sorted(
            _rates(
                archive.query(
                    f"SELECT r.organisation, r.year, r.span, l.status, count(*) {link_join} "
                    f"WHERE TRUE {where} GROUP BY ALL",
                    params,
                ),
                "organisation",
                "year",
                "span",
            ),
            key=lambda row: (row["organisation"], *period_order(row)),
        )
    finally:
        archive.close()
    return Trends(indicators, themes, by_organisation, by_theme, by_period)
