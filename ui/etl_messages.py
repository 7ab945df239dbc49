"""The ETL's messages (written in English for the CLI and the load log) as the Chinese UI shows them.

Pure, no streamlit. The CLI keeps its English lines; the upload page passes every rejection, warning and load
outcome through `localise`, so an administrator reading Chinese reads Chinese. A message this table does not
know is shown as written (still escaped by the caller), never dropped.
"""

from __future__ import annotations

import re

# (pattern on the problem part of a message, Chinese wording; {0}, {1} … are the pattern's groups)
_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), wording)
    for pattern, wording in (
        (r"^file is empty$", "文件是空的"),
        (r"^file is too large \((\d+) bytes; the limit is (\d+) bytes\)$", "文件太大({0} 字节,上限 {1} 字节)"),
        (r"^unsupported file type \((.*?); expected one of (.*)\)$", "不支持的文件类型({0};支持的类型:{1})"),
        (r"^cannot decode text.*$", "无法识别文本编码(不是 UTF-8、GB18030 或 Big5)"),
        (r"^not a text file.*$", "不是文本文件"),
        (r"^not a valid DOCX \(bad zip: an OLE file.*$", "不是有效的 DOCX 文件(可能是旧版 .doc 或加密文件)"),
        (r"^not a valid DOCX.*$", "不是有效的 DOCX 文件"),
        (r"^no report text found in HTML$", "HTML 页面中没有找到报告正文"),
        (r"^PDF is damaged or truncated$", "PDF 文件已损坏或不完整"),
        (r"^PDF is encrypted$", "PDF 文件已加密"),
        (r"^PDF has no text layer.*$", "PDF 没有文字层(可能是扫描件)"),
        (r"^does not look like a rule-of-law government report.*$",
         "看起来既不是法治政府建设年度报告,也不是政府部门关于法治工作的报告"),
        (r"^no figures found; loaded for its text only$", "未找到数字,仅载入正文"),
        (r"^report year not found$", "未找到报告年度"),
        (r"^region not found$", "未找到地区"),
        (r"^no such file or folder$", "文件或文件夹不存在"),
        (r"^cannot read \((.*)\)$", "无法读取({0})"),
        (r"^already loaded \(same content\)$", "已载入(内容相同)"),
        (r"^(\d+) figures$", "{0} 个数字"),
        (r"^re-extracted with parser (\S+) \(was (\S+)\)$", "已用解析程序 {0} 重新提取(原为 {1})"),
        (r"^replaced earlier version (.*) of (\S+) (\S+)$", "已替换{1}{2}年的旧版本:{0}"),
        (r"^not replaced: it would remove (\d+) of (\d+) figures and (\d+) of (\d+) indicator values.*$",
         "未替换:新版本会删去 {1} 个数字中的 {0} 个、{3} 个指标值中的 {2} 个,已保留原报告(确认后可替换)"),
    )
)
_ACTIONS_ZH = {
    "loaded": "已载入",
    "unchanged": "未变",
    "replaced": "已替换",
    "rejected": "已拒绝",
    "refused": "未替换",
    "corrected": "已更正",
    "unmatched": "未匹配的更正",
}


def localise_problem(problem: str, lang: str) -> str:
    """One problem or detail ("file is empty") in the reader's language."""
    if lang != "zh":
        return problem
    for pattern, wording in _ZH:
        found = pattern.match(problem.strip())
        if found:
            return wording.format(*found.groups())
    return problem


def localise(message: str, lang: str) -> str:
    """"<file>: <problem>" with the problem in the reader's language (the file name stays as written)."""
    if lang != "zh":
        return message
    name, _, problem = message.rpartition(": ") if ": " in message else ("", "", message)
    # The file label comes first; a problem may itself hold ": " only in its unknown tail, so try both cuts.
    head, _, rest = message.partition(": ")
    for label, text in ((head, rest), (name, problem)):
        worded = localise_problem(text, lang)
        if worded != text:
            return f"{label}:{worded}" if label else worded
    return message


def action_name(action: str, lang: str) -> str:
    """A load outcome's action (loaded, replaced …) in the reader's language."""
    return _ACTIONS_ZH.get(action, action) if lang == "zh" else action
