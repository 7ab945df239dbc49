"""Browsing under load while a report is loaded: N headless Chromium sessions cycle through the dashboard pages
for a bounded time; half-way, `python -m etl load` swaps a new database file in underneath them.

Counts exception boxes and failed page loads (both must be zero), pages served, time to a rendered page
(p50/p95), whether the CLI load succeeded, and whether the running server shows the newly loaded reports
afterwards (a reader must never be stuck on the replaced file).

    python -m benchmarks.load_test                   # 20 sessions, 60 s
    python -m benchmarks.load_test --sessions 5 --seconds 20

Only 127.0.0.1 is contacted. Every loop is bounded in time and in count.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from playwright.async_api import Browser, Page, async_playwright

from benchmarks.streamlit_server import HOST, free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
EXCERPTS = REPORTS / "excerpts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
STARTUP_SECONDS = 120
PAGE_TIMEOUT_MS = 60_000
MAX_VISITS_PER_SESSION = 2_000
RAMP_UP_SECONDS = 10.0
# New reports loaded mid-run: shipped excerpts re-dated to years no shipped report has.
MID_RUN_FILES = 4
MID_RUN_YEAR = 2031
RENDERED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
    const status = document.querySelector('[data-testid="stStatusWidget"]');
    if (status && status.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
    return !!document.querySelector('[data-testid="stHeading"], [data-testid="stException"]');
}"""


@dataclass
class LoadTestResult:
    sessions: int
    seconds: float
    pages_served: int = 0
    exceptions: int = 0
    failed_loads: int = 0
    render_seconds: list[float] = field(default_factory=list)
    per_page: Counter = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    cli_returncode: int | None = None
    cli_seconds: float = 0.0
    cli_output: str = ""
    new_reports_visible: bool | None = None
    visibility_detail: str = ""

    @property
    def errors(self) -> int:
        return self.exceptions + self.failed_loads

    def percentile(self, q: float) -> float:
        if not self.render_seconds:
            return float("nan")
        data = sorted(self.render_seconds)
        index = min(len(data) - 1, max(0, round(q * (len(data) - 1))))
        return data[index]

    def table(self) -> str:
        rows = [
            ("sessions", str(self.sessions)),
            ("duration (s)", f"{self.seconds:.0f}"),
            ("pages served", str(self.pages_served)),
            ("errors (exception boxes)", str(self.exceptions)),
            ("errors (failed page loads)", str(self.failed_loads)),
            ("render p50 (s)", f"{self.percentile(0.50):.2f}"),
            ("render p95 (s)", f"{self.percentile(0.95):.2f}"),
            ("render max (s)", f"{max(self.render_seconds, default=float('nan')):.2f}"),
            ("mid-run CLI load exit / s", f"{self.cli_returncode} / {self.cli_seconds:.1f}"),
            ("new reports visible after load", str(self.new_reports_visible)),
        ]
        rows += [(f"  served /{page or ''}", str(count)) for page, count in sorted(self.per_page.items())]
        width = max(len(k) for k, _ in rows)
        lines = [f"{'metric':<{width}}  value", f"{'-' * width}  -----"]
        lines += [f"{k:<{width}}  {v}" for k, v in rows]
        if self.error_samples:
            lines.append("error samples:")
            lines += [f"  {s}" for s in self.error_samples[:10]]
        if self.visibility_detail:
            lines.append(f"visibility: {self.visibility_detail}")
        return "\n".join(lines)


def page_paths() -> list[str]:
    """URL paths of the dashboard pages a viewer can open (ui/nav.py), the default page first."""
    sys.path.insert(0, str(ROOT))
    from ui import nav

    specs = [s for s in nav.available_pages() if not getattr(s, "admin_only", False)]
    return ["" if s.default else s.url_path for s in sorted(specs, key=lambda s: not s.default)]


