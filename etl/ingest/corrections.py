"""corrections.csv: manual indicator corrections as a file, versioned beside the reports.

Columns, exactly: region,year,figure_text,context,indicator_id,note. `context` is a piece of the figure's
sentence; an empty indicator_id says the figure is no indicator. Rows are numbered from 1 after the header
(the line in the file is one more). Checking them against the database is etl/store/corrections.py's job.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from etl.config import CORRECTIONS_FILE
from etl.models import Correction
from etl.store.corrections import CorrectionError

CSV_COLUMNS = ("region", "year", "figure_text", "context", "indicator_id", "note")


def parse_corrections(text: str, name: str, who: str = "csv") -> list[Correction]:
    """Every row of a corrections CSV; CorrectionError naming each malformed row (nothing is half-read)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = tuple(reader.fieldnames or ())
    if header[: len(CSV_COLUMNS)] != CSV_COLUMNS:
        raise CorrectionError([f"{name}: the header must be {','.join(CSV_COLUMNS)} (found {','.join(header)})"])
    corrections: list[Correction] = []
    problems: list[str] = []
    for number, row in enumerate(reader, start=1):
        origin = f"{name} row {number}"
        cells = {k: (row.get(k) or "").strip() for k in CSV_COLUMNS}
        missing = [k for k in ("region", "year", "figure_text", "context") if not cells[k]]
        if missing:
            problems.append(f"{origin}: empty {', '.join(missing)}")
            continue
        if not cells["year"].isdigit():
            problems.append(f"{origin}: year {cells['year']!r} is not a year")
            continue
        corrections.append(
            Correction(cells["region"], int(cells["year"]), cells["figure_text"], cells["context"],
                       cells["indicator_id"] or None, cells["note"], who, None, origin)
        )
    if problems:
        raise CorrectionError(problems)
    return corrections


def read_corrections(path: Path, who: str = "csv") -> list[Correction]:
    return parse_corrections(path.read_text(encoding="utf-8"), path.name, who)


def folder_corrections(folders: Iterable[Path]) -> list[Correction]:
    """The corrections.csv of each folder that has one, in folder order."""
    found: list[Correction] = []
    for folder in dict.fromkeys(folders):
        path = folder / CORRECTIONS_FILE
        if path.is_file():
            found.extend(parse_corrections(path.read_text(encoding="utf-8"), str(path), "corrections.csv"))
    return found


def write_corrections(corrections: Sequence[Correction], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in corrections:
        writer.writerow([c.region_name, c.report_year, c.figure_text, c.context, c.indicator_id or "", c.note])
