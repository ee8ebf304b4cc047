"""Naming a blank node by what it is and what points to it: "periode for «Aftale med X»".

A blank node (a period written as ``dcterms:temporal [ ... ]``) has no IRI, and the id a
parser gives it means nothing to a reader and changes on every load: a report that shows it
leaves the reader nothing to search the files for. What the reader can find is the thing that
points to it, so a blank node is named by its kind (its type's name in the ontology, else the
name of the property pointing to it) and that thing's name, in the reader's language.

A later query cannot name a blank node, so what surrounds the blank nodes is asked for in one
query, and only by a caller that has met one. Oxigraph keeps a blank node's id, so on an
Oxigraph store the blank nodes met are looked up by id in its indexes instead (milliseconds,
where the query reads every triple: about 2 s at a million).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from partnergraph.core.messages import t
from partnergraph.engine.oxigraph import OxigraphStore
from partnergraph.io.results import SelectResult
from partnergraph.query.labels import LABEL_PROPERTIES, Labeller
from partnergraph.query.term_labels import term_labels
from partnergraph.rdf.terms import from_ox

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store

__all__ = ["Blanks", "blanks_around"]

DEPTH = 3
"""How many blank nodes up a name may follow (a blank node pointed to by another one)."""

_LABELS = " ".join(p.n3() for p in LABEL_PROPERTIES)


def blanks_around(store: Store, within: str = "", nodes: Iterable[Node] = ()) -> Blanks:
    """The types, labels and referrers of the blank nodes of ``store``; ``within``, a group
    pattern binding ``?b``, keeps only some (``describe`` asks for those pointing to its
    thing). On an Oxigraph store, ``nodes`` (the blank nodes met) are looked up by id, and
    the blank nodes pointing to them, :data:`DEPTH` deep: what :meth:`Blanks.name` needs."""
    wanted = [n for n in nodes if isinstance(n, BNode)]
    if wanted and not within and isinstance(store, OxigraphStore):
        return _looked_up(store.store, wanted)
    result = store.run(
        f"SELECT ?b ?t ?s ?p ?lp ?l WHERE {{ {within} "
        f"{{ ?s ?p ?b }} UNION {{ ?b a ?t }} UNION {{ VALUES ?lp {{ {_LABELS} }} ?b ?lp ?l }} "
        "FILTER (isBlank(?b)) }"
    )
    assert isinstance(result, SelectResult)
    blanks = Blanks()
    for b, kind, s, p, lp, value in result.rows:
        if b is None:
            continue
        if kind is not None:
            blanks.types.setdefault(b, []).append(kind)
        elif s is not None and p is not None:
            blanks.referrers.setdefault(b, []).append((s, p))
        elif lp is not None and value is not None:
            blanks.labels.setdefault(b, []).append((lp, value))
    return blanks


_TYPE = ox.NamedNode(str(RDF.type))
_LABEL_TERMS = tuple(ox.NamedNode(str(p)) for p in LABEL_PROPERTIES)


def _looked_up(store: ox.Store, nodes: Iterable[BNode]) -> Blanks:
    """:func:`blanks_around` for ``nodes`` in Oxigraph's indexes (the same quads, once each,
    whichever graphs state them)."""
    blanks = Blanks()
    todo, seen = [(node, DEPTH) for node in nodes], set()
    while todo:
        node, depth = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        blank = ox.BlankNode(str(node))
        referrers = {(q.subject, q.predicate) for q in store.quads_for_pattern(None, None, blank)}
        kinds = {q.object for q in store.quads_for_pattern(blank, _TYPE, None)}
        labels = {
            (q.predicate, q.object)
            for prop in _LABEL_TERMS
            for q in store.quads_for_pattern(blank, prop, None)
        }
        for subject, prop in referrers:
            found = from_ox(subject)
            assert found is not None
            blanks.referrers.setdefault(node, []).append((found, URIRef(prop.value)))
            if isinstance(found, BNode) and depth > 1:
                todo.append((found, depth - 1))
        named: list[Node] = [URIRef(k.value) for k in kinds if isinstance(k, ox.NamedNode)]
        if named:
            blanks.types[node] = named
        for prop, value in labels:
            label = from_ox(value)
            assert label is not None
            blanks.labels.setdefault(node, []).append((URIRef(prop.value), label))
    return blanks


@dataclass
class Blanks:
    """What surrounds some blank nodes, to name them (see :meth:`name`)."""

    types: dict[Node, list[Node]] = field(default_factory=dict)
    referrers: dict[Node, list[tuple[Node, Node]]] = field(default_factory=dict)
    """Each blank node's ``(subject, property)`` pairs pointing to it."""
    labels: dict[Node, list[tuple[Node, Node]]] = field(default_factory=dict)

    def teach(self, labeller: Labeller, nodes: Iterable[Node] = ()) -> None:
        """Hand the blank nodes' own labels to ``labeller`` (it cannot ask for them) and have
        it fetch, in one batch, the names of the types, properties and things around them."""
        for node, pairs in self.labels.items():
            for prop, value in pairs:
                labeller.add(node, prop, value)
        around: list[Node] = list(nodes)
        for kinds in self.types.values():
            around += kinds
        for pairs in self.referrers.values():
            around += [n for pair in pairs for n in pair]
        labeller.prefetch(around)

    def name(self, node: Node, labeller: Labeller, lang: str) -> str:
        """``node``'s name for a reader: its own label, else its kind and what points to it
        ("periode for «Aftale med X»"), else the catalogue's word for an unnamed thing."""
        return self._name(node, labeller, lang, DEPTH)

    def _name(self, node: Node, labeller: Labeller, lang: str, depth: int) -> str:
        if not isinstance(node, BNode):
            return labeller(node, lang)
        kind = self._kind(node, labeller, lang)
        if labeller.has_label(node):
            kind = t("blank.labelled", lang, kind=kind, label=labeller(node, lang))
        referrers = sorted(
            self.referrers.get(node, ()),
            key=lambda pair: (isinstance(pair[0], BNode), labeller(pair[0], lang), str(pair[1])),
        )
        for subject, _ in referrers:
            if isinstance(subject, BNode):
                if depth <= 1 or subject == node:
                    continue
                owner = self._name(subject, labeller, lang, depth - 1)
            else:
                owner = labeller(subject, lang)
            return t("blank.of", lang, kind=kind, owner=owner)
        return kind

    def _kind(self, node: Node, labeller: Labeller, lang: str) -> str:
        """What ``node`` is: its type's name, else the name of the property pointing to it
        (``dcterms:temporal`` is "periode"), else "unavngiven ting"."""
        named = sorted(
            filter(None, (_term_name(kind, labeller, lang) for kind in self.types.get(node, ())))
        )
        if named:
            return named[0]
        for _, prop in sorted(self.referrers.get(node, ()), key=lambda pair: str(pair[1])):
            found = _term_name(prop, labeller, lang)
            if found:
                return found
        return t("blank.thing", lang)


def _term_name(term: Node, labeller: Labeller, lang: str) -> str | None:
    """A type's or property's name: the standard terms' Danish and English names, else the
    ontology's (in the store); None for a term nobody named."""
    if not isinstance(term, URIRef):
        return None
    return term_labels().label(term, lang) or (
        labeller(term, lang) if labeller.has_label(term) else None
    )
