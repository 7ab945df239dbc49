"""Where a figure's clause begins, and where the count before it in its sentence ends: the spans every step of the
clause grammar reads (etl.extract.grammar, doubts, subjects, breakdowns)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl.models import Figure

# Where a clause starts: the punctuation that separates clauses in these reports (text is full-width folded).
CLAUSE_BREAK_RE = re.compile(r"[,;:、。!?\n]")
# The last of them in a span, in one match: the greedy run goes to the span's end and backs off to the last break
# (a `finditer` made a match object for every break of the sentence before the figure: 0.9 → 0.56 M instructions
# a report).
_LAST_BREAK_RE = re.compile(rf"(?s:.*){CLAUSE_BREAK_RE.pattern}")


def clause_start(text: str, figure: Figure, previous_end: int) -> int:
    """Where the figure's clause begins: after the last clause break, or the previous figure of the sentence."""
    floor = max(figure.sentence_start, previous_end)
    last = _LAST_BREAK_RE.match(text, floor, figure.start)
    return floor if last is None else last.end()


def previous_ends(figures: Sequence[Figure], keys: Sequence[object] | None = None) -> list[int]:
    """For each figure, the end of the figure before it in the same sentence (else the sentence start); with `keys`,
    the end of the one before it with the same key (a study count looks back past counts of other things only)."""
    # The keys read once into a list (a lambda reading two attributes was called for every figure, on every call:
    # the clause steps ask five times a report).
    spans = [(figure.start, figure.end) for figure in figures]
    order = sorted(range(len(figures)), key=spans.__getitem__)
    ends = [0] * len(figures)
    last: dict[tuple[int, object], int] = {}
    for index in order:
        figure = figures[index]
        key = (figure.sentence_start, keys[index] if keys is not None else None)
        end = last.get(key)
        ends[index] = end if end is not None and end <= figure.start else figure.sentence_start
        last[key] = figure.end
    return ends


def clause_starts(text: str, figures: Sequence[Figure], wanted: Sequence[object]) -> list[int]:
    """Each figure's clause start (`clause_start`), for the figures whose `wanted` entry is truthy (0 for
    the others): the steps after matching read only the clauses of figures with an indicator."""
    return [
        clause_start(text, figure, end) if want else 0
        for figure, end, want in zip(figures, previous_ends(figures), wanted, strict=True)
    ]
