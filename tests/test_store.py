"""Loading into a real DuckDB file: fixed indicator values, idempotency, replacement, the reload path."""

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from etl import PARSER_VERSION
from etl.extract.pipeline import default_catalogue, extract_file
from etl.ingest.load import load_paths
from etl.ingest.sources import load_source_records
from etl.store import connect_readonly, database_stamp, load_extractions, table_rows

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
QIJIANG = REPORTS / "chongqing-qijiang-2021.txt"


@pytest.fixture(scope="module")
def qijiang_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "qijiang.duckdb"
    report = load_paths([QIJIANG], db)
    assert [o.action for o in report.outcomes] == ["loaded"]
    return db


# The fixed ids that other tools and saved links rely on, with the Qijiang 2021 values.
FIXED_VALUES = [
    ("mediation_cases", 5169.0, "件"),
    ("mediation_success", 5089.0, "件"),
    ("mediation_success_rate", 98.45, "%"),
    ("mediation_amount", 76_900_000.0, "元"),
    ("admin_review_applications", 61.0, "件"),
    ("admin_review_accepted", 57.0, "件"),
    ("admin_review_concluded", 47.0, "件"),
    ("npc_suggestions_handled", 322.0, "件"),
    ("npc_suggestions_satisfaction", 99.0, "%"),
    ("cppcc_proposals_handled", 336.0, "件"),
    ("cppcc_proposals_satisfaction", 97.6, "%"),
    ("normative_docs_reviewed", 53.0, "件"),
    ("major_decisions_reviewed", 26.0, "件"),
    ("gov_contracts_reviewed", 98.0, "件"),
    ("audit_projects", 41.0, "个"),
]


@pytest.mark.parametrize(("indicator_id", "value", "unit"), FIXED_VALUES)
def test_fixed_indicator_values(qijiang_db: Path, indicator_id: str, value: float, unit: str) -> None:
    with connect_readonly(qijiang_db) as con:
        row = con.execute(
            "SELECT o.value, o.unit, o.sentence, f.text FROM observations o JOIN figures f "
            "USING (report_id, figure_num) WHERE o.indicator_id = ?",
            [indicator_id],
        ).fetchone()
    assert row is not None
    assert row[0] == pytest.approx(value)
    assert row[1] == unit
    assert row[3] in row[2]  # provenance: the figure as written stands in its sentence


def test_report_row_and_provenance(qijiang_db: Path) -> None:
    with connect_readonly(qijiang_db) as con:
        report = con.execute(
            "SELECT region_name, admin_level, report_year, date_published::VARCHAR, is_excerpt, figure_count, "
            "failed_check_count, report_text FROM reports"
        ).fetchone()
        offsets = con.execute("SELECT text, start_offset, end_offset FROM figures").fetchall()
        checks = con.execute("SELECT rule, is_ok, detail FROM checks ORDER BY check_num").fetchall()
    assert report[:7] == ("重庆市綦江区", "district", 2021, "2022-03-22", False, 58, 0)  # 57 + 四项
    text = report[7]
    assert all(text[start:end] == written for written, start, end in offsets)
    assert ("rate_matches_counts", True, "stated 98.45% vs 5,089/5,169 = 98.45%") in checks


def test_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "twice.duckdb"
    load_paths([QIJIANG], db)
    with connect_readonly(db) as con:
        before = {t: rows for t, rows in table_rows(con).items() if t != "load_events"}
    report = load_paths([QIJIANG], db)
    assert [o.action for o in report.outcomes] == ["unchanged"]
    with connect_readonly(db) as con:
        after = {t: rows for t, rows in table_rows(con).items() if t != "load_events"}
    assert after == before


def test_newer_version_of_same_region_and_year_replaces_the_old(tmp_path: Path) -> None:
    db = tmp_path / "versions.duckdb"
    load_paths([QIJIANG], db)
    edited = tmp_path / "qijiang-2021-corrected.txt"
    edited.write_text(QIJIANG.read_text(encoding="utf-8").replace("依法受理57件", "依法受理58件"), encoding="utf-8")
    report = load_paths([edited], db)
    assert [o.action for o in report.outcomes] == ["replaced"]
    assert "重庆市綦江区 2021" in report.outcomes[0].detail
    with connect_readonly(db) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
        value = con.execute("SELECT value FROM observations WHERE indicator_id = 'admin_review_accepted'").fetchone()[0]
    assert value == 58.0


