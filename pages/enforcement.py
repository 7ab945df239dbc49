"""行政执法 Law enforcement: officers trained (new / certified), recorders, legal review staff, case reviews,
powers delegated."""

from __future__ import annotations

from ui import components, data, shell

view = shell.current_view()
components.page_header(view, "enforcement.title")

observations = data.observation_rows(view.report_id, ["enforcement"])

if not observations:
    components.nothing_to_show(view)
else:
    components.metric_cards(observations, view)
    components.unit_group_charts(observations, view, key_prefix="enforcement")
    components.values_expander(observations, view)

components.source_caption(view)
