"""Choosing a human label for any node (finding a node by name is :mod:`partnergraph.query.names`).

One place decides which properties count as labels and in which order, so the CLI, describe,
query parameters and the network views all name things the same way.

The choice works on plain ``(lexical form, language)`` pairs, not rdflib literals: a network of
30,000 nodes chooses 90,000 labels, and sorting rdflib literals (whose comparison implements
SPARQL's whole ORDER BY) cost more than the rest of the choosing. Strings, with or without a
language tag, are ordered as rdflib orders them (no language first, then by language tag, then
by text); a literal of another datatype among a node's labels is rare enough to be left to
rdflib's comparison itself, so every answer stays what it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from partnergraph.core.messages import t
from partnergraph.rdf.namespaces import compact
from partnergraph.rdf.terms import XSD_STRING, literal

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store

LABEL_PROPERTIES: tuple[URIRef, ...] = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
"""Properties that name a thing, best first."""

ALT_LABEL_PROPERTIES: tuple[URIRef, ...] = (SKOS.altLabel, SKOS.notation)
"""Other names a person may type to find a thing."""

FALLBACK_LANGUAGES = ("da", "en")

_RANK: dict[str, int] = {str(p): i for i, p in enumerate(LABEL_PROPERTIES)}
_OTHER = len(LABEL_PROPERTIES)
"""The rank of a literal of any other property: it counts for :meth:`Labeller.has_label` only."""

_Entry: TypeAlias = tuple[int, str, str | None, Literal | None]
"""One literal found for a node: its property's rank in :data:`LABEL_PROPERTIES` (or
:data:`_OTHER`), its text, its language tag, and, for a literal that is not a string (a datatype
other than ``xsd:string``), the rdflib literal itself, which only rdflib knows how to order."""


def choose(node: Node | str, found: Iterable[tuple[Node, Node]], lang: str = "da") -> str:
    """Pick the best label from ``(property, value)`` pairs: the first label property that has
    any, in ``lang``, else Danish, English, any language; else a compact IRI."""
    entries = [
        _entry(_RANK.get(str(prop), _OTHER), value)
        for prop, value in found
        if isinstance(value, Literal)
    ]
    return _choose(node, entries, lang)


def label(graph: Graph, node: Node, lang: str = "da") -> str:
    """The best label of ``node`` in an rdflib graph (see :func:`choose`)."""
    if isinstance(node, Literal):
        return str(node)
    return choose(node, ((p, o) for p in LABEL_PROPERTIES for o in graph.objects(node, p)), lang)


def _entry(rank: int, value: Literal) -> _Entry:
    datatype = value.datatype
    if datatype is None or datatype == XSD_STRING:
        return (rank, str(value), value.language, None)
    return (rank, str(value), value.language, value)


def _plain_entry(rank: int, lexical: str, language: str | None, datatype: str) -> _Entry:
    """The entry of a literal an engine gave as text (see ``Store.select_plain``)."""
    if language or datatype == XSD_STRING:
        return (rank, lexical, language, None)
    typed = literal(lexical, None, datatype)  # the term the engine's converter would make
    return (rank, str(typed), None, typed)


def _choose(node: Node | str, entries: Sequence[_Entry], lang: str) -> str:
    if len(entries) == 1 and entries[0][0] < _OTHER:
        return entries[0][1]
    best = min((entry[0] for entry in entries), default=_OTHER)
    if best < _OTHER:
        return _pick([entry for entry in entries if entry[0] == best], lang)
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, BNode):
        # Nothing around it is known here: a word in the reader's language, not a made-up id
        # (query.blank_names names one by what it is and what points to it).
        return t("blank.unnamed", lang or None)
    return compact(str(node))


def _pick(entries: list[_Entry], lang: str) -> str:
    """One property's best literal: in ``lang``, else Danish, English, else the first, in
    rdflib's order of string literals (no language first, then by tag, then by text)."""
    if len(entries) == 1:
        return entries[0][1]
    ordered: list[tuple[bool, str, str, str]] = []
    for _, text, language, typed in entries:
        if typed is not None:
            return _pick_by_rdflib(entries, lang)
        if language:
            ordered.append((True, language, text, language.lower()))
        else:
            ordered.append((False, "", text, ""))
    ordered.sort()
    for wanted in (lang, *FALLBACK_LANGUAGES):
        prefix = wanted.lower()
        for tagged, _, text, lower in ordered:
            if tagged and lower.startswith(prefix):
                return text
    return ordered[0][2]


