"""Shared fixtures for the end-to-end tests: a real DuckDB file, the real CLI, and exact snapshots.

- `base_db`: built once per session from data/reports through `python -m etl load`.
- `db`: a private copy of it for one test (tests may load into it freely).
- `snapshot(path)`: every row of every table (`etl.store.table_rows`), read through a read-only connection.
- `run_load(...)`: the CLI in a subprocess, with its output split into lines.
- `assert_content_unchanged(...)`: every table identical, except that the append-only audit log
  (`load_events`) may have gained exactly the rows this run describes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
import yaml

from etl.catalogue import Catalogue
from etl.extract.assignment import assign_with_status
from etl.extract.figures import extract_figures
from etl.extract.pipeline import build_document
from etl.extract.structure import find_sections, split_sentences
from etl.store import table_rows

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
EXCERPTS = REPORTS / "excerpts"
QIJIANG_FILE = REPORTS / "chongqing-qijiang-2021.txt"
QIJIANG_TEXT = QIJIANG_FILE.read_text(encoding="utf-8")
QIJIANG_RECORD: dict = yaml.safe_load((REPORTS / "sources.yml").read_text(encoding="utf-8"))[QIJIANG_FILE.name]
# A sentence of the Qijiang report that carries three figures (5169件, 5089件, 98.45%).
MEDIATION_SENTENCE_START = "全年共调解各类矛盾纠纷5169件"
assert MEDIATION_SENTENCE_START in QIJIANG_TEXT

CLI_TIMEOUT = 240
Snapshot = dict[str, list[tuple]]


def assignment_of(text: str, figure_text: str, catalogue: Catalogue) -> tuple[str | None, str, str | None]:
    """The ETL run on a text alone: the indicator, status and review reason of the figure written `figure_text`."""
    document = build_document(text)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    written = [f.text for f in figures]
    assert figure_text in written, f"figure {figure_text} not found; figures: {written}"
    assignment = assign_with_status(document.folded, figures, catalogue)
    index = written.index(figure_text)
    return assignment.indicator_ids[index], assignment.statuses[index], assignment.review_reasons[index]


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("DASHBOARD_DB", None)
    env.update(extra)
    return env


@dataclass(frozen=True)
class CliResult:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.stdout + "\n" + self.stderr).splitlines() if line.strip()]

    def lines_with(self, *prefixes: str) -> list[str]:
        return [line for line in self.lines if line.startswith(prefixes)]

    @property
    def problem_lines(self) -> list[str]:
        return self.lines_with("REJECTED", "WARNING", "ERROR")

    def describe(self) -> str:
        return f"$ {' '.join(self.args)}\nexit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def load_command(paths: Iterable[Path | str], db: Path, quiet: bool = True, extra: Iterable[str] = ()) -> list[str]:
    args = [sys.executable, "-m", "etl", "load", *[str(p) for p in paths], "--db", str(db), *extra]
    if quiet:
        args.append("--quiet")
    return args


def run_load(
    *paths: Path | str, db: Path, quiet: bool = True, cwd: Path = ROOT, timeout: float = CLI_TIMEOUT,
    extra: Iterable[str] = (),
) -> CliResult:
    args = load_command(paths, db, quiet, extra)
    proc = subprocess.run(
        args, cwd=cwd, env=cli_env(), capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=timeout, check=False,
    )
    return CliResult(tuple(args), proc.returncode, proc.stdout, proc.stderr)


def snapshot(db: Path) -> Snapshot:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return table_rows(con)
    finally:
        con.close()


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def assert_content_unchanged(
    before: Snapshot, after: Snapshot, new_events: Mapping[str, str] | None = None
) -> None:
    """Every table row-for-row identical; `load_events` is an append-only log that keeps its old rows
    and gains at most one row per file named in `new_events` (file name → expected action)."""
    assert set(before) == set(after), "the set of tables changed"
    for table in before:
        if table == "load_events":
            continue
        assert before[table] == after[table], f"table {table} changed"
    if "load_events" not in before:
        return
    old, new = before["load_events"], after["load_events"]
    missing = [row for row in old if row not in new]
    assert not missing, f"load_events lost rows: {missing[:3]}"
    added = list(new)
    for row in old:
        added.remove(row)
    expected = dict(new_events or {})
    assert len(added) <= len(expected), f"unexpected load_events rows: {added}"
    for row in added:
        # columns: loaded_at, source_file, report_id, action, detail
        source_file, action = str(row[1]), row[3]
        matches = [name for name in expected if name in source_file]
        assert matches, f"load_events row for an unexpected file: {row}"
        assert action == expected[matches[0]], f"load_events row {row} should have action {expected[matches[0]]}"


def write_reports(
    folder: Path, files: Mapping[str, str | bytes], records: Mapping[str, dict] | None = None
) -> list[Path]:
    """Write report files (str → UTF-8) and, when given, the folder's sources.yml records."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    if records:
        (folder / "sources.yml").write_text(yaml.safe_dump(dict(records), allow_unicode=True), encoding="utf-8")
    return paths


def record(**overrides: object) -> dict:
    """A source record like the real Qijiang 2021 one, with fields overridden (region, report_year, ...)."""
    rec = dict(QIJIANG_RECORD)
    rec.update(overrides)
    return rec


def qijiang_variant(marker: str) -> str:
    """The Qijiang 2021 report with one figure sentence changed: different content, same region and year."""
    return QIJIANG_TEXT.replace(MEDIATION_SENTENCE_START, f"{marker}{MEDIATION_SENTENCE_START}", 1)


@pytest.fixture(scope="session")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.duckdb"
    result = run_load(REPORTS, db=path)
    assert path.exists(), result.describe()
    assert not result.lines_with("REJECTED"), result.describe()
    rows = query(path, "SELECT count(*) FROM reports WHERE source_file = ?", [QIJIANG_FILE.name])
    assert rows == [(1,)], result.describe()
    return path


@pytest.fixture
def db(base_db: Path, tmp_path: Path) -> Path:
    """A private copy of the session database; the previous content every test compares against."""
    path = tmp_path / "db" / "live.duckdb"
    path.parent.mkdir()
    shutil.copy2(base_db, path)
    return path


def column_index(db: Path, table: str, column: str) -> int:
    cols = [r[0] for r in query(db, "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                    "ORDER BY ordinal_position", [table])]
    return cols.index(column)


BROWSER_FIXTURES = {"browser", "recorded_page", "streamlit_server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives a real browser or server is `browser`, so `-m "not browser"` leaves all of them out."""
    for item in items:
        uses_browser = BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
        if "e2e" in item.path.parts or uses_browser:
            item.add_marker(pytest.mark.browser)
