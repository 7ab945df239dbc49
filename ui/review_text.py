"""The review's results worded for a reader, in either language: the scorecard's rows (rule, result, evidence,
source), the on-time cell, a peer position ("第 3 / 12 · 同级区县 2021年"). Pure, no streamlit: the page, the
slide and the HTML briefing all word a scorecard through here.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from etl.review import NOT_JUDGED, PeerRank, ReviewRules, Scorecard
from etl.review.peers import BY_SIZE, LOWEST_FIRST
from etl.review.scorecard import EXCERPT
from ui.i18n import indicator_name, t

# A result as a Streamlit badge: colour and a bundled material icon (no emoji: an intranet PC may lack the font).
VERDICT_BADGES = {"met": ("green", "check_circle"), "not_met": ("red", "cancel"), "unknown": ("orange", "help"),
                  "not_judged": ("gray", "remove_circle_outline")}


@dataclass(frozen=True)
class RuleRow:
    """One row of a scorecard as shown: the rule, its result, the heading or sentence that shows it, its source."""

    rule: str
    verdict: str  # met | not_met | unknown | not_judged
    verdict_text: str
    evidence: str
    source: str


@dataclass(frozen=True)
class ScorecardView:
    """A report's scorecard worded for a reader: the summary line and every rule's row (page, slide, briefing)."""

    summary: str
    rows: tuple[RuleRow, ...]
    not_judged_note: str  # "" for a full annual report


def verdict_text(verdict: str, lang: str) -> str:
    return t(f"rv.verdict.{verdict}", lang)


def verdict_badge(verdict: str, lang: str) -> str:
    """The result as Streamlit markdown: 「:green-badge[:material/check_circle: 符合]」 (our own words only)."""
    colour, icon = VERDICT_BADGES[verdict]
    return f":{colour}-badge[:material/{icon}: {verdict_text(verdict, lang)}]"


def source_text(rules: ReviewRules, source_id: str, article: str, lang: str) -> str:
    return t("rv.source", lang, source=rules.sources[source_id].name(lang), article=article).strip(" ,")


def on_time_text(card: Scorecard, lang: str) -> str:
    key = {True: "yes", False: "no", None: "unknown"}[card.published_on_time]
    return t(f"rv.on_time.{key}", lang)


def _deadline_evidence(card: Scorecard, lang: str) -> str:
    if card.deadline is None:
        return t("rv.no_year", lang)
    if card.date_published is None:
        return t("rv.no_date", lang, deadline=card.deadline.isoformat())
    return t("rv.published", lang, date=card.date_published.isoformat(), deadline=card.deadline.isoformat())


def rule_rows(card: Scorecard, rules: ReviewRules, indicators: Mapping[str, Mapping[str, Any]], lang: str
              ) -> list[RuleRow]:
    """The scorecard's rows in reading order: deadline, the four parts, the core indicators.

    `indicators`: indicator id → a row with name_zh and name_en (the catalogue as stored).
    """
    deadline = rules.deadline
    month_name = calendar.month_name[deadline.month]
    rows = [RuleRow(
        t("rv.rule_deadline", lang, month=deadline.month, day=deadline.day, month_name=month_name),
        card.deadline_verdict, verdict_text(card.deadline_verdict, lang), _deadline_evidence(card, lang),
        source_text(rules, deadline.source, deadline.article, lang),
    )]
    for part in card.parts:
        rule = rules.part(part.part_id)
        if part.found is None:
            evidence = t("rv.part_not_judged" if card.not_judged == EXCERPT else "rv.related_not_judged", lang)
        else:
            evidence = part.evidence or t("rv.part_missing", lang)
        rows.append(RuleRow(t("rv.rule_part", lang, number=rule.number, name=rule.name(lang)), part.verdict,
                            verdict_text(part.verdict, lang), evidence,
                            source_text(rules, rule.source, rule.article, lang)))
    core_source = source_text(rules, rules.core_source, "", lang)
    for finding in card.indicators:
        row = indicators.get(finding.indicator_id, {"indicator_id": finding.indicator_id})
        if finding.verdict == "unknown":
            evidence = t("rv.indicator_to_check", lang, sentence=finding.sentence)
        elif finding.verdict == NOT_JUDGED:
            evidence = t("rv.excerpt_not_judged", lang)
        else:
            evidence = finding.sentence or t("rv.indicator_missing", lang)
        rows.append(RuleRow(t("rv.rule_core", lang, name=indicator_name(row, lang)), finding.verdict,
                            verdict_text(finding.verdict, lang), evidence, core_source))
    return rows


def parts_text(card: Scorecard, lang: str) -> str:
    key = "rv.parts_excerpt" if card.not_judged else "rv.parts_value"
    return t(key, lang, found=card.parts_found, total=len(card.parts))


def missing_parts(card: Scorecard, rules: ReviewRules, lang: str) -> str:
    """The parts a full report lacks, by name ("" for an excerpt: what it lacks is not judged)."""
    names = [t("rv.rule_part", lang, number=rules.part(p.part_id).number, name=rules.part(p.part_id).name(lang))
             for p in card.parts if p.found is False]
    return "; ".join(names) if lang == "en" else ";".join(names)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def rank_text(rank: PeerRank | None, rules: ReviewRules, lang: str, with_count: bool = True) -> str:
    """"第 3 / 12 · 同级区县 2021年 · 同级 40 份报告中 12 份披露"; "" when the report has no peer group."""
    if rank is None:
        return ""
    if rank.position is None:
        return t("peer.unranked", lang)
    group = next((g for g in rules.peer_groups if g.group_id == rank.group_id), None)
    group_name = group.name(lang) if group is not None else rank.group_id
    key = {BY_SIZE: "peer.by_size", LOWEST_FIRST: "peer.lowest_first"}.get(rank.order, "peer.best_first")
    text = t(key, lang, pos=rank.position, pos_ord=_ordinal(rank.position), stated=rank.stated, group=group_name,
             year=rank.year_label)
    if with_count:
        text += " · " + t("peer.stating", lang, stated=rank.stated, peers=rank.peers)
    return text
