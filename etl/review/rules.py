"""Reading `etl/catalogue/review.yaml`: the review rules, declared once, each naming its source.

Every defect raises ReviewRulesError naming the file and the entry, so a bad edit fails on start (as the
catalogue does). Core indicators are checked against the catalogue: an id it does not have, or one filed under
another domain, is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from etl.catalogue import Catalogue, default_catalogue
from etl.config import REVIEW_RULES_PATH

PART_IDS = ("measures_and_results", "shortcomings", "leaders_duties", "next_year_plans")


class ReviewRulesError(ValueError):
    """review.yaml is malformed; the message names the file and the offending entry."""


@dataclass(frozen=True)
class Source:
    source_id: str
    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class PartRule:
    """A required part of the report, recognised by its heading or the opening sentence of a paragraph."""

    part_id: str
    number: int  # its number in the regulation's list, (1) … (4)
    name_zh: str
    name_en: str
    source: str
    article: str
    heading: re.Pattern[str]
    opening: re.Pattern[str] | None
    exclude: re.Pattern[str] | None = None
    topical_headings: bool = False

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class Deadline:
    month: int
    day: int
    source: str
    article: str


@dataclass(frozen=True)
class PeerGroup:
    group_id: str
    levels: tuple[str, ...]
    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class ReviewRules:
    sources: Mapping[str, Source]
    parts: tuple[PartRule, ...]  # in recognition order: a heading goes to the first part that fits
    deadline: Deadline
    core_source: str
    core_indicators: tuple[str, ...]  # in catalogue order
    peer_groups: tuple[PeerGroup, ...]

    def part(self, part_id: str) -> PartRule:
        return next(p for p in self.parts if p.part_id == part_id)

    def peer_group(self, admin_level: str | None) -> PeerGroup | None:
        return next((g for g in self.peer_groups if admin_level in g.levels), None)


@lru_cache(maxsize=1)
def default_rules() -> ReviewRules:
    """The shipped rules, read once per process."""
    return load_rules()


def load_rules(path: Path | None = None, catalogue: Catalogue | None = None) -> ReviewRules:
    source = path or REVIEW_RULES_PATH
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReviewRulesError(f"{source.name}: cannot be read: {exc}") from exc
    return parse_rules(raw, catalogue or default_catalogue(), source.name)


def _text(entry: Mapping[str, Any], key: str, label: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ReviewRulesError(f"{label}: '{key}' must be a non-empty string")
    return value.strip()


def _regex(entry: Mapping[str, Any], key: str, label: str, required: bool) -> re.Pattern[str] | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    text = _text(entry, key, label)
    try:
        compiled = re.compile(text)
    except re.error as exc:
        raise ReviewRulesError(f"{label}: '{key}' does not compile: {exc}") from exc
    if compiled.fullmatch(""):
        raise ReviewRulesError(f"{label}: '{key}' matches the empty string")
    return compiled


def _source_id(entry: Mapping[str, Any], label: str, sources: Mapping[str, Source]) -> str:
    source = _text(entry, "source", label)
    if source not in sources:
        raise ReviewRulesError(f"{label}: unknown source {source!r} (declared: {sorted(sources)})")
    return source


def parse_rules(raw: Any, catalogue: Catalogue, name: str = "review.yaml") -> ReviewRules:
    """Validate an already-parsed document (split out so tests can feed broken rules)."""
    if not isinstance(raw, dict):
        raise ReviewRulesError(f"{name}: expected a mapping")
    for key in ("sources", "parts", "deadline", "core_indicators", "peer_groups"):
        if key not in raw:
            raise ReviewRulesError(f"{name}: missing top-level '{key}'")
    if not isinstance(raw["sources"], dict) or not raw["sources"]:
        raise ReviewRulesError(f"{name}: 'sources' must be a mapping of source ids")
    sources = {
        sid: Source(sid, _text(s, "name_zh", f"{name}: source '{sid}'"), _text(s, "name_en", f"{name}: source '{sid}'"))
        for sid, s in raw["sources"].items() if isinstance(s, dict)
    }
    if len(sources) != len(raw["sources"]):
        raise ReviewRulesError(f"{name}: every source needs name_zh and name_en")
    parts = tuple(_part(entry, n, name, sources) for n, entry in enumerate(raw["parts"] or [], start=1))
    if sorted(p.part_id for p in parts) != sorted(PART_IDS):
        raise ReviewRulesError(f"{name}: 'parts' must declare exactly {list(PART_IDS)}")
    deadline_raw = raw["deadline"]
    if not isinstance(deadline_raw, dict):
        raise ReviewRulesError(f"{name}: 'deadline' must be a mapping")
    label = f"{name}: deadline"
    month, day = deadline_raw.get("month"), deadline_raw.get("day")
    if not isinstance(month, int) or not 1 <= month <= 12 or not isinstance(day, int) or not 1 <= day <= 28:
        raise ReviewRulesError(f"{label}: month must be 1–12 and day 1–28")
    deadline = Deadline(month, day, _source_id(deadline_raw, label, sources), _text(deadline_raw, "article", label))
    core_source, core = _core(raw["core_indicators"], name, sources, catalogue)
    groups = tuple(_group(entry, name) for entry in raw["peer_groups"] or [])
    levels = [level for g in groups for level in g.levels]
    if not groups or len(levels) != len(set(levels)):
        raise ReviewRulesError(f"{name}: peer_groups must put each admin level in one group")
    return ReviewRules(MappingProxyType(sources), parts, deadline, core_source, core, groups)


def _part(entry: Any, position: int, name: str, sources: Mapping[str, Source]) -> PartRule:
    label = f"{name}: part #{position}"
    if not isinstance(entry, dict):
        raise ReviewRulesError(f"{label}: expected a mapping")
    label = f"{name}: part '{entry.get('id')}'"
    part_id = _text(entry, "id", label)
    if part_id not in PART_IDS:
        raise ReviewRulesError(f"{label}: id must be one of {list(PART_IDS)}")
    number = entry.get("number")
    if not isinstance(number, int) or not 1 <= number <= 5:
        raise ReviewRulesError(f"{label}: number must be the regulation's item, 1–5")
    heading = _regex(entry, "heading", label, required=True)
    assert heading is not None  # required=True never returns None
    topical = entry.get("topical_headings", False)
    if not isinstance(topical, bool):
        raise ReviewRulesError(f"{label}: topical_headings must be true or false")
    return PartRule(
        part_id, number, _text(entry, "name_zh", label), _text(entry, "name_en", label),
        _source_id(entry, label, sources), _text(entry, "article", label), heading,
        _regex(entry, "opening", label, required=False), _regex(entry, "exclude", label, required=False), topical,
    )


def _core(raw: Any, name: str, sources: Mapping[str, Source], catalogue: Catalogue) -> tuple[str, tuple[str, ...]]:
    label = f"{name}: core_indicators"
    if not isinstance(raw, dict) or not isinstance(raw.get("domains"), dict):
        raise ReviewRulesError(f"{label}: expected 'source' and a 'domains' mapping")
    source = _source_id(raw, label, sources)
    chosen: set[str] = set()
    for domain, ids in raw["domains"].items():
        if domain not in catalogue.domain_ids:
            raise ReviewRulesError(f"{label}: unknown domain {domain!r}")
        if not isinstance(ids, list) or not ids:
            raise ReviewRulesError(f"{label}: domain {domain!r} needs a list of indicator ids")
        for indicator_id in ids:
            indicator = catalogue.by_id.get(indicator_id)
            if indicator is None:
                raise ReviewRulesError(f"{label}: {indicator_id!r} is not in the catalogue")
            if indicator.domain != domain:
                raise ReviewRulesError(
                    f"{label}: {indicator_id!r} belongs to domain {indicator.domain!r}, not {domain!r}")
            if indicator_id in chosen:
                raise ReviewRulesError(f"{label}: {indicator_id!r} is named twice")
            chosen.add(indicator_id)
    return source, tuple(i.indicator_id for i in catalogue.indicators if i.indicator_id in chosen)


def _group(entry: Any, name: str) -> PeerGroup:
    label = f"{name}: peer group {entry.get('id') if isinstance(entry, dict) else entry!r}"
    if not isinstance(entry, dict) or not isinstance(entry.get("levels"), list) or not entry["levels"]:
        raise ReviewRulesError(f"{label}: needs id, levels, name_zh and name_en")
    return PeerGroup(_text(entry, "id", label), tuple(str(level) for level in entry["levels"]),
                     _text(entry, "name_zh", label), _text(entry, "name_en", label))
