"""What every match of a regex must contain: the "needles" that let matching skip a pattern without running it.

Matching a figure means trying ~75 patterns a few times each; most fail for want of their keyword. Knowing the
keyword (every match of 规范性文件…审查 contains "规范性文件") turns those failures into one substring test.
The analysis may only ever say less than the truth: "no needle" (None) always means "run the regex".
"""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType
from typing import Any

_Needs = frozenset[str] | None
_MAX_CLASS_CHARS = 16  # a larger character class says too little to be worth testing
# Regexes with a known answer, covering every construct the analysis reads (optional and repeated groups,
# branches, lookarounds, classes): a parser whose trees changed meaning fails one of them.
_PROBES: dict[str, _Needs] = {
    "(?:办理|审查)?规范性文件(?=x)[^,]{0,3}(?:审查|备案)+": frozenset({"规范性文件"}),
    "(?<!不)[ab]c?(?:de|fg){2}\\d*": frozenset({"de", "fg"}),
    "(?:调解|x?)纠纷?": frozenset({"纠"}),
}


@cache
def _regex_internals() -> tuple[ModuleType, ModuleType] | None:
    """CPython's private regex parser and its opcodes, `(re._constants, re._parser)`, or None if unusable.

    Why private: the standard library offers no public view of a regex's structure, and a parser written here
    would be a second, worse copy of the one `re.compile` itself runs (3.11+; `sre_parse` before). This is the
    only place that reaches for it. If the modules move, or no longer analyse a known regex as expected (the
    probe below), this returns None and every `required_literals` call answers None: each pattern is then
    always tried, slower but with exactly the same result, never a needle that would skip a real match.
    """
    try:
        # typeshed describes only the public `re` (the docstring says why the private modules are used at all).
        from re import _constants, _parser  # type: ignore[attr-defined]

        probes = {pattern: _sequence_needs(_parser.parse(pattern, 0), _constants) for pattern in _PROBES}
    except Exception:  # any failure of a private API means "no needles", never a crash or a guess
        return None
    return (_constants, _parser) if probes == _PROBES else None


def required_literals(regex: re.Pattern[str] | None) -> tuple[str, ...] | None:
    """Strings one of which every match of `regex` contains, or None when no such set is known.

    Derived from the parsed regex; lookarounds consume nothing and so add no requirement. A pattern the
    analysis does not understand yields None, which only means "always run the regex".
    """
    if regex is None or regex.flags & re.IGNORECASE:
        return None
    internals = _regex_internals()
    if internals is None:
        return None
    ops, parser = internals
    try:
        needs = _sequence_needs(parser.parse(regex.pattern, regex.flags), ops)
    except Exception:  # same contract as _regex_internals: an unexpected tree shape means no needle
        return None
    return tuple(sorted(needs)) if needs else None


def _sequence_needs(items: Any, ops: Any) -> _Needs:
    """The most selective requirement among a sequence's parts (runs of literals count as one string)."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    zero_width = (ops.AT, ops.ASSERT, ops.ASSERT_NOT)
    for op, arg in items:
        if op is ops.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if op in zero_width:
            continue
        needs = _node_needs(op, arg, ops)
        if needs:
            options.append(needs)
    if run:
        options.append(frozenset({"".join(run)}))
    # Longer strings are rarer; among equals, fewer alternatives are stricter.
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


def _node_needs(op: Any, arg: Any, ops: Any) -> _Needs:
    if op is ops.SUBPATTERN:
        _group, add_flags, _del_flags, items = arg
        return None if add_flags & re.IGNORECASE else _sequence_needs(items, ops)
    if op is ops.ATOMIC_GROUP:
        return _sequence_needs(arg, ops)
    if op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT):
        low, _high, items = arg
        return _sequence_needs(items, ops) if low >= 1 else None
    if op is ops.BRANCH:
        branches = [_sequence_needs(items, ops) for items in arg[1]]
        known = [b for b in branches if b is not None]
        if len(known) < len(branches):
            return None  # one branch can match without any known string
        return frozenset[str]().union(*known)
    if op is ops.IN:
        return _class_needs(arg, ops)
    return None  # ANY, NOT_LITERAL, CATEGORY, group references: any character may do


def _class_needs(members: Any, ops: Any) -> _Needs:
    chars: set[str] = set()
    for op, arg in members:
        if op is ops.LITERAL:
            chars.add(chr(arg))
        elif op is ops.RANGE and arg[1] - arg[0] < _MAX_CLASS_CHARS:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        else:
            return None  # NEGATE, categories, wide ranges
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS_CHARS else None
