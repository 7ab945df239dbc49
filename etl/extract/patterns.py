"""Patterns and small helpers that more than one extraction step needs, declared once.

Dates (page labels, signatures, the HTML reader's meta tags), Chinese ordinals (heading markers) and
Chinese digit values (numerals, years written 二〇二一) are read the same way everywhere.
"""

from __future__ import annotations

import datetime as dt

# Chinese ordinals as heading markers use: 一、 (一) 第一部分 一是.
CN_ORDINAL = "一二三四五六七八九十"
# Year, month and day separated by - / . or 年 月: "2022-03-22", "2022年3月22日", "2022.3.22".
DATE_PART = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"


def valid_date(year: int | str, month: int | str, day: int | str) -> str | None:
    """ISO date, or None when the parts make no calendar date (a damaged scrape, "2022-13-45")."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


# The Han blocks report text uses (CJK unified, extension A, compatibility ideographs), as a character
# class body: the normaliser's pinyin-gloss look-behind, the decoder's plausibility score and the PDF
# reader's text-layer test count the same characters as Han.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def is_han(char: str) -> bool:
    """One character in `HAN`; compared by code point, which is cheaper per character than a regex."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
