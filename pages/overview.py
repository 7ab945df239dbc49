"""总览 Overview: the chosen report's headline indicators, one small chart per domain, and its data quality."""

from __future__ import annotations

import streamlit as st

from etl import queries
from ui import components, data, state
from ui.charts import bar_chart
from ui.i18n import DOMAINS, domain_name

view = state.current_view()
components.page_header(view, "overview.title")

observations = data.query(queries.report_observations, view.report_id)
checks = data.query(queries.report_checks, [view.report_id])
previous = data.query(queries.previous_report, view.report_id)
previous_values = {}
previous_year = ""
if not previous.empty:
    previous_year = str(previous.iloc[0]["year_label"])
    previous_values = components.observation_lookup(
        data.query(queries.report_observations, str(previous.iloc[0]["report_id"]))
    )

# Data quality: checks passed / failed, full report or excerpt.
failed = checks[~checks["is_ok"].astype(bool)]
badges = st.container(horizontal=True)
with badges:
    st.markdown(f"**{view.t('overview.quality')}**")
    if checks.empty:
        st.badge(view.t("overview.checks_none"), color="gray", icon=":material/rule:")
    else:
        passed = len(checks) - len(failed)
        all_ok = failed.empty
        st.badge(view.t("overview.checks_ok", ok=passed, total=len(checks)), color="green" if all_ok else "orange",
                 icon=":material/check_circle:" if all_ok else ":material/warning:")
    excerpt = bool(view.report.get("is_excerpt"))
    st.badge(view.t("overview.excerpt" if excerpt else "overview.full"), color="orange" if excerpt else "blue",
             icon=":material/content_cut:" if excerpt else ":material/article:")
    st.caption(view.t("overview.counts", figures=int(view.report["figure_count"]),
                      observations=int(view.report["observation_count"])))
if not failed.empty:
    with st.expander(f"{view.t('overview.checks_failed')} ({len(failed)})"):
        st.dataframe(
            failed[["rule", "indicator_id", "detail"]].rename(
                columns={"rule": view.t("col.rule"), "indicator_id": view.t("common.indicator"),
                         "detail": view.t("col.detail")}
            ),
            hide_index=True, width="stretch",
        )

if observations.empty:
    components.nothing_to_show(view)
else:
    st.subheader(view.t("overview.headline"))
    headline = observations[observations["is_headline"].astype(bool)]
    components.metric_cards(headline.to_dict("records"), view, previous_values, previous_year)

    st.subheader(view.t("overview.domains"))
    columns = st.columns(2)
    for index, domain in enumerate(DOMAINS):
        subset = observations[observations["domain"] == domain]
        with columns[index % 2]:
            if subset.empty:
                st.markdown(f"**{domain_name(domain, view.lang)}**")
                st.caption(view.t("overview.domain_empty"))
                continue
            kinds = subset["unit"].map(components.unit_kind)
            kind = next(k for k in ("counts", "rates", "money") if (kinds == k).any())
            fig = bar_chart(components.points_from(subset[kinds == kind], view), view.lang,
                            title=domain_name(domain, view.lang))
            components.show_chart(fig, key=f"overview_{domain}")

components.source_caption(view)
