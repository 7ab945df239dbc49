"""The date a report was published: a page's date label, a bare date line in its header, or its signature."""

from __future__ import annotations

import re

from etl.extract.metadata.lines import Line
from etl.extract.metadata.years import MAX_YEAR, MIN_YEAR
from etl.extract.patterns import DATE_PART, valid_date

LABELLED_DATE_RE = re.compile(
    r"(?P<label>公文生成日期|生成日期|发布日期|发布时间|发稿时间|公开日期|更新时间|更新日期|发文日期|成文日期|印发日期|日期|时间)"
    rf"\s*[\]】]?\s*[:：]?\s*[\]】\[【]?\s*{DATE_PART}"
)
# Lower is better: a page's own publication label beats a bare "日期", which beats update and drafting dates.
LABEL_RANK = {"发布日期": 0, "发布时间": 0, "发稿时间": 0, "公开日期": 0, "日期": 1, "时间": 1}
LABEL_RANK |= {"更新时间": 2, "更新日期": 2, "发文日期": 3, "成文日期": 3, "印发日期": 3}
LABEL_RANK |= {"公文生成日期": 4, "生成日期": 4}
BARE_DATE_LINE_RE = re.compile(
    rf"^[\s•·\-*|]*{DATE_PART}\s*日?(?:\s+\d{{1,2}}\s*[:时]\s*\d{{1,2}}(?:\s*[:分]\s*\d{{1,2}})?\s*(?:秒|分)?)?[\s|]*$"
)
SIGNATURE_DATE_RE = re.compile(rf"^\s*(?:[\u4e00-\u9fff()（）]{{2,40}}?\s*)?{DATE_PART}\s*日\s*$")
DAMAGED_SIGNATURE_DATE_RE = re.compile(r"^\s*(?:[\u4e00-\u9fff()（）]{2,40}?\s*)?(\d{4})年?(\d{2,4})日\s*$")
SIGNATURE_LOOKBACK_LINES = 25
MAX_CHROME_LINE = 200


def _damaged_date(year: str, digits: str) -> str | None:
    """"2022211日" lost its 年 and 月: accept it only when one split into month and day makes a date."""
    options = {
        valid_date(year, digits[:cut], digits[cut:])
        for cut in range(1, len(digits))
        if len(digits[:cut]) <= 2 and len(digits[cut:]) <= 2
    }
    options.discard(None)
    return options.pop() if len(options) == 1 else None


def _plausible(iso: str | None, report_year: int | None) -> bool:
    if iso is None:
        return False
    year = int(iso[:4])
    if report_year is None:
        return MIN_YEAR <= year <= MAX_YEAR
    return report_year <= year <= report_year + 3


def find_date_published(
    lines: list[Line], body_index: int, report_year: int | None, container_date: str | None
) -> str | None:
    labelled: list[tuple[int, int, str]] = []
    for line in lines:
        if len(line.text) > MAX_CHROME_LINE:
            continue
        for match in LABELLED_DATE_RE.finditer(line.text):
            iso = valid_date(match.group(2), match.group(3), match.group(4))
            if _plausible(iso, report_year):
                labelled.append((LABEL_RANK[match.group("label")], line.start + match.start(), iso or ""))
    header = [line for line in lines[:body_index] if len(line.text) <= MAX_CHROME_LINE]
    for line in header:
        bare = BARE_DATE_LINE_RE.match(line.text)
        if bare:
            iso = valid_date(bare.group(1), bare.group(2), bare.group(3))
            if _plausible(iso, report_year):
                labelled.append((2, line.start, iso or ""))
    if labelled:
        return min(labelled)[2]
    for line in reversed(lines[body_index + 1 :][-SIGNATURE_LOOKBACK_LINES:]):
        signed = SIGNATURE_DATE_RE.match(line.text)
        iso = valid_date(signed.group(1), signed.group(2), signed.group(3)) if signed else None
        if signed is None:
            damaged = DAMAGED_SIGNATURE_DATE_RE.match(line.text)
            iso = _damaged_date(damaged.group(1), damaged.group(2)) if damaged else None
        if _plausible(iso, report_year):
            return iso
    if container_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", container_date[:10]):
        return container_date[:10]
    return None
