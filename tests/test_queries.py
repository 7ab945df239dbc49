"""etl.queries against a database built by the real ETL from data/reports (fixture `base_db`, tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.store import queries

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
QIJIANG = "重庆市綦江区"


@pytest.fixture(scope="module")
def con(base_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(base_db), read_only=True)
    yield connection.cursor()
    connection.close()


@pytest.fixture(scope="module")
def reports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.list_reports(con)


def report_id(reports: pd.DataFrame, region: str, year_label: str) -> str:
    rows = reports[(reports["region_name"] == region) & (reports["year_label"] == year_label)]
    assert len(rows) == 1, rows
    return str(rows.iloc[0]["report_id"])


def test_every_shipped_report_is_listed(reports: pd.DataFrame) -> None:
    shipped = len(list(REPORTS.glob("*.txt"))) + len(list((REPORTS / "excerpts").glob("*.txt")))
    assert len(reports) == shipped
    full = reports[~reports["is_excerpt"]]
    assert full["region_name"].tolist() == [QIJIANG]
    assert set(reports.loc[reports["region_name"] == QIJIANG, "year_label"]) == {"2021", "2022", "2016-2020"}


@pytest.mark.parametrize(
    ("indicator_id", "value", "unit"),
    [
        ("mediation_cases", 5169, "件"),
        ("mediation_success", 5089, "件"),
        ("mediation_success_rate", 98.45, "%"),
        ("mediation_amount", 76_900_000, "元"),
        ("admin_review_applications", 61, "件"),
        ("admin_review_accepted", 57, "件"),
        ("admin_review_concluded", 47, "件"),
        ("npc_suggestions_handled", 322, "件"),
        ("npc_suggestions_satisfaction", 99, "%"),
        ("cppcc_proposals_handled", 336, "件"),
        ("cppcc_proposals_satisfaction", 97.6, "%"),
        ("normative_docs_reviewed", 53, "件"),
        ("gov_contracts_reviewed", 98, "件"),
        ("major_decisions_reviewed", 26, "件"),
        ("audit_projects", 41, "个"),
    ],
)
def test_qijiang_2021_values(con, reports, indicator_id: str, value: float, unit: str) -> None:
    observations = queries.report_observations(con, report_id(reports, QIJIANG, "2021"))
    row = observations.set_index("indicator_id").loc[indicator_id]
    assert row["value"] == pytest.approx(value)
    assert row["unit"] == unit
    assert row["name_zh"] and row["name_en"]
    assert row["sentence"]


@pytest.mark.parametrize("domain", ["mediation", "review", "supervision", "rules", "enforcement", "functions"])
def test_domain_filter(con, reports, domain: str) -> None:
    rid = report_id(reports, QIJIANG, "2021")
    subset = queries.report_observations(con, rid, [domain])
    assert not subset.empty
    assert set(subset["domain"]) == {domain}
    everything = queries.report_observations(con, rid)
    assert len(everything) == len(everything["indicator_id"].unique()) >= len(subset)


def test_observation_sentence_is_the_source_sentence(con, reports) -> None:
    observations = queries.report_observations(con, report_id(reports, QIJIANG, "2021"), ["mediation"])
    sentence = observations.set_index("indicator_id").loc["mediation_cases", "sentence"]
    assert "5169件" in sentence


@pytest.mark.parametrize(
    ("year_label", "previous_year"),
    [("2022", "2021"), ("2021", None), ("2016-2020", None)],
)
def test_previous_report(con, reports, year_label: str, previous_year: str | None) -> None:
    previous = queries.previous_report(con, report_id(reports, QIJIANG, year_label))
    if previous_year is None:
        assert previous.empty
    else:
        assert previous["year_label"].tolist() == [previous_year]


def test_missing_values_stay_missing(con, reports) -> None:
    values = queries.indicator_values(con, ["mediation_cases", "admin_review_applications"])
    assert len(values) == 2 * len(reports)
    qijiang = values[(values["region_name"] == QIJIANG) & (values["year_label"] == "2021")]
    assert sorted(qijiang["value"]) == [61, 5169]
    others = values[values["region_name"] != QIJIANG]
    assert others["value"].isna().all()  # never 0
    only = queries.indicator_values(con, ["mediation_cases"], [report_id(reports, QIJIANG, "2021")])
    assert only["value"].tolist() == [5169]


@pytest.mark.parametrize(
    ("search", "expect_at_least"),
    [("", 20), ("调解", 3), ("%", 1), ("MEDIATION", 1), ("'; DROP TABLE reports; --", 0), ("100%_", 0)],
)
def test_report_figures_search_is_literal(con, reports, search: str, expect_at_least: int) -> None:
    rid = report_id(reports, QIJIANG, "2021")
    figures = queries.report_figures(con, [rid], search)
    assert len(figures) >= expect_at_least
    if search and expect_at_least == 0:
        assert figures.empty
    if search:
        haystack = (figures["sentence"] + figures["text"] + figures["section_path"].fillna("")
                    + figures["name_en"].fillna("") + figures["indicator_id"].fillna("")).str.lower()
        assert haystack.str.contains(search.lower(), regex=False).all()
    assert len(queries.list_reports(con)) == len(reports)  # nothing was dropped


def test_report_figures_filters(con, reports) -> None:
    rid = report_id(reports, QIJIANG, "2021")
    everything = queries.report_figures(con, [rid])
    assigned = queries.report_figures(con, [rid], only_indicators=True)
    review = queries.report_figures(con, [rid], domains=["review"])
    assert len(everything) > len(assigned) > len(review) > 0
    assert assigned["indicator_id"].notna().all()
    assert set(review["domain"]) == {"review"}
    assert queries.report_figures(con, []).empty


def test_checks_failed_first(con) -> None:
    checks = queries.report_checks(con)
    assert not checks.empty
    flags = checks["is_ok"].tolist()
    assert flags == sorted(flags)  # False (failed) before True
    assert checks["detail"].str.len().min() > 0


def test_catalogue_counts_reports(con) -> None:
    catalogue = queries.indicator_catalogue(con)
    assert catalogue["indicator_id"].is_unique
    assert set(catalogue["domain"]) <= {"leadership", "functions", "rules", "decisions", "enforcement",
                                        "supervision", "review", "mediation"}
    row = catalogue.set_index("indicator_id").loc["mediation_cases"]
    assert row["report_count"] >= 1 and row["is_headline"]


def test_report_text_and_load_events(con, reports) -> None:
    rid = report_id(reports, QIJIANG, "2021")
    text = queries.report_text(con, rid)["report_text"].iloc[0]
    assert "全年共调解各类矛盾纠纷5169件" in text
    events = queries.load_events(con, limit=5)
    assert 0 < len(events) <= 5


def test_report_index_is_list_reports_in_short(con, reports) -> None:
    index = queries.report_index(con)
    assert index["report_id"].tolist() == reports["report_id"].tolist()  # same order as the full listing
    assert {"region_name", "year_label", "is_excerpt", "observation_count"} <= set(index.columns)
    assert "title" not in index.columns and "report_text" not in index.columns
    rid = report_id(reports, QIJIANG, "2021")
    details = queries.report_details(con, [rid])
    assert details["title"].tolist() == ["重庆市綦江区2021年度法治政府建设情况报告"]
    assert queries.report_details(con, []).empty


def test_list_reports_nulls_are_none(reports) -> None:
    # The uploads page compares (region, year, year_span) tuples with None: a missing span must be None, not NaN.
    spans = reports.loc[reports["year_label"] == "2021", "year_span"].tolist()
    assert spans and all(span is None for span in spans)


def test_indicator_ranking_one_year(con, reports) -> None:
    in_2021 = reports[reports["year_label"] == "2021"]
    ranking = queries.indicator_ranking(con, ["mediation_cases"], "2021", 3, "重庆市九龙坡区")
    assert len(ranking) == min(3, len(in_2021))
    assert ranking["rank"].tolist() == list(range(1, len(ranking) + 1))
    assert set(ranking["reports_in_year"]) == {len(in_2021)}
    assert set(ranking["stated_in_year"]) == {1}  # only Qijiang states it in 2021
    labels = ranking["region_label"].tolist()
    if "重庆市九龙坡区" in set(in_2021["region_name"]):
        assert labels[0] == "重庆市九龙坡区"  # the page's own region is always kept
    qijiang = ranking[ranking["region_label"] == QIJIANG]
    assert qijiang["value"].tolist() == [5169] and qijiang["sentence"].str.contains("5169件").all()
    assert ranking.loc[ranking["region_label"] != QIJIANG, "value"].isna().all()  # missing stays missing
    everything = queries.indicator_ranking(con, ["mediation_cases", "admin_review_applications"], "2021", 1000)
    assert len(everything) == 2 * len(in_2021)
    assert queries.indicator_ranking(con, ["mediation_cases"], "1999", 10).empty


def test_indicator_values_for_regions(con, reports) -> None:
    values = queries.indicator_values(con, ["mediation_cases"], regions=[QIJIANG])
    assert sorted(values["year_label"]) == ["2016-2020", "2021", "2022"]
    assert set(values["region_label"]) == {QIJIANG}
    assert values.loc[values["year_label"] == "2021", "value"].tolist() == [5169]
    assert queries.indicator_values(con, ["mediation_cases"], regions=["nowhere"]).empty
