"""Figure → indicator: the rule that maps each reported figure to at most one catalogue indicator.

Matching looks only at the clause nearest to a figure, never at the sentence as a whole: reports pack
several quantities into one sentence ("审查规范性文件53件,提出修改建议意见111条;审查政府性合同98件,..."),
and a sentence-level keyword would hand the same label to every number in it. The catalogue itself (indicators,
patterns, the literals each label needs) is `etl.catalogue`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from etl.catalogue import MAX_GAP_LIMIT, Catalogue, Indicator, Pattern
from etl.models import Figure

# A gap may hold filler such as 为/达/共/了/均为, but a clause break or another number means the label
# belongs to something else.
_GAP_BARRIERS = ",，;；。、!?！？\n\r"
# A run of characters that are neither a barrier nor a decimal digit (\d); see `_clear_run` for the rest.
_CLEAR_RUN_RE = re.compile(f"[^{re.escape(_GAP_BARRIERS)}\\d]*")


class _Span(NamedTuple):  # NamedTuple, not a frozen dataclass: one is built per figure, three times faster
    """What the matcher may look at for one figure: its sentence, and its neighbours inside it."""

    sentence_start: int
    sentence_end: int
    prev_end: int  # end of the previous figure in the sentence, else the sentence start
    next_start: int  # start of the next figure in the sentence, else the sentence end


@dataclass(frozen=True)
class _Rule:
    indicator_id: str
    display_order: int
    pattern: Pattern


@dataclass(frozen=True)
class _UnitRules:
    """The patterns that can label figures of one unit, indexed by the strings their label must contain.

    A pattern's needles are the strings one of which its `before` (else `after`) label must contain. A sentence
    holding none of a pattern's needles cannot hold its label, so the pattern is not even tried.
    """

    rules: tuple[_Rule, ...]  # in catalogue order
    unkeyed: frozenset[int]  # rules whose label needs no known string: always tried
    by_needle: Mapping[str, frozenset[int]]
    needles: tuple[str, ...]  # of by_needle: a unit has at most ~60, and `in` on a sentence runs in C

    @classmethod
    def of(cls, indicators: Sequence[Indicator]) -> _UnitRules:
        rules = tuple(_Rule(i.indicator_id, i.display_order, p) for i in indicators for p in i.patterns)
        unkeyed: set[int] = set()
        by_needle: dict[str, set[int]] = {}
        for number, rule in enumerate(rules):
            needs = rule.pattern.before_needs if rule.pattern.before is not None else rule.pattern.after_needs
            if not needs:
                unkeyed.add(number)
            for needle in needs or ():
                by_needle.setdefault(needle, set()).add(number)
        index = {k: frozenset(v) for k, v in by_needle.items()}
        return cls(rules, frozenset(unkeyed), MappingProxyType(index), tuple(index))


RulesToTry = Callable[[_UnitRules, str], Sequence[_Rule]]


def needle_candidates(unit_rules: _UnitRules, sentence: str) -> Sequence[_Rule]:
    """The rules of a unit whose label can occur in `sentence`: those whose needle it holds, and the unkeyed.

    The one fast path of matching: on the shipped reports it takes a quarter of the time of `every_rule`, its
    reference, with the same assignments (tests/test_fast_paths.py holds them to that).
    """
    # Testing each needle with `in` costs less than indexing the sentence's characters and pairs.
    found = filter(sentence.__contains__, unit_rules.needles)
    numbers = unit_rules.unkeyed.union(*map(unit_rules.by_needle.__getitem__, found))
    return [unit_rules.rules[n] for n in sorted(numbers)]


def every_rule(unit_rules: _UnitRules, sentence: str) -> Sequence[_Rule]:
    """Reference for `needle_candidates`: try every pattern of the unit, whatever the sentence holds."""
    return unit_rules.rules


class Proposal(NamedTuple):
    """The indicator a figure's label proposes, and whether another indicator's label fit it exactly as well."""

    indicator_id: str | None
    is_contested: bool = False


def assign_indicators(
    folded_text: str,
    figures: Sequence[Figure],
    catalogue: Catalogue,
    section_headings: Mapping[int, str] | None = None,
    rules_to_try: RulesToTry = needle_candidates,
) -> list[str | None]:
    """Return one indicator id (or None) per figure, in the order of `figures`.

    Among all patterns that fit, the smallest gap wins, then the longer label match, then catalogue order.
    `rules_to_try` exists for the test that holds the fast path to its reference.
    """
    return [p.indicator_id for p in propose(folded_text, figures, catalogue, section_headings, rules_to_try)]


def propose(
    folded_text: str,
    figures: Sequence[Figure],
    catalogue: Catalogue,
    section_headings: Mapping[int, str] | None = None,
    rules_to_try: RulesToTry = needle_candidates,
) -> list[Proposal]:
    """`assign_indicators` with, per figure, whether the choice was a tie between two indicators' labels
    (same gap, same label length: only catalogue order decided), which a person should review."""
    spans = _spans(figures)
    headings = section_headings or {}
    rules_by_unit = _rules_by_unit(catalogue)
    candidates: dict[tuple[int, int, str], Sequence[_Rule]] = {}  # figures share sentences, and often their unit
    result: list[Proposal] = []
    for figure, span in zip(figures, spans, strict=True):
        unit_rules = rules_by_unit.get(figure.unit)
        if unit_rules is None:
            result.append(Proposal(None))
            continue
        bounds = (span.sentence_start, span.sentence_end)
        if (*bounds, figure.unit) not in candidates:
            candidates[(*bounds, figure.unit)] = rules_to_try(unit_rules, folded_text[bounds[0] : bounds[1]])
        heading = headings.get(figure.section_num, "") if figure.section_num is not None else ""
        reach = _Reach.around(folded_text, figure, heading)
        best: tuple[int, int, int] | None = None
        best_id: str | None = None
        fits: dict[tuple[int, int], set[str]] = {}
        # Candidate order does not matter: the key below is unique per indicator (display_order).
        for rule in candidates[(*bounds, figure.unit)]:
            hit = _match(rule.pattern, folded_text, figure, span, reach)
            if hit is None:
                continue
            fits.setdefault((hit[0], -hit[1]), set()).add(rule.indicator_id)
            key = (hit[0], -hit[1], rule.display_order)
            if best is None or key < best:
                best, best_id = key, rule.indicator_id
        is_contested = best is not None and len(fits[(best[0], best[1])]) > 1
        result.append(Proposal(best_id, is_contested))
    return result


# The per-unit index of a catalogue, built on its first use and kept while the catalogue is (a frozen Catalogue
# is not cheap to hash, so the key is its identity, checked against the catalogue kept in the entry).
_INDEX_CACHE: dict[int, tuple[Catalogue, Mapping[str, _UnitRules]]] = {}
_INDEX_CACHE_SIZE = 8  # the shipped catalogue, plus the few a test builds


def _rules_by_unit(catalogue: Catalogue) -> Mapping[str, _UnitRules]:
    cached = _INDEX_CACHE.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    index = MappingProxyType({unit: _UnitRules.of(inds) for unit, inds in catalogue.by_unit.items()})
    if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(catalogue)] = (catalogue, index)
    return index


class _Reach(NamedTuple):  # one per figure: a NamedTuple builds three times faster than a frozen dataclass
    """What a pattern may reach from one figure: its section heading, and how far before a barrier intervenes."""

    heading: str
    # Counted once per figure rather than character by character for every pattern tried.
    clear_before: int
    clear_after: int

    @classmethod
    def around(cls, text: str, figure: Figure, heading: str) -> _Reach:
        return cls(
            heading=heading,
            clear_before=_clear_run(text[max(0, figure.start - MAX_GAP_LIMIT) : figure.start][::-1]),
            clear_after=_clear_run(text[figure.end : figure.end + MAX_GAP_LIMIT]),
        )


def _spans(figures: Sequence[Figure]) -> list[_Span]:
    # Sorted by offset, a figure's neighbours in its sentence are its neighbours in the sorted list.
    order = sorted(range(len(figures)), key=lambda i: (figures[i].start, figures[i].end))
    spans: dict[int, _Span] = {}
    for rank, index in enumerate(order):
        figure = figures[index]
        prev_end, next_start = figure.sentence_start, figure.sentence_end
        if rank > 0:
            previous = figures[order[rank - 1]]
            if _same_sentence(previous, figure) and previous.end <= figure.start:
                prev_end = max(prev_end, previous.end)
        if rank + 1 < len(order):
            following = figures[order[rank + 1]]
            if _same_sentence(following, figure) and following.start >= figure.end:
                next_start = min(next_start, following.start)
        spans[index] = _Span(figure.sentence_start, figure.sentence_end, prev_end, next_start)
    return [spans[i] for i in range(len(figures))]


def _same_sentence(a: Figure, b: Figure) -> bool:
    return (a.sentence_start, a.sentence_end) == (b.sentence_start, b.sentence_end)


def _clear_run(chars: str) -> int:
    """How many of `chars` come before the first gap barrier (punctuation or any digit)."""
    run = _CLEAR_RUN_RE.match(chars).group()  # type: ignore[union-attr]  # `*` matches everywhere
    if any(map(str.isdigit, run)):  # ² ①: digits to str.isdigit but not to \d
        return next(i for i, char in enumerate(run) if char.isdigit())
    return len(run)


def _match(pattern: Pattern, text: str, figure: Figure, span: _Span, reach: _Reach) -> tuple[int, int] | None:
    """(gap, label length) when the pattern places its label next to the figure, else None."""
    gap = 0
    length = 0
    heading = reach.heading
    if pattern.before is not None:
        hit = _match_before(pattern, text, figure, span, reach.clear_before)
        if hit is None:
            return None
        gap, length = hit
    if pattern.after is not None:
        hit = _match_after(pattern, text, figure, span, reach.clear_after)
        if hit is None:
            return None
        gap, length = gap + hit[0], length + hit[1]
    if pattern.exclude is not None and pattern.exclude.search(text, span.sentence_start, span.sentence_end):
        return None
    if pattern.context is not None and not (
        pattern.context.search(text, span.sentence_start, span.sentence_end) or pattern.context.search(heading)
    ):
        return None
    return gap, length


def _match_before(pattern: Pattern, text: str, figure: Figure, span: _Span, clear: int) -> tuple[int, int] | None:
    assert pattern.before is not None
    floor = span.sentence_start if pattern.reach_back else span.prev_end
    for gap in range(min(pattern.max_gap, clear) + 1):
        end = figure.start - gap
        if end <= floor:
            return None
        found = pattern.before.search(text, floor, end)
        if found is not None:
            return gap, found.end() - found.start()
    return None


def _match_after(pattern: Pattern, text: str, figure: Figure, span: _Span, clear: int) -> tuple[int, int] | None:
    assert pattern.after is not None
    for gap in range(min(pattern.max_gap, clear) + 1):
        start = figure.end + gap
        if start >= span.next_start:
            return None
        found = pattern.after.match(text, start, span.next_start)
        if found is not None:
            return gap, found.end() - found.start()
    return None

