"""What every match of a regex must contain: the "needles" that let matching skip a pattern without running it.

Matching a figure means trying ~75 patterns a few times each; most fail for want of their keyword. Knowing the
keyword (every match of 规范性文件…审查 contains "规范性文件") turns those failures into one substring test.
The analysis may only ever say less than the truth: "no needle" (None) always means "run the regex".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from types import ModuleType
from typing import Any

_Needs = frozenset[str] | None
_MAX_CLASS_CHARS = 16  # a larger character class says too little to be worth testing
_MAX_END_CLASS_CHARS = 256  # a set of final characters is tested once per gap: a larger one costs no more
# Regexes with a known answer, covering every construct the analysis reads (optional and repeated groups,
# branches, lookarounds, classes): a parser whose trees changed meaning fails one of them.
_PROBES: dict[str, _Needs] = {
    "(?:办理|审查)?规范性文件(?=x)[^,]{0,3}(?:审查|备案)+": frozenset({"规范性文件"}),
    "(?<!不)[ab]c?(?:de|fg){2}\\d*": frozenset({"de", "fg"}),
    "(?:调解|x?)纠纷?": frozenset({"纠"}),
}

# The same for `final_chars`: (characters a match may end with, whether it may be empty).
_END_PROBES: dict[str, tuple[frozenset[str], bool] | None] = {
    "(?:办理|审查)?规范性文件(?=x)[^,]{0,3}(?:审查|备案)+": (frozenset("查案"), False),
    "[ab]c?(?:de|f){0,2}(?<!x)": (frozenset("abcef"), False),
    "(?:调解|x?)纠纷?\\Z": (frozenset("纠纷"), False),
    "a[^b]": None,
}
# And for `first_chars`.
_START_PROBES: dict[str, tuple[frozenset[str], bool] | None] = {
    "(?:办理|审查)?规范性文件(?=x)[^,]{0,3}(?:审查|备案)+": (frozenset("办审规"), False),
    "(?<!x)[ab]?c(?:de|f){0,2}": (frozenset("abc"), False),
    "^(?:调解|x?)纠纷?": (frozenset("调x纠"), False),
    "[^b]a": None,
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
        ends = {pattern: _sequence_edge(_parser.parse(pattern, 0), _constants, True) for pattern in _END_PROBES}
        starts = {pattern: _sequence_edge(_parser.parse(pattern, 0), _constants, False) for pattern in _START_PROBES}
    except Exception:  # any failure of a private API means "no needles", never a crash or a guess
        return None
    known = probes == _PROBES and ends == _END_PROBES and starts == _START_PROBES
    return (_constants, _parser) if known else None


def required_literals(regex: re.Pattern[str] | None) -> tuple[str, ...] | None:
    """Strings one of which every match of `regex` contains, or None when no such set is known.

    Derived from the parsed regex; lookarounds consume nothing and so add no requirement. A pattern the
    analysis does not understand yields None, which only means "always run the regex".
    """
    parsed = _parsed(regex)
    if parsed is None:
        return None
    try:
        needs = _sequence_needs(*parsed)
    except Exception:  # same contract as _regex_internals: an unexpected tree shape means no needle
        return None
    return tuple(sorted(needs)) if needs else None


def _parsed(regex: re.Pattern[str] | None) -> tuple[Any, Any] | None:
    """(The regex's parsed tree, the parser's opcodes), or None when the analysis cannot read it."""
    if regex is None or regex.flags & re.IGNORECASE:
        return None
    internals = _regex_internals()
    if internals is None:
        return None
    ops, parser = internals
    try:
        return parser.parse(regex.pattern, regex.flags), ops
    except Exception:  # an unparsable or unexpected pattern: no analysis, the regex runs as it is
        return None


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


def final_chars(regex: re.Pattern[str] | None) -> frozenset[str] | None:
    """The characters every match of `regex` ends with, or None when that is not known (or a match may be empty).

    A label must end right before its figure's gap: where the character there is none of these, no search can
    succeed and matching skips it. Same contract as `required_literals`: None only means "run the regex".
    """
    return _edge_chars(regex, last=True)


def first_chars(regex: re.Pattern[str] | None) -> frozenset[str] | None:
    """The characters every match of `regex` starts with, or None when not known: an `after` label must start
    right after its figure's gap, so where none of these stands there, matching skips it."""
    return _edge_chars(regex, last=False)


