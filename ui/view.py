"""The view model every page reads, and the pure rules that turn URL parameters and defaults into it.

No streamlit here: the sidebar widgets that show these choices are in ui/shell.py, the URL syncing in
ui/url_state.py. Everything below takes plain values (a raw query parameter, the report index) and is
unit-tested without a script run.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pandas as pd

from ui.i18n import DEFAULT_LANG, LANGS, t
from ui.place_names import place_name


@dataclass(frozen=True)
class View:
    """What every page needs to know: language, all reports, and the chosen one (None when there are none)."""

    lang: str
    reports: pd.DataFrame
    report: dict[str, Any] | None = None
    notices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def report_id(self) -> str | None:
        return None if self.report is None else str(self.report["report_id"])

    @property
    def report_label(self) -> str:
        if self.report is None:
            return ""
        mark = t("common.excerpt_mark", self.lang) if self.report.get("is_excerpt") else ""
        return f"{self.region_name} {self.report['year_label']}{mark}"

    @property
    def region_name(self) -> str:
        """The chosen report's region as the reader's language names it ("Qijiang District, Chongqing")."""
        return "" if self.report is None else place_name(self.report["region_label"], self.lang)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


@dataclass(frozen=True)
class ReportView(View):
    """A view with a chosen report: what a page that needs one reads (ui.shell.current_view stops the page
    before it when no report is loaded)."""

    report: dict[str, Any] = field()  # required: a bare annotation would inherit View's None default

    @property
    def report_id(self) -> str:
        return str(self.report["report_id"])


def resolve_lang(raw: str | None) -> str:
    """The language `?lang=` names, else the default one."""
    return raw if raw in LANGS else DEFAULT_LANG


def is_bad_param(raw: str | None, valid: Container[str]) -> bool:
    """True when a URL parameter is given (not empty) and names nothing in `valid`: the reader is told."""
    return raw is not None and raw != "" and raw not in valid


def to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, every missing value None; built column-wise (pandas' own row-wise path is slow)."""
    columns = [
        [None if pd.isna(v) else v for v in frame[name].tolist()] if frame[name].hasnans else frame[name].tolist()
        for name in frame.columns
    ]
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def with_labels(reports: pd.DataFrame) -> pd.DataFrame:
    """Add region_label (region name, or the file name when the region is unknown)."""
    frame = reports.copy()
    if frame.empty:
        frame["region_label"] = pd.Series(dtype=str)
        return frame
    frame["region_label"] = frame["region_name"].fillna(frame["source_file"]).fillna(frame["report_id"]).astype(str)
    frame["year_label"] = frame["year_label"].fillna("?").astype(str)
    return frame


def default_report(reports: pd.DataFrame) -> pd.Series:
    """The report a first visit shows: a full report (not an excerpt) with the most indicator values, newest."""
    ranked = reports.assign(full=~reports["is_excerpt"].astype(bool)).sort_values(
        ["full", "observation_count", "report_year"], ascending=[False, False, False], na_position="last"
    )
    return ranked.iloc[0]


@dataclass(frozen=True)
class Pickers:
    """Everything the region and year pickers need, computed once per database version and shared read-only by
    every session (pandas work per script run cost more than the rest of the sidebar)."""

    reports: pd.DataFrame  # ui.data.report_index with labels; read-only
    regions: tuple[str, ...]
    years: Mapping[str, tuple[str, ...]]  # region → its year labels, newest first
    rows: Mapping[tuple[str, str], Mapping[str, Any]]  # (region, year) → the first report listed for it
    default: tuple[str, str]  # (region, year) of default_report


def build_pickers(reports: pd.DataFrame) -> Pickers:
    """`Pickers` from `etl.queries.report_index` (or `list_reports`) rows."""
    reports = with_labels(reports)
    if reports.empty:
        return Pickers(reports, (), {}, {}, ("", ""))
    years: dict[str, list[str]] = {}
    rows: dict[tuple[str, str], Mapping[str, Any]] = {}
    for row in to_records(reports):
        region, year = row["region_label"], row["year_label"]
        in_region = years.setdefault(region, [])
        if year not in in_region:
            in_region.append(year)
        rows.setdefault((region, year), MappingProxyType(row))
    fallback = default_report(reports)
    return Pickers(
        reports=reports,
        regions=tuple(sorted(years)),
        years=MappingProxyType({region: tuple(labels) for region, labels in years.items()}),
        rows=MappingProxyType(rows),
        default=(str(fallback["region_label"]), str(fallback["year_label"])),
    )


def _has_values(row: Mapping[str, Any]) -> bool:
    count = row.get("observation_count")
    return bool(count) and not pd.isna(count)


def default_year_index(pickers: Pickers, region: str) -> int:
    """Where the year picker starts for `region`: the default report's year in its region, else the newest year
    with indicator values (a newer report with none would open on an empty page), else the newest."""
    default_region, default_year = pickers.default
    years = pickers.years[region]
    if region == default_region:
        return years.index(default_year)
    return next((n for n, year in enumerate(years) if _has_values(pickers.rows[(region, year)])), 0)


def picked_row(pickers: Pickers, region: str, year: str) -> dict[str, Any]:
    """The report row of a (region, year) choice; the region's newest when that year has none."""
    years = pickers.years[region]
    return dict(pickers.rows.get((region, year)) or pickers.rows[(region, years[0])])


def choose_report(
    reports: pd.DataFrame, region: str | None, year: str | None
) -> tuple[dict[str, Any] | None, list[str]]:
    """The report `?region=&year=` names (labels as in the sidebar), else the dashboard's default report.

    `reports` has `region_label` and `year_label` (`with_labels`). Returns the report row and the
    "param=value" of link parameters that named nothing.
    """
    if reports.empty:
        return None, []
    problems = []
    fallback = default_report(reports)
    candidates = reports
    if region:
        candidates = reports[reports["region_label"] == region]
        if candidates.empty:
            problems.append(f"region={region[:40]}")
    if not region or candidates.empty:
        return fallback.to_dict(), problems
    if year:
        in_year = candidates[candidates["year_label"] == year]
        if not in_year.empty:
            return in_year.iloc[0].to_dict(), problems
        problems.append(f"year={year[:40]}")
    if fallback["region_label"] == region:
        return fallback.to_dict(), problems
    with_values = candidates[candidates["observation_count"].fillna(0) > 0]  # newest first, as listed
    return (with_values if not with_values.empty else candidates).iloc[0].to_dict(), problems
