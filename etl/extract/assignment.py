"""Indicator per figure, and how sure: label patterns propose (etl.extract.matching), the clause grammar
disposes (etl.extract.grammar), and doubts (etl.extract.doubts) mark what a person must decide."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from etl.catalogue import Catalogue
from etl.extract.clauses import clause_starts
from etl.extract.doubts import EQUAL_LABELS, INHERITED_SCOPE, PERIOD, TOPIC_SCOPE, review_reasons
from etl.extract.grammar import Refined, load_grammar, own_label_spans, refine_explained
from etl.extract.lists import list_proposals
from etl.extract.matching import SCOPE_SENTENCE, SCOPE_TOPIC, Proposal, propose
from etl.extract.noun_after import noun_after_proposals
from etl.extract.periods import other_period_figures
from etl.extract.subjects import inherit, names_two_families
from etl.extract.table_templates import TableCellReading
from etl.models import AUTOMATIC, NEEDS_REVIEW, Figure


class Assignment(NamedTuple):
    indicator_ids: list[str | None]
    statuses: list[str]  # automatic or needs_review, per figure
    review_reasons: list[str | None]  # why needs_review (etl.extract.doubts' codes), else None
    rules: list[str | None]  # why each indicator (`rule_text`), else None
    # what a label pattern or an inherited subject proposed, before the grammar moved or withdrew it: evidence of
    # what a document speaks of, whatever each figure's count turns out to be
    proposed: list[str | None]


def rule_text(proposal: Proposal, refined: Refined) -> str | None:
    """Why a figure has its indicator, stored in figures.assignment_rule and worded by the UI (ui/why.py):
    `pattern=<id>#<n>; label=<words>[; act=<verb>][; scope=<where>:<words>]` — the catalogue pattern that
    proposed it and the label words it matched, the act verb that moved it within its family, and where the
    pattern's context was found when the sentence did not say it (topic, heading or document)."""
    if refined.indicator_id is None or proposal.indicator_id is None:
        return None
    # pattern_num 0: no label pattern; the clause's act on a subject inherited from its scope (etl.extract.subjects).
    rule = f"{proposal.indicator_id}#{proposal.pattern_num}" if proposal.pattern_num else "subject"
    parts = [f"pattern={rule}", f"label={proposal.label}"]
    if refined.act_verb:
        parts.append(f"act={refined.act_verb}")
    if proposal.scope and (proposal.scope != SCOPE_SENTENCE or not proposal.pattern_num):
        parts.append(f"scope={proposal.scope}:{proposal.scope_words}")
    return "; ".join(parts)


def assign(
    text: str, figures: Sequence[Figure], catalogue: Catalogue, section_headings: Mapping[int, str] | None = None
) -> list[str | None]:
    """Indicator per figure, whatever its status."""
    return assign_with_status(text, figures, catalogue, section_headings).indicator_ids


