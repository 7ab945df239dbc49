"""Related documents: a government body's report on a rule-of-law subject is loaded with its kind; a story is not."""

from __future__ import annotations

import pytest

from etl.extract.pipeline import NotAReportError, extract_text
from etl.extract.read import normalise_text

DISPUTE_CENTRE = (
    "铜梁区矛盾纠纷多元化解中心关于2023年工作情况的报告\n\n"
    "区人大常委会:\n2023年,区矛盾纠纷多元化解中心在区委、区政府领导下,坚持和发展新时代“枫桥经验”,"
    "统筹人民调解、行政调解、司法调解,全年共受理矛盾纠纷4210件,调解成功4105件,调解成功率97.5%。"
    "中心整合信访、人民调解、律师调解等力量,入驻调解组织12个,排查化解重点矛盾纠纷136件,"
    "调处涉企纠纷220件,化解信访积案18件。现将有关情况报告如下。\n"
)
ADMIN_REVIEW = (
    "2022年度行政复议工作情况报告\n\n"
    "2022年,区政府行政复议机构坚持依法办案,全年共收到行政复议申请135件,依法受理128件,"
    "审结行政复议案件120件,其中维持86件,撤销或确认违法12件,通过调解和解方式结案14件。\n"
)
NOVEL = (
    "第一章 小镇的春天\n\n那年春天,张家和李家因为一堵墙吵了起来,村里的老人出面调解,"
    "大家坐在槐树下喝茶,说起往年的收成,说起远方的亲戚,天色渐渐暗了下来,孩子们在田埂上奔跑。"
    "后来两家人又成了好邻居,逢年过节还互相送去自家做的点心,日子就这样一天天过去了。\n"
)


def _extract(text: str):
    return extract_text(normalise_text(text), "doc.txt", "txt", None, None, None)


# An agency's news item on its enforcement campaign: no 法治政府 or 依法行政 in it, every line about enforcement.
ENFORCEMENT_CAMPAIGN = (
    "9月5日,市市场监管局通报今年以来专项执法行动成效。截至8月底,全市共立案查处各类违法案件1268件,结案1103件,"
    "罚没款2356.8万元,移送司法机关6件。市市场监管局成立专项行动工作领导小组,编制5个执法指引,规范执法办案程序,"
    "开展执法检查1.2万次,对重点领域开展双随机抽查。下一步,市市场监管局将持续开展执法行动,维护市场秩序。\n"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [(DISPUTE_CENTRE, "dispute_resolution_report"), (ADMIN_REVIEW, "admin_review_report"),
     (ENFORCEMENT_CAMPAIGN, "enforcement_report")],
    ids=["dispute-centre", "admin-review", "enforcement-campaign"],
)
def test_related_document_is_loaded_with_its_kind_and_figures(text: str, kind: str) -> None:
    extraction = _extract(text)
    assert extraction.meta.document_kind == kind
    assert len(extraction.figures) >= 3


def test_dispute_centre_keeps_its_mediation_figures() -> None:
    extraction = _extract(DISPUTE_CENTRE)
    by_text = dict(zip((f.text for f in extraction.figures), extraction.indicator_ids, strict=True))
    assert by_text["4105件"] == "mediation_success"
    assert by_text["97.5%"] == "mediation_success_rate"


def test_a_story_that_mentions_mediation_is_still_refused() -> None:
    with pytest.raises(NotAReportError, match="does not look like"):
        _extract(NOVEL)


def test_the_default_report_stays_a_rule_of_law_report() -> None:
    from tests.conftest import QIJIANG_TEXT

    assert _extract(QIJIANG_TEXT).meta.document_kind == "rule_of_law_report"


