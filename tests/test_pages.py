"""Every page through streamlit.testing.v1.AppTest, against the database the real ETL builds (`base_db`),
plus the pure helpers of the UI layer (number formatting, escaping).

AppTest with st.navigation: start from dashboard.py and call `switch_page("pages/x.py")` before the first
run (the url_path equals the file name, so the first run already lands on the page through dashboard.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.store import queries
from ui.charts import Point, bar_chart
from ui.components import md_escape
from ui.format import format_delta, format_rate, format_value, wrap_hover
from ui.nav import PAGES

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
QIJIANG = "重庆市綦江区"
MY_PAGES = [spec for spec in PAGES if spec.url_path not in ("present", "admin")]  # those two have their own tests


@pytest.fixture
def app_db(base_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DB", str(base_db))
    return base_db


def open_page(path: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(path).run()


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "caption", "info", "warning", "markdown")
             for e in getattr(at, kind)]
    parts += [m.label for m in at.metric] + [m.value for m in at.metric]
    return "\n".join(str(p) for p in parts)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def db_observation(db: Path, indicator_id: str) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        reports = queries.list_reports(con)
        rid = reports[(reports["region_name"] == QIJIANG) & (reports["year_label"] == "2021")]["report_id"].iloc[0]
        rows = queries.report_observations(con, rid)
    finally:
        con.close()
    return rows.set_index("indicator_id").loc[indicator_id].to_dict()


@pytest.mark.parametrize("spec", MY_PAGES, ids=[s.url_path for s in MY_PAGES])
def test_every_page_renders(app_db: Path, spec) -> None:
    at = open_page(spec.path)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and at.title[0].value
    assert at.sidebar.selectbox(key="region").value == QIJIANG  # default: the one full report
    assert at.sidebar.selectbox(key="year").value == "2021"
    assert not at.warning


@pytest.mark.parametrize("spec", MY_PAGES, ids=[s.url_path for s in MY_PAGES])
def test_every_page_in_english(app_db: Path, spec) -> None:
    at = open_page(spec.path, lang="en")
    assert not at.exception
    assert at.query_params.get("lang") == "en"
    assert at.sidebar.selectbox(key="region").label == "Region"
    title = at.title[0].value
    assert title.isascii(), title


@pytest.mark.parametrize(
    ("page", "indicator_id"),
    [
        ("pages/mediation.py", "mediation_cases"),
        ("pages/mediation.py", "mediation_success"),
        ("pages/mediation.py", "mediation_success_rate"),
        ("pages/review.py", "admin_review_applications"),
        ("pages/review.py", "admin_review_accepted"),
        ("pages/review.py", "admin_review_concluded"),
        ("pages/supervision.py", "npc_suggestions_handled"),
        ("pages/supervision.py", "cppcc_proposals_satisfaction"),
        ("pages/rules.py", "normative_docs_reviewed"),
        ("pages/overview.py", "mediation_cases"),
    ],
)
def test_values_on_screen_equal_the_database(app_db: Path, page: str, indicator_id: str) -> None:
    row = db_observation(app_db, indicator_id)
    at = open_page(page)
    shown = metrics(at)
    assert shown[row["name_zh"]] == format_value(row["value"], row["unit"], "zh", qualifier=row["qualifier"])
    card = next(m for m in at.metric if m.label == row["name_zh"])
    assert card.help == md_escape(row["sentence"])  # the tooltip is the source sentence


def test_mediation_page_numbers(app_db: Path) -> None:
    at = open_page("pages/mediation.py")
    shown = metrics(at)
    assert "5,169件" in shown.values()
    assert shown["报告所述"] == "98.45%"
    assert shown["按件数计算"] == "98.45%"  # 5089 / 5169
    assert "7,690万余元" in shown.values()
    assert at.get("plotly_chart")
    assert "来源:重庆市綦江区2021年度法治政府建设情况报告" in texts(at)


def test_review_funnel_and_rates(app_db: Path) -> None:
    at = open_page("pages/review.py")
    shown = metrics(at)
    assert [shown[k] for k in ("行政复议申请", "受理行政复议案件", "办结行政复议案件")] == ["61件", "57件", "47件"]
    assert "93.44%" in shown.values() and "82.46%" in shown.values()
    funnels = [c for c in at.get("plotly_chart") if '"type":"funnel"' in c.proto.spec.replace(" ", "")]
    assert funnels


def test_query_params_select_the_report(app_db: Path) -> None:
    at = open_page("pages/mediation.py", region=QIJIANG, year="2022")
    assert not at.exception and not at.warning
    assert at.sidebar.selectbox(key="year").value == "2022"
    assert at.query_params.get("year") == "2022"
    assert "未披露本页的任何指标" in at.info[0].value  # one sentence instead of an empty chart
    assert "重庆市綦江区 2022" in at.info[0].value
    assert not at.get("plotly_chart")


def test_other_region_by_link(app_db: Path) -> None:
    at = open_page("pages/overview.py", region="重庆市九龙坡区")
    assert at.sidebar.selectbox(key="region").value == "重庆市九龙坡区"
    assert at.sidebar.selectbox(key="year").value == "2022"
    assert "摘录" in texts(at)


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"region": "火星"}, "region=火星"),
        ({"year": "1999"}, "year=1999"),
        ({"lang": "fr"}, "lang=fr"),
        # Quoted back escaped, so the notice shows the characters instead of rendering them as markup.
        ({"region": "<script>alert(1)</script>"}, "region=\\<script\\>"),
    ],
)
def test_invalid_params_fall_back_with_notice(app_db: Path, params: dict[str, str], bad: str) -> None:
    at = open_page("pages/overview.py", **params)
    assert not at.exception
    assert any(bad in w.value for w in at.warning)
    assert at.sidebar.selectbox(key="region").value == QIJIANG
    assert at.sidebar.selectbox(key="year").value == "2021"
    assert "5,169件" in metrics(at).values()


def test_compare_indicator_choice_from_url(app_db: Path) -> None:
    at = open_page("pages/compare.py", ind="mediation_cases")
    assert not at.exception and not at.warning
    assert at.multiselect(key="_ms_ind").value == ["mediation_cases"]
    assert len(at.get("plotly_chart")) == 2  # bars by region, lines by year
    assert "未披露" in texts(at)  # other 2021 reports do not state it


def test_compare_invalid_indicator(app_db: Path) -> None:
    at = open_page("pages/compare.py", ind="no_such_indicator")
    assert any("ind=no\\_such\\_indicator" in w.value for w in at.warning)  # quoted back escaped
    assert at.multiselect(key="_ms_ind").value  # fell back to the default choice


def test_explorer_search_and_downloads(app_db: Path) -> None:
    at = open_page("pages/explorer.py", q="调解")
    assert not at.exception
    frame = at.dataframe[0].value
    assert len(frame) >= 3
    assert frame["原文"].str.contains("调解").all()
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == ["下载 CSV", "下载 Excel", "分析用数据(CSV,英文列名)"]
    at.text_input(key="q").set_value("行政复议").run()
    assert at.dataframe[0].value["原文"].str.contains("行政复议").all()
    # (a bound widget's URL update on interaction happens in the browser; the e2e tests cover it)


def test_sources_page_lists_reports_and_checks(app_db: Path) -> None:
    at = open_page("pages/sources.py")
    tables = [d.value for d in at.dataframe]
    reports = tables[0]
    assert QIJIANG in set(reports["地区"])
    assert reports["原文链接"].str.startswith("http").all()
    assert any("规则" in t.columns for t in tables)
    published = set(reports.loc[reports["地区"] == QIJIANG, "发布日期"])
    assert "2022-03-22" in published  # a date, not "2022-03-22 00:00:00"
    assert not reports["发布日期"].dropna().str.contains(":").any()


# ---- pure helpers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "lang", "qualifier", "expected"),
    [
        (5169, "件", "zh", None, "5,169件"),
        (5169, "件", "en", None, "5,169"),
        (98.45, "%", "zh", None, "98.45%"),
        (99.0, "%", "en", None, "99%"),
        (76_900_000, "元", "zh", "余", "7,690万余元"),
        (76_900_000, "元", "en", None, "76.9 million yuan"),
        (84_613_600, "元", "zh", None, "8,461.36万元"),
        (2_500_000_000, "元", "zh", None, "25亿元"),
        (950, "元", "zh", None, "950元"),
        (780_000, "件", "zh", "余", "78万余件"),
        (1_285_800, "条", "zh", None, "128.58万条"),
        (1_285_800, "条", "en", None, "1,285,800"),
        (14_400, "条", "zh", "余", "14,400余条"),
        (385, "个", "zh", "累计", "累计385个"),
        (50, "%", "zh", "以上", "50%以上"),
        (1425, "名", "en", None, "1,425 people"),
        (None, "件", "zh", None, "—"),
        (float("nan"), "件", "zh", None, "—"),
    ],
)
def test_format_value(value, unit: str, lang: str, qualifier: str | None, expected: str) -> None:
    assert format_value(value, unit, lang, qualifier=qualifier) == expected


@pytest.mark.parametrize(
    ("current", "previous", "unit", "lang", "expected"),
    [
        (5169, 5000, "件", "zh", "+169件"),
        (98.45, 99, "%", "zh", "-0.55个百分点"),
        (98.45, 99, "%", "en", "-0.55 pp"),
        (10, 10, "件", "zh", "±0件"),
        (None, 10, "件", "zh", None),
    ],
)
def test_format_delta(current, previous, unit: str, lang: str, expected: str | None) -> None:
    assert format_delta(current, previous, unit, lang) == expected


def test_format_rate() -> None:
    assert format_rate(5089, 5169) == 98.45
    assert format_rate(1, 0) is None
    assert format_rate(None, 5) is None


def test_untrusted_text_is_neutralised() -> None:
    hostile = '调解<img src=x onerror=alert(1)> ![t](http://evil.example/x.png) [a](javascript:alert(1))'
    hover = wrap_hover(hostile)
    assert "<img" not in hover and "&lt;img" in hover
    escaped = md_escape(hostile)
    assert "![" not in escaped and "](" not in escaped
    assert re.search(r"(?<!\\)<", escaped) is None  # every < is backslash-escaped
    fig = bar_chart([Point("x", 1, "件", "r", hostile)], "zh")
    assert all("<img" not in str(row) for row in fig.data[0].customdata)


def test_long_sentences_wrap_in_hover() -> None:
    wrapped = wrap_hover("全年共调解各类矛盾纠纷5169件,调解成功5089件,调解成功率为98.45%,涉及金额7690万余元。" * 3)
    assert wrapped.count("<br>") >= 3
    assert all(len(line) <= 40 for line in wrapped.split("<br>"))


def test_missing_values_are_not_drawn_as_zero() -> None:
    fig = bar_chart([Point("甲", 5, "件", "r"), Point("乙", None, "件", "r")], "zh")
    bars, gaps = fig.data
    assert list(bars.y) == ["甲"] and list(bars.x) == [5]
    assert list(gaps.text) == ["未披露"]


def test_computed_values_of_an_old_database_version_are_dropped() -> None:
    """ui.data keys every computed value by the database file's stamp; a load swaps in a new file (new stamp), and
    what was computed from the old one must not wait in memory for the LRU to push it out."""
    from ui import data

    old, new = ("q", "/db/x.duckdb", (1, 1), ()), ("q", "/db/x.duckdb", (1, 2), ())
    other = ("q", "/db/y.duckdb", (1, 1), ())
    data._forget_old_versions("/db/x.duckdb", (1, 1))
    assert data._RECORDS.get(old, lambda: "old") == "old"
    assert data._RECORDS.get(other, lambda: "other") == "other"
    data._forget_old_versions("/db/x.duckdb", (1, 2))
    assert data._RECORDS.get(old, lambda: "rebuilt") == "rebuilt"  # dropped, so built again
    assert data._RECORDS.get(other, lambda: "rebuilt") == "other"  # another database file is left alone
    assert data._RECORDS.get(new, lambda: "new") == "new"


def test_shared_records_are_read_only(app_db: Path) -> None:
    """ui.data.records hands every session the same rows: changing one must fail, not leak to other sessions."""
    from etl.store import queries
    from ui import data

    index = data.records(queries.report_index)
    report_id = max(index, key=lambda row: row["observation_count"] or 0)["report_id"]
    rows = data.records(queries.report_observations, report_id)
    assert rows and rows is data.records(queries.report_observations, report_id)
    with pytest.raises(TypeError):
        rows[0]["value"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError):
        rows.append({})  # type: ignore[attr-defined]
