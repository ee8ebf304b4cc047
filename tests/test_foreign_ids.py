"""validate catches an id of one dataset described in another dataset's graph (issue 11):
two sources meeting by accident, which SHACL on the union of the graphs cannot see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partnergraph.cli.app import app
from partnergraph.graph import PartnerGraph
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.query.foreign_ids import CHECK, foreign_ids
from sources_fixture import FIXTURE, source_files

FAVRSKOV_ORG = "https://w3id.org/partnergraph/id/favrskov/favrskov-kommune"

SECOND_DATASET = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix pgid: <https://w3id.org/partnergraph/id/> .
pgid:dataset-syddjurs a dcat:Dataset , void:Dataset ;
    skos:prefLabel "syddjurs"@da ;
    void:uriSpace "https://w3id.org/partnergraph/id/syddjurs/" .
"""

# What a copied id looks like: Syddjurs' workbook names Favrskov's municipality by its id.
SECOND_FACTS = f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/partnergraph/id/syddjurs/syddjurs-kommune> skos:prefLabel "Syddjurs Kommune"@da .
<{FAVRSKOV_ORG}> skos:altLabel "Favrskov"@da .
"""


@pytest.fixture
def planted(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "syddjurs"
    folder.mkdir()
    (folder / "syddjurs-dataset.ttl").write_text(SECOND_DATASET, encoding="utf-8")
    (folder / "syddjurs.ttl").write_text(SECOND_FACTS, encoding="utf-8")
    return [*source_files(), folder / "syddjurs-dataset.ttl", folder / "syddjurs.ttl"]


def test_the_three_source_fixture_has_no_id_described_outside_its_dataset() -> None:
    kg = PartnerGraph.load(source_files())
    assert any(str(FIXTURE) in str(p) for p in source_files())
    assert foreign_ids(kg.store) == []
    report = kg.validate(lang="en")
    assert not [i for i in report.issues if i.shape == str(CHECK)]


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_an_id_of_favrskov_described_in_a_second_datasets_graph_is_one_finding(
    planted: list[Path], store: str
) -> None:
    kg = PartnerGraph.load(planted, store=store)
    found = foreign_ids(kg.store)
    assert [(str(f.subject), str(f.graph), f.namespace) for f in found] == [
        (
            FAVRSKOV_ORG,
            GRAPH_BASE + "syddjurs",
            "https://w3id.org/partnergraph/id/favrskov/",
        )
    ]
    danish = [i for i in kg.validate().issues if i.shape == str(CHECK)]
    english = [i for i in kg.validate(lang="en").issues if i.shape == str(CHECK)]
    assert [(str(i.focus), i.severity, i.value) for i in danish] == [
        (FAVRSKOV_ORG, "Violation", GRAPH_BASE + "syddjurs")
    ]
    assert (danish[0].focus_label, english[0].focus_label) == (
        "Favrskov Kommune",
        "Favrskov Municipality",
    )
    assert danish[0].message.startswith("Denne ting hører til datasættet favrskov")
    assert GRAPH_BASE + "syddjurs" in danish[0].message
    assert english[0].message.startswith("This thing belongs to the dataset favrskov")


def test_the_cli_reports_the_planted_id_and_fails(planted: list[Path]) -> None:
    args = [arg for path in planted for arg in ("--data", str(path))]
    result = CliRunner().invoke(app, [*args, "validate", "--format", "json"])
    assert result.exit_code == 1, result.output
    issues = json.loads(result.stdout)["issues"]
    assert [(i["focus"], i["value"]) for i in issues if i["shape"] == str(CHECK)] == [
        (FAVRSKOV_ORG, GRAPH_BASE + "syddjurs")
    ]
