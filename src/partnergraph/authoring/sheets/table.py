"""Rows as read from a workbook or made from a graph: the one shape every step works on."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from rdflib.term import Node

from partnergraph.authoring.sheets.layout import Column, SheetSpec

__all__ = ["Row", "SheetData"]


@dataclass
class Row:
    """One row: its number as the spreadsheet shows it and its cells by column key."""

    number: int
    cells: dict[str, str]
    nodes: dict[str, Node] = field(default_factory=dict)
    """Blank nodes to reuse when the row is built (a graph's own periods, when exporting)."""

    def get(self, key: str) -> str:
        return self.cells.get(key, "")


@dataclass
class SheetData:
    """A sheet: which spec it follows, its title in the file, where each column is, its rows."""

    spec: SheetSpec
    title: str
    letters: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    def letter(self, column: Column) -> str:
        if column.key in self.letters:
            return self.letters[column.key]
        index = [c.key for c in self.spec.columns].index(column.key)
        return get_column_letter(index + 1)
