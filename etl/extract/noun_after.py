"""A count written before what it counts: 召开4次专题会议, 开展12场集中宣传活动, 主动公开143条信息, 组织971名新提拔
领导干部参加…考试. Chinese puts the number and its measure word before the noun as often as after it (专题会议4次);
the catalogue's labels are written for the second order. Where no label fits a figure, the noun phrase that follows
it is read again in that order — the clause up to the figure, the noun phrase, then the figure — and the catalogue's
patterns are tried on that reading. The rule says the noun came after the figure (scope `noun`)."""

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

SCOPE_NOUN = "noun"
# The noun phrase right after a figure: Han characters (and quotes), up to the first other character (a clause's
# end, a list's next item 、, another number, a bracket). A count of money or a share (元, %) is never followed by
# what it counts.
_NOUN_PHRASE_RE = re.compile(r"[\u4e00-\u9fff“”\"]{2,24}")
_NOT_COUNTED_UNITS = frozenset({"%", "元", "个百分点"})
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# Words that open no noun phrase after a count: a comparison, a share, a restatement of what was said (4次,同比…;
# 12件,占…; 3次以上).
_NOT_A_NOUN_RE = re.compile(r"(?:同比|比上年|较上年|占|以上|以下|左右|之多|余|多|次数|的)")
# Where the phrase must end: a clause's end, a list's next item or the sentence's end. A phrase that runs on into
# another number, or ends in 中 (43件主办件中: a total restated as a frame), is no noun after its count.
_PHRASE_END = ",;:。!?、\n"
_FRAME_END = "中"
# A head noun ends its phrase (Chinese noun phrases are head-final) after a few words that qualify it (12场集中宣传
# 活动, 2场省政府法治专题讲座): a label further in follows a verb of its own (60名公安辅警任司法所人民调解员).
MAX_QUALIFIER_CHARS = 6
# 每半年听取1次, 至少开展1次: a frequency or a norm before the count, not a count done; 第六、七、八次会议: ordinals.
_NORM_RE = re.compile(r"每|至少|不少于|不低于|第")
# An adverb or a light verb inside the phrase makes it a predicate (13件规范性文件尚未报送备案, 2宗案件均已结案,
# 对280万名基层党员进行培训): what became of the things counted, or was done to them, not the things.
_PREDICATE_RE = re.compile(r"未|已|均|全部|尚|正在|将|被|经|进行|开展|参加|接受|作出|予以|实现|完成|纳入|列入")
# A phrase opening on a verb is a predicate, not the counted noun (6次听取…汇报, 5件作为局领导领办件): the verbs of
# a list (grammar.yaml words.list_verb) and those reports put after a count.
_VERB_START = "听取|研究|审议|作为|进行|开展|召开|举办|组织|参加|实现|完成|部署|推动|推进|列入|纳入|提出|达到|涉及"


@lru_cache(maxsize=1)
def _verb_start_re() -> re.Pattern[str]:
    return re.compile(f"(?:{load_words()['list_verb']}|{_VERB_START})")


def _noun_phrase(text: str, figure: Figure, next_start: int) -> tuple[int, int] | None:
    """The noun phrase right after the figure, before the next figure and within its sentence."""
    end = min(next_start, figure.sentence_end)
    found = _NOUN_PHRASE_RE.match(text, figure.end, end)
    if (
        found is None
        or _NOT_A_NOUN_RE.match(text, found.start())
        or _verb_start_re().match(text, found.start())
        or text.endswith(_FRAME_END, 0, found.end())
        or _PREDICATE_RE.search(text, found.start(), found.end())
    ):
        return None
    if found.end() == next_start or (found.end() < end and text[found.end()] not in _PHRASE_END):
        return None  # runs on into the next count (8780项削减至3843项, 13个园区赋权398项): a predicate, not a noun
    return found.start(), found.end()


_ENDS_CACHE: dict[tuple[int, str], tuple[Catalogue, frozenset[str] | None]] = {}


def _label_ends(catalogue: Catalogue, unit: str) -> frozenset[str] | None:
    """Every character a `before` label of the unit's indicators can end with (None: some label's is unknown): a
    noun phrase ending in none of them cannot end a label, and is not read again (most are not)."""
    cached = _ENDS_CACHE.get((id(catalogue), unit))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    patterns = [p for i in catalogue.by_unit.get(unit, ()) for p in i.patterns if p.before is not None]
    ends = None if any(p.before_ends is None for p in patterns) else frozenset().union(
        *(p.before_ends or () for p in patterns))
    if len(_ENDS_CACHE) > 256:
        _ENDS_CACHE.clear()
    _ENDS_CACHE[(id(catalogue), unit)] = (catalogue, ends)
    return ends


def _next_starts(figures: Sequence[Figure]) -> list[int]:
    """For each figure, where the next figure of its sentence starts (else its sentence's end)."""
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    nexts = [f.sentence_end for f in figures]
    for here, there in pairwise(order):
        if figures[here].sentence_start == figures[there].sentence_start:
            nexts[here] = figures[there].start
    return nexts


def noun_after_proposals(
    text: str,
    figures: Sequence[Figure],
    proposals: Sequence[Proposal],
    catalogue: Catalogue,
    section_headings: Mapping[int, str],
    document_scope: str,
) -> list[Proposal | None]:
    """Per figure no label fitted, a proposal read with the noun phrase after it put before it; else None."""
    found: list[Proposal | None] = [None] * len(figures)
    candidates = [
        i for i, (f, p) in enumerate(zip(figures, proposals, strict=True))
        if p.indicator_id is None and f.unit and f.unit not in _NOT_COUNTED_UNITS and _HAN_RE.match(text, f.end)
    ]
    if not candidates:
        return found
    nexts = _next_starts(figures)
    for index in candidates:
        figure = figures[index]
        phrase = _noun_phrase(text, figure, nexts[index])
        if phrase is None:
            continue
        noun = text[phrase[0] : phrase[1]]
        ends = _label_ends(catalogue, figure.unit)
        if ends is not None and noun[-1] not in ends:
            continue
        clause_start = max(text.rfind(c, figure.sentence_start, figure.start) for c in ",;:") + 1
        if _NORM_RE.search(text, max(clause_start, figure.sentence_start), figure.start):
            continue
        # Read from the paragraph's start (its opening clause is context), not the whole text: offsets move by `base`.
        base = text.rfind("\n", 0, figure.sentence_start) + 1
        count = text[figure.start : figure.end]
        read = text[base : figure.start] + noun + count + text[phrase[1] : figure.sentence_end]
        shift = len(noun)
        moved = replace(
            figure, start=figure.start - base + shift, end=figure.end - base + shift,
            sentence_start=figure.sentence_start - base, sentence_end=figure.sentence_end - base,
        )
        (again,) = propose(read, [moved], catalogue, section_headings, document_scope=document_scope)
        if again.indicator_id is None or again.label_start is None:
            continue
        label_end = again.label_start + len(again.label)
        noun_start = figure.start - base
        if label_end != noun_start + len(noun) or again.label_start > noun_start + MAX_QUALIFIER_CHARS:
            continue  # the label is not the phrase's head: it stood before the figure, or follows a verb of its own
        # Where the label's words are in the text: in the noun phrase, else (a label across both, 主动公开…信息)
        # from where they start before the figure.
        start = again.label_start + base
        label_start = phrase[0] + (again.label_start - noun_start) if again.label_start >= noun_start else start
        found[index] = again._replace(
            label=again.label, label_start=label_start, scope=SCOPE_NOUN, scope_words=noun, scope_text=""
        )
    return found
