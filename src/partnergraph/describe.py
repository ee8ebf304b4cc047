"""Everything known about one entity, in both directions, with labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from .labels import label

__all__ = ["Description", "Link", "describe_entity"]


@dataclass(frozen=True)
class Link:
    """One statement about the entity, with labels ready to show."""

    predicate: Node
    predicate_label: str
    node: Node
    node_label: str


@dataclass(frozen=True)
class Description:
    iri: URIRef
    label: str
    types: list[str]
    labels: dict[str, list[str]]
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def describe_entity(graph: Graph, iri: URIRef, lang: str = "da") -> Description:
    """Describe ``iri``: its labels and types, what it links to and what links to it."""
    outgoing = [
        Link(p, label(graph, p, lang), o, _value_label(graph, o, lang))
        for p, o in sorted(graph.predicate_objects(iri), key=_by_text)
        if p != RDF.type
    ]
    incoming = [
        Link(p, label(graph, p, lang), s, label(graph, s, lang))
        for s, p in sorted(graph.subject_predicates(iri), key=lambda sp: _by_text((sp[1], sp[0])))
    ]
    types = sorted({label(graph, t, lang) for t in graph.objects(iri, RDF.type)})
    labels: dict[str, list[str]] = {}
    for link in outgoing:
        if isinstance(link.node, Literal) and link.predicate_label in ("skos:prefLabel",):
            labels.setdefault(link.node.language or "", []).append(str(link.node))
    sources = sorted({label(graph, s, lang) for s in graph.objects(iri, DCTERMS.source)})
    return Description(iri, label(graph, iri, lang), types, labels, outgoing, incoming, sources)


def _value_label(graph: Graph, node: Node, lang: str) -> str:
    """Literals as written (with language or datatype), blank nodes summarised inline."""
    if isinstance(node, Literal):
        if node.language:
            return f"{node} @{node.language}"
        return str(node)
    if isinstance(node, BNode):
        parts = [
            f"{label(graph, p, lang)}: {_value_label(graph, o, lang)}"
            for p, o in sorted(
                graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))
            )
            if p != RDF.type
        ]
        return "[" + "; ".join(parts) + "]"
    return label(graph, node, lang)


def _by_text(pair: tuple[Node, Node]) -> tuple[str, str]:
    return str(pair[0]), str(pair[1])
