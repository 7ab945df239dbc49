"""Every SELECT the dashboard runs.

Pure functions: a DuckDB connection or cursor plus parameters in, a pandas DataFrame out. Parameters are
always bound (`?`), never formatted into the SQL text. Nothing here imports streamlit; `ui.data` wraps
these functions in Streamlit caches keyed by the database stamp.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

# Every column of reports but its text (fetched alone, by `report_text`). A literal, so tests/test_hostile.py
# can see no value is formatted into SQL; tests/test_schema.py checks it against etl/store/schema.py.
REPORT_COLUMNS = """
    r.report_id, r.region_name, r.admin_level, r.report_year, r.year_span, r.title, r.date_published,
    r.source_url, r.source_file, r.source_format, r.is_excerpt, r.char_count, r.figure_count,
    r.observation_count, r.failed_check_count, r.loaded_at, r.parser_version, r.document_kind,
    coalesce(r.year_span, CAST(r.report_year AS VARCHAR)) AS year_label
"""

OBSERVATION_COLUMNS = """
    o.report_id, o.indicator_id, o.value, o.unit, o.qualifier, o.figure_num, o.sentence, o.assignment_status,
    i.name_zh, i.name_en, i.unit AS indicator_unit, i.short_unit, i.domain, i.higher_is_better,
    i.is_headline, i.display_order, f.text AS figure_text, f.section_path, f.assignment_rule
"""


# Statuses a comparison across reports leaves out unless asked (etl.models.UNCERTAIN_STATUSES, as a literal).
_UNCERTAIN = "('needs_review', 'rejected')"


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


def _arrow_frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    """Like `_frame`, through Arrow: about twice as fast for tens of thousands of string rows (DuckDB's own
    pandas conversion builds a Python object per string). SQL NULL becomes None in every text column, as
    `_frame` gives it, so callers can compare with None; dates stay datetime64 as `_frame` gives them."""
    frame = con.sql(sql, params=list(params)).to_arrow_table().to_pandas(date_as_object=False)
    for column in frame.columns:
        if frame[column].dtype == "str" and frame[column].hasnans:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


_ORDER_REPORTS = "ORDER BY r.region_name, r.report_year DESC NULLS LAST, r.year_span NULLS FIRST, r.report_id"


def list_reports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All loaded reports with every descriptive column, newest year first within each region; `year_label` is
    "2021" or "2016-2020". The sources page lists them; the pickers on every page use `report_index`."""
    return _arrow_frame(con, f"SELECT {REPORT_COLUMNS} FROM reports r {_ORDER_REPORTS}")


