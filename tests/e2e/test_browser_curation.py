"""Curation in a real browser: an administrator corrects an indicator in the upload review and commits; a
viewer's page then shows the corrected value with its mark. The viewer's menu has no upload page; the
administrator stays signed in across a reload and signing out ends it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import run_load
from tests.e2e.conftest import APP_DIR, Server, run_streamlit, screenshot, wait_for_app

PASSWORD = "e2e-核对-51c2"
QIJIANG_TEXT = (APP_DIR / "data" / "reports" / "chongqing-qijiang-2021.txt").read_text(encoding="utf-8")
REGION = "%E9%87%8D%E5%BA%86%E5%B8%82%E7%B6%A6%E6%B1%9F%E5%8C%BA"
APP_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def curation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose database says the ETL was unsure of Qijiang 2021's count of disputes mediated."""
    tmp = tmp_path_factory.mktemp("e2e_curation")
    db = tmp / "dashboard.duckdb"  # the file run_streamlit points DASHBOARD_DB at
    result = run_load(APP_DIR / "data" / "reports", db=db)
    assert result.returncode == 0, result.describe()
    with duckdb.connect(str(db)) as con:
        for table in ("figures", "observations"):
            con.execute(f"UPDATE {table} SET assignment_status = 'needs_review' WHERE indicator_id = "
                        "'mediation_cases' AND report_id IN (SELECT report_id FROM reports WHERE source_file = ?)",
                        ["chongqing-qijiang-2021.txt"])
    with run_streamlit(tmp, DASHBOARD_ADMIN_PASSWORD=PASSWORD) as server:
        yield server


def test_needs_review_is_marked_and_left_out_of_the_ranking(curation_server: Server, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 1400}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{curation_server.url}/mediation?region={REGION}&year=2021")
    wait_for_app(page, APP_TIMEOUT_MS)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="调解矛盾纠纷 · 待核").first).to_contain_text(
        "5,169件")
    ranking = f"{curation_server.url}/compare?region={REGION}&year=2021&ind=mediation_cases"
    page.goto(ranking)
    wait_for_app(page, APP_TIMEOUT_MS)
    # The needs-review value is left out: no chart shows it (and no chart of nothing but 未披露 is drawn).
    plots = page.locator(".js-plotly-plot")
    assert all("5,169" not in (plots.nth(i).text_content() or "") for i in range(plots.count()))
    screenshot(page, "curation-compare-without-needs-review")
    page.goto(ranking + "&unsure=true")
    wait_for_app(page, APP_TIMEOUT_MS)
    expect(page.locator(".js-plotly-plot").first).to_contain_text("5,169")
    context.close()


def choose(page: Page, label: str, typed: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by typing into it."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()
    wait_for_app(page, APP_TIMEOUT_MS)


def test_admin_corrects_in_review_and_viewer_sees_mark(curation_server: Server, browser: Browser,
                                                       tmp_path: Path) -> None:
    viewer_context = browser.new_context(viewport={"width": 1440, "height": 1400}, locale="zh-CN")
    viewer = viewer_context.new_page()
    viewer.goto(f"{curation_server.url}/mediation?region={REGION}&year=2021")
    wait_for_app(viewer, APP_TIMEOUT_MS)
    nav = viewer.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "总览" in nav and "上传报告" not in nav  # viewers see no administration …
    expect(viewer.get_by_text("管理员登录")).to_be_visible()  # … but a small link to sign in

    admin_context = browser.new_context(viewport={"width": 1440, "height": 1600}, locale="zh-CN")
    admin = admin_context.new_page()
    admin.goto(f"{curation_server.url}/admin")
    wait_for_app(admin, APP_TIMEOUT_MS)
    admin.get_by_label("管理员密码").fill(PASSWORD)
    admin.get_by_role("button", name=re.compile("登录")).click()
    expect(admin.locator('[data-testid="stFileUploader"]')).to_be_visible(timeout=60_000)
    wait_for_app(admin, APP_TIMEOUT_MS)
    assert "上传报告" in admin.locator('[data-testid="stSidebarNav"]').inner_text()

    # A second text of the same report (same region and year): the review proposes indicators per figure.
    upload = tmp_path / "綦江 2021 修订.txt"
    upload.write_text(QIJIANG_TEXT.replace("全年共调解", "据统计,全年共调解", 1), encoding="utf-8")
    admin.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(upload)])
    admin.get_by_role("button", name=re.compile("读取 1 个文件")).click()
    expect(admin.get_by_text("载入前检查")).to_be_visible(timeout=60_000)
    wait_for_app(admin, APP_TIMEOUT_MS)
    assert "替换旧版本" in admin.inner_text("body")
    # "14个" (指标) has no indicator; the administrator assigns it to 人民调解委员会 — only 个 indicators are offered.
    choose(admin, "数字", "14个", "14个 · ")
    choose(admin, "归入指标", "mediation_committees", "人民调解委员会")
    admin.get_by_role("button", name=re.compile("保存核对")).first.click()
    wait_for_app(admin, APP_TIMEOUT_MS)
    expect(admin.get_by_text("提交时将保存 1 条核对")).to_be_visible(timeout=30_000)
    screenshot(admin, "curation-review")
    admin.get_by_role("button", name=re.compile("提交载入")).click()
    expect(admin.locator('[data-testid="stAlert"]').filter(has_text="已更正")).to_be_visible(timeout=60_000)
    wait_for_app(admin, APP_TIMEOUT_MS)
    admin.get_by_text("载入记录").click()
    screenshot(admin, "curation-committed")

    # The viewer's next page shows the corrected value, marked.
    viewer.goto(f"{curation_server.url}/mediation?region={REGION}&year=2021")
    wait_for_app(viewer, APP_TIMEOUT_MS)
    assert viewer.locator('[data-testid="stException"]').count() == 0
    marked = viewer.locator(".js-plotly-plot").filter(has_text="人民调解委员会 · 已更正")
    expect(marked.first).to_be_attached(timeout=30_000)
    assert "14个" in marked.first.text_content()
    screenshot(viewer, "curation-viewer")

    # Signed in across a reload; signing out ends it, also across a reload.
    admin.reload()
    wait_for_app(admin, APP_TIMEOUT_MS)
    expect(admin.locator('[data-testid="stFileUploader"]')).to_be_visible(timeout=30_000)
    assert admin.locator('input[type="password"]').count() == 0
    admin.get_by_role("button", name=re.compile("退出登录")).click()
    wait_for_app(admin, APP_TIMEOUT_MS)
    expect(admin.get_by_label("管理员密码")).to_be_visible(timeout=30_000)
    admin.reload()
    wait_for_app(admin, APP_TIMEOUT_MS)
    expect(admin.get_by_label("管理员密码")).to_be_visible(timeout=30_000)
    viewer_context.close()
    admin_context.close()
