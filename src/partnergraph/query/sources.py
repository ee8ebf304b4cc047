"""Sources by their titles: a named graph as a reader knows it, never as a file's name.

A graph is named by its own title where the data gives one (the memo, an edition); else by the
title of the dataset it is a subset of (``void:subset``: the editorial additions, the register).
``describe`` says which source states what with these titles, and ``stats`` counts by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.namespace import VOID
from rdflib.term import Node

from partnergraph.io.loading import GRAPH_BASE
from partnergraph.io.results import SelectResult
from partnergraph.query.labels import Labeller
from partnergraph.rdf.namespaces import compact

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store

__all__ = ["graph_name", "source_titles"]

_BATCH = 2000
"""Graphs per look-up of their datasets: a thousand municipalities have two thousand graphs."""


def source_titles(
    store: Store, graphs: Iterable[Node | str], lang: str, labeller: Labeller | None = None
) -> dict[str, str]:
    """Each graph's title in ``lang`` by its IRI; graphs that have none are left out."""
    named = sorted({str(g) for g in graphs if isinstance(g, URIRef | str)})
    if not named:
        return {}
    datasets = _datasets_of(store, named)
    labeller = labeller or Labeller(store, lang)
    labeller.prefetch([*named, *(d for found in datasets.values() for d in found)])
    titles: dict[str, str] = {}
    for graph in named:
        own = labeller(URIRef(graph))
        if own != graph:
            titles[graph] = own
            continue
        found = sorted(labeller(URIRef(d)) for d in datasets.get(graph, ()))
        found = [title for title in found if not title.startswith(("http://", "https://"))]
        if found:
            titles[graph] = found[0]
    return titles


def graph_name(graph: Node | str) -> str:
    """A graph's short name: the part after the bundled graphs' base (``norddjurs-editorial``),
    else its prefixed name where a prefix fits, else the IRI."""
    text = str(graph)
    return text.removeprefix(GRAPH_BASE) if text.startswith(GRAPH_BASE) else compact(text)


def _datasets_of(store: Store, graphs: list[str]) -> dict[str, set[str]]:
    """The datasets each of ``graphs`` is a subset of (``void:subset``), by graph IRI."""
    found: dict[str, set[str]] = {}
    for start in range(0, len(graphs), _BATCH):
        chunk = " ".join(URIRef(g).n3() for g in graphs[start : start + _BATCH])
        text = f"SELECT ?g ?d WHERE {{ VALUES ?g {{ {chunk} }} ?d {VOID.subset.n3()} ?g }}"
        result = store.run(text)
        assert isinstance(result, SelectResult)
        for graph, dataset in result.rows:
            if graph is not None and isinstance(dataset, URIRef):
                found.setdefault(str(graph), set()).add(str(dataset))
    return found
