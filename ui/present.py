"""Presentation mode (演示模式): the slides of one report and the URL state that says which, in which order.

Slide building is pure: a report row and its observations in, a list of `Slide` out, so it is unit-tested
without a browser. A deck is:

- a title slide (report name, region, year);
- per domain (in catalogue order): a slide of big headline figures (at most `MAX_CARDS` in a row; a domain
  with more gets several balanced rows), then one chart per unit that has two or more values (件 and 条,
  counts and rates never share an axis; the slide names the unit). A unit's lone value becomes a figure card
  instead of a one-bar chart.

The presenter picks sections by token (`title`, a domain id, or a single slide id such as
`mediation-counts`) in the order they should appear; that list lives in the URL (`?slides=title,mediation`),
as do the slide number (`?slide=3`, 1-based) and the auto-advance interval (`?every=10`, seconds).

`PRESENT_CSS` and `KEYS_SCRIPT` are constant files under ui/static (never report content): the CSS hides
the Streamlit chrome Streamlit's own `?embed=true` does not already remove and sizes the slide to the
viewport; the script turns the keys a presentation clicker sends (PageDown, PageUp, Space) into clicks on the
next/previous buttons, which themselves carry Streamlit's own `shortcut="Right"`/`"Left"`.

Drawing the slides (streamlit) is ui/slides.py; choosing the report from `?region=&year=` is
ui.view.choose_report.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from ui.assets import script_element, style_element
from ui.charts import Point, bar_spec, figure_from_spec, for_theme, unit_title
from ui.format import format_value, qualifier_of
from ui.i18n import domain_ids, domain_name, indicator_name, t
from ui.place_names import place_name, report_title
from ui.units import KIND_TITLE_KEYS, KINDS, RATES, measure_unit, unit_kind

MAX_CARDS = 3  # big numbers side by side; 4 do not fit at 1024×768 ("8,461.36万元" on one line)
MAX_CARDS_PER_SLIDE = 2 * MAX_CARDS  # two rows; a slide is cut only where no rate would leave its counts
TITLE_TOKEN = "title"
SCORECARD_TOKEN = "scorecard"  # the report review's slide, last in the deck (ui/review.py builds it)
INTERVALS = (0, 5, 10, 15, 20, 30, 60)  # seconds; 0 = no auto-advance
MIN_INTERVAL = 3
MAX_INTERVAL = 600
SENTENCE_CHARS = 90  # a card's source sentence is cut here on the slide (the full sentence is its tooltip)
PRESENT_PARAM = "present"
SLIDE_PARAM = "slide"
SLIDES_PARAM = "slides"
EVERY_PARAM = "every"
# URL parameters a presentation link carries over from the dashboard view.
VIEW_PARAMS = ("region", "year", "report", "lang")


@dataclass(frozen=True)
class Card:
    """One big number on a figures slide."""

    indicator_id: str
    label: str
    value_text: str
    sentence: str


@dataclass(frozen=True)
class ScorecardLine:
    """One rule on the scorecard slide: the rule, its result, the heading or sentence that shows it."""

    rule: str
    verdict: str  # the result as Streamlit markdown (a badge, ui.review_text.verdict_badge)
    evidence: str


@dataclass(frozen=True)
class Slide:
    slide_id: str  # "title", "mediation-figures", "mediation-figures-2", "mediation-counts"
    group: str  # "title" or a domain id: what a selection token names
    kind: str  # "title" | "figures" | "chart" | "scorecard"
    title: str
    subtitle: str = ""
    cards: tuple[Card, ...] = ()
    points: tuple[Point, ...] = ()
    unit_kind: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    lines: tuple[ScorecardLine, ...] = ()  # a scorecard slide's rules


def short_sentence(sentence: str, limit: int = SENTENCE_CHARS) -> str:
    text = " ".join(str(sentence or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def balanced_rows(items: Sequence[Any], per_row: int = MAX_CARDS) -> list[list[Any]]:
    """Split into the fewest rows of at most `per_row`, as even as possible (3 per row: 4 → 2+2, 5 → 3+2, 7 → 3+2+2)."""
    if not items:
        return []
    rows = math.ceil(len(items) / per_row)
    size, extra = divmod(len(items), rows)
    result, start = [], 0
    for index in range(rows):
        end = start + size + (1 if index < extra else 0)
        result.append(list(items[start:end]))
        start = end
    return result


def card_slides(rows: Sequence[Mapping[str, Any]], per_slide: int = MAX_CARDS_PER_SLIDE) -> list[list[Any]]:
    """A domain's headline figures cut into slides of at most `per_slide` (two rows of `MAX_CARDS`), never
    between a rate and the counts before it (政协提案 and its 满意率 stay on one slide): slides are cut only
    in front of a figure that is not a rate."""
    groups: list[list[Any]] = []
    for row in rows:
        if groups and unit_kind(str(row["unit"])) == RATES:
            groups[-1].append(row)
        else:
            groups.append([row])
    slides: list[list[Any]] = []
    for group in groups:
        if slides and len(slides[-1]) + len(group) <= per_slide:
            slides[-1].extend(group)
        else:
            slides.append(list(group))
    return slides


def report_heading(report: Mapping[str, Any], lang: str) -> str:
    """The report's name: its title when known (in English with an English label beside it), else
    "<region> <year> 法治政府建设年度报告"."""
    return report_title(report, lang)


def report_label(report: Mapping[str, Any], lang: str) -> str:
    mark = t("common.excerpt_mark", lang) if report.get("is_excerpt") else ""
    region = place_name(report.get("region_label") or report.get("region_name") or "", lang)
    return f"{region} {report.get('year_label') or ''}{mark}"


def _title_slide(report: Mapping[str, Any], lang: str) -> Slide:
    parts = [place_name(report.get("region_label") or report.get("region_name") or "", lang),
             str(report.get("year_label") or "")]
    heading = report_heading(report, lang)
    title = str(report.get("title") or "").strip()
    if lang == "en" and title:  # the English label is the slide's title, the title as written stands beneath it
        heading = t("report.label", lang, region=parts[0], year=parts[1])
        parts = [title]
    published = report.get("date_published")
    if published is not None and not pd.isna(published):
        parts.append(t("present.published", lang, date=str(published)[:10]))
    notes = [t("present.title_counts", lang, n=int(report.get("observation_count") or 0))]
    if report.get("is_excerpt"):
        notes.append(t("notice.excerpt", lang))
    return Slide(TITLE_TOKEN, TITLE_TOKEN, "title", heading,
                 subtitle=" · ".join(p for p in parts if p), notes=tuple(notes))


def _card(row: Mapping[str, Any], lang: str) -> Card:
    value_text = format_value(row["value"], row["unit"], lang, qualifier=qualifier_of(row))
    return Card(str(row["indicator_id"]), indicator_name(row, lang), value_text, str(row.get("sentence") or ""))


def _is_true(value: Any) -> bool:
    return bool(value) and not (isinstance(value, float) and math.isnan(value))


def build_slides(report: Mapping[str, Any], observations: pd.DataFrame, lang: str,
                 scorecard: Slide | None = None) -> list[Slide]:
    """Every slide of one report, in presentation order (see the module docstring); `scorecard`, the report
    review's slide, comes last, so the slide numbers of the figures stay what they were."""
    slides = _domain_deck(report, observations, lang)
    return [*slides, scorecard] if scorecard is not None else slides


