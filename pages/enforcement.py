"""The enforcement domain: officers trained (new / certified), recorders, legal review staff, case reviews,
powers delegated."""

from __future__ import annotations

from ui import components, data, shell

DOMAINS = ["enforcement"]  # the catalogue domains this page shows

view = shell.current_view()
components.domain_page_header(view, DOMAINS)

observations = data.observation_rows(view.report_id, DOMAINS)

if not observations:
    components.nothing_to_show(view)
else:
    components.metric_cards(observations, view)
    components.unit_group_charts(observations, view, key_prefix="enforcement", carded=observations)
    components.values_expander(observations, view)

components.source_caption(view)
