"""Idempotent loads: which reports to keep, delete and write (`etl.store.replacement`), written in one swap.

Every load writes into a private copy of the database and swaps it in (`etl.store.swap`), so a reader sees
the old report set or the new one, never half a report, and a load killed mid-way leaves the old file untouched.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl import PARSER_VERSION
from etl.catalogue import Catalogue
from etl.models import Correction, Extraction
from etl.store import corrections as stored_corrections
from etl.store.connection import connect_readonly, create_schema, missing_columns, missing_tables
from etl.store.replacement import IncomingReport, StoredReport, decide
from etl.store.rows import indicator_rows, report_rows
from etl.store.schema import REPORT_TABLES, column_names
from etl.store.swap import swapped_copy, writer_lock


@dataclass(frozen=True)
class LoadOutcome:
    source_file: str
    action: str  # loaded | unchanged | replaced | refused | rejected | corrected | unmatched
    detail: str
    report_id: str | None = None


def _append(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | pa.Table) -> None:
    """One set-based INSERT of every row of `frame` (a DataFrame or an Arrow table, scanned in place)."""
    if len(frame) == 0:
        return
    con.register("incoming_frame", frame)
    try:
        columns = ", ".join(frame.columns if isinstance(frame, pd.DataFrame) else frame.column_names)
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_frame")
    finally:
        con.unregister("incoming_frame")


def _write_catalogue(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> None:
    # Drop and recreate rather than DELETE + INSERT of the same keys (false duplicate-key errors in DuckDB).
    con.execute("DROP TABLE IF EXISTS indicators")
    create_schema(con)
    _append(con, "indicators", indicator_rows(catalogue))


def _delete_report(con: duckdb.DuckDBPyConnection, report_id: str) -> None:
    for table in REPORT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])


def stored_reports(con: duckdb.DuckDBPyConnection) -> list[StoredReport]:
    """The keys of every stored report, as `etl.store.replacement.decide` takes them."""
    rows = con.execute(
        "SELECT report_id, region_name, report_year, year_span, source_file, parser_version, figure_count, "
        "observation_count FROM reports"
    ).fetchall()
    return [StoredReport(*row) for row in rows]


def _kept_source_records(
    con: duckdb.DuckDBPyConnection, extractions: Sequence[Extraction], plan_replaces: Sequence[tuple[str, ...]]
) -> list[Extraction]:
    """Each extraction with the URL and publication date of the stored version it replaces, where it has none."""
    kept: list[Extraction] = []
    for ex, replaces in zip(extractions, plan_replaces, strict=True):
        m = ex.meta
        if replaces and (m.source_url is None or m.date_published is None):
            row = con.execute(
                "SELECT source_url, CAST(date_published AS VARCHAR) FROM reports "
                "WHERE list_contains(?::VARCHAR[], report_id) ORDER BY source_url NULLS LAST LIMIT 1",
                [list(replaces)],
            ).fetchone()
            if row:
                ex = replace(ex, meta=replace(m, source_url=m.source_url or row[0],
                                              date_published=m.date_published or row[1]))
        kept.append(ex)
    return kept


def _apply(
    con: duckdb.DuckDBPyConnection,
    extractions: Sequence[Extraction],
    rejected: Sequence[LoadOutcome],
    catalogue: Catalogue,
    allow_loss: bool | Collection[str] = False,
    corrections: Sequence[Correction] = (),
    corrections_origin: str = "corrections",
) -> list[LoadOutcome]:
    loaded_at = datetime.now()
    create_schema(con)
    _write_catalogue(con, catalogue)
    plan = decide(stored_reports(con), [IncomingReport.of(ex) for ex in extractions], replace=allow_loss)
    outcomes = [
        LoadOutcome(ex.source_file, d.action, d.detail, ex.report_id)
        for ex, d in zip(extractions, plan.decisions, strict=True)
    ]
    extractions = _kept_source_records(con, extractions, [d.replaces for d in plan.decisions])
    for report_id in plan.deletes:
        _delete_report(con, report_id)
    # Deletions are committed before the inserts: DuckDB has raised false duplicate-key errors when a key is
    # deleted and inserted again in one transaction. This file is a private copy until the swap, so the
    # intermediate commit is never visible to a reader.
    con.execute("COMMIT")
    con.execute("BEGIN TRANSACTION")
    written = [extractions[i] for i in plan.writes]
    for table, rows in report_rows(written, loaded_at).items():
        _append(con, table, rows)
    outcomes.extend(_corrections_outcomes(con, catalogue, corrections, corrections_origin,
                                          [ex.report_id for ex in written]))
    events = pd.DataFrame(
        [(loaded_at, o.source_file, o.report_id, o.action, o.detail) for o in [*outcomes, *rejected]],
        columns=list(column_names("load_events")),
    )
    _append(con, "load_events", events)
    return outcomes


def _corrections_outcomes(
    con: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    corrections: Sequence[Correction],
    origin: str,
    report_ids: Collection[str] | None,
) -> list[LoadOutcome]:
    """Store `corrections` (CorrectionError on a bad one), re-apply the stored ones to `report_ids` (None: every
    report), and say what was corrected and which stored corrections no longer match a figure."""
    stored_corrections.store(con, corrections, catalogue)
    targets = None if report_ids is None else set(report_ids)
    if corrections and targets is not None:
        targets |= _report_ids_of(con, corrections)
    unmatched = stored_corrections.apply(con, catalogue, targets)
    return [
        *(LoadOutcome(c.origin.rsplit(" row ", 1)[0] or origin, "corrected", f"{c.label} (by {c.corrected_by})")
          for c in corrections),
        *(LoadOutcome(origin, "unmatched", f"{c.label}: {why}", None) for c, why in unmatched),
    ]


def _report_ids_of(con: duckdb.DuckDBPyConnection, corrections: Sequence[Correction]) -> set[str]:
    keys = sorted({f"{c.region_name}\x1f{c.report_year}" for c in corrections})
    rows = con.execute(
        "SELECT report_id FROM reports WHERE list_contains(?::VARCHAR[], region_name || chr(31) || report_year)",
        [keys],
    ).fetchall()
    return {str(r[0]) for r in rows}


def load_extractions(
    db_path: Path,
    extractions: Sequence[Extraction],
    catalogue: Catalogue,
    rejected: Sequence[LoadOutcome] = (),
    allow_loss: bool | Collection[str] = False,
    corrections: Sequence[Correction] = (),
    corrections_origin: str = "corrections",
) -> list[LoadOutcome]:
    """Load into a copy of the database and swap it in; on any error the live file is untouched.

    `corrections` (from a folder's corrections.csv, or made in the upload review) are checked against the
    database as the load leaves it and stored; a bad one raises CorrectionError and nothing changes.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(db_path):
        unchanged = _unchanged_outcomes(db_path, extractions, catalogue, corrections)
        if unchanged is not None:
            return unchanged
        with swapped_copy(db_path) as tmp_path:
            con = duckdb.connect(str(tmp_path))
            try:
                con.execute("BEGIN TRANSACTION")
                outcomes = _apply(con, extractions, rejected, catalogue, allow_loss, corrections,
                                  corrections_origin)
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            finally:
                con.close()
    return outcomes


def _unchanged_outcomes(
    db_path: Path, extractions: Sequence[Extraction], catalogue: Catalogue, corrections: Sequence[Correction] = ()
) -> list[LoadOutcome] | None:
    """The outcomes when a load would change nothing (so the file is left byte-for-byte alone), else None."""
    if not extractions and not corrections:
        return []
    if not db_path.exists():
        return None
    with connect_readonly(db_path) as con:
        if missing_tables(con):
            return None
        known = {(c.key, c.indicator_id, c.note) for c in stored_corrections.stored(con)}
        if any((c.key, c.indicator_id, c.note) not in known for c in corrections):
            return None
        stored = set(con.execute("SELECT report_id FROM reports WHERE parser_version = ?", [PARSER_VERSION]).fetchall())
        indicators = con.execute(
            "SELECT indicator_id, name_zh, name_en, unit, domain, display_order FROM indicators ORDER BY indicator_id"
        ).fetchall()
    wanted = sorted(
        (i.indicator_id, i.name_zh, i.name_en, i.unit, i.domain, i.display_order) for i in catalogue.indicators
    )
    if indicators != wanted or any((ex.report_id,) not in stored for ex in extractions):
        return None
    return [
        LoadOutcome(ex.source_file, "unchanged", "already loaded (same content)", ex.report_id) for ex in extractions
    ]


def apply_corrections(
    db_path: Path, corrections: Sequence[Correction], catalogue: Catalogue, origin: str
) -> list[LoadOutcome]:
    """Store and apply corrections to the stored reports in one swap (`python -m etl corrections import`, the
    upload page after a commit). A bad one raises CorrectionError and the file is untouched."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"{db_path}: no database file")
    with writer_lock(db_path), swapped_copy(db_path) as tmp_path:
        con = duckdb.connect(str(tmp_path))
        try:
            con.execute("BEGIN TRANSACTION")
            create_schema(con)
            outcomes = _corrections_outcomes(con, catalogue, corrections, origin, [])
            now = datetime.now()
            events = pd.DataFrame(
                [(now, o.source_file, o.report_id, o.action, o.detail) for o in outcomes],
                columns=list(column_names("load_events")),
            )
            _append(con, "load_events", events)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return outcomes


def upgrade_schema(db_path: Path) -> list[tuple[str, str]]:
    """Add the columns a file built by an older version lacks, in one swap; returns what was added.

    A file that already has every declared column is left alone (not even rewritten), so this is cheap to
    call on every start.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return []
    with connect_readonly(db_path) as con:
        if not missing_columns(con) and not missing_tables(con):
            return []
    with writer_lock(db_path), swapped_copy(db_path) as tmp_path:
        con = duckdb.connect(str(tmp_path))
        try:
            con.execute("BEGIN TRANSACTION")
            added = missing_columns(con)
            create_schema(con)  # the missing tables, then the missing columns (migrate)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return added
