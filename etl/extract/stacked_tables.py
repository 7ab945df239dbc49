"""Figures in tables a scrape set one cell to a line: 「省人社厅\\n\\n132\\n\\n118\\n\\n省卫健委\\n\\n7\\n\\n5」.

Pages whose table markup was stripped come out with every cell on a line of its own (often a blank line between
cells): the header cells, then each row's label and its numbers. No cell says its unit, and the row boundaries
are only what the labels show, so the numbers are figures with the unit a caption, a header or the cell itself
states, and otherwise none (""): a unitless figure is counted and shown, never given an indicator (the
catalogue's label patterns are per unit; etl.extract.subjects leaves unitless figures alone).

A run of short lines is a table only when it holds at least MIN_VALUES bare numbers and either two rows (a label,
then numbers) or a header of two cells above them: a page number between two paragraphs, a date line or a
heading list is not one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import chain, pairwise
from typing import NamedTuple

from etl.catalogue.units import NO_UNIT, SCALED_UNITS
from etl.extract.numbers import parse_arabic
from etl.extract.tables import header_unit, table_unit_of
from etl.models import Figure, Sentence

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
BARE_CELL_RE = re.compile(rf"(?P<q_pre>近|约|超)?(?P<num>{_NUMBER})(?P<q>余|多)?(?P<pct>%)?")
# A cell that holds a number with its own unit (「132件」): a value of the row, already a figure of etl.figures.
UNIT_CELL_RE = re.compile(rf"(?:近|约|超)?(?:{_NUMBER})(?:余|多)?[^\d\s]{{1,3}}")
# A cell is short and holds no sentence punctuation; a caption (「表1:…」) or a sentence ends the run.
MAX_CELL_CHARS = 24
CELL_BREAK_RE = re.compile(r"[。;!?:,]")
MIN_VALUES = 3
SERIAL_HEADER_RE = re.compile(r"序号|编号|排名|名次")
YEAR_RE = re.compile(r"(?:19[5-9]\d|20\d\d)")


class Cell(NamedTuple):
    text: str  # stripped
    start: int
    end: int
    is_value: bool  # a bare number or a number with its unit
    is_bare: bool  # a bare number: a figure of this step


def _cell(line: str, offset: int) -> Cell | None:
    """The line as a table cell, or None when it cannot be one (a sentence, a caption, a long line). A scrape may
    close each cell with the pipe of its column (「行政许可 |」, 「0 |」, a row of empty cells 「|||」), and the empty
    cells of its row after it (「0 | ||」)."""
    text = line.strip(" \t\u3000\xa0|")
    if not text:
        return None
    start = offset + line.index(text)
    bare = BARE_CELL_RE.fullmatch(text) is not None
    if not bare and (len(text) > MAX_CELL_CHARS or CELL_BREAK_RE.search(text)):
        return None
    is_value = bare or UNIT_CELL_RE.fullmatch(text) is not None
    return Cell(text, start, start + len(text), is_value, bare)


# A line that is a bare number (BARE_CELL_RE's form, written out for one multiline scan): a text with fewer than
# MIN_VALUES of them holds no stacked table, and most texts are dismissed by this one scan.
_BARE_LINE = rf"[ \t]*(?:近|约|超)?(?:{_NUMBER})(?:余|多)?%?[ \t]*\|?[ \t]*$"
_BARE_LINE_RE = re.compile("^" + _BARE_LINE, re.MULTILINE)
# The same after a line break, the break included: opening with a literal, the scan skips from break to break
# (`^` is tried at every offset). Only the first line needs _BARE_LINE_RE.
_BROKEN_BARE_LINE_RE = re.compile("\n" + _BARE_LINE, re.MULTILINE)


def _runs(folded: str) -> list[tuple[str, list[Cell]]]:
    """Maximal runs of cell lines (blank lines between them allowed), each with the non-blank line above it."""
    bare_lines = chain(filter(None, [_BARE_LINE_RE.match(folded)]), _BROKEN_BARE_LINE_RE.finditer(folded))
    if sum(1 for _ in zip(range(MIN_VALUES), bare_lines, strict=False)) < MIN_VALUES:
        return []
    runs: list[tuple[str, list[Cell]]] = []
    current: list[Cell] = []
    above = ""
    offset = 0
    for line in folded.split("\n"):
        cell = _cell(line, offset)
        offset += len(line) + 1
        if cell is not None:
            if not current:
                runs.append((above, current))
            current.append(cell)
        elif line.strip(" \t|"):  # a row of empty cells (「|||」) is the table's, like a blank line
            current = []
            above = line
    return [(above, cells) for above, cells in runs if sum(c.is_bare for c in cells) >= MIN_VALUES]


def cell_runs(folded: str) -> list[list[Cell]]:
    """The cells of each one-cell-a-line run of the text, in order (etl/extract/table_templates.py reads them)."""
    return [cells for _, cells in _runs(folded)]


def _rows(body: Sequence[Cell]) -> list[list[Cell]]:
    """The body split before each label that follows a value: a row is its label cells, then its values."""
    rows: list[list[Cell]] = [[]]
    for previous, cell in zip([None, *body], body, strict=False):
        if not cell.is_value and previous is not None and previous.is_value:
            rows.append([])
        rows[-1].append(cell)
    return [row for row in rows if row]


def _serials(header: Sequence[Cell], body: Sequence[Cell]) -> set[int]:
    """Starts of the serial numbers (1, 2, 3 …) that open each row under a 序号 header."""
    if not any(SERIAL_HEADER_RE.search(c.text) for c in header):
        return set()
    serials: set[int] = set()
    expected = 1
    for cell, following in zip(body, [*body[1:], None], strict=True):
        if cell.is_bare and cell.text == str(expected) and (following is None or not following.is_value):
            serials.add(cell.start)
            expected += 1
    return serials


def _years(body: Sequence[Cell]) -> set[int]:
    """Starts of year cells: two or more years side by side are a header row (2020 2021), not counts."""
    years: set[int] = set()
    for a, b in pairwise(body):
        if a.is_bare and b.is_bare and YEAR_RE.fullmatch(a.text) and YEAR_RE.fullmatch(b.text):
            years |= {a.start, b.start}
    return years


def _column_units(header: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> list[str | None]:
    """The unit each value column's header names, when every row has as many values as the header has value
    columns (its last cells; the first may name the label column); else none: the columns cannot be told."""
    widths = {sum(c.is_value for c in row) for row in rows if any(c.is_value for c in row)}
    labels_between = any(sum(not c.is_value for c in row) > 1 for row in rows)
    if len(widths) != 1 or labels_between:
        return []
    width = widths.pop()
    if len(header) not in (width, width + 1):
        return []
    return [header_unit(c.text) for c in header[len(header) - width :]]


def stacked_table_figures(
    text: str,
    folded: str,
    sentences: Sequence[Sentence],
    covered: set[int],
) -> list[Figure]:
    """Bare numbers of one-cell-a-line tables, with the unit their cell, column header or caption states."""
    figures: list[Figure] = []
    starts = [s.start for s in sentences]
    for above, cells in _runs(folded):
        first_value = next(i for i, c in enumerate(cells) if c.is_value)
        # Rows with labels below: the cell right above the first number is the first row's label, not header.
        labelled = any(not a.is_value and b.is_value for a, b in pairwise(cells[first_value:]))
        split = first_value - 1 if labelled and first_value else first_value
        header, body = cells[:split], cells[split:]
        skipped = _serials(header, body) | _years(body)
        rows = _rows([c for c in body if c.start not in skipped])
        labelled_rows = sum(1 for row in rows if not row[0].is_value and any(c.is_bare for c in row))
        if labelled_rows < 2 and len(header) < 2:
            continue
        table_unit = next(filter(None, map(table_unit_of, (above, *(c.text for c in header)))), None)
        columns = _column_units(header, rows)
        for row in rows:
            values = [c for c in row if c.is_value]
            label = row[0]
            for column, cell in enumerate(values):
                if not cell.is_bare or cell.start in covered:
                    continue
                match = BARE_CELL_RE.fullmatch(cell.text)
                assert match is not None  # is_bare says it matches
                column_unit = columns[column] if column < len(columns) else None
                unit = "%" if match.group("pct") else (column_unit or table_unit or NO_UNIT)
                multiplier, unit = SCALED_UNITS.get(unit, (1, unit))
                index = bisect_right(starts, cell.start) - 1
                section = sentences[index].section_num if index >= 0 else None
                figures.append(
                    Figure(
                        value=round(parse_arabic(match.group("num")) * multiplier, 6),
                        unit=unit,
                        qualifier=match.group("q") or match.group("q_pre"),
                        text=text[cell.start : cell.end],
                        start=cell.start,
                        end=cell.end,
                        # The row is the figure's sentence: its label and its numbers, what a reader needs.
                        sentence_start=label.start,
                        sentence_end=row[-1].end,
                        section_num=section,
                        unit_as_written=unit,
                    )
                )
    return figures
