"""What the 报告审查 page, the domain pages' cards, the compare page, the slides and the briefing read of the report
review: every report's scorecard, the disclosure ranks, a report's peer positions, and the table of all reports
(with its Excel file), each computed once per database version through `ui.data.derived`.

The review itself is etl/review (pure); this module only feeds it stored rows and words the results through
ui/review_text.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from etl.review import (
    NOT_MET,
    PeerRank,
    ReviewRules,
    Scorecard,
    default_rules,
    indicator_ranks,
    review_rows,
    score_ranks,
)
from etl.store import queries
from ui import data
from ui.briefing import to_xlsx_bytes
from ui.i18n import indicator_name, join_list, level_name, t
from ui.place_names import place_name, split_parts
from ui.present import SCORECARD_TOKEN, ScorecardLine, Slide, short_sentence
from ui.review_text import (
    ScorecardView,
    missing_parts,
    on_time_text,
    parts_text,
    rank_text,
    rule_rows,
    verdict_badge,
)

PAGE_URL_PATH = "scorecard"  # ui/nav.py serves the page here; the table's links open it
_PROVINCE_SUFFIXES = ("省", "市", "自治区", "特别行政区")


def rules() -> ReviewRules:
    return default_rules()


def all_scorecards() -> Mapping[str, Scorecard]:
    """report id → its scorecard, for every loaded report (in `list_reports` order)."""

    def build() -> dict[str, Scorecard]:
        review_rules = rules()
        # The texts are read once per database version for this and not kept: only the scorecards are.
        reports = queries.review_reports(data.database().cursor).to_dict("records")
        headings = data.records(queries.review_headings)
        core = data.records(queries.review_core_values, list(review_rules.core_indicators))
        return {card.report_id: card for card in review_rows(reports, headings, core, review_rules)}

    return data.derived("review_scorecards", build)


def indicator_rows() -> Mapping[str, Mapping[str, Any]]:
    """indicator id → its catalogue row (names in both languages)."""
    return data.derived("review_indicator_rows",
                        lambda: {row["indicator_id"]: row for row in data.records(queries.indicator_catalogue)})


def scorecard_of(report_id: str) -> Scorecard | None:
    return all_scorecards().get(report_id)


def disclosure_ranks() -> Mapping[str, PeerRank | None]:
    return data.derived("review_score_ranks", lambda: score_ranks(list(all_scorecards().values()), rules()))


def peer_ranks(report: Mapping[str, Any]) -> Mapping[str, PeerRank]:
    """indicator id → the report's position among its peers, for each indicator it states ({} without a group)."""
    report_id = str(report["report_id"])

    def build() -> dict[str, PeerRank]:
        group = rules().peer_group(report.get("admin_level"))
        own = data.observation_rows(report_id)
        if group is None or not own:
            return {}
        levels = list(group.levels)
        values = data.records(queries.peer_values, report_id, levels)
        count = int(values[0]["peer_count"]) if values else int(data.records(queries.peer_count, report_id,
                                                                              levels)[0]["peer_count"])
        return indicator_ranks(own, values, count, group.group_id, str(report.get("year_label") or ""))

    return data.derived("review_peer_ranks", build, report_id)


def peer_captions(report: Mapping[str, Any] | None, lang: str) -> Mapping[str, str]:
    """indicator id → "第 3 / 12 · 同级区县 2021年 · …" for each value of the report."""
    if report is None:
        return {}
    ranks = peer_ranks(report)
    return {iid: rank_text(rank, rules(), lang) for iid, rank in ranks.items()}


def province_of(region: str, admin_level: str | None) -> str:
    """The province-level part of a region name ("重庆市綦江区" → "重庆市"); "" for departments and unknown names."""
    if admin_level == "department" or not region:
        return ""
    first = split_parts(region)[0]
    return first if first.endswith(_PROVINCE_SUFFIXES) else ""


def scorecard_link(card: Scorecard, lang: str) -> str:
    """A relative link to the page showing this report's scorecard (works behind a proxy's base path)."""
    params = {"region": card.region, "year": card.year_label, "report": card.report_id}
    if lang == "en":
        params["lang"] = "en"
    return f"{PAGE_URL_PATH}?{urlencode(params)}"


@dataclass(frozen=True)
class TableRow:
    card: Scorecard
    level: str  # as stored
    province: str


def table_rows() -> Sequence[TableRow]:
    def build() -> list[TableRow]:
        return [TableRow(card, card.admin_level or "", province_of(card.region, card.admin_level))
                for card in all_scorecards().values()]

    return data.derived("review_table_rows", build)


def filter_rows(rows: Sequence[TableRow], levels: Sequence[str], years: Sequence[str], provinces: Sequence[str]
                ) -> list[TableRow]:
    """The rows of the chosen levels, years and provinces (an empty choice keeps all)."""
    return [r for r in rows if (not levels or r.level in levels) and (not years or r.card.year_label in years)
            and (not provinces or r.province in provinces)]


