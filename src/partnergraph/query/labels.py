"""Choosing a human label for any node (finding a node by name is :mod:`partnergraph.query.names`).

One place decides which properties count as labels and in which order, so the CLI, describe,
query parameters and (later) the network views all name things the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from partnergraph.io.results import SelectResult
from partnergraph.rdf.namespaces import compact

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store

LABEL_PROPERTIES: tuple[URIRef, ...] = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
"""Properties that name a thing, best first."""

ALT_LABEL_PROPERTIES: tuple[URIRef, ...] = (SKOS.altLabel, SKOS.notation)
"""Other names a person may type to find a thing."""

FALLBACK_LANGUAGES = ("da", "en")


def choose(node: Node, found: Iterable[tuple[Node, Node]], lang: str = "da") -> str:
    """Pick the best label from ``(property, value)`` pairs: the first label property that has
    any, in ``lang``, else Danish, English, any language; else a compact IRI."""
    by_property: dict[Node, list[Literal]] = {}
    for prop, value in found:
        if isinstance(value, Literal):
            by_property.setdefault(prop, []).append(value)
    for prop in LABEL_PROPERTIES:
        candidates = sorted(by_property.get(prop, []))
        if not candidates:
            continue
        for wanted in (lang, *FALLBACK_LANGUAGES):
            for literal in candidates:
                if literal.language and literal.language.lower().startswith(wanted.lower()):
                    return str(literal)
        return str(candidates[0])
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, BNode):
        return "(anonymous)"
    return compact(str(node))


def label(graph: Graph, node: Node, lang: str = "da") -> str:
    """The best label of ``node`` in an rdflib graph (see :func:`choose`)."""
    if isinstance(node, Literal):
        return str(node)
    return choose(node, ((p, o) for p in LABEL_PROPERTIES for o in graph.objects(node, p)), lang)


_LABEL_TERMS = tuple(p.n3() for p in LABEL_PROPERTIES)


class Labeller:
    """Labels of many nodes from any store, fetched in a few batched queries and cached.

    Blank nodes cannot be looked up by a later query, so whoever meets one in a result can
    hand its labels over with :meth:`add`.
    """

    BATCH = 5000
    """Nodes per label query: large enough that a network needs one or two, small enough that
    the query text stays a few hundred kB for a remote endpoint."""

    def __init__(self, store: Store, lang: str = "da") -> None:
        self.store = store
        self.lang = lang
        self._found: dict[Node, list[tuple[Node, Node]]] = {}
        self._chosen: dict[tuple[Node, str], str] = {}

    def prefetch(self, nodes: Iterable[Node]) -> None:
        wanted = sorted({n for n in nodes if isinstance(n, URIRef) and n not in self._found})
        for start in range(0, len(wanted), self.BATCH):
            chunk = wanted[start : start + self.BATCH]
            for node in chunk:
                self._found[node] = []
            # One VALUES block of (node, property) pairs: the engine looks each pair up in its
            # index. Two separate VALUES blocks (nodes, properties) make Oxigraph scan every
            # label of the store for each batch instead.
            pairs = " ".join(f"({n.n3()} {p})" for n in chunk for p in _LABEL_TERMS)
            result = self.store.run(
                f"SELECT ?x ?p ?l WHERE {{ VALUES (?x ?p) {{ {pairs} }} ?x ?p ?l }}"
            )
            assert isinstance(result, SelectResult)
            found = self._found
            for x, p, value in result.rows:
                if x is not None and p is not None and value is not None:
                    found[x].append((p, value))

    def add(self, node: Node, prop: Node, value: Node) -> None:
        pairs = self._found.setdefault(node, [])
        if (prop, value) not in pairs:
            pairs.append((prop, value))
            self._chosen = {k: v for k, v in self._chosen.items() if k[0] != node}

    def has_label(self, node: Node) -> bool:
        self._ensure(node)
        return any(isinstance(v, Literal) for _, v in self._found.get(node, []))

    def __call__(self, node: Node | None, lang: str | None = None) -> str:
        if node is None:
            return ""
        if isinstance(node, Literal):
            return str(node)
        key = (node, lang or self.lang)
        chosen = self._chosen.get(key)
        if chosen is None:
            self._ensure(node)
            chosen = self._chosen[key] = choose(node, self._found.get(node, []), key[1])
        return chosen

    def _ensure(self, node: Node) -> None:
        if isinstance(node, URIRef) and node not in self._found:
            self.prefetch([node])
