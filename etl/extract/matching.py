"""Figure → indicator: the rule that maps each reported figure to at most one catalogue indicator.

Matching looks only at the clause nearest to a figure, never at the sentence as a whole: reports pack
several quantities into one sentence ("审查规范性文件53件,提出修改建议意见111条;审查政府性合同98件,..."),
and a sentence-level keyword would hand the same label to every number in it. The catalogue itself (indicators,
patterns, the literals each label needs) is `etl.catalogue`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from etl.catalogue import MAX_GAP_LIMIT, Catalogue, Pattern
from etl.extract.rule_index import Rule, RulesToTry, every_rule, needle_candidates, rules_by_unit
from etl.models import Figure

__all__ = ["Proposal", "RulesToTry", "Scope", "assign_indicators", "every_rule", "needle_candidates", "propose",
           "topic_of"]

# A gap may hold filler such as 为/达/共/了/均为, but a clause break or another number means the label
# belongs to something else.
_GAP_BARRIERS = ",，;；。、!?！？\n\r"
# Head nouns that, standing between a label and its figure, make the label a mere qualifier of another thing:
# 公开政府信息|申请1件 counts requests, 不予受理行政复议申请|决定2件 decisions, not what the label names; a medium
# named after its subject (出刊法治宣传|栏56期, 普法|展板30块) counts issues or boards.
_HEAD_NOUN_RE = re.compile("申请|决定|制度|机制|平台|系统|方案|办法|意见书|建议书|通知书|栏|展板|宣传片")
# A run of characters that are neither a barrier nor a decimal digit (\d); see `_clear_run` for the rest. Its Han
# opening (most of a label) is a group of its own: those characters need no further test.
_CLEAR_RUN_RE = re.compile(f"([\u4e00-\u9fff]*)([^{re.escape(_GAP_BARRIERS)}\\d]*)")


class _Span(NamedTuple):  # NamedTuple, not a frozen dataclass: one is built per figure, three times faster
    """What the matcher may look at for one figure: its sentence, and its neighbours inside it."""

    sentence_start: int
    sentence_end: int
    prev_end: int  # end of the previous figure in the sentence, else the sentence start
    next_start: int  # start of the next figure in the sentence, else the sentence end


# Where a pattern's `context` (the subject its label leaves out) was found, nearest first: the figure's sentence,
# its paragraph's opening clause (the topic the paragraph's later sentences inherit), its heading chain, and the
# document itself (title or kind). What a figure inherits from further away than its sentence is named in its rule.
SCOPE_SENTENCE = "sentence"
SCOPE_TOPIC = "topic"
SCOPE_HEADING = "heading"
SCOPE_DOCUMENT = "document"


class Scope(NamedTuple):
    """What a figure's sentence inherits: the headings it stands under (innermost last) and the document's
    title and kind, as text a pattern's `context` may be found in."""

    headings: str = ""
    document: str = ""


class Proposal(NamedTuple):
    """The indicator a figure's label proposes, whether another indicator's label fit it exactly as well, and
    why: the label words matched, which of the indicator's patterns, and where its context came from."""

    indicator_id: str | None
    is_contested: bool = False
    label: str = ""  # the label as matched (folded text), e.g. 受理行政复议案件
    label_start: int | None = None  # its offset in the text
    pattern_num: int = 0
    scope: str = ""  # SCOPE_*: where the pattern's context was found ("" = it declares none)
    scope_words: str = ""  # the context words found there
    scope_text: str = ""  # the scope they were found in (a heading, the topic, the title) when not the sentence


def assign_indicators(
    folded_text: str,
    figures: Sequence[Figure],
    catalogue: Catalogue,
    section_headings: Mapping[int, str] | None = None,
    rules_to_try: RulesToTry = needle_candidates,
    document_scope: str = "",
) -> list[str | None]:
    """Return one indicator id (or None) per figure, in the order of `figures`.

    Among all patterns that fit, the smallest gap wins, then the longer label match, then catalogue order.
    `rules_to_try` exists for the test that holds the fast path to its reference.
    """
    proposals = propose(folded_text, figures, catalogue, section_headings, rules_to_try, document_scope)
    return [p.indicator_id for p in proposals]


