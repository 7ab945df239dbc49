"""The figure pattern: a number, its qualifiers and its unit, as one regex (etl/extract/figures.py reads its groups
and decides what is a figure), and the search that finds where one can start."""

from __future__ import annotations

import re

from etl.catalogue.units import WRITTEN_UNITS
from etl.extract.numbers import CN_NUMERAL_CHARS

__all__ = ["CANDIDATE", "FIGURE_RE", "FIGURE_SEARCH_RE"]

# Longest first; opened with a look-ahead at the units' first characters, so that a number with no unit after it
# fails in one class test rather than one for each of the 70-odd units.
_UNIT = "(?=[{}])(?:{})".format(
    "".join(sorted({re.escape(u[0]) for u in WRITTEN_UNITS})), "|".join(re.escape(u) for u in WRITTEN_UNITS)
)
# FIGURE_RE is tried at every candidate offset of every text (a few hundred a report), so it is written for the
# engine, with the same matches as its plain form (`X?`, no look-aheads; tests/test_fast_paths.py holds them):
# - an optional part that is more than one character is `(?:X|)`, not `(?:X)?`: the engine runs the latter as a
#   repeat, allocating and freeing a counter on every try; a branch with an empty second arm tries the same two
#   things in the same order without one (a quarter of the scan's instructions);
# - the grouped-thousands forms open with a possessive look-ahead at their separator (`(?=\d{1,3}+,)`): a plain
#   number (2023年) then fails them at once instead of backing off digit by digit.
# Thousands set apart by a space, as older typesetting does (调解民间纠纷29 757件, 4 598个调解委员会): one number, but
# only run into the words before it and the unit after it, so that two cells or numbers a space apart (「6 59」) stay
# two and a text that sets every number apart (「共有 12 345 件」) stays unread.
_AR = (r"(?=\d{1,3}+,)\d{1,3}(?:,\d{3})+(?:\.\d+|)"
       rf"|(?=\d{{1,3}}+ )(?<! )\d{{1,3}}(?: \d{{3}})+(?![\d.])(?=(?:余|多|)(?:万|亿|)(?:{_UNIT}))"
       r"|\d+(?:\.\d+|)")
_CN = rf"[{CN_NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+|)"
# 壹仟贰佰叁拾肆元伍角陆分: money in financial capitals carries its 角 and 分 after the 元.
_CN_DIGIT = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
FIGURE_RE = re.compile(
    rf"(?:(?P<pct>百分之)|)(?:(?<![\d.])(?<!\d,)(?P<ar>{_AR})|(?P<cn>{_CN}))"
    rf"(?:(?P<range_sep>[—\-~～至到])(?P<ar2>{_AR})|)"
    # One space may stand before the multiplier and the unit: reports typeset 「受理案件 356 件」, 「办结率 98.5 %」
    # (full-width, no-break and thin spaces are folded to it by etl.extract.normalise).
    r"(?: ?(?P<q1>余|多)|)(?: ?(?P<mult>千万|百万|万亿|万|亿|千)|)(?:(?P<q2>余|多)|)"
    rf"(?: ?(?P<unit>{_UNIT})|)(?:(?<=元)(?:(?P<jiao>[{_CN_DIGIT}]角)|)(?:(?P<fen>[{_CN_DIGIT}]分)|)|)"
    r"(?:(?P<post>以上|左右)|)"
    # A Chinese numeral is a figure only with a unit or 百分之 (统一, 一是, 三项 without a count are words):
    # failing here, in the engine, spares a Python round trip for each of the many numerals in words.
    r"(?(cn)(?(pct)|(?(unit)|(?!))))"
)


# Where a figure can start (百分之, a digit, a Chinese numeral other than 百千万亿). Searching with this lookahead in
# front of FIGURE_RE finds exactly the matches that trying FIGURE_RE at each such offset in turn would.
_CN_STARTS = "零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾廿卅兩"
CANDIDATE = rf"(?=百分之|\d|[{_CN_STARTS}])"
# The search is tried at every offset of the text (it opens with a look-ahead, so the engine cannot skip to its
# candidates): one class of all their first characters fails there in one test, where CANDIDATE's three branches
# took three (2.9 → 2.6 M instructions a report).
FIGURE_SEARCH_RE = re.compile(rf"(?=[百\d{_CN_STARTS}])" + CANDIDATE + FIGURE_RE.pattern)
