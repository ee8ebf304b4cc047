"""An Oxigraph answer's rows, kept as Oxigraph's terms until something needs rdflib's.

A cold ``query --format csv`` on a large store spent a tenth to a third of a second after the
engine making an rdflib term of every cell and reading its text back to write it (about 0.5
CPU-s for 20,000 rows of six columns). CSV, TSV, SPARQL JSON, Markdown and the terminal table
need only each cell's kind, text, language and datatype, which Oxigraph's terms hold; every other
use gets the rdflib terms, made on first use exactly as before (see
:meth:`partnergraph.io.results.SelectResult.deferred`). Until then rdflib is not even imported
(about 0.15 CPU-s of a cold command's start).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from partnergraph.core.errors import QueryError
from partnergraph.io.results import Cell
from partnergraph.rdf.namespaces import PREFIXES, XSD_STRING

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["OxigraphRows", "cell_converter", "lexical_converter"]


class OxigraphRows:
    """Rows of Oxigraph terms (``None`` where unbound), read whole from the answer: its
    solutions as they are (a term object is made each time a solution is read, so they are
    read once, by the output)."""

    def __init__(self, solutions: Sequence[Sequence[Any]]) -> None:
        self.solutions = solutions

    def __len__(self) -> int:
        return len(self.solutions)

    def terms(self) -> list[tuple[Node | None, ...]]:
        from partnergraph.rdf.terms import converter  # late: rdflib only when terms are made

        convert = converter()
        try:
            return [tuple(map(convert, row)) for row in self.solutions]
        except ValueError as exc:  # a language tag rdflib refuses, as when read eagerly
            raise QueryError.of("sparql.engine", why=exc) from None

    def texts(self) -> list[list[str]]:
        text = lexical_converter()
        return [list(map(text, row)) for row in self.solutions]

    def cells(self) -> list[list[Cell | None]]:
        cell = cell_converter()
        return [list(map(cell, row)) for row in self.solutions]

    def with_texts(self, columns: Mapping[int, Callable[[str], str | None]]) -> OxigraphRows:
        literal = ox.Literal
        rows: list[tuple[Any, ...]] = []
        for row in self.solutions:
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
    each cell. Each distinct term is looked at once; the common kinds here, the rest as
    :func:`cell_converter` gives them (one owner for the text of a typed literal)."""
    cell = cell_converter()
    memo: dict[Any, str] = {}
    named, literal_kind, blank = ox.NamedNode, ox.Literal, ox.BlankNode

    def text(term: Any) -> str:
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
        else:
            made = cell(term)
            assert made is not None
            found = made.lexical
        memo[term] = found
        return found

    return text


def cell_converter() -> Callable[[Any], Cell | None]:
    """Oxigraph's terms as cells (:class:`~partnergraph.io.results.Cell`), exactly as the rdflib
    terms they stand for would give them. IRIs, blank nodes and strings (with or without a
    language tag) are their own text; a literal of any other datatype goes through rdflib once,
    so its text is rdflib's normalised one as before. Each distinct term is looked at once."""
    memo: dict[Any, Cell] = {}
    named, literal_kind, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    convert: Callable[[Any], Node | None] | None = None

    def cell(term: Any) -> Cell | None:
        nonlocal convert
        if term is None:
            return None
        found = memo.get(term)
        if found is not None:
            return found
        kind = type(term)
        if kind is named:
            found = Cell("uri", term.value)
        elif kind is blank:
            found = Cell("bnode", term.value)
        elif kind is literal_kind and term.language:
            found = Cell("literal", term.value, term.language)
        elif kind is literal_kind and term.datatype.value == XSD_STRING:
            found = Cell("literal", term.value)
        elif kind is literal_kind and _as_written(term.datatype.value, term.value):
            found = Cell("literal", term.value, None, term.datatype.value)
        elif kind is literal_kind:  # rdflib's normalised lexical form, as before
            if convert is None:
                from partnergraph.rdf.terms import converter  # late: rdflib for typed literals

                convert = converter()
            found = Cell("literal", str(convert(term)), None, term.datatype.value)
        else:
            raise TypeError(f"cannot render a {kind.__name__} as a result value")
        memo[term] = found
        return found

    return cell


_CANONICAL = {
    PREFIXES["xsd"] + name: re.compile(pattern)
    for name, pattern in (
        ("integer", r"-?[1-9][0-9]*|0"),
        ("date", r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        ("gYear", r"[0-9]{4}"),
        ("gYearMonth", r"[0-9]{4}-[0-9]{2}"),
        ("boolean", r"true|false"),
    )
}
"""Lexical forms rdflib writes back as they are (``007`` becomes ``7``, ``1`` becomes ``true``,
a date's time zone is dropped): the typed literals of the data, such as counts and dates, then
need no rdflib (``tests/test_engine_rows.py`` checks these against rdflib itself)."""


def _as_written(datatype: str, text: str) -> bool:
    canonical = _CANONICAL.get(datatype)
    return canonical is not None and canonical.fullmatch(text) is not None
