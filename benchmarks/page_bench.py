"""Warm script-run time of every dashboard page (streamlit.testing.v1.AppTest) against a bare page.

For each page: open it through dashboard.py (as tests/test_pages.py does), run once to fill the caches, then
time further runs. The baseline is a bare script that draws the same number of Plotly charts from constant
data, timed the same way in the same process, so the ratio is what the page itself adds.
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


def bare_page(charts: int) -> None:
    """Constant data, the same chart calls a page makes; nothing else."""
    import plotly.graph_objects as go
    import streamlit as st

    st.title("bare")
    for index in range(charts):
        fig = go.Figure(go.Bar(x=[f"地区{i}" for i in range(8)], y=[i * 3 + index for i in range(8)]))
        fig.update_layout(height=320, margin={"l": 10, "r": 10, "t": 30, "b": 10})
        st.plotly_chart(fig, theme=None, key=f"bare_{index}", width="stretch")


def page_specs() -> list:
    from ui.nav import PAGES

    return [spec for spec in PAGES if not spec.admin_only]


def _warm_median(at: AppTest, runs: int) -> float:
    at.run()  # first run: caches, imports
    return median(repeat(at.run, runs))


def run(db_path: Path, runs: int, label: str = "") -> tuple[list[Result], dict[str, tuple[str, int]]]:
    """Results, and per page name: (URL path, charts drawn) — the browser benchmark waits for that many."""
    os.environ["DASHBOARD_DB"] = str(db_path)
    results: list[Result] = []
    charts: dict[str, tuple[str, int]] = {}
    for spec in page_specs():
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).switch_page(spec.path)
        page_seconds = _warm_median(at, runs)
        if at.exception:
            raised = str(at.exception[0].value).splitlines()[0][:160]
            results.append(Result("pages", spec.url_path + label, page_seconds * 1000, "ms",
                                  note=f"page raised: {raised}"))
            continue
        count = len(at.get("plotly_chart"))
        # The default page lives at /. A page that is not a chart page (ui.nav) may draw its charts only on
        # demand (presentation slides), so the browser waits for it to settle rather than for its charts.
        charts[spec.url_path] = ("" if spec.default else spec.url_path, count if spec.chart_page else 0)
        bare = AppTest.from_function(bare_page, args=(count,), default_timeout=TIMEOUT)
        bare_seconds = _warm_median(bare, runs)
        ratio = page_seconds / bare_seconds
        results.append(
            Result("pages", f"{spec.url_path}{label} warm run", page_seconds * 1000, "ms", bare_seconds * 1000,
                   f"<= {TARGET_RATIO}x bare", ratio <= TARGET_RATIO, f"{count} charts; median of {runs} warm runs")
        )
    return results, charts
