"""Bad, odd and repeated input through the real CLI (`python -m etl load ... --db F`) against a real DuckDB file.

For every bad file: the CLI exits non-zero, prints exactly one line that names the file and the problem, and
the database content is what it was (every row of every table; the append-only `load_events` log may only
gain the row that records the rejection). Where loading is the right answer (no figures, thousands of
figures, odd file names) the CLI exits zero, with one WARNING line when there is something to say.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract.pipeline import extract_text
from etl.extract.read import MAX_FILE_BYTES, ReadError, read_bytes, read_file
from etl.models import Extraction, RawDocument
from etl.store.schema import REPORT_TABLES
from tests.conftest import (
    QIJIANG_FILE,
    QIJIANG_RECORD,
    QIJIANG_TEXT,
    REPORTS,
    ROOT,
    CliResult,
    Snapshot,
    assert_content_unchanged,
    column_index,
    qijiang_variant,
    query,
    record,
    run_load,
    snapshot,
    write_reports,
)

READ_FIXTURES = ROOT / "tests" / "fixtures" / "read"
CONTENT_TABLES = REPORT_TABLES

NOVEL = (
    "话说天下大势,分久必合,合久必分。周末七国分争,并入于秦。及秦灭之后,楚、汉分争,又并入于汉。"
    "汉朝自高祖斩白蛇而起义,一统天下,后来光武中兴,传至献帝,遂分为三国。推其致乱之由,殆始于桓、灵二帝。"
    "桓帝禁锢善类,崇信宦官。及桓帝崩,灵帝即位,大将军窦武、太傅陈蕃共相辅佐。时有宦官曹节等弄权,"
    "窦武、陈蕃谋诛之,机事不密,反为所害,中涓自此愈横。\n"
)
MENU = (
    "重庆老火锅 菜单\n毛肚 68元\n鸭肠 38元\n黄喉 42元\n鲜鸭血 18元\n嫩牛肉 45元\n午餐肉 22元\n土豆片 12元\n"
    "藕片 12元\n豆腐皮 10元\n宽粉 8元\n冰粉 6元\n啤酒 10元/瓶\n营业时间:每天10:00-23:00 订餐电话:023-12345678\n"
    "欢迎光临,本店支持外卖,满100元减10元,包间需提前一天预订。\n"
)
# The same menu from the branch on a square named after the rule of law: the word 法治 alone is no report.
MENU_ON_FAZHI_SQUARE = MENU.replace("重庆老火锅 菜单", "重庆老火锅(法治广场店)菜单")
SCRIPTS_AND_NAVIGATION_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>法治政府建设年度报告_重庆市綦江区人民政府</title>
<script>var _hmt = _hmt || []; (function() { var hm = document.createElement("script"); })();</script>
<script src="/js/jquery.min.js"></script></head>
<body>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/fzzf/">法治政府建设</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div class="crumb">您当前的位置:<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设年度报告</div>
<script>document.write('<div>' + '法治政府建设情况报告' + '</div>');</script>
<div class="footer"><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></div>
<script>window.onload = function() { console.log("法治政府建设年度报告"); };</script>
</body></html>
"""
# A rule-of-law report without a single number (headings as words, no digits, no Chinese numerals).
NO_FIGURES_REPORT = (
    "重庆市綦江区人民政府关于法治政府建设情况的报告\n\n"
    "过去这段时间,我区坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,"
    "全面推进依法行政,法治政府建设取得积极成效。现将有关情况报告如下:\n\n"
    "党政主要负责人认真履行推进法治建设第一责任人职责,定期听取法治政府建设工作汇报,研究解决重大问题。\n\n"
    "持续深化行政执法体制改革,严格规范公正文明执法,全面落实行政执法公示制度、执法全过程记录制度和"
    "重大执法决定法制审核制度。\n\n"
    "下一步,我们将继续坚持依法行政,推动法治政府建设向纵深发展。\n"
)


def assert_one_line_about(result: CliResult, file_name: str, prefix: str, *problem_words: str) -> str:
    """Exactly one REJECTED/WARNING line, starting with `prefix`, naming the file and the problem."""
    assert "Traceback" not in result.stderr, result.describe()
    lines = result.problem_lines
    assert len(lines) == 1, f"expected one problem line, got {lines}\n{result.describe()}"
    line = lines[0]
    assert line.startswith(prefix), result.describe()
    assert file_name in line, f"the line does not name {file_name!r}: {line!r}"
    for word in problem_words:
        assert word.lower() in line.lower(), f"the line does not say {word!r}: {line!r}"
    return line


