"""来源 Sources: the reports loaded and where each came from, their checks (failed ones with detail),
the indicator catalogue and the load log."""

from __future__ import annotations

import streamlit as st

from ui import shell
from ui.tables import source_tables

view = shell.current_view(need_report=False)
st.title(view.t("sources.title"))
shown = source_tables(view.lang)

report_count, reports = shown["reports"]
st.subheader(f"{view.t('sources.reports')} ({report_count})")
st.dataframe(
    reports, hide_index=True, width="stretch",
    column_config={view.t("col.url"): st.column_config.LinkColumn(view.t("col.url"))},
)

st.subheader(view.t("sources.checks"))
(failed_count, failed), (check_count, checks) = shown["failed"], shown["checks"]
st.caption(view.t("overview.checks_ok", ok=check_count - failed_count, total=check_count))
if not failed_count:
    st.success(view.t("sources.no_failed"))
else:
    st.markdown(f"**{view.t('sources.failed')} ({failed_count})**")
    st.dataframe(failed, hide_index=True, width="stretch")
with st.expander(f"{view.t('sources.checks')} ({check_count})"):
    st.dataframe(checks, hide_index=True, width="stretch")

catalogue_count, catalogue = shown["catalogue"]
st.subheader(f"{view.t('sources.catalogue')} ({catalogue_count})")
st.dataframe(catalogue, hide_index=True, width="stretch")

event_count, events = shown["events"]
with st.expander(f"{view.t('sources.events')} ({event_count})"):
    st.dataframe(events, hide_index=True, width="stretch")
