"""The chart builders write Plotly figure dicts by hand and skip Plotly's validation (ui/charts.py).

These tests are that validation: every builder's dict, light and dark, must go through the validating
`go.Figure` unchanged, so a misspelt property or an invalid value fails here and not silently in a browser.
They also hold the builders to one unit per axis (given two units, every builder raises), to the value as the
report wrote it (余, 累计) and to one convention for shares (of the previous step).
"""

from __future__ import annotations

import dataclasses
import json

import plotly.graph_objects as go
import pytest

from ui import charts, trend

POINTS = [
    charts.Point("2021", 5169.0, "件", "重庆市綦江区 2021", "全年共调解纠纷5169件。", series="綦江区"),
    charts.Point("2021", None, "件", "北京市东城区 2021", "", series="东城区", is_excerpt=True),
    charts.Point("2020", 780000.0, "件", "重庆市綦江区 2020", "办理政务服务事项78万余件。", series="綦江区",
                 qualifier="余"),
    charts.Point("2016-2020", 20000.0, "件", "重庆市綦江区 2016-2020", "五年共调解2万件。", series="綦江区"),
]
FUNNEL = [charts.Point(label, value, "件", "重庆市綦江区 2021", "") for label, value in
          (("申请", 61.0), ("受理", 57.0), ("办结", 47.0))]
BUILDERS = {
    "bar horizontal": lambda points, lang: charts.bar_spec(points, lang, "调解", horizontal=True),
    "bar vertical": lambda points, lang: charts.bar_spec(points, lang, "调解", horizontal=False),
    "line": lambda points, lang: trend.line_spec(points, lang, "趋势"),
    "funnel": lambda points, lang: charts.funnel_spec([p for p in points if p.value is not None], lang, "复议"),
}


def _canonical(spec: dict) -> dict:
    return json.loads(json.dumps(spec, sort_keys=True, default=str))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("builder", BUILDERS.values(), ids=BUILDERS.keys())
def test_spec_survives_plotly_validation_unchanged(builder, lang: str, dark: bool) -> None:
    spec = charts.spec_for_theme(charts.with_source(builder(POINTS, lang), "重庆市綦江区 2021\n来源:报告"), dark)
    validated = go.Figure(spec)  # raises on any property or value Plotly does not accept
    assert _canonical(validated.to_plotly_json()) == _canonical(charts.figure_from_spec(spec).to_plotly_json())
    assert spec["data"], "a chart with no trace"


def test_missing_value_is_a_not_reported_marker_not_a_bar() -> None:
    points = [dataclasses.replace(p, label=p.report) for p in POINTS]
    spec = charts.bar_spec(points, "zh", "调解")
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert "北京市东城区 2021" not in [label for trace in bars for label in trace["y"]]
    assert sorted(v for trace in bars for v in trace["x"]) == [5169.0, 20000.0, 780000.0]
    (marker,) = [trace for trace in spec["data"] if trace["type"] == "scatter"]
    assert marker["y"] == ["北京市东城区 2021"] and marker["text"] == ["未披露"]


def drawn_units(spec: dict) -> set[str]:
    """Every stored unit drawn in a figure (the last customdata column of every trace)."""
    return {row[charts.UNIT_COLUMN] for trace in spec["data"] for row in trace.get("customdata") or ()}


@pytest.mark.parametrize("builder", BUILDERS.values(), ids=BUILDERS.keys())
def test_every_builder_refuses_two_units_on_one_axis(builder) -> None:
    mixed = [*POINTS[:1], charts.Point("2021", 128.58e4, "条", "重庆市綦江区 2021", "", series="綦江区")]
    with pytest.raises(charts.MixedUnitsError, match="件, 条"):
        builder(mixed, "zh")
    assert drawn_units(builder(POINTS, "zh")) == {"件"}


