"""Reading `catalogue.yaml`: every defect raises CatalogueError naming the entry, so a bad edit fails on start.

Indicators and domains are declared once, in that file; nothing else in the project lists them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from etl.catalogue.model import CONTEXT_REACHES, MAX_GAP_LIMIT, Catalogue, Domain, Indicator, Pattern
from etl.catalogue.needles import with_first_class
from etl.catalogue.units import KNOWN_UNITS  # the extractor's normalised units, declared once
from etl.config import CATALOGUE_DIR, CATALOGUE_PATH

# The word classes patterns name as {{class}} (all the words for "held an education event", all the bodies that
# count as the government…): declared once, in grammar.yaml's `words`, beside the acts and scopes.
WORDS_PATH = CATALOGUE_DIR / "grammar.yaml"
_WORD_REF_RE = re.compile(r"\{\{([a-z_]+)\}\}")

DEFAULT_MAX_GAP_BEFORE = 6
DEFAULT_MAX_GAP_AFTER = 2

_ID_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_REQUIRED_FIELDS = (
    "id",
    "name_zh",
    "name_en",
    "unit",
    "short_unit",
    "domain",
    "description",
    "higher_is_better",
    "is_headline",
    "patterns",
)
_OPTIONAL_FIELDS = ("units_accepted",)
_PATTERN_FIELDS = (
    "before", "after", "context", "exclude", "exclude_before", "max_gap", "reach_back", "context_reach",
)
_DOMAIN_FIELDS = ("id", "name_zh", "name_en")
_DOMAIN_OPTIONAL_FIELDS = ("short_zh", "short_en")  # menu forms, for names too long for the sidebar


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the offending entry."""


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The shipped catalogue, read once per process (the ETL and the dashboard share it)."""
    return load_catalogue()


def _read_yaml(source: Path) -> Any:
    try:
        # The C loader when PyYAML has it: same data, a fifth of the time (the catalogue is read on every start).
        return yaml.load(source.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{source.name}: not valid YAML: {exc}") from exc


def load_words(path: Path = WORDS_PATH) -> dict[str, str]:
    """The word classes (`words` in grammar.yaml), each a regex alternation with its own classes expanded."""
    raw = (_read_yaml(path) or {}).get("words") or {}
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise CatalogueError(f"{path.name}: 'words' must map class names to regex strings")
    expanded: dict[str, str] = {}
    for name in raw:
        expanded[name] = expand_words(raw[name], raw, f"{path.name}: words.{name}")
    return expanded


def expand_words(source: str, words: dict[str, str], label: str, depth: int = 0) -> str:
    """`source` with every {{class}} replaced by its words as one non-capturing group."""
    if depth > 4:
        raise CatalogueError(f"{label}: word classes nest too deep (a cycle?)")

    def one(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in words:
            raise CatalogueError(f"{label}: unknown word class {{{{{name}}}}}")
        return f"(?:{expand_words(words[name], words, label, depth + 1)})"

    return _WORD_REF_RE.sub(one, source)


def load_catalogue(path: Path | None = None, words_path: Path = WORDS_PATH) -> Catalogue:
    """Read and validate the catalogue; any defect raises CatalogueError naming the entry."""
    source = path or CATALOGUE_PATH
    return parse_catalogue(_read_yaml(source), source_name=source.name, words=load_words(words_path))


def parse_catalogue(raw: Any, source_name: str = "catalogue.yaml", words: dict[str, str] | None = None) -> Catalogue:
    """Validate an already-parsed YAML document (split out so tests can feed broken catalogues). Patterns may
    name word classes as {{class}} (`words`, by default grammar.yaml's)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("indicators"), list):
        raise CatalogueError(f"{source_name}: expected a mapping with an 'indicators' list")
    words = load_words() if words is None else words
    domains = _parse_domains(raw.get("domains"), source_name)
    domain_ids = frozenset(d.domain_id for d in domains)
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw["indicators"], start=1):
        indicator = _parse_indicator(entry, position, source_name, domain_ids, words)
        if indicator.indicator_id in seen:
            raise CatalogueError(f"{source_name}: indicator '{indicator.indicator_id}' is declared twice")
        seen.add(indicator.indicator_id)
        indicators.append(indicator)
    return Catalogue(indicators=tuple(indicators), domains=domains)


