"""The report replacement rule (etl.store.replacement.decide), which the load and the upload review share."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import PARSER_VERSION
from etl.extract.pipeline import default_catalogue
from etl.ingest import uploads
from etl.models import Document, Extraction, Figure, ReportMeta
from etl.store import connect_readonly, load_extractions
from etl.store.replacement import IncomingReport, StoredReport, decide
from etl.store.writes import stored_reports

OLD = "0.9.0"


def stored(rid: str, region: str | None = "綦江区", year: int | None = 2021, span: str | None = None,
           version: str = PARSER_VERSION, figures: int = 3, values: int = 2) -> StoredReport:
    return StoredReport(rid, region, year, span, f"{rid}.txt", version, figures, values)


def incoming(rid: str, region: str | None = "綦江区", year: int | None = 2021, span: str | None = None,
             figures: int = 3, values: int = 2) -> IncomingReport:
    return IncomingReport(rid, region, year, span, f"{rid}.txt", figure_count=figures, observation_count=values)


# (stored, incoming, [(action, replaces) per incoming], stored ids deleted, incoming ids written)
CASES = {
    "new report": ([], [incoming("a")], [("loaded", ())], [], ["a"]),
    "same content stored": ([stored("a")], [incoming("a")], [("unchanged", ())], [], []),
    "same region and year stored": ([stored("a")], [incoming("b")], [("replaced", ("a",))], ["a"], ["b"]),
    "other year": ([stored("a")], [incoming("b", year=2022)], [("loaded", ())], [], ["b"]),
    "other span": ([stored("a")], [incoming("b", span="2016-2020")], [("loaded", ())], [], ["b"]),
    "no region replaces nothing": ([stored("a", region=None)], [incoming("b", region=None)], [("loaded", ())], [],
                                   ["b"]),
    "no year replaces nothing": ([stored("a", year=None)], [incoming("b", year=None)], [("loaded", ())], [], ["b"]),
    "same region and year twice in one batch": (
        [], [incoming("a"), incoming("b")], [("loaded", ()), ("replaced", ("a",))], [], ["b"]),
    "batch pair over a stored version": (
        [stored("s")], [incoming("a"), incoming("b")], [("replaced", ("s",)), ("replaced", ("a",))], ["s"], ["b"]),
    "same content twice in one batch": ([], [incoming("a"), incoming("a")], [("loaded", ()), ("unchanged", ())], [],
                                        ["a"]),
    "stored by an older parser": ([stored("a", version=OLD)], [incoming("a")], [("replaced", ("a",))], ["a"], ["a"]),
    "older parser, twice in one batch": (
        [stored("a", version=OLD)], [incoming("a"), incoming("a")], [("replaced", ("a",)), ("unchanged", ())], ["a"],
        ["a"]),
    "older parser, others unchanged": (
        [stored("a", version=OLD), stored("b", year=2022)], [incoming("b", year=2022), incoming("a")],
        [("unchanged", ()), ("replaced", ("a",))], ["a"], ["a"]),
    # The earlier version comes first and replaces the stored later one, which then replaces it back: the load
    # used to fail here (the stale copy was looked up after it had been deleted).
    "older parser, superseded earlier in the batch": (
        [stored("v2", version=OLD)], [incoming("v1"), incoming("v2")],
        [("replaced", ("v2",)), ("replaced", ("v1",))], ["v2"], ["v2"]),
    # No silent loss: a new version keeping under half of the figures or of the values is refused.
    "opening over the full report": (
        [stored("full", figures=57, values=44)], [incoming("cut", figures=3, values=3)], [("refused", ())], [], []),
    "half the values lost": (
        [stored("full", figures=57, values=44)], [incoming("b", figures=57, values=21)], [("refused", ())], [], []),
    "exactly half kept": (
        [stored("full", figures=58, values=44)], [incoming("b", figures=29, values=22)], [("replaced", ("full",))],
        ["full"], ["b"]),
    "more figures is no loss": (
        [stored("cut", figures=3, values=3)], [incoming("full", figures=57, values=44)], [("replaced", ("cut",))],
        ["cut"], ["full"]),
    "opening after the full one in one batch": (
        [], [incoming("full", figures=57, values=44), incoming("cut", figures=3, values=3)],
        [("loaded", ()), ("refused", ())], [], ["full"]),
    "opening of a report re-extracted by an older parser": (
        [stored("full", version=OLD, figures=57, values=44)], [incoming("full", figures=57, values=44),
                                                               incoming("cut", figures=3, values=3)],
        [("replaced", ("full",)), ("refused", ())], ["full"], ["full"]),
}


@pytest.mark.parametrize(("before", "batch", "actions", "deletes", "writes"), CASES.values(), ids=CASES.keys())
def test_decide(before: list[StoredReport], batch: list[IncomingReport], actions: list[tuple[str, tuple[str, ...]]],
                deletes: list[str], writes: list[str]) -> None:
    result = decide(before, batch)
    assert [(d.action, d.replaces) for d in result.decisions] == actions
    assert sorted(result.deletes) == sorted(deletes)
    assert [batch[i].report_id for i in result.writes] == writes


def test_replace_allows_the_loss_for_all_or_the_named_reports() -> None:
    before, batch = [stored("full", figures=57, values=44)], [incoming("cut", figures=3, values=3)]
    for allowed in (True, {"cut"}):
        result = decide(before, batch, replace=allowed)
        assert [(d.action, d.replaces) for d in result.decisions] == [("replaced", ("full",))]
        assert result.deletes == ("full",)
    assert decide(before, batch, replace={"other"}).decisions[0].action == "refused"
    detail = decide(before, batch).decisions[0].detail
    assert "remove 54 of 57 figures and 41 of 44 indicator values of 綦江区 2021" in detail
    assert "full.txt (full)" in detail and "--replace" in detail


def test_details_name_what_is_replaced() -> None:
    result = decide([stored("a"), stored("b", version=OLD, year=2020)], [incoming("c"), incoming("b", year=2020)])
    assert [d.detail for d in result.decisions] == [
        "replaced earlier version a.txt (a) of 綦江区 2021",
        f"re-extracted with parser {PARSER_VERSION} (was {OLD})",
    ]
    assert decide([], [incoming("a")]).decisions[0].detail == "3 figures"


def _extraction(report: IncomingReport) -> Extraction:
    """A report with `figure_count` figures, the first `observation_count` of them on distinct indicators."""
    meta = ReportMeta(None, report.region_name, "district", report.report_year, report.year_span, None)
    text = f"报告{report.report_id}" + "共1件。" * report.figure_count
    ids = [i.indicator_id for i in default_catalogue().indicators if i.accepts_unit("件")]
    figures = tuple(Figure(1.0, "件", None, "1件", 5 * n + 1, 5 * n + 3, 5 * n, 5 * n + 5, None)
                    for n in range(report.figure_count))
    indicator_ids = tuple(ids[n] if n < report.observation_count else None for n in range(report.figure_count))
    return Extraction(report.report_id, report.source_file, "txt", Document(text, text), meta, (), figures,
                      indicator_ids, ())


def _staged(extractions: list[Extraction]) -> list[uploads.StagedFile]:
    return [uploads.StagedFile(ex.source_file, 1, "0" * 64, ".txt", extraction=ex) for ex in extractions]


@pytest.mark.parametrize("case", ["same region and year twice in one batch", "stored by an older parser",
                                  "batch pair over a stored version", "same content stored",
                                  "older parser, superseded earlier in the batch", "opening over the full report",
                                  "opening after the full one in one batch",
                                  "opening of a report re-extracted by an older parser"])
def test_the_review_predicts_what_the_load_does(case: str, tmp_path: Path) -> None:
    before, batch, *_ = CASES[case]
    db = tmp_path / "db.duckdb"
    catalogue = default_catalogue()
    load_extractions(db, [_extraction(incoming(s.report_id, s.region_name, s.report_year, s.year_span))
                          for s in before], catalogue)
    if any(s.parser_version != PARSER_VERSION for s in before):
        with duckdb.connect(str(db)) as con:
            con.execute("UPDATE reports SET parser_version = ?", [OLD])
    extractions = [_extraction(report) for report in batch]
    loaded: list[StoredReport] = []
    if db.exists():
        with connect_readonly(db) as con:
            loaded = stored_reports(con)
    predicted = uploads.plan(_staged(extractions), loaded)
    outcomes = load_extractions(db, extractions, catalogue)
    names = {"new": "loaded", "unchanged": "unchanged", "replaces": "replaced", "loses": "refused"}
    assert [names[predicted[ex.report_id].action] for ex in extractions] == [o.action for o in outcomes]


def test_plan_takes_the_rows_the_review_page_passes() -> None:
    a, b = _extraction(incoming("a")), _extraction(incoming("b"))
    result = uploads.plan(_staged([a, b]), [("s", "綦江区", 2021, None)])
    assert result == {"a": uploads.PlannedAction("replaces", "s"), "b": uploads.PlannedAction("replaces", "a")}
