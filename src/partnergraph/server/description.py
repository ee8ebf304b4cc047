"""What the server says about itself: the SPARQL 1.1 Service Description served by
``GET /sparql`` without a query, and the DCAT-AP description of its datasets at ``/dataset``.

The DCAT description is the data's own dataset records (:mod:`partnergraph.query.dcat`) with
what only the running server knows: its SPARQL endpoint as a ``dcat:DataService`` serving every
dataset, and download URLs on this server (Graph Store Protocol reads of the whole graph) for
the distributions, so every address in it answers.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from partnergraph.engine.stores import Store
from partnergraph.io.formats import graph_format
from partnergraph.query.dcat import (
    add_catalogue,
    add_data_service,
    add_downloads,
    add_terms,
    add_unnamed_dataset,
    dataset_descriptions,
    main_dataset,
)
from partnergraph.rdf.namespaces import BASE
from partnergraph.server.jobs import StoreInfo

__all__ = ["DOWNLOAD_FORMATS", "SD", "dataset_description", "service_description"]

DOWNLOAD_FORMATS = ("ttl", "jsonld", "nt")
"""Formats of the whole graph the Graph Store route serves (``?default&format=...``)."""

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(endpoint: str, info: StoreInfo, *, allow_update: bool) -> Graph:
    """The endpoint, what it speaks and returns, and its dataset (every named graph)."""
    graph = Graph()
    for prefix, namespace in (("sd", SD), ("formats", FORMATS), ("void", VOID)):
        graph.bind(prefix, namespace)
    service = BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if allow_update:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in _RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    # With no FROM (and no default-graph-uri) the default graph is the union of all graphs.
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode()
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(info.triples, datatype=XSD.integer)))
    for name in info.graphs:
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
    return graph


def dataset_description(
    store: Store,
    *,
    here: str,
    endpoint: str,
    graph_store: str,
    home: str,
    base: str = BASE,
) -> Graph:
    """The datasets in ``store`` as a DCAT-AP catalogue served at ``here``: the SPARQL
    ``endpoint`` (whose ``GET`` answers the service description) as the data service serving
    them all, and the whole graph's downloads from ``graph_store`` on the main dataset."""
    graph = dataset_descriptions(store)
    datasets = sorted(
        (d for d in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(d, URIRef)), key=str
    )
    main = main_dataset(graph, base)
    if main is None:
        main = URIRef(here + "#dataset")
        add_unnamed_dataset(graph, main)
        datasets = [main]
    licence = graph.value(main, DCTERMS.license)
    add_downloads(
        graph,
        main,
        [
            (fmt, graph_format(fmt).media_type, URIRef(f"{graph_store}?default&format={fmt}"))
            for fmt in DOWNLOAD_FORMATS
        ],
        access=URIRef(home),
        new_iri=here + "#download-",
        licence=licence if isinstance(licence, URIRef) else None,
    )
    service = URIRef(here + "#sparql")
    add_data_service(graph, service, URIRef(endpoint), datasets, description=URIRef(endpoint))
    catalogue = URIRef(here + "#catalogue")
    add_catalogue(add_terms(graph, store), catalogue, URIRef(home))
    graph.add((catalogue, DCAT.service, service))
    return graph
