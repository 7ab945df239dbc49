"""One value per report and indicator: the written rule that picks the observation among repeated statements."""

from __future__ import annotations

import pytest

from etl.extract.figures import extract_figures
from etl.extract.observations import choose_observations
from etl.extract.pipeline import build_document
from etl.extract.structure import find_sections, split_sentences


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
