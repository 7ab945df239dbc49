"""Presentation slides, their URL state, chart export names, the HTML briefing, CSV/Excel, and who may upload."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from etl.catalogue import default_catalogue
from etl.store import queries
from ui import auth, briefing, present
from ui.charts import export_config, image_file_name
from ui.units import measure_unit
from ui.view import choose_report, with_labels

QIJIANG_REGION = "重庆市綦江区"


@pytest.fixture(scope="module")
def qijiang(base_db: Path) -> tuple[dict, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    con = duckdb.connect(str(base_db), read_only=True)
    try:
        reports = with_labels(queries.list_reports(con))
        report, problems = choose_report(reports, QIJIANG_REGION, "2021")
        assert problems == [] and report is not None
        observations = queries.report_observations(con, report["report_id"])
        checks = queries.report_checks(con, [report["report_id"]])
        figures = queries.report_figures(con, [report["report_id"]])
    finally:
        con.close()
    return report, observations, checks, figures


# ------------------------------------------------------------------------------------------ slides


def test_qijiang_deck(qijiang) -> None:
    report, observations, _, _ = qijiang
    slides = present.build_slides(report, observations, "zh")
    ids = [s.slide_id for s in slides]
    assert len(slides) == 20
    assert ids[0] == "title" and slides[0].title == "重庆市綦江区2021年度法治政府建设情况报告"
    assert slides[0].subtitle == "重庆市綦江区 · 2021 · 2022-03-22 发布"
    # Audience words on the title slide, not the dashboard's "57 个数字,44 个指标值".
    assert slides[0].notes[0] == "本报告公开的 44 项工作数据,每项都注明报告原文出处"
    # One chart per unit: the mediation counts in 件 and the legal-adviser coverage in 个 are two charts.
    assert ids[-3:] == ["mediation-figures", "mediation-counts", "mediation-counts-2"]
    assert len(ids) == len(set(ids))
    mediation = slides[ids.index("mediation-figures")]
    assert [(c.label, c.value_text) for c in mediation.cards] == [
        ("调解矛盾纠纷", "5,169件"), ("调解成功", "5,089件"), ("调解成功率", "98.45%"),
        ("调解涉及金额", "7,690万余元")]  # the qualifier as the overview shows it
    assert mediation.cards[0].sentence.startswith("全年共调解各类矛盾纠纷5169件")
    # A rate sits on the slide of its counts: 政协提案 and its 满意率 together, all six supervision figures on one.
    supervision = slides[ids.index("supervision-figures")]
    # Rates sit with their counts (政协提案 and its 满意率); a lone 篇 value (审计报告) is a card too.
    assert [c.label for c in supervision.cards] == [
        "办理人大代表建议", "人大代表建议满意率", "办理政协提案", "政协提案满意率", "审计项目", "审计报告"]
    assert [c.label for c in slides[ids.index("supervision-figures-2")].cards] == ["审计节约资金", "主动公开政府信息"]
    assert not any(s.subtitle.startswith("第 ") for s in slides)  # no "第 1/2 组"
    chart = slides[ids.index("mediation-counts")]
    assert chart.kind == "chart" and [p.value for p in chart.points][:2] == [5169.0, 5089.0]
    # A lone amount (审计节约资金) becomes a card, not a one-bar chart; no slide has more than 3 cards.
    assert "supervision-money" not in ids
    assert "8,461.36万元" in [c.value_text for s in slides for c in s.cards]
    assert max(len(s.cards) for s in slides) <= present.MAX_CARDS_PER_SLIDE == 6
    # No chart has two units (名 and 人 are one: people); every value keeps the qualifier its report wrote.
    for slide in slides:
        if slide.kind == "chart":
            assert len({measure_unit(p.unit) for p in slide.points}) == 1, slide.slide_id
    functions = [p for s in slides if s.group == "functions" and s.kind == "chart" for p in s.points]
    assert {p.label: p.qualifier for p in functions if p.qualifier} == {"信用村": "累计"}
    credit = next(s for s in slides if s.group == "functions" and "信用村" in [p.label for p in s.points])
    bar_texts = [text for trace in present.slide_figure(credit, "zh").data for text in (trace.text or ())]
    assert "累计385个" in bar_texts
    cards = {c.label: c.value_text for s in slides for c in s.cards}
    assert "78万余件" in cards.values()  # a lone 件 value of its domain: a card, with its 余


def test_english_deck_and_report_without_values(qijiang) -> None:
    report, observations, _, _ = qijiang
    slides = present.build_slides(report, observations, "en")
    mediation = next(s for s in slides if s.slide_id == "mediation-figures")
    assert mediation.title == default_catalogue().domain_names["mediation"].name_en
    assert [c.value_text for c in mediation.cards][:2] == ["5,169", "5,089"]
    empty = present.build_slides({**report, "title": None}, observations.iloc[0:0], "zh")
    assert [s.slide_id for s in empty] == ["title"]
    assert empty[0].title == "重庆市綦江区 2021 法治政府建设年度报告"


@pytest.mark.parametrize(
    ("count", "rows"),
    [(0, []), (1, [1]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (6, [3, 3]), (7, [3, 2, 2])],
)
def test_balanced_rows(count: int, rows: list[int]) -> None:
    assert [len(r) for r in present.balanced_rows(list(range(count)))] == rows


def _rows(*units: str) -> list[dict[str, str]]:
    return [{"unit": unit, "n": str(n)} for n, unit in enumerate(units)]


@pytest.mark.parametrize(
    ("units", "sizes"),
    [
        (("件", "%", "件", "%", "个", "元"), [6]),
        (("件", "%", "件", "%", "件", "%", "件", "%"), [6, 2]),  # cut between pairs, never inside one
        (("件", "件", "件", "件", "件", "%", "%"), [4, 3]),  # the 5th count moves to its rates' slide
        (("件",) * 7, [6, 1]),
        ((), []),
    ],
)
def test_card_slides_keep_rates_with_their_counts(units: tuple[str, ...], sizes: list[int]) -> None:
    assert [len(group) for group in present.card_slides(_rows(*units))] == sizes


def test_select_slides_order_and_single_slides(qijiang) -> None:
    report, observations, _, _ = qijiang
    deck = present.build_slides(report, observations, "zh")
    chosen = present.select_slides(deck, ["mediation", "title", "review-counts", "mediation-counts"])
    assert [s.slide_id for s in chosen] == [
        "mediation-figures", "mediation-counts", "mediation-counts-2", "title", "review-counts"]
    assert present.select_slides(deck, []) == deck
    assert present.select_slides(deck, ["nonsense"]) == deck
    assert present.unknown_tokens(deck, ["title", "nonsense", "leadership"]) == ["nonsense"]
    assert present.section_tokens(deck)[:3] == ["title", "leadership", "functions"]


def test_slide_figure_dark_and_light(qijiang) -> None:
    report, observations, _, _ = qijiang
    chart = next(s for s in present.build_slides(report, observations, "zh") if s.slide_id == "mediation-counts")
    light = present.slide_figure(chart, "zh", dark=False)
    dark = present.slide_figure(chart, "zh", dark=True)
    assert dark.layout.font.color == "#FAFAFA"
    assert light.layout.font.color != "#FAFAFA"
    assert light.layout.height is None  # fills the slide (height="stretch"), not a fixed 450 px
    assert list(light.data[0].text)[:2] == ["5,169件", "5,089件"]


# --------------------------------------------------------------------------------------- URL state


@pytest.mark.parametrize(
    ("params", "slide", "tokens", "every", "problems"),
    [
        ({}, 1, (), 0, ()),
        ({"slide": "5"}, 5, (), 0, ()),
        ({"slide": ["2", "7"]}, 7, (), 0, ()),
        ({"slide": "0"}, 1, (), 0, ("slide=0",)),
        ({"slide": "abc"}, 1, (), 0, ("slide=abc",)),
        ({"slides": "title,mediation,,title"}, 1, ("title", "mediation"), 0, ()),
        ({"slides": ["review", "mediation"]}, 1, ("review", "mediation"), 0, ()),
        ({"every": "10"}, 1, (), 10, ()),
        ({"every": "0"}, 1, (), 0, ()),
        ({"every": "1"}, 1, (), 0, ("every=1",)),
        ({"every": "-5"}, 1, (), 0, ("every=-5",)),
    ],
)
def test_parse_params(params, slide, tokens, every, problems) -> None:
    parsed = present.parse_params(params)
    assert (parsed.slide, parsed.tokens, parsed.every, parsed.problems) == (slide, tokens, every, problems)


def test_step_and_clamp() -> None:
    assert present.clamp_slide(99, 17) == 17
    assert present.clamp_slide(0, 17) == 1
    assert present.step(1, 17, -1) == 1
    assert present.step(17, 17, 1) == 17
    assert present.step(17, 17, 1, wrap=True) == 1
    assert present.step(3, 17, 1) == 4


def test_present_and_exit_links() -> None:
    query = present.present_query({"region": QIJIANG_REGION, "year": "2021", "lang": None}, ["title", "mediation"],
                                  every=10, slide=3, theme="dark")
    assert query.startswith("?present=1&region=%E9%87%8D%E5%BA%86")
    assert "&slides=title%2Cmediation&every=10&slide=3&embed=true&embed_options=dark_theme" in query
    assert "lang" not in query
    plain = present.present_query({}, embed=False)
    assert plain == "?present=1"
    back = present.exit_query({"present": ["1"], "region": [QIJIANG_REGION], "slide": ["4"], "embed": ["true"],
                               "slides": ["title,review"]})
    assert back == "?region=%E9%87%8D%E5%BA%86%E5%B8%82%E7%B6%A6%E6%B1%9F%E5%8C%BA&slides=title&slides=review"
    # Everything else the start URL had comes back too (a page's own choices), never the presentation keys.
    back = present.exit_query({"present": "1", "every": "10", "embed_options": "dark_theme", "ind": ["a", "b"],
                               "report": "63270cf9047df924"})
    assert back == "?ind=a&ind=b&report=63270cf9047df924"


def test_choose_report_from_link(qijiang, base_db: Path) -> None:
    con = duckdb.connect(str(base_db), read_only=True)
    reports = with_labels(queries.list_reports(con))
    con.close()
    report, problems = choose_report(reports, QIJIANG_REGION, "2022")
    assert report["year_label"] == "2022" and problems == []
    report, problems = choose_report(reports, "nowhere", "2021")
    assert report["report_id"] == qijiang[0]["report_id"] and problems == ["region=nowhere"]
    _, problems = choose_report(reports, QIJIANG_REGION, "1900")
    assert problems == ["year=1900"]
    assert choose_report(reports.iloc[0:0], None, None) == (None, [])


def test_constant_css_and_script_hold_no_report_content() -> None:
    assert "{" in present.PRESENT_CSS and "綦江" not in present.PRESENT_CSS
    assert "PageDown" in present.KEYS_SCRIPT and ".st-key-" in present.KEYS_SCRIPT
    assert "http" not in present.KEYS_SCRIPT


# ---------------------------------------------------------------------------------------- exports


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("重庆市綦江区 2021", "矛盾纠纷化解", "数量类指标"), "重庆市綦江区_2021_矛盾纠纷化解_数量类指标"),
        (("a/b\\c", "x:y*?", "<z>"), "a_b_c_x_y_z"),
        (("", None, "  "), "chart"),
        (("../../etc", "passwd"), "etc_passwd"),
    ],
)
def test_image_file_name(parts, name) -> None:
    assert image_file_name(*parts) == name


def test_export_config_png_scale() -> None:
    config = export_config({"displaylogo": False}, "重庆市綦江区 2021", "调解件数")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "重庆市綦江区_2021_调解件数", "scale": 3}


def test_briefing_is_self_contained_and_escaped(qijiang) -> None:
    report, observations, checks, _ = qijiang
    hostile = observations.copy()
    hostile.loc[hostile.index[0], "sentence"] = '<script>alert("x")</script>恶意句子'
    text = briefing.build_briefing({**report, "title": "綦江<b>报告</b>"}, hostile, checks, "zh")
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    assert "plotly.js v" in text and "Plotly.newPlot" in text  # plotly.js inline, not fetched
    assert not re.search(r"<script[^>]+src=", text)
    assert "<script src=\"http" not in text and "cdn" not in text.lower().replace("cdnjs", "").replace("cdn.", "")
    assert "<title>綦江&lt;b&gt;报告&lt;/b&gt;</title>" in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;恶意句子" in text
    assert '<script>alert("x")</script>' not in text
    assert "5,169件" in text and "矛盾纠纷化解" in text
    assert '<td class="num">7,690万余元</td>' in text  # the value keeps its qualifier, as on the overview
    assert text.count('class="chart"') == sum(s.kind == "chart" for s in present.build_slides(report, observations,
                                                                                               "zh"))


def test_download_names(qijiang) -> None:
    report = qijiang[0]
    assert briefing.download_name(report, ".html") == "重庆市綦江区_2021_法治政府建设报告.html"
    assert briefing.download_name(report, ".csv", "en") == "重庆市綦江区_2021_rule-of-law-report.csv"


def test_csv_and_excel(qijiang) -> None:
    report, observations, checks, figures = qijiang
    frame = briefing.export_frame(report, observations)
    frame.loc[0, "sentence"] = "=HYPERLINK(\"http://evil\")"
    data = briefing.to_csv_bytes(frame)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == len(observations) == 44  # 43 + 告知承诺制办理事项26 (notification_commitment_items)
    assert back.loc[0, "sentence"].startswith("'=HYPERLINK")
    mediation = back[back["indicator_id"] == "mediation_cases"].iloc[0]
    assert mediation["value"] == 5169 and mediation["region_name"] == QIJIANG_REGION
    sheets = briefing.report_sheets(report, observations, figures, checks)
    sheets["indicators"].loc[0, "sentence"] = "=1+1"
    workbook = openpyxl.load_workbook(io.BytesIO(briefing.to_xlsx_bytes(sheets)))
    assert workbook.sheetnames == ["report", "indicators", "figures", "checks"]
    cell = workbook["indicators"].cell(row=2, column=list(briefing.EXPORT_COLUMNS).index("sentence") + 1)
    assert cell.value == "=1+1" and cell.data_type == "s"  # text, not a formula
    values = {r[0]: r[1] for r in workbook["report"].iter_rows(min_row=2, values_only=True)}
    assert values["title"] == "重庆市綦江区2021年度法治政府建设情况报告"
    assert workbook["figures"].max_row == len(figures) + 1


# ------------------------------------------------------------------------------------------- auth


def test_no_password_configured_means_no_upload_page() -> None:
    config = auth.auth_config({}, {})
    assert config.mode is None and not config.uploads_enabled
    assert not auth.auth_config({auth.PASSWORD_ENV: "   "}, {"admin_password": ""}).uploads_enabled
    assert not auth.auth_config({}, {"auth": {"redirect_uri": "http://x/oauth2callback"}}).uploads_enabled


def test_password_from_env_or_secrets() -> None:
    from_env = auth.auth_config({auth.PASSWORD_ENV: "correct horse"}, {"admin_password": "other"})
    assert from_env.mode == auth.MODE_PASSWORD and from_env.password == "correct horse"
    assert "correct horse" not in repr(from_env)
    from_secret = auth.auth_config({}, {"admin_password": "s3cret"})
    assert from_secret.mode == auth.MODE_PASSWORD and from_secret.password == "s3cret"


def test_oidc_wins_when_an_identity_provider_is_configured() -> None:
    secrets = {"auth": {"redirect_uri": "https://x/oauth2callback", "cookie_secret": "c", "client_id": "id",
                        "client_secret": "s", "server_metadata_url": "https://idp/.well-known/openid-configuration"},
               "admin_password": "ignored", "admin_emails": ["Admin@Example.gov.cn"]}
    config = auth.auth_config({auth.PASSWORD_ENV: "also ignored"}, secrets)
    assert config.mode == auth.MODE_OIDC
    assert auth.email_allowed("admin@example.gov.cn", config)
    assert not auth.email_allowed("viewer@example.gov.cn", config)
    assert not auth.email_allowed(None, config)
    named = {"auth": {"redirect_uri": "r", "cookie_secret": "c",
                      "idp": {"client_id": "id", "client_secret": "s", "server_metadata_url": "https://idp/m"}}}
    assert auth.auth_config({}, named).mode == auth.MODE_OIDC
    assert auth.email_allowed("anyone@x", auth.auth_config({}, named))


def test_wrong_password_refused_right_allowed() -> None:
    config = auth.auth_config({auth.PASSWORD_ENV: "正确的密码"}, {})
    throttle = auth.Throttle()
    assert auth.try_password("wrong", config, [throttle], now=0.0) == auth.Attempt(False, 0.0)
    assert auth.try_password("", config, [throttle], now=1.0).allowed is False
    assert auth.try_password("正确的密码", config, [throttle], now=2.0) == auth.Attempt(True)
    assert throttle.failures == []
    assert not auth.password_matches("", "")
    assert not auth.try_password("x", auth.AuthConfig(None), [auth.Throttle()], now=0.0).allowed


def test_failed_attempts_are_rate_limited() -> None:
    config = auth.auth_config({auth.PASSWORD_ENV: "right"}, {})
    throttle = auth.Throttle()
    for attempt in range(auth.MAX_FAILURES):
        assert auth.try_password("wrong", config, [throttle], now=float(attempt)).wait_seconds == 0
    locked = auth.try_password("right", config, [throttle], now=auth.MAX_FAILURES + 1.0)
    assert locked.allowed is False and locked.wait_seconds > 0  # even the right password waits
    later = auth.MAX_FAILURES - 1 + auth.LOCK_SECONDS + 1
    assert auth.try_password("wrong", config, [throttle], now=later).allowed is False
    assert throttle.wait_seconds(later) == auth.LOCK_SECONDS * 2  # doubles
    assert auth.try_password("right", config, [throttle], now=later + auth.LOCK_SECONDS * 2).allowed


def test_address_throttle_is_shared_across_sessions() -> None:
    shared = auth.AddressThrottles()
    config = auth.auth_config({auth.PASSWORD_ENV: "right"}, {})
    for n in range(auth.MAX_FAILURES):
        auth.try_password("wrong", config, [auth.Throttle(), shared.get("10.0.0.9")], now=float(n))
    assert not auth.try_password("right", config, [auth.Throttle(), shared.get("10.0.0.9")], now=10.0).allowed
    assert auth.try_password("right", config, [auth.Throttle(), shared.get("10.0.0.7")], now=10.0).allowed
