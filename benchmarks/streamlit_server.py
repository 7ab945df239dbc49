"""Starting and stopping a real `streamlit run` on loopback: shared by the benchmarks and the browser tests."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _log_tail(log_path: Path | None) -> str:
    return f":\n{log_path.read_text(errors='replace')[-3000:]}" if log_path and log_path.exists() else ""


def wait_healthy(
    url: str, process: subprocess.Popen[bytes], timeout_s: float, log_path: Path | None = None, poll_s: float = 0.25
) -> None:
    """Return once /_stcore/health answers 200; raise (with the log's tail) if the server exits or times out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}{_log_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(poll_s)
    raise RuntimeError(f"streamlit not healthy after {timeout_s:.0f}s{_log_tail(log_path)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