def report_index(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What the region and year pickers of every page need about every report, in `list_reports` order.

    Only short columns: at 30,000 reports the titles, URLs and timestamps would cost more to fetch and to
    cache than everything the pickers do with the rest; `report_details` gives them for the chosen report.
    """
    sql = f"""
        SELECT r.report_id, r.region_name, r.report_year, r.year_span, r.source_file, r.is_excerpt,
               r.observation_count, coalesce(r.year_span, CAST(r.report_year AS VARCHAR)) AS year_label
        FROM reports r
        {_ORDER_REPORTS}
    """
    return _arrow_frame(con, sql)


def report_details(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str]) -> pd.DataFrame:
    """Every descriptive column of the given reports (the columns of `list_reports`), in `list_reports` order."""
    sql = f"SELECT {REPORT_COLUMNS} FROM reports r WHERE list_contains(?::VARCHAR[], r.report_id) {_ORDER_REPORTS}"
    return _frame(con, sql, [list(report_ids)])


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


# A report's region as every page labels it (ui.view.with_labels): its name, else its file, else its id.
_REGION_LABEL = "coalesce(r.region_name, r.source_file, r.report_id)"
_YEAR_LABEL = "coalesce(r.year_span, CAST(r.report_year AS VARCHAR))"


def indicator_values(
    con: duckdb.DuckDBPyConnection,
    indicator_ids: Sequence[str],
    report_ids: Sequence[str] = (),
    regions: Sequence[str] = (),
    include_uncertain: bool = False,
) -> pd.DataFrame:
    """Every (report, indicator) pair for the given indicators, value NULL where a report does not state it.

    Values nobody vouches for (status needs_review) count as not stated unless `include_uncertain`.

    A missing value stays missing (NULL) so charts can say "not reported" instead of drawing a zero.
    `report_ids` and `regions` (region labels, as `indicator_ranking` returns them) narrow the reports; with
    both empty, all reports are included. The compare page asks for a few regions across all their years.
    """
    # Reports are narrowed first and observations are joined only for those reports and indicators: at
    # 30,000 reports the unrestricted pairs were 90,000 rows carrying every report column (900 ms).
    sql = f"""
        WITH chosen AS (SELECT unnest(?::VARCHAR[]) AS indicator_id),
        picked AS (
            SELECT r.report_id, {_REGION_LABEL} AS region_label, r.region_name, r.source_file, r.is_excerpt,
                   r.report_year, r.year_span, {_YEAR_LABEL} AS year_label
            FROM reports r
            WHERE (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], r.report_id))
              AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], {_REGION_LABEL}))
        ),
        stated AS (
            SELECT o.report_id, o.indicator_id, o.value, o.unit, o.qualifier, o.sentence, o.assignment_status,
                   f.assignment_rule
            FROM observations o
            LEFT JOIN figures f ON f.report_id = o.report_id AND f.figure_num = o.figure_num
            WHERE o.indicator_id IN (SELECT indicator_id FROM chosen)
              AND o.report_id IN (SELECT report_id FROM picked)
              AND (? OR coalesce(o.assignment_status, 'automatic') NOT IN {_UNCERTAIN})
        )
        SELECT p.report_id, p.region_label, p.region_name, p.source_file, p.is_excerpt, p.report_year,
               p.year_span, p.year_label, i.indicator_id, i.name_zh, i.name_en, i.unit AS indicator_unit, i.domain,
               s.value, s.unit, s.qualifier, s.sentence, s.assignment_status, s.assignment_rule
        FROM picked p
        CROSS JOIN chosen c
        JOIN indicators i ON i.indicator_id = c.indicator_id
        LEFT JOIN stated s ON s.report_id = p.report_id AND s.indicator_id = c.indicator_id
        ORDER BY i.display_order, p.region_label, p.report_year, p.year_span NULLS FIRST
    """
    ids, reports, region_list = list(indicator_ids), list(report_ids), list(regions)
    return _frame(con, sql, [ids, reports, reports, region_list, region_list, include_uncertain])


def indicator_ranking(
    con: duckdb.DuckDBPyConnection,
    indicator_ids: Sequence[str],
    year_label: str,
    limit: int,
    region: str = "",
    include_uncertain: bool = False,
) -> pd.DataFrame:
    """Per indicator, at most `limit` reports of one year: `region`'s report (if it has one that year), then
    the highest stated values, then reports that do not state it (value NULL), by region.

    `rank` is that order (1 = first); `reports_in_year` and `stated_in_year` count all reports of the year
    and those stating the indicator, so a page can say how many it left out. A value nobody vouches for
    (status needs_review) is ranked as not stated unless `include_uncertain`.
    """
    # Ranked on ids and values alone; the sentences and names are joined to the few rows that are kept.
    sql = f"""
        WITH chosen AS (SELECT unnest(?::VARCHAR[]) AS indicator_id),
        in_year AS MATERIALIZED (
            SELECT r.report_id, {_REGION_LABEL} AS region_label FROM reports r WHERE {_YEAR_LABEL} = ?
        ),
        stated AS MATERIALIZED (
            SELECT o.report_id, o.indicator_id, o.value, o.unit, o.qualifier, o.sentence, o.assignment_status
            FROM observations o
            WHERE o.indicator_id IN (SELECT indicator_id FROM chosen)
              AND o.report_id IN (SELECT report_id FROM in_year)
              AND (? OR coalesce(o.assignment_status, 'automatic') NOT IN {_UNCERTAIN})
        ),
        ranked AS (
            SELECT c.indicator_id, y.report_id, s.value,
                   row_number() OVER (PARTITION BY c.indicator_id
                                      ORDER BY (y.region_label = ?) DESC, s.value DESC NULLS LAST, y.region_label,
                                               y.report_id) AS rank,
                   count(*) OVER per_indicator AS reports_in_year,
                   count(s.value) OVER per_indicator AS stated_in_year
            FROM in_year y
            CROSS JOIN chosen c
            LEFT JOIN stated s ON s.report_id = y.report_id AND s.indicator_id = c.indicator_id
            WINDOW per_indicator AS (PARTITION BY c.indicator_id)
            QUALIFY rank <= ?
        )
        SELECT k.indicator_id, k.rank, k.reports_in_year, k.stated_in_year, r.report_id,
               {_REGION_LABEL} AS region_label, r.region_name, r.is_excerpt, {_YEAR_LABEL} AS year_label,
               i.name_zh, i.name_en, i.unit AS indicator_unit, k.value, s.unit, s.qualifier, s.sentence,
               s.assignment_status
        FROM ranked k
        JOIN reports r ON r.report_id = k.report_id
        JOIN indicators i ON i.indicator_id = k.indicator_id
        LEFT JOIN stated s ON s.report_id = k.report_id AND s.indicator_id = k.indicator_id
        ORDER BY i.display_order, k.indicator_id, k.rank
    """
    return _frame(con, sql, [list(indicator_ids), year_label, include_uncertain, region, limit])


def report_checks(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str] = ()) -> pd.DataFrame:
    """Consistency checks of the given reports (all reports when empty), failed ones first."""
    sql = """
        SELECT c.report_id, r.region_name, coalesce(r.year_span, CAST(r.report_year AS VARCHAR)) AS year_label,
               c.check_num, c.rule, c.indicator_id, c.is_ok, c.detail, c.params
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
               f.section_path, f.sentence, f.indicator_id, i.name_zh, i.name_en, i.domain, f.assignment_status,
               f.automatic_indicator_id, f.review_reason, f.change_of, f.breakdown_of, f.breakdown_label,
               f.assignment_rule, ci.name_zh AS change_name_zh, ci.name_en AS change_name_en,
               bi.name_zh AS breakdown_name_zh, bi.name_en AS breakdown_name_en
        FROM figures f
        JOIN reports r ON r.report_id = f.report_id
        LEFT JOIN indicators i ON i.indicator_id = f.indicator_id
        LEFT JOIN indicators ci ON ci.indicator_id = f.change_of
        LEFT JOIN indicators bi ON bi.indicator_id = f.breakdown_of
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


