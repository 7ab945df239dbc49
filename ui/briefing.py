"""Downloads of one report: a self-contained HTML briefing, and its data as CSV and Excel. No streamlit here.

The briefing opens from disk on a machine without internet: plotly.js is embedded once (the same file
`include_plotlyjs=True` would inline), every chart is interactive, there is no external URL to fetch
(fonts come from the reader's system: the CSS names the usual Chinese fonts). Report text is untrusted and
goes into the page only through `html.escape` (text) or as JSON with `<`, `>` and `&` written as \\u escapes
(chart data), so a report containing `<script>` shows those characters and runs nothing.

CSV and Excel cells that start with `=`, `+`, `-`, `@` (text that a spreadsheet would run as a formula) are
kept as text: CSV cells get a leading apostrophe, Excel cells are written with the string type.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from ui.assets import PLOTLY_ZH_LOCALE_JS, static_text
from ui.charts import bar_spec, export_config, figure_from_spec, image_file_name, source_line, with_source
from ui.check_text import check_detail, check_name
from ui.format import format_value, qualifier_of, unit_label
from ui.i18n import domain_ids, domain_name, indicator_name, level_name, t
from ui.place_names import place_name
from ui.present import Slide, build_slides, report_heading, report_label
from ui.review_text import ScorecardView

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Constant files under ui/static (see ui/assets.py), inlined into the page: the briefing opens from disk.
BRIEFING_CSS = "\n" + static_text("css/briefing.css")
DARK_CHART_SCRIPT = "\n" + static_text("js/briefing_dark_charts.js")
PLOTLY_ZH_LOCALE = "\n" + static_text(PLOTLY_ZH_LOCALE_JS)  # registers zh-CN on the inlined plotly.js


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _json_for_script(payload: str) -> str:
    """JSON text safe inside <script>: no literal <, > or & can close the element or start markup."""
    return payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(fig: go.Figure, div_id: str, file_name: str, lang: str = "zh") -> str:
    """One interactive chart: a div and the call that draws it (plotly.js and its zh-CN locale are in the head)."""
    figure_json = _json_for_script(pio.to_json(fig, validate=False, pretty=False))
    config = export_config(PLOTLY_CONFIG, file_name)
    if lang != "en":
        config["locale"] = "zh-CN"  # registered by the inlined locale file
    config_json = _json_for_script(json.dumps(config, ensure_ascii=False))
    height = int(fig.layout.height or 360)
    return (
        f'<div id="{_e(div_id)}" class="chart" style="height:{height}px"></div>\n'
        f"<script>(function(){{var f={figure_json};"
        f'Plotly.newPlot("{_e(div_id)}",f.data,f.layout,{config_json});}})();</script>'
    )


def _cards_html(slides: Sequence[Slide], lang: str) -> str:
    cards = [c for s in slides if s.kind == "figures" for c in s.cards]
    if not cards:
        return ""
    items = "".join(
        f'<div class="card"><div class="label">{_e(c.label)}</div><div class="value">{_e(c.value_text)}</div>'
        f'<div class="sentence">{_e(c.sentence)}</div></div>'
        for c in cards
    )
    return f'<h2>{_e(t("overview.headline", lang))}</h2>\n<div class="cards">{items}</div>'


def _values_table(observations: pd.DataFrame, lang: str) -> str:
    if observations.empty:
        return ""
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in
                   ("common.domain", "common.indicator", "common.value", "common.figure_text", "common.section",
                    "common.sentence"))
    rows = []
    for row in observations.to_dict("records"):
        value = format_value(row["value"], str(row["unit"]), lang, qualifier=qualifier_of(row))
        rows.append(
            "<tr>"
            f"<td>{_e(domain_name(str(row['domain']), lang))}</td>"
            f"<td>{_e(indicator_name(row, lang))}</td>"
            f'<td class="num">{_e(value)}</td>'
            f"<td>{_e(row.get('figure_text') or '')}</td>"
            f"<td>{_e(row.get('section_path') or '')}</td>"
            f"<td>{_e(row.get('sentence') or '')}</td>"
            "</tr>"
        )
    return (f'<h2>{_e(t("domain.values", lang))}</h2>\n<table><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _checks_html(checks: pd.DataFrame, lang: str) -> str:
    if checks.empty:
        return f'<h2>{_e(t("overview.quality", lang))}</h2><p>{_e(t("overview.checks_none", lang))}</p>'
    failed = checks[~checks["is_ok"].astype(bool)]
    summary = t("overview.checks_ok", lang, ok=len(checks) - len(failed), total=len(checks))
    parts = [f'<h2>{_e(t("overview.quality", lang))}</h2><p>{_e(summary)}</p>']
    if not failed.empty:
        items = "".join(f"<li><strong>{_e(check_name(r, lang))}</strong>:{_e(check_detail(r, lang))}</li>"
                        if lang != "en" else
                        f"<li><strong>{_e(check_name(r, lang))}</strong>: {_e(check_detail(r, lang))}</li>"
                        for r in failed.to_dict("records"))
        parts.append(f'<h3>{_e(t("overview.checks_failed", lang))}</h3><ul>{items}</ul>')
    return "".join(parts)


def _scorecard_html(scorecard: ScorecardView | None, lang: str) -> str:
    """The report review: every rule with its result, evidence and source (also its tooltip)."""
    if scorecard is None:
        return ""
    head = "".join(f"<th>{_e(t(k, lang))}</th>" for k in ("rv.col_rule", "rv.col_verdict", "rv.col_evidence",
                                                           "rv.col_source"))
    rows = "".join(f'<tr class="{_e(r.verdict)}"><td title="{_e(r.source)}">{_e(r.rule)}</td><td>{_e(r.verdict_text)}'
                   f"</td><td>{_e(r.evidence)}</td><td>{_e(r.source)}</td></tr>" for r in scorecard.rows)
    note = f'<p class="note">{_e(scorecard.not_judged_note)}</p>' if scorecard.not_judged_note else ""
    return (f'<h2>{_e(t("rv.title", lang))}</h2><p>{_e(scorecard.summary)}</p>{note}'
            f'<table class="scorecard"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')


def build_briefing(
    report: Mapping[str, Any],
    observations: pd.DataFrame,
    checks: pd.DataFrame,
    lang: str = "zh",
    generated_at: datetime | None = None,
    scorecard: ScorecardView | None = None,
) -> str:
    """The whole briefing as one HTML document (UTF-8 text; write it with encoding="utf-8")."""
    generated_at = generated_at or datetime.now()
    slides = build_slides(report, observations, lang)
    label = report_label(report, lang)
    heading = report_heading(report, lang)
    title_slide = slides[0]
    meta = [f'<p class="meta">{_e(title_slide.subtitle)}</p>']
    meta += [f'<p class="meta">{_e(n)}</p>' for n in title_slide.notes if n != t("notice.excerpt", lang)]
    if report.get("is_excerpt"):
        meta.append(f'<p class="note">{_e(t("notice.excerpt", lang))}</p>')
    url = str(report.get("source_url") or "")
    if url.startswith(("http://", "https://")):
        meta.append(f'<p class="meta">{_e(t("caption.url", lang))}: <a href="{_e(url)}">{_e(url)}</a></p>')
    body = [f"<h1>{_e(title_slide.title)}</h1>", *meta, _scorecard_html(scorecard, lang), _cards_html(slides, lang)]
    chart_number = 0
    for domain in domain_ids():
        charts = [s for s in slides if s.group == domain and s.kind == "chart"]
        if not charts:
            continue
        body.append(f"<h2>{_e(domain_name(domain, lang))}</h2>")
        for slide in charts:
            chart_number += 1
            # Title, region, year and source drawn into the figure: a PNG saved from it stands alone.
            spec = with_source(bar_spec(list(slide.points), lang, title=f"{slide.title} · {slide.subtitle}"),
                               source_line(place_name(str(report.get("region_label") or ""), lang),
                                           report.get("year_label") or "", heading, lang))
            fig = figure_from_spec(spec)
            body.append(chart_html(fig, f"chart-{chart_number}", image_file_name(label, slide.title, slide.subtitle),
                                   lang))
    if observations.empty:
        body.append(f"<p>{_e(t('notice.nothing', lang, report=label))}</p>")
    body.append(_values_table(observations, lang))
    body.append(_checks_html(checks, lang))
    source = t("caption.source", lang, title=heading,
               region=place_name(report.get("region_label") or report.get("region_name") or "", lang),
               year=report.get("year_label") or "",
               excerpt=t("caption.excerpt", lang) if report.get("is_excerpt") else "")
    generated = t("briefing.generated", lang, time=generated_at.strftime("%Y-%m-%d %H:%M"))
    body.append(f"<footer><p>{_e(source)}</p><p>{_e(generated)}</p></footer>")
    html_lang = "en" if lang == "en" else "zh-CN"
    plotly_js = plotly.offline.get_plotlyjs()
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(heading)}</title>\n<style>{BRIEFING_CSS}</style>\n"
        f'<script type="text/javascript">{plotly_js}</script>\n'
        f'<script type="text/javascript">{PLOTLY_ZH_LOCALE}</script>\n</head>\n<body>\n<main>\n'
        + "\n".join(part for part in body if part)
        + f"\n</main>\n<script>{DARK_CHART_SCRIPT}</script>\n</body>\n</html>\n"
    )


def download_name(report: Mapping[str, Any], suffix: str, lang: str = "zh") -> str:
    """"重庆市綦江区_2021_法治政府建设报告.html" — region, year and what it is."""
    return image_file_name(report.get("region_label") or report.get("region_name") or report.get("report_id"),
                           report.get("year_label"), t("briefing.file_stem", lang)) + suffix


# ------------------------------------------------------------------------------------------ CSV / Excel

EXPORT_COLUMNS = ("region_name", "year_label", "title", "report_id", "indicator_id", "name_zh", "name_en", "domain",
                  "value", "unit", "qualifier", "figure_text", "section_path", "sentence")


def export_frame(report: Mapping[str, Any], observations: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator value of the report, with the report named on every row (a CSV stands alone)."""
    frame = observations.copy()
    for column in ("region_name", "year_label", "title", "report_id"):
        frame[column] = report.get(column)
    for column in EXPORT_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame.loc[:, list(EXPORT_COLUMNS)].reset_index(drop=True)


