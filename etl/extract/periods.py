"""When a figure was counted: a count over several years, or over a year other than the report's, is not the
report year's value of its indicator (grammar.yaml `periods`). Pure: text, figures and the report's year in,
the figures whose period is another out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from etl.extract.grammar import GRAMMAR_PATH
from etl.models import Figure

# How the nearest time phrase reads, from the report year's point of view.
THIS_YEAR = "this_year"
OTHER_PERIOD = "other_period"


@dataclass(frozen=True)
class PeriodGrammar:
    many_years: re.Pattern[str]  # the declared phrases as one alternation: one scan, not five
    since_year: re.Pattern[str]
    year_of_object: re.Pattern[str]
    this_year: re.Pattern[str]
    cue: re.Pattern[str]  # any phrase that can name another period: most sentences fail this one scan


@lru_cache(maxsize=4)
def load_periods(path: Path = GRAMMAR_PATH) -> PeriodGrammar:
    with path.open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)["periods"]
    return PeriodGrammar(
        many_years=re.compile("|".join(f"(?:{p})" for p in spec["many_years"])),
        since_year=re.compile(spec["since_year"]),
        year_of_object=re.compile(spec["year_of_object"]),
        this_year=re.compile(spec["this_year"]),
        cue=re.compile(spec["cue"]),
    )


def parse_span(year_span: str | None, report_year: int | None) -> tuple[int, int] | None:
    """The years a report covers: its span ("2016-2020") or its one year."""
    if year_span:
        found = re.findall(r"(?:19|20)\d\d", year_span)
        if len(found) == 2:
            return int(found[0]), int(found[1])
    return (report_year, report_year) if report_year else None


def _phrases(grammar: PeriodGrammar, before: str, span: tuple[int, int] | None) -> list[tuple[int, str]]:
    """(position, reading) of every time phrase in `before` (a sentence up to a figure); empty when none of them
    names another period (then this year's phrases cannot matter, and most sentences stop at the first scan)."""
    found = [(m.start(), OTHER_PERIOD) for m in grammar.many_years.finditer(before)]
    if span is not None:  # a named year means nothing without the report's own
        low, high = span
        for match in grammar.since_year.finditer(before):
            found.append((match.start(), THIS_YEAR if int(match.group(1)) >= low else OTHER_PERIOD))
        for match in grammar.year_of_object.finditer(before):
            year = int(match.group(1))
            found.append((match.start(1), THIS_YEAR if low <= year <= high else OTHER_PERIOD))
    if not any(reading == OTHER_PERIOD for _, reading in found):
        return []
    return found + [(m.start(), THIS_YEAR) for m in grammar.this_year.finditer(before)]


def other_period_figures(
    text: str,
    figures: Sequence[Figure],
    indicator_ids: Sequence[str | None],
    report_year: int | None,
    year_span: str | None = None,
    grammar: PeriodGrammar | None = None,
) -> set[int]:
    """Indexes of the figures with an indicator whose nearest time phrase (in their sentence, before them)
    names several years or a year that is not the report's."""
    grammar = grammar or load_periods()
    span = parse_span(year_span, report_year)
    found: set[int] = set()
    has_cue: dict[int, bool] = {}
    for index, (figure, indicator_id) in enumerate(zip(figures, indicator_ids, strict=True)):
        if indicator_id is None:
            continue
        sentence = figure.sentence_start
        if sentence not in has_cue:  # asked once a sentence: most name no other period at all
            has_cue[sentence] = grammar.cue.search(text, sentence, figure.sentence_end) is not None
        if not has_cue[sentence]:
            continue
        phrases = _phrases(grammar, text[figure.sentence_start : figure.start], span)
        if phrases and max(phrases)[1] == OTHER_PERIOD:
            found.add(index)
    return found
