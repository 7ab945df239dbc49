"""Figure spans in report text: number + qualifier + unit, and what is deliberately not a figure.

Runs on the folded (simplified) text so one set of unit and context patterns covers both scripts; offsets
are shared with the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from etl.catalogue.units import normalised
from etl.extract.figure_pattern import FIGURE_RE, FIGURE_SEARCH_RE
from etl.extract.numbers import (
    CN_VARIANTS,
    MULTIPLIERS,
    parse_arabic,
    parse_chinese_integer,
    parse_number,
)
from etl.models import Figure, Sentence

QUALIFIER_PREFIXES = ("将近", "超过", "大约", "近", "约", "超", "逾")
# The same, by length: a two-character prefix reads as its last character (将近 → 近).
_TWO_CHAR_QUALIFIERS = {prefix: prefix[-1] for prefix in QUALIFIER_PREFIXES if len(prefix) == 2}
_ONE_CHAR_QUALIFIERS = frozenset(prefix for prefix in QUALIFIER_PREFIXES if len(prefix) == 1)

CN_DIGIT_CHARS = set("零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖廿卅卌")
# Classifier a bare number takes from the noun it follows, for units lost in scraping ("办理事项26。").
NOUN_UNITS: tuple[tuple[str, str], ...] = (
    ("事项", "项"),
    ("项目", "个"),
    ("案件", "件"),
    ("文件", "件"),
    ("建议", "件"),
    ("提案", "件"),
    ("申请", "件"),
    ("信息", "条"),
    ("意见", "条"),
    ("人员", "人"),
    ("部门", "个"),
    ("单位", "个"),
    ("企业", "家"),
    ("主体", "户"),
    ("纠纷", "件"),
    ("任务", "项"),
    ("措施", "项"),
    ("制度", "项"),
)
# A unit character that starts a longer word is not a unit: 3人民调解, 5处罚, 10项目.
UNIT_BLOCKERS = {
    "人": "民",
    "处": "罚理置",
    "所": "属有",
    "期": "间",
    "起": "草",
    "支": "持撑",
    "张": "贴",
    "本": "级",
    "门": "户",
    "名": "单",
    "条": "例件",
    "项": "目",
    "台": "账",
    "部": "署",
    "家": "庭",
    "场": "所景",
    "次": "要",
    "类": "型",
    "种": "类",
    "市": "民场委级直属长监区县辖内外情",
    "县": "委级域长直属区市情",
    "区": "域划委级长直属间别块段县市内外",
    "分": "之局院队所类别行支会配享解流工布批期级段区站管散析成红子母数值",
    "通": "过知报道用信讯关畅行办达",
    "笔": "录记试者",
    "封": "存闭锁控装面",
}
# Counts spelled with one digit are figures (六项措施, 三个区, 两个率先) except these sets that are names, not
# counts, when a report leaves out their quotation marks (quoted ones fall to the short-quote rule below).
NAMED_SETS = (
    "三项制度", "四个意识", "四个自信", "两个维护", "两个确立", "三个代表", "八项规定", "四个全面", "五位一体",
    "三位一体", "四个一律", "三个一律", "两个责任", "三重一大", "四下基层", "四风", "三公", "五大发展",
)  # fmt: skip
_NAMED_SET_RE = re.compile("|".join(NAMED_SETS))
# Verbs after which 一 with an event's unit is the number one (每半年召开一次), not an article (开展一批).
ONE_AFTER_VERBS = ("召开", "开展", "举办", "举行", "组织", "进行", "至少")
ONE_EVENT_UNITS = frozenset({"次", "场", "场次", "期", "轮"})
# 市委六届二次、三次全会, 十九届四中全会: ordinals of a party congress's sessions, not counts of sessions.
_SESSION_ORDINAL_RE = re.compile(r"[、和及二三四五六七八九十次]*?(?:中)?全会")
# 年 is a unit only for a duration the text marks as one (连续5年, 未来三年, 近3年), never a year or a plan
# period (2021年, 五年规划, 三年行动计划).
DURATION_CUES = ("连续", "未来", "历时", "长达", "持续", "累计", "近")
_PLAN_AFTER_RE = re.compile(r"(?:的)?(?:规划|计划|行动|实施方案|工作方案|攻坚|发展规划)")
MAX_DURATION_YEARS = 30
SHORT_QUOTE_CHARS = 10  # “金10条”, “631”工作法: a number inside a short quotation is part of a name
BARE_END_RE = re.compile(r"\s*(?:[。,;；、!！?？]|$)")
HOTLINE_RE = re.compile(r"1[12]\d{3}|110|119|120|122")


class _Parts(NamedTuple):
    """FIGURE_RE's groups, in its order, read with one `match.groups()`: the tests below read a dozen of them per
    match, and each `match.group(name)` is a call of its own (a fifth of the step's Python time)."""

    pct: str | None
    ar: str | None
    cn: str | None
    range_sep: str | None
    ar2: str | None
    q1: str | None
    mult: str | None
    q2: str | None
    unit: str | None
    jiao: str | None
    fen: str | None
    post: str | None


def _value_of(parts: _Parts) -> float:
    arabic = parts.ar2 or parts.ar
    cn = parts.cn or ""  # FIGURE_RE matched ar or cn: where arabic is None, cn is not
    if parts.pct:
        if cn in ("百", "佰"):
            return 100.0  # 百分之百: 百 alone is no numeral anywhere else
        return parse_number("百分之" + (arabic or cn))
    if arabic:
        # FIGURE_RE has already checked its form: parsing it again would only repeat that check.
        value = float(arabic.replace(",", ""))
        mult = parts.mult
        return round(value * MULTIPLIERS[mult], 6) if mult else value
    value = parse_number(cn)
    if parts.jiao or parts.fen:
        jiao = parse_chinese_integer(parts.jiao[0]) if parts.jiao else 0
        fen = parse_chinese_integer(parts.fen[0]) if parts.fen else 0
        value = round(value + jiao / 10 + fen / 100, 2)
    return value


def _range_low(parts: _Parts) -> float | None:
    """The low end of a range such as 3—5个月 (scaled like the high end), else None."""
    if not (parts.range_sep and parts.ar and parts.ar2):
        return None
    low = float(parts.ar.replace(",", ""))
    mult = parts.mult
    return round(low * MULTIPLIERS[mult], 6) if mult else low


def _words_end(folded: str, start: int) -> int:
    """Where the words before a figure end: one typeset space between them (「第 3 次」) is skipped."""
    return start - 1 if start and folded[start - 1] == " " else start


def _is_excluded(folded: str, match: re.Match[str], parts: _Parts, unit: str) -> bool:
    start = _words_end(folded, match.start())
    before = folded[max(0, start - 1) : start]
    if before == "第" or (before and before.isascii() and before.isalpha()):
        return True
    if before.isdigit() and start != match.start():
        return True  # 「1 2 3 件」: digits set apart by spaces are one number or several; neither is safe to read
    if start >= 2 and folded[start - 1] == "\n" and folded[start - 2].isdigit():
        return True  # 「受理案件35\n6件」 that etl.extract.normalise could not show to be one number cut by a wrap
    if unit == "名" and before == "前":
        return True  # 前30名 is a rank, not a count
    if unit == "个" and folded.startswith("百分之", match.end()):
        return True  # 两个百分之百: both rates are 100% (the rate is the figure), not a count of two
    if unit == "年" and not _is_duration(folded, match, parts):
        return True
    if unit == "分" and (parts.cn or (before and before in "时点")):
        return True  # 十分 (very), 三分之一 and 9时46分 are no scores
    if unit == "通" and parts.cn:
        return True  # 四通八达, 一通百通: words; calls are counted in Arabic digits
    cn = parts.cn
    if cn and not parts.pct:
        if not any(ch in CN_DIGIT_CHARS for ch in cn) and not cn.translate(CN_VARIANTS).startswith("十"):
            return True  # 万/千/百 alone are words (万众, 千方百计), not numbers
        if len(cn) == 1 and cn in CN_DIGIT_CHARS and not parts.q1 and _is_spelled_word(folded, match, parts):
            return True
        if cn[0] in "万亿" or (parts.mult and cn):
            return True
    return False


def _is_spelled_word(folded: str, match: re.Match[str], parts: _Parts) -> bool:
    """Whether a one-digit Chinese numeral with a unit is a word, not a count: 一 (一次办, 一件事, 一批: the
    article far more often than the number), a named set (三项制度), a session ordinal (六届二次全会)."""
    cn = parts.cn or ""
    start = _words_end(folded, match.start())
    if cn in "一壹":
        # 每半年召开一次专题学习会议: an event verb, then 一 and an event's unit, is the number one.
        return not (folded.endswith(ONE_AFTER_VERBS, 0, start) and parts.unit in ONE_EVENT_UNITS)
    if folded[max(0, start - 1) : start] == "届" or _SESSION_ORDINAL_RE.match(folded, match.end()):
        return True
    return _NAMED_SET_RE.match(folded, start) is not None


def _is_duration(folded: str, match: re.Match[str], parts: _Parts) -> bool:
    arabic = parts.ar
    if (arabic and len(arabic) > 2) or parts.range_sep or parts.mult or parts.pct:
        return False  # 2021年 (most 年 in a report) fails on its length, before any parsing
    try:
        value = parse_number(parts.cn) if parts.cn else float((arabic or "").replace(",", ""))
    except ValueError:
        return False  # not a numeral (一一亿): the figure step drops it too
    if not 0 < value <= MAX_DURATION_YEARS or _PLAN_AFTER_RE.match(folded, match.end()):
        return False
    start = _words_end(folded, match.start())
    return folded[max(0, start - 2) : start].endswith(DURATION_CUES)


def _infer_unit(folded: str, sentence: Sentence, match: re.Match[str], parts: _Parts) -> str | None:
    """A unit for a bare number whose unit the scrape lost, from the noun right before it."""
    ar = parts.ar
    mult = parts.mult
    if not ar or parts.range_sep or parts.cn or mult not in (None, "万", "亿"):
        return None
    if not BARE_END_RE.match(folded, match.end()) or HOTLINE_RE.fullmatch(ar):
        return None
    value = parse_arabic(ar)
    # "事项279万余。": a count scaled by 万 is no year and may have decimals; a bare one may not.
    if mult is None and ("." in ar or (1900 <= value <= 2100 and len(ar) == 4)):
        return None
    start = _words_end(folded, match.start())
    left = folded[max(sentence.start, start - 4) : start]
    for noun, unit in NOUN_UNITS:
        if left.endswith(noun):
            return unit
    return None


def _qualifier(folded: str, sentence: Sentence, start: int, parts: _Parts) -> str | None:
    if parts.range_sep:
        return "区间"
    if parts.q1:
        return parts.q1
    if parts.q2:
        return parts.q2
    if parts.post:
        return "以上" if parts.post == "以上" else "约"
    if parts.unit == "年":
        return None  # 近三年 is the last three years, not nearly three
    start = _words_end(folded, start)
    if start - 2 >= sentence.start and folded[start - 2 : start] in _TWO_CHAR_QUALIFIERS:
        return _TWO_CHAR_QUALIFIERS[folded[start - 2 : start]]
    if start - 1 >= sentence.start and folded[start - 1] in _ONE_CHAR_QUALIFIERS:
        return folded[start - 1]
    # Most sentences never say 累计: look for it before working out where the clause starts.
    if folded.find("累计", sentence.start, start) == -1:
        return None
    clause_start = max(folded.rfind(sep, sentence.start, start) for sep in ",;、:")
    if "累计" in folded[max(clause_start, sentence.start) : start]:
        return "累计"
    return None


def _is_unit_blocked(folded: str, match: re.Match[str], parts: _Parts) -> bool:
    unit = parts.unit
    if not unit or parts.post:
        return False
    following = folded[match.end("unit") : match.end("unit") + 1]
    return bool(following) and following in UNIT_BLOCKERS.get(unit, "")


def _is_in_short_quote(folded: str, sentence: Sentence, start: int, end: int) -> bool:
    opening = folded.rfind("“", sentence.start, start)
    if opening == -1 or folded.find("”", opening, start) != -1:
        return False
    closing = folded.find("”", end, sentence.end)
    return closing != -1 and closing - opening - 1 <= SHORT_QUOTE_CHARS


def _unit_of(folded: str, sentence: Sentence, match: re.Match[str], parts: _Parts) -> tuple[str, bool, str] | None:
    """(normalised unit, whether it was inferred, unit as written); None for a number without a unit."""
    unit_as_written = parts.unit or ""
    unit = "%" if parts.pct else normalised(unit_as_written)
    if unit:
        return unit, False, unit_as_written
    inferred = _infer_unit(folded, sentence, match, parts) or _shared_unit(folded, sentence, match, parts)
    return (inferred, True, unit_as_written) if inferred else None


# Joined numbers say their unit once, after the last (分别下降4.5和1.8个百分点, 分别为12、8件).
_JOINERS = "和、与及或"
MAX_JOINED = 4  # numbers before the one that carries the unit
# Units a joined number does not share: times and places (2019、2020年 are years; 1、2月 months).
_UNSHARED_UNITS = frozenset({"年", "个月", "小时", "分钟", "天", "工作日", "个工作日", "市", "县", "区", "分"})


def _shared_unit(folded: str, sentence: Sentence, match: re.Match[str], parts: _Parts) -> str | None:
    """The unit of the number a bare Arabic number is joined to (和, 、…), when that one carries it."""
    if not parts.ar or parts.range_sep or parts.mult or parts.q1 or parts.q2 or parts.post:
        return None
    start = match.start()
    if start > sentence.start and (folded[start - 1] in "第.-" or folded[start - 1].isdigit()):
        return None  # an ordinal (第1、2批), or the tail of another number
    if "." not in parts.ar and len(parts.ar) == 4 and 1900 <= parse_arabic(parts.ar) <= 2100:
        return None  # a year
    end = match.end()
    if folded.startswith("、", end) and (start == sentence.start or folded[start - 1] in " \t\n(（。;:"):
        return None  # a list's number (3、13个市州新收…): the item, not a count
    for _ in range(MAX_JOINED):
        if end >= sentence.end or folded[end] not in _JOINERS:
            return None
        following = FIGURE_RE.match(folded, end + 1, sentence.end)
        if following is None or not following.group("ar") or following.group("range_sep"):
            return None
        written = following.group("unit")
        if written:
            unit = normalised(written)
            return unit if unit and unit not in _UNSHARED_UNITS else None
        end = following.end()
    return None


_MINUS = "-−－"  # hyphen-minus, minus sign, full-width hyphen-minus
SIGNED_UNITS = ("%", "个百分点")  # a change may fall below zero; a count never does (-1个 is a dash and a count)
_NEGATIVE_BEFORE = " \t|(:"  # what may stand before a signed number: a cell's start, a space, a bracket, a colon


def _is_negative(folded: str, start: int, sentence_start: int) -> bool:
    """A minus sign right before the number, itself at a cell's or a phrase's start (-30.0% in a table's change
    column) — not the dash of a range (1-2天) or a date (2020-2022), which follows a digit or a word."""
    if start <= sentence_start or folded[start - 1] not in _MINUS:
        return False
    return start - 1 == sentence_start or folded[start - 2] in _NEGATIVE_BEFORE


def extract_figures(text: str, folded: str, sentences: Sequence[Sentence]) -> tuple[Figure, ...]:
    """Every figure in every sentence, in text order."""
    figures: list[Figure] = []
    starts = [s.start for s in sentences]
    # One scan of the whole text finds what a scan of each sentence would: no character a figure is made of
    # ends a sentence, so no match can straddle two.
    for match in FIGURE_SEARCH_RE.finditer(folded):
        # "以上"/"左右" belong to the figure as written; the unit group is already inside the match.
        start, end = match.span()
        index = bisect_right(starts, start) - 1
        if index < 0 or end > sentences[index].end:
            continue  # outside every sentence (the text between them holds no digits; this is a guard)
        sentence = sentences[index]
        parts = _Parts._make(match.groups())
        if parts.ar and " " in parts.ar:  # 29 757件: thousands set apart by a space
            parts = parts._replace(ar=parts.ar.replace(" ", ""))
        # Cheapest tests first: most matches are a numeral inside a word (统一, 一是) and fail on the unit.
        unit = _unit_of(folded, sentence, match, parts)
        if unit is None or _is_excluded(folded, match, parts, unit[0]):
            continue
        if parts.mult == "千" and unit[0] != "元" and not (parts.ar and parts.unit):
            continue  # 3千余件 (Arabic digits, a written unit) is 3000; a Chinese numeral with 千 is read as one
        if _is_unit_blocked(folded, match, parts) or _is_in_short_quote(folded, sentence, start, end):
            continue
        try:
            value = _value_of(parts)
        except ValueError:
            continue
        qualifier = _qualifier(folded, sentence, start, parts)
        if unit[0] in SIGNED_UNITS and _is_negative(folded, start, sentence.start):
            start, value = start - 1, -value
        figures.append(
            Figure.in_sentence(
                sentence, text, start, end, value, unit[0], qualifier,
                is_unit_inferred=unit[1], unit_as_written=unit[2], value_low=_range_low(parts),
            )
        )
    return tuple(figures)