def assert_rejected(result: CliResult, file_name: str, *problem_words: str) -> str:
    assert result.returncode != 0, result.describe()
    return assert_one_line_about(result, file_name, "REJECTED", *problem_words)


def load_rejected(db: Path, path: Path, *problem_words: str) -> None:
    """Load one bad file: rejected with one line, database content unchanged."""
    before = snapshot(db)
    result = run_load(path, db=db)
    assert_rejected(result, path.name, *problem_words)
    assert_content_unchanged(before, snapshot(db), {path.name: "rejected"})


def binary_bytes(size: int = 8192, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def undecodable_text() -> bytes:
    """The Qijiang report in GB18030 with a 0xFF byte every few bytes: neither UTF-8, GB18030 nor Big5."""
    data = QIJIANG_TEXT.encode("gb18030")
    return b"".join(data[i : i + 7] + b"\xff" for i in range(0, len(data), 7))


def first_half(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2]


# ------------------------------------------------------------------------------------------------------------
# Bad files. Each CLI start costs seconds (imports), so the bad files go through one CLI run together, each as
# its own argument, and each case is then checked on that run's output; a few also run alone.

BAD_FILES: dict[str, tuple[bytes, str]] = {  # file name → (content, a word the message must contain)
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\r\n\t\n", "empty"),
    "binary.txt": (binary_bytes(), "not a text file"),
    "binary.pdf": (binary_bytes(), "PDF"),
    "binary.docx": (binary_bytes(), "DOCX"),
    "undecodable.txt": (undecodable_text(), "cannot decode"),
    "scripts-and-navigation.html": (SCRIPTS_AND_NAVIGATION_HTML.encode("utf-8"), ""),
    "restaurant-menu.txt": (MENU.encode("utf-8"), "does not look like"),
    "novel.txt": (NOVEL.encode("utf-8"), "does not look like"),
    "corrupt.docx": (b"PK\x03\x04\x14\x00\x06\x00" + binary_bytes(2048), "DOCX"),
    "legacy-ole.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), "DOCX"),
    "truncated-half.pdf": (first_half(READ_FIXTURES / "qijiang.pdf"), "truncated"),
    "truncated-1k.pdf": ((READ_FIXTURES / "qijiang.pdf").read_bytes()[:1024], "truncated"),
    "encrypted.pdf": ((READ_FIXTURES / "encrypted.pdf").read_bytes(), "encrypted"),
    "truncated.docx": (first_half(READ_FIXTURES / "qijiang.docx"), "DOCX"),
    "report.xlsx": (QIJIANG_TEXT.encode("utf-8"), "unsupported"),
    "scanned.pdf": ((READ_FIXTURES / "scanned_no_text.pdf").read_bytes(), "text"),
}
MISSING_FILE = "no-such-report.txt"


class BadBatch:
    def __init__(self, result: CliResult, before: Snapshot, after: Snapshot) -> None:
        self.result, self.before, self.after = result, before, after


@pytest.fixture(scope="module")
def bad_batch(base_db: Path, tmp_path_factory: pytest.TempPathFactory) -> BadBatch:
    folder = tmp_path_factory.mktemp("bad")
    db = folder / "db" / "live.duckdb"
    db.parent.mkdir()
    shutil.copy2(base_db, db)
    paths = write_reports(folder / "in", {name: content for name, (content, _) in BAD_FILES.items()})
    before = snapshot(db)
    result = run_load(*paths, folder / "in" / MISSING_FILE, db=db)
    return BadBatch(result, before, snapshot(db))


@pytest.mark.parametrize("name", [*BAD_FILES, MISSING_FILE])
def test_bad_file_gets_one_line_naming_it_and_the_problem(bad_batch: BadBatch, name: str) -> None:
    result = bad_batch.result
    assert "Traceback" not in result.stderr, result.describe()
    about = [line for line in result.lines if name in line]
    assert len(about) == 1, f"expected one line about {name}, got {about}\n{result.describe()}"
    assert about[0].startswith("REJECTED"), about[0]
    word = BAD_FILES[name][1] if name in BAD_FILES else "no such file"
    assert word.lower() in about[0].lower(), f"the line does not say {word!r}: {about[0]!r}"


def test_bad_batch_exits_non_zero_and_leaves_database_unchanged(bad_batch: BadBatch) -> None:
    result = bad_batch.result
    assert result.returncode != 0, result.describe()
    assert len(result.lines_with("REJECTED")) == len(BAD_FILES) + 1, result.describe()
    assert not result.lines_with("WARNING"), result.describe()
    assert "0 reports loaded" in result.stdout, result.describe()
    assert_content_unchanged(
        bad_batch.before, bad_batch.after, {name: "rejected" for name in [*BAD_FILES, MISSING_FILE]}
    )


def test_one_bad_file_alone(db: Path, tmp_path: Path) -> None:
    (path,) = write_reports(tmp_path / "in", {"empty.txt": b""})
    load_rejected(db, path, "empty")


def test_menu_that_mentions_fazhi_is_not_a_report(db: Path, tmp_path: Path) -> None:
    # A branch on 法治广场 (a common square name) is still a restaurant: mentioning 法治 once is not enough.
    (path,) = write_reports(tmp_path / "in", {"menu-fazhi-square.txt": MENU_ON_FAZHI_SQUARE})
    load_rejected(db, path, "does not look like")


def test_50_mb_file_is_refused_quickly_with_the_limit_named(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "in" / "huge.txt"
    path.parent.mkdir()
    with path.open("wb") as handle:  # real report text, then a sparse tail: 50 MB on paper, nothing on disk
        handle.write(QIJIANG_TEXT.encode("utf-8"))
        handle.truncate(50 * 1024 * 1024)
    before = snapshot(db)
    started = time.monotonic()
    result = run_load(path, db=db)
    elapsed = time.monotonic() - started
    line = assert_rejected(result, path.name, "too large")
    assert str(MAX_FILE_BYTES) in line or f"{MAX_FILE_BYTES // 2**20} MB" in line, f"limit not named: {line!r}"
    assert elapsed < 30, f"refusing a 50 MB file took {elapsed:.1f}s: it was read, not refused by size"
    assert_content_unchanged(before, snapshot(db), {path.name: "rejected"})


def test_size_limit_boundary_in_the_library(tmp_path: Path) -> None:
    path = tmp_path / "just-over.txt"
    with path.open("wb") as handle:
        handle.write(QIJIANG_TEXT.encode("utf-8"))
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ReadError, match="too large"):
        read_file(path)
    with pytest.raises(ReadError, match="too large"):
        read_bytes(b"x" * (MAX_FILE_BYTES + 1), "big.txt")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty\nREJECTED forged.txt", b""),
        ("menu\nREJECTED forged.txt", MENU.encode("utf-8")),
    ],
    ids=["empty", "menu"],
)
def test_file_name_with_newline_still_gives_one_line(db: Path, tmp_path: Path, name: str, content: bytes) -> None:
    (path,) = write_reports(tmp_path / "in", {name: content})
    before = snapshot(db)
    result = run_load(path, db=db)
    assert result.returncode != 0, result.describe()
    rejected = result.lines_with("REJECTED")
    assert len(rejected) == 1, f"a newline in the file name split the message: {rejected}\n{result.describe()}"
    assert "empty" in rejected[0] or "menu" in rejected[0]
    assert_content_unchanged(before, snapshot(db), {"forged.txt": "rejected"})


