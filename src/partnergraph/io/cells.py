"""A result cell, an rdflib term, as the text or the Python value an output needs.

Kept apart from :mod:`partnergraph.io.results` because these read rdflib's terms, and importing
rdflib costs a cold command about 0.15 CPU-s that an answer written as text never needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from partnergraph.rdf.dates import MONTHS

__all__ = [
    "INTEGER_TYPES",
    "excel_cell",
    "is_iri",
    "lexical",
    "python_value",
    "typed",
]

_INTEGER_NAMES = (
    "integer int long short byte nonNegativeInteger positiveInteger negativeInteger "
    "nonPositiveInteger unsignedInt unsignedLong unsignedShort unsignedByte"
)
INTEGER_TYPES = frozenset(XSD[name] for name in _INTEGER_NAMES.split())
"""The XSD datatypes whose values are whole numbers."""


def python_value(node: Node | None, labeller: Callable[[URIRef], str] | None = None) -> Any:
    """A result cell as the Python value a table wants: int, float, bool, date, datetime or
    text. Dates of a year or a month stay text ("2025", "2025-09"): a day would be invented."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return labeller(node) if labeller is not None else str(node)
    if isinstance(node, Literal) and node.datatype is not None:
        lexical = str(node)
        try:
            if node.datatype in INTEGER_TYPES:
                return int(lexical)
            if node.datatype in (XSD.decimal, XSD.double, XSD.float):
                return float(lexical)
            if node.datatype == XSD.boolean:
                return lexical in ("true", "1")
            if node.datatype == XSD.date:
                return dt.date.fromisoformat(lexical[:10])
            if node.datatype == XSD.dateTime:
                return dt.datetime.fromisoformat(lexical)
        except ValueError:
            return lexical
    return str(node)


def lexical(node: Node | None) -> str:
    """A cell's lexical value as in SPARQL 1.1 CSV results: what a spreadsheet user expects
    to see (``""`` where unbound, ``_:`` before a blank node's id)."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, URIRef | Literal):
        return str(node)
    raise TypeError(f"cannot render a {type(node).__name__} as a result value")


def excel_cell(node: Node | None) -> str:
    """A value as Danish Excel reads it: dates day-month-year, decimals with a comma."""
    if isinstance(node, Literal) and node.datatype is not None:
        text = str(node)
        try:
            if node.datatype == XSD.date:
                day = dt.date.fromisoformat(text[:10])
                return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"
            if node.datatype == XSD.dateTime:
                moment = dt.datetime.fromisoformat(text)
                return f"{moment:%d-%m-%Y %H:%M}"
            if node.datatype == XSD.gYearMonth:
                year, month = text[:7].split("-")
                return f"{MONTHS['da'][int(month) - 1]} {year}"
        except (ValueError, IndexError):
            return text
        if node.datatype in (XSD.decimal, XSD.double, XSD.float):
            return text.replace(".", ",")
    return lexical(node)


def typed(node: Node | None) -> tuple[Any, str | None]:
    """The value openpyxl stores as a typed cell, and the number format it needs if any."""
    value = python_value(node)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None), "dd-mm-yyyy hh:mm"
    if isinstance(value, dt.date):
        return value, "dd-mm-yyyy"
    if isinstance(value, int) and not isinstance(value, bool):
        return value, "0"
    return value, None


def is_iri(node: Node | None) -> bool:
    return isinstance(node, URIRef)
