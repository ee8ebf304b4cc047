"""Parameters are bound as Oxigraph's terms, and mean exactly what rdflib's terms meant."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from partnergraph.core.errors import ParameterError, QueryError
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.oxigraph import OxigraphStore
from partnergraph.engine.sparql import bind_as_values
from partnergraph.engine.stores import Store
from partnergraph.io.loading import ontology_files
from partnergraph.io.results import SelectResult
from partnergraph.query.library import Parameter, find_query
from partnergraph.rdf import namespaces
from partnergraph.rdf.terms import from_ox

ECHO = "SELECT ?v WHERE { }"

ODD_TEXTS = ["plain", 'a "quote"', "line\nbreak", "tab\there", "back\\slash", "nul\x00", "æøå ‘’"]


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest) -> Store:
    files = ontology_files()[:1]
    if request.param == "memory":
        return MemoryStore.from_files(files)
    return OxigraphStore.from_files(files)


def _echo(store: Store, value: object) -> object:
    result = store.run(bind_as_values(ECHO, {"v": value}))  # type: ignore[dict-item]
    assert isinstance(result, SelectResult)
    ((cell,),) = result.rows
    return cell


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_a_string_bound_as_oxigraphs_term_comes_back_as_rdflibs_would(
    store: Store, text: str
) -> None:
    # Oxigraph writes control characters as escapes; rdflib wrote a tab as it is, which
    # rdflib's own SPARQL parser then read back as spaces.
    assert _echo(store, ox.Literal(text)) == Literal(text)


@pytest.mark.parametrize(
    ("parameter", "typed", "expected"),
    [
        (Parameter("n", "integer"), " +07", Literal(7)),
        (Parameter("lang", "language"), "en-gb", Literal("en-gb")),
        (Parameter("s", "string"), "Halmstad", Literal("Halmstad")),
        (Parameter("x", "iri"), "urn:x-test:a", URIRef("urn:x-test:a")),
        (Parameter("d", "date"), "2025-09", Literal("2025-09", datatype=ns.XSD.gYearMonth)),
    ],
)
def test_a_typed_parameter_binds_the_term_rdflib_would_have_made(
    store: Store, parameter: Parameter, typed: str, expected: object
) -> None:
    term = parameter.convert(typed)
    assert isinstance(term, ox.Literal | ox.NamedNode)  # no rdflib needed to bind it
    assert from_ox(term) == expected
    assert _echo(store, term) == expected


def test_an_iri_oxigraph_refuses_is_a_parameter_error() -> None:
    with pytest.raises(ParameterError):
        Parameter("x", "iri").convert("urn:x:%zz|")


def test_a_value_that_is_no_term_is_refused_by_name() -> None:
    with pytest.raises(QueryError, match="'v'"):
        bind_as_values(ECHO, {"v": "plain text"})  # type: ignore[dict-item]


def test_the_row_limit_reads_a_number_from_either_librarys_term() -> None:
    named = find_query("shared-themes")
    assert named.limit is not None
    for term in (ox.Literal("3", datatype=ox.NamedNode(ns.XSD.integer)), Literal(3)):
        assert named.text_for({named.limit: term}).rstrip().endswith("LIMIT 3")
    assert named.text_for({named.limit: Literal("many")}) == named.text


def test_the_prefixes_name_the_namespaces_rdflib_knows_by_the_same_prefix() -> None:
    # The prefixes are written out as text (no rdflib at start-up): they must not drift.
    known = {prefix: str(iri) for prefix, iri in Graph().namespaces()}
    shared = set(known) & set(namespaces.PREFIXES) - {"schema"}  # rdflib: http://schema.org/
    assert len(shared) >= 12
    assert {p: namespaces.PREFIXES[p] for p in shared} == {p: known[p] for p in shared}
    assert str(namespaces.PG.Partnership) == namespaces.PREFIXES["pg"] + "Partnership"
    assert namespaces.EU_LANGUAGES["da"] == URIRef(
        "http://publications.europa.eu/resource/authority/language/DAN"
    )


def test_an_unknown_namespace_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = namespaces.NO_SUCH  # type: ignore[attr-defined]


def test_files_load_into_graphs_named_as_text(tmp_path: Path) -> None:
    from partnergraph.io.loading import named_files

    first, second = tmp_path / "a" / "x.ttl", tmp_path / "b" / "x.ttl"
    assert [name for _, name in named_files([first, second])] == [
        f"{namespaces.BASE}graph/x",
        f"{namespaces.BASE}graph/x-2",
    ]
