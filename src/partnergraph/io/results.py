"""Engine-neutral query results.

Results are copied out of the engine into these small value types so that formatting, tests
and the CLI never depend on which SPARQL engine answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from partnergraph.core.messages import plural


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query; a cell is ``None`` where the variable is unbound."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, labeller: Callable[[URIRef], str] | None = None) -> list[list[Any]]:
        """Rows as Python values: numbers, dates and yes/no typed, text as text, IRIs as their
        text, or as their labels with ``labeller`` (e.g. ``kg.labeller("da")``)."""
        return [[python_value(cell, labeller) for cell in row] for row in self.rows]

    def to_pandas(self, labeller: Callable[[URIRef], str] | None = None) -> Any:
        """The rows as a pandas DataFrame with typed columns (``pip install
        partnergraph[dataframes]``); IRIs as text, or as labels with ``labeller``."""
        try:
            import pandas as pd  # type: ignore[import-untyped,unused-ignore]
        except ImportError:
            raise ImportError(_MISSING.format(name="pandas")) from None
        frame = pd.DataFrame(self.values(labeller), columns=list(self.variables), dtype=object)
        for column in frame.columns:
            present = [v for v in frame[column] if v is not None]
            if present and all(isinstance(v, dt.date) for v in present):
                frame[column] = pd.to_datetime(frame[column])
        return frame.convert_dtypes()

    def to_polars(self, labeller: Callable[[URIRef], str] | None = None) -> Any:
        """The rows as a polars DataFrame with typed columns (``pip install
        partnergraph[dataframes]``); IRIs as text, or as labels with ``labeller``."""
        try:
            import polars as pl
        except ImportError:
            raise ImportError(_MISSING.format(name="polars")) from None
        rows = self.values(labeller)
        columns = {v: [row[i] for row in rows] for i, v in enumerate(self.variables)}
        return pl.DataFrame(columns, strict=False)

    def _repr_html_(self) -> str:
        """A table in Jupyter: the rows as they are, escaped."""
        rows = [[_shown(c) for c in row] for row in self.rows]
        return html_table(self.variables, rows, plural(len(rows), "rows"))

    def as_dicts(self) -> list[dict[str, str | None]]:
        """Rows as plain ``{variable: lexical value}`` dicts, handy in notebooks and tests."""
        return [
            {
                v: (None if cell is None else str(cell))
                for v, cell in zip(self.variables, row, strict=True)
            }
            for row in self.rows
        ]


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool

    def __bool__(self) -> bool:
        return self.value


@dataclass(frozen=True)
class GraphResult:
    """The graph built by a CONSTRUCT or DESCRIBE query."""

    graph: Graph

    def __len__(self) -> int:
        return len(self.graph)


QueryResult = SelectResult | AskResult | GraphResult

_MISSING = "{name} is not installed: pip install 'partnergraph[dataframes]' (or {name})"

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


def html_table(headers: Sequence[str], rows: Sequence[Sequence[object]], caption: str = "") -> str:
    """An HTML table for notebooks, every value escaped (labels come from data)."""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    under = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="partnergraph">{under}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _shown(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)
