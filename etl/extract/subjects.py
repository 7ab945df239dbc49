"""Subjects a clause leaves out: 共办结案件86件 in an administrative-review office's report, 受理356件 under the
heading 「(二)行政复议」, 、办结55件 after 收到行政复议申请61件 in the same sentence.

Label patterns (etl.extract.matching) need the subject in the clause. Here a clause that states nothing but an
act of a family on a generic object takes the family from the nearest scope that names one of the family's
subjects (grammar.yaml `subjects`): the sentence before the clause, the paragraph's opening clause, the heading
chain (innermost first), the document's title and kind. The act then picks the member, as the clause grammar
does for a label. Two families named at the same scope leave the reading open: the figure needs review.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import yaml

from etl.catalogue import Catalogue
from etl.catalogue.needles import with_first_class
from etl.extract.clauses import clause_start, previous_ends
from etl.extract.grammar import GRAMMAR_PATH, Grammar, clause_act_verb, member_for
from etl.extract.matching import SCOPE_DOCUMENT, SCOPE_HEADING, SCOPE_SENTENCE, SCOPE_TOPIC, Proposal, topic_of
from etl.models import Figure


@dataclass(frozen=True)
class Subjects:
    by_family: Mapping[str, re.Pattern[str]]  # family → the words that name what it counts
    generic_clause: re.Pattern[str]  # a clause that is only filler + {act} + generic object


class Inherited(NamedTuple):
    proposal: Proposal
    is_contested: bool  # two families named at the nearest scope


def parse_subjects(raw: object) -> Subjects:
    """The `subjects` of a parsed grammar.yaml; {{verbs}} in its generic clause is every act verb of the families
    it names (the grammar's `acts` of their members)."""
    whole = raw if isinstance(raw, dict) else {}
    spec = whole.get("subjects") or {}
    families = spec.get("families") or {}
    acts = whole.get("acts") or {}
    verbs = {
        verb
        for family in families
        for entry in ((whole.get("families") or {}).get(family) or {}).values()
        for verb in acts.get(entry.get("act"), ())
    }
    alternation = "|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) or "(?!)"
    generic = str(spec.get("generic_clause") or r"(?!)").replace("{{verbs}}", alternation)
    return Subjects(
        # Searched in every unassigned figure's clause: opened with their first characters where that lets a search
        # skip (`with_first_class`).
        by_family=MappingProxyType({family: with_first_class(re.compile(words)) for family, words in families.items()}),
        generic_clause=with_first_class(re.compile(generic)),
    )


@lru_cache(maxsize=4)
def load_subjects(path: Path = GRAMMAR_PATH) -> Subjects:
    with path.open(encoding="utf-8") as handle:
        return parse_subjects(yaml.safe_load(handle))


def _families_in(subjects: Subjects, text: str) -> list[tuple[int, str, str]]:
    """(end offset, family, words) of every subject named in `text`."""
    return sorted(
        (found.end(), family, found.group())
        for family, pattern in subjects.by_family.items()
        for found in pattern.finditer(text)
    )


def _nearest_family(subjects: Subjects, scopes: Sequence[tuple[str, str]]) -> tuple[str, str, str, bool] | None:
    """(family, scope, words, is_contested) from the first scope naming any family. In the sentence the last
    subject before the clause wins (the nearest); elsewhere two families are a contest."""
    for scope, text in scopes:
        named = _families_in(subjects, text)
        if not named:
            continue
        if scope == SCOPE_SENTENCE:
            _end, family, words = named[-1]
            return family, scope, words, False
        families = {family for _end, family, _words in named}
        _end, family, words = named[-1]
        return family, scope, words, len(families) > 1
    return None


def inherit(
    text: str,
    figures: Sequence[Figure],
    proposals: Sequence[Proposal],
    catalogue: Catalogue,
    grammar: Grammar,
    headings: Mapping[int, str],
    document_scope: str,
    subjects: Subjects | None = None,
) -> list[Inherited | None]:
    """Per figure no label matched: the member its generic act clause names in the inherited family, else None."""
    subjects = subjects or load_subjects()
    result: list[Inherited | None] = []
    ends = previous_ends(figures)
    for figure, proposal, previous_end in zip(figures, proposals, ends, strict=True):
        if proposal.indicator_id is not None or not figure.unit:
            result.append(None)
            continue
        start = clause_start(text, figure, previous_end)
        clause = text[start : figure.start]
        if not subjects.generic_clause.fullmatch(clause):
            result.append(None)
            continue
        chain = headings.get(figure.section_num, "") if figure.section_num is not None else ""
        scopes = [
            (SCOPE_SENTENCE, text[figure.sentence_start : start]),
            (SCOPE_TOPIC, topic_of(text, figure.sentence_start)),
            *((SCOPE_HEADING, heading) for heading in reversed(chain.split("\n")) if heading),
            (SCOPE_DOCUMENT, document_scope),
        ]
        found = _nearest_family(subjects, scopes)
        if found is None or found[0] not in grammar.family_verbs:
            result.append(None)
            continue
        family, scope, words, is_contested = found
        act, _verb = clause_act_verb(grammar, family, clause)
        member = member_for(grammar, family, act, catalogue, figure.unit) if act else None
        if member is None:
            result.append(None)
            continue
        label = clause.strip()
        result.append(Inherited(Proposal(member, is_contested, label, None, 0, scope, words, ""), is_contested))
    return result


def names_two_families(scope_text: str, subjects: Subjects | None = None) -> bool:
    """Whether an inherited scope (a heading, a topic clause, a title) names the subjects of two families:
    a label whose context came from there could be either's (「(四)行政复议和行政应诉」 then 办结52件)."""
    if subjects is None:
        return _names_two_families_declared(scope_text)
    return len({family for _end, family, _words in _families_in(subjects, scope_text)}) > 1


@lru_cache(maxsize=1024)
def _names_two_families_declared(scope_text: str) -> bool:
    # A report's figures share a few heading chains: each is read once.
    return names_two_families(scope_text, load_subjects())
