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

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VOID
from rdflib.term import Node

from partnergraph.core.errors import DataError
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.stores import Store
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.rdf.namespaces import BASE, PGID, compact

__all__ = [
    "SourceConflictError",
    "check_conflicts",
    "described_as",
    "import_namespace",
    "is_source_graph",
    "namespace_for",
    "namespace_of",
    "other_sources",
    "similar_names",
    "sources_only",
]

_SLUG = re.compile(r"[^a-z0-9]+")

_NOT_COMPARED = {DCTERMS.source, RDFS.seeAlso, OWL.sameAs}
"""Properties two sources may well state differently about one thing: where they say it."""


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


def check_conflicts(
    facts: Graph, existing: Dataset | Graph, *, source: str, lang: str = "da"
) -> None:
    """Refuse ``facts`` (from ``source``) when they name a thing ``existing`` already describes
    and give a property a value the existing data does not (per language for texts): another
    name, another member, another start. Stating less than the other source is no conflict."""
    conflicts: list[tuple[URIRef, URIRef, set[Node], set[Node]]] = []
    for subject in sorted({s for s in facts.subjects() if isinstance(s, URIRef)}):
        if (subject, None, None) not in existing:
            continue
        for predicate in sorted(set(facts.predicates(subject)), key=str):
            if predicate in _NOT_COMPARED or not isinstance(predicate, URIRef):
                continue
            new = {o for o in facts.objects(subject, predicate) if not isinstance(o, BNode)}
            old = {o for o in existing.objects(subject, predicate) if not isinstance(o, BNode)}
            if predicate == RDF.type:
                continue  # types add up (a workbook states fewer of the standard ones)
            for mine, theirs in _by_language(new, old).values():
                # saying less than the other source is fine; saying something else is not
                if theirs and mine - theirs:
                    conflicts.append((subject, predicate, mine, theirs))
    if conflicts:
        raise SourceConflictError(_message(conflicts, existing, source, lang))


def _by_language(new: set[Node], old: set[Node]) -> dict[str, tuple[set[Node], set[Node]]]:
    groups: dict[str, tuple[set[Node], set[Node]]] = defaultdict(lambda: (set(), set()))
    for index, values in enumerate((new, old)):
        for value in values:
            key = value.language or "" if isinstance(value, Literal) else ""
            groups[key][index].add(value)
    return {k: v for k, v in groups.items() if v[0]}


def _sources_of(existing: Dataset | Graph, subject: URIRef) -> str:
    names = sorted({compact(str(o)) for o in existing.objects(subject, DCTERMS.source)})
    return ", ".join(names) or "de indlæste data"


def _show(values: set[Node]) -> str:
    return ", ".join(sorted(compact(str(v)) if isinstance(v, URIRef) else v.n3() for v in values))


def _message(
    conflicts: list[tuple[URIRef, URIRef, set[Node], set[Node]]],
    existing: Dataset | Graph,
    source: str,
    lang: str,
) -> str:
    subject, predicate, mine, theirs = conflicts[0]
    thing, other = compact(str(subject)), _sources_of(existing, subject)
    more = len(conflicts) - 1
    if lang == "en":
        tail = f" (and {more} more conflicting fact{'s' if more != 1 else ''})" if more else ""
        return (
            f"{source}: {thing} is already described by {other} with other facts: "
            f"{compact(str(predicate))} is {_show(mine)} here but {_show(theirs)} there{tail}; "
            "give it an id of its own (a bare id is minted in this dataset's namespace), "
            "or state the same facts to mean the same thing"
        )
    tail = f" (og {more} fakta mere, der strider)" if more else ""
    return (
        f"{source}: {thing} er allerede beskrevet af {other} med andre fakta: "
        f"{compact(str(predicate))} er {_show(mine)} her, men {_show(theirs)} dér{tail}; "
        "giv den sit eget id (et id uden præfiks får datasættets eget navnerum), "
        "eller angiv de samme fakta, hvis det er den samme"
    )


def similar_names(
    facts: Graph, existing: Dataset | Graph, *, lang: str = "da", cutoff: float = 0.9
) -> list[str]:
    """Things ``facts`` introduces whose Danish name closely matches one already loaded under
    another IRI: "did you mean the shared one?" hints for the import."""
    import difflib

    known: dict[str, URIRef] = {}
    for subject, label in existing.subject_objects(SKOS.prefLabel):
        if isinstance(subject, URIRef) and isinstance(label, Literal) and label.language == "da":
            known.setdefault(str(label).casefold(), subject)
    hints = []
    for subject, label in sorted(facts.subject_objects(SKOS.prefLabel)):
        if not isinstance(label, Literal) or label.language != "da" or subject in known.values():
            continue
        close = difflib.get_close_matches(str(label).casefold(), list(known), n=1, cutoff=cutoff)
        if close and known[close[0]] != subject:
            mine, theirs = compact(str(subject)), compact(str(known[close[0]]))
            hints.append(
                f"{mine} ({label}) is close to {theirs}: write {theirs} to mean the shared one"
                if lang == "en"
                else f"{mine} ({label}) ligner {theirs}: skriv {theirs} for at mene den fælles"
            )
    return hints


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
