"""Storage: the schema, idempotent atomic loads (`writes`) and every SELECT the dashboard runs (`queries`).

Only this package holds SQL. Callers import the public names from here.

Modules: `schema` (every table's columns, once), `connection` (read-only views, the DDL, table snapshots),
`replacement` (the rule deciding what a load keeps, deletes and writes), `rows` (extractions → Arrow rows),
`swap` (the writer lock and the atomic file swap), `writes` (the load), `queries` (the SELECTs).
"""

from etl.store.connection import READER_ALIAS, connect_readonly, database_stamp, reader_cursor, table_rows
from etl.store.schema import TABLES
from etl.store.writes import LoadOutcome, load_extractions, upgrade_schema

__all__ = [
    "READER_ALIAS",
    "TABLES",
    "LoadOutcome",
    "connect_readonly",
    "database_stamp",
    "load_extractions",
    "reader_cursor",
    "table_rows",
    "upgrade_schema",
]