def propose(
    folded_text: str,
    figures: Sequence[Figure],
    catalogue: Catalogue,
    section_headings: Mapping[int, str] | None = None,
    rules_to_try: RulesToTry = needle_candidates,
    document_scope: str = "",
) -> list[Proposal]:
    """`assign_indicators` with, per figure, whether the choice was a tie between two indicators' labels
    (same gap, same label length: only catalogue order decided), which a person should review.

    `section_headings` maps a section number to its heading chain (outermost first), `document_scope` is the
    document's title and kind: a pattern's `context` may be found there when the sentence leaves it out."""
    spans = _spans(figures)
    headings = section_headings or {}
    unit_index = rules_by_unit(catalogue)
    candidates: dict[tuple[int, int, str], Sequence[Rule]] = {}  # figures share sentences, and often their unit
    topics: dict[int, str] = {}
    result: list[Proposal] = []
    for figure, span in zip(figures, spans, strict=True):
        unit_rules = unit_index.get(figure.unit)
        if unit_rules is None:
            result.append(Proposal(None))
            continue
        sentence_unit = (span.sentence_start, span.sentence_end, figure.unit)
        rules = candidates.get(sentence_unit)
        if rules is None:
            sentence = folded_text[span.sentence_start : span.sentence_end]
            rules = candidates[sentence_unit] = rules_to_try(unit_rules, sentence)
        if not rules:  # no label of its unit in its sentence: nothing to reach for
            result.append(Proposal(None))
            continue
        heading = headings.get(figure.section_num, "") if figure.section_num is not None else ""
        if span.sentence_start not in topics:  # figures share sentences, and so their paragraph's topic
            topics[span.sentence_start] = topic_of(folded_text, span.sentence_start)
        reach = _Reach.around(folded_text, figure, Scope(heading, document_scope), topics[span.sentence_start])
        best: tuple[int, int, int] | None = None
        best_rule: Rule | None = None
        best_hit: _Hit | None = None
        fits: dict[tuple[int, int], set[str]] = {}
        # Every character a `before` label of this unit could end with, at any gap it may leave: a rule none of
        # whose final characters is among them cannot match (a third of those tried), and is not even called.
        # Nearest first, as `_match_before` reads them gap by gap: each character made (and hashed) once a figure.
        chars_back = tuple(
            folded_text[max(span.sentence_start, figure.start - 1 - min(unit_rules.max_gap, reach.clear_before)) :
                        figure.start][::-1]
        )
        gap_chars = frozenset(chars_back)
        # And every character an `after` label could start with.
        after_reach = figure.end + 1 + min(unit_rules.max_after_gap, reach.clear_after)
        after_chars = frozenset(folded_text[figure.end : after_reach])
        # Candidate order does not matter: the key below is unique per indicator (display_order).
        for rule in rules:
            ends, starts = rule.pattern.before_ends, rule.pattern.after_starts
            if (ends is not None and ends.isdisjoint(gap_chars)) or (
                starts is not None and starts.isdisjoint(after_chars)
            ):
                continue
            hit = _match(rule.pattern, folded_text, figure, span, reach, chars_back)
            if hit is None:
                continue
            fits.setdefault((hit.gap, -hit.length), set()).add(rule.indicator_id)
            key = (hit.gap, -hit.length, rule.display_order)
            if best is None or key < best:
                best, best_rule, best_hit = key, rule, hit
        if best is None or best_rule is None or best_hit is None:
            result.append(Proposal(None))
            continue
        is_contested = len(fits[(best[0], best[1])]) > 1
        scope, words, scope_text = _scope_of(best_rule.pattern, folded_text, span, reach)
        label = folded_text[best_hit.label_start : best_hit.label_end]
        result.append(
            Proposal(best_rule.indicator_id, is_contested, label, best_hit.label_start, best_rule.pattern_num, scope,
                     words, scope_text)
        )
    return result


