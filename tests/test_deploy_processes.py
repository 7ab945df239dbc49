"""The multi-process deployment of deploy/, run for real: two `streamlit run` processes started from the systemd
template unit's Environment= and ExecStart= lines (the instance name is the port), behind nginx running
deploy/nginx.conf.example (its listen and server lines pointed at free loopback ports), on one database file.

- viewers through the proxy are spread over both processes, and every request of one viewer (page, WebSocket,
  download) reaches the process that holds its session (the route cookie);
- a load swaps a new file in (`python -m etl load`, etl/store/swap.py) while both processes run; afterwards
  both serve the new report, asked directly and through the proxy, with no restart.

Viewers are benchmarks.protocol_client sessions (Streamlit's own WebSocket messages): no browser needed to see
which process answered.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from benchmarks.load_test import mid_run_batch
from benchmarks.protocol_client import ViewResult, http_get, open_view
from benchmarks.streamlit_server import HOST, free_port, stop, wait_healthy
from tests.conftest import ROOT, cli_env, run_load

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNIT = ROOT / "deploy" / "rule-of-law-dashboard@.service"
NGINX_SITE = ROOT / "deploy" / "nginx.conf.example"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BASE = "fazhi"
VIEWERS = 8
_T = TypeVar("_T")


def run_async(coroutine: Coroutine[Any, Any, _T]) -> _T:
    # A thread of its own: another test's Playwright may have left an event loop on this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def unit_environment(port: int) -> tuple[dict[str, str], list[str]]:
    """The template unit's Environment= pairs and ExecStart= arguments for instance `port` (%i)."""
    text = UNIT.read_text(encoding="utf-8").replace("%i", str(port))
    env = dict(re.findall(r"(?m)^Environment=([A-Z_]+)=(.*)$", text))
    exec_start = re.search(r"(?m)^ExecStart=(.*)$", text)
    assert exec_start, "the unit has no ExecStart="
    return env, exec_start.group(1).split()


def start_instance(port: int, db: Path, work: Path) -> subprocess.Popen[bytes]:
    unit_env, command = unit_environment(port)
    assert command[1:] == ["-m", "streamlit", "run", "dashboard.py"], command
    assert unit_env["STREAMLIT_SERVER_PORT"] == str(port) and unit_env["STREAMLIT_SERVER_BASE_URL_PATH"] == BASE
    # The unit's paths are the server's; here the database and archive live in the test's folder.
    unit_env |= {"DASHBOARD_DB": str(db), "DASHBOARD_UPLOAD_ARCHIVE": str(work / "uploads")}
    env = cli_env(**unit_env)
    log = (work / f"streamlit-{port}.log").open("wb")
    process = subprocess.Popen([sys.executable, *command[1:]], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process


def nginx_config(work: Path, listen: int, ports: list[int]) -> Path:
    """deploy/nginx.conf.example inside a minimal nginx.conf: plain HTTP on `listen`, upstreams on `ports`."""
    site = NGINX_SITE.read_text(encoding="utf-8")
    servers = re.findall(r"(?m)^\s*server 127\.0\.0\.1:\d+;\n", site)
    assert len(servers) >= 2, "the example upstream names no second process"
    site = site.replace(servers[0], "".join(f"    server {HOST}:{port};\n" for port in ports), 1)
    for extra in servers[1:]:
        site = site.replace(extra, "", 1)
    assert "listen 443 ssl;" in site
    site = site.replace("listen 443 ssl;", f"listen {HOST}:{listen};")
    (work / "site.conf").write_text(site, encoding="utf-8")
    temp = work / "nginx-temp"
    temp.mkdir()
    conf = work / "nginx.conf"
    conf.write_text(f"""
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 512; }}
http {{
    log_format routed '$fazhi_route $upstream_addr "$request"';
    access_log {work}/access.log routed;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {work}/site.conf;
}}
""", encoding="utf-8")
    return conf


@pytest.fixture
def deployment(db: Path, tmp_path: Path) -> Iterator[tuple[str, list[str], Path]]:
    """(proxy URL, the processes' own URLs, the work folder) of two instances behind nginx."""
    ports = [free_port(), free_port()]
    processes = [start_instance(port, db, tmp_path) for port in ports]
    listen = free_port()
    conf = nginx_config(tmp_path, listen, ports)
    proxy = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)], stdout=subprocess.DEVNULL,
                             stderr=(tmp_path / "nginx.out").open("wb"))
    direct = [f"http://{HOST}:{port}/{BASE}" for port in ports]
    try:
        for process, url, port in zip(processes, direct, ports, strict=True):
            wait_healthy(url, process, 90, tmp_path / f"streamlit-{port}.log")
        wait_healthy(f"http://{HOST}:{listen}/{BASE}", proxy, 30, tmp_path / "nginx-error.log")
        yield f"http://{HOST}:{listen}/{BASE}", direct, tmp_path
    finally:
        stop(proxy)
        for process in processes:
            stop(process)


