"""Every chart as the browser draws it (the Plotly data of each `.js-plotly-plot`), on every page in both
languages and in the HTML briefing opened from disk: no chart has values of two units, none is nothing but
"not reported", each has its region, year and source drawn in, and the values keep their report's qualifiers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import SCREENSHOT_DIR, RecordedPage, Server, screenshot, wait_for_app
from ui.charts import UNIT_COLUMN
from ui.nav import PAGES

QIJIANG = "region=%E9%87%8D%E5%BA%86%E5%B8%82%E7%B6%A6%E6%B1%9F%E5%8C%BA&year=2021"
APP_TIMEOUT_MS = 120_000
CHART_PAGES = [spec for spec in PAGES if spec.chart_page and spec.url_path not in ("present", "admin")]
EXTRA = ["compare?ind=officials_trained&cyear=2025", "compare?ind=rule_of_law_meetings&cyear=2016-2020"]

# Per chart: its title, subtitle, the set of units its traces carry, whether anything is stated, and its texts.
READ_CHARTS = f"""() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {{
    const rows = el.data.flatMap(t => t.customdata || []);
    const title = (el.layout && el.layout.title) || {{}};
    return {{
        title: title.text || '',
        subtitle: (title.subtitle && title.subtitle.text) || '',
        units: [...new Set(rows.map(r => r[{UNIT_COLUMN}]))],
        stated: rows.filter(r => r[0] !== '未披露' && r[0] !== 'not reported').length,
        texts: el.data.flatMap(t => Array.isArray(t.text) ? t.text : []),
    }};
}})"""


def read_charts(page: Page) -> list[dict]:
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=90_000)
    page.wait_for_timeout(500)
    return page.evaluate(READ_CHARTS)


def assert_honest(charts: list[dict], where: str) -> None:
    assert charts, where
    for chart in charts:
        assert len(chart["units"]) == 1, (where, chart["title"], chart["units"])
        assert chart["stated"], (where, chart["title"], "nothing but not-reported")
        assert chart["subtitle"], (where, chart["title"], "no source drawn in")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_chart_mixes_units(streamlit_server: Server, recorded_page: RecordedPage, lang: str) -> None:
    page = recorded_page.page
    seen = 0
    for target in [spec.url_path for spec in CHART_PAGES] + EXTRA:
        joiner = "&" if "?" in target else "?"
        page.goto(f"{streamlit_server.url}/{target}{joiner}{QIJIANG}&lang={lang}")
        wait_for_app(page, APP_TIMEOUT_MS)
        assert page.locator('[data-testid="stException"]').count() == 0, target
        charts = read_charts(page)
        assert_honest(charts, f"{target} {lang}")
        seen += len(charts)
        if not target.startswith("compare"):
            place = "重庆市綦江区 2021" if lang == "zh" else "Qijiang District, Chongqing 2021"  # the reader's names
            assert all(place in c["subtitle"] for c in charts), target
        if target == "functions":
            expected = "累计385个" if lang == "zh" else "cumulative 385"
            assert expected in [text for c in charts for text in c["texts"]]
        if target == "review":
            funnel = next(c for c in charts if "占上一环节" in c["title"] or "previous step" in c["title"])
            assert any(text.endswith("82.46%") for text in funnel["texts"])
        screenshot(page, f"charts-{re.sub(r'[^a-z0-9]+', '-', target)}-{lang}")
    assert seen >= 15
    assert recorded_page.external_requests == []


def test_briefing_from_disk_has_one_unit_per_chart(streamlit_server: Server, recorded_page: RecordedPage,
                                                   browser, tmp_path: Path) -> None:
    page = recorded_page.page
    page.goto(f"{streamlit_server.url}/present?{QIJIANG}")
    wait_for_app(page, APP_TIMEOUT_MS)
    # A "Page not found" dialog may cover /present (issue 13, fixed in the presentation work): close it.
    if page.locator('[role="dialog"]').count():
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("HTML 简报")).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    offline = context.new_page()
    try:
        offline.goto(target.as_uri())
        charts = read_charts(offline)
        assert_honest(charts, "briefing")
        assert len(charts) == 10
        assert all("重庆市綦江区 2021" in c["subtitle"] for c in charts)
        assert "累计385个" in [text for c in charts for text in c["texts"]]
        body = offline.inner_text("body")
        assert "78万余件" in body and "14,400余条" in body
        offline.screenshot(path=str(SCREENSHOT_DIR / "briefing-charts.png"), full_page=True)
    finally:
        context.close()
