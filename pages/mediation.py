"""The mediation domain: disputes mediated, success rate stated and recomputed, amounts,
legal-adviser coverage."""

from __future__ import annotations

import streamlit as st

from ui import components, data, shell
from ui.charts import Point
from ui.format import format_plain, format_rate, format_value
from ui.i18n import indicator_name

CORE = ["mediation_cases", "mediation_success", "mediation_success_rate", "mediation_amount"]

DOMAINS = ["mediation"]  # the catalogue domains this page shows

view = shell.current_view()
components.domain_page_header(view, DOMAINS)

observations = data.observation_rows(view.report_id, DOMAINS)

if not observations:
    components.nothing_to_show(view)
else:
    values = components.observation_lookup(observations)
    components.metric_cards(components.pick(observations, CORE), view)

    # Success rate as stated next to the rate recomputed from the two counts.
    st.subheader(view.t("mediation.rate"))
    stated = values.get("mediation_success_rate")
    cases = values.get("mediation_cases")
    success = values.get("mediation_success")
    computed = format_rate(success["value"], cases["value"]) if cases and success else None
    if stated is None and computed is None:
        st.caption(view.t("mediation.rate_missing"))
    else:
        left, right = st.columns(2)
        missing = view.t("common.not_reported")
        left.metric(
            view.t("mediation.rate_stated"),
            format_value(stated["value"], "%", view.lang) if stated else missing,
            help=components.md_escape(stated["sentence"]) if stated else None, border=True,
        )
        # `computed` is set only when both counts are (the test on them is for the type checker).
        formula = (
            f"{format_plain(success['value'])} ÷ {format_plain(cases['value'])}"
            if cases and success and computed is not None else missing
        )
        right.metric(
            view.t("mediation.rate_computed"), format_value(computed, "%", view.lang, missing=missing),
            help=components.md_escape(formula), border=True,
        )
        if stated is not None and computed is not None:
            st.caption(view.t("mediation.rate_gap", gap=format_plain(abs(stated["value"] - computed))))
        rate_points = [
            Point(view.t("mediation.rate_stated"), stated["value"] if stated else None, "%", view.report_label,
                  stated["sentence"] if stated else ""),
            Point(view.t("mediation.rate_computed"), computed, "%", view.report_label, formula),
        ]
        components.unit_charts(rate_points, view, view.t("mediation.rate"), key="mediation_rate")

    # Counts: mediated vs mediated successfully.
    counts = components.pick(observations, ["mediation_cases", "mediation_success"])
    if counts:
        components.unit_charts(components.points_from(counts, view), view, view.t("mediation.counts"),
                               key="mediation_counts")

    # Everything else of the domain: legal-adviser coverage (departments, towns, villages) and the like.
    others = components.without(observations, CORE)
    if others:
        st.subheader(view.t("mediation.advisers"))
        st.caption(" · ".join(indicator_name(r, view.lang) for r in others))
        components.unit_group_charts(others, view, key_prefix="mediation_other")

    components.values_expander(observations, view)

components.source_caption(view)
