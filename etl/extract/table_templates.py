"""Cells of the tables a kind of report always states in one prescribed form (etl/catalogue/table_templates.yaml):
the FOI annual report's 「规章 | 本年制发件数」 is gov_rules_enacted in every such report in the country.

A scrape sets those tables one cell to a line (etl/extract/stacked_tables.py finds the runs). Read in order, a
template's sub-table is its header word (信息内容), the column headers, then rows: a label and one value per
column. A value's indicator is its row's and its column's, where the template declares that pair. Pure: the
folded text in, the declared cells found out, by their offset in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from etl.extract.stacked_tables import Cell, cell_runs

TEMPLATES_PATH = Path(__file__).resolve().parent.parent / "catalogue" / "table_templates.yaml"


@dataclass(frozen=True)
class TemplateCell:
    """One declared cell: a row (its label matched by `row`) under a column id, and what its value is."""

    row: re.Pattern[str]
    column: str
    indicator_id: str
    unit: str


@dataclass(frozen=True)
class Template:
    template_id: str
    name_zh: str
    name_en: str
    header: str  # the word every sub-table's column headers stand after
    columns: Mapping[str, re.Pattern[str]]  # column id → what its header says
    cells: tuple[TemplateCell, ...]


@dataclass(frozen=True)
class TableCellReading:
    """A value cell of a template's table that the template names: its indicator, unit, and why."""

    start: int  # the value's offset in the text
    indicator_id: str
    unit: str
    template_id: str
    row_label: str
    column_header: str

    @property
    def rule(self) -> str:
        """The assignment rule stored with the figure (ui/why.py words it)."""
        return f"table={self.template_id}; row={self.row_label}; column={self.column_header}"


@lru_cache(maxsize=4)
def load_templates(path: Path = TEMPLATES_PATH) -> tuple[Template, ...]:
    with path.open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)["templates"]
    templates = []
    for raw in spec:
        columns = {column_id: re.compile(words) for column_id, words in raw["columns"].items()}
        cells = tuple(
            TemplateCell(re.compile(c["row"]), c["column"], c["indicator"], c["unit"]) for c in raw["cells"]
        )
        unknown = sorted({c.column for c in cells} - set(columns))
        if unknown:
            raise ValueError(f"{path.name}: template {raw['template_id']} names undeclared columns {unknown}")
        templates.append(
            Template(raw["template_id"], raw["name_zh"], raw["name_en"], raw["header"], MappingProxyType(columns),
                     cells)
        )
    return tuple(templates)


def template_of(template_id: str) -> Template | None:
    return next((t for t in load_templates() if t.template_id == template_id), None)


def _columns(template: Template, header_cells: Sequence[Cell]) -> list[tuple[str, str]]:
    """(column id, header as written) of each column, in order, found in the header cells joined (a scrape splits
    「本年新」「制作数量」); a header word the template does not know leaves the columns unknown (empty)."""
    joined = "".join(c.text.strip("| ") for c in header_cells)
    found: list[tuple[int, int, str]] = []
    for column_id, words in template.columns.items():
        found += [(m.start(), m.end(), column_id) for m in words.finditer(joined)]
    found.sort()
    position = 0
    columns: list[tuple[str, str]] = []
    for start, end, column_id in found:
        if start < position:
            continue  # overlapping readings: the first one stands
        if joined[position:start].strip():
            return []  # words between the columns the template does not declare: which column is which is unknown
        columns.append((column_id, joined[start:end]))
        position = end
    return columns if not joined[position:].strip() else []


def _sub_tables(template: Template, cells: Sequence[Cell]) -> Iterator[tuple[list[tuple[str, str]], list[Cell]]]:
    """(columns, the cells under them) of each sub-table: a header word, its column headers, then its rows, up to
    the next header word. The last label before a value is the first row's, not a header."""
    opens = [i for i, c in enumerate(cells) if c.text.strip("| ") == template.header]
    for number, start in enumerate(opens):
        stop = opens[number + 1] if number + 1 < len(opens) else len(cells)
        first_value = next((i for i in range(start + 1, stop) if cells[i].is_value), None)
        if first_value is None or first_value - 1 <= start + 1:
            continue
        yield _columns(template, cells[start + 1 : first_value - 1]), list(cells[first_value - 1 : stop])


def _rows(cells: Sequence[Cell]) -> Iterator[tuple[Cell, list[Cell]]]:
    """(label, its values) of each row: a label cell directly followed by value cells."""
    label: Cell | None = None
    values: list[Cell] = []
    for cell in cells:
        if cell.is_value:
            values.append(cell)
            continue
        if label is not None and values:
            yield label, values
        label, values = cell, []
    if label is not None and values:
        yield label, values


def template_cells(folded: str) -> dict[int, TableCellReading]:
    """The declared cells of every template table in the text, by their value's offset."""
    found: dict[int, TableCellReading] = {}
    templates = load_templates()
    if not any(t.header in folded for t in templates):
        return found  # most texts: one substring test
    for cells in cell_runs(folded):
        for template in templates:
            for columns, body in _sub_tables(template, cells):
                if not columns:
                    continue
                for label, values in _rows(body):
                    if len(values) != len(columns) or not all(v.is_bare for v in values):
                        continue  # a lost or extra cell: which value is which column is unknown
                    row = label.text.strip("| ")
                    for (column_id, header), value in zip(columns, values, strict=True):
                        cell = next((c for c in template.cells if c.column == column_id and c.row.search(row)), None)
                        if cell is not None:
                            found[value.start] = TableCellReading(
                                value.start, cell.indicator_id, cell.unit, template.template_id, row, header
                            )
    return found
