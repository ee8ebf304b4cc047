"""Several sources in one graph: every store gives the same answers, term by term.

The three-source fixture (tests/sources_fixture.py) states many facts twice (the second edition
restates the first; the second municipality describes Aarhus Universitet again). rdflib's union
default graph is a set; Oxigraph's is a bag, so without the set union kept by the Oxigraph stores
every row built from such a fact would come back once per source. Engines also differ on
GROUP_CONCAT (language tag, empty result, order of the parts), which partnergraph.sparql.harmonise
settles in one way for all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Literal

import partnergraph
from partnergraph.engine.oxigraph import SET_UNION, OxigraphStore
from partnergraph.engine.sparql import harmonise
from partnergraph.io.loading import graph_name, ontology_files
from partnergraph.io.results import SelectResult
from sources_fixture import AS_OF, GOLDEN, source_files, terms

GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))
STORES = ["memory", "oxigraph", "on-disk"]


@pytest.fixture(scope="module", params=STORES)
def kg(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[partnergraph.PartnerGraph]:
    spec = request.param
    if spec == "on-disk":
        spec = f"oxigraph:{tmp_path_factory.mktemp('store') / 'sources'}"
    graph = partnergraph.load(data=source_files(), store=spec)
    yield graph
    graph.close()


def _golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_every_named_query_has_a_golden_answer_on_the_three_sources() -> None:
    names = {q.name for q in partnergraph.load(store="memory").queries()}
    assert {_golden(p)["query"] for p in GOLDEN_FILES} == names


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda p: p.stem)
def test_each_store_gives_the_golden_answer_term_by_term(
    kg: partnergraph.PartnerGraph, golden: Path
) -> None:
    expected = _golden(golden)
    result = kg.query(expected["query"], expected["params"], lang=expected["lang"], as_of=AS_OF)
    assert terms(result) == {"variables": expected["variables"], "rows": expected["rows"]}


def test_the_stores_count_the_same_triples_and_graphs(kg: partnergraph.PartnerGraph) -> None:
    reference = partnergraph.load(data=source_files(), store="memory")
    assert kg.store.graph_names() == reference.store.graph_names()
    assert SET_UNION not in kg.store.graph_names()
    assert len(kg.store.to_dataset()) == len(reference.store.to_dataset())
    assert kg.store.export("nt").count("\n") == reference.store.export("nt").count("\n")


def test_oxigraph_alone_would_list_a_fact_stated_twice_twice() -> None:
    """Why the set union exists: the raw engine on the same files repeats rows."""
    store = ox.Store()
    for path in [*ontology_files(), *source_files()]:
        store.load(
            path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph_name(path))
        )
    text = (
        "SELECT ?label WHERE { pgid:aarhus-universitet skos:prefLabel ?label "
        "FILTER(LANG(?label) = 'da') }"
    )
    from partnergraph.rdf.namespaces import PREFIXES

    bag = list(store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES))
    assert len(bag) == 3  # Norddjurs, its second edition, and Favrskov all name AU
    kg = partnergraph.load(data=source_files())
    answer = kg.sparql(text)
    assert isinstance(answer, SelectResult) and len(answer.rows) == 1


def test_a_fact_in_two_files_is_one_row_on_every_store(tmp_path: Path) -> None:
    fact = "@prefix ex: <https://example.org/> .\nex:a ex:p ex:b .\n"
    (tmp_path / "one.ttl").write_text(fact, encoding="utf-8")
    (tmp_path / "two.ttl").write_text(fact + "ex:a ex:q 1 .\n", encoding="utf-8")
    for spec in ("memory", "oxigraph", f"oxigraph:{tmp_path / 'disk'}"):
        kg = partnergraph.load(data=[tmp_path], store=spec)
        rows = kg.sparql("SELECT ?o WHERE { <https://example.org/a> ?p ?o }")
        count = kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { <https://example.org/a> ?p ?o }")
        named = kg.sparql("SELECT ?g WHERE { GRAPH ?g { <https://example.org/a> ?p ?o } }")
        assert isinstance(rows, SelectResult) and isinstance(count, SelectResult)
        assert isinstance(named, SelectResult)
        assert (len(rows.rows), int(count.rows[0][0])) == (2, 2), spec  # type: ignore[arg-type]
        assert len(named.rows) == 3, spec  # GRAPH still sees each file's own statements
        kg.close()


def test_group_concat_cells_are_sorted_plain_and_unbound_when_empty() -> None:
    text = 'SELECT ?a (GROUP_CONCAT(?x; SEPARATOR="; ") AS ?xs) WHERE {} GROUP BY ?a'
    answer = SelectResult(
        ["a", "xs"],
        [
            (Literal("keep", lang="da"), Literal("ø; b; a", lang="da")),
            (None, Literal("")),
        ],
    )
    settled = harmonise(text, answer)
    assert isinstance(settled, SelectResult)
    assert settled.rows == [
        (Literal("keep", lang="da"), Literal("a; b; ø")),
        (None, None),
    ]
    assert settled.rows[0][1].language is None  # type: ignore[union-attr]


def test_the_set_union_follows_an_update(tmp_path: Path) -> None:
    """The server's SPARQL Update path drops the set union; the next query rebuilds it."""
    fact = "@prefix ex: <https://example.org/> .\nex:a ex:p ex:b .\n"
    (tmp_path / "one.ttl").write_text(fact, encoding="utf-8")
    (tmp_path / "two.ttl").write_text(fact, encoding="utf-8")
    kg = partnergraph.load(data=[tmp_path], store="oxigraph")
    text = "SELECT ?o WHERE { <https://example.org/a> ?p ?o }"
    assert len(kg.sparql(text).rows) == 1  # type: ignore[union-attr]
    store = kg.store
    assert isinstance(store, OxigraphStore)
    store.forget_union()
    store.store.update(
        "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> "
        "<https://example.org/p> <https://example.org/c>, <https://example.org/b> } }"
    )
    assert len(kg.sparql(text).rows) == 2  # type: ignore[union-attr]
    assert SET_UNION not in store.graph_names()


def test_describe_says_which_source_states_each_fact(kg: partnergraph.PartnerGraph) -> None:
    d = kg.describe("pgid:aarhus-universitet", lang="da")
    said = {(str(link.predicate), str(link.node)): link.said_by for link in d.outgoing}
    alt = said[("http://www.w3.org/2004/02/skos/core#altLabel", "AU")]
    assert alt == ("Fakta fra notatet", "favrskov", "norddjurs-2")
    # Favrskov names its own partnership with AU: only Favrskov says so
    into = {str(link.node): link.said_by for link in d.incoming}
    assert into["https://w3id.org/partnergraph/id/favrskov/partnership-favrskov-au"] == (
        "favrskov",
    )
