"""Opening the database: read-only views for the dashboard, the schema for a writer, and whole-table snapshots."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from etl.config import SCHEMA_PATH
from etl.store.schema import TABLES

READER_ALIAS = "report_db"


def database_stamp(db_path: Path) -> tuple[int, int]:
    """Changes whenever a load swaps in a new file; (0, 0) when there is no database yet."""
    try:
        st = os.stat(db_path)
    except FileNotFoundError:
        return (0, 0)
    return (st.st_ino, st.st_mtime_ns)


def connect_readonly(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only view of the file as it is now.

    duckdb.connect(path) reuses the database instance already open for that path in this process, so after
    a load swapped in a new file it would keep answering from the old one. Attaching the file to a fresh
    in-memory instance opens whatever file the path names at this moment.
    """
    if not Path(db_path).exists():
        raise FileNotFoundError(f"{db_path}: no database file")
    con = duckdb.connect(":memory:")
    quoted = str(db_path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS {READER_ALIAS} (READ_ONLY)")
    con.execute(f"USE {READER_ALIAS}")
    return con


def reader_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread on a connection from connect_readonly (a cursor starts in the default catalog)."""
    cursor = con.cursor()
    cursor.execute(f"USE {READER_ALIAS}")
    return cursor


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: lets tests prove a failed load left the content byte-for-byte equal."""
    result: dict[str, list[tuple]] = {}
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table in TABLES:
        if table in existing:
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            result[table] = sorted(rows, key=repr)
    return result