def report_count(view: ViewResult) -> int:
    """The sidebar's "数据库:N 份报告"."""
    counts = [int(m.group(1)) for text in view.texts for m in [re.search(r"数据库:(\d+) 份报告", text)] if m]
    assert counts, f"{view.url}: no report count in the sidebar: {view.texts[:6]}"
    return counts[0]


async def _views(urls: list[tuple[str, str, str]]) -> list[ViewResult]:
    return list(await asyncio.gather(*(open_view(base, page, query, 60) for base, page, query in urls)))


async def _download(url: str, cookie: str) -> int:
    status, _, body = await http_get(url, 30, cookie)
    return status if body else 0


def routes(log: Path) -> dict[str, set[str]]:
    """Route cookie → the upstream addresses its requests reached (nginx's access log, format `routed`)."""
    seen: dict[str, set[str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        route, upstream, _ = line.split(" ", 2)
        if upstream != "-":
            seen.setdefault(route, set()).add(upstream)
    return seen


def test_two_processes_behind_nginx_share_one_database_and_see_a_load(
    deployment: tuple[str, list[str], Path], db: Path
) -> None:
    proxy, direct, work = deployment
    # Each viewer: the explorer through the proxy (a new browser: no cookie yet), then its CSV download.
    viewers = run_async(_views([(proxy, "explorer", "")] * VIEWERS))
    assert all(v.ok for v in viewers), [v.error for v in viewers if not v.ok]
    assert all("fazhi_route=" in v.cookie for v in viewers), [v.cookie for v in viewers]
    before = {report_count(v) for v in viewers}
    assert len(before) == 1, before
    for viewer in viewers:
        assert viewer.downloads, f"the explorer offers no download: {viewer.texts[:5]}"
        media = f"{proxy}/{viewer.downloads[0].lstrip('/')}"
        # The file lives in the memory of the process that ran the session: only stickiness finds it.
        assert run_async(_download(media, viewer.cookie)) == 200, media
    served = routes(work / "access.log")
    assert all(len(upstreams) == 1 for upstreams in served.values()), served
    assert len(set().union(*served.values())) == 2, f"one process served every viewer: {served}"

    # Both processes hold the current file open; a load swaps a new one in underneath them.
    assert all(v.ok for v in run_async(_views([(url, "", "") for url in direct])))
    batch, expected = mid_run_batch(work / "new-reports")
    result = run_load(*batch, db=db)
    assert result.returncode == 0, result.describe()
    region, year = expected[0]
    query = urllib.parse.urlencode({"region": region, "year": str(year)})
    after = run_async(_views([(url, "", query) for url in direct] + [(proxy, "", query)] * 4))
    assert all(v.ok for v in after), [v.error for v in after if not v.ok]
    count = before.pop()
    for view in after:
        assert report_count(view) == count + len(expected), f"{view.url} still reads the replaced file"
        assert f"{region},{year})" in "\n".join(view.texts), f"{view.url} does not show the new report {region} {year}"
        assert not any(f"year={year}" in text for text in view.texts), f"{view.url} rejected year={year}"
