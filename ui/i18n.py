"""Every label the dashboard shows, in Chinese (default) and English. Pure, no streamlit.

Indicator names and units come from the database (`indicators` table), never from here; domain ids and names
from the catalogue (`catalogue.yaml`, the one place they are declared), through `domain_ids` and `domain_name`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from functools import cache

from etl.catalogue import Domain, default_catalogue
from ui.i18n_checks import CHECK_STRINGS
from ui.i18n_review import REVIEW_STRINGS

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, tuple[str, str]] = {
    **CHECK_STRINGS,
    **REVIEW_STRINGS,
    # app shell
    "app.title": ("法治政府建设年度报告看板", "Rule-of-law government reports"),
    "sidebar.region": ("地区", "Region"),
    "sidebar.year": ("年度(报告)", "Year (report)"),
    "sidebar.lang": ("语言 / Language", "语言 / Language"),
    "sidebar.excerpt": ("摘录:该报告只收录了开头部分,后文的数字不在库中。",
                        "Excerpt: only the opening of this report is stored; later figures are missing."),
    "sidebar.db": ("数据库:{count} 份报告", "Database: {count:@report|reports}"),
    "nav.group.report": ("本报告", "This report"),
    "nav.group.across": ("跨报告", "Across reports"),
    "nav.overview": ("总览", "Overview"),
    "nav.compare": ("对比", "Compare"),
    "nav.explorer": ("数据浏览", "Explorer"),
    "nav.sources": ("来源", "Sources"),
    # notices
    "notice.bad_param": ("链接参数 {param}={value} 无效,已改用默认值。",
                         "Link parameter {param}={value} is not valid; the default is shown instead."),
    "notice.no_reports": ("数据库中还没有报告。请先运行:python -m etl load data/reports",
                          "No reports in the database yet. Run: python -m etl load data/reports"),
    "notice.db_building": ("首次启动:正在从 data/reports 建立数据库…",
                           "First start: building the database from data/reports…"),
    "notice.db_failed": ("无法打开数据库:{error}", "Cannot open the database: {error}"),
    "notice.nothing": ("所选报告({report})未披露本页的任何指标。",
                       "The chosen report ({report}) states none of this page's indicators."),
    "notice.replaced": ("链接中的报告版本({old})已于 {date} 被{region} {year} 的新版本替换,下面显示的是新版本;"
                        "旧版本的数字不再保存。",
                        "The link named a version of the report ({old}) that a newer version of {region} {year} "
                        "replaced on {date}; the new version is shown below (the old figures are no longer kept)."),
    "notice.excerpt": ("注意:所选报告为摘录,未收录部分的数字不在库中。",
                       "Note: the chosen report is an excerpt; figures from the parts not stored are missing."),
    # common
    "caption.source": ("来源:{title}({region},{year}){excerpt}。", "Source: {title}{excerpt}."),
    "report.label": ("{region} {year} 法治政府建设年度报告", "Rule-of-law government report, {region}, {year}"),
    "report.label_kind": ("{region} {year} {kind}", "{kind}, {region}, {year}"),  # a related document
    "caption.excerpt": (",摘录", ", excerpt"),
    "caption.url": ("原文链接", "Original"),
    "common.not_reported": ("未披露", "not reported"),
    "common.excerpt_mark": ("(摘录)", " (excerpt)"),
    "common.value": ("数值", "Value"),
    "common.unit": ("单位", "Unit"),
    "common.report": ("报告", "Report"),
    "common.sentence": ("原文", "Sentence"),
    "common.indicator": ("指标", "Indicator"),
    "common.region": ("地区", "Region"),
    "common.year": ("年度", "Year"),
    "common.section": ("章节", "Section"),
    "common.domain": ("领域", "Domain"),
    "common.previous": ("较 {year} 年", "vs {year}"),
    "common.figure_text": ("原文写法", "As written"),
    "common.qualifier": ("限定词", "Qualifier"),
    "common.yes": ("是", "yes"),
    "common.no": ("否", "no"),
    # overview
    "overview.title": ("总览", "Overview"),
    "overview.headline": ("主要指标", "Headline indicators"),
    "overview.domains": ("各领域", "By domain"),
    "overview.quality": ("数据质量", "Data quality"),
    "overview.checks_ok": ("校验通过 {ok}/{total}", "Checks passed {ok}/{total}"),
    "overview.checks_none": ("本报告没有可校验的数字组合", "No checkable figure combinations in this report"),
    "overview.checks_failed": ("未通过的校验", "Failed checks"),
    "overview.full": ("全文", "Full report"),
    "overview.excerpt": ("摘录", "Excerpt"),
    "overview.counts": ("{figures} 个数字,{observations} 个指标值",
                        "{figures:@figure|figures}, {observations:@indicator value|indicator values}"),
    "overview.domain_empty": ("未披露本领域指标。", "No indicators of this domain stated."),
    "overview.domain_more": ("本领域另有 {count} 个指标(其他单位),见领域页面。",
                             "{count} more indicators of this domain (other units) are on its page."),
    "overview.excerpt_lacks": ("这是一份摘录:只收录了报告的开头部分,已收录的部分没有披露任何主要指标,"
                               "其余数字不在库中。已收录的每个数字及其原文可在「数据浏览」中查看。",
                               "This report is an excerpt: only its opening part is stored, and that part states "
                               "none of the headline indicators; later figures are missing. Every figure that is "
                               "stored, with its sentence, is in the Explorer."),
    # mediation
    "mediation.rate": ("调解成功率", "Mediation success rate"),
    "mediation.rate_stated": ("报告所述", "Stated"),
    "mediation.rate_computed": ("按件数计算", "Recomputed from counts"),
    "mediation.rate_gap": ("两者相差 {gap} 个百分点", "Difference: {gap} percentage points"),
    "mediation.rate_missing": ("报告未给出足够数字,无法比较。", "The report does not give enough figures to compare."),
    "mediation.counts": ("调解件数", "Disputes mediated"),
    "mediation.advisers": ("法律顾问覆盖与公共法律服务", "Legal-adviser coverage & public legal services"),
    # review
    "review.funnel": ("行政复议:申请 → 受理 → 办结", "Administrative review: applications → accepted → concluded"),
    "review.step_rate": ("{to} 占上一环节({frm})", "{to}: share of previous step ({frm})"),
    "chart.of_previous": ("占上一环节", "of previous step"),
    "review.funnel_chart": ("申请 → 受理 → 办结(百分比:占上一环节)",
                            "Applications → accepted → concluded (%: share of previous step)"),
    "review.share_note": ("漏斗中的百分比为占上一环节的比例,与上方比率卡片一致。",
                          "The funnel's percentages are each step's share of the previous step, as in the cards."),
    "review.litigation": ("行政应诉", "Litigation"),
    "review.no_funnel": ("报告未披露行政复议件数。", "The report states no administrative review counts."),
    # supervision
    "supervision.handled": ("建议提案办理", "Suggestions and proposals handled"),
    "supervision.satisfaction": ("满意率", "Satisfaction"),
    "supervision.audit": ("审计监督", "Audit"),
    "supervision.disclosure": ("政务公开", "Information disclosure"),
    # rules
    "rules.reviews": ("合法性审查", "Legality reviews"),
    # generic domain page (page titles are the catalogue's domain names: see domains_title)
    "domain.values": ("本报告披露的指标", "Indicators stated in this report"),
    "domain.counts_chart": ("数量类指标", "Counts"),
    "domain.rates_chart": ("比率类指标", "Rates"),
    "domain.money_chart": ("金额类指标", "Amounts"),
    "domain.single_values": ("以下指标各自的单位在本页只出现一次,单独列出(不同单位不画在同一坐标轴上)。",
                             "These indicators each carry a unit no other value here has, so they are shown on "
                             "their own (one unit per axis)."),
    "chart.source": ("来源:{title}", "Source: {title}"),
    # compare
    "compare.title": ("跨地区、跨年度对比", "Compare regions and years"),
    "compare.indicators": ("指标", "Indicators"),
    "compare.by_region": ("按地区({year}年)", "By region ({year})"),
    "compare.by_year": ("按年度", "By year"),
    "compare.compare_year": ("对比年度", "Year to compare"),
    "compare.pick": ("请选择至少一个指标。", "Choose at least one indicator."),
    "compare.none": ("所选指标在任何已载入报告中都未披露。", "No loaded report states the chosen indicators."),
    "compare.none_in_year": ("{year}年的已载入报告都未披露该指标。",
                             "No loaded report of {year} states this indicator."),
    "compare.other_units": ("另有以其他单位({units})披露的数值,单独成图,不与上图共用坐标轴。",
                            "Values stated in other units ({units}) have their own charts, not this axis."),
    "compare.chart_source": ("来源:已载入的 {count} 份法治政府建设年度报告",
                             "Source: the {count} loaded rule-of-law reports"),
    "compare.points_only": ("只有一个年度的数值,只画点,不画趋势线。",
                            "Values of a single year only: drawn as points, no trend line."),
    "compare.missing_note": ("未披露的报告:{names}", "Not reported by: {names}"),
    "compare.regions": ("折线图的对比地区", "Regions for the lines"),
    "compare.regions_default": ("默认:本地区和该年数值最高的地区", "Default: this region and the year's highest"),
    "compare.top_note": ("显示 {shown} 个地区:本地区和该年数值最高的地区;"
                         "该年共 {total} 份报告,{stated} 份披露了此指标。",
                         "Showing {shown:@region|regions}: this region and the year's highest; {stated} of the year's "
                         "{total:@report|reports} state this indicator."),
    "compare.more_missing": ("等另 {count} 份", "{count} more"),
    "compare.single_year": ("每个地区只有一个年度的数据,无法画年度趋势。",
                            "Each region has data for one year only, so there is no trend to draw."),
    "compare.caption": ("来源:已载入的 {count} 份报告(其中 {excerpts} 份为摘录,图中以斜纹或空心标记);"
                        "每个数字的原文见悬停提示。",
                        "Source: the {count:@loaded report|loaded reports} ({excerpts:@excerpt|excerpts}, "
                        "hatched or hollow in the charts); "
                        "hover a value for its sentence."),
    # explorer
    "explorer.title": ("数据浏览", "Explorer"),
    "explorer.reports": ("报告", "Reports"),
    "explorer.search": ("搜索(原文、指标、章节)", "Search (sentence, indicator, section)"),
    "explorer.domains": ("领域", "Domains"),
    "explorer.only_indicators": ("只看已归入指标的数字", "Only figures assigned to an indicator"),
    "explorer.raw_value": ("原始数值", "Raw value"),
    "explorer.all_domains": ("全部领域", "All domains"),
    "explorer.count": ("共 {count} 条", "{count:@row|rows}"),
    "explorer.empty": ("没有符合条件的数字。", "No figures match."),
    "explorer.csv": ("下载 CSV", "Download CSV"),
    "explorer.xlsx": ("下载 Excel", "Download Excel"),
    "explorer.file_stem": ("数字明细", "figures"),
    "explorer.file_reports": ("{count}份报告", "{count}-reports"),
    "explorer.file_search": ("搜索-{text}", "search-{text}"),
    "explorer.file_indicators": ("仅指标", "indicators-only"),
    "explorer.analyst_csv": ("分析用数据(CSV,英文列名)", "Data export for analysts (CSV)"),
    "explorer.analyst_help": ("列名和数值保持原样(report_id、value、unit…),便于脚本和数据库导入。",
                              "Stable column names and raw values (report_id, value, unit…) for scripts and imports."),
    # sources
    "sources.title": ("数据来源", "Sources"),
    "sources.reports": ("已载入的报告", "Loaded reports"),
    "sources.checks": ("校验结果", "Checks"),
    "sources.failed": ("未通过的校验", "Failed checks"),
    "sources.no_failed": ("所有校验均已通过。", "All checks passed."),
    "sources.catalogue": ("指标目录", "Indicator catalogue"),
    "sources.events": ("载入记录", "Load log"),
    "col.title": ("标题", "Title"),
    "col.url": ("原文链接", "URL"),
    "col.file": ("文件", "File"),
    "col.excerpt": ("摘录", "Excerpt"),
    "col.figures": ("数字", "Figures"),
    "col.observations": ("指标值", "Values"),
    "col.failed": ("未通过校验", "Failed checks"),
    "col.published": ("发布日期", "Published"),
    "col.rule": ("规则", "Rule"),
    "col.report_id": ("报告编号", "Report id"),
    "col.parser": ("解析器版本", "Parser version"),
    "col.unit_inferred": ("单位为推断", "Unit inferred"),
    "sheet.report": ("报告", "report"),
    "sheet.indicators": ("指标", "indicators"),
    "sheet.figures": ("数字", "figures"),
    "sheet.checks": ("校验", "checks"),
    "col.level": ("行政级别", "Level"),
    "col.ok": ("通过", "Passed"),
    "col.detail": ("说明", "Detail"),
    "col.id": ("编号", "Id"),
    "col.headline": ("主要指标", "Headline"),
    "col.reports_stating": ("披露的报告数", "Reports stating it"),
    "col.loaded_at": ("载入时间", "Loaded at"),
    "col.action": ("结果", "Action"),
    "col.figure_num": ("序号", "No."),
    # presentation mode and downloads (pages/present.py, ui/present.py, ui/briefing.py)
    "nav.present": ("演示与导出", "Present & export"),
    "nav.admin": ("上传报告", "Upload reports"),
    "present.title": ("演示模式", "Presentation"),
    "present.untitled": ("{region} {year} 法治政府建设年度报告", "{region} {year} rule-of-law government report"),
    "present.published": ("{date} 发布", "published {date}"),
    "present.part": ("第 {n}/{total} 组", "part {n} of {total}"),
    "present.prev": ("上一页", "Previous"),
    "present.next": ("下一页", "Next"),
    "present.exit": ("退出演示", "Exit"),
    "present.first": ("第一页(Home 键)", "First slide (Home)"),
    "present.last": ("最后一页(End 键)", "Last slide (End)"),
    "present.title_counts": ("本报告公开的 {n} 项工作数据,每项都注明报告原文出处",
                             "{n} figures the report publishes, each with the sentence it comes from"),
    "present.audience_counts": ("主要数量", "Key numbers"),
    "present.audience_rates": ("比率", "Rates"),
    "present.audience_money": ("金额", "Amounts"),
    "present.setup": ("幻灯片", "Slides"),
    "present.title_slide": ("标题页", "Title slide"),
    "present.sections": ("包含的部分(按选择顺序播放)", "Sections (shown in the order chosen)"),
    "present.every": ("自动翻页", "Auto-advance"),
    "present.manual": ("关闭(手动翻页)", "Off (manual)"),
    "present.seconds": ("每 {n} 秒", "every {n} s"),
    "present.theme": ("配色", "Theme"),
    "present.theme_light": ("浅色", "Light"),
    "present.theme_dark": ("深色", "Dark"),
    "present.start": ("开始演示({n} 页)", "Start presentation ({n:@slide|slides})"),
    "present.keys": ("翻页:→ ← 键、PageDown/PageUp(翻页笔)或空格;Home/End 到第一页/最后一页,Esc 退出演示"
                     "(回到本页);链接中的 slide=N 直接打开第 N 页。",
                     "Move with → ←, PageDown/PageUp (clicker) or Space; Home/End go to the first/last slide, Esc "
                     "exits (back to this page); slide=N in the link opens slide N."),
    "present.outline": ("幻灯片列表({n} 页)", "Slide list ({n:@slide|slides})"),
    "present.col_slide": ("幻灯片", "Slide"),
    "present.col_kind": ("类型", "Kind"),
    "present.kind_title": ("标题", "Title"),
    "present.kind_figures": ("主要数字", "Headline figures"),
    "present.kind_chart": ("图表", "Chart"),
    "present.downloads": ("下载", "Downloads"),
    "present.download_html": ("HTML 简报", "HTML briefing"),
    "present.download_csv": ("数据 CSV", "Data (CSV)"),
    "present.download_xlsx": ("数据 Excel", "Data (Excel)"),
    "present.download_note": ("HTML 简报为单个文件({size} MB),图表可交互,离线即可打开。",
                              "The HTML briefing is one file ({size} MB) with interactive charts; it opens offline."),
    "present.share_briefing": ("数百人的会议:请分享这份 HTML 简报文件而不是链接,它不经服务器即可打开。",
                               "A meeting of hundreds: share this HTML briefing, not the link (it needs no server)."),
    "present.png_note": ("每个图表右上角的相机按钮可下载高清 PNG(文件名如 {name}.png)。",
                         "Each chart's camera button downloads a high-resolution PNG (named like {name}.png)."),
    "briefing.generated": ("生成于 {time}(法治政府建设年度报告看板)",
                           "Generated {time} by the rule-of-law reports dashboard"),
    "briefing.file_stem": ("法治政府建设报告", "rule-of-law-report"),
    # administrator upload (pages/admin_upload.py, ui/auth.py)
    "admin.title": ("上传报告", "Upload reports"),
    "admin.not_available": ("本站点未启用上传功能。", "Uploading is not available on this site."),
    "admin.oidc_hint": ("上传报告需要管理员登录。", "Uploading reports requires an administrator to sign in."),
    "admin.login": ("登录", "Sign in"),
    "admin.logout": ("退出登录", "Sign out"),
    "admin.not_admin": ("该账号不是管理员。", "This account is not an administrator."),
    "admin.password": ("管理员密码", "Administrator password"),
    "admin.sign_in": ("登录", "Sign in"),
    "admin.wrong": ("密码错误。", "Wrong password."),
    "admin.locked": ("尝试次数过多,请 {seconds} 秒后再试。", "Too many attempts; try again in {seconds} s."),
    "admin.signed_in": ("已登录:{who}", "Signed in: {who}"),
    "admin.drop": ("拖入报告文件(txt、html、docx、pdf,每个不超过 {mb} MB)",
                   "Drop report files (txt, html, docx, pdf; at most {mb} MB each)"),
    "admin.read": ("读取 {n} 个文件", "Read {n:@file|files}"),
    "admin.reading": ("正在读取…", "Reading…"),
    "admin.reading_file": ("正在读取 {i}/{n}:{name}", "Reading {i}/{n}: {name}"),
    "admin.read_done": ("已读取 {n} 个文件", "Read {n} files"),
    "admin.review": ("载入前检查", "Review before loading"),
    "admin.summary": ("{ok} 个文件可以载入,{bad} 个被拒绝(被拒绝的文件不会改变任何数据)。",
                      "{ok} files can be loaded, {bad} rejected (a rejected file changes nothing)."),
    "admin.action_new": ("新报告", "New report"),
    "admin.action_unchanged": ("已载入(内容相同)", "Already loaded (same content)"),
    "admin.action_replaces": ("替换旧版本 {ids}", "Replaces earlier version {ids}"),
    "admin.figures": ("{n} 个数字", "{n} figures"),
    "admin.indicators": ("{n} 个归入指标", "{n} assigned to indicators"),
    "admin.failed_checks": ("{n} 项校验未通过", "{n} failed checks"),
    "admin.field": ("项目", "Field"),
    "admin.level": ("行政级别", "Admin level"),
    "admin.format": ("格式", "Format"),
    "admin.chars": ("字数", "Characters"),
    "admin.figures_table": ("提取的数字({n})", "Figures extracted ({n})"),
    "admin.commit": ("提交载入({n} 个文件)", "Commit load ({n} files)"),
    "admin.discard": ("放弃", "Discard"),
    "admin.committing": ("正在载入…", "Loading…"),
    "admin.nothing_staged": ("选择文件后点击“读取”,检查无误再提交载入。",
                             "Choose files, press Read, review, then commit the load."),
    # curation (issue 12): assignment statuses, the review's corrections, no silent loss, admin sign-in link
    "status.automatic": ("自动", "automatic"),
    "status.needs_review": ("待核", "to check"),
    "status.confirmed": ("已确认", "confirmed"),
    "status.corrected": ("已更正", "corrected"),
    "status.rejected": ("非指标", "not an indicator"),
    "common.status": ("状态", "Status"),
    "compare.include_uncertain": ("包括待核数值", "Include values still to be checked"),
    "admin.action_loses": ("会丢失数据:{detail}", "Would lose data: {detail}"),
    "admin.action_loses_badge": ("会丢失数据,需确认", "Would lose data: confirm"),
    "admin.confirm_loss": ("确认替换(接受上述数据丢失)", "Replace anyway (accept the loss above)"),
    "admin.edit_meta": ("修改报告信息", "Edit report details"),
    "admin.apply_meta": ("应用", "Apply"),
    "admin.correct": ("核对指标", "Check indicators"),
    "admin.pick_figure": ("数字", "Figure"),
    "admin.pick_indicator": ("归入指标(仅列出单位相符的指标)", "Indicator (only those taking this unit)"),
    "admin.no_indicator": ("— 不是指标 —", "— not an indicator —"),
    "admin.save_correction": ("保存核对", "Save"),
    "admin.pending": ("提交时将保存 {n} 条核对", "{n} corrections will be saved with the commit"),
    "admin.saved": ("已保存核对:{what}", "Correction saved: {what}"),
    "admin.stored_title": ("核对已载入的报告", "Check a loaded report"),
    "admin.load_log": ("载入记录", "Load log"),
    "admin.sign_in_link": ("管理员登录", "Administrator sign-in"),
}


class _Formatter(string.Formatter):
    """str.format plus English plurals: "{n:@file|files}" → "1 file", "2 files" (Chinese has no plural)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("@"):
            singular, _, plural = format_spec[1:].partition("|")
            return f"{value} {singular if value == 1 else (plural or singular + 's')}"
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The label for `key` in `lang`, with `{placeholders}` filled; an unknown key shows itself."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return _FORMATTER.format(text, **values) if values else text


