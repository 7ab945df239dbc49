"""Corrections as data, through the real CLI on a real DuckDB file: import, export, reload, rebuild from a folder
with corrections.csv, a bad row refused with the database unchanged, an unmatched correction reported."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import (
    CLI_TIMEOUT,
    QIJIANG_FILE,
    QIJIANG_RECORD,
    QIJIANG_TEXT,
    ROOT,
    CliResult,
    assert_content_unchanged,
    cli_env,
    query,
    run_load,
    snapshot,
    write_reports,
)

REGION = "重庆市綦江区"
HEADER = "region,year,figure_text,context,indicator_id,note"
SENTENCE = "全年共调解各类矛盾纠纷5169件"
ROWS = [
    # no indicator for the count of all mediations (rejected)
    f"{REGION},2021,5169件,{SENTENCE},,counted twice",
    # the ETL's own indicator (confirmed)
    f"{REGION},2021,5089件,调解成功5089件,mediation_success,",
    # a figure the ETL left without an indicator (corrected)
    f"{REGION},2021,14个,跟踪督导14个指标,rectification_items,checked by hand",
]


def run_etl(*args: str) -> CliResult:
    command = [sys.executable, "-m", "etl", *args]
    proc = subprocess.run(command, cwd=ROOT, env=cli_env(), capture_output=True, text=True, encoding="utf-8",
                          timeout=CLI_TIMEOUT, check=False)
    return CliResult(tuple(command), proc.returncode, proc.stdout, proc.stderr)


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def qijiang(db: Path, sql: str) -> list[tuple]:
    return query(db, sql.replace("QJ", "(SELECT report_id FROM reports WHERE source_file = ?)"), [QIJIANG_FILE.name])


def statuses(db: Path) -> dict[str, tuple[str | None, str]]:
    rows = qijiang(db, "SELECT text, indicator_id, assignment_status FROM figures WHERE report_id = QJ "
                       "AND text IN ('5169件', '5089件', '14个', '98.45%')")
    return {text: (indicator, status) for text, indicator, status in rows}


EXPECTED = {
    "5169件": (None, "rejected"),
    "5089件": ("mediation_success", "confirmed"),
    "14个": ("rectification_items", "corrected"),
    "98.45%": ("mediation_success_rate", "automatic"),
}


def assert_curated(db: Path) -> None:
    assert statuses(db) == EXPECTED
    observations = dict(qijiang(db, "SELECT indicator_id, assignment_status FROM observations WHERE report_id = QJ"))
    assert "mediation_cases" not in observations  # its only figure is no indicator now
    assert observations["mediation_success"] == "confirmed"
    assert observations["rectification_items"] == "corrected"
    assert observations["mediation_success_rate"] == "automatic"
    count = qijiang(db, "SELECT observation_count FROM reports WHERE report_id = QJ")[0][0]
    assert count == len(observations) == 44  # 44 before: one value gone, one new


def test_import_export_and_reload(db: Path, tmp_path: Path) -> None:
    assert statuses(db)["5169件"] == ("mediation_cases", "automatic")
    result = run_etl("corrections", "import", str(write_csv(tmp_path / "fix.csv", ROWS)), "--db", str(db))
    assert result.returncode == 0, result.describe()
    assert len(result.lines_with("CORRECTED")) == 3
    assert_curated(db)
    events = query(db, "SELECT source_file, action, detail FROM load_events WHERE action = 'corrected'")
    assert len(events) == 3 and all(e[0] == "fix.csv" for e in events)

    exported = run_etl("corrections", "export", "--db", str(db))
    assert exported.returncode == 0, exported.describe()
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    assert rows[0] == HEADER.split(",")
    assert sorted(rows[1:]) == sorted(next(csv.reader([r])) for r in ROWS)

    # A reload by a newer parser re-extracts the report: the corrections are applied again.
    query_db = db
    import duckdb

    con = duckdb.connect(str(query_db))
    con.execute("UPDATE reports SET parser_version = '0.9'")
    con.close()
    reload = run_load(QIJIANG_FILE, db=db)
    assert reload.returncode == 0, reload.describe()
    assert reload.lines_with("REPLACED") and "re-extracted" in reload.stdout
    assert_curated(db)


def test_rebuild_from_folder_with_corrections_csv(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_reports(folder, {QIJIANG_FILE.name: QIJIANG_TEXT}, {QIJIANG_FILE.name: QIJIANG_RECORD})
    write_csv(folder / "corrections.csv", ROWS)
    db = tmp_path / "curated.duckdb"
    result = run_load(folder, db=db)
    assert result.returncode == 0, result.describe()
    assert_curated(db)
    # Loading the same folder again changes nothing, not even the file.
    before = snapshot(db)
    again = run_load(folder, db=db)
    assert again.returncode == 0 and "1 unchanged" in again.stdout, again.describe()
    assert_content_unchanged(before, snapshot(db))


def test_bad_rows_refused_and_nothing_changes(db: Path, tmp_path: Path) -> None:
    before = snapshot(db)
    bad = [
        ROWS[0],
        f"{REGION},2021,5089件,调解成功5089件,no_such_indicator,",
        f"{REGION},2021,98.45%,调解成功率,service_matters_handled,",  # a rate is no count of cases
        f"{REGION},2019,5169件,{SENTENCE},,",  # no report of 2019
        f"{REGION},2021,5170件,{SENTENCE},,",  # no such figure
    ]
    result = run_etl("corrections", "import", str(write_csv(tmp_path / "bad.csv", bad)), "--db", str(db))
    assert result.returncode == 1, result.describe()
    errors = result.lines_with("ERROR")
    assert [e.split(":", 1)[0] for e in errors] == [f"ERROR bad.csv row {n}" for n in (2, 3, 4, 5)]
    assert "unknown indicator 'no_such_indicator'" in errors[0]
    assert "unit % of “98.45%” does not suit service_matters_handled" in errors[1]
    assert "no stored report of 重庆市綦江区 2019" in errors[2]
    assert "no figure “5170件”" in errors[3]
    assert_content_unchanged(before, snapshot(db))


def test_unmatched_correction_is_reported(db: Path, tmp_path: Path) -> None:
    assert run_etl("corrections", "import", str(write_csv(tmp_path / "fix.csv", ROWS)), "--db", str(db)).returncode == 0
    # A new version of the report whose mediation sentence says 5170件: the first correction finds no figure.
    changed = tmp_path / "new" / QIJIANG_FILE.name
    write_reports(changed.parent, {changed.name: QIJIANG_TEXT.replace("5169件", "5170件")},
                  {changed.name: QIJIANG_RECORD})
    result = run_load(changed, db=db)
    assert result.returncode == 0, result.describe()
    unmatched = result.lines_with("UNMATCHED")
    assert len(unmatched) == 1, result.describe()
    assert "“5169件”" in unmatched[0] and "matches no figure" in unmatched[0]
    got = statuses(db)
    assert got["14个"] == ("rectification_items", "corrected") and got["5089件"][1] == "confirmed"
    # Still stored, and still exported: never dropped.
    exported = run_etl("corrections", "export", "--db", str(db)).stdout
    assert "5169件" in exported
    shutil.rmtree(changed.parent)


def test_needs_review_is_marked_and_left_out_of_comparisons(db: Path) -> None:
    import duckdb

    from etl.store import queries

    con = duckdb.connect(str(db))
    rid = con.execute("SELECT report_id FROM reports WHERE source_file = ?", [QIJIANG_FILE.name]).fetchone()[0]
    con.execute("UPDATE observations SET assignment_status = 'needs_review' "
                "WHERE report_id = ? AND indicator_id = 'mediation_cases'", [rid])
    rows = queries.report_observations(con, rid)
    assert dict(zip(rows.indicator_id, rows.assignment_status, strict=True))["mediation_cases"] == "needs_review"
    ranking = queries.indicator_ranking(con, ["mediation_cases"], "2021", 1000)
    assert rid not in set(ranking.dropna(subset=["value"]).report_id)
    asked = queries.indicator_ranking(con, ["mediation_cases"], "2021", 1000, include_uncertain=True)
    assert asked.set_index("report_id").loc[rid, "value"] == 5169
    assert asked.set_index("report_id").loc[rid, "assignment_status"] == "needs_review"
    values = queries.indicator_values(con, ["mediation_cases"], [rid])
    assert values.value.isna().all()
    assert queries.indicator_values(con, ["mediation_cases"], [rid], include_uncertain=True).value.tolist() == [5169]
    con.close()


def test_a_file_built_before_curation_is_upgraded(db: Path) -> None:
    import duckdb

    from etl.store import upgrade_schema

    con = duckdb.connect(str(db))
    for table, column in (("figures", "assignment_status"), ("figures", "automatic_indicator_id"),
                          ("figures", "automatic_status"), ("observations", "assignment_status")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("DROP TABLE corrections")
    con.close()
    added = upgrade_schema(db)
    assert ("figures", "automatic_indicator_id") in added and ("observations", "assignment_status") in added
    assert query(db, "SELECT count(*) FROM figures WHERE automatic_indicator_id IS DISTINCT FROM indicator_id "
                     "OR assignment_status <> 'automatic'") == [(0,)]
    assert query(db, "SELECT count(*) FROM corrections") == [(0,)]
    # And corrections work on it.
    tmp = db.parent / "fix.csv"
    assert run_etl("corrections", "import", str(write_csv(tmp, ROWS)), "--db", str(db)).returncode == 0
    assert_curated(db)
