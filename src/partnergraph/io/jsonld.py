"""JSON-LD as partnergraph publishes it: flattened, compacted with the published context, lossless.

Every typed literal keeps its lexical form and datatype, blank nodes that only point at each
other survive, and the text is the same whichever store the triples come from: rdflib terms
or the N-Triples lines Oxigraph writes for its own.
"""

from __future__ import annotations

import gc
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from partnergraph.core import resources as _resources
from partnergraph.rdf.terms import XSD_STRING, literal

__all__ = ["context_path", "graph_jsonld", "jsonld_context", "ntriples_jsonld"]


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


def _shrinker(context: Mapping[str, str]) -> Callable[[str], str]:
    """Compacts against the embedded context itself, so the output is right for that context.

    namespaces.compact is for display and may one day differ from the published file. The
    longest matching namespace wins: one regular expression with the namespaces longest first
    finds it without trying each in Python (a big export has tens of thousands of IRIs).
    """
    by_length = sorted(context.items(), key=lambda item: -len(item[1]))
    prefix_of = {namespace: prefix for prefix, namespace in reversed(by_length)}
    match = re.compile("|".join(re.escape(ns) for _, ns in by_length)).match if by_length else None

    def shrink(iri: str) -> str:
        found = match(iri) if match else None
        if found is None:
            return iri
        namespace = found.group()
        local = iri[len(namespace) :]
        # JSON-LD leaves "p://..." alone and a bare "p:" is easy to misread; keep the full IRI.
        if not local or local.startswith("//"):
            return iri
        return f"{prefix_of[namespace]}:{local}"

    return shrink


def graph_jsonld(graph: Graph) -> str:
    """Flattened, compacted JSON-LD written directly rather than by rdflib's serializer.

    rdflib's JSON-LD writer, given a context, turns xsd:integer/double/boolean/string literals
    into native JSON values (losing lexical forms and explicit xsd:string) and silently drops
    blank nodes that are only referenced from each other (cycles). Flattened node objects with
    every typed literal as ``{"@value", "@type"}`` are lossless and still read well.
    """
    grouped: dict[Any, dict[Any, set[Any]]] = {}
    for s, p, o in graph:
        try:
            properties = grouped[s]
        except KeyError:
            grouped[s] = {p: {o}}
            continue
        try:
            properties[p].add(o)
        except KeyError:
            properties[p] = {o}
    nodes = {
        s: {p: list(objects) if len(objects) > 1 else objects.pop() for p, objects in props.items()}
        for s, props in grouped.items()
    }
    with _collector_paused():
        return _document(nodes, _rdflib_term, RDF.type)


def ntriples_jsonld(lines: Iterable[bytes]) -> str:
    """The same document from N-Triples lines (``<s> <p> o .``, UTF-8) as Oxigraph writes
    them; a line may come more than once (a triple stated in two graphs), its triple is
    written once.

    Oxigraph writes a whole store as N-Triples in Rust several times faster than Python walks
    its terms; as plain bytes the terms then group, hash and compare at C speed, and each
    distinct term is decoded and parsed once (decoding every line first costs more than the
    grouping). The text is what :func:`graph_jsonld` writes for the same triples read into
    rdflib from Oxigraph (typed literals' lexical forms normalised alike).
    """
    with _collector_paused():
        return _document(_group_lines(lines), _nt_term, f"<{RDF.type}>".encode())


def _group_lines(lines: Iterable[bytes]) -> dict[bytes, dict[bytes, bytes | list[bytes]]]:
    nodes: dict[bytes, dict[bytes, bytes | list[bytes]]] = {}
    seen: dict[bytes, bytes] = {}
    once = seen.setdefault
    for line in lines:
        # Subjects and predicates hold no space; the object keeps its " ." (see _nt_term).
        s, p, o = line.split(b" ", 2)
        o = once(o, o)  # one copy of each object: less to keep, hash and free
        properties = nodes.get(s)
        if properties is None:
            nodes[s] = {p: o}
            continue
        objects = properties.get(p)
        if objects is None:
            properties[p] = o
        elif type(objects) is bytes:
            properties[p] = [objects, o]
        else:
            objects.append(o)  # type: ignore[union-attr]
    return nodes


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a document is built.

    Grouping a big graph makes a list or dict per subject and property, and every few hundred
    of them Python's collector walks all that is alive: half the time of the grouping at
    100,000 triples. Nothing built here forms a cycle, so nothing is left for it to find.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_IRI, _BLANK, _LITERAL = 0, 1, 2

