"""One Plotly template and the chart builders every page uses. No streamlit here: figures only.

Colours are Okabe-Ito (colour-blind safe). Every bar or point carries customdata
[value as written for the reader, unit, report, source sentence, label, "unit" word, "report" word, unit as
stored] and the same hovertemplate, so a hover always shows where a number came from. Sentences are escaped
and wrapped (report text is untrusted).

One unit per axis: a builder given points of two units raises `MixedUnitsError` (312项 next to 128.58万条
would compare items with records and squash the small bars to nothing). Callers split with `split_by_unit`
and draw one chart per unit, or show lone values as tiles. The stored unit is the last customdata column, so
a test (or a browser) can check every drawn axis.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from ui.format import escape_hover, format_value, unit_label, wrap_hover
from ui.i18n import t
from ui.units import MONEY, MONEY_UNIT, PERCENT_UNIT, measure_name, measure_unit, shared_kind

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MISSING_COLOUR = "#8C8C8C"
FONT_STACK = "Noto Sans SC Subset, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
TEMPLATE_NAME = "rule_of_law"

HOVER_TEMPLATE = (
    "<b>%{customdata[4]}</b><br>%{customdata[0]}<br>"
    "%{customdata[5]}: %{customdata[1]}<br>%{customdata[6]}: %{customdata[2]}<br>"
    "<i>%{customdata[3]}</i>%{customdata[8]}<extra></extra>"
)


def _register_template() -> None:
    template = go.layout.Template()
    template.layout = go.Layout(
        colorway=list(OKABE_ITO),
        font={"family": FONT_STACK, "size": 13, "color": "#262730"},
        title={"font": {"size": 15}, "x": 0, "xanchor": "left"},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 8, "r": 16, "t": 40, "b": 8},
        hoverlabel={"font": {"family": FONT_STACK, "size": 13}, "bgcolor": "white", "align": "left"},
        xaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "automargin": True, "separatethousands": True,
               "exponentformat": "none"},
        yaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "automargin": True, "separatethousands": True,
               "exponentformat": "none"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        separators=".,",
    )
    template.data.bar = [go.Bar(marker={"line": {"width": 0}}, textposition="outside", cliponaxis=False)]
    pio.templates[TEMPLATE_NAME] = template


_register_template()


@dataclass(frozen=True)
class Point:
    """One value to draw: its label on the axis, the value (None = not reported) and where it came from."""

    label: str
    value: float | None
    unit: str
    report: str
    sentence: str = ""
    series: str = ""
    is_excerpt: bool = False
    qualifier: str | None = None
    why: str = ""  # why the value is this indicator (ui/why.py), shown under its sentence


def hover_row(point: Point, lang: str) -> list[str]:
    missing = t("common.not_reported", lang)
    return [
        format_value(point.value, point.unit, lang, missing=missing, qualifier=point.qualifier),
        unit_label(point.unit, lang) or "—",
        point.report,
        wrap_hover(point.sentence) if point.sentence else missing,
        wrap_hover(point.series or point.label, width=40),
        t("common.unit", lang),
        t("common.report", lang),
        measure_unit(point.unit),
        "<br>" + wrap_hover(point.why, width=40, max_lines=3) if point.why else "",
    ]


UNIT_COLUMN = 7  # customdata column holding the unit the value axis carries (ui.units.measure_unit)


class MixedUnitsError(ValueError):
    """Points of two units were given to one chart (one axis)."""


class NothingStatedError(ValueError):
    """Every point given to a chart is "not reported": say so in a sentence instead of drawing it."""


def axis_unit(points: Sequence[Point]) -> str:
    """The one unit every point's value axis carries (名 counts as 人: `measure_unit`); `MixedUnitsError` when
    they differ, `NothingStatedError` when no point has a value (or there are none)."""
    units = list(dict.fromkeys(measure_unit(p.unit) for p in points))
    if len(units) > 1:
        raise MixedUnitsError(f"one chart, several units: {', '.join(units)}")
    if all(p.value is None for p in points):  # also no points at all
        raise NothingStatedError("a chart of nothing but not-reported values")
    return units[0] if units else ""


def split_by_unit(points: Sequence[Point]) -> list[tuple[str, list[Point]]]:
    """Points grouped by the unit of their axis, the unit with most stated values first (ties: first seen)."""
    groups: dict[str, list[Point]] = {}
    for point in points:
        groups.setdefault(measure_unit(point.unit), []).append(point)
    order = {unit: n for n, unit in enumerate(groups)}
    return sorted(groups.items(), key=lambda item: (-sum(p.value is not None for p in item[1]), order[item[0]]))


def unit_title(title: str, unit: str, lang: str) -> str:
    """A chart title naming the unit its values carry: "数量类指标(件)", "Counts (cases)"."""
    measure = measure_name(unit, lang)
    if not measure:
        return title
    return f"{title}({measure})" if lang == "zh" else f"{title} ({measure})"


def source_subtitle(source: str) -> dict:
    """A title's subtitle naming region, year and source (lines split at "\n"; report text escaped)."""
    return {"text": "<br>".join(escape_hover(line) for line in source.split("\n")),
            "font": {"size": 11, "color": "#6B6B6B"}}


