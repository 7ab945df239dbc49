"""Warm script-run time of every dashboard page (streamlit.testing.v1.AppTest) against a bare page.

For each page: open it through dashboard.py (as tests/test_pages.py does), run once to fill the caches, then
time further runs. The baseline is a bare script that draws the same number of Plotly charts from constant
data, timed the same way in the same process, so the ratio is what the page itself adds.

Pages that draw tables (st.dataframe) also get a second, table-aware baseline in the note: the same charts plus
as many tables of constant text of the same shapes. The target is judged on the chart-only ratio, as the issue
states it; for a page with no charts that baseline is a title alone, so the note says what the tables cost.
"""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.common import Result, median, repeat

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
ROOT_REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
TARGET_RATIO = 1.5
TIMEOUT = 120


def bare_page(charts: int, tables: tuple[tuple[int, int], ...] = ()) -> None:
    """Constant data, the same chart calls a page makes (and one st.dataframe of constant text per (rows, columns)
    in `tables`); nothing else. AppTest.from_function runs this function's source alone, so it imports what it
    uses and its annotations must evaluate without the module's imports."""
    import pandas as pd
    import plotly.graph_objects as go
    import streamlit as st

    st.title("bare")
    for index in range(charts):
        fig = go.Figure(go.Bar(x=[f"地区{i}" for i in range(8)], y=[i * 3 + index for i in range(8)]))
        fig.update_layout(height=320, margin={"l": 10, "r": 10, "t": 30, "b": 10})
        st.plotly_chart(fig, theme=None, key=f"bare_{index}", width="stretch")
    for rows, columns in tables:
        frame = pd.DataFrame({f"列{c}": [f"第{r}行的文字内容" for r in range(rows)] for c in range(columns)})
        st.dataframe(frame, hide_index=True, width="stretch")


def page_specs() -> list:
    from ui.nav import PAGES

    return [spec for spec in PAGES if not spec.admin_only]


def _warm(at: AppTest, baseline: bool = False) -> AppTest:
    at.run()  # first run: caches, imports
    if baseline and at.exception:  # a baseline that fails early would make every page look slow
        raise RuntimeError(f"bare page raised: {at.exception[0].value}")
    return at


def _interleaved_medians(apps: list[AppTest], runs: int) -> list[float]:
    """Median run time of each app, their runs taken in turn: on a shared machine the load drifts over seconds,
    and timing all runs of the page and then all runs of the baseline put that drift into the ratio."""
    samples: list[list[float]] = [[] for _ in apps]
    for _ in range(runs):
        for app, times in zip(apps, samples, strict=True):
            times.extend(repeat(app.run, 1))
    return [median(times) for times in samples]


def run(db_path: Path, runs: int, label: str = "") -> tuple[list[Result], dict[str, tuple[str, int]]]:
    """Results, and per page name: (URL path, charts drawn) — the browser benchmark waits for that many."""
    os.environ["DASHBOARD_DB"] = str(db_path)
    results: list[Result] = []
    charts: dict[str, tuple[str, int]] = {}
    for spec in page_specs():
        at = _warm(AppTest.from_file(APP, default_timeout=TIMEOUT).switch_page(spec.path))
        if at.exception:
            raised = str(at.exception[0].value).splitlines()[0][:160]
            results.append(Result("pages", spec.url_path + label, median(repeat(at.run, runs)) * 1000, "ms",
                                  note=f"page raised: {raised}"))
            continue
        count = len(at.get("plotly_chart"))
        # The default page lives at /. A page that is not a chart page (ui.nav) may draw its charts only on
        # demand (presentation slides), so the browser waits for it to settle rather than for its charts.
        charts[spec.url_path] = ("" if spec.default else spec.url_path, count if spec.chart_page else 0)
        shapes = tuple(tuple(table.value.shape) for table in at.dataframe)
        apps = [at, _warm(AppTest.from_function(bare_page, args=(count,), default_timeout=TIMEOUT), baseline=True)]
        if shapes:
            apps.append(_warm(AppTest.from_function(bare_page, args=(count, shapes), default_timeout=TIMEOUT),
                              baseline=True))
        page_seconds, bare_seconds, *tabled = _interleaved_medians(apps, runs)
        ratio = page_seconds / bare_seconds
        note = f"{count} charts; median of {runs} warm runs, taken in turn with the baseline"
        if tabled:
            note += (f"; {page_seconds / tabled[0]:.2f}x a bare page with the same charts and {len(shapes)}"
                     f" table(s) of the same shape ({tabled[0] * 1000:.1f} ms)")
        results.append(
            Result("pages", f"{spec.url_path}{label} warm run", page_seconds * 1000, "ms", bare_seconds * 1000,
                   f"<= {TARGET_RATIO}x bare", ratio <= TARGET_RATIO, note)
        )
    return results, charts