def review_frame(rows: Sequence[TableRow], lang: str, links: bool = True) -> pd.DataFrame:
    """The table of reports with headers in the reader's language (`links`: the column of scorecard links)."""
    ranks = disclosure_ranks()
    review_rules = rules()
    frame = pd.DataFrame({
        t("rv.col_region", lang): [place_name(r.card.region, lang) for r in rows],
        t("rv.col_level", lang): [level_name(r.level, lang) for r in rows],
        t("rv.col_year", lang): [r.card.year_label for r in rows],
        t("rv.col_on_time", lang): [on_time_text(r.card, lang) for r in rows],
        t("rv.col_published", lang): [r.card.date_published.isoformat() if r.card.date_published else ""
                                      for r in rows],
        t("rv.col_parts", lang): [parts_text(r.card, lang) for r in rows],
        t("rv.col_missing", lang): [missing_parts(r.card, review_rules, lang) for r in rows],
        # An excerpt's count is what its opening shows, not a total: marked so.
        t("rv.col_core", lang): [f"{r.card.core_indicators_stated}/{r.card.core_indicators_total}"
                                 + (t("common.excerpt_mark", lang) if r.card.is_excerpt else "") for r in rows],
        t("rv.col_score_rank", lang): [rank_text(ranks.get(r.card.report_id), review_rules, lang, with_count=False)
                                       for r in rows],
        t("rv.col_density", lang): [r.card.figures_per_1000_chars for r in rows],
        t("rv.col_excerpt", lang): [t("common.yes" if r.card.is_excerpt else "common.no", lang) for r in rows],
    })
    if links:
        frame[t("rv.col_link", lang)] = [scorecard_link(r.card, lang) for r in rows]
    return frame


def review_xlsx(rows: Sequence[TableRow], lang: str) -> bytes:
    """The filtered table as an Excel file, headers in the reader's language, without the link column."""
    return to_xlsx_bytes({t("rv.sheet", lang): review_frame(rows, lang, links=False)})


def options(rows: Sequence[TableRow]) -> tuple[list[str], list[str], list[str]]:
    """The levels, years (newest first) and provinces the loaded reports have."""
    levels = sorted({r.level for r in rows if r.level})
    years = sorted({r.card.year_label for r in rows}, reverse=True)
    provinces = sorted({r.province for r in rows})
    return levels, years, provinces


def scorecard_view(report_id: str, lang: str) -> ScorecardView | None:
    card = scorecard_of(report_id)
    if card is None:
        return None
    density = "—" if card.figures_per_1000_chars is None else f"{card.figures_per_1000_chars:.1f}"
    summary = t("rv.summary", lang, on_time=on_time_text(card, lang), parts=parts_text(card, lang),
                core=f"{card.core_indicators_stated}/{card.core_indicators_total}", density=density)
    rows = tuple(rule_rows(card, rules(), indicator_rows(), lang))
    return ScorecardView(summary, rows, t("rv.excerpt_note", lang) if card.not_judged else "")


SLIDE_EVIDENCE_CHARS = 48  # a rule's evidence on the slide (the page and the briefing show it whole)


def scorecard_slide(report_id: str, lang: str) -> Slide | None:
    """The presentation's review slide: the deadline and the four parts, then one line for the core indicators
    naming those not stated (the full list is on the page and in the briefing)."""
    shown = scorecard_view(report_id, lang)
    card = scorecard_of(report_id)
    if shown is None or card is None:
        return None
    parts = len(card.parts) + 1  # the deadline row, then the parts
    lines = [ScorecardLine(r.rule, verdict_badge(r.verdict, lang), short_sentence(r.evidence, SLIDE_EVIDENCE_CHARS))
             for r in shown.rows[:parts]]
    names = indicator_rows()
    unstated = [indicator_name(names.get(f.indicator_id, {"indicator_id": f.indicator_id}), lang)
                for f in card.indicators if f.verdict == NOT_MET]
    core_colour = "gray" if card.is_excerpt else ("green" if not unstated else "orange")
    core_verdict = f":{core_colour}-badge[{card.core_indicators_stated}/{card.core_indicators_total}]"
    if card.is_excerpt:
        evidence = t("rv.part_not_judged", lang)
    else:
        evidence = t("rv.core_unstated", lang, names=join_list(unstated, lang)) if unstated else t("rv.core_all", lang)
    lines.append(ScorecardLine(t("rv.col_core", lang), core_verdict, evidence))
    return Slide(SCORECARD_TOKEN, SCORECARD_TOKEN, "scorecard", t("present.scorecard_slide", lang),
                 subtitle=shown.summary, lines=tuple(lines),
                 notes=(shown.not_judged_note,) if shown.not_judged_note else ())
