"""The chart of one indicator over the years (the compare page's lines), on a numeric year axis.

Kept beside ui/charts.py (same template, hover and one-unit rule) so that module stays small.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ui.charts import HOVER_TEMPLATE, OKABE_ITO, Point, axis_unit, base_spec, hover_row, set_axis
from ui.units import PERCENT_UNIT


def year_span(label: str) -> tuple[int, int] | None:
    """The years a year label covers: "2021" → (2021, 2021), "2016-2020" → (2016, 2020); None if not a year."""
    parts = [part.strip() for part in re.split(r"[-–—~至]", str(label)) if part.strip()]
    if not parts or not all(part.isdigit() and len(part) == 4 for part in parts) or len(parts) > 2:
        return None
    return int(parts[0]), int(parts[-1])


def line_spec(points: Sequence[Point], lang: str, title: str = "") -> dict:
    """Values over the years, one colour per series (region), on a numeric year axis, as a plain figure dict.

    A series with values in two or more single years gets a line (gaps stay gaps, never zero); one with a
    single year gets a marker only, no line. A multi-year span ("2016-2020") is a dotted horizontal segment
    from its first to its last year, never joined to yearly values (a five-year total is not a year's value).
    """
    unit = axis_unit(points)
    spec = base_spec(title, 360)
    series_names = list(dict.fromkeys(p.series for p in points))
    all_years: list[int] = []
    span_ends: list[int] = []
    for index, name in enumerate(series_names):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        spans = [(year_span(p.label), p) for p in points if p.series == name]
        yearly = sorted(((s[0], p) for s, p in spans if s is not None and s[0] == s[1]), key=lambda item: item[0])
        stated_years = [year for year, p in yearly if p.value is not None]
        all_years += [year for year, _ in yearly]
        trace = {
            "type": "scatter",
            "x": [year for year, _ in yearly],
            "y": [p.value for _, p in yearly],
            "mode": "lines+markers" if len(stated_years) >= 2 else "markers",
            "name": name,
            "legendgroup": name or str(index),
            "connectgaps": False,
            "marker": {"size": 9, "color": colour,
                       "symbol": ["diamond-open" if p.is_excerpt else "circle" for _, p in yearly]},
            "line": {"color": colour},
            "customdata": [hover_row(p, lang) for _, p in yearly],
            "hovertemplate": HOVER_TEMPLATE,
        }
        if yearly:
            spec["data"].append(trace)
        for years, point in ((s, p) for s, p in spans if s is not None and s[0] != s[1] and p.value is not None):
            all_years += list(years)
            span_ends.append(years[1])
            spec["data"].append({
                "type": "scatter",
                "x": list(years),
                "y": [point.value, point.value],
                "mode": "lines+markers+text",
                "text": ["", point.label],
                "textposition": "middle right",  # beside the span's end, inside the plot (not cut at its top)
                "cliponaxis": False,
                "name": f"{name} {point.label}".strip(),
                "legendgroup": name or str(index),
                "showlegend": not yearly,
                "line": {"color": colour, "dash": "dot", "width": 3},
                "marker": {"size": 9, "color": colour, "symbol": "line-ns-open"},
                "customdata": [hover_row(point, lang)] * 2,
                "hovertemplate": HOVER_TEMPLATE,
            })
    if all_years:
        set_axis(spec, "xaxis", type="linear", dtick=1, tickformat="d", separatethousands=False,
              range=[min(all_years) - 0.5, max(all_years) + (1.4 if max(all_years) in span_ends else 0.5)])
    set_axis(spec, "yaxis", rangemode="tozero")
    if unit == PERCENT_UNIT:
        set_axis(spec, "yaxis", ticksuffix="%")
    spec["layout"]["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.16, "x": 0}
    return spec
