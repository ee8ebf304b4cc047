"""An Oxigraph answer's rows, kept as Oxigraph's terms until something needs rdflib's.

A cold ``query --format csv`` on a large store spent a tenth to a third of a second after the
engine making an rdflib term of every cell and reading its text back to write it (about 0.5
CPU-s for 20,000 rows of six columns). CSV and TSV need only the text, which Oxigraph's terms
hold; every other use gets the rdflib terms, made on first use exactly as before (see
:meth:`partnergraph.io.results.SelectResult.deferred`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib.term import Node

from partnergraph.core.errors import QueryError
from partnergraph.rdf.terms import converter, lexical_converter

__all__ = ["OxigraphRows"]


class OxigraphRows:
    """Rows of Oxigraph terms (``None`` where unbound), read whole from the answer: its
    solutions as they are (a term object is made each time a solution is read, so they are
    read once, by the output)."""

    def __init__(self, cells: Sequence[Sequence[Any]]) -> None:
        self.cells = cells

    def __len__(self) -> int:
        return len(self.cells)

    def terms(self) -> list[tuple[Node | None, ...]]:
        convert = converter()
        try:
            return [tuple(map(convert, row)) for row in self.cells]
        except ValueError as exc:  # a language tag rdflib refuses, as when read eagerly
            raise QueryError.of("sparql.engine", why=exc) from None

    def texts(self) -> list[list[str]]:
        text = lexical_converter()
        return [list(map(text, row)) for row in self.cells]

    def with_texts(self, columns: Mapping[int, Callable[[str], str | None]]) -> OxigraphRows:
        literal = ox.Literal
        rows: list[tuple[Any, ...]] = []
        for row in self.cells:
            cells = list(row)
            for index, settle in columns.items():
                cell = cells[index]
                if type(cell) is literal:
                    made = settle(cell.value)
                    cells[index] = None if made is None else literal(made)
            rows.append(tuple(cells))
        return OxigraphRows(rows)
