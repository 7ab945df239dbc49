"""The layout rules of DEVELOPERS.md, checked on the source tree: sizes, packages, imports, no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("etl", "ui", "pages", "benchmarks")
MAX_LINES = 400
MAX_ETL_ROOT_MODULES = 6
# Files that hold a page script although they live elsewhere: the page benchmark's bare baseline page, which
# AppTest runs as a page of its own.
PAGE_SCRIPTS_ELSEWHERE = {"benchmarks/page_bench.py"}


def _sources() -> list[Path]:
    files = [ROOT / "dashboard.py"]
    for folder in SOURCE_DIRS:
        files.extend(sorted((ROOT / folder).rglob("*.py")))
    return files


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module this file imports, at any depth (lazy imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_the_line_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines (limit {MAX_LINES}): split it"


def test_etl_is_packages_by_stage() -> None:
    root_modules = sorted(p.name for p in (ROOT / "etl").glob("*.py"))
    assert len(root_modules) <= MAX_ETL_ROOT_MODULES, root_modules
    for package in ("extract", "catalogue", "store", "ingest"):
        assert (ROOT / "etl" / package / "__init__.py").is_file(), f"etl/{package} is not a package"
    assert (ROOT / "ui" / "__init__.py").is_file(), "ui/ is not a package"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_streamlit_only_in_the_ui_layer(path: Path) -> None:
    top = path.relative_to(ROOT).parts[0]
    if top in {"ui", "pages", "dashboard.py"} or str(path.relative_to(ROOT)) in PAGE_SCRIPTS_ELSEWHERE:
        return
    # streamlit.testing (AppTest) is a harness the page benchmark drives, not UI; streamlit.proto is the wire format
    # the meeting benchmark's protocol client speaks (benchmarks/protocol_client.py).
    harness = ("streamlit.testing", "streamlit.proto")
    uses = {m for m in _imports(path) if m.split(".")[0] == "streamlit" and not m.startswith(harness)}
    assert not uses, f"{path.relative_to(ROOT)} imports streamlit: only dashboard.py, pages/ and ui/ may"


def test_sql_only_in_the_store() -> None:
    for path in _sources():
        rel = path.relative_to(ROOT)
        if rel.parts[:2] == ("etl", "store") or rel.parts[0] == "benchmarks":
            continue
        assert "import duckdb" not in path.read_text(encoding="utf-8") or rel.parts[0] == "ui", (
            f"{rel} opens DuckDB itself: SQL belongs in etl/store"
        )


def test_no_import_cycle_between_project_modules() -> None:
    modules = {_module_name(p): p for p in _sources() if p.relative_to(ROOT).parts[0] != "pages"}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for imported in _imports(path):
            # "from etl.store import queries" names the module etl.store.queries; "etl.store.LoadOutcome" is not one.
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    # A package's __init__ re-exporting its own modules is not a cycle with them: drop edges into a parent.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
