"""An Oxigraph answer written as text (CSV, TSV, JSON, Markdown, the terminal table) straight
from the engine's terms is the answer the rdflib terms give, cell for cell; every other use still
gets the rdflib terms."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from rdflib import Literal
from rich.console import Console

import partnergraph
from partnergraph.engine import sparql
from partnergraph.io.results import SelectResult
from partnergraph.io.tables import render_select, select_table

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


def _drawn(result: SelectResult) -> str:
    """The terminal table as a terminal shows it, colours included."""
    screen = Console(record=True, width=200, color_system="truecolor", force_terminal=True)
    screen.print(select_table(result, "title", width=200))
    return screen.export_text(styles=True)


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
    for fmt in ("csv", "tsv", "json", "md"):
        assert render_select(deferred, fmt) == render_select(eager, fmt)
    assert _drawn(deferred) == _drawn(eager)
    assert deferred.source() is not None  # the text outputs and the table made no rdflib term
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
        assert _drawn(deferred) == _drawn(eager)
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


LEXICAL_FORMS = {
    "integer": ["0", "7", "-7", "007", "+7", "-0", "12345678901234567890", " 7", "1e3", "x"],
    "date": ["2025-09-01", "2025-02-30", "0999-01-01", "2025-09-01Z", "10000-01-01", "2025-9-1"],
    "gYear": ["2025", "0999", "12025", "-0044", "2025Z", "0000", "٢٠٢٥"],
    "gYearMonth": ["2025-09", "2025-9", "2025-13", "2025-09Z"],
    "boolean": ["true", "false", "1", "0", "TRUE", " true"],
    "decimal": ["1.50", "1", "-0.0"],
    "dateTime": ["2025-09-01T10:00:00", "2025-09-01T10:00:00Z"],
}


@pytest.mark.parametrize("datatype", sorted(LEXICAL_FORMS))
def test_a_typed_literal_read_without_rdflib_has_the_text_rdflib_gives_it(datatype: str) -> None:
    import pyoxigraph as ox

    from partnergraph.engine.solutions import cell_converter, lexical_converter
    from partnergraph.rdf.terms import from_ox

    iri = ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{datatype}")
    cell, text = cell_converter(), lexical_converter()
    for form in LEXICAL_FORMS[datatype]:
        term = ox.Literal(form, datatype=iri)
        expected = str(from_ox(term))
        made = cell(term)
        assert made is not None
        assert (made.text, made.datatype, text(term)) == (expected, iri.value, expected), form
