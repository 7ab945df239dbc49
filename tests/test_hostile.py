"""Hostile input: markup in report text, crafted URL query parameters, hostile upload names.

Report text, region names, titles and URL values are untrusted. They may be shown only as plain text: in a
markdown context (st.markdown, captions, alerts, toasts, titles, tooltips) every markdown/HTML character must be
escaped, raw HTML is never enabled with them, and SQL always binds them as parameters.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from etl import store
from tests.conftest import (
    QIJIANG_FILE,
    QIJIANG_TEXT,
    ROOT,
    query,
    record,
    run_load,
    snapshot,
    write_reports,
)

APP = ROOT / "dashboard.py"
APP_TIMEOUT = 90

# ------------------------------------------------------------------------------------------------------------
# The hostile report: the real Qijiang 2021 text with markup added to sentences that carry figures.

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
MARKDOWN = "**bold**[link](javascript:alert(3))"
INJECTIONS = {
    "全年共调解各类矛盾纠纷5169件": SCRIPT,
    "依法受理57件": IMG,
    "认真办理人大代表建议322件": MARKDOWN,
    "审查政府性合同98件": "<a href='javascript:alert(4)'>x</a>",
}
HOSTILE_TITLE = "重庆市綦江区2021年度法治政府建设情况报告<script>alert('title')</script>**t**"
HOSTILE_URL = "javascript:alert(document.cookie)"
# Raw forms that must never reach a markdown context unescaped.
RAW_MARKERS = ("<script", "<img", "](javascript:", "**bold**", "**t**", "<a href", "](https://evil")


def hostile_text() -> str:
    text = QIJIANG_TEXT
    for anchor, markup in INJECTIONS.items():
        assert anchor in text, anchor
        text = text.replace(anchor, anchor + markup, 1)
    return text


@pytest.fixture(scope="module")
def hostile_db(base_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "db" / "hostile.duckdb"
    db.parent.mkdir()
    shutil.copy2(base_db, db)
    name = QIJIANG_FILE.name
    (path,) = write_reports(folder / "in", {name: hostile_text()},
                            {name: record(title=HOSTILE_TITLE, url=HOSTILE_URL)})
    result = run_load(path, db=db)
    assert result.returncode == 0 and result.lines_with("REPLACED"), result.describe()
    sentences = [r[0] for r in query(db, "SELECT sentence FROM figures WHERE sentence LIKE '%alert(%'")]
    assert any(SCRIPT in s for s in sentences), "the hostile sentence must be stored as written"
    return db


@pytest.fixture(scope="module")
def app_db(hostile_db: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_DB", str(hostile_db))
        mp.delenv("DASHBOARD_ADMIN_PASSWORD", raising=False)
        mp.delenv("DASHBOARD_UPLOAD_ARCHIVE", raising=False)
        yield hostile_db


# ------------------------------------------------------------------------------------------------------------
# Pages: discovered from the files present; ui/nav.py says how each is reached.


def page_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def nav_specs() -> dict[str, object]:
    from ui import nav

    return {spec.path: spec for spec in nav.available_pages()}


PAGES = page_files()


def run_page(page: str, params: dict[str, str] | None = None) -> AppTest:
    """A fresh session opening `page` by its URL (a deep link), with the given query parameters."""
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    spec = nav_specs().get(page)
    assert spec is not None, f"{page} is not in ui/nav.py"
    # st.Page identifies a page by the hash of its url_path; AppTest.switch_page can only compute that after a
    # first run, which would make this a page switch in a running session instead of a fresh deep link.
    at._page_hash = calc_hash(spec.url_path)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def _texts(elements: object) -> list[str]:
    return [str(getattr(e, "value", "") or "") for e in elements]  # type: ignore[attr-defined]


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the front end renders as markdown."""
    texts: list[str] = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success", "toast", "title", "header",
                 "subheader"):
        texts += _texts(getattr(at, kind))
    for metric in at.metric:
        texts += [metric.label, metric.proto.help]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "button", "checkbox", "toggle"):
        for widget in getattr(at, kind):
            texts += [str(getattr(widget, "label", "")), str(getattr(widget, "help", "") or "")]
    return texts


