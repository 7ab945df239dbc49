"""Corrections as data: stored, checked against the stored reports, and applied to their figures.

A correction names a figure of the report of a region and year by its text and a piece of its sentence.
Applying it sets the figure's indicator and status — `rejected` when it names no indicator, `confirmed` when it
names what the ETL assigned, else `corrected` — and rebuilds that report's observations by the one observation
rule (etl/extract/observations.py). Every load re-applies the stored corrections to the reports it wrote, so
they survive reloads and re-extraction; one that finds no figure is returned, for the caller to report.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

import duckdb

from etl.catalogue import Catalogue
from etl.extract.normalise import fold_script
from etl.extract.observations import choose_observations
from etl.models import CONFIRMED, CORRECTED, REJECTED, Correction, Figure

MANUAL_STATUSES = (CONFIRMED, CORRECTED, REJECTED)


class CorrectionError(ValueError):
    """Corrections refused (one line each, naming the row); nothing was stored."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


_MATCH_SQL = """
    SELECT f.report_id, f.figure_num, f.unit, f.automatic_indicator_id
    FROM figures f JOIN reports r ON r.report_id = f.report_id
    WHERE r.region_name = ? AND r.report_year = ? AND f.text = ? AND contains(f.sentence, ?)
      AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], f.report_id))
    ORDER BY f.report_id, f.figure_num
"""


def _matches(
    con: duckdb.DuckDBPyConnection, c: Correction, report_ids: Sequence[str] = ()
) -> list[tuple[str, int, str, str | None]]:
    ids = list(report_ids)
    rows = con.execute(_MATCH_SQL, [c.region_name, c.report_year, c.figure_text, c.context, ids, ids]).fetchall()
    return [(str(r[0]), int(r[1]), str(r[2]), r[3]) for r in rows]


def problem(con: duckdb.DuckDBPyConnection, c: Correction, catalogue: Catalogue) -> str | None:
    """Why this correction cannot be applied to the stored reports, or None."""
    if c.indicator_id is not None and c.indicator_id not in catalogue.by_id:
        return f"unknown indicator {c.indicator_id!r} (see python -m etl indicators)"
    reports = con.execute(
        "SELECT count(*) FROM reports WHERE region_name = ? AND report_year = ?", [c.region_name, c.report_year]
    ).fetchone()
    if not reports or not reports[0]:
        return f"no stored report of {c.region_name} {c.report_year}"
    matches = _matches(con, c)
    if not matches:
        return f"no figure “{c.figure_text}” in a sentence containing “{c.context}” in {c.region_name} {c.report_year}"
    if c.indicator_id is not None:
        indicator = catalogue.by_id[c.indicator_id]
        units = sorted({unit for _, _, unit, _ in matches if not indicator.accepts_unit(unit)})
        if units:
            return f"unit {'/'.join(units) or '(none)'} of “{c.figure_text}” does not suit {c.indicator_id}"
    return None


def store(con: duckdb.DuckDBPyConnection, corrections: Sequence[Correction], catalogue: Catalogue) -> None:
    """Check every correction, then keep them (a later one for the same figure replaces the earlier).

    Raises CorrectionError naming every bad row, before anything is written.
    """
    problems = [f"{c.origin or c.label}: {p}" for c in corrections if (p := problem(con, c, catalogue))]
    if problems:
        raise CorrectionError(problems)
    now = datetime.now()
    for c in corrections:
        con.execute(
            "DELETE FROM corrections WHERE region_name = ? AND report_year = ? AND figure_text = ? AND context = ?",
            list(c.key),
        )
        con.execute(
            "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [*c.key, c.indicator_id, c.note or None, c.corrected_by, c.corrected_at or now],
        )


def stored(con: duckdb.DuckDBPyConnection) -> list[Correction]:
    """Every stored correction, oldest first."""
    rows = con.execute(
        "SELECT region_name, report_year, figure_text, context, indicator_id, coalesce(note, ''), corrected_by, "
        "corrected_at FROM corrections ORDER BY corrected_at, region_name, report_year, figure_text, context"
    ).fetchall()
    return [Correction(*row) for row in rows]