_Term = tuple[int, str, str | None, str | None]
"""What JSON-LD needs of a term: its kind; the IRI, the blank node's label or the literal's
lexical form as a JSON string; the language tag as a JSON string; the datatype IRI (None for
plain strings and language-tagged ones)."""


def _rdflib_term(node: Any) -> _Term:
    if isinstance(node, URIRef):
        return (_IRI, str(node), None, None)
    if isinstance(node, BNode):
        return (_BLANK, str(node), None, None)
    if isinstance(node, Literal):
        text = _ENCODE_BASESTRING(str(node))
        if node.language:
            return (_LITERAL, text, _ENCODE_BASESTRING(node.language), None)
        datatype = node.datatype
        return (_LITERAL, text, None, None if datatype is None else str(datatype))
    raise ValueError(f"JSON-LD cannot use a {type(node).__name__} as a node or property")


def _nt_term(line_part: bytes) -> _Term:
    """One N-Triples term as Oxigraph writes it (an object still ends in " .").

    Oxigraph escapes in a literal what JSON escapes (quote, backslash, control characters)
    and DEL besides, so a literal without a backslash is already its own JSON string. Typed
    literals' lexical forms are normalised as :func:`partnergraph.rdf.terms.literal` does
    for the terms of answers.
    """
    text = line_part.decode("utf-8")
    last = -2 if text[-2:] == " ." else len(text)
    first = text[0]
    if first == '"':
        end = text.rindex('"', 0, last)
        quoted = text[: end + 1]
        escaped = "\\" in quoted
        suffix = text[end + 1 : last]
        if suffix[:1] == "@":  # a language tag, perhaps with an RDF 1.2 direction ("@ar--rtl")
            language = _ENCODE_BASESTRING(suffix[1:].split("--")[0])
            return (_LITERAL, _json_string(quoted) if escaped else quoted, language, None)
        datatype = suffix[3:-1] or None  # ^^<datatype>
        if datatype is None or datatype == XSD_STRING:
            return (_LITERAL, _json_string(quoted) if escaped else quoted, None, None)
        lexical = _NT_ESCAPE.sub(_unescape, quoted[1:-1]) if escaped else quoted[1:-1]
        normal = str(literal(lexical, None, datatype))
        return (_LITERAL, _ENCODE_BASESTRING(normal), None, datatype)
    if first == "<" and text[1] != "<":
        return (_IRI, text[1 : last - 1], None, None)
    if first == "_":
        return (_BLANK, text[2:last], None, None)
    raise ValueError(f"JSON-LD cannot use {text[:40]!r} as a node or property")


def _json_string(quoted: str) -> str:
    return _ENCODE_BASESTRING(_NT_ESCAPE.sub(_unescape, quoted[1:-1]))


_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_NT_CHARACTERS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'"}
_NT_CHARACTERS["\\"] = "\\"


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code:
        return chr(int(code, 16))
    return _NT_CHARACTERS[match.group(3)]


class _LiteralTypes:
    """Stands for rdf:type among a node's predicates where its values are literals: those stay
    under the key "rdf:type" while the node types go to "@type"."""


_LITERAL_TYPES = _LiteralTypes()


