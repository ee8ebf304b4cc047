"""JSON-LD as partnergraph publishes it: flattened, compacted with the published context, lossless.

Every typed literal keeps its lexical form and datatype, blank nodes that only point at each
other survive, and the text is the same whichever store the triples come from (rdflib terms
or Oxigraph's, described by a ``parts`` function).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from partnergraph.core import resources as _resources

__all__ = [
    "BLANK_TERM",
    "IRI_TERM",
    "LITERAL_TERM",
    "TermParts",
    "context_path",
    "graph_jsonld",
    "jsonld_context",
    "jsonld_document",
]


def context_path() -> Path:
    """The published JSON-LD context, so exports and the published file can never disagree."""
    return _resources.ontology_dir() / _resources.CONTEXT_FILE


def jsonld_context() -> dict[str, str]:
    """The prefix mappings of the published JSON-LD context, freshly loaded (safe to mutate)."""
    document = json.loads(context_path().read_text(encoding="utf-8"))
    context = document["@context"]
    if not isinstance(context, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in context.items()
    ):
        raise ValueError(f"{context_path()} must map prefixes to namespace IRIs")
    return dict(context)


def _shrink(iri: str, context: dict[str, str]) -> str:
    """Compact against the embedded context itself, so the output is right for that context.

    namespaces.compact is for display and may one day differ from the published file.
    """
    best_prefix, best_ns = "", ""
    for prefix, namespace in context.items():
        if iri.startswith(namespace) and len(namespace) > len(best_ns):
            best_prefix, best_ns = prefix, namespace
    local = iri[len(best_ns) :]
    # JSON-LD leaves "p://..." alone and a bare "p:" is easy to misread; keep the full IRI.
    if not best_ns or not local or local.startswith("//"):
        return iri
    return f"{best_prefix}:{local}"


def graph_jsonld(graph: Graph) -> str:
    """Flattened, compacted JSON-LD written directly rather than by rdflib's serializer.

    rdflib's JSON-LD writer, given a context, turns xsd:integer/double/boolean/string literals
    into native JSON values (losing lexical forms and explicit xsd:string) and silently drops
    blank nodes that are only referenced from each other (cycles). Flattened node objects with
    every typed literal as ``{"@value", "@type"}`` are lossless and still read well.
    """
    return jsonld_document(graph, _rdflib_parts)


IRI_TERM, BLANK_TERM, LITERAL_TERM = 0, 1, 2
_IRI, _BLANK, _LITERAL = IRI_TERM, BLANK_TERM, LITERAL_TERM

TermParts = tuple[int, str, str | None, str | None]
"""What JSON-LD needs of a term: kind, lexical value or IRI, language, datatype IRI."""


def _rdflib_parts(node: Any) -> TermParts:
    if isinstance(node, URIRef):
        return (_IRI, str(node), None, None)
    if isinstance(node, BNode):
        return (_BLANK, str(node), None, None)
    if isinstance(node, Literal):
        if node.language:
            return (_LITERAL, str(node), node.language, None)
        datatype = node.datatype
        return (_LITERAL, str(node), None, None if datatype is None else str(datatype))
    raise ValueError(f"JSON-LD cannot use a {type(node).__name__} as a node or property")


def jsonld_document(triples: Iterable[Sequence[Any]], parts: Callable[[Any], TermParts]) -> str:
    """The triples as flattened JSON-LD compacted with the published context (see
    :func:`graph_jsonld`).

    Works on any hashable terms (rdflib's or Oxigraph's) that ``parts`` describes; each
    distinct term is described, compacted and written once. The text is exactly what
    ``json.dumps(document, ensure_ascii=False, indent=2)`` writes for the document of node
    objects sorted by id, keys sorted with ``@type`` first and values sorted by their JSON
    (``sort_keys``), a single value written bare. It is written here because json.dumps with
    ``indent`` runs in pure Python, several times slower than this on a big graph.
    """
    context = jsonld_context()
    encode = _ENCODE_BASESTRING
    rdf_type = str(RDF.type)

    # Group by subject and predicate: everything below is then once per distinct term.
    nodes: dict[Any, dict[Any, set[Any]]] = {}
    for s, p, o in triples:
        try:
            properties = nodes[s]
        except KeyError:
            nodes[s] = {p: {o}}
            continue
        try:
            properties[p].add(o)
        except KeyError:
            properties[p] = {o}

    ids: dict[Any, str] = {}

    def node_id(term: Any) -> str:
        found = ids.get(term)
        if found is None:
            kind, value, _, _ = parts(term)
            if kind == IRI_TERM:
                found = _shrink(value, context)
            elif kind == BLANK_TERM:
                found = f"_:{value}"
            else:
                raise ValueError("JSON-LD cannot use a Literal as a node or property")
            ids[term] = found
        return found

    # A value: its sort key (its JSON with sorted keys = its JSON if a plain string), the
    # members of its JSON object (None for a plain string), and whether it is a literal.
    Value = tuple[str, str | None, str | None, bool]
    values_of: dict[Any, Value] = {}
    types_of: dict[Any, Value] = {}

    def value(term: Any) -> Value:
        found = values_of.get(term)
        if found is None:
            kind, lexical, language, datatype = parts(term)
            if kind != LITERAL_TERM:
                target = encode(node_id(term))
                found = ('{"@id": ' + target + "}", '"@id": ' + target, None, False)
            else:
                text = encode(lexical)
                if language:
                    lang = encode(language)
                    found = (
                        '{"@language": ' + lang + ', "@value": ' + text + "}",
                        '"@value": ' + text,
                        '"@language": ' + lang,
                        True,
                    )
                elif datatype is not None:
                    kind_of = encode(_shrink(datatype, context))
                    found = (
                        '{"@type": ' + kind_of + ', "@value": ' + text + "}",
                        '"@value": ' + text,
                        '"@type": ' + kind_of,
                        True,
                    )
                else:
                    found = (text, None, None, True)
            values_of[term] = found
        return found

    def type_value(term: Any) -> Value:
        found = types_of.get(term)
        if found is None:
            target = encode(node_id(term))
            found = types_of[term] = (target, None, None, False)
        return found

    def written(entry: Value, depth: int) -> str:
        sort_key, first, second, _ = entry
        if first is None:
            return sort_key  # a plain string: its JSON
        inner, outer = _PAD[depth + 1], _PAD[depth]
        if second is None:
            return "{" + inner + first + outer + "}"
        return "{" + inner + first + "," + inner + second + outer + "}"

    keys: dict[Any, tuple[str, bool]] = {}
    subjects = sorted(nodes, key=lambda s: (parts(s)[0] == BLANK_TERM, node_id(s)))
    pad2, pad3, pad4 = _PAD[2], _PAD[3], _PAD[4]
    out: list[str] = []
    for subject in subjects:
        entries: dict[str, list[Value]] = {}
        for predicate, objects in nodes[subject].items():
            known = keys.get(predicate)
            if known is None:
                kind, iri, _, _ = parts(predicate)
                known = keys[predicate] = (node_id(predicate), kind == IRI_TERM and iri == rdf_type)
            key, is_type = known
            group = [value(obj) for obj in objects]
            if is_type:
                types = [
                    type_value(obj)
                    for obj, entry in zip(objects, group, strict=True)
                    if not entry[3]
                ]
                if types:
                    entries.setdefault("@type", []).extend(types)
                    group = [entry for entry in group if entry[3]]
                    if not group:
                        continue
            if key in entries:
                entries[key].extend(group)
            else:
                entries[key] = group
        lines = [pad3 + '"@id": ' + encode(node_id(subject))]
        order = sorted(entries)
        if "@type" in entries and order[0] != "@type":
            order.remove("@type")
            order.insert(0, "@type")
        for key in order:
            group = entries[key]
            if len(group) == 1:
                text = written(group[0], 3)
            else:
                group.sort(key=_first)
                text = "[" + ",".join(pad4 + written(e, 4) for e in group) + pad3 + "]"
            lines.append(pad3 + encode(key) + ": " + text)
        out.append(pad2 + "{" + ",".join(lines) + pad2 + "}")

    head = json.dumps({"@context": context}, ensure_ascii=False, indent=2)[: -len("\n}")]
    graph = "[" + ",".join(out) + _PAD[1] + "]" if out else "[]"
    return head + ',\n  "@graph": ' + graph + "\n}\n"


_PAD = {depth: "\n" + "  " * depth for depth in range(6)}


def _first(entry: tuple[str, Any, Any, Any]) -> str:
    return entry[0]


_ENCODE_BASESTRING: Callable[[str], str] = json.encoder.encode_basestring
