"""A short run of benchmarks/load_test.py: 5 browser sessions for 20 s while a report is loaded via the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.load_test import run

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_browsing_while_a_report_is_loaded(base_db: Path) -> None:
    result = run(sessions=5, seconds=20, base_db=base_db)
    print(result.table())
    assert result.pages_served >= 5, result.table()
    assert result.exceptions == 0, result.table()
    assert result.failed_loads == 0, result.table()
    assert result.cli_returncode == 0, result.cli_output
    assert result.new_reports_visible, f"the running dashboard does not show the reports just loaded\n{result.table()}"
