"""The report review (issue 18): required parts with their evidence, the publication deadline, core indicators,
figure density and peer positions — on the real reports the ETL loads (`base_db`) and on written-for-the-test
variants of every wording the rules recognise; the rules file refused when it names what the catalogue lacks; the
`python -m etl review` command."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
import yaml

from etl.catalogue import default_catalogue
from etl.config import REVIEW_RULES_PATH
from etl.review import (
    MET,
    NOT_JUDGED,
    NOT_MET,
    UNKNOWN,
    Heading,
    ReportFacts,
    ReviewRulesError,
    default_rules,
    indicator_ranks,
    parse_rules,
    review_report,
    review_rows,
    score_ranks,
)
from etl.review.peers import BEST_FIRST, BY_SIZE, LOWEST_FIRST, position
from etl.store import queries
from tests.conftest import assert_content_unchanged, cli_env, snapshot

ROOT = Path(__file__).resolve().parent.parent
RULES = default_rules()


def _cards(db: Path) -> dict[tuple[str, str], object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        reports = queries.review_reports(con).to_dict("records")
        headings = queries.review_headings(con).to_dict("records")
        core = queries.review_core_values(con, list(RULES.core_indicators)).to_dict("records")
    finally:
        con.close()
    return {(c.region, c.year_label): c for c in review_rows(reports, headings, core, RULES)}


@pytest.fixture(scope="module")
def cards(base_db: Path) -> dict:
    return _cards(base_db)


def _parts(card) -> dict[str, tuple[bool | None, str]]:
    return {p.part_id: (p.found, p.evidence) for p in card.parts}


# ------------------------------------------------------------------------------ the real reports


def test_default_report_parts_deadline_and_core_indicators(cards: dict) -> None:
    card = cards[("重庆市綦江区", "2021")]
    assert _parts(card) == {
        "measures_and_results": (True, "二、2021年法治政府建设工作情况"),
        "shortcomings": (False, ""),
        "leaders_duties": (True, "一、2021年党政主要负责人履行推进法治建设第一责任人职责工作情况"),
        "next_year_plans": (True, "三、2022年法治政府建设工作打算"),
    }
    assert [p.part_id for p in card.parts] == ["measures_and_results", "shortcomings", "leaders_duties",
                                                "next_year_plans"]  # the regulation's order (1)–(4)
    assert all(p.evidence_kind == "heading" for p in card.parts if p.found)
    assert card.not_judged == ""
    assert (card.date_published, card.deadline, card.published_on_time) == (date(2022, 3, 22), date(2022, 4, 1), True)
    assert (card.core_indicators_stated, card.core_indicators_total) == (7, 9)
    unstated = {i.indicator_id for i in card.indicators if i.verdict == NOT_MET}
    assert unstated == {"admin_litigation_cases", "court_appearance_rate"}
    mediation = next(i for i in card.indicators if i.indicator_id == "mediation_cases")
    assert mediation.verdict == MET and "全年共调解各类矛盾纠纷5169件" in mediation.sentence
    assert card.figures_per_1000_chars == round(1000 * 58 / 4364, 1) == 13.3


def test_excerpt_is_reviewed_for_what_it_shows(cards: dict) -> None:
    card = cards[("重庆市綦江区", "2022")]  # an opening of ~750 characters
    assert card.is_excerpt and card.not_judged == "excerpt"
    parts = _parts(card)
    assert parts["leaders_duties"] == (True, "一、担当尽责,法治建设第一责任人职责履行到位")
    # What was cut off is not judged, never "not found".
    assert parts["shortcomings"] == (None, "") and parts["next_year_plans"] == (None, "")
    assert all(p.verdict != NOT_MET for p in card.parts)
    assert {i.verdict for i in card.indicators} == {NOT_JUDGED}
    assert card.published_on_time is True  # the date its page states, 2023-02-14, before 2023-04-01


def test_no_publication_date_is_unknown_never_late(cards: dict) -> None:
    card = cards[("北京市", "2021")]
    assert card.date_published is None and card.deadline == date(2022, 4, 1)
    assert card.published_on_time is None and card.deadline_verdict == UNKNOWN
    assert card.to_json()["published_on_time"] is None


def test_late_report_is_late(cards: dict) -> None:
    card = cards[("江苏省淮安市", "2017")]  # published 2018-05-03
    assert card.published_on_time is False and card.deadline == date(2018, 4, 1)


def test_disclosure_rank_leaves_excerpts_out(cards: dict) -> None:
    ranks = score_ranks(list(cards.values()), RULES)
    full = cards[("重庆市綦江区", "2021")]
    rank = ranks[full.report_id]
    assert rank is not None and (rank.position, rank.stated, rank.group_id, rank.year_label) == (1, 1, "county", "2021")
    assert ranks[cards[("重庆市江津区", "2021")].report_id] is None  # an excerpt of a peer: not comparable


# ------------------------------------------------------------------------------ every wording, written for the test


def _facts(headings: list[tuple[int, str]] = (), text: str = "", **overrides) -> ReportFacts:
    base = dict(report_id="t", region="某市某区", admin_level="district", year_label="2021", report_year=2021,
                is_excerpt=False, date_published=date(2022, 3, 1), char_count=2000, figure_count=10,
                headings=tuple(Heading(level, heading) for level, heading in headings), text=text)
    return ReportFacts(**{**base, **overrides})


@pytest.mark.parametrize("heading", [
    "三、存在的不足和原因", "三、存在的问题", "三、存在问题及原因", "三、短板和不足", "三、问题与不足",
    "三、存在的主要问题", "三、面临的困难和挑战", "三、工作中的差距", "三、存在的薄弱环节", "三、存在的不足",
    "三、存在的問題",  # traditional script
])
def test_shortcomings_headings(heading: str) -> None:
    card = review_report(_facts([(1, "一、主要举措和成效"), (1, heading), (1, "四、下一步工作打算")]), RULES)
    assert _parts(card)["shortcomings"] == (True, heading)
    assert _parts(card)["measures_and_results"] == (True, "一、主要举措和成效")


@pytest.mark.parametrize("heading", [
    "四、2022年工作打算", "四、下一步工作安排", "四、下一年度工作思路", "四、2023年工作计划", "四、下步打算",
    "四、今后工作打算", "四、明年重点任务", "四、下一步工作计划",
])
def test_next_year_plans_headings(heading: str) -> None:
    card = review_report(_facts([(1, "一、主要举措和成效"), (1, heading)]), RULES)
    assert _parts(card)["next_year_plans"] == (True, heading)


@pytest.mark.parametrize("heading", [
    "二、党政主要负责人履行推进法治建设第一责任人职责情况", "二、履行第一责任人职责情况",
    "二、党政主要负责人履职情况", "二、主要负责人履行法治建设职责情况", "二、履行推进法治建设第一责任人职责",
])
def test_leaders_duties_headings(heading: str) -> None:
    card = review_report(_facts([(1, "一、主要举措和成效"), (1, heading)]), RULES)
    assert _parts(card)["leaders_duties"] == (True, heading)
    assert _parts(card)["measures_and_results"] == (True, "一、主要举措和成效")


@pytest.mark.parametrize("heading", [
    "一、主要举措和成效", "一、2021年法治政府建设工作情况", "一、主要做法和成效", "一、工作开展情况",
    "一、推进法治政府建设情况", "一、主要工作",
])
def test_measures_headings(heading: str) -> None:
    assert _parts(review_report(_facts([(1, heading)]), RULES))["measures_and_results"] == (True, heading)


def test_a_years_results_heading_is_not_a_plan() -> None:
    card = review_report(_facts([(1, "一、2021年重点任务完成情况")]), RULES)
    assert _parts(card)["next_year_plans"] == (False, "")
    assert _parts(card)["measures_and_results"] == (True, "一、2021年重点任务完成情况")


def test_topical_headings_stand_for_the_measures() -> None:
    card = review_report(_facts([(1, "一、深化“放管服”改革"), (2, "(一)优化营商环境"), (1, "二、下一步打算")]), RULES)
    assert _parts(card)["measures_and_results"] == (True, "一、深化“放管服”改革")


@pytest.mark.parametrize(("part", "sentence"), [
    ("shortcomings", "同时,我们也清醒地认识到,法治政府建设还存在一些短板。"),
    ("shortcomings", "但是,工作中仍存在一些问题和不足,主要是执法队伍专业化水平不高。"),
    ("shortcomings", "对照新要求,我区法治政府建设还存在不少差距。"),
    ("next_year_plans", "下一步,我们将继续深入学习贯彻习近平法治思想。"),
    # Not an opening the rules take: the report year's summary (2021年,…) looks alike.
    ("next_year_plans", "2022年,我区将重点抓好以下工作。"),
    ("leaders_duties", "区委书记、区长认真履行推进法治建设第一责任人职责,亲自部署。"),
    ("leaders_duties", "党政主要负责人切实履行推进法治建设第一责任人职责。"),
])
def test_parts_recognised_by_opening_sentences(part: str, sentence: str) -> None:
    text = f"某区2021年法治政府建设情况报告\n\n{sentence}其余内容。\n\n另一段。\n"
    found, evidence = _parts(review_report(_facts(text=text), RULES))[part]
    if sentence.startswith("2022年"):
        assert (found, evidence) == (False, "")
    else:
        assert found is True and evidence == sentence


def test_a_heading_counts_for_one_part_only() -> None:
    # 「工作情况」 also fits the measures, but the heading is the leaders' part.
    card = review_report(_facts([(1, "一、党政主要负责人履行推进法治建设第一责任人职责工作情况")]), RULES)
    assert _parts(card)["leaders_duties"][0] is True
    assert _parts(card)["measures_and_results"] == (False, "")


@pytest.mark.parametrize(("published", "on_time"), [
    (date(2022, 3, 31), True), (date(2022, 4, 1), False), (date(2022, 12, 30), False), (None, None),
])
def test_deadline_is_before_the_first_of_april(published: date | None, on_time: bool | None) -> None:
    card = review_report(_facts(date_published=published), RULES)
    assert card.deadline == date(2022, 4, 1) and card.published_on_time is on_time


def test_unknown_year_has_no_deadline() -> None:
    card = review_report(_facts(report_year=None), RULES)
    assert card.deadline is None and card.published_on_time is None


def test_a_value_still_to_be_checked_is_unknown_not_stated() -> None:
    facts = _facts(core_values={"mediation_cases": ("调解纠纷120件", "needs_review"),
                                "mediation_success_rate": ("成功率98%", "corrected")})
    verdicts = {i.indicator_id: i.verdict for i in review_report(facts, RULES).indicators}
    assert verdicts["mediation_cases"] == UNKNOWN and verdicts["mediation_success_rate"] == MET
    assert review_report(facts, RULES).core_indicators_stated == 1


def test_related_document_parts_not_judged() -> None:
    card = review_report(_facts(document_kind="dispute_centre_report"), RULES)
    assert card.not_judged == "related_document" and {p.found for p in card.parts} == {None}


def test_json_fields() -> None:
    card = review_report(_facts([(1, "一、主要举措和成效")]), RULES)
    record = card.to_json()
    assert set(record) >= {"report_id", "region", "year", "is_excerpt", "published_on_time", "deadline", "parts",
                           "core_indicators_stated", "core_indicators_total", "figures_per_1000_chars"}
    assert record["parts"][0] == {"id": "measures_and_results", "found": True, "evidence": "一、主要举措和成效"}
    assert record["deadline"] == "2022-04-01" and record["figures_per_1000_chars"] == 5.0


# ------------------------------------------------------------------------------ peer positions


def test_positions_follow_higher_is_better() -> None:
    assert position(80.0, [95.0, 80.0, 80.0, 60.0], BEST_FIRST) == 2  # ties share a position
    assert position(60.0, [95.0, 80.0, 80.0, 60.0], BEST_FIRST) == 4
    assert position(60.0, [95.0, 80.0, 60.0], LOWEST_FIRST) == 1
    assert position(95.0, [95.0, 80.0, 60.0], BY_SIZE) == 1


def test_missing_values_are_not_ranked_and_uncertain_ones_left_out() -> None:
    own = [{"indicator_id": "mediation_cases", "value": 300.0, "unit": "件", "assignment_status": "automatic",
            "higher_is_better": None},
           {"indicator_id": "admin_litigation_loss_rate", "value": 2.0, "unit": "%", "assignment_status": "automatic",
            "higher_is_better": False},
           {"indicator_id": "mediation_success_rate", "value": 97.0, "unit": "%", "assignment_status": "needs_review",
            "higher_is_better": True}]
    peers = [
        {"indicator_id": "mediation_cases", "value": 300.0, "unit": "件", "assignment_status": "automatic"},
        {"indicator_id": "mediation_cases", "value": 900.0, "unit": "件", "assignment_status": "automatic"},
        {"indicator_id": "mediation_cases", "value": 5000.0, "unit": "件", "assignment_status": "needs_review"},
        {"indicator_id": "mediation_cases", "value": 40.0, "unit": "人", "assignment_status": "automatic"},
        {"indicator_id": "admin_litigation_loss_rate", "value": 2.0, "unit": "%", "assignment_status": "automatic"},
        {"indicator_id": "admin_litigation_loss_rate", "value": 5.0, "unit": "%", "assignment_status": "confirmed"},
        {"indicator_id": "mediation_success_rate", "value": 97.0, "unit": "%", "assignment_status": "needs_review"},
    ]
    ranks = indicator_ranks(own, peers, peer_count=12, group_id="county", year_label="2021")
    cases = ranks["mediation_cases"]
    # 12 peers, 2 state it comparably (the doubted 5000 and the count in 人 are left out): 2nd by size of 2.
    assert (cases.position, cases.stated, cases.peers, cases.order) == (2, 2, 12, BY_SIZE)
    loss = ranks["admin_litigation_loss_rate"]
    assert (loss.position, loss.stated, loss.order) == (1, 2, LOWEST_FIRST)
    assert ranks["mediation_success_rate"].position is None


def test_peer_position_of_the_default_report(base_db: Path, cards: dict) -> None:
    card = cards[("重庆市綦江区", "2021")]
    con = duckdb.connect(str(base_db), read_only=True)
    try:
        own = queries.report_observations(con, card.report_id).to_dict("records")
        peers = queries.peer_values(con, card.report_id, ["district", "county"]).to_dict("records")
    finally:
        con.close()
    ranks = indicator_ranks(own, peers, int(peers[0]["peer_count"]), "county", "2021")
    # District and county reports of 2021: Qijiang's full report and the excerpts of Jiangjin and Changshou.
    assert peers[0]["peer_count"] == 3
    assert ranks["mediation_cases"].position == 1 and ranks["mediation_cases"].stated == 1
    assert set(ranks) == {row["indicator_id"] for row in own}


# ------------------------------------------------------------------------------ the rules file


def _raw() -> dict:
    return yaml.safe_load(REVIEW_RULES_PATH.read_text(encoding="utf-8"))


def test_every_rule_names_its_source() -> None:
    for part in RULES.parts:
        assert part.source == "regulation" and part.article.startswith("第二十五条")
    assert (RULES.deadline.month, RULES.deadline.day, RULES.deadline.source) == (4, 1, "regulation")
    assert "厅字〔2019〕28号" in RULES.sources["regulation"].name_zh
    assert RULES.core_source == "catalogue"
    assert set(RULES.core_indicators) == {"mediation_cases", "mediation_success_rate", "admin_review_applications",
                                          "admin_review_concluded", "admin_litigation_cases", "court_appearance_rate",
                                          "npc_suggestions_handled", "npc_suggestions_satisfaction",
                                          "normative_docs_reviewed"}


@pytest.mark.parametrize(("change", "message"), [
    (lambda raw: raw["core_indicators"]["domains"]["review"].append("no_such_indicator"),
     "'no_such_indicator' is not in the catalogue"),
    (lambda raw: raw["core_indicators"]["domains"]["mediation"].append("admin_review_applications"),
     "belongs to domain 'review', not 'mediation'"),
    (lambda raw: raw["parts"][0].update(source="nowhere"), "unknown source 'nowhere'"),
    (lambda raw: raw["parts"][0].update(heading="("), "does not compile"),
    (lambda raw: raw["parts"].pop(), "must declare exactly"),
    (lambda raw: raw["deadline"].update(month=13), "month must be 1–12"),
    (lambda raw: raw["peer_groups"][0]["levels"].append("district"), "each admin level in one group"),
])
def test_bad_rules_are_refused_naming_the_file(change, message: str) -> None:
    raw = _raw()
    change(raw)
    with pytest.raises(ReviewRulesError, match=r"review\.yaml") as error:
        parse_rules(raw, default_catalogue())
    assert message in str(error.value)


# ------------------------------------------------------------------------------ the command line


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", "review", *args], cwd=ROOT, env=cli_env(),
                          capture_output=True, text=True, timeout=300)


def test_cli_json_and_table(base_db: Path) -> None:
    before = snapshot(base_db)
    result = _cli("--db", str(base_db), "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 42
    qijiang = next(r for r in records if r["region"] == "重庆市綦江区" and r["year"] == "2021")
    assert qijiang["published_on_time"] is True and qijiang["deadline"] == "2022-04-01"
    assert [(p["id"], p["found"]) for p in qijiang["parts"]] == [
        ("measures_and_results", True), ("shortcomings", False), ("leaders_duties", True), ("next_year_plans", True)]
    assert qijiang["parts"][1]["evidence"] is None
    assert (qijiang["core_indicators_stated"], qijiang["core_indicators_total"]) == (7, 9)
    assert qijiang["figures_per_1000_chars"] == 13.3 and qijiang["is_excerpt"] is False
    excerpt = next(r for r in records if r["region"] == "重庆市綦江区" and r["year"] == "2022")
    assert excerpt["is_excerpt"] is True and excerpt["parts_not_judged"] == "excerpt"
    assert [p["found"] for p in excerpt["parts"]] == [True, None, True, None]
    assert next(r for r in records if r["region"] == "北京市")["published_on_time"] is None

    table = _cli("--db", str(base_db))
    assert table.returncode == 0, table.stderr
    line = next(ln for ln in table.stdout.splitlines() if ln.startswith("重庆市綦江区") and " 2021 " in ln)
    assert line.split()[1:] == ["district", "2021", "yes", "3/4", "7/9", "13.3"]
    assert_content_unchanged(before, snapshot(base_db))


def test_cli_bad_database_names_the_file(tmp_path: Path) -> None:
    missing = _cli("--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and f"ERROR {tmp_path / 'none.duckdb'}: no database file" in missing.stderr
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database", encoding="utf-8")
    result = _cli("--db", str(junk), "--json")
    assert result.returncode == 1 and result.stdout == ""
    assert f"ERROR {junk}: not a DuckDB database file" in result.stderr and "Traceback" not in result.stderr
    assert junk.read_text(encoding="utf-8") == "not a database"


# ------------------------------------------------------------------------------ the briefing and the rows worded


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_briefing_carries_the_scorecard(base_db: Path, cards: dict, lang: str) -> None:
    from ui.briefing import build_briefing
    from ui.review_text import ScorecardView, rule_rows

    card = cards[("重庆市綦江区", "2021")]
    con = duckdb.connect(str(base_db), read_only=True)
    try:
        indicators = {r["indicator_id"]: r for r in queries.indicator_catalogue(con).to_dict("records")}
        report = queries.report_details(con, [card.report_id]).to_dict("records")[0]
        observations = queries.report_observations(con, card.report_id)
        checks = queries.report_checks(con, [card.report_id])
    finally:
        con.close()
    rows = tuple(rule_rows(card, RULES, indicators, lang))
    assert [r.verdict for r in rows[:5]] == [MET, MET, NOT_MET, MET, MET]  # deadline, then parts (1)–(4)
    html = build_briefing(report, observations, checks, lang, scorecard=ScorecardView("…", rows, ""))
    shortcomings = rows[2]
    assert shortcomings.evidence == ("未找到" if lang == "zh" else "not found")
    assert f'<tr class="not_met"><td title="{shortcomings.source}">{shortcomings.rule}</td>' in html
    assert "厅字〔2019〕28号" in shortcomings.source if lang == "zh" else "Tingzi [2019] No. 28" in shortcomings.source
    assert "第二十五条第(二)项" in shortcomings.source
    assert "三、2022年法治政府建设工作打算" in html


# ------------------------------------------------------------------------------ the pages (AppTest)


def test_compare_page_names_the_reports_position(base_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_pages import open_page
    from ui.format import md_escape

    monkeypatch.setenv("DASHBOARD_DB", str(base_db))
    at = open_page("pages/compare.py", ind="mediation_cases")
    assert not at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]  # as shown: without md_escape's backslashes
    assert md_escape("(重庆市綦江区 2021)") in at.caption[0].value
    # A caseload (higher_is_better null) is placed by size, never called better.
    assert ("本报告(重庆市綦江区 2021)在同级中的位置:数值第 1 大 / 1 · 同级区县 2021年 · 同级 3 份中 1 份披露"
            in captions)
    at = open_page("pages/compare.py", ind="mediation_success_rate", lang="en")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any(c.startswith("This report (Qijiang District, Chongqing 2021) among its peers: 1 of 1 · districts and "
                            "counties, 2021") for c in captions), captions


def test_review_page_filters(base_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_pages import open_page

    monkeypatch.setenv("DASHBOARD_DB", str(base_db))
    at = open_page("pages/scorecard.py")
    assert not at.exception
    at.multiselect(key="rv_levels").select("town").run()
    at.multiselect(key="rv_provinces").select("重庆市").run()
    table = at.dataframe[0].value
    assert sorted(table["地区"]) == ["重庆市南川区南平镇", "重庆市开州区铁桥镇", "重庆市綦江区关坝镇(万盛经开区)",
                                     "重庆市荣昌区观胜镇"]
    assert set(table["级别"]) == {"乡镇级"} and table["审查结果"].iloc[0].startswith("scorecard?region=")
