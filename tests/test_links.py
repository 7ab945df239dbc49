"""Links keep their report: every URL names region, year and report id (also for the default report), the
landing page is the configured showcase (not the newest report), a link to a replaced version says so and
shows the new one, and a region alone opens its newest year with values.

The pure rules (ui/view.py) against the real report index; the pages through AppTest against databases built
by the real CLI (`run_load`), with newer reports loaded into a private copy (`db`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl import config
from etl.store import queries
from tests.conftest import QIJIANG_TEXT, run_load
from ui.view import Selection, build_pickers, choose_report, default_year, resolve_selection, showcase_row, with_labels

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
QIJIANG = "重庆市綦江区"


def report_index(db: Path) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return queries.report_index(con)
    finally:
        con.close()


def report_id(db: Path, region: str, year: str) -> str:
    index = with_labels(report_index(db))
    return str(index[(index["region_label"] == region) & (index["year_label"] == year)]["report_id"].iloc[0])


def newer_qijiang(tmp_path: Path) -> Path:
    """A copy of the Qijiang 2021 text with its years moved on: 重庆市綦江区 2023, the same 43 values."""
    path = tmp_path / "newer" / "qijiang-2023.txt"
    path.parent.mkdir()
    path.write_text(QIJIANG_TEXT.replace("2021", "2023").replace("2022", "2024"), encoding="utf-8")
    return path


def run_app(db: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None, **params: str) -> AppTest:
    monkeypatch.setenv(config.DB_ENV, str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def pair(selection: Selection) -> tuple[str, str]:
    return selection.region, selection.year


def url(at: AppTest) -> tuple[str | None, ...]:
    return tuple(at.query_params.get(key) for key in ("region", "year", "report"))


# ------------------------------------------------------------------------------------------ pure rules


def test_showcase_is_named_not_newest(base_db: Path) -> None:
    pickers = build_pickers(report_index(base_db), config.DEFAULT_SHOWCASE)
    assert pickers.default == (QIJIANG, "2021")
    assert config.showcase_report({}) == "重庆市綦江区/2021"
    assert config.showcase_report({config.SHOWCASE_ENV: " 重庆市九龙坡区/2022 "}) == "重庆市九龙坡区/2022"
    index = with_labels(report_index(base_db))
    assert showcase_row(index, "重庆市九龙坡区/2022")["region_label"] == "重庆市九龙坡区"
    assert showcase_row(index, report_id(base_db, "北京市", "2021"))["region_label"] == "北京市"
    assert showcase_row(index, "火星/2021") is None  # unknown: the full report with the most values instead
    assert build_pickers(report_index(base_db), "火星/2021").default == (QIJIANG, "2021")


def test_default_year_is_the_newest_with_values(base_db: Path) -> None:
    pickers = build_pickers(report_index(base_db), config.DEFAULT_SHOWCASE)
    assert pickers.years["重庆市江北区"] == ("2024", "2023")
    assert default_year(pickers, "重庆市江北区") == "2023"  # the 2024 report states no indicator value
    assert default_year(pickers, "重庆市铜梁区") == "2024"
    assert default_year(pickers, "上海市浦东新区") == "2023"  # no year has values: the newest
    assert default_year(pickers, QIJIANG) == "2022"  # a region alone: its newest year with values (2 of them)
    report, problems = choose_report(with_labels(report_index(base_db)), "重庆市江北区", None)
    assert (report["year_label"], problems) == ("2023", [])


def test_resolve_selection(base_db: Path) -> None:
    pickers = build_pickers(report_index(base_db), config.DEFAULT_SHOWCASE)
    qijiang_2022 = report_id(base_db, QIJIANG, "2022")
    # Landing: the showcase. A link decides over the pickers; the report id over region and year.
    assert pair(resolve_selection(pickers, (None, None, None), None, None)) == (QIJIANG, "2021")
    assert pair(resolve_selection(pickers, (None, "1900", None), None, None)) == (QIJIANG, "2021")
    assert pair(resolve_selection(pickers, ("重庆市江北区", None, None), None, None)) == ("重庆市江北区", "2023")
    chosen = resolve_selection(pickers, ("北京市", "2021", qijiang_2022), None, None)
    assert (chosen.region, chosen.year) == (QIJIANG, "2022")
    # The URL the session wrote itself: the pickers decide (the reader changed one); a page switch that
    # emptied the URL keeps the pickers' choice instead of jumping back to the showcase.
    written = ("北京市", "2021", "x")
    assert pair(resolve_selection(pickers, written, ("重庆市江北区", "2021"), written)) == ("重庆市江北区", "2023")
    assert pair(resolve_selection(pickers, (None, None, None), ("北京市", "2021"), written)) == ("北京市", "2021")
    # A replaced version: the successor, said so; an unknown id otherwise falls back to region and year.
    replaced = resolve_selection(pickers, (QIJIANG, "2022", "gone"), None, None, successor=qijiang_2022)
    assert (replaced.year, replaced.replaced, replaced.problems) == ("2022", "gone", ())
    unknown = resolve_selection(pickers, (QIJIANG, "2022", "gone"), None, None)
    assert (unknown.year, unknown.problems) == ("2022", ("report=gone",))
    bad = resolve_selection(pickers, ("火星", "1900", None), None, None)
    assert (bad.region, bad.year, bad.problems) == (QIJIANG, "2021", ("region=火星", "year=1900"))


# ------------------------------------------------------------------------------------------ pages


def test_landing_url_names_the_showcase_and_keeps_it_after_a_newer_report(db: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    qijiang_2021 = report_id(db, QIJIANG, "2021")
    at = run_app(db, monkeypatch)
    assert not at.exception
    assert url(at) == (QIJIANG, "2021", qijiang_2021)  # the default report is named, not left out
    result = run_load(newer_qijiang(tmp_path), db=db)
    assert result.returncode == 0, result.describe()
    assert report_id(db, QIJIANG, "2023")
    again = run_app(db, monkeypatch)
    assert url(again) == (QIJIANG, "2021", qijiang_2021)  # the newer 2023 report does not move the landing page
    assert again.sidebar.selectbox(key="year").value == "2021"
    # The old link still shows what it showed; a region alone now opens the newer year (it has values).
    linked = run_app(db, monkeypatch, "pages/mediation.py", region=QIJIANG)
    assert url(linked)[:2] == (QIJIANG, "2023")
    assert not linked.warning


def test_showcase_from_the_environment(base_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.SHOWCASE_ENV, "重庆市九龙坡区/2022")
    at = run_app(base_db, monkeypatch)
    assert url(at)[:2] == ("重庆市九龙坡区", "2022")
    assert at.sidebar.selectbox(key="region").value == "重庆市九龙坡区"


def test_changing_the_pickers_rewrites_the_url(base_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(base_db, monkeypatch, "pages/overview.py")
    at.sidebar.selectbox(key="region").set_value("重庆市江北区").run()
    assert not at.exception
    assert url(at) == ("重庆市江北区", "2023", report_id(base_db, "重庆市江北区", "2023"))
    at.sidebar.selectbox(key="year").set_value("2024").run()
    assert url(at) == ("重庆市江北区", "2024", report_id(base_db, "重庆市江北区", "2024"))
    assert not at.warning


def test_link_to_a_replaced_version_says_so(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = report_id(db, QIJIANG, "2021")
    revised = tmp_path / "revised" / "chongqing-qijiang-2021-revised.txt"
    revised.parent.mkdir()
    revised.write_text(QIJIANG_TEXT + "\n本报告为修订版。\n", encoding="utf-8")
    result = run_load(revised, db=db)
    assert result.returncode == 0 and result.lines_with("REPLACED"), result.describe()
    new = report_id(db, QIJIANG, "2021")
    assert new != old
    at = run_app(db, monkeypatch, "pages/overview.py", region=QIJIANG, year="2021", report=old)
    assert not at.exception
    notices = [w.value for w in at.warning]
    assert any("新版本替换" in n and old in n for n in notices), notices
    assert url(at) == (QIJIANG, "2021", new)
    # A link to an id that never existed says that instead.
    unknown = run_app(db, monkeypatch, "pages/overview.py", region=QIJIANG, year="2021", report="0000000000000000")
    assert any("report=0000000000000000" in w.value for w in unknown.warning)
