"""schema.org JSON-LD for an entity page, so search engines and other tools understand it.

The mapping is deliberately small and safe: organisations become ``schema:Organization`` (or
the more specific type the data already states), partnerships organisations with members,
decisions ``schema:Event`` with their dates, agreements and documents ``schema:CreativeWork``,
concepts ``schema:DefinedTerm`` in their ``schema:DefinedTermSet``, the dataset a
``schema:Dataset``. Every object has ``@id`` (the thing's IRI) and ``name``. The context is
inline (``@vocab``), so reading the JSON-LD never fetches anything.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from partnergraph.rdf.namespaces import ADMS, CV, PG, SCHEMA
from partnergraph.views.pages.model import EntityData, document_iri

__all__ = ["schema_jsonld"]

_SCHEMA_ORGS = (
    "GovernmentOrganization",
    "CollegeOrUniversity",
    "EducationalOrganization",
    "Corporation",
    "NGO",
    "Organization",
)


def _schema_type(types: set[str]) -> str:
    """The schema.org type of a thing with these ``rdf:type`` IRIs."""
    if str(PG.Decision) in types or str(PROV.Activity) in types:
        return "Event"
    for name in _SCHEMA_ORGS:
        if str(SCHEMA[name]) in types:
            return name
    if str(CV.PublicOrganisation) in types:
        return "GovernmentOrganization"
    if any(
        str(t) in types for t in (PG.Agreement, PG.StrategyDocument, FOAF.Document, PG.ActionPlan)
    ):
        return "CreativeWork"
    if str(ORG.Organization) in types:
        return "Organization"
    if str(DCAT.Dataset) in types:
        return "Dataset"
    if str(SKOS.ConceptScheme) in types:
        return "DefinedTermSet"
    if str(SKOS.Concept) in types:
        return "DefinedTerm"
    if str(ADMS.Identifier) in types:
        return "PropertyValue"
    return "Thing"


_DESCRIPTIONS = (SKOS.definition, DCTERMS.description, PG.purpose, SKOS.scopeNote)


def schema_jsonld(data: EntityData, lang: str) -> dict[str, Any]:
    """The schema.org description of ``data.iri`` in ``lang``."""
    graph = data.graph
    me = data.iri
    label = data.labeller

    def ref(node: URIRef) -> dict[str, Any]:
        return {"@id": str(node), "name": label(node, lang)}

    def objects(prop: URIRef) -> list[URIRef]:
        return sorted(o for o in graph.objects(me, prop) if isinstance(o, URIRef))

    def subjects(prop: URIRef) -> list[URIRef]:
        return sorted(s for s in graph.subjects(prop, me) if isinstance(s, URIRef) and s != me)

    def literal(node: Any, prop: URIRef) -> str | None:
        found = [o for o in graph.objects(node, prop) if isinstance(o, Literal)]
        for wanted in (lang, "en", "da"):
            for value in sorted(found):
                if (value.language or "") == wanted:
                    return str(value)
        return str(sorted(found)[0]) if found else None

    types = {str(t) for t in graph.objects(me, RDF.type)}
    kind = _schema_type(types)
    name = label(me, lang)
    out: dict[str, Any] = {
        "@context": {"@vocab": str(SCHEMA)},
        "@id": str(me),
        "@type": kind,
        "name": name,
    }

    def refer(key: str, nodes: list[URIRef], typed: str | None = None) -> None:
        """``out[key]``: references to ``nodes`` (of schema.org type ``typed``), if any."""
        if nodes:
            out[key] = [{**ref(n), "@type": typed} if typed else ref(n) for n in nodes]

    others = sorted(
        {
            str(o)
            for p in (SKOS.prefLabel, SKOS.altLabel)
            for o in graph.objects(me, p)
            if isinstance(o, Literal) and str(o) != name
        }
    )
    if others:
        out["alternateName"] = others
    for prop in _DESCRIPTIONS:
        description = literal(me, prop)
        if description:
            out["description"] = description
            break
    doc = document_iri(str(me), data.base)
    if doc is not None:
        out["mainEntityOfPage"] = doc
    sources = objects(DCTERMS.source)
    if me not in sources:
        refer("isBasedOn", sources, "CreativeWork")
    same = objects(SKOS.exactMatch)
    if same:
        out["sameAs"] = [str(s) for s in same]

    if kind in _SCHEMA_ORGS:
        refer("member", objects(ORG.hasMember))
        refer("memberOf", sorted(set(objects(ORG.memberOf)) | set(subjects(ORG.hasMember))))
        refer("parentOrganization", objects(ORG.unitOf))
        refer("subOrganization", sorted(set(subjects(ORG.unitOf)) | set(objects(ORG.hasUnit))))
        ids = objects(ADMS.identifier)
        if ids:
            out["identifier"] = [
                {
                    "@type": "PropertyValue",
                    "@id": str(i),
                    "name": label(i, lang),
                }
                for i in ids
            ]
    elif kind == "Event":
        start, end = _period(data)
        if start:
            out["startDate"] = start
        if end:
            out["endDate"] = end
        refer("organizer", objects(PROV.wasAssociatedWith), "Organization")
        refer("about", objects(PROV.used))
    elif kind == "CreativeWork":
        start, end = _period(data)
        if start or end:
            out["temporalCoverage"] = f"{start or '..'}/{end or '..'}"
        refer("author", objects(PG.party) or objects(DCTERMS.publisher), "Organization")
        refer("about", objects(PG.governs))
        refer("workExample", objects(DCTERMS.isReplacedBy))
    elif kind == "DefinedTerm":
        code = literal(me, SKOS.notation)
        if code:
            out["termCode"] = code
        refer("inDefinedTermSet", objects(SKOS.inScheme), "DefinedTermSet")
    elif kind == "DefinedTermSet":
        refer("hasDefinedTerm", subjects(SKOS.inScheme), "DefinedTerm")
    elif kind == "Dataset":
        licence = objects(DCTERMS.license)
        if licence:
            out["license"] = str(licence[0])
        keywords = sorted(
            str(k)
            for k in graph.objects(me, DCAT.keyword)
            if isinstance(k, Literal) and (k.language or lang) == lang
        )
        if keywords:
            out["keywords"] = keywords
        refer("publisher", objects(DCTERMS.publisher), "Organization")
    elif kind == "PropertyValue":
        value = literal(me, SKOS.notation)
        if value:
            out["value"] = value
        agency = literal(me, ADMS.schemaAgency)
        if agency:
            out["propertyID"] = agency
    return out


def _period(data: EntityData) -> tuple[str | None, str | None]:
    """Start and end of the entity's ``dcterms:temporal`` period, in the source's precision."""
    for period in data.graph.objects(data.iri, DCTERMS.temporal):
        if isinstance(period, BNode | URIRef):
            start = data.graph.value(period, DCAT.startDate)
            end = data.graph.value(period, DCAT.endDate)
            return (
                str(start) if start is not None else None,
                str(end) if end is not None else None,
            )
    return None, None
