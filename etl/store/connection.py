"""Opening the database: read-only views for the dashboard, the schema for a writer, and whole-table snapshots."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from etl.config import SCHEMA_PATH
from etl.store.schema import COLUMN_BACKFILLS, COLUMN_DEFAULTS, COLUMN_TYPES, TABLES, column_names

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
    """Create missing tables, and add the columns a file built by an older version lacks (`migrate`)."""
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    migrate(con)


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(table, column) declared in etl.store.schema but absent from this database's tables."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_catalog = current_database()"
    ).fetchall()
    present = {(table, column) for table, column in rows}
    tables = {table for table, _ in present}
    return [(t, c) for t in TABLES if t in tables for c in column_names(t) if (t, c) not in present]


def migrate(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Add every declared column a table lacks, with its declared default; returns what was added.

    Columns are only ever added at the end of a table (schema.sql declares new ones last), so a file built by
    an older version becomes exactly what the current DDL creates.
    """
    added = missing_columns(con)
    for table, column in added:
        kind = COLUMN_TYPES[table][column]
        default = COLUMN_DEFAULTS.get((table, column))
        con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind.sql}" + (f" DEFAULT {default}" if default else ""))
        source = COLUMN_BACKFILLS.get((table, column))
        if source:
            con.execute(f"UPDATE {table} SET {column} = {source}")
    return added


def missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Declared tables a file built by an older version lacks (create_schema adds them)."""
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()")
    present = {r[0] for r in rows.fetchall()}
    return [t for t in TABLES if t not in present]


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: lets tests prove a failed load left the content byte-for-byte equal."""
    result: dict[str, list[tuple]] = {}
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table in TABLES:
        if table in existing:
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            result[table] = sorted(rows, key=repr)
    return result
