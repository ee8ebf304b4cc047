"""The one place where partnergraph's IRIs and prefixes are decided.

Everything that writes or reads IRIs (data, queries, exports, the CLI's compact
display) takes them from here, so a prefix can never mean two things.

The prefixes are plain text; the namespaces (``PG.Partnership``...) are rdflib's, made on first
use: a cold ``query`` needs only the text, and rdflib costs about 0.15 CPU-s to import.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph, Namespace, URIRef

BASE = "https://w3id.org/partnergraph/"

ONTOLOGY_IRI = BASE + "ontology"
ONTOLOGY_VERSION = "0.1.0"
ONTOLOGY_VERSION_IRI = f"{BASE}ontology/{ONTOLOGY_VERSION}"

PREFIXES: dict[str, str] = {
    "pg": BASE + "ontology#",
    "pgid": BASE + "id/",
    "pgsh": BASE + "shapes#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
    "schema": "https://schema.org/",
    "cv": "http://data.europa.eu/m8g/",
    "adms": "http://www.w3.org/ns/adms#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "sdg": "http://metadata.un.org/sdg/",
    "sdgo": "http://metadata.un.org/sdg/ontology#",
    "country": "http://publications.europa.eu/resource/authority/country/",
}
"""Stable prefixes used in every export and in compact display, in this order."""

XSD_STRING = PREFIXES["xsd"] + "string"
LANG_STRING = PREFIXES["rdf"] + "langString"

_NAMESPACES: dict[str, str] = {
    "PG": PREFIXES["pg"],
    "PGID": PREFIXES["pgid"],
    "PGSH": PREFIXES["pgsh"],
    "SDG": PREFIXES["sdg"],
    "SDGO": PREFIXES["sdgo"],
    "SCHEMA": PREFIXES["schema"],
    "CV": PREFIXES["cv"],
    "ADMS": PREFIXES["adms"],
    "FOAF": PREFIXES["foaf"],
    "COUNTRY": PREFIXES["country"],
    "ISO639_1": "http://id.loc.gov/vocabulary/iso639-1/",
    "EU_LANGUAGE": "http://publications.europa.eu/resource/authority/language/",
}
"""The namespaces this module gives as rdflib ``Namespace`` objects, by name."""

_EU_LANGUAGE_CODES = {"da": "DAN", "en": "ENG", "sv": "SWE"}

if TYPE_CHECKING:
    PG: Namespace
    """Local ontology terms (classes and properties)."""
    PGID: Namespace
    """Things described by the bundled data: organisations, partnerships, themes..."""
    PGSH: Namespace
    """SHACL shapes."""
    SDG: Namespace
    SDGO: Namespace
    SCHEMA: Namespace
    CV: Namespace
    ADMS: Namespace
    FOAF: Namespace
    COUNTRY: Namespace
    """EU Publications Office country authority (DNK, SWE ...)."""
    ISO639_1: Namespace
    """Library of Congress language codes, for dcterms:language."""
    EU_LANGUAGE: Namespace
    """EU Publications Office language authority (DAN, ENG ...), which DCAT-AP asks datasets
    to use."""
    EU_LANGUAGES: dict[str, URIRef]
    """The language tags partnergraph writes, as EU language IRIs (in vocabularies.ttl)."""


def __getattr__(name: str) -> Any:
    """The rdflib namespaces, made when first asked for and then kept as module attributes."""
    if name == "EU_LANGUAGES":
        language = __getattr__("EU_LANGUAGE")
        made: Any = {tag: language[code] for tag, code in _EU_LANGUAGE_CODES.items()}
    elif name in _NAMESPACES:
        from rdflib import Namespace  # late: rdflib only when a namespace is used, not for text

        made = Namespace(_NAMESPACES[name])
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = made
    return made


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
    from rdflib import URIRef  # late: rdflib only when an IRI is made, not for text

    return URIRef(candidate)