def _parse_domains(raw: Any, source_name: str) -> tuple[Domain, ...]:
    if not isinstance(raw, list) or not raw:
        raise CatalogueError(f"{source_name}: expected a top-level 'domains' list")
    domains: list[Domain] = []
    for entry in raw:
        if (
            not isinstance(entry, dict)
            or not set(_DOMAIN_FIELDS) <= set(entry)
            or not set(entry) <= {*_DOMAIN_FIELDS, *_DOMAIN_OPTIONAL_FIELDS}
        ):
            raise CatalogueError(
                f"{source_name}: domain entry {entry!r} must have id, name_zh, name_en and may have short_zh, short_en"
            )
        if not all(isinstance(entry[k], str) and entry[k].strip() for k in entry):
            raise CatalogueError(f"{source_name}: domain '{entry.get('id')}' has an empty field")
        if not _ID_RE.fullmatch(entry["id"]):
            raise CatalogueError(f"{source_name}: domain id {entry['id']!r} must be English snake_case")
        if any(d.domain_id == entry["id"] for d in domains):
            raise CatalogueError(f"{source_name}: domain '{entry['id']}' is declared twice")
        domains.append(
            Domain(entry["id"], entry["name_zh"], entry["name_en"], entry.get("short_zh"), entry.get("short_en"))
        )
    return tuple(domains)


