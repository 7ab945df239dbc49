"""The phrase bank (tests/phrasebank/): how real reports word each indicator, one sentence a row.

Every row is a real published sentence; the ETL must assert its indicator automatically, or, for a row that
names none, assert no indicator (a part, another body's count or another act may wait for review, never be
charted).
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from benchmarks.devset_labels import TEXTS_DIR, passage_header
from etl.catalogue import Catalogue, default_catalogue
from etl.config import ROOT
from etl.models import AUTOMATIC
from tests.conftest import assignment_of

BANK = Path(__file__).resolve().parent / "phrasebank"
RESERVED = ROOT.parent / "shared" / "corpus" / "reserved-url-sha256.txt"
COLUMNS = ["url", "sentence", "figure", "indicator_id", "note"]


class Phrase(NamedTuple):
    file: str
    line: int
    url: str
    sentence: str
    figure: str
    indicator_id: str | None


def read_bank() -> list[Phrase]:
    rows: list[Phrase] = []
    for path in sorted(BANK.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == COLUMNS, f"{path.name}: columns {reader.fieldnames}"
            for line, row in enumerate(reader, start=2):
                rows.append(Phrase(path.name, line, row["url"], row["sentence"], row["figure"],
                                   row["indicator_id"] or None))
    return rows


PHRASES = read_bank()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def automatic_indicator(text: str, figure_text: str, catalogue: Catalogue) -> str | None:
    """The indicator the ETL asserts automatically for the figure written `figure_text` (None: none, or review)."""
    indicator_id, status, _ = assignment_of(text, figure_text, catalogue)
    return indicator_id if status == AUTOMATIC else None


def _url_key(url: str) -> str:
    return re.sub(r"^https?://", "", url.strip()).rstrip("/").lower()


def test_the_bank_is_there_and_well_formed(catalogue: Catalogue) -> None:
    assert len(PHRASES) >= 100
    reserved: set[str] = set()
    if RESERVED.exists():  # a clean clone has no ../shared: the check runs where the list is
        lines = RESERVED.read_text(encoding="utf-8").splitlines()
        reserved = {line.strip() for line in lines if line and line[0] != "#"}
    devset = {_url_key(passage_header(p.read_text(encoding="utf-8"))["url"]) for p in TEXTS_DIR.glob("*.txt")}
    seen: set[tuple[str, str]] = set()
    for phrase in PHRASES:
        where = f"{phrase.file}:{phrase.line}"
        assert phrase.url.startswith(("http://", "https://")), where
        key = _url_key(phrase.url)
        assert hashlib.sha256(key.encode()).hexdigest() not in reserved, f"{where}: a page reserved for judging"
        assert key not in devset, f"{where}: a page of the development set"
        assert phrase.figure in phrase.sentence, where
        assert phrase.indicator_id is None or phrase.indicator_id in catalogue.by_id, where
        assert (phrase.sentence, phrase.figure) not in seen, f"{where}: twice"
        seen.add((phrase.sentence, phrase.figure))


@pytest.mark.parametrize("phrase", PHRASES, ids=[f"{p.file}:{p.line}" for p in PHRASES])
def test_phrase(catalogue: Catalogue, phrase: Phrase) -> None:
    assert automatic_indicator(phrase.sentence, phrase.figure, catalogue) == phrase.indicator_id, phrase.sentence
