"""演示模式 Presentation: choose the slides and download the report (normal page, with the sidebar), or,
with `?present=1` in the URL, the slides themselves, one at a time, with no Streamlit chrome.

Slide building and URL state live in ui/present.py; downloads in ui/briefing.py.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from etl.store import queries
from ui import components, data, present, state
from ui.briefing import build_briefing, download_name, export_frame, report_sheets, to_csv_bytes, to_xlsx_bytes
from ui.charts import export_config, image_file_name
from ui.format import notice_value
from ui.i18n import DEFAULT_LANG, LANGS, domain_name, t

_SLIDE_KEY = "_present_slide"  # 1-based number of the slide on screen
_WRITTEN_KEY = "_present_written"  # the ?slide= value this session last wrote (a different one came from a link)
_CHANGED_KEY = "_present_changed"  # monotonic time of the last slide change (auto-advance waits from here)
_DECK_KEY = "_present_deck"


# ------------------------------------------------------------------------------------------ the slides


def _move(delta: int, count: int) -> None:
    st.session_state[_SLIDE_KEY] = present.step(st.session_state.get(_SLIDE_KEY, 1), count, delta)
    st.session_state[_CHANGED_KEY] = time.monotonic()


def _render_title(slide: present.Slide) -> None:
    with st.container(key="present_title", vertical_alignment="center"):
        st.title(components.md_escape(slide.title), anchor=False)
        if slide.subtitle:
            st.markdown(components.md_escape(slide.subtitle))
        for note in slide.notes:
            st.caption(components.md_escape(note))


def _render_figures(slide: present.Slide, view: state.View) -> None:
    st.header(components.md_escape(slide.title), anchor=False)
    if slide.subtitle:
        st.caption(slide.subtitle)
    shared = len({card.sentence for card in slide.cards}) == 1  # one sentence stating every figure: say it once
    with st.container(key="present_cards"):
        columns = st.columns(len(slide.cards), gap="medium")
        for column, card in zip(columns, slide.cards, strict=True):
            with column:
                st.metric(components.md_escape(card.label), card.value_text,
                          help=components.md_escape(card.sentence) or None, border=True)
                if not shared:
                    st.caption(components.md_escape(present.short_sentence(card.sentence)))
        if shared and slide.cards[0].sentence:
            sentence = present.short_sentence(slide.cards[0].sentence, 2 * present.SENTENCE_CHARS)
            st.caption(components.md_escape(sentence))


def _render_chart(slide: present.Slide, view: state.View, dark: bool) -> None:
    st.header(components.md_escape(f"{slide.title} · {slide.subtitle}"), anchor=False)
    fig = present.slide_figure(slide, view.lang, dark=dark)
    config = export_config(components.CHART_CONFIG, view.report_label, slide.title, slide.subtitle)
    st.plotly_chart(fig, theme=None, config=config, key=f"present_chart_{slide.slide_id}", width="stretch",
                    height="stretch")


def _controls(number: int, count: int, view: state.View, exit_query: str) -> None:
    with st.container(horizontal=True, key="present_controls", vertical_alignment="center", gap="small"):
        st.button(view.t("present.prev"), key="present_prev", icon=":material/chevron_left:",
                  on_click=_move, args=(-1, count), disabled=number <= 1, shortcut="Left")
        st.markdown(f"**{number} / {count}**")
        st.button(view.t("present.next"), key="present_next", icon=":material/chevron_right:",
                  icon_position="right", on_click=_move, args=(1, count), disabled=number >= count, shortcut="Right")
        st.space("stretch")
        st.link_button(view.t("present.exit"), exit_query, icon=":material/close:", type="tertiary")


def _stage(slides: list[present.Slide], view: state.View, dark: bool, every: int, exit_query: str) -> None:
    """The slide on screen and its controls; a fragment, so moving or auto-advancing reruns only this."""
    count = len(slides)
    number = present.clamp_slide(int(st.session_state.get(_SLIDE_KEY, 1)), count)
    now = time.monotonic()
    if every and now - st.session_state.get(_CHANGED_KEY, now) >= every - 0.5:
        number = present.step(number, count, 1, wrap=True)
        st.session_state[_CHANGED_KEY] = now
    st.session_state[_SLIDE_KEY] = number
    if st.query_params.get(present.SLIDE_PARAM) != str(number):
        st.query_params[present.SLIDE_PARAM] = str(number)
    st.session_state[_WRITTEN_KEY] = str(number)
    slide = slides[number - 1]
    with st.container(key=f"present_stage_{slide.kind}"):
        if slide.kind == "title":
            _render_title(slide)
        elif slide.kind == "figures":
            _render_figures(slide, view)
        else:
            _render_chart(slide, view, dark)
        components.source_caption(view)
    _controls(number, count, view, exit_query)


def run_presentation() -> None:
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    lang = st.query_params.get("lang")
    lang = lang if lang in LANGS else DEFAULT_LANG
    st.set_page_config(page_title=t("present.title", lang), page_icon=state.FAVICON_URL, layout="wide",
                       initial_sidebar_state="collapsed")
    st.html(present.PRESENT_CSS)
    st.html(present.KEYS_SCRIPT, unsafe_allow_javascript=True)
    reports = state.with_labels(data.query(queries.list_reports))
    report, problems = present.choose_report(reports, st.query_params.get("region"), st.query_params.get("year"))
    if report is None:
        st.title(t("present.title", lang), anchor=False)
        st.info(t("notice.no_reports", lang))
        return
    view = state.View(lang=lang, reports=reports, report=report)
    observations = data.query(queries.report_observations, view.report_id)
    wanted = present.parse_params(params)
    deck = present.build_slides(report, observations, lang)
    slides = present.select_slides(deck, wanted.tokens)
    unknown = present.unknown_tokens(deck, wanted.tokens)
    problems += [*wanted.problems, *(f"{present.SLIDES_PARAM}={tok}" for tok in unknown)]
    for problem in problems:
        param, _, value = problem.partition("=")
        st.toast(t("notice.bad_param", lang, param=param, value=notice_value(value)), icon=":material/link_off:")

    deck_id = (view.report_id, tuple(s.slide_id for s in slides))
    raw_slide = st.query_params.get(present.SLIDE_PARAM)
    if st.session_state.get(_DECK_KEY) != deck_id or raw_slide != st.session_state.get(_WRITTEN_KEY):
        # First run, another deck, or a slide number typed into / linked in the URL: the URL decides.
        st.session_state[_SLIDE_KEY] = present.clamp_slide(wanted.slide, len(slides))
        st.session_state[_CHANGED_KEY] = time.monotonic()
        st.session_state[_DECK_KEY] = deck_id
    st.session_state.setdefault(_CHANGED_KEY, time.monotonic())

    dark = st.context.theme.type == "dark"
    exit_query = present.exit_query(params)
    stage = st.fragment(run_every=wanted.every or None)(_stage)
    stage(slides, view, dark, wanted.every, exit_query)


# ------------------------------------------------------------------------------- setup and downloads


@st.cache_data(show_spinner=False, max_entries=32)
def _briefing_html(_report: dict[str, Any], key: tuple[Any, ...], observations: pd.DataFrame,
                   checks: pd.DataFrame, lang: str) -> bytes:
    return build_briefing(_report, observations, checks, lang).encode("utf-8")


def run_setup() -> None:
    view = state.current_view()
    components.page_header(view, "nav.present")
    db = data.database()
    observations = data.query(queries.report_observations, view.report_id)
    deck = present.build_slides(view.report, observations, view.lang)
    groups = present.section_tokens(deck)

    def group_label(token: str) -> str:
        if token == present.TITLE_TOKEN:
            return view.t("present.title_slide")
        count = sum(s.group == token for s in deck)
        return f"{domain_name(token, view.lang)} ({count})"

    st.subheader(view.t("present.setup"))
    chosen = state.url_multiselect(view.t("present.sections"), groups, param=present.SLIDES_PARAM, default=groups,
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
    checks = data.query(queries.report_checks, [view.report_id])
    figures = data.query(queries.report_figures, [view.report_id])
    key = (view.report_id, db.stamp, view.lang)
    html_bytes = _briefing_html(view.report, key, observations, checks, view.lang)
    row = st.container(horizontal=True)
    row.download_button(view.t("present.download_html"), html_bytes, file_name=download_name(view.report, ".html",
                        view.lang), mime="text/html", icon=":material/article:", on_click="ignore",
                        key="download_briefing")
    row.download_button(view.t("present.download_csv"), to_csv_bytes(export_frame(view.report, observations)),
                        file_name=download_name(view.report, ".csv", view.lang), mime="text/csv",
                        icon=":material/csv:", on_click="ignore", key="download_csv")
    row.download_button(view.t("present.download_xlsx"),
                        lambda: to_xlsx_bytes(report_sheets(view.report, observations, figures, checks)),
                        file_name=download_name(view.report, ".xlsx", view.lang),
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        icon=":material/table:", on_click="ignore", key="download_xlsx")
    st.caption(view.t("present.download_note", size=f"{len(html_bytes) / 1_048_576:.1f}"))
    st.caption(view.t("present.png_note", name=image_file_name(view.report_label, "…")))
    components.source_caption(view)


if present.is_presenting():
    run_presentation()
else:
    run_setup()
