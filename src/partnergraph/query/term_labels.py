"""Danish and English names of the standard terms (``dcterms:source`` is "kilde"/"source").

Their own vocabularies name them in English only, or not at all, so partnergraph keeps the
names in one RDF file, ``ontology/term-labels.ttl``. It is vocabulary, not facts: it is not
loaded into the data graph (query answers and statistics stay as they are), and this module is
its one reader, for ``describe``, the pages and the site alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal
from rdflib.namespace import RDFS
from rdflib.term import Node

from partnergraph.core.resources import TERM_LABELS_FILE, ontology_dir
from partnergraph.rdf.namespaces import PG

__all__ = ["INVERSE_LABEL", "TermLabels", "term_labels"]

INVERSE_LABEL = PG.inverseLabel
"""How a relation reads from its other end (declared in the file itself)."""

Names = Mapping[str, Mapping[str, str]]
"""Term IRI → language → name."""


@dataclass(frozen=True)
class TermLabels:
    labels: Names
    """The terms' names (``rdfs:label``)."""
    inverse: Names
    """How a property reads from the other end (``pg:inverseLabel``): "medlem af"."""

    def label(self, term: Node | str, lang: str) -> str | None:
        """The name of ``term`` in ``lang`` (English for a language the file lacks), or None."""
        return _pick(self.labels.get(str(term)), lang)

    def inverse_label(self, term: Node | str, lang: str) -> str | None:
        return _pick(self.inverse.get(str(term)), lang)


def _pick(names: Mapping[str, str] | None, lang: str) -> str | None:
    if not names:
        return None
    return names.get(lang) or names.get("en")


@cache
def term_labels() -> TermLabels:
    """The names in ``ontology/term-labels.ttl``, read once."""
    graph = Graph().parse(ontology_dir() / TERM_LABELS_FILE, format="turtle")
    return TermLabels(_names(graph, RDFS.label), _names(graph, INVERSE_LABEL))


def _names(graph: Graph, prop: Node) -> Names:
    found: dict[str, dict[str, str]] = {}
    for term, name in sorted(graph.subject_objects(prop)):
        if isinstance(name, Literal) and name.language:
            found.setdefault(str(term), {})[name.language] = str(name)
    return found
