"""The shapes compiled to SPARQL (the default engine) report exactly what pySHACL reports.

pySHACL is the reference: on every planted case of tests/test_shapes.py (in one batch, as there),
on the bundled data and on a small generated dataset, both engines must give the same findings,
compared issue by issue (focus node, shape, severity, message in Danish and English, path,
value, label), counted with repeats.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

import test_shapes
from partnergraph.engine.memory import MemoryStore
from partnergraph.graph import PartnerGraph
from partnergraph.query.shacl_compile import compile_shapes
from partnergraph.query.validate import ValidationReport, shapes_graph, validate_store

Key = tuple[str, str | None, str, str, str | None, str | None, str]


def findings(report: ValidationReport) -> Counter[Key]:
    return Counter(
        (str(i.focus), i.shape, i.severity, i.message, i.path, i.value, i.focus_label)
        for i in report.issues
    )


def both(store_dataset: Dataset, lang: str) -> tuple[Counter[Key], Counter[Key]]:
    store = MemoryStore(store_dataset)
    compiled = validate_store(store, lang, engine="sparql")
    reference = validate_store(store, lang, engine="pyshacl")
    assert compiled.conforms == reference.conforms
    return findings(compiled), findings(reference)


@pytest.fixture(scope="module")
def batch_dataset() -> Dataset:
    """The ontology, the vocabularies and every planted case with their CONTEXT."""
    dataset = Dataset(default_union=True)
    target = dataset.graph(URIRef("https://example.org/cases"))
    for path in test_shapes.BASE_FILES:
        target.parse(path, format="turtle")
    cases = "\n".join(test_shapes.CASES.values())
    target.parse(data=test_shapes.PREFIXES + test_shapes.CONTEXT + cases, format="turtle")
    return dataset


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_planted_shape_case_gives_the_same_findings_on_both_engines(
    batch_dataset: Dataset, lang: str
) -> None:
    compiled, reference = both(batch_dataset, lang)
    assert len(reference) > 60
    # Every shape is exercised, so every compiled query is compared at least once.
    assert {key[1] for key in reference} == {str(c.shape) for c in compile_shapes(shapes_graph())}
    assert compiled == reference


def test_sparql_messages_are_in_the_readers_language(batch_dataset: Dataset) -> None:
    # pySHACL drops the language of a message it filled in; the report must not.
    danish = validate_store(MemoryStore(batch_dataset), "da")
    english = validate_store(MemoryStore(batch_dataset), "en")
    shape = str(test_shapes.PGSH.PeriodStartNotAfterEndShape)
    assert {i.message[:20] for i in danish.issues if i.shape == shape} == {"Denne periode starte"}
    assert {i.message[:20] for i in english.issues if i.shape == shape} == {"This period starts a"}


def test_bundled_data_conforms_on_both_engines() -> None:
    kg = PartnerGraph.load()
    compiled = validate_store(kg.store, engine="sparql")
    reference = validate_store(kg.store, engine="pyshacl")
    assert compiled.conforms and reference.conforms
    assert compiled.issues == reference.issues == []


def test_generated_data_with_planted_errors_gives_the_same_findings(tmp_path: Path) -> None:
    from partnergraph.synthetic.generate import generate

    generate(tmp_path / "gen", municipalities=2)
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    kg = PartnerGraph.load([tmp_path / "gen", broken], store="oxigraph")
    compiled = findings(validate_store(kg.store, engine="sparql"))
    reference = findings(validate_store(kg.store, engine="pyshacl"))
    assert len(reference) >= 3
    assert compiled == reference


BROKEN = (
    test_shapes.PREFIXES
    + """
pgid:broken-partnership a pg:Partnership , org:Organization ;
    skos:prefLabel "Brudt partnerskab"@da , "Andet navn"@da ;
    org:hasMember pgid:broken-member ;
    dcterms:temporal [ dcat:startDate "2026"^^xsd:gYear ; dcat:endDate "2020"^^xsd:gYear ] .
"""
)


def test_the_compiled_checks_cover_every_named_shape() -> None:
    shapes: Graph = shapes_graph()
    named = test_shapes.named_shapes(shapes)
    assert {c.shape for c in compile_shapes(shapes)} == named


def test_shapes_the_compiler_does_not_know_are_validated_by_pyshacl() -> None:
    from partnergraph.query.shacl_compile import Unsupported

    shapes = Graph().parse(
        data="""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:OneOfShape a sh:NodeShape ;
    sh:targetSubjectsOf skos:prefLabel ;
    sh:xone ( [ sh:path skos:prefLabel ; sh:minCount 1 ]
              [ sh:path skos:altLabel ; sh:minCount 1 ] ) ;
    sh:message "exactly one of prefLabel and altLabel"@en .
""",
        format="turtle",
    )
    with pytest.raises(Unsupported):
        compile_shapes(shapes)
    data = Dataset(default_union=True)
    data.graph(URIRef("https://example.org/g")).parse(
        data='<https://example.org/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "x"@da ; '
        '<http://www.w3.org/2004/02/skos/core#altLabel> "y"@da .',
        format="turtle",
    )
    report = validate_store(MemoryStore(data), "en", shapes)
    assert [(str(i.focus), i.message) for i in report.issues] == [
        ("https://example.org/x", "exactly one of prefLabel and altLabel")
    ]
