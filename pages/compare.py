"""对比 Compare: chosen indicators across regions (bars, one year) and across years (lines, one per region).
A value a report does not state is shown as "未披露 / not reported", never as zero; excerpts are marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl import queries
from ui import components, data, state
from ui.charts import Point, bar_chart, line_chart
from ui.format import notice_value, unit_label
from ui.i18n import indicator_name

MAX_INDICATORS = 6

view = state.current_view()
st.title(view.t("compare.title"))

# Filters: indicators (?ind=…, ids in the URL) and the year the region bars show (?cyear=…).
catalogue = data.query(queries.indicator_catalogue)
catalogue = catalogue.sort_values(["report_count", "display_order"], ascending=[False, True])
names = {row["indicator_id"]: f"{indicator_name(row, view.lang)} ({row['report_count']})"
         for row in catalogue.to_dict("records")}
own = data.query(queries.report_observations, view.report_id)
own_headline = own[own["is_headline"].astype(bool)]["indicator_id"].tolist()
default = own_headline[:1] or catalogue["indicator_id"].head(1).tolist()
chosen = state.url_multiselect(
    view.t("compare.indicators"), list(names), param="ind", default=default, format_func=names.__getitem__,
    lang=view.lang, max_selections=MAX_INDICATORS,
)
years = sorted(view.reports["year_label"].unique(), reverse=True)
state_years = [str(y) for y in years]
raw_year = st.query_params.get("cyear")
if raw_year is not None and raw_year not in state_years:
    st.warning(view.t("notice.bad_param", param="cyear", value=notice_value(raw_year)))
compare_year = st.selectbox(
    view.t("compare.compare_year"), state_years, index=state_years.index(str(view.report["year_label"])),
    key="cyear", bind="query-params",
)

if not chosen:
    st.info(view.t("compare.pick"))
else:
    values = data.query(queries.indicator_values, chosen)
    values = values.assign(region_label=values["region_name"].fillna(values["source_file"]).astype(str))
    if values["value"].notna().sum() == 0:
        st.info(view.t("compare.none"))
    excerpt_mark = view.t("common.excerpt_mark")
    for indicator_id in chosen:
        rows = values[values["indicator_id"] == indicator_id]
        if rows.empty:
            continue
        first = rows.iloc[0]
        title = indicator_name(first, view.lang)
        st.subheader(f"{title}({unit_label(first['indicator_unit'], view.lang)})")

        def point(row: pd.Series, label: str, series: str) -> Point:
            mark = excerpt_mark if row["is_excerpt"] else ""
            return Point(
                label=label, value=None if pd.isna(row["value"]) else float(row["value"]),
                unit=str(row["unit"] if pd.notna(row["unit"]) else row["indicator_unit"]),
                report=f"{row['region_label']} {row['year_label']}{mark}",
                sentence="" if pd.isna(row["sentence"]) else str(row["sentence"]), series=series,
                is_excerpt=bool(row["is_excerpt"]),
                qualifier=row["qualifier"] if isinstance(row["qualifier"], str) else None,
            )

        left, right = st.columns(2)
        in_year = rows[rows["year_label"] == compare_year]
        with left:
            if in_year.empty:
                st.caption(view.t("compare.none"))
            else:
                region_points = [
                    point(r, f"{r['region_label']}{excerpt_mark if r['is_excerpt'] else ''}", "")
                    for _, r in in_year.sort_values("value", ascending=False, na_position="last").iterrows()
                ]
                components.show_chart(
                    bar_chart(region_points, view.lang, title=view.t("compare.by_region", year=compare_year)),
                    key=f"compare_region_{indicator_id}",
                )
                missing = [p.label for p in region_points if p.value is None]
                if missing:
                    st.caption(view.t("compare.missing_note", names="、".join(missing)))
        with right:
            stated = rows[rows["value"].notna()]
            regions_with_values = stated["region_label"].unique()
            trend = rows[rows["region_label"].isin(regions_with_values)]
            if trend.empty:
                st.caption(view.t("compare.none"))
            else:
                year_points = [point(r, str(r["year_label"]), str(r["region_label"])) for _, r in trend.iterrows()]
                components.show_chart(
                    line_chart(year_points, view.lang, title=view.t("compare.by_year")),
                    key=f"compare_year_{indicator_id}",
                )
                if stated.groupby("region_label")["year_label"].nunique().max() < 2:
                    st.caption(view.t("compare.single_year"))

reports_used = view.reports
st.caption(view.t("compare.caption", count=len(reports_used), excerpts=int(reports_used["is_excerpt"].sum())))