SOURCE_LINE_CHARS = 34  # longer and the region and year get their own line (a half-page chart is ~480 px)


def source_line(region: object, year: object, title: str, lang: str) -> str:
    """"重庆市綦江区 2021 · 来源:…报告", with a line break before the source when it would not fit."""
    place = f"{region} {year}".strip()
    text = t("chart.source", lang, title=title)
    return f"{place}\n{text}" if len(place) + len(text) > SOURCE_LINE_CHARS else f"{place} · {text}"


def source_top_margin(source: str) -> int:
    """The top margin a title plus its source subtitle need."""
    return 62 + 16 * source.count("\n")


def with_source(spec: dict, source: str) -> dict:
    """Draw the region, year and source into the figure (a subtitle under its title), so an exported PNG says
    where it came from; in place, returns the spec."""
    if source:
        spec["layout"].setdefault("title", {})["subtitle"] = source_subtitle(source)
        margin = dict(spec["layout"].get("margin") or {"l": 8, "r": 16, "b": 8})
        margin["t"] = max(int(margin.get("t", 40)), source_top_margin(source))
        spec["layout"]["margin"] = margin
    return spec


# The builders write the figure as the plain dict Plotly would produce (`to_dict()`), then wrap it with
# validation off: building it through go.Bar / update_layout validated every property and deep-copied the
# template each time, ~15 ms per chart, most of a page's script run. The dict holds only values Plotly
# accepts (tests/test_chart_specs.py puts every builder through the validating go.Figure).
_TEMPLATE_SPEC: dict | None = None


def _template_spec() -> dict:
    global _TEMPLATE_SPEC
    if _TEMPLATE_SPEC is None:
        _TEMPLATE_SPEC = pio.templates[TEMPLATE_NAME].to_plotly_json()
    return _TEMPLATE_SPEC


def figure_from_spec(spec: dict) -> go.Figure:
    """A go.Figure of a dict built by this module, without re-validating it (the dict is not copied)."""
    return go.Figure(spec, _validate=False)


def base_spec(title: str, height: int) -> dict:
    return {"data": [], "layout": {"template": _template_spec(), "title": {"text": title}, "height": height}}


def set_axis(spec: dict, name: str, **props: object) -> None:
    spec["layout"].setdefault(name, {}).update(props)