def _document(
    nodes: dict[Any, dict[Any, Any]],
    describe: Callable[[Any], _Term],
    rdf_type: Any,
) -> str:
    """Nodes (subject -> predicate -> its one object, or a list of them, where an object
    listed twice is written once) as the published document. Most properties have one value:
    a list for each would be most of the objects made, and freed, in a big export.

    The text is exactly what ``json.dumps(document, ensure_ascii=False, indent=2)`` writes for
    the document of node objects sorted by id, keys sorted with ``@type`` first and values
    sorted by their JSON (``sort_keys``), a single value written bare. It is written here
    because json.dumps with ``indent`` runs in pure Python, several times slower than this on
    a big graph. Each distinct term is described, compacted and written once; what is left per
    triple runs in C (lookups through ``map``, sorting, joining) and per node and property is
    a few appends to one list of pieces, joined once at the end. ``nodes`` is consumed.
    """
    context = jsonld_context()
    shrink = _shrinker(context)
    encode = _ENCODE_BASESTRING
    pad2, pad3, pad4, pad5 = _PAD[2], _PAD[3], _PAD[4], _PAD[5]

    def node_name(kind: int, value: str) -> str:
        """A node's id: its compacted IRI, or its blank node label."""
        if kind == _IRI:
            return shrink(value)
        if kind == _BLANK:
            return f"_:{value}"
        raise ValueError("JSON-LD cannot use a Literal as a node or property")

    def make_id(term: Any) -> str:
        kind, value, _, _ = describe(term)
        return node_name(kind, value)

    ids: dict[Any, str] = _Made(make_id)

    # A value is written in one of two forms: as a property's only value, or as an item of a
    # list, with the key it sorts by there (its JSON with sorted keys: its JSON if a plain
    # string). Most values are met in one form only: each form is made on first use, then
    # looked up in C.
    members: dict[tuple[str | None, str | None], str | None] = {}

    def member(language: str | None, datatype: str | None) -> str | None:
        """A literal's "@language" or "@type" member; None for a plain string."""
        found = members.get((language, datatype), "")
        if found == "":
            if language:
                found = '"@language": ' + language
            elif datatype is not None:
                found = '"@type": ' + encode(shrink(datatype))
            else:
                found = None
            members[(language, datatype)] = found
        return found

    def single(term: Any) -> str:
        kind, text, language, datatype = describe(term)
        if kind != _LITERAL:  # a node: written as its id (no need to describe it twice)
            return f'{{{pad4}"@id": {encode(node_name(kind, text))}{pad3}}}'
        extra = member(language, datatype)
        if extra is None:
            return text
        return f'{{{pad4}"@value": {text},{pad4}{extra}{pad3}}}'

    def item(term: Any) -> tuple[str, str]:
        kind, text, language, datatype = describe(term)
        if kind != _LITERAL:
            name = encode(node_name(kind, text))
            return (f'{{"@id": {name}}}', f'{pad4}{{{pad5}"@id": {name}{pad4}}}')
        extra = member(language, datatype)
        if extra is None:
            return (text, pad4 + text)
        # "@value" is written first but sorts as json.dumps sorts the object's keys.
        return (
            f'{{{extra}, "@value": {text}}}',
            f'{pad4}{{{pad5}"@value": {text},{pad5}{extra}{pad4}}}',
        )

    def type_item(term: Any) -> tuple[str, str]:
        name = encode(ids[term])
        return (name, pad4 + name)

    singles: dict[Any, str] = _Made(single)
    items: dict[Any, tuple[str, str]] = _Made(item)
    type_items: dict[Any, tuple[str, str]] = _Made(type_item)
    second = itemgetter(1)

    def listing(
        objects: list[Any], table: dict[Any, tuple[str, str]], one: Callable[[Any], str]
    ) -> str:
        # dict.fromkeys drops a value listed twice (a triple stated in two graphs).
        listed = sorted(dict.fromkeys(map(table.__getitem__, objects)))
        if len(listed) == 1:
            return one(objects[0])
        return "[" + ",".join(map(second, listed)) + pad3 + "]"

    def type_single(term: Any) -> str:
        return type_items[term][0]

    # rdf:type: node types go to "@type", written right after "@id" as bare names; literal
    # values (unusual) move to a key of their own, "rdf:type". Few nodes have a combination of
    # types no other node has: each combination is written once.
    typed: dict[Any, str] = {}
    if rdf_type is not None:
        type_head = "," + pad3 + '"@type": '
        written: dict[tuple[Any, ...], str] = {}
        for subject, props in nodes.items():
            objects = props.pop(rdf_type, None)
            if objects is None:
                continue
            objects = _as_list(objects)
            combination = tuple(objects)
            text = written.get(combination)
            if text is None:
                literals = [o for o in objects if describe(o)[0] == _LITERAL]
                if literals:
                    props[_LITERAL_TYPES] = literals
                    objects = [o for o in objects if o not in literals]
                    if objects:
                        typed[subject] = type_head + listing(objects, type_items, type_single)
                    continue
                text = written[combination] = type_head + listing(objects, type_items, type_single)
            typed[subject] = text

    # Each predicate's key: how it sorts among a node's keys and how it is written (after the
    # comma that ends the member before it). A node's keys sort alike for every node with the
    # same properties in the same order, as most are: each such order is sorted once.
    predicates: set[Any] = set()
    for props in nodes.values():
        predicates.update(props)
    rank = {p: shrink(str(RDF.type)) if p is _LITERAL_TYPES else ids[p] for p in predicates}
    heads = {p: "," + pad3 + encode(key) + ": " for p, key in rank.items()}
    if len(set(rank.values())) < len(rank):
        _merge_same_keys(nodes, rank)
    order = rank.__getitem__
    sorted_keys: dict[tuple[Any, ...], list[Any]] = {}

    # Blank nodes after IRIs, each sorted by id: an IRI's id never starts with "_:" (no IRI
    # scheme and no JSON-LD prefix is "_"), a blank node's always does, so in the sorted ids
    # the blank nodes are one run, found by bisection.
    by_id = sorted(nodes, key=ids.__getitem__)
    sorted_ids = list(map(ids.__getitem__, by_id))
    first, after = bisect_left(sorted_ids, "_:"), bisect_left(sorted_ids, "_;")
    subjects = by_id[:first] + by_id[after:] + by_id[first:after]
    starts = map(encode, map(ids.__getitem__, subjects))
    types_of = map(typed.get, subjects, repeat(""))
    pieces: list[str] = []
    add = pieces.append
    start, end, close = "," + pad2 + "{" + pad3 + '"@id": ', pad2 + "}", pad3 + "]"
    for subject, name, types_text in zip(subjects, starts, types_of, strict=True):
        props = nodes[subject]
        add(start)
        add(name)
        add(types_text)
        keys: Iterable[Any] = props
        if len(props) > 1:
            signature = tuple(props)
            found = sorted_keys.get(signature)
            if found is None:
                found = sorted_keys[signature] = sorted(props, key=order)
            keys = found
        for p in keys:
            objects = props[p]
            add(heads[p])
            if type(objects) is not list:
                add(singles[objects])
                continue
            count = len(objects)
            if count == 1:
                add(singles[objects[0]])
            elif count == 2:  # most lists are pairs (a label in Danish and in English)
                a, b = items[objects[0]], items[objects[1]]
                if a == b:
                    add(singles[objects[0]])
                elif a < b:
                    add(f"[{a[1]},{b[1]}{close}")
                else:
                    add(f"[{b[1]},{a[1]}{close}")
            else:
                add(listing(objects, items, singles.__getitem__))
        add(end)

    head = json.dumps({"@context": context}, ensure_ascii=False, indent=2)[: -len("\n}")]
    if not pieces:
        return head + ',\n  "@graph": []\n}\n'
    pieces[0] = head + ',\n  "@graph": [' + pieces[0][1:]  # the first node has no comma
    add(_PAD[1] + "]\n}\n")
    return "".join(pieces)


class _Made(dict[Any, Any]):
    """A dictionary that makes a missing value on first lookup and keeps it."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        made = self[key] = self.make(key)
        return made


def _merge_same_keys(nodes: dict[Any, dict[Any, Any]], rank: dict[Any, str]) -> None:
    """Two predicates written alike (a full IRI that reads like another's compact form) share
    one key, as they would in a parsed document: their values are merged under the first."""
    first: dict[str, Any] = {}
    for predicate, key in rank.items():
        first.setdefault(key, predicate)
    for props in nodes.values():
        for predicate in [p for p in props if first[rank[p]] != p]:
            merged = _as_list(props.pop(predicate))
            into = first[rank[predicate]]
            props[into] = _as_list(props.get(into, [])) + merged


def _as_list(objects: Any) -> list[Any]:
    return objects if type(objects) is list else [objects]


_PAD = {depth: "\n" + "  " * depth for depth in range(7)}


_ENCODE_BASESTRING: Callable[[str], str] = json.encoder.encode_basestring