def _domain_deck(report: Mapping[str, Any], observations: pd.DataFrame, lang: str) -> list[Slide]:
    slides = [_title_slide(report, lang)]
    if observations.empty:
        return slides
    label = report_label(report, lang)
    excerpt = _is_true(report.get("is_excerpt"))
    rows = observations.sort_values(["display_order", "indicator_id"], kind="stable").to_dict("records")
    for domain in domain_ids():
        in_domain = [r for r in rows if r["domain"] == domain]
        if not in_domain:
            continue
        name = domain_name(domain, lang)
        # One unit per chart: a unit with two or more values is a chart; a unit's lone value becomes a card.
        by_unit: dict[str, list[dict[str, Any]]] = {}
        for r in in_domain:
            by_unit.setdefault(measure_unit(str(r["unit"])), []).append(r)
        chart_units = sorted((u for u in by_unit if len(by_unit[u]) >= 2), key=lambda u: KINDS.index(unit_kind(u)))
        cards = [r for r in in_domain
                 if _is_true(r.get("is_headline")) or len(by_unit[measure_unit(str(r["unit"]))]) == 1]
        for number, card_group in enumerate(card_slides(cards), start=1):
            suffix = "" if number == 1 else f"-{number}"
            slides.append(Slide(f"{domain}-figures{suffix}", domain, "figures", name,
                                cards=tuple(_card(r, lang) for r in card_group)))
        kind_count: dict[str, int] = {}
        for unit in chart_units:
            kind = unit_kind(unit)
            kind_count[kind] = kind_count.get(kind, 0) + 1
            points = tuple(
                Point(label=indicator_name(r, lang), value=float(r["value"]), unit=str(r["unit"]), report=label,
                      sentence=str(r.get("sentence") or ""), is_excerpt=excerpt, qualifier=qualifier_of(r))
                for r in by_unit[unit]
            )
            # "mediation-counts" for a domain's first chart of a kind, "-2", "-3" for further units of it.
            suffix = "" if kind_count[kind] == 1 else f"-{kind_count[kind]}"
            slides.append(Slide(f"{domain}-{kind}{suffix}", domain, "chart", name,
                                subtitle=unit_title(t(KIND_TITLE_KEYS[kind], lang), unit, lang),
                                points=points, unit_kind=kind))
    return slides


