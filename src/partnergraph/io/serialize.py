"""Graphs written in the graph formats of :mod:`partnergraph.io.formats`, exactly and stably.

The stable prefixes, sorted N-Triples lines, numbers and booleans that read back as they were
written (Turtle, TriG), JSON-LD from :mod:`partnergraph.io.jsonld`, and RDF/XML refused rather
than written unreadable; the caller's graph is never changed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.serializer import Serializer
from rdflib.term import Node

from partnergraph.io.formats import graph_format
from partnergraph.rdf.namespaces import bind_prefixes

__all__ = ["XML_FORBIDDEN", "serialize_graph"]


def _copy_prefixes(source: Graph, target: Graph) -> None:
    """Keep the caller's own prefixes, then let the stable ones win any clash."""
    for prefix, namespace in source.namespaces():
        target.bind(prefix, namespace, override=False)
    bind_prefixes(target)


def _union(graph: Graph) -> Graph:
    """All triples of every graph in one fresh graph, so the caller's graph is left untouched."""
    out = Graph(bind_namespaces="core")
    _copy_prefixes(graph, out)
    if isinstance(graph, ConjunctiveGraph):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        out += graph
    return out


def _as_dataset(graph: Graph) -> Dataset:
    """A copy as a Dataset with the default graph kept as the default graph.

    rdflib writes a plain Graph (and a ConjunctiveGraph's default context) to TriG as a graph
    named by its blank-node identifier; here they become the unnamed default graph instead.
    """
    out = Dataset()
    _copy_prefixes(graph, out)
    default: Graph = out.default_graph
    if isinstance(graph, Dataset):
        default_id: Node = DATASET_DEFAULT_GRAPH_ID
        graphs: Iterable[Graph] = graph.graphs()
    elif isinstance(graph, ConjunctiveGraph):
        default_id = graph.default_context.identifier
        graphs = graph.contexts()
    else:
        default += graph
        return out
    for named in graphs:
        target = default if named.identifier == default_id else out.graph(named.identifier)
        target += named
    return out


# Turtle's shorthand numbers and booleans, exactly as the Turtle grammar reads them back.
_TURTLE_SHORTHAND: dict[URIRef, re.Pattern[str]] = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.double: re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}


def _exact_turtle_literal(serializer: TurtleSerializer, node: Literal) -> str | None:
    """Write numbers and booleans so that they read back with the same datatype and value.

    rdflib's Turtle writer prints every xsd:double with ``f"{x:e}"`` (seven significant
    digits, so 55.123456789 comes back as 55.12346), and prints non-canonical lexical forms
    bare, so ``"1"^^xsd:boolean`` comes back as an xsd:integer and ``"yes"^^xsd:boolean`` is
    not Turtle at all. Here the shorthand is used only when the lexical form is already a
    Turtle token of that datatype; everything else is written quoted with its datatype.
    """
    if node.datatype is None or node.datatype not in _TURTLE_SHORTHAND:
        return None
    lexical = str(node)
    if _TURTLE_SHORTHAND[node.datatype].fullmatch(lexical):
        return lexical
    return node._literal_n3(
        use_plain=False, qname_callback=lambda dt: serializer.get_pname(dt, False)
    )


class _ExactTurtleSerializer(TurtleSerializer):
    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and (text := _exact_turtle_literal(self, node)) is not None:
            return text
        return super().label(node, position)


class _ExactTrigSerializer(TrigSerializer):
    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and (text := _exact_turtle_literal(self, node)) is not None:
            return text
        return super().label(node, position)


# Characters XML 1.0 cannot carry at all, not even as character references.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_safe(graph: Graph) -> None:
    """Fail clearly instead of letting rdflib write RDF/XML that no parser will read."""
    for triple in graph:
        for term in triple:
            if not isinstance(term, BNode) and XML_FORBIDDEN.search(str(term)):
                shown = term.n3()
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                raise ValueError(
                    f"RDF/XML cannot contain the control characters in {shown}; "
                    "use ttl, nt, jsonld or trig"
                )


def _write(serializer: Serializer) -> str:
    stream = io.BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def serialize_graph(graph: Graph | Dataset, fmt: str) -> str:
    """A graph in a graph format with the stable prefixes, never changing the caller's graph.

    TriG keeps named graphs; the triple-only formats (and JSON-LD, which partnergraph
    publishes with a single context) get the union of all graphs of a Dataset.
    """
    spec = graph_format(fmt)
    if spec.name == "trig":
        return _write(_ExactTrigSerializer(_as_dataset(graph)))
    union = _union(graph)
    if spec.name == "ttl":
        return _write(_ExactTurtleSerializer(union))
    if spec.name == "jsonld":
        # late: the JSON-LD writer is for exports only; a cold `query` should not load it
        from partnergraph.io.jsonld import graph_jsonld

        return graph_jsonld(union)
    if spec.name == "xml":
        _check_xml_safe(union)
    assert spec.serializer is not None
    text = union.serialize(format=spec.serializer)
    if spec.name == "nt":
        # rdflib writes N-Triples in store order; sorted lines make exports diff cleanly.
        return "".join(sorted(text.splitlines(keepends=True)))
    return text
