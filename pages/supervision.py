"""The supervision domain: NPC suggestions and CPPCC proposals handled with satisfaction rates, audits,
government information disclosed."""

from __future__ import annotations

import streamlit as st

from ui import components, data, shell

HANDLED = ["npc_suggestions_handled", "cppcc_proposals_handled"]
SATISFACTION = ["npc_suggestions_satisfaction", "cppcc_proposals_satisfaction"]

DOMAINS = ["supervision"]  # the catalogue domains this page shows

view = shell.current_view()
components.domain_page_header(view, DOMAINS)

observations = data.observation_rows(view.report_id, DOMAINS)

if not observations:
    components.nothing_to_show(view)
else:
    handled = components.pick(observations, HANDLED)
    satisfaction = components.pick(observations, SATISFACTION)
    if handled or satisfaction:
        st.subheader(view.t("supervision.handled"))
        components.metric_cards(components.pick(observations, HANDLED + SATISFACTION), view)
        left, right = st.columns(2)
        if handled:
            with left:
                components.unit_charts(components.points_from(handled, view), view,
                                       view.t("supervision.handled"), key="supervision_handled")
        if satisfaction:
            with right:
                components.unit_charts(components.points_from(satisfaction, view), view,
                                       view.t("supervision.satisfaction"), key="supervision_satisfaction")

    rest = components.without(observations, HANDLED + SATISFACTION)
    if rest:
        st.subheader(f"{view.t('supervision.audit')} · {view.t('supervision.disclosure')}")
        components.metric_cards(rest, view)
        components.unit_group_charts(rest, view, key_prefix="supervision_rest", carded=rest)

    components.values_expander(observations, view)

components.source_caption(view)
