"""A report's title: the title-like line before its opening paragraph, or the page title it came in.

The title is found on the folded text; the caller slices it from the original so it keeps the report's own script.
"""

from __future__ import annotations

import re

from etl.catalogue.gazetteer import Gazetteer
from etl.extract.metadata.lines import CHROME_RE, SENTENCE_PUNCT_RE, YEAR_TOKEN, Line, is_opening
from etl.extract.metadata.places import find_mentions
from etl.extract.metadata.years import SPAN_SEP, SPEECH_NOTE_RE

TITLE_TOPIC_RE = re.compile(r"法治政府建设|依法行政|法治建设|法治政府")
TITLE_KIND_RE = re.compile(r"报告|情况|总结")
HEADING_START_RE = re.compile(
    r"^[\s•·]*(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、])"
)
SPLIT_TITLE_HEAD_RE = re.compile(r"(?:人民政府|政府|办公室|委员会|部|厅|局|镇|乡|街道|区|县|市|省|旗)$")
TITLE_LINES_AFTER_BODY = 4
SUBJECT_CUT_RE = re.compile(rf"人民政府|政府|办事处|关于|党委|党工委|{YEAR_TOKEN}|法治|依法行政|工作|年度|\s")


def _is_title(line: str) -> bool:
    return (
        8 <= len(line) <= 90
        and bool(TITLE_TOPIC_RE.search(line))
        and bool(TITLE_KIND_RE.search(line))
        and not HEADING_START_RE.match(line)
        and not CHROME_RE.search(line)
        and not SENTENCE_PUNCT_RE.search(line)
        and not line.endswith(("如下", ":", "："))
        and not line.startswith(("《", "“", "\"", "根据", "按照"))
    )



def find_title(lines: list[Line], body_index: int, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """Span (in the text) of the title: a title-like line before the opening paragraph, joined with its first half.

    A bare column name ("法治政府建设年度报告") also looks like a title, so a line naming a year, a place or a
    government wins over it.
    """
    candidates: list[tuple[int, int, bool]] = []
    for index, line in enumerate(lines[: body_index + TITLE_LINES_AFTER_BODY]):
        if is_opening(line):
            break
        if not _is_title(line.text):
            continue
        start = line.start
        if index > 0 and (line.text.startswith("关于") or re.match(YEAR_TOKEN, line.text)):
            previous = lines[index - 1]
            if (
                len(previous.text) <= 30
                and SPLIT_TITLE_HEAD_RE.search(previous.text)
                and not CHROME_RE.search(previous.text)
                and not SENTENCE_PUNCT_RE.search(previous.text)
            ):
                start = previous.start
        whole = " ".join(other.text for other in lines[index - 1 : index + 1]) if start != line.start else line.text
        specific = bool(
            re.search(YEAR_TOKEN, whole)
            or "人民政府" in whole[:24]
            or find_mentions(whole[:20], gazetteer, free_text=True)
        )
        candidates.append((start, line.end, specific))
    best = next((c for c in candidates if c[2]), candidates[0] if candidates else None)
    return (best[0], best[1]) if best else None


def title_subject(title: str) -> str:
    """The government named at the head of a title: what precedes its year, 关于 or topic ("关于X县…" too)."""
    title = SPEECH_NOTE_RE.sub("", title).replace("\n", "")
    title = re.sub(rf"^\s*(?:中共)?\s*(?:{YEAR_TOKEN}(?:{SPAN_SEP}{YEAR_TOKEN})?\s*年度?)?", "", title)
    return next((part for part in SUBJECT_CUT_RE.split(title, maxsplit=3)[:3] if part), "")



def container_parts(container_title: str | None) -> list[str]:
    """A page title split at its site-name separators, the part that looks like the report's title first."""
    if not container_title:
        return []
    parts = [part.strip() for part in re.split(r"[_|｜]|\s[-—]\s|--|-(?=[^-]*$)", container_title) if part.strip()]
    return sorted(parts, key=lambda part: not (TITLE_TOPIC_RE.search(part) and TITLE_KIND_RE.search(part)))


def title_from_container(container_title: str | None) -> str | None:
    parts = container_parts(container_title)
    return parts[0] if parts and TITLE_TOPIC_RE.search(parts[0]) and TITLE_KIND_RE.search(parts[0]) else None