def test_missing_file_with_newline_in_name_gives_one_line(db: Path, tmp_path: Path) -> None:
    missing = tmp_path / "gone\nREJECTED forged.txt"
    before = snapshot(db)
    result = run_load(missing, db=db)
    assert result.returncode != 0, result.describe()
    rejected = result.lines_with("REJECTED")
    assert len(rejected) == 1, f"a newline in the path split the message: {rejected}\n{result.describe()}"
    assert "gone" in rejected[0]
    assert_content_unchanged(before, snapshot(db), {"forged.txt": "rejected"})


# ------------------------------------------------------------------------------------------------------------
# Files that should load


def test_report_without_figures_loads_with_a_warning(db: Path, tmp_path: Path) -> None:
    name = "qijiang-no-figures.txt"
    (path,) = write_reports(tmp_path / "in", {name: NO_FIGURES_REPORT}, {name: record(report_year=2019)})
    result = run_load(path, db=db)
    assert result.returncode == 0, result.describe()
    assert_one_line_about(result, name, "WARNING", "no figures")
    rows = query(db, "SELECT region_name, report_year, figure_count FROM reports WHERE source_file = ?", [name])
    assert rows == [(QIJIANG_RECORD["region"], 2019, 0)]


def test_report_with_thousands_of_figures_loads(db: Path, tmp_path: Path) -> None:
    sentences = [s + "。" for s in QIJIANG_TEXT.split("。") if re.search(r"\d", s)]
    text = QIJIANG_TEXT + ("\n" + "\n".join(sentences)) * 40
    name = "qijiang-thousands.txt"
    (path,) = write_reports(tmp_path / "in", {name: text}, {name: record(report_year=2018)})
    before = snapshot(db)
    result = run_load(path, db=db)
    assert result.returncode == 0, result.describe()
    assert not result.problem_lines, result.describe()
    ((report_id, figure_count),) = query(db, "SELECT report_id, figure_count FROM reports WHERE source_file = ?",
                                         [name])
    assert figure_count >= 2000
    assert query(db, "SELECT count(*) FROM figures WHERE report_id = ?", [report_id]) == [(figure_count,)]
    after = snapshot(db)
    for table in CONTENT_TABLES:  # everything that was there is still there, untouched
        assert [r for r in after[table] if r[0] != report_id] == before[table], table


