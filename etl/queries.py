"""Every SELECT the dashboard runs.

Pure functions: a DuckDB connection or cursor plus parameters in, a pandas DataFrame out. Parameters are
always bound (`?`), never formatted into the SQL text. Nothing here imports streamlit; `ui.data` wraps
these functions in Streamlit caches keyed by the database stamp.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

REPORT_COLUMNS = """
    r.report_id, r.region_name, r.admin_level, r.report_year, r.year_span, r.title, r.date_published,
    r.source_url, r.source_file, r.source_format, r.is_excerpt, r.char_count, r.figure_count,
    r.observation_count, r.failed_check_count, r.loaded_at, r.parser_version,
    coalesce(r.year_span, CAST(r.report_year AS VARCHAR)) AS year_label
"""

OBSERVATION_COLUMNS = """
    o.report_id, o.indicator_id, o.value, o.unit, o.qualifier, o.figure_num, o.sentence,
    i.name_zh, i.name_en, i.unit AS indicator_unit, i.short_unit, i.domain, i.higher_is_better,
    i.is_headline, i.display_order, f.text AS figure_text, f.section_path
"""


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


def list_reports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All loaded reports, newest year first within each region; `year_label` is "2021" or "2016-2020"."""
    sql = f"""
        SELECT {REPORT_COLUMNS}
        FROM reports r
        ORDER BY r.region_name, r.report_year DESC NULLS LAST, r.year_span NULLS FIRST, r.report_id
    """
    return _frame(con, sql)


def report_text(con: duckdb.DuckDBPyConnection, report_id: str) -> pd.DataFrame:
    """The normalised text of one report (one row, or none)."""
    return _frame(con, "SELECT report_id, report_text FROM reports WHERE report_id = ?", [report_id])


def indicator_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The indicator catalogue in display order, with how many reports state each indicator."""
    sql = """
        WITH counts AS (
            -- The loader stores one observation per report and indicator, so count(*) counts reports;
            -- counting before the join keeps this fast at tens of thousands of reports.
            SELECT indicator_id, count(*) AS report_count FROM observations GROUP BY indicator_id
        )
        SELECT i.indicator_id, i.name_zh, i.name_en, i.unit, i.short_unit, i.domain, i.description,
               i.higher_is_better, i.is_headline, i.display_order,
               coalesce(c.report_count, 0) AS report_count
        FROM indicators i
        LEFT JOIN counts c ON c.indicator_id = i.indicator_id
        ORDER BY i.display_order, i.indicator_id
    """
    return _frame(con, sql)


def report_observations(
    con: duckdb.DuckDBPyConnection, report_id: str, domains: Sequence[str] = ()
) -> pd.DataFrame:
    """Indicator values of one report (optionally only some domains) with names, units and source sentence."""
    sql = f"""
        SELECT {OBSERVATION_COLUMNS}
        FROM observations o
        JOIN indicators i ON i.indicator_id = o.indicator_id
        LEFT JOIN figures f ON f.report_id = o.report_id AND f.figure_num = o.figure_num
        WHERE o.report_id = ? AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.domain))
        ORDER BY i.display_order, o.indicator_id
    """
    domain_list = list(domains)
    return _frame(con, sql, [report_id, domain_list, domain_list])


def previous_report(con: duckdb.DuckDBPyConnection, report_id: str) -> pd.DataFrame:
    """The same region's latest single-year report before this one (zero or one row)."""
    sql = f"""
        SELECT {REPORT_COLUMNS}
        FROM reports r, (SELECT region_name, report_year FROM reports WHERE report_id = ?) cur
        WHERE r.region_name = cur.region_name AND r.report_year < cur.report_year AND r.year_span IS NULL
        ORDER BY r.report_year DESC
        LIMIT 1
    """
    return _frame(con, sql, [report_id])


def indicator_values(
    con: duckdb.DuckDBPyConnection, indicator_ids: Sequence[str], report_ids: Sequence[str] = ()
) -> pd.DataFrame:
    """Every (report, indicator) pair for the given indicators, value NULL where a report does not state it.

    A missing value stays missing (NULL) so charts can say "not reported" instead of drawing a zero.
    With `report_ids` empty, all reports are included.
    """
    sql = f"""
        WITH chosen AS (SELECT unnest(?::VARCHAR[]) AS indicator_id)
        SELECT {REPORT_COLUMNS}, i.indicator_id, i.name_zh, i.name_en, i.unit AS indicator_unit, i.domain,
               o.value, o.unit, o.qualifier, o.sentence
        FROM reports r
        CROSS JOIN chosen c
        JOIN indicators i ON i.indicator_id = c.indicator_id
        LEFT JOIN observations o ON o.report_id = r.report_id AND o.indicator_id = c.indicator_id
        WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], r.report_id)
        ORDER BY i.display_order, r.region_name, r.report_year, r.year_span NULLS FIRST
    """
    ids = list(indicator_ids)
    reports = list(report_ids)
    return _frame(con, sql, [ids, reports, reports])


def report_checks(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str] = ()) -> pd.DataFrame:
    """Consistency checks of the given reports (all reports when empty), failed ones first."""
    sql = """
        SELECT c.report_id, r.region_name, coalesce(r.year_span, CAST(r.report_year AS VARCHAR)) AS year_label,
               c.check_num, c.rule, c.indicator_id, c.is_ok, c.detail
        FROM checks c
        JOIN reports r ON r.report_id = c.report_id
        WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.report_id)
        ORDER BY c.is_ok, r.region_name, r.report_year, c.check_num
    """
    ids = list(report_ids)
    return _frame(con, sql, [ids, ids])


def report_figures(
    con: duckdb.DuckDBPyConnection,
    report_ids: Sequence[str],
    search: str = "",
    domains: Sequence[str] = (),
    only_indicators: bool = False,
) -> pd.DataFrame:
    """Every figure of the given reports with its indicator (if any), section and sentence.

    `search` matches the sentence, the figure text, the section path or the indicator names (case-insensitive,
    literal: `%` and `_` have no special meaning).
    """
    sql = f"""
        SELECT {REPORT_COLUMNS}, f.figure_num, f.value, f.unit, f.qualifier, f.is_unit_inferred, f.text,
               f.section_path, f.sentence, f.indicator_id, i.name_zh, i.name_en, i.domain
        FROM figures f
        JOIN reports r ON r.report_id = f.report_id
        LEFT JOIN indicators i ON i.indicator_id = f.indicator_id
        WHERE list_contains(?::VARCHAR[], f.report_id)
          AND (? = '' OR contains(lower(concat_ws(' ', f.sentence, f.text, f.section_path, i.name_zh, i.name_en,
                                                   f.indicator_id)), lower(?)))
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.domain))
          AND (NOT ? OR f.indicator_id IS NOT NULL)
        ORDER BY r.region_name, r.report_year, f.figure_num
    """
    ids = list(report_ids)
    domain_list = list(domains)
    return _frame(con, sql, [ids, search, search, domain_list, domain_list, only_indicators])


def load_events(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """The most recent load events (what was loaded, replaced or rejected, and why)."""
    sql = """
        SELECT loaded_at, source_file, report_id, action, detail
        FROM load_events
        ORDER BY loaded_at DESC, source_file
        LIMIT ?
    """
    return _frame(con, sql, [limit])
