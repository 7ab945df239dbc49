"""Reading a database file for a command-line report (`python -m etl review`): every failure — no file, not a
DuckDB file, not this dashboard's database — becomes one `StoreReadError` naming the file and the problem, so the
CLI can print it and exit 1 without a traceback. The file is opened read-only: nothing is changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from etl.store import queries
from etl.store.connection import connect_readonly, missing_tables


class StoreReadError(Exception):
    """The database file cannot be read; the message names it and says why."""


@dataclass(frozen=True)
class ReviewInputs:
    reports: list[dict[str, Any]]
    headings: list[dict[str, Any]]
    core_values: list[dict[str, Any]]


def read_review_inputs(db_path: Path, core_indicator_ids: Sequence[str]) -> ReviewInputs:
    """Every report's row, headings and core-indicator values, as plain rows."""
    try:
        con = connect_readonly(db_path)
    except FileNotFoundError as error:
        raise StoreReadError(f"{db_path}: no database file") from error
    except duckdb.Error as error:
        raise StoreReadError(f"{db_path}: not a DuckDB database file ({str(error).splitlines()[0][:200]})") from error
    try:
        missing = [t for t in missing_tables(con) if t in ("reports", "sections", "observations")]
        if missing:
            raise StoreReadError(f"{db_path}: not a dashboard database (no table {', '.join(missing)})")
        return ReviewInputs(
            queries.review_reports(con).to_dict("records"),
            queries.review_headings(con).to_dict("records"),
            queries.review_core_values(con, list(core_indicator_ids)).to_dict("records"),
        )
    except duckdb.Error as error:
        raise StoreReadError(f"{db_path}: cannot be read ({str(error).splitlines()[0][:200]})") from error
    finally:
        con.close()
