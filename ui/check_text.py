"""Checks worded for a reader: name and detail in the dashboard's language, from the rule id, the indicators'
names and the values the rule compared (`checks.params`, JSON). Pure, no streamlit.

The stored `detail` is English for the CLI and the load log; it is shown only for checks stored before `params`
existed (parser < 1.2.0), whose values the dashboard cannot word otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from etl.catalogue import default_catalogue
from ui.format import format_value
from ui.i18n import join_list, t

ORDERING_MARK = "_le_"  # rule ids "<smaller>_le_<larger>" (etl/extract/checks.py)


@cache
def _indicators() -> Mapping[str, Any]:
    return default_catalogue().by_id


def _name(indicator_id: object, lang: str) -> str:
    found = _indicators().get(str(indicator_id))
    if found is None:
        return str(indicator_id or "")
    return str(found.name_en if lang == "en" else found.name_zh)


def _value(value: object, indicator_id: object, lang: str) -> str:
    found = _indicators().get(str(indicator_id))
    unit = found.unit if found is not None else ""
    return format_value(float(value), unit, lang) if isinstance(value, int | float) else str(value)


def params_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The values a stored check compared; {} when it has none (or they cannot be read)."""
    raw = row.get("params")
    if isinstance(raw, Mapping):
        return dict(raw)
    if not isinstance(raw, str) or not raw:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def check_name(row: Mapping[str, Any], lang: str) -> str:
    """What a check tests, in `lang`: "比率与件数相符:调解成功率" / "Rate matches the counts: Mediation success
    rate"."""
    rule = str(row.get("rule") or "")
    indicator = row.get("indicator_id")
    if rule == "rate_matches_counts":
        return t("check.rate_matches_counts", lang, rate=_name(indicator, lang))
    if ORDERING_MARK in rule:
        smaller, _, larger = rule.partition(ORDERING_MARK)
        return t("check.ordering", lang, smaller=_name(smaller, lang), larger=_name(larger, lang))
    if rule == "percentage_in_range":
        return t("check.percentage_in_range", lang)
    if rule == "stated_once_consistently":
        return t("check.stated_once_consistently", lang, indicator=_name(indicator, lang))
    if rule == "parts_within_total":
        return t("check.parts_within_total", lang, indicator=_name(indicator, lang))
    return rule


def check_detail(row: Mapping[str, Any], lang: str) -> str:
    """The values behind a check's result, in `lang`; the stored English detail for a check without params."""
    params = params_of(row)
    rule = str(row.get("rule") or "")
    indicator = row.get("indicator_id")
    if not params:
        return str(row.get("detail") or "")
    if rule == "rate_matches_counts":
        numerator_id, denominator_id = params.get("numerator_id"), params.get("denominator_id")
        text = t(
            "check.rate_detail", lang, stated=_value(params.get("stated"), indicator, lang),
            numerator_name=_name(numerator_id, lang), numerator=_value(params.get("numerator"), numerator_id, lang),
            denominator_name=_name(denominator_id, lang),
            denominator=_value(params.get("denominator"), denominator_id, lang),
            computed=format_value(float(params.get("computed") or 0), "%", lang),
        )
        return text + ("" if row.get("is_ok") else t("check.rate_gap", lang, gap=params.get("gap")))
    if ORDERING_MARK in rule:
        larger_id = params.get("larger_id") or rule.partition(ORDERING_MARK)[2]
        return t(
            "check.ordering_detail", lang, smaller=_name(indicator, lang),
            small=_value(params.get("smaller"), indicator, lang), sign="≤" if row.get("is_ok") else ">",
            larger=_name(larger_id, lang), large=_value(params.get("larger"), larger_id, lang),
        )
    if rule == "percentage_in_range":
        if "count" in params:
            return t("check.percent_ok", lang, count=params["count"])
        return t("check.percent_bad", lang, text=params.get("text", ""))
    if rule == "stated_once_consistently":
        texts = str(params.get("texts", ""))
        if lang == "en":  # the figures stay as written; only the list around them is English
            texts = join_list(texts.split("、"), lang)
        return t("check.stated_once_detail", lang, indicator=_name(indicator, lang), texts=texts)
    if rule == "parts_within_total":
        texts = str(params.get("texts", ""))
        if lang == "en":
            texts = join_list(texts.split("、"), lang)
        return t("check.parts_detail", lang, texts=texts, parts=_value(params.get("parts"), indicator, lang),
                 sign="≤" if row.get("is_ok") else ">", total=str(params.get("total_text", "")))
    return str(row.get("detail") or "")
