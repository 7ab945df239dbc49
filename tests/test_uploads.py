"""Uploaded bytes: names never choose a path, size and type limits, review before commit, rejects change nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.extract.read import MAX_FILE_BYTES
from etl.ingest import uploads
from tests.conftest import QIJIANG_TEXT, ROOT, qijiang_variant, query, snapshot

FIXTURES = ROOT / "tests" / "fixtures" / "read"
QIJIANG_BYTES = QIJIANG_TEXT.encode("utf-8")


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\win.ini.txt", "win.ini.txt"),
        ("/abs/path/报告.docx", "报告.docx"),
        ("报告 2023.docx", "报告 2023.docx"),
        ("C:\\Users\\张三\\Desktop\\綦江 2021.pdf", "綦江 2021.pdf"),
        ("evil\x00.txt", "evil.txt"),
        ("line\nbreak\r.txt", "linebreak.txt"),
        ("\u202etxt.exe", "txt.exe"),  # right-to-left override would make "exe.txt" look like a text file
        ("..", "upload"),
        ("", "upload"),
        ("a/", "upload"),
        ("x" * 300 + ".docx", "x" * 114 + "….docx"),  # 120 characters
    ],
)
def test_display_name_strips_folders_and_controls(sent: str, shown: str) -> None:
    assert uploads.display_name(sent) == shown
    assert "/" not in uploads.display_name(sent) and "\\" not in uploads.display_name(sent)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("evil\x00.txt", QIJIANG_BYTES, "evil.txt: file name contains a NUL byte"),
        ("report.exe", QIJIANG_BYTES, "report.exe: unsupported file type (.exe; expected one of .txt, .html, .htm, "
                                      ".docx, .pdf)"),
        ("README", QIJIANG_BYTES, "README: unsupported file type (no extension;"),
        ("report.txt.zip", QIJIANG_BYTES, "report.txt.zip: unsupported file type (.zip;"),
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("big.txt", b"x" * (MAX_FILE_BYTES + 1), f"big.txt: file is too large ({MAX_FILE_BYTES + 1:,} bytes; the limit "
                                                  f"is {MAX_FILE_BYTES:,} bytes)"),
    ],
)
def test_check_upload_rejects(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(uploads.UploadRejected) as caught:
        uploads.check_upload(name, data)
    assert str(caught.value).startswith(reason)
    staged = uploads.stage_file(name, data)
    assert not staged.accepted and staged.reason.startswith(reason) and "\n" not in staged.reason


def test_size_limit_is_the_readers_and_the_configs() -> None:
    assert uploads.MAX_UPLOAD_BYTES == MAX_FILE_BYTES == 20 * 1024 * 1024
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert f"maxUploadSize = {uploads.MAX_UPLOAD_MB}" in config
    assert uploads.check_upload("ok.txt", b"x" * 10, max_bytes=10) == ("ok.txt", ".txt")
    with pytest.raises(uploads.UploadRejected):
        uploads.check_upload("ok.txt", b"x" * 11, max_bytes=10)


def test_traversal_name_is_read_in_memory_and_named_safely(tmp_path: Path) -> None:
    before = set(tmp_path.rglob("*"))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        staged = uploads.stage_file("../../etc/passwd.txt", QIJIANG_BYTES)
    finally:
        os.chdir(cwd)
    assert staged.accepted, staged.reason
    assert staged.name == "passwd.txt" and staged.extraction.source_file == "passwd.txt"
    assert set(tmp_path.rglob("*")) == before  # nothing written anywhere


@pytest.mark.parametrize(
    ("fixture", "sent_as", "fmt"),
    [("qijiang.docx", "报告 2023.docx", "docx"), ("qijiang.pdf", "綦江.pdf", "pdf"),
     ("qijiang_gb2312.html", "page.html", "html"), ("qijiang_gb18030.txt", "gb.txt", "txt")],
)
def test_every_supported_type_is_staged(fixture: str, sent_as: str, fmt: str) -> None:
    staged = uploads.stage_file(sent_as, (FIXTURES / fixture).read_bytes())
    assert staged.accepted, staged.reason
    assert staged.name == sent_as and staged.extraction.source_format == fmt
    assert "5169" in staged.extraction.document.text.replace(",", "")


@pytest.mark.parametrize(
    ("name", "data", "reason_part"),
    [
        ("menu.txt", "今日菜单:米饭、青菜、豆腐汤。".encode() * 20, "does not look like a rule-of-law"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "broken.docx"),
        ("encrypted.pdf", (FIXTURES / "encrypted.pdf").read_bytes(), "encrypted.pdf"),
        ("binary.txt", bytes(range(256)) * 40, "binary.txt"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(name: str, data: bytes, reason_part: str) -> None:
    staged = uploads.stage_file(name, data)
    assert not staged.accepted
    assert reason_part in staged.reason and staged.reason.startswith(name)


def test_batch_progress_duplicates_and_plan(db: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    files = [("a.txt", QIJIANG_BYTES), ("copy of a.txt", QIJIANG_BYTES), ("bad.exe", b"x"),
             ("变体.txt", qijiang_variant("另据统计,").encode("utf-8"))]
    staged = uploads.stage_files(files, progress=lambda i, n, name: seen.append((i, n, name)))
    assert seen == [(1, 4, "a.txt"), (2, 4, "copy of a.txt"), (3, 4, "bad.exe"), (4, 4, "变体.txt")]
    assert [s.accepted for s in staged] == [True, False, False, True]
    assert staged[1].reason == "copy of a.txt: same report as a.txt in this upload"
    loaded = query(db, "SELECT report_id, region_name, report_year, year_span FROM reports")
    plan = uploads.plan(staged, loaded)
    assert plan[staged[0].extraction.report_id].action == "unchanged"  # the shipped Qijiang 2021 report
    assert plan[staged[3].extraction.report_id].action == "replaces"
    assert plan[staged[3].extraction.report_id].detail == staged[0].extraction.report_id


def test_rejected_only_commit_changes_nothing(db: Path) -> None:
    before = snapshot(db)
    stamp = os.stat(db).st_mtime_ns
    staged = uploads.stage_files([("bad.exe", b"x"), ("empty.txt", b"")])
    assert uploads.commit(staged, db) == []
    assert snapshot(db) == before and os.stat(db).st_mtime_ns == stamp


def test_commit_loads_accepted_files_and_archives_by_hash(db: Path, tmp_path: Path) -> None:
    variant = qijiang_variant("上传测试:").encode("utf-8")
    files = [("../../etc/passwd.txt", variant), ("bad.exe", b"x")]
    staged = uploads.stage_files(files)
    archive = tmp_path / "archive"
    outcomes = uploads.commit(staged, db, originals={s.sha256: d for s, (_, d) in zip(staged, files, strict=True)},
                              archive=archive)
    assert [(o.source_file, o.action) for o in outcomes] == [("passwd.txt", "replaced")]
    report_id = staged[0].extraction.report_id
    assert query(db, "SELECT source_file, region_name, report_year FROM reports WHERE report_id = ?",
                 [report_id]) == [("passwd.txt", "重庆市綦江区", 2021)]
    assert query(db, "SELECT count(*) FROM load_events WHERE source_file = 'bad.exe'") == [(0,)]
    assert [p.name for p in archive.iterdir()] == [f"{report_id}.txt"]
    assert (archive / f"{report_id}.txt").read_bytes() == variant
    mediation = query(db, "SELECT value FROM observations WHERE report_id = ? AND indicator_id = 'mediation_cases'",
                      [report_id])
    assert mediation == [(5169.0,)]


@pytest.mark.parametrize(("report_id", "suffix"), [("../../x", ".txt"), ("abc", ".txt"), ("0123456789abcdef", ".sh")])
def test_archive_path_refuses_anything_but_a_hash(tmp_path: Path, report_id: str, suffix: str) -> None:
    with pytest.raises(ValueError):
        uploads.archive_path(tmp_path, report_id, suffix)
    assert uploads.archive_path(tmp_path, "0123456789abcdef", ".pdf") == tmp_path / "0123456789abcdef.pdf"
