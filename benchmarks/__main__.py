"""`python -m benchmarks [--quick] [--only etl,queries,pages,browser]`: run the benchmarks, print one table.

--quick uses CI-sized inputs (seconds, not minutes); the full run uses the sizes of the performance targets.
All generated data goes to a temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Result, table, write_json

GROUPS = ("etl", "queries", "pages", "browser")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI-sized inputs")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated subset of {', '.join(GROUPS)}")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown benchmark group(s): {', '.join(unknown)}")

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results: list[Result] = []
    try:
        results = run(groups, args.quick, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if results:
            print(table(results))
            if args.json:
                write_json(results, args.json)
    return 0


def run(groups: list[str], quick: bool, work: Path) -> list[Result]:
    results: list[Result] = []
    runs = 3 if quick else 7
    if "etl" in groups:
        from benchmarks import etl_bench

        results += etl_bench.run([20, 100] if quick else [100, 1000, 3000], work)
        _progress(results)
    if "queries" in groups:
        from benchmarks import query_bench

        results += query_bench.run(300 if quick else 30_000, work, 10 if quick else 50)
        _progress(results)
    charts: dict[str, tuple[str, int]] = {}
    if "pages" in groups or "browser" in groups:
        from benchmarks import page_bench
        from etl.ingest.load import load_paths

        db = work / "pages.duckdb"
        load_paths([page_bench.ROOT_REPORTS], db)
        page_results, charts = page_bench.run(db, runs)
        if "pages" in groups:
            results += page_results
            _progress(results)
    if "browser" in groups:
        from benchmarks import browser_bench

        results += browser_bench.run(charts, 2 if quick else 5)
    return results


def _progress(results: list[Result]) -> None:
    print(f"... {len(results)} measurements so far", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
