"""Scope from context (etl/extract/subjects.py, etl/extract/matching.py, etl/extract/grammar.py) and why each
assignment was made (figures.assignment_rule).

Phrasings are written for these tests in the styles of county, district, town and office reports, never copied
from the development set: each row states one piece of grammar (subject, act, scope).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.catalogue import Catalogue, CatalogueError, default_catalogue, parse_catalogue
from etl.catalogue.loader import load_words
from etl.extract.doubts import INHERITED_SCOPE, LUMPED, SPLIT
from etl.extract.pipeline import extract_text
from etl.models import AUTOMATIC, NEEDS_REVIEW
from ui.why import parse_rule, why_text


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def _figure(text: str, figure_text: str) -> tuple[str | None, str, str | None, str | None]:
    """(indicator, status, review reason, rule) of the figure written `figure_text` in a whole document."""
    ex = extract_text(text + CLOSING, "scope-test.txt")
    index = [f.text for f in ex.figures].index(figure_text)
    return ex.indicator_ids[index], ex.status_of(index), ex.review_reasons[index], ex.assignment_rules[index]


# A report's closing paragraph, so each short document is long enough to be read as one.
CLOSING = "\n三、下一步工作打算\n我们将继续深入贯彻落实法治政府建设实施纲要,坚持依法行政,不断提升法治政府建设水平。\n"
REVIEW_OFFICE = "XX市行政复议局2023年度工作报告\n一、案件办理情况\n2023年,共收到申请95件,受理88件,全年办结案件81件。\n"
# (document, figure, indicator, status, reason, where the subject came from)
SCOPE_CASES: list[tuple[str, str, str | None, str, str | None, str]] = [
    # The heading names the family; the clause states only its act.
    ("XX县2022年法治政府建设年度报告\n(三)依法化解行政争议\n1.行政复议\n全年受理356件,办结341件。\n", "341件",
     "admin_review_concluded", AUTOMATIC, None, "heading:复议"),
    ("XX区2021年法治政府建设情况报告\n二、行政应诉工作\n全年共应诉87件,审结69件。\n", "87件",
     "admin_litigation_cases", AUTOMATIC, None, "heading:行政应诉"),
    ("XX镇2024年法治政府建设工作报告\n(二)人民调解\n全年调处120件,成功率98%。\n", "120件", "mediation_cases",
     AUTOMATIC, None, "heading:人民调解"),
    # The earlier clause of the sentence names it (、-lists share their subject).
    ("XX县2022年法治政府建设年度报告\n全年收到行政复议申请61件,依法受理57件、办结55件。\n", "55件",
     "admin_review_concluded", AUTOMATIC, None, ""),
    # The document's title names it when nothing nearer does.
    (REVIEW_OFFICE, "81件", "admin_review_concluded", AUTOMATIC, None, ""),
    # A heading naming two families leaves the reading to a person.
    ("XX市2022年法治政府建设年度报告\n(四)行政复议和行政应诉\n全年办结52件。\n", "52件", "admin_review_concluded",
     NEEDS_REVIEW, INHERITED_SCOPE, "heading:复议"),
    # A clause that names its own subject keeps it: 法律援助 under a review heading is still legal aid.
    ("XX县2022年法治政府建设年度报告\n1.行政复议\n全年办结法律援助案件45件。\n", "45件", "legal_aid_cases", AUTOMATIC,
     None, ""),
    # No act, no indicator: a bare count under a review heading says nothing of what was done.
    ("XX县2022年法治政府建设年度报告\n1.行政复议\n涉及征收类32件。\n", "32件", None, AUTOMATIC, None, ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "figure", "indicator", "status", "reason", "scope"),
    SCOPE_CASES,
    ids=[f"{c[1]}-{c[2]}" for c in SCOPE_CASES],
)
def test_subject_from_scope(
    document: str, figure: str, indicator: str | None, status: str, reason: str | None, scope: str
) -> None:
    got_indicator, got_status, got_reason, rule = _figure(document, figure)
    assert (got_indicator, got_status, got_reason) == (indicator, status, reason)
    if scope:
        assert parse_rule(rule)["scope"] == scope


# (sentence, figure, indicator, status, reason)
GRAMMAR_CASES: list[tuple[str, str, str | None, str, str | None]] = [
    # After 其中, a kind the total enumerated and the catalogue counts on its own keeps its indicator …
    ("对重大行政决策、规范性文件、行政执法决定开展合法性审查420件,其中规范性文件审查35件。", "35件",
     "normative_docs_reviewed", AUTOMATIC, None),
    # … but a qualified share (a city, a field) is a part, and so is the total's own indicator again.
    ("全省新收行政复议申请9120件。其中,省会市收到行政复议申请3210件。", "3210件", None, AUTOMATIC, None),
    ("受理行政复议案件120件,其中涉及公安类45件。", "45件", None, AUTOMATIC, None),
    # One indicator stated twice, neither as the whole: each is some subject's share.
    ("城区开展普法宣传活动120场次,农村开展普法宣传活动85场次。", "85场次", "legal_education_events", NEEDS_REVIEW,
     SPLIT),
    ("县政府负责人出庭应诉率100%,乡镇负责人出庭应诉率96.5%。", "96.5%", None, AUTOMATIC, None),
    # A clause opening on an area's lower bodies states their share; on its own level, so does it beside the whole
    # area's count, and alone it is the report's own count.
    ("各乡镇新收行政复议申请320件。", "320件", None, AUTOMATIC, None),
    ("全市新收行政复议申请580件,市本级新收行政复议申请210件。", "210件", None, AUTOMATIC, None),
    ("市本级新收行政复议申请210件。", "210件", "admin_review_applications", AUTOMATIC, None),
    # Two study subjects before one count: the count covers both.
    ("县委常委会、县政府常务会议集体学法14次。", "14次", "law_study_before_meetings", NEEDS_REVIEW, LUMPED),
    # Rule-of-law meetings: only where the clause says the meeting was for rule of law.
    ("召开区委常委会会议6次,专题研究法治建设重大事项。", "6次", "rule_of_law_meetings", AUTOMATIC, None),
    ("主持召开县政府常务会议34次、研究法治政府建设议题41项。", "34次", None, AUTOMATIC, None),
    ("县委全面依法治县委员会会议2次。", "2次", "rule_of_law_meetings", AUTOMATIC, None),
    # A total restated to frame what follows is not counted again; the kinds after 从…类型看 are its parts.
    ("在受理的行政复议案件36件中,涉及征收拆迁类12件。", "36件", None, AUTOMATIC, None),
    ("从案件类型看,行政处罚类9件、行政强制类4件。", "9件", None, AUTOMATIC, None),
    # A rate after 其中 is a rate among the total's cases, not a part of a count.
    ("全年审结行政诉讼案件120件,其中,行政机关负责人出庭应诉率为91.5%。", "91.5%", "court_appearance_rate", AUTOMATIC,
     None),
    # The same acts and objects in another order.
    ("审查备案行政规范性文件11件。", "11件", "normative_docs_filing_reviewed", AUTOMATIC, None),
    ("全年共出台240份规范性文件。", "240份", "normative_docs_issued", AUTOMATIC, None),
    # A head noun between a label and its figure makes the label a qualifier of another thing.
    ("受理公开政府信息申请46件。", "46件", "info_requests", AUTOMATIC, None),
    # Word classes reach every indicator that speaks of the class.
    ("向群众发放法治宣传单2.3万余份。", "2.3万余份", "legal_materials_distributed", AUTOMATIC, None),
    ("培训国家工作人员1.2万名。", "1.2万名", "officials_trained", AUTOMATIC, None),
    # A review's or a lawsuit's settlement by mediation is no dispute mediation.
    ("全省行政复议调解成功率达41.2%。", "41.2%", None, AUTOMATIC, None),
    ("全县人民调解组织调解成功率达98.6%。", "98.6%", "mediation_success_rate", AUTOMATIC, None),
    ("以撤诉和调解方式结案的行政案件共96件。", "96件", None, AUTOMATIC, None),
    # Legal services handled are no government services handled.
    ("全年办理法律服务事项3.6万余件。", "3.6万余件", None, AUTOMATIC, None),
    ("全年办理政务服务事项3.6万余件。", "3.6万余件", "service_matters_handled", AUTOMATIC, None),
    # Granting powers (赋权) is delegating them; receiving them (承接…赋权) is not.
    ("向经济开发区赋权46项。", "46项", "powers_delegated", AUTOMATIC, None),
    ("承接省级赋权事项46项。", "46项", None, AUTOMATIC, None),
    # Who reported before the count, the act after it.
    ("全县党政主要负责人共65人完成年度述法。", "65人", "leaders_reporting_on_law", AUTOMATIC, None),
    # Officials' study materials are not the public's legal education materials.
    ("为机关干部发放学习资料650余份。", "650余份", None, AUTOMATIC, None),
    # This year's additions are not all there are (新建, 新成立): a stock indicator refuses them.
    ("新成立了12个行业性专业性人民调解委员会。", "12个", None, AUTOMATIC, None),
    ("全区共有人民调解委员会210个。", "210个", "mediation_committees", AUTOMATIC, None),
    # An outcome that opens a list (…解决的:) counts that outcome's share of each kind.
    ("所提问题已经解决或基本解决的:人大代表建议26件,政协委员提案31件。", "26件", None, AUTOMATIC, None),
    ("所提问题已经解决或基本解决的:人大代表建议26件,政协委员提案31件。", "31件", None, AUTOMATIC, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "figure", "indicator", "status", "reason"), GRAMMAR_CASES, ids=[f"{c[1]}" for c in GRAMMAR_CASES]
)
def test_grammar_of_parts_and_subjects(
    sentence: str, figure: str, indicator: str | None, status: str, reason: str | None
) -> None:
    document = f"XX县2023年法治政府建设年度报告\n{sentence}\n"
    assert _figure(document, figure)[:3] == (indicator, status, reason)


def test_every_assignment_says_why() -> None:
    ex = extract_text(REVIEW_OFFICE + CLOSING, "office.txt")
    for indicator_id, rule in zip(ex.indicator_ids, ex.assignment_rules, strict=True):
        assert (indicator_id is None) == (rule is None)
    rules = {f.text: parse_rule(r) for f, r in zip(ex.figures, ex.assignment_rules, strict=True) if r}
    assert rules["81件"]["pattern"] in ("subject", "admin_review_concluded#2", "admin_review_concluded#3")
    assert set(rules["81件"]) >= {"pattern", "label"}


@pytest.mark.parametrize(
    ("rule", "status", "zh", "en"),
    [
        ("pattern=admin_review_concluded#3; label=办结; act=审结; scope=heading:行政复议", "automatic",
         "标签「办结」(规则 admin_review_concluded#3) · 动作「审结」 · 主体取自标题「行政复议」",
         "label 「办结」 (rule admin_review_concluded#3) · act 「审结」 · subject from the heading 「行政复议」"),
        ("pattern=subject; label=全年办结案件; scope=document:复议", "automatic",
         "分句「全年办结案件」的动作 · 主体取自文件名称「复议」",
         "the act of the clause 「全年办结案件」 · subject from the document's title 「复议」"),
        ("pattern=mediation_cases#1; label=调解", "corrected", "人工更正", "corrected by a person"),
        (None, None, "", ""),
        (float("nan"), float("nan"), "", ""),  # what a frame holds for a figure without a rule
    ],
)  # fmt: skip
def test_why_is_worded_in_both_languages(rule: object, status: object, zh: str, en: str) -> None:
    assert why_text(rule, "zh", status) == zh
    assert why_text(rule, "en", status) == en


@pytest.mark.parametrize(
    ("rule", "status", "reason", "zh", "en"),
    [
        ("pattern=gov_contracts_reviewed#1; label=合同; scope=list:审查", "automatic", None,
         "标签「合同」(规则 gov_contracts_reviewed#1) · 动词取自列举的第一项「审查」",
         "label 「合同」 (rule gov_contracts_reviewed#1) · verb shared with the list's first item 「审查」"),
        ("pattern=leaders_reporting_on_law#1; label=党政主要负责人述法", "needs_review", "period",
         "标签「党政主要负责人述法」(规则 leaders_reporting_on_law#1) · 待核:统计时段不是报告年度(多年累计或其他年份)",
         "label 「党政主要负责人述法」 (rule leaders_reporting_on_law#1) · to review: counted over another period "
         "than the report year (several years or another year)"),
        # A reason is shown only while the figure waits: a person's decision replaces it.
        ("pattern=leaders_reporting_on_law#1; label=述法", "confirmed", "period", "人工确认", "confirmed by a person"),
    ],
)  # fmt: skip
def test_why_says_the_list_verb_and_the_review_reason(
    rule: str, status: str, reason: str | None, zh: str, en: str
) -> None:
    assert why_text(rule, "zh", status, reason) == zh
    assert why_text(rule, "en", status, reason) == en


def test_word_classes_expand_and_unknown_classes_fail() -> None:
    words = load_words()
    assert {"meeting", "officials", "materials"} <= set(words)
    indicator = {
        "id": "test_meetings", "name_zh": "测试会议", "name_en": "test", "unit": "次", "short_unit": "次",
        "domain": "leadership", "description": "test", "higher_is_better": None, "is_headline": False,
        "patterns": [{"before": "(?:{{meeting}})"}],
    }  # fmt: skip
    raw = {"domains": [{"id": "leadership", "name_zh": "领导", "name_en": "Leadership"}], "indicators": [indicator]}
    catalogue = parse_catalogue(raw, words=words)
    pattern = catalogue.by_id["test_meetings"].patterns[0].before
    assert pattern is not None and pattern.search("县政府常务会议") and not pattern.search("县政府会")
    indicator["patterns"] = [{"before": "(?:{{no_such_class}})"}]
    with pytest.raises(CatalogueError, match="no_such_class"):
        parse_catalogue(raw, words=words)


def test_extract_json_prints_why_and_status(tmp_path: Path) -> None:
    path = tmp_path / "office.txt"
    path.write_text(REVIEW_OFFICE + CLOSING, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "etl", "extract", str(path), "--json"], capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(out)["figures"]
    keys = {"indicator_id", "assignment_status", "review_reason", "assignment_rule", "change_of", "breakdown_of"}
    assert all(keys <= set(f) for f in figures)
    concluded = next(f for f in figures if f["text"] == "81件")
    assert concluded["indicator_id"] == "admin_review_concluded" and concluded["assignment_status"] == AUTOMATIC
    assert concluded["assignment_rule"].startswith("pattern=")


def test_the_rule_is_stored_with_every_assigned_figure(base_db: Path) -> None:
    from tests.conftest import query

    rows = query(base_db, "SELECT indicator_id, assignment_rule FROM figures WHERE indicator_id IS NOT NULL")
    assert rows and all(rule and rule.startswith("pattern=") for _, rule in rows)
    unassigned = query(
        base_db, "SELECT count(*) FROM figures WHERE indicator_id IS NULL AND assignment_rule IS NOT NULL"
    )
    assert unassigned == [(0,)]


def test_a_meeting_takes_its_rule_of_law_subject_from_its_paragraph_never_from_the_title() -> None:
    # context_reach: topic — every report's title names 法治政府建设, so the title cannot say what a meeting was on.
    title = "某县人民政府关于2023年法治政府建设情况的报告\n\n一、主要工作\n"
    closing = "深入推进依法行政,严格规范公正文明执法,法治政府建设取得新成效。\n"
    unrelated = extract_text(title + "全年召开安全生产工作推进会6次。" + closing, "x.txt")
    assert [(f.text, i) for f, i in zip(unrelated.figures, unrelated.indicator_ids, strict=True)] == [("6次", None)]
    topical = extract_text(title + "县委依法治县委员会统筹推进法治建设,全年召开工作推进会6次。" + closing, "y.txt")
    index = [f.text for f in topical.figures].index("6次")
    assert topical.indicator_ids[index] == "rule_of_law_meetings"
    assert parse_rule(topical.assignment_rules[index])["pattern"].startswith("rule_of_law_meetings#")
