"""Presentation mode, the slides themselves: what `?present=1` runs, one slide at a time, no Streamlit chrome.

dashboard.py sees `?present=1` before drawing the sidebar and runs `presentation_navigation()`: a hidden menu
whose one page (url path /present, as the setup page) is `run_presentation`. Building the deck and reading the
URL are pure and live in ui/present.py; the setup page with the downloads is pages/presentation.py.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ui import components, data, present
from ui.assets import chart_locale_config
from ui.charts import export_config
from ui.format import notice_value
from ui.i18n import DEFAULT_LANG, t
from ui.shell import FAVICON_URL
from ui.view import ReportView, View, choose_report, resolve_lang, with_labels

PAGE_URL_PATH = "present"  # the setup page's too (ui/nav.py): a presentation link keeps the /present path

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


def _render_figures(slide: present.Slide, view: View) -> None:
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


def _render_chart(slide: present.Slide, view: View, dark: bool) -> None:
    st.header(components.md_escape(f"{slide.title} · {slide.subtitle}"), anchor=False)
    fig = present.slide_figure(slide, view.lang, dark=dark)
    config = export_config(components.CHART_CONFIG, view.report_label, slide.title, slide.subtitle)
    config |= chart_locale_config(view.lang)
    st.plotly_chart(fig, theme=None, config=config, key=f"present_chart_{slide.slide_id}", width="stretch",
                    height="stretch")


def _controls(number: int, count: int, view: View, exit_query: str) -> None:
    with st.container(horizontal=True, key="present_controls", vertical_alignment="center", gap="small"):
        st.button(view.t("present.prev"), key="present_prev", icon=":material/chevron_left:",
                  on_click=_move, args=(-1, count), disabled=number <= 1, shortcut="Left")
        st.markdown(f"**{number} / {count}**")
        st.button(view.t("present.next"), key="present_next", icon=":material/chevron_right:",
                  icon_position="right", on_click=_move, args=(1, count), disabled=number >= count, shortcut="Right")
        st.space("stretch")
        st.link_button(view.t("present.exit"), exit_query, icon=":material/close:", type="tertiary")


def _stage(slides: list[present.Slide], view: View, dark: bool, every: int, exit_query: str) -> None:
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
    """The slides program: one report's deck from the URL, one slide at a time, no sidebar or menu."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    lang = resolve_lang(st.query_params.get("lang"))
    st.set_page_config(page_title=t("present.title", lang), page_icon=FAVICON_URL, layout="wide",
                       initial_sidebar_state="collapsed")
    st.html(present.PRESENT_CSS)
    st.html(present.KEYS_SCRIPT, unsafe_allow_javascript=True)
    reports = with_labels(data.reports_frame())
    report, problems = choose_report(reports, st.query_params.get("region"), st.query_params.get("year"))
    if report is None:
        st.title(t("present.title", lang), anchor=False)
        st.info(t("notice.no_reports", lang))
        return
    view = ReportView(lang=lang, reports=reports, report=report)
    observations = data.observations_frame(view.report_id)
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


# ------------------------------------------------------------------------------------------ routing


def is_presenting() -> bool:
    """True when the URL asks for the slides (`?present=1`), on the entry point or the presentation page."""
    return st.query_params.get(present.PRESENT_PARAM) in ("1", "true")


def presentation_navigation() -> StreamlitPage:
    """Navigation for presentation mode: the slides only, menu hidden (dashboard.py runs it)."""
    page = st.Page(run_presentation, title=t("present.title", DEFAULT_LANG), url_path=PAGE_URL_PATH, default=True)
    return st.navigation([page], position="hidden")