def test_reload_of_the_same_keys_raises_no_duplicate_key_error(tmp_path: Path) -> None:
    """Delete and re-insert the same report_id and indicator keys: DuckDB has raised false duplicates here."""
    db = tmp_path / "reload.duckdb"
    catalogue = default_catalogue()
    records = load_source_records(REPORTS)
    original = extract_file(QIJIANG, records[QIJIANG.name], catalogue)
    other_year = replace(original, report_id="0" * 16, meta=replace(original.meta, report_year=2021))
    for extraction in (original, other_year, original, original):
        load_extractions(db, [extraction], catalogue)
    with connect_readonly(db) as con:
        assert con.execute("SELECT report_id FROM reports").fetchall() == [(original.report_id,)]
        indicator_ids = [r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()]
    assert len(indicator_ids) == len(set(indicator_ids)) == len(catalogue.indicators)


def test_swap_changes_the_stamp_and_old_readers_keep_working(tmp_path: Path) -> None:
    db = tmp_path / "swap.duckdb"
    load_paths([QIJIANG], db)
    stamp = database_stamp(db)
    reader = duckdb.connect(str(db), read_only=True)
    try:
        load_paths([REPORTS / "excerpts" / "001_qijiang_2022.txt"], db)
        assert reader.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    finally:
        reader.close()
    assert database_stamp(db) != stamp
    with connect_readonly(db) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_shipped_data_loads_with_excerpts_flagged(tmp_path: Path) -> None:
    db = tmp_path / "all.duckdb"
    report = load_paths([REPORTS], db)
    assert report.rejected == []
    with connect_readonly(db) as con:
        counts = con.execute("SELECT is_excerpt, count(*) FROM reports GROUP BY 1 ORDER BY 1").fetchall()
        regions = con.execute("SELECT count(DISTINCT region_name) FROM reports").fetchone()[0]
    assert counts == [(False, 1), (True, 41)]
    assert regions >= 30


def test_a_load_that_changes_nothing_leaves_the_file_alone(tmp_path: Path) -> None:
    db = tmp_path / "noop.duckdb"
    load_paths([QIJIANG], db)
    stamp, content = database_stamp(db), db.read_bytes()
    report = load_paths([QIJIANG, tmp_path / "missing.txt"], db)
    assert sorted(o.action for o in report.outcomes) == ["rejected", "unchanged"]
    assert database_stamp(db) == stamp
    assert db.read_bytes() == content


def test_a_rejected_only_batch_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    report = load_paths([tmp_path / "missing.txt"], db)
    assert [o.action for o in report.outcomes] == ["rejected"]
    assert not db.exists()


def test_same_text_from_an_older_parser_is_extracted_again(tmp_path: Path) -> None:
    db = tmp_path / "parser.duckdb"
    load_paths([QIJIANG], db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE reports SET parser_version = '0.9.0'")
    con.execute("DELETE FROM observations WHERE indicator_id = 'mediation_cases'")
    con.close()
    report = load_paths([QIJIANG], db)
    assert [o.action for o in report.outcomes] == ["replaced"]
    assert "re-extracted with parser" in report.outcomes[0].detail and "(was 0.9.0)" in report.outcomes[0].detail
    with connect_readonly(db) as con:
        assert con.execute("SELECT count(*), min(parser_version) FROM reports").fetchone() == (1, PARSER_VERSION)
        assert con.execute("SELECT value FROM observations WHERE indicator_id = 'mediation_cases'").fetchone() == (
            5169.0,
        )
        assert con.execute("SELECT count(*) FROM figures").fetchone() == (58,)


def test_a_killed_load_leaves_a_copy_the_next_load_removes(tmp_path: Path) -> None:
    db = tmp_path / "sweep.duckdb"
    load_paths([QIJIANG], db)
    leftover = db.with_name(f".{db.name}.999999.tmp")
    leftover.write_bytes(b"half a database")
    load_paths([REPORTS / "excerpts" / "001_qijiang_2022.txt"], db)
    assert not leftover.exists()
