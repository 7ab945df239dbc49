"""Files and folders → extractions → one atomic database load, with a line per outcome."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from etl.indicators import Catalogue
from etl.models import Extraction
from etl.pipeline import default_catalogue, extract_file
from etl.read import SUPPORTED_SUFFIXES, ReadError, file_label
from etl.sources import SourceRecordError, load_source_records
from etl.store import LoadOutcome, load_extractions

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
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


def extract_paths(
    files: Sequence[Path], catalogue: Catalogue | None = None, progress: Progress | None = None
) -> LoadReport:
    catalogue = catalogue or default_catalogue()
    report = LoadReport()
    records_by_folder: dict[Path, dict] = {}
    for index, path in enumerate(files, start=1):
        if progress:
            progress(index, len(files), str(path))
        try:
            folder = path.parent
            if folder not in records_by_folder:
                records_by_folder[folder] = load_source_records(folder)
            extraction = extract_file(path, records_by_folder[folder].get(path.name), catalogue)
        except (ReadError, SourceRecordError) as error:
            report.outcomes.append(LoadOutcome(str(path), "rejected", str(error)))
            continue
        except OSError as error:
            problem = f"{file_label(str(path))}: cannot read ({error.strerror})"
            report.outcomes.append(LoadOutcome(str(path), "rejected", problem))
            continue
        report.extractions.append(extraction)
        report.warnings.extend(extraction.warnings)
    return report


def load_paths(paths: Sequence[Path], db_path: Path, progress: Progress | None = None) -> LoadReport:
    """Extract every file, then load all good ones in one swap; bad files are reported, never half-loaded."""
    files, problems = discover(paths)
    catalogue = default_catalogue()
    report = extract_paths(files, catalogue, progress)
    rejected = [*problems, *report.rejected]
    stored = load_extractions(db_path, report.extractions, catalogue, rejected)
    report.outcomes = [*stored, *rejected]
    return report


def ensure_database(db_path: Path, data_dir: Path = DEFAULT_DATA_DIR) -> bool:
    """Build the database from data/reports on first start; True when it had to be built."""
    if db_path.exists():
        return False
    load_paths([data_dir / "reports"], db_path)
    return True
