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


def document_table_figures(raw: str) -> list[tuple[str, float, str]]:
    """Table figures of a raw text as the pipeline sees it (normalised: runs of spaces become one)."""
    from etl.extract.pipeline import build_document

    document = build_document(raw)
    found = extract_table_figures(document.text, document.folded, split_sentences(document.text))
    assert all(document.text[f.start : f.end] == f.text for f in found)
    return [(f.text, f.value, f.unit) for f in found]


CAPTION = "表1 2022年行政复议案件情况(单位:件)"


# Real-style tables whose unit stands in a caption or a header, as scrapes and readers render them: tab-separated
# (HTML and DOCX readers), aligned with runs of spaces or full-width spaces (a page or PDF copied as text).
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"{CAPTION}\n项目\t收案\t结案\n行政复议\t135\t128\n", [("135", 135.0, "件"), ("128", 128.0, "件")]),
        # A blank line between the caption and its table.
        (f"{CAPTION}\n\n项目\t收案\t结案\n行政复议\t135\t128\n", [("135", 135.0, "件"), ("128", 128.0, "件")]),
        # Space-aligned columns, with and without a header over the label column.
        (
            f"{CAPTION}\n项目      收案      结案\n行政复议    135     128\n行政诉讼    20      18\n",
            [("135", 135.0, "件"), ("128", 128.0, "件"), ("20", 20.0, "件"), ("18", 18.0, "件")],
        ),
        (
            f"{CAPTION}\n\u3000\u3000收案\u3000\u3000结案\n行政复议\u3000135\u3000128\n",
            [("135", 135.0, "件"), ("128", 128.0, "件")],
        ),
        ("项目    数量(件)    办结率(%)\n行政复议    135    94.8\n", [("135", 135.0, "件"), ("94.8", 94.8, "%")]),
        # A caption naming its unit in brackets, 计量单位, and a unit in the header's label cell.
        ("表2 行政应诉案件情况(件)\n项目\t一审\t二审\n应诉\t36\t12\n", [("36", 36.0, "件"), ("12", 12.0, "件")]),
        ("计量单位:万元\n项目\t金额\n节约资金\t8461.36\n", [("8461.36", 84_613_600.0, "元")]),
        ("项目(单位:件)\t收案\t结案\n行政复议\t135\t128\n", [("135", 135.0, "件"), ("128", 128.0, "件")]),
        # A caption is its own table's: the next table, after a blank line, has no unit and gives nothing.
        (f"{CAPTION}\n项目\t收案\n复议\t135\n\n项目\t收案\n诉讼\t20\n", [("135", 135.0, "件")]),
        # Running text typeset with spaces is no table, and a table without a unit gives nothing.
        ("单位:件\n全年受理案件 356 件,调解成功 350 件。\n办结 120 件 结案 118 件\n", []),
        ("项目    收案    结案\n行政复议    135    128\n", []),
    ],
    ids=[
        "caption-tabs", "caption-blank-line", "space-aligned", "full-width-spaces", "header-units-spaces",
        "caption-brackets", "measure-unit", "unit-in-label-header", "caption-not-inherited", "prose", "no-unit",
    ],
)
def test_tables_as_scraped(raw: str, expected: list[tuple[str, float, str]]) -> None:
    assert document_table_figures(raw) == expected


def test_table_figures_join_the_report_and_map_to_indicators() -> None:
    text = (
        "重庆市綦江区2021年度法治政府建设情况报告\n2021年,綦江区深入推进法治政府建设,依法行政水平不断提升。\n"
        "行政复议情况(单位:件)\n项目\t2021年\n收到行政复议申请\t61\n依法受理复议申请\t57\n"
    )
    extraction = extract_text(text, "table.txt")
    pairs = [(f.text, f.unit, i) for f, i in zip(extraction.figures, extraction.indicator_ids, strict=True)]
    assert ("61", "件", "admin_review_applications") in pairs
    assert ("57", "件", "admin_review_accepted") in pairs
