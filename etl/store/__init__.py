"""Storage: the schema, idempotent atomic loads (`writes`) and every SELECT the dashboard runs (`queries`).

Only this package holds SQL. Callers import the public names from here.
"""

from etl.store.writes import (
    READER_ALIAS,
    TABLES,
    LoadOutcome,
    connect_readonly,
    database_stamp,
    load_extractions,
    reader_cursor,
    table_rows,
)

__all__ = [
    "READER_ALIAS",
    "TABLES",
    "LoadOutcome",
    "connect_readonly",
    "database_stamp",
    "load_extractions",
    "reader_cursor",
    "table_rows",
]
