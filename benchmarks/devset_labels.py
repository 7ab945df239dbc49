"""The development set's texts and labels: which texts there are, which part each is in, and what the labellers
said each figure is (see tests/devset/README.md). Read by the scorer (benchmarks/devset.py) and by the adjudication
of several labellers' labels (benchmarks/adjudication.py)."""

from __future__ import annotations

import csv
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

from etl.config import REPORTS_DIR, ROOT
from etl.extract.read import normalise_text

DEVSET_DIR = ROOT / "tests" / "devset"
LABELS_CSV = DEVSET_DIR / "labels.csv"  # the default report and the openings (labelled in stop 14)
LABEL_FILES_DIR = DEVSET_DIR / "labels"  # one CSV per labelling batch of the passages in TEXTS_DIR
TEXTS_DIR = DEVSET_DIR / "texts"
DEV_FILES = [REPORTS_DIR / "chongqing-qijiang-2021.txt", *sorted((REPORTS_DIR / "excerpts").glob("*.txt"))]
WORKING = "working"
VALIDATION = "validation"
PARTS = (WORKING, VALIDATION)
def is_validation(file_name: str) -> bool:
    """The split, made once: a passage is validation when the sha256 of its file name is 0 modulo 3. The texts
    of DEV_FILES are never validation (rules of earlier rounds were written against every one of them)."""
    if file_name in {p.name for p in DEV_FILES}:
        return False
    return int(hashlib.sha256(file_name.encode("utf-8")).hexdigest(), 16) % 3 == 0


@dataclass(frozen=True)
class DevText:
    """One labelled text: its file name and the report text the ETL reads (a passage's header left out)."""

    name: str
    text: str

    @property
    def part(self) -> str:
        return VALIDATION if is_validation(self.name) else WORKING


def passage_body(raw: str) -> str:
    """The published text of a passage file: everything after the header lines' first blank line."""
    head, blank, body = raw.partition("\n\n")
    return body if blank and all(":" in line for line in head.splitlines()) else raw


def passage_header(raw: str) -> dict[str, str]:
    head, _, _ = raw.partition("\n\n")
    return dict(line.split(":", 1) for line in head.splitlines() if ":" in line) if head else {}


def dev_texts(part: str | None = None) -> list[DevText]:
    """Every labelled text (of one part, when given), in file-name order within each source."""
    texts = [DevText(p.name, p.read_text(encoding="utf-8")) for p in DEV_FILES]
    texts += [DevText(p.name, passage_body(p.read_text(encoding="utf-8"))) for p in sorted(TEXTS_DIR.glob("*.txt"))]
    return [t for t in texts if part is None or t.part == part]


@dataclass(frozen=True)
class Label:
    file: str
    figure_text: str
    context: str
    value: float | None
    indicator_id: str | None
    measure: str | None
    note: str
    is_disputed: bool = False  # the labellers left it undecided (benchmarks/adjudication.py): not scored
    # Decimals the value was written with: 三分之二 labelled 0.667 is the 0.666667 it rounds to.
    value_decimals: int = 0

    def matches_value(self, value: float) -> bool:
        """The figure's value is the labelled one, to the precision the label was written with."""
        if self.value is None:
            return True
        if math.isclose(value, self.value, rel_tol=1e-9, abs_tol=1e-9):
            return True
        return self.value_decimals >= 2 and abs(value - self.value) <= 0.5 * 10 ** -self.value_decimals + 1e-12


def read_labels(paths: list[Path] | None = None) -> list[Label]:
    """The labels of every batch (LABELS_CSV and each CSV in LABEL_FILES_DIR), or of the files given."""
    paths = paths if paths is not None else [LABELS_CSV, *sorted(LABEL_FILES_DIR.glob("*.csv"))]
    return [label for path in paths for label in read_label_file(path)]


def read_label_file(path: Path) -> list[Label]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            Label(
                file=row["file"],
                figure_text=row["figure_text"],
                context=row["context"],
                value=float(row["value"]) if row["value"].strip() else None,
                value_decimals=len(row["value"].strip().partition(".")[2]),
                indicator_id=row["indicator_id"].strip() or None,
                measure=row["measure"].strip() or None,
                note=row["note"],
            )
            for row in csv.DictReader(handle)
        ]


def label_span(label: Label, text: str) -> tuple[int, int] | None:
    """Where the labelled figure stands in the extracted (normalised) text."""
    context = normalise_text(label.context).strip()
    figure = normalise_text(label.figure_text).strip()
    at = text.find(context)
    # A context is the words before its figure and the figure (tests/devset/README.md): where the figure occurs
    # twice in it (「规章 |\n0 |\n0」, 「主办1件、分办1件」), the one it ends with is meant.
    tail = len(context) - len(figure)
    # …but not a figure's last digits (修改5件、废止25件 ends with 5件 inside 25件).
    ends_with_it = figure and context.endswith(figure) and not (tail and context[tail - 1] in "0123456789.,")
    inner = tail if ends_with_it else context.find(figure)
    if at < 0 or inner < 0:
        return None
    return at + inner, at + inner + len(figure)
