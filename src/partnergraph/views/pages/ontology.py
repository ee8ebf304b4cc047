"""The ontology's documentation page, gathered from ``ontology/partnergraph.ttl``.

Its classes and properties with their labels, comments, super- and subterms, domains and
ranges, read once (the file is part of the package) and rendered by
:func:`partnergraph.views.pages.render.render_ontology`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from partnergraph.core import resources as _resources
from partnergraph.rdf.namespaces import PG, bind_prefixes

__all__ = ["OntologyDoc", "OntologyTerm", "load_ontology", "ontology_path"]


@dataclass(frozen=True)
class OntologyTerm:
    """A class or property of the ontology, as its documentation shows it."""

    iri: str
    local: str
    kind: str
    """``class``, ``object``, ``datatype``, ``annotation`` or ``property``."""
    labels: Mapping[str, str]
    comments: Mapping[str, str]
    supers: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    ranges: tuple[str, ...] = ()
    subs: tuple[str, ...] = ()
    used_by: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.local

    def comment(self, lang: str) -> str:
        return self.comments.get(lang) or self.comments.get("en") or ""


@dataclass(frozen=True)
class OntologyDoc:
    iri: str
    version: str
    version_iri: str
    titles: Mapping[str, str]
    comments: Mapping[str, str]
    licence: str | None
    classes: tuple[OntologyTerm, ...]
    properties: tuple[OntologyTerm, ...]
    graph: Graph = field(repr=False, compare=False)
    text: str = field(repr=False, compare=False, default="")
    """The Turtle source, as published."""

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.iri

    def comment(self, lang: str) -> str:
        return self.comments.get(lang) or self.comments.get("en") or ""

    def term(self, iri: str) -> OntologyTerm | None:
        for term in (*self.classes, *self.properties):
            if term.iri == iri:
                return term
        return None


def ontology_path() -> Path:
    return _resources.ontology_dir() / "partnergraph.ttl"


@cache
def load_ontology(path: Path | None = None) -> OntologyDoc:
    """The ontology's classes and properties from ``ontology/partnergraph.ttl``."""
    source = path or ontology_path()
    text = source.read_text(encoding="utf-8")
    graph = Graph()
    graph.parse(data=text, format="turtle")
    bind_prefixes(graph)
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    namespace = str(PG)

    def texts(node: Any, prop: URIRef) -> dict[str, str]:
        found: dict[str, str] = {}
        for value in sorted(graph.objects(node, prop), key=str):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
        return found

    def iris(node: Any, prop: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(o) for o in graph.objects(node, prop) if isinstance(o, URIRef)))

    kinds = {
        OWL.ObjectProperty: "object",
        OWL.DatatypeProperty: "datatype",
        OWL.AnnotationProperty: "annotation",
        RDF.Property: "property",
    }
    classes: list[OntologyTerm] = []
    properties: list[OntologyTerm] = []
    for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str):
        iri = str(subject)
        if not iri.startswith(namespace):
            continue
        local = iri[len(namespace) :]
        types = set(graph.objects(subject, RDF.type))
        labels = texts(subject, RDFS.label)
        comments = texts(subject, RDFS.comment)
        if OWL.Class in types or RDFS.Class in types:
            subs = tuple(
                sorted(str(s) for s in graph.subjects(RDFS.subClassOf, subject) if s != subject)
            )
            used = tuple(
                sorted(
                    {
                        str(p)
                        for prop in (RDFS.domain, RDFS.range)
                        for p in graph.subjects(prop, subject)
                        if str(p).startswith(namespace)
                    }
                )
            )
            classes.append(
                OntologyTerm(
                    iri,
                    local,
                    "class",
                    labels,
                    comments,
                    iris(subject, RDFS.subClassOf),
                    subs=subs,
                    used_by=used,
                )
            )
            continue
        kind = next((k for t, k in kinds.items() if t in types), None)
        if kind is None:
            continue
        subs = tuple(
            sorted(str(s) for s in graph.subjects(RDFS.subPropertyOf, subject) if s != subject)
        )
        properties.append(
            OntologyTerm(
                iri,
                local,
                kind,
                labels,
                comments,
                iris(subject, RDFS.subPropertyOf),
                iris(subject, RDFS.domain),
                iris(subject, RDFS.range),
                subs,
            )
        )
    version = version_iri = ""
    licence = None
    titles: dict[str, str] = {}
    comments_: dict[str, str] = {}
    if ontology is not None:
        version = str(graph.value(ontology, OWL.versionInfo) or "")
        version_iri = str(graph.value(ontology, OWL.versionIRI) or "")
        licence_node = graph.value(ontology, DCTERMS.license)
        licence = str(licence_node) if licence_node is not None else None
        titles = texts(ontology, DCTERMS.title) or texts(ontology, RDFS.label)
        comments_ = texts(ontology, RDFS.comment)
    return OntologyDoc(
        str(ontology) if ontology is not None else namespace,
        version,
        version_iri,
        titles,
        comments_,
        licence,
        tuple(sorted(classes, key=lambda t: t.local.casefold())),
        tuple(sorted(properties, key=lambda t: t.local.casefold())),
        graph,
        text,
    )
