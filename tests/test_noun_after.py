"""A count written before what it counts (etl/extract/noun_after.py): 召开4次专题会议 reads as 专题会议4次 when no label
fits the figure as written. Sentences in the styles of county, town and department reports, each a grammar case."""

from __future__ import annotations

import pytest

from etl.catalogue import Catalogue, default_catalogue
from etl.extract.assignment import assign_with_status
from etl.extract.figures import extract_figures
from etl.extract.pipeline import build_document
from etl.extract.structure import find_sections, split_sentences
from etl.models import AUTOMATIC
from tests.conftest import assignment_of
from ui.why import why_text


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.mark.parametrize(
    ("sentence", "figure", "indicator"),
    [
        # the head noun ends the clause, a few qualifying words before it
        ("街道成立法治建设领导小组,全年召开4次专题会议,研究部署法治建设重点任务。", "4次", "rule_of_law_meetings"),
        ("围绕宪法宣传周等重要节点,全年开展12场集中宣传活动。", "12场", "legal_education_events"),
        ("全年累计开展68场次广场法治宣传活动,组织送法下乡。", "68场次", "legal_education_events"),
        # a label across the figure: its act before, its noun after
        ("2023年,全镇主动公开143条信息,其中政务制度7条。", "143条", "info_disclosed"),
    ],
)
def test_the_noun_after_a_count_names_it(catalogue: Catalogue, sentence: str, figure: str, indicator: str) -> None:
    assert assignment_of(sentence, figure, catalogue) == (indicator, AUTOMATIC, None)


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # a verb after the count: a predicate, not the counted noun
        ("政府主要负责同志6次听取法治政府建设工作汇报。", "6次"),
        ("局党组选取5件作为局领导领办件。", "5件"),
        # an adverb in the phrase: what became of the things counted
        ("截至目前,县政府制发的13件规范性文件尚未报送备案。", "13件"),
        ("组织完成县处级领导干部集中轮训,并对2800名基层党员进行培训。", "2800名"),
        # the phrase runs on into another count
        ("市级行政权力事项从8780项削减至3843项。", "8780项"),
        ("向13个园区赋权398项。", "13个"),
        # a label behind a verb of its own inside the phrase
        ("在派出所共抽调60名公安辅警任司法所人民调解员。", "60名"),
        # a frequency, a norm, an ordinal
        ("县政府常务会议每半年听取1次法治政府建设情况汇报。", "1次"),
        ("筹备召开县委依法治县委员会第六、七、八次会议。", "八次"),
        # a total restated as a frame
        ("全年交由我局办理的建议中,43件市政协主办件中已办复40件。", "43件"),
    ],
)
def test_what_is_no_noun_after_its_count_stays_unassigned(catalogue: Catalogue, sentence: str, figure: str) -> None:
    assert assignment_of(sentence, figure, catalogue)[0] is None


def test_the_rule_says_the_noun_came_after_the_figure(catalogue: Catalogue) -> None:
    text = "全年开展12场集中宣传活动,宣传宪法和法律法规。"
    document = build_document(text)
    figures = extract_figures(document.text, document.folded, split_sentences(document.text, find_sections(text)))
    rule = assign_with_status(document.folded, figures, catalogue).rules[0]
    assert rule == "pattern=legal_education_events#2; label=集中宣传活动; scope=noun:集中宣传活动"
    assert why_text(rule, "zh").endswith("名词在数字之后「集中宣传活动」")
    assert why_text(rule, "en").endswith("the noun after the figure 「集中宣传活动」")


def test_a_label_that_fits_as_written_is_kept(catalogue: Catalogue) -> None:
    # 专题会议4次 needs no second reading; its rule names no noun scope.
    text = "街道成立法治建设领导小组,全年召开专题会议4次。"
    document = build_document(text)
    figures = extract_figures(document.text, document.folded, split_sentences(document.text, find_sections(text)))
    assignment = assign_with_status(document.folded, figures, catalogue)
    assert assignment.indicator_ids == ["rule_of_law_meetings"]
    assert "scope=noun" not in (assignment.rules[0] or "")
