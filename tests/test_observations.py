"""One value per report and indicator: the written rule that picks the observation among repeated statements."""

from __future__ import annotations

import pytest

from etl.extract.doubts import SECOND_VALUE
from etl.extract.figures import extract_figures
from etl.extract.observations import choose_observations
from etl.extract.pipeline import build_document, extract_text
from etl.extract.structure import find_sections, split_sentences
from etl.models import AUTOMATIC, CONFIRMED, CORRECTED, NEEDS_REVIEW


def chosen_texts(text: str, ids_by_text: dict[str, str]) -> dict[str, str]:
    document = build_document(text)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    ids = [ids_by_text.get(f.text) for f in figures]
    return {i: figures[n].text for i, n in choose_observations(document.folded, figures, ids).items()}


@pytest.mark.parametrize(
    ("text", "ids", "expected"),
    [
        # The full-year total beats a part stated first.
        ("古南街道调解纠纷320件。全年共调解矛盾纠纷5169件。", {"320件": "m", "5169件": "m"}, {"m": "5169件"}),
        # The whole jurisdiction beats a quarter.
        ("一季度调解纠纷1200件,全区调解纠纷5169件。", {"1200件": "m", "5169件": "m"}, {"m": "5169件"}),
        # No clause speaks of the whole: the first statement.
        ("调解纠纷5169件。调解纠纷5100件。", {"5169件": "m", "5100件": "m"}, {"m": "5169件"}),
        # Two totals: the first of them.
        ("全年调解纠纷5169件。全区共调解纠纷5170件。", {"5169件": "m", "5170件": "m"}, {"m": "5169件"}),
    ],
)
def test_observation_is_the_report_wide_total(text: str, ids: dict[str, str], expected: dict[str, str]) -> None:
    assert chosen_texts(text, ids) == expected


# What makes a few sentences a report: its title and an opening in a report's words.
OPENING = ("某县2023年法治政府建设年度报告\n2023年,某县深入推进依法行政,加快建设法治政府,严格规范公正文明执法,"
           "法治政府建设取得新成效。\n")


def statuses_by_text(text: str) -> dict[str, tuple[str | None, str, str | None]]:
    extraction = extract_text(OPENING + text, "second_values.txt")
    return {
        figure.text: (extraction.indicator_ids[i], extraction.status_of(i), extraction.review_reasons[i])
        for i, figure in enumerate(extraction.figures)
    }


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # A second, different value under the same words is a part or a stage: a person decides. The observation
        # (the total with 全县共) stays automatic.
        ("全县共受理矛盾纠纷2681起,成功调处化解2628起。其中,县联合调解中心受理纠纷2177起,成功调处化解2021起。",
         "2021起", ("mediation_success", NEEDS_REVIEW, SECOND_VALUE)),
        ("全县共受理矛盾纠纷2681起,成功调处化解2628起。其中,县联合调解中心受理纠纷2177起,成功调处化解2021起。",
         "2628起", ("mediation_success", AUTOMATIC, None)),
        # The same value again is no doubt; nor is an approximate restatement (约32% of 32.49%).
        ("全市共办理法律援助案件968件。法律援助案件968件全部结案。", "968件", ("legal_aid_cases", AUTOMATIC, None)),
        ("全市行政机关一审败诉率为32.49%。一审行政案件败诉率约32%,较上年下降。", "32%",
         ("admin_litigation_loss_rate", AUTOMATIC, None)),
    ],
)
def test_a_second_value_of_an_indicator_needs_review(
    text: str, figure: str, expected: tuple[str | None, str, str | None]
) -> None:
    assert statuses_by_text(text)[figure] == expected


def test_a_second_value_in_another_unit_is_no_doubt() -> None:
    # 人次 and 人 count different things (attendances, people): both can be the indicator's statements.
    text = "全县组织公职人员法治培训,覆盖干部200余人次。组织全县80余名公职人员参加法治轮训。"
    got = statuses_by_text(text)
    assert {t: got[t][1:] for t in ("200余人次", "80余名")} == {
        "200余人次": (AUTOMATIC, None),
        "80余名": (AUTOMATIC, None),
    }


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        # An automatic figure before one that needs review, wherever they stand.
        ({"5169件": NEEDS_REVIEW, "320件": AUTOMATIC}, "320件"),
        # A person's decision before the ETL's (etl/store/corrections.py rebuilds the observations with it).
        ({"5169件": AUTOMATIC, "320件": CONFIRMED}, "320件"),
        ({"5169件": CORRECTED, "320件": AUTOMATIC}, "5169件"),
        # Neither: the total over the whole area.
        ({"5169件": AUTOMATIC, "320件": AUTOMATIC}, "5169件"),
    ],
)
def test_the_observation_prefers_a_persons_decision_then_the_etls(statuses: dict[str, str], expected: str) -> None:
    document = build_document("古南街道调解纠纷320件。全年共调解矛盾纠纷5169件。")
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    chosen = choose_observations(document.folded, figures, ["m"] * len(figures), [statuses[f.text] for f in figures])
    assert figures[chosen["m"]].text == expected
