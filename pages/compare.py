"""对比 Compare: chosen indicators across regions (bars, one year) and across years (lines, a few regions).
A value a report does not state is shown as "未披露 / not reported", never as zero; excerpts are marked.

At 30,000 reports a year holds ~3,000 regions, so the page asks only for what it draws: per indicator, this
region and the year's highest values (`MAX_REGIONS` bars), and this region's years against a few others
(`MAX_TREND_REGIONS` lines: the regions picked in ?creg=…, else the year's highest).
"""

from __future__ import annotations

import streamlit as st

from ui import components, review, shell, url_state
from ui.compare import MAX_INDICATORS, MAX_TREND_REGIONS, compare_charts, indicator_options, report_counts, year_labels
from ui.format import md_escape, notice_value
from ui.place_names import place_name

view = shell.current_view()
st.title(view.t("compare.title"))
region = str(view.report["region_label"])
pickers = shell.current_pickers()

# Filters: indicators (?ind=…, ids in the URL), the year the region bars show (?cyear=…), line regions (?creg=…).
names, stating = indicator_options(view.lang)
# The default is the indicator most reports state (names are ordered so), not one a single report states.
default = list(names)[:1]
chosen = url_state.url_multiselect(
    view.t("compare.indicators"), list(names), param="ind", default=default, format_func=names.__getitem__,
    lang=view.lang, max_selections=MAX_INDICATORS,
)
left_filter, right_filter = st.columns([1, 2])
state_years = year_labels(pickers)
raw_year = st.query_params.get("cyear")
if raw_year is not None and raw_year not in state_years:
    st.warning(view.t("notice.bad_param", param="cyear", value=notice_value(raw_year)))
with left_filter:
    compare_year = st.selectbox(
        view.t("compare.compare_year"), state_years, index=state_years.index(str(view.report["year_label"])),
        key="cyear", bind="query-params",
    )
with right_filter:
    other_regions = [r for r in pickers.years if r != region]  # report order, as each region first appears
    picked_regions = url_state.url_multiselect(
        view.t("compare.regions"), other_regions, param="creg", default=[],
        format_func=lambda name: place_name(name, view.lang), lang=view.lang,
        max_selections=MAX_TREND_REGIONS - 1, placeholder=view.t("compare.regions_default"),
    )

# Values the ETL was unsure of are left out of comparisons unless the viewer asks (?unsure=true).
include_uncertain = st.toggle(view.t("compare.include_uncertain"), key="unsure", bind="query-params")

peers = review.peer_captions(view.report, view.lang)
source = view.t("compare.chart_source", count=report_counts(pickers)[0])
if not chosen:
    st.info(view.t("compare.pick"))
else:
    if not any(stating.get(i, 0) for i in chosen):
        st.info(view.t("compare.none"))
    for charts in compare_charts(chosen, compare_year, region, picked_regions, view.lang,
                                 bool(include_uncertain)):
        st.subheader(charts.heading)
        if peers.get(charts.indicator_id):  # the chosen report's position among its peers, beside the charts
            st.caption(md_escape(view.t("peer.compare", report=view.report_label, rank=peers[charts.indicator_id])),
                       help=view.t("peer.help"))
        left, right = st.columns(2)
        for column, specs, captions, name in ((left, charts.bars, charts.bar_captions, "region"),
                                              (right, charts.lines, charts.line_captions, "year")):
            with column:
                for number, spec in enumerate(specs):
                    components.show_chart(spec, key=f"compare_{name}_{charts.indicator_id}_{number}",
                                          source=source)
                for caption in captions:
                    st.caption(caption)

report_count, excerpt_count = report_counts(pickers)
st.caption(view.t("compare.caption", count=report_count, excerpts=excerpt_count))
