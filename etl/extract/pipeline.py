"""One file → one Extraction: the ETL steps composed, with no database involved."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from etl.catalogue import Catalogue, default_catalogue
from etl.extract.assignment import all_for_review, assign_with_status, some_for_review, with_table_cells
from etl.extract.bare_figures import extract_bare_figures
from etl.extract.breakdowns import breakdowns_of
from etl.extract.checks import CheckRules, load_check_rules, run_checks
from etl.extract.doubts import OTHER_DOCUMENT, SECOND_VALUE
from etl.extract.figures import extract_figures
from etl.extract.grammar import changes_of
from etl.extract.kinds import (
    FIGURES_KIND,
    RULE_OF_LAW_REPORT,
    kind_from_opening,
    kind_from_title,
    load_kind_rules,
    related_kind_from_body,
    related_kind_from_title,
    title_kind,
)
from etl.extract.metadata import detect_metadata
from etl.extract.observations import choose_observations, second_values
from etl.extract.read import ReadError, file_label, fold_script, normalise_text, read_bytes, read_file
from etl.extract.stacked_tables import stacked_table_figures
from etl.extract.structure import find_sections, split_sentences
from etl.extract.table_templates import template_cells
from etl.extract.tables import extract_table_figures
from etl.models import Document, Extraction, ReportMeta, Section, SourceRecord

# A rule-of-law report names its subject again and again; a menu that mentions a 法治广场 does not.
REPORT_TERMS_RE = re.compile(
    r"法治政府|依法行政|法治建设|依法治[国省市区县镇乡]|法治思想|行政执法|行政复议|规范性文件|法治[^广公园街路]"
)
MIN_REPORT_TERMS = 2
MIN_REPORT_CHARS = 80


class NotAReportError(ReadError):
    pass


def _not_a_report(file_name: str, term_count: int, chars: int, indicators: int = 0) -> NotAReportError:
    return NotAReportError(
        f"{file_label(file_name)}: does not look like a rule-of-law government report "
        f"({term_count} mentions of 法治政府/依法行政/行政执法… in {chars} characters)"
        f" nor like a government body's report on a rule-of-law subject"
        f" ({indicators} catalogue indicators among its figures)"
    )


@lru_cache(maxsize=1)
def default_check_rules() -> CheckRules:
    return load_check_rules()


def report_id_for(text: str) -> str:
    """Content hash of the normalised text: the same report in another encoding or container is the same."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_document(raw_text: str) -> Document:
    text = normalise_text(raw_text)
    return Document(text=text, folded=fold_script(text))


def merge_meta(detected: ReportMeta, source: SourceRecord | None) -> ReportMeta:
    """A source record is an editor's statement and wins over what the text suggests."""
    if source is None:
        return detected
    return replace(
        detected,
        title=source.title or detected.title,
        region_name=source.region_name or detected.region_name,
        admin_level=source.admin_level or detected.admin_level,
        report_year=source.report_year or detected.report_year,
        year_span=source.year_span if source.report_year else detected.year_span,
        date_published=source.date_published or detected.date_published,
        source_url=source.source_url,
        is_excerpt=source.is_excerpt,
    )


