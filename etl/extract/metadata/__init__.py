"""Title, reporting government, year and publication date of a report, read from its (scraped) text.

All matching runs on `folded` (simplified script, same length as `text`); the title is sliced from `text` so it keeps
the report's own script, while region names come from the gazetteer in simplified script.

Region names are expanded with the gazetteer (`etl/catalogue/gazetteer.py`). The steps: `titles` (the title line or
the page title), `places` (names in the text, resolved to a government), `years` (report year and span), `dates`
(publication date), all on the text's `lines`.
"""

from __future__ import annotations

import re
from collections import Counter

from etl.catalogue.gazetteer import Division, Gazetteer, load_gazetteer
from etl.extract.metadata.dates import find_date_published
from etl.extract.metadata.lines import find_opening, is_body, split_lines
from etl.extract.metadata.places import (
    REPORT_PHRASE_SUBJECT_RE,
    Place,
    find_mentions,
    issuer_subjects,
    place_from_counts,
    place_from_opening,
    resolve_place,
)
from etl.extract.metadata.titles import TITLE_TOPIC_RE, container_parts, find_title, title_from_container, title_subject
from etl.extract.metadata.years import find_report_year
from etl.models import ReportMeta

__all__ = ["Division", "Gazetteer", "detect_metadata", "load_gazetteer"]

FREE_TEXT_SCAN = 20000
NATIONAL_REGION = "全国"
NATIONAL_HEAD_CHARS = 600
# The whole country as the subject: 全国各地区各部门, 国务院. Not "全国文明城市" or a venue in 北京.
NATIONAL_SUBJECT_RE = re.compile(
    r"全国(?:各地区|各地|各级|各部门|共|法治政府|司法行政|行政复议)|国务院各部门|党中央、国务院"
)
LOCAL_SPEAKER_RE = re.compile(r"(?:全|我)(?:省|市|区|县|镇|乡|旗)")


def speaks_for_the_nation(folded_title: str | None, head: str) -> bool:
    """A national text (全国…情况, 国务院各部门…) with no local government speaking: its region is 全国, never the
    city where a meeting was held."""
    if LOCAL_SPEAKER_RE.search(head):
        return False
    return bool(NATIONAL_SUBJECT_RE.search(folded_title or "") or NATIONAL_SUBJECT_RE.search(head))


def detect_metadata(
    text: str,
    folded: str,
    container_title: str | None = None,
    container_date: str | None = None,
    related_title: str | None = None,
) -> ReportMeta:
    """Title, region, level, year and publication date of one report; fields it cannot find are None.

    `related_title`: the title line (as in `folded`) of a related document (etl/extract/kinds.py), which the
    rule-of-law title detector does not know; its government, year and date are read as a report's are.
    """
    if len(folded) != len(text):
        folded = text  # a caller bug must not move slices off the title: match on the text as it is
    gazetteer = load_gazetteer()
    lines = split_lines(folded)
    body_index = next((i for i, line in enumerate(lines) if is_body(line)), len(lines))
    title_span = find_title(lines, body_index, gazetteer)
    if title_span is None and related_title and (at := folded.find(related_title)) != -1:
        title_span = (at, at + len(related_title))
    title = text[title_span[0] : title_span[1]].replace("\n", "").strip() if title_span else None
    folded_title = folded[title_span[0] : title_span[1]].replace("\n", "") if title_span else None
    if folded_title is None:
        folded_title = title_from_container(container_title)
        title = title or folded_title

    is_rule_of_law = TITLE_TOPIC_RE.search(folded[:FREE_TEXT_SCAN]) or title_from_container(container_title)
    if related_title is None and not is_rule_of_law:
        return ReportMeta(None, None, None, None, None, None)  # not a rule-of-law report: claim nothing
    mentions = find_mentions(folded[:FREE_TEXT_SCAN], gazetteer, free_text=True)
    context = Counter(m.name for m in mentions)
    place: Place | None = None
    # The text's own title, then the container's (a page title often names the government the text leaves out).
    for candidate in [folded_title or "", *container_parts(container_title)]:
        place = resolve_place(title_subject(candidate), folded, context, gazetteer)
        if place is not None:
            break
    opening = find_opening(lines, body_index)
    if place is None and opening is not None:
        place = place_from_opening(opening, folded, context, gazetteer)
    if place is None:
        body = folded[lines[body_index].start :] if body_index < len(lines) else ""
        phrase = REPORT_PHRASE_SUBJECT_RE.search(body[:3000])
        if phrase:
            place = resolve_place(phrase.group("subj"), folded, context, gazetteer)
    if place is None:
        for subject in issuer_subjects(lines, body_index):
            place = resolve_place(subject, folded, context, gazetteer)
            if place is not None:
                break
    national = place is None and speaks_for_the_nation(folded_title, folded[:NATIONAL_HEAD_CHARS])
    if place is None and not national:
        place = place_from_counts(folded, mentions, context, gazetteer)

    report_year, year_span = find_report_year(folded_title, lines, body_index, folded)
    region_name = place.name if place and place.name else (NATIONAL_REGION if national else None)
    admin_level = place.level if place and place.name else ("national" if national else None)
    return ReportMeta(
        title=title,
        region_name=region_name,
        admin_level=admin_level,
        report_year=report_year,
        year_span=year_span,
        date_published=find_date_published(lines, body_index, report_year, container_date),
    )
