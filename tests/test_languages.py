"""Both languages whole: checks worded from their rule and values, plurals, list joins, admin levels, downloads
headed in the reader's language (with a snake_case export for analysts), region names in English."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.store import connection, queries
from ui import briefing, present
from ui.check_text import check_detail, check_name
from ui.i18n import join_list, level_name, t
from ui.view import choose_report, with_labels

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
QIJIANG = "重庆市綦江区"
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def qijiang(base_db: Path) -> tuple[dict, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    con = duckdb.connect(str(base_db), read_only=True)
    try:
        report, _ = choose_report(with_labels(queries.list_reports(con)), QIJIANG, "2021")
        assert report is not None
        rid = report["report_id"]
        return (report, queries.report_observations(con, rid), queries.report_checks(con, [rid]),
                queries.report_figures(con, [rid]))
    finally:
        con.close()


def test_checks_worded_in_both_languages(qijiang) -> None:
    checks = qijiang[2].to_dict("records")
    rate = next(c for c in checks if c["rule"] == "rate_matches_counts")
    assert check_name(rate, "zh") == "比率与件数相符:调解成功率"
    assert check_detail(rate, "zh") == "报告所述 98.45%,按调解成功 5,089件 ÷ 调解矛盾纠纷 5,169件 计算为 98.45%"
    assert check_name(rate, "en") == "Rate matches the counts: Mediation success rate"
    assert check_detail(rate, "en") == ("stated 98.45%; Disputes settled by mediation 5,089 ÷ Disputes mediated "
                                        "5,169 = 98.45%")
    order = next(c for c in checks if c["rule"] == "admin_review_accepted_le_admin_review_applications")
    assert check_detail(order, "zh") == "受理行政复议案件 57件 ≤ 行政复议申请 61件"
    for check in checks:  # nothing of the stored English detail or the rule id reaches a Chinese reader
        assert not re.search(r"[A-Za-z_]{3,}", check_name(check, "zh") + check_detail(check, "zh")), check
        assert not HAN.search(check_name(check, "en")), check


def test_failed_check_and_old_rows() -> None:
    repeated = {"rule": "stated_once_consistently", "indicator_id": "leadership_study_sessions", "is_ok": False,
                "detail": "leadership_study_sessions stated with different values: 11次、40场次",
                "params": '{"texts": "11次、40场次"}'}
    assert check_detail(repeated, "zh") == "领导干部学法专题学习场次出现不同数值:11次、40场次"
    assert check_detail(repeated, "en") == ("Law study sessions for officials stated with different values: "
                                            "11次 and 40场次")
    old = {**repeated, "params": "{}"}  # stored before params: the stored detail is all there is
    assert check_detail(old, "en") == repeated["detail"]
    assert check_name(old, "zh") == "同一指标只有一个数值:领导干部学法专题学习场次"


def test_params_column_added_to_older_files(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE checks (report_id VARCHAR, check_num INTEGER, rule VARCHAR, indicator_id VARCHAR, "
                "is_ok BOOLEAN, detail VARCHAR)")
    con.execute("INSERT INTO checks VALUES ('r', 1, 'percentage_in_range', NULL, true, 'all 3 percentages')")
    assert ("checks", "params") in connection.missing_columns(con)
    con.close()


def test_plurals_and_lists() -> None:
    assert t("sidebar.db", "en", count=1) == "Database: 1 report"
    assert t("sidebar.db", "en", count=42) == "Database: 42 reports"
    assert t("overview.counts", "en", figures=1, observations=3) == "1 figure, 3 indicator values"
    assert t("present.start", "en", n=1) == "Start presentation (1 slide)"
    assert t("sidebar.db", "zh", count=1) == "数据库:1 份报告"
    assert join_list(["a", "b", "c"], "en") == "a, b and c"
    assert join_list(["a", "b"], "en") == "a and b"
    assert join_list(["甲", "乙", "丙"], "zh") == "甲、乙、丙"


def test_admin_levels() -> None:
    assert level_name("district", "zh") == "区级"
    assert level_name("county", "zh") == "县级"
    assert level_name("district", "en") == "District"
    assert level_name(None, "zh") == ""


def test_reader_downloads_headed_in_the_readers_language(qijiang) -> None:
    report, observations, checks, figures = qijiang
    zh = briefing.reader_frame(report, observations, "zh")
    en = briefing.reader_frame(report, observations, "en")
    assert list(zh.columns[:5]) == ["地区", "年度", "标题", "领域", "指标"]
    assert list(en.columns[:5]) == ["Region", "Year", "Title", "Domain", "Indicator"]
    assert set(en["Region"]) == {"Qijiang District, Chongqing"}
    assert "Disputes mediated" in set(en["Indicator"]) and "调解矛盾纠纷" in set(zh["指标"])
    workbook = openpyxl.load_workbook(io.BytesIO(briefing.to_xlsx_bytes(
        briefing.reader_sheets(report, observations, figures, checks, "zh"))))
    assert workbook.sheetnames == ["报告", "指标", "数字", "校验"]
    about = {r[0]: r[1] for r in workbook["报告"].iter_rows(min_row=2, values_only=True)}
    assert about["行政级别"] == "区级" and about["地区"] == QIJIANG
    headers = [c.value for c in workbook["校验"][1]]
    assert headers == ["规则", "通过", "说明"]
    en_book = briefing.reader_sheets(report, observations, figures, checks, "en")
    assert list(en_book) == ["report", "indicators", "figures", "checks"]
    assert en_book["report"].set_index("Field").loc["Region", "Value"] == "Qijiang District, Chongqing"
    # the analysts' export keeps its snake_case columns in either language
    assert list(briefing.export_frame(report, observations).columns[:3]) == ["region_name", "year_label", "title"]


def test_title_slide_in_english(qijiang) -> None:
    report, observations, _, _ = qijiang
    title = present.build_slides(report, observations, "en")[0]
    assert title.title == "Rule-of-law government report, Qijiang District, Chongqing, 2021"
    assert title.subtitle.startswith("重庆市綦江区2021年度法治政府建设情况报告")  # the title as written, beside it
    assert not HAN.search(" ".join(title.notes))


@pytest.fixture
def app_db(base_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DB", str(base_db))
    return base_db


def test_english_sidebar_names_regions_in_english(app_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    region = at.sidebar.selectbox(key="region")
    assert region.value == QIJIANG  # the stored name stays the key
    assert "Qijiang District, Chongqing" in region.options
    assert not any(HAN.search(option) for option in region.options if "(" not in option)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Rule-of-law government report, Qijiang District, Chongqing, 2021" in captions


def test_link_in_the_other_language_opens_its_region(app_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["region"] = "Jinghai District, Tianjin"
    at.switch_page("pages/overview.py").run()
    assert not at.exception and not at.warning
    assert at.sidebar.selectbox(key="region").value == "天津市静海区"


def test_chinese_sources_page_words_checks_in_chinese(app_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/sources.py").run()
    tables = [d.value for d in at.dataframe]
    checks = next(frame for frame in tables if "规则" in frame.columns)
    assert not checks["规则"].str.contains(r"[a-z]_[a-z]").any()
    assert not checks["说明"].str.contains(r"stated|percentages|\bvs\b").any()
    reports = tables[0]
    assert set(reports["行政级别"]) <= {"省级", "市级", "区级", "县级", "乡镇级", "部门", ""}


def test_chart_toolbar_in_chinese(qijiang) -> None:
    from ui.assets import chart_locale_config, static_text

    config = chart_locale_config("zh")
    assert config["locale"] == "zh-CN"
    assert config["locales"]["zh-CN"]["dictionary"]["Download plot as a PNG"] == "下载图表为PNG格式"
    assert config["locales"]["zh-CN"]["format"]["shortDays"][0] == "周日"
    assert chart_locale_config("en") == {}
    assert "MIT License" in static_text("js/plotly-locale-zh-cn.js")  # vendored with its licence
    report, observations, checks, _ = qijiang
    zh = briefing.build_briefing(report, observations, checks, "zh")
    assert "Plotly.register(plotlyLocaleZhCn)" in zh and '"locale": "zh-CN"' in zh
    en = briefing.build_briefing(report, observations, checks, "en")
    assert '"locale": "zh-CN"' not in en
    assert "<h1>Rule-of-law government report, Qijiang District, Chongqing, 2021</h1>" in en
