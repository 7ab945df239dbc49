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


def default_report(reports: pd.DataFrame, showcase: str = "") -> pd.Series:
    """The report a first visit shows: the configured showcase (`showcase_row`), else a full report (not an
    excerpt) with the most indicator values, newest."""
    configured = showcase_row(reports, showcase)
    if configured is not None:
        return configured
    ranked = reports.assign(full=~reports["is_excerpt"].astype(bool)).sort_values(
        ["full", "observation_count", "report_year"], ascending=[False, False, False], na_position="last"
    )
    return ranked.iloc[0]


def showcase_row(reports: pd.DataFrame, showcase: str) -> pd.Series | None:
    """The report `showcase` names (etl.config.showcase_report: "region/year" in sidebar labels, or a report id),
    or None when it names no loaded report. A region and year, not "the newest": loading later reports never
    moves the landing page."""
    raw = showcase.strip()
    if not raw or reports.empty:
        return None
    by_id = reports[reports["report_id"] == raw]
    if not by_id.empty:
        return by_id.iloc[0]
    region, _, year = raw.rpartition("/")
    matches = reports[(reports["region_label"] == region.strip()) & (reports["year_label"] == year.strip())]
    return matches.iloc[0] if not matches.empty else None


@dataclass(frozen=True)
class Pickers:
    """Everything the region and year pickers need, computed once per database version and shared read-only by
    every session (pandas work per script run cost more than the rest of the sidebar)."""

    reports: pd.DataFrame  # ui.data.report_index with labels; read-only
    regions: tuple[str, ...]
    years: Mapping[str, tuple[str, ...]]  # region → its year labels, newest first
    rows: Mapping[tuple[str, str], Mapping[str, Any]]  # (region, year) → the first report listed for it
    default: tuple[str, str]  # (region, year) of default_report
    by_id: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # report id → (region, year)


def build_pickers(reports: pd.DataFrame, showcase: str = "") -> Pickers:
    """`Pickers` from `etl.queries.report_index` (or `list_reports`) rows; `showcase` as in `showcase_row`."""
    reports = with_labels(reports)
    if reports.empty:
        return Pickers(reports, (), {}, {}, ("", ""))
    years: dict[str, list[str]] = {}
    rows: dict[tuple[str, str], Mapping[str, Any]] = {}
    by_id: dict[str, tuple[str, str]] = {}
    for row in to_records(reports):
        region, year = row["region_label"], row["year_label"]
        in_region = years.setdefault(region, [])
        if year not in in_region:
            in_region.append(year)
        rows.setdefault((region, year), MappingProxyType(row))
        by_id[str(row["report_id"])] = (region, year)
    fallback = default_report(reports, showcase)
    return Pickers(
        reports=reports,
        regions=tuple(sorted(years)),
        years=MappingProxyType({region: tuple(labels) for region, labels in years.items()}),
        rows=MappingProxyType(rows),
        default=(str(fallback["region_label"]), str(fallback["year_label"])),
        by_id=MappingProxyType(by_id),
    )


def default_year(pickers: Pickers, region: str) -> str:
    """The year a region alone opens: its newest year whose report has indicator values (an empty newest report
    would greet the reader with nothing), else its newest year. (The landing page is `Pickers.default`.)"""
    years = pickers.years[region]
    with_values = [y for y in years if int(pickers.rows[(region, y)].get("observation_count") or 0) > 0]
    return with_values[0] if with_values else years[0]


def default_year_index(pickers: Pickers, region: str) -> int:
    return pickers.years[region].index(default_year(pickers, region))


def picked_row(pickers: Pickers, region: str, year: str) -> dict[str, Any]:
    """The report row of a (region, year) choice; the region's default year when that year has none."""
    return dict(pickers.rows.get((region, year)) or pickers.rows[(region, default_year(pickers, region))])


UrlChoice = tuple[str | None, str | None, str | None]  # ?region=, ?year=, ?report= as the URL has them


@dataclass(frozen=True)
class Selection:
    """The report a run shows, and what the reader is told about the link that led there."""

    region: str
    year: str
    problems: tuple[str, ...] = ()  # "param=value" of link parameters that named nothing
    replaced: str = ""  # the report id the link named, when a newer version replaced it


def resolve_selection(pickers: Pickers, url: UrlChoice, state: tuple[str, str] | None, written: UrlChoice | None,
                      successor: str | None = None) -> Selection:
    """Which report a run shows, from the URL, the pickers' state and what this session last wrote to the URL.

    A URL that differs from what the session wrote came from a link (or was typed): it decides, `?report=` (a
    stable id) before `?region=&year=`; `successor` is the id that replaced an unknown `?report=` (from the
    load log). Otherwise the pickers decide (the reader changed one, or a page switch emptied the URL). With
    neither, the showcase. A region without a year opens its `default_year`.
    """
    url_region, url_year, url_report = url
    from_link = any(url) and tuple(url) != tuple(written or ())
    if not from_link and state is not None and state[0] in pickers.years:
        region = state[0]
        return Selection(region, state[1] if state[1] in pickers.years[region] else default_year(pickers, region))
    if not from_link:
        return Selection(*pickers.default)
    problems: list[str] = []
    if url_report:
        if url_report in pickers.by_id:
            return Selection(*pickers.by_id[url_report])
        if successor and successor in pickers.by_id:
            return Selection(*pickers.by_id[successor], replaced=url_report)
        problems.append(f"report={url_report[:40]}")
    if url_region and url_region not in pickers.years:
        problems.append(f"region={url_region[:40]}")
    fallback_year: str | None = None
    if url_region in pickers.years:
        region = str(url_region)
    else:  # the report on screen's region, else the showcase with its year
        region, fallback_year = (state if state is not None and state[0] in pickers.years else pickers.default)
    years = pickers.years[region]
    if url_year in years:
        return Selection(region, str(url_year), tuple(problems))
    if url_year:
        problems.append(f"year={url_year[:40]}")
    year = fallback_year if fallback_year in years else default_year(pickers, region)
    return Selection(region, str(year), tuple(problems))


def choose_report(
    reports: pd.DataFrame, region: str | None, year: str | None, report_id: str | None = None, showcase: str = ""
) -> tuple[dict[str, Any] | None, list[str]]:
    """The report `?report=` or `?region=&year=` names (labels as in the sidebar), else the showcase report.

    `reports` has `region_label` and `year_label` (`with_labels`). Returns the report row and the
    "param=value" of link parameters that named nothing. An unknown `?report=` (a replaced version) falls back
    to the region and year, which the link also carries.
    """
    if reports.empty:
        return None, []
    if report_id:
        by_id = reports[reports["report_id"] == report_id]
        if not by_id.empty:
            return by_id.iloc[0].to_dict(), []
    pickers = build_pickers(reports, showcase)
    selection = resolve_selection(pickers, (region, year, None), None, None)
    return picked_row(pickers, selection.region, selection.year), list(selection.problems)
