"""The upload page's curation pieces: figures with their sentence, indicator and status; a correction form that
offers only the indicators taking the figure's unit; the report details an administrator may edit.

Works on a staged upload (corrections wait for the commit) and on a stored report (saved at once, through
etl.store.writes.apply_corrections, in one atomic swap). The pure parts (`FigureRow`, `context_of`,
`compatible_indicators`, `edited_meta`) are tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from etl.catalogue import Catalogue
from etl.models import AUTOMATIC, CONFIRMED, CORRECTED, NEEDS_REVIEW, REJECTED, Correction, Extraction, ReportMeta
from ui.i18n import t
from ui.why import why_text

_NO_INDICATOR = "__none__"
CONTEXT_CHARS = 12  # characters of the sentence before the figure that identify it (with its text)
_YEAR = re.compile(r"^\s*(\d{4})(?:\s*[-—–至]\s*(\d{4}))?\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FigureRow:
    """One figure as the review shows it."""

    text: str
    unit: str
    sentence: str
    context: str  # the piece of the sentence a correction names it by
    indicator_id: str | None
    status: str
    automatic_id: str | None
    review_reason: str | None = None  # why the ETL asked for review (etl/extract/doubts.py), else None
    breakdown: tuple[str, str] | None = None  # (total's indicator, part) when the figure is a part of a total
    rule: str | None = None  # why the ETL assigned its indicator (figures.assignment_rule; ui/why.py words it)


def context_of(sentence: str, figure_text: str) -> str:
    """The figure's text with up to CONTEXT_CHARS characters of its sentence before it (the sentence when the
    text is not found): short enough to survive a re-extraction that splits sentences differently."""
    at = sentence.find(figure_text)
    if at < 0:
        return sentence.strip()
    return sentence[max(0, at - CONTEXT_CHARS) : at + len(figure_text)].strip()


def staged_rows(ex: Extraction, pending: Mapping[int, str | None]) -> list[FigureRow]:
    """The figures of an upload, with the corrections the administrator made in the review applied."""
    rows = []
    for index, (f, automatic) in enumerate(zip(ex.figures, ex.indicator_ids, strict=True)):
        sentence = ex.document.text[f.sentence_start : f.sentence_end].strip()
        indicator, status = automatic, ex.status_of(index)
        if index in pending:
            indicator = pending[index]
            status = corrected_status(indicator, automatic)
        reason = ex.review_reasons[index] if ex.review_reasons else None
        part_of = ex.breakdown_of[index] if ex.breakdown_of else None
        part = (part_of, ex.breakdown_labels[index] or "") if part_of else None
        context = context_of(sentence, f.text)
        rule = ex.assignment_rules[index] if ex.assignment_rules else None
        rows.append(FigureRow(f.text, f.unit, sentence, context, indicator, status, automatic, reason, part, rule))
    return rows


def stored_rows(figures: pd.DataFrame) -> list[FigureRow]:
    """The figures of a stored report (ui.data.figures_frame of one report)."""
    rows = []
    for r in figures.to_dict("records"):
        indicator = r["indicator_id"] if isinstance(r["indicator_id"], str) else None
        automatic = r.get("automatic_indicator_id")
        reason = r.get("review_reason")
        part_of, part = r.get("breakdown_of"), r.get("breakdown_label")
        sentence = str(r["sentence"])
        rows.append(FigureRow(str(r["text"]), str(r["unit"]), sentence, context_of(sentence, str(r["text"])),
                              indicator, str(r.get("assignment_status") or AUTOMATIC),
                              automatic if isinstance(automatic, str) else None,
                              reason if isinstance(reason, str) else None,
                              (part_of, part if isinstance(part, str) else "") if isinstance(part_of, str) else None,
                              r["assignment_rule"] if isinstance(r.get("assignment_rule"), str) else None))
    return rows


def corrected_status(indicator_id: str | None, automatic_id: str | None) -> str:
    if indicator_id is None:
        return REJECTED
    return CONFIRMED if indicator_id == automatic_id else CORRECTED


def compatible_indicators(catalogue: Catalogue, unit: str) -> list[str]:
    """The indicators a figure of this unit may be assigned to, in catalogue order."""
    return [i.indicator_id for i in catalogue.indicators if i.accepts_unit(unit)]


def edited_meta(meta: ReportMeta, title: str, region: str, year: str, url: str, published: str) -> ReportMeta:
    """The report details as the administrator entered them; ValueError names a field that cannot be right."""
    match = _YEAR.match(year) if year.strip() else None
    if year.strip() and match is None:
        raise ValueError(f"year {year!r}")
    if published.strip() and not _DATE.match(published.strip()):
        raise ValueError(f"date {published!r} (yyyy-mm-dd)")
    first, last = (match.group(1), match.group(2)) if match else (None, None)
    return replace(
        meta,
        title=title.strip() or None,
        region_name=region.strip() or None,
        report_year=int(last or first) if first else None,
        year_span=f"{first}-{last}" if first and last else None,
        source_url=url.strip() or None,
        date_published=published.strip() or None,
    )


def indicator_text(row: FigureRow, lang: str, names: Mapping[str, str]) -> str:
    """The indicator a review shows; a part of a total says whose (— · 行政复议受理件数·分项:涉及公安类), so
    nobody assigns it the total's indicator by mistake."""
    if row.indicator_id:
        return names.get(row.indicator_id, row.indicator_id)
    if row.breakdown:
        of, label = row.breakdown
        return "— · " + t("figure.breakdown", lang, indicator=names.get(of, of), label=label)
    return "—"