def test_same_report_twice_is_unchanged(db: Path, tmp_path: Path) -> None:
    before = snapshot(db)
    result = run_load(QIJIANG_FILE, db=db)
    assert result.returncode == 0, result.describe()
    assert not result.problem_lines, result.describe()
    assert "1 unchanged" in result.stdout, result.describe()
    assert_content_unchanged(before, snapshot(db), {QIJIANG_FILE.name: "unchanged"})
    # The same text under another name, in another folder, with no source record: the same report.
    copy = tmp_path / "elsewhere" / "a copy of the qijiang report.txt"
    copy.parent.mkdir()
    shutil.copy(QIJIANG_FILE, copy)
    result = run_load(copy, db=db)
    assert result.returncode == 0, result.describe()
    assert "1 unchanged" in result.stdout, result.describe()
    assert_content_unchanged(before, snapshot(db), {QIJIANG_FILE.name: "unchanged", copy.name: "unchanged"})


def test_newer_version_replaces_older_and_names_both(db: Path, tmp_path: Path) -> None:
    (old_id,) = query(db, "SELECT report_id FROM reports WHERE source_file = ?", [QIJIANG_FILE.name])[0]
    name = "chongqing-qijiang-2021-v2.txt"
    (path,) = write_reports(tmp_path / "v2", {name: qijiang_variant("修订版:")}, {name: record()})
    before = snapshot(db)
    result = run_load(path, db=db)
    assert result.returncode == 0, result.describe()
    replaced = result.lines_with("REPLACED")
    assert len(replaced) == 1, result.describe()
    line = replaced[0]
    assert name in line, f"the new version is not named: {line!r}"
    assert QIJIANG_FILE.name in line, f"the replaced version's file is not named: {line!r}"
    rows = query(db, "SELECT report_id, source_file FROM reports WHERE region_name = ? AND report_year = 2021 "
                     "AND year_span IS NULL", [QIJIANG_RECORD["region"]])
    assert len(rows) == 1 and rows[0][1] == name and rows[0][0] != old_id
    after = snapshot(db)
    new_id = rows[0][0]
    for table in CONTENT_TABLES:
        assert [r for r in after[table] if r[0] not in (old_id, new_id)] == \
               [r for r in before[table] if r[0] != old_id], table
        assert not [r for r in after[table] if r[0] == old_id], f"{table} keeps rows of the replaced version"


def test_reload_original_after_a_modified_version(db: Path, tmp_path: Path) -> None:
    """orig → modified (same region and year) → orig again: no duplicate-key errors, content back as it was."""
    before = snapshot(db)
    name = QIJIANG_FILE.name
    (modified,) = write_reports(tmp_path / "modified", {name: qijiang_variant("更正:")}, {name: record()})
    first = run_load(modified, db=db)
    assert first.returncode == 0 and len(first.lines_with("REPLACED")) == 1, first.describe()
    again = run_load(QIJIANG_FILE, db=db)
    assert again.returncode == 0 and len(again.lines_with("REPLACED")) == 1, again.describe()
    assert "Error" not in again.stderr, again.describe()
    after = snapshot(db)
    for table in ("sections", "figures", "observations", "checks", "indicators"):
        assert after[table] == before[table], table
    loaded_at = column_index(db, "reports", "loaded_at")  # the only column allowed to differ

    def strip(rows: list[tuple]) -> list[tuple]:
        return sorted((row[:loaded_at] + row[loaded_at + 1 :] for row in rows), key=repr)

    assert strip(after["reports"]) == strip(before["reports"])


