"""The chart builders write Plotly figure dicts by hand and skip Plotly's validation (ui/charts.py).

These tests are that validation: every builder's dict, light and dark, must go through the validating
`go.Figure` unchanged, so a misspelt property or an invalid value fails here and not silently in a browser.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from ui import charts

POINTS = [
    charts.Point("綦江区 2021", 5169.0, "件", "重庆市綦江区 2021", "全年共调解纠纷5169件。", is_excerpt=False),
    charts.Point("东城区 2021", None, "件", "北京市东城区 2021", "", is_excerpt=True),
    charts.Point("綦江区 2020", 98.45, "%", "重庆市綦江区 2020", "调解成功率98.45%。", series="成功率", qualifier="余"),
]
BUILDERS = {
    "bar horizontal": lambda lang: charts.bar_spec(POINTS, lang, "调解", horizontal=True),
    "bar vertical": lambda lang: charts.bar_spec(POINTS, lang, "调解", horizontal=False),
    "line": lambda lang: charts.line_spec(POINTS, lang, "趋势"),
    "funnel": lambda lang: charts.funnel_spec(POINTS[:1] + POINTS[2:], lang, "复议"),
}


def _canonical(spec: dict) -> dict:
    return json.loads(json.dumps(spec, sort_keys=True, default=str))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("builder", BUILDERS.values(), ids=BUILDERS.keys())
def test_spec_survives_plotly_validation_unchanged(builder, lang: str, dark: bool) -> None:
    spec = charts.spec_for_theme(builder(lang), dark)
    validated = go.Figure(spec)  # raises on any property or value Plotly does not accept
    assert _canonical(validated.to_plotly_json()) == _canonical(charts.figure_from_spec(spec).to_plotly_json())
    assert spec["data"], "a chart with no trace"


def test_missing_value_is_a_not_reported_marker_not_a_bar() -> None:
    spec = charts.bar_spec(POINTS, "zh", "调解")
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert "东城区 2021" not in [label for trace in bars for label in trace["y"]]
    assert sorted(v for trace in bars for v in trace["x"]) == [98.45, 5169.0]
    (marker,) = [trace for trace in spec["data"] if trace["type"] == "scatter"]
    assert marker["y"] == ["东城区 2021"] and marker["text"] == ["未披露"]
