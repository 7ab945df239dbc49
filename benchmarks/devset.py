"""The ETL scored on the labelled development set: figure recall, mapping precision and recall, values.

    python -m benchmarks.devset            # the three numbers and their counts
    python -m benchmarks.devset --errors   # also every miss and every wrong or doubtful assignment

Labels (tests/devset/labels.csv, written from the catalogue's definitions and the sentence alone, before
looking at the ETL's output; see tests/devset/README.md) name each figure by its file, its text as written
and a piece of its sentence. A label is found when an extracted figure overlaps its span. Of the figures
the ETL gave an indicator, precision counts those that agree with the label; a figure nobody labelled that
got an indicator counts against it (a number on a chart that is not in the report as that indicator).
Assignments the ETL marked as needing review are not automatic: they are counted apart.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from etl.config import REPORTS_DIR, ROOT
from etl.extract.pipeline import extract_file
from etl.extract.read import ReadError, normalise_text
from etl.models import Extraction

LABELS_CSV = ROOT / "tests" / "devset" / "labels.csv"
DEV_FILES = [REPORTS_DIR / "chongqing-qijiang-2021.txt", *sorted((REPORTS_DIR / "excerpts").glob("*.txt"))]


@dataclass(frozen=True)
class Label:
    file: str
    figure_text: str
    context: str
    value: float | None
    indicator_id: str | None
    measure: str | None
    note: str


@dataclass
class Score:
    labels: int = 0
    found: int = 0
    arabic_labels: int = 0  # labels written with Arabic digits: the held-back reports are scored on these
    arabic_found: int = 0
    labelled_indicators: int = 0
    assigned: int = 0
    assigned_right: int = 0
    recalled: int = 0
    needs_review: int = 0
    values_checked: int = 0
    values_wrong: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def figure_recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def arabic_figure_recall(self) -> float:
        return self.arabic_found / self.arabic_labels if self.arabic_labels else 1.0

    @property
    def precision(self) -> float:
        return self.assigned_right / self.assigned if self.assigned else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled_indicators if self.labelled_indicators else 1.0


def read_labels(path: Path = LABELS_CSV) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Label(
                file=row["file"],
                figure_text=row["figure_text"],
                context=row["context"],
                value=float(row["value"]) if row["value"].strip() else None,
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
    inner = context.find(figure)
    if at < 0 or inner < 0:
        return None
    return at + inner, at + inner + len(figure)


def _extract(path: Path) -> Extraction | None:
    try:
        return extract_file(path)
    except ReadError:
        return None  # refused: every label of the file is a miss


def _is_review(extraction: Extraction, index: int) -> bool:
    statuses = getattr(extraction, "assignment_statuses", None)
    if not statuses:
        return False
    return bool(statuses[index] == "needs_review")


def score(labels: list[Label], files: list[Path] = DEV_FILES) -> Score:
    by_file: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_file[label.file].append(label)
    result = Score()
    for path in files:
        extraction = _extract(path)
        figures = extraction.figures if extraction else ()
        ids = extraction.indicator_ids if extraction else ()
        text = extraction.document.text if extraction else normalise_text(path.read_text(encoding="utf-8"))
        matched: set[int] = set()
        for label in by_file.get(path.name, []):
            result.labels += 1
            is_arabic = any(ch.isdigit() for ch in label.figure_text)
            result.arabic_labels += is_arabic
            result.labelled_indicators += label.indicator_id is not None
            span = label_span(label, text)
            if span is None:
                result.errors.append(f"LABEL NOT IN TEXT {path.name}: {label.context}")
                continue
            hits = [i for i, f in enumerate(figures) if f.start < span[1] and span[0] < f.end]
            if not hits:
                result.errors.append(f"MISSED   {path.name}: {label.figure_text} in 「{label.context}」")
                continue
            result.found += 1
            result.arabic_found += is_arabic
            index = hits[0]
            matched.add(index)
            figure = figures[index]
            if label.value is not None:
                result.values_checked += 1
                if not math.isclose(figure.value, label.value, rel_tol=1e-9, abs_tol=1e-9):
                    result.values_wrong += 1
                    wrong = f"{figure.text} = {figure.value:g}, label {label.value:g}"
                    result.errors.append(f"VALUE    {path.name}: {wrong}")
            got = ids[index]
            # `got` is only ever set from an extraction's ids, so the check on `extraction` never changes the answer.
            if got is not None and extraction is not None and _is_review(extraction, index):
                result.needs_review += 1
                continue
            expected = label.indicator_id if label.measure is None else None
            if got is not None:
                result.assigned += 1
                if got == expected:
                    result.assigned_right += 1
                else:
                    result.errors.append(
                        f"WRONG    {path.name}: {figure.text} → {got}, label {expected or 'none'} 「{label.context}」"
                    )
            if expected is not None and got == expected:
                result.recalled += 1
            elif expected is not None and got is None:
                result.errors.append(f"GAP      {path.name}: {figure.text} should be {expected} 「{label.context}」")
        for index, (figure, got) in enumerate(zip(figures, ids, strict=True)):
            if index in matched or got is None or (extraction and _is_review(extraction, index)):
                continue
            result.assigned += 1
            sentence = text[figure.sentence_start : figure.sentence_end]
            result.errors.append(f"UNLABELLED {path.name}: {figure.text} → {got} 「{sentence[:60]}」")
    return result


def summary(result: Score) -> str:
    return "\n".join(
        [
            f"figure recall      {result.figure_recall:.3f}  ({result.found}/{result.labels} labelled figures found)",
            f"  Arabic digits    {result.arabic_figure_recall:.3f}  ({result.arabic_found}/{result.arabic_labels})",
            f"mapping precision  {result.precision:.3f}  ({result.assigned_right}/{result.assigned} automatic"
            " assignments right)",
            f"mapping recall     {result.recall:.3f}  ({result.recalled}/{result.labelled_indicators} labelled"
            " indicators assigned)",
            f"needs review       {result.needs_review}",
            f"values wrong       {result.values_wrong}/{result.values_checked}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.devset", description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss and every wrong assignment")
    args = parser.parse_args(argv)
    result = score(read_labels())
    print(summary(result))
    if args.errors:
        print()
        print("\n".join(sorted(result.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
