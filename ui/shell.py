"""The shell around every page: page config, the sidebar (language, region, year, bound to the URL) and the
`View` the page reads.

The rules behind the pickers are pure and live in ui/view.py; URL notices and id-valued multiselects in
ui/url_state.py. This module only draws widgets and keeps the view of the current run.

Region and year are not `bind="query-params"` widgets: a bound widget leaves out a value equal to its default,
so a shared link of the default report would name none and change meaning once the default moves. After the
view is resolved (ui.view.resolve_selection) the shell writes `?region=&year=&report=` explicitly, every run.
"""

from __future__ import annotations

from typing import Any, Literal, overload

import duckdb
import pandas as pd
import streamlit as st

from etl import config
from ui import data
from ui.assets import style_element
from ui.format import md_escape, notice_value
from ui.i18n import DEFAULT_LANG, LANGS, t
from ui.place_names import english_labels
from ui.url_state import add_notice, take_notices
from ui.view import (
    Pickers,
    ReportView,
    UrlChoice,
    View,
    build_pickers,
    is_bad_param,
    picked_row,
    resolve_lang,
    resolve_selection,
)

_VIEW_KEY = "_view"
# ui/static/favicon.png as Streamlit serves it (static/ → ui/static). Given as this URL, set_page_config passes
# it on as is; given as a file path, it opened and hashed the image on every script run. The browser prefixes
# the base path behind a proxy, as it does for any /app/static/ URL.
FAVICON_URL = "/app/static/favicon.png"
_SHELL_RAN_KEY = "_shell_ran"
APP_CSS = style_element("css/app.css")
APP_ZH_CSS = style_element("css/app-zh.css")
LANG_LABELS = {"zh": "中文", "en": "en"}  # the formatted label is what a bound widget writes into the URL


def language_selector() -> str:
    """Language switch in the sidebar, bound to ?lang=en."""
    raw = st.query_params.get("lang")
    lang_guess = resolve_lang(raw)
    if is_bad_param(raw, LANGS):
        add_notice(t("notice.bad_param", lang_guess, param="lang", value=notice_value(raw)))
    choice = st.sidebar.radio(
        t("sidebar.lang", lang_guess),
        list(LANGS),
        format_func=LANG_LABELS.__getitem__,
        key="lang",
        bind="query-params",
        horizontal=True,
    )
    return choice if choice in LANGS else DEFAULT_LANG


_WRITTEN_KEY = "_report_written"  # the (region, year, report) this session last wrote into the URL
REPORT_PARAMS = ("region", "year", "report")


def showcase_key() -> str:
    """The configured landing report ($DASHBOARD_SHOWCASE, see etl/config.py)."""
    return config.showcase_report()


def _build_pickers(reports: pd.DataFrame) -> Pickers:
    return build_pickers(reports, showcase_key())


def _url_choice() -> UrlChoice:
    region, year, report = (st.query_params.get(key) or None for key in REPORT_PARAMS)
    return region, year, report


def report_selector(pickers: Pickers, lang: str) -> View:
    """Region and year selectboxes in the sidebar, in the URL as ?region=…&year=…&report=…; returns the view."""
    if not pickers.regions:
        return View(lang=lang, reports=pickers.reports)
    url = _url_choice()
    # A link may name the region as the English UI shows it: the stored (Chinese) name is the key.
    english_to_stored = {label: stored for stored, label in region_labels(pickers.regions, "en").items()}
    if url[0] in english_to_stored:
        url = (english_to_stored[url[0]], url[1], url[2])
    state = (st.session_state["region"], st.session_state.get("year", "")) if "region" in st.session_state else None
    written = st.session_state.get(_WRITTEN_KEY)
    unknown_report = url[2] if url[2] and url[2] not in pickers.by_id and url != written else None
    successor = data.successor_of(unknown_report) if unknown_report else None
    selection = resolve_selection(pickers, url, state, written, successor[0] if successor else None)
    for problem in selection.problems:
        param, _, value = problem.partition("=")
        add_notice(t("notice.bad_param", lang, param=param, value=notice_value(value)))
    # The widgets show the resolved choice: their state is set before they are drawn (no `index`).
    st.session_state["region"] = selection.region
    st.session_state["year"] = selection.year
    names = region_labels(pickers.regions, lang)
    region = st.sidebar.selectbox(
        t("sidebar.region", lang), pickers.regions, key="region", format_func=names.__getitem__
    )
    if display_width(names[region]) > PICKER_WIDTH:  # a select box cannot wrap: the whole name beneath it
        st.sidebar.caption(md_escape(names[region]))
    year = st.sidebar.selectbox(t("sidebar.year", lang), pickers.years[region], key="year")
    report = _with_details(picked_row(pickers, region, year))
    if selection.replaced and successor:
        add_notice(t("notice.replaced", lang, old=notice_value(selection.replaced), date=successor[1],
                     region=region, year=year))
    chosen = (str(region), str(year), str(report["report_id"]))
    if _url_choice() != chosen:
        st.query_params.update(dict(zip(REPORT_PARAMS, chosen, strict=True)))
    st.session_state[_WRITTEN_KEY] = chosen
    if report.get("is_excerpt"):
        st.sidebar.caption(t("sidebar.excerpt", lang))
    st.sidebar.caption(t("sidebar.db", lang, count=len(pickers.reports)))
    return ReportView(lang=lang, reports=pickers.reports, report=report)


