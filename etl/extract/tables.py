"""Figures in table rows whose unit stands in a header ("数量(件)", "单位:万元") rather than after the number.

Readers render table rows as tab-separated cells, one row per line. Cells that carry their own unit
("5169件") are already figures for etl.figures; this step adds the bare numbers the headers explain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl.catalogue.units import SCALED_UNITS, WRITTEN_UNITS
from etl.extract.numbers import parse_arabic
from etl.models import Figure, Sentence

CELL_SEP_RE = re.compile(r"\t|\s*\|\s*")
_UNIT_ALT = "|".join(re.escape(u) for u in sorted({*WRITTEN_UNITS, *SCALED_UNITS}, key=len, reverse=True))
HEADER_UNIT_RE = re.compile(rf"[(（](?:单位[:：]\s*)?(?P<unit>{_UNIT_ALT})[)）]")
TABLE_UNIT_RE = re.compile(rf"单位[:：]\s*(?P<unit>{_UNIT_ALT})\s*[)）]?\s*$")
NUMERIC_CELL_RE = re.compile(
    r"(?P<q_pre>近|约|超)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<q>余|多)?(?P<pct>%)?"
)
SERIAL_HEADER_RE = re.compile(r"序号|编号|排名|名次|年份|年度|代码|电话")


def _cells(line: str, offset: int) -> list[tuple[str, int]]:
    """(cell text, start offset) for each cell of a table row."""
    cells: list[tuple[str, int]] = []
    pos = 0
    for match in CELL_SEP_RE.finditer(line):
        cells.append((line[pos : match.start()], offset + pos))
        pos = match.end()
    cells.append((line[pos:], offset + pos))
    return cells


def _is_row(line: str) -> bool:
    return "\t" in line or line.count("|") >= 2


def _row_lines(folded: str) -> list[tuple[int, str]]:
    rows: list[tuple[int, str]] = []
    offset = 0
    for line in folded.split("\n"):
        rows.append((offset, line))
        offset += len(line) + 1
    return rows


def _unit_of(header: str | None) -> str | None:
    if not header:
        return None
    match = HEADER_UNIT_RE.search(header)
    return match.group("unit") if match else None


def extract_table_figures(
    text: str, folded: str, sentences: Sequence[Sentence], taken: Sequence[Figure] = ()
) -> tuple[Figure, ...]:
    """Bare numbers in table cells whose column header, row label or table caption states the unit."""
    covered = {i for f in taken for i in range(f.start, f.end)}
    sentence_at = {s.start: s for s in sentences}
    figures: list[Figure] = []
    lines = _row_lines(folded)
    header: list[str] | None = None
    table_unit: str | None = None
    previous_line = ""
    for offset, line in lines:
        if not _is_row(line):
            header, previous_line = None, line
            continue
        cells = _cells(line, offset)
        has_numbers = any(NUMERIC_CELL_RE.fullmatch(c.strip()) for c, _ in cells[1:])
        if header is not None and not has_numbers:
            header = [c for c, _ in cells]  # a new header row inside the same block starts a new table
            continue
        if header is None:
            header = [c for c, _ in cells]
            caption = TABLE_UNIT_RE.search(previous_line.strip())
            table_unit = caption.group("unit") if caption else None
            caption_in_row = TABLE_UNIT_RE.search(line.strip())
            table_unit = table_unit or (caption_in_row.group("unit") if caption_in_row else None)
            continue
        row_unit = _unit_of(cells[0][0])
        for column, (cell, start) in enumerate(cells):
            if column == 0:
                continue
            stripped = cell.strip()
            match = NUMERIC_CELL_RE.fullmatch(stripped)
            column_header = header[column] if column < len(header) else None
            if not match or (column_header and SERIAL_HEADER_RE.search(column_header)):
                continue
            unit = "%" if match.group("pct") else (_unit_of(column_header) or row_unit or table_unit)
            cell_start = start + cell.index(stripped)
            if not unit or cell_start in covered:
                continue
            multiplier, unit = SCALED_UNITS.get(unit, (1, unit))
            sentence = sentence_at.get(offset) or next(
                (s for s in sentences if s.start <= cell_start < s.end), Sentence(offset, offset + len(line), None)
            )
            figures.append(
                Figure(
                    value=round(parse_arabic(match.group("num")) * multiplier, 6),
                    unit=unit,
                    qualifier=match.group("q") or match.group("q_pre"),
                    text=text[cell_start : cell_start + len(stripped)],
                    start=cell_start,
                    end=cell_start + len(stripped),
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    section_num=sentence.section_num,
                    is_unit_inferred=False,
                    unit_as_written=unit,
                )
            )
    return tuple(figures)