def replacement_of(con: duckdb.DuckDBPyConnection, report_id: str) -> pd.DataFrame:
    """The load that replaced `report_id` by a newer version of the same region and year (none, or one row:
    the new report id and when). The load records it as `replaced earlier version <file> (<id>) of …`
    (etl/store/replacement.py); a re-extraction keeps its id and is not a replacement."""
    sql = """
        SELECT report_id, loaded_at
        FROM load_events
        WHERE action = 'replaced' AND report_id IS NOT NULL AND report_id <> ?
          AND contains(detail, '(' || ? || ')')
        ORDER BY loaded_at DESC
        LIMIT 1
    """
    return _frame(con, sql, [report_id, report_id])


# ------------------------------------------------------------------ the report review (etl/review)


def review_reports(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str] = ()) -> pd.DataFrame:
    """What the review reads of each report (all when `report_ids` is empty): every column of `list_reports` and
    the text, whose paragraph openings show parts that have no heading."""
    sql = f"""
        SELECT {REPORT_COLUMNS}, r.report_text FROM reports r
        WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], r.report_id) {_ORDER_REPORTS}
    """
    ids = list(report_ids)
    return _arrow_frame(con, sql, [ids, ids])


def review_headings(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str] = ()) -> pd.DataFrame:
    """Every section heading of the given reports (all when empty), in text order."""
    sql = """
        SELECT report_id, level, heading FROM sections
        WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], report_id)
        ORDER BY report_id, start_offset, section_num
    """
    ids = list(report_ids)
    return _arrow_frame(con, sql, [ids, ids])


def review_core_values(
    con: duckdb.DuckDBPyConnection, indicator_ids: Sequence[str], report_ids: Sequence[str] = ()
) -> pd.DataFrame:
    """The stated values of the given indicators in the given reports (all when empty), with sentence and status."""
    sql = """
        SELECT report_id, indicator_id, value, unit, sentence, assignment_status FROM observations
        WHERE list_contains(?::VARCHAR[], indicator_id)
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], report_id))
        ORDER BY report_id, indicator_id
    """
    ids = list(report_ids)
    return _arrow_frame(con, sql, [list(indicator_ids), ids, ids])


def peer_values(con: duckdb.DuckDBPyConnection, report_id: str, levels: Sequence[str]) -> pd.DataFrame:
    """The values, in every report of the same year label whose admin level is one of `levels` (the report's peer
    group), of the indicators `report_id` states; `peer_count` counts those reports, stating or not. Statuses
    are returned, not filtered: etl/review/peers.py leaves out the uncertain ones."""
    sql = f"""
        WITH me AS (SELECT {_YEAR_LABEL} AS year_label FROM reports r WHERE r.report_id = ?),
        peers AS (
            SELECT r.report_id FROM reports r, me
            WHERE {_YEAR_LABEL} = me.year_label AND list_contains(?::VARCHAR[], r.admin_level)
        ),
        mine AS (SELECT indicator_id FROM observations WHERE report_id = ?)
        SELECT o.report_id, o.indicator_id, o.value, o.unit, o.assignment_status,
               (SELECT count(*) FROM peers) AS peer_count
        FROM observations o
        WHERE o.report_id IN (SELECT report_id FROM peers) AND o.indicator_id IN (SELECT indicator_id FROM mine)
        ORDER BY o.indicator_id, o.report_id
    """
    return _frame(con, sql, [report_id, list(levels), report_id])


def peer_count(con: duckdb.DuckDBPyConnection, report_id: str, levels: Sequence[str]) -> pd.DataFrame:
    """How many reports share `report_id`'s year label and one of `levels` (one row, `peer_count`)."""
    sql = f"""
        SELECT count(*) AS peer_count FROM reports r
        WHERE {_YEAR_LABEL} = (SELECT {_YEAR_LABEL} FROM reports r WHERE r.report_id = ?)
          AND list_contains(?::VARCHAR[], r.admin_level)
    """
    return _frame(con, sql, [report_id, list(levels)])
