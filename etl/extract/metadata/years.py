"""The year a report covers, and the span of a multi-year one ("2021—2025年"), from its title or opening."""

from __future__ import annotations

import re

from etl.extract.metadata.lines import OPENING_YEAR_RE, YEAR_TOKEN, Line, find_opening

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
SPAN_SEP = r"\s*[—\-–－~～至到]+\s*"
SPAN_RE = re.compile(rf"({YEAR_TOKEN})(?:\s*年)?{SPAN_SEP}({YEAR_TOKEN})\s*年")
# Scraping drops the dash of "2021—2025年": the two years fuse into eight digits.
FUSED_SPAN_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})((?:19|20)\d{2})\s*年")
YEAR_RE = re.compile(rf"(?<![\d〇零○一二三四五六七八九])({YEAR_TOKEN})\s*年(?!\s*\d{{1,2}}\s*月)(?!\s*\d{{3,4}}\s*日)")
REPORT_PHRASE_YEAR_RE = re.compile(rf"(?:现将|下面|报告)[^。\n]{{0,40}}?({YEAR_TOKEN})\s*年")
# A speech's date note ("(2022年3月1日在…)") names the day it was given, not the year reported on.
SPEECH_NOTE_RE = re.compile(r"[(（—-]*[^()（）]{0,6}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日在[^()（）]*[)）]?")
MIN_YEAR, MAX_YEAR = 1990, 2100


def _year_value(token: str) -> int | None:
    if token.isdigit():
        year = int(token)
    else:
        digits = [CN_DIGITS.get(ch) for ch in token]
        if any(d is None for d in digits):
            return None
        year = int("".join(str(d) for d in digits))
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _years_in(line: str) -> tuple[int | None, str | None]:
    """Report year and span named by a title or an opening line."""
    line = SPEECH_NOTE_RE.sub("", line)
    for regex in (SPAN_RE, FUSED_SPAN_RE):
        match = regex.search(line)
        if match:
            first, last = _year_value(match.group(1)), _year_value(match.group(2))
            if first and last and 0 < last - first <= 10:
                return last, f"{first}-{last}"
    match = YEAR_RE.search(line)
    if match:
        return _year_value(match.group(1)), None
    return None, None


def find_report_year(
    title: str | None, lines: list[Line], body_index: int, folded: str
) -> tuple[int | None, str | None]:
    if title:
        year, span = _years_in(title)
        if year:
            return year, span
    opening = find_opening(lines, body_index)
    if opening is not None:
        match = OPENING_YEAR_RE.match(opening.text)
        if match:
            span_year, span = _years_in(opening.text[: match.end() + 12])
            if span:
                return span_year, span
            return _year_value(match.group(1)), None
    body = folded[lines[body_index].start :] if body_index < len(lines) else ""
    match = REPORT_PHRASE_YEAR_RE.search(body[:3000])
    if match:
        return _year_value(match.group(1)), None
    # The first year the body speaks of that is not inside a cited plan (《纲要(2015-2020年)》) or a date.
    cleaned = re.sub(r"《[^》\n]{0,80}》|[(（][^()（）\n]{0,30}[)）]", lambda m: " " * len(m.group(0)), body[:3000])
    match = YEAR_RE.search(cleaned)
    return (_year_value(match.group(1)), None) if match else (None, None)
