"""Figures in table rows whose unit stands in a header ("数量(件)", "单位:万元") rather than after the number.

Readers render table rows as tab-separated cells, one row per line. Cells that carry their own unit
("5169件") are already figures for etl.figures; this step adds the bare numbers the headers explain.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from etl.catalogue.units import NO_UNIT, SCALED_UNITS, WRITTEN_UNITS
from etl.extract.numbers import parse_arabic
from etl.models import Figure, Sentence

CELL_SEP_RE = re.compile(r"\t|\s*\|\s*")
_UNIT_ALT = "|".join(re.escape(u) for u in sorted({*WRITTEN_UNITS, *SCALED_UNITS}, key=len, reverse=True))
HEADER_UNIT_RE = re.compile(rf"[(（](?:(?:计量)?单位[:：]\s*)?(?P<unit>{_UNIT_ALT})[)）]")
# A table's unit stated once, in its caption, above it or in its header row: 「表1 2022年行政复议案件情况(单位:件)」,
# 「单位:万元」, 「表2 行政应诉案件(件)」.
TABLE_UNIT_RE = re.compile(
    rf"(?:计量)?单位[:：]\s*(?P<unit>{_UNIT_ALT})(?![\u4e00-\u9fff])"
    rf"|^表\s*\d+[^\t。;]*[(（](?P<caption_unit>{_UNIT_ALT})[)）]\s*$"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMERIC_CELL_RE = re.compile(rf"(?P<q_pre>近|约|超)?(?P<num>{_NUMBER})(?P<q>余|多)?(?P<pct>%)?")
SERIAL_HEADER_RE = re.compile(r"序号|编号|排名|名次|年份|年度|代码|电话")
# A row of a table set with spaces (a scraped page or a PDF: the normaliser leaves one space between cells):
# a label, then nothing but numbers. A sentence has punctuation and words between its numbers.
_SPACE_NUMBER = rf"(?:近|约|超)?(?:{_NUMBER})(?:余|多)?%?"
SPACE_ROW_RE = re.compile(rf"(?P<label>[^\d\s,。;:!?、][^\t|,。;!?]*?)(?P<numbers>(?: {_SPACE_NUMBER})+)")
# Rows of numbers a table needs before its cells count as figures when nothing states their unit.
MIN_UNITLESS_ROWS = 2
SPACE_HEADER_RE = re.compile(r"[^\s,。;!?、]+(?: [^\s,。;!?、]+)+")


def _cells(line: str, offset: int) -> list[tuple[str, int]]:
    """(cell text, start offset) for each cell of a table row."""
    cells: list[tuple[str, int]] = []
    pos = 0
    for match in CELL_SEP_RE.finditer(line):
        cells.append((line[pos : match.start()], offset + pos))
        pos = match.end()
    cells.append((line[pos:], offset + pos))
    return cells


def _space_cells(line: str, offset: int) -> list[tuple[str, int]] | None:
    """The label and number cells of a space-set row, or None when the line is not one."""
    match = SPACE_ROW_RE.fullmatch(line)
    if match is None:
        return None
    cells = [(match.group("label"), offset)]
    pos = match.start("numbers")
    for token in match.group("numbers").split(" ")[1:]:
        pos += 1
        cells.append((token, offset + pos))
        pos += len(token)
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


def _table_rows(folded: str) -> list[tuple[int, str, list[tuple[str, int]] | None]]:
    """(offset, line, cells) per line; cells None for a line outside any table. A space-set header counts as a
    row only above a space-set row, so that a line of words is never taken for one."""
    lines = _row_lines(folded)
    rows: list[tuple[int, str, list[tuple[str, int]] | None]] = []
    for index, (offset, line) in enumerate(lines):
        if _is_row(line):
            rows.append((offset, line, _cells(line, offset)))
            continue
        has_space = " " in line  # both space-set forms need one: most lines are settled without a regex
        cells = _space_cells(line, offset) if has_space else None
        if cells is None and has_space and SPACE_HEADER_RE.fullmatch(line) and index + 1 < len(lines):
            below = lines[index + 1]
            if not _is_row(below[1]) and _space_cells(below[1], below[0]) is not None:
                cells = [(token, 0) for token in line.split(" ")]
        rows.append((offset, line, cells))
    return rows


def header_unit(header: str | None) -> str | None:
    if not header:
        return None
    match = HEADER_UNIT_RE.search(header)
    return match.group("unit") if match else None


def table_unit_of(line: str) -> str | None:
    match = TABLE_UNIT_RE.search(line.strip())
    return (match.group("unit") or match.group("caption_unit")) if match else None


def _aligned(header: list[str], cells: list[tuple[str, int]], line: str) -> list[str]:
    """Column headers for the cells of a row: by position, or from the right for a space-set row (its header
    may name the label column or not)."""
    if _is_row(line) or len(header) == len(cells):
        return header
    if len(header) > len(cells):
        return header[len(header) - len(cells) :]
    return [""] * (len(cells) - len(header)) + header


def extract_table_figures(
    text: str, folded: str, sentences: Sequence[Sentence], taken: Sequence[Figure] = ()
) -> tuple[Figure, ...]:
    """Bare numbers in table cells, with the unit their column header, row label or table caption states; in a
    table that states none, with no unit ("") when it has at least MIN_UNITLESS_ROWS rows of numbers."""
    covered = {i for f in taken for i in range(f.start, f.end)}
    sentence_at = {s.start: s for s in sentences}
    figures: list[Figure] = []
    unitless: list[tuple[int, Figure]] = []  # (table, figure): kept once the table shows enough rows
    numeric_rows: dict[int, int] = defaultdict(int)
    table = 0
    header: list[str] | None = None
    table_unit: str | None = None
    previous_line = ""
    for offset, line, row_cells in _table_rows(folded):
        if row_cells is None:
            header = None
            if line.strip():  # a caption may stand a blank line above its table
                previous_line = line
            continue
        cells = row_cells
        has_numbers = any(NUMERIC_CELL_RE.fullmatch(c.strip()) for c, _ in cells[1:])
        if header is not None and not has_numbers:
            header = [c for c, _ in cells]  # a new header row inside the same block starts a new table
            table += 1
            continue
        if header is None:
            header = [c for c, _ in cells]
            table += 1
            table_unit = table_unit_of(previous_line) or table_unit_of(line)
            previous_line = ""  # a caption belongs to the one table below it
            continue
        numeric_rows[table] += has_numbers
        column_headers = _aligned(header, cells, line)
        row_unit = header_unit(cells[0][0])
        for column, (cell, start) in enumerate(cells):
            if column == 0:
                continue
            stripped = cell.strip()
            match = NUMERIC_CELL_RE.fullmatch(stripped)
            column_header = column_headers[column] if column < len(column_headers) else None
            if not match or (column_header and SERIAL_HEADER_RE.search(column_header)):
                continue
            unit = "%" if match.group("pct") else (header_unit(column_header) or row_unit or table_unit)
            cell_start = start + cell.index(stripped)
            if cell_start in covered:
                continue
            multiplier, unit = SCALED_UNITS.get(unit or NO_UNIT, (1, unit or NO_UNIT))
            sentence = sentence_at.get(offset) or next(
                (s for s in sentences if s.start <= cell_start < s.end), Sentence(offset, offset + len(line), None)
            )
            figure = Figure.in_sentence(
                sentence, text, cell_start, cell_start + len(stripped),
                round(parse_arabic(match.group("num")) * multiplier, 6), unit,
                match.group("q") or match.group("q_pre"), unit_as_written=unit,
            )
            if unit:
                figures.append(figure)
            else:
                unitless.append((table, figure))
    # A lone row of numbers under a line of words may be a sentence set with tabs or spaces; rows are a table.
    figures += [f for t, f in unitless if numeric_rows[t] >= MIN_UNITLESS_ROWS]
    return tuple(sorted(figures, key=lambda f: f.start))
