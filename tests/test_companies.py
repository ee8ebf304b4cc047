"""A functional collaboration run through a company is two things: company and collaboration.

The memo gives Reno Djurs and Aqua Djurs ("mellem Djurslands kommunerne i Reno Djurs og Aqua
Djurs") and Aarhus Airport as examples of functional collaborations. Each company keeps the IRI
its name always had (pgid:reno-djurs, ...) and is an org:FormalOrganization; the collaboration is
pgid:collaboration-<company>, a pg:Partnership with its own members, pg:operatedBy the company.
What the memo says cites the memo with its words; what is inferred (Syddjurs as a member, that
Aarhus Airport's collaboration runs through the company) sits in the editorial graph with a note.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS
from typer.testing import CliRunner

import partnergraph
from partnergraph.authoring.spreadsheet import import_to_file, template
from partnergraph.cli.app import app
from partnergraph.rdf.namespaces import PG, PGID
from partnergraph.synthetic.generate import generate

DATA = Path(__file__).resolve().parents[1] / "data"
MEMO = PGID["memo-norddjurs-partnerships"]
COMPANIES = ("reno-djurs", "aqua-djurs", "aarhus-airport")

runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": None, "PARTNERGRAPH_STORE": None})


@pytest.fixture(scope="module")
def memo() -> Graph:
    return Graph().parse(DATA / "norddjurs.ttl")


@pytest.fixture(scope="module")
def editorial() -> Graph:
    return Graph().parse(DATA / "norddjurs-editorial.ttl")


@pytest.mark.parametrize("key", COMPANIES)
def test_the_company_is_a_formal_organisation_and_not_a_collaboration(
    key: str, memo: Graph, editorial: Graph
) -> None:
    company, collaboration = PGID[key], PGID[f"collaboration-{key}"]
    assert (company, RDF.type, ORG.FormalOrganization) in memo
    assert (company, RDF.type, PG.Partnership) not in memo | editorial
    assert (company, ORG.hasMember, None) not in memo | editorial
    # its kind and country are editorial, with a note
    assert (company, ORG.classification, PGID["kind-inter-municipal-company"]) in editorial
    assert (company, PG.country, None) in editorial
    assert (company, ORG.classification, None) not in memo
    assert editorial.value(company, SKOS.editorialNote) is not None
    # the collaboration is a partnership operated by the company
    assert (collaboration, RDF.type, PG.Partnership) in memo
    assert (collaboration, PG.operatedBy, company) in memo | editorial
    assert (collaboration, ORG.hasMember, PGID["norddjurs-kommune"]) in memo


@pytest.mark.parametrize("key", ("reno-djurs", "aqua-djurs"))
def test_the_djursland_collaborations_cite_the_memos_words_and_infer_syddjurs(
    key: str, memo: Graph, editorial: Graph
) -> None:
    collaboration = PGID[f"collaboration-{key}"]
    words = str(memo.value(collaboration, PG.sourceText))
    assert "Djurslands kommunerne i Reno Djurs og Aqua Djurs" in words
    assert (collaboration, PG.operatedBy, PGID[key]) in memo  # "i Reno Djurs": the memo says so
    assert (collaboration, DCTERMS.source, MEMO) in memo
    syddjurs = (collaboration, ORG.hasMember, PGID["syddjurs-kommune"])
    assert syddjurs not in memo and syddjurs in editorial
    notes = {str(n) for n in editorial.objects(collaboration, SKOS.editorialNote)}
    assert any("Djurslands kommunerne" in n for n in notes), notes


def test_aarhus_airports_company_link_is_editorial(memo: Graph, editorial: Graph) -> None:
    collaboration = PGID["collaboration-aarhus-airport"]
    assert (collaboration, PG.operatedBy, None) not in memo
    assert (collaboration, PG.operatedBy, PGID["aarhus-airport"]) in editorial
    assert "udledt" in str(editorial.value(collaboration, SKOS.editorialNote))
    assert (collaboration, PG.partiesIncomplete, None) in memo


def test_the_companies_are_register_organisations_without_guessed_identifiers() -> None:
    register = Graph().parse(DATA / "register.ttl")
    for key in COMPANIES:
        assert (PGID[key], DCTERMS.source, PGID["dataset-register"]) in register
        assert (PGID[key], URIRef("http://www.w3.org/ns/adms#identifier"), None) not in register


@pytest.mark.slow
def test_describe_shows_the_company_with_the_collaboration_it_operates() -> None:
    result = runner.invoke(app, ["describe", "Reno Djurs"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Reno Djurs  <{PGID}reno-djurs>")
    assert "formel organisation" in lines[1] and "partnerskab" not in lines[1]
    assert "drives af" in result.stdout and "Samarbejdet i Reno Djurs" in result.stdout
    assert "fælleskommunal virksomhed" in result.stdout


def test_describe_shows_the_collaboration_with_its_members_and_company() -> None:
    result = runner.invoke(app, ["describe", "Samarbejdet i Aarhus Airport"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Samarbejdet i Aarhus Airport  <{PGID}collaboration-aarhus")
    assert "drives af" in result.stdout and "Aarhus Airport" in result.stdout
    assert "Norddjurs Kommune" in result.stdout


def test_the_partnerships_query_lists_the_collaborations_not_the_companies() -> None:
    rows = partnergraph.load().query("partnerships").as_dicts()
    names = {str(r["partnership"]) for r in rows}
    assert {"Samarbejdet i Reno Djurs", "Samarbejdet i Aarhus Airport"} <= names
    assert not names & {"Reno Djurs", "Aqua Djurs", "Aarhus Airport"}


@pytest.mark.slow
def test_the_workbook_carries_the_company_through_template_and_import(tmp_path: Path) -> None:
    workbook = tmp_path / "book.xlsx"
    template(workbook, from_graph=partnergraph.load())
    sheet = load_workbook(workbook)["Partnerskaber"]
    header = next(sheet.iter_rows(min_row=1, max_row=3, values_only=True))
    headers = [str(h) for h in header]
    column = next(i for i, h in enumerate(headers) if h.startswith("Drives af"))
    row = next(
        r
        for r in sheet.iter_rows(min_row=4, values_only=True)
        if r[0] == "collaboration-reno-djurs"
    )
    assert row[column] == "reno-djurs"
    out = tmp_path / "imported.ttl"
    import_to_file(workbook, out)
    back = Graph().parse(out)
    assert (PGID["collaboration-reno-djurs"], PG.operatedBy, PGID["reno-djurs"]) in back


@pytest.mark.slow
def test_the_generator_models_inter_municipal_companies_the_same_way(tmp_path: Path) -> None:
    result = generate(tmp_path / "gen", 12, seed=1)
    graph = partnergraph.load([result.output_dir], store="memory").store.to_dataset()
    operated = set(graph.subject_objects(PG.operatedBy))
    assert operated
    for collaboration, company in operated:
        assert (collaboration, RDF.type, PG.Partnership) in graph
        assert (company, RDF.type, ORG.FormalOrganization) in graph
        assert (company, RDF.type, PG.Partnership) not in graph
        assert (company, ORG.classification, PGID["kind-inter-municipal-company"]) in graph
        assert len(set(graph.objects(collaboration, ORG.hasMember))) >= 1
