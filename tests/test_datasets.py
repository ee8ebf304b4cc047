"""A source is a dataset: a workbook's ids live in its own namespace, an id another source
describes differently is refused naming both, and the import describes the dataset (DCAT)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS, VOID
from typer.testing import CliRunner

import partnergraph
from partnergraph.authoring.spreadsheet import template
from partnergraph.cli.app import app
from partnergraph.io import loading
from partnergraph.io.results import SelectResult
from partnergraph.rdf.namespaces import PGID
from sources_fixture import make_fixture

runner = CliRunner()

FAVRSKOV = "https://w3id.org/partnergraph/id/favrskov/"
SOURCE_ID = make_fixture.SOURCE


def _workbook(folder: Path, rows: dict[str, list[dict[str, object]]]) -> Path:
    """A blank template filled in row by row, as a user types it."""
    book: Path = make_fixture.fill_workbook(folder / "favrskov.xlsx", rows)
    return book


def _reusing_norddjurs_ids() -> dict[str, list[dict[str, object]]]:
    """The issue's case: ids copied from the Norddjurs template for Favrskov's own things."""
    rows = copy.deepcopy(make_fixture.ROWS)
    text = repr(rows).replace("okonomiudvalget-favrskov", "okonomiudvalget")
    text = text.replace("partnership-favrskov-au", "partnership-au")
    reused: dict[str, list[dict[str, object]]] = eval(text)
    return reused


def _import(book: Path, out: Path, *extra: str) -> Any:
    return runner.invoke(app, ["import", str(book), "-o", str(out), *extra])


def test_a_second_municipality_reusing_norddjurs_ids_is_kept_apart(tmp_path: Path) -> None:
    book = _workbook(tmp_path, _reusing_norddjurs_ids())
    out = tmp_path / "favrskov" / "favrskov.ttl"
    out.parent.mkdir()
    result = _import(book, out)
    assert result.exit_code == 0, result.output
    facts = Graph().parse(out)
    committee = URIRef(FAVRSKOV + "okonomiudvalget")
    assert (committee, ORG.unitOf, URIRef(FAVRSKOV + "favrskov-kommune")) in facts
    kg = partnergraph.load(data=[loading.bundled_data_files()[0].parent, out.parent])
    units = kg.sparql("SELECT ?o WHERE { pgid:okonomiudvalget org:unitOf ?o }")
    assert isinstance(units, SelectResult)
    assert [str(r[0]) for r in units.rows] == [str(PGID) + "norddjurs-kommune"]
    members = kg.sparql("SELECT ?m WHERE { pgid:partnership-au org:hasMember ?m }")
    assert isinstance(members, SelectResult) and len(members.rows) == 2
    alone = partnergraph.load().query("formal-partnerships")
    both = kg.query("formal-partnerships")
    assert isinstance(alone, SelectResult) and isinstance(both, SelectResult)
    assert len(both.rows) == len(alone.rows) + 2  # Favrskov's two partnerships, nothing merged


def test_an_id_another_source_describes_differently_is_refused_naming_both(
    tmp_path: Path,
) -> None:
    rows = copy.deepcopy(make_fixture.ROWS)  # Aarhus Universitet shared: pgid:aarhus-universitet
    for row in rows["Organisationer"]:
        if row["Id *"] == "pgid:aarhus-universitet":
            row["Name (en)"] = "University of Aarhus"
    book = _workbook(tmp_path, rows)
    out = tmp_path / "favrskov.ttl"
    result = _import(book, out)
    assert result.exit_code != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in result.output
    for part in (
        "favrskov.xlsx",
        "pgid:aarhus-universitet",
        "pgid:memo-norddjurs-partnerships",
        "skos:prefLabel",
        '"University of Aarhus"@en',
        '"Aarhus University"@en',
    ):
        assert part in message, (part, message)
    assert not out.exists()


def test_an_id_shared_on_purpose_with_the_same_facts_is_one_thing(tmp_path: Path) -> None:
    rows = make_fixture.ROWS  # Aarhus Universitet as pgid:aarhus-universitet, as Norddjurs has it
    book = _workbook(tmp_path, rows)
    out = tmp_path / "favrskov.ttl"
    result = _import(book, out)
    assert result.exit_code == 0, result.output
    # the near-duplicate VIA is pointed out: the shared one exists
    assert "pgid:via-university-college" in result.stderr
    kg = partnergraph.load(data=[loading.bundled_data_files()[0].parent, tmp_path])
    sources = kg.sparql("SELECT ?s WHERE { pgid:aarhus-universitet dcterms:source ?s }")
    assert isinstance(sources, SelectResult)
    # the memo, the register (where the shared organisations live) and Favrskov's memo
    assert sorted(str(row[0]) for row in sources.rows) == [
        str(PGID) + "dataset-register",
        FAVRSKOV + SOURCE_ID,
        str(PGID) + "memo-norddjurs-partnerships",
    ]


def test_the_import_describes_its_dataset(tmp_path: Path) -> None:
    book = _workbook(tmp_path, make_fixture.ROWS)
    out = tmp_path / "favrskov.ttl"
    licence = "https://creativecommons.org/licenses/by/4.0/"
    assert _import(book, out, "--license", licence).exit_code == 0
    described = Graph().parse(tmp_path / "favrskov-dataset.ttl")
    dataset = URIRef(str(PGID) + "dataset-favrskov")
    assert (dataset, RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")) in described
    assert (dataset, DCTERMS.publisher, URIRef(FAVRSKOV + "favrskov-kommune")) in described
    assert (dataset, DCTERMS.license, URIRef(licence)) in described
    assert (dataset, VOID.uriSpace, Literal(FAVRSKOV)) in described
    assert (dataset, DCTERMS.issued, None) not in described  # not made up: undated
    notes = {str(n) for n in described.objects(dataset, SKOS.editorialNote)}
    assert "Udateret: ingen dato angivet." in notes


def test_a_new_edition_keeps_the_iris_of_the_dataset_it_replaces(tmp_path: Path) -> None:
    book = tmp_path / "norddjurs.xlsx"
    template(book, from_graph=partnergraph.load())
    out = tmp_path / "norddjurs-2.ttl"
    result = _import(book, out, "--replaces", "pgid:dataset-norddjurs", "--issued", "2026-12-01")
    assert result.exit_code == 0, result.output
    facts = Graph().parse(out)
    assert (PGID["partnership-au"], RDF.type, None) in facts
    assert not any(str(s).startswith(str(PGID) + "norddjurs-2/") for s in facts.subjects())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_conflict_message_speaks_the_users_language(tmp_path: Path, lang: str) -> None:
    from partnergraph.engine.datasets import SourceConflictError, check_conflicts

    existing = Graph()
    thing = PGID["x"]
    existing.add((thing, SKOS.prefLabel, Literal("X", lang="da")))
    existing.add((thing, DCTERMS.source, PGID["memo-a"]))
    facts = Graph()
    facts.add((thing, SKOS.prefLabel, Literal("Y", lang="da")))
    with pytest.raises(SourceConflictError) as caught:
        check_conflicts(facts, existing, source="b.xlsx", lang=lang)
    word = "already described by" if lang == "en" else "allerede beskrevet af"
    assert word in str(caught.value) and "pgid:memo-a" in str(caught.value)
    facts.add((thing, SKOS.prefLabel, Literal("Y", lang="en")))  # a new language adds, fine
    facts.remove((thing, SKOS.prefLabel, Literal("Y", lang="da")))
    check_conflicts(facts, existing, source="b.xlsx", lang=lang)