def extract_text(
    raw_text: str,
    file_name: str,
    source_format: str = "txt",
    source: SourceRecord | None = None,
    container_title: str | None = None,
    container_date: str | None = None,
    catalogue: Catalogue | None = None,
    check_rules: CheckRules | None = None,
) -> Extraction:
    catalogue = catalogue or default_catalogue()
    check_rules = check_rules or default_check_rules()
    document = build_document(raw_text)
    folded = document.folded
    term_count = len(REPORT_TERMS_RE.findall(folded))
    kind_rules = load_kind_rules()
    titled = title_kind(folded, kind_rules, container_title)
    named_kind = titled[0] if titled else None
    # Few rule-of-law terms: still a related document if its title names its kind and the body speaks of that
    # subject, or if its body keeps to one rule-of-law subject.
    body_kind = (
        related_kind_from_title(folded, kind_rules, named_kind) or related_kind_from_body(folded, kind_rules)
        if term_count < MIN_REPORT_TERMS
        else None
    )
    # Neither: it may still be an excerpt whose figures are the catalogue's own (全县共受理行政复议案件…件);
    # that is decided once its figures have indicators, below.
    is_on_evidence = term_count < MIN_REPORT_TERMS and body_kind is None
    if len(document.text.strip()) < MIN_REPORT_CHARS:
        raise _not_a_report(file_name, term_count, len(document.text.strip()))
    sections = find_sections(document.text)
    sentences = split_sentences(document.text, sections)
    figures = extract_figures(document.text, folded, sentences)
    table_figures = extract_table_figures(document.text, folded, sentences, figures)
    covered = {i for f in (*figures, *table_figures) for i in range(f.start, f.end)}
    # A prescribed table's cells (the FOI report's 规章 | 本年制发件数) count in the unit its template declares.
    template = template_cells(folded)
    table_figures += tuple(
        replace(f, unit=template[f.start].unit, unit_as_written=template[f.start].unit) if f.start in template else f
        for f in stacked_table_figures(document.text, folded, sentences, covered)
    )
    covered |= {i for f in table_figures for i in range(f.start, f.end)}
    table_figures += extract_bare_figures(document.text, folded, sentences, covered)
    if table_figures:
        figures = tuple(sorted((*figures, *table_figures), key=lambda f: f.start))
    related_title = titled[1] if titled and named_kind != RULE_OF_LAW_REPORT else None
    detected = detect_metadata(document.text, folded, container_title, container_date, related_title)
    meta = merge_meta(detected, source)
    # The title names the kind when it can (行政复议工作报告 mentions 行政复议 throughout, like a report would).
    # The title detector knows rule-of-law titles only: the opening's title line stands in for a related document's.
    kind = FIGURES_KIND if is_on_evidence else (
        kind_from_title(meta.title, kind_rules)
        or named_kind
        or body_kind
        or (kind_from_opening(folded, kind_rules) if meta.title is None else None)
        or RULE_OF_LAW_REPORT
    )
    meta = replace(meta, document_kind=kind)
    # What a sentence leaves unsaid, its headings and the document say (an administrative-review office's report:
    # 共办结案件86件): both are the scope the label patterns' `context` may be found in. Decided before the
    # indicators for that reason.
    first_line = next((line.strip() for line in folded.splitlines() if line.strip()), "")[:80]
    title = meta.title or related_title or first_line
    document_scope = f"{fold_script(title)}\n{kind_rules.name(kind)}"
    assignment = assign_with_status(
        folded, figures, catalogue, heading_chains(folded, sections), document_scope, meta.report_year, meta.year_span,
        kind,
    )
    assignment = with_table_cells(assignment, figures, template)
    indicator_ids = tuple(assignment.indicator_ids)
    if is_on_evidence:
        # The catalogue's labels name its figures (审结行政复议申请…, 调解纠纷…), whether or not each count is a total.
        found = len({i for i in assignment.proposed if i is not None})
        if found < kind_rules.min_catalogue_indicators:
            raise _not_a_report(file_name, term_count, len(document.text.strip()), found)
        assignment = all_for_review(assignment, OTHER_DOCUMENT)
    observations = choose_observations(folded, figures, indicator_ids, assignment.statuses)
    # The observation stays automatic (it outranks any figure that needs review), so it is chosen once.
    doubtful = second_values(figures, indicator_ids, assignment.statuses, observations)
    assignment = some_for_review(assignment, doubtful, SECOND_VALUE)
    warnings: list[str] = []
    if not figures:
        warnings.append(f"{file_name}: no figures found; loaded for its text only")
    if meta.report_year is None:
        warnings.append(f"{file_name}: report year not found")
    if meta.region_name is None:
        warnings.append(f"{file_name}: region not found")
    change_of = tuple(changes_of(folded, figures, indicator_ids))
    breakdowns = breakdowns_of(folded, figures, indicator_ids, change_of)
    return Extraction(
        report_id=report_id_for(document.text),
        source_file=file_name,
        source_format=source_format,
        document=document,
        meta=meta,
        sections=sections,
        figures=figures,
        indicator_ids=indicator_ids,
        checks=run_checks(
            figures, indicator_ids, check_rules, observations, [b.indicator_id if b else None for b in breakdowns]
        ),
        warnings=tuple(warnings),
        observation_figures=tuple(observations.items()),
        change_of=change_of,
        breakdown_of=tuple(b.indicator_id if b else None for b in breakdowns),
        breakdown_labels=tuple(b.label if b else None for b in breakdowns),
        assignment_statuses=tuple(assignment.statuses),
        review_reasons=tuple(assignment.review_reasons),
        assignment_rules=tuple(assignment.rules),
    )


def heading_chains(folded: str, sections: tuple[Section, ...]) -> dict[int, str]:
    """Each section's headings from the outermost down to its own, one a line, as folded text."""
    by_num = {s.section_num: s for s in sections}
    chains: dict[int, str] = {}
    for section in sections:
        own = folded[section.start : section.start + len(section.heading)]
        parent = chains.get(section.parent_num) if section.parent_num is not None else None
        if parent is None and section.parent_num in by_num:  # parents come first; this is only a safeguard
            parent = ""
        chains[section.section_num] = f"{parent}\n{own}" if parent else own
    return chains


def extract_bytes(
    data: bytes, file_name: str, source: SourceRecord | None = None, catalogue: Catalogue | None = None
) -> Extraction:
    raw = read_bytes(data, file_name)
    return extract_text(raw.text, file_name, raw.source_format, source, raw.title, raw.date_published, catalogue)


def extract_file(path: Path, source: SourceRecord | None = None, catalogue: Catalogue | None = None) -> Extraction:
    raw = read_file(path)
    return extract_text(raw.text, path.name, raw.source_format, source, raw.title, raw.date_published, catalogue)
