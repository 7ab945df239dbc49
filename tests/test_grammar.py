"""Clause grammar on real phrasings: the act decides among a family's indicators, scope markers withdraw a
total's indicator from a part, changes are not levels. Sentences run through the real extraction steps.

The phrasings come from several reports' ways of saying the same thing (and from the kinds of mistakes
seen on reports this repository never holds); none is copied from the development set.
"""

from __future__ import annotations

import pytest

from etl.catalogue import Catalogue, load_catalogue
from etl.extract.assignment import assign
from etl.extract.figures import extract_figures
from etl.extract.grammar import Grammar, clause_act, load_grammar, parse_grammar
from etl.extract.pipeline import build_document
from etl.extract.structure import find_sections, split_sentences


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def assigned(sentence: str, catalogue: Catalogue) -> list[tuple[str, str | None]]:
    document = build_document(sentence)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    return [(f.text, i) for f, i in zip(figures, assign(document.folded, figures, catalogue), strict=True)]


CASES: list[tuple[str, list[tuple[str, str | None]]]] = [
    # The act, not the noun next to the figure: 审结…申请 is concluded.
    ("全年共审结行政复议申请135件(含上年度结转)。", [("135件", "admin_review_concluded")]),
    ("共收到行政复议申请88件,依法受理80件,审结76件。",
     [("88件", "admin_review_applications"), ("80件", "admin_review_accepted"), ("76件", "admin_review_concluded")]),
    ("行政复议机关新收案件212件,不予受理9件,办结198件。",
     [("212件", "admin_review_applications"), ("9件", "admin_review_not_accepted"),
      ("198件", "admin_review_concluded")]),
    ("行政复议案件受理后办结95件,通过调解和解方式化解21件,纠错18件。",
     [("95件", "admin_review_concluded"), ("21件", "admin_review_settled"), ("18件", "admin_review_corrected")]),
    # A part (其中) never carries the total's indicator.
    ("全国共办结行政复议案件30.2万件,其中司法部办结国务院行政复议案件4644件。",
     [("30.2万件", "admin_review_concluded"), ("4644件", None)]),
    ("全年受理行政复议案件300件,其中涉及征收拆迁的案件120件。",
     [("300件", "admin_review_accepted"), ("120件", None)]),
    # One named kind or procedure is not the total.
    ("培育“枫桥式”司法所14个,建成人民调解委员会320个。", [("14个", None), ("320个", "mediation_committees")]),
    ("办理“免申即享”事项约7000余件次。", [("7000余件次", None)]),
    ("通过告知承诺方式办理涉企经营事项共计27383件。", [("27383件", None)]),
    # Received from above is not delegated down.
    ("承接市级下放的行政许可事项32项。", [("32项", "licensing_items_received")]),
    ("向街镇下放行政执法事项56项。", [("56项", "powers_delegated")]),
    # 调处 is mediation too; success is its own member.
    ("全年调处矛盾纠纷案件1.35万件,调处成功1.3万件。",
     [("1.35万件", "mediation_cases"), ("1.3万件", "mediation_success")]),
    # Lawsuits: concluded and settled apart from cases.
    ("行政应诉案件30件,审结28件,协调化解撤诉6件。",
     [("30件", "admin_litigation_cases"), ("28件", "admin_litigation_concluded"), ("6件", "admin_litigation_settled")]),
    # Three online measures, never one.
    ("政务服务事项网上可办率达90.6%,网办率89%,全程网办率100%。",
     [("90.6%", "online_available_rate"), ("89%", "online_handled_rate"), ("100%", "fully_online_rate")]),
    # Who studied decides among the study indicators, also when the sentence named them before the count.
    ("区政府常务会议严格落实会前学法机制,全年开展集中学法20次。", [("20次", "law_study_before_meetings")]),
    ("镇党委理论学习中心组集中学习研讨习近平法治思想3次,全体机关干部集中学习习近平法治思想6次。",
     [("3次", "leadership_study_sessions"), ("6次", "staff_law_study_sessions")]),
    ("县委常委会会议专题学法4次。", [("4次", "leadership_study_sessions")]),
    # The act tells handled from listed service items; a unit the scrape lost after 万余 comes from 事项.
    ("共办理政务服务事项279万余。", [("279万余", "service_matters_handled")]),
    ("梳理公布政务服务事项1325项。", [("1325项", "service_items_listed")]),
    # Labels after the count, or in the clause before it.
    ("506名党政主要负责同志参与述职述法。", [("506名", "leaders_reporting_on_law")]),
    ("梳理公布198项区级行政许可事项。", [("198项", "licensing_items")]),
    ("畅通法律援助渠道,办理案件2.2万件。", [("2.2万件", "legal_aid_cases")]),
    ("承接198项行政许可事项。", [("198项", "licensing_items_received")]),
    # A change is not a level.
    ("行政复议纠错率12.5%,同比下降3.5%。", [("12.5%", "admin_review_correction_rate"), ("3.5%", None)]),
    # The counts of one named campaign are its part; the umbrella campaigns of legal education (“N进”) are all of it.
    ("组织开展“送法进企业”专项行动,律师为86家企业解答法律咨询340次,审查合同95份。",
     [("86家", None), ("340次", None), ("95份", None)]),
    ("深入开展“法律七进”活动,开展普法宣传52场次,发放宣传资料8000余份。",
     [("52场次", "legal_education_events"), ("8000余份", "legal_materials_distributed")]),
    # A rule-of-law body's meetings, the body named in the sentence before the count.
    ("县委成立依法治县委员会,全年召开委员会全体会议2次、协调小组会议5次。",
     [("2次", "rule_of_law_meetings"), ("5次", "rule_of_law_meetings")]),
    ("县政府常务会议专题听取法治政府建设情况汇报,研究相关工作12次。", [("12次", "rule_of_law_meetings")]),
    # …but not meetings on something else.
    ("召开安全生产工作推进会6次。", [("6次", None)]),
    # Counts in 件次 are counts of cases.
    ("组织法律顾问参与合同审查215件次。", [("215件次", "gov_contracts_reviewed")]),
    ("组织公职人员旁听法院庭审1200人次。", [("1200人次", "court_hearings_attended")]),
    # The count before the study it counts; who studied, from earlier in the sentence.
    ("区政府常务会专题研究营商环境优化等事项,全年完成《安全生产法》等6次集体学法。",
     [("6次", "law_study_before_meetings")]),
    ("组织机关干部职工学习《民法典》《行政处罚法》等法律法规9次。", [("9次", "staff_law_study_sessions")]),
    # Events are legal education when their sentence says law, not beside officials' courses or warning education.
    ("为领导干部举办法治专题培训班6期,开展专题宣讲127场次。",
     [("6期", "leadership_study_sessions"), ("127场次", None)]),
    ("开展宪法宣传周主题活动18场次。", [("18场次", "legal_education_events")]),
    # The deputies' own satisfaction; never when proposals stand beside it.
    ("交办的建议已全部办理完毕,人大代表反馈满意率为96%。", [("96%", "npc_suggestions_satisfaction")]),
    ("开展法治宣传“六进”活动32场次,覆盖群众两万余人次。",
     [("32场次", "legal_education_events"), ("两万余人次", "legal_education_audience")]),
    # The government's own level is a part beside the whole area's count (in its paragraph or the one before),
    # and the report's own count alone.
    ("全市新收行政复议申请5930件,同比增长75.7%。\n市本级新收行政复议申请3326件。",
     [("5930件", "admin_review_applications"), ("75.7%", None), ("3326件", None)]),
    ("市本级现有政务服务事项1689项。", [("1689项", "service_items_listed")]),
    # 其中 and 从…来看 reach every ;-clause of their sentence; what is still pending (未审结) counts no act.
    ("全年受理行政复议案件120件,其中涉及公安类的行政复议申请45件;涉及自然资源类的行政复议申请30件。",
     [("120件", "admin_review_accepted"), ("45件", None), ("30件", None)]),
    ("从本级受理的98件行政复议申请来看,对行政处罚不服的复议申请11件;对信息公开不服的复议申请47件。",
     [("98件", None), ("11件", None), ("47件", None)]),
    ("全年办结行政复议案件94件,未审结19件。", [("94件", "admin_review_concluded"), ("19件", None)]),
    # One outcome of the suggestions answered is a part.
    ("办理人大代表建议402件,已解决或基本解决的232件,列入计划解决的95件,留作参考的75件。",
     [("402件", "npc_suggestions_handled"), ("232件", None), ("95件", None), ("75件", None)]),
    # A named campaign's scope ends at its ;.
    ("开展“银发普法专场”活动2场,覆盖300余人次;发放宣传材料400余份。",
     [("2场", None), ("300余人次", None), ("400余份", "legal_materials_distributed")]),
    # The count before the thing counted: a meeting named for rule of law, rules after their act.
    ("将习近平法治思想纳入党委理论学习中心组重点内容,全年开展4次集中学习研讨;召开4次法治专题党委会。",
     [("4次", "leadership_study_sessions"), ("4次", "rule_of_law_meetings")]),
    ("修订养老服务等6部地方性法规和1部政府规章。", [("6部", None), ("1部", "gov_rules_enacted")]),
    ("对设区的市制定的35件政府规章进行审查。", [("35件", None)]),
    # 其中 inside brackets closed before a figure scopes only what the brackets hold.
    ("共办理人大建议18件(其中主办13件,协办5件),政协提案20件(其中主办17件,协办3件)。",
     [("18件", "npc_suggestions_handled"), ("13件", None), ("5件", None), ("20件", "cppcc_proposals_handled"),
      ("17件", None), ("3件", None)]),
    # A breakdown in parentheses is a part.
    ("交由区政府办理的代表建议共计156件(包括议案转建议6件),已全部办复。",
     [("156件", "npc_suggestions_handled"), ("6件", None)]),
    # One category of a total is a part; a norm is no count.
    ("收到行政复议申请56件,涉及行政处罚类21件、信息公开类9件。",
     [("56件", "admin_review_applications"), ("21件", None), ("9件", None)]),
    ("全年调解各类矛盾纠纷1260件。", [("1260件", "mediation_cases")]),
    ("要求县政府常务会议每季度会前学法不少于1次。", [("1次", None)]),
    # A verb a 、 list shares reaches its later items; two verbs lumped reach none of them.
    ("全年法律顾问审查重大行政决策3件、规范性文件12件、合同85份。",
     [("3件", "major_decisions_reviewed"), ("12件", "normative_docs_reviewed"), ("85份", "gov_contracts_reviewed")]),
    ("共修改、废止规章5件、规范性文件132件。", [("5件", "gov_rules_enacted"), ("132件", None)]),  # 5件: a doubt
    # A paragraph ending 其中: opens a list of parts, one paragraph an item, however far down the list.
    ("全市共收到行政复议申请1226件。其中:\n1.市政府收到行政复议申请310件;\n2.各区县收到行政复议申请916件。",
     [("1226件", "admin_review_applications"), ("310件", None), ("916件", None)]),
    ("全市共收到行政复议申请1226件。其中:\n\n(1)市政府收到行政复议申请310件。\n\n(2)市直部门收到85件。\n\n"
     "(3)区县政府收到行政复议申请831件。\n\n全年审结行政复议案件1103件。",
     [("1226件", "admin_review_applications"), ("310件", None), ("85件", None), ("831件", None),
      ("1103件", "admin_review_concluded")]),
    # What was planned is no count of what was done.
    ("全年计划安排会前学法8次,举办法治专题讲座2次。", [("8次", None), ("2次", None)]),
    # A study count takes its subject from earlier in the sentence, past counts of other things, not past another
    # study count: that one's subject was its own.
    ("区政府党组会、常务会议集体学法7次,举办科级干部法治讲座2次。",
     [("7次", "law_study_before_meetings"), ("2次", "leadership_study_sessions")]),
    ("区政府常务会集中听取重要涉法事项10余项,全年完成《农产品质量安全法》等4次集体学法。",
     [("10余项", None), ("4次", "law_study_before_meetings")]),
    # Problems rectified are an inspection's findings only where a check is named.
    ("推进“放管服”改革,完善“一件事”联办事项,整改问题300余项。", [("300余项", None)]),
    ("开展法治督察,发现问题20个,整改问题18个。", [("20个", None), ("18个", "rectification_items")]),
    # One level of the mediation network (乡村, 县级…) is that level's mediators or committees, a share; levels listed
    # together are all. Service stations count by level.
    ("全县现有乡村调解员173名,专兼职人民调解员711人。", [("173名", None), ("711人", "mediators")]),
    ("全省乡村人民调解委员会突破1万个,人民调解委员会共1.2万个。",
     [("1万个", None), ("1.2万个", "mediation_committees")]),
    ("建成乡镇(街道)、村(社区)公共法律服务工作站2000个。", [("2000个", "public_legal_service_stations")]),
    ("依托司法所建立乡镇公共法律服务工作站3.8万个。", [("3.8万个", "public_legal_service_stations")]),
    # A total restated to frame what follows (在…中, or opening its clause after it was stated) is counted once.
    ("全年共办理政协提案257件,已全部办结。257件提案里,涉及乡村振兴的41件。",
     [("257件", "cppcc_proposals_handled"), ("257件", None), ("41件", None)]),
    ("在受理的24件行政复议案件中,维持15件。", [("24件", None), ("15件", None)]),
    # One service channel's cases are its share; a channel named in an earlier clause frames the whole.
    ("共办理一窗受理事项2016项,全年综窗产生办件2万余件。", [("2016项", None), ("2万余件", None)]),
    ("推行“一窗受理、集成服务”模式,全年办理各类便民服务事项1500余件。", [("1500余件", "service_matters_handled")]),
    ("“一网通办”实办率达70.6%。", [("70.6%", "online_handled_rate")]),
    # Suggestions made between sessions are one kind of them.
    ("交区政府办理的闭会期间代表建议共有18件。", [("18件", None)]),
    # The villages a team went to are no villages covered by an adviser; one field's lawsuits (涉民生) are a part.
    ("组建由法律顾问组成的法治宣讲队,下沉全镇9个村(社区)开展靶向宣讲9次。",
     [("9个", None), ("9次", "legal_education_events")]),
    ("实现381个村(社区)法律顾问全覆盖。", [("381个", "legal_adviser_coverage_villages")]),
    ("全市共受理涉民生一审行政案件2745件。", [("2745件", None)]),
    # A leader's assigned items (交办件) are no service requests (办件); what the law says to disclose is disclosed.
    ("承办领导交办件法制审查74余件,全年办件量5.8万件。", [("74余件", None), ("5.8万件", "service_matters_handled")]),
    ("2025年政府网站发布法定主动公开内容5312条。", [("5312条", "info_disclosed")]),
    # The regions a service reaches are no channel: cross-region items are counted (异地办理 is 异地通办).
    ("梳理跨省通办事项20项,新增异地办理事项543项。",
     [("20项", "cross_region_services"), ("543项", "cross_region_services")]),
    # A court's non-litigation cases (行政非诉讼案件: its review of enforcement applications) are no lawsuits.
    ("全年共受理行政非诉讼案件608件,结案595件。", [("608件", None), ("595件", None)]),
    ("全年共受理行政诉讼案件608件,结案595件。", [("608件", "admin_litigation_cases"),
                                                 ("595件", "admin_litigation_concluded")]),
    # A site's publishing of information of every kind is its proactive disclosure; one channel's posts are not,
    # and a channel named after the count does not qualify it (exclude_before).
    ("2023年,县政府门户网站发布各类信息4180条,微信公众号发布信息960条。",
     [("4180条", "info_disclosed"), ("960条", None)]),
    ("依托微信公众号平台,全年发布信息215条。", [("215条", None)]),
    ("全年发布政务动态类信息306条。", [("306条", None)]),
    ("累计公开行政许可办理结果信息5120条。", [("5120条", None)]),
    ("“某某区发布”政务微博全年发布信息820条。", [("820条", None)]),
    ("全年主动公开政府信息3.2万条。", [("3.2万条", "info_disclosed")]),
    # An outcome of the review other than correction (upheld, dismissed) is no application.
    ("全年审结行政复议案件40件,作出维持决定18件,驳回行政复议申请的3件。",
     [("40件", "admin_review_concluded"), ("18件", None), ("3件", None)]),
    ("组织86名领导干部参加旁听庭审。", [("86名", "court_hearings_attended")]),
    ("年均办理公证4.2万件,全省有人民调解员3.1万名。", [("4.2万件", None), ("3.1万名", "mediators")]),
    # What deputies submitted is not what the government answered; the government's share after 其中 is.
    ("大会期间代表共提出建议612件,其中交由市政府系统办理的建议548件。",
     [("612件", None), ("548件", "npc_suggestions_handled")]),
    ("县代表团提出建议23件。", [("23件", None)]),
    # What each has (均配备…3名) is no total; the total beside it is.
    ("全县共有人民调解员1260名,全部村(社区)均配备专兼职调解员3名。", [("1260名", "mediators"), ("3名", None)]),
    # What a session took in is no answer; what the government was given to answer is.
    ("截至1月16日,区政协五届三次会议共收到提案223件。", [("223件", None)]),
    ("区政府共收到区政协三届四次会议提案115件,已全部办复。", [("115件", "cppcc_proposals_handled")]),
    # An agent's share of the government's lawsuits (a law firm, its legal advisers) is not all of them.
    ("法律顾问团队全年代理区政府行政诉讼案件12件。", [("12件", None)]),
    ("全年区政府发生行政诉讼案件12件。", [("12件", "admin_litigation_cases")]),
    # 成功 before the act is success too; one linkage's share is a part.
    ("全年排查矛盾纠纷640件,成功调处612件。", [("640件", "disputes_screened"), ("612件", "mediation_success")]),
    ("通过诉调对接成功化解矛盾纠纷86宗。", [("86宗", None)]),
    ("全年行政复议机构收案215件。", [("215件", "admin_review_applications")]),
    # 其中's parts run across ; while they count the same things; the next subject after ; is its own.
    ("全年办理法律援助案件4100余件,其中农民工案件900余件;全省设立调解组织5917个,配备人民调解员2.5万名。",
     [("4100余件", "legal_aid_cases"), ("900余件", None), ("5917个", "mediation_committees"),
      ("2.5万名", "mediators")]),
    # A medium named after its subject counts issues, not events.
    ("全年共出刊法治宣传栏24期,开展法治宣传活动36场次。", [("24期", None), ("36场次", "legal_education_events")]),
    # Mediation of administrative disputes is no people's mediation; enforcement's correction rate is not review's.
    ("行政争议化解中心共受理案件88件,调解成功52件,调解成功率59%。", [("88件", None), ("52件", None), ("59%", None)]),
    ("通过行政复议监督,全区行政执法纠错率降至3.2%。", [("3.2%", None)]),
    # One kind of proposal, by who made it or how it was rated, is a part.
    ("本次会议共收到政协委员提案420件,其中集体提案85件,重点提案8件。",
     [("420件", "cppcc_proposals_handled"), ("85件", None), ("8件", None)]),
    # A classification's classes and what became of that many proposals are parts of the proposals answered.
    ("区政府承办的政协提案120件已全部办复。经审查分类,教育方面的提案12件,民生保障方面的提案20件。",
     [("120件", "cppcc_proposals_handled"), ("12件", None), ("20件", None)]),
    ("区政府承办的政协提案120件已全部办复,86件提案所提问题已经解决或基本解决,30件提案所提问题需要长期推进,"
     "4件留作参考。",
     [("120件", "cppcc_proposals_handled"), ("86件", None), ("30件", None), ("4件", None)]),
    # A kind the catalogue counts on its own, after 其中 beside its total, is its own count (kinds_of); a part of
    # the kind's own earlier count is not.
    ("全年在门户网站发布信息2150条,其中政策解读信息86条。",
     [("2150条", "info_disclosed"), ("86条", "policy_interpretations")]),
    ("共清理规范性文件120件,废止31件,其中市政府废止12件。",
     [("120件", "normative_docs_cleaned"), ("31件", "normative_docs_repealed"), ("12件", None)]),
    # Hearing a report on rule of law is discussing it.
    ("县政府常务会议听取法治政府建设工作情况汇报3次。", [("3次", "rule_of_law_meetings")]),
    # The proposals on one topic are a part; a title's 关于 names the ones counted.
    ("区政府共办理政协提案210件,涉及教育、医疗等民生领域的相关提案74件。",
     [("210件", "cppcc_proposals_handled"), ("74件", None)]),
    ("区司法局办理《关于加强社区矫正工作的建议》等人大代表建议3件。", [("3件", "npc_suggestions_handled")]),
    # One group's or one field's share of a public service is a part of it.
    ("全年办理法律援助案件860件,为农民工办理法律援助案件210件,化解涉企矛盾纠纷95件。",
     [("860件", "legal_aid_cases"), ("210件", None), ("95件", None)]),
    # First-instance administrative cases are lawsuits, after 其中 too; a category of them is a part.
    ("全市法院共受理各类行政案件3120件,其中一审行政案件1280件。",
     [("3120件", None), ("1280件", "admin_litigation_cases")]),
    ("审结征收拆迁类一审行政案件120件。", [("120件", None)]),
    # A list of kinds summed is the information published; the documents issued among them are counted on their own.
    ("全年向社会公开工作动态、政策文件、办事指南等政府信息共计1260条,其中新制定行政规范性文件9件。",
     [("1260条", "info_disclosed"), ("9件", "normative_docs_issued")]),
    # Calls answered where the sentence names the public legal service hotline; another hotline's are not.
    ("整合12348公共法律服务热线资源,全年接听群众来电5.1万通。", [("5.1万通", "hotline_12348_calls")]),
    ("12345政务服务便民热线全年接听来电30万通。", [("30万通", None)]),
    # Officials attending training, by any of their names; reporting on law is no training.
    ("组织全县160余名公职人员参加法治专题培训。", [("160余名", "officials_trained")]),
    ("全年有1200余名领导干部参加述法。", [("1200余名", None)]),
    # A count's breakdown in brackets is its parts; an outcome counted in them is a part indicator's own.
    ("县政府常务会议审议重点民生实事3件、建议提案办理8件(代表建议5件,委员提案3件)。",
     [("3件", None), ("8件", "npc_suggestions_handled"), ("5件", None), ("3件", None)]),
    ("全年收到行政复议申请120件(不予受理5件)。",
     [("120件", "admin_review_applications"), ("5件", "admin_review_not_accepted")]),
    # More words for the same things: the people taught, a citizen-hotline ticket, an appraisal body's cases, the power
    # list and what a licensing list keeps after a cut.
    ("开展法治宣传活动26次,受教群众达5000余人。",
     [("26次", "legal_education_events"), ("5000余人", "legal_education_audience")]),
    ("全年办结12345工单3120件。", [("3120件", "hotline_requests")]),
    ("全县有司法鉴定机构3家,全年受理鉴定案件860件。", [("3家", None), ("860件", "judicial_appraisals")]),
    ("修订完善县级权责清单,公布权责事项3120项。", [("3120项", "power_list_items")]),
    ("行政许可项目从210项减少到168项。", [("210项", None), ("168项", "licensing_items")]),
    ("下放权责清单事项45项。", [("45项", "powers_delegated")]),
    # What follows a count describes it; explainers may be counted as given (次).
    ("共发布政策解读31篇,解读形式包括文字解读、图片解读等4种形式。",
     [("31篇", "policy_interpretations"), ("4种", None)]),
    ("全年政策解读12次。", [("12次", "policy_interpretations")]),
    ("现场接受群众法律咨询260余人,受教育公职人员达1.2万人次。",
     [("260余人", "legal_consultations"), ("1.2万人次", "officials_trained")]),
    ("深化证明事项告知承诺制,320余项证明事项实现告知承诺,形成承诺制事项清单86项。",
     [("320余项", "notification_commitment_items"), ("86项", "notification_commitment_items")]),
    ("全年公开区政府文件与区政府办文件52个。", [("52个", "policy_docs_published")]),
    # The principal leaders by their common name, and officials reporting where the sentence names the principal ones.
    ("全年组织86位党政“一把手”进行书面述法。", [("86位", "leaders_reporting_on_law")]),
    ("述法对象扩大到各乡镇街道主要负责人,全年有230余名领导干部参加述法。", [("230余名", "leaders_reporting_on_law")]),
    # The rule-of-law committee named earlier in the sentence holds the meetings and takes up the issues.
    ("发挥县委全面依法治县委员会作用,全年召开会议3次,专题研究法治建设重大问题9项。",
     [("3次", "rule_of_law_meetings"), ("9项", "party_committee_law_issues")]),
    # The government's share of the proposals (or suggestions), named by who handles it; what was submitted is none.
    ("全年共收到提案412件,其中交由区政府及有关部门办理的389件。",
     [("412件", None), ("389件", "cppcc_proposals_handled")]),
    # More names for the same things: a review, a rate phrased around its items, a reform's service.
    ("开展公平竞争文件审查86件。", [("86件", "fair_competition_reviews")]),
    ("58.6%的政务服务事项实现“全程网办”,县级政务服务事项100%“网上可办”。",
     [("58.6%", "fully_online_rate"), ("100%", "online_available_rate")]),
    ("完成省级部署的“高效办成一件事”13件,上线“一件事”服务21项。",
     [("13件", "integrated_services"), ("21项", "integrated_services")]),
    # The hotline's consultations are its calls; a comprehensive centre's intake is no review application.
    ("12348公共法律服务热线平台全面升级,全年共接受法律咨询8.6万人次。", [("8.6万人次", "hotline_12348_calls")]),
    ("人民调解、行政复议等力量入驻县综治中心,接收流转案件210件。", [("210件", None)]),
    # Disputes over information disclosure are a part of review and litigation; what members wrote is what they
    # submitted, not what the government answered.
    ("本年度涉及政府信息公开的行政复议、行政诉讼案件为2件。", [("2件", None)]),
    ("政协委员深入调研,累计撰写有价值的提案86件。", [("86件", None)]),
    # More names: files read, patrols, the centre's older name, study of laws and documents by the party group.
    ("共查阅了1200余份执法卷宗。", [("1200余份", "case_files_reviewed")]),
    ("全年开展执法巡查460余次。", [("460余次", "enforcement_inspections")]),
    # 行政检查, the 2024 rules' word; enterprise inspections alone are a part, filings of inspections no inspection.
    ("全区各执法部门全年实施行政检查2650次。", [("2650次", "enforcement_inspections")]),
    ("涉企行政检查1230次,同比下降18%。", [("1230次", None), ("18%", None)]),
    ("全年行政检查执法报备9800次。", [("9800次", None)]),
    ("街道全年完成重大法制审核事项12件。", [("12件", "major_enforcement_decisions_reviewed")]),
    # A sentence that opens in one village speaks of that village; one that opens in all of them does not.
    ("在江口镇石桥村,12名“法律明白人”常年走村入户。", [("12名", None)]),
    ("在全县各村,共培育“法律明白人”1200名。", [("1200名", "legal_literate_villagers")]),
    # The drafts a government submits, counted before their noun; what the congress passed is no draft.
    ("全年提请区人大常委会对3件地方性法规草案进行审议。", [("3件", "local_regulation_drafts")]),
    # The exam's year between the act and the exam.
    ("组织全县机关干部860余人次参加2023年度学法用法考试。", [("860余人次", "officials_law_exams")]),
    ("全县建成集律师、公证、法律援助为一体的3个综合性法律服务中心。", [("3个", "public_legal_service_centres")]),
    ("县政府党组会学习法律法规、法治相关文件9次,组织常务会前学法6次。",
     [("9次", "leadership_study_sessions"), ("6次", "law_study_before_meetings")]),
    # One named day's event counts its own share; the days a year's events were timed to do not narrow them.
    ("开展第三届“司法日”联动宣传活动,现场发放宣传手册1500余份,接受法律咨询90余人次。",
     [("1500余份", None), ("90余人次", None)]),
    ("结合“国家安全日”、“国家宪法日”开展系列宣传活动,全年累计开展普法宣传活动96场。",
     [("96场", "legal_education_events")]),
    # A campaign's sessions on the law; one venue's share of them is a part; the venues listed are the whole.
    ("对相关法律法规进行集中宣传28场次,法治宣传进校园5场次。", [("28场次", "legal_education_events"), ("5场次", None)]),
    # One kind of mediation (lawyers', a trade's) is a part of the people's mediation.
    ("全市设立律师调解组织147个,人民调解委员会3200个。", [("147个", None), ("3200个", "mediation_committees")]),
    ("全县调解矛盾纠纷2198件,医调委调处医疗纠纷35件。", [("2198件", "mediation_cases"), ("35件", None)]),
    # A 、 list says its act once, at its head: the later items' acts are the head's.
    ("全年办结行政复议案件10件、行政诉讼案件5件。",
     [("10件", "admin_review_concluded"), ("5件", "admin_litigation_concluded")]),
    ("法律顾问共代理行政复议案件2件、行政诉讼案件2件。", [("2件", None), ("2件", None)]),
    ("全年新收行政复议申请30件、行政诉讼案件12件。",
     [("30件", "admin_review_applications"), ("12件", "admin_litigation_cases")]),
    # The licensing kind of a power list's breakdown is its own count; of powers handed down, a part of them.
    ("全面梳理行政权力事项441项,其中行政许可28项、行政处罚342项。",
     [("441项", "power_list_items"), ("28项", "licensing_items"), ("342项", None)]),
    ("下放市级行政权力事项30项,其中行政许可10项。", [("30项", "powers_delegated"), ("10项", None)]),
    # Officials counted for a hearing attend it in their own clause; a sentence naming hearings elsewhere is no cue.
    ("组织120名领导干部到法院开展旁听活动。", [("120名", "court_hearings_attended")]),
    ("常态化开展领导干部旁听庭审活动,全市1800名党政领导干部年终述法工作全覆盖。", [("1800名", None)]),
    # 发布 is one of the words for issuing a normative document.
    ("全年发布行政规范性文件3件。", [("3件", "normative_docs_issued")]),
    # Suggestions received are what deputies submitted; those handled are the government's count.
    ("县政府共收到代表建议97件,目前已办结96件。", [("97件", None), ("96件", None)]),
    ("县政府共办理代表建议97件,已全部办结。", [("97件", "npc_suggestions_handled")]),
    # Suggestions whose answer or text was published are not the suggestions answered.
    ("共办理代表建议838件,有434件代表建议办理结果公开。", [("838件", "npc_suggestions_handled"), ("434件", None)]),
    ("组织普法讲师进村社、进学校开展专题讲座120场。", [("120场", "legal_education_events")]),
    # More names: legal aid's short name, the people who benefited from legal education.
    ("今年一季度,累计提供法律咨询86人次,办理援助案件41件。",
     [("86人次", "legal_consultations"), ("41件", "legal_aid_cases")]),
    ("开展法律宣传活动12场次,受益群众达6000余人。",
     [("12场次", "legal_education_events"), ("6000余人", "legal_education_audience")]),
    ("全年调解矛盾纠纷230件,调解成功226件,其中成功化解历史遗留矛盾纠纷9件。",
     [("230件", "mediation_cases"), ("226件", "mediation_success"), ("9件", None)]),
    # Taking part in mediations others run is no mediation of one's own.
    ("村(居)法律顾问全年参与调解矛盾纠纷860件。", [("860件", None)]),
    # The 12348 hotline's calls answered by a person; visitors at a legal service centre by its older name.
    ("本周12348公共法律服务热线运行平稳,人工接听总量1095通。", [("1095通", "hotline_12348_calls")]),
    ("市司法行政法律服务中心共接待来访2300余人。", [("2300余人", "public_legal_service_visits")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[s[:14] for s, _ in CASES])
def test_clause_grammar(catalogue: Catalogue, sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert assigned(sentence, catalogue) == expected


@pytest.mark.parametrize(
    ("clause", "act"),
    [
        ("依法不予受理", "reject"),  # longest verb first: not `accept`
        ("依法受理", "accept"),
        ("审结行政复议申请", "conclude"),
        ("受理后办结", "conclude"),
        ("复议申请", "apply"),
        ("开展", None),
    ],
)
def test_first_act_verb_of_the_family(clause: str, act: str | None) -> None:
    assert clause_act(load_grammar(), "admin_review", clause) == act


def test_every_grammar_member_is_a_catalogue_indicator(catalogue: Catalogue) -> None:
    grammar: Grammar = load_grammar()
    assert set(grammar.members) <= set(catalogue.by_id)


def test_every_kind_and_total_is_a_catalogue_indicator(catalogue: Catalogue) -> None:
    kinds_of = load_grammar().kinds_of
    assert kinds_of, "grammar.yaml declares kinds_of"
    assert set(kinds_of) | {t for totals in kinds_of.values() for t in totals} <= set(catalogue.by_id)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"acts": {}, "families": {"f": {"x": {"act": "nope"}}}}, "unknown act"),
        ({"acts": {"a": ["甲"], "b": ["甲"]}, "families": {"f": {"x": {"act": "a"}, "y": {"act": "b"}}}}, "two acts"),
        ({"acts": {"a": ["甲"]}, "families": {"f": {"x": {"act": "a"}}, "g": {"x": {"act": "a"}}}}, "two families"),
    ],
)
def test_bad_grammar_is_refused(raw: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_grammar(raw)


def _indicator(indicator_id: str, before: str) -> dict:
    return {
        "id": indicator_id, "name_zh": "测试" + indicator_id[-1], "name_en": indicator_id, "unit": "件",
        "short_unit": "件", "domain": "review", "description": "a test indicator", "higher_is_better": None,
        "is_headline": False, "patterns": [{"before": before}],
    }  # fmt: skip


def test_labels_that_fit_equally_well_need_review() -> None:
    from etl.catalogue import parse_catalogue
    from etl.extract.assignment import assign_with_status
    from etl.models import NEEDS_REVIEW

    raw = {
        "domains": [{"id": "review", "name_zh": "行政复议", "name_en": "Review"}],
        "indicators": [
            _indicator("test_a", "办理案件"), _indicator("test_b", "办理案件"), _indicator("test_c", "调解"),
        ],
    }
    catalogue = parse_catalogue(raw)
    text = "全年办理案件12件,调解纠纷3件。"
    document = build_document(text)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    ids, statuses, *_ = assign_with_status(document.folded, figures, catalogue)
    assert ids == ["test_a", "test_c"]
    assert statuses == [NEEDS_REVIEW, "automatic"]


def test_a_change_is_stored_as_the_change_of_its_indicator(catalogue: Catalogue) -> None:
    from etl.extract.grammar import changes_of

    text = "全年共受理行政复议案件57件,同比增长12%;行政复议纠错率12.5%,同比下降3.5个百分点。"
    document = build_document(text)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    ids = assign(document.folded, figures, catalogue)
    assert [(f.text, i) for f, i in zip(figures, ids, strict=True)] == [
        ("57件", "admin_review_accepted"), ("12%", None),
        ("12.5%", "admin_review_correction_rate"), ("3.5个百分点", None),
    ]  # fmt: skip
    assert changes_of(document.folded, figures, ids) == [
        None, "admin_review_accepted", None, "admin_review_correction_rate",
    ]  # fmt: skip
