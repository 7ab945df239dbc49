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


def test_environment_variables_are_declared_once_and_documented() -> None:
    from etl import config

    declared = {getattr(config, name) for name in dir(config) if name.endswith("_ENV")}
    assert "DASHBOARD_DB" in declared
    for name in declared:
        assert f"`{name}`" in README, f"{name} is read by the code but not documented in README"
    # Every other module names them through etl.config, never as its own string.
    sources = [*ROOT.glob("etl/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]
    for path in sources:
        if path.name == "config.py" and path.parent.name == "etl":
            continue
        literals = set(re.findall(r"[\"'](DASHBOARD_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
        assert not literals, f"{path.relative_to(ROOT)} names {literals} itself: import it from etl.config"


def _etl_modules() -> list[str]:
    return sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "etl").rglob("*.py") if p.name not in {"__init__.py", "__main__.py"}
    )


@pytest.mark.parametrize("module", _etl_modules())
def test_every_etl_module_is_in_the_module_table(module: str) -> None:
    assert f"`{module}`" in README, f"{module} is missing from README's module table"


def _requirement_names(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-r"):
            names.append(re.split(r"[=<>~!\[ ]", line, maxsplit=1)[0])
    return names


@pytest.mark.parametrize(
    "name", _requirement_names(ROOT / "requirements.txt") + _requirement_names(ROOT / "requirements-dev.txt")
)
def test_every_dependency_says_why_it_is_there(name: str) -> None:
    section = README.split("## Dependencies and why each is there", 1)[1].split("\n## ", 1)[0]
    assert f"`{name}`" in section, f"{name} is in a requirements file but README does not say why"
