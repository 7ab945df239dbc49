"""Number formatting for Chinese and English readers. Pure functions, no streamlit.

Chinese readers expect large counts in 万/亿 and money in 万元/亿元; small counts keep thousands separators
(5,169件). English gets thousands separators and million/billion. Money is stored in 元.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping
from typing import Any

from etl.catalogue.units import PERCENT_UNITS

MONEY_UNIT = "元"
WAN = 10_000
YI = 100_000_000
# Counts from this size on are written with 万 in Chinese (128.58万条), below it with separators (14,400条).
ZH_WAN_THRESHOLD = 100_000
# Chinese measure words carry no meaning in English next to an indicator name; only a few are worth a word.
EN_UNITS = {
    "人": "people",
    "名": "people",
    "人次": "person-times",
    "次": "times",
    "场": "sessions",
    "场次": "sessions",
    "篇": "reports",
    "份": "copies",
    "小时": "hours",
}
# Qualifiers as the report wrote them: 余/多 sit between the number and the unit (78万余件), the others lead.
ZH_INFIX_QUALIFIERS = frozenset({"余", "多"})
ZH_SUFFIX_QUALIFIERS = frozenset({"以上"})
EN_QUALIFIERS = {
    "余": "over",
    "多": "over",
    "以上": "over",
    "超": "over",
    "超过": "over",
    "逾": "over",
    "近": "nearly",
    "约": "about",
    "累计": "cumulative",
    "共": "",
    "全年": "",
}


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_plain(value: float, max_decimals: int = 2) -> str:
    """Thousands separators, no trailing zeros: 5169 → "5,169", 98.450 → "98.45", 0.5 → "0.5"."""
    text = f"{value:,.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_money(value: float, lang: str = "zh") -> str:
    """An amount in 元: 76,900,000 → "7,690万元" / "76.9 million yuan"."""
    magnitude = abs(value)
    if lang == "en":
        if magnitude >= 1e9:
            return f"{format_plain(value / 1e9)} billion yuan"
        if magnitude >= 1e6:
            return f"{format_plain(value / 1e6)} million yuan"
        return f"{format_plain(value)} yuan"
    if magnitude >= YI:
        return f"{format_plain(value / YI)}亿元"
    if magnitude >= WAN:
        return f"{format_plain(value / WAN)}万元"
    return f"{format_plain(value)}元"


def format_count(value: float, lang: str = "zh") -> str:
    """A count without unit: 5169 → "5,169"; 1,285,800 → "128.58万" (zh) / "1,285,800" (en)."""
    magnitude = abs(value)
    if lang == "zh":
        if magnitude >= YI:
            return f"{format_plain(value / YI)}亿"
        if magnitude >= ZH_WAN_THRESHOLD:
            return f"{format_plain(value / WAN)}万"
    return format_plain(value)


def _number_and_unit(value: float, unit: str, lang: str) -> tuple[str, str]:
    """Split a formatted value into the number part and the unit part ("7,690万", "元")."""
    if unit == "%":
        return format_plain(value), "%"
    if unit == "个百分点":
        return format_plain(value), ("个百分点" if lang == "zh" else " pp")
    if unit == MONEY_UNIT:
        text = format_money(value, lang)
        if lang == "zh":
            return text[:-1], "元"
        number, _, rest = text.partition(" ")
        return number, f" {rest}"
    number = format_count(value, lang)
    if lang == "zh":
        return number, unit
    en_unit = EN_UNITS.get(unit, "")
    return number, (f" {en_unit}" if en_unit else "")


def format_value(
    value: float | None, unit: str, lang: str = "zh", missing: str = "—", qualifier: str | None = None
) -> str:
    """A stated value with its unit, the way a reader of `lang` writes it: "5,169件", "98.45%", "7,690万余元"."""
    if is_missing(value):
        return missing
    assert value is not None
    number, unit_text = _number_and_unit(value, unit, lang)
    if not qualifier or (isinstance(qualifier, float) and math.isnan(qualifier)):
        return f"{number}{unit_text}"
    if lang == "zh":
        if qualifier in ZH_INFIX_QUALIFIERS:
            return f"{number}{qualifier}{unit_text}"
        if qualifier in ZH_SUFFIX_QUALIFIERS:
            return f"{number}{unit_text}{qualifier}"
        return f"{qualifier}{number}{unit_text}"
    word = EN_QUALIFIERS.get(qualifier, "")
    return f"{word} {number}{unit_text}" if word else f"{number}{unit_text}"


def unit_label(unit: str, lang: str = "zh") -> str:
    """How a unit is named next to an axis or in a hover label."""
    if lang == "zh" or unit in PERCENT_UNITS:
        return unit
    if unit == MONEY_UNIT:
        return "yuan"
    return EN_UNITS.get(unit, "count")


def format_delta(current: float | None, previous: float | None, unit: str, lang: str = "zh") -> str | None:
    """Signed change for a metric card: "+80件", "-1.2个百分点"; None when either value is missing."""
    if is_missing(current) or is_missing(previous):
        return None
    assert current is not None and previous is not None
    change = current - previous
    sign = "+" if change > 0 else ("-" if change < 0 else "±")
    if unit == "%":
        return f"{sign}{format_plain(abs(change))}" + ("个百分点" if lang == "zh" else " pp")
    return f"{sign}{format_value(abs(change), unit, lang)}"


def format_rate(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator in percent, rounded to 2 decimals; None when not computable."""
    if is_missing(numerator) or is_missing(denominator) or not denominator:
        return None
    assert numerator is not None and denominator is not None
    return round(numerator / denominator * 100, 2)


def escape_hover(text: str) -> str:
    """Report text is untrusted: Plotly hover labels understand a few HTML tags, so neutralise markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap_hover(text: str, width: int = 28, max_lines: int = 8) -> str:
    """Escape and wrap a (Chinese) sentence into <br>-separated lines for a Plotly hover label."""
    lines = textwrap.wrap(text.strip(), width=width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: width - 1] + "…"]
    return "<br>".join(escape_hover(line) for line in lines)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# Bidirectional overrides would let a value from a URL display reversed text in a notice.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def md_escape(text: str) -> str:
    """Plain text for a markdown context: every markdown/HTML-significant character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _BIDI_CONTROLS.sub("", str(text))).replace("\n", " ")


def notice_value(raw: object, limit: int = 60) -> str:
    """A value from a URL or an upload, shortened and escaped, fit to quote inside a notice."""
    return md_escape(str(raw)[:limit])


def qualifier_of(row: Mapping[str, Any]) -> str | None:
    """The row's qualifier (余, 多, 近…) or None; a missing value may come back as NaN."""
    value = row.get("qualifier")
    return value if isinstance(value, str) and value else None
