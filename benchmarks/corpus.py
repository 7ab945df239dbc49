"""GENERATED scale corpora for the benchmarks — never shipped as data, always written to a temporary directory.

Two kinds:

- `write_report_corpus`: N report files made from the real report in data/reports by swapping the region
  (another county-level division from etl/catalogue/regions.csv) and shifting the years, so every file is a distinct
  (region, year) report of realistic size and shape. Each file ends with a line saying it is generated.
- `build_scale_database`: a DuckDB file with N generated reports, built directly in SQL from the real
  reports' extracted rows (one real load, then set-based copies with new ids, regions and years), because
  extracting 30,000 files only to benchmark queries would take longer than the queries are worth.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.config import REGIONS_CSV as CONFIG_REGIONS_CSV

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
TEMPLATE = REPORTS / "chongqing-qijiang-2021.txt"
REGIONS_CSV = CONFIG_REGIONS_CSV
GENERATED_MARK = "(本文件为性能基准自动生成的样本,地区和年份经过替换,不是真实报告。GENERATED BENCHMARK DATA)"
TEMPLATE_YEAR = 2021
YEAR_RE = re.compile(r"(?<!\d)(20[0-2]\d)(?!\d)")
COUNTY_SUFFIXES = ("自治县", "自治旗", "县", "区", "市", "旗")


@dataclass(frozen=True)
class County:
    province: str
    city: str
    county: str

    @property
    def full_name(self) -> str:
        return self.province + self.city + self.county

    @property
    def stem(self) -> str:
        for suffix in COUNTY_SUFFIXES:
            if self.county.endswith(suffix) and len(self.county) > len(suffix) + 1:
                return self.county[: -len(suffix)]
        return self.county


def counties() -> list[County]:
    """Current county-level divisions, in adcode order (deterministic)."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["county"] and r["current"] == "1"]
    return [County(r["province"], r["city"], r["county"]) for r in rows]


def generated_report(template: str, county: County, year: int) -> str:
    """The template report as if `county` had written it about `year`."""
    shift = year - TEMPLATE_YEAR
    text = YEAR_RE.sub(lambda m: str(int(m.group(1)) + shift), template)
    text = text.replace("重庆市綦江区", county.full_name).replace("綦江区", county.county).replace("綦江", county.stem)
    return f"{text.rstrip()}\n\n{GENERATED_MARK}\n"


def plan(n: int, first_year: int = 2015) -> list[tuple[County, int]]:
    """N distinct (county, year) pairs: every county once per year, then the next year."""
    pool = counties()
    return [(pool[i % len(pool)], first_year + i // len(pool)) for i in range(n)]


def write_report_corpus(directory: Path, n: int) -> list[Path]:
    """Write N generated reports (UTF-8 .txt, ~12 KB each) into `directory` and return their paths in order."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "GENERATED-NOT-REAL-DATA.txt.md").write_text(GENERATED_MARK + "\n", encoding="utf-8")
    template = TEMPLATE.read_text(encoding="utf-8")
    paths = []
    for index, (county, year) in enumerate(plan(n)):
        path = directory / f"generated-{index:06d}-{year}.txt"
        path.write_text(generated_report(template, county, year), encoding="utf-8")
        paths.append(path)
    return paths


# ------------------------------------------------------------------------------------ database at scale

# Tables copied per generated report; `load_events` stays as the real load wrote it.
PER_REPORT_TABLES = ("sections", "figures", "observations", "checks")


def build_scale_database(db_path: Path, n: int, seed_db: Path) -> None:
    """A database of N generated reports, cloned set-based from the full (not excerpt) reports in `seed_db`.

    Report k copies full report (k mod R) with a new id, a generated region/year pair and counts scaled
    by a deterministic factor, so aggregates are not N identical copies. Excerpts are not cloned: a real
    year of reports is full reports, and their row counts are what the queries have to scan.
    """
    if db_path.exists():
        db_path.unlink()
    shutil.copy(seed_db, db_path)
    regions = plan(n)
    con = duckdb.connect(str(db_path))
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "CREATE TEMP TABLE seed AS SELECT report_id, row_number() OVER (ORDER BY report_id) - 1 AS seed_num "
            "FROM reports WHERE NOT is_excerpt"
        )
        seeds = count_rows(con, "SELECT count(*) FROM seed")
        con.execute("CREATE TEMP TABLE plan (k INTEGER, region_name VARCHAR, report_year INTEGER)")
        con.executemany(
            "INSERT INTO plan VALUES (?, ?, ?)",
            [(k, county.full_name + " (generated)", year) for k, (county, year) in enumerate(regions)],
        )
        # new id, seed report, region and year for each generated report
        con.execute(
            f"""CREATE TEMP TABLE clone AS
                SELECT printf('gen%013d', p.k) AS new_id, s.report_id AS seed_id, p.region_name, p.report_year,
                       1 + (hash(p.k) % 50) / 100.0 AS factor
                FROM plan p JOIN seed s ON s.seed_num = p.k % {seeds}"""
        )
        _clone_rows(con)
        # Only generated reports remain, so "30,000 reports" means exactly that.
        real = "SELECT report_id FROM reports WHERE report_id NOT LIKE 'gen%'"
        for table in PER_REPORT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE report_id IN ({real})")
        con.execute(f"DELETE FROM reports WHERE report_id IN ({real})")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def count_rows(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The number a `SELECT count(*) …` returns (such a query always yields exactly one row)."""
    row = con.execute(sql).fetchone()
    if row is None:
        raise RuntimeError(f"no row from {sql!r}")
    return int(row[0])


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def _clone_rows(con: duckdb.DuckDBPyConnection) -> None:
    overrides = {
        "report_id": "c.new_id",
        "region_name": "c.region_name",
        "report_year": "c.report_year",
        "year_span": "NULL",
        "source_file": "c.new_id || '.txt'",
        "title": "c.region_name || c.report_year || '年法治政府建设情况报告 (generated)'",
        "report_text": "'" + GENERATED_MARK + "'",
    }
    _insert_clone(con, "reports", overrides)
    for table in PER_REPORT_TABLES:
        scaled = "CASE WHEN t.unit IN ('%', '个百分点') THEN t.value ELSE round(t.value * c.factor) END"
        value_override = {"value": scaled} if table in ("figures", "observations") else {}
        _insert_clone(con, table, {"report_id": "c.new_id", **value_override})


def _insert_clone(con: duckdb.DuckDBPyConnection, table: str, overrides: dict[str, str]) -> None:
    columns: Sequence[str] = _columns(con, table)
    select = ", ".join(overrides.get(col, f"t.{col}") for col in columns)
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} t "
        "JOIN clone c ON c.seed_id = t.report_id"
    )
