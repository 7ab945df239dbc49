"""One value per report and indicator: which of the figures that landed on an indicator is its observation.

Reports often state an indicator more than once: the full-year total in one paragraph, a town's or a
quarter's share in another, the same total again in a summary. The written rule: the first figure whose
clause speaks of the whole (全年, 全区/全市/全县…, 共, 总计, 合计, 累计) is the observation; when none does, the
first figure in the text; an automatic assignment before one that needs review. The other figures stay
visible as figures, and the `stated_once_consistently` check says when their values differ.

A figure that states another value in the same unit is doubtful as well (`second_values`): what the report means
by the indicator is the observation, and a second, different count under the same words is most often a part of
it, one body's or one campaign's count, or an earlier stage (838件代表建议交办 … 820件已办复). Of such figures on the
working part of the development set, 6 were right and 13 wrong (of all automatic assignments, 9 in 10 are right).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from etl.extract.clauses import clause_start
from etl.models import AUTOMATIC, CONFIRMED, CORRECTED, Figure

# Qualifiers that make a value approximate: 约32% and 32.49% state one value.
_APPROXIMATE = ("约", "余", "多", "近", "超", "以上", "左右")
_APPROXIMATE_TOLERANCE = 0.05  # relative: 约32% is 30.4–33.6%

# Words that make a clause speak of the whole year or the whole jurisdiction.
TOTAL_MARKER_RE = re.compile(r"全年|全(?:省|市|区|县|镇|乡|旗|国)|共计|总计|合计|累计|共")


def _clause_before(text: str, figure: Figure) -> str:
    return text[clause_start(text, figure, figure.sentence_start) : figure.start]


def choose_observations(
    text: str,
    figures: Sequence[Figure],
    indicator_ids: Sequence[str | None],
    statuses: Sequence[str] | None = None,
) -> Mapping[str, int]:
    """indicator id → index (into `figures`) of its observation, by the rule in this module's docstring;
    a figure whose assignment needs review is chosen only when no automatic one landed on the indicator, and one a
    person confirmed or corrected (etl/store/corrections.py) before any the ETL assigned."""
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    chosen: dict[str, int] = {}
    # (a person decided it, automatic or decided, speaks of the whole): higher wins, first on ties
    rank: dict[str, tuple[bool, bool, bool]] = {}
    for index in order:
        indicator_id = indicator_ids[index]
        if indicator_id is None:
            continue
        status = AUTOMATIC if statuses is None else statuses[index]
        is_decided = status in (CONFIRMED, CORRECTED)
        this = (is_decided, is_decided or status == AUTOMATIC,
                bool(TOTAL_MARKER_RE.search(_clause_before(text, figures[index]))))
        if indicator_id not in chosen or this > rank[indicator_id]:
            chosen[indicator_id] = index
            rank[indicator_id] = this
    return chosen


def _is_same_value(first: Figure, second: Figure) -> bool:
    if first.value == second.value:
        return True
    is_approximate = any(q in (f.qualifier or "") for f in (first, second) for q in _APPROXIMATE)
    largest = max(abs(first.value), abs(second.value))
    return is_approximate and abs(first.value - second.value) <= _APPROXIMATE_TOLERANCE * largest


def second_values(
    figures: Sequence[Figure],
    indicator_ids: Sequence[str | None],
    statuses: Sequence[str],
    observations: Mapping[str, int],
) -> list[int]:
    """Indexes of the automatic figures that state another value, in the same unit, for an indicator whose
    observation is a different figure (see this module's docstring): they need a person's look."""
    doubtful = []
    for index, (figure, indicator_id) in enumerate(zip(figures, indicator_ids, strict=True)):
        if indicator_id is None or statuses[index] != AUTOMATIC or observations.get(indicator_id, index) == index:
            continue
        observed = figures[observations[indicator_id]]
        if observed.unit == figure.unit and not _is_same_value(observed, figure):
            doubtful.append(index)
    return doubtful