def test_split_by_unit_gives_one_chart_per_unit_most_values_first() -> None:
    points = [charts.Point("a", 312.0, "项", "r"), charts.Point("b", 10792.0, "户", "r"),
              charts.Point("c", 210.0, "项", "r"), charts.Point("d", None, "户", "r")]
    groups = charts.split_by_unit(points)
    assert [(unit, [p.label for p in group]) for unit, group in groups] == [("项", ["a", "c"]), ("户", ["b", "d"])]
    for unit, group in groups:
        assert drawn_units(charts.bar_spec(group, "zh")) == {unit}
    assert charts.unit_title("数量类指标", "项", "zh") == "数量类指标(项)"
    assert charts.unit_title("Counts", "户", "en") == "Counts (households)"


@pytest.mark.parametrize(("lang", "expected"), [("zh", "78万余件"), ("en", "over 780,000")])
def test_bar_text_and_hover_keep_the_qualifier(lang: str, expected: str) -> None:
    spec = charts.bar_spec(POINTS, lang, "调解")
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert expected in [text for bar in bars for text in bar["text"]]
    assert expected in [row[0] for bar in bars for row in bar["customdata"]]  # the hover's first line
    line = trend.line_spec(POINTS, lang)
    assert expected in [row[0] for trace in line["data"] for row in trace["customdata"]]


@pytest.mark.parametrize(("lang", "word"), [("zh", "占上一环节"), ("en", "of previous step")])
def test_funnel_shares_are_of_the_previous_step_as_the_cards(lang: str, word: str) -> None:
    (funnel,) = charts.funnel_spec(FUNNEL, lang, "复议")["data"]
    assert funnel["textinfo"] == "text"  # Plotly's own rounded "percent initial" would disagree with the cards
    assert funnel["text"][1].endswith(f"{word} 93.44%") and funnel["text"][2].endswith(f"{word} 82.46%")
    assert word not in funnel["text"][0]


def test_year_axis_is_numeric_and_a_span_is_a_segment_not_a_category() -> None:
    spec = trend.line_spec(POINTS, "zh", "趋势")
    assert spec["layout"]["xaxis"]["type"] == "linear"
    yearly, span = [t for t in spec["data"] if t["name"] == "綦江区"], [t for t in spec["data"]
                                                                      if "2016-2020" in t["name"]]
    assert yearly[0]["x"] == [2020, 2021] and yearly[0]["mode"] == "lines+markers"
    assert span[0]["x"] == [2016, 2020] and span[0]["y"] == [20000.0, 20000.0]
    assert all(isinstance(x, int) for trace in spec["data"] for x in trace["x"])
    (single,) = [t for t in spec["data"] if t["name"] == "东城区"]
    assert single["mode"] == "markers"  # one year (here not even stated): no trend line
    assert spec["layout"]["legend"]["y"] < 0  # below the plot, clear of the title


def test_source_is_drawn_into_the_figure() -> None:
    title = "重庆市綦江区2021年度法治政府建设情况报告"
    source = charts.source_line("重庆市綦江区", "2021", title, "zh")
    spec = charts.with_source(charts.bar_spec(POINTS, "zh", "调解"), source)
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    assert subtitle == "重庆市綦江区 2021<br>来源:重庆市綦江区2021年度法治政府建设情况报告"
    assert charts.source_line("东城区", "2021", "报告", "en") == "东城区 2021 · Source: 报告"


def test_synonymous_units_share_an_axis_others_do_not() -> None:
    people = [charts.Point("新任", 321.0, "名", "r"), charts.Point("法制审核", 115.0, "人", "r")]
    assert drawn_units(charts.bar_spec(people, "zh")) == {"人"}  # 名 and 人 both count people
    assert charts.bar_spec(people, "zh")["data"][0]["text"] == ["321名", "115人"]  # each as its report wrote it
    with pytest.raises(charts.MixedUnitsError):
        charts.bar_spec([*people, charts.Point("培训", 800.0, "人次", "r")], "zh")  # person-times are not people


@pytest.mark.parametrize("builder", BUILDERS.values(), ids=BUILDERS.keys())
def test_no_builder_draws_a_chart_of_nothing_but_not_reported(builder) -> None:
    with pytest.raises(charts.NothingStatedError):
        builder([POINTS[1], dataclasses.replace(POINTS[1], series="b")], "zh")
