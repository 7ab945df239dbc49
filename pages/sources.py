"""来源 Sources: the reports loaded and where each came from, their checks (failed ones with detail),
the indicator catalogue and the load log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl import queries
from ui import data, state
from ui.i18n import domain_name, indicator_name

view = state.current_view(need_report=False)
st.title(view.t("sources.title"))

reports = state.with_labels(data.query(queries.list_reports))  # every column; the shell loads only picker ones
checks = data.query(queries.report_checks)
catalogue = data.query(queries.indicator_catalogue)
events = data.query(queries.load_events)

st.subheader(f"{view.t('sources.reports')} ({len(reports)})")
st.dataframe(
    pd.DataFrame(
        {
            view.t("common.region"): reports["region_label"],
            view.t("common.year"): reports["year_label"],
            view.t("col.title"): reports["title"],
            view.t("col.published"): reports["date_published"],
            view.t("col.excerpt"): reports["is_excerpt"].astype(bool),
            view.t("col.figures"): reports["figure_count"],
            view.t("col.observations"): reports["observation_count"],
            view.t("col.failed"): reports["failed_check_count"],
            view.t("col.file"): reports["source_file"],
            view.t("col.url"): reports["source_url"],
        }
    ),
    hide_index=True, width="stretch",
    column_config={view.t("col.url"): st.column_config.LinkColumn(view.t("col.url"))},
)

st.subheader(view.t("sources.checks"))
failed = checks[~checks["is_ok"].astype(bool)]
ok_count = len(checks) - len(failed)
st.caption(view.t("overview.checks_ok", ok=ok_count, total=len(checks)))
check_columns = {
    "region_name": view.t("common.region"), "year_label": view.t("common.year"), "rule": view.t("col.rule"),
    "indicator_id": view.t("common.indicator"), "is_ok": view.t("col.ok"), "detail": view.t("col.detail"),
}
if failed.empty:
    st.success(view.t("sources.no_failed"))
else:
    st.markdown(f"**{view.t('sources.failed')} ({len(failed)})**")
    st.dataframe(failed[list(check_columns)].rename(columns=check_columns), hide_index=True, width="stretch")
with st.expander(f"{view.t('sources.checks')} ({len(checks)})"):
    st.dataframe(checks[list(check_columns)].rename(columns=check_columns), hide_index=True, width="stretch")

st.subheader(f"{view.t('sources.catalogue')} ({len(catalogue)})")
st.dataframe(
    pd.DataFrame(
        {
            view.t("col.id"): catalogue["indicator_id"],
            view.t("common.indicator"): [indicator_name(r, view.lang) for r in catalogue.to_dict("records")],
            view.t("common.unit"): catalogue["unit"],
            view.t("common.domain"): [domain_name(d, view.lang) for d in catalogue["domain"]],
            view.t("col.headline"): catalogue["is_headline"].astype(bool),
            view.t("col.reports_stating"): catalogue["report_count"],
        }
    ),
    hide_index=True, width="stretch",
)

with st.expander(f"{view.t('sources.events')} ({len(events)})"):
    st.dataframe(
        events.rename(columns={"loaded_at": view.t("col.loaded_at"), "source_file": view.t("col.file"),
                               "action": view.t("col.action"), "detail": view.t("col.detail")}),
        hide_index=True, width="stretch",
    )
