"""The review domain (administrative review and litigation): applications → accepted → concluded as a funnel,
the rates between steps, and court-appearance figures where the report gives them."""

from __future__ import annotations

import streamlit as st

from ui import components, data, shell
from ui.charts import funnel_spec
from ui.format import format_rate, format_value
from ui.i18n import indicator_name

FUNNEL = ["admin_review_applications", "admin_review_accepted", "admin_review_concluded"]

DOMAINS = ["review"]  # the catalogue domains this page shows

view = shell.current_view()
components.domain_page_header(view, DOMAINS)

observations = data.observation_rows(view.report_id, DOMAINS)

if not observations:
    components.nothing_to_show(view)
else:
    steps = components.pick(observations, FUNNEL)
    st.subheader(view.t("review.funnel"))
    if not steps:
        st.caption(view.t("review.no_funnel"))
    else:
        components.metric_cards(steps, view, columns=3)
        rows = steps
        if len(rows) > 1:
            cols = st.columns(len(rows) - 1)
            for col, earlier, later in zip(cols, rows, rows[1:], strict=False):
                rate = format_rate(later["value"], earlier["value"])
                col.metric(
                    view.t("review.step_rate", to=indicator_name(later, view.lang),
                           frm=indicator_name(earlier, view.lang)),
                    format_value(rate, "%", view.lang, missing=view.t("common.not_reported")),
                    border=True,
                )
        # One convention for shares: of the previous step, in the cards above and on the funnel alike.
        if len({row["unit"] for row in steps}) == 1:
            components.show_chart(
                funnel_spec(components.points_from(steps, view), view.lang, title=view.t("review.funnel_chart")),
                key="review_funnel",
            )
            st.caption(view.t("review.share_note"))

    litigation = components.without(observations, FUNNEL)
    if litigation:
        st.subheader(view.t("review.litigation"))
        components.metric_cards(litigation, view)
        components.unit_group_charts(litigation, view, key_prefix="review_litigation", carded=litigation)

    components.values_expander(observations, view)

components.source_caption(view)
