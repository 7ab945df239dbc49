"""Which kind of value a unit states: counts, rates or money. Pure, no streamlit.

A chart never puts two kinds on one axis (a 98 % next to 5,169 件 would flatten one of them), so the report
pages, the overview, the slides and the briefing all split observations by `unit_kind`. This is the one place
that rule is written down.
"""

from __future__ import annotations

from collections.abc import Iterable

from etl.catalogue.units import PERCENT_UNITS  # declared once beside the other units

PERCENT_UNIT = "%"
MONEY_UNIT = "元"  # amounts are stored in 元 whatever the report wrote (万元, 亿元)

COUNTS = "counts"
RATES = "rates"
MONEY = "money"
KINDS = (COUNTS, RATES, MONEY)  # the order charts of one set of values are shown in
KIND_TITLE_KEYS = {COUNTS: "domain.counts_chart", RATES: "domain.rates_chart", MONEY: "domain.money_chart"}


def unit_kind(unit: str) -> str:
    """"rates" for percentages and percentage points, "money" for 元, "counts" for everything else."""
    if unit in PERCENT_UNITS:
        return RATES
    if unit == MONEY_UNIT:
        return MONEY
    return COUNTS


def shared_kind(units: Iterable[str]) -> str | None:
    """The kind every unit has, or None when they differ (or there are none)."""
    kinds = {unit_kind(unit) for unit in units}
    return kinds.pop() if len(kinds) == 1 else None


# What a unit counts, for a chart's title ("数量类指标(件)" / "Counts (cases)"): an axis names its unit.
EN_MEASURES = {
    "件": "cases", "项": "items", "个": "units", "条": "entries", "户": "households", "台": "devices",
    "人": "people", "名": "people", "人次": "person-times", "次": "times", "场": "sessions", "场次": "sessions",
    "篇": "reports", "份": "copies", "卷": "volumes", "家": "organisations", "所": "institutions", "处": "sites",
    "起": "cases", "宗": "cases", "批": "batches", "期": "issues", "部": "documents", "小时": "hours",
    "天": "days", "个工作日": "working days", "个月": "months", "%": "%", "个百分点": "percentage points",
    "元": "yuan",
}


def measure_name(unit: str, lang: str) -> str:
    """The unit a chart's values carry, named for its title: the unit itself in Chinese, a word in English."""
    if lang == "zh":
        return unit
    return EN_MEASURES.get(unit, "number")


# Written units that name the same measure: one axis may hold both (321名 beside 115人 are all people; 7场次
# beside 80场 all sessions). Nothing else is merged: 次 (times) is not 场, 人次 (person-times) is not 人.
SAME_MEASURE = {"名": "人", "场次": "场"}


def measure_unit(unit: str) -> str:
    """The unit an axis is labelled with for a value written in `unit` (its synonym's, else itself)."""
    return SAME_MEASURE.get(unit, unit)