def apply(
    con: duckdb.DuckDBPyConnection, catalogue: Catalogue, report_ids: Collection[str] | None = None
) -> list[tuple[Correction, str]]:
    """Re-apply the stored corrections to the given reports (all when None); returns (correction, why) for those
    of these reports' region and year that no longer match a figure."""
    if report_ids is None:
        targets = con.execute("SELECT report_id, region_name, report_year FROM reports").fetchall()
    else:
        targets = con.execute(
            "SELECT report_id, region_name, report_year FROM reports WHERE list_contains(?::VARCHAR[], report_id)",
            [list(report_ids)],
        ).fetchall()
    keys = {(r[1], r[2]) for r in targets}
    ids = [str(r[0]) for r in targets]
    relevant = [c for c in stored(con) if (c.region_name, c.report_year) in keys]
    if not ids:
        return []
    # Back to what the ETL assigned, so a correction that was replaced or removed leaves no trace.
    touched = {
        str(r[0])
        for r in con.execute(
            "SELECT DISTINCT report_id FROM figures WHERE list_contains(?::VARCHAR[], report_id) "
            "AND list_contains(?::VARCHAR[], assignment_status)",
            [ids, list(MANUAL_STATUSES)],
        ).fetchall()
    }
    con.execute(
        "UPDATE figures SET indicator_id = automatic_indicator_id, assignment_status = automatic_status "
        "WHERE list_contains(?::VARCHAR[], report_id) AND list_contains(?::VARCHAR[], assignment_status)",
        [ids, list(MANUAL_STATUSES)],
    )
    unmatched: list[tuple[Correction, str]] = []
    for c in relevant:
        matches = _matches(con, c, ids)
        if not matches:
            unmatched.append((c, "matches no figure any more"))
            continue
        if c.indicator_id is not None and (
            c.indicator_id not in catalogue.by_id
            or not all(catalogue.by_id[c.indicator_id].accepts_unit(unit) for _, _, unit, _ in matches)
        ):
            unmatched.append((c, "the figure's unit or the indicator changed"))
            continue
        for report_id, figure_num, _, automatic in matches:
            status = REJECTED if c.indicator_id is None else CONFIRMED if c.indicator_id == automatic else CORRECTED
            con.execute(
                "UPDATE figures SET indicator_id = ?, assignment_status = ? WHERE report_id = ? AND figure_num = ?",
                [c.indicator_id, status, report_id, figure_num],
            )
            touched.add(report_id)
    for report_id in sorted(touched):
        rebuild_observations(con, report_id)
    return unmatched


def rebuild_observations(con: duckdb.DuckDBPyConnection, report_id: str) -> None:
    """The report's observations again from its figures, by the observation rule; its observation count too."""
    found = con.execute("SELECT report_text FROM reports WHERE report_id = ?", [report_id]).fetchone()
    if not found:
        return
    text = str(found[0])
    rows = con.execute(
        "SELECT figure_num, value, unit, qualifier, text, start_offset, end_offset, section_num, sentence, "
        "indicator_id, assignment_status FROM figures WHERE report_id = ? ORDER BY figure_num",
        [report_id],
    ).fetchall()
    figures = [_figure(text, row) for row in rows]
    chosen = choose_observations(fold_script(text), figures, [row[9] for row in rows], [str(row[10]) for row in rows])
    con.execute("DELETE FROM observations WHERE report_id = ?", [report_id])
    for indicator_id, index in chosen.items():
        num, value, unit, qualifier, _, _, _, _, sentence, _, status = rows[index]
        con.execute(
            "INSERT INTO observations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [report_id, indicator_id, value, unit, qualifier, num, sentence, status],
        )
    con.execute("UPDATE reports SET observation_count = ? WHERE report_id = ?", [len(chosen), report_id])


def _figure(text: str, row: tuple) -> Figure:
    """The Figure the observation rule needs, with its sentence found again in the text (stored stripped)."""
    _, value, unit, qualifier, figure_text, start, end, section_num, sentence = row[:9]
    sentence_start = text.rfind(sentence, 0, start + len(sentence)) if sentence else -1
    if sentence_start < 0 or sentence_start + len(sentence) < end:
        sentence_start = start
    return Figure(float(value), str(unit), qualifier, str(figure_text), int(start), int(end), sentence_start,
                  sentence_start + len(sentence or ""), section_num)
