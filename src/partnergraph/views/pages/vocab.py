"""Words the pages use: interface text in Danish and English, and friendly names for the
standard terms (``org:hasMember``, ``dcterms:source`` ...) that the ontology does not label.

The interface text lives in the message catalogue under ``page.`` keys (add new page wording
there); this module shows it by language, as the templates want it.

Local terms (``pg:``) are labelled in the ontology itself; these tables only fill the gaps,
so a municipal reader sees "har medlem" rather than ``org:hasMember``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID

from partnergraph.core.messages import CATALOGUE, LANGUAGES
from partnergraph.rdf.namespaces import ADMS, CV, PG, SCHEMA

__all__ = [
    "INVERSE_LABELS",
    "LANGUAGES",
    "PREDICATE_LABELS",
    "PREDICATE_ORDER",
    "TEXT",
    "TYPE_LABELS",
    "other_language",
    "text",
]

_PAGE: Final = "page."


def other_language(lang: str) -> str:
    return "en" if lang == "da" else "da"


TEXT: Final[Mapping[str, Mapping[str, str]]] = {
    lang: {
        key.removeprefix(_PAGE): entry[lang]
        for key, entry in CATALOGUE.items()
        if key.startswith(_PAGE)
    }
    for lang in LANGUAGES
}
"""Interface text by language and key: the ``page.`` entries of the one message catalogue
(:mod:`partnergraph.messages`), seen by language as the page templates use them."""


def text(lang: str, key: str, **values: str | int) -> str:
    """Interface text ``key`` in ``lang`` (English when missing), with ``{name}`` filled in."""
    found = TEXT.get(lang, TEXT["en"]).get(key) or TEXT["en"].get(key, key)
    return found.format(**values) if values else found


def _pair(da: str, en: str) -> Mapping[str, str]:
    return {"da": da, "en": en}


PREDICATE_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    str(k): v
    for k, v in {
        RDF.type: _pair("type", "type"),
        RDFS.label: _pair("betegnelse", "label"),
        RDFS.comment: _pair("kommentar", "comment"),
        RDFS.seeAlso: _pair("se også", "see also"),
        OWL.sameAs: _pair("samme som", "same as"),
        SKOS.prefLabel: _pair("navn", "name"),
        SKOS.altLabel: _pair("andet navn", "other name"),
        SKOS.definition: _pair("definition", "definition"),
        SKOS.example: _pair("eksempel", "example"),
        SKOS.scopeNote: _pair("anvendelse", "scope note"),
        SKOS.note: _pair("note", "note"),
        SKOS.notation: _pair("nummer", "notation"),
        SKOS.inScheme: _pair("hører til", "in scheme"),
        SKOS.topConceptOf: _pair("topbegreb i", "top concept of"),
        SKOS.hasTopConcept: _pair("har topbegreb", "has top concept"),
        SKOS.broadMatch: _pair("tværgående tema", "broader match"),
        SKOS.relatedMatch: _pair("relateret til", "related match"),
        SKOS.exactMatch: _pair("svarer til", "exact match"),
        SKOS.broader: _pair("bredere begreb", "broader"),
        SKOS.narrower: _pair("snævrere begreb", "narrower"),
        SKOS.related: _pair("relateret", "related"),
        ORG.hasMember: _pair("har medlem", "has member"),
        ORG.memberOf: _pair("medlem af", "member of"),
        ORG.unitOf: _pair("enhed under", "unit of"),
        ORG.hasUnit: _pair("har enhed", "has unit"),
        ORG.classification: _pair("slags", "kind"),
        ORG.organization: _pair("forum", "forum"),
        ORG.member: _pair("deltager", "participant"),
        ORG.role: _pair("rolle", "role"),
        ORG.linkedTo: _pair("forbundet med", "linked to"),
        DCTERMS.source: _pair("kilde", "source"),
        DCTERMS.temporal: _pair("periode", "period"),
        DCTERMS.replaces: _pair("afløser", "replaces"),
        DCTERMS.isReplacedBy: _pair("afløses af", "replaced by"),
        DCTERMS.description: _pair("beskrivelse", "description"),
        DCTERMS.title: _pair("titel", "title"),
        DCTERMS.subject: _pair("emne", "subject"),
        DCTERMS.publisher: _pair("udgiver", "publisher"),
        DCTERMS.creator: _pair("ophav", "creator"),
        DCTERMS.references: _pair("henviser til", "references"),
        DCTERMS.type: _pair("art", "type"),
        DCTERMS.identifier: _pair("identifikator", "identifier"),
        DCTERMS.language: _pair("sprog", "language"),
        DCTERMS.license: _pair("licens", "licence"),
        DCTERMS.spatial: _pair("sted", "place"),
        DCTERMS.conformsTo: _pair("følger", "conforms to"),
        DCTERMS.created: _pair("oprettet", "created"),
        DCTERMS.relation: _pair("relation", "relation"),
        DCTERMS.hasPart: _pair("har del", "has part"),
        DCTERMS.isPartOf: _pair("del af", "part of"),
        PROV.wasAssociatedWith: _pair("behandles af", "treated by"),
        PROV.used: _pair("vedrører", "concerns"),
        PROV.wasAttributedTo: _pair("tilskrevet", "attributed to"),
        PROV.wasDerivedFrom: _pair("afledt af", "derived from"),
        ADMS.identifier: _pair("identifikator", "identifier"),
        ADMS.schemaAgency: _pair("udstedt af", "issued by"),
        DCAT.startDate: _pair("start", "start"),
        DCAT.endDate: _pair("slut", "end"),
        DCAT.keyword: _pair("nøgleord", "keyword"),
        DCAT.theme: _pair("tema", "theme"),
        DCAT.distribution: _pair("distribution", "distribution"),
        DCAT.mediaType: _pair("medietype", "media type"),
        DCAT.accessURL: _pair("adgang", "access URL"),
        DCAT.downloadURL: _pair("download", "download URL"),
        VOID.subset: _pair("delmængde", "subset"),
        VOID.uriSpace: _pair("IRI-rum", "URI space"),
        VOID.vocabulary: _pair("ordforråd", "vocabulary"),
        FOAF.primaryTopic: _pair("handler om", "primary topic"),
    }.items()
}
"""Danish and English names of standard properties the ontology does not label."""

INVERSE_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    str(k): v
    for k, v in {
        ORG.hasMember: _pair("medlem af", "member of"),
        ORG.memberOf: _pair("har medlem", "has member"),
        ORG.unitOf: _pair("har enhed", "has unit"),
        ORG.hasUnit: _pair("enhed under", "unit of"),
        ORG.organization: _pair("deltagelse", "membership"),
        ORG.member: _pair("deltager i", "takes part in"),
        ORG.role: _pair("rolle i", "role in"),
        ORG.classification: _pair("slags for", "kind of"),
        DCTERMS.source: _pair("kilde til", "source of"),
        DCTERMS.replaces: _pair("afløses af", "replaced by"),
        DCTERMS.isReplacedBy: _pair("afløser", "replaces"),
        DCTERMS.subject: _pair("handler om dette", "about this"),
        DCTERMS.publisher: _pair("udgiver af", "publisher of"),
        DCTERMS.creator: _pair("ophav til", "creator of"),
        DCTERMS.references: _pair("nævnt i", "referenced by"),
        DCTERMS.type: _pair("art af", "type of"),
        DCTERMS.isPartOf: _pair("har del", "has part"),
        DCTERMS.hasPart: _pair("del af", "part of"),
        SKOS.inScheme: _pair("indeholder", "contains"),
        SKOS.topConceptOf: _pair("har topbegreb", "has top concept"),
        SKOS.broadMatch: _pair("omfatter", "covers"),
        SKOS.relatedMatch: _pair("relateret til", "related to"),
        PROV.wasAssociatedWith: _pair("behandler", "treats"),
        PROV.used: _pair("behandlet i", "treated in"),
        PROV.wasAttributedTo: _pair("står bag", "responsible for"),
        PROV.wasDerivedFrom: _pair("grundlag for", "basis for"),
        ADMS.identifier: _pair("identificerer", "identifies"),
        PG.governs: _pair("reguleres af", "governed by"),
        PG.party: _pair("part i", "party to"),
        PG.status: _pair("status for", "status of"),
        PG.hasTheme: _pair("tema i", "theme of"),
        PG.hasFocusArea: _pair("fokusområde i", "focus area of"),
        PG.continues: _pair("videreføres af", "continued by"),
        PG.hasItem: _pair("punkt i", "item of"),
        PG.buildsOn: _pair("grundlag for", "basis for"),
        PG.contributesTo: _pair("bidrag fra", "contributed to by"),
        PG.stakeholder: _pair("interessent i", "stakeholder in"),
        PG.category: _pair("kategori for", "category of"),
        PG.collaborationType: _pair("samarbejdstype for", "collaboration type of"),
        PG.meetingFrequency: _pair("mødefrekvens for", "meeting frequency of"),
        PG.country: _pair("land for", "country of"),
        PG.usesInstrument: _pair("bruges af", "used by"),
    }.items()
}
"""How a link reads from the other end: "VIA University College" is *member of* the partnership."""

TYPE_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    str(k): v
    for k, v in {
        ORG.Organization: _pair("organisation", "organisation"),
        ORG.FormalOrganization: _pair("formel organisation", "formal organisation"),
        ORG.OrganizationalUnit: _pair("organisatorisk enhed", "organisational unit"),
        ORG.OrganizationalCollaboration: _pair("samarbejde", "collaboration"),
        ORG.Membership: _pair("deltagelse", "membership"),
        ORG.Role: _pair("rolle", "role"),
        CV.PublicOrganisation: _pair("offentlig myndighed", "public organisation"),
        SCHEMA.GovernmentOrganization: _pair("offentlig myndighed", "government organisation"),
        SCHEMA.CollegeOrUniversity: _pair("videregående uddannelse", "college or university"),
        SCHEMA.EducationalOrganization: _pair("uddannelsesinstitution", "educational organisation"),
        SCHEMA.Corporation: _pair("virksomhed", "company"),
        FOAF.Agent: _pair("aktør", "agent"),
        FOAF.Document: _pair("dokument", "document"),
        PROV.Agent: _pair("aktør (PROV)", "agent (PROV)"),
        PROV.Entity: _pair("entitet (PROV)", "entity (PROV)"),
        PROV.Activity: _pair("aktivitet (PROV)", "activity (PROV)"),
        SKOS.Concept: _pair("begreb", "concept"),
        SKOS.ConceptScheme: _pair("begrebssystem", "concept scheme"),
        DCTERMS.PeriodOfTime: _pair("periode", "period"),
        DCAT.Dataset: _pair("datasæt", "dataset"),
        DCAT.Distribution: _pair("distribution", "distribution"),
        VOID.Dataset: _pair("datasæt (VoID)", "dataset (VoID)"),
        ADMS.Identifier: _pair("identifikator", "identifier"),
        OWL.Class: _pair("klasse", "class"),
        OWL.ObjectProperty: _pair("objektegenskab", "object property"),
        OWL.DatatypeProperty: _pair("dataegenskab", "datatype property"),
    }.items()
}
"""Danish and English names of standard classes."""

PREDICATE_ORDER: Final[tuple[str, ...]] = tuple(
    str(p)
    for p in (
        SKOS.definition,
        DCTERMS.description,
        PG.purpose,
        ORG.hasMember,
        ORG.memberOf,
        ORG.unitOf,
        ORG.organization,
        ORG.member,
        ORG.role,
        PG.party,
        PG.governs,
        PG.category,
        PG.collaborationType,
        ORG.classification,
        PG.status,
        DCTERMS.temporal,
        PROV.wasAssociatedWith,
        PROV.used,
        PG.meetingFrequency,
        PG.meetingsPerYear,
        DCTERMS.replaces,
        DCTERMS.isReplacedBy,
        PG.stakeholder,
        PG.hasTheme,
        PG.hasFocusArea,
        PG.hasItem,
        PG.continues,
        SKOS.broadMatch,
        DCTERMS.subject,
        PG.contributesTo,
        PG.buildsOn,
        PG.country,
        ADMS.identifier,
        SKOS.notation,
        SKOS.inScheme,
    )
)
"""Properties shown first on an entity page, in this order; the rest follow by label."""
