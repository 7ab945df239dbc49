"""The ETL scored on the labelled development set: figure recall, mapping precision and recall, values.

    python -m benchmarks.devset                      # working and validation parts side by side
    python -m benchmarks.devset --errors             # also every miss and wrong assignment of the working part
    python -m benchmarks.devset --part validation    # the validation part alone: totals and error counts by kind
    python -m benchmarks.devset --batch l,m          # only the passages of batches l and m (a new batch's first score)

The set is the default report and the 41 openings in data/reports (every rule of the earlier rounds was written
against them: all working), and the passages in tests/devset/texts (header lines, a blank line, the text as
published), split once by a hash of each file's name (`is_validation`): two thirds working, one third validation.
Rules are written looking at the working part only; the validation part is scored by its totals and its error
counts by kind, never by its sentences — `--errors` refuses it.

Labels (tests/devset/labels.csv, written from the catalogue's definitions and the sentence alone, before
looking at the ETL's output; see tests/devset/README.md) name each figure by its file, its text as written
and a piece of its sentence. A label is found when an extracted figure overlaps its span. Of the figures
the ETL gave an indicator, precision counts those that agree with the label; a figure nobody labelled that
got an indicator counts against it (a number on a chart that is not in the report as that indicator).
Assignments the ETL marked as needing review are not automatic: they are counted apart.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.adjudication import adjudicated_labels
from benchmarks.devset_labels import (
    DEV_FILES,
    DEVSET_DIR,
    LABEL_FILES_DIR,
    LABELS_CSV,
    PARTS,
    TEXTS_DIR,
    VALIDATION,
    WORKING,
    DevText,
    Label,
    dev_texts,
    is_validation,
    label_span,
    passage_body,
    passage_header,
    read_label_file,
    read_labels,
)
from etl.extract.pipeline import extract_text
from etl.extract.read import ReadError, normalise_text
from etl.models import Extraction

_BATCH_RE = re.compile(r"([a-z]+)\d")  # a passage's batch: the letters its file name starts with (l07_… → l)
ADJUDICATED = "adjudicated"  # each figure's indicator by majority of up to three labellers (benchmarks/adjudication.py)
FIRST = "first"  # the first labeller's labels alone

__all__ = [
    "DEVSET_DIR",
    "DEV_FILES",
    "LABELS_CSV",
    "LABEL_FILES_DIR",
    "PARTS",
    "TEXTS_DIR",
    "VALIDATION",
    "WORKING",
    "DevText",
    "Label",
    "Score",
    "dev_texts",
    "is_validation",
    "label_span",
    "passage_body",
    "passage_header",
    "read_label_file",
    "read_labels",
    "score",
    "score_parts",
    "side_by_side",
]


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
    refused: int = 0  # whole texts the ETL would not load
    disputed: int = 0  # figures the labellers left undecided: neither precision nor recall counts them
    files: int = 0
    # Not in the repr: a failing assertion on a Score must not print the validation part's sentences.
    errors: list[str] = field(default_factory=list, repr=False)

    @property
    def error_counts(self) -> dict[str, int]:
        """How many errors of each kind (MISSED, WRONG, GAP, UNLABELLED, VALUE, REFUSED…): all a validation
        part may show."""
        counts: dict[str, int] = defaultdict(int)
        for error in self.errors:
            counts[error.split(" ", 1)[0]] += 1
        return dict(sorted(counts.items()))

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
    def review_share(self) -> float:
        """Of the figures the ETL gave an indicator, the share it marked needs_review instead of asserting."""
        total = self.assigned + self.needs_review
        return self.needs_review / total if total else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled_indicators if self.labelled_indicators else 1.0


def _extract(text: DevText) -> Extraction | None:
    try:
        return extract_text(text.text, text.name)
    except ReadError:
        return None  # refused: every label of the file is a miss


def _is_review(extraction: Extraction, index: int) -> bool:
    statuses = getattr(extraction, "assignment_statuses", None)
    if not statuses:
        return False
    return bool(statuses[index] == "needs_review")


def score(labels: list[Label], texts: list[DevText] | None = None) -> Score:
    by_file: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_file[label.file].append(label)
    result = Score()
    for dev_text in dev_texts() if texts is None else texts:
        path = Path(dev_text.name)
        result.files += 1
        extraction = _extract(dev_text)
        if extraction is None:
            result.refused += 1
            result.errors.append(f"REFUSED  {path.name}")
        figures = extraction.figures if extraction else ()
        ids = extraction.indicator_ids if extraction else ()
        text = extraction.document.text if extraction else normalise_text(dev_text.text)
        matched: set[int] = set()
        for label in by_file.get(path.name, []):
            result.labels += 1
            is_arabic = any(ch.isdigit() for ch in label.figure_text)
            result.arabic_labels += is_arabic
            result.labelled_indicators += label.indicator_id is not None and not label.is_disputed
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
                # A range (1-3名) is stored with both ends: a label may give either.
                ends = (figure.value,) if figure.value_low is None else (figure.value, figure.value_low)
                if not any(map(label.matches_value, ends)):
                    result.values_wrong += 1
                    wrong = f"{figure.text} = {figure.value:g}, label {label.value:g}"
                    result.errors.append(f"VALUE    {path.name}: {wrong}")
            got = ids[index]
            if label.is_disputed:
                result.disputed += 1
                continue
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
            f"texts              {result.files} ({result.refused} refused)",
            f"figure recall      {result.figure_recall:.3f}  ({result.found}/{result.labels} labelled figures found)",
            f"  Arabic digits    {result.arabic_figure_recall:.3f}  ({result.arabic_found}/{result.arabic_labels})",
            f"mapping precision  {result.precision:.3f}  ({result.assigned_right}/{result.assigned} automatic"
            " assignments right)",
            f"mapping recall     {result.recall:.3f}  ({result.recalled}/{result.labelled_indicators} labelled"
            " indicators assigned)",
            f"needs review       {result.needs_review}  ({result.review_share:.0%} of assignments sent to a person)",
            f"values wrong       {result.values_wrong}/{result.values_checked}",
            "errors by kind     " + (", ".join(f"{k} {n}" for k, n in result.error_counts.items()) or "none"),
        ]
    )


def score_parts(labels: list[Label] | None = None, batches: tuple[str, ...] = ()) -> dict[str, Score]:
    """The working and the validation part, each scored on its own texts (only `batches`' passages, when given:
    a passage's batch is the letters its file name starts with, `l07_…` → l)."""
    labels = read_labels() if labels is None else labels
    return {part: score(labels, [t for t in dev_texts(part) if _in_batches(t, batches)]) for part in PARTS}


def _in_batches(text: DevText, batches: tuple[str, ...]) -> bool:
    found = _BATCH_RE.match(Path(text.name).name)
    return not batches or (found is not None and found.group(1) in batches)


def side_by_side(parts: dict[str, Score]) -> str:
    rows = [("", *parts)]
    for name, measure in (
        ("texts", lambda s: f"{s.files}"),
        ("figure recall", lambda s: f"{s.figure_recall:.3f} ({s.found}/{s.labels})"),
        ("mapping precision", lambda s: f"{s.precision:.3f} ({s.assigned_right}/{s.assigned})"),
        ("mapping recall", lambda s: f"{s.recall:.3f} ({s.recalled}/{s.labelled_indicators})"),
        ("needs review", lambda s: f"{s.needs_review} ({s.review_share:.0%} of assignments)"),
        ("values wrong", lambda s: f"{s.values_wrong}/{s.values_checked}"),
        ("refused texts", lambda s: f"{s.refused}"),
        ("disputed figures", lambda s: f"{s.disputed}"),
    ):
        rows.append((name, *(measure(s) for s in parts.values())))
    kinds = sorted({k for s in parts.values() for k in s.error_counts} - {"REFUSED"})
    rows += [(f"errors: {k}", *(str(s.error_counts.get(k, 0)) for s in parts.values())) for k in kinds]
    width = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, width, strict=True)).rstrip() for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.devset", description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=[*PARTS, "all"], help="score one part (or all texts together)")
    parser.add_argument("--errors", action="store_true", help="list every miss and wrong assignment (working part)")
    parser.add_argument(
        "--batch", default="", help="comma-separated batch letters: score only those passages (both parts)",
    )
    parser.add_argument(
        "--labels", choices=[ADJUDICATED, FIRST], default=ADJUDICATED,
        help="score on the labels decided by majority of the labellers (default) or on the first labeller's alone",
    )
    args = parser.parse_args(argv)
    if args.errors and args.part in (VALIDATION, "all"):
        parser.error("--errors lists sentences: the validation part is read by its totals only")
    first = read_labels()
    decided, disputes = adjudicated_labels()
    labels = decided if args.labels == ADJUDICATED else first
    batches = tuple(b.strip() for b in args.batch.split(",") if b.strip())
    if batches and (args.part is not None or args.errors):
        parser.error("--batch scores both parts side by side; use it without --part and --errors")
    if args.part is None:
        parts = score_parts(labels, batches)
        print(f"labels: {args.labels} ({len(disputes)} figures disputed)")
        print(side_by_side(parts))
        if args.labels == ADJUDICATED:
            print(f"\nlabels: {FIRST} (one labeller)")
            print(side_by_side(score_parts(first, batches)))
        result = parts[WORKING]
    else:
        result = score(labels, dev_texts(None if args.part == "all" else args.part))
        print(summary(result))
    if args.errors:
        print()
        print("\n".join(sorted(result.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
