"""Quantities written without a unit (etl.extract.bare_figures): fractions, counts of named areas, ratios and
numbers whose unit the scrape lost. They are figures with no unit, never given an indicator."""

from __future__ import annotations

import pytest

from etl.extract.bare_figures import extract_bare_figures
from etl.extract.pipeline import extract_text
from etl.extract.structure import find_sections, split_sentences


def bare_figures(text: str) -> list[tuple[str, float, str, str | None]]:
    sentences = split_sentences(text, find_sections(text))
    found = extract_bare_figures(text, text, sentences, set())
    assert all(text[f.start : f.end] == f.text for f in found)
    return [(f.text, f.value, f.unit, f.qualifier) for f in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("占全国获奖项目总数的十分之一强。", [("十分之一强", 0.1, "", "强")]),
        ("案件占三分之二。", [("三分之二", 0.666667, "", None)]),
        ("通关时间均压缩一半以上。", [("一半以上", 0.5, "", "以上")]),
        ("共涉及六大方面21个问题。", [("六大", 6.0, "", None)]),
        ("6大行业行政执法部门负责人述法。", [("6大", 6.0, "", None)]),
        ("复议诉讼比值达2.6,同比增长。", [("2.6", 2.6, "", None)]),
        ("复议与诉讼案件数量比为2.12:1,上半年达到3.1 : 1。", [("2.12:1", 2.12, "", None), ("3.1 : 1", 3.1, "", None)]),
        ("法治专题讲座92,", [("92", 92.0, "", None)]),
        ("公众号订阅量1108。", [("1108", 1108.0, "", None)]),
        ("累计培训1800余,评查案卷370余。", [("1800余", 1800.0, "", "余"), ("370余", 370.0, "", "余")]),
        ("新收行政复议申请107(受理98件)。", [("107", 107.0, "", None)]),
    ],
)
def test_bare_quantities(sentence: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    assert bare_figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # Party congresses, a brigade, names in short quotations, sets that are names.
        "深入学习贯彻党的二十大精神和十九大报告,交警三大队。",
        "聚焦“三大战略、八大行动”,开展“八大行动”。",
        # Numbers that close a clause but count nothing: years, hotlines, appendices, tables, one-digit markers.
        "时间为2021。详见附件1。见表2,图3。拨打热线12345。办理方式3,",
        "版本号1.0,",
    ],
)
def test_not_bare_quantities(sentence: str) -> None:
    assert bare_figures(sentence) == []


def test_a_figure_with_a_unit_is_left_to_the_figure_step() -> None:
    # 办理事项26。: etl.extract.figures infers 项 from the noun; the span it took is not read again.
    text = "办理事项26。"
    sentences = split_sentences(text)
    assert [f.text for f in extract_bare_figures(text, text, sentences, set())] == ["26"]
    assert [f.text for f in extract_bare_figures(text, text, sentences, {4, 5})] == []


def test_bare_figures_join_the_report_without_an_indicator() -> None:
    text = (
        "某区2022年法治政府建设情况报告\n2022年,区政府深入推进依法行政,法治政府建设取得成效。\n"
        "全区新收行政复议申请86件,复议诉讼比值达2.6,涉及六大方面。\n"
    )
    extraction = extract_text(text, "bare.txt")
    pairs = [(f.text, f.unit, i) for f, i in zip(extraction.figures, extraction.indicator_ids, strict=True)]
    assert ("86件", "件", "admin_review_applications") in pairs
    assert ("2.6", "", None) in pairs and ("六大", "", None) in pairs


@pytest.mark.parametrize(("unit", "expected"), [("件", "admin_review_applications"), ("", None)])
def test_assignment_gives_no_indicator_to_a_unitless_figure(unit: str, expected: str | None) -> None:
    from etl.catalogue import default_catalogue
    from etl.extract.assignment import assign_with_status
    from etl.models import Figure

    text = "全区新收行政复议申请86件。"
    figure = Figure(86.0, unit, None, "86件", 10, 13, 0, len(text), None)
    assert assign_with_status(text, [figure], default_catalogue()).indicator_ids == [expected]
