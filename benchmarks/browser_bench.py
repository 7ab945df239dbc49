"""Cold start and per-page render time in headless Chromium, each against a bare Streamlit app.

- cold start: `streamlit run dashboard.py` with DASHBOARD_DB in an empty directory (so the first start builds
  the database from data/reports), until the first Plotly chart has drawn in the browser. Baseline: the same
  for a bare app that draws one chart from constant data.
- pages: navigation to each page until its last chart has drawn (the number of charts AppTest counted) and
  the script run is over. Baseline: the bare app drawing the same number of charts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.common import ROOT, Result, median
from benchmarks.streamlit_server import free_port, stop, wait_healthy

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TARGET_COLD_SECONDS = 5
TIMEOUT_MS = 120_000
BARE_APP = '''
import streamlit as st
from benchmarks.page_bench import bare_page

bare_page(int(st.query_params.get("charts", "1")))
'''
# Every expected chart has drawn its SVG and the script run is over.
CHARTS_DRAWN_JS = """(expected) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
    if (!document.querySelector('[data-testid="stHeading"], [data-testid="stException"]')) return false;
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= expected && plots.every(p => p.querySelector('.main-svg'));
}"""


def _start(script: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, f"http://127.0.0.1:{port}"


def _render(page: Page, url: str, expected: int) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(CHARTS_DRAWN_JS, arg=expected, timeout=TIMEOUT_MS, polling=20)
    return time.perf_counter() - start


def _cold_start(page: Page, script: Path, env: dict[str, str], path: str) -> tuple[float, subprocess.Popen, str]:
    start = time.perf_counter()
    process, url = _start(script, env)
    wait_healthy(url, process, TIMEOUT_MS / 1000, poll_s=0.05)
    page.goto(url + path)
    page.wait_for_function(CHARTS_DRAWN_JS, arg=1, timeout=TIMEOUT_MS, polling=20)
    return time.perf_counter() - start, process, url


def _page_result(page: Page, name: str, url: str, bare_url: str, expected: int, runs: int) -> Result:
    try:
        _render(page, url, expected)  # warm: the server's caches and the browser's
        seconds = median([_render(page, url, expected) for _ in range(runs)])
        base = median([_render(page, bare_url, expected) for _ in range(runs)])
    except PlaywrightTimeoutError:
        drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot .main-svg').length")
        return Result("browser", f"{name} to last chart", TIMEOUT_MS, "ms", None, "", False,
                      f"timed out: {drawn} chart SVGs of {expected} charts drawn")
    return Result("browser", f"{name} to last chart", seconds * 1000, "ms", base * 1000, "", None,
                  f"{expected} charts; median of {runs}")


def run(charts: dict[str, tuple[str, int]], runs: int) -> list[Result]:
    """`charts`: page name → (URL path, number of charts it draws), from the AppTest benchmark."""
    work = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    bare_script = work / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    results: list[Result] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="zh-CN")
        page = context.new_page()
        bare_cold, bare, bare_url = _cold_start(page, bare_script, {}, "?charts=1")
        env = {"DASHBOARD_DB": str(work / "empty" / "dashboard.duckdb")}
        cold, app, url = _cold_start(page, ROOT / "dashboard.py", env, "")
        try:
            results.append(
                Result("browser", "cold start to first chart", cold, "s", bare_cold, f"< {TARGET_COLD_SECONDS} s",
                       cold < TARGET_COLD_SECONDS, "empty data dir: builds the database from data/reports first")
            )
            for name, (path, expected) in charts.items():
                results.append(_page_result(page, name, f"{url}/{path}", f"{bare_url}/?charts={expected}", expected,
                                            runs))
        finally:
            stop(app)
            stop(bare)
            browser.close()
    return results
