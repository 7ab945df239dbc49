"""Presentation mode, the slides themselves: what `?present=1` runs, one slide at a time, no Streamlit chrome.

dashboard.py sees `?present=1` before drawing the sidebar and runs `presentation_navigation()`: a hidden menu
that registers every page path of the dashboard (ui/nav.py) plus the root, each running `run_presentation`. A
path the menu did not register makes Streamlit show its "Page not found" dialog over the slides, so
`/present?present=1`, `/mediation?present=1` and `/?present=1` must all be known. Exit is a plain link (same
tab, a full load) back to the path the presentation was started from, without the presentation keys.

Building the deck and reading the URL are pure and live in ui/present.py; the setup page with the downloads is
pages/present.py; the keys (Home/End/Esc besides the arrows) in ui/static/js/present_keys.js.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ui import components, data, nav, present, review
from ui.assets import chart_locale_config
from ui.charts import export_config
from ui.format import notice_value
from ui.i18n import DEFAULT_LANG, t
from ui.shell import FAVICON_URL, showcase_key
from ui.units import KIND_TITLE_KEYS
from ui.view import ReportView, View, choose_report, resolve_lang, with_labels

ROOT_URL_PATH = "slides"  # the default page's internal name: Streamlit serves it at the root URL

# Chart slide headings in the audience's words (the pages' "数量类指标" is a term of this dashboard).
_AUDIENCE_KIND_KEYS = {kind: f"present.audience_{kind}" for kind in KIND_TITLE_KEYS}

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
            st.markdown(components.md_escape(note))


def _sentence(text: str) -> None:
    """A source sentence, in type the room can read (present.css sizes the markdown of `present_sources`; the
    pages' grey caption is too small on a projector)."""
    st.markdown(components.md_escape(text))


def _render_figures(slide: present.Slide, view: View) -> None:
    st.header(components.md_escape(slide.title), anchor=False)
    rows = present.balanced_rows(slide.cards)
    # The number sizes depend on rows and columns (ui/static/css/present.css reads them from the key).
    with st.container(key=f"present_cards_{len(rows)}x{max(len(row) for row in rows)}", gap="medium"):
        for row in rows:
            columns = st.columns(len(row), gap="medium")
            for column, card in zip(columns, row, strict=True):
                # No help icon: an audience cannot hover; the sentences are printed under the numbers.
                column.metric(components.md_escape(card.label), card.value_text, border=True)
    # Each sentence once, however many of the numbers it states (one sentence often states a count and its rate).
    sentences = list(dict.fromkeys(card.sentence for card in slide.cards if card.sentence))
    limit = 2 * present.SENTENCE_CHARS if len(sentences) <= 2 else present.SENTENCE_CHARS
    with st.container(key="present_sources", gap="small"):
        for sentence in sentences:
            _sentence(present.short_sentence(sentence, limit))


def _render_scorecard(slide: present.Slide) -> None:
    """The report review: its summary, then per rule its name, result and the heading or sentence that shows it."""
    st.header(components.md_escape(slide.title), anchor=False)
    st.markdown(components.md_escape(slide.subtitle))
    with st.container(key="present_scorecard", gap="small"):
        for line in slide.lines:
            rule, verdict, evidence = st.columns([3, 1.2, 5], vertical_alignment="top")
            rule.markdown(f"**{components.md_escape(line.rule)}**")
            verdict.markdown(line.verdict)  # a badge of our own words (ui.review_text.verdict_badge)
            evidence.markdown(components.md_escape(line.evidence))
    for note in slide.notes:
        st.caption(components.md_escape(note))


def _chart_heading(slide: present.Slide, lang: str) -> str:
    kind_key = KIND_TITLE_KEYS.get(slide.unit_kind)
    if kind_key and slide.subtitle.startswith(t(kind_key, lang)):
        # "数量类指标(项)" → "主要数量(项)": the unit stays, the dashboard's term goes.
        audience = t(_AUDIENCE_KIND_KEYS[slide.unit_kind], lang) + slide.subtitle[len(t(kind_key, lang)) :]
        return f"{slide.title} · {audience}"
    return f"{slide.title} · {slide.subtitle}" if slide.subtitle else slide.title


def _render_chart(slide: present.Slide, view: View, dark: bool) -> None:
    st.header(components.md_escape(_chart_heading(slide, view.lang)), anchor=False)
    fig = present.slide_figure(slide, view.lang, dark=dark)
    config = export_config(components.CHART_CONFIG, view.report_label, slide.title, slide.subtitle)
    config |= chart_locale_config(view.lang)
    st.plotly_chart(fig, theme=None, config=config, key=f"present_chart_{slide.slide_id}", width="stretch",
                    height="stretch")


def _jump(target: int, count: int) -> None:
    st.session_state[_SLIDE_KEY] = present.clamp_slide(target, count)
    st.session_state[_CHANGED_KEY] = time.monotonic()


def _controls(number: int, count: int, view: View, exit_query: str) -> None:
    with st.container(horizontal=True, key="present_controls", vertical_alignment="center", gap="small"):
        # Home/End (ui/static/js/present_keys.js) click these two.
        st.button("", key="present_first", icon=":material/first_page:", help=view.t("present.first"),
                  on_click=_jump, args=(1, count), disabled=number <= 1, type="tertiary")
        st.button(view.t("present.prev"), key="present_prev", icon=":material/chevron_left:",
                  on_click=_move, args=(-1, count), disabled=number <= 1, shortcut="Left")
        st.markdown(f"**{number} / {count}**")
        st.button(view.t("present.next"), key="present_next", icon=":material/chevron_right:",
                  icon_position="right", on_click=_move, args=(1, count), disabled=number >= count, shortcut="Right")
        st.button("", key="present_last", icon=":material/last_page:", help=view.t("present.last"),
                  on_click=_jump, args=(count, count), disabled=number >= count, type="tertiary")
        st.space("stretch")
        with st.container(key="present_exit", width="content"):
            # Relative to the page's own path: back where the presentation started. ui/static/js/same_tab_links.js
            # keeps it in this tab (st.link_button alone opens a new one); Esc clicks it.
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
        elif slide.kind == "scorecard":
            _render_scorecard(slide)
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
    st.html(present.SAME_TAB_SCRIPT, unsafe_allow_javascript=True)
    reports = with_labels(data.reports_frame())
    report, problems = choose_report(reports, st.query_params.get("region"), st.query_params.get("year"),
                                     report_id=st.query_params.get("report"), showcase=showcase_key())
    if report is None:
        st.title(t("present.title", lang), anchor=False)
        st.info(t("notice.no_reports", lang))
        return
    view = ReportView(lang=lang, reports=reports, report=report)
    observations = data.observations_frame(view.report_id)
    wanted = present.parse_params(params)
    deck = present.build_slides(report, observations, lang, scorecard=review.scorecard_slide(view.report_id, lang))
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
    """Navigation for presentation mode: the slides under every page path, menu hidden (dashboard.py runs it).

    Each path of ui/nav.py is registered (all running the slides), so a presentation started from any page keeps
    that page's URL (Exit returns there) and Streamlit never falls back with its "Page not found" dialog.
    """
    title = t("present.title", DEFAULT_LANG)
    pages = [st.Page(run_presentation, title=title, url_path=ROOT_URL_PATH, default=True)]
    pages += [st.Page(run_presentation, title=title, url_path=spec.url_path) for spec in nav.PAGES]
    return st.navigation(pages, position="hidden")
