"""Shareable view state: region, year (report) and language in the sidebar, bound to the URL.

Streamlit 1.67 widgets take `bind="query-params"`: the widget's value lives in the URL under its key, is
seeded from the URL on load, and (for widgets of the entry script) survives page switches. A bound widget
drops an invalid URL value silently, so `_check_param` looks at the raw value first and tells the reader.

Page-level multi-choices whose URL form should be ids rather than display names (a bound multiselect writes
its *formatted* labels into the URL) go through `url_multiselect`, which syncs `st.query_params` by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from ui.format import notice_value
from ui.i18n import DEFAULT_LANG, LANGS, t

_VIEW_KEY = "_view"
_NOTICES_KEY = "_notices"
# ui/static/favicon.png as Streamlit serves it (static/ → ui/static). Given as this URL, set_page_config passes
# it on as is; given as a file path, it opened and hashed the image on every script run. The browser prefixes
# the base path behind a proxy, as it does for any /app/static/ URL.
FAVICON_URL = "/app/static/favicon.png"
_SHELL_RAN_KEY = "_shell_ran"
LANG_LABELS = {"zh": "中文", "en": "en"}  # the formatted label is what a bound widget writes into the URL


@dataclass(frozen=True)
class View:
    """What every page needs to know: language, all reports, and the chosen one (None when there are none)."""

    lang: str
    reports: pd.DataFrame
    report: dict[str, Any] | None = None
    notices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def report_id(self) -> str | None:
        return None if self.report is None else str(self.report["report_id"])

    @property
    def report_label(self) -> str:
        if self.report is None:
            return ""
        mark = t("common.excerpt_mark", self.lang) if self.report.get("is_excerpt") else ""
        return f"{self.report['region_label']} {self.report['year_label']}{mark}"

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


def add_notice(message: str) -> None:
    notices = st.session_state.setdefault(_NOTICES_KEY, [])
    if message not in notices:
        notices.append(message)


def take_notices() -> list[str]:
    return st.session_state.pop(_NOTICES_KEY, [])


def _check_param(param: str, valid: Container[str], lang: str) -> None:
    raw = st.query_params.get(param)
    if raw is not None and raw != "" and raw not in valid:
        add_notice(t("notice.bad_param", lang, param=param, value=notice_value(raw)))


def with_labels(reports: pd.DataFrame) -> pd.DataFrame:
    """Add region_label (region name, or the file name when the region is unknown)."""
    frame = reports.copy()
    if frame.empty:
        frame["region_label"] = pd.Series(dtype=str)
        return frame
    frame["region_label"] = frame["region_name"].fillna(frame["source_file"]).fillna(frame["report_id"]).astype(str)
    frame["year_label"] = frame["year_label"].fillna("?").astype(str)
    return frame


def default_report(reports: pd.DataFrame) -> pd.Series:
    """The report a first visit shows: a full report (not an excerpt) with the most indicator values, newest."""
    ranked = reports.assign(full=~reports["is_excerpt"].astype(bool)).sort_values(
        ["full", "observation_count", "report_year"], ascending=[False, False, False], na_position="last"
    )
    return ranked.iloc[0]


def language_selector() -> str:
    """Language switch in the sidebar, bound to ?lang=en."""
    raw = st.query_params.get("lang")
    lang_guess = raw if raw in LANGS else DEFAULT_LANG
    if raw not in (None, "", *LANGS):
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


@dataclass(frozen=True)
class Pickers:
    """Everything the region and year pickers need, computed once per database version and shared read-only by
    every session (pandas work per script run cost more than the rest of the sidebar)."""

    reports: pd.DataFrame  # ui.data.report_index with labels; read-only
    regions: tuple[str, ...]
    years: Mapping[str, tuple[str, ...]]  # region → its year labels, newest first
    rows: Mapping[tuple[str, str], Mapping[str, Any]]  # (region, year) → the first report listed for it
    default: tuple[str, str]  # (region, year) of default_report


def build_pickers(reports: pd.DataFrame) -> Pickers:
    """`Pickers` from `etl.queries.report_index` (or `list_reports`) rows."""
    reports = with_labels(reports)
    if reports.empty:
        return Pickers(reports, (), {}, {}, ("", ""))
    from ui.data import to_records

    years: dict[str, list[str]] = {}
    rows: dict[tuple[str, str], Mapping[str, Any]] = {}
    for row in to_records(reports):
        region, year = row["region_label"], row["year_label"]
        in_region = years.setdefault(region, [])
        if year not in in_region:
            in_region.append(year)
        rows.setdefault((region, year), MappingProxyType(row))
    fallback = default_report(reports)
    return Pickers(
        reports=reports,
        regions=tuple(sorted(years)),
        years=MappingProxyType({region: tuple(labels) for region, labels in years.items()}),
        rows=MappingProxyType(rows),
        default=(str(fallback["region_label"]), str(fallback["year_label"])),
    )


def report_selector(pickers: Pickers, lang: str) -> View:
    """Region and year selectboxes in the sidebar, bound to ?region=…&year=…; returns the view."""
    if not pickers.regions:
        return View(lang=lang, reports=pickers.reports)
    regions = pickers.regions
    default_region, default_year = pickers.default
    _check_param("region", pickers.years, lang)
    region = st.sidebar.selectbox(
        t("sidebar.region", lang),
        regions,
        index=regions.index(default_region),
        key="region",
        bind="query-params",
    )
    years = pickers.years[region]
    _check_param("year", years, lang)
    year = st.sidebar.selectbox(
        t("sidebar.year", lang),
        years,
        index=years.index(default_year) if region == default_region else 0,
        key="year",
        bind="query-params",
    )
    chosen = pickers.rows.get((region, year)) or pickers.rows[(region, years[0])]
    report = _with_details(dict(chosen))
    if report.get("is_excerpt"):
        st.sidebar.caption(t("sidebar.excerpt", lang))
    st.sidebar.caption(t("sidebar.db", lang, count=len(pickers.reports)))
    return View(lang=lang, reports=pickers.reports, report=report)


def _with_details(report: dict[str, Any]) -> dict[str, Any]:
    """The chosen report with every descriptive column (title, URL, counts): the pickers hold only short ones."""
    from etl.store import queries
    from ui import data

    details = data.records(queries.report_details, [str(report["report_id"])])
    return {**details[0], **report} if details else report


def render_shell() -> View:
    """Page config, sidebar (language, region, year), URL notices; the view every page reads.

    dashboard.py calls this before running the chosen page. When Streamlit runs a page script without the
    entry script (it does so when a `pages/` folder exists and st.navigation has not yet run in this process:
    AppTest reruns, or a server whose very first request is a deep link), the page calls it itself through
    `current_view`.
    """
    from ui import data

    # A local favicon: a material-icon page_icon makes the browser fetch an SVG from fonts.gstatic.com.
    st.set_page_config(page_title=t("app.title", DEFAULT_LANG), page_icon=FAVICON_URL, layout="wide")
    lang = language_selector()
    try:
        pickers = data.pickers(build_pickers)
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


def _leave_pages_directory_mode() -> None:
    """Run the app through dashboard.py when Streamlit ran a page script directly.

    Because a `pages/` folder exists, Streamlit starts each process in its old "pages directory" mode and
    only leaves it once st.navigation has been called. If the first request of a process is a deep link
    (/mediation?…), it would run pages/mediation.py alone with a file-name menu. Flip the flag (what
    st.navigation itself does) and rerun: the rerun goes through dashboard.py and lands on the same page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_pickers() -> Pickers:
    """The pickers of the current database (what render_shell used; a cached, shared, read-only value)."""
    from ui import data

    return data.pickers(build_pickers)


