"""The indicator catalogue and the rule that maps each reported figure to at most one indicator.

Indicators are declared once, in `catalogue.yaml` beside this module; nothing else in the ETL lists them.
Matching looks only at the clause nearest to a figure, never at the sentence as a whole: reports pack
several quantities into one sentence ("审查规范性文件53件,提出修改建议意见111条;审查政府性合同98件,..."),
and a sentence-level keyword would hand the same label to every number in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]  # the parser behind re.compile (3.11+)
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from etl.config import CATALOGUE_PATH
from etl.models import Figure

# Display order of the domains is part of the product (chart pages follow it), so it lives in code and
# the YAML must list the same ids in the same order.
DOMAINS: tuple[str, ...] = (
    "leadership",
    "functions",
    "rules",
    "decisions",
    "enforcement",
    "supervision",
    "review",
    "mediation",
)

# Normalised units the figure extractor can emit; money is always 元 because 万元/亿元 are scaled on extraction.
KNOWN_UNITS: frozenset[str] = frozenset(
    {
        "件", "项", "个", "人", "名", "家", "户", "条", "次", "场", "场次", "人次", "件次", "户次", "家次",
        "篇", "台", "套", "部", "卷", "宗", "份", "起", "处", "期", "批", "支", "所", "位", "册", "本", "通",
        "%", "个百分点", "元", "天", "小时", "个工作日",
    }
)  # fmt: skip

DEFAULT_MAX_GAP_BEFORE = 6
DEFAULT_MAX_GAP_AFTER = 2
MAX_GAP_LIMIT = 20

# A gap may hold filler such as 为/达/共/了/均为, but a clause break or another number means the label
# belongs to something else.
_GAP_BARRIERS = ",，;；。、!?！？\n\r"
# A run of characters that are neither a barrier nor a decimal digit (\d); see `_clear_run` for the rest.
_CLEAR_RUN_RE = re.compile(f"[^{re.escape(_GAP_BARRIERS)}\\d]*")

_ID_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_REQUIRED_FIELDS = (
    "id",
    "name_zh",
    "name_en",
    "unit",
    "short_unit",
    "domain",
    "description",
    "higher_is_better",
    "is_headline",
    "patterns",
)
_OPTIONAL_FIELDS = ("units_accepted",)
_PATTERN_FIELDS = ("before", "after", "context", "exclude", "max_gap", "reach_back")


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the offending entry."""


@dataclass(frozen=True)
class Pattern:
    """One match rule.

    `before` must end at most `max_gap` characters before the figure and, unless `reach_back`, start after
    the previous figure of the sentence; `after` must start at most `max_gap` characters after the figure
    and end before the next one. `context` must occur in the sentence or the section heading; `exclude`
    must not occur in the sentence. With both sides set, both must match and their gaps add up.
    """

    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    context: re.Pattern[str] | None
    max_gap: int
    reach_back: bool = False
    exclude: re.Pattern[str] | None = None
    # Derived: for each regex, strings one of which every match must contain (None: nothing is certain).
    # A figure whose window holds none of them cannot match, so the regex searches are skipped.
    before_needs: tuple[str, ...] | None = field(init=False, repr=False, compare=False)
    after_needs: tuple[str, ...] | None = field(init=False, repr=False, compare=False)
    context_needs: tuple[str, ...] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "before_needs", required_literals(self.before))
        object.__setattr__(self, "after_needs", required_literals(self.after))
        object.__setattr__(self, "context_needs", required_literals(self.context))


