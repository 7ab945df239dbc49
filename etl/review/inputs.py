"""Stored rows → `ReportFacts`: the review's inputs from the store's query results (plain mappings, as
`ui.data.records` or `DataFrame.to_dict("records")` give them). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from etl.review.rules import ReviewRules
from etl.review.scorecard import ANNUAL_REPORT_KIND, Heading, ReportFacts, Scorecard, review_report

Row = Mapping[str, Any]


def _date(value: Any) -> date | None:
    """A stored publication date (date, datetime, pandas Timestamp or ISO text) as a date; missing → None."""
    if value is None or value != value:  # NaN / NaT
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "date"):
        return value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    return None if value is None or value != value else int(value)


def facts_from_rows(report: Row, headings: Iterable[Row] = (), core_values: Iterable[Row] = ()) -> ReportFacts:
    """One report's facts: its `review_reports` row, its `review_headings` rows, its `review_core_values` rows."""
    values = {str(r["indicator_id"]): (str(r.get("sentence") or ""), str(r.get("assignment_status") or "automatic"))
              for r in core_values}
    return ReportFacts(
        report_id=str(report["report_id"]),
        region=str(report.get("region_name") or report.get("source_file") or report["report_id"]),
        admin_level=report.get("admin_level") or None,
        year_label=str(report.get("year_label") or report.get("report_year") or ""),
        report_year=_int(report.get("report_year")),
        is_excerpt=bool(report.get("is_excerpt")),
        date_published=_date(report.get("date_published")),
        char_count=_int(report.get("char_count")) or 0,
        figure_count=_int(report.get("figure_count")) or 0,
        headings=tuple(Heading(int(h["level"]), str(h["heading"])) for h in headings),
        text=str(report.get("report_text") or ""),
        document_kind=str(report.get("document_kind") or ANNUAL_REPORT_KIND),
        core_values=values,
    )


def review_rows(
    reports: Sequence[Row], headings: Iterable[Row], core_values: Iterable[Row], rules: ReviewRules
) -> list[Scorecard]:
    """Every report's scorecard, in the order of `reports`."""
    heads: dict[str, list[Row]] = {}
    for row in headings:
        heads.setdefault(str(row["report_id"]), []).append(row)
    values: dict[str, list[Row]] = {}
    for row in core_values:
        values.setdefault(str(row["report_id"]), []).append(row)
    return [review_report(facts_from_rows(r, heads.get(str(r["report_id"]), ()),
                                          values.get(str(r["report_id"]), ())), rules)
            for r in reports]
