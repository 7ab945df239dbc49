"""One value per report and indicator: which of the figures that landed on an indicator is its observation.

Reports often state an indicator more than once: the full-year total in one paragraph, a town's or a
quarter's share in another, the same total again in a summary. The written rule: the first figure whose
clause speaks of the whole (全年, 全区/全市/全县…, 共, 总计, 合计, 累计) is the observation; when none does, the
first figure in the text; an automatic assignment before one that needs review. The other figures stay
visible as figures, and the `stated_once_consistently` check says when their values differ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from etl.extract.clauses import clause_start
from etl.models import AUTOMATIC, Figure

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
    a figure whose assignment needs review is chosen only when no automatic one landed on the indicator."""
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    chosen: dict[str, int] = {}
    rank: dict[str, tuple[bool, bool]] = {}  # (is automatic, speaks of the whole): higher wins, first on ties
    for index in order:
        indicator_id = indicator_ids[index]
        if indicator_id is None:
            continue
        is_automatic = statuses is None or statuses[index] == AUTOMATIC
        this = (is_automatic, bool(TOTAL_MARKER_RE.search(_clause_before(text, figures[index]))))
        if indicator_id not in chosen or this > rank[indicator_id]:
            chosen[indicator_id] = index
            rank[indicator_id] = this
    return chosen
