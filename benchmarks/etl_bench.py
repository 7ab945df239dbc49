"""ETL throughput and the DuckDB load, on a GENERATED corpus of N reports (see benchmarks/corpus.py).

Each N runs in a child process (`python -m benchmarks.etl_bench --child …`) so its peak memory is its own:
1. baseline: read the same N files and run one regular-expression scan over each (the floor any ETL pays);
2. extract: `etl.load.extract_paths` (a process pool above etl.load.PARALLEL_MIN_FILES files);
3. load: `etl.store.load_extractions` into a fresh database, counting the INSERT statements it issues.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.common import Result, run_child
from benchmarks.corpus import write_report_corpus

if TYPE_CHECKING:  # annotations only: `child` keeps its imports local, the parent process never needs them
    import duckdb
    import pandas as pd
    import pyarrow as pa

SCAN_RE = re.compile(r"\d+(?:\.\d+)?")
TARGET_RATE = 1000  # reports/s end to end
TARGET_RATIO = 10  # within 10x of read-and-scan
TARGET_3000_SECONDS = 10
TARGET_PEAK_MB = 1024


def baseline(files: list[Path]) -> float:
    """Seconds to read every file and scan it once for numbers."""
    start = time.perf_counter()
    for path in files:
        SCAN_RE.findall(path.read_bytes().decode("utf-8"))
    return time.perf_counter() - start


def child(corpus: Path, n: int, db_dir: Path) -> dict:
    import etl.store.writes as store
    from etl.catalogue.gazetteer import load_gazetteer
    from etl.extract.pipeline import default_catalogue
    from etl.ingest.load import extract_paths

    files = sorted(corpus.glob("generated-*.txt"))[:n]
    catalogue = default_catalogue()
    load_gazetteer()
    baseline(files)  # warm the page cache for both
    base = baseline(files)

    inserts = 0
    real_append = store._append

    def counting_append(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | pa.Table) -> None:
        nonlocal inserts
        inserts += 1
        real_append(con, table, frame)

    store._append = counting_append
    start = time.perf_counter()
    report = extract_paths(files, catalogue)
    extracted = time.perf_counter()
    store.load_extractions(db_dir / "bench.duckdb", report.extractions, catalogue)
    loaded = time.perf_counter()
    figures = sum(len(ex.figures) for ex in report.extractions)
    observations = sum(len({i for i in ex.indicator_ids if i}) for ex in report.extractions)
    return {
        "n": n,
        "reports": len(report.extractions),
        "baseline_s": base,
        "extract_s": extracted - start,
        "load_s": loaded - extracted,
        "figures": figures,
        "observations": observations,
        "inserts": inserts,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "mean_kb": sum(p.stat().st_size for p in files) / len(files) / 1024,
    }


def run(sizes: list[int], work: Path) -> list[Result]:
    corpus = work / "corpus"
    write_report_corpus(corpus, max(sizes))
    runs = []
    for n in sizes:
        db_dir = Path(tempfile.mkdtemp(dir=work))
        runs.append(run_child("benchmarks.etl_bench", "--child", str(corpus), str(n), str(db_dir)))
    results: list[Result] = []
    for r in runs:
        n, total = r["n"], r["extract_s"] + r["load_s"]
        rate = n / total
        per_report, base_per_report = total / n * 1000, r["baseline_s"] / n * 1000
        results.append(
            Result("etl", f"extract+load N={n:,}", per_report, "ms/report", base_per_report,
                   f">= {TARGET_RATE}/s; <= {TARGET_RATIO}x read+scan",
                   rate >= TARGET_RATE and per_report / base_per_report <= TARGET_RATIO,
                   f"{rate:,.0f} reports/s; {r['mean_kb']:.1f} KB/report; extract {r['extract_s']:.2f}s + "
                   f"load {r['load_s']:.2f}s; baseline = read + one regex scan")
        )
        if n == 3000:
            results.append(Result("etl", "3,000 reports end to end", total, "s", r["baseline_s"],
                                  f"< {TARGET_3000_SECONDS} s", total < TARGET_3000_SECONDS))
        peak = max(r["peak_mb"], r["worker_peak_mb"])
        results.append(
            Result("etl", f"peak memory N={n:,}", r["peak_mb"], "MB", None, f"< {TARGET_PEAK_MB} MB (N=3,000)",
                   peak < TARGET_PEAK_MB if n == 3000 else None,
                   f"max RSS of the loader; largest worker {r['worker_peak_mb']:.0f} MB")
        )
        rows = r["figures"] + r["observations"]
        results.append(
            Result("load", f"DuckDB load N={n:,}", rows / r["load_s"], "rows/s", None, "set-based",
                   r["inserts"] <= 7,
                   f"{r['figures']:,} figures + {r['observations']:,} observations in {r['load_s']:.2f}s; "
                   f"{r['inserts']} INSERT statements in all")
        )
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        per_first = (first["extract_s"] + first["load_s"]) / first["n"]
        per_last = (last["extract_s"] + last["load_s"]) / last["n"]
        results.append(
            Result("etl", f"time per report N={last['n']:,} vs N={first['n']:,}", per_last * 1000, "ms",
                   per_first * 1000, "~1x (linear)", None, "growth of total time with N; ratio 1 = linear")
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "N", "DB_DIR"), required=True)
    args = parser.parse_args()
    corpus, n, db_dir = args.child
    print(json.dumps(child(Path(corpus), int(n), Path(db_dir))))


if __name__ == "__main__":
    main()
