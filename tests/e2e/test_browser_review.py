"""The report review in a real browser (`streamlit run` + headless Chromium), in both languages: the default
report's scorecard names its missing part, the table lists every loaded report, the Excel download reads back
with the reader's headers, a link naming a report opens its scorecard, the peer position stands beside a card's
value, the scorecard slide closes the presentation; nothing is cut off at 1024, 1366 and 1920 px.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import SCREENSHOT_DIR, Server, wait_for_app
from tests.e2e.test_browser_present import SLIDE_COUNT

HERE = Path(__file__).resolve().parent
CUT_OFF_JS = (HERE / "cut_off.js").read_text(encoding="utf-8")
QIJIANG = quote("重庆市綦江区")
TIMEOUT_MS = 120_000
REPORTS = 42  # data/reports: the full Qijiang report and 41 excerpts

WORDS = {
    "zh": {"part": "(2)存在的不足和原因", "not_met": "不符合", "not_found": "未找到", "all": "全部报告(42)",
           "download": "下载 Excel", "excerpt": "摘录:未评判各部分", "peer": "同级区县 2021年",
           "headers": ["地区", "级别", "年度", "按时公开", "公开日期", "必备部分", "缺少的部分", "核心指标披露",
                       "披露排名(同级同年)", "每千字数字", "摘录"],
           "region": "重庆市綦江区", "on_time": "按时", "slide": "报告审查"},
    "en": {"part": "(2) Shortcomings and their causes", "not_met": "not met", "not_found": "not found",
           "all": "All reports (42)", "download": "Download Excel", "excerpt": "excerpt: parts not judged",
           "peer": "districts and counties, 2021",
           "headers": ["Region", "Level", "Year", "On time", "Published", "Parts found", "Parts missing",
                       "Core indicators stated", "Disclosure rank (peers)", "Figures per 1,000 characters",
                       "Excerpt"],
           "region": "Qijiang District, Chongqing", "on_time": "on time", "slide": "Report review"},
}


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, TIMEOUT_MS)
    assert page.locator('[data-testid="stException"]').count() == 0


def _lang(lang: str) -> str:
    return "&lang=en" if lang == "en" else ""


def _cut_off(page: Page) -> list[str]:
    return [f"{found['testid']} {found['text']!r}" for found in page.evaluate(CUT_OFF_JS)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scorecard_table_and_excel(streamlit_server: Server, browser: Browser, lang: str, tmp_path: Path) -> None:
    words = WORDS[lang]
    context = browser.new_context(viewport={"width": 1366, "height": 1400}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    try:
        _open(page, f"{streamlit_server.url}/scorecard?region={QIJIANG}&year=2021{_lang(lang)}")
        # The default report's missing part: (2) shortcomings, not met, not found.
        row = page.locator('[class*="st-key-review_rule_2_not_met"]')
        assert row.count() == 1
        text = row.inner_text()
        assert words["part"] in text and words["not_met"] in text and words["not_found"] in text, text
        # The three parts it has, each with its heading as evidence.
        for number, heading in ((1, "二、2021年法治政府建设工作情况"),
                                (3, "一、2021年党政主要负责人履行推进法治建设第一责任人职责工作情况"),
                                (4, "三、2022年法治政府建设工作打算")):
            assert heading in page.locator(f'[class*="st-key-review_rule_{number}_met"]').inner_text()
        # Hovering a rule shows its source.
        page.locator('[class*="st-key-review_rule_2_"] [data-testid="stTooltipHoverTarget"]').first.hover()
        tooltip = page.locator('[data-testid="stTooltipContent"]')
        tooltip.wait_for(timeout=10_000)
        assert "厅字〔2019〕28号" in tooltip.inner_text() or "Tingzi [2019] No. 28" in tooltip.inner_text()
        page.mouse.move(0, 0)
        # The table of all reports.
        assert page.get_by_text(words["all"], exact=True).count() == 1
        grid = page.locator('[data-testid="stDataFrame"]')
        grid.wait_for(timeout=30_000)
        assert grid.count() == 1
        with page.expect_download() as info:
            page.get_by_role("button", name=re.compile(words["download"])).click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.suffix == ".xlsx"
        sheet = openpyxl.load_workbook(target).active
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == words["headers"]
        assert len(rows) == 1 + REPORTS
        qijiang = next(r for r in rows[1:] if r[0] == words["region"] and r[2] == "2021")
        assert qijiang[3] == words["on_time"] and qijiang[4] == "2022-03-22"
        assert qijiang[5] == "3/4" and qijiang[7] == "7/9" and qijiang[9] == 13.3
        assert ("存在的不足和原因" if lang == "zh" else "Shortcomings and their causes") in qijiang[6]
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"review-{lang}-1366.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_link_opens_an_excerpts_scorecard(streamlit_server: Server, browser: Browser, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    try:
        _open(page, f"{streamlit_server.url}/scorecard?region={QIJIANG}&year=2022{_lang(lang)}")
        text = page.locator('[class*="st-key-review_scorecard"]').inner_text()
        assert WORDS[lang]["excerpt"] in text
        assert page.locator('[class*="st-key-review_rule_"][class*="_not_met"]').count() == 0  # never failed
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_peer_position_beside_a_card(streamlit_server: Server, browser: Browser, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    try:
        _open(page, f"{streamlit_server.url}/mediation?region={QIJIANG}&year=2021{_lang(lang)}")
        captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        assert any(WORDS[lang]["peer"] in caption for caption in captions), captions
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scorecard_slide(streamlit_server: Server, browser: Browser, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server.url}/?present=1&region={QIJIANG}&year=2021&slide={SLIDE_COUNT}&embed=true"
                  f"{_lang(lang)}")
        page.wait_for_selector(".st-key-present_scorecard", timeout=TIMEOUT_MS)
        page.wait_for_timeout(1000)
        stage = page.locator('[class*="st-key-present_stage_scorecard"]').inner_text()
        assert WORDS[lang]["slide"] in stage and WORDS[lang]["not_found"] in stage
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"review-slide-{lang}-1024.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [1024, 1366, 1920])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_page_nothing_cut_off(streamlit_server: Server, browser: Browser, width: int, lang: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 2600}, locale="zh-CN")
    page = context.new_page()
    try:
        _open(page, f"{streamlit_server.url}/scorecard?region={QIJIANG}&year=2021{_lang(lang)}")
        page.locator('[data-testid="stDataFrame"]').wait_for(timeout=30_000)
        assert _cut_off(page) == []
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"review-{lang}-{width}.png"), full_page=True)
    finally:
        context.close()