# Related documents of each declared kind, written for this test in the styles real ones use: page chrome before
# the title, the title on a line of its own, a salutation, figures in running text. None says 法治政府 or 依法行政
# twice, so each is loaded for its kind, not as a rule-of-law report.
SUGGESTIONS = (
    "首页 > 政务公开 > 建议提案办理\n"
    "关于2022年度人大代表建议和政协委员提案办理工作情况的报告\n"
    "发布时间:2023-02-15 来源:市政府办公室 字号:大 中 小\n"
    "市人大常委会:\n"
    "2022年,市政府共承办市人大代表建议186件、市政协提案243件,已全部按时办复,办复率100%。"
    "其中,主办建议132件、提案170件,会办建议54件、提案73件。代表委员对办理结果满意和基本满意率达98.6%。"
    "现将有关情况报告如下。\n"
)
COURT_WHITE_PAPER = (
    "2021年度行政审判白皮书\n"
    "江城市中级人民法院\n"
    "2022年5月\n"
    "2021年,全市法院共受理各类行政案件1268件,审结1190件,结案率93.8%。其中一审行政案件865件,"
    "二审行政案件403件。行政机关败诉案件96件,败诉率8.1%。全市行政机关负责人出庭应诉率达到95.2%。"
    "全市法院向行政机关发出司法建议23份,推动行政争议实质性化解。\n"
)
LITIGATION = (
    "江城市交通运输局2022年度行政应诉工作情况\n"
    "2022年,我局共发生行政诉讼案件14件,其中一审11件、二审3件。已审结12件,胜诉10件,败诉2件。"
    "局主要负责人出庭应诉3次,行政机关负责人出庭应诉率100%。对败诉案件逐一分析原因,整改到位。\n"
)
REVIEW_OFFICE = (
    "江城市人民政府行政复议办公室2022年工作报告\n"
    "2022年,市行政复议办公室共收到复议申请92件,受理88件,共办结案件86件,"
    "其中维持61件,撤销或确认违法9件,驳回申请人请求7件,调解和解后申请人撤回9件。\n"
)
JUSTICE_BUREAU = (
    "江城市司法局2022年工作总结\n"
    "2022年,市司法局围绕中心、服务大局,全年共办理法律援助案件1260件,办理公证事项8432件;"
    "全市人民调解组织调处矛盾纠纷5421件,调解成功5300件;新接收社区矫正对象312人。\n"
)
DEPARTMENT_REPORT = (
    "江城市市场监督管理局2022年法治政府建设情况\n"
    "2022年,我局认真落实年度工作要点,全年开展执法检查1320次,办理行政处罚案件486件,"
    "组织执法人员培训12期、培训560人次,开展普法宣传活动36场。\n"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (SUGGESTIONS, "suggestions_proposals_report"),
        (COURT_WHITE_PAPER, "admin_trial_report"),
        (LITIGATION, "admin_litigation_report"),
        (REVIEW_OFFICE, "admin_review_report"),
        (JUSTICE_BUREAU, "justice_administration_report"),
        (DEPARTMENT_REPORT, "rule_of_law_report"),
    ],
    ids=["suggestions", "court-white-paper", "litigation", "review-office", "justice-bureau", "department"],
)
def test_each_declared_kind_is_loaded_with_its_figures(text: str, kind: str) -> None:
    extraction = _extract(text)
    assert extraction.meta.document_kind == kind
    assert len(extraction.figures) >= 5


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于2022年度人大代表建议和政协委员提案办理工作情况的报告", "suggestions_proposals_report"),
        ("江城区2022年人大代表建议、政协提案办理情况", "suggestions_proposals_report"),
        ("2021年度行政审判白皮书", "admin_trial_report"),
        ("江城市2021年度行政案件司法审查报告", "admin_trial_report"),
        ("江城市2022年行政机关负责人出庭应诉工作情况通报", "admin_litigation_report"),
        ("江城市司法局2022年工作总结", "justice_administration_report"),
        ("江城市司法局2022年法治政府建设情况报告", "rule_of_law_report"),
        ("2022年度行政复议工作情况报告", "admin_review_report"),
    ],
)
def test_a_title_names_its_kind(title: str, kind: str) -> None:
    from etl.extract.kinds import load_kind_rules, title_kind

    folded = normalise_text(f"首页 > 政务公开\n{title}\n发布时间:2023-01-10\n2022年,我们……")
    assert title_kind(folded, load_kind_rules()) == (kind, title)


def test_headings_sentences_and_chrome_are_no_title() -> None:
    from etl.extract.kinds import load_kind_rules, title_kind

    folded = normalise_text(
        "首页 > 行政复议工作情况报告\n一、行政复议工作情况\n(二)建议提案办理情况\n"
        "今年行政复议工作情况总体平稳,现报告如下。\n"
    )
    assert title_kind(folded, load_kind_rules()) is None