def status_text(row: FigureRow, lang: str) -> str:
    """The status as the review shows it; a figure awaiting review says why (待核 · 未写明主体(谁学习))."""
    text = t(f"status.{row.status}", lang)
    if row.status == NEEDS_REVIEW and row.review_reason:
        text += " · " + t(f"doubt.{row.review_reason}", lang)
    return text


def figures_table(rows: Sequence[FigureRow], lang: str, names: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        t("common.figure_text", lang): [r.text for r in rows],
        t("common.unit", lang): [r.unit for r in rows],
        t("common.indicator", lang): [indicator_text(r, lang, names) for r in rows],
        t("common.status", lang): [status_text(r, lang) for r in rows],
        t("why.title", lang): [why_text(r.rule, lang, r.status) for r in rows],
        t("common.sentence", lang): [r.sentence for r in rows],
    })


def show_figures_table(rows: Sequence[FigureRow], lang: str, names: Mapping[str, str]) -> None:
    """The figures of a review; the status column is wide enough for its reason (待核 · 未写明主体(谁学习))."""
    st.dataframe(
        figures_table(rows, lang, names), hide_index=True, width="stretch",
        column_config={
            t("common.status", lang): st.column_config.TextColumn(width="medium"),
            t("why.title", lang): st.column_config.TextColumn(width="medium"),
            t("common.sentence", lang): st.column_config.TextColumn(width="large"),
        },
    )


def correction_form(
    rows: Sequence[FigureRow],
    catalogue: Catalogue,
    lang: str,
    key: str,
    save: Callable[[int, str | None], None],
) -> None:
    """Pick a figure, then its indicator (only unit-compatible ones, or "not an indicator"), then save."""
    if not rows:
        return
    names = indicator_names(catalogue, lang)
    with st.container(border=True):
        st.markdown(f"**{t('admin.correct', lang)}**")
        index = st.selectbox(
            t("admin.pick_figure", lang), list(range(len(rows))), key=f"{key}_figure",
            format_func=lambda i: f"{rows[i].text} · {rows[i].context}",
        )
        row = rows[int(index or 0)]
        st.caption(row.sentence)
        options = [_NO_INDICATOR, *compatible_indicators(catalogue, row.unit)]
        current = row.indicator_id if row.indicator_id in options else _NO_INDICATOR
        chosen = st.selectbox(
            t("admin.pick_indicator", lang), options, index=options.index(current), key=f"{key}_indicator_{index}",
            format_func=lambda i: t("admin.no_indicator", lang) if i == _NO_INDICATOR else f"{names[i]} ({i})",
        )
        if st.button(t("admin.save_correction", lang), key=f"{key}_save", icon=":material/check:"):
            save(int(index or 0), None if chosen == _NO_INDICATOR else str(chosen))


def indicator_names(catalogue: Catalogue, lang: str) -> dict[str, str]:
    return {i.indicator_id: (i.name_en if lang == "en" else i.name_zh) for i in catalogue.indicators}


def correction_for(meta: ReportMeta, row: FigureRow, indicator_id: str | None, who: str) -> Correction | None:
    """The correction a choice in the review makes, or None when the report has no region or year to name."""
    if not meta.region_name or meta.report_year is None:
        return None
    return Correction(meta.region_name, meta.report_year, row.text, row.context, indicator_id, "", who,
                      datetime.now(), "upload review")


def meta_form(meta: ReportMeta, lang: str, key: str) -> ReportMeta | None:
    """Editable title, region, year, URL and publication date; the edited details when applied, else None."""
    with st.expander(t("admin.edit_meta", lang)), st.form(f"{key}_meta"):
        values: dict[str, Any] = {
            "title": st.text_input(t("col.title", lang), meta.title or "", key=f"{key}_title"),
            "region": st.text_input(t("common.region", lang), meta.region_name or "", key=f"{key}_region"),
            "year": st.text_input(t("common.year", lang), meta.year_span or (str(meta.report_year or "")),
                                  key=f"{key}_year"),
            "url": st.text_input(t("col.url", lang), meta.source_url or "", key=f"{key}_url"),
            "published": st.text_input(t("col.published", lang) + " (yyyy-mm-dd)", meta.date_published or "",
                                       key=f"{key}_published"),
        }
        if not st.form_submit_button(t("admin.apply_meta", lang)):
            return None
    try:
        return edited_meta(meta, **values)
    except ValueError as error:
        st.error(str(error), icon=":material/error:")
        return None