@dataclass(frozen=True)
class Domain:
    domain_id: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    name_zh: str
    name_en: str
    unit: str
    short_unit: str
    domain: str
    description: str
    higher_is_better: bool | None
    is_headline: bool
    display_order: int
    units_accepted: tuple[str, ...]
    patterns: tuple[Pattern, ...]

    def accepts_unit(self, unit: str) -> bool:
        return unit == self.unit or unit in self.units_accepted


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    domains: tuple[Domain, ...] = ()
    by_id: Mapping[str, Indicator] = field(init=False, repr=False, compare=False)
    by_unit: Mapping[str, tuple[Indicator, ...]] = field(init=False, repr=False, compare=False)
    rules_by_unit: Mapping[str, _UnitRules] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen dataclass: derived lookups are set once here so callers never rebuild them per figure.
        object.__setattr__(self, "by_id", MappingProxyType({i.indicator_id: i for i in self.indicators}))
        units: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            for unit in (indicator.unit, *indicator.units_accepted):
                units.setdefault(unit, []).append(indicator)
        object.__setattr__(self, "by_unit", MappingProxyType({u: tuple(v) for u, v in units.items()}))
        rules = {unit: _UnitRules.of(indicators) for unit, indicators in units.items()}
        object.__setattr__(self, "rules_by_unit", MappingProxyType(rules))

    @property
    def domain_names(self) -> Mapping[str, Domain]:
        return MappingProxyType({d.domain_id: d for d in self.domains})

    def in_domain(self, domain_id: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.domain == domain_id)

    @property
    def headline(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.is_headline)


# --------------------------------------------------------------------------------------------- loading


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and validate the catalogue; any defect raises CatalogueError naming the entry."""
    source = path or CATALOGUE_PATH
    try:
        # The C loader when PyYAML has it: same data, a fifth of the time (the catalogue is read on every start).
        raw = yaml.load(source.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{source.name}: not valid YAML: {exc}") from exc
    return parse_catalogue(raw, source_name=source.name)


def parse_catalogue(raw: Any, source_name: str = "catalogue.yaml") -> Catalogue:
    """Validate an already-parsed YAML document (split out so tests can feed broken catalogues)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("indicators"), list):
        raise CatalogueError(f"{source_name}: expected a mapping with an 'indicators' list")
    domains = _parse_domains(raw.get("domains"), source_name)
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw["indicators"], start=1):
        indicator = _parse_indicator(entry, position, source_name)
        if indicator.indicator_id in seen:
            raise CatalogueError(f"{source_name}: indicator '{indicator.indicator_id}' is declared twice")
        seen.add(indicator.indicator_id)
        indicators.append(indicator)
    return Catalogue(indicators=tuple(indicators), domains=domains)


def _parse_domains(raw: Any, source_name: str) -> tuple[Domain, ...]:
    if not isinstance(raw, list):
        raise CatalogueError(f"{source_name}: expected a top-level 'domains' list")
    domains: list[Domain] = []
    for entry in raw:
        if not isinstance(entry, dict) or set(entry) != {"id", "name_zh", "name_en"}:
            raise CatalogueError(f"{source_name}: domain entry {entry!r} must have exactly id, name_zh, name_en")
        if not all(isinstance(entry[k], str) and entry[k].strip() for k in entry):
            raise CatalogueError(f"{source_name}: domain '{entry.get('id')}' has an empty field")
        domains.append(Domain(entry["id"], entry["name_zh"], entry["name_en"]))
    ids = tuple(d.domain_id for d in domains)
    if ids != DOMAINS:
        raise CatalogueError(f"{source_name}: domains must be {list(DOMAINS)} in that order, got {list(ids)}")
    return tuple(domains)