# What the sidebar's select box shows without cutting (in widths of a Latin letter; a Chinese character is two).
PICKER_WIDTH = 28


def display_width(text: str) -> int:
    return sum(2 if "\u3400" <= char <= "\u9fff" else 1 for char in text)


def region_labels(regions: tuple[str, ...], lang: str) -> dict[str, str]:
    """Stored region name → what the picker shows (English names in English, built once per database)."""
    if lang != "en":
        return {region: region for region in regions}
    return data.derived("region_labels_en", lambda: english_labels(list(regions)), regions)


def _with_details(report: dict[str, Any]) -> dict[str, Any]:
    """The chosen report with every descriptive column (title, URL, counts): the pickers hold only short ones."""
    details = data.report_detail_rows([str(report["report_id"])])
    return {**details[0], **report} if details else report


def render_shell() -> View:
    """Page config, sidebar (language, region, year), URL notices; the view every page reads.

    dashboard.py calls this before running the chosen page. When Streamlit runs a page script without the
    entry script (it does so when a `pages/` folder exists and st.navigation has not yet run in this process:
    AppTest reruns, or a server whose very first request is a deep link), the page calls it itself through
    `current_view`.
    """
    # A local favicon: a material-icon page_icon makes the browser fetch an SVG from fonts.gstatic.com.
    guess = resolve_lang(st.query_params.get("lang"))
    st.set_page_config(page_title=t("app.title", guess), page_icon=FAVICON_URL, layout="wide")
    st.html(APP_CSS)  # labels wrap instead of being cut off (ui/static/css/app.css)
    lang = language_selector()
    if lang != guess:  # the tab title in the language chosen in this run
        st.set_page_config(page_title=t("app.title", lang))
    if lang == "zh":
        st.html(APP_ZH_CSS)
    try:
        pickers = data.pickers(_build_pickers, showcase_key())
    except (duckdb.Error, OSError) as error:
        st.error(t("notice.db_failed", lang, error=str(error)[:300]))
        pickers = build_pickers(pd.DataFrame())
    view = report_selector(pickers, lang)
    for message in take_notices():
        st.warning(message, icon=":material/link_off:")
    if view.report is None:
        st.info(t("notice.no_reports", lang))
    st.session_state[_VIEW_KEY] = view
    st.session_state[_SHELL_RAN_KEY] = True
    return view


def leave_pages_directory_mode() -> None:
    """Run the app through dashboard.py when Streamlit ran a page script directly.

    Because a `pages/` folder exists, Streamlit starts each process in its old "pages directory" mode and
    only leaves it once st.navigation has been called. If the first request of a process is a deep link
    (/mediation?…), it would run pages/mediation.py alone with a file-name menu. Flip the flag and rerun: the
    rerun goes through dashboard.py and lands on the same page.

    `PagesManager.uses_pages_directory` is private. Checked against Streamlit 1.67: st.navigation sets exactly
    this class attribute to False (streamlit/commands/navigation.py) and the script runner reads it to choose
    the mode. This is the only place the app touches it: after a Streamlit upgrade, check it here first.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_pickers() -> Pickers:
    """The pickers of the current database (what render_shell used; a cached, shared, read-only value)."""
    return data.pickers(_build_pickers, showcase_key())


@overload
def current_view(need_report: Literal[True] = True) -> ReportView: ...
@overload
def current_view(need_report: Literal[False]) -> View: ...
def current_view(need_report: bool = True) -> View:
    """The view of this run (pages call this first); renders the shell if the entry script did not run.

    With `need_report`, a page stops here when no report is loaded (the shell has already said so), and what it
    gets is a `ReportView`.
    """
    view = st.session_state.get(_VIEW_KEY)
    if not (st.session_state.pop(_SHELL_RAN_KEY, False) and isinstance(view, View)):
        leave_pages_directory_mode()
        view = render_shell()
        st.session_state.pop(_SHELL_RAN_KEY, None)
    if not need_report:
        return view
    if view.report is None:
        st.stop()
    # report_selector builds a ReportView whenever there is a report; the conversion is for any other View.
    return view if isinstance(view, ReportView) else ReportView(view.lang, view.reports, view.report, view.notices)
