"""The ETL on the labelled development set: the scores may rise, never fall, on both parts.

`python -m benchmarks.devset` prints the working and the validation part side by side; `--errors` lists every
miss and wrong assignment of the working part (the only part rules are written against). The floors are the
measured scores of stop 16: a change that lowers one fails here, a change that raises one should raise its floor.
"""

from __future__ import annotations

import csv
import hashlib

import pytest

from benchmarks.adjudication import SECOND_DIR, THIRD_DIR, adjudicated_labels, read_votes
from benchmarks.devset import (
    DEV_FILES,
    LABEL_FILES_DIR,
    LABELS_CSV,
    TEXTS_DIR,
    VALIDATION,
    WORKING,
    DevText,
    Label,
    Score,
    dev_texts,
    is_validation,
    label_span,
    passage_header,
    read_labels,
    score,
    score_parts,
    side_by_side,
)
from benchmarks.devset_batch import reserved_hashes, url_key
from etl.catalogue import load_catalogue
from etl.config import ROOT
from etl.extract.read import normalise_text

# (part, measure) → floor, as measured during stop 25 (python -m benchmarks.devset), on 798 texts (552 working, 246
# validation; stop 25 added batches aj to am, fresh text). The issue-17 bar on the validation part is precision
# 0.95, recall 0.85, figure recall 0.95: precision and recall not reached yet.
FLOORS: dict[tuple[str, str], float] = {
    (WORKING, "figure_recall"): 5344 / 5450,
    (WORKING, "precision"): 924 / 1060,
    (WORKING, "recall"): 924 / 1286,
    (VALIDATION, "figure_recall"): 2502 / 2602,
    (VALIDATION, "precision"): 344 / 457,
    (VALIDATION, "recall"): 344 / 590,
}
# The same on the labels decided by majority of up to three blind labellers (benchmarks/adjudication.py).
ADJUDICATED_FLOORS: dict[tuple[str, str], float] = {
    (WORKING, "figure_recall"): 5344 / 5451,
    (WORKING, "precision"): 954 / 1060,
    (WORKING, "recall"): 954 / 1304,
    (VALIDATION, "figure_recall"): 2502 / 2602,
    (VALIDATION, "precision"): 351 / 457,
    (VALIDATION, "recall"): 351 / 603,
}
RESERVED = ROOT.parent / "shared" / "corpus" / "reserved-url-sha256.txt"


@pytest.fixture(scope="module")
def parts() -> dict[str, Score]:
    return score_parts()


@pytest.mark.parametrize(("part", "measure"), sorted(FLOORS))
def test_scores_do_not_fall(parts: dict[str, Score], part: str, measure: str) -> None:
    print(side_by_side(parts))  # both parts in the test log (pytest -s): printed by one command
    value = getattr(parts[part], measure)  # a float: the assertion prints totals, never a part's errors
    assert value >= FLOORS[(part, measure)] - 1e-9, side_by_side(parts)


@pytest.fixture(scope="module")
def adjudicated_parts() -> dict[str, Score]:
    return score_parts(adjudicated_labels()[0])


@pytest.mark.parametrize(("part", "measure"), sorted(ADJUDICATED_FLOORS))
def test_adjudicated_scores_do_not_fall(adjudicated_parts: dict[str, Score], part: str, measure: str) -> None:
    floor = ADJUDICATED_FLOORS[(part, measure)]
    value = getattr(adjudicated_parts[part], measure)
    assert value >= floor - 1e-9, side_by_side(adjudicated_parts)


def test_no_figure_is_given_a_wrong_value_in_the_validation_part(parts: dict[str, Score]) -> None:
    assert parts[VALIDATION].values_checked >= 400
    assert parts[VALIDATION].values_wrong == 0


def test_wrong_values_of_the_working_part_are_the_known_glued_list_markers(parts: dict[str, Score]) -> None:
    # A scrape glued list numbers to counts (3 + 13个市州 → 313个): a known limit, listed in the README.
    wrong = [e for e in parts[WORKING].errors if e.startswith("VALUE")]
    assert len(wrong) <= 3, wrong


def test_the_split_is_by_file_name_and_keeps_a_third_unseen() -> None:
    texts = dev_texts()
    validation = [t for t in texts if t.part == VALIDATION]
    passages = list(TEXTS_DIR.glob("*.txt"))
    assert len(passages) >= 150
    assert len(validation) >= 60
    # The texts every earlier rule was written against are all working.
    assert not any(is_validation(p.name) for p in DEV_FILES)
    # The split is a pure function of the name: stable as passages are added.
    for text in validation:
        assert int(hashlib.sha256(text.name.encode()).hexdigest(), 16) % 3 == 0


