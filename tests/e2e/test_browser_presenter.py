"""The presenter's path in a real browser: started from its own button (or from any page with `present=1`) the
presentation opens with no "Page not found" dialog, Home/End/Esc work, Exit returns to the start URL in the
same tab; at 1920×1080 a chart fills the slide with 24 px labels; at 1024×768 nothing is cut off; the landing
page's URL names its report and keeps it after a newer report of the same region is loaded with the CLI."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import QIJIANG_TEXT, run_load
from tests.e2e.conftest import RecordedPage, Server, run_streamlit, screenshot, wait_for_app
from tests.e2e.test_browser_present import (
    APP_TIMEOUT_MS,
    CHART_SLIDES,
    COUNTER,
    MEDIATION_FIGURES_SLIDE,
    QIJIANG,
    SLIDE_COUNT,
    STAGE,
    expect_slide,
)

QIJIANG_REGION = "重庆市綦江区"
DIALOG = '[role="dialog"]'


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def open_presentation(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, APP_TIMEOUT_MS)
    page.wait_for_selector(COUNTER, timeout=APP_TIMEOUT_MS)
    page.wait_for_timeout(1500)  # a "Page not found" dialog would have arrived by now


def test_started_from_its_button_no_dialog_keys_and_exit_in_the_same_tab(
        streamlit_server: Server, recorded_page: RecordedPage) -> None:
    page = recorded_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{streamlit_server.url}/present?{QIJIANG}")
    wait_for_app(page, APP_TIMEOUT_MS)
    start_url = page.url
    assert urlparse(start_url).path == "/present"
    assert query(start_url)["region"] == [QIJIANG_REGION] and query(start_url)["report"]
    page.get_by_role("link", name=re.compile("开始演示")).click()
    page.wait_for_selector(COUNTER, timeout=APP_TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert len(page.context.pages) == 1  # the same tab
    assert urlparse(page.url).path == "/present" and query(page.url)["present"] == ["1"]
    assert page.locator(DIALOG).count() == 0, page.locator(DIALOG).all_inner_texts()
    expect_slide(page, 1)
    page.keyboard.press("End")
    expect_slide(page, SLIDE_COUNT)
    page.keyboard.press("Home")
    expect_slide(page, 1)
    page.keyboard.press("ArrowRight")
    expect_slide(page, 2)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('present')", timeout=30_000)
    wait_for_app(page, APP_TIMEOUT_MS)
    assert len(page.context.pages) == 1  # Exit opened no tab
    assert urlparse(page.url).path == urlparse(start_url).path
    assert query(page.url) == query(start_url)
    expect(page.get_by_role("link", name=re.compile("开始演示"))).to_be_visible()
    assert recorded_page.external_requests == []


@pytest.mark.parametrize("path", ["/present", "/mediation", "/review", "/"])
def test_present_on_any_page_opens_clean_and_exits_there(streamlit_server: Server, recorded_page: RecordedPage,
                                                        path: str) -> None:
    page = recorded_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    open_presentation(page, f"{streamlit_server.url}{path}?present=1&{QIJIANG}&slide=2")
    assert page.locator(DIALOG).count() == 0, page.locator(DIALOG).all_inner_texts()
    assert urlparse(page.url).path == path
    expect_slide(page, 2)
    exit_link = page.locator(".st-key-present_exit a")
    expect(exit_link).to_have_attribute("target", "_self")  # ui/static/js/same_tab_links.js
    exit_link.click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('present')", timeout=30_000)
    wait_for_app(page, APP_TIMEOUT_MS)
    assert len(page.context.pages) == 1
    assert urlparse(page.url).path == path
    assert query(page.url)["region"] == [QIJIANG_REGION] and "slide" not in query(page.url)
    assert page.locator('[data-testid="stSidebar"]').count() == 1  # the dashboard again, with its sidebar


def test_slides_use_a_1920_screen(streamlit_server: Server, recorded_page: RecordedPage) -> None:
    page = recorded_page.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_presentation(page, f"{streamlit_server.url}/?present=1&{QIJIANG}&embed=true")
    for number in range(1, SLIDE_COUNT + 1):
        expect_slide(page, number)
        stage = page.locator(STAGE)
        text = stage.inner_text()
        for jargon in ("数量类指标", "比率类指标", "第 1/2 组", "个指标值"):
            assert jargon not in text, (number, jargon)
        assert stage.locator('[data-testid="stTooltipIcon"], [data-testid="stTooltipHoverTarget"]').count() == 0
        if number in CHART_SLIDES:
            page.wait_for_selector(f"{STAGE} .js-plotly-plot .main-svg", state="attached", timeout=15_000)
            page.wait_for_function(
                "() => document.querySelector('[class*=st-key-present_stage_] .js-plotly-plot')"
                ".getBoundingClientRect().height >= 0.7 * innerHeight", timeout=15_000)
            sizes = page.evaluate("""() => [...document.querySelectorAll(
                '[class*=st-key-present_stage_] .js-plotly-plot .ytick text, '
                + '[class*=st-key-present_stage_] .js-plotly-plot .xtick text')]
                .map(e => parseFloat(getComputedStyle(e).fontSize))""")
            assert sizes and min(sizes) >= 24, (number, sizes)
        else:
            sources = page.locator(".st-key-present_sources p")
            if sources.count():
                size = sources.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                assert size >= 20, (number, size)
            for value in stage.locator('[data-testid="stMetricValue"]').all():
                # One line: a value such as 8,461.36万元 never wraps.
                lines = value.evaluate(
                    "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)")
                assert lines < 1.6, (number, value.inner_text(), lines)
        if number in (1, 9, MEDIATION_FIGURES_SLIDE, SLIDE_COUNT):
            screenshot(page, f"present-1920-slide{number}")
        if number < SLIDE_COUNT:
            page.keyboard.press("ArrowRight")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_cut_off_at_1024x768(streamlit_server: Server, recorded_page: RecordedPage, lang: str) -> None:
    page = recorded_page.page
    page.set_viewport_size({"width": 1024, "height": 768})
    open_presentation(page, f"{streamlit_server.url}/?present=1&{QIJIANG}&lang={lang}&embed=true")
    for number in range(1, SLIDE_COUNT + 1):
        expect_slide(page, number)
        if number in CHART_SLIDES:
            page.wait_for_selector(f"{STAGE} .js-plotly-plot .main-svg", state="attached", timeout=15_000)
        page.wait_for_timeout(500)
        problems = page.evaluate("""() => {
            const out = [];
            const roots = '[class*="st-key-present_stage_"], .st-key-present_controls';
            for (const root of document.querySelectorAll(roots)) {
                for (const el of [root, ...root.querySelectorAll('*')]) {
                    const r = el.getBoundingClientRect();
                    if (!r.width || !r.height || el.closest('.js-plotly-plot svg')) continue;
                    if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1)
                        out.push('outside ' + el.tagName + ' ' + (el.textContent || '').slice(0, 30));
                    if (el.matches('h1, h2, p, a, button, [data-testid=stMetricValue], [data-testid=stMetricLabel]')
                            && el.scrollWidth > el.clientWidth + 1)
                        out.push('cut ' + el.tagName + ' ' + el.textContent.slice(0, 30));
                }
            }
            const stage = document.querySelector('[class*="st-key-present_stage_"]').getBoundingClientRect();
            const controls = document.querySelector('.st-key-present_controls').getBoundingClientRect();
            if (stage.bottom > controls.top + 1) out.push('slide under the controls');
            return [...new Set(out)];
        }""")
        assert problems == [], (number, problems)
        if number in (1, 9, MEDIATION_FIGURES_SLIDE, SLIDE_COUNT):
            screenshot(page, f"present-1024-{lang}-slide{number}")
        if number < SLIDE_COUNT:
            page.keyboard.press("ArrowRight")


# ------------------------------------------------------------------------------------ the landing page


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of its own: this test loads another report, which the shared server's tests must not see."""
    with run_streamlit(tmp_path_factory.mktemp("e2e_landing")) as server:
        yield server


