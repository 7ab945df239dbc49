"""A meeting opens the link at once: server CPU per fresh page view and time to a finished page, no browser.

    python -m benchmarks.meeting                      # 50 viewers open / within 1 s, 1 and 2 processes
    python -m benchmarks.meeting --viewers 100 --pages /,mediation,compare --processes 1,2

Viewers are `benchmarks.protocol_client` sessions (Streamlit's own WebSocket messages), so the two cores go to the
servers, not to browsers. Every server CPU second is read from the server processes themselves (psutil: user +
system time), and each figure is paired with a bare Streamlit app drawing as many Plotly charts, measured in
the same command:

- **CPU per fresh view**, per page: views one after another (page, bare, page, bare …, so the machine's drift
  falls on both), CPU of the serving processes divided by the views. Its ratio to the bare app is the target.
  A second bare app freezes its heap after its first run as the dashboard does (ui/heap.py): the ratio to it
  is what the dashboard's own work costs once Streamlit's collection after every run is out of the picture.
- **The meeting**: `--viewers` sessions opening the first page within `--within` seconds, against 1 and 2
  processes of the dashboard on the same database file (viewers spread over them as the proxy's sticky hash
  spreads browsers), and against the bare app; time to a finished page p50 / p95 / max, errors, CPU per view.

Bounded: at most MAX_VIEWERS sessions, each view times out, and the servers are stopped at the end. Only
127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from benchmarks.common import median, p95
from benchmarks.protocol_client import ViewResult, open_view
from benchmarks.streamlit_server import HOST, free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
MAX_VIEWERS = 500
VIEW_TIMEOUT = 120.0
TARGET_RATIO = 1.2
WARM_RERUNS = 8
BARE_APP = '''
import gc
import os

import streamlit as st
from benchmarks.page_bench import bare_page

bare_page(int(st.query_params.get("charts", "1")))
if os.environ.get("BARE_FREEZE") and not gc.get_freeze_count():  # the dashboard's ui/heap.py, in one line
    gc.collect()
    gc.freeze()
'''


@dataclass
class Servers:
    """Streamlit processes serving one app; viewers are spread over `urls` in turn."""

    name: str
    processes: list[subprocess.Popen[bytes]]
    urls: list[str]

    def cpu_seconds(self) -> float:
        total = 0.0
        for process in self.processes:
            times = psutil.Process(process.pid).cpu_times()
            total += times.user + times.system
        return total


@contextlib.contextmanager
def serve(name: str, script: Path, count: int, env: dict[str, str], work: Path, app_dir: Path = ROOT
          ) -> Iterator[Servers]:
    """`count` `streamlit run script` processes in `app_dir` on free loopback ports, stopped on exit."""
    processes: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    try:
        for index in range(count):
            port = free_port()
            log = work / f"{name}-{index}.log"
            command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                       "--server.port", str(port), "--server.address", HOST, "--browser.gatherUsageStats", "false",
                       "--server.fileWatcherType", "none"]
            full_env = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(dict.fromkeys([str(app_dir), str(ROOT)]))}
            full_env.pop("DASHBOARD_ADMIN_PASSWORD", None)
            with log.open("wb") as out:
                processes.append(subprocess.Popen(command, cwd=app_dir, env=full_env, stdout=out,
                                                  stderr=subprocess.STDOUT))
            urls.append(f"http://{HOST}:{port}")
        for process, url, index in zip(processes, urls, range(count), strict=True):
            wait_healthy(url, process, 120, work / f"{name}-{index}.log")
        yield Servers(name, processes, urls)
    finally:
        for process in processes:
            stop(process)


@dataclass
class Meeting:
    """One burst of viewers against one set of servers."""

    label: str
    viewers: int
    processes: int
    views: list[ViewResult] = field(default_factory=list)
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(not view.ok for view in self.views)

    @property
    def seconds(self) -> list[float]:
        return [view.seconds for view in self.views if view.ok]


async def _arrive(delay: float, url: str, page: str, query: str) -> ViewResult:
    await asyncio.sleep(delay)
    return await open_view(url, page, query, VIEW_TIMEOUT)


async def meeting(servers: Servers, label: str, viewers: int, within: float, page: str, query: str = "",
                  seed: int = 19) -> Meeting:
    """`viewers` fresh views of `page` arriving at random within `within` seconds, spread over the processes."""
    arrivals = sorted(random.Random(seed).uniform(0, within) for _ in range(viewers))
    result = Meeting(label, viewers, len(servers.urls))
    cpu_before, started = servers.cpu_seconds(), time.monotonic()
    tasks = [_arrive(delay, servers.urls[index % len(servers.urls)], page, query)
             for index, delay in enumerate(arrivals)]
    result.views = list(await asyncio.gather(*tasks))
    result.wall_seconds = time.monotonic() - started
    await asyncio.sleep(0.5)  # the last sessions' disconnect clean-up belongs to the meeting
    result.cpu_seconds = servers.cpu_seconds() - cpu_before
    return result


async def cpu_per_view(pairs: Sequence[tuple[Servers, str, str]], rounds: int) -> list[tuple[float, list[ViewResult]]]:
    """CPU seconds per fresh view of each (servers, page, query), their views taken in turn, one at a time."""
    spent = [0.0] * len(pairs)
    views: list[list[ViewResult]] = [[] for _ in pairs]
    for _ in range(rounds):
        for index, (servers, page, query) in enumerate(pairs):
            before = servers.cpu_seconds()
            view = await open_view(servers.urls[0], page, query, VIEW_TIMEOUT)
            await asyncio.sleep(0.05)  # the session's disconnect is part of the view's cost
            spent[index] += servers.cpu_seconds() - before
            views[index].append(view)
    return [(total / rounds, done) for total, done in zip(spent, views, strict=True)]


async def cpu_per_rerun(pairs: Sequence[tuple[Servers, str, str]], reruns: int, rounds: int) -> list[float]:
    """CPU seconds per warm run (a widget change: the same session runs the page again) of each (servers, page,
    query): a view, then `reruns` runs in its session, the pairs taken in turn `rounds` times."""
    spent = [0.0] * len(pairs)
    for _ in range(rounds):
        for index, (servers, page, query) in enumerate(pairs):
            marks: dict[int, float] = {}

            def mark(run: int, servers: Servers = servers, marks: dict[int, float] = marks) -> None:
                marks[run] = servers.cpu_seconds()

            view = await open_view(servers.urls[0], page, query, VIEW_TIMEOUT, reruns=reruns, on_run=mark)
            if not view.ok or len(marks) != reruns + 1:
                raise RuntimeError(f"warm runs of /{page} failed: {view.error}")
            spent[index] += marks[reruns] - marks[0]
    return [total / (reruns * rounds) for total in spent]


def build_database(db_path: Path) -> None:
    command = [sys.executable, "-m", "etl", "load", str(REPORTS), "--db", str(db_path), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    return "\n".join([_row(head), _row(["---"] * len(head)), *(_row(r) for r in rows)])


def _meeting_row(m: Meeting) -> list[object]:
    done = m.seconds
    stats = (f"{median(done):.2f}", f"{p95(done):.2f}", f"{max(done):.2f}") if done else ("-", "-", "-")
    return [m.label, m.processes, m.viewers, *stats, m.errors, f"{m.cpu_seconds / max(1, m.viewers) * 1000:.0f}"]


async def run_async(viewers: int, within: float, pages: list[str], process_counts: list[int], rounds: int,
                    work: Path, app_dir: Path = ROOT) -> tuple[str, bool]:
    db_path = work / "db" / "dashboard.duckdb"
    db_path.parent.mkdir()
    build_database(db_path)
    bare_script = work / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    env = {"DASHBOARD_DB": str(db_path)}
    lines: list[str] = []
    ok = True
    meetings: list[Meeting] = []
    first = pages[0]
    with serve("bare", bare_script, 1, {}, work) as bare, \
            serve("bare-frozen", bare_script, 1, {"BARE_FREEZE": "1"}, work) as frozen, \
            serve("app", app_dir / "dashboard.py", 1, env, work, app_dir) as app:
        # Warm-up, not counted: each page once (imports, the database's first read, the caches).
        charts = {page: (await open_view(app.urls[0], page, "", VIEW_TIMEOUT)) for page in pages}
        for page, view in charts.items():
            if not view.ok:
                raise RuntimeError(f"/{page} failed before the measurement: {view.error}")
        for servers in (bare, frozen):
            await open_view(servers.urls[0], "", "charts=1", VIEW_TIMEOUT)
        rows = []
        for page in pages:
            query = f"charts={charts[page].charts}"
            measured = await cpu_per_view([(app, page, ""), (bare, "", query), (frozen, "", query)], rounds)
            (page_cpu, page_views), (bare_cpu, _), (frozen_cpu, _) = measured
            ratio = page_cpu / bare_cpu
            ok &= ratio <= TARGET_RATIO and all(v.ok for v in page_views)
            rows.append([f"/{page}", charts[page].charts, f"{page_cpu * 1000:.0f}", f"{bare_cpu * 1000:.0f}",
                         f"{ratio:.2f}x", "yes" if ratio <= TARGET_RATIO else "NO", f"{frozen_cpu * 1000:.0f}",
                         f"{page_cpu / frozen_cpu:.2f}x"])
        lines += [f"Server CPU per fresh view ({rounds} views each, taken in turn with the bare apps')", "",
                  _table(["page", "charts", "CPU ms / view", "bare app ms / view", "ratio",
                          f"<= {TARGET_RATIO}x", "bare app, heap frozen", "ratio to it"], rows), ""]
        warm_rows = []
        for page in pages:
            query = f"charts={charts[page].charts}"
            page_cpu, bare_cpu = await cpu_per_rerun([(app, page, ""), (bare, "", query)], WARM_RERUNS,
                                                     max(1, rounds // 4))
            warm_rows.append([f"/{page}", f"{page_cpu * 1000:.1f}", f"{bare_cpu * 1000:.1f}",
                              f"{page_cpu / bare_cpu:.2f}x"])
        lines += [f"Server CPU per warm run (a widget change: {WARM_RERUNS} reruns in one session)", "",
                  _table(["page", "CPU ms / run", "bare app ms / run", "ratio"], warm_rows), ""]
        bare_query = f"charts={charts[first].charts}"
        meetings.append(await meeting(bare, "bare app", viewers, within, "", bare_query))
        meetings.append(await meeting(app, "dashboard", viewers, within, first))
        for count in (c for c in process_counts if c != 1):
            with serve(f"app{count}", app_dir / "dashboard.py", count, env, work, app_dir) as app_n:
                for url in app_n.urls:
                    await open_view(url, first, "", VIEW_TIMEOUT)
                meetings.append(await meeting(app_n, "dashboard", viewers, within, first))
    lines += [f"A meeting: {viewers} viewers open /{first} within {within:g} s (time to a finished page, s)", "",
              _table(["app", "processes", "viewers", "p50", "p95", "max", "errors", "CPU ms / view"],
                     [_meeting_row(m) for m in meetings])]
    ok &= all(m.errors == 0 for m in meetings)
    dashboards = [m for m in meetings if m.label == "dashboard"]
    if len(dashboards) >= 2 and dashboards[0].seconds and dashboards[-1].seconds:
        one, more = p95(dashboards[0].seconds), p95(dashboards[-1].seconds)
        lines.append(f"\np95 with {dashboards[-1].processes} processes / with 1: {more / one:.2f}")
        ok &= more < one
    errors = [v.error for m in meetings for v in m.views if not v.ok]
    if errors:
        lines.append("error samples: " + "; ".join(sorted(set(errors))[:5]))
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.meeting", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--viewers", type=int, default=50, help=f"sessions in the meeting (at most {MAX_VIEWERS})")
    parser.add_argument("--within", type=float, default=1.0, help="seconds over which they open the link")
    parser.add_argument("--pages", default="/,mediation,compare,review,explorer,supervision",
                        help="pages measured one view at a time; the first is the meeting's link")
    parser.add_argument("--processes", default="1,2", help="dashboard process counts for the meeting")
    parser.add_argument("--rounds", type=int, default=12, help="views per page for CPU per view")
    parser.add_argument("--app-dir", type=Path, default=ROOT,
                        help="the dashboard checkout to serve (another version, e.g. from `git archive`; the "
                             "benchmark and the bare app stay this one's)")
    args = parser.parse_args(argv)
    if not 1 <= args.viewers <= MAX_VIEWERS:
        parser.error(f"--viewers must be 1..{MAX_VIEWERS}")
    pages = [p.strip().strip("/") for p in args.pages.split(",") if p.strip()]
    counts = sorted({int(c) for c in args.processes.split(",") if c.strip()})
    if not pages or not counts or min(counts) < 1 or max(counts) > 8 or not 1 <= args.rounds <= 200:
        parser.error("give at least one page, process counts 1..8 and rounds 1..200")
    with tempfile.TemporaryDirectory(prefix="meeting-") as tmp:
        text, ok = asyncio.run(run_async(args.viewers, args.within, pages, counts, args.rounds, Path(tmp),
                                         args.app_dir.resolve()))
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
