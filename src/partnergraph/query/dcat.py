"""The dataset descriptions in the loaded data, as a DCAT-AP harvester takes them.

A data portal harvests the catalogue records, not the knowledge graph: every catalogue, dataset,
dataset series, data service and distribution with all its statements, and the things they point
at (publisher, licence, languages, media types, places, periods, ...) with theirs, one step
away. That is the graph the DCAT-AP 3 shapes judge (tests/test_dcat_ap.py); the site's
``dataset.ttl`` is built from it, so both mean the same thing by "the description".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID

from partnergraph.engine.stores import Store
from partnergraph.io.results import GraphResult
from partnergraph.rdf.namespaces import bind_prefixes

__all__ = [
    "DCAT_CLASSES",
    "FILE_TYPES",
    "IANA",
    "add_catalogue",
    "add_data_service",
    "add_downloads",
    "add_terms",
    "add_unnamed_dataset",
    "dataset_descriptions",
    "main_dataset",
]

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

IANA = "https://www.iana.org/assignments/media-types/"
"""Where DCAT-AP's media types live: ``IANA + "text/turtle"`` is a ``dcat:mediaType``."""

SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")

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
    _add_title(
        graph,
        catalogue,
        ("Partnerskaber", "Datasættene i denne vidensgraf over partnerskaber."),
        ("Partnerships", "The datasets in this knowledge graph of partnerships."),
    )
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


def main_dataset(graph: Graph, base: str) -> URIRef | None:
    """The dataset the whole graph's downloads belong to: the one the data already gives
    distributions, else the first whose IRI is under ``{base}id/`` (the site's home page picks
    the same), else the first; ``None`` when ``graph`` describes no dataset."""
    datasets = sorted(
        (d for d in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(d, URIRef)), key=str
    )
    for candidates in (
        [d for d in datasets if (d, DCAT.distribution, None) in graph],
        [d for d in datasets if str(d).startswith(base + "id/")],
        datasets,
    ):
        if candidates:
            return candidates[0]
    return None


def add_unnamed_dataset(graph: Graph, dataset: URIRef) -> Graph:
    """A dataset record for data that describes none of its own, so that its downloads and
    endpoint still have a dataset to belong to (DCAT-AP wants a title and a description)."""
    graph.add((dataset, RDF.type, DCAT.Dataset))
    _add_title(
        graph,
        dataset,
        ("Vidensgraf", "Data udgivet med partnergraph."),
        ("Knowledge graph", "Data published with partnergraph."),
    )
    return graph


def add_downloads(
    graph: Graph,
    dataset: URIRef,
    downloads: Iterable[tuple[str, str, URIRef]],
    *,
    access: URIRef,
    new_iri: str,
    licence: URIRef | None = None,
) -> Graph:
    """Give ``dataset`` a download URL per format, where that address really serves the file.

    ``downloads`` are (extension, media type, URL of the whole graph in it). A distribution the
    data already describes in that media type (the bundled Turtle and JSON-LD, which have no
    address of their own) gets the URL as its ``dcat:downloadURL``; for the other formats a
    distribution ``new_iri + extension`` is added, with ``access`` as its access URL. Callers
    pass only addresses they serve: nothing here invents one."""
    existing: dict[str, URIRef] = {}
    for described in graph.objects(dataset, DCAT.distribution):
        media = graph.value(described, DCAT.mediaType)
        if isinstance(described, URIRef) and media is not None:
            existing.setdefault(str(media).removeprefix(IANA), described)
    for extension, media_type, url in downloads:
        distribution = existing.get(media_type)
        if distribution is None:
            distribution = URIRef(new_iri + extension)
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCAT.accessURL, access))
            graph.add((distribution, DCAT.mediaType, URIRef(IANA + media_type)))
            if media_type in FILE_TYPES:
                graph.add((distribution, DCTERMS.format, FILE_TYPES[media_type]))
            for title, lang in (("Hele grafen", "da"), ("The whole graph", "en")):
                graph.add(
                    (distribution, DCTERMS.title, Literal(f"{title} ({extension})", lang=lang))
                )
            if licence is not None:
                graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, DCAT.downloadURL, url))
        if media_type == "application/n-triples":
            graph.add((dataset, VOID.dataDump, url))
    return graph


def add_data_service(
    graph: Graph,
    service: URIRef,
    endpoint: URIRef,
    datasets: Iterable[URIRef],
    *,
    description: URIRef | None = None,
) -> Graph:
    """Describe a SPARQL endpoint as the ``dcat:DataService`` that serves ``datasets``: its
    address, what it conforms to and where its SPARQL service description is."""
    served = sorted(datasets, key=str)
    graph.add((service, RDF.type, DCAT.DataService))
    _add_title(
        graph,
        service,
        ("SPARQL-endepunkt", "Stil SPARQL-forespørgsler til datasættene."),
        ("SPARQL endpoint", "Ask the datasets SPARQL queries."),
    )
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    graph.add((SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard))
    graph.add((SPARQL_PROTOCOL, DCTERMS.title, Literal("SPARQL 1.1 Protocol", lang="en")))
    if description is not None:
        graph.add((service, DCAT.endpointDescription, description))
    for dataset in served:
        graph.add((service, DCAT.servesDataset, dataset))
    return graph


def _add_title(
    graph: Graph, record: URIRef, danish: tuple[str, str], english: tuple[str, str]
) -> None:
    """A record's title and description in Danish and English (DCAT-AP wants both fields)."""
    for (title, description), lang in ((danish, "da"), (english, "en")):
        graph.add((record, DCTERMS.title, Literal(title, lang=lang)))
        graph.add((record, DCTERMS.description, Literal(description, lang=lang)))


def _construct(store: Store, query: str) -> Graph:
    result = store.run(query)
    graph = Graph()
    if isinstance(result, GraphResult):
        graph += result.graph
    return graph
