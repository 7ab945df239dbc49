"""Files and folders → extractions → one atomic database load, with a line per outcome."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from etl.catalogue import Catalogue
from etl.catalogue.gazetteer import load_gazetteer
from etl.config import DATA_DIR
from etl.extract.pipeline import default_catalogue, extract_file
from etl.extract.read import SUPPORTED_SUFFIXES, ReadError, file_label
from etl.ingest.corrections import folder_corrections
from etl.ingest.memory import paused_gc
from etl.ingest.sources import SourceRecord, SourceRecordError, load_source_records
from etl.models import Extraction
from etl.store import LoadOutcome, load_extractions, upgrade_schema

DEFAULT_DATA_DIR = DATA_DIR
Progress = Callable[[int, int, str], None]


@dataclass
class LoadReport:
    outcomes: list[LoadOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)

    @property
    def rejected(self) -> list[LoadOutcome]:
        return [o for o in self.outcomes if o.action == "rejected"]

    def count(self, action: str) -> int:
        return sum(o.action == action for o in self.outcomes)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[LoadOutcome]]:
    """Report files named directly or found in folders (recursively), in a stable order."""
    files: list[Path] = []
    problems: list[LoadOutcome] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(LoadOutcome(str(path), "rejected", f"{file_label(str(path))}: no such file or folder"))
    return files, problems


# Below this many files a pool costs more (worker start-up, pickling results back) than it saves.
PARALLEL_MIN_FILES = 64
# Files handed to a worker at a time: big enough to amortise the round trip, small enough to balance.
PARALLEL_CHUNK = 16
Extracted = Extraction | LoadOutcome


def extract_paths(
    files: Sequence[Path],
    catalogue: Catalogue | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> LoadReport:
    """Extract every file, in `files` order; large batches use a process per core (`workers` overrides)."""
    catalogue = catalogue or default_catalogue()
    records = _source_records(files)
    jobs = [(path, records.get(path.parent)) for path in files]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    # Workers use the shipped catalogue; a custom one (tests) keeps the batch in this process.
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES and catalogue is default_catalogue():
        results: Iterable[Extracted] = _extract_in_pool(jobs, workers)
    else:
        results = (_extract_one(path, folder_records, catalogue) for path, folder_records in jobs)
    report = LoadReport()
    with paused_gc():
        for index, (path, result) in enumerate(zip(files, results, strict=True), start=1):
            if progress:
                progress(index, len(files), str(path))
            if isinstance(result, LoadOutcome):
                report.outcomes.append(result)
                continue
            report.extractions.append(result)
            report.warnings.extend(result.warnings)
    return report


FolderRecords = dict[str, SourceRecord] | SourceRecordError | OSError


def _source_records(files: Sequence[Path]) -> dict[Path, FolderRecords]:
    """Each folder's sources.yml, read once; a broken one is kept as its error and rejects the folder's files."""
    records: dict[Path, FolderRecords] = {}
    for folder in dict.fromkeys(path.parent for path in files):
        try:
            records[folder] = load_source_records(folder)
        except (SourceRecordError, OSError) as error:
            records[folder] = error
    return records


def _extract_one(path: Path, records: FolderRecords | None, catalogue: Catalogue) -> Extracted:
    try:
        if isinstance(records, Exception):
            raise records
        return extract_file(path, (records or {}).get(path.name), catalogue)
    except (ReadError, SourceRecordError) as error:
        return LoadOutcome(str(path), "rejected", str(error))
    except OSError as error:
        return LoadOutcome(str(path), "rejected", f"{file_label(str(path))}: cannot read ({error.strerror})")


def _extract_job(job: tuple[Path, FolderRecords | None]) -> Extracted:
    return _extract_one(*job, default_catalogue())


def _extract_in_pool(jobs: list[tuple[Path, FolderRecords | None]], workers: int) -> Iterator[Extracted]:
    """Results in job order (`map` keeps it), so a parallel load stores and reports exactly what a serial one does."""
    # Forking is cheapest (workers inherit the loaded gazetteer and catalogue) but unsafe once other threads
    # exist (a Streamlit server): then workers start fresh.
    method = "fork" if threading.active_count() == 1 and "fork" in mp.get_all_start_methods() else "spawn"
    load_gazetteer()  # warm before forking, so no worker reads the CSVs again
    # Frozen objects are never traversed by a worker's garbage collector, so the inherited gazetteer and
    # catalogue pages stay shared instead of being copied into every worker.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method)) as pool:
            yield from pool.map(_extract_job, jobs, chunksize=PARALLEL_CHUNK)
    finally:
        gc.unfreeze()


def load_paths(
    paths: Sequence[Path], db_path: Path, progress: Progress | None = None, replace: bool = False
) -> LoadReport:
    """Extract every file, then load all good ones in one swap; bad files are reported, never half-loaded.

    `replace` lets a new version replace a stored one even when it would lose most of its figures. A
    corrections.csv beside the files is applied with them (CorrectionError on a bad row: nothing changes).
    """
    files, problems = discover(paths)
    corrections = folder_corrections([*(p for p in paths if p.is_dir()), *(f.parent for f in files)])
    catalogue = default_catalogue()
    report = extract_paths(files, catalogue, progress)
    rejected = [*problems, *report.rejected]
    # The batch's rows are built with the collector paused too (see etl.ingest.memory); only batch ingest pauses it.
    with paused_gc():
        stored = load_extractions(db_path, report.extractions, catalogue, rejected, allow_loss=replace,
                                  corrections=corrections)
    report.outcomes = [*stored, *rejected]
    return report


def ensure_database(db_path: Path, data_dir: Path = DEFAULT_DATA_DIR) -> bool:
    """Build the database on first start from data/reports (or from `data_dir` itself when it holds the reports).

    True when it had to be built. A folder with no report files is an error, not an empty dashboard.
    """
    if db_path.exists():
        upgrade_schema(db_path)  # a file an older version built gets the columns this version reads
        return False
    folder = data_dir / "reports" if (data_dir / "reports").is_dir() else data_dir
    files, _ = discover([folder])
    if not files:
        raise FileNotFoundError(f"{folder}: no report files ({', '.join(SUPPORTED_SUFFIXES)}) to build the database")
    load_paths([folder], db_path)
    return True
