"""Engine-neutral query results.

Results are copied out of the engine into these small value types so that formatting, tests
and the CLI never depend on which SPARQL engine answered. The module itself needs no rdflib: an
answer read only as text (CSV, TSV, JSON, Markdown, the terminal table) never makes a term (see
:class:`Cell` and :mod:`partnergraph.io.cells`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from partnergraph.core.messages import plural

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node


class Cell(NamedTuple):
    """A result cell as the outputs people and programs read show it (terminal table, SPARQL
    JSON, Markdown), whichever library made its term: reading these needs no rdflib."""

    kind: str
    """``uri``, ``bnode`` or ``literal``: SPARQL JSON's words."""
    text: str
    """The IRI, the blank node's id or the literal's lexical form (rdflib's normalised one for
    a typed literal, as the terms always gave)."""
    language: str | None = None
    datatype: str | None = None
    """The datatype's IRI; ``None`` for a string, with or without a language tag, unless the
    data typed it explicitly (rdflib keeps that ``xsd:string``)."""

    @property
    def lexical(self) -> str:
        """The cell as SPARQL 1.1 CSV results write it: ``_:`` before a blank node's id."""
        return "_:" + self.text if self.kind == "bnode" else self.text


class EngineRows(Protocol):
    """An engine's rows as the engine gave them, turned into rdflib terms only when asked.

    Writing text needs each cell's text, not an rdflib term: at tens of thousands of
    rows, making the terms and reading their text back cost more than the rest of a cold
    ``query`` command after the engine (see :meth:`SelectResult.deferred`)."""

    def __len__(self) -> int: ...

    def terms(self) -> list[tuple[Node | None, ...]]:
        """The rows as rdflib terms (``None`` where unbound)."""
        ...

    def texts(self) -> list[list[str]]:
        """Each cell as :func:`~partnergraph.io.cells.lexical` gives it for the cell's term."""
        ...

    def cells(self) -> list[list[Cell | None]]:
        """Each cell as a :class:`Cell` (``None`` where unbound)."""
        ...

    def with_texts(self, columns: Mapping[int, Callable[[str], str | None]]) -> EngineRows:
        """The rows with the literals of the given columns replaced by plain string literals
        of what the function makes of their text (``None``: unbound)."""
        ...


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query; a cell is ``None`` where the variable is unbound."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)

    @classmethod
    def deferred(cls, variables: list[str], source: EngineRows) -> SelectResult:
        """A result whose ``rows`` are made from the engine's on first use: until then
        :meth:`texts` (CSV, TSV) and :meth:`cells` (JSON, Markdown, the terminal table) read the
        engine's rows directly. It compares, copies and pickles like any other result (the rows
        are made then)."""
        made = cls.__new__(cls)
        object.__setattr__(made, "variables", variables)
        object.__setattr__(made, "_source", source)
        return made

    if not TYPE_CHECKING:  # for the type checker ``rows`` is an ordinary field

        def __getattr__(self, name: str) -> Any:
            # Reached only while ``rows`` is not set: a deferred result's first use of it.
            source = self.__dict__.get("_source")
            if name != "rows" or source is None:
                raise AttributeError(name)
            rows = source.terms()
            object.__setattr__(self, "rows", rows)
            return rows

    def __reduce__(self) -> tuple[Any, ...]:
        return (SelectResult, (self.variables, self.rows))

    def source(self) -> EngineRows | None:
        """The engine's rows, while they have not been turned into rdflib terms."""
        return None if "rows" in self.__dict__ else self.__dict__.get("_source")

    def texts(self) -> list[list[str]]:
        """Each cell as text, as SPARQL 1.1 CSV results write it (see
        :func:`~partnergraph.io.cells.lexical`)."""
        source = self.source()
        if source is not None:
            return source.texts()
        from partnergraph.io.cells import lexical  # late: rdflib only for rdflib's terms

        return [[lexical(cell) for cell in row] for row in self.rows]

    def cells(self) -> list[list[Cell | None]]:
        """Each cell as a :class:`Cell`: what the terminal table, JSON and Markdown write."""
        source = self.source()
        if source is not None:
            return source.cells()
        from rdflib import BNode, Literal, URIRef  # late: these rows are rdflib's terms

        def plain(node: Node | None) -> Cell | None:
            if node is None:
                return None
            if isinstance(node, URIRef):
                return Cell("uri", str(node))
            if isinstance(node, BNode):
                return Cell("bnode", str(node))
            if isinstance(node, Literal):
                datatype = None if node.datatype is None else str(node.datatype)
                return Cell("literal", str(node), node.language, datatype)
            raise TypeError(f"cannot render a {type(node).__name__} as a result value")

        return [[plain(cell) for cell in row] for row in self.rows]

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        source = self.source()
        return len(self.rows) if source is None else len(source)

    def values(self, labeller: Callable[[URIRef], str] | None = None) -> list[list[Any]]:
        """Rows as Python values: numbers, dates and yes/no typed, text as text, IRIs as their
        text, or as their labels with ``labeller`` (e.g. ``kg.labeller("da")``)."""
        from partnergraph.io.cells import python_value  # late: rdflib only for rdflib's terms

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
        from partnergraph.io.cells import lexical  # late: rdflib only for rdflib's terms

        rows = [[lexical(c) for c in row] for row in self.rows]
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


def html_table(headers: Sequence[str], rows: Sequence[Sequence[object]], caption: str = "") -> str:
    """An HTML table for notebooks, every value escaped (labels come from data)."""
    from html import escape  # late: only notebooks show HTML; html loads its entity tables

    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    under = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="partnergraph">{under}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
