"""Database rows from extractions: one tuple per row, in the column order of `etl.store.schema`, as Arrow tables.

Pure: no connection. `etl.store.writes` appends what these functions build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime

import pandas as pd
import pyarrow as pa

from etl import PARSER_VERSION
from etl.catalogue import Catalogue
from etl.models import Extraction
from etl.store.schema import ROW_SCHEMAS, column_names

ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def report_rows(extractions: Iterable[Extraction], loaded_at: datetime) -> dict[str, pa.Table]:
    """Rows of every report in the batch, one Arrow table per database table, in `ROW_SCHEMAS` order.

    Row tuples are gathered across all reports and converted once: building a DataFrame per report cost
    more than extracting it.
    """
    rows: dict[str, list[tuple]] = {table: [] for table in ROW_SCHEMAS}
    for ex in extractions:
        _add_report(rows, ex, loaded_at)
    return {table: _arrow(rows[table], schema) for table, schema in ROW_SCHEMAS.items()}


def _arrow(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    if not rows:
        return schema.empty_table()
    columns = zip(*rows, strict=True)  # rows to columns, in C
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


def _add_report(rows: dict[str, list[tuple]], ex: Extraction, loaded_at: datetime) -> None:
    rid = ex.report_id
    text = ex.document.text
    paths = _section_paths(ex)
    rows["sections"].extend(
        (rid, s.section_num, s.parent_num, s.level, s.heading, paths[s.section_num], s.start, s.end)
        for s in ex.sections
    )
    chosen = dict(ex.observation_figures) or _first_figures(ex)
    change_of = ex.change_of or (None,) * len(ex.figures)
    observations = 0
    figure_rows = zip(ex.figures, ex.indicator_ids, change_of, strict=True)
    for num, (f, indicator_id, changed) in enumerate(figure_rows, start=1):
        status = ex.status_of(num - 1)
        sentence = text[f.sentence_start : f.sentence_end].strip()
        section_path = paths.get(f.section_num) if f.section_num is not None else None
        rows["figures"].append(
            (
                rid,
                num,
                f.section_num,
                section_path,
                float(f.value),
                f.unit,
                f.qualifier,
                f.is_unit_inferred,
                f.text,
                sentence,
                f.start,
                f.end,
                indicator_id,
                f.value_low,
                changed,
                status,
                indicator_id,
                status,
                ex.review_reasons[num - 1] if ex.review_reasons else None,
                ex.breakdown_of[num - 1] if ex.breakdown_of else None,
                ex.breakdown_labels[num - 1] if ex.breakdown_labels else None,
                ex.assignment_rules[num - 1] if ex.assignment_rules else None,
            )
        )
        # One value per report and indicator: the figure the observation rule chose.
        if indicator_id is not None and chosen.get(indicator_id) == num - 1:
            observations += 1
            rows["observations"].append(
                (rid, indicator_id, float(f.value), f.unit, f.qualifier, num, sentence, status)
            )
    rows["checks"].extend(
        (rid, num, c.rule, c.indicator_id, c.is_ok, c.detail, json.dumps(dict(c.params), ensure_ascii=False))
        for num, c in enumerate(ex.checks, start=1)
    )
    m = ex.meta
    rows["reports"].append(
        (
            rid,
            m.region_name,
            m.admin_level,
            m.report_year,
            m.year_span,
            m.title,
            _date(m.date_published),
            m.source_url,
            ex.source_file,
            ex.source_format,
            m.is_excerpt,
            len(text),
            len(ex.figures),
            observations,
            sum(not c.is_ok for c in ex.checks),
            loaded_at,
            PARSER_VERSION,
            text,
            m.document_kind,
        )
    )


def _first_figures(ex: Extraction) -> dict[str, int]:
    first: dict[str, int] = {}
    for index, indicator_id in enumerate(ex.indicator_ids):
        if indicator_id is not None:
            first.setdefault(indicator_id, index)
    return first


def _date(value: str | None) -> date | None:
    if not value:
        return None
    if ISO_DATE_RE.fullmatch(value):
        return date.fromisoformat(value)  # the usual case, and a hundred times cheaper than pandas
    return pd.to_datetime(value).date()


def _section_paths(ex: Extraction) -> dict[int, str]:
    by_num = {s.section_num: s for s in ex.sections}
    paths: dict[int, str] = {}
    for s in ex.sections:
        parts = [s.heading]
        parent = s.parent_num
        while parent is not None and parent in by_num:
            parts.append(by_num[parent].heading)
            parent = by_num[parent].parent_num
        paths[s.section_num] = " > ".join(reversed(parts))
    return paths


def indicator_rows(catalogue: Catalogue) -> pd.DataFrame:
    """The catalogue as rows of the indicators table (an Indicator has an attribute for every column)."""
    columns = column_names("indicators")
    return pd.DataFrame([{c: getattr(i, c) for c in columns} for i in catalogue.indicators], columns=list(columns))
