"""The doubts of grammar.yaml as the ETL reads them: one frozen record of compiled patterns (etl.extract.doubts
applies them)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from etl.catalogue.needles import alternation, alternatives, with_first_class
from etl.extract.grammar import GRAMMAR_PATH


@dataclass(frozen=True)
class Doubts:
    requires_act: frozenset[str]
    lumped_subjects: frozenset[str]
    topics: Mapping[str, re.Pattern[str]]
    each_word: str
    each_unless: str
    after_figure: tuple[re.Pattern[str], ...]
    clause: tuple[re.Pattern[str], ...]
    all_kinds: Mapping[str, re.Pattern[str]]
    sentence: tuple[re.Pattern[str], ...]
    sentence_domains: frozenset[str]
    bare_rate: re.Pattern[str] | None
    # indicator → (the act that may serve either audience, the public's words): see grammar.yaml `audience`
    audience: Mapping[str, tuple[re.Pattern[str], re.Pattern[str]]] = field(default_factory=dict)
    # A court's caseload: in these document kinds, these indicators count one instance only where it is named.
    instance_kinds: frozenset[str] = frozenset()
    instance_indicators: frozenset[str] = frozenset()
    instance_named: re.Pattern[str] | None = None
    # Indicators of the whole area, and the words naming one service body as the subject of a count of them.
    one_body_indicators: frozenset[str] = frozenset()
    one_body: re.Pattern[str] | None = None
    # document kind → the indicators whose counts in it are only that kind's share (grammar.yaml `kind_parts`)
    kind_parts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # family → the topics other than its own a study may be on (grammar.yaml `other_topics`)
    other_topics: Mapping[str, re.Pattern[str]] = field(default_factory=dict)


def parse_doubts(raw: object) -> Doubts:
    spec = raw if isinstance(raw, dict) else {}
    sentence = spec.get("sentence") or {}
    return Doubts(
        requires_act=frozenset(spec.get("requires_act") or ()),
        lumped_subjects=frozenset(spec.get("lumped_subjects") or ()),
        topics=MappingProxyType({family: re.compile(p) for family, p in (spec.get("topics") or {}).items()}),
        each_word=str((spec.get("each") or {}).get("word") or ""),
        each_unless=str((spec.get("each") or {}).get("unless") or "\0"),
        after_figure=alternation(spec.get("after_figure") or ()),  # one scan a figure, not one a pattern
        clause=alternatives(spec.get("clause") or ()),
        all_kinds=MappingProxyType({family: re.compile(p) for family, p in (spec.get("all_kinds") or {}).items()}),
        sentence=alternation(sentence.get("patterns") or ()),
        sentence_domains=frozenset(sentence.get("domains") or ()),
        bare_rate=re.compile(spec["bare_rate"]) if spec.get("bare_rate") else None,
        instance_kinds=frozenset((spec.get("instance") or {}).get("kinds") or ()),
        instance_indicators=frozenset((spec.get("instance") or {}).get("indicators") or ()),
        instance_named=re.compile(spec["instance"]["named"]) if (spec.get("instance") or {}).get("named") else None,
        one_body_indicators=frozenset((spec.get("one_body") or {}).get("indicators") or ()),
        one_body=with_first_class(re.compile(spec["one_body"]["body"])) if (spec.get("one_body") or {}).get("body")
        else None,
        kind_parts=MappingProxyType({kind: frozenset(ids) for kind, ids in (spec.get("kind_parts") or {}).items()}),
        other_topics=MappingProxyType({
            family: re.compile(p) for family, p in (spec.get("other_topics") or {}).items()
        }),
        audience=MappingProxyType({
            indicator_id: (re.compile(rule["act"]), re.compile(rule["public"]))
            for indicator_id, rule in (spec.get("audience") or {}).items()
        }),
    )


@lru_cache(maxsize=4)
def load_doubts(path: Path = GRAMMAR_PATH) -> Doubts:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return parse_doubts(raw.get("doubts") if isinstance(raw, dict) else None)
