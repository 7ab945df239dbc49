"""Doubts: readings the grammar keeps but cannot vouch for, so a person decides (declared in grammar.yaml).

The clause grammar (etl.extract.grammar) moves or withdraws an indicator when the clause says another act
or a part. Some clauses say too little or too much for either: 开展专题学习12场次 names no one who studied;
各1场次 is one each; 组织52名干部参加学法考试和旁听庭审 counts people over two acts; a sentence that
lists 区委常委会学习14次 and then 共开展中心组学习80余场 gives the total last. Such an assignment stays
visible but is marked needs_review, with the reason, and no chart draws it until a person confirms it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from etl.catalogue import Catalogue
from etl.catalogue.needles import finds_in
from etl.extract.breakdowns import PARTS_MARKER
from etl.extract.clauses import clause_starts, previous_ends
from etl.extract.doubt_rules import Doubts, load_doubts
from etl.extract.grammar import (
    AFTER_MARKERS,
    Grammar,
    clause_act,
    last_act,
)
from etl.extract.observations import TOTAL_MARKER_RE
from etl.extract.paragraphs import list_run_start
from etl.models import Figure

# Why an assignment needs review; the curation page words each one (ui/i18n_checks.py, doubt.*).
NO_SUBJECT = "no_subject"
EACH = "each"
LUMPED = "lumped"
PART_OF_TOTAL = "part_of_total"
OTHER_TOPIC = "other_topic"
EQUAL_LABELS = "equal_labels"
SHARED_RATE = "shared_rate"
CARRIED_SCOPE = "carried_scope"
SPLIT = "split"  # one of several values a sentence states for one indicator, none of them as the whole
INHERITED_SCOPE = "inherited_scope"  # the clause's subject came from a scope naming two families (etl.extract.subjects)
PERIOD = "period"  # counted over several years or another year than the report's (etl.extract.periods)
NO_TOPIC = "no_topic"  # a study whose sentence never says it was on law
OTHER_DOCUMENT = "other_document"  # loaded on its figures alone, not as a report on a rule-of-law subject
NO_AUDIENCE = "no_audience"  # a talk whose sentence never says it was for the public
TOPIC_SCOPE = "topic_scope"  # the pattern's context stood only in the paragraph's opening clause (etl.extract.matching)
ONE_BODY = "one_body"  # one service body's own count (a centre, a team), not the area's
KIND_PART = "kind_part"  # what this kind of document counts is a part of the indicator (FOI disputes only)
SECOND_VALUE = "second_value"  # another value than the report's observation of the indicator (etl.extract.observations)
REVIEW_REASONS = (
    NO_SUBJECT, EACH, LUMPED, PART_OF_TOTAL, OTHER_TOPIC, EQUAL_LABELS, SHARED_RATE, CARRIED_SCOPE, INHERITED_SCOPE,
    SPLIT, PERIOD, NO_TOPIC, OTHER_DOCUMENT, NO_AUDIENCE, TOPIC_SCOPE, ONE_BODY, KIND_PART, SECOND_VALUE,
)
_RATE_UNITS = ("%",)
_CLAUSE_END_RE = re.compile(r"[,;:。!?\n]")
_PHRASE_BREAKS = ",;:"  # what ends the phrase 各 spreads over


def _previous_sentence_start(text: str, figure: Figure) -> int:
    """Where the sentence before the figure's begins, within its paragraph (else the paragraph's start)."""
    paragraph = text.rfind("\n", 0, figure.sentence_start) + 1
    return text.rfind("。", paragraph, max(paragraph, figure.sentence_start - 1)) + 1 or paragraph


def _clause_after(text: str, figure: Figure) -> str:
    end = _CLAUSE_END_RE.search(text, figure.end, figure.sentence_end)
    return text[figure.end : end.start() if end else figure.sentence_end]


def _acts_named(grammar: Grammar, family: str, phrase: str) -> set[str]:
    """The family's acts that `phrase` names (a verb followed by 后 names what happened before: not counted)."""
    return {
        grammar.verb_acts[family][found.group()]
        for found in grammar.family_verbs[family].finditer(phrase)
        if not phrase.startswith(AFTER_MARKERS, found.end())
    }


