"""制度与决策 Rules & decisions: normative documents and contracts reviewed and suggestions made, major
decisions reviewed, documents in force."""

from __future__ import annotations

import streamlit as st

from ui import components, data, shell

REVIEWS = ["normative_docs_reviewed", "gov_contracts_reviewed", "major_decisions_reviewed"]

view = shell.current_view()
components.page_header(view, "rules.title")

observations = data.observation_rows(view.report_id, ["rules", "decisions"])

if not observations:
    components.nothing_to_show(view)
else:
    reviews = components.pick(observations, REVIEWS)
    if reviews:
        st.subheader(view.t("rules.reviews"))
        components.metric_cards(reviews, view, columns=3)
    components.unit_group_charts(observations, view, key_prefix="rules")
    components.values_expander(observations, view)

components.source_caption(view)
