"""Both languages whole, in a real browser: nothing cut off at 1366 and 1024 px, and the interface's own words
(headings, labels, menus, buttons, chart titles, ticks, legends, toolbar) in one language only.

The detectors are small scripts beside this file: cut_off.js (text wider than its box with the overflow hidden,
or shown with "…") and ui_texts.js (the interface's words, icon ligatures left out).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import SCREENSHOT_DIR, wait_for_app
from ui.nav import PAGES

HERE = Path(__file__).resolve().parent
CUT_OFF_JS = (HERE / "cut_off.js").read_text(encoding="utf-8")
UI_TEXTS_JS = (HERE / "ui_texts.js").read_text(encoding="utf-8")
PATHS = ["" if spec.default else spec.url_path for spec in PAGES if spec.url_path != "admin"]
SHOWN = {"", "mediation", "compare", "explorer", "sources"}  # screenshots to look at
# A region whose English name is long, in the sidebar's picker.
GUANBA = "?region=" + quote("重庆市綦江区关坝镇(万盛经开区)") + "&year=2025"
HAN = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Words the Chinese UI keeps, each for a reason:
ZH_ALLOWED = {
    "CSV", "Excel", "HTML", "PNG",  # file formats, named as every Chinese office user names them
    "Language",  # the language switch is labelled in both languages, so a reader of either can find it
}
# Text of the English UI that may hold Chinese: the language switch's bilingual label.
EN_ALLOWED = {"语言 / Language", "中文"}


APP_CSS_APPLIED = ("() => [...document.querySelectorAll('style')]"
                   ".some(s => s.textContent.includes('Nothing is cut off'))")


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(APP_CSS_APPLIED, timeout=30_000)  # the shell's stylesheet (ui/static/css/app.css)


def _url(base: str, path: str, lang: str, query: str = "") -> str:
    params = "&".join(p for p in (query.lstrip("?"), "lang=en" if lang == "en" else "") if p)
    return f"{base}/{path}" + (f"?{params}" if params else "")


@pytest.mark.parametrize("width", [1366, 1024])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_cut_off(streamlit_server, browser: Browser, width: int, lang: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    cut: list[str] = []
    try:
        for path, query in [*((p, "") for p in PATHS), ("", GUANBA)]:
            _open(page, _url(streamlit_server.url, path, lang, query))
            for found in page.evaluate(CUT_OFF_JS):
                cut.append(f"/{path}{query} {found['testid']} {found['text']!r} ({found['scroll']} > "
                           f"{found['client']} px)")
            if path in SHOWN and not query:
                SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOT_DIR / f"lang-{path or 'overview'}-{lang}-{width}.png"))
    finally:
        context.close()
    assert cut == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_interface_words_in_one_language(streamlit_server, browser: Browser, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    wrong: set[str] = set()
    try:
        for path in PATHS:
            _open(page, _url(streamlit_server.url, path, lang))
            if path in ("", "mediation", "compare"):
                page.wait_for_selector(".js-plotly-plot .modebar-btn", state="attached", timeout=90_000)
            for item in page.evaluate(UI_TEXTS_JS):
                text = item["text"]
                if lang == "en" and HAN.search(text) and text not in EN_ALLOWED:
                    wrong.add(f"/{path} {item['kind']}: {text[:80]!r}")
                if lang == "zh" and set(WORD.findall(text)) - ZH_ALLOWED:
                    wrong.add(f"/{path} {item['kind']}: {text[:80]!r}")
    finally:
        context.close()
    assert sorted(wrong) == []


def test_regions_and_tab_title_in_english(streamlit_server, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(_url(streamlit_server.url, "", "en", GUANBA))
        wait_for_app(page)
        assert page.title() == "Rule-of-law government reports"
        full_name = "Guanba Town, Qijiang, Chongqing (Wansheng Economic Development Zone)"
        picker = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first
        assert picker.input_value() == full_name
        # A select box cannot wrap: the whole name stands beneath it.
        captions = page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]').all_inner_texts()
        assert full_name in captions
        page.goto(_url(streamlit_server.url, "compare", "en"))
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot", timeout=90_000)
        ticks = " ".join(page.locator(".js-plotly-plot .xtick text, .js-plotly-plot .ytick text, "
                                      ".js-plotly-plot .legendtext").all_text_contents())
        assert "Qijiang District, Chongqing" in ticks and not HAN.search(ticks)
        page.goto(_url(streamlit_server.url, "", "zh"))
        wait_for_app(page)
        assert page.title() == "法治政府建设年度报告看板"
    finally:
        context.close()