def _parse_indicator(entry: Any, position: int, source_name: str) -> Indicator:
    label = f"{source_name}: indicator #{position}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{label}: expected a mapping")
    if isinstance(entry.get("id"), str):
        label = f"{source_name}: indicator '{entry['id']}'"
    missing = [k for k in _REQUIRED_FIELDS if k not in entry]
    if missing:
        raise CatalogueError(f"{label}: missing field(s) {missing}")
    unknown = sorted(set(entry) - set(_REQUIRED_FIELDS) - set(_OPTIONAL_FIELDS))
    if unknown:
        raise CatalogueError(f"{label}: unknown field(s) {unknown}")

    indicator_id = entry["id"]
    if not isinstance(indicator_id, str) or not _ID_RE.fullmatch(indicator_id):
        raise CatalogueError(f"{label}: id must be English snake_case")
    for key in ("name_zh", "name_en", "unit", "short_unit", "description"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise CatalogueError(f"{label}: '{key}' must be a non-empty string")
    if not _HAN_RE.search(entry["name_zh"]):
        raise CatalogueError(f"{label}: name_zh must be Chinese")
    if not entry["name_en"].isascii():
        raise CatalogueError(f"{label}: name_en must be English")
    if entry["domain"] not in DOMAINS:
        raise CatalogueError(f"{label}: unknown domain {entry['domain']!r}")
    if entry["unit"] not in KNOWN_UNITS:
        raise CatalogueError(f"{label}: unknown unit {entry['unit']!r}")
    accepted = entry.get("units_accepted") or []
    if not isinstance(accepted, list) or not all(isinstance(u, str) for u in accepted):
        raise CatalogueError(f"{label}: units_accepted must be a list of units")
    for unit in accepted:
        if unit not in KNOWN_UNITS:
            raise CatalogueError(f"{label}: unknown unit {unit!r} in units_accepted")
        if unit == entry["unit"]:
            raise CatalogueError(f"{label}: units_accepted repeats the unit {unit!r}")
    if entry["higher_is_better"] not in (True, False, None):
        raise CatalogueError(f"{label}: higher_is_better must be true, false or null")
    if not isinstance(entry["is_headline"], bool):
        raise CatalogueError(f"{label}: is_headline must be true or false")
    if not isinstance(entry["patterns"], list) or not entry["patterns"]:
        raise CatalogueError(f"{label}: needs at least one pattern")

    patterns = tuple(_parse_pattern(p, f"{label} pattern #{n}") for n, p in enumerate(entry["patterns"], start=1))
    return Indicator(
        indicator_id=indicator_id,
        name_zh=entry["name_zh"].strip(),
        name_en=entry["name_en"].strip(),
        unit=entry["unit"],
        short_unit=entry["short_unit"],
        domain=entry["domain"],
        description=entry["description"].strip(),
        higher_is_better=entry["higher_is_better"],
        is_headline=entry["is_headline"],
        display_order=position,
        units_accepted=tuple(accepted),
        patterns=patterns,
    )


def _parse_pattern(raw: Any, label: str) -> Pattern:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{label}: expected a mapping")
    unknown = sorted(set(raw) - set(_PATTERN_FIELDS))
    if unknown:
        raise CatalogueError(f"{label}: unknown field(s) {unknown}")
    if not raw.get("before") and not raw.get("after"):
        raise CatalogueError(f"{label}: needs 'before' or 'after'; context alone cannot place a label")
    before = _compile(raw.get("before"), label, "before", anchored_end=True)
    after = _compile(raw.get("after"), label, "after")
    context = _compile(raw.get("context"), label, "context")
    exclude = _compile(raw.get("exclude"), label, "exclude")
    default_gap = DEFAULT_MAX_GAP_BEFORE if before is not None else DEFAULT_MAX_GAP_AFTER
    max_gap = raw.get("max_gap", default_gap)
    if not isinstance(max_gap, int) or isinstance(max_gap, bool) or not 0 <= max_gap <= MAX_GAP_LIMIT:
        raise CatalogueError(f"{label}: max_gap must be an integer from 0 to {MAX_GAP_LIMIT}")
    reach_back = raw.get("reach_back", False)
    if not isinstance(reach_back, bool):
        raise CatalogueError(f"{label}: reach_back must be true or false")
    if reach_back and before is None:
        raise CatalogueError(f"{label}: reach_back only applies to a 'before' pattern")
    return Pattern(before=before, after=after, context=context, max_gap=max_gap, reach_back=reach_back, exclude=exclude)


def _compile(source: Any, label: str, key: str, anchored_end: bool = False) -> re.Pattern[str] | None:
    if source is None:
        return None
    if not isinstance(source, str) or not source:
        raise CatalogueError(f"{label}: '{key}' must be a non-empty regex string")
    try:
        compiled = re.compile(source)
    except re.error as exc:
        raise CatalogueError(f"{label}: '{key}' does not compile: {exc}") from exc
    # A regex that can match nothing would label every figure in reach.
    if compiled.fullmatch(""):
        raise CatalogueError(f"{label}: '{key}' matches the empty string")
    if anchored_end:
        # Anchoring lets a search bounded by `endpos` find a match that ends exactly at a given offset.
        return re.compile(f"(?:{source})\\Z")
    return compiled


# ---------------------------------------------------------------------------- required literals of a regex

# Matching a figure means trying ~75 patterns a few times each; most fail for want of their keyword. Knowing the
# keyword (every match of 规范性文件…审查 contains "规范性文件") turns those failures into one substring test.
_Needs = frozenset[str] | None
_ZERO_WIDTH_OPS = frozenset({_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT})
_REPEAT_OPS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT})
_MAX_CLASS_CHARS = 16  # a larger character class says too little to be worth testing


