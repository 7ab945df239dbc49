"""Shared page pieces: header, source caption, metric cards, charts from observations, empty notices.

Report text is untrusted. It is shown as plain text (dataframes, st.text, hover labels with escaped markup)
or, where Streamlit renders markdown (captions, tooltips via help=), after `md_escape`, which neutralises
links, images and HTML. `unsafe_allow_html` is never used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from ui import data, review
from ui.assets import chart_locale_config
from ui.charts import (
    Point,
    bar_spec,
    export_config,
    figure_from_spec,
    source_line,
    spec_for_theme,
    split_by_unit,
    unit_title,
    with_source,
)
from ui.format import format_delta, format_value, md_escape, qualifier_of
from ui.i18n import domains_title, indicator_name, t
from ui.place_names import place_name, report_title
from ui.units import KIND_TITLE_KEYS, KINDS, measure_unit, unit_kind
from ui.view import View
from ui.why import why_text

_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]\"']+$")
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"], "responsive": True}


def page_header(view: View, title_key: str) -> None:
    _header(view, view.t(title_key))


def domain_page_header(view: View, domains: Sequence[str]) -> None:
    """The header of a page showing `domains`, titled with their catalogue names."""
    _header(view, domains_title(domains, view.lang))


def _header(view: View, title: str) -> None:
    st.title(title)
    if view.report is not None and view.report.get("is_excerpt"):
        st.caption(view.t("notice.excerpt"))


def source_caption(view: View) -> None:
    """Names the report every number on the page came from, with a link to the original when it has one."""
    if view.report is None:
        return
    report = view.report
    excerpt = view.t("caption.excerpt") if report.get("is_excerpt") else ""
    text = view.t(
        "caption.source", title=md_escape(report_title(report, view.lang)),
        region=md_escape(view.region_name), year=md_escape(report["year_label"]), excerpt=excerpt,
    )
    url = str(report.get("source_url") or "")
    if _SAFE_URL.match(url):
        text += f" [{view.t('caption.url')}]({url})"
    st.caption(text)


def nothing_to_show(view: View) -> None:
    """One sentence instead of an empty chart."""
    st.info(view.t("notice.nothing", report=view.report_label))


def chart_source(report: Mapping[str, Any] | None, lang: str) -> str:
    """The line drawn into a chart naming its region, year and source report (an exported PNG keeps it)."""
    if not report:
        return ""
    region, year = report.get("region_label") or report.get("region_name") or "", report.get("year_label") or ""
    title = str(report.get("title") or "").strip() or t("present.untitled", lang, region=region, year=year)
    return source_line(place_name(str(region), lang), year, title, lang)


def show_chart(chart: dict | go.Figure, key: str | None = None, source: str | None = None) -> None:
    """A chart with the region, year and source drawn in (`source`, else the view's report), and a toolbar whose
    camera saves a 3x PNG named "<region> <year>_<chart title>" (ui.charts.export_config).

    `chart` is best a figure dict of ui.charts (`bar_spec`, `funnel_spec` …, possibly a cached one, left as it
    was): the source goes into a copy of its layout, and the figure is wrapped without validation. Setting it
    through `go.Figure.update_layout` validated the layout on every view, a fifth of the overview's server time.
    """
    view = st.session_state.get("_view")
    report = view.report_label if isinstance(view, View) else ""
    if source is None:
        source = chart_source(view.report, view.lang) if isinstance(view, View) else ""
    spec = chart.to_dict() if isinstance(chart, go.Figure) else chart
    layout = dict(spec.get("layout") or {})
    layout["title"] = dict(layout.get("title") or {})
    spec = with_source({**spec, "layout": layout}, source)
    config = export_config(CHART_CONFIG, report, layout["title"].get("text") or key or "")
    config |= chart_locale_config(view.lang if isinstance(view, View) else "zh")  # the toolbar in Chinese
    if st.context.theme.type == "dark":
        spec = spec_for_theme(spec, dark=True)  # a copy: the caller's spec stays light
    st.plotly_chart(figure_from_spec(spec), theme=None, config=config, key=key, width="stretch")


Row = Mapping[str, Any]  # one row of ui.data.records(...)


# Statuses a viewer's page marks next to a value: nobody has checked it yet, or a person changed it.
MARKED_STATUSES = ("needs_review", "corrected")


def status_mark(row: Row, lang: str) -> str:
    """" · 待核" / " · 已更正" after a value's name when its assignment needs it, else ""."""
    status = row.get("assignment_status")
    return f" · {t(f'status.{status}', lang)}" if status in MARKED_STATUSES else ""


def marked_name(row: Row, lang: str) -> str:
    return indicator_name(row, lang) + status_mark(row, lang)


def observation_lookup(observations: Iterable[Row]) -> dict[str, Row]:
    """indicator_id → observation row for quick access by id."""
    return {row["indicator_id"]: row for row in observations}


def points_from(observations: Iterable[Row], view: View, series: str = "") -> list[Point]:
    """One chart point per observation row, labelled with the indicator's name in the view's language."""
    excerpt = bool(view.report and view.report.get("is_excerpt"))
    return [
        Point(
            label=marked_name(row, view.lang), value=float(row["value"]), unit=str(row["unit"]),
            report=view.report_label, sentence=str(row["sentence"] or ""), series=series,
            is_excerpt=excerpt, qualifier=qualifier_of(row),
            why=why_text(row.get("assignment_rule"), view.lang, row.get("assignment_status"), row.get("review_reason")),
        )
        for row in observations
    ]


WIDE_VALUE_CHARS = 7


def metric_cards(
    rows: Iterable[Row],
    view: View,
    previous: Mapping[str, Row] | None = None,
    previous_year: str = "",
    columns: int = 4,
) -> None:
    """st.metric per observation; the source sentence is the tooltip; delta vs the previous report if any."""
    rows = list(rows)
    if not rows:
        return
    # Beside each value: its position among the reports of the same admin level and year that state it.
    peers = review.peer_captions(view.report, view.lang)
    values = [format_value(r["value"], r["unit"], view.lang, qualifier=qualifier_of(r)) for r in rows]
    if max(len(v) for v in values) > WIDE_VALUE_CHARS:
        columns = min(columns, 3)  # "7,690万余元" is cut off in a quarter of the page
    for start in range(0, len(rows), columns):
        cols = st.columns(columns)
        chunk = zip(cols, rows[start : start + columns], values[start : start + columns], strict=False)
        for col, row, value in chunk:
            prior = (previous or {}).get(row["indicator_id"])
            delta = format_delta(row["value"], prior["value"] if prior else None, row["unit"], view.lang)
            better = row.get("higher_is_better")
            color: Literal["off", "normal", "inverse"] = (
                "off" if better is None or pd.isna(better) else ("normal" if better else "inverse")
            )
            col.metric(
                marked_name(row, view.lang),
                value,
                delta=delta,
                delta_color=color,
                delta_description=view.t("common.previous", year=previous_year) if delta else None,
                help=md_escape(row.get("sentence") or ""),
                border=True,
            )
            if peers.get(row["indicator_id"]):
                col.caption(md_escape(peers[row["indicator_id"]]), help=view.t("peer.help"))


def unit_groups(observations: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    """Observations by unit: counts, then rates, then amounts; within a kind the unit with most values first."""
    groups: dict[str, list[Row]] = {}
    for row in observations:
        groups.setdefault(measure_unit(str(row["unit"])), []).append(row)
    order = {unit: n for n, unit in enumerate(groups)}
    return sorted(groups.items(), key=lambda item: (KINDS.index(unit_kind(item[0])), -len(item[1]), order[item[0]]))


def chart_title(view: View, unit: str) -> str:
    """"数量类指标(件)": the kind of values and the unit they carry."""
    return unit_title(view.t(KIND_TITLE_KEYS[unit_kind(unit)]), unit, view.lang)


def unit_charts(points: Sequence[Point], view: View, title: str, key: str) -> None:
    """Points as one bar chart per unit (one unit per axis); with several units each title names its unit."""
    groups = split_by_unit(points)
    for number, (unit, group) in enumerate(groups):
        shown_title = unit_title(title, unit, view.lang) if len(groups) > 1 else title
        show_chart(bar_spec(group, view.lang, title=shown_title), key=key if number == 0 else f"{key}_{number}")


def unit_group_charts(
    observations: Sequence[Row], view: View, key_prefix: str, columns: int = 2, carded: Iterable[Row] = ()
) -> None:
    """One chart per unit with two or more values (small multiples, never two units on one axis); a unit's lone
    value is a tile instead, unless it is already shown as a card (`carded`)."""
    groups = unit_groups(observations)
    charted = [(unit, rows) for unit, rows in groups if len(rows) >= 2]
    shown = {row["indicator_id"] for row in carded}
    lone = [rows[0] for _, rows in groups if len(rows) == 1 and rows[0]["indicator_id"] not in shown]
    if charted:
        cols = st.columns(min(columns, len(charted)))
        for index, (unit, rows) in enumerate(charted):
            fig = bar_spec(points_from(rows, view), view.lang, title=chart_title(view, unit))
            with cols[index % len(cols)]:
                show_chart(fig, key=f"{key_prefix}_{unit_kind(unit)}_{index}")
    if lone:
        st.caption(view.t("domain.single_values"))
        metric_cards(lone, view)


def pick(observations: Iterable[Row], indicator_ids: Sequence[str]) -> list[Row]:
    """The rows of the given indicators, in the order given (missing ones simply absent)."""
    order = {iid: n for n, iid in enumerate(indicator_ids)}
    return sorted((row for row in observations if row["indicator_id"] in order),
                  key=lambda row: order[row["indicator_id"]])


def without(observations: Iterable[Row], indicator_ids: Sequence[str]) -> list[Row]:
    """The rows of every indicator except the given ones, in their order."""
    excluded = set(indicator_ids)
    return [row for row in observations if row["indicator_id"] not in excluded]


def source_table(observations: Sequence[Row], view: View) -> pd.DataFrame:
    """The observations as a plain table for st.dataframe: indicator, value, section, sentence."""
    return pd.DataFrame(
        {
            view.t("common.indicator"): [marked_name(r, view.lang) for r in observations],
            view.t("common.value"): [
                format_value(r["value"], r["unit"], view.lang, qualifier=qualifier_of(r)) for r in observations
            ],
            view.t("common.figure_text"): [r.get("figure_text") or "" for r in observations],
            view.t("common.section"): [r.get("section_path") or "" for r in observations],
            view.t("common.sentence"): [r.get("sentence") or "" for r in observations],
        }
    )


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """A frame as st.dataframe would convert it itself (without its index, which every table here hides).

    Cached tables are kept in this form: st.dataframe turns a pandas frame into Arrow on every call (~1 ms for
    a few dozen rows of Chinese text), an Arrow table it only serialises (~0.05 ms).
    """
    return pa.Table.from_pandas(frame, preserve_index=False)


def values_expander(observations: Sequence[Row], view: View) -> None:
    """Every value of the page with its sentence, as plain text in a table."""
    if not observations:
        return
    # One report's observations are one row per indicator, so the ids name the rows for this database version.
    table = data.derived(
        "values_table", lambda: arrow_table(source_table(observations, view)),
        view.report_id, view.lang, tuple(row["indicator_id"] for row in observations),
    )
    with st.expander(view.t("domain.values")):
        st.dataframe(table, hide_index=True, width="stretch")


def figure_detail(row: Mapping[str, Any], view: View) -> None:
    """One figure of the explorer as a card: value and indicator, why it has that indicator, section and the
    sentence it came from (report text is escaped: it is shown, never interpreted)."""
    with st.container(border=True):
        for key in ("common.value", "common.indicator", "why.title", "common.section", "common.sentence"):
            value = row.get(view.t(key))
            if value:
                st.markdown(f"**{view.t(key)}** · {md_escape(str(value))}")
