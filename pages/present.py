"""演示与导出 Presentation and export: choose the slides and open the presentation, download the report (a normal
page, with the sidebar).

The slides themselves (`?present=1`) are a program of their own, ui/slides.py, which dashboard.py runs before
any page; slide building and URL state live in ui/present.py, downloads in ui/briefing.py.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui import components, data, present, review, shell, url_state
from ui.briefing import (
    build_briefing,
    download_name,
    export_frame,
    reader_frame,
    reader_sheets,
    to_csv_bytes,
    to_xlsx_bytes,
)
from ui.charts import image_file_name
from ui.i18n import domain_name
from ui.slides import is_presenting, run_presentation


@st.cache_data(show_spinner=False, max_entries=32)
def _briefing_html(_report: dict[str, Any], key: tuple[Any, ...], observations: pd.DataFrame,
                   checks: pd.DataFrame, lang: str) -> bytes:
    scorecard = review.scorecard_view(str(_report["report_id"]), lang)
    return build_briefing(_report, observations, checks, lang, scorecard=scorecard).encode("utf-8")


def run_setup() -> None:
    view = shell.current_view()
    components.page_header(view, "nav.present")
    db = data.database()
    observations = data.observations_frame(view.report_id)
    deck = present.build_slides(view.report, observations, view.lang,
                                scorecard=review.scorecard_slide(view.report_id, view.lang))
    groups = present.section_tokens(deck)

    def group_label(token: str) -> str:
        if token == present.TITLE_TOKEN:
            return view.t("present.title_slide")
        if token == present.SCORECARD_TOKEN:
            return view.t("present.scorecard_slide")
        count = sum(s.group == token for s in deck)
        return f"{domain_name(token, view.lang)} ({count})"

    st.subheader(view.t("present.setup"))
    chosen = url_state.url_multiselect(view.t("present.sections"), groups, param=present.SLIDES_PARAM, default=groups,
                                   format_func=group_label, lang=view.lang)
    slides = present.select_slides(deck, chosen)
    left, right = st.columns(2)
    every = left.selectbox(view.t("present.every"), present.INTERVALS, key="present_every",
                           format_func=lambda s: view.t("present.manual") if s == 0 else view.t("present.seconds", n=s))
    theme = right.segmented_control(view.t("present.theme"), ["light", "dark"], key="present_theme", default="light",
                                    format_func=lambda s: view.t(f"present.theme_{s}")) or "light"
    view_params = {key: st.query_params.get(key) for key in present.VIEW_PARAMS}
    view_params["region"] = view_params.get("region") or view.report["region_label"]
    view_params["year"] = view_params.get("year") or view.report["year_label"]
    tokens = chosen if list(chosen) != list(groups) else []
    link = present.present_query(view_params, tokens, every=int(every or 0), theme=theme)
    # In the same tab (ui/static/js/same_tab_links.js; st.link_button alone opens a new one): the slides load with
    # the chosen theme, and their Exit (or Esc) comes back here, in this tab.
    st.html(present.SAME_TAB_SCRIPT, unsafe_allow_javascript=True)
    with st.container(key="present_start", width="content"):
        st.link_button(view.t("present.start", n=len(slides)), link, type="primary", icon=":material/slideshow:")
    st.caption(view.t("present.keys"))
    with st.expander(view.t("present.outline", n=len(slides))):
        st.dataframe(
            pd.DataFrame({
                "#": range(1, len(slides) + 1),
                view.t("present.col_slide"): [s.title + (f" · {s.subtitle}" if s.subtitle else "") for s in slides],
                view.t("present.col_kind"): [view.t(f"present.kind_{s.kind}") for s in slides],
            }),
            hide_index=True, width="stretch",
        )

    st.subheader(view.t("present.downloads"))
    checks = data.checks_frame([view.report_id])
    figures = data.figures_frame([view.report_id])
    key = (view.report_id, db.stamp, view.lang)
    html_bytes = _briefing_html(view.report, key, observations, checks, view.lang)
    row = st.container(horizontal=True)
    row.download_button(view.t("present.download_html"), html_bytes, file_name=download_name(view.report, ".html",
                        view.lang), mime="text/html", icon=":material/article:", on_click="ignore",
                        key="download_briefing")
    row.download_button(view.t("present.download_csv"),
                        to_csv_bytes(reader_frame(view.report, observations, view.lang)),
                        file_name=download_name(view.report, ".csv", view.lang), mime="text/csv",
                        icon=":material/csv:", on_click="ignore", key="download_csv")
    row.download_button(view.t("present.download_xlsx"),
                        lambda: to_xlsx_bytes(reader_sheets(view.report, observations, figures, checks, view.lang)),
                        file_name=download_name(view.report, ".xlsx", view.lang),
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        icon=":material/table:", on_click="ignore", key="download_xlsx")
    row.download_button(view.t("explorer.analyst_csv"), to_csv_bytes(export_frame(view.report, observations)),
                        file_name=download_name(view.report, "_data.csv", view.lang), mime="text/csv",
                        icon=":material/data_object:", on_click="ignore", key="download_analyst_csv",
                        help=view.t("explorer.analyst_help"))
    st.caption(view.t("present.download_note", size=f"{len(html_bytes) / 1_048_576:.1f}"))
    st.caption(view.t("present.share_briefing"))  # what a meeting of hundreds opens instead (README, hosting)
    st.caption(view.t("present.png_note", name=image_file_name(view.report_label, "…")))
    components.source_caption(view)


if is_presenting():
    # Only when Streamlit ran this file without dashboard.py (a `/present?present=1` deep link as the first request
    # of a process, see ui.shell.leave_pages_directory_mode). This file is named as its URL path (/present) so that
    # Streamlit finds it then instead of showing "Page not found"; the rerun goes through dashboard.py.
    shell.leave_pages_directory_mode()
    run_presentation()
else:
    run_setup()
