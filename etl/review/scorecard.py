"""One report's review: its required parts, the publication deadline, the core indicators it states and how dense
with figures it is. Pure: the facts of a report (as stored) and the rules in, a `Scorecard` out.

- A part is found by the first heading that fits it (top level first; a heading counts for one part only, the first
  in review.yaml's order), else by the opening sentence of a paragraph; the heading or sentence is the evidence.
- An excerpt, or a related document that is no annual report, is not judged on its parts: those it shows are
  found, the others are "not judged" (`found` None), never "not found".
- Published on time: before the deadline day of the year after the report year; an unknown date is unknown (None).
- A core indicator counts as stated when the report has a value nobody doubts; a value still to be checked
  (needs_review) is shown with its sentence but counted as unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from etl.extract.normalise import fold_script
from etl.models import UNCERTAIN_STATUSES
from etl.review.rules import PartRule, ReviewRules

MET, NOT_MET, UNKNOWN, NOT_JUDGED = "met", "not_met", "unknown", "not_judged"
EXCERPT, RELATED_DOCUMENT = "excerpt", "related_document"
ANNUAL_REPORT_KIND = "rule_of_law_report"
EVIDENCE_CHARS = 120  # an opening sentence is cut here; a heading is shown whole
_SENTENCE_END = re.compile(r"[。!?;！？；]")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class ReportFacts:
    """What the review reads of one stored report."""

    report_id: str
    region: str
    admin_level: str | None
    year_label: str
    report_year: int | None
    is_excerpt: bool
    date_published: date | None
    char_count: int
    figure_count: int
    headings: tuple[Heading, ...] = ()
    text: str = ""
    document_kind: str = ANNUAL_REPORT_KIND
    # indicator id → (sentence, assignment status) of the report's value, for the core indicators it has
    core_values: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class PartFinding:
    part_id: str
    found: bool | None  # None: not judged (an excerpt)
    evidence: str = ""
    evidence_kind: str = ""  # heading | sentence | ""

    @property
    def verdict(self) -> str:
        return NOT_JUDGED if self.found is None else (MET if self.found else NOT_MET)


@dataclass(frozen=True)
class IndicatorFinding:
    indicator_id: str
    verdict: str  # met | not_met (not stated) | unknown (only a value still to be checked) | not_judged
    sentence: str = ""


@dataclass(frozen=True)
class Scorecard:
    report_id: str
    region: str
    admin_level: str | None
    year_label: str
    is_excerpt: bool
    not_judged: str  # "" | excerpt | related_document: why parts are not judged
    deadline: date | None
    date_published: date | None
    published_on_time: bool | None
    parts: tuple[PartFinding, ...]  # in the regulation's order
    indicators: tuple[IndicatorFinding, ...]
    figures_per_1000_chars: float | None

    @property
    def parts_found(self) -> int:
        return sum(p.found is True for p in self.parts)

    @property
    def core_indicators_stated(self) -> int:
        return sum(i.verdict == MET for i in self.indicators)

    @property
    def core_indicators_total(self) -> int:
        return len(self.indicators)

    @property
    def deadline_verdict(self) -> str:
        return UNKNOWN if self.published_on_time is None else (MET if self.published_on_time else NOT_MET)

    def to_json(self) -> dict[str, Any]:
        """The object `python -m etl review --json` prints for this report."""
        return {
            "report_id": self.report_id,
            "region": self.region,
            "year": self.year_label,
            "is_excerpt": self.is_excerpt,
            "parts_not_judged": self.not_judged or None,
            "published_on_time": self.published_on_time,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "date_published": self.date_published.isoformat() if self.date_published else None,
            "parts": [{"id": p.part_id, "found": p.found, "evidence": p.evidence or None} for p in self.parts],
            "core_indicators_stated": self.core_indicators_stated,
            "core_indicators_total": self.core_indicators_total,
            "figures_per_1000_chars": self.figures_per_1000_chars,
        }


def deadline_for(report_year: int | None, rules: ReviewRules) -> date | None:
    """The day the report is due by (before it): the rules' month and day of the year after the report year."""
    if report_year is None:
        return None
    return date(report_year + 1, rules.deadline.month, rules.deadline.day)


def on_time(published: date | None, deadline: date | None) -> bool | None:
    """True when published before the deadline day, False on or after it, None when either is unknown."""
    if published is None or deadline is None:
        return None
    return published < deadline


def figures_per_1000(figure_count: int, char_count: int) -> float | None:
    return round(1000 * figure_count / char_count, 1) if char_count > 0 else None


def _fits(rule: PartRule, text: str, pattern: re.Pattern[str] | None) -> bool:
    return pattern is not None and pattern.search(text) is not None and not (
        rule.exclude is not None and rule.exclude.search(text))


