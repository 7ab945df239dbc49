"""`python -m etl review [--db FILE] [--json]`: every stored report's review as a table, or one JSON object per
report (the fields are `Scorecard.to_json`). An unreadable database is one `ERROR <file>: <problem>` line, exit 1."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from etl import config
from etl.review.inputs import review_rows
from etl.review.rules import ReviewRulesError, default_rules
from etl.review.scorecard import Scorecard
from etl.store.reading import StoreReadError, read_review_inputs

COLUMNS = ("region", "level", "year", "on_time", "parts_found", "core_stated", "figures_per_1000_chars")


def _on_time(card: Scorecard) -> str:
    return {True: "yes", False: "LATE", None: "unknown"}[card.published_on_time]


def _parts(card: Scorecard) -> str:
    if card.not_judged:
        return f"{card.parts_found}/{len(card.parts)} ({card.not_judged}: parts not judged)"
    return f"{card.parts_found}/{len(card.parts)}"


def table_rows(cards: Sequence[Scorecard]) -> list[tuple[str, ...]]:
    return [(card.region, card.admin_level or "", card.year_label, _on_time(card), _parts(card),
             f"{card.core_indicators_stated}/{card.core_indicators_total}",
             "" if card.figures_per_1000_chars is None else f"{card.figures_per_1000_chars:.1f}")
            for card in cards]


def print_table(cards: Sequence[Scorecard], out: TextIO) -> None:
    rows = [COLUMNS, *table_rows(cards)]
    # Chinese characters take two columns in a terminal.
    def width(text: str) -> int:
        return sum(2 if "\u3400" <= ch <= "\u9fff" else 1 for ch in text)

    widths = [max(width(row[n]) for row in rows) for n in range(len(COLUMNS))]
    for row in rows:
        out.write("  ".join(cell + " " * (widths[n] - width(cell)) for n, cell in enumerate(row)).rstrip() + "\n")


def cmd_review(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else config.db_path()
    try:
        rules = default_rules()
        inputs = read_review_inputs(db_path, rules.core_indicators)
    except (StoreReadError, ReviewRulesError) as error:
        print(f"ERROR {error}", file=sys.stderr)
        return 1
    cards = review_rows(inputs.reports, inputs.headings, inputs.core_values, rules)
    if args.json:
        for card in cards:
            print(json.dumps(card.to_json(), ensure_ascii=False))
    else:
        print_table(cards, sys.stdout)
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser("review", help="every stored report reviewed: parts, deadline, core indicators")
    review.add_argument("--db", help="database file (default: $DASHBOARD_DB or data/dashboard.duckdb)")
    review.add_argument("--json", action="store_true", help="one JSON object per report, one per line")
    review.set_defaults(func=cmd_review)
