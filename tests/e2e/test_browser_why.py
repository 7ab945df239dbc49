"""Why each value has its indicator, as a reader sees it in a real browser: every chart point drawn from an
observation carries its rule in the hover, and the explorer shows a picked figure's sentence and rule."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RecordedPage, Server, wait_for_app

QIJIANG = "region=%E9%87%8D%E5%BA%86%E5%B8%82%E7%B6%A6%E6%B1%9F%E5%8C%BA&year=2021"
APP_TIMEOUT_MS = 120_000
# The hover line of each chart point (customdata[8], see ui/charts.py HOVER_TEMPLATE).
READ_WHY = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(el =>
    el.data.flatMap(t => (t.customdata || []).map(r => [r[4], r[8]])))"""


@pytest.mark.parametrize(("lang", "label_word", "rule_word"), [("zh", "标签", "规则"), ("en", "label", "rule")])
def test_chart_hovers_say_why(
    streamlit_server: Server, recorded_page: RecordedPage, lang: str, label_word: str, rule_word: str
) -> None:
    page = recorded_page.page
    page.goto(f"{streamlit_server.url}/mediation?{QIJIANG}&lang={lang}")
    wait_for_app(page, APP_TIMEOUT_MS)
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=90_000)
    rows = page.evaluate(READ_WHY)
    why = {series: line for series, line in rows if line}
    # 调解矛盾纠纷 5169件 came from the label 调解各类矛盾纠纷 by the catalogue's first mediation_cases pattern.
    mediated = next(line for series, line in why.items() if "5169" in line or "mediation_cases" in line)
    assert label_word in mediated and rule_word in mediated and "mediation_cases#1" in mediated, why


def test_the_explorer_shows_a_picked_figure_and_why(streamlit_server: Server, recorded_page: RecordedPage) -> None:
    page = recorded_page.page
    page.goto(f"{streamlit_server.url}/explorer?{QIJIANG}&assigned=true")
    wait_for_app(page, APP_TIMEOUT_MS)
    assert page.get_by_text("选中表格中的一行").count() == 1
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 12, box["y"] + 36 + 18)  # the first row's selection box
    wait_for_app(page, APP_TIMEOUT_MS)
    page.get_by_text("leadership_study_sessions#").wait_for(timeout=APP_TIMEOUT_MS)
    text = "\n".join(page.locator('[data-testid="stMarkdownContainer"]').all_inner_texts())
    assert "为何此指标" in text and "leadership_study_sessions#" in text, text
    assert "领导干部学法专题学习场次" in text and "7场次" in text, text
    assert page.locator('[data-testid="stException"]').count() == 0
