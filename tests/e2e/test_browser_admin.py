"""The upload page in a real browser: absent without an operator password, refused with a wrong one, and with
the right one: files → progress → review → commit, while a viewer in another session keeps browsing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import (
    APP_DIR,
    SCREENSHOT_DIR,
    RecordedPage,
    Server,
    run_streamlit,
    screenshot,
    wait_for_app,
)

PASSWORD = "e2e-口令-7f3a"  # set for this test server only; there is no default password
QIJIANG_TEXT = (APP_DIR / "data" / "reports" / "chongqing-qijiang-2021.txt").read_text(encoding="utf-8")
REGION = "%E9%87%8D%E5%BA%86%E5%B8%82%E7%B6%A6%E6%B1%9F%E5%8C%BA"
APP_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A second `streamlit run dashboard.py` whose operator set DASHBOARD_ADMIN_PASSWORD."""
    with run_streamlit(tmp_path_factory.mktemp("e2e_admin"), DASHBOARD_ADMIN_PASSWORD=PASSWORD) as server:
        yield server


def sign_in(page: Page, password: str) -> None:
    page.get_by_label("管理员密码").fill(password)
    page.get_by_role("button", name=re.compile("登录")).click()
    page.wait_for_timeout(500)
    wait_for_app(page, APP_TIMEOUT_MS)


def test_upload_page_absent_without_password(streamlit_server: Server, recorded_page: RecordedPage) -> None:
    page = recorded_page.page
    page.goto(f"{streamlit_server.url}/")
    wait_for_app(page, APP_TIMEOUT_MS)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("总览")
    assert "上传报告" not in nav.inner_text()
    page.goto(f"{streamlit_server.url}/admin")
    wait_for_app(page, APP_TIMEOUT_MS)
    body = page.inner_text("body")
    assert "本站点未启用上传功能。" in body
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.locator('input[type="password"]').count() == 0
    assert recorded_page.external_requests == []


def test_wrong_password_refused(admin_server: Server, recorded_page: RecordedPage) -> None:
    page = recorded_page.page
    page.goto(f"{admin_server.url}/")
    wait_for_app(page, APP_TIMEOUT_MS)
    # Viewers see no administration: no upload page in the menu, only a small sign-in link.
    assert "上传报告" not in page.locator('[data-testid="stSidebarNav"]').inner_text()
    expect(page.get_by_text("管理员登录")).to_be_visible()
    page.goto(f"{admin_server.url}/admin")
    wait_for_app(page, APP_TIMEOUT_MS)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    sign_in(page, "wrong password")
    expect(page.locator('[data-testid="stAlert"]')).to_contain_text("密码错误。")
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert recorded_page.external_requests == []


def test_upload_review_commit_while_viewer_browses(admin_server: Server, browser: Browser, tmp_path: Path) -> None:
    # A viewer, in its own browser context (its own session), is reading the Qijiang 2021 report.
    viewer_context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    viewer = viewer_context.new_page()
    viewer_requests: list[str] = []
    viewer.on("request", lambda request: viewer_requests.append(request.url))
    viewer.goto(f"{admin_server.url}/mediation?region={REGION}&year=2021")
    wait_for_app(viewer, APP_TIMEOUT_MS)
    expect(viewer.locator("body")).to_contain_text("5,169件", timeout=30_000)

    admin_context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    admin = admin_context.new_page()
    admin_requests: list[str] = []
    admin.on("request", lambda request: admin_requests.append(request.url))
    admin.goto(f"{admin_server.url}/admin")
    wait_for_app(admin, APP_TIMEOUT_MS)
    sign_in(admin, PASSWORD)
    expect(admin.locator('[data-testid="stFileUploader"]')).to_be_visible(timeout=30_000)

    good = tmp_path / "綦江 2019.txt"
    good.write_text(QIJIANG_TEXT.replace("2021", "2019"), encoding="utf-8")
    bad = tmp_path / "菜单.txt"
    bad.write_text("今日菜单:米饭、青菜、豆腐汤。" * 20, encoding="utf-8")
    admin.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(good), str(bad)])
    expect(admin.get_by_role("button", name=re.compile("读取 2 个文件"))).to_be_visible(timeout=30_000)
    admin.get_by_role("button", name=re.compile("读取 2 个文件")).click()
    expect(admin.get_by_text("载入前检查")).to_be_visible(timeout=60_000)
    wait_for_app(admin, APP_TIMEOUT_MS)
    body = admin.inner_text("body")
    assert "已读取 2 个文件" in body  # the progress bar's last state
    assert "1 个文件可以载入,1 个被拒绝" in body
    assert "重庆市綦江区2019年度法治政府建设情况报告" in body and "新报告" in body
    assert "菜单.txt:看起来既不是法治政府建设年度报告" in body  # the reason, in the UI's language
    assert "提取的数字(58)" in body  # 57 written with digits, and 四项
    screenshot(admin, "admin-upload-review")

    # Nothing is loaded before the commit.
    viewer.goto(f"{admin_server.url}/mediation?region={REGION}&year=2019")
    wait_for_app(viewer, APP_TIMEOUT_MS)
    assert "year=2019" in viewer.inner_text("body")  # "link parameter year=2019 is not valid" notice

    admin.get_by_role("button", name=re.compile("提交载入")).click()
    # While the load runs, the viewer keeps switching pages.
    for path in ("review", "mediation", ""):  # "" is the overview (the default page lives at the root)
        viewer.goto(f"{admin_server.url}/{path}?region={REGION}&year=2021")
        wait_for_app(viewer, APP_TIMEOUT_MS)
        assert viewer.locator('[data-testid="stException"]').count() == 0
        expect(viewer.locator("body")).to_contain_text("61件" if path == "review" else "5,169件", timeout=30_000)
    expect(admin.locator('[data-testid="stAlert"]').filter(has_text="綦江 2019.txt: 已载入")).to_be_visible(
        timeout=60_000)
    screenshot(admin, "admin-upload-committed")

    # The viewer's next page shows the new report, without a reload of the app and without an error.
    assert viewer.get_by_text("Page not found").count() == 0
    viewer.goto(f"{admin_server.url}/mediation?region={REGION}&year=2019")
    wait_for_app(viewer, APP_TIMEOUT_MS)
    expect(viewer.locator("body")).to_contain_text("5,169件", timeout=30_000)
    body = viewer.inner_text("body")
    assert viewer.locator('[data-testid="stException"]').count() == 0
    assert "year=2019" not in body
    assert "重庆市綦江区2019年度法治政府建设情况报告" in body
    screenshot(viewer, "viewer-after-upload")
    local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
    assert [u for u in viewer_requests + admin_requests if not u.startswith(local)] == []
    assert (SCREENSHOT_DIR / "admin-upload-review.png").exists()
    viewer_context.close()
    admin_context.close()