def test_suggestions_passage_without_its_title_is_loaded_from_its_body() -> None:
    body = SUGGESTIONS.split("市人大常委会:\n", 1)[1]
    assert _extract(body).meta.document_kind == "suggestions_proposals_report"


def test_a_body_speaking_of_its_own_suggestions_work_is_loaded_without_title_or_report_words() -> None:
    # 我局…: a body's own account of its work, though it says neither 报告 nor 工作 nor 情况.
    body = (
        "2023年,我局共办理省、市代表建议和政协提案86件,其中市代表建议21件(主办8件、会办13件),"
        "市政协提案58件(主办17件、会办41件),省政协提案会办7件。走访率、办复率、满意率均为100%。"
        "这些建议提案主要围绕义务教育、职业教育等热点问题。\n"
    )
    extraction = _extract(body)
    assert extraction.meta.document_kind == "suggestions_proposals_report"
    by_text = {f.text: i for i, f in enumerate(extraction.figures)}
    assert {"86件", "21件", "58件", "7件"} <= set(by_text)


SPORTS = (
    "江城市第十届全民运动会圆满落幕\n"
    "本届运动会由市体育局主办,历时15天,共设足球、篮球、游泳等28个大项,3200名运动员参赛,"
    "江城一中代表队获得团体总分第一名。市体育局负责人表示,今年全民健身工作情况良好,将继续办好群众体育赛事。\n"
)
ADVERT = (
    "江城某某科技有限公司2022年度新品发布\n"
    "我公司推出智能家居系列产品共12款,售价低至999元,全国门店300家同步发售,"
    "购买即送价值199元的礼品,服务热线400-800-1234,欢迎广大客户选购,详情请咨询各门店工作人员。\n"
)
RECIPE = (
    "家常红烧肉的做法\n"
    "主料:五花肉500克。辅料:冰糖30克、生抽2勺、老抽1勺、料酒2勺、姜3片、八角2个。"
    "做法:五花肉切块焯水,锅中放冰糖小火炒出糖色,下肉块翻炒上色,加入调料和热水,小火炖煮60分钟,大火收汁即可。\n"
)
ONE_MEDIATION = (
    "社区新闻:老旧小区加装电梯工作情况\n"
    "今年以来,街道办事处推进老旧小区改造,共为12个小区加装电梯36部,惠及居民1800户。"
    "加装过程中低层住户有不同意见,经社区调解后达成一致,工程于10月全部完工,居民出行更加方便。\n"
)
SUGGESTION_NEWS = (
    "专家关于冬季饮食的建议\n"
    "专家建议,冬季饮食要注意营养均衡,多吃蔬菜水果,每天饮水1500毫升以上,老年人要注意保暖,"
    "有慢性病的人群应按时服药,如有不适及时就医。市卫生健康委员会提醒市民关注自身健康情况。\n"
)


SCHOOL = (
    "实验小学2023学年工作总结\n本学年学校共有学生1260名,教师86名,组织开展读书节、科技节等活动12次,"
    "学生参加市级以上比赛获奖45人次,家长满意率达98%。\n"
)
COMPANY = (
    "某某集团2022年经营情况\n全年实现营业收入35.6亿元,同比增长12.3%,新签合同额48亿元,员工总数2300人,"
    "组织安全培训120场次,培训员工5600人次。\n"
)
LAWSUIT_NEWS = (
    "男子欠钱不还被判返还\n原告张某起诉被告李某借款纠纷一案,法院审理查明被告借款5万元未还,"
    "判决被告于判决生效后10日内返还借款5万元及利息,案件受理费1050元由被告负担。\n"
)
FITNESS = (
    "全民健身运动会举行\n市体育局组织开展全民健身活动30场次,参与群众达2万人次,举办培训班5期,"
    "培训社会体育指导员300人,全年工作情况良好。\n"
)


@pytest.mark.parametrize(
    "text",
    [NOVEL, SPORTS, ADVERT, RECIPE, ONE_MEDIATION, SUGGESTION_NEWS, SCHOOL, COMPANY, LAWSUIT_NEWS, FITNESS],
    ids=[
        "novel", "sports", "advert", "recipe", "one-mediation", "suggestion-news", "school", "company",
        "lawsuit-news", "fitness",
    ],
)
def test_unrelated_texts_are_still_refused(text: str) -> None:
    with pytest.raises(NotAReportError, match="does not look like"):
        _extract(text)


