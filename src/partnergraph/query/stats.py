"""Counts that tell what a graph holds: triples, entities per class, partnerships per type.

Computed with SPARQL so that they run inside whichever engine holds the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from rdflib import Literal

from partnergraph.core.messages import t
from partnergraph.engine.oxigraph import OxigraphStore
from partnergraph.io.results import html_table
from partnergraph.query.sources import graph_name, source_titles
from partnergraph.query.term_labels import term_labels
from partnergraph.rdf.namespaces import compact

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rdflib.term import Node

    from partnergraph.engine.stores import Store

__all__ = ["GRAPHS_SHOWN", "Stats", "compute_stats"]

_PREFIXES = """
PREFIX pg: <https://w3id.org/partnergraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_GRAPHS = """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY STR(?graph)
"""

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?entities) (SAMPLE(?l) AS ?label)
WHERE {
  ?s a ?class .
  OPTIONAL { ?class rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), ?lang)) }
}
GROUP BY ?class ORDER BY DESC(?entities) STR(?class)
"""

_TYPES = """
SELECT ?dimension ?kind (COUNT(DISTINCT ?p) AS ?partnerships)
WHERE {
  VALUES ?property { pg:collaborationType pg:category }
  ?p a pg:Partnership .
  ?property rdfs:label ?dimension FILTER(LANGMATCHES(LANG(?dimension), ?lang))
  OPTIONAL {
    ?p ?property ?t .
    ?t skos:prefLabel ?kind FILTER(LANGMATCHES(LANG(?kind), ?lang))
  }
}
GROUP BY ?dimension ?kind
ORDER BY STR(?dimension) DESC(?partnerships) STR(COALESCE(?kind, ""))
"""


GRAPHS_SHOWN = 25
"""Graphs listed one by one in the tables; more are summed up in one row (JSON has all)."""


@dataclass(frozen=True)
class Stats:
    triples: int
    graphs: list[tuple[str, int]]
    classes: list[tuple[str, str, int]]
    """(class IRI, label, number of entities), most frequent first."""
    partnership_kinds: list[tuple[str, str, int]]
    """(dimension: collaboration type or category, its value, number of partnerships)."""
    titles: dict[str, str] = field(default_factory=dict)
    """Each graph's source by its title, where the data gives one (graph IRI → title)."""

    def to_dict(self) -> dict[str, Any]:
        """The counts as ``stats --format json`` gives them, each row with named fields."""
        return {
            "triples": self.triples,
            "graphs": dict(self.graphs),
            "graph_titles": {g: self.titles[g] for g, _ in self.graphs if g in self.titles},
            "classes": [
                {"class": c, "label": label, "entities": n} for c, label, n in self.classes
            ],
            "partnerships": [
                {"dimension": d, "kind": k, "partnerships": n} for d, k, n in self.partnership_kinds
            ],
        }

    def graph_rows(self, limit: int = GRAPHS_SHOWN) -> tuple[str, list[tuple[str, str, int]]]:
        """The title and rows of the graphs table, (graph, its source's title, triples): every
        graph when there are at most ``limit``, else the ``limit`` largest and one row for all
        the others.

        A thousand municipalities make two thousand graphs: a table of them all scrolls past
        unread (and took rich seconds to draw). The JSON keeps every graph.
        """
        if len(self.graphs) <= limit:
            return t("stats.graphs"), [self._row(g, n) for g, n in self.graphs]
        largest = sorted(self.graphs, key=lambda row: (-row[1], row[0]))[:limit]
        others = len(self.graphs) - limit
        rest = self.triples - sum(n for _, n in largest)
        title = t("stats.graphs.largest", shown=limit, total=len(self.graphs))
        return title, [
            *(self._row(g, n) for g, n in largest),
            (t("stats.graphs.others", count=others), "", rest),
        ]

    def _row(self, graph: str, triples: int) -> tuple[str, str, int]:
        return graph_name(graph), self.titles.get(graph, ""), triples

    def _repr_html_(self) -> str:
        """The counts as tables in Jupyter, in the chosen language."""

        summary = t("stats.summary", triples=self.triples, graphs=len(self.graphs))
        title, graphs = self.graph_rows()
        return "".join(
            [
                f"<p>{escape(summary)}</p>",
                html_table(
                    [t("stats.graph"), t("stats.source"), t("stats.triples")], graphs, title
                ),
                html_table(
                    [t("stats.class"), t("stats.label"), t("stats.entities")],
                    [(compact(c), label, n) for c, label, n in self.classes],
                    t("stats.classes"),
                ),
                html_table(
                    [t("stats.by"), t("stats.kind"), t("stats.partnerships")],
                    self.partnership_kinds,
                    t("stats.kinds"),
                ),
            ]
        )


def compute_stats(store: Store, lang: str = "da") -> Stats:
    """The counts, asked of the engine without the set union of overlapping files.

    Every figure is a count of distinct things or a count per named graph, which triples
    stated in two files cannot change; so the engine need not first check every triple of
    every graph for a twin (at 1,000 municipalities, about 2,000 graphs, that check took as
    long as the three counts together).
    """
    bindings = {"lang": Literal(lang)}
    graphs = _rows(store, _GRAPHS)
    classes = _rows(store, _PREFIXES + _CLASSES, bindings)
    kinds = _rows(store, _PREFIXES + _TYPES, bindings)
    return Stats(
        triples=sum(int(n) for _, n in graphs),
        graphs=[(str(g), int(n)) for g, n in graphs],
        titles=source_titles(_repeats_harmless(store), [str(g) for g, _ in graphs], lang),
        classes=[(str(c), _class_label(c, lbl, lang), int(n)) for c, n, lbl in classes],
        partnership_kinds=[(str(d), str(k) if k else "-", int(n)) for d, k, n in kinds],
    )


def _repeats_harmless(store: Store) -> Store:
    """The store as a view that need not check overlapping files first (titles are the same
    however often a triple is stated; see ``OxigraphStore.repeats_harmless``)."""
    return store.repeats_harmless() if isinstance(store, OxigraphStore) else store


def _class_label(cls: object, stated: object, lang: str) -> str:
    """The class's name in the data, else the standard term's name (``skos:Concept`` is
    "begreb"): a count is read by its name, and the standard vocabularies name their classes in
    English only, or not at all."""
    if stated:
        return str(stated)
    return term_labels().label(str(cls), lang) or ""


def _rows(
    store: Store, text: str, bindings: Mapping[str, Node] | None = None
) -> list[tuple[Any, ...]]:
    # The store binds the parameters as its engine needs (a remote Virtuoso needs more than a
    # VALUES block to keep a parameter used only inside an OPTIONAL's FILTER).
    return store.select_plain(text, bindings)[1]
