"""数据浏览 Explorer: every figure of the chosen reports with indicator, section and sentence; search and
filters; CSV and Excel downloads of exactly the rows shown."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from etl import queries
from ui import components, data, state
from ui.format import format_value
from ui.i18n import DOMAINS, domain_name, indicator_name

view = state.current_view()
st.title(view.t("explorer.title"))

# Filters: reports (?rid=…), search (?q=…), domains (?domain=…), only assigned figures (?assigned=true).
reports = view.reports
excerpt_mark = view.t("common.excerpt_mark")
labels = {
    row["report_id"]: f"{row['region_label']} {row['year_label']}{excerpt_mark if row['is_excerpt'] else ''}"
    for row in reports.to_dict("records")
}
chosen_reports = state.url_multiselect(
    view.t("explorer.reports"), list(labels), param="rid", default=[view.report_id], format_func=labels.__getitem__,
    lang=view.lang,
)
left, middle, right = st.columns([3, 3, 2], vertical_alignment="bottom")
with left:
    search = st.text_input(view.t("explorer.search"), key="q", bind="query-params", max_chars=100)
with middle:
    domains = state.url_multiselect(
        view.t("explorer.domains"), list(DOMAINS), param="domain", default=[],
        format_func=lambda d: domain_name(d, view.lang), lang=view.lang, placeholder=view.t("explorer.all_domains"),
    )
with right:
    only_indicators = st.toggle(view.t("explorer.only_indicators"), key="assigned", bind="query-params")

figures = data.query(queries.report_figures, chosen_reports, search.strip(), domains, bool(only_indicators))

shown = pd.DataFrame(
    {
        view.t("common.report"): [labels.get(r, r) for r in figures["report_id"]],
        view.t("col.figure_num"): figures["figure_num"],
        view.t("common.indicator"): [
            indicator_name(r, view.lang) if isinstance(r["indicator_id"], str) else ""
            for r in figures.to_dict("records")
        ],
        view.t("common.domain"): [domain_name(d, view.lang) if isinstance(d, str) else "" for d in figures["domain"]],
        view.t("common.value"): [
            format_value(r["value"], r["unit"], view.lang, qualifier=r["qualifier"] or None)
            for r in figures.to_dict("records")
        ],
        view.t("explorer.raw_value"): figures["value"],
        view.t("common.unit"): figures["unit"],
        view.t("common.figure_text"): figures["text"],
        view.t("common.section"): figures["section_path"].fillna(""),
        view.t("common.sentence"): figures["sentence"],
    }
)

st.caption(view.t("explorer.count", count=len(shown)))
if shown.empty:
    st.info(view.t("explorer.empty"))
else:
    st.dataframe(
        shown, hide_index=True, width="stretch", height=min(36 * (len(shown) + 1) + 4, 900),
        column_config={view.t("common.sentence"): st.column_config.TextColumn(width="large")},
    )
    csv_bytes = shown.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel opens Chinese CSV correctly
    excel = io.BytesIO()
    with pd.ExcelWriter(excel, engine="openpyxl") as writer:
        shown.to_excel(writer, index=False, sheet_name="figures")
    download_left, download_right, _ = st.columns([1, 1, 4])
    download_left.download_button(
        view.t("explorer.csv"), csv_bytes, file_name="figures.csv", mime="text/csv", icon=":material/download:",
    )
    download_right.download_button(
        view.t("explorer.xlsx"), excel.getvalue(), file_name="figures.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
    )

components.source_caption(view)
