"""Every table's columns, declared once: name and type, in table order.

The DDL (keys, NOT NULL, comments) stays in schema.sql; tests/test_schema.py checks that a database created
from it has exactly these columns with these types, so the two cannot drift. The Arrow schemas a load
appends with and the column lists of queries and tests are derived from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class ColumnType:
    """One type of the vocabulary: the DuckDB column type and the Arrow type a load builds its rows with."""

    sql: str
    arrow: pa.DataType


TEXT = ColumnType("VARCHAR", pa.string())
# Rows are built as int64 and DuckDB casts them to INTEGER on INSERT, as it always has.
INTEGER = ColumnType("INTEGER", pa.int64())
FLOAT = ColumnType("DOUBLE", pa.float64())
BOOLEAN = ColumnType("BOOLEAN", pa.bool_())
DATE = ColumnType("DATE", pa.date32())
TIMESTAMP = ColumnType("TIMESTAMP", pa.timestamp("us"))

Columns = tuple[tuple[str, ColumnType], ...]

COLUMNS: dict[str, Columns] = {
    "reports": (
        ("report_id", TEXT),
        ("region_name", TEXT),
        ("admin_level", TEXT),
        ("report_year", INTEGER),
        ("year_span", TEXT),
        ("title", TEXT),
        ("date_published", DATE),
        ("source_url", TEXT),
        ("source_file", TEXT),
        ("source_format", TEXT),
        ("is_excerpt", BOOLEAN),
        ("char_count", INTEGER),
        ("figure_count", INTEGER),
        ("observation_count", INTEGER),
        ("failed_check_count", INTEGER),
        ("loaded_at", TIMESTAMP),
        ("parser_version", TEXT),
        ("report_text", TEXT),
        ("document_kind", TEXT),
    ),
    "sections": (
        ("report_id", TEXT),
        ("section_num", INTEGER),
        ("parent_num", INTEGER),
        ("level", INTEGER),
        ("heading", TEXT),
        ("section_path", TEXT),
        ("start_offset", INTEGER),
        ("end_offset", INTEGER),
    ),
    "figures": (
        ("report_id", TEXT),
        ("figure_num", INTEGER),
        ("section_num", INTEGER),
        ("section_path", TEXT),
        ("value", FLOAT),
        ("unit", TEXT),
        ("qualifier", TEXT),
        ("is_unit_inferred", BOOLEAN),
        ("text", TEXT),
        ("sentence", TEXT),
        ("start_offset", INTEGER),
        ("end_offset", INTEGER),
        ("indicator_id", TEXT),
        ("value_low", FLOAT),
        ("change_of", TEXT),
        # Added for curation (issue 12): automatic | needs_review | confirmed | corrected | rejected, and what the
        # ETL itself assigned, so a correction can be undone or re-applied after a reload.
        ("assignment_status", TEXT),
        ("automatic_indicator_id", TEXT),
        ("automatic_status", TEXT),
        ("review_reason", TEXT),  # why the ETL marked it needs_review (etl/extract/doubts.py), else NULL
        ("breakdown_of", TEXT),  # the total's indicator this figure is a part of (其中…), else NULL
        ("breakdown_label", TEXT),  # the part as the report names it (涉及公安类)
        ("assignment_rule", TEXT),  # why the ETL gave it its indicator (etl.extract.assignment.rule_text), else NULL
    ),
    "indicators": (
        ("indicator_id", TEXT),
        ("name_zh", TEXT),
        ("name_en", TEXT),
        ("unit", TEXT),
        ("short_unit", TEXT),
        ("domain", TEXT),
        ("description", TEXT),
        ("higher_is_better", BOOLEAN),
        ("is_headline", BOOLEAN),
        ("display_order", INTEGER),
    ),
    "observations": (
        ("report_id", TEXT),
        ("indicator_id", TEXT),
        ("value", FLOAT),
        ("unit", TEXT),
        ("qualifier", TEXT),
        ("figure_num", INTEGER),
        ("sentence", TEXT),
        ("assignment_status", TEXT),  # its figure's status: pages mark needs_review and corrected values
    ),
    "checks": (
        ("report_id", TEXT),
        ("check_num", INTEGER),
        ("rule", TEXT),
        ("indicator_id", TEXT),
        ("is_ok", BOOLEAN),
        ("detail", TEXT),
        ("params", TEXT),
    ),
    "load_events": (
        ("loaded_at", TIMESTAMP),
        ("source_file", TEXT),
        ("report_id", TEXT),
        ("action", TEXT),
        ("detail", TEXT),
    ),
    # Manual overrides of figure → indicator assignments, kept across reloads (etl/store/corrections.py).
    "corrections": (
        ("region_name", TEXT),
        ("report_year", INTEGER),
        ("figure_text", TEXT),
        ("context", TEXT),
        ("indicator_id", TEXT),
        ("note", TEXT),
        ("corrected_by", TEXT),
        ("corrected_at", TIMESTAMP),
    ),
}

TABLES: tuple[str, ...] = tuple(COLUMNS)
COLUMN_TYPES: dict[str, dict[str, ColumnType]] = {table: dict(columns) for table, columns in COLUMNS.items()}
# Defaults of columns added after files were first built: etl.store.connection.migrate fills old rows with them.
COLUMN_DEFAULTS: dict[tuple[str, str], str] = {
    ("reports", "document_kind"): "'rule_of_law_report'",
    ("figures", "assignment_status"): "'automatic'",
    ("figures", "automatic_status"): "'automatic'",
    ("observations", "assignment_status"): "'automatic'",
    ("checks", "params"): "'{}'",  # checks stored before params: the dashboard shows their stored detail
}
# Columns added after files were first built whose old rows copy another column (not a constant).
COLUMN_BACKFILLS: dict[tuple[str, str], str] = {("figures", "automatic_indicator_id"): "indicator_id"}
# The tables holding one report's rows: a load writes them from its extractions and deletes them by report_id.
REPORT_TABLES: tuple[str, ...] = ("reports", "sections", "figures", "observations", "checks")


def column_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in COLUMNS[table])


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, column_type.arrow) for name, column_type in COLUMNS[table]])


def sql_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(column, DuckDB type) as `information_schema.columns` reports them for a database made from schema.sql."""
    return tuple((name, column_type.sql) for name, column_type in COLUMNS[table])


# Arrow types of the rows a load appends, in the order `etl.store.rows` builds the tuples.
ROW_SCHEMAS: dict[str, pa.Schema] = {table: arrow_schema(table) for table in REPORT_TABLES}
