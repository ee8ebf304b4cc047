"""What a store is: a read-only view of a dataset that answers SPARQL in its own engine.

Every store answers SPARQL inside its own engine and hands back engine-neutral results
(:mod:`partnergraph.io.results`), so every command works on every store. The stores themselves:
:mod:`~partnergraph.engine.memory` (rdflib), :mod:`~partnergraph.engine.oxigraph` (in memory)
and :mod:`~partnergraph.engine.ondisk` (in a folder), :mod:`~partnergraph.engine.remote` (a
SPARQL server); :func:`partnergraph.engine.factory.open_store` opens the one a spec names.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from partnergraph.io.results import QueryResult, SelectResult

if TYPE_CHECKING:
    from rdflib import Dataset

    from partnergraph.rdf.terms import Bound

__all__ = ["Store"]


class Store(ABC):
    """A read-only view of a dataset that answers SPARQL in its own engine."""

    spec: str

    @abstractmethod
    def run(self, text: str, bindings: Mapping[str, Bound] | None = None) -> QueryResult:
        """Evaluate a query that :func:`partnergraph.engine.sparql.prepare` has already checked."""

    def select_plain(
        self, text: str, bindings: Mapping[str, Bound] | None = None, *, lexical: bool = False
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A SELECT's variables and rows with IRIs as plain ``str`` (literals and blank nodes
        stay rdflib terms): for code that builds big structures keyed by IRI, such as the
        networks, where comparing and hashing plain strings is several times cheaper. For
        partnergraph's own queries (no FROM: the default graph is the union); ``bindings``
        travel as each engine needs them (see :meth:`run`).

        With ``lexical`` literals come as :data:`~partnergraph.rdf.terms.PlainLiteral` tuples
        (lexical form, language, datatype IRI) instead: for callers that only read their text,
        such as the label look-ups."""
        from rdflib import Literal, URIRef  # late: these rows are rdflib's terms

        from partnergraph.rdf.terms import plain_literal  # late: as above

        result = self.run(text, bindings)
        assert isinstance(result, SelectResult)
        rows = [
            tuple(
                str(cell)
                if type(cell) is URIRef
                else plain_literal(cell)
                if lexical and isinstance(cell, Literal)
                else cell
                for cell in row
            )
            for row in result.rows
        ]
        return list(result.variables), rows

    @abstractmethod
    def graph_names(self) -> set[str]:
        """Names of the non-empty named graphs (a FROM naming one of them stays local)."""

    @abstractmethod
    def export(self, fmt: str) -> str:
        """The whole dataset in one of :data:`partnergraph.io.formats.GRAPH_FORMATS`."""

    @abstractmethod
    def to_dataset(self) -> Dataset:
        """The data as an rdflib dataset, for the few tools that need one (SHACL)."""

    @abstractmethod
    def __len__(self) -> int: ...

    def rdflib_dataset(self) -> Dataset | None:
        """The live rdflib dataset of a store that evaluates with rdflib, else ``None``: such
        a query is parsed once, for the safety check and to evaluate."""
        return None

    def close(self) -> None:  # noqa: B027 - most stores hold nothing to release
        """Release files or connections."""