def test_two_versions_of_one_report_in_one_batch(db: Path, tmp_path: Path) -> None:
    """A batch holding the original and a modified version of the same region and year must end with one
    report for that region and year, whichever wins, and must not fail on duplicate keys."""
    folder = tmp_path / "batch"
    names = {"a-qijiang-2021-modified.txt": qijiang_variant("更正:"), QIJIANG_FILE.name: QIJIANG_TEXT}
    write_reports(folder, names, {n: record() for n in names})
    result = run_load(folder, db=db)
    assert result.returncode == 0, result.describe()
    rows = query(db, "SELECT report_id FROM reports WHERE region_name = ? AND report_year = 2021 AND year_span IS NULL",
                 [QIJIANG_RECORD["region"]])
    assert len(rows) == 1, f"two reports for one region and year after one batch: {rows}\n{result.describe()}"
    (report_id,) = rows[0]
    for table in ("sections", "figures", "observations", "checks"):
        ids = {r[0] for r in query(db, f"SELECT DISTINCT report_id FROM {table}")}
        known = {r[0] for r in query(db, "SELECT report_id FROM reports")}
        assert ids <= known, f"{table} has rows of a report that is not in reports"
    assert query(db, "SELECT count(*) FROM reports WHERE report_id = ?", [report_id]) == [(1,)]


