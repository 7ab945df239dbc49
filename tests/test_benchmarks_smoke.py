"""The benchmark command still runs: tiny N, no timing assertions (those live in `python -m benchmarks`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from benchmarks.common import Result, table
from benchmarks.corpus import GENERATED_MARK, build_scale_database, write_report_corpus
from etl.ingest.load import load_paths

ROOT = Path(__file__).resolve().parent.parent


def test_generated_corpus_is_marked_and_distinct(tmp_path: Path) -> None:
    paths = write_report_corpus(tmp_path, 5)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert all(GENERATED_MARK in text for text in texts)
    assert len(set(texts)) == 5
    assert all(p.name.startswith("generated-") for p in paths)


def test_scale_database_has_n_generated_reports(tmp_path: Path) -> None:
    seed = tmp_path / "seed.duckdb"
    load_paths([ROOT / "data" / "reports"], seed)
    db = tmp_path / "scale.duckdb"
    build_scale_database(db, 12, seed)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT region_name) FROM reports").fetchone() == (12, 12)
        assert con.execute("SELECT count(*) FROM figures WHERE report_id NOT LIKE 'gen%'").fetchone() == (0,)


def test_table_lists_every_result() -> None:
    rows = [Result("etl", "a", 2.0, "ms", 1.0, "< 3 ms", True), Result("queries", "b", 5.0, "ms p95")]
    text = table(rows)
    assert "2.00x" in text and "| b " in text and text.count("\n") == 3


def test_quick_command_prints_its_table() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "etl,queries"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in ("extract+load N=20", "DuckDB load N=100", "indicator_values", "previous_report"):
        assert name in proc.stdout, proc.stdout


@pytest.mark.browser
@pytest.mark.slow
def test_meeting_command_prints_its_tables() -> None:
    """`python -m benchmarks.meeting` at its smallest: real servers, protocol clients, every table printed with
    every view served (its exit status judges timings, which no test asserts)."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.meeting", "--viewers", "4", "--pages", "mediation", "--processes", "1,2",
         "--rounds", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    out = proc.stdout
    assert "| /mediation | 3 |" in out, out  # the page's three charts, and the bare app drew as many
    assert "Server CPU per warm run" in out, out
    rows = [line for line in out.splitlines() if line.startswith(("| bare app |", "| dashboard |"))]
    assert [row.split(" | ")[1] for row in rows] == ["1", "1", "2"], out  # processes: bare, then 1 and 2
    assert all(row.split(" | ")[6] == "0" for row in rows), out  # errors column: every view finished