def _edge_chars(regex: re.Pattern[str] | None, last: bool) -> frozenset[str] | None:
    parsed = _parsed(regex)
    if parsed is None:
        return None
    try:
        edge = _sequence_edge(*parsed, last)
    except Exception:  # an unexpected tree shape: no skipping, never a wrong one
        return None
    return edge[0] if edge is not None and not edge[1] else None


def _sequence_edge(items: Any, ops: Any, last: bool) -> tuple[frozenset[str], bool] | None:
    """(Characters the sequence's last (else first) consumed character may be, whether it may consume nothing),
    else None. Read from that end: a part that may match empty lets the part next to it take the edge too."""
    chars: set[str] = set()
    zero_width = (ops.AT, ops.ASSERT, ops.ASSERT_NOT)
    for op, arg in reversed(list(items)) if last else items:
        if op in zero_width:
            continue
        part = _node_edge(op, arg, ops, last)
        if part is None:
            return None
        chars |= part[0]
        if not part[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def _node_edge(op: Any, arg: Any, ops: Any, last: bool) -> tuple[frozenset[str], bool] | None:
    if op is ops.LITERAL:
        return frozenset(chr(arg)), False
    if op is ops.IN:
        chars = _class_chars(arg, ops)
        return (chars, False) if chars is not None else None
    if op is ops.SUBPATTERN:
        _group, add_flags, _del_flags, items = arg
        return None if add_flags & re.IGNORECASE else _sequence_edge(items, ops, last)
    if op is ops.ATOMIC_GROUP:
        return _sequence_edge(arg, ops, last)
    if op in (ops.MAX_REPEAT, ops.MIN_REPEAT, ops.POSSESSIVE_REPEAT):
        low, high, items = arg
        if high == 0:
            return frozenset(), True
        inner = _sequence_edge(items, ops, last)
        return (inner[0], low == 0 or inner[1]) if inner is not None else None
    if op is ops.BRANCH:
        branches = [_sequence_edge(items, ops, last) for items in arg[1]]
        if any(b is None for b in branches):
            return None
        known = [b for b in branches if b is not None]
        return frozenset[str]().union(*(b[0] for b in known)), any(b[1] for b in known)
    return None  # ANY, NOT_LITERAL, CATEGORY, group references: any character may be there


def _class_chars(members: Any, ops: Any) -> frozenset[str] | None:
    """The characters of a class of literals and narrow ranges; None for a negated, category or wide one."""
    chars: set[str] = set()
    for op, arg in members:
        if op is ops.LITERAL:
            chars.add(chr(arg))
        elif op is ops.RANGE and arg[1] - arg[0] < _MAX_END_CLASS_CHARS:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        else:
            return None
    return frozenset(chars)


# Above this, a label's longest match is "unbounded" to `max_width`: a search from the window's start costs no more.
_MAX_WIDTH = 64


def max_width(regex: re.Pattern[str] | None) -> int | None:
    """The most characters a match of `regex` can span, or None when unbounded or not known.

    A `before` label must end where its gap starts; a match that long cannot start further back, so the search
    need not be tried from any offset before that. Lookbehinds read before the search's start either way, so the
    bound never changes what is found."""
    parsed = _parsed(regex)
    if parsed is None:
        return None
    try:
        width = int(parsed[0].getwidth()[1])
    except Exception:  # an unexpected tree shape: search the whole window
        return None
    return width if width <= _MAX_WIDTH else None


def finds(regex: re.Pattern[str], text: str) -> bool:
    """`regex.search(text) is not None`, the strings every match contains looked for first: a regex that opens
    with an optional part (`(?:省|市)?本级`) is tried at every offset of a search, while `in` finds its literal in
    C (on a report without it, a tenth of the time)."""
    needs = _cached_literals(regex)
    if needs is not None and not any(needle in text for needle in needs):
        return False
    return regex.search(text) is not None


def finds_in(regex: re.Pattern[str], text: str, pos: int, endpos: int) -> bool:
    """`regex.search(text, pos, endpos) is not None`, the strings one of which every match contains looked for
    first (`may_occur`): a pattern that opens with an open-ended class (`[^,;]{2,}、…会$`) or with a look-ahead
    at its first characters is tried at every offset, each try running its first step or more."""
    return may_occur(regex, text, pos, endpos) and regex.search(text, pos, endpos) is not None


def may_occur(regex: re.Pattern[str], text: str, pos: int, endpos: int) -> bool:
    """False when no match of `regex` can lie in `text[pos:endpos]`: none of the strings one of which every match
    contains is there (True when that is not known).

    The strings are looked for as one alternation of literals, which the engine skips through by their first
    characters in one tight loop; the regex itself (a marker alternation opened with a look-ahead) is tried at
    every offset (88 clause doubts a report: 0.87 → 0.49 M instructions)."""
    guard = _guard(regex)
    return guard is None or guard.search(text, pos, endpos) is not None


# regex id → (the regex, its guard): keyed by identity, since hashing a compiled regex hashes its whole program (a
# marker alternation's is kilobytes), on every call of a `functools.cache` keyed by it.
_GUARDS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def _guard(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """The alternation of literals `may_occur` searches for, or None when no such strings are known."""
    entry = _GUARDS.get(id(regex))
    if entry is None or entry[0] is not regex:
        needs = required_literals(regex)
        guard = re.compile("|".join(map(re.escape, sorted(needs, key=len, reverse=True)))) if needs else None
        entry = _GUARDS[id(regex)] = (regex, guard)
    return entry[1]


@cache
def _cached_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    return required_literals(regex)


def with_first_class(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex` opened with a look-ahead at the characters its matches can start with, when the engine would
    otherwise try it at every offset: the same matches, found faster.

    The engine skips to a match only for a pattern that opens with a literal, a class, or a branch of literals.
    One that opens with a group (`(?:件|条)?建议`, an alternation of markers `(?:其中)|(?:含…)`) runs its whole
    first step at every offset of a search (a marker alternation: every branch, a clause's 30 offsets per figure);
    the look-ahead fails there in one class test (a third of the time on the clause markers). Unchanged when the
    analysis cannot say where a match starts, or the engine already skips (same contract as `required_literals`).
    """
    parsed = _parsed(regex)
    if parsed is None:
        return regex
    try:
        if _engine_skips(*parsed):
            return regex
        edge = _sequence_edge(*parsed, False)
    except Exception:  # an unexpected tree shape: the regex as it is
        return regex
    if edge is None or edge[1] or not edge[0]:
        return regex
    first = "".join(sorted(re.escape(char) for char in edge[0]))
    try:
        return re.compile(f"(?=[{first}])(?:{regex.pattern})", regex.flags)
    except re.error:  # e.g. a global flag (?x) that must open the pattern
        return regex


def _engine_skips(items: Any, ops: Any) -> bool:
    """Whether the engine finds a search's candidate offsets itself (CPython's `_compile_info`: a literal prefix,
    or a first character from a literal, a class or a branch of literals), looking through groups as it does."""
    while items and items[0][0] is ops.SUBPATTERN:
        items = items[0][1][3]
    if not items:
        return True  # nothing to gain
    op, arg = items[0]
    if op in (ops.LITERAL, ops.IN):
        return True
    if op is ops.BRANCH:
        return all(branch and branch[0][0] is ops.LITERAL for branch in arg[1])
    return False


def alternatives(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """Patterns only ever asked whether any of them matches, as at most two alternations: those whose first
    characters are known (a search skips to them, `with_first_class`) and the others. Two scans find a match where
    one alternation would, and the first no longer runs the others' open-ended opening (`[^,;]{2,}、…`) at every
    offset, nor they its branches."""
    known = [p for p in patterns if first_chars(re.compile(p)) is not None]
    rest = [p for p in patterns if first_chars(re.compile(p)) is None]
    return tuple(a for part in (known, rest) for a in alternation(part))


def alternation(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The markers as one alternation: one scan per clause, not one per marker (they are tried for every figure
    with an indicator), opened with a look-ahead at their first characters where that lets a search skip."""
    return (with_first_class(re.compile("|".join(f"(?:{p})" for p in patterns))),) if patterns else ()
