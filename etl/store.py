"""DuckDB storage: schema, idempotent loads and the atomic file swap that readers rely on.

A load never writes to the live file. It copies the database next to itself, writes into the copy and
`os.replace`s it into place, so a reader (the dashboard holds the file read-only) sees the old report
set or the new one, never half a report, and a load killed mid-way leaves the old file untouched.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import PARSER_VERSION
from etl.indicators import Catalogue
from etl.models import Extraction

SCHEMA_PATH = Path(__file__).with_name("schema.sql")
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "data" / "dashboard.duckdb"
TABLES = ("reports", "sections", "figures", "indicators", "observations", "checks", "load_events")


@dataclass(frozen=True)
class LoadOutcome:
    source_file: str
    action: str  # loaded | unchanged | replaced | rejected
    detail: str
    report_id: str | None = None


def default_db_path() -> Path:
    """The database the dashboard reads: $DASHBOARD_DB, else data/dashboard.duckdb."""
    env = os.environ.get("DASHBOARD_DB")
    return Path(env) if env else DEFAULT_DB_PATH


def database_stamp(db_path: Path) -> tuple[int, int]:
    """Changes whenever a load swaps in a new file; (0, 0) when there is no database yet."""
    try:
        st = os.stat(db_path)
    except FileNotFoundError:
        return (0, 0)
    return (st.st_ino, st.st_mtime_ns)


def connect_readonly(db_path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db_path), read_only=True)


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


def _frames(extraction: Extraction, loaded_at: datetime) -> dict[str, pd.DataFrame]:
    """Rows for one report, one DataFrame per table, so the load is a handful of set-based appends."""
    ex = extraction
    text = ex.document.text
    paths = _section_paths(ex)
    sections = pd.DataFrame(
        {
            "report_id": ex.report_id,
            "section_num": [s.section_num for s in ex.sections],
            "parent_num": pd.array([s.parent_num for s in ex.sections], dtype="Int64"),
            "level": [s.level for s in ex.sections],
            "heading": [s.heading for s in ex.sections],
            "section_path": [paths[s.section_num] for s in ex.sections],
            "start_offset": [s.start for s in ex.sections],
            "end_offset": [s.end for s in ex.sections],
        }
    )
    figs = ex.figures
    figures = pd.DataFrame(
        {
            "report_id": ex.report_id,
            "figure_num": list(range(1, len(figs) + 1)),
            "section_num": pd.array([f.section_num for f in figs], dtype="Int64"),
            "section_path": [paths.get(f.section_num) if f.section_num is not None else None for f in figs],
            "value": [float(f.value) for f in figs],
            "unit": [f.unit for f in figs],
            "qualifier": [f.qualifier for f in figs],
            "is_unit_inferred": [f.is_unit_inferred for f in figs],
            "text": [f.text for f in figs],
            "sentence": [text[f.sentence_start : f.sentence_end].strip() for f in figs],
            "start_offset": [f.start for f in figs],
            "end_offset": [f.end for f in figs],
            "indicator_id": list(ex.indicator_ids),
        }
    )
    obs_rows = []
    seen: set[str] = set()
    for num, (fig, ind) in enumerate(zip(figs, ex.indicator_ids, strict=True), start=1):
        if ind is None or ind in seen:
            continue
        seen.add(ind)
        obs_rows.append(
            (
                ex.report_id,
                ind,
                float(fig.value),
                fig.unit,
                fig.qualifier,
                num,
                text[fig.sentence_start : fig.sentence_end].strip(),
            )
        )
    observations = pd.DataFrame(
        obs_rows, columns=["report_id", "indicator_id", "value", "unit", "qualifier", "figure_num", "sentence"]
    )
    checks = pd.DataFrame(
        {
            "report_id": ex.report_id,
            "check_num": list(range(1, len(ex.checks) + 1)),
            "rule": [c.rule for c in ex.checks],
            "indicator_id": [c.indicator_id for c in ex.checks],
            "is_ok": [c.is_ok for c in ex.checks],
            "detail": [c.detail for c in ex.checks],
        }
    )
    m = ex.meta
    reports = pd.DataFrame(
        [
            {
                "report_id": ex.report_id,
                "region_name": m.region_name,
                "admin_level": m.admin_level,
                "report_year": m.report_year,
                "year_span": m.year_span,
                "title": m.title,
                "date_published": pd.to_datetime(m.date_published).date() if m.date_published else None,
                "source_url": m.source_url,
                "source_file": ex.source_file,
                "source_format": ex.source_format,
                "is_excerpt": m.is_excerpt,
                "char_count": len(text),
                "figure_count": len(figs),
                "observation_count": len(obs_rows),
                "failed_check_count": sum(not c.is_ok for c in ex.checks),
                "loaded_at": loaded_at,
                "parser_version": PARSER_VERSION,
                "report_text": text,
            }
        ]
    )
    reports["report_year"] = reports["report_year"].astype("Int64")
    return {
        "reports": reports,
        "sections": sections,
        "figures": figures,
        "observations": observations,
        "checks": checks,
    }


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


def _append(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("incoming_frame", frame)
    try:
        columns = ", ".join(frame.columns)
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
    existing = {
        row[0]: ((row[1], row[2], row[3]), row[4])
        for row in con.execute(
            "SELECT report_id, region_name, report_year, year_span, source_file FROM reports"
        ).fetchall()
    }
    pending: dict[str, dict[str, pd.DataFrame]] = {}
    for ex in extractions:
        if ex.report_id in existing:
            outcomes.append(LoadOutcome(ex.source_file, "unchanged", "already loaded (same content)", ex.report_id))
            continue
        key = (ex.meta.region_name, ex.meta.report_year, ex.meta.year_span)
        replaced = [
            (rid, source_file)
            for rid, (k, source_file) in existing.items()
            if ex.meta.region_name and ex.meta.report_year and k == key
        ]
        for rid, _ in replaced:
            # An earlier version is either stored (delete it) or earlier in this batch (drop it).
            if pending.pop(rid, None) is None:
                _delete_report(con, rid)
            del existing[rid]
        existing[ex.report_id] = (key, ex.source_file)
        pending[ex.report_id] = _frames(ex, loaded_at)
        if replaced:
            names = ", ".join(f"{source_file} ({rid})" for rid, source_file in replaced)
            detail = f"replaced earlier version {names} of {key[0]} {key[1]}"
            outcomes.append(LoadOutcome(ex.source_file, "replaced", detail, ex.report_id))
        else:
            outcomes.append(LoadOutcome(ex.source_file, "loaded", f"{len(ex.figures)} figures", ex.report_id))
    for table in ("reports", "sections", "figures", "observations", "checks"):
        frames = [tables[table] for tables in pending.values()]
        if frames:
            _append(con, table, pd.concat(frames, ignore_index=True))
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
        tmp_path = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
        _remove_quietly(tmp_path)
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


def ensure_database(db_path: Path, data_dir: Path | None = None) -> bool:
    """Build the database from data/reports when the file is missing; True when it was built."""
    from etl.load import DEFAULT_DATA_DIR
    from etl.load import ensure_database as build

    return build(db_path, data_dir or DEFAULT_DATA_DIR)
