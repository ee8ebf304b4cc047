"""What a page shows, gathered from any store by a few SPARQL queries.

The pages never read the store while they render: everything is collected here first (the
entity's description graph, labels, the kinds of its neighbours, the ego network), so the same
data can be rendered in Danish and in English, as HTML, Turtle and JSON-LD, and so the server
can collect in a worker thread and render anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, RDF, SKOS
from rdflib.term import Node

from partnergraph.io.results import GraphResult, SelectResult
from partnergraph.network.derived import ego_network
from partnergraph.query.labels import LABEL_PROPERTIES, Labeller
from partnergraph.rdf.kinds import kind_of
from partnergraph.rdf.namespaces import BASE, PG

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store
    from partnergraph.io.results import QueryResult
    from partnergraph.query.library import NamedQuery

__all__ = [
    "EntityData",
    "HomeData",
    "QueryRun",
    "collect_entity",
    "collect_home",
    "description_graph",
    "document_iri",
    "entity_exists",
    "list_entities",
    "local_name",
    "safe_iri",
]

_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_UNSAFE_SEGMENT = re.compile(r"^\.{1,2}$")


def safe_iri(iri: str) -> bool:
    """``iri`` can be written between ``<`` and ``>`` in SPARQL and Turtle as it is."""
    return bool(iri) and not _UNSAFE_IRI.search(iri)


def local_name(iri: str, base: str = BASE) -> str | None:
    """The part of ``iri`` after ``{base}id/`` when it can name a page: no empty, ``.`` or
    ``..`` path segment, no query or fragment, nothing that needs escaping in an IRI."""
    things = base + "id/"
    if not iri.startswith(things) or not safe_iri(iri):
        return None
    local = iri[len(things) :]
    if not local or "?" in local or "#" in local:
        return None
    segments = local.split("/")
    if any(not s or _UNSAFE_SEGMENT.match(s) for s in segments):
        return None
    return local


def document_iri(iri: str, base: str = BASE) -> str | None:
    """The description document of a thing: ``{base}doc/X`` for ``{base}id/X`` (W3C "Cool
    URIs for the Semantic Web", 303 flavour)."""
    local = local_name(iri, base)
    return None if local is None else f"{base}doc/{local}"


# ---------------------------------------------------------------------------------------------
# One entity
# ---------------------------------------------------------------------------------------------

_LABELS = " ".join(p.n3() for p in LABEL_PROPERTIES)


def _run(store: Store, text: str) -> QueryResult:
    return store.run(text)


def _select(store: Store, text: str) -> SelectResult:
    result = store.run(text)
    if not isinstance(result, SelectResult):
        raise TypeError("expected SELECT results")
    return result


def entity_exists(store: Store, iri: str) -> bool:
    """``iri`` is the subject of at least one triple."""
    if not safe_iri(iri):
        return False
    return bool(store.run(f"ASK {{ {URIRef(iri).n3()} ?p ?o }}"))


def description_graph(store: Store, iri: str, base: str = BASE) -> Graph:
    """What the description documents of ``iri`` hold: every triple about it (with the blank
    nodes it points to, such as periods), every triple pointing at it, the labels of everything
    linked in either direction, and what the document is (``foaf:primaryTopic``)."""
    if not safe_iri(iri):
        raise ValueError(f"not an IRI that can be described: {iri!r}")
    me = URIRef(iri).n3()
    text = (
        "CONSTRUCT { ?x ?p ?o . ?o ?bp ?bo . ?o ?lp ?ol . ?s ?ip ?x . ?s ?slp ?sl . }\n"
        f"WHERE {{ VALUES ?x {{ {me} }}\n"
        "  { ?x ?p ?o\n"
        "    OPTIONAL { ?o ?bp ?bo FILTER(isBlank(?o)) }\n"
        f"    OPTIONAL {{ VALUES ?lp {{ {_LABELS} }} ?o ?lp ?ol FILTER(isIRI(?o)) }} }}\n"
        "  UNION\n"
        "  { ?s ?ip ?x\n"
        f"    OPTIONAL {{ VALUES ?slp {{ {_LABELS} }} ?s ?slp ?sl FILTER(isIRI(?s)) }} }}\n"
        "}"
    )
    result = _run(store, text)
    if not isinstance(result, GraphResult):
        raise TypeError("expected a graph")
    graph = result.graph
    doc = document_iri(iri, base)
    if doc is not None:
        graph.add((URIRef(doc), RDF.type, FOAF.Document))
        graph.add((URIRef(doc), FOAF.primaryTopic, URIRef(iri)))
    return graph


@dataclass
class EntityData:
    """Everything an entity page shows, in every language."""

    iri: URIRef
    graph: Graph
    """The description graph (see :func:`description_graph`)."""
    labeller: Labeller
    """Labels of every IRI the page names, prefetched: ``labeller(node, lang)``."""
    kinds: dict[str, str]
    """The viz node type of the entity and of every IRI it links to."""
    network: Any
    """The ego network (depth 1) to draw: a networkx graph with the network contract's node
    attributes (``label_da``, ``label_en``, ``type``, ``iri``) and edge attributes."""
    base: str = BASE

    @property
    def types(self) -> list[URIRef]:
        return sorted(o for o in self.graph.objects(self.iri, RDF.type) if isinstance(o, URIRef))

    @property
    def kind(self) -> str:
        return self.kinds.get(str(self.iri), "other")

    def outgoing(self) -> list[tuple[URIRef, Node]]:
        return sorted(
            ((p, o) for p, o in self.graph.predicate_objects(self.iri) if isinstance(p, URIRef)),
            key=lambda po: (str(po[0]), _sort_key(po[1])),
        )

    def incoming(self) -> list[tuple[URIRef, URIRef]]:
        doc = document_iri(str(self.iri), self.base)
        found = {
            (p, s)
            for s, p in self.graph.subject_predicates(self.iri)
            if isinstance(p, URIRef)
            and isinstance(s, URIRef)
            and s != self.iri
            and not (p == FOAF.primaryTopic and str(s) == doc)
        }
        return sorted(found, key=lambda ps: (str(ps[0]), str(ps[1])))

    def blank(self, node: BNode) -> list[tuple[URIRef, Node]]:
        return sorted(
            ((p, o) for p, o in self.graph.predicate_objects(node) if isinstance(p, URIRef)),
            key=lambda po: (str(po[0]), _sort_key(po[1])),
        )


def _sort_key(node: Node) -> tuple[str, str, str]:
    return (
        str(node),
        getattr(node, "language", None) or "",
        str(getattr(node, "datatype", "") or ""),
    )


def collect_entity(
    store: Store, iri: str, *, network: Any = None, base: str = BASE, max_neighbours: int = 40
) -> EntityData:
    """Gather what the page of ``iri`` shows. ``network`` is a collaboration network already
    built (``kg.network()``): its ego network is drawn when ``iri`` is one of its nodes;
    otherwise the entity's own links are drawn."""
    graph = description_graph(store, iri, base)
    me = URIRef(iri)
    neighbours: set[URIRef] = set()
    for p, o in graph.predicate_objects(me):
        if isinstance(o, URIRef) and p != RDF.type:
            neighbours.add(o)
    for s in graph.subjects(None, me):
        if isinstance(s, URIRef) and s != me and (s, FOAF.primaryTopic, me) not in graph:
            neighbours.add(s)
    neighbours.discard(me)
    ego = None
    if network is not None and str(iri) in network:
        ego = ego_network(network, str(iri), 1)
    wanted = {me, *neighbours}
    if ego is not None:
        wanted |= {URIRef(str(n)) for n in ego.nodes if safe_iri(str(n))}
    kinds = node_kinds(store, wanted)
    labeller = Labeller(store)
    for s, p, o in graph:
        if p in LABEL_PROPERTIES and isinstance(s, URIRef):
            labeller.add(s, p, o)
    labeller.prefetch(
        [
            *(p for p in graph.predicates() if isinstance(p, URIRef)),
            *(o for o in graph.objects(me, RDF.type) if isinstance(o, URIRef)),
            *(o for o in graph.objects() if isinstance(o, URIRef) and o not in wanted),
        ]
    )
    _name_memberships(store, labeller, [me, *neighbours])
    if ego is None:
        ego = _own_links_network(me, graph, labeller, kinds, max_neighbours)
    return EntityData(me, graph, labeller, kinds, ego, base)


def _name_memberships(store: Store, labeller: Labeller, nodes: Iterable[URIRef]) -> None:
    """Memberships (``org:Membership``) have no label of their own: name them after the role
    and the forum, "borgmester i Styregruppen (AU)", so a page never shows a bare IRI."""
    unnamed = sorted(n for n in nodes if safe_iri(str(n)) and not labeller.has_label(n))
    if not unnamed:
        return
    values = " ".join(n.n3() for n in unnamed)
    result = _select(
        store,
        f"SELECT ?m ?f ?r WHERE {{ VALUES ?m {{ {values} }} ?m {ORG.organization.n3()} ?f "
        f"OPTIONAL {{ ?m {ORG.role.n3()} ?r }} }}",
    )
    labeller.prefetch([n for row in result.rows for n in row[1:] if isinstance(n, URIRef)])
    words = {"da": "i", "en": "in"}
    for m, forum, role in result.rows:
        if not isinstance(m, URIRef) or forum is None:
            continue
        for lang, word in words.items():
            name = labeller(forum, lang)
            if isinstance(role, URIRef):
                name = f"{labeller(role, lang)} {word} {name}"
            else:
                name = f"{'deltager' if lang == 'da' else 'participant'} {word} {name}"
            labeller.add(m, SKOS.prefLabel, Literal(name, lang=lang))


def node_kinds(store: Store, nodes: Iterable[URIRef]) -> dict[str, str]:
    """The viz node type of each IRI, from its ``rdf:type`` s in ``store``."""
    chosen = sorted(n for n in nodes if safe_iri(str(n)))
    types: dict[str, set[str]] = {str(n): set() for n in chosen}
    for start in range(0, len(chosen), 300):
        values = " ".join(n.n3() for n in chosen[start : start + 300])
        result = _select(store, f"SELECT ?n ?t WHERE {{ VALUES ?n {{ {values} }} ?n a ?t }}")
        for n, t in result.rows:
            if n is not None and t is not None:
                types[str(n)].add(str(t))
    return {n: kind_of(n, (URIRef(t) for t in ts)) for n, ts in types.items()}


def _own_links_network(
    me: URIRef, graph: Graph, labeller: Labeller, kinds: Mapping[str, str], limit: int
) -> Any:
    """A star of the entity's own links, shaped like :mod:`partnergraph.network`'s graphs."""
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

    ego = nx.DiGraph()

    def add(node: URIRef) -> None:
        if str(node) not in ego:
            ego.add_node(
                str(node),
                label_da=labeller(node, "da"),
                label_en=labeller(node, "en"),
                type=kinds.get(str(node), "other"),
                iri=str(node),
            )

    add(me)
    edges: list[tuple[URIRef, URIRef, URIRef]] = []
    for p, o in graph.predicate_objects(me):
        if isinstance(o, URIRef) and isinstance(p, URIRef) and p != RDF.type and o != me:
            edges.append((me, p, o))
    for s, p in graph.subject_predicates(me):
        if isinstance(s, URIRef) and isinstance(p, URIRef) and s != me:
            if p == FOAF.primaryTopic:
                continue
            edges.append((s, p, me))
    edges.sort(key=lambda e: (str(e[1]), str(e[0]), str(e[2])))
    for s, p, o in edges:
        other = o if s == me else s
        if str(other) not in ego and ego.number_of_nodes() > limit:
            continue
        add(other)
        if ego.has_edge(str(s), str(o)):
            continue
        ego.add_edge(str(s), str(o), relation=str(p), label=labeller(p, "da"))
    ego.graph["focus"] = str(me)
    return ego


# ---------------------------------------------------------------------------------------------
# All entities
# ---------------------------------------------------------------------------------------------


def list_entities(store: Store, base: str = BASE) -> list[URIRef]:
    """Every IRI under ``{base}id/`` that is the subject of a triple and can name a page."""
    things = Literal(base + "id/")
    result = _select(
        store,
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && "
        f"STRSTARTS(STR(?s), {things.n3()})) }}",
    )
    found = {s for (s,) in result.rows if isinstance(s, URIRef)}
    return sorted(s for s in found if local_name(str(s), base) is not None)


# ---------------------------------------------------------------------------------------------
# The home page
# ---------------------------------------------------------------------------------------------

_COUNTED: tuple[tuple[str, str], ...] = (
    ("partnerships", "pg:Partnership"),
    ("organisations", "org:FormalOrganization"),
    ("agreements", "pg:Agreement"),
    ("forums", "pg:Forum"),
    ("decisions", "pg:Decision"),
    ("themes", "pg:CrossCuttingTheme"),
)

_PREFIXES = (
    f"PREFIX pg: <{PG}>\nPREFIX org: <{ORG}>\nPREFIX dcat: <{DCAT}>\n"
    f"PREFIX dcterms: <{DCTERMS}>\nPREFIX skos: <{SKOS}>\nPREFIX prov: <{PROV}>\n"
)


@dataclass
class HomeData:
    """What the home page says about the dataset."""

    dataset: URIRef | None
    titles: dict[str, str]
    descriptions: dict[str, str]
    keywords: dict[str, list[str]]
    publisher: URIRef | None
    licence: str | None
    derived_from: URIRef | None
    counts: dict[str, int]
    triples: int
    entities: int
    partnerships: list[tuple[URIRef, str]]
    """Partnerships with their category: ``formal``, ``strategic`` or ``other``."""
    organisations: list[URIRef]
    agreements: list[URIRef]
    labeller: Labeller
    example: URIRef | None = None
    names: dict[str, str] = field(default_factory=dict)
    """Short names of the dataset (``skos:prefLabel``) by language: the site's name."""

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.titles.get("", "")

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get("en") or ""


def collect_home(store: Store, *, triples: int, entities: int, base: str = BASE) -> HomeData:
    """The dataset's description (its DCAT record, the first under ``{base}id/``), counts and
    the lists of partnerships, organisations and agreements."""
    rows = _select(
        store,
        _PREFIXES + "SELECT ?d ?p ?o WHERE { ?d a dcat:Dataset ; ?p ?o } ORDER BY ?d",
    ).rows
    datasets = sorted({d for d, _, _ in rows if isinstance(d, URIRef)}, key=str)
    ours = [d for d in datasets if str(d).startswith(base + "id/")]
    dataset = ours[0] if ours else datasets[0] if datasets else None
    titles: dict[str, str] = {}
    names: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    keywords: dict[str, list[str]] = {}
    publisher = derived = None
    licence = None
    for d, p, o in rows:
        if d != dataset:
            continue
        if p == DCTERMS.title and isinstance(o, Literal):
            titles[o.language or ""] = str(o)
        elif p == SKOS.prefLabel and isinstance(o, Literal):
            names[o.language or ""] = str(o)
        elif p == DCTERMS.description and isinstance(o, Literal):
            descriptions[o.language or ""] = str(o)
        elif p == DCAT.keyword and isinstance(o, Literal):
            keywords.setdefault(o.language or "", []).append(str(o))
        elif p == DCTERMS.publisher and isinstance(o, URIRef):
            publisher = o
        elif p == DCTERMS.license and isinstance(o, URIRef):
            licence = str(o)
        elif p == PROV.wasDerivedFrom and isinstance(o, URIRef):
            derived = o
    for words in keywords.values():
        words.sort()
    counts: dict[str, int] = {}
    for key, cls in _COUNTED:
        (count,) = _select(
            store, _PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}"
        ).rows[0]
        counts[key] = int(str(count)) if count is not None else 0
    partnerships: list[tuple[URIRef, str]] = []
    for p, category in _select(
        store,
        _PREFIXES + "SELECT ?p ?c WHERE { ?p a pg:Partnership OPTIONAL { ?p pg:category ?c } }",
    ).rows:
        if isinstance(p, URIRef):
            name = str(category or "")
            kind = (
                "formal"
                if name.endswith("category-formal")
                else "strategic"
                if name.endswith("category-strategic")
                else "other"
            )
            partnerships.append((p, kind))
    organisations = _iris(
        store,
        _PREFIXES + "SELECT DISTINCT ?o WHERE { ?o a org:Organization "
        "FILTER NOT EXISTS { ?o a org:OrganizationalCollaboration } "
        "FILTER NOT EXISTS { ?o a pg:Forum } }",
    )
    agreements = _iris(store, _PREFIXES + "SELECT DISTINCT ?a WHERE { ?a a pg:Agreement }")
    labeller = Labeller(store)
    labeller.prefetch(
        [p for p, _ in partnerships]
        + organisations
        + agreements
        + [n for n in (publisher, derived, dataset) if n is not None]
    )
    partnerships.sort(key=lambda pk: (pk[1] != "formal", pk[1] == "other", labeller(pk[0])))
    organisations.sort(key=lambda o: labeller(o).casefold())
    agreements.sort(key=lambda a: labeller(a).casefold())
    example = partnerships[0][0] if partnerships else None
    return HomeData(
        dataset,
        titles,
        descriptions,
        keywords,
        publisher,
        licence,
        derived,
        counts,
        triples,
        entities,
        partnerships,
        organisations,
        agreements,
        labeller,
        example,
        names,
    )


