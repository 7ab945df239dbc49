"""数据浏览 Explorer: every figure of the chosen reports with indicator, section and sentence; search and
filters; CSV and Excel downloads of exactly the rows shown."""

from __future__ import annotations

import streamlit as st

from ui import components, shell, url_state
from ui.i18n import domain_ids, domain_name
from ui.tables import download_stem, explorer_figures, report_labels

view = shell.current_view()
st.title(view.t("explorer.title"))

# Filters: reports (?rid=…), search (?q=…), domains (?domain=…), only assigned figures (?assigned=true).
labels = report_labels(view.lang)
chosen_reports = url_state.url_multiselect(
    view.t("explorer.reports"), list(labels), param="rid", default=[view.report_id], format_func=labels.__getitem__,
    lang=view.lang,
)
left, middle, right = st.columns([3, 3, 2], vertical_alignment="bottom")
with left:
    search = st.text_input(view.t("explorer.search"), key="q", bind="query-params", max_chars=100)
with middle:
    domains = url_state.url_multiselect(
        view.t("explorer.domains"), list(domain_ids()), param="domain", default=[],
        format_func=lambda d: domain_name(d, view.lang), lang=view.lang, placeholder=view.t("explorer.all_domains"),
    )
with right:
    only_indicators = st.toggle(view.t("explorer.only_indicators"), key="assigned", bind="query-params")

shown = explorer_figures(chosen_reports, search.strip(), domains, bool(only_indicators), view.lang)
st.caption(view.t("explorer.count", count=shown.count))
if not shown.count:
    st.info(view.t("explorer.empty"))
else:
    picked = st.dataframe(
        shown.table, hide_index=True, width="stretch", height=min(36 * (shown.count + 1) + 4, 900),
        column_config={view.t("common.sentence"): st.column_config.TextColumn(width="large")},
        on_select="rerun", selection_mode="single-row", key="figure_table",
    )
    # The detail of the picked figure: its sentence, section and why it has its indicator, all on screen at once.
    rows = picked.selection.rows if picked is not None else []
    if rows:
        components.figure_detail(shown.table.slice(rows[0], 1).to_pylist()[0], view)
    else:
        st.caption(view.t("why.pick_row"))
    # The file's name says what is inside: which reports, which filters.
    stem = download_stem([labels[r] for r in chosen_reports if r in labels], search.strip(), domains,
                         bool(only_indicators), view.lang)
    download_left, download_right, download_analyst, _ = st.columns([1, 1, 2, 2])
    download_left.download_button(
        view.t("explorer.csv"), shown.csv, file_name=f"{stem}.csv", mime="text/csv", icon=":material/download:",
    )
    download_right.download_button(
        view.t("explorer.xlsx"), shown.xlsx, file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
    )
    download_analyst.download_button(
        view.t("explorer.analyst_csv"), shown.analyst_csv, file_name=f"{stem}_analysts.csv", mime="text/csv",
        icon=":material/data_object:", help=view.t("explorer.analyst_help"),
    )

components.source_caption(view)
