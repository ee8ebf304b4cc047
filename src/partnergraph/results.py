"""Engine-neutral query results.

Results are copied out of the engine into these small value types so that formatting, tests
and the CLI never depend on which SPARQL engine answered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.term import Node


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query; a cell is ``None`` where the variable is unbound."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

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