def _iris(store: Store, text: str) -> list[URIRef]:
    return [row[0] for row in _select(store, text).rows if isinstance(row[0], URIRef)]


# ---------------------------------------------------------------------------------------------
# The query library with answers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryRun:
    """A named query and, for the static site, its answer with the default parameters."""

    query: NamedQuery
    result: QueryResult | None = None
    example: tuple[str, str] | None = None
    """``(parameter, value)`` when a required parameter was filled in for the example."""
    missing: str | None = None
    """The required parameter that had no example value."""


def run_library(
    kg: Any, queries: Sequence[NamedQuery], lang: str, examples: Mapping[str, str]
) -> list[QueryRun]:
    """Every query run with its defaults (and ``examples`` for required parameters)."""
    runs: list[QueryRun] = []
    for query in queries:
        values: dict[str, str] = {}
        example = None
        missing = None
        for parameter in query.parameters:
            if parameter.required:
                value = examples.get(parameter.name)
                if value is None and parameter.type == "entity":
                    value = examples.get(f"entity:{parameter.cls or ''}")
                if value is None:
                    missing = parameter.name
                    break
                values[parameter.name] = value
                example = (parameter.name, value)
        if missing is not None:
            runs.append(QueryRun(query, None, None, missing))
            continue
        result = kg.query(query.name, values, lang=lang)
        runs.append(QueryRun(query, result, example))
    return runs