def mid_run_batch(folder: Path) -> tuple[list[Path], list[tuple[str, int]]]:
    """Copies of a few shipped excerpts, re-dated by their source records: new (region, year) reports."""
    records = yaml.safe_load((EXCERPTS / "sources.yml").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    chosen: dict[str, dict] = {}
    expected: list[tuple[str, int]] = []
    for index, name in enumerate(sorted(n for n in records if n.endswith(".txt"))[:MID_RUN_FILES]):
        record = dict(records[name])
        year = MID_RUN_YEAR + index
        record["report_year"] = str(year)
        record["title"] = f"{record.get('title', name)}(负载测试 {year})"
        new_name = f"loadtest-{year}-{name}"
        text = (EXCERPTS / name).read_text(encoding="utf-8", errors="replace")
        (folder / new_name).write_text(f"{text}\n(负载测试副本 {year})\n", encoding="utf-8")
        chosen[new_name] = record
        expected.append((str(record["region"]), year))
    (folder / "sources.yml").write_text(yaml.safe_dump(chosen, allow_unicode=True), encoding="utf-8")
    return [folder], expected


def _env(db_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["DASHBOARD_DB"] = str(db_path)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop("DASHBOARD_ADMIN_PASSWORD", None)
    return env


def start_server(db_path: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    url = f"http://{HOST}:{port}"
    args = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
            "--server.port", str(port), "--server.address", HOST, "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]
    log = log_path.open("wb")
    process = subprocess.Popen(args, cwd=ROOT, env=_env(db_path), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, process, STARTUP_SECONDS, log_path)
    except RuntimeError:
        stop(process)
        raise
    return process, url


async def visit(page: Page, url: str) -> tuple[float, int]:
    """Open a URL and wait for the rendered page; (seconds, exception boxes)."""
    started = time.monotonic()
    await page.goto(url, timeout=PAGE_TIMEOUT_MS, wait_until="domcontentloaded")
    await page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=PAGE_TIMEOUT_MS)
    await page.wait_for_function(RENDERED_JS, timeout=PAGE_TIMEOUT_MS)
    elapsed = time.monotonic() - started
    return elapsed, await page.locator('[data-testid="stException"]').count()


async def session(browser: Browser, base: str, paths: list[str], offset: int, start_delay: float, deadline: float,
                  result: LoadTestResult) -> None:
    await asyncio.sleep(start_delay)  # visitors arrive over the ramp-up, not all in the same millisecond
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        for visit_index in range(MAX_VISITS_PER_SESSION):
            if time.monotonic() >= deadline:
                break
            path = paths[(offset + visit_index) % len(paths)]
            url = f"{base}/{path}"
            try:
                seconds, exceptions = await visit(page, url)
            except Exception as error:  # a timeout or a navigation failure is a failed page load
                result.failed_loads += 1
                result.error_samples.append(f"/{path}: {type(error).__name__}: {str(error).splitlines()[0][:160]}")
                continue
            result.pages_served += 1
            result.per_page[path] += 1
            result.render_seconds.append(seconds)
            if exceptions:
                result.exceptions += 1
                text = (await page.locator('[data-testid="stException"]').first.inner_text())[:160]
                result.error_samples.append(f"/{path}: exception box: {text!r}")
    finally:
        await context.close()


async def mid_run_load(db_path: Path, batch: list[Path], delay: float, result: LoadTestResult) -> None:
    await asyncio.sleep(delay)
    args = [sys.executable, "-m", "etl", "load", *[str(p) for p in batch], "--db", str(db_path), "--quiet"]
    started = time.monotonic()
    proc = await asyncio.create_subprocess_exec(*args, cwd=ROOT, env=_env(db_path), stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=300)
    result.cli_seconds = time.monotonic() - started
    result.cli_returncode = proc.returncode
    result.cli_output = out.decode(errors="replace")


async def check_new_reports_visible(browser: Browser, base: str, expected: list[tuple[str, int]],
                                    result: LoadTestResult) -> None:
    """Open the overview with ?region=…&year=… of a report loaded mid-run: the sidebar must select it."""
    context = await browser.new_context()
    page = await context.new_page()
    try:
        region, year = expected[0]
        query = urllib.parse.urlencode({"region": region, "year": str(year)})
        await visit(page, f"{base}/?{query}")
        invalid = await page.locator('[data-testid="stAlert"]').filter(has_text=f"year={year}").count()
        # A selectbox's value is not in the sidebar's inner text; the page caption names the report shown.
        shown = await page.inner_text("body")
        result.new_reports_visible = invalid == 0 and f"{region},{year})" in shown
        if not result.new_reports_visible:
            result.visibility_detail = (f"?region={region}&year={year} after the load: "
                                        f"{'rejected as invalid' if invalid else 'not selected'}")
    finally:
        await context.close()


async def run_async(sessions: int, seconds: float, db_path: Path, work: Path) -> LoadTestResult:
    result = LoadTestResult(sessions=sessions, seconds=seconds)
    paths = page_paths()
    batch, expected = mid_run_batch(work / "mid-run")
    process, base = start_server(db_path, work / "streamlit.log")
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                # Warm up once (first script run imports everything), not counted.
                warm = await browser.new_page()
                await visit(warm, f"{base}/")
                await warm.close()
                deadline = time.monotonic() + seconds
                ramp = min(RAMP_UP_SECONDS, seconds / 4)
                tasks = [session(browser, base, paths, i, ramp * i / sessions, deadline, result)
                         for i in range(sessions)]
                tasks.append(mid_run_load(db_path, batch, seconds / 2, result))
                await asyncio.gather(*tasks)
                if result.cli_returncode == 0:
                    await check_new_reports_visible(browser, base, expected, result)
            finally:
                await browser.close()
    finally:
        stop(process)
    return result


def build_database(db_path: Path, base_db: Path | None = None) -> None:
    if base_db is not None:
        shutil.copy2(base_db, db_path)
        return
    args = [sys.executable, "-m", "etl", "load", str(REPORTS), "--db", str(db_path), "--quiet"]
    subprocess.run(args, cwd=ROOT, env=_env(db_path), check=True, capture_output=True, timeout=600)


def run(sessions: int = 20, seconds: float = 60.0, base_db: Path | None = None) -> LoadTestResult:
    with tempfile.TemporaryDirectory(prefix="load-test-") as tmp:
        work = Path(tmp)
        db_path = work / "db" / "dashboard.duckdb"
        db_path.parent.mkdir()
        build_database(db_path, base_db)
        # A thread of its own: a caller (pytest with Playwright's sync API) may already run an event loop here.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, run_async(sessions, seconds, db_path, work)).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    result = run(args.sessions, args.seconds)
    print(result.table())
    if result.render_seconds:
        print(f"mean render {statistics.mean(result.render_seconds):.2f}s over {len(result.render_seconds)} pages")
    ok = result.errors == 0 and result.cli_returncode == 0 and result.new_reports_visible
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