def _scope_of(pattern: Pattern, text: str, span: _Span, reach: _Reach) -> tuple[str, str, str]:
    """Where the winning pattern's context was found, its words, and the scope's text when that is not the
    sentence (only the winner is asked: cheap)."""
    if pattern.context is None:
        return "", "", ""
    if (found := pattern.context.search(text, span.sentence_start, span.sentence_end)) is not None:
        return SCOPE_SENTENCE, found.group(), ""
    for scope, scope_text in reach.scopes()[: pattern.context_reach]:
        if (found := pattern.context.search(scope_text)) is not None:
            return scope, found.group(), scope_text
    return "", "", ""


# A paragraph's topic: its first clause, when the figure's sentence is not the paragraph's first (then the
# sentence speaks for itself). Paragraph = text between line breaks.
_TOPIC_END_RE = re.compile(r"[,;:。!?\n]")
MAX_TOPIC_CHARS = 40


def topic_of(text: str, sentence_start: int) -> str:
    """The opening clause of the paragraph `sentence_start` is in, when the sentence is not that opening."""
    paragraph_start = text.rfind("\n", 0, sentence_start) + 1
    if paragraph_start >= sentence_start:
        return ""
    end = _TOPIC_END_RE.search(text, paragraph_start, min(sentence_start, paragraph_start + MAX_TOPIC_CHARS))
    return text[paragraph_start : end.start() if end else min(sentence_start, paragraph_start + MAX_TOPIC_CHARS)]


class _Reach(NamedTuple):  # one per figure: a NamedTuple builds three times faster than a frozen dataclass
    """What a pattern may reach from one figure: what its sentence inherits, and how far before a barrier
    intervenes."""

    scope: Scope
    topic: str  # the figure's paragraph's opening clause (see `_topic`)
    # Counted once per figure rather than character by character for every pattern tried.
    clear_before: int
    clear_after: int

    def scopes(self) -> tuple[tuple[str, str], ...]:
        """(scope name, its text) beyond the sentence, nearest first: CONTEXT_REACHES after "sentence"."""
        return ((SCOPE_TOPIC, self.topic), (SCOPE_HEADING, self.scope.headings), (SCOPE_DOCUMENT, self.scope.document))

    @classmethod
    def around(cls, text: str, figure: Figure, scope: Scope, topic: str | None = None) -> _Reach:
        """`topic`: the figure's sentence's `topic_of`, when the caller has it already."""
        return cls(  # positional: one is built per figure
            scope,
            topic_of(text, figure.sentence_start) if topic is None else topic,
            _clear_run(text[max(0, figure.start - MAX_GAP_LIMIT) : figure.start][::-1]),
            _clear_run(text[figure.end : figure.end + MAX_GAP_LIMIT]),
        )


def _spans(figures: Sequence[Figure]) -> list[_Span]:
    # Sorted by offset, a figure's neighbours in its sentence are its neighbours in the sorted list.
    if len(figures) == 1:  # a single figure read again (lists, noun_after): no neighbours
        figure = figures[0]
        return [_Span(figure.sentence_start, figure.sentence_end, figure.sentence_start, figure.sentence_end)]
    # Each figure's fields read once, into a tuple sorted by offset (attribute reads per neighbour test cost more).
    rows = sorted((f.start, f.end, f.sentence_start, f.sentence_end, i) for i, f in enumerate(figures))
    spans: list[_Span | None] = [None] * len(figures)
    last = len(rows) - 1
    for rank, (start, end, sentence_start, sentence_end, index) in enumerate(rows):
        prev_end, next_start = sentence_start, sentence_end
        if rank > 0:
            _, p_end, p_sentence_start, p_sentence_end, _ = rows[rank - 1]
            if p_sentence_start == sentence_start and p_sentence_end == sentence_end and p_end <= start:
                prev_end = max(prev_end, p_end)
        if rank < last:
            f_start, _, f_sentence_start, f_sentence_end, _ = rows[rank + 1]
            if f_sentence_start == sentence_start and f_sentence_end == sentence_end and f_start >= end:
                next_start = min(next_start, f_start)
        spans[index] = _Span(sentence_start, sentence_end, prev_end, next_start)
    return spans  # type: ignore[return-value]  # every index was set


