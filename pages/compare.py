"""对比 Compare: chosen indicators across regions (bars, one year) and across years (lines, a few regions).
A value a report does not state is shown as "未披露 / not reported", never as zero; excerpts are marked.

At 30,000 reports a year holds ~3,000 regions, so the page asks only for what it draws: per indicator, this
region and the year's highest values (`MAX_REGIONS` bars), and this region's years against a few others
(`MAX_TREND_REGIONS` lines: the regions picked in ?creg=…, else the year's highest).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl import queries
from ui import components, data, state
from ui.charts import Point, bar_chart, line_chart
from ui.format import notice_value, unit_label
from ui.i18n import indicator_name

MAX_INDICATORS = 6
MAX_REGIONS = 15  # benchmarks/query_bench.py measures the queries with these limits
MAX_TREND_REGIONS = 6

view = state.current_view()
st.title(view.t("compare.title"))
region = str(view.report["region_label"])

# Filters: indicators (?ind=…, ids in the URL), the year the region bars show (?cyear=…), line regions (?creg=…).
catalogue = data.query(queries.indicator_catalogue)
catalogue = catalogue.sort_values(["report_count", "display_order"], ascending=[False, True])
names = {row["indicator_id"]: f"{indicator_name(row, view.lang)} ({row['report_count']})"
         for row in catalogue.to_dict("records")}
stating = dict(zip(catalogue["indicator_id"], catalogue["report_count"], strict=True))
own = data.query(queries.report_observations, view.report_id)
own_headline = own[own["is_headline"].astype(bool)]["indicator_id"].tolist()
default = own_headline[:1] or catalogue["indicator_id"].head(1).tolist()
chosen = state.url_multiselect(
    view.t("compare.indicators"), list(names), param="ind", default=default, format_func=names.__getitem__,
    lang=view.lang, max_selections=MAX_INDICATORS,
)
left_filter, right_filter = st.columns([1, 2])
years = sorted(view.reports["year_label"].unique(), reverse=True)
state_years = [str(y) for y in years]
raw_year = st.query_params.get("cyear")
if raw_year is not None and raw_year not in state_years:
    st.warning(view.t("notice.bad_param", param="cyear", value=notice_value(raw_year)))
with left_filter:
    compare_year = st.selectbox(
        view.t("compare.compare_year"), state_years, index=state_years.index(str(view.report["year_label"])),
        key="cyear", bind="query-params",
    )
with right_filter:
    other_regions = [r for r in dict.fromkeys(view.reports["region_label"]) if r != region]
    picked_regions = state.url_multiselect(
        view.t("compare.regions"), other_regions, param="creg", default=[], format_func=str, lang=view.lang,
        max_selections=MAX_TREND_REGIONS - 1, placeholder=view.t("compare.regions_default"),
    )

excerpt_mark = view.t("common.excerpt_mark")


def point(row: dict, label: str, series: str) -> Point:
    mark = excerpt_mark if row["is_excerpt"] else ""
    value = row["value"]
    return Point(
        label=label, value=None if pd.isna(value) else float(value),
        unit=str(row["unit"] if isinstance(row["unit"], str) else row["indicator_unit"]),
        report=f"{row['region_label']} {row['year_label']}{mark}",
        sentence=row["sentence"] if isinstance(row["sentence"], str) else "", series=series,
        is_excerpt=bool(row["is_excerpt"]),
        qualifier=row["qualifier"] if isinstance(row["qualifier"], str) else None,
    )


def bar_order(row: dict) -> tuple[bool, float, int]:
    """Highest stated value first, then the regions that do not state it (in the query's order)."""
    missing = pd.isna(row["value"])
    return missing, 0.0 if missing else -float(row["value"]), int(row["rank"])


def trend_regions(ranked: list[dict]) -> list[str]:
    """This region, then the picked regions, else the regions with the year's highest stated values."""
    if picked_regions:
        return [region, *picked_regions]
    top = [r["region_label"] for r in ranked if r["region_label"] != region and not pd.isna(r["value"])]
    return [region, *top[: MAX_TREND_REGIONS - 1]]


if not chosen:
    st.info(view.t("compare.pick"))
else:
    if not any(stating.get(i, 0) for i in chosen):
        st.info(view.t("compare.none"))
    ranking = data.query(queries.indicator_ranking, chosen, compare_year, MAX_REGIONS, region)
    ranked_by = {i: rows.to_dict("records") for i, rows in ranking.groupby("indicator_id", sort=False)}
    lines_for = {i: trend_regions(ranked_by.get(i, [])) for i in chosen}
    wanted = sorted({r for regions in lines_for.values() for r in regions})
    trend_values = data.query(queries.indicator_values, chosen, [], wanted)
    trend_by = {i: rows for i, rows in trend_values.groupby("indicator_id", sort=False)}
    for indicator_id in chosen:
        trend_rows = trend_by.get(indicator_id)
        if trend_rows is None or trend_rows.empty:
            continue
        first = trend_rows.iloc[0]
        title = indicator_name(first, view.lang)
        st.subheader(f"{title}({unit_label(first['indicator_unit'], view.lang)})")

        left, right = st.columns(2)
        in_year = ranked_by.get(indicator_id, [])
        with left:
            if not in_year:
                st.caption(view.t("compare.none"))
            else:
                ordered = sorted(in_year, key=bar_order)
                region_points = [
                    point(r, f"{r['region_label']}{excerpt_mark if r['is_excerpt'] else ''}", "") for r in ordered
                ]
                components.show_chart(
                    bar_chart(region_points, view.lang, title=view.t("compare.by_region", year=compare_year)),
                    key=f"compare_region_{indicator_id}",
                )
                counts = in_year[0]
                total, stated = int(counts["reports_in_year"]), int(counts["stated_in_year"])
                if total > len(in_year):
                    st.caption(view.t("compare.top_note", shown=len(in_year), total=total, stated=stated))
                missing = [p.label for p in region_points if p.value is None]
                not_shown = total - stated - len(missing)
                if missing:
                    names_text = "、".join(missing)
                    if not_shown > 0:
                        names_text += " " + view.t("compare.more_missing", count=not_shown)
                    st.caption(view.t("compare.missing_note", names=names_text))
        with right:
            lines = lines_for[indicator_id]
            rows = trend_rows[trend_rows["region_label"].isin(lines)]
            stated_rows = rows[rows["value"].notna()]
            trend = rows[rows["region_label"].isin(set(stated_rows["region_label"]))]
            if trend.empty:
                st.caption(view.t("compare.none"))
            else:
                order = {name: n for n, name in enumerate(lines)}
                records = sorted(trend.to_dict("records"), key=lambda r: order[r["region_label"]])
                year_points = [point(r, str(r["year_label"]), str(r["region_label"])) for r in records]
                components.show_chart(
                    line_chart(year_points, view.lang, title=view.t("compare.by_year")),
                    key=f"compare_year_{indicator_id}",
                )
                if stated_rows.groupby("region_label")["year_label"].nunique().max() < 2:
                    st.caption(view.t("compare.single_year"))

reports_used = view.reports
st.caption(view.t("compare.caption", count=len(reports_used), excerpts=int(reports_used["is_excerpt"].sum())))
