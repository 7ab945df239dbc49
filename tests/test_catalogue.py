"""The indicator catalogue is well-formed, and a malformed one is rejected with the entry named."""

from __future__ import annotations

import ast
import copy
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from etl.catalogue import Catalogue, CatalogueError, Indicator, load_catalogue, parse_catalogue
from etl.catalogue.units import KNOWN_UNITS
from etl.config import CATALOGUE_PATH
from etl.store.schema import column_names

FIXED_IDS = (
    "mediation_cases", "mediation_success", "mediation_success_rate", "mediation_amount",
    "admin_review_applications", "admin_review_accepted", "admin_review_concluded",
    "npc_suggestions_handled", "npc_suggestions_satisfaction", "cppcc_proposals_handled",
    "cppcc_proposals_satisfaction", "normative_docs_reviewed", "major_decisions_reviewed",
    "gov_contracts_reviewed", "audit_projects",
)  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture()
def raw() -> dict[str, Any]:
    return yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))


def test_loads_from_the_default_path_and_an_explicit_one(catalogue: Catalogue) -> None:
    assert load_catalogue(CATALOGUE_PATH) == catalogue


def test_size_and_domain_counts(catalogue: Catalogue) -> None:
    assert len(catalogue.indicators) >= 70
    counts = Counter(i.domain for i in catalogue.indicators)
    assert set(counts) == set(catalogue.domain_ids), "every domain has indicators"
    assert min(counts.values()) >= 5


def test_ids_are_unique_english_snake_case(catalogue: Catalogue) -> None:
    ids = [i.indicator_id for i in catalogue.indicators]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", i) for i in ids)
    assert set(catalogue.by_id) == set(ids)


def test_fixed_ids_exist_and_are_headline(catalogue: Catalogue) -> None:
    missing = [i for i in FIXED_IDS if i not in catalogue.by_id]
    assert missing == []
    assert [i for i in FIXED_IDS if not catalogue.by_id[i].is_headline] == []


def test_headline_set_is_small(catalogue: Catalogue) -> None:
    headline = [i.indicator_id for i in catalogue.headline]
    assert 12 <= len(headline) <= 18
    assert set(FIXED_IDS) <= set(headline)


def test_fixed_units(catalogue: Catalogue) -> None:
    units = {i: catalogue.by_id[i].unit for i in FIXED_IDS}
    assert units == {
        "mediation_cases": "件", "mediation_success": "件", "mediation_success_rate": "%", "mediation_amount": "元",
        "admin_review_applications": "件", "admin_review_accepted": "件", "admin_review_concluded": "件",
        "npc_suggestions_handled": "件", "npc_suggestions_satisfaction": "%", "cppcc_proposals_handled": "件",
        "cppcc_proposals_satisfaction": "%", "normative_docs_reviewed": "件", "major_decisions_reviewed": "件",
        "gov_contracts_reviewed": "件", "audit_projects": "个",
    }  # fmt: skip


