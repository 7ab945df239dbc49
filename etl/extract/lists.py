"""A verb a 、 list shares: 审查重大行政决策1件、规范性文件10件、合同70余份 — the documents and the contracts were
reviewed too, though only the first item says so. When no label fits a later item, its indicator's patterns are
tried again with the list's verb put before it (grammar.yaml `words.list_verb`); the rule says where the verb
came from (scope `list`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from etl.catalogue import Catalogue
from etl.catalogue.loader import load_words
from etl.extract.matching import Proposal, propose
from etl.models import Figure

SCOPE_LIST = "list"
_ITEM_SEPARATOR = "、"
_CLAUSE_BREAK_RE = re.compile(r"[,;:。!?\n]")
_JOINED_RE = re.compile(r"[、和及与]|以及|并")


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern[str]:
    return re.compile(load_words()["list_verb"])


def shared_verb(text: str, figures: Sequence[Figure], index: int, previous: Mapping[int, int]) -> str | None:
    """The verb of the list the figure is a later item of (its item follows the previous figure after 、, and so
    on back to the first item), found in the first item's clause; None when the figure is no such item."""
    first = index
    while first in previous:
        before = figures[previous[first]]
        between = text[before.end : figures[first].start]
        if not between.startswith(_ITEM_SEPARATOR) or _CLAUSE_BREAK_RE.search(between):
            break
        first = previous[first]
    if first == index:
        return None
    head_end = figures[first].start
    breaks = list(_CLAUSE_BREAK_RE.finditer(text, figures[first].sentence_start, head_end))
    head_start = breaks[-1].end() if breaks else figures[first].sentence_start
    verbs = list(_verb_re().finditer(text, head_start, head_end))
    if not verbs:
        return None
    if len(verbs) > 1 and _JOINED_RE.fullmatch(text, verbs[-2].end(), verbs[-1].start()):
        return None  # 修改、废止法规规章103件、规范性文件4818件: two acts lumped, neither one alone
    return verbs[-1].group()


def _previous_in_sentence(figures: Sequence[Figure]) -> dict[int, int]:
    order = sorted(range(len(figures)), key=lambda i: (figures[i].start, figures[i].end))
    return {
        index: before
        for before, index in pairwise(order)
        if figures[before].sentence_start == figures[index].sentence_start
        and figures[before].end <= figures[index].start
    }


def list_proposals(
    text: str,
    figures: Sequence[Figure],
    proposals: Sequence[Proposal],
    catalogue: Catalogue,
    section_headings: Mapping[int, str],
    document_scope: str,
) -> list[Proposal | None]:
    """Per figure, a proposal read with its list's shared verb where its own words proposed nothing; else None."""
    previous = _previous_in_sentence(figures)
    found: list[Proposal | None] = [None] * len(figures)
    for index, (figure, proposal) in enumerate(zip(figures, proposals, strict=True)):
        if proposal.indicator_id is not None or index not in previous:
            continue
        verb = shared_verb(text, figures, index, previous)
        if verb is None:
            continue
        item_start = figures[previous[index]].end + len(_ITEM_SEPARATOR)
        # Read from the paragraph's start (its topic clause is context), not the whole text: offsets move by `base`.
        base = text.rfind("\n", 0, figure.sentence_start) + 1
        shift = len(verb)
        # The item alone, as a sentence opening on the verb: no earlier words of the list can lend it a label.
        read = text[base:item_start] + verb + text[item_start : figure.sentence_end]
        item = replace(
            figure, start=figure.start + shift - base, end=figure.end + shift - base, sentence_start=item_start - base,
            sentence_end=figure.sentence_end + shift - base,
        )
        (again,) = propose(read, [item], catalogue, section_headings, document_scope=document_scope)
        if again.indicator_id is None or again.label_start is None:
            continue
        # Back to the text's offsets: the label's words after the verb (the verb itself is not in the text there).
        label_start = max(again.label_start + base, item_start + shift) - shift
        label_end = again.label_start + base + len(again.label) - shift
        found[index] = again._replace(label=text[label_start:label_end], label_start=label_start, scope=SCOPE_LIST,
                                      scope_words=verb, scope_text="")
    return found


def list_head_start(text: str, clause_start: int, sentence_start: int, previous_end: int) -> int | None:
    """Where the list a clause is a later item of begins (after the last , ; : before it), when the clause is one:
    办结行政复议案件10件、行政诉讼案件5件 — the second item's act is the head's (办结), said once for the list. An item
    follows a count (`previous_end`, the previous figure's end, right before its 、); a 、 inside a noun phrase
    (受理群众申请信息公开、行政处罚等各类行政复议案件598件) joins no counted items. None for any other clause."""
    if clause_start <= sentence_start or text[clause_start - 1] != _ITEM_SEPARATOR or previous_end != clause_start - 1:
        return None
    head = max((text.rfind(c, sentence_start, clause_start) for c in ",;:"), default=-1)
    return max(head + 1, sentence_start)
