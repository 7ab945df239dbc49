"""The one list of pages. To add a page, append a PageSpec to PAGES; dashboard.py builds st.navigation from it.

`chart_page` tells the browser tests to expect at least one Plotly chart on the page for the default report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ui import auth
from ui.i18n import domains_title, t

APP_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the app directory, e.g. "pages/overview.py"
    url_path: str  # English, used in links: /mediation
    title: tuple[str, str]  # (zh, en)
    icon: str  # material icon (bundled with streamlit, no download)
    group: str  # i18n key of the navigation section
    default: bool = False
    chart_page: bool = True
    admin_only: bool = False  # hidden from the menu unless an administrator is signed in (ui.auth.is_admin)

    def title_in(self, lang: str) -> str:
        return self.title[1] if lang == "en" else self.title[0]


def _title(key: str) -> tuple[str, str]:
    return (t(key, "zh"), t(key, "en"))


def _domains_title(*domains: str) -> tuple[str, str]:
    """A domain page's menu entry: the catalogue's (short) names of the domains it shows."""
    return (domains_title(domains, "zh", short=True), domains_title(domains, "en", short=True))


PAGES: list[PageSpec] = [
    PageSpec("pages/overview.py", "overview", _title("nav.overview"), ":material/dashboard:", "nav.group.report",
             default=True),
    PageSpec("pages/mediation.py", "mediation", _domains_title("mediation"), ":material/handshake:",
             "nav.group.report"),
    PageSpec("pages/review.py", "review", _domains_title("review"), ":material/gavel:", "nav.group.report"),
    PageSpec("pages/supervision.py", "supervision", _domains_title("supervision"), ":material/visibility:",
             "nav.group.report"),
    PageSpec("pages/rules.py", "rules", _domains_title("rules", "decisions"), ":material/description:",
             "nav.group.report"),
    PageSpec("pages/enforcement.py", "enforcement", _domains_title("enforcement"), ":material/badge:",
             "nav.group.report"),
    PageSpec("pages/functions.py", "functions", _domains_title("functions"), ":material/storefront:",
             "nav.group.report"),
    PageSpec("pages/scorecard.py", "scorecard", _title("nav.report_review"), ":material/fact_check:",
             "nav.group.report", chart_page=False),
    PageSpec("pages/compare.py", "compare", _title("nav.compare"), ":material/compare_arrows:", "nav.group.across"),
    PageSpec("pages/explorer.py", "explorer", _title("nav.explorer"), ":material/table_view:", "nav.group.across",
             chart_page=False),
    PageSpec("pages/sources.py", "sources", _title("nav.sources"), ":material/source:", "nav.group.across",
             chart_page=False),
    PageSpec("pages/present.py", "present", _title("nav.present"), ":material/slideshow:", "nav.group.across",
             chart_page=False),
    PageSpec("pages/admin_upload.py", "admin", _title("nav.admin"), ":material/upload_file:", "nav.group.across",
             chart_page=False, admin_only=True),
]


def available_pages() -> list[PageSpec]:
    """Pages whose script exists (a page listed by another engineer before its file lands is skipped)."""
    return [spec for spec in PAGES if (APP_DIR / spec.path).is_file()]


_PAGES_KEY = "_nav_pages"


def _sections(lang: str, admin: bool) -> dict[str, list[StreamlitPage]]:
    sections: dict[str, list[StreamlitPage]] = {}
    for spec in available_pages():
        page = st.Page(
            APP_DIR / spec.path, title=spec.title_in(lang), icon=spec.icon, url_path=spec.url_path,
            default=spec.default, visibility="hidden" if spec.admin_only and not admin else "visible",
        )
        sections.setdefault(t(spec.group, lang), []).append(page)
    return sections


def build_navigation(lang: str) -> StreamlitPage:
    """st.navigation over PAGES, grouped into sections, titles in `lang`.

    A viewer's menu has no administration; when uploads are enabled the foot of the sidebar has a small link
    to the sign-in (the upload page's URL, /admin, works either way).
    """
    uploads_enabled = auth.uploads_enabled()
    admin = uploads_enabled and auth.is_admin()
    # The page objects are kept per session (a session runs one script at a time): making them resolves every
    # script path on disk, a few milliseconds per run.
    built = st.session_state.get(_PAGES_KEY)
    if built is None or built[0] != (lang, admin):
        built = ((lang, admin), _sections(lang, admin))
        st.session_state[_PAGES_KEY] = built
    # Always the whole menu: with the review page an administrator's menu has 13 entries, and Streamlit folds a menu
    # of more than 12 behind "View more", hiding the upload page at its foot.
    navigation = st.navigation(built[1], expanded=True)
    if uploads_enabled and not admin:
        upload = next((p for pages in built[1].values() for p in pages if p.url_path == "admin"), None)
        if upload is not None:
            st.sidebar.page_link(upload, label=t("admin.sign_in_link", lang), icon=":material/key:")
    return navigation
