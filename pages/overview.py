"""总览 Overview: the chosen report's headline indicators, one small chart per domain, and its data quality."""

from __future__ import annotations

import streamlit as st

from ui import components, data, shell
from ui.charts import bar_chart
from ui.check_text import check_detail, check_name
from ui.i18n import domain_ids, domain_name
from ui.units import KINDS, unit_kind

view = shell.current_view()
components.page_header(view, "overview.title")

observations = data.observation_rows(view.report_id)
checks = data.check_rows([view.report_id])
previous = data.previous_report_rows(view.report_id)
previous_values = {}
previous_year = ""
if previous:
    previous_year = str(previous[0]["year_label"])
    previous_values = components.observation_lookup(
        data.observation_rows(str(previous[0]["report_id"]))
    )

# Data quality: checks passed / failed, full report or excerpt.
failed = [c for c in checks if not c["is_ok"]]
badges = st.container(horizontal=True)
with badges:
    st.markdown(f"**{view.t('overview.quality')}**")
    if not checks:
        st.badge(view.t("overview.checks_none"), color="gray", icon=":material/rule:")
    else:
        passed = len(checks) - len(failed)
        all_ok = not failed
        st.badge(view.t("overview.checks_ok", ok=passed, total=len(checks)), color="green" if all_ok else "orange",
                 icon=":material/check_circle:" if all_ok else ":material/warning:")
    excerpt = bool(view.report.get("is_excerpt"))
    st.badge(view.t("overview.excerpt" if excerpt else "overview.full"), color="orange" if excerpt else "blue",
             icon=":material/content_cut:" if excerpt else ":material/article:")
    st.caption(view.t("overview.counts", figures=int(view.report["figure_count"]),
                      observations=int(view.report["observation_count"])))
if failed:
    with st.expander(f"{view.t('overview.checks_failed')} ({len(failed)})"):
        st.dataframe(
            {view.t("col.rule"): [check_name(c, view.lang) for c in failed],
             view.t("col.detail"): [check_detail(c, view.lang) for c in failed]},
            hide_index=True, width="stretch",
        )

if not observations:
    components.nothing_to_show(view)
else:
    st.subheader(view.t("overview.headline"))
    headline = [row for row in observations if row["is_headline"]]
    components.metric_cards(headline, view, previous_values, previous_year)

    st.subheader(view.t("overview.domains"))
    columns = st.columns(2)
    for index, domain in enumerate(domain_ids()):
        subset = [row for row in observations if row["domain"] == domain]
        with columns[index % 2]:
            if not subset:
                st.markdown(f"**{domain_name(domain, view.lang)}**")
                st.caption(view.t("overview.domain_empty"))
                continue
            kinds = [unit_kind(row["unit"]) for row in subset]
            kind = next(k for k in KINDS if k in kinds)
            shown = [row for row, row_kind in zip(subset, kinds, strict=True) if row_kind == kind]
            fig = bar_chart(components.points_from(shown, view), view.lang,
                            title=domain_name(domain, view.lang))
            components.show_chart(fig, key=f"overview_{domain}")

components.source_caption(view)
