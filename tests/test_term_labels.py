"""Standard terms have Danish and English names in one RDF file; describe and pages read it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS

import partnergraph
from partnergraph import PartnerGraph
from partnergraph.core.resources import ONTOLOGY_FILES, TERM_LABELS_FILE, ontology_dir
from partnergraph.query.describe import describe_entity
from partnergraph.query.term_labels import INVERSE_LABEL, term_labels
from partnergraph.rdf.namespaces import PGID, compact
from partnergraph.views.pages.render import inverse_label, predicate_label, type_label

REPO = Path(__file__).resolve().parents[1]
VIA = PGID["via-university-college"]


@pytest.fixture(scope="module")
def kg() -> PartnerGraph:
    return partnergraph.load()


def _named(graph: Graph, term: URIRef) -> set[str]:
    return {
        name.language
        for prop in (RDFS.label, SKOS.prefLabel)
        for name in graph.objects(term, prop)
        if getattr(name, "language", None)
    }


def test_every_term_in_the_data_and_the_ontology_has_a_danish_and_an_english_name() -> None:
    ontology = Graph()
    for name in ONTOLOGY_FILES:
        ontology.parse(ontology_dir() / name)
    data = Graph()
    for path in sorted((REPO / "data").glob("*.ttl")):
        data.parse(path)
    used: set[URIRef] = set()
    for graph in (data, ontology):
        used |= {p for p in graph.predicates() if isinstance(p, URIRef)}
        used |= {t for t in graph.objects(None, RDF.type) if isinstance(t, URIRef)}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property):
        for prop in ontology.subjects(RDF.type, kind):
            used |= {prop, *ontology.objects(prop, RDFS.subPropertyOf)}
    labels = Graph().parse(ontology_dir() / TERM_LABELS_FILE)
    unnamed = sorted(
        compact(str(term))
        for term in used
        if not {"da", "en"} <= _named(ontology, term) | _named(labels, term)
    )
    assert len(used) > 100
    assert not unnamed, f"name these in ontology/{TERM_LABELS_FILE} (@da and @en): {unnamed}"


def test_every_name_in_the_file_is_in_both_languages() -> None:
    terms = term_labels()
    for table in (terms.labels, terms.inverse):
        assert table
        for term, names in table.items():
            assert set(names) == {"da", "en"}, term


def test_the_term_names_are_vocabulary_not_facts_of_the_graph(kg: PartnerGraph) -> None:
    assert TERM_LABELS_FILE not in ONTOLOGY_FILES
    assert not list(kg.dataset.triples((None, INVERSE_LABEL, None)))
    assert not list(kg.dataset.triples((DCTERMS.source, RDFS.label, None)))


@pytest.mark.parametrize(
    ("lang", "source", "member"), [("da", "kilde", "har medlem"), ("en", "source", "has member")]
)
def test_describe_and_the_pages_call_a_standard_term_the_same(
    kg: PartnerGraph, lang: str, source: str, member: str
) -> None:
    d = describe_entity(kg.store, VIA, lang)
    outgoing = {link.predicate_label for link in d.outgoing}
    incoming = {link.predicate_label for link in d.incoming}
    assert source in outgoing and predicate_label(DCTERMS.source, lang) == source
    assert member in incoming and predicate_label(ORG.hasMember, lang) == member
    assert "dcterms:source" not in outgoing
    assert type_label(ORG.Organization, lang) in d.types
    assert inverse_label(ORG.hasMember, lang) == term_labels().inverse_label(ORG.hasMember, lang)
    # programs keep the stable names of --format json
    assert "dcterms:source" in {link.predicate_key for link in d.outgoing}
    assert "org:Organization" in d.type_keys
