"""What the explorer and sources pages show, computed once per database version and choice (`ui.data.derived`):
the tables as Arrow tables ready for st.dataframe, and the explorer's CSV and Excel downloads.

Formatting every value, labelling and renaming the frames, writing the Excel file cost tens of milliseconds a
run; a run now only draws. Kept out of the page scripts, which Streamlit compiles on every run without a warm
script cache (AppTest, a server's first request), so those stay thin layouts.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa

from etl.store import queries
from ui import data, shell
from ui.check_text import check_detail, check_name
from ui.components import arrow_table, marked_name
from ui.format import format_value, unit_label
from ui.i18n import domain_name, indicator_name, level_name, t
from ui.place_names import place_name
from ui.view import with_labels
from ui.why import why_text


def report_labels(lang: str) -> dict[str, str]:
    """Report id → "region year" (excerpts marked), for every report: built once, not per run (30,000 rows)."""

    def build() -> dict[str, str]:
        excerpt_mark = t("common.excerpt_mark", lang)
        reports = shell.current_pickers().reports
        return {
            rid: f"{place_name(region, lang)} {year}{excerpt_mark if excerpt else ''}"
            for rid, region, year, excerpt in zip(reports["report_id"], reports["region_label"],
                                                  reports["year_label"], reports["is_excerpt"], strict=True)
        }

    return data.derived("report_labels", build, lang)


@dataclass(frozen=True)
class Figures:
    """The explorer's rows: how many, the table to draw, and the downloads of exactly those rows."""

    count: int
    table: pa.Table
    csv: bytes  # the table as shown: headers and values in the reader's language
    xlsx: bytes
    analyst_csv: bytes  # the same rows for analysts: snake_case columns, raw values, ids (same in both languages)


def explorer_figures(
    report_ids: Sequence[str], search: str, domains: Sequence[str], only_indicators: bool, lang: str
) -> Figures:
    """Every figure of the chosen reports matching the filters, as the explorer shows and downloads them."""
    key = (tuple(report_ids), search, tuple(domains), only_indicators, lang)
    return data.derived("explorer_figures", lambda: _explorer_figures(*key), *key, large=True)


def figure_role(row: Mapping[str, Any], lang: str) -> str:
    """What a figure is: its indicator's name (marked 待核 or 已更正 as the pages mark values), a part of one
    (行政复议受理件数·分项:涉及公安类), a change of one, or nothing."""
    if isinstance(row.get("indicator_id"), str):
        return marked_name(row, lang)  # 领导干部学法专题学习场次 · 待核: nobody has checked it yet
    for kind, prefix in (("breakdown", "breakdown_"), ("change", "change_")):
        of = row.get(f"{prefix}of")
        if isinstance(of, str):
            name = row.get(f"{prefix}name_en" if lang == "en" else f"{prefix}name_zh")
            label = row.get("breakdown_label")
            return t(f"figure.{kind}", lang, indicator=name if isinstance(name, str) else of,
                     label=label if isinstance(label, str) else "")
    return ""


def _explorer_figures(
    report_ids: Sequence[str], search: str, domains: Sequence[str], only_indicators: bool, lang: str
) -> Figures:
    labels = report_labels(lang)
    figures = data.query(queries.report_figures, list(report_ids), search, list(domains), only_indicators)
    shown = pd.DataFrame(
        {
            t("common.report", lang): [labels.get(r, r) for r in figures["report_id"]],
            t("col.figure_num", lang): figures["figure_num"],
            t("common.indicator", lang): [figure_role(r, lang) for r in figures.to_dict("records")],
            t("common.domain", lang): [domain_name(d, lang) if isinstance(d, str) else "" for d in figures["domain"]],
            t("common.value", lang): [
                format_value(r["value"], r["unit"], lang, qualifier=r["qualifier"] or None)
                for r in figures.to_dict("records")
            ],
            t("explorer.raw_value", lang): figures["value"],
            t("common.unit", lang): [unit_label(u, lang) for u in figures["unit"]],
            t("common.figure_text", lang): figures["text"],
            t("common.section", lang): figures["section_path"].fillna(""),
            t("why.title", lang): [
                why_text(r["assignment_rule"], lang,
                         r["assignment_status"] if isinstance(r["indicator_id"], str) else None, r["review_reason"])
                for r in figures.to_dict("records")
            ],
            t("common.sentence", lang): figures["sentence"],
        }
    )
    if shown.empty:
        return Figures(0, arrow_table(shown), b"", b"", b"")
    csv_bytes = shown.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel opens Chinese CSV correctly
    excel = io.BytesIO()
    with pd.ExcelWriter(excel, engine="openpyxl") as writer:
        shown.to_excel(writer, index=False, sheet_name=t("sheet.figures", lang))
    analyst = figures.loc[:, [c for c in ANALYST_COLUMNS if c in figures.columns]]
    analyst_csv = analyst.to_csv(index=False).encode("utf-8-sig")
    return Figures(len(shown), arrow_table(shown), csv_bytes, excel.getvalue(), analyst_csv)


