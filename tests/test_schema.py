"""etl/store/schema.py declares every table's columns once; schema.sql (the DDL) must agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from etl.config import SCHEMA_PATH
from etl.store.connection import create_schema
from etl.store.queries import REPORT_COLUMNS
from etl.store.schema import COLUMNS, REPORT_TABLES, ROW_SCHEMAS, TABLES, column_names, sql_columns


@pytest.fixture(scope="module")
def live_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """(column, type) of every table of a database freshly created from schema.sql, in column order."""
    with duckdb.connect(":memory:") as con:
        create_schema(con)
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
    result: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        result.setdefault(table, []).append((column, data_type))
    return {table: tuple(columns) for table, columns in result.items()}


def test_schema_sql_creates_exactly_the_declared_tables(live_columns: dict) -> None:
    assert set(live_columns) == set(TABLES)


@pytest.mark.parametrize("table", TABLES)
def test_schema_sql_columns_equal_the_declaration(table: str, live_columns: dict) -> None:
    assert live_columns[table] == sql_columns(table), f"etl/store/schema.sql and etl/store/schema.py differ on {table}"


def test_the_ddl_text_names_the_declared_columns_in_order() -> None:
    # The same check on the text, so a column commented out or reordered in the file is caught by name too.
    ddl = SCHEMA_PATH.read_text(encoding="utf-8")
    for table in TABLES:
        body = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\n\);", ddl, re.S)
        assert body is not None, table
        lines = [line for line in body.group(1).strip().splitlines() if not line.lstrip().startswith("--")]
        names = tuple(line.split()[0] for line in lines)
        assert names == column_names(table)


def test_row_schemas_are_derived_from_the_declaration() -> None:
    assert tuple(ROW_SCHEMAS) == REPORT_TABLES
    for table, schema in ROW_SCHEMAS.items():
        assert tuple(schema.names) == column_names(table)
        assert [f.type for f in schema] == [t.arrow for _, t in COLUMNS[table]]


def test_report_columns_of_the_queries_are_every_column_but_the_text() -> None:
    selected = [c.strip() for c in REPORT_COLUMNS.split(",")]
    names = [c.removeprefix("r.") for c in selected if c.startswith("r.") and " " not in c]
    assert tuple(names) == tuple(c for c in column_names("reports") if c != "report_text")


def test_a_file_built_by_an_older_version_gets_the_new_columns(db: Path) -> None:


    from etl.ingest import ensure_database
    from etl.store import upgrade_schema
    from tests.conftest import query

    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE reports DROP COLUMN document_kind")
    con.execute("ALTER TABLE figures DROP COLUMN value_low")
    con.close()
    assert ensure_database(db) is False  # exists: not rebuilt, only upgraded
    kinds = query(db, "SELECT DISTINCT document_kind FROM reports")
    assert kinds == [("rule_of_law_report",)]
    assert query(db, "SELECT count(*) FROM figures WHERE value_low IS NOT NULL") == [(0,)]
    before = db.stat().st_mtime_ns
    assert upgrade_schema(db) == []  # nothing missing: the file is left alone
    assert db.stat().st_mtime_ns == before