def _lumped_subjects(
    grammar: Grammar, family: str, text: str, phrase_start: int, sentence_start: int, end: int,
) -> bool:
    """Whether the phrase before a count names two of the family's subjects; a phrase naming none takes the
    clause before it (县政府党组会议、常务会议带头落实学法制度,开展会前学法21次: both meetings')."""
    named = _acts_named(grammar, family, text[phrase_start:end])
    # The clause before only: earlier ones may name each system apart (坚持中心组学法制度,坚持常务会议学法制度).
    if not named:
        before = text[sentence_start : max(sentence_start, phrase_start - 1)].rstrip(_PHRASE_BREAKS)
        start = max(before.rfind(m) for m in _PHRASE_BREAKS) + 1
        named = _acts_named(grammar, family, before[start:])
    return len(named) > 1


def _last_topic_is_other(text: str, figure: Figure, own: re.Pattern[str], other: re.Pattern[str]) -> bool:
    """Whether, of the topics the sentence names before the figure, the last is not the family's own (nor does its
    own clause after the figure name its own)."""
    last_other = max((m.end() for m in other.finditer(text, figure.sentence_start, figure.start)), default=-1)
    if last_other < 0 or own.search(_clause_after(text, figure)):
        return False
    return own.search(text, last_other, figure.start) is None


def _one_figure_doubt(
    text: str, figure: Figure, indicator_id: str, start: int, grammar: Grammar, doubts: Doubts, catalogue: Catalogue,
    previous_end: int = 0,
) -> str | None:
    member = grammar.members.get(indicator_id)
    if member is not None and member.family in doubts.requires_act:
        # 组织4次市政府常务会议学法: the subject may follow the count, in the same clause.
        clause = text[start : figure.start] + "|" + _clause_after(text, figure)
        if clause_act(grammar, member.family, clause) is None and (
            last_act(grammar, member.family, text[figure.sentence_start : start]) is None
        ):
            return NO_SUBJECT
    # 中心组学习会议17次: a study whose sentence, and the one before it, never say law (法, 宪) may have been on any
    # subject. Not the whole paragraph: it may have moved on (…习近平法治思想…。…全年共进行党委理论学习中心组学习
    # 14次, after the plenary session's spirit).
    if (
        member is not None
        and member.family in doubts.topics
        and not doubts.topics[member.family].search(text, _previous_sentence_start(text, figure), figure.start)
        and not doubts.topics[member.family].search(_clause_after(text, figure))
    ):
        return NO_TOPIC
    # 区委理论学习中心组党的二十大专题学习3次, …主题教育,组织召开理论中心组学习25次: the topic named last before
    # the count is another one, so the study was on that.
    if member is not None and member.family in doubts.other_topics and _last_topic_is_other(
        text, figure, doubts.topics[member.family], doubts.other_topics[member.family]
    ):
        return NO_TOPIC
    # The phrase before the figure, back to the last , ; or : (a 、 list stays in it: 宪法、民法典宣讲各1场次).
    sentence_start, start_of_figure = figure.sentence_start, figure.start
    phrase_start = max(sentence_start, text.rfind(",", sentence_start, start_of_figure) + 1,
                       text.rfind(";", sentence_start, start_of_figure) + 1,
                       text.rfind(":", sentence_start, start_of_figure) + 1)  # _PHRASE_BREAKS, spelled out
    if (
        doubts.each_word
        and text.endswith(doubts.each_word, figure.sentence_start, figure.start)
        and doubts.each_unless not in text[phrase_start : figure.start]
    ):
        return EACH
    # 县委常委会、县政府常务会组织集体学法10次: the phrase names the subjects (or acts) of two members of the
    # family, so the one count covers both of them. Not a subject an earlier count of the phrase took (其中市委理论
    # 学习中心组6次、市政府常务会议会前学法5次: each its own).
    if (
        member is not None
        and member.family in doubts.lumped_subjects
        and _lumped_subjects(grammar, member.family, text, max(phrase_start, previous_end),
                             max(figure.sentence_start, previous_end), figure.start)
    ):
        return LUMPED
    # Anchored at the figure's end; the patterns stop at the clause's end themselves.
    if any(p.match(text, figure.end, figure.sentence_end) for p in doubts.after_figure):
        return LUMPED
    if any(finds_in(p, text, phrase_start, figure.start) for p in doubts.clause):
        return LUMPED
    if (
        member is not None
        and member.family in doubts.all_kinds
        and doubts.all_kinds[member.family].search(text, figure.sentence_start, figure.start)
        # …各类行政案件29154件,其中一审新收行政案件12577件: the clause names its own instance, the lawsuits
        and not (doubts.instance_named is not None and doubts.instance_named.search(text, start, figure.start))
    ):
        return LUMPED
    indicator = catalogue.by_id.get(indicator_id)
    if (
        indicator is not None
        and indicator.domain in doubts.sentence_domains
        and any(p.search(text, figure.sentence_start, figure.start) for p in doubts.sentence)
    ):
        return LUMPED
    if (
        indicator_id in doubts.one_body_indicators
        and doubts.one_body is not None
        and doubts.one_body.search(text, phrase_start, figure.start)
    ):
        return ONE_BODY
    # 开展专题宣讲146场次: a talk may have been for officials as well as for the public; only the public's count it is.
    audience = doubts.audience.get(indicator_id)
    if (
        audience is not None
        and audience[0].search(text, start, figure.start)
        and not audience[1].search(text, figure.sentence_start, figure.sentence_end)
    ):
        return NO_AUDIENCE
    return None


