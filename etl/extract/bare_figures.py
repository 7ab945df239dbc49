"""Quantities written without a unit: fractions (十分之一, 一半), counts of named areas (六大方面), ratios
(复议诉讼比值达2.6, 2.12:1) and numbers whose unit the scrape lost at the end of a clause (研究法治议题70。).

Each is a figure with no unit (""): counted and shown, never given an indicator (the catalogue's label patterns
are per unit), so a guess here can cost a reader a stray number, never a wrong value on a chart. Numbers that
look like these but are no quantity are refused: years, hotlines, list and table numbers (附件1, 表2), names in
short quotations (“三大战略”), the party congresses (十九大, 二十大).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from etl.catalogue.units import NO_UNIT
from etl.extract.numbers import parse_number
from etl.models import Figure, Sentence

_AR = r"\d+(?:\.\d+)?"
_CN_SMALL = "一二两三四五六七八九十"
# 十分之一强, 三分之二, 1/3 written out; 一半 (以上) is one half.
FRACTION_RE = re.compile(
    rf"(?P<den>[{_CN_SMALL}]+|\d+)分之(?P<num>[{_CN_SMALL}]+|\d+)(?P<q>强|多|以上)?|(?<![一二三四五六七八九十\d])一半(?P<q2>以上|多)?"
)
# 六大方面, 6大行业: one digit, then 大 and a noun. 十九大 and 二十大 are congresses, 三大队 a brigade, 五大连池
# a place.
BIG_RE = re.compile(r"(?<![十百\d.第])(?P<n>[两二三四五六七八九]|[2-9])大(?=[\u4e00-\u9fff])")
# Where BIG_RE can match: a 大 after one digit. Found by the 大 first (a literal the regex engine scans for fast),
# then BIG_RE is tried one character before it.
_BIG_ANCHOR_RE = re.compile(r"大(?=[\u4e00-\u9fff])")
BIG_BLOCKERS = frozenset("会学常队庆桥道厅楼局力幅案型规模于概多约部小额病连姐哥姨街厦院师家")
# 复议诉讼比值达2.6: a ratio has no unit. Nor has one written against 1 (数量比为2.12:1, 达到10:1), whose value is
# its first term.
RATIO_RE = re.compile(rf"(?:比值|之比|比率)(?:为|达到|达|是)?(?P<num>{_AR})(?=[,。;、]|$)")
COLON_RATIO_RE = re.compile(rf"(?<![\d.:])(?P<num>{_AR}) ?: ?1(?![\d.:])")
# 订阅量1108。 法治专题讲座92, 累计培训1800余, 申请107(受理…: a number ending its clause right after a noun, its
# unit lost by the scrape.
# Found by its last digit and what follows (one digit a try: `\d+` first would retry the lookahead at every digit of
# every number), then read back to its first digit (`_lost_unit_start`); the word before it is checked after.
LOST_UNIT_END_RE = re.compile(r"\d(?P<q>余|多)?(?=[,。;(（]|$)", re.MULTILINE)
_NUMBER_CHARS = frozenset("0123456789.")
# Words a number closing a clause names or numbers, not counts: 附件1, 表2, 图3, 〔2021〕3号 (号 is the unit
# position; these stand before the number), 第3, 版本2.0, 热线12345.
LOST_UNIT_REFUSED_BEFORE = ("附件", "表", "图", "第", "版", "号", "期", "条", "款", "章", "节", "线", "码", "话", "至")
SHORT_QUOTE_CHARS = 10


def _in_short_quote(folded: str, start: int, end: int) -> bool:
    opening = folded.rfind("“", max(0, start - SHORT_QUOTE_CHARS), start)
    if opening == -1 or folded.find("”", opening, start) != -1:
        return False
    closing = folded.find("”", end, end + SHORT_QUOTE_CHARS)
    return closing != -1 and closing - opening - 1 <= SHORT_QUOTE_CHARS


def _fraction_value(match: re.Match[str]) -> float | None:
    if match.group("den") is None:
        return 0.5
    try:
        den, num = parse_number(match.group("den")), parse_number(match.group("num"))
    except ValueError:
        return None
    return round(num / den, 6) if den and num <= den else None


def _lost_unit_start(folded: str, last_digit: int) -> int:
    start = last_digit
    while start and folded[start - 1] in _NUMBER_CHARS:
        start -= 1
    return start


def _lost_unit_value(folded: str, start: int, number: str) -> float | None:
    if not re.fullmatch(_AR, number):
        return None
    before = folded[max(0, start - 2) : start]
    if "." in number or number.startswith("0") or before.endswith(LOST_UNIT_REFUSED_BEFORE):
        return None
    value = float(number)
    # Years (2021), hotlines (12345) and one-digit numbers (a list item's, a grade's) are no lost count.
    if len(number) < 2 or (len(number) == 4 and 1900 <= value <= 2100) or len(number) == 5:
        return None
    return value


def _candidates(folded: str) -> list[tuple[int, int, float, str | None]]:
    """(start, end, value, qualifier) of every bare quantity, in no particular order."""
    found: list[tuple[int, int, float, str | None]] = []
    # Both regexes open on a class, which the engine tries at every character; most texts hold neither literal.
    fractions = FRACTION_RE.finditer(folded) if "分之" in folded or "一半" in folded else ()
    for match in fractions:
        value = _fraction_value(match)
        if value is not None:
            found.append((match.start(), match.end(), value, match.group("q") or match.group("q2")))
    for anchor in _BIG_ANCHOR_RE.finditer(folded):
        big = BIG_RE.match(folded, anchor.start() - 1) if anchor.start() else None
        if big is None:
            continue
        if folded[big.end()] not in BIG_BLOCKERS and not _in_short_quote(folded, big.start(), big.end()):
            found.append((big.start(), big.end(), parse_number(big.group("n")), None))
    for match in RATIO_RE.finditer(folded) if "比" in folded else ():
        found.append((match.start("num"), match.end(), float(match.group("num")), None))
    for match in COLON_RATIO_RE.finditer(folded) if ":1" in folded or ": 1" in folded else ():
        found.append((match.start(), match.end(), float(match.group("num")), None))
    for match in LOST_UNIT_END_RE.finditer(folded):
        start = _lost_unit_start(folded, match.start())
        if not start or not "\u4e00" <= folded[start - 1] <= "\u9fff":
            continue  # right after a word (订阅量1108), not after a space, a bracket or a letter
        value = _lost_unit_value(folded, start, folded[start : match.start() + 1])
        if value is not None:
            found.append((start, match.end(), value, match.group("q")))
    return found


def extract_bare_figures(
    text: str, folded: str, sentences: Sequence[Sentence], covered: set[int]
) -> tuple[Figure, ...]:
    """Unitless quantities no other step took, each once, in text order."""
    starts = [s.start for s in sentences]
    figures: list[Figure] = []
    taken = set(covered)
    for start, end, value, qualifier in sorted(_candidates(folded)):
        if taken.intersection(range(start, end)):
            continue
        index = bisect_right(starts, start) - 1
        if index < 0 or end > sentences[index].end:
            continue
        sentence = sentences[index]
        taken.update(range(start, end))
        figures.append(Figure.in_sentence(sentence, text, start, end, value, NO_UNIT, qualifier))
    return tuple(figures)