def current_view(need_report: bool = True) -> View:
    """The view of this run (pages call this first); renders the shell if the entry script did not run.

    With `need_report`, a page stops here when no report is loaded (the shell has already said so).
    """
    view = st.session_state.get(_VIEW_KEY)
    if not (st.session_state.pop(_SHELL_RAN_KEY, False) and isinstance(view, View)):
        _leave_pages_directory_mode()
        view = render_shell()
        st.session_state.pop(_SHELL_RAN_KEY, None)
    if need_report and view.report is None:
        st.stop()
    return view


def url_multiselect(
    label: str,
    options: Sequence[str],
    *,
    param: str,
    default: Sequence[str],
    format_func: Callable[[str], str],
    lang: str,
    max_selections: int | None = None,
    placeholder: str | None = None,
) -> list[str]:
    """A multiselect whose choice lives in the URL as ids (?ind=a&ind=b), invalid ids dropped with a notice."""
    key = f"_ms_{param}"
    written_key = f"_ms_{param}_written"
    options = list(options)
    default = [d for d in default if d in options]
    raw = st.query_params.get_all(param)
    if raw and raw != st.session_state.get(written_key):
        valid = list(dict.fromkeys(v for v in raw if v in options))
        invalid = [v for v in raw if v not in options]
        if invalid:
            st.warning(t("notice.bad_param", lang, param=param, value=notice_value(",".join(invalid))))
        st.session_state[key] = (valid or default)[: max_selections or None]
    elif key not in st.session_state:
        st.session_state[key] = default
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    chosen = st.multiselect(
        label, options, key=key, format_func=format_func, max_selections=max_selections, placeholder=placeholder
    )
    if chosen == default:
        if param in st.query_params:
            del st.query_params[param]
        st.session_state[written_key] = []
    else:
        st.query_params[param] = chosen
        st.session_state[written_key] = list(chosen)
    return list(chosen)
