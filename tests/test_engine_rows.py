"""An Oxigraph answer written as CSV or TSV straight from the engine's terms is the answer the
rdflib terms give, cell for cell; every other use still gets the rdflib terms."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from rdflib import Literal

import partnergraph
from partnergraph.engine import sparql
from partnergraph.io.results import SelectResult
from partnergraph.io.tables import render_select

EXTRA = """\
@prefix pg: <https://w3id.org/partnergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:x-test:a> skos:prefLabel "=1+1"@da, "'-minus", "Tab\\tand \\"quote\\"" ;
    pg:count "007"^^xsd:integer ; pg:flag "1"^^xsd:boolean ; pg:on "2025-09"^^xsd:gYearMonth ;
    pg:part [ skos:prefLabel "blank" ] .
"""

ODD = """PREFIX pg: <https://w3id.org/partnergraph/ontology#>
SELECT ?s ?p ?o
WHERE { { BIND(<urn:x-test:a> AS ?s) ?s ?p ?o } UNION { <urn:x-test:a> pg:part ?s . ?s ?p ?o } }"""

CONCATENATED = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s (GROUP_CONCAT(?o; SEPARATOR="|") AS ?labels) (COUNT(*) AS ?n)
WHERE { ?s skos:prefLabel ?o FILTER(?s = <urn:x-test:a> || isBLANK(?s)) } GROUP BY ?s"""

NOTHING = """SELECT (GROUP_CONCAT(?o) AS ?none) WHERE { <urn:x-test:no> ?p ?o }"""


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> partnergraph.PartnerGraph:
    extra = tmp_path_factory.mktemp("rows") / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    bundled = Path(__file__).resolve().parents[1] / "data"
    return partnergraph.load([bundled, extra], store="oxigraph")


def _eager(result: SelectResult) -> SelectResult:
    """The same answer with its rdflib terms made first: what every output wrote before."""
    return SelectResult(result.variables, list(result.rows))


@pytest.mark.parametrize("name", ["partnerships", "governance", "timeline", "renewals-due"])
def test_a_named_querys_csv_and_tsv_are_those_of_its_rdflib_terms(
    kg: partnergraph.PartnerGraph, name: str
) -> None:
    deferred = kg.query(name)
    assert isinstance(deferred, SelectResult)
    assert deferred.source() is not None  # not yet converted
    eager = kg.query(name)
    assert isinstance(eager, SelectResult)
    eager = _eager(eager)
    for fmt in ("csv", "tsv"):
        assert render_select(deferred, fmt) == render_select(eager, fmt)
    assert deferred.source() is not None  # CSV and TSV made no rdflib term
    assert len(deferred) == len(eager) > 0
    assert deferred == eager and deferred.source() is None  # compared: the terms are made


def test_odd_cells_read_from_the_engine_are_written_as_their_rdflib_terms_are(
    kg: partnergraph.PartnerGraph,
) -> None:
    # Formula triggers, quotes, a tab, a blank node, a non-canonical integer (rdflib writes
    # "7"), a boolean, a year-month and a concatenated cell, settled as every engine's.
    texts = {}
    for query in (ODD, CONCATENATED, NOTHING):
        deferred = sparql.harmonise(query, kg.store.run(query))
        raw = kg.store.run(query)
        assert isinstance(deferred, SelectResult) and isinstance(raw, SelectResult)
        eager = sparql.harmonise(query, _eager(raw))
        assert deferred.source() is not None
        for fmt in ("csv", "tsv", "json", "md", "csv-excel"):
            assert render_select(deferred, fmt) == render_select(eager, fmt)
        texts[query] = render_select(deferred, "csv")
    cells = texts[ODD]
    for shown in ('"7"', '"true"', '"2025-09"', '"_:', '"\'=1+1"', "\"''-minus\"", '""quote""'):
        assert shown in cells
    assert "\"''-minus|=1+1|Tab" in texts[CONCATENATED]  # sorted parts, neutralised
    nothing, settled = kg.store.run(NOTHING), sparql.harmonise(NOTHING, kg.store.run(NOTHING))
    assert isinstance(nothing, SelectResult) and isinstance(settled, SelectResult)
    assert nothing.rows == [(Literal(""),)] and settled.rows == [(None,)]  # unbound, as elsewhere


def test_a_deferred_answer_pickles_as_an_ordinary_one(kg: partnergraph.PartnerGraph) -> None:
    deferred = kg.query("formal-partnerships")
    assert isinstance(deferred, SelectResult) and deferred.source() is not None
    copied = pickle.loads(pickle.dumps(deferred))
    assert copied == deferred and copied.source() is None
    assert copied.rows == deferred.rows