def _by_headings(headings: Sequence[Heading], rules: ReviewRules) -> dict[str, str]:
    """part id → the heading that shows it. Top-level headings first; each heading counts for one part."""
    found: dict[str, str] = {}
    ordered = sorted(enumerate(headings), key=lambda item: (item[1].level, item[0]))
    unclaimed_top: list[str] = []
    top = min((h.level for h in headings), default=0)
    for _, heading in ordered:
        folded = fold_script(heading.text)
        rule = next((r for r in rules.parts if _fits(r, folded, r.heading)), None)
        if rule is not None:
            found.setdefault(rule.part_id, heading.text)
        elif heading.level == top:
            unclaimed_top.append(heading.text)
    for rule in rules.parts:
        if rule.topical_headings and rule.part_id not in found and unclaimed_top:
            found[rule.part_id] = unclaimed_top[0]
    return found


def opening_sentences(text: str, headings: Sequence[Heading]) -> list[str]:
    """The first sentence of every paragraph (line) of the text that is not a heading."""
    heading_texts = {h.text.strip() for h in headings}
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line in heading_texts or any(line.startswith(h) for h in heading_texts if h):
            continue
        end = _SENTENCE_END.search(line)
        sentences.append(line[: end.end()] if end else line)
    return sentences


def _by_openings(text: str, headings: Sequence[Heading], wanted: Sequence[PartRule]) -> dict[str, str]:
    found: dict[str, str] = {}
    if not wanted:
        return found
    for sentence in opening_sentences(text, headings):
        folded = fold_script(sentence)
        for rule in wanted:
            if rule.part_id not in found and _fits(rule, folded, rule.opening):
                cut = len(sentence) > EVIDENCE_CHARS
                found[rule.part_id] = sentence[: EVIDENCE_CHARS - 1] + "…" if cut else sentence
    return found


HEADING_LINE_CHARS = 60  # a longer line is a heading fused with its paragraph: the stored heading stands


def whole_headings(text: str, headings: Sequence[Heading]) -> tuple[Heading, ...]:
    """Each heading as its whole line when the text has it on a line of its own: the store cuts a heading at its
    first comma (「一、担当尽责,法治建设第一责任人职责履行到位」 is stored as 「一、担当尽责」)."""
    lines = [line.strip() for line in text.splitlines()]
    whole = []
    for heading in headings:
        line = next((ln for ln in lines if heading.text and ln.startswith(heading.text)), "")
        whole.append(Heading(heading.level, line) if heading.text and len(line) <= HEADING_LINE_CHARS and line
                     else heading)
    return tuple(whole)


def find_parts(facts: ReportFacts, rules: ReviewRules) -> tuple[PartFinding, ...]:
    """Each required part with its evidence, in the regulation's order; excerpts leave what they lack not judged."""
    by_heading = _by_headings(whole_headings(facts.text, facts.headings), rules)
    missing = [r for r in rules.parts if r.part_id not in by_heading]
    by_opening = _by_openings(facts.text, facts.headings, missing)
    judged = not _not_judged(facts)
    findings = []
    for rule in sorted(rules.parts, key=lambda r: r.number):
        if rule.part_id in by_heading:
            findings.append(PartFinding(rule.part_id, True, by_heading[rule.part_id], "heading"))
        elif rule.part_id in by_opening:
            findings.append(PartFinding(rule.part_id, True, by_opening[rule.part_id], "sentence"))
        else:
            findings.append(PartFinding(rule.part_id, False if judged else None))
    return tuple(findings)


def _not_judged(facts: ReportFacts) -> str:
    if facts.is_excerpt:
        return EXCERPT
    if facts.document_kind != ANNUAL_REPORT_KIND:
        return RELATED_DOCUMENT
    return ""


def _indicator(indicator_id: str, facts: ReportFacts) -> IndicatorFinding:
    stated = facts.core_values.get(indicator_id)
    if stated is not None:
        sentence, status = stated
        return IndicatorFinding(indicator_id, UNKNOWN if status in UNCERTAIN_STATUSES else MET, sentence)
    # An excerpt's missing indicator may sit in the part that was cut off.
    return IndicatorFinding(indicator_id, NOT_JUDGED if facts.is_excerpt else NOT_MET)


def review_report(facts: ReportFacts, rules: ReviewRules) -> Scorecard:
    deadline = deadline_for(facts.report_year, rules)
    return Scorecard(
        report_id=facts.report_id,
        region=facts.region,
        admin_level=facts.admin_level,
        year_label=facts.year_label,
        is_excerpt=facts.is_excerpt,
        not_judged=_not_judged(facts),
        deadline=deadline,
        date_published=facts.date_published,
        published_on_time=on_time(facts.date_published, deadline),
        parts=find_parts(facts, rules),
        indicators=tuple(_indicator(i, facts) for i in rules.core_indicators),
        figures_per_1000_chars=figures_per_1000(facts.figure_count, facts.char_count),
    )
