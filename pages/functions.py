"""职能转变与营商环境 Government functions & business environment: reform tasks, market entities,
services handled, credit records."""

from __future__ import annotations

from ui import components, data, shell

view = shell.current_view()
components.page_header(view, "functions.title")

observations = data.observation_rows(view.report_id, ["functions"])

if not observations:
    components.nothing_to_show(view)
else:
    components.metric_cards(observations, view)
    components.unit_group_charts(observations, view, key_prefix="functions")
    components.values_expander(observations, view)

components.source_caption(view)