def section_tokens(slides: Sequence[Slide]) -> list[str]:
    """The groups present in a deck, in order: what the presenter can choose from."""
    return list(dict.fromkeys(s.group for s in slides))


def select_slides(slides: Sequence[Slide], tokens: Iterable[str]) -> list[Slide]:
    """The slides named by `tokens`, in token order; a group token brings all its slides, a slide id one.

    No tokens (or none that match) means the whole deck; a slide named twice appears once, where first named.
    """
    by_id = {s.slide_id: s for s in slides}
    chosen: dict[str, Slide] = {}
    for token in tokens:
        if token in by_id:
            chosen.setdefault(token, by_id[token])
        for slide in slides:
            if slide.group == token:
                chosen.setdefault(slide.slide_id, slide)
    return list(chosen.values()) or list(slides)


def unknown_tokens(slides: Sequence[Slide], tokens: Iterable[str]) -> list[str]:
    known = {s.slide_id for s in slides} | {s.group for s in slides} | set(domain_ids()) | {SCORECARD_TOKEN}
    return [token for token in tokens if token not in known]


def slide_figure(slide: Slide, lang: str, dark: bool = False) -> go.Figure:
    """The chart of a chart slide, in presentation sizes (type readable from the back of a room)."""
    spec = bar_spec(list(slide.points), lang, title="")
    del spec["layout"]["height"]  # the slide's height, not one from the number of bars
    fig = figure_from_spec(spec)
    fig.update_layout(font={"size": 24}, margin={"l": 8, "r": 48, "t": 16, "b": 8}, autosize=True)
    fig.update_traces(textfont={"size": 26}, selector={"type": "bar"})
    fig.update_xaxes(tickfont={"size": 24})
    fig.update_yaxes(tickfont={"size": 24})
    for_theme(fig, dark)
    values = [p.value for p in slide.points if p.value is not None]
    if values and slide.unit_kind != RATES:
        # Every bar carries its value as written; the axis only adds "0.2M"-style noise. Leave room for the labels.
        fig.update_xaxes(showticklabels=False, showgrid=False, range=[0, max(values) * 1.4])
    return fig


# ---------------------------------------------------------------------------------------------- URL state


@dataclass(frozen=True)
class PresentParams:
    slide: int  # 1-based, as in the URL; clamped by `clamp_slide` once the deck is known
    tokens: tuple[str, ...]
    every: int  # seconds between slides; 0 = manual
    problems: tuple[str, ...] = ()  # "param=value" of values that were not understood


