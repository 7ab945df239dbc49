"""Every page in a real browser: no exception box, charts where expected, Chinese text rendered,
no request leaves localhost; one screenshot per page in artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest

from ui.i18n import domain_name
from ui.nav import PAGES, PageSpec, available_pages

CJK = re.compile(r"[\u4e00-\u9fff]")
QIJIANG = "?region=%E9%87%8D%E5%BA%86%E5%B8%82%E7%B6%A6%E6%B1%9F%E5%8C%BA&year=2021"
MY_PAGES = [spec for spec in PAGES if spec.url_path not in ("present", "admin")]  # those two have their own tests


@pytest.mark.parametrize("spec", MY_PAGES, ids=[spec.url_path for spec in MY_PAGES])
def test_page_renders(streamlit_server, recorded_page, spec: PageSpec) -> None:
    assert spec in available_pages()
    recorded_page.open(f"{streamlit_server.url}/{spec.url_path}{QIJIANG}")
    page = recorded_page.page

    assert page.locator('[data-testid="stException"]').count() == 0
    if spec.chart_page:
        page.wait_for_selector(".js-plotly-plot", timeout=90_000)
        assert page.locator(".js-plotly-plot").count() >= 1
    body = page.inner_text("body")
    assert CJK.search(body)
    assert spec.title[0] in body
    recorded_page.screenshot(spec.url_path)
    assert recorded_page.external_requests == []


def test_english_switch_and_state_survives_page_change(streamlit_server, recorded_page) -> None:
    # Qijiang 2022 is not the default report, so year=2022 must stay in the URL (defaults are dropped from it).
    recorded_page.open(f"{streamlit_server.url}/mediation?year=2022&lang=en")
    page = recorded_page.page
    assert domain_name("mediation", "en") in page.inner_text("body")  # the catalogue's name, declared once
    page.get_by_role("link", name=re.compile("Administrative review")).first.click()
    recorded_page.wait()
    assert "/review" in page.url
    assert "lang=en" in page.url and "year=2022" in page.url
    body = page.inner_text("body")
    assert domain_name("review", "en") in body
    assert "Qijiang District, Chongqing 2022 (excerpt)" in body  # the one-sentence "nothing to show" names the report
    recorded_page.screenshot("review-en-excerpt")
    assert recorded_page.external_requests == []


def test_invalid_link_shows_notice(streamlit_server, recorded_page) -> None:
    recorded_page.open(f"{streamlit_server.url}/overview?region=nowhere&year=1900")
    page = recorded_page.page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "region=nowhere" in page.inner_text("body")
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)  # the default report is shown
    assert recorded_page.external_requests == []


def test_bundled_font_is_served(streamlit_server, recorded_page) -> None:
    recorded_page.open(f"{streamlit_server.url}/overview{QIJIANG}")
    assert any("/app/static/NotoSansSC-Regular.woff" in url for url in recorded_page.requests)
    check = """() => document.fonts.check('16px "Noto Sans SC Subset"', '綦江')"""
    assert recorded_page.page.evaluate(check)
