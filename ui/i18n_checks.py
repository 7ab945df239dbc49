"""UI strings for consistency checks (worded by ui/check_text.py), review reasons and admin levels, in both
languages.

Kept apart from ui/i18n.py, which merges them into its STRINGS, so that neither module grows past 400 lines.
"""

CHECK_STRINGS: dict[str, tuple[str, str]] = {
    # checks (etl/extract/checks.py), worded from their rule and the values they compared (ui/check_text.py)
    "check.rate_matches_counts": ("比率与件数相符:{rate}", "Rate matches the counts: {rate}"),
    "check.rate_detail": ("报告所述 {stated},按{numerator_name} {numerator} ÷ {denominator_name} {denominator} "
                          "计算为 {computed}", "stated {stated}; {numerator_name} {numerator} ÷ {denominator_name} "
                          "{denominator} = {computed}"),
    "check.rate_gap": (",相差 {gap} 个百分点", " (differs by {gap} percentage points)"),
    "check.ordering": ("{smaller}不多于{larger}", "In order: {smaller} ≤ {larger}"),
    "check.ordering_detail": ("{smaller} {small} {sign} {larger} {large}", "{smaller} {small} {sign} {larger} {large}"),
    "check.percentage_in_range": ("百分比在 0–100% 之间", "Percentages within 0–100%"),
    "check.percent_ok": ("全部 {count} 个百分比均在 0–100% 之间", "all {count:@percentage|percentages} within 0–100%"),
    "check.percent_bad": ("{text} 超出 0–100%", "{text} is outside 0–100%"),
    "check.stated_once_consistently": ("同一指标只有一个数值:{indicator}", "One value per indicator: {indicator}"),
    "check.stated_once_detail": ("{indicator}出现不同数值:{texts}",
                                 "{indicator} stated with different values: {texts}"),
    "check.parts_within_total": ("分项之和不超过合计:{indicator}",
                                 "Parts add up to no more than the total: {indicator}"),
    "check.parts_detail": ("分项 {texts} 合计 {parts} {sign} 总数 {total}",
                           "parts {texts} add up to {parts} {sign} the total {total}"),
    # a figure that belongs to an indicator without being its value (explorer, upload review)
    "figure.breakdown": ("{indicator}·分项:{label}", "{indicator} · part: {label}"),
    "figure.change": ("{indicator}·变化", "{indicator} · change"),
    # why an assignment needs review (etl/extract/doubts.py REVIEW_REASONS; figures.review_reason)
    "doubt.no_subject": ("未写明主体(谁学习)", "the clause names no subject (who studied)"),
    "doubt.each": ("“各”:每项的数,不是合计", "“各”: a count for each, not the total"),
    "doubt.lumped": ("几类合计的数", "a count of several kinds together"),
    "doubt.one_body": ("单个机构(中心、服务队)的数,不是全地区的",
                       "one body's own count (a centre, a team), not the area's"),
    "doubt.part_of_total": ("句中另有合计,此为其中一部分", "a part of a total stated later in the sentence"),
    "doubt.other_topic": ("同句另一数值才是该主题", "another figure of the sentence names the topic"),
    "doubt.equal_labels": ("两个指标同样吻合", "two indicators fit equally well"),
    "doubt.shared_rate": ("句中几类数字共用的比率", "a rate the sentence states for several counts"),
    "doubt.carried_scope": ("可能只是句中前一分项的一部分", "may be a part of the part stated before it"),
    "doubt.split": ("同句对该指标给出多个数值,均非总数", "the sentence states several values for it, none the whole"),
    "doubt.inherited_scope": ("主体取自上文,上文同时提到两类事项",
                              "subject taken from the context, which names two kinds"),
    "doubt.no_topic": ("句中未说明所学内容是法治", "the sentence does not say the study was on law"),
    "doubt.period": ("统计时段不是报告年度(多年累计或其他年份)",
                     "counted over another period than the report year (several years or another year)"),
    "doubt.other_document": ("文本不是法治方面的报告,仅按数字识别",
                             "not a report on a rule-of-law subject: recognised by its figures alone"),
    "doubt.no_audience": ("宣讲未说明对象是群众", "the talk's audience is not said to be the public"),
    "doubt.topic_scope": ("本句未写明事项,仅段首提到", "only the paragraph's opening names what it counts"),
    "doubt.second_value": ("报告中另一处数字已取作该指标的值,此数与之不同",
                           "another figure of the report is taken as this indicator's value; this one differs"),
    "doubt.kind_part": ("此类文件只统计其中一部分(如信息公开引起的复议、诉讼)",
                        "this kind of document counts only a part (e.g. disputes over information disclosure)"),
    # why a figure has its indicator (figures.assignment_rule; ui/why.py)
    "why.title": ("为何此指标", "Why this indicator"),
    "why.pick_row": ("选中表格中的一行,查看该数字的原句与归类理由。",
                     "Select a row of the table to see the figure's sentence and why it has its indicator."),
    "why.label": ("标签{label}(规则 {pattern})", "label {label} (rule {pattern})"),
    "why.table": ("{table}表格:行{row} × 列{column}", "{table} table: row {row} × column {column}"),
    "why.clause": ("分句{label}的动作", "the act of the clause {label}"),
    "why.act": ("动作{verb}", "act {verb}"),
    "why.scope.sentence": ("主体取自句中前文{words}", "subject from earlier in the sentence {words}"),
    "why.scope.topic": ("主体取自段首{words}", "subject from the paragraph's opening {words}"),
    "why.scope.heading": ("主体取自标题{words}", "subject from the heading {words}"),
    "why.scope.document": ("主体取自文件名称{words}", "subject from the document's title {words}"),
    "why.scope.noun": ("名词在数字之后{words}", "the noun after the figure {words}"),
    "why.scope.list": ("动词取自列举的第一项{words}", "verb shared with the list's first item {words}"),
    "why.review": ("待核:{reason}", "to review: {reason}"),
    "why.by_person.confirmed": ("人工确认", "confirmed by a person"),
    "why.by_person.corrected": ("人工更正", "corrected by a person"),
    "why.by_person.rejected": ("人工判定非指标", "ruled no indicator by a person"),
    # admin levels (reports.admin_level)
    "level.province": ("省级", "Province"),
    "level.city": ("市级", "City"),
    "level.district": ("区级", "District"),
    "level.county": ("县级", "County"),
    "level.town": ("乡镇级", "Town"),
    "level.department": ("部门", "Department"),
}
