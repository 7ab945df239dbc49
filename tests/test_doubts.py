"""Doubts (etl/extract/doubts.py): readings the grammar keeps but a person must confirm.

Phrasings are written in the styles of several reports (county, district, town), not copied from the
development set: each row states the grammar, not one sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.catalogue import Catalogue, default_catalogue
from etl.extract.assignment import assign_with_status
from etl.extract.doubts import (
    CARRIED_SCOPE,
    EACH,
    KIND_PART,
    LUMPED,
    NO_AUDIENCE,
    NO_SUBJECT,
    NO_TOPIC,
    ONE_BODY,
    OTHER_TOPIC,
    PART_OF_TOTAL,
    REVIEW_REASONS,
    SHARED_RATE,
    SPLIT,
    TOPIC_SCOPE,
    load_doubts,
    review_reasons,
)
from etl.extract.figures import extract_figures
from etl.extract.grammar import load_grammar
from etl.extract.pipeline import build_document
from etl.extract.structure import find_sections, split_sentences
from etl.models import AUTOMATIC, NEEDS_REVIEW
from tests.conftest import assignment_of
from ui.i18n import LANGS, STRINGS

# (sentence, figure as written, expected indicator, expected status, expected reason)
CASES: list[tuple[str, str, str | None, str, str | None]] = [
    # Who studied decides the study indicator: named before the count, after it, or not at all.
    ("县委理论学习中心组开展习近平法治思想专题学习6次。", "6次", "leadership_study_sessions", AUTOMATIC, None),
    ("县政府常务会议会前学法12次。", "12次", "law_study_before_meetings", AUTOMATIC, None),
    ("全体机关干部集中学法8次。", "8次", "staff_law_study_sessions", AUTOMATIC, None),
    ("聚焦新任职干部、执法人员、网格员等重点对象,开展法治培训12场次,培训1100余人次。", "12场次",
     "leadership_study_sessions", NEEDS_REVIEW, NO_SUBJECT),
    # 各: one each of several kinds is not the total; one set filed with several bodies is.
    ("分别向县人大常委会、市政府报备规范性文件各5件。", "5件", "normative_docs_filed", AUTOMATIC, None),
    # A subject an earlier count of the phrase took is that count's, not lumped with the next one.
    ("全年开展集体学法11次,其中市委理论学习中心组6次、市政府常务会议会前学法5次。", "5次", "law_study_before_meetings",
     AUTOMATIC, None),
    ("县委常委会、县政府常务会组织集体学法10次。", "10次", "law_study_before_meetings", NEEDS_REVIEW, LUMPED),
    # One value for several places at once: each one's, not the whole's.
    ("鄢陵县、襄城县、示范区、魏都区出庭率均达到100%。", "100%", "court_appearance_rate", NEEDS_REVIEW, LUMPED),
    ("全年行政机关负责人出庭应诉率达100%。", "100%", "court_appearance_rate", AUTOMATIC, None),
    # Two acts, their counts given respectively: which is whose, a person reads.
    ("全年受理、办结行政复议案件分别为50件、45件。", "50件", "admin_review_concluded", NEEDS_REVIEW, LUMPED),
    # One count over two acts.
    ("组织120名领导干部参加法治讲座及旁听庭审活动。", "120名", "officials_trained", NEEDS_REVIEW, LUMPED),
    # The public is many groups by nature: a lumped audience does not doubt a public education count.
    ("聚焦青少年、老年人、外来务工人员等重点群体,开展普法宣传活动45场次。", "45场次", "legal_education_events",
     AUTOMATIC, None),
    # Parts before the total the sentence states last.
    ("县委常委会会议学法4次,县政府常务会议学法6次,全年共开展领导干部学法活动28次。", "4次",
     "leadership_study_sessions", NEEDS_REVIEW, PART_OF_TOTAL),
    ("县委常委会会议学法4次,县政府常务会议学法6次,全年共开展领导干部学法活动28次。", "6次",
     "law_study_before_meetings", AUTOMATIC, None),
    ("县委常委会会议学法4次,县政府常务会议学法6次,全年共开展领导干部学法活动28次。", "28次",
     "leadership_study_sessions", AUTOMATIC, None),
    # Siblings on one indicator: the one whose clause names the topic (law) is the indicator.
    ("镇党委中心组学习8次、中心组法治专题学习3次。", "8次", "leadership_study_sessions", NEEDS_REVIEW, OTHER_TOPIC),
    ("镇党委中心组学习8次、中心组法治专题学习3次。", "3次", "leadership_study_sessions", AUTOMATIC, None),
    # A bare rate after counts of two subjects is either's; after its own count, or one family's, it is that one's.
    ("全年办理人大代表建议186件、政协委员提案213件,办结率均为100%,满意率98.6%。", "98.6%",
     "cppcc_proposals_satisfaction", NEEDS_REVIEW, SHARED_RATE),
    ("认真办理人大代表建议322件,满意率为99%;办理政协提案336件,满意率为97.6%。", "97.6%",
     "cppcc_proposals_satisfaction", AUTOMATIC, None),
    ("全年受理行政复议案件57件,审结52件,纠错率12.5%。", "12.5%", "admin_review_correction_rate", AUTOMATIC, None),
    # A part after another part that is the sentence's subject may be of that part only; 其中 lists siblings.
    ("诉前调解案件1.2万件,调解成功5600件。", "5600件", "mediation_success", NEEDS_REVIEW, CARRIED_SCOPE),
    ("全年新收一审行政诉讼案件235件,审结218件,其中调解撤诉56件,败诉9件。", "9件", "admin_litigation_lost",
     AUTOMATIC, None),
    ("调解各类矛盾纠纷5169件,调解成功5089件,调解成功率为98.45%。", "5089件", "mediation_success", AUTOMATIC, None),
    # A quoted plan period is the whole period's work, not a named part of it.
    ("开展“八五”普法宣传活动1200余场次,发放宣传资料30万份。", "1200余场次", "legal_education_events", AUTOMATIC,
     None),
    # A court's cases of every kind and instance are not the lawsuits against the government.
    ("全市两级法院共受理各类行政案件986件,审结912件。", "912件", "admin_litigation_concluded", NEEDS_REVIEW, LUMPED),
    ("全年新收一审行政诉讼案件235件,审结218件。", "218件", "admin_litigation_concluded", AUTOMATIC, None),
    # A study whose paragraph never says law may have been on any subject; law said earlier in it is enough.
    ("局党组组织召开理论中心组学习25次。", "25次", "leadership_study_sessions", NEEDS_REVIEW, NO_TOPIC),
    # The sentence before may name the topic; a paragraph that spoke of law two sentences earlier does not.
    ("将习近平法治思想纳入党委理论学习中心组学习内容。县委理论学习中心组集中学习15次。", "15次",
     "leadership_study_sessions", AUTOMATIC, None),
    ("将习近平法治思想纳入党委理论学习中心组学习内容。深入学习全会精神。全年共进行党委理论学习中心组学习14次。",
     "14次", "leadership_study_sessions", NEEDS_REVIEW, NO_TOPIC),
    ("将习近平法治思想纳入中心组学习重要内容。组织领导干部集中学习培训70余场次。", "70余场次",
     "leadership_study_sessions", AUTOMATIC, None),
    # A count whose phrase names no subject takes the clause before it: two meetings there, both counted at once.
    ("县政府党组会议、常务会议带头落实学法制度,开展会前学法21次。", "21次", "law_study_before_meetings", NEEDS_REVIEW,
     LUMPED),
    ("坚持理论学习中心组学法制度,坚持政府常务会议学法制度,组织会前学法19次。", "19次", "law_study_before_meetings",
     AUTOMATIC, None),
    # The topic named last before the count is another one: the study was on that; law named after it is its own.
    ("深入学习习近平法治思想,开展主题教育,组织召开理论中心组学习25次。", "25次", "leadership_study_sessions",
     NEEDS_REVIEW, NO_TOPIC),
    ("区委理论学习中心组党的二十大专题学习3次。", "3次", "leadership_study_sessions", NEEDS_REVIEW, NO_TOPIC),
    ("深入学习党的二十大精神和习近平法治思想,区委理论学习中心组专题学习3次。", "3次", "leadership_study_sessions",
     AUTOMATIC, None),
    # A note in parentheses or the agenda of the counted meetings qualifies one count; it lumps nothing.
    ("全年受理一审行政诉讼案件412件(不包括诉前协调和执行案件)。", "412件", "admin_litigation_cases", AUTOMATIC, None),
    ("县政府党组会议6次专题研究法治政府建设和依法行政工作。", "6次", "rule_of_law_meetings", AUTOMATIC, None),
    ("组织120名领导干部参加法治讲座和旁听庭审活动。", "120名", "officials_trained", NEEDS_REVIEW, LUMPED),
    # One count over two acts of different indicators: amended and repealed together. Not government rules, whose
    # indicator counts the rules enacted, revised or repealed; rules lumped with regulations are two kinds, though.
    ("共修改、废止规范性文件132件。", "132件", "normative_docs_repealed", NEEDS_REVIEW, LUMPED),
    ("共修改、废止规章5件、规范性文件132件。", "5件", "gov_rules_enacted", AUTOMATIC, None),
    ("共修改、废止法规规章103件。", "103件", "gov_rules_enacted", NEEDS_REVIEW, LUMPED),
    ("县委理论学习中心组开展专题学习和法治培训6次。", "6次", "leadership_study_sessions", NEEDS_REVIEW, LUMPED),
    ("修订规章5件,废止规范性文件13件。", "13件", "normative_docs_repealed", AUTOMATIC, None),
    # The newly promoted are a part of all officials: withdrawn, not doubted.
    ("组织新提任县管领导干部任前法律知识考试48人次。", "48人次", None, AUTOMATIC, None),
    # Cancelled and delegated powers counted once: neither act alone.
    ("全县共取消下放行政审批事项36项。", "36项", "service_items_cancelled", NEEDS_REVIEW, LUMPED),
    ("乡级共取消、下放行政权力事项52项。", "52项", "powers_delegated", NEEDS_REVIEW, LUMPED),
    ("省政府先后公布取消、调整和下放行政审批事项等共58项。", "58项", "powers_delegated", NEEDS_REVIEW, LUMPED),
    ("2023年,我局共承办市人大政协议提案52件。", "52件", "cppcc_proposals_handled", NEEDS_REVIEW, LUMPED),
    ("市政府继续办理人大代表去年的812件建议提案。", "812件", "npc_suggestions_handled", NEEDS_REVIEW, LUMPED),
    # Suggestions and proposals counted as one.
    ("区政府系统共承办区人大代表和政协委员建议提案318件。", "318件", "cppcc_proposals_handled", NEEDS_REVIEW, LUMPED),
    ("向乡镇下放行政权力事项52项。", "52项", "powers_delegated", AUTOMATIC, None),
    # A list of kinds summed with 等共计: all of them, not the last one named.
    ("公开政策文件、图片解读、政策解读等共计1260条。", "1260条", "policy_interpretations", NEEDS_REVIEW, LUMPED),
    ("全年发布政策解读126条。", "126条", "policy_interpretations", AUTOMATIC, None),
    # Meetings of several bodies counted once.
    ("召开县委全面依法治县委员会、委员会办公室及各协调小组会议9次。", "9次", "rule_of_law_meetings", NEEDS_REVIEW,
     LUMPED),
    # A talk (宣讲) is the public's legal education only where its sentence says the public heard it.
    ("全县组织开展习近平法治思想专题宣讲46场次。", "46场次", "legal_education_events", NEEDS_REVIEW, NO_AUDIENCE),
    ("组织法律顾问进村入户开展宣讲36场次,覆盖群众2000余人。", "36场次", "legal_education_events", AUTOMATIC, None),
    # One service body's own count is its share of the area's: a centre, a team, "the centre" named before.
    ("县法律援助中心接待群众法律咨询1560人次。", "1560人次", "legal_consultations", NEEDS_REVIEW, ONE_BODY),
    ("县法律援助中心全年办理法律援助案件312件。", "312件", "legal_aid_cases", AUTOMATIC, None),
    # Reviewed and filed, one count over two acts; the review of what was filed is one act.
    ("全年审查和备案规范性文件54件。", "54件", "normative_docs_filing_reviewed", NEEDS_REVIEW, LUMPED),
    ("全年备案审查规范性文件54件。", "54件", "normative_docs_filing_reviewed", AUTOMATIC, None),
    ("镇矛盾纠纷调处中心共调解矛盾纠纷86件。", "86件", "mediation_cases", NEEDS_REVIEW, ONE_BODY),
    ("该中心全年为群众提供法律咨询1200余人次。", "1200余人次", "legal_consultations", NEEDS_REVIEW, ONE_BODY),
    ("全县共办理法律援助案件312件。", "312件", "legal_aid_cases", AUTOMATIC, None),
    ("全区各级人民调解组织共调解矛盾纠纷2860件。", "2860件", "mediation_cases", AUTOMATIC, None),
    # The centre's own visitors are its indicator, not a share.
    ("区公共法律服务中心接待办事群众3218人次。", "3218人次", "public_legal_service_visits", AUTOMATIC, None),
    # A town's executive meeting (镇长办公会) is the meeting's study, beside the party committee's: both counted once.
    ("镇党委会、镇长办公会议集体学法10次。", "10次", "law_study_before_meetings", NEEDS_REVIEW, LUMPED),
    # What a count is, said only by its paragraph's opening clause: that clause may be the paragraph's theme, not
    # the subject of each later sentence. Said in the sentence, or by a heading or the title, it is the subject.
    ("加强法治宣传教育,营造浓厚氛围。依托微信公众号开展网上有奖知识竞赛3场次。", "3场次", "legal_education_events",
     NEEDS_REVIEW, TOPIC_SCOPE),
    ("依托微信公众号开展网上法治知识竞赛3场次。", "3场次", "legal_education_events", AUTOMATIC, None),
    ("深化行政复议体制改革。受理案件80件,其中纠错9件。", "80件", "admin_review_accepted", NEEDS_REVIEW, TOPIC_SCOPE),
    ("全年受理行政复议案件80件,其中纠错9件。", "9件", "admin_review_corrected", AUTOMATIC, None),
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.mark.parametrize(
    ("sentence", "figure", "indicator", "status", "reason"), CASES, ids=[f"{c[1]}-{c[0][:10]}" for c in CASES]
)
def test_doubts(
    catalogue: Catalogue, sentence: str, figure: str, indicator: str | None, status: str, reason: str | None
) -> None:
    assert assignment_of(sentence, figure, catalogue) == (indicator, status, reason)


def test_each_of_several_kinds_is_doubted(catalogue: Catalogue) -> None:
    # One each of two kinds is two events, not three.
    text = "在国家宪法日期间开展宪法、民法典主题普法宣传活动各3场次。"
    assert assignment_of(text, "3场次", catalogue) == ("legal_education_events", NEEDS_REVIEW, EACH)


def test_every_reason_is_worded_in_both_languages() -> None:
    for reason in REVIEW_REASONS:
        zh, en = STRINGS[f"doubt.{reason}"]
        assert zh and en and zh != en and len(LANGS) == 2


def test_doubt_families_are_grammar_families() -> None:
    families = set(load_grammar().family_members)
    doubts = load_doubts()
    assert doubts.requires_act <= families
    assert set(doubts.topics) <= families
    assert doubts.sentence_domains == {"leadership"}


def test_the_reason_is_stored_with_the_figure_and_the_figure_stays_off_charts(base_db: Path) -> None:
    from tests.conftest import query

    rows = query(
        base_db,
        "SELECT f.text, f.indicator_id, f.assignment_status, f.review_reason FROM figures f "
        "JOIN reports r USING (report_id) WHERE r.source_file = ? ORDER BY f.figure_num",
        ["005_qijiang_guanbazhen_2025.txt"],
    )
    doubted = {text: (indicator, status, reason) for text, indicator, status, reason in rows if reason}
    assert doubted == {
        "40场次": ("leadership_study_sessions", NEEDS_REVIEW, NO_SUBJECT),
        "800余人次": ("officials_trained", NEEDS_REVIEW, LUMPED),
    }
    # The automatic ones carry no reason.
    assert all(reason is None for _, _, status, reason in rows if status == AUTOMATIC)
    # Observations (what charts draw by default) keep the status, so pages leave these out unless asked.
    observed = query(
        base_db,
        "SELECT o.indicator_id, o.assignment_status FROM observations o JOIN reports r USING (report_id) "
        "WHERE r.source_file = ? AND o.indicator_id IN ('leadership_study_sessions', 'officials_trained')",
        ["005_qijiang_guanbazhen_2025.txt"],
    )
    assert sorted(observed) == [("leadership_study_sessions", AUTOMATIC), ("officials_trained", NEEDS_REVIEW)]


COURT_REPORT = "某市中级人民法院行政审判白皮书\n"


@pytest.mark.parametrize(
    ("sentence", "figure", "kind", "status"),
    [
        # A court's caseload counts every instance: the government's lawsuits are the first instance only.
        ("2023年,全市法院共受理行政诉讼案件2140件,审结1986件。", "2140件", "admin_trial_report", NEEDS_REVIEW),
        ("2023年,全市法院共受理行政诉讼案件2140件,审结1986件。", "1986件", "admin_trial_report", NEEDS_REVIEW),
        ("2023年,全市法院受理一审行政诉讼案件1320件。", "1320件", "admin_trial_report", AUTOMATIC),
        # A government's own report speaks of its own lawsuits.
        ("2023年,全市共发生行政诉讼案件320件。", "320件", "rule_of_law_report", AUTOMATIC),
    ],
)
def test_a_courts_caseload_counts_every_instance(
    catalogue: Catalogue, sentence: str, figure: str, kind: str, status: str
) -> None:
    document = build_document(COURT_REPORT + sentence)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    assignment = assign_with_status(document.folded, figures, catalogue, document_kind=kind)
    index = [f.text for f in figures].index(figure)
    assert assignment.statuses[index] == status
    assert assignment.review_reasons[index] == (LUMPED if status == NEEDS_REVIEW else None)
    assert (assignment.indicator_ids[index] or "").startswith("admin_litigation")


@pytest.mark.parametrize(
    ("kind", "status", "reason"),
    [
        # An FOI annual report's review and litigation section counts the disputes over disclosure only.
        ("info_disclosure_report", NEEDS_REVIEW, KIND_PART),
        # A government's own report counts all of its reviews.
        ("rule_of_law_report", AUTOMATIC, None),
    ],
)
def test_what_a_kind_of_document_counts_is_its_part(
    catalogue: Catalogue, kind: str, status: str, reason: str | None
) -> None:
    document = build_document("某区2023年政府信息公开工作年度报告\n四、行政复议情况\n全年收到行政复议申请6件。")
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    assignment = assign_with_status(document.folded, figures, catalogue, document_kind=kind)
    index = [f.text for f in figures].index("6件")
    assert assignment.indicator_ids[index] == "admin_review_applications"
    assert assignment.statuses[index] == status
    assert assignment.review_reasons[index] == reason


def test_a_rate_after_parts_of_two_subjects_is_shared(catalogue: Catalogue) -> None:
    # 其中,建议8件,提案2件,满意率为100%: the parts are withdrawn from the totals, yet they name two subjects, and the
    # bare rate after them is both's.
    document = build_document("满意10件,其中,建议8件,提案2件,满意率为100%。")
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    assert [f.text for f in figures] == ["10件", "8件", "2件", "100%"]
    final = [None, None, None, "cppcc_proposals_satisfaction"]
    proposed = [None, "npc_suggestions_handled", "cppcc_proposals_handled", "cppcc_proposals_satisfaction"]
    grammar = load_grammar()
    assert review_reasons(document.folded, figures, final, catalogue, grammar, proposed=proposed)[3] == SHARED_RATE
    # What was asserted alone (the parts' subjects unknown) names one subject or none: no doubt.
    assert review_reasons(document.folded, figures, final, catalogue, grammar)[3] is None


@pytest.mark.parametrize(
    ("text", "status", "reason"),
    [
        # Short numbered items, one count each, twice on one indicator: a breakdown (by level), neither is the whole.
        ("2023年,我局共承担人大政协建议提案105件办理任务。\n1.省人大代表建议3件\n2.省政协委员提案5件\n"
         "3.市人大代表建议39件\n4.市政协委员提案56件\n", NEEDS_REVIEW, SPLIT),
        # One item on the indicator: nothing is split.
        ("2023年工作情况如下。\n1.办理市人大代表建议39件\n2.召开专题会议3次\n", AUTOMATIC, None),
        # Numbered sections of prose are no breakdown: each may restate the year's count.
        ("一、工作情况\n1.深化建议办理工作,健全交办、督办、答复机制,加强与代表沟通联系,提升办理质量,全年办理市人大代表建议39件,"
         "均按时办结。\n2.规范办理流程,推动建议办理成果转化,完善办理工作考核办法,强化结果运用,年内累计办理市人大代表建议39件。\n",
         AUTOMATIC, None),
    ],
)
def test_short_numbered_items_are_a_breakdown(catalogue: Catalogue, text: str, status: str, reason: str | None) -> None:
    document = build_document(text)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    assignment = assign_with_status(document.folded, figures, catalogue)
    index = [f.text for f in figures].index("39件")
    assert assignment.indicator_ids[index] == "npc_suggestions_handled"
    assert (assignment.statuses[index], assignment.review_reasons[index]) == (status, reason)
