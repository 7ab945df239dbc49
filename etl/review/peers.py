"""Peer position: where a report's value stands among the reports of the same admin level and year that state it.

Pure. Rules (README, "Report review"):
- Peers are the reports of the same peer group (review.yaml: districts and counties are one level) and year label.
- A report that does not state the indicator is not ranked at all: missing is not zero and not last. Values in
  another unit (人 vs 人次) are not compared. Values nobody vouches for (UNCERTAIN_STATUSES) are left out, as the
  compare page does; a report whose own value is one of them gets no position.
- The order follows the catalogue's `higher_is_better`: true → the highest first ("3 of 12"), false → the lowest
  first, null (caseloads, volumes) → by size, largest first, worded as a size ("3rd largest"), never as better.
- Equal values share a position (1, 2, 2, 4).
- The disclosure score (core indicators stated) is ranked among the full annual reports of the group and year;
  an excerpt's or a related document's score is not comparable and gets no position.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from etl.models import UNCERTAIN_STATUSES
from etl.review.rules import ReviewRules
from etl.review.scorecard import Scorecard

BEST_FIRST, LOWEST_FIRST, BY_SIZE = "best_first", "lowest_first", "by_size"


@dataclass(frozen=True)
class PeerRank:
    position: int | None  # 1-based; None: the report's own value is not ranked (still to be checked)
    stated: int  # peers whose value is ranked (the report's own included when it is)
    peers: int  # reports of the group and year
    order: str  # best_first | lowest_first | by_size
    group_id: str
    year_label: str


def order_for(higher_is_better: bool | None) -> str:
    if higher_is_better is None:
        return BY_SIZE
    return BEST_FIRST if higher_is_better else LOWEST_FIRST


def position(own: float, values: Iterable[float], order: str) -> int:
    """1 + the number of values ahead of `own` (ties share a position)."""
    if order == LOWEST_FIRST:
        return 1 + sum(v < own for v in values)
    return 1 + sum(v > own for v in values)


def _vouched(row: Mapping[str, Any]) -> bool:
    return (row.get("assignment_status") or "automatic") not in UNCERTAIN_STATUSES


def indicator_ranks(
    own: Sequence[Mapping[str, Any]],
    peer_values: Sequence[Mapping[str, Any]],
    peer_count: int,
    group_id: str,
    year_label: str,
) -> dict[str, PeerRank]:
    """indicator id → the report's position, for each of its values (`own`: its observation rows with
    indicator_id, value, unit, assignment_status, higher_is_better; `peer_values`: the peers' rows of the same
    indicators, the report's own included, with indicator_id, value, unit, assignment_status)."""
    by_indicator: dict[str, list[Mapping[str, Any]]] = {}
    for row in peer_values:
        by_indicator.setdefault(str(row["indicator_id"]), []).append(row)
    ranks = {}
    for row in own:
        indicator_id = str(row["indicator_id"])
        order = order_for(row.get("higher_is_better"))
        comparable = [float(r["value"]) for r in by_indicator.get(indicator_id, [])
                      if r["unit"] == row["unit"] and _vouched(r) and r["value"] is not None]
        place = position(float(row["value"]), comparable, order) if _vouched(row) else None
        ranks[indicator_id] = PeerRank(place, len(comparable), peer_count, order, group_id, year_label)
    return ranks


def score_ranks(cards: Sequence[Scorecard], rules: ReviewRules) -> dict[str, PeerRank | None]:
    """report id → the position of its disclosure score (core indicators stated) among its peers' full reports."""
    groups: dict[tuple[str, str], list[Scorecard]] = {}
    for card in cards:
        group = rules.peer_group(card.admin_level)
        if group is not None and not card.not_judged:
            groups.setdefault((group.group_id, card.year_label), []).append(card)
    ranks: dict[str, PeerRank | None] = {card.report_id: None for card in cards}
    for (group_id, year), members in groups.items():
        scores = [float(c.core_indicators_stated) for c in members]
        for card in members:
            ranks[card.report_id] = PeerRank(position(float(card.core_indicators_stated), scores, BEST_FIRST),
                                             len(members), len(members), BEST_FIRST, group_id, year)
    return ranks
