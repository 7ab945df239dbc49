"""The unit vocabulary, declared once: the normalised units a figure can carry and how written units map to them.

The figure extractor (etl.extract.figures) reads `WRITTEN_UNITS` after a number and stores `normalised(...)`;
table headers may also name a `SCALED_UNITS` unit (万元: the extractor multiplies and stores 元); the
catalogue may name only `UNITS` (etl.catalogue.loader validates against `KNOWN_UNITS`). tests/test_units.py
checks that every unit the extractor emits on the shipped reports and every catalogue unit is here.
"""

from __future__ import annotations

# Normalised units, in the extractor's historical order. Money is always 元: 万元/亿元 are scaled on extraction.
UNITS: tuple[str, ...] = (
    "个百分点", "平方公里", "平方米", "个工作日", "个月", "小时", "分钟", "人次", "户次", "家次", "件次",
    "批次", "场次", "车次", "课时", "学时", "公里", "公顷", "千瓦", "元", "件", "项", "个", "人", "名", "家",
    "户", "条", "次", "场", "篇", "台", "批", "部", "份", "卷", "期", "类", "起", "宗", "支", "所", "处", "套",
    "张", "本", "册", "位", "座", "门", "节", "天", "轮", "亩", "吨", "辆", "间", "倍", "组", "种", "例", "%",
    "方面",  # 五方面: as a count of areas of work, never an indicator's unit
    "年",  # durations only (连续5年); etl.extract.figures refuses years and plan periods
    "市", "县", "区",  # counts of places (3市8县, 十六区政府), never an indicator's unit
    "分",  # scores (评估总分为720.72分): Arabic digits only, never a time (9时46分) or 十分 (very)
    "通", "封", "笔",  # calls (来电72.2万通: Arabic digits only, not 四通八达), letters (6封), transactions (14笔)
)  # fmt: skip
KNOWN_UNITS: frozenset[str] = frozenset(UNITS)
# The unit of a figure that states none (a table cell, 十分之一, 比值达2.6): no catalogue unit, so never an indicator.
NO_UNIT = ""

# Other ways a report writes a unit after a number, and the normalised unit each stands for.
UNIT_ALIASES: dict[str, str] = {"百分点": "个百分点", "工作日": "个工作日"}

# Longest first, so 场次 wins over 场 and 个百分点 over 个 in a regular-expression alternation.
WRITTEN_UNITS: tuple[str, ...] = tuple(sorted((*UNITS, *UNIT_ALIASES), key=len, reverse=True))

# Units a table header may name ("单位:万元") that the extractor scales into a normalised unit.
SCALED_UNITS: dict[str, tuple[int, str]] = {
    "万元": (10_000, "元"),
    "亿元": (100_000_000, "元"),
    "万人": (10_000, "人"),
    "万人次": (10_000, "人次"),
    "万件": (10_000, "件"),
}

# Units whose values are percentages or percentage points (formatted without 万/亿 and never summed).
PERCENT_UNITS: frozenset[str] = frozenset({"%", "个百分点"})


def normalised(written: str) -> str:
    """The normalised unit of a unit as written after a number ("百分点" → "个百分点"); others are themselves."""
    return UNIT_ALIASES.get(written, written)