def plain_texts(at: AppTest) -> str:
    """Text shown as plain text: dataframes (as CSV-ish dumps), st.text, code."""
    parts = []
    for frame in at.dataframe:
        parts.append(frame.value.to_csv(index=False))
    parts += _texts(at.text) + _texts(at.code)
    return "\n".join(parts)


def chart_specs(at: AppTest) -> list[str]:
    return [el.proto.spec for el in at.get("plotly_chart")]


def chart_strings(at: AppTest) -> list[str]:
    """Every string inside the Plotly figures (JSON-decoded: the spec writes < as \\u003c)."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for spec in chart_specs(at):
        walk(json.loads(spec))
    return found


def unescaped(markdown: str) -> str:
    """The markdown with every backslash-escaped character blanked: what is left is live syntax."""
    return re.sub(r"\\.", "\x00", markdown, flags=re.S)


def assert_no_raw_markup(at: AppTest, where: str) -> None:
    for text in markdown_texts(at):
        live = unescaped(text)
        for marker in RAW_MARKERS:
            assert marker not in live, f"{where}: unescaped {marker!r} in a markdown context: {text[:200]!r}"
    for text in chart_strings(at):  # Plotly renders <b>, <br>, <a href=…> in hover text and labels
        for marker in ("<script", "<img", "<a "):
            assert marker not in text.lower(), f"{where}: chart text carries raw {marker!r}: {text[:200]!r}"


def assert_no_exception(at: AppTest, where: str) -> None:
    assert not at.exception, f"{where}: {[e.value for e in at.exception]}"


@pytest.fixture(scope="module")
def default_runs(app_db: Path) -> dict[str, AppTest]:
    """Every page opened once with no query parameters (the default view), against the hostile database."""
    return {page: run_page(page) for page in PAGES}


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_hostile_report_text_only_as_plain_text(default_runs: dict[str, AppTest], page: str) -> None:
    at = default_runs[page]
    assert_no_exception(at, page)
    assert_no_raw_markup(at, page)


def test_hostile_sentence_is_shown_escaped_or_plain(default_runs: dict[str, AppTest]) -> None:
    """The mediation page shows the sentence of 5169件: as plain text or escaped markdown, never as markup."""
    at = default_runs["pages/mediation.py"]
    assert_no_exception(at, "mediation")
    shown = "\n".join([*markdown_texts(at), plain_texts(at), *chart_strings(at)])
    assert "alert(1)" in shown, "the hostile sentence is not shown at all: the test would prove nothing"
    assert_no_raw_markup(at, "mediation")


def test_hostile_source_url_is_never_a_link(default_runs: dict[str, AppTest]) -> None:
    at = default_runs["pages/overview.py"]
    captions = [text for text in markdown_texts(at) if "重庆市綦江区" in text]
    assert captions, "the overview names no source"
    for text in markdown_texts(at):
        assert "](javascript" not in unescaped(text), text


# ------------------------------------------------------------------------------------------------------------
# URL query parameters

HOSTILE_VALUES = [
    "' OR 1=1 --",
    "; DROP TABLE reports;",
    "重庆市綦江区\u202e",
    "x" * 10000,
    "../../etc/passwd",
    "[点此](https://evil.example/x)",
]
SHARED_KEYS = ("region", "year", "lang")


def _constants() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in (ROOT / "ui").glob("*.py"):
        for name, value in re.findall(r'^([A-Z][A-Z0-9_]*_PARAM)\s*=\s*"(\w+)"', path.read_text(), re.M):
            found[name] = value
    return found


def page_keys(page: str) -> set[str]:
    """URL keys a page reads: literal names and *_PARAM constants in its source."""
    source = (ROOT / page).read_text(encoding="utf-8")
    keys = set(re.findall(r'param="(\w+)"', source))
    keys |= set(re.findall(r'query_params\.get(?:_all)?\(\s*"(\w+)"', source))
    constants = _constants()
    keys |= {constants[name] for name in re.findall(r"\b([A-Z][A-Z0-9_]*_PARAM)\b", source) if name in constants}
    return keys


def notices(at: AppTest) -> list[str]:
    return _texts(at.warning) + _texts(at.toast) + _texts(at.info) + _texts(at.error)


def view_of(at: AppTest) -> dict[str, object]:
    """What the reader sees of the view: titles, sidebar choices, how many charts and tables."""
    return {
        "title": _texts(at.title),
        "subheaders": _texts(at.subheader),
        "selectboxes": {s.key: s.value for s in at.selectbox if s.key},
        "radios": {r.key: r.value for r in at.radio if r.key},
        "charts": len(at.get("plotly_chart")),
    }


@pytest.fixture(scope="module")
def default_views(default_runs: dict[str, AppTest]) -> dict[str, dict[str, object]]:
    return {page: view_of(at) for page, at in default_runs.items()}


@pytest.mark.parametrize("page", PAGES)
def test_hostile_query_params_on_every_page(app_db: Path, default_views: dict, page: str) -> None:
    before, stamp = snapshot(app_db), store.database_stamp(app_db)
    keys = sorted(set(SHARED_KEYS) | page_keys(page))
    # Every key gets a hostile value, different keys different values, so one run covers them all.
    params = {key: HOSTILE_VALUES[i % len(HOSTILE_VALUES)] for i, key in enumerate(keys)}
    at = run_page(page, params)
    assert_no_exception(at, page)
    shown = notices(at)
    assert shown, f"{page}: invalid parameters {sorted(params)} but no notice"
    for key in keys:
        if key in SHARED_KEYS or key in page_keys(page):
            assert any(key in n for n in shown), f"{page}: no notice names the invalid ?{key}= ({shown})"
    assert view_of(at) == default_views[page], f"{page}: hostile parameters did not fall back to the default view"
    assert_no_raw_markup(at, f"{page} with hostile parameters")
    assert store.database_stamp(app_db) == stamp and snapshot(app_db) == before


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=["sql-or", "sql-drop", "bidi", "long", "dotdot", "md-link"])
def test_each_hostile_value_in_the_shared_sidebar_keys(app_db: Path, default_views: dict, value: str) -> None:
    page = "pages/overview.py"
    before = snapshot(app_db)
    at = run_page(page, dict.fromkeys(SHARED_KEYS, value))
    assert_no_exception(at, page)
    shown = notices(at)
    for key in SHARED_KEYS:
        assert any(key in n for n in shown), f"no notice names ?{key}= ({shown})"
    assert all(len(n) < 1000 for n in shown), "a notice repeats a huge URL value in full"
    assert view_of(at) == default_views[page]
    assert_no_raw_markup(at, f"overview with {value[:30]!r}")
    assert snapshot(app_db) == before


def test_presentation_mode_with_hostile_params(app_db: Path) -> None:
    params = {"present": "1", "region": "' OR 1=1 --", "year": "../../etc/passwd", "lang": "x" * 10000,
              "slide": "; DROP TABLE reports;", "slides": "[点此](https://evil.example/x)", "every": "-1e309"}
    before = snapshot(app_db)
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert_no_exception(at, "presentation")
    assert notices(at), "presentation: invalid parameters but no notice"
    assert_no_raw_markup(at, "presentation with hostile parameters")
    assert snapshot(app_db) == before


# ------------------------------------------------------------------------------------------------------------
# Source checks: raw HTML only with constants; SQL only with bound parameters.


def _module_key(path: Path) -> str:
    """ui modules by name (what `present.X` refers to), page scripts as "pages.<name>" (pages/present.py is
    not ui/present.py)."""
    return f"pages.{path.stem}" if path.parent.name == "pages" else path.stem


def _module_string_constants() -> dict[str, set[str]]:
    """module name → names assigned a literal string (or an f-string without placeholders) at top level."""
    result: dict[str, set[str]] = {}
    for path in [*(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py"), APP]:
        names: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and (_is_literal(node.value) or _is_static_asset(node.value)):
                names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        result[_module_key(path)] = names
    return result


def _is_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return not any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_literal(node.left) and _is_literal(node.right)
    return False


_ASSET_LOADERS = {"static_text", "style_element", "script_element"}  # ui/assets.py: files under ui/static


def _is_static_asset(node: ast.AST) -> bool:
    """A constant file read through ui/assets.py: a loader called with literal paths only."""
    if not isinstance(node, ast.Call) or node.keywords:
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in _ASSET_LOADERS and bool(node.args) and all(_is_literal(arg) for arg in node.args)


def _is_constant_arg(node: ast.AST, module: str, constants: dict[str, set[str]]) -> bool:
    if _is_literal(node) or _is_static_asset(node):
        return True
    if isinstance(node, ast.Name):
        return node.id in constants.get(module, set())
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr in constants.get(node.value.id, set())
    return False


def test_raw_html_only_with_constant_strings() -> None:
    constants = _module_string_constants()
    offenders = []
    checked = 0
    for path in [*(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py"), APP]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            unsafe = any(k.arg in ("unsafe_allow_html", "unsafe_allow_javascript")
                         and not (isinstance(k.value, ast.Constant) and k.value.value is False) for k in node.keywords)
            func = node.func
            raw_html = isinstance(func, ast.Attribute) and func.attr == "html"
            if not (unsafe or raw_html):
                continue
            checked += 1
            first = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "body"), None)
            if first is None or not _is_constant_arg(first, _module_key(path), constants):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"raw HTML built from non-constant values ({checked} raw-HTML calls checked): {offenders}"


def _concatenates_sql(node: ast.BinOp) -> bool:
    if _is_literal(node):
        return False
    return any(isinstance(side, ast.Constant) and isinstance(side.value, str)
               and re.search(r"\b(SELECT|WHERE|FROM|AND|OR)\b", side.value) for side in (node.left, node.right))


def test_queries_bind_every_value() -> None:
    source = (ROOT / "etl" / "store" / "queries.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    constants = {t.id for node in tree.body if isinstance(node, ast.Assign) and _is_literal(node.value)
                 for t in node.targets if isinstance(t, ast.Name)}
    problems = []
    fstrings = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            fstrings += 1
            for value in node.values:
                if isinstance(value, ast.FormattedValue) and not (
                    isinstance(value.value, ast.Name) and value.value.id in constants
                ):
                    problems.append(f"line {node.lineno}: f-string interpolates {ast.unparse(value.value)}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and (
            isinstance(node.left, ast.Constant | ast.JoinedStr)
        ):
            problems.append(f"line {node.lineno}: %-formatting")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            problems.append(f"line {node.lineno}: str.format")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _concatenates_sql(node):
            problems.append(f"line {node.lineno}: SQL built by concatenation")
    assert not problems, problems
    assert fstrings and "?" in source, "the scan found no SQL to check"


def test_queries_treat_hostile_values_as_data(hostile_db: Path) -> None:
    from etl.store import queries

    con = store.connect_readonly(hostile_db)
    try:
        for value in HOSTILE_VALUES:
            assert queries.report_text(con, value).empty
            assert queries.report_figures(con, [value], search=value).empty
            assert queries.indicator_values(con, [value]).empty
        assert not queries.report_figures(con, [r[0] for r in con.execute("SELECT report_id FROM reports")
                                                .fetchall()], search="5169件<script>").empty
        assert queries.report_figures(con, ["%"], search="%").empty
    finally:
        con.close()
    assert query(hostile_db, "SELECT count(*) FROM reports")[0][0] > 1


# ------------------------------------------------------------------------------------------------------------
# Uploads: a file name never chooses a path on disk.

HOSTILE_NAMES = [
    "../../escape-upload.txt",
    "/tmp/absolute-upload.txt",
    "..\\..\\windows-upload.txt",
    "sub/dir/../../nested-upload.txt",
    "<img src=x onerror=alert(1)>.txt",
    "[点此](javascript:alert(1)).txt",
    "name\nwith\nnewlines.txt",
    "rtl\u202etxt.exe.txt",
    "x" * 300 + ".txt",
    "..",
]


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def _upload_payloads() -> list[tuple[str, bytes]]:
    payloads = []
    for index, name in enumerate(HOSTILE_NAMES):
        # Each a different report (content differs, region differs), so each is loaded and archived.
        text = hostile_text().replace("重庆市綦江区", f"重庆市上传测试{index}区")
        payloads.append((name, text.encode("utf-8")))
    return payloads


def test_upload_names_never_choose_a_path(base_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.ingest import uploads

    db = tmp_path / "db" / "live.duckdb"
    db.parent.mkdir()
    shutil.copy2(base_db, db)
    archive = tmp_path / "archive"
    work = tmp_path / "work" / "deeper"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)  # a relative path taken from a name would land in tmp_path, where it is seen
    before_files = _files_under(tmp_path)
    staged = uploads.stage_files(_upload_payloads())
    for item in staged:
        assert "/" not in item.name and "\\" not in item.name and "\n" not in item.name, item.name
    accepted = [s for s in staged if s.accepted]
    assert accepted, [s.reason for s in staged]
    originals = {s.sha256: data for s, (_, data) in zip(staged, _upload_payloads(), strict=True) if s.accepted}
    outcomes = uploads.commit(staged, db, originals=originals, archive=archive)
    assert outcomes
    created = _files_under(tmp_path) - before_files
    allowed_dirs = {db.parent, archive}
    stray = [p for p in created if p.parent not in allowed_dirs and p != archive]
    assert not stray, f"files created outside the database folder and the archive: {stray}"
    for path in archive.iterdir():
        assert re.fullmatch(r"[0-9a-f]{8,64}\.(txt|html|htm|docx|pdf)", path.name), path.name
    for path in db.parent.iterdir():
        assert path.name in (db.name, f"{db.name}.lock"), path.name
    for name in ("escape-upload.txt", "absolute-upload.txt", "windows-upload.txt", "nested-upload.txt"):
        assert not (Path("/tmp") / name).exists() and not (tmp_path / name).exists()
    # Every upload here is read as 重庆市 2021, so each replaces the one before: all went through the store.
    assert [o.source_file for o in outcomes] == [item.name for item in accepted]
    stored = {r[0] for r in query(db, "SELECT source_file FROM reports")} | {
        r[0] for r in query(db, "SELECT source_file FROM load_events")}
    assert accepted[-1].name in stored
    assert not [s for s in stored if "/" in s or "\\" in s or "\n" in s], "a stored name carries a path"


def test_upload_page_with_hostile_names(base_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = "pages/admin_upload.py"
    assert (ROOT / page).is_file(), "the upload page is missing"
    db = tmp_path / "db" / "live.duckdb"
    db.parent.mkdir()
    shutil.copy2(base_db, db)
    archive = tmp_path / "archive"
    work = tmp_path / "work"
    work.mkdir()
    password = "test-only-" + "p4ssw0rd"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_ADMIN_PASSWORD", password)
    monkeypatch.setenv("DASHBOARD_UPLOAD_ARCHIVE", str(archive))
    monkeypatch.chdir(work)
    before_files = _files_under(tmp_path)

    at = run_page(page)
    assert_no_exception(at, "upload sign-in")
    at.text_input(key="admin_password_input").set_value(password)
    at.form_submit_button[0].click().run()
    assert_no_exception(at, "upload after sign-in")
    assert at.file_uploader, "no file uploader after signing in"
    # Streamlit itself refuses (with an exception) a file whose name has no allowed suffix, such as "..".
    payloads = [(name, data) for name, data in _upload_payloads() if name.endswith(".txt")]
    at.file_uploader[0].set_value([(name, data, "text/plain") for name, data in payloads])
    at.run()
    at.button(key="admin_read").click().run()
    assert_no_exception(at, "upload review")
    review = markdown_texts(at)
    at.button(key="admin_commit").click().run()
    assert_no_exception(at, "upload commit")

    created = _files_under(tmp_path) - before_files
    stray = [p for p in created if p.parent not in (db.parent, archive) and p != archive]
    assert not stray, f"files created outside the database folder and the archive: {stray}"
    stored = [r[0] for r in query(db, "SELECT source_file FROM load_events WHERE loaded_at > (SELECT max(loaded_at) "
                                      "FROM load_events) - INTERVAL 1 HOUR AND action IN ('loaded', 'replaced')")]
    assert len(stored) >= len(payloads), f"not every upload was loaded through the page: {stored}"
    assert not [s for s in stored if "/" in s or "\\" in s or "\n" in s], stored
    # Upload names are shown as plain text too (the review and the result of the commit).
    for text in [*review, *markdown_texts(at)]:
        for marker in RAW_MARKERS:
            assert marker not in unescaped(text), f"upload page: unescaped {marker!r} in {text[:200]!r}"


def test_every_page_file_is_reachable() -> None:
    specs = nav_specs()
    assert PAGES, "no pages found"
    missing = [page for page in PAGES if page not in specs]
    assert not missing, f"pages not in ui/nav.py (not covered by these tests): {missing}"
