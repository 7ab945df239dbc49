"""Prescribed tables (etl/catalogue/table_templates.yaml): the FOI annual report's cells get the indicator their row
and column name, in both editions of the form and both ways scrapes set it (pipes, blank lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from etl.extract.pipeline import build_document, extract_text
from etl.extract.table_templates import TEMPLATES_PATH, load_templates, template_cells
from etl.models import AUTOMATIC
from ui.why import why_text

OPENING = "2021年,本街道主动公开政府信息66条,政府信息公开工作依法有序开展。\n"

# The 2021 edition as a scrape that closes each cell with its column's pipe, rows of empty cells between.
EDITION_2021 = OPENING + """二、主动公开政府信息情况
第二十条第(一)项 |
|||
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
规章 |
1 |
0 |
3 |
行政规范性文件 |
4 |
2 |
17 |
第二十条第(五)项 |
|||
信息内容 |
本年处理决定数量 | ||
行政许可 |
35 | ||
第二十条第(六)项 |
|||
信息内容 |
本年处理决定数量 | ||
行政处罚 |
12 | ||
行政强制 |
0 | ||
三、收到和处理政府信息公开申请情况
"""

# The 2019–2020 edition, one cell a line with blank lines between, a header split over two lines.
EDITION_2020 = OPENING + """二、主动公开政府信息情况

第二十条第(一)项

信息内容

本年新
制作数量

本年新
公开数量

对外公开总数量

规章

0

0

2

规范性文件

5

5

41

第二十条第(六)项

信息内容

上一年项目数量

本年增/减

处理决定数量

行政处罚

3

1

9

行政强制

0

0

0
"""


def _readings(text: str) -> dict[str, tuple[str, float, str, str]]:
    """figure as written → (indicator, value, unit, status) of every figure the template assigned."""
    extraction = extract_text(text, "foi.txt")
    found = {}
    for index, figure in enumerate(extraction.figures):
        rule = extraction.assignment_rules[index] if extraction.assignment_rules else None
        if rule and rule.startswith("table="):
            key = extraction.document.text[figure.start - 12 : figure.end].replace("\n", "/")
            found[key] = (extraction.indicator_ids[index], figure.value, figure.unit, extraction.status_of(index))
    return found


def test_the_2021_edition_reads_rules_documents_and_penalties() -> None:
    readings = _readings(EDITION_2021)
    by_indicator = {
        (ind, value) for ind, value, unit, status in readings.values() if unit == "件" and status == AUTOMATIC
    }
    assert by_indicator == {
        ("gov_rules_enacted", 1),
        ("normative_docs_issued", 4),
        ("normative_docs_repealed", 2),
        ("normative_docs_in_force", 17),
        ("penalty_cases", 12),
    }


def test_the_2020_edition_reads_what_it_was_made_and_decided() -> None:
    readings = _readings(EDITION_2020)
    assert sorted((ind, value) for ind, value, _, _ in readings.values()) == [
        ("gov_rules_enacted", 0),
        ("normative_docs_issued", 5),
        ("penalty_cases", 9),
    ]


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("规章", "本年废止件数"), ("规章", "现行有效件数"),
        ("行政许可", "本年处理决定数量"), ("行政强制", "本年处理决定数量"),
    ],
)
def test_cells_the_template_does_not_declare_stay_unassigned(row: str, column: str) -> None:
    cells = template_cells(extract_text(EDITION_2021, "foi.txt").document.folded)
    assert (row, column) not in {(c.row_label, c.column_header) for c in cells.values()}
    assert len(cells) == 5


def test_a_row_with_a_lost_cell_is_not_read() -> None:
    # 行政规范性文件 has two values under three columns: which is which is unknown.
    damaged = EDITION_2021.replace("行政规范性文件 |\n4 |\n2 |\n17 |", "行政规范性文件 |\n4 |\n17 |")
    readings = _readings(damaged)
    assert {ind for ind, *_ in readings.values()} == {"gov_rules_enacted", "penalty_cases"}


def test_a_table_of_another_kind_is_left_alone() -> None:
    other = OPENING + "单位\n\n受理\n\n办结\n\n市场监管局\n\n12\n\n10\n\n交通局\n\n7\n\n7\n"
    assert template_cells(build_document(other).folded) == {}
    # Its header word alone is not the template: no column it declares follows it.
    assert template_cells(build_document(other.replace("单位", "信息内容")).folded) == {}


def test_the_rule_names_the_row_and_column_in_both_languages() -> None:
    extraction = extract_text(EDITION_2021, "foi.txt")
    rule = next(r for r, i in zip(extraction.assignment_rules, extraction.indicator_ids, strict=True)
                if i == "normative_docs_in_force")
    assert rule == "table=foi_annual_report; row=行政规范性文件; column=现行有效件数"
    assert why_text(rule, "zh") == "政府信息公开工作年度报告表格:行「行政规范性文件」 × 列「现行有效件数」"
    assert why_text(rule, "en").startswith("government information disclosure annual report table: row")


def test_every_declared_cell_names_a_catalogue_indicator_in_its_unit() -> None:
    from etl.catalogue import default_catalogue

    catalogue = {i.indicator_id: i for i in default_catalogue().indicators}
    cells = [c for t in load_templates() for c in t.cells]
    assert len(cells) == 5
    for cell in cells:
        assert cell.indicator_id in catalogue
        assert cell.unit == catalogue[cell.indicator_id].unit


def test_a_cell_naming_an_undeclared_column_is_refused(tmp_path: Path) -> None:
    spec = yaml.safe_load(TEMPLATES_PATH.read_text(encoding="utf-8"))
    spec["templates"][0]["cells"].append({"row": "^规章$", "column": "nowhere", "indicator": "x", "unit": "件"})
    path = tmp_path / "table_templates.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="nowhere"):
        load_templates(path)