def required_literals(regex: re.Pattern[str] | None) -> tuple[str, ...] | None:
    """Strings one of which every match of `regex` contains, or None when no such set is known.

    Derived from the parsed regex; lookarounds consume nothing and so add no requirement. A pattern the
    analysis does not understand yields None, which only means "always run the regex".
    """
    if regex is None or regex.flags & re.IGNORECASE:
        return None
    try:
        needs = _sequence_needs(_parser.parse(regex.pattern, regex.flags))
    except (re.error, TypeError, ValueError):
        return None
    return tuple(sorted(needs)) if needs else None


def _sequence_needs(items: Any) -> _Needs:
    """The most selective requirement among a sequence's parts (runs of literals count as one string)."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is _constants.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if op in _ZERO_WIDTH_OPS:
            continue
        needs = _node_needs(op, arg)
        if needs:
            options.append(needs)
    if run:
        options.append(frozenset({"".join(run)}))
    # Longer strings are rarer; among equals, fewer alternatives are stricter.
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


def _node_needs(op: Any, arg: Any) -> _Needs:
    if op is _constants.SUBPATTERN:
        _group, add_flags, _del_flags, items = arg
        return None if add_flags & re.IGNORECASE else _sequence_needs(items)
    if op is _constants.ATOMIC_GROUP:
        return _sequence_needs(arg)
    if op in _REPEAT_OPS:
        low, _high, items = arg
        return _sequence_needs(items) if low >= 1 else None
    if op is _constants.BRANCH:
        branches = [_sequence_needs(items) for items in arg[1]]
        if any(b is None for b in branches):
            return None  # one branch can match without any known string
        return frozenset().union(*branches)
    if op is _constants.IN:
        return _class_needs(arg)
    return None  # ANY, NOT_LITERAL, CATEGORY, group references: any character may do


def _class_needs(members: Any) -> _Needs:
    chars: set[str] = set()
    for op, arg in members:
        if op is _constants.LITERAL:
            chars.add(chr(arg))
        elif op is _constants.RANGE and arg[1] - arg[0] < _MAX_CLASS_CHARS:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        else:
            return None  # NEGATE, categories, wide ranges
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS_CHARS else None


def _contains_any(window: str, needles: tuple[str, ...] | None) -> bool:
    if needles is None:
        return True
    return any(map(window.__contains__, needles))  # map, not a generator: this runs hundreds of times a report


# -------------------------------------------------------------------------------------------- matching


class _Span(NamedTuple):  # NamedTuple, not a frozen dataclass: one is built per figure, three times faster
    """What the matcher may look at for one figure: its sentence, and its neighbours inside it."""

    sentence_start: int
    sentence_end: int
    prev_end: int  # end of the previous figure in the sentence, else the sentence start
    next_start: int  # start of the next figure in the sentence, else the sentence end


def assign_indicators(
    folded_text: str,
    figures: Sequence[Figure],
    catalogue: Catalogue,
    section_headings: Mapping[int, str] | None = None,
) -> list[str | None]:
    """Return one indicator id (or None) per figure, in the order of `figures`.

    Among all patterns that fit, the smallest gap wins, then the longer label match, then catalogue order.
    """
    spans = _spans(figures)
    headings = section_headings or {}
    candidates: dict[tuple[int, int, str], list[_Rule]] = {}  # figures share sentences, and often their unit
    result: list[str | None] = []
    for figure, span in zip(figures, spans, strict=True):
        unit_rules = catalogue.rules_by_unit.get(figure.unit)
        if unit_rules is None:
            result.append(None)
            continue
        bounds = (span.sentence_start, span.sentence_end)
        if (*bounds, figure.unit) not in candidates:
            candidates[(*bounds, figure.unit)] = unit_rules.candidates(folded_text[bounds[0] : bounds[1]])
        heading = headings.get(figure.section_num, "") if figure.section_num is not None else ""
        windows = _Windows.around(folded_text, figure, span, heading)
        best: tuple[int, int, int] | None = None
        best_id: str | None = None
        # Candidate order does not matter: the key below is unique per indicator (display_order).
        for rule in candidates[(*bounds, figure.unit)]:
            if not windows.may_match(rule.pattern):
                continue
            hit = _match(rule.pattern, folded_text, figure, span, windows)
            if hit is None:
                continue
            key = (hit[0], -hit[1], rule.display_order)
            if best is None or key < best:
                best, best_id = key, rule.indicator_id
        result.append(best_id)
    return result


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

    rules: tuple[_Rule, ...]
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

    def candidates(self, sentence: str) -> list[_Rule]:
        # Testing each needle with `in` costs less than indexing the sentence's characters and pairs.
        numbers = self.unkeyed.union(*map(self.by_needle.__getitem__, filter(sentence.__contains__, self.needles)))
        return [self.rules[n] for n in sorted(numbers)]


class _Windows(NamedTuple):  # one per figure: a NamedTuple builds three times faster than a frozen dataclass
    """The text each part of a pattern may match in, sliced once per figure for the required-literal test."""

    before: str  # previous figure (or sentence start) up to the figure
    reach_back: str  # sentence start up to the figure
    after: str  # figure end up to the next figure (or sentence end)
    sentence: str
    heading: str
    # How far a label may sit from the figure before a barrier intervenes, counted once per figure rather than
    # character by character for every pattern tried.
    clear_before: int
    clear_after: int

    @classmethod
    def around(cls, text: str, figure: Figure, span: _Span, heading: str) -> _Windows:
        return cls(
            before=text[span.prev_end : figure.start],
            reach_back=text[span.sentence_start : figure.start],
            after=text[figure.end : span.next_start],
            sentence=text[span.sentence_start : span.sentence_end],
            heading=heading,
            clear_before=_clear_run(text[max(0, figure.start - MAX_GAP_LIMIT) : figure.start][::-1]),
            clear_after=_clear_run(text[figure.end : figure.end + MAX_GAP_LIMIT]),
        )

    def may_match(self, pattern: Pattern) -> bool:
        """False only when some part of the pattern lacks every string its matches need (so `_match` fails)."""
        if pattern.before_needs and not _contains_any(
            self.reach_back if pattern.reach_back else self.before, pattern.before_needs
        ):
            return False
        if pattern.after_needs and not _contains_any(self.after, pattern.after_needs):
            return False
        return not pattern.context_needs or _contains_any(self.sentence, pattern.context_needs) or _contains_any(
            self.heading, pattern.context_needs
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


def _match(pattern: Pattern, text: str, figure: Figure, span: _Span, windows: _Windows) -> tuple[int, int] | None:
    """(gap, label length) when the pattern places its label next to the figure, else None."""
    gap = 0
    length = 0
    heading = windows.heading
    if pattern.before is not None:
        hit = _match_before(pattern, text, figure, span, windows.clear_before)
        if hit is None:
            return None
        gap, length = hit
    if pattern.after is not None:
        hit = _match_after(pattern, text, figure, span, windows.clear_after)
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

