"""Table rows: bare numbers whose unit is in a column header, a row label or the table caption."""

import pytest

from etl.extract.pipeline import extract_text
from etl.extract.structure import split_sentences
from etl.extract.tables import extract_table_figures


def table_figures(text: str) -> list[tuple[str, float, str]]:
    return [(f.text, f.value, f.unit) for f in extract_table_figures(text, text, split_sentences(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("单位:件\n项目\t2021年\n收到申请\t61\n受理\t57\n", [("61", 61.0, "件"), ("57", 57.0, "件")]),
        ("项目\t数量(件)\t金额(万元)\n调解纠纷\t5169\t7690\n", [("5169", 5169.0, "件"), ("7690", 76_900_000.0, "元")]),
        ("项目\t2021年\n审计项目(个)\t41\n成功率\t98.45%\n", [("41", 41.0, "个"), ("98.45%", 98.45, "%")]),
        ("项目 | 数量(件) | 备注\n调解 | 1,234余 | 全年\n", [("1,234余", 1234.0, "件")]),
        # No unit anywhere: not guessed.
        ("项目\t2021年\n收到申请\t61\n", []),
        # Serial numbers and years are labels, not figures.
        ("序号\t事项(项)\n1\t12\n2\t30\n", [("12", 12.0, "项"), ("30", 30.0, "项")]),
        ("年份\t数量(件)\n2021\t61\n", [("61", 61.0, "件")]),
        # A second header row starts a new table with its own units.
        (
            "项目\t数量(件)\n收到\t61\n名称\t金额(万元)\n节约\t8461.36\n",
            [("61", 61.0, "件"), ("8461.36", 84_613_600.0, "元")],
        ),
    ],
)
def test_table_units(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert table_figures(text) == expected


def test_table_figures_join_the_report_and_map_to_indicators() -> None:
    text = (
        "重庆市綦江区2021年度法治政府建设情况报告\n2021年,綦江区深入推进法治政府建设,依法行政水平不断提升。\n"
        "行政复议情况(单位:件)\n项目\t2021年\n收到行政复议申请\t61\n依法受理复议申请\t57\n"
    )
    extraction = extract_text(text, "table.txt")
    pairs = [(f.text, f.unit, i) for f, i in zip(extraction.figures, extraction.indicator_ids, strict=True)]
    assert ("61", "件", "admin_review_applications") in pairs
    assert ("57", "件", "admin_review_accepted") in pairs