def _cell_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Windows opens the Chinese text correctly."""
    safe = frame.map(_cell_text) if not frame.empty else frame
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One worksheet per frame; text cells always typed as text (never a formula)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_name, frame in sheets.items():
        sheet = workbook.create_sheet(title=sheet_name[:31])
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([_plain(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING
        for column_cells in sheet.iter_cols(min_row=1, max_row=1):
            sheet.column_dimensions[column_cells[0].column_letter].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_sheets(report: Mapping[str, Any], observations: pd.DataFrame, figures: pd.DataFrame,
                  checks: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The Excel workbook of one report: what it is, its indicator values, every figure, its checks."""
    about_keys = ("report_id", "title", "region_name", "admin_level", "year_label", "date_published", "source_url",
                  "source_file", "is_excerpt", "figure_count", "observation_count", "failed_check_count",
                  "parser_version")
    about = pd.DataFrame({"field": list(about_keys), "value": [_plain(report.get(k)) for k in about_keys]})
    about["value"] = about["value"].map(lambda v: None if v is None else str(v))
    figure_columns = [c for c in ("figure_num", "value", "unit", "qualifier", "is_unit_inferred", "text",
                                  "indicator_id", "section_path", "sentence") if c in figures.columns]
    check_columns = [c for c in ("check_num", "rule", "indicator_id", "is_ok", "detail") if c in checks.columns]
    return {
        "report": about,
        "indicators": export_frame(report, observations),
        "figures": figures.loc[:, figure_columns].reset_index(drop=True),
        "checks": checks.loc[:, check_columns].reset_index(drop=True),
    }


