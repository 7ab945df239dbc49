"""Adding a batch of passages to the development set (tests/devset/README.md says how a batch is labelled).

    python -m benchmarks.devset_batch check-url URL…   # RESERVED / DEVSET / PHRASEBANK / ok for each page
    python -m benchmarks.devset_batch validate DIR     # DIR/texts/*.txt and DIR/labels.csv, before they are added

A harvesting session runs `check-url` on every candidate page (a page reserved for judging, or already in the
development set or the phrase bank, is not used) and `validate` on its batch before handing it over: every
passage has its header lines, every label's context is a literal substring of its passage (after the header),
unique in it and holding its figure, and names a catalogue indicator or none. Both exit 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from benchmarks.devset_labels import DEVSET_DIR, passage_body, passage_header
from etl.catalogue import load_catalogue
from etl.config import REPORTS_DIR, ROOT

RESERVED_LIST = ROOT.parent / "shared" / "corpus" / "reserved-url-sha256.txt"
PHRASEBANK_DIR = ROOT / "tests" / "phrasebank"
HEADER_FIELDS = ("url", "year", "region", "level", "kind", "province")
LABEL_COLUMNS = ["file", "figure_text", "context", "value", "unit", "indicator_id", "measure", "note"]
MEASURES = ("", "change", "change_pct")
RESERVED, DEVSET, PHRASEBANK, OK = "RESERVED", "DEVSET", "PHRASEBANK", "ok"


def url_key(url: str) -> str:
    """A page's URL as the reserved list keys it: no scheme, no trailing slash, lower case."""
    return re.sub(r"^https?://", "", url.strip()).rstrip("/").lower()


def reserved_hashes(path: Path = RESERVED_LIST) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"}


def used_urls(devset_dir: Path = DEVSET_DIR, phrasebank_dir: Path = PHRASEBANK_DIR) -> dict[str, str]:
    """url key → DEVSET or PHRASEBANK, for every page the development set or the phrase bank already holds."""
    used: dict[str, str] = {}
    for path in sorted(phrasebank_dir.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("url"):
                    used[url_key(row["url"])] = PHRASEBANK
    sources = [*sorted((devset_dir / "texts").glob("*.txt")), *sorted(REPORTS_DIR.rglob("*.txt"))]
    for path in sources:
        url = passage_header(path.read_text(encoding="utf-8")).get("url", "").strip()
        if url:
            used[url_key(url)] = DEVSET
    return used


def check_urls(urls: Iterable[str], reserved: set[str], used: dict[str, str]) -> list[tuple[str, str]]:
    """(verdict, url) per page: RESERVED (kept for judging), DEVSET, PHRASEBANK (already used) or ok."""
    verdicts = []
    for url in urls:
        key = url_key(url)
        if hashlib.sha256(key.encode()).hexdigest() in reserved:
            verdicts.append((RESERVED, url))
        else:
            verdicts.append((used.get(key, OK), url))
    return verdicts


def validate_batch(batch_dir: Path, indicator_ids: set[str]) -> list[str]:
    """Every problem of a batch (texts/*.txt, labels.csv), one line each naming the file and row; empty when none."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    for path in sorted((batch_dir / "texts").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        missing = [f for f in HEADER_FIELDS if f not in passage_header(raw)]
        if missing:
            problems.append(f"{path.name}: header lacks {', '.join(missing)}")
        texts[path.name] = passage_body(raw)
    labels = batch_dir / "labels.csv"
    if not labels.exists():
        return [*problems, f"{labels}: no labels"]
    labelled: set[str] = set()
    with labels.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != LABEL_COLUMNS:
            return [*problems, f"{labels.name}: columns must be {','.join(LABEL_COLUMNS)}"]
        for number, row in enumerate(reader, start=2):
            where = f"{labels.name} row {number}"
            body = texts.get(row["file"])
            labelled.add(row["file"])
            if body is None:
                problems.append(f"{where}: no passage {row['file']}")
            elif body.count(row["context"]) != 1:
                problems.append(f"{where}: context found {body.count(row['context'])} times in {row['file']}")
            if row["figure_text"] not in row["context"]:
                problems.append(f"{where}: figure {row['figure_text']} not in its context")
            if row["indicator_id"] and row["indicator_id"] not in indicator_ids:
                problems.append(f"{where}: unknown indicator {row['indicator_id']}")
            if row["measure"] not in MEASURES:
                problems.append(f"{where}: measure must be one of {MEASURES}")
    problems += [f"{name}: no label" for name in sorted(set(texts) - labelled)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.devset_batch", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-url", help="may this page be used? RESERVED / DEVSET / PHRASEBANK / ok")
    check.add_argument("urls", nargs="+")
    validate = commands.add_parser("validate", help="check a batch folder (texts/*.txt, labels.csv)")
    validate.add_argument("batch_dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check-url":
        verdicts = check_urls(args.urls, reserved_hashes(), used_urls())
        print("\n".join(f"{verdict} {url}" for verdict, url in verdicts))
        return 0 if all(verdict == OK for verdict, _ in verdicts) else 1
    problems = validate_batch(args.batch_dir, set(load_catalogue().by_id))
    print("\n".join(problems) or f"{args.batch_dir}: no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
