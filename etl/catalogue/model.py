"""The indicator catalogue as loaded: domains, indicators and their match patterns (see `loader` for the file)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from etl.catalogue.needles import final_chars, first_chars, max_width, required_literals

# The widest gap a pattern may allow between its label and the figure; matching looks no further.
MAX_GAP_LIMIT = 20


# Where a pattern's context may be found, nearest first (etl/extract/matching.py searches them in this order).
CONTEXT_REACHES = ("sentence", "topic", "heading", "document")


@dataclass(frozen=True)
class Pattern:
    """One match rule.

    `before` must end at most `max_gap` characters before the figure and, unless `reach_back`, start after
    the previous figure of the sentence; `after` must start at most `max_gap` characters after the figure
    and end before the next one. `context` must occur in the sentence or, as far as `context_reach` allows, the
    paragraph's topic clause, the heading chain or the document's title and kind; `exclude` must not occur in the
    sentence, `exclude_before` not in the sentence before the figure (what follows a count does not qualify it:
    门户网站发布信息1330条,…微信公众号发布信息…). With both sides set, both must match and their gaps add up.
    """

    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    context: re.Pattern[str] | None
    max_gap: int
    reach_back: bool = False
    exclude: re.Pattern[str] | None = None
    # How far `context` may be looked for (an index into CONTEXT_REACHES): a label whose subject must be said
    # close by (meetings "on rule of law") may not take it from the document's title, which every report has.
    context_reach: int = len(CONTEXT_REACHES) - 1
    exclude_before: re.Pattern[str] | None = None
    # Derived: for each label regex, strings one of which every match must contain (None: nothing is certain).
    # A sentence holding none of them cannot hold the label, so matching does not try the pattern there.
    before_needs: tuple[str, ...] | None = field(init=False, repr=False, compare=False)
    after_needs: tuple[str, ...] | None = field(init=False, repr=False, compare=False)
    # Derived: the characters every `before` match ends with (None: not known). A gap whose last character is
    # none of them cannot end the label, so matching does not search there.
    before_ends: frozenset[str] | None = field(init=False, repr=False, compare=False)
    # Derived: the longest `before` match (None: unbounded): its search starts no further back than that.
    before_width: int | None = field(init=False, repr=False, compare=False)
    # Derived: the characters every `after` match starts with (None: not known), as `before_ends` at the other end.
    after_starts: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "before_needs", required_literals(self.before))
        object.__setattr__(self, "after_needs", required_literals(self.after))
        object.__setattr__(self, "before_ends", final_chars(self.before))
        object.__setattr__(self, "before_width", max_width(self.before))
        object.__setattr__(self, "after_starts", first_chars(self.after))


@dataclass(frozen=True)
class Domain:
    """A policy area. Its names are the only ones the dashboard shows; the short ones fit the sidebar."""

    domain_id: str
    name_zh: str
    name_en: str
    short_zh: str | None = None
    short_en: str | None = None

    def name(self, lang: str, short: bool = False) -> str:
        """The name in `lang` ("en", else Chinese); `short` picks the menu form where one is declared."""
        if lang == "en":
            return (self.short_en if short else None) or self.name_en
        return (self.short_zh if short else None) or self.name_zh


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    name_zh: str
    name_en: str
    unit: str
    short_unit: str
    domain: str
    description: str
    higher_is_better: bool | None
    is_headline: bool
    display_order: int
    units_accepted: tuple[str, ...]
    patterns: tuple[Pattern, ...]

    def accepts_unit(self, unit: str) -> bool:
        return unit == self.unit or unit in self.units_accepted


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    domains: tuple[Domain, ...] = ()  # in display order: chart pages and the overview follow it
    by_id: Mapping[str, Indicator] = field(init=False, repr=False, compare=False)
    by_unit: Mapping[str, tuple[Indicator, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen dataclass: derived lookups are set once here so callers never rebuild them per figure.
        object.__setattr__(self, "by_id", MappingProxyType({i.indicator_id: i for i in self.indicators}))
        units: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            for unit in (indicator.unit, *indicator.units_accepted):
                units.setdefault(unit, []).append(indicator)
        object.__setattr__(self, "by_unit", MappingProxyType({u: tuple(v) for u, v in units.items()}))

    @property
    def domain_ids(self) -> tuple[str, ...]:
        return tuple(d.domain_id for d in self.domains)

    @property
    def domain_names(self) -> Mapping[str, Domain]:
        return MappingProxyType({d.domain_id: d for d in self.domains})

    def in_domain(self, domain_id: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.domain == domain_id)

    @property
    def headline(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.is_headline)
