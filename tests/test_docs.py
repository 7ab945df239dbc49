"""Docs and code must not drift apart: the README documents what the CLI, env and modules really are."""

import re
from pathlib import Path

import pytest

from etl.__main__ import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, list[str]]:
    parser = build_parser()
    sub_action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return {
        name: [opt for action in sub._actions for opt in action.option_strings if opt.startswith("--")]
        for name, sub in sub_action.choices.items()
    }


@pytest.mark.parametrize(("command", "options"), sorted(_subcommands().items()))
def test_every_cli_command_and_option_is_documented(command: str, options: list[str]) -> None:
    line = next((ln for ln in README.splitlines() if ln.startswith(f"python -m etl {command}")), None)
    assert line is not None, f"README does not document `python -m etl {command}`"
    for option in options:
        if option != "--help":
            assert option in line, f"README line for `{command}` lacks {option}"


def test_setup_block_has_exactly_two_commands() -> None:
    block = README.split("## Set-up", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert commands == [
        "python3 -m pip install -r requirements.txt && python3 -m streamlit run dashboard.py",
        "bash .ci/run",
    ]
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_environment_variable_read_by_the_code_is_documented() -> None:
    used: set[str] = set()
    for path in [*ROOT.glob("etl/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]:
        # Any string literal naming a DASHBOARD_ variable, whether read inline or through a constant.
        used |= set(re.findall(r"[\"'](DASHBOARD_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert "DASHBOARD_DB" in used
    for name in used:
        assert f"`{name}`" in README, f"{name} is read by the code but not documented in README"


def test_every_etl_module_is_in_the_module_table() -> None:
    table_modules = set(re.findall(r"`etl/([a-z_]+\.py)`", README))
    skip = {
        "__init__.py",
        "__main__.py",
        "models.py",
        "pipeline.py",
        "load.py",
        "sources.py",
        "uploads.py",
        "make_regions.py",
    }
    for path in sorted((ROOT / "etl").glob("*.py")):
        if path.name not in skip:
            assert path.name in table_modules, f"etl/{path.name} is missing from README's module table"
