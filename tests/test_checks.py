import pytest

from etl.extract.checks import load_check_rules, run_checks
from etl.models import Figure


def fig(value: float, unit: str, text: str = "") -> Figure:
    return Figure(
        value=value,
        unit=unit,
        qualifier=None,
        text=text or f"{value:g}{unit}",
        start=0,
        end=1,
        sentence_start=0,
        sentence_end=1,
        section_num=None,
    )


RULES = load_check_rules()


@pytest.mark.parametrize(
    ("figures", "ids", "rule", "is_ok", "detail_part"),
    [
        # Qijiang 2021: 5089 / 5169 = 98.45 %, as stated.
        (
            [fig(5169, "件"), fig(5089, "件"), fig(98.45, "%")],
            ["mediation_cases", "mediation_success", "mediation_success_rate"],
            "rate_matches_counts",
            True,
            "5,089/5,169 = 98.45%",
        ),
        (
            [fig(5169, "件"), fig(5089, "件"), fig(99.5, "%")],
            ["mediation_cases", "mediation_success", "mediation_success_rate"],
            "rate_matches_counts",
            False,
            "differs by 1.05 points",
        ),
        (
            [fig(61, "件"), fig(57, "件")],
            ["admin_review_applications", "admin_review_accepted"],
            "admin_review_accepted_le_admin_review_applications",
            True,
            "57 ≤",
        ),
        (
            [fig(57, "件"), fig(61, "件")],
            ["admin_review_accepted", "admin_review_concluded"],
            "admin_review_concluded_le_admin_review_accepted",
            False,
            "61 >",
        ),
        ([fig(120, "%", "120%")], [None], "percentage_in_range", False, "120% is outside 0–100%"),
        (
            [fig(322, "件"), fig(320, "件")],
            ["npc_suggestions_handled", "npc_suggestions_handled"],
            "stated_once_consistently",
            False,
            "322件、320件",
        ),
    ],
)
def test_rules(figures: list[Figure], ids: list[str | None], rule: str, is_ok: bool, detail_part: str) -> None:
    checks = [c for c in run_checks(figures, ids, RULES) if c.rule == rule]
    assert len(checks) == 1
    assert checks[0].is_ok is is_ok
    assert detail_part in checks[0].detail


def test_rule_without_its_inputs_is_not_run() -> None:
    checks = run_checks([fig(98.45, "%")], ["mediation_success_rate"], RULES)
    assert [c.rule for c in checks] == ["percentage_in_range"]


def test_same_value_twice_is_consistent() -> None:
    checks = run_checks([fig(322, "件"), fig(322, "件")], ["npc_suggestions_handled"] * 2, RULES)
    assert not [c for c in checks if c.rule == "stated_once_consistently"]
