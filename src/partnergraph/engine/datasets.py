"""Sources as datasets: each source mints the ids of what it introduces in its own namespace.

The IRI scheme (published IRIs never change):

- ``https://w3id.org/partnergraph/id/<id>``: the shared namespace. The Norddjurs memo data (the
  first source, published before datasets had namespaces of their own) and its editions keep
  their IRIs here, and so do things meant to be shared, named on purpose as ``pgid:<id>``.
- ``https://w3id.org/partnergraph/id/<dataset>/<id>``: what a workbook imported as the dataset
  ``<dataset>`` introduces with a bare id. Two workbooks that both use ``okonomiudvalget`` name
  two committees, never one by accident.

A dataset states its namespace with ``void:uriSpace`` in its DCAT description; a new edition
(``import --replaces``) mints in the namespace of the dataset it replaces, so a thing keeps its
IRI from one edition to the next.

An import is also checked against the data already loaded: naming something that another source
already describes, with different facts, is refused with one message naming both sources and the
facts that disagree (:func:`check_conflicts`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VOID
from rdflib.term import Node

from partnergraph.core.errors import DataError
from partnergraph.core.messages import t, using
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.stores import Store
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.rdf.namespaces import BASE, PGID, compact

__all__ = [
    "SourceConflictError",
    "TermName",
    "check_conflicts",
    "described_as",
    "import_namespace",
    "is_source_graph",
    "namespace_for",
    "namespace_of",
    "other_sources",
    "sources_only",
]

_SLUG = re.compile(r"[^a-z0-9]+")

_NOT_COMPARED = {DCTERMS.source, RDFS.seeAlso, OWL.sameAs}
"""Properties two sources may well state differently about one thing: where they say it."""


_ADDED_UP = {RDF.type, SKOS.altLabel}
"""Properties whose values add up across sources rather than disagree: a thing's types (a
workbook states fewer of the standard ones) and its other names (one source knows it as "AU",
another as "Aarhus Uni")."""


class SourceConflictError(DataError):
    """An imported source describes a thing another source already describes, differently."""


def namespace_for(name: str) -> str:
    """The namespace of the dataset called ``name``: ``pgid:<slug>/``."""
    slug = _SLUG.sub("-", name.lower()).strip("-") or "dataset"
    return f"{BASE}id/{slug}/"


def namespace_of(data: Graph | Dataset, dataset: URIRef) -> str | None:
    """The namespace ``dataset`` states (``void:uriSpace``), if the loaded data describes it."""
    for value in data.objects(dataset, VOID.uriSpace):
        return str(value)
    return None


def import_namespace(existing: Dataset, stem: str, replaces: URIRef | None) -> str:
    """Where an import writing ``<stem>.ttl`` mints its bare ids.

    A new edition mints in the namespace of the dataset it replaces (the shared namespace when
    that dataset is not loaded: editions made before datasets had namespaces used it). A
    re-import of a loaded dataset (its graph is ``graph/<stem>``) keeps that dataset's
    namespace. Anything else is a new dataset with a namespace of its own.
    """
    if replaces is not None:
        return namespace_of(existing, replaces) or str(PGID)
    dataset = described_as(existing, stem)
    found = namespace_of(existing, dataset) if dataset is not None else None
    return found or namespace_for(stem)


def described_as(existing: Dataset | Graph, stem: str) -> URIRef | None:
    """The loaded dataset whose graph is ``graph/<stem>`` (``void:subset``), if any."""
    for dataset in existing.subjects(VOID.subset, URIRef(GRAPH_BASE + stem)):
        if isinstance(dataset, URIRef):
            return dataset
    return None


def other_sources(existing: Dataset, stem: str) -> Graph:
    """The loaded data without the graphs an import writing ``<stem>.ttl`` replaces."""
    replaced = {URIRef(GRAPH_BASE + stem + suffix) for suffix in ("", "-mappings", "-editorial")}
    others = Graph()
    for s, p, o, g in existing.quads():
        name = getattr(g, "identifier", g)
        if name not in replaced:
            others.add((s, p, o))
    return others


TermName = Callable[[str, str], str | None]
"""The name of a standard term (``skos:prefLabel`` is "navn") in a language, if known."""


def check_conflicts(
    facts: Graph,
    existing: Dataset | Graph,
    *,
    source: str,
    lang: str = "da",
    term_name: TermName | None = None,
) -> None:
    """Refuse ``facts`` (from ``source``) when they name a thing ``existing`` already describes
    and give a property a value the existing data does not (per language for texts): another
    name, another member, another start. Stating less than the other source is no conflict.

    The message names the thing, the sources that describe it, the property and both values
    by their names as well as their ids (``term_name`` names the standard properties, which the
    data itself does not name), in ``lang``."""
    conflicts: list[tuple[URIRef, URIRef, set[Node], set[Node]]] = []
    for subject in sorted({s for s in facts.subjects() if isinstance(s, URIRef)}):
        if (subject, None, None) not in existing:
            continue
        for predicate in sorted(set(facts.predicates(subject)), key=str):
            if predicate in _NOT_COMPARED or not isinstance(predicate, URIRef):
                continue
            new = {o for o in facts.objects(subject, predicate) if not isinstance(o, BNode)}
            old = {o for o in existing.objects(subject, predicate) if not isinstance(o, BNode)}
            if predicate in _ADDED_UP:
                continue  # types add up (a workbook states fewer of the standard ones)
            for mine, theirs in _by_language(new, old).values():
                # saying less than the other source is fine; saying something else is not
                if theirs and mine - theirs:
                    conflicts.append((subject, predicate, mine, theirs))
    if conflicts:
        with using(lang):
            raise _conflict_error(conflicts, facts, existing, source, lang, term_name)


def _by_language(new: set[Node], old: set[Node]) -> dict[str, tuple[set[Node], set[Node]]]:
    groups: dict[str, tuple[set[Node], set[Node]]] = defaultdict(lambda: (set(), set()))
    for index, values in enumerate((new, old)):
        for value in values:
            key = value.language or "" if isinstance(value, Literal) else ""
            groups[key][index].add(value)
    return {k: v for k, v in groups.items() if v[0]}


def _label(node: Node, graphs: tuple[Graph | Dataset, ...], lang: str) -> str | None:
    """The name ``node`` has in the data (``skos:prefLabel``, else ``rdfs:label``) in ``lang``,
    else in Danish, else in English."""
    for prop in (SKOS.prefLabel, RDFS.label):
        found: dict[str, str] = {}
        for graph in graphs:
            for value in graph.objects(node, prop):
                if isinstance(value, Literal):
                    found.setdefault(value.language or "", str(value))
        for wanted in (lang, "da", "en", ""):
            if wanted in found:
                return found[wanted]
    return None


def _conflict_error(
    conflicts: list[tuple[URIRef, URIRef, set[Node], set[Node]]],
    facts: Graph,
    existing: Dataset | Graph,
    source: str,
    lang: str,
    term_name: TermName | None,
) -> SourceConflictError:
    graphs = (existing, facts)  # a thing by the name the other source gives it

    def named(node: Node) -> str:
        if not isinstance(node, URIRef):
            return node.n3()
        short = compact(str(node))
        name = _label(node, graphs, lang) or (term_name(str(node), lang) if term_name else None)
        return f"{short} ({name})" if name and name != short else short

    def shown(values: set[Node]) -> str:
        return ", ".join(named(v) for v in sorted(values, key=str))

    subject, predicate, mine, theirs = conflicts[0]
    others = sorted(
        {o for o in existing.objects(subject, DCTERMS.source) if isinstance(o, URIRef)}, key=str
    )
    more = len(conflicts) - 1
    return SourceConflictError.of(
        "import.conflict",
        path=source,
        thing=named(subject),
        other=", ".join(named(o) for o in others) or t("import.conflict.loaded"),
        property=named(predicate),
        mine=shown(mine),
        theirs=shown(theirs),
        more=t(f"import.conflict.more.{'one' if more == 1 else 'many'}", n=more) if more else "",
    )


def is_source_graph(name: str) -> bool:
    """Whether a named graph holds what a source says: not the register, not editorial
    additions (``...-editorial``), which no edition of a source restates."""
    return name != GRAPH_BASE + "register" and not name.endswith("-editorial")


def sources_only(store: Store) -> Store:
    """``store`` without the register and editorial graphs (``store`` itself when it has
    none), so that two editions are compared on what their sources say."""
    if all(is_source_graph(name) for name in store.graph_names()):
        return store
    kept = Dataset(default_union=True)
    for graph in store.to_dataset().graphs():
        if is_source_graph(str(graph.identifier)):
            target = kept.graph(graph.identifier)
            for triple in graph:
                target.add(triple)
    return MemoryStore(kept)
