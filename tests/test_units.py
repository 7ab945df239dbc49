"""The unit vocabulary (etl/catalogue/units.py) covers every unit the extractor emits and the catalogue names."""

from __future__ import annotations

import pytest
import yaml

from etl.catalogue.units import KNOWN_UNITS, NO_UNIT, PERCENT_UNITS, SCALED_UNITS, UNIT_ALIASES, UNITS, WRITTEN_UNITS
from etl.config import CATALOGUE_PATH
from etl.extract.figures import NOUN_UNITS
from etl.extract.pipeline import extract_file
from etl.ingest.sources import load_source_records
from tests.test_golden_extraction import report_files
from ui.format import EN_UNITS


@pytest.fixture(scope="module")
def emitted_units() -> set[str]:
    units: set[str] = set()
    for path in report_files():
        record = load_source_records(path.parent).get(path.name)
        units |= {figure.unit for figure in extract_file(path, record).figures}
    return units


def test_every_unit_the_extractor_emits_on_the_shipped_reports_is_declared(emitted_units: set[str]) -> None:
    assert len(report_files()) == 42
    assert emitted_units - KNOWN_UNITS == {NO_UNIT}  # unitless figures (七大, 十分之一强) are shipped too
    assert NO_UNIT not in KNOWN_UNITS


def test_every_catalogue_unit_is_declared() -> None:
    raw = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    for entry in raw["indicators"]:
        named = {entry["unit"], *(entry.get("units_accepted") or [])}
        assert named <= KNOWN_UNITS, f"{entry['id']}: {sorted(named - KNOWN_UNITS)} not in etl/catalogue/units.py"


def test_derived_unit_lists_stay_inside_the_vocabulary() -> None:
    assert len(set(UNITS)) == len(UNITS)
    assert set(UNIT_ALIASES.values()) <= KNOWN_UNITS and not set(UNIT_ALIASES) & KNOWN_UNITS
    assert {unit for _, unit in NOUN_UNITS} <= KNOWN_UNITS
    assert {unit for _, unit in SCALED_UNITS.values()} <= KNOWN_UNITS and not set(SCALED_UNITS) & KNOWN_UNITS
    assert PERCENT_UNITS <= KNOWN_UNITS
    assert set(EN_UNITS) <= KNOWN_UNITS
    assert set(WRITTEN_UNITS) == KNOWN_UNITS | set(UNIT_ALIASES)
    lengths = [len(u) for u in WRITTEN_UNITS]
    assert lengths == sorted(lengths, reverse=True), "longest first, or 场 would win over 场次"
