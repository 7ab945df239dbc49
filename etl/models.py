"""Typed records passed between ETL steps.

Each step is a pure function from one of these records to the next; only `etl.store` touches a database.
Offsets (`start`, `end`) always index `Document.text`, the normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# The status of a figure → indicator assignment: the ETL's own (automatic, or needs_review when it was unsure),
# then what a person made of it (etl/store/corrections.py): confirmed, corrected, or rejected (no indicator).
AUTOMATIC = "automatic"
NEEDS_REVIEW = "needs_review"
CONFIRMED = "confirmed"
CORRECTED = "corrected"
REJECTED = "rejected"
ASSIGNMENT_STATUSES = (AUTOMATIC, NEEDS_REVIEW, CONFIRMED, CORRECTED, REJECTED)
# Values a ranking or comparison across reports leaves out unless asked: nobody vouches for them.
UNCERTAIN_STATUSES = (NEEDS_REVIEW, REJECTED)


@dataclass(frozen=True)
class RawDocument:
    """What a reader gets out of a file: text plus whatever metadata the container carried."""

    text: str
    source_format: str  # txt | html | docx | pdf
    title: str | None = None
    date_published: str | None = None  # ISO date, yyyy-mm-dd


@dataclass(frozen=True)
class Document:
    """Normalised text (full-width folded, original script kept) and a same-length simplified copy."""

    text: str
    folded: str  # simplified-script copy of `text`, same length, used for all matching

    def __post_init__(self) -> None:
        if len(self.text) != len(self.folded):
            raise ValueError("folded text must have the same length as text")


@dataclass(frozen=True)
class Section:
    section_num: int
    parent_num: int | None
    level: int  # 1 = 一、  2 = (一)  3 = 1.  4 = 一是
    heading: str
    start: int  # offset of the heading marker
    end: int  # offset where the section (with its subsections) ends


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section_num: int | None


@dataclass(frozen=True)
class Figure:
    """One quantity stated in the report, with its place in the text."""

    value: float
    unit: str  # normalised unit: 件, 元, %, 个百分点 ... or "" when unitless
    qualifier: str | None  # 余 多 近 约 超 以上 累计 ...
    text: str  # the span as written, e.g. "78万余件"
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    section_num: int | None
    is_unit_inferred: bool = False
    unit_as_written: str = ""
    # A range ("3—5个月") keeps both ends: `value` is the high end (what "up to" states), this the low one.
    value_low: float | None = None

    @classmethod
    def in_sentence(
        cls, sentence: Sentence, text: str, start: int, end: int, value: float, unit: str, qualifier: str | None,
        is_unit_inferred: bool = False, unit_as_written: str = "", value_low: float | None = None,
    ) -> Figure:
        """The figure text[start:end] of `sentence` (every extractor places its figures this one way)."""
        # A report has hundreds of figures: their fields are set as one dict, what the frozen dataclass's __init__
        # does one `object.__setattr__` at a time (2x slower). Same object: tests/test_fast_paths.py holds the two
        # to the same fields and values.
        figure = object.__new__(cls)
        object.__setattr__(figure, "__dict__", {
            "value": value, "unit": unit, "qualifier": qualifier, "text": text[start:end], "start": start,
            "end": end, "sentence_start": sentence.start, "sentence_end": sentence.end,
            "section_num": sentence.section_num, "is_unit_inferred": is_unit_inferred,
            "unit_as_written": unit_as_written, "value_low": value_low,
        })
        return figure


@dataclass(frozen=True)
class ReportMeta:
    title: str | None
    region_name: str | None
    admin_level: str | None  # national | province | city | district | county | town | department
    report_year: int | None
    year_span: str | None  # "2016-2020" for multi-year reports
    date_published: str | None
    source_url: str | None = None
    is_excerpt: bool = False
    # rule_of_law_report, or the kind of a related document loaded beside them (etl/extract/kinds.py)
    document_kind: str = "rule_of_law_report"


@dataclass(frozen=True)
class Check:
    rule: str
    is_ok: bool
    detail: str  # English, for the CLI and the log; the dashboard words a check from `params` in its language
    indicator_id: str | None = None
    # What the rule compared, by name (stated, numerator, larger_id, texts…): see etl/extract/checks.py.
    params: tuple[tuple[str, str | float], ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything the ETL learned from one file, ready to be stored in one transaction."""

    report_id: str
    source_file: str
    source_format: str
    document: Document
    meta: ReportMeta
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    indicator_ids: tuple[str | None, ...]  # parallel to figures
    checks: tuple[Check, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # (indicator id, index into figures) of each indicator's observation (etl/extract/observations.py);
    # empty means each indicator's first figure.
    observation_figures: tuple[tuple[str, int], ...] = ()
    # Per figure (or empty): the indicator whose change the figure states (同比增长12%), see etl/extract/grammar.py.
    change_of: tuple[str | None, ...] = ()
    # Parallel to figures: how sure the ETL is of each assignment (etl.models.ASSIGNMENT_STATUSES; the ETL
    # emits automatic or needs_review). Empty means every one is automatic.
    assignment_statuses: tuple[str, ...] = ()
    review_reasons: tuple[str | None, ...] = ()  # per figure: why its assignment needs review (etl.extract.doubts)
    breakdown_of: tuple[str | None, ...] = ()  # per figure: the indicator of the total it is a part of (其中…)
    breakdown_labels: tuple[str | None, ...] = ()  # per figure: that part's name as written (涉及公安类)
    # Per figure: why it has its indicator (etl.extract.assignment.rule_text: the label matched, the pattern, the
    # act or scope that moved or framed it), else None.
    assignment_rules: tuple[str | None, ...] = ()

    def status_of(self, index: int) -> str:
        return self.assignment_statuses[index] if self.assignment_statuses else AUTOMATIC


# What a sources.yml beside the report files says about one of them (etl/ingest/sources.py reads it).
@dataclass(frozen=True)
class SourceRecord:
    title: str | None = None
    region_name: str | None = None
    admin_level: str | None = None
    report_year: int | None = None
    year_span: str | None = None
    date_published: str | None = None
    source_url: str | None = None
    is_excerpt: bool = False


@dataclass(frozen=True)
class Correction:
    """A person's verdict on one figure's indicator, kept beside the reports (etl/store/corrections.py).

    It names the figure by its report's region and year, its text as written and a piece of its sentence
    (`context`), so it still finds the figure after a reload or a re-extraction by a newer parser.
    `indicator_id` None: the figure is no indicator.
    """

    region_name: str
    report_year: int
    figure_text: str
    context: str
    indicator_id: str | None
    note: str = ""
    corrected_by: str = "admin"
    corrected_at: datetime | None = None
    origin: str = ""  # where it was read ("corrections.csv row 3"), for messages only

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.region_name, self.report_year, self.figure_text, self.context)

    @property
    def label(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        target = self.indicator_id or "no indicator"
        return f"{where}{self.region_name} {self.report_year} “{self.figure_text}” ({self.context}) → {target}"