def test_passages_have_headers_and_none_is_reserved_for_judging() -> None:
    reserved = reserved_hashes(RESERVED)
    seen: set[str] = set()
    for path in sorted(TEXTS_DIR.glob("*.txt")):
        header = passage_header(path.read_text(encoding="utf-8"))
        assert {"url", "year", "region", "level", "kind", "province"} <= set(header), path.name
        url = header["url"].strip()
        assert hashlib.sha256(url_key(url).encode()).hexdigest() not in reserved, f"{path.name}: reserved for judging"
        assert url not in seen, f"{path.name}: the same page twice"
        seen.add(url)


def test_labels_are_well_formed() -> None:
    # The first labels, and the second labelling and third votes the adjudication reads.
    ids = set(load_catalogue().by_id)
    texts = {t.name: normalise_text(t.text) for t in dev_texts()}
    raw = {t.name: t.text for t in dev_texts()}
    rows = 0
    votes = [*sorted(SECOND_DIR.glob("*.csv")), *sorted(THIRD_DIR.glob("*.csv"))]
    for path in [LABELS_CSV, *sorted(LABEL_FILES_DIR.glob("*.csv")), *votes]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                rows += 1
                where = f"{path.name} row {number}"
                assert row["file"] in texts, f"{where}: unknown file {row['file']}"
                assert raw[row["file"]].count(row["context"]) == 1, f"{where}: context not unique in the file"
                assert row["figure_text"] in row["context"], f"{where}: figure not in its context"
                assert not row["indicator_id"] or row["indicator_id"] in ids, f"{where}: {row['indicator_id']}"
                assert row["measure"] in ("", "change", "change_pct"), f"{where}: measure {row['measure']}"
    assert rows == len(read_labels()) + len(read_votes(SECOND_DIR)) + len(read_votes(THIRD_DIR))
    assert len(read_labels()) >= 1500


@pytest.mark.parametrize(
    ("written", "value", "matches"),
    [("0.667", 2 / 3, True), ("98.45", 98.45, True), ("98.45", 98.46, False), ("22", 10.0, False),
     ("0.5", 0.52, False)],
)
def test_a_label_value_matches_to_the_precision_it_was_written_with(written: str, value: float, matches: bool) -> None:
    label = Label("f.txt", "x", "x", float(written), None, None, "", value_decimals=len(written.partition(".")[2]))
    assert label.matches_value(value) is matches


@pytest.mark.parametrize(("written", "wrong"), [("1", 0), ("3", 0), ("2", 1)])
def test_a_range_matches_a_label_at_either_end(written: str, wrong: int) -> None:
    # The README asks for a range's low value; the ETL keeps both ends (1-3名: value 3, value_low 1).
    text = "2023年法治政府建设情况报告\n" + "全面推进依法行政。" * 20 + "每个村配备调解员1-3名,全年调解纠纷120件。"
    label = Label("r.txt", "1-3名", "调解员1-3名", float(written), None, None, "")
    result = score([label], [DevText("r.txt", text)])
    assert (result.values_checked, result.values_wrong) == (1, wrong)


@pytest.mark.parametrize(
    ("context", "figure", "text", "span"),
    [
        # a table row's third cell: the context ends with the figure it means
        ("规章 |\n0 |\n0 |\n0", "0", "表\n规章 |\n0 |\n0 |\n0 |\n", (15, 16)),
        ("主办1件、分办1件", "1件", "其中主办1件、分办1件。", (9, 11)),
        # the figure before more words: its one occurrence, or the first when the context does not end with it
        ("新登记的16.3万户市场", "16.3万户", "全年新登记的16.3万户市场主体", (6, 12)),
        ("0 | 0.0% | -100.0% |\n合计", "0", "x0 | 0.0% | -100.0% |\n合计", (1, 2)),
        # a context that ends with another figure's last digits names the figure's own occurrence
        ("修改5件、废止25件", "5件", "全年修改5件、废止25件。", (4, 6)),
    ],
)
def test_a_label_names_the_occurrence_its_context_ends_with(
    context: str, figure: str, text: str, span: tuple[int, int]
) -> None:
    label = Label("f.txt", figure, context, None, None, None, "")
    assert label_span(label, text) == span