# The analysts' export: stable snake_case names, raw values, ids (what a script or a database import expects).
ANALYST_COLUMNS = ("report_id", "region_name", "admin_level", "year_label", "title", "figure_num", "value", "unit",
                   "qualifier", "is_unit_inferred", "text", "indicator_id", "name_zh", "name_en", "domain",
                   "section_path", "sentence", "source_url", "assignment_status", "review_reason", "change_of",
                   "breakdown_of", "breakdown_label", "assignment_rule")


def source_tables(lang: str) -> dict[str, tuple[int, pa.Table]]:
    """The sources page's tables (reports, failed checks, all checks, catalogue, load log) with their row counts."""
    return data.derived("sources_tables", lambda: _source_tables(lang), lang)


def _source_tables(lang: str) -> dict[str, tuple[int, pa.Table]]:
    reports = with_labels(data.reports_frame())  # every column; the shell loads picker ones only
    checks = data.query(queries.report_checks)
    catalogue = data.query(queries.indicator_catalogue)
    events = data.query(queries.load_events)
    check_rows = checks.to_dict("records")
    worded = pd.DataFrame({
        t("common.region", lang): [place_name(r["region_name"], lang) for r in check_rows],
        t("common.year", lang): checks["year_label"],
        t("col.rule", lang): [check_name(r, lang) for r in check_rows],
        t("col.ok", lang): checks["is_ok"].astype(bool),
        t("col.detail", lang): [check_detail(r, lang) for r in check_rows],
    })
    frames = {
        "reports": pd.DataFrame(
            {
                t("common.region", lang): [place_name(r, lang) for r in reports["region_label"]],
                t("col.level", lang): [level_name(v, lang) for v in reports["admin_level"]],
                t("common.year", lang): reports["year_label"],
                t("col.title", lang): reports["title"],
                # A date, not a timestamp: "2022-03-22", never "2022-03-22 00:00:00".
                t("col.published", lang): pd.to_datetime(reports["date_published"]).dt.strftime("%Y-%m-%d"),
                t("col.excerpt", lang): reports["is_excerpt"].astype(bool),
                t("col.figures", lang): reports["figure_count"],
                t("col.observations", lang): reports["observation_count"],
                t("col.failed", lang): reports["failed_check_count"],
                t("col.file", lang): reports["source_file"],
                t("col.url", lang): reports["source_url"],
            }
        ),
        "failed": worded[~checks["is_ok"].astype(bool).to_numpy()],
        "checks": worded,
        "catalogue": pd.DataFrame(
            {
                t("col.id", lang): catalogue["indicator_id"],
                t("common.indicator", lang): [indicator_name(r, lang) for r in catalogue.to_dict("records")],
                t("common.unit", lang): catalogue["unit"],
                t("common.domain", lang): [domain_name(d, lang) for d in catalogue["domain"]],
                t("col.headline", lang): catalogue["is_headline"].astype(bool),
                t("col.reports_stating", lang): catalogue["report_count"],
            }
        ),
        "events": events.rename(columns={"loaded_at": t("col.loaded_at", lang), "source_file": t("col.file", lang),
                                         "action": t("col.action", lang), "detail": t("col.detail", lang)}),
    }
    return {name: (len(frame), arrow_table(frame)) for name, frame in frames.items()}


def download_stem(report_names: Sequence[str], search: str, domains: Sequence[str], only_indicators: bool,
                  lang: str) -> str:
    """A download's name from what it holds: "重庆市綦江区_2021_调解_搜索-纠纷_数字明细" (reports, filters, kind)."""
    from ui.charts import image_file_name  # the same safe-name rule as chart PNGs

    reports = list(report_names) if len(report_names) <= 2 else [t("explorer.file_reports", lang,
                                                                    count=len(report_names))]
    parts: list[object] = [*reports, *(domain_name(d, lang, short=True) for d in domains)]
    if search:
        parts.append(t("explorer.file_search", lang, text=search[:30]))
    if only_indicators:
        parts.append(t("explorer.file_indicators", lang))
    parts.append(t("explorer.file_stem", lang))
    return image_file_name(*parts)
