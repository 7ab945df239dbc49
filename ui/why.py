"""Why a figure has its indicator, in the reader's language: the stored rule (figures.assignment_rule, written by
etl.extract.assignment.rule_text) worded for the explorer, the chart hover and the upload review."""

from __future__ import annotations

from etl.extract.table_templates import template_of
from etl.models import NEEDS_REVIEW
from ui.i18n import t

MAX_LABEL_CHARS = 24  # a reach-back label can span a clause; the words next to the figure are what matter
CORRECTED_BY_PERSON = ("confirmed", "corrected", "rejected")


def parse_rule(rule: object) -> dict[str, str]:
    """`pattern=…; label=…; act=…; scope=…` → its parts (an empty mapping for no rule: None, NaN from a frame)."""
    if not isinstance(rule, str) or not rule:
        return {}
    parts: dict[str, str] = {}
    for piece in rule.split("; "):
        key, sep, value = piece.partition("=")
        if sep:
            parts[key.strip()] = value
    return parts


def _quoted(words: str) -> str:
    words = words.strip()
    if len(words) > MAX_LABEL_CHARS:
        words = "…" + words[-(MAX_LABEL_CHARS - 1) :]
    return f"「{words}」"


def why_text(rule: object, lang: str, status: object = None, reason: object = None) -> str:
    """One line: the label matched and the catalogue pattern, the act verb that moved it, where its scope came
    from, and why it waits for review (`reason`, a doubt code of etl/extract/doubts.py); a person's decision says
    so instead. Empty when the figure has no indicator and nobody decided.
    `rule`, `status` and `reason` are taken as a query row gives them (None or NaN when missing)."""
    if isinstance(status, str) and status in CORRECTED_BY_PERSON:
        return t(f"why.by_person.{status}", lang)
    parts = parse_rule(rule)
    if not parts:
        return ""
    pattern = parts.get("pattern", "")
    if parts.get("table"):  # a prescribed table's cell (etl/extract/table_templates.py): its row and column say it
        template = template_of(parts["table"])
        name = (template.name_en if lang == "en" else template.name_zh) if template else parts["table"]
        pieces = [t("why.table", lang, table=name, row=_quoted(parts.get("row", "")),
                    column=_quoted(parts.get("column", "")))]
    elif pattern == "subject":  # no label pattern: the clause's act, its subject inherited (etl/extract/subjects.py)
        pieces = [t("why.clause", lang, label=_quoted(parts.get("label", "")))]
    else:
        pieces = [t("why.label", lang, label=_quoted(parts.get("label", "")), pattern=pattern)]
    if parts.get("act"):
        pieces.append(t("why.act", lang, verb=_quoted(parts["act"])))
    if parts.get("scope"):
        where, _, words = parts["scope"].partition(":")
        pieces.append(t(f"why.scope.{where}", lang, words=_quoted(words)))
    if status == NEEDS_REVIEW and isinstance(reason, str) and reason:
        pieces.append(t("why.review", lang, reason=t(f"doubt.{reason}", lang)))
    return " · ".join(pieces)
