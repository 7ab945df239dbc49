"""The report review (issue 18): is each report complete, on time and forthcoming, and where does it stand among its
peers. Pure steps, no database: `rules` reads etl/catalogue/review.yaml, `scorecard` reviews one report, `peers`
ranks values among the reports of the same admin level and year, `inputs` turns stored rows into the facts
`scorecard` reads. The queries are in etl/store/queries.py (`review_*`, `peer_*`)."""

from etl.review.inputs import facts_from_rows, review_rows
from etl.review.peers import PeerRank, indicator_ranks, score_ranks
from etl.review.rules import PART_IDS, ReviewRules, ReviewRulesError, default_rules, load_rules, parse_rules
from etl.review.scorecard import (
    MET,
    NOT_JUDGED,
    NOT_MET,
    UNKNOWN,
    Heading,
    PartFinding,
    ReportFacts,
    Scorecard,
    review_report,
)

__all__ = [
    "MET",
    "NOT_JUDGED",
    "NOT_MET",
    "PART_IDS",
    "UNKNOWN",
    "Heading",
    "PartFinding",
    "PeerRank",
    "ReportFacts",
    "ReviewRules",
    "ReviewRulesError",
    "Scorecard",
    "default_rules",
    "facts_from_rows",
    "indicator_ranks",
    "load_rules",
    "parse_rules",
    "review_report",
    "review_rows",
    "score_ranks",
]
