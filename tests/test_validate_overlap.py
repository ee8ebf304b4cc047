"""Validation over sources that state the same triples: no set union, the same findings.

SHACL counts distinct value nodes, and every compiled check asks with DISTINCT, EXISTS, MINUS or
COUNT(DISTINCT ...), so validation runs over Oxigraph's union of the graphs as it is (a triple
stated in two files matches twice) instead of checking the files for overlap and copying their
set union (seconds at a million triples). Here the sources do overlap: the three-source fixture
(two editions of the Norddjurs data) and the same planted mistakes in two files.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph

import test_shapes
from partnergraph.engine.oxigraph import SET_UNION, OxigraphStore, overlap
from partnergraph.graph import PartnerGraph
from partnergraph.query.shacl_compile import compile_shapes
from partnergraph.query.validate import ValidationReport, shapes_graph, validate_store
from sources_fixture import source_files

PLANTED = (
    test_shapes.PREFIXES
    + """
pgid:twice-broken a pg:Partnership , org:Organization ;
    skos:prefLabel "Dobbelt brudt"@da , "Andet navn"@da , "uden sprog" ;
    org:hasMember pgid:twice-member ;
    dcterms:temporal [ dcat:startDate "2026"^^xsd:gYear ; dcat:endDate "2020"^^xsd:gYear ] .
pgid:twice-scheme a skos:ConceptScheme ; skos:prefLabel "Liste"@da .
pgid:twice-theme a pg:Theme ; skos:prefLabel "Tema"@da ; skos:inScheme pgid:twice-scheme ;
    skos:notation "1" .
"""
)
"""Mistakes stated identically in two files: each must be reported once, and the values stated
twice (one member, one notation) must not count as two."""


def findings(report: ValidationReport) -> Counter[tuple[str | None, ...]]:
    """Finding by finding; a blank node's id, which each load makes anew, left out."""

    def shown(node: object) -> str | None:
        blank = {str(i.focus) for i in report.issues if isinstance(i.focus, BNode)}
        return "_:" if str(node) in blank else None if node is None else str(node)

    return Counter(
        (shown(i.focus), i.shape, i.severity, i.message, i.path, shown(i.value), i.focus_label)
        for i in report.issues
    )


def oxigraph(kg: PartnerGraph) -> OxigraphStore:
    assert isinstance(kg.store, OxigraphStore)
    return kg.store


def has_set_union(kg: PartnerGraph) -> bool:
    return oxigraph(kg).store.contains_named_graph(ox.NamedNode(SET_UNION))


@pytest.fixture(scope="module")
def planted_twice(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("twice")
    files = [folder / "planted-a.ttl", folder / "planted-b.ttl"]
    for path in files:
        path.write_text(PLANTED, encoding="utf-8")
    return files


def test_validating_overlapping_sources_neither_checks_nor_copies_the_set_union(
    planted_twice: list[Path],
) -> None:
    kg = PartnerGraph.load([*source_files(), *planted_twice], store="oxigraph")
    assert overlap(oxigraph(kg).store, None)  # the sources do state triples twice
    report = validate_store(kg.store, engine="sparql")
    assert not has_set_union(kg)
    assert any(str(i.focus).endswith("twice-broken") for i in report.issues)


@pytest.mark.slow
def test_overlapping_sources_give_pyshacls_findings_without_the_set_union(
    planted_twice: list[Path],
) -> None:
    kg = PartnerGraph.load([*source_files(), *planted_twice], store="oxigraph")
    compiled = validate_store(kg.store, engine="sparql")
    assert not has_set_union(kg)
    # pySHACL gets the union as an rdflib graph: a set, each triple once.
    reference = validate_store(kg.store, engine="pyshacl")
    assert compiled.conforms == reference.conforms
    assert findings(compiled) == findings(reference)
    planted = [i for i in reference.issues if "twice-" in str(i.focus)]
    assert len(planted) >= 4
    # Every compiled check, the sh:sparql ones included, may run over repeated triples.
    assert all(check.repeats_harmless for check in compile_shapes(shapes_graph()))


def test_findings_are_the_same_over_the_set_union_and_over_repeated_triples(
    planted_twice: list[Path],
) -> None:
    files = [*source_files(), *planted_twice]
    over_bag = validate_store(PartnerGraph.load(files, store="oxigraph").store, lang="en")
    kg = PartnerGraph.load(files, store="oxigraph")
    len(kg.store)  # counting the triples needs, and writes, the set union
    assert has_set_union(kg)
    over_set = validate_store(kg.store, lang="en")
    assert findings(over_bag) == findings(over_set)
    assert len(over_bag.issues) > len([i for i in over_bag.issues if "twice-" in str(i.focus)])


def test_a_sparql_constraint_that_counts_repeats_runs_over_the_set_union(tmp_path: Path) -> None:
    files = [tmp_path / "a.ttl", tmp_path / "b.ttl"]
    for path in files:  # one triple, stated in both files
        path.write_text("<https://example.org/a> <https://example.org/p> 1 .\n", encoding="utf-8")
    shapes = Graph().parse(data=COUNTING, format="turtle")
    assert [c.repeats_harmless for c in compile_shapes(shapes)] == [False, True]
    kg = PartnerGraph.load(files, store="oxigraph")
    report = validate_store(kg.store, shapes=shapes)
    assert report.issues == []  # one value, counted once
    assert has_set_union(kg)


COUNTING = '''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:Counting a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [
    sh:select """SELECT $this WHERE { $this <https://example.org/p> ?o } GROUP BY $this
        HAVING (COUNT(?o) > 1)""" ] .
ex:Distinct a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [
    sh:select """SELECT $this WHERE { $this <https://example.org/p> ?o } GROUP BY $this
        HAVING (COUNT(DISTINCT ?o) > 1)""" ] .
'''
