"""总览 Overview: the chosen report's headline indicators, one small chart per domain, and its data quality."""

from __future__ import annotations

import streamlit as st

from ui import components, data, shell
from ui.charts import bar_spec, unit_title
from ui.check_text import check_detail, check_name
from ui.i18n import domain_ids, domain_name

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


def excerpt_notice() -> None:
    """What an excerpt lacks, and where its stored figures are."""
    st.info(view.t("overview.excerpt_lacks"))
    st.page_link("pages/explorer.py", label=view.t("nav.explorer"), icon=":material/table_view:",
                 query_params={key: str(view.report[col]) for key, col in (("region", "region_label"),
                                                                            ("year", "year_label"))})


if not observations:
    components.nothing_to_show(view)
    if excerpt:
        excerpt_notice()
else:
    st.subheader(view.t("overview.headline"))
    headline = [row for row in observations if row["is_headline"]]
    if headline:
        components.metric_cards(headline, view, previous_values, previous_year)
    elif excerpt:
        excerpt_notice()

    # Per domain, the unit most of its values carry as one chart (one unit per axis); a domain whose values
    # all carry different units gets tiles instead of a chart of unlike things.
    st.subheader(view.t("overview.domains"))
    columns = st.columns(2)
    for index, domain in enumerate(domain_ids()):
        subset = [row for row in observations if row["domain"] == domain]
        with columns[index % 2]:
            name = domain_name(domain, view.lang)
            if not subset:
                st.markdown(f"**{name}**")
                st.caption(view.t("overview.domain_empty"))
                continue
            unit, rows = max(components.unit_groups(subset), key=lambda group: len(group[1]))
            if len(rows) >= 2:
                fig = bar_spec(components.points_from(rows, view), view.lang,
                                title=unit_title(name, unit, view.lang))
                components.show_chart(fig, key=f"overview_{domain}")
            else:
                st.markdown(f"**{name}**")
                rows = subset[:4]
                components.metric_cards(rows, view, columns=2)
            if len(subset) > len(rows):
                st.caption(view.t("overview.domain_more", count=len(subset) - len(rows)))

components.source_caption(view)
