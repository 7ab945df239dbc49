"""Extraction output on every shipped report, frozen as a golden file: speed work must not change a single field.

The golden file was generated from the code as it stood before the ETL was optimised. When a change *means* to
alter extraction output (a better region rule, a new indicator pattern), regenerate it and review the diff:

    UPDATE_GOLDEN=1 python -m pytest -q tests/test_golden_extraction.py
    git diff tests/golden/
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from etl.extract.metadata import detect_metadata
from etl.extract.pipeline import extract_file
from etl.ingest.sources import load_source_records
from etl.models import Extraction

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
GOLDEN = Path(__file__).resolve().parent / "golden" / "extraction.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def report_files() -> list[Path]:
    return [REPORTS / "chongqing-qijiang-2021.txt", *sorted((REPORTS / "excerpts").glob("*.txt"))]


def canonical(extraction: Extraction) -> dict[str, Any]:
    """Everything downstream (database rows, charts) is derived from these fields."""
    return {
        "report_id": extraction.report_id,
        "meta": extraction.meta.__dict__,
        # sources.yml overrides most detected fields, so what the text alone yields is frozen separately.
        "detected_meta": detect_metadata(extraction.document.text, extraction.document.folded).__dict__,
        "sections": [s.__dict__ for s in extraction.sections],
        "figures": [
            {
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "sentence_start": f.sentence_start,
                "sentence_end": f.sentence_end,
                "section_num": f.section_num,
                "is_unit_inferred": f.is_unit_inferred,
                "value_low": f.value_low,
            }
            for f in extraction.figures
        ],
        "indicator_ids": list(extraction.indicator_ids),
        "assignment_statuses": list(extraction.assignment_statuses),
        "review_reasons": list(extraction.review_reasons),
        "breakdown_of": list(extraction.breakdown_of),
        "breakdown_labels": list(extraction.breakdown_labels),
        "observation_figures": [list(pair) for pair in extraction.observation_figures],
        "change_of": list(extraction.change_of),
        "checks": [c.__dict__ for c in extraction.checks],
        "warnings": list(extraction.warnings),
    }


def extract_all() -> dict[str, Any]:
    records: dict[Path, dict] = {}
    result: dict[str, Any] = {}
    for path in report_files():
        folder_records = records.setdefault(path.parent, load_source_records(path.parent))
        result[str(path.relative_to(REPORTS))] = canonical(extract_file(path, folder_records.get(path.name)))
    return result


def dump(data: dict[str, Any]) -> str:
    # One field per line keeps a golden diff readable in review.
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_extraction_matches_golden() -> None:
    actual = extract_all()
    if UPDATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        # Written, then compared like any run: review the diff of the golden file before committing it.
        GOLDEN.write_text(dump(actual), encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    # Per file first, so a failure names the report rather than dumping all of them.
    assert sorted(actual) == sorted(expected), "the set of shipped reports changed: regenerate with UPDATE_GOLDEN=1"
    for name in expected:
        assert json.loads(dump(actual[name])) == expected[name], f"extraction of {name} changed"
