"""Every path and environment variable the project reads, declared once.

Other modules import these names instead of building paths from `__file__` or reading `os.environ`
themselves, so moving a file or renaming a variable is one edit here (tests/test_docs.py checks that
README's table of environment variables lists exactly the `*_ENV` names below).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ETL_DIR = ROOT / "etl"
CATALOGUE_DIR = ETL_DIR / "catalogue"
STORE_DIR = ETL_DIR / "store"

DATA_DIR = ROOT / "data"
REPORTS_DIR = DATA_DIR / "reports"
DEFAULT_DB_PATH = DATA_DIR / "dashboard.duckdb"

CATALOGUE_PATH = CATALOGUE_DIR / "catalogue.yaml"
CHECKS_PATH = CATALOGUE_DIR / "checks.yaml"
REVIEW_RULES_PATH = CATALOGUE_DIR / "review.yaml"  # the report review's rules (etl/review/rules.py)
REGIONS_CSV = CATALOGUE_DIR / "regions.csv"
TOWNS_CSV = CATALOGUE_DIR / "towns.csv"
SCHEMA_PATH = STORE_DIR / "schema.sql"
SOURCES_FILE = "sources.yml"  # beside the reports of a folder
CORRECTIONS_FILE = "corrections.csv"  # beside the reports of a folder: manual indicator corrections

DB_ENV = "DASHBOARD_DB"
ADMIN_PASSWORD_ENV = "DASHBOARD_ADMIN_PASSWORD"
UPLOAD_ARCHIVE_ENV = "DASHBOARD_UPLOAD_ARCHIVE"
CACHE_DIR_ENV = "DASHBOARD_CACHE_DIR"
SESSION_SECRET_ENV = "DASHBOARD_SESSION_SECRET"


def db_path(env: Mapping[str, str] = os.environ) -> Path:
    """The database the dashboard reads and the CLI loads into: $DASHBOARD_DB, else data/dashboard.duckdb."""
    value = env.get(DB_ENV)
    return Path(value) if value else DEFAULT_DB_PATH


def upload_archive_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    """Where committed uploads are kept, or None (not kept)."""
    value = env.get(UPLOAD_ARCHIVE_ENV, "").strip()
    return Path(value) if value else None


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    """Where derived files (the gazetteer) are kept between processes."""
    configured = env.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fazhi-dashboard"


SHOWCASE_ENV = "DASHBOARD_SHOWCASE"
# The bundled full report (data/reports/chongqing-qijiang-2021.txt), named by region and year as the sidebar does.
DEFAULT_SHOWCASE = "重庆市綦江区/2021"


def showcase_report(env: Mapping[str, str] = os.environ) -> str:
    """The report the landing page shows: "region/year" (sidebar labels) or a report id."""
    return env.get(SHOWCASE_ENV, "").strip() or DEFAULT_SHOWCASE
