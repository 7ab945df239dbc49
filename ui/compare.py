"""What the compare page draws, computed from query rows: indicator choices, and per chosen indicator the bars of
one year and the lines over the years, as chart dicts with the captions under them.

Kept out of pages/compare.py so the page script stays a thin layout: Streamlit compiles a page script on every
run that has no warm script cache (AppTest runs, a server's first request), a module only once. Everything
here is cached through `ui.data.derived`, keyed by the choices it depends on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from etl.store import queries
from ui import data
from ui.charts import Point, bar_spec, split_by_unit, unit_title
from ui.i18n import indicator_name, join_list, t
from ui.place_names import place_name
from ui.trend import line_spec, year_span
from ui.view import Pickers
from ui.why import why_text

MAX_INDICATORS = 6
MAX_REGIONS = 15  # benchmarks/query_bench.py measures the queries with these limits
MAX_TREND_REGIONS = 6

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Charts:
    """One chosen indicator: heading, the year's bars and the lines over the years, one chart per unit the
    values carry (most stated first; empty when the year, or every year, states nothing)."""

    indicator_id: str
    heading: str
    bars: tuple[dict, ...]
    bar_captions: tuple[str, ...]
    lines: tuple[dict, ...]
    line_captions: tuple[str, ...]


def indicator_options(lang: str) -> tuple[dict[str, str], dict[str, int]]:
    """Indicator id → "name (reports stating it)", most stated first; and id → reports stating it."""

    def build() -> tuple[dict[str, str], dict[str, int]]:
        catalogue = sorted(data.records(queries.indicator_catalogue),
                           key=lambda row: (-row["report_count"], row["display_order"]))
        names = {row["indicator_id"]: f"{indicator_name(row, lang)} ({row['report_count']})" for row in catalogue}
        return names, {row["indicator_id"]: row["report_count"] for row in catalogue}

    return data.derived("compare_indicators", build, lang)


def year_labels(pickers: Pickers) -> list[str]:
    """Every report year, newest first."""
    return data.derived(
        "compare_years", lambda: [str(y) for y in sorted(pickers.reports["year_label"].unique(), reverse=True)]
    )


def report_counts(pickers: Pickers) -> tuple[int, int]:
    """Reports loaded, and how many of them are excerpts."""
    return data.derived("report_counts", lambda: (len(pickers.reports), int(pickers.reports["is_excerpt"].sum())))


def compare_charts(
    chosen: Sequence[str], year: str, region: str, picked_regions: Sequence[str], lang: str,
    include_uncertain: bool = False,
) -> list[Charts]:
    """Per chosen indicator that any report has: the year's bars and the lines over the years.

    Values still to be checked (needs_review) are left out unless `include_uncertain`.
    """
    key = (tuple(chosen), year, region, tuple(picked_regions), lang, include_uncertain)
    return data.derived("compare_charts", lambda: _build(*key), *key)


def _point(row: Row, label: str, series: str, excerpt_mark: str, lang: str) -> Point:
    value = row["value"]
    return Point(
        label=label, value=None if value is None else float(value),
        unit=str(row["unit"] if isinstance(row["unit"], str) else row["indicator_unit"]),
        report=f"{place_name(row['region_label'], lang)} {row['year_label']}"
               f"{excerpt_mark if row['is_excerpt'] else ''}",
        sentence=row["sentence"] if isinstance(row["sentence"], str) else "", series=series,
        is_excerpt=bool(row["is_excerpt"]),
        qualifier=row["qualifier"] if isinstance(row["qualifier"], str) else None,
        why=why_text(row.get("assignment_rule"), lang, row.get("assignment_status")),
    )


def _bar_order(row: Row) -> tuple[bool, float, int]:
    """Highest stated value first, then the regions that do not state it (in the query's order)."""
    missing = row["value"] is None
    return missing, 0.0 if missing else -float(row["value"]), int(row["rank"])


def _trend_regions(ranked: Sequence[Row], region: str, picked_regions: Sequence[str]) -> list[str]:
    """This region, then the picked regions, else the regions with the year's highest stated values."""
    if picked_regions:
        return [region, *picked_regions]
    top = [r["region_label"] for r in ranked if r["region_label"] != region and r["value"] is not None]
    return [region, *top[: MAX_TREND_REGIONS - 1]]


def _by_indicator(rows: Sequence[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row["indicator_id"], []).append(row)
    return grouped


def _per_unit(points: Sequence[Point]) -> list[tuple[str, list[Point]]]:
    """One group per unit a value is stated in (an indicator is written 人 in one report, 人次 in another: two
    axes); the not-stated markers go with the most stated unit, and no group is nothing but 未披露."""
    stated = [p for p in points if p.value is not None]
    groups = split_by_unit(stated)
    if groups:
        groups[0][1].extend(replace(p, unit=groups[0][0]) for p in points if p.value is None)
    return groups


def _bars(in_year: Sequence[Row], year: str, lang: str) -> tuple[tuple[dict, ...], tuple[str, ...]]:
    mark = t("common.excerpt_mark", lang)
    ordered = sorted(in_year, key=_bar_order)
    points = [_point(r, f"{place_name(r['region_label'], lang)}{mark if r['is_excerpt'] else ''}", "", mark, lang)
              for r in ordered]
    groups = _per_unit(points)
    if not groups:
        return (), (t("compare.none_in_year", lang, year=year),)
    title = t("compare.by_region", lang, year=year)
    specs = tuple(bar_spec(group, lang, title=unit_title(title, unit, lang)) for unit, group in groups)
    captions = []
    total, stated = int(in_year[0]["reports_in_year"]), int(in_year[0]["stated_in_year"])
    if total > len(in_year):
        captions.append(t("compare.top_note", lang, shown=len(in_year), total=total, stated=stated))
    missing = [p.label for p in points if p.value is None]
    not_shown = total - stated - len(missing)
    if missing:
        more = [t("compare.more_missing", lang, count=not_shown)] if not_shown > 0 else []
        # "a, b and 3 more" in English; "a、b 等另 3 份" in Chinese
        names_text = join_list([*missing, *more], lang) if lang == "en" else " ".join([join_list(missing, lang), *more])
        captions.append(t("compare.missing_note", lang, names=names_text))
    if len(groups) > 1:
        captions.append(t("compare.other_units", lang, units="、".join(unit for unit, _ in groups[1:])))
    return specs, tuple(captions)


def _lines(trend_rows: Sequence[Row], lines: Sequence[str], lang: str) -> tuple[tuple[dict, ...], tuple[str, ...]]:
    rows = [r for r in trend_rows if r["region_label"] in lines]
    stated_rows = [r for r in rows if r["value"] is not None]
    stated_regions = {r["region_label"] for r in stated_rows}
    trend = [r for r in rows if r["region_label"] in stated_regions]
    if not trend:
        return (), ()
    order = {name: n for n, name in enumerate(lines)}
    mark = t("common.excerpt_mark", lang)
    points = [_point(r, str(r["year_label"]), place_name(r["region_label"], lang), mark, lang)
              for r in sorted(trend, key=lambda r: order[r["region_label"]])]
    groups = _per_unit(points)
    title = t("compare.by_year", lang)
    specs = tuple(line_spec(group, lang, title=unit_title(title, unit, lang)) for unit, group in groups)
    # A trend needs two single years of one region in one unit; otherwise the chart draws points only.
    years_stated: dict[tuple[str, str], set[str]] = {}
    for point in points:
        span = year_span(point.label)
        if point.value is not None and span is not None and span[0] == span[1]:
            years_stated.setdefault((point.series, point.unit), set()).add(point.label)
    single_year = max((len(years) for years in years_stated.values()), default=0) < 2
    captions = [t("compare.points_only", lang)] if single_year else []
    if len(groups) > 1:
        captions.append(t("compare.other_units", lang, units="、".join(unit for unit, _ in groups[1:])))
    return specs, tuple(captions)


def _build(chosen: Sequence[str], year: str, region: str, picked_regions: Sequence[str], lang: str,
           include_uncertain: bool = False) -> list[Charts]:
    ranked_by = _by_indicator(data.records(queries.indicator_ranking, list(chosen), year, MAX_REGIONS, region,
                                           include_uncertain))
    lines_for = {i: _trend_regions(ranked_by.get(i, []), region, picked_regions) for i in chosen}
    wanted = sorted({r for regions in lines_for.values() for r in regions})
    trend_by = _by_indicator(data.records(queries.indicator_values, list(chosen), [], wanted, include_uncertain))
    charts = []
    for indicator_id in chosen:
        trend_rows = trend_by.get(indicator_id)
        if not trend_rows:
            continue
        first = trend_rows[0]
        in_year = ranked_by.get(indicator_id, [])
        bars, bar_captions = (_bars(in_year, year, lang) if in_year
                              else ((), (t("compare.none_in_year", lang, year=year),)))
        lines, line_captions = _lines(trend_rows, lines_for[indicator_id], lang)
        # The heading names the indicator; each chart's title names the unit its values carry (人, not 人次).
        charts.append(Charts(indicator_id, indicator_name(first, lang), bars, bar_captions, lines, line_captions))
    return charts
