"""What an archive says over time: indicator series, themes, follow-through rates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarylens.errors import OrganisationNotFound
from summarylens.series import SPAN_ORDER, series_key, series_names
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
        counts = groups.setdefault(tuple(group), {})
        counts[status] = counts.get(status, 0) + count
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


def _organisations(archive: Archive, wanted: str | None) -> dict[str, str]:
    """The organisation names to read (all, or those holding ``wanted`` or of its
    series), each with the name its series goes by: one organisation named two ways
    is one line."""
    counts = dict(archive.query(
        "SELECT organisation, count(*) FROM reports WHERE organisation IS NOT NULL GROUP BY 1"
    ))  # fmt: skip
    names = series_names(counts)
    if wanted is None:
        return names
    series = {series_key(name) for name in counts if wanted in name}
    series.add(series_key(wanted))
    chosen = {name: shown for name, shown in names.items() if series_key(name) in series}
    if not chosen:
        known = sorted(set(names.values()))
        listed = "、".join(known[:8]) + ("…" if len(known) > 8 else "")
        raise OrganisationNotFound(archive.path, f"{wanted!r}; it holds {listed or 'none'}")
    return chosen


def compute(db: Path, organisation: str | None = None) -> Trends:
    """Read the trends of one organisation (or all) from an archive."""
    archive = Archive(db)
    try:
        shown = _organisations(archive, organisation)
        where, params = "AND r.organisation IN (SELECT unnest(?))", [list(shown)]
        metrics = archive.query(
            "SELECT r.organisation, m.indicator, m.unit, r.year, r.span, m.value, m.text "
            "FROM metrics m JOIN reports r USING (report_id) "
            f"WHERE m.kind = 'actual' AND NOT m.placeholder AND m.indicator <> '' {where}",
            params,
        )
        # A series compares like with like: half-year figures with half-year ones,
        # whole-year with whole-year (上半年2300人次 is no fall from 全年8000人次).
        series: dict[tuple[str, str, str, str], dict[Any, dict[str, Any]]] = {}
        for org, indicator, unit, year, span, value, text in metrics:
            points = series.setdefault((shown[org], indicator, unit, span or ""), {})
            points.setdefault(year, {"year": year, "span": span, "value": value, "text": text})
        indicators = [
            {
                "organisation": org, "indicator": indicator, "unit": unit, "span": span or None,
                "points": sorted(points.values(), key=period_order),
            }
            for (org, indicator, unit, span), points in sorted(series.items())
            if len(points) >= 2
        ]  # fmt: skip
        sections: dict[tuple[Any, ...], int] = {}
        for org, *period_theme, count in archive.query(
            "SELECT r.organisation, r.year, r.span, s.theme, count(*) FROM sections s "
            "JOIN reports r USING (report_id) WHERE s.theme IS NOT NULL "
            f"{where} GROUP BY ALL",
            params,
        ):
            key = (shown[org], *period_theme)
            sections[key] = sections.get(key, 0) + count

        def in_order(item: tuple[tuple[Any, ...], int]) -> tuple[Any, ...]:
            (org, year, span, theme), _count = item
            return org, year or 0, SPAN_ORDER.get(span, 0), span or "", theme

        themes = [
            {"organisation": org, "year": year, "span": span, "theme": theme, "sections": count}
            for (org, year, span, theme), count in sorted(sections.items(), key=in_order)
        ]

        def by_series(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            return [(shown[org], *rest) for org, *rest in rows]

        link_join = "FROM links l JOIN reports r ON l.earlier_report = r.report_id"
        by_organisation = _rates(
            by_series(
                archive.query(
                    f"SELECT r.organisation, l.status, count(*) {link_join} WHERE TRUE {where} "
                    "GROUP BY ALL",
                    params,
                )
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
                by_series(
                    archive.query(
                        f"SELECT r.organisation, r.year, r.span, l.status, count(*) {link_join} "
                        f"WHERE TRUE {where} GROUP BY ALL",
                        params,
                    )
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