def bar_spec(points: Sequence[Point], lang: str, title: str = "", horizontal: bool = True) -> dict:
    """`bar_chart` as a plain figure dict."""
    unit = axis_unit(points)
    height = max(180, 48 + 36 * len(points)) if horizontal else 360
    spec = base_spec(title, height)
    series_names = list(dict.fromkeys(p.series for p in points))
    missing_text = t("common.not_reported", lang)
    for index, name in enumerate(series_names):
        group = [p for p in points if p.series == name]
        shown = [p for p in group if p.value is not None]
        labels = [p.label for p in shown]
        values = [p.value for p in shown]
        texts = [format_value(p.value, p.unit, lang, qualifier=p.qualifier) for p in shown]
        axis = {"y": labels, "x": values, "orientation": "h"} if horizontal else {"x": labels, "y": values}
        bar = {
            "type": "bar",
            **axis,
            "text": texts,
            "customdata": [hover_row(p, lang) for p in shown],
            "hovertemplate": HOVER_TEMPLATE,
            "marker": {
                "color": OKABE_ITO[index % len(OKABE_ITO)],
                "pattern": {"shape": ["/" if p.is_excerpt else "" for p in shown]},
            },
            "showlegend": bool(name) and len(series_names) > 1,
        }
        if name:
            bar["name"] = name
        spec["data"].append(bar)
        gaps = [p for p in group if p.value is None]
        if gaps:
            gap_labels = [p.label for p in gaps]
            gap_axis = (
                {"y": gap_labels, "x": [0] * len(gaps), "mode": "markers+text", "textposition": "middle right"}
                if horizontal
                else {"x": gap_labels, "y": [0] * len(gaps), "mode": "markers+text", "textposition": "top center"}
            )
            spec["data"].append({
                "type": "scatter",
                **gap_axis,
                "text": [missing_text] * len(gaps),
                "textfont": {"color": MISSING_COLOUR},
                "marker": {"symbol": "line-ns-open" if horizontal else "line-ew-open", "color": MISSING_COLOUR,
                           "size": 10},
                "customdata": [hover_row(p, lang) for p in gaps],
                "hovertemplate": HOVER_TEMPLATE,
                "name": missing_text,
                "showlegend": False,
            })
    value_axis = "xaxis" if horizontal else "yaxis"
    if horizontal:
        set_axis(spec, "yaxis", autorange="reversed", categoryorder="array",
              categoryarray=list(dict.fromkeys(p.label for p in points)))
        set_axis(spec, "xaxis", rangemode="tozero")
    else:
        set_axis(spec, "yaxis", rangemode="tozero")
    if len(series_names) > 1:
        spec["layout"]["barmode"] = "group"
    units = {unit}
    # The 0–112 axis with a "%" suffix fits percentages only, not the rest of the rates kind (个百分点 are
    # differences, small or negative), so this asks for the unit itself.
    if units == {PERCENT_UNIT}:
        set_axis(spec, value_axis, range=[0, 112], ticksuffix="%")
    else:
        largest = max((p.value for p in points if p.value is not None), default=0.0)
        # Room for the value labels outside the bars: "30 sessions" needs more than "30场".
        longest = max((len(text) for trace in spec["data"] if trace["type"] == "bar" for text in trace["text"]),
                      default=4)
        headroom = min(1.6, 1.1 + 0.03 * longest) if horizontal else 1.22
        if largest > 0:
            set_axis(spec, value_axis, range=[0, largest * headroom])
            if shared_kind(units) == MONEY:
                ticks = _nice_ticks(largest * headroom)
                set_axis(spec, value_axis, tickvals=ticks, ticktext=[format_value(v, MONEY_UNIT, lang) for v in ticks])
    return spec


def bar_chart(points: Sequence[Point], lang: str, title: str = "", horizontal: bool = True) -> go.Figure:
    """One bar per point, labelled with the value as written; missing values get a grey "not reported" note.
    All points carry one unit (else `MixedUnitsError`).

    Points with a `series` are grouped by it (one colour each). Excerpt reports get hatched bars.
    """
    return figure_from_spec(bar_spec(points, lang, title, horizontal))