def test_every_field_is_filled(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        assert indicator.name_zh and re.search(r"[\u4e00-\u9fff]", indicator.name_zh), indicator.indicator_id
        assert indicator.name_en and indicator.name_en.isascii(), indicator.indicator_id
        assert indicator.description.endswith("."), indicator.indicator_id
        assert indicator.short_unit, indicator.indicator_id
        assert indicator.higher_is_better in (True, False, None)
        assert indicator.patterns, indicator.indicator_id


def test_units_are_known_and_money_is_yuan(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        assert indicator.unit in KNOWN_UNITS
        assert set(indicator.units_accepted) <= KNOWN_UNITS
        assert indicator.unit not in indicator.units_accepted
        # Scaled money units never reach the matcher, so accepting them would be dead configuration.
        assert not {"万元", "亿元"} & {indicator.unit, *indicator.units_accepted}
        if indicator.unit in ("%", "元"):
            assert indicator.short_unit == indicator.unit, "short_unit never implies a scale"
            assert indicator.units_accepted == ()


def test_patterns_compile_and_are_anchored(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators:
        for pattern in indicator.patterns:
            assert pattern.before is not None or pattern.after is not None, indicator.indicator_id
            assert 0 <= pattern.max_gap <= 20
            for regex in (pattern.before, pattern.after, pattern.context, pattern.exclude):
                assert regex is None or isinstance(regex, re.Pattern)


def test_display_order_follows_the_file_and_the_domains(catalogue: Catalogue) -> None:
    orders = [i.display_order for i in catalogue.indicators]
    assert orders == list(range(1, len(orders) + 1))
    domain_sequence = [i.domain for i in catalogue.indicators]
    grouped = sorted(domain_sequence, key=catalogue.domain_ids.index)
    assert domain_sequence == grouped, "indicators are listed domain by domain, in the order of 'domains'"


def test_domain_names(catalogue: Catalogue) -> None:
    assert catalogue.domain_ids == (
        "leadership", "functions", "rules", "decisions", "enforcement", "supervision", "review", "mediation",
    )  # fmt: skip
    for domain in catalogue.domains:
        for name_zh in (domain.name_zh, domain.short_zh):
            assert name_zh is None or re.search(r"[\u4e00-\u9fff]", name_zh)
        for name_en in (domain.name_en, domain.short_en):
            assert name_en is None or name_en.isascii()
    review = catalogue.domain_names["review"]
    assert review.name("en") == "Administrative review and litigation"
    assert (review.name("zh"), review.name("zh", short=True)) == ("行政复议与行政应诉", "行政复议与应诉")
    assert catalogue.domain_names["decisions"].name("zh", short=True) == "依法决策", "no short form: the name"


def test_indicator_fields_cover_the_indicators_table() -> None:
    # tests/test_schema.py checks that schema.sql declares the same columns.
    assert set(column_names("indicators")) <= set(Indicator.__dataclass_fields__)


# ---------------------------------------------------------------------------------------------- rejection


def _first(raw: dict[str, Any], indicator_id: str = "mediation_cases") -> dict[str, Any]:
    return next(e for e in raw["indicators"] if e["id"] == indicator_id)


def _broken(raw: dict[str, Any], change: str) -> dict[str, Any]:
    broken = copy.deepcopy(raw)
    entry = _first(broken)
    if change == "duplicate id":
        broken["indicators"].append(copy.deepcopy(entry))
    elif change == "id not snake_case":
        entry["id"] = "MediationCases"
    elif change == "missing field":
        del entry["name_en"]
    elif change == "unknown field":
        entry["highre_is_better"] = True
    elif change == "unknown unit":
        entry["unit"] = "斤"
    elif change == "unknown accepted unit":
        entry["units_accepted"] = ["万元"]
    elif change == "unknown domain":
        entry["domain"] = "courts"
    elif change == "bad regex":
        entry["patterns"] = [{"before": "调解(纠纷"}]
    elif change == "empty-matching regex":
        entry["patterns"] = [{"before": "(?:调解)?"}]
    elif change == "context only":
        entry["patterns"] = [{"context": "调解"}]
    elif change == "no patterns":
        entry["patterns"] = []
    elif change == "unknown pattern key":
        entry["patterns"] = [{"befor": "调解"}]
    elif change == "reach_back without before":
        entry["patterns"] = [{"after": "纠纷", "reach_back": True}]
    elif change == "gap too wide":
        entry["patterns"] = [{"before": "调解", "max_gap": 50}]
    elif change == "unknown context reach":
        entry["patterns"] = [{"before": "调解", "context": "纠纷", "context_reach": "chapter"}]
    elif change == "context reach without context":
        entry["patterns"] = [{"before": "调解", "context_reach": "topic"}]
    elif change == "headline not bool":
        entry["is_headline"] = "yes"
    elif change == "name_zh not Chinese":
        entry["name_zh"] = "Disputes"
    return broken


@pytest.mark.parametrize(
    "change",
    [
        "duplicate id", "id not snake_case", "missing field", "unknown field", "unknown unit",
        "unknown accepted unit", "unknown domain", "bad regex", "empty-matching regex", "context only",
        "no patterns", "unknown pattern key", "reach_back without before", "gap too wide", "headline not bool",
        "name_zh not Chinese", "unknown context reach", "context reach without context",
    ],
)  # fmt: skip
def test_defects_are_rejected_naming_the_entry(raw: dict[str, Any], change: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(_broken(raw, change))
    message = str(caught.value)
    assert "mediation_cases" in message or "MediationCases" in message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("duplicate", "declared twice"),
        ("unknown field", "must have id"),
        ("empty name", "empty field"),
        ("id not snake_case", "snake_case"),
        ("none", "'domains' list"),
    ],
)
def test_domain_defects_are_rejected(raw: dict[str, Any], change: str, message: str) -> None:
    domains = raw["domains"]
    if change == "duplicate":
        domains.append(dict(domains[0]))
    elif change == "unknown field":
        domains[0]["nmae_en"] = "x"
    elif change == "empty name":
        domains[0]["short_zh"] = " "
    elif change == "id not snake_case":
        domains[0]["id"] = "Leadership"
    else:
        raw["domains"] = []
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(raw)


def test_a_file_that_is_not_yaml_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text("indicators: [\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"catalogue\.yaml"):
        load_catalogue(path)


def test_defaults_for_max_gap(raw: dict[str, Any]) -> None:
    entry = _first(raw)
    entry["patterns"] = [{"before": "调解纠纷"}, {"after": "纠纷"}]
    patterns = parse_catalogue(raw).by_id["mediation_cases"].patterns
    assert [p.max_gap for p in patterns] == [6, 2]


# ------------------------------------------------------------------------- domains are declared only here

ROOT = Path(__file__).resolve().parent.parent
UI_SOURCES = sorted([ROOT / "dashboard.py", *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").rglob("*.py")])


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes of a module, its classes and functions (prose, not shown on screen)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


@pytest.mark.parametrize("path", UI_SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_ui_names_domains_only_through_the_catalogue(catalogue: Catalogue, path: Path) -> None:
    names_zh = {n for d in catalogue.domains for n in (d.name_zh, d.short_zh) if n}
    names_en = {n for d in catalogue.domains for n in (d.name_en, d.short_en) if n}
    ids = set(catalogue.domain_ids)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            copied = [n for n in names_zh if n in node.value] + [n for n in names_en if n == node.value]
            assert not copied, f"{path.name}:{node.lineno}: domain name {copied} copied from catalogue.yaml"
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            listed = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in ids]
            # A page names the one or two domains it shows; a longer list is a second declaration of them.
            assert len(listed) <= 2, f"{path.name}:{node.lineno}: a list of domains {listed}: use domain_ids()"
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "DOMAINS" for t in node.targets):
            shown = ast.literal_eval(node.value)
            assert set(shown) <= ids, f"{path.name}:{node.lineno}: {shown} are not all catalogue domains"
