"""The enforcement domain: officers trained (new / certified), recorders, legal review staff, case reviews,
powers delegated."""

from __future__ import annotations

from etl.store import queries
from ui import components, data, state

DOMAINS = ["enforcement"]  # the catalogue domains this page shows

view = state.current_view()
components.domain_page_header(view, DOMAINS)

observations = data.records(queries.report_observations, view.report_id, DOMAINS)

if not observations:
    components.nothing_to_show(view)
else:
    components.metric_cards(observations, view)
    components.unit_group_charts(observations, view, key_prefix="enforcement")
    components.values_expander(observations, view)

components.source_caption(view)
