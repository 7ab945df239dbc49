"""Declarations: the indicator catalogue, consistency-check rules and the gazetteer of China's divisions,
each declared once in a data file beside its loader.

The indicator catalogue is `catalogue.yaml`: `model` (what it holds), `loader` (reading and validating it) and
`needles` (the literals each pattern's label must contain, which let matching skip most patterns).
"""

from etl.catalogue.loader import (
    DEFAULT_MAX_GAP_AFTER,
    DEFAULT_MAX_GAP_BEFORE,
    KNOWN_UNITS,
    CatalogueError,
    default_catalogue,
    load_catalogue,
    parse_catalogue,
)
from etl.catalogue.model import MAX_GAP_LIMIT, Catalogue, Domain, Indicator, Pattern
from etl.catalogue.needles import required_literals

__all__ = [
    "DEFAULT_MAX_GAP_AFTER",
    "DEFAULT_MAX_GAP_BEFORE",
    "KNOWN_UNITS",
    "MAX_GAP_LIMIT",
    "Catalogue",
    "CatalogueError",
    "Domain",
    "Indicator",
    "Pattern",
    "default_catalogue",
    "load_catalogue",
    "parse_catalogue",
    "required_literals",
]
