"""DuckDB storage: schema, idempotent loads and the atomic file swap that readers rely on.

A load never writes to the live file. It copies the database next to itself, writes into the copy and
`os.replace`s it into place, so a reader (the dashboard holds the file read-only) sees the old report
set or the new one, never half a report, and a load killed mid-way leaves the old file untouched.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl import PARSER_VERSION
from etl.catalogue import Catalogue
from etl.config import SCHEMA_PATH
from etl.models import Extraction

TABLES = ("reports", "sections", "figures", "indicators", "observations", "checks", "load_events")


@dataclass(frozen=True)
class LoadOutcome:
    source_file: str
    action: str  # loaded | unchanged | replaced | rejected
    detail: str
    report_id: str | None = None


def database_stamp(db_path: Path) -> tuple[int, int]:
    """Changes whenever a load swaps in a new file; (0, 0) when there is no database yet."""
    try:
        st = os.stat(db_path)
    except FileNotFoundError:
        return (0, 0)
    return (st.st_ino, st.st_mtime_ns)


READER_ALIAS = "report_db"


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


@contextmanager
def _writer_lock(db_path: Path) -> Iterator[None]:
    # Two loaders must not both copy the same old file and race to swap; readers never take this lock.
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


# Arrow types of the rows a load appends; DuckDB casts them to the column types in schema.sql on INSERT.
_STR, _INT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
ROW_SCHEMAS: dict[str, pa.Schema] = {
    "reports": pa.schema(
        [
            ("report_id", _STR),
            ("region_name", _STR),
            ("admin_level", _STR),
            ("report_year", _INT),
            ("year_span", _STR),
            ("title", _STR),
            ("date_published", pa.date32()),
            ("source_url", _STR),
            ("source_file", _STR),
            ("source_format", _STR),
            ("is_excerpt", _BOOL),
            ("char_count", _INT),
            ("figure_count", _INT),
            ("observation_count", _INT),
            ("failed_check_count", _INT),
            ("loaded_at", pa.timestamp("us")),
            ("parser_version", _STR),
            ("report_text", _STR),
        ]
    ),
    "sections": pa.schema(
        [
            ("report_id", _STR),
            ("section_num", _INT),
            ("parent_num", _INT),
            ("level", _INT),
            ("heading", _STR),
            ("section_path", _STR),
            ("start_offset", _INT),
            ("end_offset", _INT),
        ]
    ),
    "figures": pa.schema(
        [
            ("report_id", _STR),
            ("figure_num", _INT),
            ("section_num", _INT),
            ("section_path", _STR),
            ("value", _FLOAT),
            ("unit", _STR),
            ("qualifier", _STR),
            ("is_unit_inferred", _BOOL),
            ("text", _STR),
            ("sentence", _STR),
            ("start_offset", _INT),
            ("end_offset", _INT),
            ("indicator_id", _STR),
        ]
    ),
    "observations": pa.schema(
        [
            ("report_id", _STR),
            ("indicator_id", _STR),
            ("value", _FLOAT),
            ("unit", _STR),
            ("qualifier", _STR),
            ("figure_num", _INT),
            ("sentence", _STR),
        ]
    ),
    "checks": pa.schema(
        [
            ("report_id", _STR),
            ("check_num", _INT),
            ("rule", _STR),
            ("indicator_id", _STR),
            ("is_ok", _BOOL),
            ("detail", _STR),
        ]
    ),
}
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _rows(extractions: Iterable[Extraction], loaded_at: datetime) -> dict[str, pa.Table]:
    """Rows of every report in the batch, one Arrow table per database table, in `ROW_SCHEMAS` order.

    Row tuples are gathered across all reports and converted once: building a DataFrame per report cost
    more than extracting it.
    """
    rows: dict[str, list[tuple]] = {table: [] for table in ROW_SCHEMAS}
    for ex in extractions:
        _add_report(rows, ex, loaded_at)
    return {table: _arrow(rows[table], schema) for table, schema in ROW_SCHEMAS.items()}


def _arrow(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    if not rows:
        return schema.empty_table()
    columns = zip(*rows, strict=True)  # rows to columns, in C
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


def _add_report(rows: dict[str, list[tuple]], ex: Extraction, loaded_at: datetime) -> None:
    rid = ex.report_id
    text = ex.document.text
    paths = _section_paths(ex)
    rows["sections"].extend(
        (rid, s.section_num, s.parent_num, s.level, s.heading, paths[s.section_num], s.start, s.end)
        for s in ex.sections
    )
    observations = 0
    seen: set[str] = set()
    for num, (f, indicator_id) in enumerate(zip(ex.figures, ex.indicator_ids, strict=True), start=1):
        sentence = text[f.sentence_start : f.sentence_end].strip()
        section_path = paths.get(f.section_num) if f.section_num is not None else None
        rows["figures"].append(
            (
                rid,
                num,
                f.section_num,
                section_path,
                float(f.value),
                f.unit,
                f.qualifier,
                f.is_unit_inferred,
                f.text,
                sentence,
                f.start,
                f.end,
                indicator_id,
            )
        )
        # An indicator stated twice keeps its first statement in the text.
        if indicator_id is not None and indicator_id not in seen:
            seen.add(indicator_id)
            observations += 1
            rows["observations"].append((rid, indicator_id, float(f.value), f.unit, f.qualifier, num, sentence))
    rows["checks"].extend(
        (rid, num, c.rule, c.indicator_id, c.is_ok, c.detail) for num, c in enumerate(ex.checks, start=1)
    )
    m = ex.meta
    rows["reports"].append(
        (
            rid,
            m.region_name,
            m.admin_level,
            m.report_year,
            m.year_span,
            m.title,
            _date(m.date_published),
            m.source_url,
            ex.source_file,
            ex.source_format,
            m.is_excerpt,
            len(text),
            len(ex.figures),
            observations,
            sum(not c.is_ok for c in ex.checks),
            loaded_at,
            PARSER_VERSION,
            text,
        )
    )


def _date(value: str | None) -> date | None:
    if not value:
        return None
    if ISO_DATE_RE.fullmatch(value):
        return date.fromisoformat(value)  # the usual case, and a hundred times cheaper than pandas
    return pd.to_datetime(value).date()


def _section_paths(ex: Extraction) -> dict[int, str]:
    by_num = {s.section_num: s for s in ex.sections}
    paths: dict[int, str] = {}
    for s in ex.sections:
        parts = [s.heading]
        parent = s.parent_num
        while parent is not None and parent in by_num:
            parts.append(by_num[parent].heading)
            parent = by_num[parent].parent_num
        paths[s.section_num] = " > ".join(reversed(parts))
    return paths


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
    frame = pd.DataFrame(
        [
            {
                "indicator_id": i.indicator_id,
                "name_zh": i.name_zh,
                "name_en": i.name_en,
                "unit": i.unit,
                "short_unit": i.short_unit,
                "domain": i.domain,
                "description": i.description,
                "higher_is_better": i.higher_is_better,
                "is_headline": i.is_headline,
                "display_order": i.display_order,
            }
            for i in catalogue.indicators
        ]
    )
    _append(con, "indicators", frame)


def _delete_report(con: duckdb.DuckDBPyConnection, report_id: str) -> None:
    for table in ("sections", "figures", "observations", "checks", "reports"):
        con.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])


def _apply(
    con: duckdb.DuckDBPyConnection,
    extractions: Sequence[Extraction],
    rejected: Sequence[LoadOutcome],
    catalogue: Catalogue,
) -> list[LoadOutcome]:
    loaded_at = datetime.now()
    create_schema(con)
    _write_catalogue(con, catalogue)
    outcomes: list[LoadOutcome] = []
    # report_id → (region, year, span, source_file) for what is stored plus what this batch adds.
    stored = con.execute(
        "SELECT report_id, region_name, report_year, year_span, source_file, parser_version FROM reports"
    ).fetchall()
    existing = {row[0]: ((row[1], row[2], row[3]), row[4]) for row in stored}
    stale = {row[0]: row[5] for row in stored if row[5] != PARSER_VERSION}
    # The same index by (region, year, span), so finding the versions a report replaces is one lookup, not a
    # scan of every stored report (which made a large load quadratic). Insertion order matches `existing`.
    by_key: dict[tuple, dict[str, str]] = {}
    for rid, (k, source_file) in existing.items():
        by_key.setdefault(k, {})[rid] = source_file
    pending: dict[str, Extraction] = {}
    for ex in extractions:
        if ex.report_id in stale:
            # Same text, older parser: extracted again, so the figures reflect what the ETL does today.
            _delete_report(con, ex.report_id)
            detail = f"re-extracted with parser {PARSER_VERSION} (was {stale.pop(ex.report_id)})"
            outcomes.append(LoadOutcome(ex.source_file, "replaced", detail, ex.report_id))
            del by_key[existing.pop(ex.report_id)[0]][ex.report_id]
        elif ex.report_id in existing:
            outcomes.append(LoadOutcome(ex.source_file, "unchanged", "already loaded (same content)", ex.report_id))
            continue
        key = (ex.meta.region_name, ex.meta.report_year, ex.meta.year_span)
        replaced = list(by_key.get(key, {}).items()) if ex.meta.region_name and ex.meta.report_year else []
        for rid, _ in replaced:
            # An earlier version is either stored (delete it) or earlier in this batch (drop it).
            if pending.pop(rid, None) is None:
                _delete_report(con, rid)
            del existing[rid]
            del by_key[key][rid]
        existing[ex.report_id] = (key, ex.source_file)
        by_key.setdefault(key, {})[ex.report_id] = ex.source_file
        pending[ex.report_id] = ex
        if outcomes and outcomes[-1].report_id == ex.report_id:
            continue  # re-extracted: its outcome is already recorded
        if replaced:
            names = ", ".join(f"{source_file} ({rid})" for rid, source_file in replaced)
            detail = f"replaced earlier version {names} of {key[0]} {key[1]}"
            outcomes.append(LoadOutcome(ex.source_file, "replaced", detail, ex.report_id))
        else:
            outcomes.append(LoadOutcome(ex.source_file, "loaded", f"{len(ex.figures)} figures", ex.report_id))
    # Deletions are committed before the inserts: DuckDB has raised false duplicate-key errors when a key is
    # deleted and inserted again in one transaction. This file is a private copy until the swap, so the
    # intermediate commit is never visible to a reader.
    con.execute("COMMIT")
    con.execute("BEGIN TRANSACTION")
    for table, rows in _rows(pending.values(), loaded_at).items():
        _append(con, table, rows)
    events = pd.DataFrame(
        [(loaded_at, o.source_file, o.report_id, o.action, o.detail) for o in [*outcomes, *rejected]],
        columns=["loaded_at", "source_file", "report_id", "action", "detail"],
    )
    _append(con, "load_events", events)
    return outcomes


def load_extractions(
    db_path: Path,
    extractions: Sequence[Extraction],
    catalogue: Catalogue,
    rejected: Sequence[LoadOutcome] = (),
) -> list[LoadOutcome]:
    """Load into a copy of the database and swap it in; on any error the live file is untouched."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(db_path):
        _sweep_stale_copies(db_path)
        unchanged = _unchanged_outcomes(db_path, extractions, catalogue)
        if unchanged is not None:
            return unchanged
        tmp_path = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
        try:
            if db_path.exists():
                shutil.copy2(db_path, tmp_path)
            con = duckdb.connect(str(tmp_path))
            try:
                con.execute("BEGIN TRANSACTION")
                outcomes = _apply(con, extractions, rejected, catalogue)
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(tmp_path)
            os.replace(tmp_path, db_path)
        finally:
            _remove_quietly(tmp_path)
            _remove_quietly(tmp_path.with_name(tmp_path.name + ".wal"))
    return outcomes


def _sweep_stale_copies(db_path: Path) -> None:
    """Remove copies left by loads that were killed; safe because the caller holds the writer lock."""
    for leftover in db_path.parent.glob(f".{db_path.name}.*.tmp*"):
        _remove_quietly(leftover)


def _unchanged_outcomes(
    db_path: Path, extractions: Sequence[Extraction], catalogue: Catalogue
) -> list[LoadOutcome] | None:
    """The outcomes when a load would change nothing (so the file is left byte-for-byte alone), else None."""
    if not extractions:
        return []
    if not db_path.exists():
        return None
    with connect_readonly(db_path) as con:
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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: lets tests prove a failed load left the content byte-for-byte equal."""
    result: dict[str, list[tuple]] = {}
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table in TABLES:
        if table in existing:
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            result[table] = sorted(rows, key=repr)
    return result
