"""An Oxigraph answer's rows, kept as Oxigraph's terms until something needs rdflib's.

A cold ``query --format csv`` on a large store spent a tenth to a third of a second after the
engine making an rdflib term of every cell and reading its text back to write it (about 0.5
CPU-s for 20,000 rows of six columns). CSV and TSV need only the text, which Oxigraph's terms
hold; every other use gets the rdflib terms, made on first use exactly as before (see
:meth:`partnergraph.io.results.SelectResult.deferred`). Until then rdflib is not even imported
(about 0.15 CPU-s of a cold command's start).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from partnergraph.core.errors import QueryError
from partnergraph.rdf.namespaces import XSD_STRING

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["OxigraphRows", "lexical_converter"]


class OxigraphRows:
    """Rows of Oxigraph terms (``None`` where unbound), read whole from the answer: its
    solutions as they are (a term object is made each time a solution is read, so they are
    read once, by the output)."""

    def __init__(self, cells: Sequence[Sequence[Any]]) -> None:
        self.cells = cells

    def __len__(self) -> int:
        return len(self.cells)

    def terms(self) -> list[tuple[Node | None, ...]]:
        from partnergraph.rdf.terms import converter  # late: rdflib only when terms are made

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


def lexical_converter() -> Callable[[Any], str]:
    """Oxigraph's terms as the text ``str()`` of their rdflib terms gives (``_:`` before a
    blank node's id, ``""`` for ``None``): what CSV and TSV write, without an rdflib term for
    each cell. IRIs, blank nodes and strings (with or without a language tag) are their own
    text; a literal of any other datatype goes through rdflib once, so its text is rdflib's
    normalised one exactly as before. Each distinct term is looked at once.
    """
    memo: dict[Any, str] = {}
    named, literal_kind, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    convert: Callable[[Any], Node | None] | None = None

    def text(term: Any) -> str:
        nonlocal convert
        found = memo.get(term)
        if found is not None:
            return found
        if term is None:
            return ""
        kind = type(term)
        if kind is named:
            found = term.value
        elif kind is blank:
            found = "_:" + term.value
        elif kind is literal_kind and (term.language or term.datatype.value == XSD_STRING):
            found = term.value
        else:  # other datatypes: rdflib's normalised lexical form, as before
            if convert is None:
                from partnergraph.rdf.terms import converter  # late: rdflib for typed literals

                convert = converter()
            found = str(convert(term))
        memo[term] = found
        return found

    return text
