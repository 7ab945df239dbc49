"""Paragraph-level grammar of parts: a list of parts set as paragraphs under a 其中: head, a run of short numbered
items (one breakdown, etl/extract/doubts.py), and whether a figure's paragraph also states the whole a part of it
would belong to (grammar.yaml `scope_markers.list`, `own_level`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache

from etl.models import Figure


@lru_cache(maxsize=4)
def _has_list_head(text: str) -> bool:
    """Whether the text has any 其中: at all (asked once per text: a str caches its hash, the lookup is cheap)."""
    return "其中:" in text or "其中：" in text


LIST_LOOK_BACK = 12  # paragraphs: a list of parts longer than this is read as ordinary text


def is_listed_part(head: re.Pattern[str], item: re.Pattern[str], text: str, sentence_start: int) -> bool:
    """受理行政复议案件3129件。其中:⏎1.省政府新收…188件⏎2.省直部门…376件: the items of a list that a paragraph
    opens with 其中: are parts, each item a paragraph of its own. Walks up from the figure's paragraph over items
    only; any other paragraph ends the list."""
    if not _has_list_head(text):
        return False
    end = text.rfind("\n", 0, sentence_start)
    if head.search(text, end + 1 if end >= 0 else 0, sentence_start):
        return True  # the head opens the figure's own paragraph: 其中:1.…
    paragraph_start = end + 1
    if end < 0 or not item.match(text, paragraph_start):
        return False
    for start, end in _paragraphs_before(text, paragraph_start):
        if head.search(text[start:end]):
            return True
        if not item.match(text, start):
            return False
    return False


def _paragraphs_before(text: str, paragraph_start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the non-empty paragraphs before the one at `paragraph_start`, nearest first, at most
    LIST_LOOK_BACK of them."""
    end = paragraph_start - 1
    for _ in range(LIST_LOOK_BACK):
        while end > 0 and text[end - 1] == "\n":
            end -= 1
        if end <= 0:
            return
        start = text.rfind("\n", 0, end) + 1
        yield start, end
        end = start - 1


def beside_whole(text: str, figures: Sequence[Figure], proposed: Sequence[str | None]) -> list[bool]:
    """Per figure: does another figure of its paragraph or of the paragraph before have the same proposed
    indicator (the whole a part of it may be stated beside: 全市新收…⏎市本级新收…)?"""
    starts = [m.start() for m in re.finditer(r"^(?=[^\n]*\S)", text, re.MULTILINE)]  # non-empty paragraphs
    ordinals = [bisect_right(starts, figure.start) - 1 for figure in figures]
    seen: dict[str, list[int]] = defaultdict(list)
    for ordinal, indicator_id in zip(ordinals, proposed, strict=True):
        if indicator_id is not None:
            seen[indicator_id].append(ordinal)
    return [
        indicator_id is not None
        and sum(1 for other in seen[indicator_id] if ordinal - 1 <= other <= ordinal) > 1
        for ordinal, indicator_id in zip(ordinals, proposed, strict=True)
    ]


# A short item is a count's line (1.省人大代表建议3件(主办2件、会办1件)), not a section of prose that opens with a
# number (1.加强行政复议工作。全年…): only such items are read as a breakdown.
MAX_ITEM_CHARS = 60


def list_run_start(item: re.Pattern[str], text: str, sentence_start: int) -> int | None:
    """Where the run of short numbered items the figure's paragraph belongs to starts (its first item), else None:
    1.省人大代表建议3件⏎2.省政协委员提案5件⏎3.市人大代表建议39件 — one list, whatever its head says."""
    first = text.rfind("\n", 0, sentence_start) + 1
    if not _is_short_item(item, text, first):
        return None
    for start, _end in _paragraphs_before(text, first):
        if not _is_short_item(item, text, start):
            break
        first = start
    return first


def _is_short_item(item: re.Pattern[str], text: str, start: int) -> bool:
    end = text.find("\n", start)
    return item.match(text, start) is not None and (end if end >= 0 else len(text)) - start <= MAX_ITEM_CHARS
