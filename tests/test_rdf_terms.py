"""Oxigraph's terms become exactly the rdflib terms rdflib's own constructors make."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from partnergraph.engine.solutions import lexical_converter
from partnergraph.io.cells import lexical
from partnergraph.rdf.terms import converter, from_ox

INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
YEAR_MONTH = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")

CASES = [
    (
        ox.NamedNode("https://w3id.org/partnergraph/id/halmstad"),
        URIRef("https://w3id.org/partnergraph/id/halmstad"),
    ),
    (ox.BlankNode("b0"), BNode("b0")),
    (ox.Literal("Æble ø"), Literal("Æble ø")),
    (ox.Literal("Kommune", language="da"), Literal("Kommune", lang="da")),
    (ox.Literal("x", language="en-gb"), Literal("x", lang="en-gb")),
    (
        ox.Literal("007", datatype=ox.NamedNode(str(INTEGER))),
        Literal("007", datatype=INTEGER),
    ),
    (
        ox.Literal("2026-12", datatype=ox.NamedNode(str(YEAR_MONTH))),
        Literal("2026-12", datatype=YEAR_MONTH),
    ),
]


@pytest.mark.parametrize(("term", "expected"), CASES)
def test_a_term_converts_to_what_rdflib_builds(term: object, expected: object) -> None:
    for made in (from_ox(term), converter()(term)):
        assert made == expected and type(made) is type(expected)
        assert hash(made) == hash(expected)
        if isinstance(expected, Literal):
            assert isinstance(made, Literal)
            assert (made.language, made.datatype, made.value) == (
                expected.language,
                expected.datatype,
                expected.value,
            )


def test_the_default_graph_is_no_term_and_a_triple_term_is_refused() -> None:
    assert from_ox(ox.DefaultGraph()) is None and from_ox(None) is None
    quoted = ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c"))
    with pytest.raises(TypeError):
        from_ox(quoted)


@pytest.mark.parametrize(("term", "expected"), CASES)
def test_a_terms_text_is_the_text_of_its_rdflib_term(term: object, expected: object) -> None:
    text = lexical_converter()
    assert isinstance(expected, URIRef | BNode | Literal)
    assert text(term) == lexical(expected)
    assert text(term) == text(term)  # the second time from the memo
    assert text(None) == ""