def _parse_indicator(
    entry: Any, position: int, source_name: str, domain_ids: frozenset[str], words: dict[str, str]
) -> Indicator:
    label = f"{source_name}: indicator #{position}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{label}: expected a mapping")
    if isinstance(entry.get("id"), str):
        label = f"{source_name}: indicator '{entry['id']}'"
    missing = [k for k in _REQUIRED_FIELDS if k not in entry]
    if missing:
        raise CatalogueError(f"{label}: missing field(s) {missing}")
    unknown = sorted(set(entry) - set(_REQUIRED_FIELDS) - set(_OPTIONAL_FIELDS))
    if unknown:
        raise CatalogueError(f"{label}: unknown field(s) {unknown}")

    indicator_id = entry["id"]
    if not isinstance(indicator_id, str) or not _ID_RE.fullmatch(indicator_id):
        raise CatalogueError(f"{label}: id must be English snake_case")
    for key in ("name_zh", "name_en", "unit", "short_unit", "description"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise CatalogueError(f"{label}: '{key}' must be a non-empty string")
    if not _HAN_RE.search(entry["name_zh"]):
        raise CatalogueError(f"{label}: name_zh must be Chinese")
    if not entry["name_en"].isascii():
        raise CatalogueError(f"{label}: name_en must be English")
    if entry["domain"] not in domain_ids:
        raise CatalogueError(f"{label}: unknown domain {entry['domain']!r}")
    if entry["unit"] not in KNOWN_UNITS:
        raise CatalogueError(f"{label}: unknown unit {entry['unit']!r}")
    accepted = entry.get("units_accepted") or []
    if not isinstance(accepted, list) or not all(isinstance(u, str) for u in accepted):
        raise CatalogueError(f"{label}: units_accepted must be a list of units")
    for unit in accepted:
        if unit not in KNOWN_UNITS:
            raise CatalogueError(f"{label}: unknown unit {unit!r} in units_accepted")
        if unit == entry["unit"]:
            raise CatalogueError(f"{label}: units_accepted repeats the unit {unit!r}")
    if entry["higher_is_better"] not in (True, False, None):
        raise CatalogueError(f"{label}: higher_is_better must be true, false or null")
    if not isinstance(entry["is_headline"], bool):
        raise CatalogueError(f"{label}: is_headline must be true or false")
    if not isinstance(entry["patterns"], list) or not entry["patterns"]:
        raise CatalogueError(f"{label}: needs at least one pattern")

    patterns = tuple(
        _parse_pattern(p, f"{label} pattern #{n}", words) for n, p in enumerate(entry["patterns"], start=1)
    )
    return Indicator(
        indicator_id=indicator_id,
        name_zh=entry["name_zh"].strip(),
        name_en=entry["name_en"].strip(),
        unit=entry["unit"],
        short_unit=entry["short_unit"],
        domain=entry["domain"],
        description=entry["description"].strip(),
        higher_is_better=entry["higher_is_better"],
        is_headline=entry["is_headline"],
        display_order=position,
        units_accepted=tuple(accepted),
        patterns=patterns,
    )


def _parse_pattern(raw: Any, label: str, words: dict[str, str]) -> Pattern:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{label}: expected a mapping")
    unknown = sorted(set(raw) - set(_PATTERN_FIELDS))
    if unknown:
        raise CatalogueError(f"{label}: unknown field(s) {unknown}")
    if not raw.get("before") and not raw.get("after"):
        raise CatalogueError(f"{label}: needs 'before' or 'after'; context alone cannot place a label")
    raw = {k: expand_words(v, words, label) if isinstance(v, str) else v for k, v in raw.items()}
    before = _compile(raw.get("before"), label, "before", anchored_end=True)
    after = _compile(raw.get("after"), label, "after")
    context = _compile(raw.get("context"), label, "context")
    exclude = _compile(raw.get("exclude"), label, "exclude")
    exclude_before = _compile(raw.get("exclude_before"), label, "exclude_before")
    default_gap = DEFAULT_MAX_GAP_BEFORE if before is not None else DEFAULT_MAX_GAP_AFTER
    max_gap = raw.get("max_gap", default_gap)
    if not isinstance(max_gap, int) or isinstance(max_gap, bool) or not 0 <= max_gap <= MAX_GAP_LIMIT:
        raise CatalogueError(f"{label}: max_gap must be an integer from 0 to {MAX_GAP_LIMIT}")
    reach_back = raw.get("reach_back", False)
    if not isinstance(reach_back, bool):
        raise CatalogueError(f"{label}: reach_back must be true or false")
    if reach_back and before is None:
        raise CatalogueError(f"{label}: reach_back only applies to a 'before' pattern")
    context_reach = raw.get("context_reach", CONTEXT_REACHES[-1])
    if context_reach not in CONTEXT_REACHES:
        raise CatalogueError(f"{label}: context_reach must be one of {', '.join(CONTEXT_REACHES)}")
    if raw.get("context_reach") is not None and context is None:
        raise CatalogueError(f"{label}: context_reach only applies to a pattern with a context")
    return Pattern(before=before, after=after, context=context, max_gap=max_gap, reach_back=reach_back, exclude=exclude,
                   context_reach=CONTEXT_REACHES.index(context_reach), exclude_before=exclude_before)


def _compile(source: Any, label: str, key: str, anchored_end: bool = False) -> re.Pattern[str] | None:
    if source is None:
        return None
    if not isinstance(source, str) or not source:
        raise CatalogueError(f"{label}: '{key}' must be a non-empty regex string")
    try:
        compiled = re.compile(source)
    except re.error as exc:
        raise CatalogueError(f"{label}: '{key}' does not compile: {exc}") from exc
    # A regex that can match nothing would label every figure in reach.
    if compiled.fullmatch(""):
        raise CatalogueError(f"{label}: '{key}' matches the empty string")
    if anchored_end:
        # Anchoring lets a search bounded by `endpos` find a match that ends exactly at a given offset.
        return with_first_class(re.compile(f"(?:{source})\\Z"))
    return with_first_class(compiled)
