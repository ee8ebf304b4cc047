"""The pages' store: SPARQL through the server's worker pool, under its limits.

The page code (:mod:`partnergraph.views.pages`) reads a :class:`~partnergraph.engine.stores.Store`;
on the server that store is this one, so a page's query is a ``/sparql`` job like any other:
the same time limit, the same fair share of the workers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from rdflib import Dataset

from partnergraph.core.errors import QueryError
from partnergraph.engine.answers import parse_graph, parse_results
from partnergraph.engine.sparql import bind_as_values
from partnergraph.engine.sparql_text import query_form
from partnergraph.engine.stores import Store
from partnergraph.io.results import GraphResult, QueryResult
from partnergraph.rdf.namespaces import bind_prefixes
from partnergraph.rdf.terms import Bound
from partnergraph.server.jobs import Negotiation, QueryJob
from partnergraph.server.state import ServerState

__all__ = ["ROW_CAP", "PageError", "PoolStore"]

ROW_CAP = 1_000_000
"""Rows a page's own query may read (the time limit still applies)."""


class PoolStore(Store):
    """A :class:`~partnergraph.engine.stores.Store` whose queries run in the server's workers.

    For the page code, which is synchronous: call it from a worker thread (``run_in_threadpool``)
    while the event loop runs; each query is a ``/sparql`` job under the server's limits.
    """

    spec = "server"

    def __init__(
        self,
        state: ServerState,
        loop: asyncio.AbstractEventLoop,
        base_iri: str,
        client: str | None = None,
    ) -> None:
        self.state = state
        self.loop = loop
        self.base_iri = base_iri
        self.client = client
        """The address of the request, which the pool's fair share counts by."""

    def run(self, text: str, bindings: Mapping[str, Bound] | None = None) -> QueryResult:
        if bindings:
            text = bind_as_values(text, bindings)
        form = query_form(text) or "SELECT"
        graph = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        job = QueryJob(text, Negotiation(accept), self.base_iri, ROW_CAP)
        reply = asyncio.run_coroutine_threadsafe(
            self.state.pool.run(job, self.client), self.loop
        ).result()
        if reply.status != 200:
            raise PageError(reply.status, reply.body.decode("utf-8", "replace").strip())
        media_type = reply.media_type.split(";")[0].strip().lower()
        if graph:
            return GraphResult(bind_prefixes(parse_graph(reply.body, media_type)))
        return parse_results(reply.body, media_type, form)

    def graph_names(self) -> set[str]:
        return set(self.state.pool.info.graphs)

    def export(self, fmt: str) -> str:
        raise NotImplementedError("pages never export the whole dataset")

    def to_dataset(self) -> Dataset:
        raise NotImplementedError("pages never copy the whole dataset")

    def __len__(self) -> int:
        return self.state.pool.info.triples


class PageError(QueryError):
    """A query of a page failed in a worker: ``status`` is what the protocol would answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