# Excerpts that name neither their subject nor their kind: their figures are the catalogue's own.
LEGAL_SERVICES_EXCERPT = (
    "2024年,全县共办理法律援助案件236件,受理人民调解案件356件,调解成功率98.5%;组织开展送法下乡活动42场次,"
    "发放宣传资料1.2万份,群众对公共法律服务的知晓率进一步提高。\n"
)
SUGGESTIONS_EXCERPT = (
    "全年共办理人大代表建议45件、政协委员提案62件,均已按期办结,办结率100%,代表委员对办理工作总体满意,"
    "各承办单位认真落实有关意见,推动解决了一批群众关心的实际问题。\n"
)


# Its only catalogue figures are parts the grammar withdraws from the total's indicator: still the catalogue's subject.
OUTCOMES_EXCERPT = (
    "区政协委员提案经认真办理,47件提案所提问题已经解决或基本解决,42件提案所提问题已列入工作计划,"
    "7件提案所提问题因客观条件限制暂时难以解决,已向提案委员作出说明,各承办单位将继续跟踪落实。\n"
)


def test_an_excerpt_whose_catalogue_figures_are_all_parts_still_loads() -> None:
    extraction = _extract(OUTCOMES_EXCERPT)
    assert extraction.meta.document_kind == "rule_of_law_figures"
    assert [f.text for f in extraction.figures] == ["47件", "42件", "7件"]
    assert extraction.indicator_ids == (None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LEGAL_SERVICES_EXCERPT, {"236件": "legal_aid_cases", "356件": "mediation_cases"}),
        (SUGGESTIONS_EXCERPT, {"45件": "npc_suggestions_handled", "62件": "cppcc_proposals_handled"}),
    ],
    ids=["legal-services", "suggestions"],
)
def test_an_excerpt_with_catalogue_figures_loads_and_every_assignment_waits_for_review(
    text: str, expected: dict[str, str]
) -> None:
    extraction = _extract(text)
    assert extraction.meta.document_kind == "rule_of_law_figures"
    assigned = {
        f.text: (i, s, r)
        for f, i, s, r in zip(
            extraction.figures, extraction.indicator_ids, extraction.assignment_statuses, extraction.review_reasons,
            strict=True,
        )
        if i is not None
    }
    for text_as_written, indicator_id in expected.items():
        assert assigned[text_as_written] == (indicator_id, "needs_review", "other_document")
    assert all(status == "needs_review" for _, status, _ in assigned.values())


def test_the_kind_is_decided_before_the_indicators_and_stored_with_the_report() -> None:
    extraction = _extract(COURT_WHITE_PAPER)
    assert extraction.meta.document_kind == "admin_trial_report"
    by_text = {f.text: f for f in extraction.figures}
    assert by_text["1268件"].value == 1268.0
    assert by_text["95.2%"].unit == "%"


def test_an_untitled_news_item_on_a_court_white_paper_is_a_trial_report() -> None:
    from etl.extract.pipeline import extract_text

    text = (
        "新华网讯 记者从XX省高级人民法院获悉,XX省法院日前发布2023年度行政审判白皮书。白皮书显示,全省法院"
        "2023年新收一审行政诉讼案件3210件,审结3105件,行政机关负责人出庭应诉率达92.5%,促进法治政府建设。"
    )
    assert extract_text(text, "court-news.txt").meta.document_kind == "admin_trial_report"


def test_a_government_information_disclosure_report_is_a_related_document() -> None:
    from etl.extract.pipeline import extract_text

    text = (
        "XX县人民政府2023年度政府信息公开工作年度报告\n"
        "根据《中华人民共和国政府信息公开条例》,现公布本县2023年度政府信息公开工作年度报告。\n"
        "一、总体情况\n全年主动公开政府信息1520条,受理政府信息公开申请46件,予以公开31件,不予公开3件。"
        "因政府信息公开申请引发行政复议2件、行政诉讼1件。\n"
    )
    extraction = extract_text(text, "foi.txt")
    assert extraction.meta.document_kind == "info_disclosure_report"
    assignments = {f.text: i for f, i in zip(extraction.figures, extraction.indicator_ids, strict=True)}
    assert assignments["1520条"] == "info_disclosed"
