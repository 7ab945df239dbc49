"""报告审查 Report review: the chosen report's scorecard against the 2019 provisions (on time, the required parts,
the core indicators; each rule's source on hover), then every loaded report as a table, filterable, sortable and
downloadable as Excel; each row links to its scorecard (?region=&year=&report=, as every page reads)."""

from __future__ import annotations

import streamlit as st

from ui import components, review, shell
from ui.format import md_escape
from ui.i18n import level_name
from ui.place_names import place_name
from ui.review_text import rank_text, verdict_badge

view = shell.current_view()
st.title(view.t("rv.title"))
st.caption(view.t("rv.intro"))
rules = review.rules()
card = review.scorecard_view(view.report_id, view.lang)

if card is not None:
    st.subheader(view.t("rv.scorecard", report=view.report_label))
    if card.not_judged_note:
        st.info(card.not_judged_note, icon=":material/content_cut:")
    st.markdown(md_escape(card.summary))
    score_rank = review.disclosure_ranks().get(view.report_id)
    st.caption(view.t("rv.peer_score", rank=rank_text(score_rank, rules, view.lang, with_count=False)) if score_rank
               else view.t("rv.peer_score_none"))
    with st.container(key="review_scorecard", border=True):
        # Two columns: the result badge leads the rule's name (a column of its own cut it short at 1024 px).
        widths = [4, 6]
        head = st.columns(widths)
        for column, key in zip(head, ("rv.col_rule_result", "rv.col_evidence"), strict=True):
            column.markdown(f"**{view.t(key)}**")
        for number, row in enumerate(card.rows):
            with st.container(key=f"review_rule_{number}_{row.verdict}"):
                rule_col, evidence_col = st.columns(widths, vertical_alignment="top")
                # The rule's source is its tooltip: hover the rule's name.
                rule_col.markdown(f"{verdict_badge(row.verdict, view.lang)} {md_escape(row.rule)}",
                                  help=md_escape(view.t("rv.col_source") + ": " + row.source))
                evidence_col.markdown(md_escape(row.evidence))

rows = review.table_rows()
levels, years, provinces = review.options(rows)
st.subheader(view.t("rv.all", n=len(rows)))
left, middle, right = st.columns(3)
chosen_levels = left.multiselect(view.t("rv.filter_level"), levels, key="rv_levels",
                                 format_func=lambda level: level_name(level, view.lang),
                                 placeholder=view.t("rv.all_option"))
chosen_years = middle.multiselect(view.t("rv.filter_year"), years, key="rv_years", placeholder=view.t("rv.all_option"))
chosen_provinces = right.multiselect(
    view.t("rv.filter_province"), provinces, key="rv_provinces", placeholder=view.t("rv.all_option"),
    format_func=lambda name: place_name(name, view.lang) if name else view.t("rv.other_province"))
shown = review.filter_rows(rows, chosen_levels, chosen_years, chosen_provinces)
if not shown:
    st.info(view.t("rv.none_match"))
else:
    link_column = view.t("rv.col_link")
    st.dataframe(
        review.review_frame(shown, view.lang), hide_index=True, width="stretch", key="review_table",
        column_config={
            link_column: st.column_config.LinkColumn(link_column, display_text=view.t("rv.open")),
            view.t("rv.col_density"): st.column_config.NumberColumn(view.t("rv.col_density"), format="%.1f"),
        },
    )
    st.caption(view.t("rv.table_note"))
    st.download_button(
        view.t("rv.download"), lambda: review.review_xlsx(shown, view.lang),
        file_name=f"{view.t('rv.file')}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:", on_click="ignore", key="review_download",
    )
components.source_caption(view)
