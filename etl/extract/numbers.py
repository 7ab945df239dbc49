"""Number spans → values: Arabic with separators and decimals, Chinese numerals, 万/亿 multipliers.

Chinese numerals are read by `cn2an` (a maintained parser that knows the colloquial forms reports use:
三万五 = 35,000, 一百二 = 120, 两千六 = 2,600, 一千零十 = 1,010, and financial capitals 壹仟贰佰). Forms it
cannot read raise ValueError, so the extractor gives no figure rather than a wrong value.
"""

from __future__ import annotations

import re
from functools import lru_cache

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
MULTIPLIERS = {"千": 1_000, "万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000, "万亿": 10**12}
# Variant characters folded before parsing: traditional 兩萬億 (when text was not folded), the financial
# capitals of invoices and budgets (壹贰叁 … 拾佰仟), and the old tens 廿 卅 卌.
CN_VARIANTS = str.maketrans(
    {
        "兩": "两",
        "萬": "万",
        "億": "亿",
        "壹": "一",
        "贰": "二",
        "貳": "二",
        "叁": "三",
        "肆": "四",
        "伍": "五",
        "陆": "六",
        "陸": "六",
        "柒": "七",
        "捌": "八",
        "玖": "九",
        "拾": "十",
        "佰": "百",
        "仟": "千",
        "廿": "二十",
        "卅": "三十",
        "卌": "四十",
    }
)
# Every character a Chinese numeral may contain, variants included (the figure pattern's character class).
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿" + "兩萬億壹贰貳叁肆伍陆陸柒捌玖拾佰仟廿卅卌"

_MULTIPLIERS_LONGEST_FIRST = tuple(sorted(MULTIPLIERS, key=len, reverse=True))
ARABIC_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CN_INTEGER_RE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


def parse_arabic(text: str) -> float:
    """'10,792' → 10792.0; '8461.36' → 8461.36."""
    if not ARABIC_RE.fullmatch(text):
        raise ValueError(f"not an Arabic number: {text!r}")
    return float(text.replace(",", ""))


def _is_digit_string(text: str) -> bool:
    return len(text) > 1 and all(ch in CN_DIGITS for ch in text)


@lru_cache(maxsize=4096)
def parse_chinese_integer(text: str) -> int:
    """'三百零四' → 304; '三万五' → 35000; '壹仟贰佰叁拾肆' → 1234; '二〇二一' → 2021 (digit by digit)."""
    folded = text.translate(CN_VARIANTS)
    if not _CN_INTEGER_RE.fullmatch(folded):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if _is_digit_string(folded):
        return int("".join(str(CN_DIGITS[ch]) for ch in folded))
    if len(folded) > 1 and folded.endswith("零"):
        raise ValueError(f"numeral ends in 零: {text!r}")  # "一百零" is cut off, not 100
    import cn2an  # imported on first use: 0.1 s that plain-digit reports never pay

    try:
        value = cn2an.cn2an(folded, "normal")
    except (ValueError, KeyError, IndexError) as error:
        raise ValueError(f"not a Chinese numeral: {text!r}") from error
    if value != int(value):
        raise ValueError(f"not an integer: {text!r}")
    return int(value)


def parse_chinese_number(text: str) -> float:
    """Chinese numeral with an optional decimal part: '九十七点六' → 97.6."""
    whole, sep, frac = text.partition("点")
    if not whole:
        raise ValueError(f"no whole part in {text!r}")
    value = float(parse_chinese_integer(whole))
    if sep:
        frac = frac.translate(CN_VARIANTS)
        if not frac or not all(ch in CN_DIGITS for ch in frac):
            raise ValueError(f"bad decimal part in {text!r}")
        value = float(f"{int(value)}." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    return value


def parse_number(text: str) -> float:
    """Arabic or Chinese numeral, optionally followed by a 万/亿 multiplier: '8461.36万' → 84613600.0."""
    text = text.strip()
    for suffix in _MULTIPLIERS_LONGEST_FIRST:
        head = text[: -len(suffix)]
        if text.endswith(suffix) and head and ARABIC_RE.fullmatch(head):
            return round(parse_arabic(head) * MULTIPLIERS[suffix], 6)
    if ARABIC_RE.fullmatch(text):
        return parse_arabic(text)
    if text.startswith("百分之"):
        return parse_chinese_number(text[3:])
    return parse_chinese_number(text)
