"""Consistency checks on one report's figures: stated rates against counts, funnels, ranges, repeats."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from etl.config import CHECKS_PATH
from etl.models import Check, Figure


@dataclass(frozen=True)
class CheckRules:
    rate_tolerance_pct: float
    rates: tuple[tuple[str, str, str], ...]  # (rate, numerator, denominator)
    ordering: tuple[tuple[str, str], ...]  # (smaller, larger)


def load_check_rules(path: Path = CHECKS_PATH) -> CheckRules:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return CheckRules(
        rate_tolerance_pct=float(raw["rate_tolerance_pct"]),
        rates=tuple((r["rate"], r["numerator"], r["denominator"]) for r in raw.get("rates", [])),
        ordering=tuple((o["smaller"], o["larger"]) for o in raw.get("ordering", [])),
    )


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def run_checks(
    figures: Sequence[Figure],
    indicator_ids: Sequence[str | None],
    rules: CheckRules,
    observations: Mapping[str, int] | None = None,
    breakdown_of: Sequence[str | None] | None = None,
) -> tuple[Check, ...]:
    """One Check per rule that the report's figures allow; a rule whose inputs are missing is not run.

    Rules compare each indicator's observation (`observations`: indicator → figure index, see
    etl.extract.observations; by default its first figure).
    """
    all_values: dict[str, list[Figure]] = {}
    for figure, indicator_id in zip(figures, indicator_ids, strict=True):
        if indicator_id is not None:
            all_values.setdefault(indicator_id, []).append(figure)
    if observations is None:
        first = {indicator_id: stated[0] for indicator_id, stated in all_values.items()}
    else:
        first = {indicator_id: figures[index] for indicator_id, index in observations.items()}
    checks: list[Check] = []
    for rate_id, num_id, den_id in rules.rates:
        if rate_id in first and num_id in first and den_id in first and first[den_id].value > 0:
            stated = first[rate_id].value
            computed = first[num_id].value / first[den_id].value * 100
            is_ok = abs(stated - computed) <= rules.rate_tolerance_pct
            detail = (
                f"stated {_fmt(stated)}% vs {_fmt(first[num_id].value)}/{_fmt(first[den_id].value)}"
                f" = {computed:.2f}%" + ("" if is_ok else f" (differs by {abs(stated - computed):.2f} points)")
            )
            params = (("numerator_id", num_id), ("denominator_id", den_id), ("stated", stated),
                      ("numerator", first[num_id].value), ("denominator", first[den_id].value),
                      ("computed", round(computed, 2)), ("gap", round(abs(stated - computed), 2)))
            checks.append(Check("rate_matches_counts", is_ok, detail, rate_id, params))
    for small_id, large_id in rules.ordering:
        if small_id in first and large_id in first:
            small, large = first[small_id].value, first[large_id].value
            is_ok = small <= large
            detail = f"{small_id} {_fmt(small)} {'≤' if is_ok else '>'} {large_id} {_fmt(large)}"
            order_params: tuple[tuple[str, str | float], ...] = (("larger_id", large_id), ("smaller", small),
                                                                 ("larger", large))
            checks.append(Check(f"{small_id}_le_{large_id}", is_ok, detail, small_id, order_params))
    for figure, indicator_id in zip(figures, indicator_ids, strict=True):
        if figure.unit == "%" and not 0 <= figure.value <= 100:
            checks.append(Check("percentage_in_range", False, f"{figure.text} is outside 0–100%", indicator_id,
                                (("text", figure.text),)))
    percentages = [f for f in figures if f.unit == "%"]
    if percentages and all(0 <= f.value <= 100 for f in percentages):
        checks.append(Check("percentage_in_range", True, f"all {len(percentages)} percentages within 0–100%",
                            params=(("count", len(percentages)),)))
    for indicator_id, stated_figures in all_values.items():
        values = sorted({f.value for f in stated_figures})
        if len(values) > 1:
            texts = "、".join(f.text for f in stated_figures)
            checks.append(
                Check(
                    "stated_once_consistently",
                    False,
                    f"{indicator_id} stated with different values: {texts}",
                    indicator_id,
                    (("texts", texts),),
                )
            )
    checks.extend(_parts_within_totals(figures, indicator_ids, breakdown_of or ()))
    return tuple(checks)


def _parts_within_totals(
    figures: Sequence[Figure], indicator_ids: Sequence[str | None], breakdown_of: Sequence[str | None]
) -> list[Check]:
    """The parts listed after a total (etl.extract.breakdowns) add up to no more than it."""
    if not any(breakdown_of):
        return []
    parts: dict[int, list[Figure]] = {}  # total's index → its parts
    last: dict[tuple[int, str], int] = {}  # (sentence, indicator) → index of its latest figure
    for index in sorted(range(len(figures)), key=lambda i: figures[i].start):
        figure, indicator_id = figures[index], indicator_ids[index]
        if indicator_id is not None:
            last[(figure.sentence_start, indicator_id)] = index
        elif breakdown_of[index] is not None:
            total = last.get((figure.sentence_start, str(breakdown_of[index])))
            if total is not None:
                parts.setdefault(total, []).append(figure)
    checks = []
    for total, listed in parts.items():
        whole, added = figures[total], round(sum(f.value for f in listed), 6)
        is_ok = added <= whole.value
        texts = "、".join(f.text for f in listed)
        detail = f"parts {texts} add up to {_fmt(added)} {'≤' if is_ok else '>'} total {whole.text}"
        params = (("texts", texts), ("parts", added), ("total", whole.value), ("total_text", whole.text))
        checks.append(Check("parts_within_total", is_ok, detail, indicator_ids[total], params))
    return checks
