"""A CONSTRUCT result drawn as a network: the query page's graph view (``/network?query=``)."""

from __future__ import annotations

from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from partnergraph.engine.stores import Store
from partnergraph.query.labels import LABEL_PROPERTIES, Labeller
from partnergraph.rdf.kinds import kind_of
from partnergraph.rdf.namespaces import compact
from partnergraph.views.pages.model import node_kinds
from partnergraph.views.pages.render import predicate_label

__all__ = ["graph_network"]


def graph_network(
    graph: Graph, labeller: Labeller, lang: str = "da", *, store: Store | None = None
) -> Any:
    """A CONSTRUCT result as a network for :func:`partnergraph.views.network_page.render_html`:
    resources are nodes (typed by their ``rdf:type`` in the result, else in ``store``), links
    between them are edges named by their property; literals and labels stay attributes."""
    network = nx.DiGraph(projection="construct")
    resources = sorted(
        {n for t in graph for n in (t[0], t[2]) if isinstance(n, URIRef | BNode)}, key=str
    )
    labeller.prefetch([r for r in resources if isinstance(r, URIRef)])
    stored = node_kinds(store, [r for r in resources if isinstance(r, URIRef)]) if store else {}
    for s, p, o in graph:
        if p in LABEL_PROPERTIES and isinstance(o, Literal) and isinstance(s, URIRef):
            labeller.add(s, p, o)
    for node in resources:
        types = [t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef)]
        if not any(True for _ in graph.predicate_objects(node)) and not any(
            True for _ in graph.subjects(None, node)
        ):
            continue
        label_da = labeller(node, "da") if isinstance(node, URIRef) else f"_:{node}"
        label_en = labeller(node, "en") if isinstance(node, URIRef) else f"_:{node}"
        network.add_node(
            str(node),
            label=label_da,
            label_da=label_da,
            label_en=label_en,
            type=kind_of(str(node), types) if types else stored.get(str(node), "other"),
            type_label=", ".join(compact(str(t)) for t in types),
            iri=str(node),
        )
    for s, p, o in sorted(graph, key=lambda t: tuple(str(x) for x in t)):
        if p == RDF.type or not isinstance(o, URIRef | BNode):
            continue
        if str(s) not in network or str(o) not in network:
            continue
        if network.has_edge(str(s), str(o)):
            continue
        network.add_edge(
            str(s),
            str(o),
            relation=compact(str(p)),
            label=predicate_label(p, lang, labeller),
            weight=1,
        )
    # Types asserted in the result but never linked to are not worth a node of their own.
    lonely = [
        n
        for n in list(network.nodes)
        if network.degree(n) == 0 and (None, RDF.type, URIRef(n)) in graph
    ]
    network.remove_nodes_from(lonely)
    return network
