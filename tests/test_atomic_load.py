"""Loads are all-or-nothing: a load killed half-way leaves the previous database intact and openable, readers
that hold the old file keep working after a swap, and no reader ever sees half a report.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from etl import store
from etl.ingest.load import load_paths
from etl.store import table_rows, writes
from tests.conftest import (
    EXCERPTS,
    QIJIANG_RECORD,
    ROOT,
    cli_env,
    load_command,
    qijiang_variant,
    query,
    record,
    run_load,
    snapshot,
    write_reports,
)

KILL_TIMEOUT = 120
PADDING_ROWS = 2_500_000  # ~35 MB of incompressible doubles: the copy step of a load takes a while


# Exact (integer) checksum: a floating-point sum depends on the order DuckDB's threads add in.
PADDING_SQL = "SELECT count(*), sum(CAST(a * 1e9 AS BIGINT)), sum(CAST(b * 1e9 AS BIGINT)) FROM padding"


def tmp_path_of(db: Path, pid: int) -> Path:
    return db.with_name(f".{db.name}.{pid}.tmp")


def padding_checksum(db: Path) -> list[tuple]:
    return query(db, PADDING_SQL)


@pytest.fixture
def padded_db(db: Path) -> Path:
    """The session database plus a large table that no load touches, so copying it takes measurable time."""
    con = duckdb.connect(str(db))
    try:
        con.execute(f"CREATE TABLE padding AS SELECT random() AS a, random() AS b FROM range({PADDING_ROWS})")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db


def excerpt_batch(folder: Path, count: int = 6, tag: str = "batch") -> list[Path]:
    """Copies of shipped excerpts, changed so they are new reports (new region names via sources.yml)."""
    files: dict[str, str] = {}
    records: dict[str, dict] = {}
    for index, path in enumerate(sorted(EXCERPTS.glob("*.txt"))[:count]):
        name = f"{tag}-{index:02d}-{path.name}"
        files[name] = path.read_text(encoding="utf-8", errors="replace") + f"\n({tag} {index})\n"
        records[name] = {"title": f"{tag} {index}", "region": f"测试市{tag}{index}区", "report_year": 2020}
    write_reports(folder, files, records)
    return [folder]


def assert_intact(db: Path, before: dict, stamp: tuple[int, int], padding: list[tuple]) -> None:
    assert store.database_stamp(db) == stamp, "the live file was replaced or modified"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert table_rows(con) == before, "the previous database content changed"
        assert con.execute(PADDING_SQL).fetchall() == padding
    finally:
        con.close()


def test_kill_9_while_the_copy_is_written(padded_db: Path, tmp_path: Path) -> None:
    db = padded_db
    before, stamp, padding = snapshot(db), store.database_stamp(db), padding_checksum(db)
    batch = excerpt_batch(tmp_path / "in")
    proc = subprocess.Popen(load_command(batch, db), cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    tmp = tmp_path_of(db, proc.pid)
    deadline = time.monotonic() + KILL_TIMEOUT
    seen = False
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if tmp.exists():
                os.kill(proc.pid, signal.SIGKILL)
                seen = True
                break
            time.sleep(0.0005)
    finally:
        if proc.poll() is None and not seen:
            proc.kill()
        _out, err = proc.communicate(timeout=60)
    assert seen, f"the load never wrote {tmp.name} (exit {proc.returncode}): {err.decode(errors='replace')}"
    assert proc.returncode == -signal.SIGKILL
    assert_intact(db, before, stamp, padding)

    # The next load works (the dead loader's lock was released with its process) and its own tmp file is gone.
    result = run_load(*batch, db=db)
    assert result.returncode == 0, result.describe()
    assert query(db, "SELECT count(*) FROM reports WHERE region_name LIKE '测试市batch%'") == [(6,)]
    assert padding_checksum(db) == padding
    leftovers = [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp") and p != tmp]
    assert not leftovers, f"a finished load left temporary files: {leftovers}"


# The store appends one table at a time (etl.store.writes._append); dying right after one of them is "half-way".
KILL_MID_INSERT = """
import os, signal, sys
import etl.store.writes as store
real_append = store._append
def append_then_die(con, table, frame):
    real_append(con, table, frame)
    if table == "figures":  # reports and sections are in the copy, observations and checks are not
        os.kill(os.getpid(), signal.SIGKILL)
store._append = append_then_die
from etl.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_kill_9_half_way_through_the_inserts(db: Path, tmp_path: Path) -> None:
    assert hasattr(writes, "_append"), "etl.store.writes._append is gone: update the fault injection in this test"
    before, stamp = snapshot(db), store.database_stamp(db)
    batch = excerpt_batch(tmp_path / "in")
    args = [sys.executable, "-c", KILL_MID_INSERT, *load_command(batch, db)[3:]]
    proc = subprocess.run(args, cwd=ROOT, env=cli_env(), capture_output=True, timeout=KILL_TIMEOUT, check=False)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")
    assert store.database_stamp(db) == stamp
    assert snapshot(db) == before
    result = run_load(*batch, db=db)
    assert result.returncode == 0, result.describe()
    assert query(db, "SELECT count(*) FROM reports WHERE region_name LIKE '测试市batch%'") == [(6,)]


