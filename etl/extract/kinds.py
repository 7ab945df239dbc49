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
FIGURES_KIND = "rule_of_law_figures"  # loaded on its figures' evidence alone (document_kinds.yaml)


@dataclass(frozen=True)
class DocumentKind:
    kind_id: str
    name_zh: str
    name_en: str
    title: re.Pattern[str]
    terms: re.Pattern[str] | None
    opening_issuer: re.Pattern[str] | None = None  # the body speaking in an untitled text's opening


@dataclass(frozen=True)
class KindRules:
    kinds: tuple[DocumentKind, ...]
    min_terms: int
    min_terms_per_1000_chars: float
    issuer: re.Pattern[str]
    report_words: re.Pattern[str]
    title_min_terms: int
    title_words: re.Pattern[str]
    title_max_chars: int
    title_lines: int
    opening_chars: int = 300
    opening_min: int = 2
    min_catalogue_indicators: int = 3

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
            opening_issuer=re.compile(entry["opening_issuer"]) if entry.get("opening_issuer") else None,
        )
        for entry in raw["kinds"]
    )
    if not kinds or kinds[0].kind_id != RULE_OF_LAW_REPORT:
        raise ValueError(f"document_kinds.yaml: the first kind must be {RULE_OF_LAW_REPORT}")
    if FIGURES_KIND not in {k.kind_id for k in kinds}:
        raise ValueError(f"document_kinds.yaml: the kind {FIGURES_KIND} must be declared")
    related = raw["related_document"]
    return KindRules(
        kinds=kinds,
        min_terms=int(related["min_terms"]),
        min_terms_per_1000_chars=float(related["min_terms_per_1000_chars"]),
        issuer=re.compile(related["issuer"]),
        report_words=re.compile(related["report_words"]),
        title_min_terms=int(related["title_min_terms"]),
        title_words=re.compile(related["title_words"]),
        title_max_chars=int(related["title_max_chars"]),
        title_lines=int(related["title_lines"]),
        opening_chars=int(related.get("opening_chars", 300)),
        opening_min=int(related.get("opening_min", 2)),
        min_catalogue_indicators=int(related.get("min_catalogue_indicators", 3)),
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


# A line that is not a title: it carries sentence punctuation, starts like a heading or a list item, or is page
# chrome (breadcrumbs, share and print links, file numbers).
_NOT_TITLE_RE = re.compile(
    r"[。,;!?]|^\s*(?:[一二三四五六七八九十]{1,3}[、.]|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,2}[.、])"
    r"|[>»]|首页|位置|索引号|发布机构|来源|浏览|字号|打印|分享|附件|下载"
)


def title_kind(folded: str, rules: KindRules, container_title: str | None = None) -> tuple[str, str] | None:
    """(kind, title line) of the first line of the opening that reads as a title naming a kind, else None.

    The opening's own lines come first (page chrome before the title is skipped, a heading or a sentence is no
    title); the page title a container carried (HTML <title>, DOCX properties) is the fallback.
    """
    lines = [line.strip() for line in folded[:4000].split("\n", rules.title_lines)[: rules.title_lines]]
    for line in [*lines, (container_title or "").strip()]:
        if not line or len(line) > rules.title_max_chars or _NOT_TITLE_RE.search(line):
            continue
        if not rules.title_words.search(line):
            continue
        kind = kind_from_title(line, rules)
        if kind is not None:
            return kind, line
    return None


def _kind(rules: KindRules, kind_id: str) -> DocumentKind:
    return next(k for k in rules.kinds if k.kind_id == kind_id)


def reads_as_work_report(folded: str, rules: KindRules) -> bool:
    """A government body reporting on its work: an issuer and report words, not a story or an advertisement."""
    return rules.issuer.search(folded) is not None and rules.report_words.search(folded) is not None


def related_kind_from_title(folded: str, rules: KindRules, named: str | None) -> str | None:
    """The kind a title names, when the body is a government body's work report that speaks of its subject."""
    if named is None or not reads_as_work_report(folded, rules):
        return None
    terms = _kind(rules, named).terms
    return named if terms is not None and len(terms.findall(folded)) >= rules.title_min_terms else None


def related_kind_from_body(folded: str, rules: KindRules) -> str | None:
    """The related kind whose subject the body keeps returning to, if it reads as a government work report."""
    if not reads_as_work_report(folded, rules):
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


def kind_from_opening(folded: str, rules: KindRules) -> str | None:
    """The related kind whose issuer speaks in the opening of a text no title names (a news item on a court's
    white paper names the court again and again), else None."""
    opening = folded[: rules.opening_chars]
    for kind in rules.kinds[1:]:
        if kind.opening_issuer is not None and len(kind.opening_issuer.findall(opening)) >= rules.opening_min:
            return kind.kind_id
    return None
