"""Breakdowns (etl/extract/breakdowns.py): parts listed after a total are a dimension of the total's indicator."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.catalogue import Catalogue, default_catalogue
from etl.extract.assignment import assign_with_status
from etl.extract.breakdowns import Breakdown, breakdowns_of
from etl.extract.figures import extract_figures
from etl.extract.grammar import changes_of
from etl.extract.pipeline import build_document
from etl.extract.structure import find_sections, split_sentences

# (sentence, [(figure, indicator, breakdown)]): phrasings of review, litigation and mediation reports.
CASES: list[tuple[str, list[tuple[str, str | None, Breakdown | None]]]] = [
    ("全年受理行政复议案件120件,其中涉及公安类45件、自然资源类30件、市场监管类12件。", [
        ("120件", "admin_review_accepted", None),
        ("45件", None, Breakdown("admin_review_accepted", "涉及公安类")),
        ("30件", None, Breakdown("admin_review_accepted", "自然资源类")),
        ("12件", None, Breakdown("admin_review_accepted", "市场监管类")),
    ]),
    ("全年新收行政应诉案件86件,其中以区政府为被告的21件,以部门为被告的65件。", [
        ("86件", "admin_litigation_cases", None),
        ("21件", None, Breakdown("admin_litigation_cases", "以区政府为被告")),
        ("65件", None, Breakdown("admin_litigation_cases", "以部门为被告")),
    ]),
    ("调解各类矛盾纠纷5169件,其中婚姻家庭纠纷1203件,邻里纠纷987件。", [
        ("5169件", "mediation_cases", None),
        ("1203件", None, Breakdown("mediation_cases", "婚姻家庭纠纷")),
        ("987件", None, Breakdown("mediation_cases", "邻里纠纷")),
    ]),
    # A part that is itself an indicator stays that indicator (is_part members of a family).
    ("受理行政复议申请135件,其中不予受理9件。", [
        ("135件", "admin_review_accepted", None), ("9件", "admin_review_not_accepted", None),
    ]),
    # A change is a change, not a part; a part larger than the total, or in another unit, is no part.
    ("全年受理行政复议案件120件,同比增长12%,其中涉及公安类450件、占比37.5%。", [
        ("120件", "admin_review_accepted", None), ("12%", None, None), ("450件", None, None), ("37.5%", None, None),
    ]),
    # Without 其中 a list is not a breakdown.
    ("全年受理行政复议案件120件,办理法律援助案件45件。", [
        ("120件", "admin_review_accepted", None), ("45件", "legal_aid_cases", None),
    ]),
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_breakdowns(catalogue: Catalogue, sentence: str, expected: list) -> None:
    document = build_document(sentence)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    ids = assign_with_status(document.folded, figures, catalogue).indicator_ids
    parts = breakdowns_of(document.folded, figures, ids, changes_of(document.folded, figures, ids))
    assert [(f.text, i, b) for f, i, b in zip(figures, ids, parts, strict=True)] == expected


def test_a_stored_breakdown_is_shown_as_a_part_of_its_indicator(tmp_path: Path) -> None:
    from etl.ingest import load_paths
    from tests.conftest import query
    from ui.tables import figure_role

    report = tmp_path / "report.txt"
    report.write_text(
        "重庆市某某区人民政府关于2023年法治政府建设情况的报告\n"
        "2023年,我区深入推进法治政府建设。全年受理行政复议案件120件,其中涉及公安类45件、自然资源类30件。"
        "全区法治政府建设取得新成效,依法行政水平持续提升,行政复议工作规范有序。\n",
        encoding="utf-8",
    )
    db = tmp_path / "test.duckdb"
    load_paths([report], db)
    rows = query(db, "SELECT text, indicator_id, breakdown_of, breakdown_label FROM figures ORDER BY figure_num")
    assert rows == [
        ("120件", "admin_review_accepted", None, None),
        ("45件", None, "admin_review_accepted", "涉及公安类"),
        ("30件", None, "admin_review_accepted", "自然资源类"),
    ]
    row = {"indicator_id": None, "breakdown_of": "admin_review_accepted", "breakdown_label": "涉及公安类",
           "breakdown_name_zh": "行政复议受理件数", "breakdown_name_en": "Administrative review cases accepted"}
    assert figure_role(row, "zh") == "行政复议受理件数·分项:涉及公安类"
    assert figure_role(row, "en") == "Administrative review cases accepted · part: 涉及公安类"
    assert figure_role({"indicator_id": None, "change_of": "x", "change_name_zh": "某指标"}, "zh") == "某指标·变化"


def test_the_upload_review_says_whose_part_a_figure_is() -> None:
    from etl.extract.pipeline import extract_bytes
    from ui.curation import figures_table, staged_rows

    text = (
        "重庆市某某区人民政府关于2023年法治政府建设情况的报告\n"
        "2023年,我区深入推进法治政府建设。全年受理行政复议案件120件,其中涉及公安类45件。"
        "全区法治政府建设取得新成效,依法行政水平持续提升,行政复议工作规范有序。\n"
    )
    ex = extract_bytes(text.encode("utf-8"), "report.txt")
    names = {"admin_review_accepted": "行政复议受理件数"}
    table = figures_table(staged_rows(ex, {}), "zh", names)
    assert list(table["指标"]) == ["行政复议受理件数", "— · 行政复议受理件数·分项:涉及公安类"]


@pytest.mark.parametrize(
    ("sentence", "is_ok", "zh_detail"),
    [
        ("全年受理行政复议案件120件,其中涉及公安类45件、自然资源类30件。", True,
         "分项 45件、30件 合计 75件 ≤ 总数 120件"),
        ("全年受理行政复议案件120件,其中涉及公安类80件、自然资源类60件。", False,
         "分项 80件、60件 合计 140件 > 总数 120件"),
    ],
)  # fmt: skip
def test_parts_add_up_to_no_more_than_their_total(sentence: str, is_ok: bool, zh_detail: str) -> None:
    from etl.extract.pipeline import extract_bytes
    from ui.check_text import check_detail, check_name

    text = f"重庆市某某区人民政府关于2023年法治政府建设情况的报告\n2023年,我区深入推进法治政府建设。{sentence}\n"
    ex = extract_bytes(text.encode("utf-8"), "report.txt")
    (check,) = [c for c in ex.checks if c.rule == "parts_within_total"]
    assert (check.indicator_id, check.is_ok) == ("admin_review_accepted", is_ok)
    row = {"rule": check.rule, "indicator_id": check.indicator_id, "is_ok": check.is_ok, "detail": check.detail,
           "params": dict(check.params)}
    assert check_name(row, "zh").startswith("分项之和不超过合计:")
    assert check_detail(row, "zh") == zh_detail
    assert check_detail(row, "en").startswith("parts 4" if is_ok else "parts 8")
