"""When a figure was counted (etl/extract/periods.py, grammar.yaml `periods`): a count over several years or over
another year than the report's is not the report year's value, so its indicator needs review.

Sentences are written in the styles of several reports, not copied from the development set.
"""

from __future__ import annotations

import pytest

from etl.catalogue import default_catalogue
from etl.extract.assignment import assign_with_status
from etl.extract.doubts import PERIOD
from etl.extract.figures import extract_figures
from etl.extract.periods import load_periods, other_period_figures, parse_span
from etl.extract.pipeline import build_document, extract_text
from etl.extract.structure import find_sections, split_sentences
from etl.models import AUTOMATIC, NEEDS_REVIEW

# (sentence, figure, report year, year span, is counted over another period)
CASES: list[tuple[str, str, int | None, str | None, bool]] = [
    # Several years, whatever the report's year (even when it is unknown).
    ("三年来,全市各级行政复议机关共收到行政复议申请5230件。", "5230件", 2021, None, True),
    ("近五年,累计办理人大代表建议1120件。", "1120件", None, None, True),
    ("“十三五”期间,全县共调解矛盾纠纷2.1万件。", "2.1万件", 2020, None, True),
    ("2019—2021年,全区法院共受理一审行政诉讼案件864件。", "864件", 2021, None, True),
    ("2019年以来,县政府常务会议会前学法36次。", "36次", 2021, None, True),
    ("2018年6月以来受理法律援助案件13359件。", "13359件", 2022, None, True),
    # Since a body was founded: all it has done since; since a campaign began may be this year's.
    ("县公共法律服务中心成立以来,累计解答法律咨询3.2万人次。", "3.2万人次", 2023, None, True),
    ("专项行动开展以来,共排查矛盾纠纷316件。", "316件", 2023, None, False),
    # A span across years with its months named; not a span within the report's year.
    ("统计2019年4月至2021年3月期间生效合同,经过合法性审查的合同4655件。", "4655件", 2021, None, True),
    ("2021年1月至2021年6月,全县共受理行政复议申请31件。", "31件", 2021, None, False),
    # …unless it is the report's own year or span.
    ("2021年以来,县政府常务会议会前学法12次。", "12次", 2021, None, False),
    ("2016年以来,区政府常务会议会前学法45次。", "45次", 2020, "2016-2020", False),
    # Another year's object.
    ("完成2023年度全县126名党政主要负责人述法。", "126名", 2024, None, True),
    ("完成2024年度全县131名党政主要负责人述法。", "131名", 2024, None, False),
    # The nearest phrase decides: a later this-year phrase takes over from an earlier span.
    ("两年来持续推进复议体制改革,今年共收到行政复议申请402件。", "402件", 2022, None, False),
    # A comparison year is no period; a year inside a phrase is none either.
    ("收到行政复议申请402件,较2020年增长12%。", "402件", 2021, None, False),
    ("以2015年公布的权责清单为基础,承接行政许可事项15项。", "15项", 2016, None, False),
    # 一年来 is the report's year.
    ("一年来,全县共调解矛盾纠纷1350件。", "1350件", 2021, None, False),
]  # fmt: skip


def _figures(sentence: str):  # type: ignore[no-untyped-def]
    document = build_document(sentence)
    sentences = split_sentences(document.text, find_sections(document.text))
    return document, extract_figures(document.text, document.folded, sentences)


@pytest.mark.parametrize(("sentence", "figure", "year", "span", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_other_period(sentence: str, figure: str, year: int | None, span: str | None, expected: bool) -> None:
    document, figures = _figures(sentence)
    index = [f.text for f in figures].index(figure)
    ids = ["some_indicator"] * len(figures)
    assert (index in other_period_figures(document.folded, figures, ids, year, span)) is expected


def test_a_figure_with_no_indicator_is_never_doubted() -> None:
    document, figures = _figures("三年来,全市共收到行政复议申请5230件。")
    assert other_period_figures(document.folded, figures, [None] * len(figures), 2021) == set()


@pytest.mark.parametrize(
    ("span", "year", "expected"),
    [("2016-2020", 2020, (2016, 2020)), (None, 2021, (2021, 2021)), (None, None, None), ("2016年", 2016, (2016, 2016))],
)
def test_parse_span(span: str | None, year: int | None, expected: tuple[int, int] | None) -> None:
    assert parse_span(span, year) == expected


def test_the_assignment_keeps_the_indicator_and_asks_a_person() -> None:
    document, figures = _figures("两年来,全市各级行政复议机关共收到行政复议申请16830件,依法受理14555件。")
    assignment = assign_with_status(document.folded, figures, default_catalogue(), report_year=2017)
    assert assignment.indicator_ids == ["admin_review_applications", "admin_review_accepted"]
    assert assignment.statuses == [NEEDS_REVIEW, NEEDS_REVIEW]
    assert assignment.review_reasons == [PERIOD, PERIOD]


def test_a_whole_report_reads_its_own_year() -> None:
    text = (
        "某县人民政府关于2024年度法治政府建设情况的报告\n\n"
        "一、主要工作\n全面落实党政主要负责人履行推进法治建设第一责任人职责,完成2023年度全县126名党政主要负责人"
        "述法,完成2024年度全县131名党政主要负责人述法。全年共收到行政复议申请88件,依法受理80件,审结76件。"
        "深入推进依法行政,严格规范公正文明执法,法治政府建设取得新成效。\n"
    )
    extraction = extract_text(text, "county-2024.txt")
    assert extraction.meta.report_year == 2024
    by_text = {f.text: i for i, f in enumerate(extraction.figures)}
    old, new = by_text["126名"], by_text["131名"]
    assert extraction.indicator_ids[old] == extraction.indicator_ids[new] == "leaders_reporting_on_law"
    assert (extraction.assignment_statuses[old], extraction.review_reasons[old]) == (NEEDS_REVIEW, PERIOD)
    assert (extraction.assignment_statuses[new], extraction.review_reasons[new]) == (AUTOMATIC, None)


def test_every_period_phrase_holds_the_cue_that_finds_it_fast() -> None:
    grammar = load_periods()
    phrases = [c[0] for c in CASES] + [
        "近三年", "近5年来", "“十四五”以来", "2018年至2020年", "2019-2021年", "党的十八大以来", "2020年以来",
        "2019年至今", "2022年度", "本届政府以来", "三年多来", "十年间", "2018年6月以来", "平台上线以来",
    ]  # fmt: skip
    for sentence in phrases:
        for pattern in (grammar.many_years, grammar.since_year, grammar.year_of_object):
            for match in pattern.finditer(sentence):
                assert grammar.cue.search(match.group()), (sentence, match.group())
