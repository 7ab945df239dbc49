"""Figure → indicator mapping: the real Qijiang 2021 report, phrasing tables, traditional script, negatives."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from etl.catalogue import Catalogue, load_catalogue
from etl.extract.assignment import assign
from etl.extract.matching import assign_indicators
from etl.models import Figure

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
QIJIANG = REPORTS / "chongqing-qijiang-2021.txt"

_T2S = opencc.OpenCC("t2s")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def fold(text: str) -> str:
    folded = _T2S.convert(text)
    assert len(folded) == len(text), "offsets must survive folding"
    return folded


def sentence_bounds(text: str, offset: int, breaks: str = "。！？\n") -> tuple[int, int]:
    start = max(text.rfind(ch, 0, offset) for ch in breaks) + 1
    ends = [i for i in (text.find(ch, offset) for ch in breaks) if i != -1]
    return start, (min(ends) + 1 if ends else len(text))


def value_of(figure_text: str) -> float:
    number, scale = _NUMBER.match(figure_text).groups()  # type: ignore[union-attr]
    return float(number) * {None: 1, "万": 1e4, "亿": 1e8}[scale]


def make_figure(text: str, start: int, figure_text: str, unit: str, breaks: str = "。！？\n") -> Figure:
    """A Figure as the extractor would emit it, standing in until the real extractor lands."""
    assert text[start : start + len(figure_text)] == figure_text
    sentence_start, sentence_end = sentence_bounds(text, start, breaks)
    return Figure(
        value=value_of(figure_text),
        unit=unit,
        qualifier="余" if "余" in figure_text else None,
        text=figure_text,
        start=start,
        end=start + len(figure_text),
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        section_num=None,
    )


def figures_in(text: str, specs: list[tuple[str, str]]) -> list[Figure]:
    """Place each (figure_text, unit) at its next occurrence, left to right."""
    figures, cursor = [], 0
    for figure_text, unit in specs:
        start = text.index(figure_text, cursor)
        figures.append(make_figure(text, start, figure_text, unit))
        cursor = start + len(figure_text)
    return figures


def assign_sentence(text: str, specs: list[tuple[str, str, str | None]], catalogue: Catalogue) -> list[str | None]:
    figures = figures_in(text, [(f, u) for f, u, _ in specs])
    return assign(text, figures, catalogue)


# ------------------------------------------------------------------------------------- Qijiang 2021 report

# (unique anchor in the text, figure as written, unit, expected indicator)
QIJIANG_EXPECTED: list[tuple[str, str, str, str | None]] = [
    ("专题讲座等7场次", "7场次", "场次", "leadership_study_sessions"),
    ("相关议题15个", "15个", "个", "party_committee_law_issues"),
    ("重大法治事项13项", "13项", "项", "government_law_issues"),
    ("细化312项改革任务", "312项", "项", "business_environment_reforms"),
    ("跟踪督导14个指标", "14个", "个", None),
    ("及3个新增专项", "3个", "个", None),
    ("科技型企业587家", "587家", "家", None),
    ("高新技术企业40家", "40家", "家", None),
    ("服务事项800余项", "800余项", "项", None),
    ("市场主体10792户", "10792户", "户", "new_market_entities"),
    ("各类事项78万余件", "78万余件", "件", "service_matters_handled"),
    ("全面推进210项高频事项", "210项", "项", "cross_region_services"),
    ("信用信息128.58万条", "128.58万条", "条", "credit_records"),
    ("信用村385个", "385个", "个", "credit_villages"),
    ("信用镇15个", "15个", "个", "credit_towns"),
    ("规范性文件53件", "53件", "件", "normative_docs_reviewed"),
    ("建议意见111条", "111条", "条", "normative_docs_suggestions"),
    ("政府性合同98件", "98件", "件", "gov_contracts_reviewed"),
    ("建议意见272条", "272条", "条", "gov_contracts_suggestions"),
    ("规范性文件各8件", "8件", "件", "normative_docs_filed"),
    ("备案规范性文件16件", "16件", "件", "normative_docs_filing_reviewed"),
    ("专项清理5次", "5次", "次", None),
    ("规范性文件165件", "165件", "件", "normative_docs_in_force"),
    ("规范性文件63件", "63件", "件", None),
    ("重大行政决策26件", "26件", "件", "major_decisions_reviewed"),
    ("建议意见25条", "25条", "条", "major_decisions_suggestions"),
    ("下放304项", "304项", "项", "powers_delegated"),
    ("组织15个区级部门", "15个", "个", None),
    ("22名业务骨干", "22名", "名", None),
    ("321名新任执法人员", "321名", "名", "officers_trained_new"),
    ("1425名已持证执法人员", "1425名", "名", "officers_trained_certified"),
    ("55个执法单位", "55个", "个", None),
    ("记录仪1256台", "1256台", "台", "body_cameras"),
    ("法制审核人员115人", "115人", "人", "legal_review_staff"),
    ("对34个执法部门", "34个", "个", None),
    ("8个重点执法领域", "8个", "个", None),
    ("开展3次专题调研", "3次", "次", None),
    ("人大代表建议322件", "322件", "件", "npc_suggestions_handled"),
    ("满意率为99%", "99%", "%", "npc_suggestions_satisfaction"),
    ("政协提案336件", "336件", "件", "cppcc_proposals_handled"),
    ("满意率为97.6%", "97.6%", "%", "cppcc_proposals_satisfaction"),
    ("审计项目41个", "41个", "个", "audit_projects"),
    ("各类报告76篇", "76篇", "篇", "audit_reports"),
    ("政府投资8461.36万元", "8461.36万元", "元", "audit_savings"),
    ("主动公开信息14400余条", "14400余条", "条", "info_disclosed"),
    ("政策文件68件", "68件", "件", "policy_docs_published"),
    ("矛盾纠纷5169件", "5169件", "件", "mediation_cases"),
    ("调解成功5089件", "5089件", "件", "mediation_success"),
    ("成功率为98.45%", "98.45%", "%", "mediation_success_rate"),
    ("涉及金额7690万余元", "7690万余元", "元", "mediation_amount"),
    ("实现29个区级部门", "29个", "个", "legal_adviser_coverage_departments"),
    ("21个街镇", "21个", "个", "legal_adviser_coverage_towns"),
    ("381个村(社区)", "381个", "个", "legal_adviser_coverage_villages"),
    ("复议申请61件", "61件", "件", "admin_review_applications"),
    ("依法受理57件", "57件", "件", "admin_review_accepted"),
    ("办结47件", "47件", "件", "admin_review_concluded"),
]


def _qijiang_figures(text: str, breaks: str) -> list[Figure]:
    figures = []
    for anchor, figure_text, unit, _ in QIJIANG_EXPECTED:
        assert text.count(anchor) == 1, f"anchor {anchor!r} must be unique in the report"
        start = text.index(anchor) + anchor.index(figure_text)
        figures.append(make_figure(text, start, figure_text, unit, breaks))
    return figures


# Sentence splitting is the extractor's business; the mapping must hold whether or not ; ends a sentence.
@pytest.mark.parametrize("breaks", ["。！？\n", "。！？;\n"], ids=["full-stops", "full-stops-and-semicolons"])
def test_qijiang_2021_every_figure_maps_to_the_expected_indicator(catalogue: Catalogue, breaks: str) -> None:
    text = fold(QIJIANG.read_text(encoding="utf-8"))
    figures = _qijiang_figures(text, breaks)
    got = assign_indicators(text, figures, catalogue)
    mismatches = [
        (anchor, expected, actual)
        for (anchor, _, _, expected), actual in zip(QIJIANG_EXPECTED, got, strict=True)
        if expected != actual
    ]
    assert mismatches == []


def test_qijiang_2021_values_are_the_reported_ones(catalogue: Catalogue) -> None:
    text = fold(QIJIANG.read_text(encoding="utf-8"))
    figures = _qijiang_figures(text, "。！？\n")
    by_id = {i: f.value for f, i in zip(figures, assign_indicators(text, figures, catalogue), strict=True) if i}
    assert by_id["mediation_amount"] == 76_900_000
    assert by_id["audit_savings"] == pytest.approx(84_613_600)
    assert by_id["credit_records"] == pytest.approx(1_285_800)
    assert by_id["service_matters_handled"] == 780_000
    assert by_id["credit_towns"] == 15
    assert by_id["npc_suggestions_satisfaction"] == 99
    assert by_id["cppcc_proposals_satisfaction"] == 97.6


def test_result_follows_input_order_not_text_order(catalogue: Catalogue) -> None:
    text = "全年共收到行政相对人复议申请61件,依法受理57件,办结47件。"
    figures = figures_in(text, [("61件", "件"), ("57件", "件"), ("47件", "件")])
    shuffled = [figures[2], figures[0], figures[1]]
    assert assign_indicators(text, shuffled, catalogue) == [
        "admin_review_concluded",
        "admin_review_applications",
        "admin_review_accepted",
    ]


# -------------------------------------------------------------------------- phrasings, one table per domain

PHRASINGS: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    # mediation
    ("全年共调解各类矛盾纠纷5169件,调解成功5089件,调解成功率为98.45%,涉及金额7690万余元。",
     [("5169件", "件", "mediation_cases"), ("5089件", "件", "mediation_success"),
      ("98.45%", "%", "mediation_success_rate"), ("7690万余元", "元", "mediation_amount")]),
    ("各级人民调解组织共调解纠纷2.3万件,成功调解2.25万件,调解成功率达97.8%,涉及金额1.2亿元。",
     [("2.3万件", "件", "mediation_cases"), ("2.25万件", "件", "mediation_success"),
      ("97.8%", "%", "mediation_success_rate"), ("1.2亿元", "元", "mediation_amount")]),
    ("全区人民调解委员会调解矛盾纠纷3120起,调解成功3098起,成功率99.3%,协议金额4500万元。",
     [("3120起", "起", "mediation_cases"), ("3098起", "起", "mediation_success"),
      ("99.3%", "%", "mediation_success_rate"), ("4500万元", "元", "mediation_amount")]),
    ("建立人民调解委员会312个,配备专兼职人民调解员1560名。",
     [("312个", "个", "mediation_committees"), ("1560名", "名", "mediators")]),
    ("办理法律援助案件1286件,12348热线接听来电2.1万次,提供法律咨询3.5万人次。",
     [("1286件", "件", "legal_aid_cases"), ("2.1万次", "次", "hotline_12348_calls"),
      ("3.5万人次", "人次", "legal_consultations")]),
    ("开展普法宣传活动120场,发放宣传资料5万余份,受众达8万余人次。",
     [("120场", "场", "legal_education_events"), ("5万余份", "份", "legal_materials_distributed"),
      ("8万余人次", "人次", "legal_education_audience")]),
    ("目前该镇共有法律明白人113人,完成50名“法律明白人”培训。",
     [("113人", "人", "legal_literate_villagers"), ("50名", "名", "legal_literate_villagers")]),
    ("办理公证事项4200件,司法鉴定案件860件,排查矛盾纠纷1500件。",
     [("4200件", "件", "notarial_acts"), ("860件", "件", "judicial_appraisals"),
      ("1500件", "件", "disputes_screened")]),
    # review
    ("全年共收到行政相对人复议申请61件,依法受理57件,办结47件。",
     [("61件", "件", "admin_review_applications"), ("57件", "件", "admin_review_accepted"),
      ("47件", "件", "admin_review_concluded")]),
    ("新收行政复议案件1203件,受理行政复议申请1100件,不予受理43件,审结行政复议案件1010件,直接纠错率12.5%。",
     [("1203件", "件", "admin_review_applications"), ("1100件", "件", "admin_review_accepted"),
      ("43件", "件", "admin_review_not_accepted"), ("1010件", "件", "admin_review_concluded"),
      ("12.5%", "%", "admin_review_correction_rate")]),
    ("行政复议案件受理后办结95件,通过调解和解方式化解21件,纠错18件。",
     [("95件", "件", "admin_review_concluded"), ("21件", "件", "admin_review_settled"),
      ("18件", "件", "admin_review_corrected")]),
    ("受理行政复议案件50件,办结45件;行政应诉案件30件,审结28件,败诉2件,败诉率6.7%,行政机关负责人出庭应诉率100%。",
     [("50件", "件", "admin_review_accepted"), ("45件", "件", "admin_review_concluded"),
      ("30件", "件", "admin_litigation_cases"), ("28件", "件", "admin_litigation_concluded"),
      ("2件", "件", "admin_litigation_lost"),
      ("6.7%", "%", "admin_litigation_loss_rate"), ("100%", "%", "court_appearance_rate")]),
    ("行政机关负责人出庭应诉120次,出庭率达98.6%。",
     [("120次", "次", "court_appearances"), ("98.6%", "%", "court_appearance_rate")]),
    # supervision
    ("认真办理人大代表建议322件,满意率为99%办理政协提案336件,满意率为97.6%。",
     [("322件", "件", "npc_suggestions_handled"), ("99%", "%", "npc_suggestions_satisfaction"),
      ("336件", "件", "cppcc_proposals_handled"), ("97.6%", "%", "cppcc_proposals_satisfaction")]),
    ("办理市人大代表建议485件、政协委员提案612件,代表建议满意和基本满意率100%,政协提案满意率99.5%。",
     [("485件", "件", "npc_suggestions_handled"), ("612件", "件", "cppcc_proposals_handled"),
      ("100%", "%", "npc_suggestions_satisfaction"), ("99.5%", "%", "cppcc_proposals_satisfaction")]),
    # 分别 pairs the counts with the objects in their order: 100 suggestions, 80 proposals (not one lumped total).
    ("办理人大代表建议、政协提案分别为100件、80件。",
     [("100件", "件", "npc_suggestions_handled"), ("80件", "件", "cppcc_proposals_handled")]),
    ("全年承办人大代表建议和批评意见210件,办结率100%,满意率98%;承办政协提案180件,满意率97%。",
     [("210件", "件", "npc_suggestions_handled"), ("100%", "%", None),
      ("98%", "%", "npc_suggestions_satisfaction"), ("180件", "件", "cppcc_proposals_handled"),
      ("97%", "%", "cppcc_proposals_satisfaction")]),
    ("加强审计监督,全年实施审计项目41个,出具各类报告76篇,节约政府投资8461.36万元。",
     [("41个", "个", "audit_projects"), ("76篇", "篇", "audit_reports"), ("8461.36万元", "元", "audit_savings")]),
    ("完成28个经济责任审计项目,查出违规问题金额3.2亿元,核减工程造价1.1亿元。",
     [("28个", "个", "audit_projects"), ("3.2亿元", "元", "audit_irregular_funds"),
      ("1.1亿元", "元", "audit_savings")]),
    ("全年区政府公众信息网主动公开信息14400余条,发布政策文件68件,政策解读35篇,办理依申请公开122件。",
     [("14400余条", "条", "info_disclosed"), ("68件", "件", "policy_docs_published"),
      ("35篇", "篇", "policy_interpretations"), ("122件", "件", "info_requests")]),
    # rules
    ("全年共审查区政府规范性文件53件,提出修改建议意见111条;审查政府性合同98件,提出修改建议意见272条。",
     [("53件", "件", "normative_docs_reviewed"), ("111条", "条", "normative_docs_suggestions"),
      ("98件", "件", "gov_contracts_reviewed"), ("272条", "条", "gov_contracts_suggestions")]),
    ("对42件规范性文件进行合法性审查,清理规范性文件230件,废止17件,报送备案规范性文件12件。",
     [("42件", "件", "normative_docs_reviewed"), ("230件", "件", "normative_docs_cleaned"),
      ("17件", "件", "normative_docs_repealed"), ("12件", "件", "normative_docs_filed")]),
    ("规范性文件合法性审核36件,政府合同合法性审查150份。",
     [("36件", "件", "normative_docs_reviewed"), ("150份", "份", "gov_contracts_reviewed")]),
    ("提请市人大常委会审议地方性法规草案6件,制定修订政府规章9件。",
     [("6件", "件", "local_regulation_drafts"), ("9件", "件", "gov_rules_enacted")]),
    # decisions
    ("全年共审查重大行政决策26件,提出修改建议意见25条。",
     [("26件", "件", "major_decisions_reviewed"), ("25条", "条", "major_decisions_suggestions")]),
    ("重大行政决策合法性审查18项,公布重大行政决策事项目录12项,选聘政府法律顾问15名,公职律师42名。",
     [("18项", "项", "major_decisions_reviewed"), ("12项", "项", "major_decisions_made"),
      ("15名", "名", "gov_legal_advisers"), ("42名", "名", "public_lawyers")]),
    ("今年组织行政决策合法性审查13次,审查监督合同文书43份。",
     [("13次", "次", "major_decisions_reviewed"), ("43份", "份", "gov_contracts_reviewed")]),
    # enforcement
    ("完成321名新任执法人员、1425名已持证执法人员的通用法律知识培训考试。",
     [("321名", "名", "officers_trained_new"), ("1425名", "名", "officers_trained_certified")]),
    ("55个执法单位配备记录仪1256台、法制审核人员115人。",
     [("55个", "个", None), ("1256台", "台", "body_cameras"), ("115人", "人", "legal_review_staff")]),
    ("评查行政执法案卷860卷,开展联合执法42次,办理行政处罚案件3200件。",
     [("860卷", "卷", "case_files_reviewed"), ("42次", "次", "joint_enforcement_actions"),
      ("3200件", "件", "penalty_cases")]),
    ("向乡镇下放行政执法事项126项,全年培训行政执法人员2300人次,14名执法人员通过行政执法证考试。",
     [("126项", "项", "powers_delegated"), ("2300人次", "人次", "enforcement_officers_trained"),
      ("14名", "名", "enforcement_exam_passed")]),
    # functions
    ("推进“证照分离”改革全覆盖工作,新增各类市场主体10792户。", [("10792户", "户", "new_market_entities")]),
    ("累计评定信用村385个、信用镇15个。", [("385个", "个", "credit_villages"), ("15个", "个", "credit_towns")]),
    ("承接311项川渝通办事项,承接全市统筹的65项集成服务。",
     [("311项", "项", "cross_region_services"), ("65项", "项", "integrated_services")]),
    ("现区级保留的政务服务事项515项,行政许可事项218项,公共服务等其他事项297项。区级取消政务服务事项18项。",
     [("515项", "项", "service_items_listed"), ("218项", "项", "licensing_items"), ("297项", "项", None),
      ("18项", "项", "service_items_cancelled")]),
    # leadership
    ("集中组织领导干部开展习近平法治思想学术报告、专题讲座等7场次,引导干部学深悟透。",
     [("7场次", "场次", "leadership_study_sessions")]),
    ("组织领导干部集中学习培训70余场次、4000余人次,开展集中宣传活动30场,发放宣传资料20万余份,公益普法视频播放达9万余小时。",
     [("70余场次", "场次", "leadership_study_sessions"), ("4000余人次", "人次", "officials_trained"),
      ("30场", "场", "legal_education_events"), ("20万余份", "份", "legal_materials_distributed"),
      ("9万余小时", "小时", None)]),
    ("区委常委会、区政府常务会研究法治工作97次。", [("97次", "次", "rule_of_law_meetings")]),
    # The newly promoted are a part of all officials: their exam count is not the indicator's total.
    ("组织新提任领导干部考试37人次、机关干部学法考试1.3万人次。",
     [("37人次", "人次", None), ("1.3万人次", "人次", "officials_law_exams")]),
    ("完成62名新提拔领导干部任前法律知识考试。", [("62名", "名", None)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "specs"), PHRASINGS, ids=[f"{i:02d}-{s[:12]}" for i, (s, _) in enumerate(PHRASINGS)]
)
def test_phrasings(catalogue: Catalogue, sentence: str, specs: list[tuple[str, str, str | None]]) -> None:
    assert assign_sentence(sentence, specs, catalogue) == [expected for _, _, expected in specs]


FIXED_IDS = (
    "mediation_cases", "mediation_success", "mediation_success_rate", "mediation_amount",
    "admin_review_applications", "admin_review_accepted", "admin_review_concluded",
    "npc_suggestions_handled", "npc_suggestions_satisfaction", "cppcc_proposals_handled",
    "cppcc_proposals_satisfaction", "normative_docs_reviewed", "major_decisions_reviewed",
    "gov_contracts_reviewed", "audit_projects",
)  # fmt: skip


def test_every_fixed_id_is_covered_by_at_least_two_phrasings() -> None:
    counts = {i: 0 for i in FIXED_IDS}
    for _, specs in PHRASINGS:
        for i in {expected for _, _, expected in specs} & set(FIXED_IDS):
            counts[i] += 1
    assert {i: n for i, n in counts.items() if n < 2} == {}


# ----------------------------------------------------------------------------------- traditional script

TRADITIONAL: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    ("全年共調解各類矛盾糾紛5169件,調解成功5089件,調解成功率為98.45%。",
     [("5169件", "件", "mediation_cases"), ("5089件", "件", "mediation_success"),
      ("98.45%", "%", "mediation_success_rate")]),
    ("全年共收到行政相對人復議申請61件,依法受理57件,辦結47件。",
     [("61件", "件", "admin_review_applications"), ("57件", "件", "admin_review_accepted"),
      ("47件", "件", "admin_review_concluded")]),
    ("認真辦理人大代表建議322件,滿意率為99%辦理政協提案336件,滿意率為97.6%。",
     [("322件", "件", "npc_suggestions_handled"), ("99%", "%", "npc_suggestions_satisfaction"),
      ("336件", "件", "cppcc_proposals_handled"), ("97.6%", "%", "cppcc_proposals_satisfaction")]),
    ("全年共審查區政府規範性文件53件;審查政府性合同98件;審查重大行政決策26件;實施審計項目41個。",
     [("53件", "件", "normative_docs_reviewed"), ("98件", "件", "gov_contracts_reviewed"),
      ("26件", "件", "major_decisions_reviewed"), ("41個", "个", "audit_projects")]),
    ("經審核公佈縣級行政權力事項3713項。", [("3713項", "项", "power_list_items")]),
    ("開發系統子模組,實現174個電子證照跨部門調用,90%的區級政務服務事項實現全程網辦。",
     [("174個", "个", None), ("90%", "%", "fully_online_rate")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "specs"), TRADITIONAL, ids=[s[:10] for s, _ in TRADITIONAL])
def test_traditional_script_after_folding(
    catalogue: Catalogue, sentence: str, specs: list[tuple[str, str, str | None]]
) -> None:
    folded = fold(sentence)
    assert folded != sentence
    # Figure texts are located in the original; offsets are valid in the folded copy because lengths match.
    figures, cursor = [], 0
    for figure_text, unit, _ in specs:
        start = sentence.index(figure_text, cursor)
        figures.append(make_figure(folded, start, fold(figure_text), unit))
        cursor = start + len(figure_text)
    assert assign(folded, figures, catalogue) == [expected for _, _, expected in specs]


# ------------------------------------------------------------------------------------------- negatives

NEGATIVES: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    # Another body's count in the same sentence as a label-bearing one.
    ("下放304项区级事权到打通镇,组织15个区级部门、22名业务骨干定期派驻蹲点打通镇指导培训。",
     [("304项", "项", "powers_delegated"), ("15个", "个", None), ("22名", "名", None)]),
    ("跟踪督导14个指标及3个新增专项执行情况。", [("14个", "个", None), ("3个", "个", None)]),
    ("落实区级告知承诺制办理事项26件。", [("26件", "件", None)]),
    # Unit decides: clean-up campaigns are not documents, and 人次 is not a count of committees.
    ("开展规范性文件专项清理5次。", [("5次", "次", None)]),
    ("人民调解委员会接待群众300人次。", [("300人次", "人次", None)]),
    # Combined NPC+CPPCC totals belong to neither.
    ("办理人大代表建议和政协提案336件。", [("336件", "件", None)]),
    # Hotline satisfaction is not a deputies' satisfaction rate.
    ("受理答复8890诉求655件,办结率、满意率均为100%。", [("655件", "件", "hotline_requests"), ("100%", "%", None)]),
    # A review pass rate is not a count; a meeting ordinal is not a meeting count.
    ("全年完成重大合同审查3件,审查通过率100%。", [("3件", "件", "gov_contracts_reviewed"), ("100%", "%", None)]),
    ("市政府召开八届第14次常务会议,进行专题传达学习。", [("14次", "次", None)]),
    # Legal advisers' duty shifts are not coverage; villages without advisers are not coverage either.
    ("农村法律顾问坐班值班147次,提供法律咨询2897人次。",
     [("147次", "次", None), ("2897人次", "人次", "legal_consultations")]),
    ("习近平法治思想宣传挂图在全区301个村社张贴悬挂。", [("301个", "个", None)]),
    # Received powers are not the published power list; only received licensing items have an indicator.
    ("承接行政许可15项,承接行政确认5项,承接其他权力事项9项。",
     [("15项", "项", "licensing_items_received"), ("5项", "项", None), ("9项", "项", None)]),
    # Received from above is not delegated down (承接…下放的).
    ("承接市级下放的行政许可事项32项。", [("32项", "项", "licensing_items_received")]),
    # A label behind a comma belongs to the previous clause.
    ("审查重大行政决策,其中26件经集体讨论。", [("26件", "件", None)]),
    # Litigation clauses must not borrow review verbs.
    ("行政应诉案件30件,审结28件。",
     [("30件", "件", "admin_litigation_cases"), ("28件", "件", "admin_litigation_concluded")]),
    ("未发生行政复议、行政应诉败诉案件,全年出庭应诉率较往年有大幅度提升。", []),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "specs"), NEGATIVES, ids=[s[:12] for s, _ in NEGATIVES])
def test_negatives(catalogue: Catalogue, sentence: str, specs: list[tuple[str, str, str | None]]) -> None:
    assert assign_sentence(sentence, specs, catalogue) == [expected for _, _, expected in specs]


# ---------------------------------------------------------------------------------- matching mechanics


def test_before_label_may_not_reach_past_the_previous_figure(catalogue: Catalogue) -> None:
    # "信用村" sits before 385, so 15 must be labelled by 信用镇, never by the earlier 信用村.
    text = "累计评定信用村385个、信用镇15个。"
    assert assign_sentence(text, [("385个", "个", None), ("15个", "个", None)], catalogue) == [
        "credit_villages",
        "credit_towns",
    ]
    # Without the figure in between the nearer label still wins.
    assert assign_sentence("评定信用镇15个。", [("15个", "个", None)], catalogue) == ["credit_towns"]


def test_gap_limit(catalogue: Catalogue) -> None:
    near = "新增各类市场主体共计达到10792户。"  # gap 共计达到 = 4 characters
    far = "新增各类市场主体今年全年累计共计10792户。"  # gap of 8 characters
    assert assign_sentence(near, [("10792户", "户", None)], catalogue) == ["new_market_entities"]
    assert assign_sentence(far, [("10792户", "户", None)], catalogue) == [None]


def test_unit_must_match(catalogue: Catalogue) -> None:
    assert assign_sentence("新增各类市场主体10792个。", [("10792个", "个", None)], catalogue) == ["new_market_entities"]
    assert assign_sentence("新增各类市场主体10792人。", [("10792人", "人", None)], catalogue) == [None]


def test_section_heading_supplies_context(catalogue: Catalogue) -> None:
    text = "(三)深化行政复议工作\n全年依法受理57件,办结47件。"
    figures = figures_in(text, [("57件", "件"), ("47件", "件")])
    figures = [
        Figure(f.value, f.unit, f.qualifier, f.text, f.start, f.end, f.sentence_start, f.sentence_end, 3)
        for f in figures
    ]
    assert assign_indicators(text, figures, catalogue) == [None, None]
    headings = {3: "(三)深化行政复议工作"}
    assert assign_indicators(text, figures, catalogue, headings) == ["admin_review_accepted", "admin_review_concluded"]


def test_no_figures_no_work(catalogue: Catalogue) -> None:
    assert assign_indicators("全年无数字。", [], catalogue) == []
