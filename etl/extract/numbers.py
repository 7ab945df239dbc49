"""Number spans → values: Arabic with separators and decimals, Chinese numerals, 万/亿 multipliers."""

from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000, "万亿": 10**12}

_MULTIPLIERS_LONGEST_FIRST = tuple(sorted(MULTIPLIERS, key=len, reverse=True))

CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
ARABIC_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def parse_arabic(text: str) -> float:
    """'10,792' → 10792.0; '8461.36' → 8461.36."""
    if not ARABIC_RE.fullmatch(text):
        raise ValueError(f"not an Arabic number: {text!r}")
    return float(text.replace(",", ""))


def _parse_cn_below_wan(text: str) -> int:
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            # '十二' means 12: a bare 十 at the start stands for 一十.
            total += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if digit is not None:
        total += digit
    return total


def _is_digit_string(text: str) -> bool:
    return len(text) > 1 and all(ch in CN_DIGITS for ch in text)


def parse_chinese_integer(text: str) -> int:
    """'三百零四' → 304; '一千四百' → 1400; '十二万' → 120000; '二〇二一' → 2021 (digit by digit)."""
    if not text:
        raise ValueError("empty numeral")
    if _is_digit_string(text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    if "亿" in text:
        high, _, low = text.partition("亿")
        return (parse_chinese_integer(high) if high else 1) * 100_000_000 + (parse_chinese_integer(low) if low else 0)
    if "万" in text:
        high, _, low = text.partition("万")
        return (parse_chinese_integer(high) if high else 1) * 10_000 + (_parse_cn_below_wan(low) if low else 0)
    return _parse_cn_below_wan(text)


def parse_chinese_number(text: str) -> float:
    """Chinese numeral with an optional decimal part: '九十七点六' → 97.6."""
    whole, sep, frac = text.partition("点")
    if not whole:
        raise ValueError(f"no whole part in {text!r}")
    value = float(parse_chinese_integer(whole)) if whole else 0.0
    if sep:
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
