"""Breakdowns: the parts a report lists after a total (其中…), stored as a dimension of the total's indicator.

受理行政复议案件120件,其中涉及公安类45件、自然资源类30件: 45 and 30 are not two more indicators, nor the
total; they are admin_review_accepted broken down by category, labelled 涉及公安类 and 自然资源类. A figure is a
breakdown only when all of these hold, so a doubtful one stays a plain figure (a gap, never a false value):
  - it has no indicator of its own and states no change;
  - an earlier figure of its sentence has an indicator, and 其中 stands between that total and it;
  - it has the total's unit and is no larger than the total;
  - the words before it in its clause name the part (a label of 1 to LABEL_CHARS characters).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from etl.extract.clauses import clause_start, previous_ends
from etl.models import Figure

PARTS_MARKER = "其中"
LABEL_CHARS = 16
# Leading words that say nothing about which part it is (其中,: 共有 …).
_LABEL_TRIM_RE = re.compile(r"^[,:;、\s]*(?:其中)?[,:;、\s]*|[,:;、\s的]*$")


class Breakdown(NamedTuple):
    indicator_id: str  # the total's indicator
    label: str  # the part, as the report names it


def _label(text: str, start: int, figure: Figure) -> str:
    return _LABEL_TRIM_RE.sub("", text[start : figure.start]).strip()


def breakdowns_of(
    text: str,
    figures: Sequence[Figure],
    indicator_ids: Sequence[str | None],
    change_of: Sequence[str | None] | None = None,
) -> list[Breakdown | None]:
    """Per figure: the indicator it breaks down and the part's label, else None."""
    changes = change_of or [None] * len(figures)
    ends = previous_ends(figures)
    result: list[Breakdown | None] = [None] * len(figures)
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    total: int | None = None  # the last figure with an indicator in the current sentence
    sentence = -1
    for index in order:
        figure = figures[index]
        if figure.sentence_start != sentence:
            sentence, total = figure.sentence_start, None
        if indicator_ids[index] is not None:
            total = index
            continue
        if total is None or changes[index] is not None:
            continue
        whole = figures[total]
        indicator_id = indicator_ids[total]
        if indicator_id is None or text.find(PARTS_MARKER, whole.end, figure.start) == -1:
            continue
        if figure.unit != whole.unit or figure.value > whole.value:
            continue
        label = _label(text, clause_start(text, figure, ends[index]), figure)
        if 0 < len(label) <= LABEL_CHARS and not any(ch.isdigit() for ch in label):
            result[index] = Breakdown(indicator_id, label)
    return result
