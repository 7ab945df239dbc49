"""A report's text as lines, and the lines that matter: running text (the body) and the opening paragraph.

The year pattern is declared here because an opening is recognised by its year ("2021年,綦江区…"); `years.py`
reads years with the same token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YEAR_TOKEN = r"(?:(?:19|20)\d{2}|[二][〇零○O][一二三四五六七八九〇零○O]{2})"
OPENING_YEAR_RE = re.compile(rf"^[\s•·]*({YEAR_TOKEN})\s*年(?:度)?(?:以来|来|,|,|、|\s)")
CHROME_RE = re.compile(r"[>»]|首页|位置|索引号|发布机构|来源|浏览|字号|打印|分享|附件|下载|Copyright|版权|ICP|备案")
SENTENCE_PUNCT_RE = re.compile(r"[。,，;；!！?？]")
LEAD_CLAUSE_RE = re.compile(r"在[^,，。]{0,60}?(?:领导|指导|支持|监督|关心|帮助|部署)[^,，。]{0,20}?下\s*[,，]?")
BODY_MIN_CHARS = 60
SHORT_OPENING_CHARS = 20
OPENING_WORDS = ("今年以来", "近年来", "一年来", "根据", "现将")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # stripped, from folded


def split_lines(folded: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in folded.split("\n"):
        stripped = raw.strip()
        if stripped:
            offset = pos + raw.index(stripped[0])
            lines.append(Line(offset, offset + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def is_body(line: Line) -> bool:
    """A paragraph of running text; a short one counts when it opens like a report ("2021年,…")."""
    long_enough = len(line.text) >= BODY_MIN_CHARS or (
        len(line.text) >= SHORT_OPENING_CHARS and bool(OPENING_YEAR_RE.match(line.text))
    )
    return long_enough and bool(SENTENCE_PUNCT_RE.search(line.text)) and not CHROME_RE.search(line.text[:20])


def is_opening(line: Line) -> bool:
    return is_body(line) and (
        bool(OPENING_YEAR_RE.match(line.text)) or line.text.startswith(OPENING_WORDS) or "报告如下" in line.text
    )


def find_opening(lines: list[Line], body_index: int) -> Line | None:
    for line in lines[body_index : body_index + 4]:
        if OPENING_YEAR_RE.match(line.text) or line.text.startswith(OPENING_WORDS[:3]):
            return line
    return lines[body_index] if body_index < len(lines) and is_body(lines[body_index]) else None


def opening_subject(line: Line) -> str:
    words = re.sub(rf"^[\s•·]*(?:{YEAR_TOKEN}\s*年度?(?:以来|来)?|今年以来|近年来|一年来)\s*[,,、]?\s*", "", line.text)
    return LEAD_CLAUSE_RE.sub("", words)[:40]
