"""The dataset descriptions in the loaded data, as a DCAT-AP harvester takes them.

A data portal harvests the catalogue records, not the knowledge graph: every catalogue, dataset,
dataset series, data service and distribution with all its statements, and the things they point
at (publisher, licence, languages, media types, places, periods, ...) with theirs, one step
away. That is the graph the DCAT-AP 3 shapes judge (tests/test_dcat_ap.py); the site's
``dataset.ttl`` is built from it, so both mean the same thing by "the description".
"""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from partnergraph.engine.stores import Store
from partnergraph.io.results import GraphResult
from partnergraph.rdf.namespaces import bind_prefixes

__all__ = ["DCAT_CLASSES", "FILE_TYPES", "add_catalogue", "add_terms", "dataset_descriptions"]

DCAT_CLASSES = (
    DCAT.Catalog,
    DCAT.Dataset,
    URIRef(f"{DCAT}DatasetSeries"),  # DCAT 3; rdflib's namespace predates it
    DCAT.DataService,
    DCAT.Distribution,
    DCAT.CatalogRecord,
)
"""The classes whose instances are catalogue records in DCAT-AP."""

_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
FILE_TYPES: dict[str, URIRef] = {
    "text/turtle": URIRef(_FILE_TYPE + "RDF_TURTLE"),
    "application/ld+json": URIRef(_FILE_TYPE + "JSON_LD"),
    "application/n-triples": URIRef(_FILE_TYPE + "RDF_N_TRIPLES"),
    "application/trig": URIRef(_FILE_TYPE + "RDF_TRIG"),
}
"""Media types partnergraph writes, as EU file-type IRIs (``dcterms:format``), which DCAT-AP
wants beside the IANA media type; described in vocabularies.ttl."""

_CLASSES = ", ".join(c.n3() for c in DCAT_CLASSES)

_DESCRIPTIONS = f"""
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{
      {{ ?s a ?class FILTER(?class IN ({_CLASSES})) }}
      UNION
      {{ ?record a ?class FILTER(?class IN ({_CLASSES}))
         ?record ?link ?s FILTER(!isLiteral(?s)) }}
  }} }}
  ?s ?p ?o
}}"""


def dataset_descriptions(store: Store) -> Graph:
    """Every catalogue record in ``store`` with what it points at, as one graph."""
    return bind_prefixes(_construct(store, _DESCRIPTIONS))


def add_terms(graph: Graph, store: Store) -> Graph:
    """Add what ``store`` says about the IRIs the records in ``graph`` point at but ``graph``
    does not describe (the licence, media types, formats of distributions added outside the
    store), so the graph stands on its own for a harvester."""
    records = {s for c in DCAT_CLASSES for s in graph.subjects(RDF.type, c)}
    missing = sorted(
        {
            o
            for r in records
            for o in graph.objects(r)
            if isinstance(o, URIRef) and (o, None, None) not in graph
        },
        key=str,
    )
    if missing:
        values = " ".join(o.n3() for o in missing)
        graph += _construct(
            store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"
        )
    return graph


def add_catalogue(graph: Graph, catalogue: URIRef, homepage: URIRef) -> Graph:
    """Gather the datasets of ``graph`` in a ``dcat:Catalog`` (DCAT-AP's entry point) whose
    home page is ``homepage``, published by whoever publishes most of them; its publisher must
    be described in ``graph``."""
    datasets = sorted(graph.subjects(RDF.type, DCAT.Dataset), key=str)
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    for title, description, lang in (
        ("Partnerskaber", "Datasættene i denne vidensgraf over partnerskaber.", "da"),
        ("Partnerships", "The datasets in this knowledge graph of partnerships.", "en"),
    ):
        graph.add((catalogue, DCTERMS.title, Literal(title, lang=lang)))
        graph.add((catalogue, DCTERMS.description, Literal(description, lang=lang)))
    graph.add((catalogue, FOAF.homepage, homepage))
    graph.add((homepage, RDF.type, FOAF.Document))
    for dataset in datasets:
        graph.add((catalogue, DCAT.dataset, dataset))
    publishers = Counter(
        p for d in datasets for p in graph.objects(d, DCTERMS.publisher) if isinstance(p, URIRef)
    )
    if publishers:
        top = max(publishers.values())
        graph.add(
            (
                catalogue,
                DCTERMS.publisher,
                min((p for p, n in publishers.items() if n == top), key=str),
            )
        )
    return graph


def _construct(store: Store, query: str) -> Graph:
    result = store.run(query)
    graph = Graph()
    if isinstance(result, GraphResult):
        graph += result.graph
    return graph