def test_odd_file_names_load_and_never_choose_a_path(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in" / "sub dir 子目录"
    name = "重庆 綦江 法治政府 报告 (2017).txt"
    write_reports(folder, {name: qijiang_variant("二〇一七年版:")}, {name: record(report_year=2017)})
    (tmp_path / "in" / "other").mkdir()
    dotted = tmp_path / "in" / "other" / ".." / "sub dir 子目录" / name
    db_files_before = {p.name for p in db.parent.iterdir()} | {f"{db.name}.lock"}  # the writers' lock file
    result = run_load(dotted, db=db)
    assert result.returncode == 0, result.describe()
    assert not result.problem_lines, result.describe()
    rows = query(db, "SELECT source_file, report_year FROM reports WHERE report_year = 2017 AND region_name = ?",
                 [QIJIANG_RECORD["region"]])
    assert rows == [(name, 2017)], "the stored source_file must be the bare file name"
    assert {p.name for p in db.parent.iterdir()} <= db_files_before, "the load left files next to the DB"
    assert not list((tmp_path / "in").rglob("*.duckdb*")), "the load wrote a database next to its input"


def test_relative_dotdot_path_from_another_working_directory(db: Path, tmp_path: Path) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    name = "报告 2016.txt"
    write_reports(tmp_path / "reports", {name: qijiang_variant("二〇一六年版:")}, {name: record(report_year=2016)})
    result = run_load(Path("..") / ".." / "reports" / name, db=db, cwd=work)
    assert result.returncode == 0, result.describe()
    rows = query(db, "SELECT source_file FROM reports WHERE report_year = 2016 AND region_name = ?",
                 [QIJIANG_RECORD["region"]])
    assert rows == [(name,)]


def test_batch_with_one_bad_file_loads_the_good_ones(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    good = {"good-2014.txt": qijiang_variant("二〇一四年:"), "good-2015.txt": qijiang_variant("二〇一五年:")}
    records = {"good-2014.txt": record(report_year=2014), "good-2015.txt": record(report_year=2015)}
    write_reports(folder, {**good, "broken.pdf": binary_bytes(), "m-menu.txt": MENU}, records)
    before = snapshot(db)
    result = run_load(folder, db=db)
    assert result.returncode != 0, result.describe()
    rejected = result.lines_with("REJECTED")
    assert len(rejected) == 2, result.describe()
    assert any("broken.pdf" in line for line in rejected) and any("m-menu.txt" in line for line in rejected)
    assert "2 reports loaded" in result.stdout, result.describe()
    loaded = query(db, "SELECT source_file FROM reports WHERE source_file LIKE 'good-%' ORDER BY 1")
    assert loaded == [("good-2014.txt",), ("good-2015.txt",)]
    assert not query(db, "SELECT * FROM reports WHERE source_file IN ('broken.pdf', 'm-menu.txt')")
    after = snapshot(db)
    new_ids = {r[0] for r in query(db, "SELECT report_id FROM reports WHERE source_file LIKE 'good-%'")}
    for table in CONTENT_TABLES:
        assert [r for r in after[table] if r[0] not in new_ids] == before[table], table
    for table in ("sections", "figures", "observations", "checks"):
        assert not query(db, f"SELECT * FROM {table} WHERE report_id NOT IN (SELECT report_id FROM reports)")


def test_batch_of_only_bad_files_keeps_database(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    write_reports(folder, {"a.txt": b"", "b.pdf": binary_bytes(), "c.docx": binary_bytes(seed=3)})
    before = snapshot(db)
    result = run_load(folder, db=db)
    assert result.returncode != 0, result.describe()
    assert len(result.lines_with("REJECTED")) == 3, result.describe()
    assert_content_unchanged(before, snapshot(db), {"a.txt": "rejected", "b.pdf": "rejected", "c.docx": "rejected"})


def test_source_records_folder_with_broken_yaml(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (path,) = write_reports(folder, {"report.txt": qijiang_variant("x")})
    (folder / "sources.yml").write_text("report.txt: {title: [unclosed\n", encoding="utf-8")
    before = snapshot(db)
    result = run_load(path, db=db)
    assert_rejected(result, "sources.yml")
    assert_content_unchanged(before, snapshot(db), {"report.txt": "rejected"})


def test_shipped_reports_all_loaded(base_db: Path) -> None:
    files = sum(1 for p in REPORTS.rglob("*.txt"))
    assert query(base_db, "SELECT count(*) FROM reports") == [(files,)]


# ------------------------------------------------------------------------------------------------------------
# Properties: readers and the pipeline fail only with ReadError


SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".TXT", ".xlsx", "")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_read_bytes_fails_only_with_read_error(data: bytes, suffix: str) -> None:
    try:
        raw = read_bytes(data, f"fuzz{suffix}")
    except ReadError as error:
        assert "\n" not in str(error) and f"fuzz{suffix}" in str(error)
        return
    assert isinstance(raw, RawDocument)


@st.composite
def report_like_bytes(draw: st.DrawFn) -> tuple[bytes, str]:
    """Real report text, cut and spliced with random bytes, in a random container suffix and encoding."""
    text = QIJIANG_TEXT[: draw(st.integers(0, 3000))]
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]))
    data = text.encode(encoding, errors="replace")
    cut = draw(st.integers(0, len(data)))
    data = data[:cut] + draw(st.binary(max_size=64)) + data[cut:]
    suffix = draw(st.sampled_from([".txt", ".html", ".pdf", ".docx"]))
    return data, suffix


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=report_like_bytes())
def test_read_bytes_on_damaged_reports(sample: tuple[bytes, str]) -> None:
    data, suffix = sample
    try:
        raw = read_bytes(data, f"damaged{suffix}")
    except ReadError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(raw, RawDocument)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400))
def test_extract_text_of_arbitrary_text_fails_only_with_read_error(text: str) -> None:
    try:
        result = extract_text(text, "fuzz.txt")
    except ReadError:
        return
    assert isinstance(result, Extraction)


_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))


@st.composite
def spliced_report(draw: st.DrawFn) -> str:
    """A real report with random text spliced into random places: exercises every step past the marker check."""
    text = QIJIANG_TEXT
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        junk = draw(st.one_of(
            st.text(alphabet=_ALPHABET, max_size=30),
            st.sampled_from(["一、", "(一)", "1.", "万", "亿", "%", "余件", "〇", "零点", "\u202e", "\x00", "年度",
                             "1e309", "９９９９９９９９９９９９９９９９９９９９件", "-0", "个百分点"]),
        ))
        text = text[:at] + junk + text[at:]
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=spliced_report())
def test_extract_text_of_spliced_report_fails_only_with_read_error(text: str) -> None:
    try:
        result = extract_text(text, "spliced.txt")
    except ReadError:
        return
    assert isinstance(result, Extraction)
    n = len(result.document.text)
    for fig in result.figures:
        assert 0 <= fig.start < fig.end <= n and fig.sentence_start <= fig.start and fig.end <= fig.sentence_end