def _is_every_instance(
    text: str, figure: Figure, indicator_id: str, doubts: Doubts, document_kind: str | None
) -> bool:
    """共受理行政诉讼案件18399件 in a court's report: every instance together, unless the sentence names one (一审)."""
    return (
        document_kind in doubts.instance_kinds
        and indicator_id in doubts.instance_indicators
        and doubts.instance_named is not None
        and doubts.instance_named.search(text, figure.sentence_start, figure.start) is None
    )


def _part_doubts(
    text: str, figures: Sequence[Figure], members: Sequence[int], starts: Sequence[int], total: re.Pattern[str]
) -> dict[int, str]:
    """Figures of one sentence on one indicator stated before the clause that gives their total."""
    totals = [i for i in members if total.search(text[starts[i] : figures[i].start])]
    if not totals:
        return {}
    last_total = max(figures[i].start for i in totals)
    return {i: PART_OF_TOTAL for i in members if i not in totals and figures[i].start < last_total}


def _topic_doubts(
    text: str,
    figures: Sequence[Figure],
    members: Sequence[int],
    starts: Sequence[int],
    topic: re.Pattern[str],
) -> dict[int, str]:
    on_topic = [i for i in members if topic.search(text, starts[i], figures[i].start)]
    if not on_topic or len(on_topic) == len(members):
        return {}
    return {i: OTHER_TOPIC for i in members if i not in on_topic}


def _carried_scopes(
    text: str, figures: Sequence[Figure], indicator_ids: Sequence[str | None], grammar: Grammar
) -> dict[int, str]:
    """A part of a family stated after another part of it that is the sentence's own subject: 诉前调解案件
    1.2万件,调解成功5600件 — the successes may be of the pre-litigation cases only. Parts listed after 其中
    are siblings (其中调解撤诉56件,败诉9件), not one inside the other."""
    found: dict[int, str] = {}
    parts_seen: dict[tuple[int, str], set[str]] = defaultdict(set)  # (sentence, family) → part members so far
    for index in sorted(range(len(figures)), key=lambda i: figures[i].start):
        indicator_id = indicator_ids[index]
        member = grammar.members.get(indicator_id) if indicator_id is not None else None
        if member is None or not member.is_part:
            continue
        figure = figures[index]
        key = (figure.sentence_start, member.family)
        if parts_seen[key] - {member.indicator_id}:
            found[index] = CARRIED_SCOPE
        if text.find(PARTS_MARKER, figure.sentence_start, figure.start) == -1:
            parts_seen[key].add(member.indicator_id)
    return found


