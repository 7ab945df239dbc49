"""No silent loss, through the CLI on a real DuckDB file: an opening of a stored full report does not replace it
unless asked (--replace), and a new version without a source record keeps the stored URL and date."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import (
    QIJIANG_FILE,
    QIJIANG_RECORD,
    QIJIANG_TEXT,
    assert_content_unchanged,
    qijiang_variant,
    query,
    run_load,
    snapshot,
    write_reports,
)

REGION = "重庆市綦江区"


def qijiang_rows(db: Path) -> list[tuple]:
    return query(db, "SELECT source_file, figure_count, observation_count, source_url, CAST(date_published AS VARCHAR)"
                     " FROM reports WHERE region_name = ? AND report_year = 2021", [REGION])


def test_opening_of_the_stored_report_is_refused_then_replaced_with_replace(db: Path, tmp_path: Path) -> None:
    stored = qijiang_rows(db)
    assert [(r[1], r[2]) for r in stored] == [(58, 44)]  # 57 written with digits, and 四项
    opening = write_reports(tmp_path / "cut", {"qijiang-opening.txt": QIJIANG_TEXT[:900]},
                            {"qijiang-opening.txt": QIJIANG_RECORD})[0]
    before = snapshot(db)
    result = run_load(opening, db=db)
    assert result.returncode == 1, result.describe()
    refused = result.lines_with("REFUSED")
    assert len(refused) == 1 and refused[0].startswith(f"REFUSED {opening.name}:"), result.describe()
    assert "of 58 figures" in refused[0] and "of 44 indicator values" in refused[0]
    assert QIJIANG_FILE.name in refused[0] and "--replace" in refused[0]
    assert "1 refused" in result.stdout
    assert_content_unchanged(before, snapshot(db), {"qijiang-opening.txt": "refused"})
    assert qijiang_rows(db) == stored

    replaced = run_load(opening, db=db, extra=("--replace",))
    assert replaced.returncode == 0, replaced.describe()
    assert replaced.lines_with(f"REPLACED {opening.name}")
    rows = qijiang_rows(db)
    assert len(rows) == 1 and rows[0][0] == "qijiang-opening.txt" and rows[0][1] < 10


def test_new_version_keeps_the_stored_source_record(db: Path, tmp_path: Path) -> None:
    url, published = qijiang_rows(db)[0][3:]
    assert url and published
    # Another text of the same report, with no sources.yml beside it.
    variant = write_reports(tmp_path / "bare", {"qijiang-v2.txt": qijiang_variant("据统计,")})[0]
    result = run_load(variant, db=db)
    assert result.returncode == 0, result.describe()
    assert result.lines_with(f"REPLACED {variant.name}")
    assert qijiang_rows(db)[0][0] == "qijiang-v2.txt"
    assert qijiang_rows(db)[0][3:] == (url, published)