def _clear_run(chars: str) -> int:
    """How many of `chars` come before the first gap barrier (punctuation or any digit)."""
    found = _CLEAR_RUN_RE.match(chars)
    han, rest = found.group(1, 2)  # type: ignore[union-attr]  # `*` matches everywhere
    # ² ①: digits to str.isdigit but not to \d; no Han character is one, so only the rest is looked at.
    if rest and any(map(str.isdigit, rest)):
        return len(han) + next(i for i, char in enumerate(rest) if char.isdigit())
    return len(han) + len(rest)


class _Hit(NamedTuple):
    gap: int
    length: int  # of the label(s) matched
    label_start: int  # the `before` label, else the `after` one
    label_end: int


def _match(
    pattern: Pattern, text: str, figure: Figure, span: _Span, reach: _Reach, chars_back: tuple[str, ...]
) -> _Hit | None:
    """Where the pattern places its label next to the figure (gap, label length, label span), else None.
    `chars_back`: the characters before the figure, nearest first, as far as any gap of its unit may reach."""
    gap = 0
    length = 0
    label = (0, 0)
    if pattern.before is not None:
        hit = _match_before(pattern, text, figure, span, reach.clear_before, chars_back)
        if hit is None:
            return None
        gap, length, label = hit[0], hit[1], (hit[2], hit[3])
    if pattern.after is not None:
        hit = _match_after(pattern, text, figure, span, reach.clear_after)
        if hit is None:
            return None
        gap, length = gap + hit[0], length + hit[1]
        label = label if pattern.before is not None else (hit[2], hit[3])
    if pattern.exclude is not None and pattern.exclude.search(text, span.sentence_start, span.sentence_end):
        return None
    if pattern.exclude_before is not None and pattern.exclude_before.search(text, span.sentence_start, figure.start):
        return None
    if pattern.context is not None and not (
        pattern.context.search(text, span.sentence_start, span.sentence_end)
        or any(pattern.context.search(scope_text) for _, scope_text in reach.scopes()[: pattern.context_reach])
    ):
        return None
    return _Hit(gap, length, *label)


def _match_before(
    pattern: Pattern, text: str, figure: Figure, span: _Span, clear: int, chars_back: tuple[str, ...]
) -> tuple[int, int, int, int] | None:
    assert pattern.before is not None
    floor = span.sentence_start if pattern.reach_back else span.prev_end
    ends = pattern.before_ends
    width = pattern.before_width
    for gap in range(min(pattern.max_gap, clear) + 1):
        end = figure.start - gap
        if end <= floor:
            return None
        # chars_back[gap] is text[end - 1]: the gap is within the unit's widest and after the sentence's start.
        if ends is not None and chars_back[gap] not in ends:
            continue  # no label ends with this character: the search would fail (most gaps, 7 in 8)
        # No match longer than `width` exists: the search need not start further back (it tried every offset).
        found = pattern.before.search(text, floor if width is None else max(floor, end - width), end)
        if found is not None:
            if gap and _HEAD_NOUN_RE.search(text, end, figure.start):
                return None  # 公开政府信息申请1件: the filler names another thing, the label only qualifies it
            return gap, found.end() - found.start(), found.start(), found.end()
    return None


def _match_after(
    pattern: Pattern, text: str, figure: Figure, span: _Span, clear: int
) -> tuple[int, int, int, int] | None:
    assert pattern.after is not None
    for gap in range(min(pattern.max_gap, clear) + 1):
        start = figure.end + gap
        if start >= span.next_start:
            return None
        found = pattern.after.match(text, start, span.next_start)
        if found is not None:
            return gap, found.end() - found.start(), found.start(), found.end()
    return None

