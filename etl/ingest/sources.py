"""Source records: the sources.yml beside report files (title, region, year, url, date, excerpt flag)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from etl.config import SOURCES_FILE
from etl.models import SourceRecord

NOTE_RE = re.compile(r"^\[[^\]]*\]\s*")  # "[标题未见于摘录] …": an editor's note, not part of the title


class SourceRecordError(ValueError):
    pass


def _parse_year(raw: object) -> tuple[int | None, str | None]:
    if raw is None:
        return None, None
    text = str(raw)
    years = re.findall(r"\d{4}", text)
    if not years:
        return None, None
    return int(years[-1]), (f"{years[0]}-{years[-1]}" if len(years) > 1 else None)


def parse_source_record(raw: dict, where: str) -> SourceRecord:
    if not isinstance(raw, dict):
        raise SourceRecordError(f"{where}: source record must be a mapping")
    title = raw.get("title")
    if isinstance(title, str):
        title = NOTE_RE.sub("", title).strip() or None
    year, span = _parse_year(raw.get("report_year", raw.get("year")))
    date = raw.get("date_published")
    return SourceRecord(
        title=title,
        region_name=raw.get("region") or raw.get("region_name"),
        admin_level=raw.get("admin_level"),
        report_year=year,
        year_span=span,
        date_published=str(date) if date else None,
        source_url=raw.get("url") or raw.get("source_url"),
        is_excerpt=bool(raw.get("is_excerpt", False)),
    )


def load_source_records(folder: Path) -> dict[str, SourceRecord]:
    """File name → record, from folder/sources.yml; an empty mapping when there is none."""
    path = folder / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise SourceRecordError(f"{path}: not valid YAML ({error.__class__.__name__})") from error
    return {name: parse_source_record(rec, f"{path}:{name}") for name, rec in raw.items()}
