"""UI strings of the report review (issue 18: the 报告审查 page, its slide and briefing section, peer positions), in
both languages. Kept apart from ui/i18n.py, which merges them into its STRINGS (neither grows past 400 lines).

Part names and the rules' sources are declared in etl/catalogue/review.yaml, not here.
"""

REVIEW_STRINGS: dict[str, tuple[str, str]] = {
    "nav.report_review": ("报告审查", "Report review"),
    "rv.title": ("报告审查", "Report review"),
    "rv.intro": ("按《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号)逐项审查所选报告:"
                 "是否按时公开、是否包含规定的各部分、是否披露核心指标。悬停在规则名称上可查看其依据。",
                 "The chosen report checked against the Provisions on Supervising the Building of Rule-of-Law "
                 "Government (Tingzi [2019] No. 28): published on time, the required parts present, the core "
                 "indicators stated. Hover over a rule to see its source."),
    "rv.scorecard": ("审查结果:{report}", "Scorecard: {report}"),
    "rv.summary": ("按时公开:{on_time} · 必备部分 {parts} · 核心指标 {core} · 每千字 {density} 个数字",
                   "On time: {on_time} · required parts {parts} · core indicators {core} · {density} figures per "
                   "1,000 characters"),
    "rv.col_rule": ("审查项", "Rule"),
    "rv.col_verdict": ("结果", "Result"),
    "rv.col_rule_result": ("结果 · 审查项", "Result · rule"),
    "rv.col_evidence": ("依据原文(标题或句子)", "Evidence (heading or sentence)"),
    "rv.col_source": ("规则出处", "Rule source"),
    "rv.verdict.met": ("符合", "met"),
    "rv.verdict.not_met": ("不符合", "not met"),
    "rv.verdict.unknown": ("无法判断", "unknown"),
    "rv.verdict.not_judged": ("未评判", "not judged"),
    "rv.part_missing": ("未找到", "not found"),
    "rv.excerpt_not_judged": ("摘录:未评判", "excerpt: not judged"),
    "rv.part_not_judged": ("摘录:未评判各部分", "excerpt: parts not judged"),
    "rv.related_not_judged": ("相关文件:不按年度报告评判各部分", "related document: parts not judged"),
    "rv.excerpt_note": ("该报告为摘录(只收录开头部分),缺少的部分和指标可能在未收录的文字里:只审查它能显示的内容,"
                        "不因此判为不符合。",
                        "This report is an excerpt (only its opening is stored): parts and indicators it lacks may "
                        "be in the text that was cut off, so it is reviewed for what it shows and never failed "
                        "for them."),
    "rv.rule_part": ("({number}){name}", "({number}) {name}"),
    "rv.rule_deadline": ("按时公开(次年 {month} 月 {day} 日前)", "Published on time (before {day} {month_name} of the "
                                                             "following year)"),
    "rv.rule_core": ("核心指标:{name}", "Core indicator: {name}"),
    "rv.published": ("{date} 公开,截止日期 {deadline}", "published {date}; due before {deadline}"),
    "rv.no_date": ("公开日期不详(截止日期 {deadline}):无法判断", "publication date unknown (due before {deadline})"),
    "rv.no_year": ("报告年度不详", "report year unknown"),
    "rv.indicator_missing": ("报告未披露", "not stated in the report"),
    "rv.indicator_to_check": ("待核:{sentence}", "to check: {sentence}"),
    "rv.source": ("{source} {article}", "{source}, {article}"),
    "rv.peer_score": ("核心指标披露排名:{rank}", "Core-indicator disclosure: {rank}"),
    "rv.peer_score_none": ("摘录或相关文件的披露数不与同级报告排名", "An excerpt's or related document's disclosure is "
                                                          "not ranked against its peers"),
    # the table of every report
    "rv.all": ("全部报告({n})", "All reports ({n})"),
    "rv.filter_level": ("行政级别", "Admin level"),
    "rv.filter_year": ("年度", "Year"),
    "rv.filter_province": ("省份", "Province"),
    "rv.all_option": ("全部", "All"),
    "rv.col_region": ("地区", "Region"),
    "rv.col_level": ("级别", "Level"),
    "rv.col_year": ("年度", "Year"),
    "rv.col_on_time": ("按时公开", "On time"),
    "rv.col_published": ("公开日期", "Published"),
    "rv.col_parts": ("必备部分", "Parts found"),
    "rv.col_missing": ("缺少的部分", "Parts missing"),
    "rv.col_core": ("核心指标披露", "Core indicators stated"),
    "rv.col_score_rank": ("披露排名(同级同年)", "Disclosure rank (peers)"),
    "rv.col_density": ("每千字数字", "Figures per 1,000 characters"),
    "rv.col_excerpt": ("摘录", "Excerpt"),
    "rv.col_link": ("审查结果", "Scorecard"),
    "rv.open": ("查看", "open"),
    "rv.on_time.yes": ("按时", "on time"),
    "rv.on_time.no": ("逾期", "late"),
    "rv.on_time.unknown": ("不详", "unknown"),
    "rv.parts_value": ("{found}/{total}", "{found}/{total}"),
    "rv.parts_excerpt": ("{found}/{total}(摘录,未评判)", "{found}/{total} (excerpt, not judged)"),
    "rv.download": ("下载 Excel", "Download Excel"),
    "rv.sheet": ("报告审查", "Report review"),
    "rv.file": ("报告审查", "report_review"),
    "rv.none_match": ("没有符合筛选条件的报告。", "No report matches the filters."),
    "rv.table_note": ("点击“查看”打开该报告的审查结果。缺少的部分只对完整的年度报告列出。",
                      "Open a report's scorecard with “open”. Missing parts are listed for full annual reports only."),
    "rv.other_province": ("其他", "Other"),
    # peer position beside a value (domain pages' cards, compare page)
    "peer.best_first": ("第 {pos} / {stated} · {group} {year}年", "{pos} of {stated} · {group}, {year}"),
    "peer.lowest_first": ("第 {pos} / {stated}(越低越靠前)· {group} {year}年",
                          "{pos} of {stated}, lowest first · {group}, {year}"),
    "peer.by_size": ("数值第 {pos} 大 / {stated} · {group} {year}年",
                     "{pos_ord} largest of {stated} · {group}, {year}"),
    "peer.stating": ("同级 {peers} 份中 {stated} 份披露", "stated by {stated} of {peers} peers"),
    "peer.unranked": ("待核,不参与排名", "to check: not ranked"),
    "peer.help": ("同级(同一行政级别、同一年度)报告中披露该指标者的排名;未披露的报告不计入,也不排在最后。"
                  "无所谓高低的数量(如案件数)按数值大小排列,不表示优劣。",
                  "Position among the reports of the same admin level and year that state this indicator; reports "
                  "that do not state it are not counted and not ranked last. Counts that are neither better nor "
                  "worse when higher (caseloads) are ordered by size, which says nothing about merit."),
    "peer.compare": ("本报告({report})在同级中的位置:{rank}", "This report ({report}) among its peers: {rank}"),
    # presentation and briefing
    "present.scorecard_slide": ("报告审查", "Report review"),
    "present.kind_scorecard": ("审查", "Review"),
    "rv.core_unstated": ("未披露:{names}", "not stated: {names}"),
    "rv.core_all": ("全部披露", "all stated"),
}
