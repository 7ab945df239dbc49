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
        # No unit anywhere: not guessed. One row under a header may be a sentence set with tabs; two rows are a
        # table, whose numbers are figures without a unit.
        ("项目\t2021年\n收到申请\t61\n", []),
        ("项目\t2021年\n收到申请\t61\n受理\t57\n", [("61", 61.0, ""), ("57", 57.0, "")]),
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
        (
            "项目    收案    结案\n行政复议    135    128\n行政诉讼    20    18\n",
            [("135", 135.0, ""), ("128", 128.0, ""), ("20", 20.0, ""), ("18", 18.0, "")],
        ),
    ],
    ids=[
        "caption-tabs",
        "caption-blank-line",
        "space-aligned",
        "full-width-spaces",
        "header-units-spaces",
        "caption-brackets",
        "measure-unit",
        "unit-in-label-header",
        "caption-not-inherited",
        "prose",
        "no-unit",
        "no-unit-two-rows",
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


def stacked_figures(raw: str) -> list[tuple[str, float, str]]:
    """Figures of one-cell-a-line tables in a raw text, as the pipeline's document sees it."""
    from etl.extract.pipeline import build_document
    from etl.extract.stacked_tables import stacked_table_figures

    document = build_document(raw)
    found = stacked_table_figures(document.text, document.folded, split_sentences(document.text), set())
    assert all(document.text[f.start : f.end] == f.text for f in found)
    return [(f.text, f.value, f.unit) for f in found]


def stacked(*cells: str, caption: str = "表1:省直部门行政复议案件情况") -> str:
    """A table as a stripped page renders it: the caption, then each cell on a line, a blank line between."""
    return caption + "\n\n" + "\n\n".join(cells) + "\n\n以上为全部情况。\n"


# Tables whose markup a scrape stripped, one cell a line: the header cells, then each row's label and numbers.
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Two side-by-side tables under one header: the columns cannot be told, the numbers carry no unit.
        (
            stacked("收案数", "受理数", "收案数", "受理数", "省人社厅", "132", "118", "省卫健委", "7", "5"),
            [("132", 132.0, ""), ("118", 118.0, ""), ("7", 7.0, ""), ("5", 5.0, "")],
        ),
        # A label the scrape split over two lines is one row's.
        (
            stacked("收案数", "受理数", "市场监督", "管理局", "33", "23", "合计", "376", "250"),
            [("33", 33.0, ""), ("23", 23.0, ""), ("376", 376.0, ""), ("250", 250.0, "")],
        ),
        # A header over the label column and the value columns: a column's header names its unit.
        (
            stacked("性质类别", "件数", "百分比(%)", "城建环保", "69", "41.57", "合    计", "166", "100"),
            [("69", 69.0, ""), ("41.57", 41.57, "%"), ("166", 166.0, ""), ("100", 100.0, "%")],
        ),
        # The caption states the unit of every cell; a cell's own % wins.
        (
            stacked("项目", "收案", "结案", "复议", "135", "128", "诉讼", "20", "95%", caption="表2 案件情况(单位:件)"),
            [("135", 135.0, "件"), ("128", 128.0, "件"), ("20", 20.0, "件"), ("95%", 95.0, "%")],
        ),
        # A header, then one row of numbers without a label (the page cut the table short).
        (
            stacked("新收案件", "办结案件", "不予受理", "维持", "8745", "7574", "362", "2480"),
            [("8745", 8745.0, ""), ("7574", 7574.0, ""), ("362", 362.0, ""), ("2480", 2480.0, "")],
        ),
        # Serial numbers under 序号 and a header row of years are not figures.
        (
            stacked("序号", "单位", "收案", "1", "人社厅", "132", "2", "卫健委", "7", "3", "公安厅", "25"),
            [("132", 132.0, ""), ("7", 7.0, ""), ("25", 25.0, "")],
        ),
        (
            stacked("项目", "2020", "2021", "收案", "61", "57", "结案", "50", "49"),
            [("61", 61.0, ""), ("57", 57.0, ""), ("50", 50.0, ""), ("49", 49.0, "")],
        ),
        # Not tables: a page number between paragraphs, a date and a phone number in page chrome, prose lines.
        ("一、基本情况\n\n全年受理案件356件,办结350件。\n\n3\n\n二、主要做法\n\n推进依法行政。\n", []),
        ("发布时间\n\n2021-12-01\n\n电话\n\n0571-87654321\n\n浏览次数\n\n125\n", []),
        ("受理案件\n\n12\n\n结案\n\n10\n\n说明:以上数据截至年底。\n", []),
    ],
    ids=[
        "side-by-side", "split-label", "header-units", "caption-unit", "header-then-numbers", "serials", "years",
        "page-number", "page-chrome", "two-numbers",
    ],
)  # fmt: skip
def test_stacked_tables(raw: str, expected: list[tuple[str, float, str]]) -> None:
    assert stacked_figures(raw) == expected


def test_unitless_table_figures_join_the_report_without_an_indicator() -> None:
    cells = ["收到申请", "受理", "收到申请", "受理", "省人社厅", "132", "118", "省司法厅", "43", "31"]
    text = (
        "湖北省2020年度行政复议和行政应诉案件数据统计\n全省各级行政复议机构依法行政,推进法治政府建设。\n"
        "行政复议申请情况\n\n" + "\n\n".join(cells) + "\n"
    )
    extraction = extract_text(text, "stacked.txt")
    pairs = [(f.text, f.unit, i) for f, i in zip(extraction.figures, extraction.indicator_ids, strict=True)]
    assert pairs == [("132", "", None), ("118", "", None), ("43", "", None), ("31", "", None)]
