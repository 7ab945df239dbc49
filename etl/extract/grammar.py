"""Clause grammar: the act a figure's clause names and the scope that narrows it, applied to the
indicator a label pattern proposed (declarations in etl/catalogue/grammar.yaml).

Patterns find labels; they cannot tell 收到复议申请135件 (applications) from 审结复议申请135件 (concluded),
nor the total from 其中…4644件 (a part). This step reads the clause before each figure and either keeps the
proposal, moves it to the family member whose act the clause names, or withdraws it. It never assigns an
indicator to a figure no pattern labelled: grammar narrows, it does not guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import yaml

from etl.catalogue import Catalogue
from etl.catalogue.needles import alternation, finds, may_occur
from etl.config import CATALOGUE_DIR
from etl.extract.clauses import clause_start, clause_starts, previous_ends
from etl.extract.lists import list_head_start
from etl.extract.paragraphs import beside_whole, is_listed_part
from etl.extract.part_scope import (
    beside_own_total,
    clause_narrows,
    in_count_brackets,
    is_bracketed,
    is_enumerated_kind,
    is_frame,
    is_past_its_list,
)
from etl.models import Figure

GRAMMAR_PATH = CATALOGUE_DIR / "grammar.yaml"
# A year-on-year or period change stated as a percentage is not the level of any indicator.
CHANGE_RE = re.compile(
    r"(?:同比|环比|较上年|比上年|较去年|比去年)?(?:增长|下降|提高|提升|上升|减少|降低|增加|缩短)(?:了)?$"
)


AFTER_MARKERS = ("后", "以后", "之后")


class GrammarError(ValueError):
    pass


@dataclass(frozen=True)
class Member:
    indicator_id: str
    family: str
    act: str
    is_part: bool


@dataclass(frozen=True)
class Grammar:
    members: Mapping[str, Member]  # indicator id → its place in a family
    family_members: Mapping[str, tuple[Member, ...]]
    family_verbs: Mapping[str, re.Pattern[str]]  # family → its acts' verbs, longest first, as one alternation
    verb_acts: Mapping[str, Mapping[str, str]]  # family → verb → act
    clause_markers: tuple[re.Pattern[str], ...]
    sentence_markers: tuple[re.Pattern[str], ...]
    semicolon_markers: tuple[re.Pattern[str], ...] = ()  # searched back to the figure's ; or 。 only
    after_markers: tuple[re.Pattern[str], ...] = ()  # matched at the figure's end (47件提案所提问题已经解决)
    look_back: frozenset[str] = frozenset()  # families whose cue may stand earlier in the sentence
    own_level: re.Pattern[str] | None = None  # a part only beside the whole (see grammar.yaml)
    frame: tuple[re.Pattern[str], re.Pattern[str]] | None = None  # (before, after) of a figure restating a total
    # (head, item) of a list of parts set as paragraphs: a paragraph ending 其中: and the items below it
    parts_list: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    # an indicator → the totals it is a kind of (grammar.yaml kinds_of)
    kinds_of: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    # an indicator → the words that name its own subject's share after 其中 (grammar.yaml own_share)
    own_share: Mapping[str, re.Pattern[str]] = field(default_factory=lambda: MappingProxyType({}))


def parse_grammar(raw: object, source_name: str = "grammar.yaml") -> Grammar:
    if not isinstance(raw, dict):
        raise GrammarError(f"{source_name}: expected a mapping")
    acts = raw.get("acts") or {}
    members: dict[str, Member] = {}
    family_members: dict[str, tuple[Member, ...]] = {}
    family_verbs: dict[str, re.Pattern[str]] = {}
    verb_acts: dict[str, Mapping[str, str]] = {}
    for family, entries in (raw.get("families") or {}).items():
        listed: list[Member] = []
        verbs: dict[str, str] = {}
        for indicator_id, spec in entries.items():
            act = spec.get("act")
            if act not in acts:
                raise GrammarError(f"{source_name}: {indicator_id}: unknown act {act!r}")
            if indicator_id in members:
                raise GrammarError(f"{source_name}: {indicator_id} is in two families")
            member = Member(indicator_id, family, act, bool(spec.get("is_part", False)))
            members[indicator_id] = member
            listed.append(member)
        # An act no member counts still names the clause's act: the figure then goes to no indicator.
        for act in [m.act for m in listed] + list((raw.get("unassigned_acts") or {}).get(family, ())):
            if act not in acts:
                raise GrammarError(f"{source_name}: {family}: unknown act {act!r}")
            for verb in acts[act]:
                if verbs.setdefault(verb, act) != act:
                    raise GrammarError(f"{source_name}: {family}: verb {verb} names two acts")
        family_members[family] = tuple(listed)
        family_verbs[family] = re.compile("|".join(map(re.escape, sorted(verbs, key=len, reverse=True))))
        verb_acts[family] = MappingProxyType(verbs)
    markers = raw.get("scope_markers") or {}
    return Grammar(
        members=MappingProxyType(members),
        family_members=MappingProxyType(family_members),
        family_verbs=MappingProxyType(family_verbs),
        verb_acts=MappingProxyType(verb_acts),
        clause_markers=alternation(markers.get("clause", ())),
        sentence_markers=alternation(markers.get("sentence", ())),
        after_markers=alternation(markers.get("after", ())),
        semicolon_markers=alternation(markers.get("semicolon", ())),
        look_back=frozenset(raw.get("look_back_families") or ()),
        own_level=re.compile(markers["own_level"]) if markers.get("own_level") else None,
        frame=(re.compile(markers["frame"]["before"]), re.compile(markers["frame"]["after"]))
        if markers.get("frame")
        else None,
        parts_list=(re.compile(markers["list"]["head"]), re.compile(markers["list"]["item"]))
        if markers.get("list")
        else None,
        kinds_of=MappingProxyType({k: frozenset(v) for k, v in (raw.get("kinds_of") or {}).items()}),
        own_share=MappingProxyType({k: re.compile(v) for k, v in (raw.get("own_share") or {}).items()}),
    )


@lru_cache(maxsize=4)
def load_grammar(path: Path = GRAMMAR_PATH) -> Grammar:
    with path.open(encoding="utf-8") as handle:
        return parse_grammar(yaml.safe_load(handle), path.name)


def last_act(grammar: Grammar, family: str, text: str) -> str | None:
    """The act of the last cue of `family` in `text` (the sentence before the figure's clause), else None."""
    return last_act_verb(grammar, family, text)[0]


def last_act_verb(grammar: Grammar, family: str, text: str) -> tuple[str | None, str]:
    """`last_act` and the verb that names it."""
    cues = [found.group() for found in grammar.family_verbs[family].finditer(text)]
    return (grammar.verb_acts[family][cues[-1]], cues[-1]) if cues else (None, "")


def clause_act(grammar: Grammar, family: str, clause: str) -> str | None:
    """The act of the first verb of `family` in the clause, or None when it names none."""
    return clause_act_verb(grammar, family, clause)[0]


def clause_act_verb(grammar: Grammar, family: str, clause: str) -> tuple[str | None, str]:
    """`clause_act` and the verb that names it."""
    for found in grammar.family_verbs[family].finditer(clause):
        # 受理后办结95件: a verb followed by 后 is what happened before the counted act.
        if clause.startswith(AFTER_MARKERS, found.end()):
            continue
        return grammar.verb_acts[family][found.group()], found.group()
    return None, ""


def member_for(grammar: Grammar, family: str, act: str, catalogue: Catalogue, unit: str) -> str | None:
    """The one family member with this act that takes the unit, else None."""
    fitting = [
        m
        for m in grammar.family_members[family]
        if m.act == act and m.indicator_id in catalogue.by_id and catalogue.by_id[m.indicator_id].accepts_unit(unit)
    ]
    return fitting[0].indicator_id if len(fitting) == 1 else None


def _labels(catalogue: Catalogue, indicator_id: str) -> tuple[re.Pattern[str], ...]:
    indicator = catalogue.by_id.get(indicator_id)
    if indicator is None:
        return ()
    return tuple(p.before for p in indicator.patterns if p.before is not None) + tuple(
        p.after for p in indicator.patterns if p.after is not None
    )


def _own_name(
    grammar: Grammar, labels: Callable[[], Sequence[re.Pattern[str]]], member: Member | None
) -> Callable[[str], bool]:
    """Whether a clause marker's words name the indicator itself: a quoted label of its own (“法律明白人”50名), or,
    for a part indicator, its own act (通过调解和解方式化解21件: how a review was settled is its settlement)."""
    def is_own(words: str) -> bool:
        if words.startswith(("“", '"')) and any(label.search(words.strip("“”\"")) for label in labels()):
            return True
        if member is None or not member.is_part:
            return False
        acts = grammar.verb_acts[member.family]
        return any(acts.get(v.group()) == member.act for v in grammar.family_verbs[member.family].finditer(words))
    return is_own


def _is_narrowed(
    grammar: Grammar,
    text: str,
    clause_from: int,
    figure: Figure,
    labels: Callable[[], Sequence[re.Pattern[str]]],  # asked only when a quoted name needs checking
    own_label: tuple[int, int] | None = None,
    beside_whole: bool = False,
    is_own_count: bool = False,  # a kind counted beside its total, or the indicator's own subject's share
) -> bool:
    clause = text[clause_from : figure.start]
    if beside_whole and grammar.own_level is not None and grammar.own_level.search(clause):
        return True
    if any(marker.match(text, figure.end, figure.sentence_end) for marker in grammar.after_markers):
        return True
    if in_count_brackets(text, figure):
        return True  # 建议提案办理10件(代表建议6件,委员提案4件): the count's breakdown
    if clause_narrows(grammar.clause_markers, clause, _own_name(grammar, labels, None)):
        return True
    if figure.unit == "%" and "率" in clause:
        return False  # 其中,负责人出庭应诉率为77.19%: a rate among the total's cases is a rate, not a part of a count
    # A sentence ends at 。, not at ; : 其中:…45件;…30件 lists its parts across semicolons.
    start = figure.sentence_start
    paragraph = text.rfind("\n", 0, start) + 1  # bounds the scans below: rfind to 0 is O(text)
    stop = max(paragraph, text.rfind("。", paragraph, start) + 1, text.rfind("!", paragraph, start) + 1,
               text.rfind("?", paragraph, start) + 1)
    if is_own_count:
        return False  # 发布信息1330条,其中…政策解读信息152条; 其中交由市政府…办理的801件: its own count, not a part
    for markers, scan_from in ((grammar.sentence_markers, stop), (grammar.semicolon_markers, start)):
        for marker in markers:
            if not may_occur(marker, text, scan_from, figure.start):
                continue  # none of its words: the search would try every offset for nothing (most figures)
            matches = [m for m in marker.finditer(text, scan_from, figure.start)
                       if not is_bracketed(text, m, figure) and not is_past_its_list(text, m, figure)]
            if matches and not is_enumerated_kind(text, clause_from, matches[-1], own_label):
                return True
    return grammar.parts_list is not None and is_listed_part(*grammar.parts_list, text, figure.sentence_start)


class Refined(NamedTuple):
    indicator_id: str | None
    act_verb: str = ""  # the verb that moved the proposal to another member of its family, else ""


def refine_explained(
    text: str,
    figures: Sequence[Figure],
    proposed: Sequence[str | None],
    catalogue: Catalogue,
    grammar: Grammar | None = None,
    starts: Sequence[int] | None = None,
    own_labels: Sequence[tuple[int, int] | None] | None = None,
) -> list[Refined]:
    """The proposed indicator per figure, kept, moved within its family, or withdrawn (None), with the act verb that
    moved it (for the figure's assignment rule). `starts` are the figures' clause starts when the caller has them
    (clause_starts over `proposed`)."""
    grammar = grammar or load_grammar()
    starts = starts if starts is not None else clause_starts(text, figures, proposed)
    own = own_labels or [None] * len(figures)
    # Only a text that names an own level (本级) needs to know where a whole stands beside a part.
    has_own_level = grammar.own_level is not None and finds(grammar.own_level, text)  # 本级 by `in` first
    beside = beside_whole(text, figures, proposed) if has_own_level else [False] * len(figures)
    kind = beside_own_total(figures, proposed, grammar.kinds_of)
    # A study count looks back for its subject past counts of other things, not past another study count.
    families = [member.family if (member := grammar.members.get(i or "")) else None for i in proposed]
    return [
        _refine_one(text, figure, indicator_id, start, catalogue, grammar, own_from, whole, is_kind, ends)
        for figure, indicator_id, start, own_from, whole, is_kind, ends in zip(
            figures, proposed, starts, own, beside, kind,
            zip(previous_ends(figures), previous_ends(figures, families), strict=True), strict=True)
    ]


def own_label_spans(
    figures: Sequence[Figure], proposed: Sequence[str | None], label_spans: Sequence[tuple[int, int] | None]
) -> list[tuple[int, int] | None]:
    """Per figure: where the words naming its proposed indicator stand, when no earlier figure of its sentence
    has that indicator proposed (else None: a part of that figure's total, whatever its label says)."""
    seen: dict[int, set[str]] = {}
    result: list[tuple[int, int] | None] = [None] * len(figures)
    for index in sorted(range(len(figures)), key=lambda i: figures[i].start):
        figure, indicator_id = figures[index], proposed[index]
        earlier = seen.setdefault(figure.sentence_start, set())
        if indicator_id is not None and indicator_id not in earlier:
            result[index] = label_spans[index]
        if indicator_id is not None:
            earlier.add(indicator_id)
    return result


def _refine_one(
    text: str,
    figure: Figure,
    indicator_id: str | None,
    start: int,
    catalogue: Catalogue,
    grammar: Grammar,
    own_label: tuple[int, int] | None = None,
    beside_whole: bool = False,
    is_kind_of_total: bool = False,
    previous_ends: tuple[int, int] = (-1, -1),  # of the count before in the sentence, and of its family's before
) -> Refined:
    previous_end, family_end = previous_ends
    if indicator_id is None:
        return Refined(None)
    if figure.unit in ("%", "个百分点") and CHANGE_RE.search(text, start, figure.start):
        return Refined(None)  # a change, not a level
    if is_frame(grammar.frame, text, start, figure):
        return Refined(None)  # 在受理的24件案件中: a total restated as a frame
    member = grammar.members.get(indicator_id)
    verb = ""
    if member is not None:
        act, verb = clause_act_verb(grammar, member.family, text[start : figure.start])
        if act is None and (head := list_head_start(text, start, figure.sentence_start, previous_end)) is not None:
            act, verb = last_act_verb(grammar, member.family, text[head:start])  # the list's act, said once
        if act is None and member.family in grammar.look_back:
            # Not across an earlier count: its clause named its own subject (区政府常务会专题学法3次,各镇(街)、部门学法
            # 100余次; …常务会学法60余次,举办法治讲座110期).
            act, verb = last_act_verb(grammar, member.family, text[max(figure.sentence_start, family_end) : start])
        if act is not None and act != member.act:
            moved = member_for(grammar, member.family, act, catalogue, figure.unit)
            if moved is None:
                return Refined(None)
            indicator_id, member = moved, grammar.members[moved]
        else:
            verb = ""
    is_part = member.is_part if member is not None else False
    def labels() -> tuple[re.Pattern[str], ...]:
        return _labels(catalogue, indicator_id)

    # 其中交由市政府及有关部门办理的801件: the part the clause names as the indicator's own subject's is its count.
    own_share = grammar.own_share.get(indicator_id) if indicator_id is not None else None
    is_own = is_kind_of_total or (own_share is not None and own_share.search(text, start, figure.start) is not None)
    if is_part:
        # A part indicator (调解成功, 不予受理) is itself one outcome of its total, so 其中 and the sentence's other
        # markers do not withdraw it; a procedure or kind its own clause names (通过诉调对接成功化解86宗) still does.
        if clause_narrows(grammar.clause_markers, text[start : figure.start], _own_name(grammar, labels, member)):
            return Refined(None)
    elif _is_narrowed(grammar, text, start, figure, labels, own_label if not verb else None, beside_whole, is_own):
        return Refined(None)
    return Refined(indicator_id, verb)


def changes_of(text: str, figures: Sequence[Figure], indicator_ids: Sequence[str | None]) -> list[str | None]:
    """Per figure: the indicator whose change it states (受理复议案件57件,同比增长12% → admin_review_accepted),
    else None. A change is stored as what it is, beside the indicator's level, never as the level."""
    previous: dict[int, tuple[int, str | None]] = {}  # sentence start → (end, indicator) of its last figure
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    by_index: dict[int, str | None] = {}
    for index in order:
        figure = figures[index]
        before = previous.get(figure.sentence_start)
        # Only a percentage can state a change: the clause is read for those alone.
        is_change = figure.unit in ("%", "个百分点") and (
            CHANGE_RE.search(text, clause_start(text, figure, before[0] if before else figure.sentence_start),
                             figure.start) is not None
        )
        by_index[index] = before[1] if is_change and before else None
        if not is_change:
            previous[figure.sentence_start] = (figure.end, indicator_ids[index])
    return [by_index[i] for i in range(len(figures))]
