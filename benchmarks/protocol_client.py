"""A Streamlit viewer without a browser: what the web client sends and waits for, in Streamlit's own messages.

A fresh page view, as the browser opens a shared link:

1. GET the page (index.html), `/_stcore/health` and `/_stcore/host-config` (the client's start-up requests);
2. open the WebSocket `/_stcore/stream` (subprotocol "streamlit", as the client offers it) and send one
   `BackMsg.rerun_script` with the URL's query string and page name (the path after the base), no widget state;
3. read `ForwardMsg`s until `script_finished` says FINISHED_SUCCESSFULLY: the page is complete. A run that ends
   early for a rerun (`st.rerun`, the dashboard's pages-directory hand-over) is followed by the rerun itself.

The messages are the protobufs of the installed `streamlit` package (`streamlit.proto`), so the client speaks
exactly the server's version. Static bundles (JavaScript, fonts) are not fetched: they are the same files for
every app, cached by the browser after a first visit and best served by the proxy (deploy/nginx.conf.example).

Only loopback addresses are accepted: a load generator must not be pointed at someone else's server.
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_MESSAGES = 5_000  # a view is a few hundred messages; more means a run that never ends
MAX_RUNS = 5  # script runs one view may take (first run + reruns)


@dataclass
class ViewResult:
    """One page view: how long until the page was complete, and what it held."""

    url: str
    seconds: float = 0.0
    ok: bool = False
    error: str = ""
    exceptions: int = 0  # exception boxes (st.exception / an uncaught error) in the page
    charts: int = 0
    headings: int = 0
    runs: int = 0
    texts: list[str] = field(default_factory=list)  # markdown, headings, captions and alerts, in order
    downloads: list[str] = field(default_factory=list)  # URLs of the download buttons' files (/media/…)
    cookie: str = ""  # the cookies the view ended with (a proxy's route cookie among them)


def _check_loopback(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise ValueError(f"only loopback servers may be loaded: {url}")
    return parts


async def http_get(url: str, timeout: float, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    """A plain HTTP/1.1 GET (status, lower-cased headers, body); `Connection: close`, so the body ends at EOF."""
    parts = _check_loopback(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    reader, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, parts.port or 80), timeout)
    try:
        request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n"
        if cookie:
            request += f"Cookie: {cookie}\r\n"
        writer.write((request + "\r\n").encode("latin-1"))
        raw = await asyncio.wait_for(reader.read(-1), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        # Several Set-Cookie headers are kept apart by a newline (a cookie's own attributes hold commas).
        headers[key] = f"{headers[key]}\n{value.strip()}" if key in headers else value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _dechunk(body)
    return status, headers, body


def _dechunk(body: bytes) -> bytes:
    out, rest = bytearray(), body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    return bytes(out)


def _rerun_message(page_name: str, query_string: str, url: str, lang: str) -> bytes:
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.context_info.timezone = "Asia/Shanghai"
    state.context_info.timezone_offset = -480
    state.context_info.locale = "en-US" if lang == "en" else "zh-CN"
    state.context_info.url = url
    return message.SerializeToString()


def _note_element(message: ForwardMsg, result: ViewResult) -> None:
    if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
        return
    element = message.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        result.exceptions += 1
        result.texts.append(f"exception: {element.exception.type}: {element.exception.message}"[:300])
    elif kind == "plotly_chart":
        result.charts += 1
    elif kind == "heading":
        result.headings += 1
        result.texts.append(element.heading.body)
    elif kind == "markdown":
        result.texts.append(element.markdown.body)
    elif kind == "alert":
        result.texts.append(element.alert.body)
    elif kind == "download_button":
        result.downloads.append(element.download_button.url)


async def open_view(base_url: str, page: str = "", query: str = "", timeout: float = 60.0, lang: str = "zh",
                    cookie: str = "", reruns: int = 0, on_run: Callable[[int], None] | None = None) -> ViewResult:
    """One fresh page view of `base_url/page?query` (base_url: http://127.0.0.1:PORT[/base-path]; page: the
    page's URL path, "" for the default page) until its script run has finished.

    `reruns`: then run the page again that many times in the same session, as a widget change does (a warm
    run: the session, its caches and the page's modules exist). `on_run(n)` is called as each finishes (0: the
    view itself), so a caller can read the server's CPU between them.
    Never raises for what the server does: a failure is `ok=False` with `error` set.
    """
    url = f"{base_url.rstrip('/')}/{page}" + (f"?{query}" if query else "")
    result = ViewResult(url=url)
    started = time.monotonic()
    try:
        await asyncio.wait_for(_view(base_url.rstrip("/"), page, query, lang, cookie, result, reruns, on_run),
                               timeout)
    except TimeoutError:
        result.error = f"timed out after {timeout:.0f}s ({result.runs} runs)"
    except Exception as error:  # a refused connection, a closed socket: a failed view, as the browser would show
        result.error = f"{type(error).__name__}: {str(error)[:200]}"
    result.seconds = time.monotonic() - started
    return result


async def _view(base_url: str, page_name: str, query: str, lang: str, cookie: str, result: ViewResult,
                reruns: int, on_run: Callable[[int], None] | None) -> None:
    parts = _check_loopback(base_url)
    base = parts.path
    origin = f"{parts.scheme}://{parts.netloc}"
    status, headers, body = await http_get(result.url, 30, cookie)
    if status != 200 or b"<html" not in body[:2000].lower():
        raise RuntimeError(f"GET /{page_name}: HTTP {status}")
    cookie = _merge_cookie(cookie, headers.get("set-cookie", ""))
    for probe in ("/_stcore/health", "/_stcore/host-config"):
        status, headers, _ = await http_get(f"{origin}{base}{probe}", 30, cookie)
        if status != 200:
            raise RuntimeError(f"GET {base}{probe}: HTTP {status}")
        cookie = _merge_cookie(cookie, headers.get("set-cookie", ""))
    result.cookie = cookie
    stream = f"ws://{parts.netloc}{base}/_stcore/stream"
    extra = {"Cookie": cookie} if cookie else None
    async with connect(stream, subprotocols=["streamlit"], origin=origin, additional_headers=extra,  # type: ignore[list-item,arg-type]
                       max_size=64 * 2**20, compression=None, open_timeout=30) as socket:
        await socket.send(_rerun_message(page_name, query, result.url, lang))
        finished = 0
        for _ in range(MAX_MESSAGES * (1 + reruns)):
            data = await socket.recv()
            message = ForwardMsg()
            message.ParseFromString(data if isinstance(data, bytes) else data.encode())
            kind = message.WhichOneof("type")
            _note_element(message, result)
            if kind == "page_not_found":
                raise RuntimeError(f"page not found: {message.page_not_found.page_name!r}")
            if kind != "script_finished":
                continue
            result.runs += 1
            status_value = message.script_finished
            if status_value == ForwardMsg.FINISHED_SUCCESSFULLY:
                result.ok = result.exceptions == 0
                if not result.ok:
                    result.error = next((t for t in result.texts if t.startswith("exception:")), "exception")
                    return
                if on_run is not None:
                    on_run(finished)
                if finished >= reruns:
                    return
                finished += 1
                result.runs = 0
                await socket.send(_rerun_message(page_name, query, result.url, lang))
                continue
            if status_value == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise RuntimeError("script compile error")
            if result.runs >= MAX_RUNS:
                raise RuntimeError(f"{result.runs} script runs without finishing")
        raise RuntimeError(f"no finished script run in {MAX_MESSAGES} messages")


def _merge_cookie(cookie: str, set_cookie: str) -> str:
    """Cookies the server set (name=value of each Set-Cookie), added to those sent: the proxy's sticky cookie."""
    jar = dict(part.split("=", 1) for part in cookie.split("; ") if "=" in part)
    for item in set_cookie.splitlines():
        pair = item.split(";", 1)[0].strip()
        if "=" in pair:
            name, value = pair.split("=", 1)
            jar[name] = value
    return "; ".join(f"{k}={v}" for k, v in jar.items())
