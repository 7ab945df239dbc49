"""Adding a batch to the development set (benchmarks/devset_batch.py): pages reserved or used are refused, a batch
with a label that names no literal, unique context, an unknown indicator or a passage without its header is
refused with the file and row named, and the CLI exits 1 on either."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from benchmarks.devset_batch import (
    DEVSET,
    OK,
    PHRASEBANK,
    RESERVED,
    check_urls,
    main,
    url_key,
    used_urls,
    validate_batch,
)
from etl.catalogue import load_catalogue

HEADER = "url: http://gov.example.cn/a.html\ntitle: x\nyear: 2023\nregion: 某县\nlevel: county\nkind: annual_report\n" \
         "province: 某省\n\n"
BODY = "全年办理法律援助案件312件,调解矛盾纠纷86件。调解矛盾纠纷是重点。"
COLUMNS = "file,figure_text,context,value,unit,indicator_id,measure,note\n"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://Gov.Example.cn/a/", "gov.example.cn/a"),
        ("http://gov.example.cn/a.html?x=1", "gov.example.cn/a.html?x=1"),
    ],
)
def test_a_url_is_keyed_as_the_reserved_list_keys_it(url: str, key: str) -> None:
    assert url_key(url) == key


def test_reserved_and_used_pages_are_refused() -> None:
    reserved = {hashlib.sha256(b"judge.example.cn/r.html").hexdigest()}
    used = {"gov.example.cn/d.html": DEVSET, "gov.example.cn/p.html": PHRASEBANK}
    urls = ["https://judge.example.cn/r.html/", "http://gov.example.cn/d.html", "http://gov.example.cn/p.html",
            "http://gov.example.cn/new.html"]
    assert [verdict for verdict, _ in check_urls(urls, reserved, used)] == [RESERVED, DEVSET, PHRASEBANK, OK]


def test_the_development_set_and_phrase_bank_pages_count_as_used() -> None:
    used = used_urls()
    assert sum(v == DEVSET for v in used.values()) >= 500
    assert sum(v == PHRASEBANK for v in used.values()) >= 300


def _batch(tmp_path: Path, labels: str, header: str = HEADER) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "z01_mou_2023.txt").write_text(header + BODY, encoding="utf-8")
    (tmp_path / "labels.csv").write_text(COLUMNS + labels, encoding="utf-8")
    return tmp_path


def test_a_clean_batch_has_no_problems(tmp_path: Path) -> None:
    batch = _batch(tmp_path, "z01_mou_2023.txt,312件,办理法律援助案件312件,312,件,legal_aid_cases,,\n")
    assert validate_batch(batch, set(load_catalogue().by_id)) == []
    assert main(["validate", str(batch)]) == 0


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("z01_mou_2023.txt,86件,调解矛盾纠纷,86,件,,,\n", "figure 86件 not in its context"),
        ("z01_mou_2023.txt,86件,调解矛盾纠纷 86件,86,件,,,\n", "context found 0 times"),
        ("z01_mou_2023.txt,312件,案件312件,312,件,legal_aid_casez,,\n", "unknown indicator legal_aid_casez"),
        ("z02_other.txt,312件,案件312件,312,件,,,\n", "no passage z02_other.txt"),
        ("z01_mou_2023.txt,312件,案件312件,312,件,legal_aid_cases,pct,\n", "measure must be one of"),
    ],
)
def test_a_bad_label_is_named_by_its_row(tmp_path: Path, row: str, problem: str) -> None:
    batch = _batch(tmp_path, row)
    problems = validate_batch(batch, set(load_catalogue().by_id))
    assert any(p.startswith("labels.csv row 2: ") and problem in p for p in problems), problems
    assert main(["validate", str(batch)]) == 1


def test_a_passage_without_its_header_or_labels_is_refused(tmp_path: Path) -> None:
    batch = _batch(tmp_path, "", header="url: http://gov.example.cn/a.html\n\n")
    problems = validate_batch(batch, set(load_catalogue().by_id))
    assert "z01_mou_2023.txt: header lacks year, region, level, kind, province" in problems
    assert "z01_mou_2023.txt: no label" in problems
