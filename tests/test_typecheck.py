"""mypy stays clean on everything pyproject.toml's [tool.mypy] names (etl, ui, pages, benchmarks, dashboard.py).

Run in a subprocess, as a developer or .ci/run runs it, so the configuration under test is the shipped one.
Slow only without mypy's cache (about 30 s on a 2-core machine; a couple of seconds once .mypy_cache exists).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, f"mypy failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}"