def _nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick positions 0, s, 2s … below `top` (s = 1, 2 or 5 × a power of ten)."""
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(int(top // step) + 1)]


def funnel_spec(points: Sequence[Point], lang: str, title: str = "") -> dict:
    """`funnel_chart` as a plain figure dict: each step's share is of the step before it (as the rate cards)."""
    axis_unit(points)
    spec = base_spec(title, 300)
    texts = [format_value(p.value, p.unit, lang, qualifier=p.qualifier) for p in points]
    for number in range(1, len(points)):
        earlier, later = points[number - 1].value, points[number].value
        if earlier and later is not None:
            # The same rounding as the rate cards (ui.format.format_rate): 47/57 = 82.46%, not Plotly's 82%.
            share = format_value(round(later / earlier * 100, 2), PERCENT_UNIT, lang)
            texts[number] += f"<br>{t('chart.of_previous', lang)} {share}"
    spec["data"].append({
        "type": "funnel",
        "y": [p.label for p in points],
        "x": [p.value for p in points],
        "text": texts,
        "textinfo": "text",
        "customdata": [hover_row(p, lang) for p in points],
        "hovertemplate": HOVER_TEMPLATE,
        "marker": {"color": [OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(points))]},
        "connector": {"line": {"color": "#BDBDBD"}},
    })
    return spec


def funnel_chart(points: Sequence[Point], lang: str, title: str = "") -> go.Figure:
    """Steps of a process (applications → accepted → concluded) as a Plotly funnel."""
    return figure_from_spec(funnel_spec(points, lang, title))


# PNG export from a chart's own toolbar (camera button): a meaningful file name and 3× resolution.
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
IMAGE_SCALE = 3


def image_file_name(*parts: object) -> str:
    """A download name from its parts ("重庆市綦江区", "2021", "调解件数" → "重庆市綦江区_2021_调解件数").

    Characters a file system or a browser would refuse are dropped; Chinese is kept; never empty.
    """
    cleaned = [_UNSAFE_FILE_CHARS.sub(" ", str(p)).strip(" .") for p in parts if p is not None and str(p).strip()]
    name = "_".join("_".join(c.split()) for c in cleaned if c)
    return name[:120] or "chart"


def export_config(base: dict, *name_parts: object) -> dict:
    """A Plotly config whose toolbar camera downloads a PNG named after `name_parts`, at `IMAGE_SCALE`× size."""
    return {**base, "toImageButtonOptions": {"format": "png", "filename": image_file_name(*name_parts),
                                             "scale": IMAGE_SCALE}}


# The template is drawn for the light theme; with the dark theme (config [theme.dark], chosen by the reader's
# system or by ?embed_options=dark_theme) text and grid lines must be light instead.
DARK_TEXT = "#FAFAFA"
DARK_GRID = "#3A3F4B"


def for_theme(fig: go.Figure, dark: bool) -> go.Figure:
    """Make text, grid lines and hover labels readable on the app's current background (in place)."""
    if dark:
        fig.update_layout(font_color=DARK_TEXT, hoverlabel={"bgcolor": "#262730", "font": {"color": DARK_TEXT}})
        fig.update_xaxes(gridcolor=DARK_GRID, zerolinecolor="#5A5F6B")
        fig.update_yaxes(gridcolor=DARK_GRID, zerolinecolor="#5A5F6B")
    return fig


def spec_for_theme(spec: dict, dark: bool) -> dict:
    """`for_theme` on a figure dict of this module: a changed copy when dark, else the dict itself."""
    if not dark:
        return spec
    layout = dict(spec["layout"])
    layout["font"] = {**layout.get("font", {}), "color": DARK_TEXT}
    hoverlabel = layout.get("hoverlabel", {})
    layout["hoverlabel"] = {**hoverlabel, "bgcolor": "#262730", "font": {**hoverlabel.get("font", {}),
                                                                           "color": DARK_TEXT}}
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {**layout.get(axis, {}), "gridcolor": DARK_GRID, "zerolinecolor": "#5A5F6B"}
    return {**spec, "layout": layout}
