"""The rules and decisions domains: normative documents and contracts reviewed and suggestions made, major
decisions reviewed, documents in force."""

from __future__ import annotations

import streamlit as st

from ui import components, data, shell

REVIEWS = ["normative_docs_reviewed", "gov_contracts_reviewed", "major_decisions_reviewed"]

DOMAINS = ["rules", "decisions"]  # the catalogue domains this page shows

view = shell.current_view()
components.domain_page_header(view, DOMAINS)

observations = data.observation_rows(view.report_id, DOMAINS)

if not observations:
    components.nothing_to_show(view)
else:
    reviews = components.pick(observations, REVIEWS)
    if reviews:
        st.subheader(view.t("rules.reviews"))
        components.metric_cards(reviews, view, columns=3)
    components.unit_group_charts(observations, view, key_prefix="rules", carded=reviews)
    components.values_expander(observations, view)

components.source_caption(view)
