"""Everything known about one entity, in both directions, with labels.

Built from three SPARQL queries, so it works the same on every store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from partnergraph.core.messages import t
from partnergraph.io.results import SelectResult, html_table
from partnergraph.query.blank_names import blanks_around
from partnergraph.query.labels import LABEL_PROPERTIES, Labeller
from partnergraph.query.sources import graph_name, source_titles
from partnergraph.query.term_labels import term_labels

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store

__all__ = ["Description", "Link", "describe_entity"]


@dataclass(frozen=True)
class Link:
    """One statement about the entity, with labels ready to show."""

    predicate: Node
    predicate_label: str
    node: Node
    node_label: str
    said_by: tuple[str, ...] = ()
    """The sources (named graphs, by their labels) that state this fact: which source says what."""
    predicate_key: str = ""
    """The property as ``--format json`` names it, stable for programs: the data's own label,
    else the prefixed name (``dcterms:source``); ``predicate_label`` is for people ("kilde")."""


@dataclass(frozen=True)
class Description:
    iri: URIRef
    label: str
    types: list[str]
    labels: dict[str, list[str]]
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    type_keys: list[str] = field(default_factory=list)
    """The types as ``--format json`` names them (see :attr:`Link.predicate_key`)."""
    status: str = ""
    """Where an agreement or decision stands on the day asked about ("Status pr. ...");
    empty for other things."""

    def to_dict(self, *, status: str = "") -> dict[str, Any]:
        """The description as ``describe --format json`` gives it (``status`` overrides the
        status line)."""
        return {
            "iri": str(self.iri),
            "label": self.label,
            "status": status or self.status or None,
            "types": self.type_keys,
            "sources": self.sources,
            "outgoing": [
                {
                    "property": k.predicate_key,
                    "value": k.node_label,
                    "iri": str(k.node) if isinstance(k.node, URIRef) else None,
                    "said_by": list(k.said_by),
                }
                for k in self.outgoing
            ],
            "incoming": [
                {
                    "property": k.predicate_key,
                    "from": k.node_label,
                    "iri": str(k.node),
                    "said_by": list(k.said_by),
                }
                for k in self.incoming
            ],
        }

    def _repr_html_(self) -> str:
        """The description as a Jupyter notebook shows it: name, types, source, both tables."""

        parts = [
            f"<h3>{escape(self.label)}</h3><p><code>{escape(str(self.iri))}</code></p>",
            f"<p>{escape(t('describe.types'))}: {escape(', '.join(self.types))}</p>",
        ]
        if self.sources:
            parts.append(
                f"<p>{escape(t('describe.source'))}: {escape('; '.join(self.sources))}</p>"
            )
        for heading, links, column in (
            (t("describe.out"), self.outgoing, t("describe.value")),
            (t("describe.in"), self.incoming, t("describe.from")),
        ):
            if links:
                rows = [(link.predicate_label, link.node_label) for link in links]
                parts.append(html_table([t("describe.property"), column], rows, heading))
        return "".join(parts)


def describe_entity(store: Store, iri: URIRef, lang: str = "da") -> Description:
    """Describe ``iri``: its labels and types, what it links to and what links to it."""
    me = iri.n3()
    out = _rows(store, f"SELECT ?p ?o WHERE {{ {me} ?p ?o }}")
    into = _rows(store, f"SELECT ?s ?p WHERE {{ ?s ?p {me} }}")
    graphs: dict[tuple[Node, ...], set[Node]] = {}
    for p, o, g in _rows(store, f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {me} ?p ?o }} }}"):
        graphs.setdefault((p, o), set()).add(g)
    for s, p, g in _rows(store, f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {me} }} }}"):
        graphs.setdefault((s, p), set()).add(g)
    nested = _rows(
        store, f"SELECT ?b ?p ?o WHERE {{ {me} ?via ?b . FILTER(isBlank(?b)) ?b ?p ?o }}"
    )
    inner: dict[Node, list[tuple[Node, Node]]] = {}
    for b, p, o in nested:
        inner.setdefault(b, []).append((p, o))
    labeller = Labeller(store, lang)
    terms = term_labels()

    def term_label(term: Node) -> str:
        """A standard term by its Danish or English name ("kilde"), else as the data names it."""
        return terms.label(term, lang) or labeller(term)

    labeller.prefetch(
        [iri, *(n for row in out for n in row), *(n for row in into for n in row)]
        + [n for row in nested for n in row[1:]]
    )
    # A thing without an IRI pointing here is named by what it is and what points to it.
    blanks = (
        blanks_around(store, f"?b ?via {me} .")
        if any(isinstance(s, BNode) for s, _ in into)
        else None
    )
    if blanks is not None:
        blanks.teach(labeller)

    def referrer_label(node: Node) -> str:
        if blanks is not None and isinstance(node, BNode):
            return blanks.name(node, labeller, lang)
        return labeller(node)

    titles = source_titles(store, {g for found in graphs.values() for g in found}, lang, labeller)

    def graph_label(graph: Node) -> str:
        """A source by its title (see :mod:`partnergraph.query.sources`), so a reader never
        sees a file's name; a graph with no title at all by its short name."""
        return titles.get(str(graph)) or graph_name(graph)

    def said_by(key: tuple[Node, ...]) -> tuple[str, ...]:
        return tuple(sorted({graph_label(g) for g in graphs.get(key, ())}))

    def value_label(node: Node) -> str:
        if isinstance(node, Literal):
            return f"{node} @{node.language}" if node.language else str(node)
        if isinstance(node, BNode):
            parts = [
                f"{term_label(p)}: {value_label(o)}"
                for p, o in sorted(inner.get(node, []), key=_by_text)
                if p != RDF.type
            ]
            return "[" + "; ".join(parts) + "]"
        return labeller(node)

    # A text said in the reader's language stands for its translations (names excepted: each
    # language's name is a way to find the thing).
    translated = {p for p, o in out if isinstance(o, Literal) and o.language == lang} - set(
        LABEL_PROPERTIES
    )

    def shown(p: Node, o: Node) -> bool:
        if p == RDF.type:
            return False
        other = isinstance(o, Literal) and o.language and o.language != lang
        return not (other and p in translated)

    outgoing = [
        Link(p, term_label(p), o, value_label(o), said_by((p, o)), labeller(p))
        for p, o in sorted(out, key=_by_text)
        if shown(p, o)
    ]
    incoming = [
        Link(p, term_label(p), s, referrer_label(s), said_by((s, p)), labeller(p))
        for s, p in sorted(into, key=lambda r: _by_text((r[1], r[0])))
    ]
    type_nodes = {o for p, o in out if p == RDF.type}
    types = sorted({term_label(o) for o in type_nodes})
    labels: dict[str, list[str]] = {}
    for p, o in out:
        if p in LABEL_PROPERTIES and isinstance(o, Literal):
            labels.setdefault(o.language or "", []).append(str(o))
    sources = sorted({labeller(o) for p, o in out if p == DCTERMS.source})
    type_keys = sorted({labeller(o) for o in type_nodes})
    return Description(iri, labeller(iri), types, labels, outgoing, incoming, sources, type_keys)


def _rows(store: Store, text: str) -> list[tuple[Node, ...]]:
    result = store.run(text)
    assert isinstance(result, SelectResult)
    return [tuple(c for c in row if c is not None) for row in result.rows]


def _by_text(pair: tuple[Node, ...]) -> tuple[str, ...]:
    """A stable order whatever the engine: text, then language, then datatype."""
    key: list[str] = []
    for node in pair:
        key += [
            str(node),
            getattr(node, "language", None) or "",
            str(getattr(node, "datatype", "")),
        ]
    return tuple(key)
