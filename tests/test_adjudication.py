"""Labels decided by majority (benchmarks/adjudication.py): agreement stands, a third vote breaks a tie, a figure
left undecided is out of precision and recall."""

from __future__ import annotations

import pytest

from benchmarks.adjudication import Vote, adjudicate, agreement, decide
from benchmarks.devset import Label, score
from benchmarks.devset_labels import DevText

TEXT = (
    "某县2023年法治政府建设情况报告\n2023年,全县深入推进依法行政,受理行政复议申请120件,审结112件。"
    "组织开展普法宣传活动45场次,发放宣传资料3万份。\n"
)
FILE = "county.txt"
REVIEW: Vote = ("admin_review_applications", None)
CONCLUDED: Vote = ("admin_review_concluded", None)
NONE: Vote = (None, None)


def _label(figure: str, context: str, indicator: str | None) -> Label:
    return Label(FILE, figure, context, None, indicator, None, "")


@pytest.mark.parametrize(
    ("first", "second", "third", "decided"),
    [
        (REVIEW, REVIEW, None, REVIEW),  # agreement stands
        (REVIEW, None, None, REVIEW),  # the second did not list it: uncontested
        (REVIEW, NONE, NONE, NONE),  # the third sides with the second
        (REVIEW, NONE, REVIEW, REVIEW),  # … or with the first
        (REVIEW, NONE, None, None),  # no third vote yet: disputed
        (REVIEW, NONE, CONCLUDED, None),  # three answers: disputed
    ],
)
def test_majority_decides(first: Vote, second: Vote | None, third: Vote | None, decided: Vote | None) -> None:
    assert decide(first, second, third) == decided


def test_adjudicated_labels_and_disputes() -> None:
    first = [
        _label("120件", "受理行政复议申请120件", "admin_review_applications"),
        _label("112件", "审结112件", "admin_review_concluded"),
        _label("45场次", "普法宣传活动45场次", "legal_education_events"),
        _label("3万份", "发放宣传资料3万份", None),
    ]
    second = [
        _label("120件", "申请120件", "admin_review_applications"),  # agrees
        _label("112件", "审结112件", None),  # disagrees: the third sides with the first
        _label("45场次", "活动45场次", None),  # disagrees: no third vote → disputed
        _label("3万份", "资料3万份", "legal_materials_distributed"),  # only the second: the third confirms
    ]
    third = [
        _label("112件", "112件", "admin_review_concluded"),
        _label("3万份", "3万份", "legal_materials_distributed"),
    ]
    decided, disputes = adjudicate(first, second, third, {FILE: TEXT})
    by_figure = {(label.figure_text, label.is_disputed): label.indicator_id for label in decided}
    assert by_figure[("120件", False)] == "admin_review_applications"
    assert by_figure[("112件", False)] == "admin_review_concluded"
    assert by_figure[("45场次", True)] == "legal_education_events"
    assert by_figure[("3万份", False)] == "legal_materials_distributed"
    assert [(d.figure_text, d.votes) for d in disputes] == [
        ("45场次", (("legal_education_events", None), NONE, None))
    ]
    found = agreement(first, second, {FILE: TEXT})
    assert (found.agree, found.differ, found.first_only, found.second_only) == (1, 0, 2, 1)
    assert found.second_precision == pytest.approx(1 / 2)
    assert found.second_recall == pytest.approx(1 / 3)


def test_a_disputed_figure_counts_neither_right_nor_wrong() -> None:
    text = DevText(FILE, TEXT)
    labels = [
        _label("120件", "受理行政复议申请120件", "admin_review_accepted"),
        _label("112件", "审结112件", "admin_review_concluded"),
        Label(FILE, "45场次", "普法宣传活动45场次", 45, None, None, "", is_disputed=True),
        _label("3万份", "发放宣传资料3万份", "legal_materials_distributed"),
    ]
    result = score(labels, [text])
    assert result.disputed == 1
    # The ETL gives 45场次 an indicator; disputed, it is neither an error nor a right answer.
    assert (result.assigned_right, result.assigned) == (3, 3)
    assert result.labelled_indicators == 3
    assert not [e for e in result.errors if "45场次" in e]
