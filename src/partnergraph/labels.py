"""Choosing a human label for any node, and finding a node from what a person typed.

One place decides which properties count as labels and in which order, so the CLI, describe,
query parameters and (later) the network views all name things the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from .errors import UnknownEntityError
from .namespaces import PREFIXES, compact

LABEL_PROPERTIES: tuple[URIRef, ...] = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
"""Properties that name a thing, best first."""

ALT_LABEL_PROPERTIES: tuple[URIRef, ...] = (SKOS.altLabel, SKOS.notation)
"""Other names a person may type to find a thing."""

FALLBACK_LANGUAGES = ("da", "en")


def label(graph: Graph, node: Node, lang: str = "da") -> str:
    """The best label of ``node`` in ``lang``, falling back to Danish, English, any, the IRI."""
    if isinstance(node, Literal):
        return str(node)
    candidates: list[Literal] = []
    for prop in LABEL_PROPERTIES:
        candidates = [o for o in graph.objects(node, prop) if isinstance(o, Literal)]
        if candidates:
            break
    if candidates:
        for wanted in (lang, *FALLBACK_LANGUAGES):
            for literal in sorted(candidates):
                if literal.language and literal.language.lower().startswith(wanted.lower()):
                    return str(literal)
        return str(sorted(candidates)[0])
    if isinstance(node, BNode):
        return "(anonymous)"
    return compact(str(node))


def resolve(graph: Graph, text: str, cls: str | None = None) -> URIRef:
    """Find the entity meant by ``text``: a full IRI, a prefixed name, or (part of) a label.

    An exact label match wins over a partial one; a partial match must be unambiguous. With
    ``cls`` (a prefixed name such as ``pg:Partnership``) only members of that class count.
    """
    text = text.strip()
    members = _members(graph, cls)
    iri = _as_iri(text)
    if iri is not None and (iri in members if members is not None else _known(graph, iri)):
        return iri
    names = _names(graph, members)
    folded = text.casefold()
    exact = sorted({node for name, node in names if name.casefold() == folded})
    if len(exact) == 1:
        return exact[0]
    partial = sorted({node for name, node in names if folded and folded in name.casefold()})
    pool = exact or partial
    if len(pool) == 1:
        return pool[0]
    if pool:
        options = [compact(str(n)) for n in pool[:5]]
        ambiguous = UnknownEntityError(text, options)
        ambiguous.args = (
            f"{text!r} is ambiguous: it names {len(pool)} things ({', '.join(options)}"
            f"{', ...' if len(pool) > 5 else ''}): give an IRI or prefixed name instead",
        )
        raise ambiguous
    close = difflib.get_close_matches(text, sorted({n for n, _ in names}), n=3, cutoff=0.6)
    raise UnknownEntityError(text, close)


def _as_iri(text: str) -> URIRef | None:
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return URIRef(PREFIXES[prefix] + local)
    return None


def _known(graph: Graph, iri: URIRef) -> bool:
    return (iri, None, None) in graph or (None, None, iri) in graph


def _members(graph: Graph, cls: str | None) -> set[URIRef] | None:
    if cls is None:
        return None
    cls_iri = _as_iri(cls)
    if cls_iri is None:
        raise ValueError(f"class {cls!r} is not an IRI or prefixed name")
    return {s for s in graph.subjects(RDF.type, cls_iri) if isinstance(s, URIRef)}


def _names(graph: Graph, members: set[URIRef] | None) -> list[tuple[str, URIRef]]:
    names: list[tuple[str, URIRef]] = []
    for prop in (*LABEL_PROPERTIES, *ALT_LABEL_PROPERTIES):
        for subject, value in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and (members is None or subject in members):
                names.append((str(value), subject))
    if members is not None:
        names.extend((compact(str(m)), m) for m in members)
    return names


def labels_by_language(graph: Graph, node: Node) -> dict[str, list[str]]:
    """All labels of ``node`` grouped by language tag ('' for none), for describe pages."""
    grouped: dict[str, list[str]] = {}
    for prop in LABEL_PROPERTIES:
        for value in graph.objects(node, prop):
            if isinstance(value, Literal):
                grouped.setdefault(value.language or "", []).append(str(value))
    return grouped


def first(values: Iterable[Node]) -> Node | None:
    """The first of ``values`` in a stable order, or None."""
    ordered = sorted(values, key=str)
    return ordered[0] if ordered else None