def join_list(items: Sequence[str], lang: str) -> str:
    """A list as a sentence writes it: "a、b、c" in Chinese, "a, b and c" in English."""
    items = [str(item) for item in items]
    if lang != "en":
        return "、".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def indicator_name(row: object, lang: str) -> str:
    """Name of an indicator from a row/mapping holding name_zh and name_en (from the `indicators` table)."""
    get = row.get if hasattr(row, "get") else (lambda k: getattr(row, k, None))
    name = get("name_en") if lang == "en" else get("name_zh")
    return str(name or get("name_zh") or get("indicator_id") or "")


@cache
def _domains() -> Mapping[str, Domain]:
    # Built once: the explorer names the domain of every row it shows.
    return default_catalogue().domain_names


def domain_ids() -> tuple[str, ...]:
    """Every domain id, in display order."""
    return tuple(_domains())


def domain_name(domain: str, lang: str, short: bool = False) -> str:
    """The catalogue's name of a domain in `lang` (`short`: the menu form); an unknown id shows itself."""
    found = _domains().get(domain)
    return found.name(lang, short) if found is not None else domain


def domains_title(domains: Sequence[str], lang: str, short: bool = False) -> str:
    """The title of a page showing `domains`: one domain's name, or the short names of several joined."""
    if len(domains) == 1:
        return domain_name(domains[0], lang, short)
    names = [domain_name(d, lang, short=True) for d in domains]
    if lang != "en":
        return "与".join(names)
    # Sentence case, like the other English menu entries: "Rule-making & decisions".
    return " & ".join([names[0], *(n[:1].lower() + n[1:] for n in names[1:])])


def level_name(level: object, lang: str) -> str:
    """An admin level as stored (district, county…) named for a reader of `lang`; an unknown one shows itself."""
    text = "" if level is None or level != level else str(level)  # NaN from a frame is missing too
    return t(f"level.{text}", lang) if f"level.{text}" in STRINGS else text
