"""Label choice on plain text picks exactly what sorting rdflib literals picked, from any store,
whether nodes come as rdflib terms or as the plain IRI strings of ``select_plain``."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.term import Node

import partnergraph
from partnergraph.core.messages import t
from partnergraph.io.results import SelectResult
from partnergraph.network import projections as network
from partnergraph.query import labels
from partnergraph.rdf.namespaces import compact
from partnergraph.rdf.terms import literal

PROPERTIES = (*labels.LABEL_PROPERTIES, SKOS.altLabel)
TEXTS = ("a", "b", "Ærø", "aa", "10", "9", "")
LANGUAGES = (None, "da", "da-dk", "DA", "en", "en-GB", "de", "fr")
DATATYPES = (None, XSD.string, XSD.integer, XSD.date, RDF.HTML)
WANTED = ("da", "en", "de", "fr", "DA", "en-gb", "")


def sorted_by_rdflib(node: Node, found: Iterable[tuple[Node, Node]], lang: str) -> str:
    """How labels were chosen before: sort each property's rdflib literals with rdflib."""
    by_property: dict[Node, list[Literal]] = {}
    for prop, value in found:
        if isinstance(value, Literal):
            by_property.setdefault(prop, []).append(value)
    for prop in labels.LABEL_PROPERTIES:
        candidates = sorted(by_property.get(prop, []))
        if not candidates:
            continue
        for wanted in (lang, *labels.FALLBACK_LANGUAGES):
            for value in candidates:
                if value.language and value.language.lower().startswith(wanted.lower()):
                    return str(value)
        return str(candidates[0])
    if isinstance(node, BNode):
        return t("blank.unnamed", lang or None)
    return compact(str(node))


def some_literal(rng: random.Random, typed: bool) -> Literal:
    text = rng.choice(TEXTS)
    datatype = rng.choice(DATATYPES) if typed else rng.choice(DATATYPES[:2])
    if datatype is None:
        return Literal(text, lang=rng.choice(LANGUAGES))
    if datatype == XSD.integer and rng.random() < 0.5:
        text = rng.choice(("01", "-0", "+7"))  # lexical forms rdflib normalises
    return Literal(text, datatype=datatype)


@pytest.mark.parametrize("typed", [False, True], ids=["strings", "with-typed-literals"])
def test_choosing_on_plain_text_picks_what_sorting_rdflib_literals_picked(typed: bool) -> None:
    rng = random.Random(20261206)
    node = URIRef("https://example.org/x")
    for _ in range(4000):
        found = [
            (rng.choice(PROPERTIES), some_literal(rng, typed)) for _ in range(rng.randint(0, 6))
        ]
        for lang in WANTED:
            assert labels.choose(node, found, lang) == sorted_by_rdflib(node, found, lang), (
                found,
                lang,
            )