def test_landing_url_names_its_report_and_keeps_it_after_a_newer_one(own_server: Server, browser: Browser,
                                                                     tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(own_server.url)
        wait_for_app(page, APP_TIMEOUT_MS)
        landing = query(page.url)
        assert landing["region"] == [QIJIANG_REGION] and landing["year"] == ["2021"] and landing["report"]
        expect(page.locator("body")).to_contain_text("5,169件", timeout=30_000)
        newer = tmp_path / "newer" / "qijiang-2023.txt"
        newer.parent.mkdir()
        newer.write_text(QIJIANG_TEXT.replace("2021", "2023").replace("2022", "2024"), encoding="utf-8")
        result = run_load(newer, db=own_server.db_path)
        assert result.returncode == 0, result.describe()
        for url in (own_server.url, f"{own_server.url}/?{'&'.join(f'{k}={v[0]}' for k, v in landing.items())}"):
            page.goto(url)
            wait_for_app(page, APP_TIMEOUT_MS)
            assert query(page.url) == landing, url
            expect(page.locator("body")).to_contain_text("(重庆市綦江区,2021)", timeout=30_000)
            expect(page.locator("body")).to_contain_text("5,169件", timeout=30_000)
        page.goto(f"{own_server.url}/?region={QIJIANG_REGION}")  # a region alone: its newest year with values
        wait_for_app(page, APP_TIMEOUT_MS)
        assert query(page.url)["year"] == ["2023"]
        screenshot(page, "landing-after-newer-report")
    finally:
        context.close()
        shutil.rmtree(tmp_path / "newer", ignore_errors=True)