# ------------------------------------------------------------------------------------------ reader exports
# The CSV and Excel a reader downloads: headers, names and admin levels in the reader's language. The snake_case
# frames above stay the analysts' export (stable column names and ids for scripts).

def reader_frame(report: Mapping[str, Any], observations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per indicator value, headed and named in `lang`."""
    rows = export_frame(report, observations).to_dict("records")
    return pd.DataFrame({
        t("common.region", lang): [place_name(r["region_name"], lang) for r in rows],
        t("common.year", lang): [r["year_label"] for r in rows],
        t("col.title", lang): [r["title"] for r in rows],
        t("common.domain", lang): [domain_name(str(r["domain"]), lang) for r in rows],
        t("common.indicator", lang): [indicator_name(r, lang) for r in rows],
        t("common.value", lang): [format_value(r["value"], str(r["unit"]), lang, qualifier=qualifier_of(r))
                                  for r in rows],
        t("explorer.raw_value", lang): [r["value"] for r in rows],
        t("common.unit", lang): [unit_label(str(r["unit"]), lang) for r in rows],
        t("common.figure_text", lang): [r["figure_text"] for r in rows],
        t("common.section", lang): [r["section_path"] for r in rows],
        t("common.sentence", lang): [r["sentence"] for r in rows],
        t("col.id", lang): [r["indicator_id"] for r in rows],
    })


_ABOUT_LABELS = {
    "report_id": "col.report_id", "title": "col.title", "region_name": "common.region", "admin_level": "col.level",
    "year_label": "common.year", "date_published": "col.published", "source_url": "col.url", "source_file": "col.file",
    "is_excerpt": "col.excerpt", "figure_count": "col.figures", "observation_count": "col.observations",
    "failed_check_count": "col.failed", "parser_version": "col.parser",
}
_FIGURE_LABELS = {
    "figure_num": "col.figure_num", "value": "explorer.raw_value", "unit": "common.unit",
    "qualifier": "common.qualifier", "is_unit_inferred": "col.unit_inferred", "text": "common.figure_text",
    "indicator_id": "col.id", "section_path": "common.section", "sentence": "common.sentence",
}


def _about_value(key: str, value: Any, lang: str) -> Any:
    if key == "region_name":
        return place_name(value, lang)
    if key == "admin_level":
        return level_name(value, lang)
    if key == "is_excerpt" and value is not None:
        return t("common.yes" if value else "common.no", lang)
    return value


def reader_sheets(report: Mapping[str, Any], observations: pd.DataFrame, figures: pd.DataFrame,
                  checks: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """`report_sheets` for a reader of `lang`: sheet names, headers, names and check wording in that language."""
    plain = report_sheets(report, observations, figures, checks)
    about = plain["report"]
    about_frame = pd.DataFrame({
        t("admin.field", lang): [t(_ABOUT_LABELS[k], lang) for k in about["field"]],
        t("common.value", lang): [_about_value(k, report.get(k), lang) for k in about["field"]],
    })
    about_frame[t("common.value", lang)] = about_frame[t("common.value", lang)].map(
        lambda v: None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))
    figure_frame = plain["figures"].rename(columns={k: t(v, lang) for k, v in _FIGURE_LABELS.items()})
    check_rows = checks.to_dict("records")
    check_frame = pd.DataFrame({
        t("col.rule", lang): [check_name(r, lang) for r in check_rows],
        t("col.ok", lang): [t("common.yes" if r["is_ok"] else "common.no", lang) for r in check_rows],
        t("col.detail", lang): [check_detail(r, lang) for r in check_rows],
    })
    return {
        t("sheet.report", lang): about_frame,
        t("sheet.indicators", lang): reader_frame(report, observations, lang),
        t("sheet.figures", lang): figure_frame,
        t("sheet.checks", lang): check_frame,
    }