DATA = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
ex:a skos:prefLabel "Anden"@da, "Second"@en, "Zweite"@de ; rdfs:label "ignored" .
ex:b rdfs:label "b plain", "b string"^^xsd:string, "b dansk"@da-DK, "B"@EN-gb .
ex:c dcterms:title "007"^^xsd:integer, "title"@fr ; skos:altLabel "alt"@da .
ex:d dcterms:title "12"^^xsd:integer, "2020-01-01"^^xsd:date .
ex:e skos:altLabel "only an alternative"@da .
ex:f rdfs:label ex:g .
ex:h skos:prefLabel "" , ""@da .
"""


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def small(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> partnergraph.PartnerGraph:
    path: Path = tmp_path_factory.mktemp("labels") / "labels.ttl"
    path.write_text(DATA, encoding="utf-8")
    return partnergraph.load([path], store=request.param)


def test_labeller_on_any_store_chooses_as_rdflib_terms_did(
    small: partnergraph.PartnerGraph,
) -> None:
    nodes = [URIRef(f"https://example.org/{n}") for n in "abcdefhz"]
    bulk = labels.Labeller(small.store)
    bulk.prefetch(nodes)
    for node in nodes:
        result = small.store.run(
            f"SELECT ?p ?l WHERE {{ VALUES ?p {{ {' '.join(p.n3() for p in PROPERTIES)} }} "
            f"{node.n3()} ?p ?l }}"
        )
        assert isinstance(result, SelectResult)
        found = [(p, value) for p, value in result.rows if p is not None and value is not None]
        for lang in WANTED:
            expected = sorted_by_rdflib(node, found, lang or "da")  # "": the default
            assert bulk(node, lang or None) == bulk(str(node), lang or None)
            assert labels.Labeller(small.store)(str(node), lang) == expected, (node, lang)
            assert labels.Labeller(small.store)(node, lang) == expected, (node, lang)
    assert bulk.has_label("https://example.org/a")
    assert not bulk.has_label(URIRef("https://example.org/e"))
    assert not bulk.has_label("https://example.org/f")


def test_labels_handed_over_count_for_iris_as_strings_and_as_terms(
    small: partnergraph.PartnerGraph,
) -> None:
    labeller = labels.Labeller(small.store, "en")
    before = labeller(URIRef("https://example.org/e"))
    assert before == labeller("https://example.org/e") == compact("https://example.org/e")
    labeller.add("https://example.org/e", SKOS.prefLabel, Literal("Named", lang="en"))
    assert labeller(URIRef("https://example.org/e")) == "Named" != before
    blank = BNode()
    assert labeller(blank) == "(unnamed thing)"
    labeller.add(blank, SKOS.prefLabel, Literal("Blank", lang="da"))
    assert labeller(blank) == "Blank"
    assert labeller(Literal("as it is", lang="da")) == "as it is"


def test_an_iri_that_cannot_be_written_into_a_query_is_named_without_asking(
    small: partnergraph.PartnerGraph,
) -> None:
    for odd in ("https://example.org/x> } ?x ?p ?l . { <https://example.org/a", "relative/a"):
        labeller = labels.Labeller(small.store)
        assert labeller(odd) == compact(odd)
        assert not labeller.has_label(odd)


@pytest.fixture(scope="module")
def bundled() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def bundled_memory() -> partnergraph.PartnerGraph:
    return partnergraph.load(store="memory")


@pytest.mark.parametrize("name", ["node-attributes.rq", "theme-features.rq"])
def test_lexical_rows_are_the_plain_rows_with_literals_as_text_on_both_stores(
    bundled: partnergraph.PartnerGraph, bundled_memory: partnergraph.PartnerGraph, name: str
) -> None:
    for kg in (bundled, bundled_memory):
        text = network._query_text(name)
        variables, terms = kg.store.select_plain(text)
        lexical_variables, plain = kg.store.select_plain(text, lexical=True)
        assert lexical_variables == variables
        assert len(plain) == len(terms)
        literals = 0
        for term_row, plain_row in zip(
            sorted(terms, key=lambda r: tuple(map(repr, r))),
            sorted(
                (tuple(literal(*c) if type(c) is tuple else c for c in r) for r in plain),
                key=lambda r: tuple(map(repr, r)),
            ),
            strict=True,
        ):
            for term, rebuilt in zip(term_row, plain_row, strict=True):
                if isinstance(term, BNode):
                    continue  # a fresh id per query
                assert rebuilt == term and type(rebuilt) is type(term)
                literals += isinstance(term, Literal)
        assert literals


def test_networks_label_nodes_as_rdflib_terms_did(bundled: partnergraph.PartnerGraph) -> None:
    graph = network.build(bundled, "collaboration", "en")
    prefetched = labels.Labeller(bundled.store)
    prefetched.prefetch(graph.nodes)
    for node, data in graph.nodes(data=True):
        result = bundled.store.run(
            "SELECT ?p ?l WHERE { VALUES ?p { "
            + " ".join(p.n3() for p in labels.LABEL_PROPERTIES)
            + f" }} <{node}> ?p ?l }}"
        )
        assert isinstance(result, SelectResult)
        found = [(p, value) for p, value in result.rows if p is not None and value is not None]
        assert data["label"] == sorted_by_rdflib(URIRef(node), found, "en")
        assert data["label_da"] == sorted_by_rdflib(URIRef(node), found, "da")
        assert prefetched(node, "da") == data["label_da"]