def _first(params: Mapping[str, Any], key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return None if value is None else str(value)


def parse_params(params: Mapping[str, Any]) -> PresentParams:
    """Read `?slide=`, `?slides=` and `?every=` (a mapping of str or list of str, like st.query_params.to_dict)."""
    problems = []
    raw_slide = _first(params, SLIDE_PARAM)
    slide = 1
    if raw_slide not in (None, ""):
        if raw_slide.isdigit() and int(raw_slide) >= 1:
            slide = int(raw_slide)
        else:
            problems.append(f"{SLIDE_PARAM}={raw_slide[:40]}")
    raw_tokens = params.get(SLIDES_PARAM) or ()
    if isinstance(raw_tokens, str):
        raw_tokens = [raw_tokens]
    tokens = tuple(dict.fromkeys(tok.strip() for part in raw_tokens for tok in str(part).split(",") if tok.strip()))
    raw_every = _first(params, EVERY_PARAM)
    every = 0
    if raw_every not in (None, "", "0"):
        if raw_every.isdigit() and MIN_INTERVAL <= int(raw_every) <= MAX_INTERVAL:
            every = int(raw_every)
        else:
            problems.append(f"{EVERY_PARAM}={raw_every[:40]}")
    return PresentParams(slide=slide, tokens=tokens, every=every, problems=tuple(problems))


def clamp_slide(number: int, count: int) -> int:
    """A 1-based slide number within 1..count (a deck always has the title slide)."""
    return max(1, min(number, max(count, 1)))


def step(number: int, count: int, delta: int, wrap: bool = False) -> int:
    """The slide number after moving `delta` (±1); stops at the ends, or wraps (auto-advance loops)."""
    if count <= 0:
        return 1
    target = number + delta
    if wrap:
        return (target - 1) % count + 1
    return clamp_slide(target, count)


def present_query(view_params: Mapping[str, str | None], tokens: Sequence[str] = (), every: int = 0, slide: int = 1,
                  theme: str = "", embed: bool = True) -> str:
    """The query string of a presentation link: `?present=1&region=…&year=…&slides=…&slide=N…` (view
    parameters without a value are left out).

    With `embed`, Streamlit's own embed mode (`embed=true`) removes the header and toolbar; `theme` ("light" or
    "dark") is passed to it as `embed_options=light_theme|dark_theme`.
    """
    pairs: list[tuple[str, str]] = [(PRESENT_PARAM, "1")]
    pairs += [(key, str(view_params[key])) for key in VIEW_PARAMS if view_params.get(key)]
    if tokens:
        pairs.append((SLIDES_PARAM, ",".join(tokens)))
    if every:
        pairs.append((EVERY_PARAM, str(every)))
    if slide > 1:
        pairs.append((SLIDE_PARAM, str(slide)))
    if embed:
        pairs.append(("embed", "true"))
        if theme in ("light", "dark"):
            pairs.append(("embed_options", f"{theme}_theme"))
    return "?" + urlencode(pairs)


# What only the presentation reads: Exit drops these and keeps everything else the start URL had.
PRESENT_ONLY_PARAMS = (PRESENT_PARAM, SLIDE_PARAM, EVERY_PARAM, "embed", "embed_options")


def exit_query(params: Mapping[str, Any]) -> str:
    """Where Exit goes, relative to the path the presentation runs under (the page it was started from): the
    start URL's parameters (report, language, the setup page's `slides` …) without the presentation keys."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if key in PRESENT_ONLY_PARAMS:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        if key == SLIDES_PARAM:  # the setup page reads its choice as repeated ids (ui.url_state.url_multiselect)
            values = list(parse_params({SLIDES_PARAM: values}).tokens)
        pairs += [(key, str(v)) for v in values if v is not None and str(v) != ""]
    return "?" + urlencode(pairs) if pairs else "?"


# ------------------------------------------------------------------------------ constant CSS and script

# Files under ui/static (see ui/assets.py), inlined by the slides program with st.html.
PRESENT_CSS = style_element("css/present.css")
KEYS_SCRIPT = script_element("js/present_keys.js")
SAME_TAB_SCRIPT = script_element("js/same_tab_links.js")  # Start and Exit stay in the presenter's tab