def assign_with_status(
    text: str,
    figures: Sequence[Figure],
    catalogue: Catalogue,
    section_headings: Mapping[int, str] | None = None,
    document_scope: str = "",
    report_year: int | None = None,
    year_span: str | None = None,
    document_kind: str | None = None,
) -> Assignment:
    """Indicators and, per figure with one, its status: automatic, or needs_review when two indicators' labels
    fit it exactly as well (only catalogue order chose) or the clause leaves a doubt — a person decides those,
    charts do not draw them."""
    grammar = load_grammar()
    proposals = propose(text, figures, catalogue, section_headings, document_scope=document_scope)
    # 审查重大行政决策1件、规范性文件10件: a later item of a list may take its label from the verb the list shares.
    shared = list_proposals(text, figures, proposals, catalogue, section_headings or {}, document_scope)
    proposals = [s if s is not None else p for p, s in zip(proposals, shared, strict=True)]
    # 召开4次专题会议: the noun after a count is what it counts, read in the labels' order (专题会议4次).
    after_noun = noun_after_proposals(text, figures, proposals, catalogue, section_headings or {}, document_scope)
    proposals = [a if a is not None else p for p, a in zip(proposals, after_noun, strict=True)]
    # What no label matched may still be a family's act whose subject the clause leaves to its scope.
    inherited = inherit(text, figures, proposals, catalogue, grammar, section_headings or {}, document_scope)
    proposals = [i.proposal if i is not None else p for p, i in zip(proposals, inherited, strict=True)]
    proposed = [p.indicator_id for p in proposals]
    # One clause start per proposed figure, read by both steps (refine only narrows: its ids are a subset).
    starts = clause_starts(text, figures, proposed)
    spans = [(p.label_start, p.label_start + len(p.label)) if p.label_start is not None else None for p in proposals]
    own = own_label_spans(figures, proposed, spans)
    refined = refine_explained(text, figures, proposed, catalogue, grammar, starts, own)
    # Every indicator has a unit: a unitless figure (a table cell, 十分之一, 比值达2.6) is never charted as one,
    # whatever a scope or a pattern without a unit might propose.
    ids = [r.indicator_id if f.unit else None for r, f in zip(refined, figures, strict=True)]
    # 两年来…共收到行政复议申请16830件: not the report year's count, whatever it counts; and no sibling of the
    # report year's figures (完成2023年度…述法, 完成2024年度…述法: the second is no split value).
    other_period = other_period_figures(text, figures, ids, report_year, year_span)
    this_period = [None if index in other_period else i for index, i in enumerate(ids)]
    doubts = review_reasons(text, figures, this_period, catalogue, grammar, starts=starts, document_kind=document_kind,
                            proposed=proposed)
    doubts = [PERIOD if index in other_period else doubt for index, doubt in enumerate(doubts)]
    reasons = [
        ((INHERITED_SCOPE if proposal.pattern_num == 0 else EQUAL_LABELS) if proposal.is_contested else doubt)
        if indicator_id is not None
        else None
        for indicator_id, proposal, doubt in zip(ids, proposals, doubts, strict=True)
    ]
    # A label whose subject came from a scope that names two families could be either's (the heading
    # 「行政复议和行政应诉」 over 办结52件): the inherited reading competes, a person decides.
    reasons = [
        INHERITED_SCOPE if reason is None and indicator_id is not None and names_two_families(p.scope_text) else reason
        for reason, indicator_id, p in zip(reasons, ids, proposals, strict=True)
    ]
    # A label whose context the sentence leaves out and only the paragraph's opening clause states (段首「行政
    # 复议工作」 over 撤销2件) may be that topic's, or a neighbour's the paragraph moved on to: of 9 such assignments
    # on the working part of the development set, 2 were right. A heading or the document's title is a subject;
    # a paragraph's first words are often only its theme.
    reasons = [
        TOPIC_SCOPE if reason is None and indicator_id is not None and p.scope == SCOPE_TOPIC else reason
        for reason, indicator_id, p in zip(reasons, ids, proposals, strict=True)
    ]
    statuses = [NEEDS_REVIEW if reason is not None else AUTOMATIC for reason in reasons]
    rules = [rule_text(p, r) if i else None for p, r, i in zip(proposals, refined, ids, strict=True)]
    return Assignment(ids, statuses, reasons, rules, proposed)



def all_for_review(assignment: Assignment, reason: str) -> Assignment:
    """Every assigned figure waits for a person (a document that does not speak of its subject: whose count a
    figure is, nothing in it says)."""
    assigned = [index for index, indicator_id in enumerate(assignment.indicator_ids) if indicator_id is not None]
    return some_for_review(assignment, assigned, reason)


def some_for_review(assignment: Assignment, indexes: Sequence[int], reason: str) -> Assignment:
    """The figures at `indexes` wait for a person, for `reason` (unless they already did, for another)."""
    if not indexes:
        return assignment
    reasons = list(assignment.review_reasons)
    for index in indexes:
        reasons[index] = reasons[index] or reason
    statuses = [NEEDS_REVIEW if r is not None else AUTOMATIC for r in reasons]
    return Assignment(assignment.indicator_ids, statuses, reasons, assignment.rules, assignment.proposed)


def with_table_cells(
    assignment: Assignment, figures: Sequence[Figure], cells: Mapping[int, TableCellReading]
) -> Assignment:
    """The cells of a prescribed table (etl/extract/table_templates.py) take the indicator their row and column
    name, automatically: the template, not a label near them, says what they are."""
    if not cells:
        return assignment
    ids, statuses = list(assignment.indicator_ids), list(assignment.statuses)
    reasons, rules, proposed = list(assignment.review_reasons), list(assignment.rules), list(assignment.proposed)
    for index, figure in enumerate(figures):
        cell = cells.get(figure.start)
        if cell is None or figure.unit != cell.unit:
            continue
        ids[index] = proposed[index] = cell.indicator_id
        statuses[index], reasons[index], rules[index] = AUTOMATIC, None, cell.rule
    return Assignment(ids, statuses, reasons, rules, proposed)