def _shared_rates(
    text: str,
    figures: Sequence[Figure],
    indicator_ids: Sequence[str | None],
    subjects: Sequence[str | None],
    starts: Sequence[int],
    bare_rate: re.Pattern[str],
    grammar: Grammar,
) -> dict[int, str]:
    """Rates with a bare clause after a run of counts of two or more subjects in their sentence. Indicators
    of one grammar family are one subject (受理57件,审结52件,纠错率12.5% is all administrative review); a count
    after a rate starts a new run (建议322件,满意率为99%,提案336件,满意率为97.6%: each rate follows its own).
    A count's subject is what its label proposed (其中,建议8件,提案2件,满意率为100%: parts, still two subjects)."""
    found: dict[int, str] = {}
    run: set[str] = set()  # subjects of the counts since the last rate
    sentence, after_rate = -1, False
    for index in sorted(range(len(figures)), key=lambda i: figures[i].start):
        figure, indicator_id, subject = figures[index], indicator_ids[index], subjects[index]
        if figure.sentence_start != sentence:
            sentence, run, after_rate = figure.sentence_start, set(), False
        if figure.unit not in _RATE_UNITS:
            if after_rate:
                run, after_rate = set(), False
            if subject is not None:
                member = grammar.members.get(subject)
                run.add(member.family if member else subject)
            continue
        after_rate = True
        if indicator_id is not None and len(run) >= 2 and bare_rate.search(text[starts[index] : figure.start]):
            found[index] = SHARED_RATE
    return found


def review_reasons(
    text: str,
    figures: Sequence[Figure],
    indicator_ids: Sequence[str | None],
    catalogue: Catalogue,
    grammar: Grammar,
    doubts: Doubts | None = None,
    starts: Sequence[int] | None = None,
    document_kind: str | None = None,
    proposed: Sequence[str | None] | None = None,
) -> list[str | None]:
    """Per figure: why its indicator needs a person's review, else None (also None for no indicator).
    `starts`: the clause starts of (at least) the figures with an indicator, when the caller has them;
    `document_kind`: what the text is (etl/extract/kinds.py), when known; `proposed`: what the labels proposed
    before the grammar withdrew parts (their subjects still precede a shared rate)."""
    doubts = doubts or load_doubts()
    reasons: list[str | None] = [None] * len(figures)
    if not any(indicator_ids):
        return reasons
    starts = starts if starts is not None else clause_starts(text, figures, indicator_ids)
    ends = previous_ends(figures)
    same: dict[tuple[int, str], list[int]] = defaultdict(list)
    in_list: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, (figure, indicator_id) in enumerate(zip(figures, indicator_ids, strict=True)):
        if indicator_id is None:
            continue
        reasons[index] = _one_figure_doubt(text, figure, indicator_id, starts[index], grammar, doubts, catalogue,
                                           ends[index])
        if reasons[index] is None and _is_every_instance(text, figure, indicator_id, doubts, document_kind):
            reasons[index] = LUMPED
        if reasons[index] is None and indicator_id in doubts.kind_parts.get(document_kind or "", ()):
            reasons[index] = KIND_PART
        same[(figure.sentence_start, indicator_id)].append(index)
        # The short numbered items of one list are one breakdown, as the clauses of one sentence are.
        if grammar.parts_list is not None and (run := list_run_start(grammar.parts_list[1], text,
                                                                     figure.sentence_start)) is not None:
            in_list[(run, indicator_id)].append(index)
    for index, reason in _carried_scopes(text, figures, indicator_ids, grammar).items():
        reasons[index] = reasons[index] or reason
    if doubts.bare_rate is not None:
        subjects = proposed if proposed is not None else indicator_ids
        for index, reason in _shared_rates(text, figures, indicator_ids, subjects, starts, doubts.bare_rate,
                                           grammar).items():
            reasons[index] = reasons[index] or reason
    # A list's items in one sentence are that sentence's group already.
    lists = [(key, m) for key, m in in_list.items() if len({figures[i].sentence_start for i in m}) > 1]
    for (_, indicator_id), members in [*same.items(), *lists]:
        if len(members) < 2:
            continue
        found = _part_doubts(text, figures, members, starts, TOTAL_MARKER_RE)
        member = grammar.members.get(indicator_id)
        if not found and member is not None and member.family in doubts.topics:
            found = _topic_doubts(text, figures, members, starts, doubts.topics[member.family])
        if not found:
            # 区政府负责人出庭应诉率100%,镇街负责人出庭应诉率99.3%: one indicator stated twice, neither as the whole —
            # each is some subject's share, and which (if any) is the report's value a person decides.
            found = dict.fromkeys(members, SPLIT)
        for index, reason in found.items():
            reasons[index] = reasons[index] or reason
    return reasons
