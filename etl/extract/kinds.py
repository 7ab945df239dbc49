"""What kind of document a text is: a rule-of-law government report, a related document of a declared kind,
or neither (refused). Declarations in etl/catalogue/document_kinds.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from etl.config import CATALOGUE_DIR

KINDS_PATH = CATALOGUE_DIR / "document_kinds.yaml"
RULE_OF_LAW_REPORT = "rule_of_law_report"


@dataclass(frozen=True)
class DocumentKind:
    kind_id: str
    name_zh: str
    name_en: str
    title: re.Pattern[str]
    terms: re.Pattern[str] | None


@dataclass(frozen=True)
class KindRules:
    kinds: tuple[DocumentKind, ...]
    min_terms: int
    min_terms_per_1000_chars: float
    issuer: re.Pattern[str]
    report_words: re.Pattern[str]

    def name(self, kind_id: str, lang: str = "zh") -> str:
        kind = next((k for k in self.kinds if k.kind_id == kind_id), None)
        if kind is None:
            return kind_id
        return kind.name_zh if lang == "zh" else kind.name_en


def parse_kind_rules(raw: dict) -> KindRules:
    kinds = tuple(
        DocumentKind(
            kind_id=entry["id"],
            name_zh=entry["name_zh"],
            name_en=entry["name_en"],
            title=re.compile(entry["title"]),
            terms=re.compile(entry["terms"]) if entry.get("terms") else None,
        )
        for entry in raw["kinds"]
    )
    if not kinds or kinds[0].kind_id != RULE_OF_LAW_REPORT:
        raise ValueError(f"document_kinds.yaml: the first kind must be {RULE_OF_LAW_REPORT}")
    related = raw["related_document"]
    return KindRules(
        kinds=kinds,
        min_terms=int(related["min_terms"]),
        min_terms_per_1000_chars=float(related["min_terms_per_1000_chars"]),
        issuer=re.compile(related["issuer"]),
        report_words=re.compile(related["report_words"]),
    )


@lru_cache(maxsize=2)
def load_kind_rules(path: Path = KINDS_PATH) -> KindRules:
    with path.open(encoding="utf-8") as handle:
        return parse_kind_rules(yaml.safe_load(handle))


def kind_from_title(title: str | None, rules: KindRules) -> str | None:
    """The kind a title names (a rule-of-law report first: its title may also name a subject), else None."""
    if not title:
        return None
    for kind in rules.kinds:
        if kind.title.search(title):
            return kind.kind_id
    return None


def related_kind_from_body(folded: str, rules: KindRules) -> str | None:
    """The related kind whose subject the body keeps returning to, if it reads as a government work report."""
    if not rules.issuer.search(folded) or not rules.report_words.search(folded):
        return None
    best: tuple[int, str] | None = None
    for kind in rules.kinds[1:]:
        if kind.terms is None:
            continue
        count = len(kind.terms.findall(folded))
        per_1000 = count / max(len(folded), 1) * 1000
        is_enough = count >= rules.min_terms and per_1000 >= rules.min_terms_per_1000_chars
        if is_enough and (best is None or count > best[0]):
            best = (count, kind.kind_id)
    return best[1] if best else None
