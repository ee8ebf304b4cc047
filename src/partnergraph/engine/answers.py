"""Reading a SPARQL server's answers: SPARQL 1.1 Query Results (JSON, or XML) and graphs.

Servers differ in what they send back, and the quirks are undone here: Virtuoso answers ASK with
a one-column SELECT result (``__ASK_RETVAL``: one row when true, none when false), uses the
SPARQL 1.0 ``typed-literal`` term type and labels blank nodes ``nodeID://b123`` (renamed to valid
blank node labels here, the same name for the same node across queries).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.query import Result
from rdflib.term import Node

from partnergraph.io.bounds import check_xml
from partnergraph.io.results import AskResult, SelectResult

__all__ = [
    "GRAPH_PARSERS",
    "RDF_ACCEPT",
    "RESULTS_JSON",
    "RESULTS_XML",
    "blank_node",
    "parse_graph",
    "parse_results",
]

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"
"""What is asked for graphs; parsers that might fetch things (RDF/XML, JSON-LD) are avoided."""

GRAPH_PARSERS: dict[str, str] = {
    "application/n-triples": "nt",
    "text/plain": "nt",  # N-Triples' old media type
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
}
"""Media type of an answer -> rdflib parser."""

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


_SAFE_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def blank_node(label: str) -> BNode:
    """A blank node for a server's label: kept when it is a valid label, else a stable digest
    of it (Virtuoso's ``nodeID://b123`` cannot be written in Turtle)."""
    if _SAFE_LABEL.fullmatch(label):
        return BNode(label)
    return BNode("b" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:32])


def _json_term(value: Mapping[str, Any]) -> Node:
    kind = value.get("type")
    text = value.get("value")
    if not isinstance(text, str):
        raise ValueError("a term without a value")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return blank_node(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang") or value.get("lang")
        if lang:
            return Literal(text, lang=str(lang))
        datatype = value.get("datatype")
        if datatype and datatype not in (_XSD_STRING, _LANG_STRING):
            return Literal(text, datatype=URIRef(str(datatype)))
        return Literal(text)
    raise ValueError(f"unsupported term type {kind!r}")


def parse_results(body: bytes, media_type: str, form: str) -> SelectResult | AskResult:
    """SPARQL 1.1 Query Results (JSON, or XML from servers that ignore Accept) as values."""
    if media_type == RESULTS_XML:
        return _parse_xml_results(body, form)
    document = json.loads(body.decode("utf-8"))
    if not isinstance(document, dict):
        raise ValueError("the answer is not a JSON object")
    if "boolean" in document:
        return AskResult(bool(document["boolean"]))
    head = document.get("head") or {}
    variables = [str(v) for v in head.get("vars") or []]
    bindings = (document.get("results") or {}).get("bindings")
    if not isinstance(bindings, list):
        raise ValueError("the answer has neither results nor a boolean")
    if form == "ASK":
        # Virtuoso: a one-column SELECT result, one row ("1") if true, no rows if false.
        return AskResult(any(_truthy(row) for row in bindings))
    rows = [tuple(_json_term(row[v]) if v in row else None for v in variables) for row in bindings]
    return SelectResult(variables, rows)


def _truthy(row: Mapping[str, Any]) -> bool:
    values = [str(v.get("value", "")) for v in row.values() if isinstance(v, Mapping)]
    return not values or values[0].lower() in ("1", "true")


def _parse_xml_results(body: bytes, form: str) -> SelectResult | AskResult:
    # The XML parser would expand entities (or read outside DTDs) a server declares.
    check_xml([body], "", what="answer")
    result = Result.parse(io.BytesIO(body), format="xml")
    if result.type == "ASK":
        return AskResult(bool(result.askAnswer))
    variables = [str(v) for v in result.vars or []]
    rows: list[tuple[Node | None, ...]] = []
    for solution in result.bindings:
        row: list[Node | None] = []
        for v in result.vars or []:
            term = solution.get(v)
            row.append(blank_node(str(term)) if isinstance(term, BNode) else term)
        rows.append(tuple(row))
    if form == "ASK":
        return AskResult(any(row and str(row[0]).lower() in ("1", "true") for row in rows))
    return SelectResult(variables, rows)


def parse_graph(body: bytes, media_type: str, into: Graph | None = None) -> Graph:
    """N-Triples or Turtle from a server as an rdflib graph."""
    fmt = GRAPH_PARSERS.get(media_type)
    if fmt is None:
        raise ValueError(
            f"answered in {media_type or 'an unnamed format'}, not N-Triples or Turtle"
        )
    graph = into if into is not None else Graph()
    graph.parse(data=body.decode("utf-8"), format=fmt)
    return graph