def test_failure_inside_the_write_leaves_live_file_and_no_tmp(db: Path, tmp_path: Path, monkeypatch) -> None:
    before, stamp = snapshot(db), store.database_stamp(db)
    real_append = writes._append

    def failing_append(con: duckdb.DuckDBPyConnection, table: str, frame) -> None:
        real_append(con, table, frame)
        if table == "figures":
            raise duckdb.IOException("disk full (simulated)")

    monkeypatch.setattr(writes, "_append", failing_append)
    with pytest.raises(duckdb.IOException):
        load_paths(excerpt_batch(tmp_path / "in"), db)
    assert store.database_stamp(db) == stamp
    assert snapshot(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == sorted([db.name, f"{db.name}.lock"])


def test_reader_holding_the_old_file_keeps_working_after_a_swap(db: Path, tmp_path: Path) -> None:
    old = duckdb.connect(str(db), read_only=True)
    try:
        cursor = old.cursor()
        before = table_rows(old)
        name = "qijiang-2013.txt"
        (path,) = write_reports(tmp_path / "in", {name: qijiang_variant("二〇一三年:")},
                                {name: record(report_year=2013)})
        result = run_load(path, db=db)
        assert result.returncode == 0, result.describe()
        # The old connection and its cursor still read the old file, completely and consistently.
        assert table_rows(old) == before
        assert cursor.execute("SELECT count(*) FROM reports").fetchall() == [(len(before["reports"]),)]
        assert not cursor.execute("SELECT * FROM reports WHERE source_file = ?", [name]).fetchall()
    finally:
        old.close()
    # A reader opened after the swap sees the new report.
    assert query(db, "SELECT report_year FROM reports WHERE source_file = ?", [name]) == [(2013,)]


def test_new_reader_sees_new_file_while_an_old_reader_is_open_in_the_same_process(db: Path, tmp_path: Path) -> None:
    """The dashboard keeps the previous connection cached while it opens one for the new file stamp.

    DuckDB caches database instances by path within a process, so `duckdb.connect(path, read_only=True)`
    made while a connection to the replaced file is still open returns that *old* instance: the dashboard
    would keep showing the old reports until every old connection is gone.
    """
    old = store.connect_readonly(db)
    try:
        old_count = old.execute("SELECT count(*) FROM reports").fetchone()[0]
        name = "qijiang-2012.txt"
        (path,) = write_reports(tmp_path / "in", {name: qijiang_variant("二〇一二年:")},
                                {name: record(report_year=2012)})
        result = run_load(path, db=db)
        assert result.returncode == 0, result.describe()
        new = store.connect_readonly(db)
        try:
            assert new.execute("SELECT count(*) FROM reports").fetchone()[0] == old_count + 1, (
                "store.connect_readonly returned the replaced database while an old connection was open"
            )
        finally:
            new.close()
    finally:
        old.close()


def test_polling_reader_never_sees_half_a_report(db: Path, tmp_path: Path) -> None:
    """While loads run, a reader keeps opening the file: every report it sees is complete."""
    stop = threading.Event()
    problems: list[str] = []
    reads = 0

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                con = duckdb.connect(str(db), read_only=True)
            except duckdb.Error as error:  # the file is never missing or half-written
                problems.append(f"open failed: {error}")
                continue
            try:
                bad = con.execute(
                    """
                    SELECT r.report_id, r.figure_count, count(f.figure_num) AS figures
                    FROM reports r LEFT JOIN figures f USING (report_id)
                    GROUP BY ALL HAVING r.figure_count <> count(f.figure_num)
                    """
                ).fetchall()
                orphans = con.execute(
                    "SELECT count(*) FROM figures WHERE report_id NOT IN (SELECT report_id FROM reports)"
                ).fetchone()[0]
                missing_obs = con.execute(
                    """SELECT count(*) FROM reports r WHERE observation_count <>
                       (SELECT count(*) FROM observations o WHERE o.report_id = r.report_id)"""
                ).fetchone()[0]
            finally:
                con.close()
            if bad or orphans or missing_obs:
                problems.append(f"half a report visible: {bad} orphans={orphans} obs={missing_obs}")
            reads += 1
            time.sleep(0.005)  # leave the CPU to the loader

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        # In-process library loads (no CLI start-up cost): the same store code the CLI runs.
        for year in (2008, 2009):
            name = f"qijiang-{year}.txt"
            (path,) = write_reports(tmp_path / f"in{year}", {name: qijiang_variant(f"{year}版:")},
                                    {name: record(report_year=year)})
            report = load_paths([path, *excerpt_batch(tmp_path / f"ex{year}", count=4, tag=f"p{year}")], db)
            assert not report.rejected, report.rejected
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not problems, problems[:3]
    assert reads > 0
    assert query(db, "SELECT count(*) FROM reports WHERE region_name = ? AND report_year IN (2008, 2009)",
                 [QIJIANG_RECORD["region"]]) == [(2,)]


def test_interrupted_load_does_not_block_the_next_one_via_the_lock(db: Path, tmp_path: Path) -> None:
    """The writer lock is an flock: it dies with its process, and a stale lock file blocks nobody."""
    lock = db.with_name(db.name + ".lock")
    lock.write_text("stale\n")
    name = "qijiang-2011.txt"
    (path,) = write_reports(tmp_path / "in", {name: qijiang_variant("二〇一一年:")}, {name: record(report_year=2011)})
    result = run_load(path, db=db, timeout=60)
    assert result.returncode == 0, result.describe()
    assert query(db, "SELECT count(*) FROM reports WHERE source_file = ?", [name]) == [(1,)]
