"""The matcher's index of a catalogue: per unit, its label patterns and the strings ("needles") one of which each
label must contain, so that a sentence holding none of a pattern's needles never tries it (etl/extract/matching.py
uses it; tests/test_fast_paths.py holds the fast path to its reference, `every_rule`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from etl.catalogue import Catalogue, Indicator, Pattern


@dataclass(frozen=True)
class Rule:
    indicator_id: str
    display_order: int
    pattern: Pattern
    pattern_num: int  # 1-based, in the indicator's `patterns`: named in the figure's assignment rule


@dataclass(frozen=True)
class UnitRules:
    """The patterns that can label figures of one unit, indexed by the strings their label must contain.

    A pattern's needles are the strings one of which its `before` (else `after`) label must contain. A sentence
    holding none of a pattern's needles cannot hold its label, so the pattern is not even tried.
    """

    rules: tuple[Rule, ...]  # in catalogue order
    unkeyed: frozenset[int]  # rules whose label needs no known string: always tried
    by_needle: Mapping[str, frozenset[int]]
    # by_needle's needles by their first character: only those whose first character the sentence holds are tested
    # with `in` (in C); a set intersection finds those characters (a quarter less time than testing every needle).
    needles_by_first: Mapping[str, tuple[str, ...]]
    first_chars: frozenset[str]  # needles_by_first's keys, as a set to intersect with (not rebuilt per sentence)
    max_gap: int  # the widest gap any of its `before` labels may leave: how far back a label's end can be
    max_after_gap: int  # the same for its `after` labels: how far on a label's start can be
    # The rules chosen for each set of needles found: reports name the same few labels sentence after sentence (45
    # sets in 2,700 sentences of 60 reports), so the union, sort and list are made once per set, not per sentence.
    chosen: dict[frozenset[str], tuple[Rule, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, indicators: Sequence[Indicator]) -> UnitRules:
        rules = tuple(
            Rule(i.indicator_id, i.display_order, p, n) for i in indicators for n, p in enumerate(i.patterns, 1)
        )
        unkeyed: set[int] = set()
        by_needle: dict[str, set[int]] = {}
        for number, rule in enumerate(rules):
            needs = rule.pattern.before_needs if rule.pattern.before is not None else rule.pattern.after_needs
            if not needs:
                unkeyed.add(number)
            for needle in needs or ():
                by_needle.setdefault(needle, set()).add(number)
        index = {k: frozenset(v) for k, v in by_needle.items()}
        firsts: dict[str, list[str]] = {}
        for needle in index:
            firsts.setdefault(needle[0], []).append(needle)
        max_gap = max((r.pattern.max_gap for r in rules if r.pattern.before is not None), default=0)
        max_after = max((r.pattern.max_gap for r in rules if r.pattern.after is not None), default=0)
        by_first = MappingProxyType({c: tuple(n) for c, n in firsts.items()})
        return cls(rules, frozenset(unkeyed), MappingProxyType(index), by_first, frozenset(firsts), max_gap, max_after)


RulesToTry = Callable[[UnitRules, str], Sequence[Rule]]


def needle_candidates(unit_rules: UnitRules, sentence: str) -> Sequence[Rule]:
    """The rules of a unit whose label can occur in `sentence`: those whose needle it holds, and the unkeyed.

    The one fast path of matching: on the shipped reports it takes a quarter of the time of `every_rule`, its
    reference, with the same assignments (tests/test_fast_paths.py holds them to that).
    """
    # Testing each needle with `in` costs less than indexing the sentence's character pairs. The first characters
    # are intersected as a prepared set (`keys() & …` built a set of the keys on every call).
    by_first = unit_rules.needles_by_first
    found = frozenset([n for c in unit_rules.first_chars.intersection(sentence) for n in by_first[c] if n in sentence])
    chosen = unit_rules.chosen.get(found)
    if chosen is None:
        numbers = unit_rules.unkeyed.union(*map(unit_rules.by_needle.__getitem__, found))
        rules = unit_rules.rules
        chosen = tuple(rules[n] for n in sorted(numbers))
        if len(unit_rules.chosen) >= _MAX_CHOSEN:  # a bound for a long batch of unusual texts
            unit_rules.chosen.clear()
        unit_rules.chosen[found] = chosen
    return chosen


_MAX_CHOSEN = 4096  # needle sets kept per unit


def every_rule(unit_rules: UnitRules, sentence: str) -> Sequence[Rule]:
    """Reference for `needle_candidates`: try every pattern of the unit, whatever the sentence holds."""
    return unit_rules.rules


# The per-unit index of a catalogue, built on its first use and kept while the catalogue is (a frozen Catalogue
# is not cheap to hash, so the key is its identity, checked against the catalogue kept in the entry).
_INDEX_CACHE: dict[int, tuple[Catalogue, Mapping[str, UnitRules]]] = {}
_INDEX_CACHE_SIZE = 8  # the shipped catalogue, plus the few a test builds


def rules_by_unit(catalogue: Catalogue) -> Mapping[str, UnitRules]:
    cached = _INDEX_CACHE.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    index = MappingProxyType({unit: UnitRules.of(inds) for unit, inds in catalogue.by_unit.items()})
    if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(catalogue)] = (catalogue, index)
    return index
