"""The one place where partnergraph's IRIs and prefixes are decided.

Everything that writes or reads IRIs (data, queries, exports, the CLI's compact
display) takes them from here, so a prefix can never mean two things.
"""

from __future__ import annotations

import re

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, VOID, XSD

BASE = "https://w3id.org/partnergraph/"

PG = Namespace(BASE + "ontology#")
"""Local ontology terms (classes and properties)."""

PGID = Namespace(BASE + "id/")
"""Things described by the bundled data: organisations, partnerships, themes..."""

PGSH = Namespace(BASE + "shapes#")
"""SHACL shapes."""

ONTOLOGY_IRI = BASE + "ontology"
ONTOLOGY_VERSION = "0.1.0"
ONTOLOGY_VERSION_IRI = f"{BASE}ontology/{ONTOLOGY_VERSION}"

SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
SCHEMA = Namespace("https://schema.org/")
CV = Namespace("http://data.europa.eu/m8g/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
"""EU Publications Office country authority (DNK, SWE ...)."""
ISO639_1 = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
"""Library of Congress language codes, for dcterms:language."""
EU_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
"""EU Publications Office language authority (DAN, ENG ...), which DCAT-AP asks datasets to use."""
EU_LANGUAGES: dict[str, URIRef] = {
    "da": EU_LANGUAGE.DAN,
    "en": EU_LANGUAGE.ENG,
    "sv": EU_LANGUAGE.SWE,
}
"""The language tags partnergraph writes, as EU language IRIs (described in vocabularies.ttl)."""

PREFIXES: dict[str, str] = {
    "pg": str(PG),
    "pgid": str(PGID),
    "pgsh": str(PGSH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "prov": str(PROV),
    "time": str(TIME),
    "void": str(VOID),
    "sh": str(SH),
    "schema": str(SCHEMA),
    "cv": str(CV),
    "adms": str(ADMS),
    "foaf": str(FOAF),
    "sdg": str(SDG),
    "sdgo": str(SDGO),
    "country": str(COUNTRY),
}
"""Stable prefixes used in every export and in compact display, in this order."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the stable prefixes so every serialisation uses the same short names."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def compact(iri: str) -> str:
    """Shorten an IRI to ``prefix:local`` when a stable prefix covers it, for display only."""
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    if not best:
        return iri
    local = iri[len(best) :]
    if not local or any(ch in local for ch in "/#?"):
        return iri
    return f"{best_prefix}:{local}"


def sparql_prologue() -> str:
    """PREFIX declarations for ad hoc queries, so users may write ``pg:`` without declaring it."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


_NOT_IN_IRI = re.compile(r'[\s<>"{}|^`\\]')


def iri_from_text(text: str) -> URIRef | None:
    """The IRI ``text`` writes as one (``<IRI>``, ``http(s)://...``, ``urn:...``, ``prefix:local``).

    One rule for command-line names, web parameters and workbook cells, so a thing written one
    way in a cell is found the same way everywhere. ``None`` when ``text`` writes no IRI.
    """
    if text.startswith("<") and text.endswith(">"):
        candidate = text[1:-1]
    elif text.startswith(("http://", "https://", "urn:")):
        candidate = text
    else:
        prefix, sep, local = text.partition(":")
        if not (sep and prefix in PREFIXES):
            return None
        candidate = PREFIXES[prefix] + local
    if not candidate or _NOT_IN_IRI.search(candidate):
        return None
    return URIRef(candidate)
