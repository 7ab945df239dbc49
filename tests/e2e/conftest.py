"""Browser-test fixtures, reusable by any page test (presentation mode, uploads …).

- `streamlit_server`: one `streamlit run dashboard.py` per test session on a free port, with DASHBOARD_DB in
  a fresh temporary directory, so the first start builds the database from data/reports like a new install.
- `browser`: headless Debian chromium driven by Playwright (no downloaded browser, no network services).
- `page`: a fresh page per test that records every request; `external_requests` lists the ones that did not
  go to localhost (the dashboard must work on an intranet without internet).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.streamlit_server import free_port, stop, wait_healthy

APP_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = APP_DIR / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
STARTUP_SECONDS = 180


@dataclass
class Server:
    url: str
    db_path: Path
    log_path: Path


@dataclass
class RecordedPage:
    """A browser page plus every URL it requested; helpers to wait for a script run and take a screenshot."""

    page: Page
    requests: list[str] = field(default_factory=list)

    @property
    def external_requests(self) -> list[str]:
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).hostname not in LOCAL_HOSTS]

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.wait()

    def wait(self, timeout_ms: int = 60_000) -> None:
        wait_for_app(self.page, timeout_ms)

    def screenshot(self, name: str) -> Path:
        return screenshot(self.page, name)


@contextmanager
def run_streamlit(tmp: Path, **extra_env: str) -> Iterator[Server]:
    """`streamlit run dashboard.py` on a free loopback port with its own database file in `tmp`."""
    db_path = tmp / "dashboard.duckdb"
    log_path = tmp / "streamlit.log"
    port = free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db_path), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **extra_env}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=APP_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, STARTUP_SECONDS, log_path, poll_s=0.3)
        yield Server(url=url, db_path=db_path, log_path=log_path)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with run_streamlit(tmp_path_factory.mktemp("e2e")) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def recorded_page(browser: Browser) -> Iterator[RecordedPage]:
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="zh-CN")
    page = context.new_page()
    recorded = RecordedPage(page=page)
    page.on("request", lambda request: recorded.requests.append(request.url))
    page.on("websocket", lambda ws: recorded.requests.append(ws.url))
    try:
        yield recorded
    finally:
        context.close()


def wait_for_app(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the script run has finished and the page has settled."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') !== 'running'
                && document.querySelector('[data-testid="stHeading"], [data-testid="stException"]');
        }""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(1200)  # charts and fonts finish drawing


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
