"""The compare and overview pages' queries (etl/queries.py) on a GENERATED database of N reports.

The database is cloned in SQL from one real load (benchmarks.corpus.build_scale_database), so 30,000 reports
take seconds to build. Each query runs against reports picked at random (fixed seed); the baseline is a
trivial query on the same connection, which measures the round trip and the machine's current speed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import duckdb

from benchmarks.common import Result, median, p95, repeat, timed
from benchmarks.corpus import build_scale_database, count_rows
from etl.ingest.load import load_paths
from etl.store import queries

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
TARGET_P95_MS = 100


# pages/compare.py: bars of one year for at most MAX_REGIONS regions, lines for at most MAX_TREND_REGIONS.
COMPARE_MAX_REGIONS = 15
COMPARE_TREND_REGIONS = 6


def _page_queries(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, Callable[[], object]]:
    """What the compare and overview pages ask for one report (see pages/compare.py, pages/overview.py)."""
    catalogue = queries.indicator_catalogue(con)
    headline = catalogue[catalogue["is_headline"]]["indicator_id"].head(3).tolist()
    index = queries.report_index(con)
    regions = sorted(set(index["region_name"].dropna()))
    rng = random.Random(7)

    def pick() -> str:
        return rng.choice(report_ids)

    def one_year() -> object:
        row = index.iloc[rng.randrange(len(index))]
        return queries.indicator_ranking(con, headline, str(row["year_label"]), COMPARE_MAX_REGIONS,
                                         str(row["region_name"]))

    def some_regions() -> object:
        return queries.indicator_values(con, headline, [], rng.sample(regions, COMPARE_TREND_REGIONS))

    return {
        "report_index (every page: region/year pickers)": lambda: queries.report_index(con),
        "report_details (every page: the chosen report)": lambda: queries.report_details(con, [pick()]),
        "list_reports (sources page: every column)": lambda: queries.list_reports(con),
        "compare: indicator_catalogue": lambda: queries.indicator_catalogue(con),
        "compare: report_observations": lambda: queries.report_observations(con, pick()),
        f"compare: indicator_ranking (3 indicators, one year, top {COMPARE_MAX_REGIONS})": one_year,
        f"compare: indicator_values (3 indicators, {COMPARE_TREND_REGIONS} regions, all years)": some_regions,
        "overview: report_observations": lambda: queries.report_observations(con, pick()),
        "overview: report_checks": lambda: queries.report_checks(con, [pick()]),
        "overview: previous_report": lambda: queries.previous_report(con, pick()),
    }


def run(n: int, work: Path, runs: int) -> list[Result]:
    seed = work / "seed.duckdb"
    load_paths([REPORTS], seed)
    db = work / f"scale-{n}.duckdb"
    build_seconds = timed(lambda: build_scale_database(db, n, seed))
    results = [Result("queries", f"build generated database N={n:,}", build_seconds, "s", note="SQL clone")]
    con = duckdb.connect(str(db), read_only=True)
    try:
        report_ids = [r[0] for r in con.execute("SELECT report_id FROM reports").fetchall()]
        counts = {t: count_rows(con, f"SELECT count(*) FROM {t}") for t in ("figures", "observations")}
        trivial = repeat(lambda: con.execute("SELECT count(*) FROM reports").fetchall(), runs)
        for name, query in _page_queries(con, report_ids).items():
            query()  # warm: first touch reads the column segments from disk
            samples = repeat(query, runs)
            worst = p95(samples) * 1000
            results.append(
                Result("queries", f"{name} N={len(report_ids):,}", worst, "ms p95", median(trivial) * 1000,
                       f"< {TARGET_P95_MS} ms p95", worst < TARGET_P95_MS,
                       f"median {median(samples) * 1000:.1f} ms over {runs} runs; "
                       f"{counts['figures']:,} figures, {counts['observations']:,} observations")
            )
    finally:
        con.close()
    return results
