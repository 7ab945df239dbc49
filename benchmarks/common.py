"""What every benchmark shares: a result row, statistics, the table, and running a step in a child process.

Absolute times on a shared 2-core machine swing by 2-3x from minute to minute, so each measurement is paired
with a baseline run in the same process moments apart, and the ratio is what a target is judged on when the
target is relative. Absolute targets (seconds, MB) are reported as measured, with the baseline alongside.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Result:
    group: str  # etl | load | queries | pages | browser
    name: str
    value: float
    unit: str
    baseline: float | None = None  # same unit, measured in the same process
    target: str = ""
    ok: bool | None = None  # None: no target for this row
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn: Callable[[], object], runs: int) -> list[float]:
    return [timed(fn) for _ in range(runs)]


def p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}" if abs(value) < 1 else f"{value:,.1f}"
    return f"{text} {unit}".strip()


def table(results: Sequence[Result]) -> str:
    """A Markdown table, one row per measurement."""
    head = ["group", "benchmark", "measured", "baseline", "ratio", "target", "ok", "note"]
    rows = [
        [
            r.group,
            r.name,
            _fmt(r.value, r.unit),
            _fmt(r.baseline, r.unit),
            f"{r.ratio:.2f}x" if r.ratio is not None else "",
            r.target,
            {True: "yes", False: "NO", None: ""}[r.ok],
            r.note,
        ]
        for r in results
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(head, *rows, strict=True)]
    lines = [
        "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in [head, *rows]
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def write_json(results: Sequence[Result], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(r) | {"ratio": r.ratio} for r in results], ensure_ascii=False, indent=1))


def run_child(module: str, *args: str, timeout: float = 1800) -> dict:
    """Run `python -m <module> args…` and return the JSON object it prints last: a fresh process per step
    keeps one step's memory peak (ru_maxrss) and caches from leaking into the next."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])