def _pick_by_rdflib(entries: list[_Entry], lang: str) -> str:
    """:func:`_pick` with rdflib ordering the literals, for a property with a typed literal."""
    candidates = sorted(
        typed if typed is not None else Literal(text, lang=language)
        for _, text, language, typed in entries
    )
    for wanted in (lang, *FALLBACK_LANGUAGES):
        for value in candidates:
            if value.language and value.language.lower().startswith(wanted.lower()):
                return str(value)
    return str(candidates[0])


_LABEL_TERMS = tuple(p.n3() for p in LABEL_PROPERTIES)
_ASKABLE = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|\\^`]*')
"""An absolute IRI without what rdflib refuses in one it writes (and what could end it in a
query's text): anything else names nothing in a store and is not asked about."""


def _iri(node: Any) -> str | None:
    """An IRI node's key: plain strings are IRIs (as in ``Store.select_plain``'s rows)."""
    if type(node) is str:
        return node
    if isinstance(node, URIRef):
        return str(node)
    return None


class Labeller:
    """Labels of many nodes from any store, fetched in a few batched queries and cached.

    Nodes are rdflib terms or, as in ``Store.select_plain``'s rows, IRIs as plain ``str``; both
    name the same node. Blank nodes cannot be looked up by a later query, so whoever meets one
    in a result can hand its labels over with :meth:`add`.
    """

    BATCH = 5000
    """Nodes per label query: large enough that a network needs one or two, small enough that
    the query text stays a few hundred kB for a remote endpoint."""

    def __init__(self, store: Store, lang: str = "da") -> None:
        self.store = store
        self.lang = lang
        self._found: dict[Any, list[_Entry]] = {}
        """Each node's literals, keyed by the IRI's ``str`` (plain strings hash and compare far
        faster than rdflib terms) or by the node itself (a blank node)."""
        self._chosen: dict[tuple[Any, str], str] = {}

    def prefetch(self, nodes: Iterable[Node | str]) -> None:
        found = self._found
        wanted = sorted(
            {
                iri
                for iri in map(_iri, nodes)
                if iri is not None and iri not in found and _ASKABLE.fullmatch(iri)
            }
        )
        for start in range(0, len(wanted), self.BATCH):
            chunk = wanted[start : start + self.BATCH]
            for iri in chunk:
                found[iri] = []
            # One VALUES block of (node, property) pairs: the engine looks each pair up in its
            # index. Two separate VALUES blocks (nodes, properties) make Oxigraph scan every
            # label of the store for each batch instead.
            pairs = " ".join(f"(<{iri}> {p})" for iri in chunk for p in _LABEL_TERMS)
            _, rows = self.store.select_plain(
                f"SELECT ?x ?p ?l WHERE {{ VALUES (?x ?p) {{ {pairs} }} ?x ?p ?l }}", lexical=True
            )
            for x, p, value in rows:
                if type(value) is tuple and x in found:
                    found[x].append(_plain_entry(_RANK.get(p, _OTHER), *value))

    def add(self, node: Node | str, prop: Node, value: Node) -> None:
        if not isinstance(value, Literal):
            return  # only literals name a node
        key = _key(node)
        entries = self._found.setdefault(key, [])
        entry = _entry(_RANK.get(str(prop), _OTHER), value)
        if entry not in entries:
            entries.append(entry)
            if self._chosen:
                self._chosen = {k: v for k, v in self._chosen.items() if _key(k[0]) != key}

    def has_label(self, node: Node | str) -> bool:
        key = _key(node)
        self._ensure(key)
        return bool(self._found.get(key))

    def __call__(self, node: Node | str | None, lang: str | None = None) -> str:
        if type(node) is not str:  # IRIs as plain strings (networks) go straight to the cache
            if node is None:
                return ""
            if isinstance(node, Literal):
                return str(node)
        # Cached by the node as given: a plain string hashes and compares fastest.
        cached = (node, lang or self.lang)
        chosen = self._chosen.get(cached)
        if chosen is None:
            key = _key(node)
            self._ensure(key)
            chosen = self._chosen[cached] = _choose(node, self._found.get(key, ()), cached[1])
        return chosen

    def _ensure(self, key: Any) -> None:
        if type(key) is str and key not in self._found:
            self.prefetch([key])


def _key(node: Any) -> Any:
    """A node's key in :attr:`Labeller._found`: an IRI's ``str``, else the node itself."""
    iri = _iri(node)
    return node if iri is None else iri
