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
