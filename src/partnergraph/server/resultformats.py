"""Query answers as HTTP bodies in the format content negotiation chose.

JSON and CSV results come from :mod:`partnergraph.io.tables` and every graph format from
:mod:`partnergraph.io.serialize` (the formats themselves from :mod:`partnergraph.io.formats`).
Two protocol formats are written here because those modules have no writer for them: SPARQL
Query Results XML, and TSV as SPARQL 1.1 defines it (RDF terms in Turtle syntax, so that SPARQL
clients can read them back; ``tables``' TSV is plain values for spreadsheets).

A result cut at the row cap says so in a ``partnergraph`` member of the JSON object (next to
``head`` and ``results``, where SPARQL JSON readers look for nothing) and in an XML comment;
the web layer adds the ``X-Partnergraph-Truncated`` header for every format.
"""

from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.graph import Graph
from rdflib.namespace import XSD
from rdflib.term import Node

from partnergraph.io.ntriples import tagged
from partnergraph.io.results import AskResult, SelectResult
from partnergraph.io.serialize import serialize_graph
from partnergraph.io.tables import render_ask, render_select
from partnergraph.server.conneg import Offer

__all__ = ["CannotRepresent", "render_boolean", "render_graph", "render_table"]

SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

# Characters XML 1.0 cannot carry, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class CannotRepresent(ValueError):
    """The chosen format cannot carry this answer (control characters in XML)."""


def render_table(result: SelectResult, offer: Offer, *, truncated: bool, limit: int) -> bytes:
    if offer.format == "json":
        text = render_select(result, "json")
        if truncated:
            text = _mark_json(text, limit)
        return text.encode("utf-8")
    if offer.format == "xml":
        return _select_xml(result, truncated=truncated, limit=limit).encode("utf-8")
    if offer.format == "tsv":
        return _select_tsv(result).encode("utf-8")
    return render_select(result, offer.format).encode("utf-8")


def render_boolean(result: AskResult, offer: Offer) -> bytes:
    if offer.format == "xml":
        value = "true" if result.value else "false"
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">\n'
            f"  <head/>\n  <boolean>{value}</boolean>\n</sparql>\n"
        ).encode()
    return render_ask(result, "json" if offer.format == "json" else "csv").encode("utf-8")


def render_graph(graph: Graph, offer: Offer) -> bytes:
    try:
        return serialize_graph(graph, offer.format).encode("utf-8")
    except ValueError as exc:  # RDF/XML cannot carry control characters
        raise CannotRepresent(str(exc)) from None


def _mark_json(text: str, limit: int) -> str:
    """Add the truncation note as a last member of the (indented) top-level object."""
    body = text.rstrip()
    assert body.endswith("}")
    note = json.dumps({"truncated": True, "rowLimit": limit})
    return body[:-1].rstrip() + f',\n  "partnergraph": {note}\n}}\n'


def _xml_text(value: str) -> str:
    if _NOT_XML.search(value):
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise CannotRepresent(
            f"XML cannot carry the control characters in {shown!r}: ask for JSON instead "
            "(Accept: application/sparql-results+json)"
        )
    return escape(value)


def _xml_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<uri>{_xml_text(str(node))}</uri>"
    if isinstance(node, BNode):
        return f"<bnode>{_xml_text(str(node))}</bnode>"
    if isinstance(node, Literal):
        attributes = ""
        if node.language:
            attributes = f" xml:lang={quoteattr(node.language)}"
        elif node.datatype is not None and node.datatype != XSD.string:
            attributes = f" datatype={quoteattr(_xml_text(str(node.datatype)))}"
        return f"<literal{attributes}>{_xml_text(str(node))}</literal>"
    raise CannotRepresent(f"cannot write a {type(node).__name__} as a SPARQL result value")


def _select_xml(result: SelectResult, *, truncated: bool, limit: int) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<sparql xmlns="{SPARQL_RESULTS_NS}">',
        "  <head>",
        *(f"    <variable name={quoteattr(v)}/>" for v in result.variables),
        "  </head>",
    ]
    if truncated:
        lines.append(f"  <!-- partnergraph: truncated at the row cap of {limit} rows -->")
    lines.append("  <results>")
    for row in result.rows:
        lines.append("    <result>")
        for variable, cell in zip(result.variables, row, strict=True):
            if cell is not None:
                lines.append(
                    f"      <binding name={quoteattr(variable)}>{_xml_term(cell)}</binding>"
                )
        lines.append("    </result>")
    lines += ["  </results>", "</sparql>", ""]
    return "\n".join(lines)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(node: Node | None) -> str:
    """An RDF term in the Turtle syntax SPARQL 1.1 TSV asks for; empty when unbound."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        return tagged(f'"{str(node).translate(_TSV_ESCAPES)}"', node.language, node.datatype)
    raise CannotRepresent(f"cannot write a {type(node).__name__} as a SPARQL result value")


def _select_tsv(result: SelectResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_tsv_term(cell) for cell in row) for row in result.rows)
    return "\n".join(lines) + "\n"
