"""The register of shared organisations, end to end: the template offers it, a workbook refers
to it without describing it, an import points out a new organisation whose name is close to a
register entry's, and an id another source describes differently is refused naming both."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS
from typer.testing import CliRunner

import partnergraph
from partnergraph.authoring.importing import import_edition
from partnergraph.authoring.register import bundled_register, read_register, similarity
from partnergraph.authoring.spreadsheet import SpreadsheetError, import_workbook, template
from partnergraph.cli.app import app
from partnergraph.engine.datasets import SourceConflictError, check_conflicts
from partnergraph.io import loading
from partnergraph.rdf.namespaces import PGID
from sources_fixture import make_fixture

runner = CliRunner()

REGISTER_TTL = loading.bundled_data_files()[0].parent / "register.ttl"
AU = PGID["aarhus-universitet"]


def _register_in_file() -> dict[str, dict[str, str]]:
    """The register's organisations (those data/register.ttl cites the register for) and the
    names the bundled data gives them, read straight from the files."""
    register = Graph().parse(REGISTER_TTL)
    data = Graph()
    for path in loading.bundled_data_files():
        data.parse(path)
    found: dict[str, dict[str, str]] = {}
    for org in register.subjects(DCTERMS.source, PGID["dataset-register"]):
        if (org, RDF.type, ORG.Organization) not in data:
            continue  # an identifier, not an organisation
        names = {
            str(label.language): str(label)
            for label in data.objects(org, SKOS.prefLabel)
            if isinstance(label, Literal)
        }
        found["pgid:" + str(org).removeprefix(str(PGID))] = names
    return found


def _workbook(folder: Path, rows: dict[str, list[dict[str, object]]], name: str) -> Path:
    """A blank template filled in row by row, as a user types it (as the fixture is made)."""
    book: Path = make_fixture.fill_workbook(folder / f"{name}.xlsx", rows)
    return book


def _import_from_cli(
    folder: Path, rows: dict[str, list[dict[str, object]]], lang: str
) -> tuple[Any, Path, Path]:
    """``partnergraph import`` of a workbook of ``rows``: the result, the workbook, the output."""
    book = _workbook(folder, rows, "favrskov")
    out = folder / "favrskov.ttl"
    result = runner.invoke(app, ["import", str(book), "-o", str(out), "--lang", lang])
    return result, book, out


def _favrskov_using_the_register() -> dict[str, list[dict[str, object]]]:
    """Favrskov's rows with Aarhus Universitet picked from the register: no row of its own."""
    rows = copy.deepcopy(make_fixture.ROWS)
    rows["Organisationer"] = [
        r for r in rows["Organisationer"] if r["Id *"] != "pgid:aarhus-universitet"
    ]
    return rows


# --- the template offers the register -------------------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_blank_template_lists_the_register_with_ids_and_names(
    tmp_path: Path, lang: str
) -> None:
    book = template(tmp_path / "blank.xlsx", lang=lang).path
    wb = load_workbook(book)
    sheet = wb["Register"]
    listed = {
        row[0]: {"da": row[1], "en": row[2]}
        for row in sheet.iter_rows(min_row=4, values_only=True)
        if row[0]
    }
    expected = _register_in_file()
    assert "pgid:aarhus-universitet" in expected and len(expected) >= 5
    assert listed == {key: {"da": n["da"], "en": n["en"]} for key, n in expected.items()}
    # the guide explains it, in the workbook's language
    guide = " ".join(
        str(c) for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c
    )
    word = "the Register sheet" if lang == "en" else "arket Register"
    assert word in guide and "pgid:aarhus-universitet" in guide


def test_an_organisation_column_accepts_register_ids_in_its_drop_down(tmp_path: Path) -> None:
    wb = load_workbook(template(tmp_path / "blank.xlsx", lang="en").path)
    organisations = wb["Organisations"]
    headers = [c.value for c in organisations[2]]
    unit_of = headers.index("Unit of") + 1
    letter = organisations.cell(1, unit_of).column_letter
    validations = {str(v.sqref): v for v in organisations.data_validations.dataValidation}
    drop_down = validations[f"{letter}4:{letter}2000"]
    # an id from the Register sheet is not on the Organisations sheet: typing one is allowed
    assert not drop_down.showErrorMessage
    assert "Register sheet" in str(drop_down.prompt)


def test_the_template_from_the_graph_lists_the_graphs_register(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["template", "--from-graph", "--output", str(tmp_path / "nd.xlsx"), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "nd.xlsx")["Register"]
    ids = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
    kg = partnergraph.load()
    assert sorted(ids) == sorted(e.id for e in read_register(kg.store).entries)
    assert "pgid:via-university-college" in ids


def test_a_csv_template_writes_the_register_beside_the_sheets_and_reads_it_never(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "csv"
    template(folder, lang="en")
    text = (folder / "Register.csv").read_text(encoding="utf-8-sig")
    assert "pgid:aarhus-universitet,Aarhus Universitet,Aarhus University" in text
    dataset = import_workbook(folder)  # an empty workbook: the register adds nothing
    assert len(dataset) == 0


# --- a workbook refers to the register ------------------------------------------------------


def test_a_workbook_that_picks_a_register_entry_imports_without_describing_it(
    tmp_path: Path,
) -> None:
    book = _workbook(tmp_path, _favrskov_using_the_register(), "favrskov")
    out = tmp_path / "favrskov" / "favrskov.ttl"
    out.parent.mkdir()
    result = runner.invoke(app, ["import", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    facts = Graph().parse(out)
    partnership = URIRef(make_fixture.namespace_for("favrskov") + "partnership-favrskov-au")
    assert (partnership, ORG.hasMember, AU) in facts
    assert (AU, None, None) not in facts  # the register describes it, not Favrskov's memo
    kg = partnergraph.load(data=[REGISTER_TTL.parent, out.parent])
    members = kg.sparql(
        "SELECT ?name WHERE { ?p org:hasMember pgid:aarhus-universitet . "
        '?p skos:prefLabel ?name FILTER(LANG(?name) = "da") }'
    )
    names = sorted(str(row[0]) for row in members.rows)  # type: ignore[union-attr]
    assert "Partnerskab mellem Favrskov og Aarhus Universitet" in names
    assert "Partnerskab med Aarhus Universitet" in names  # Norddjurs' own: one shared partner


def test_a_bare_id_of_a_register_entry_is_refused_with_the_register_id_to_write(
    tmp_path: Path,
) -> None:
    rows = _favrskov_using_the_register()
    for row in rows["Partnerskaber"]:
        row["Members *"] = str(row["Members *"]).replace("pgid:aarhus-universitet", "realdania")
    book = _workbook(tmp_path, rows, "favrskov")
    with pytest.raises(SpreadsheetError) as caught:
        import_workbook(book, namespace=make_fixture.namespace_for("favrskov"), lang="en")
    problem = next(p for p in caught.value.problems if p.value == "realdania")
    assert problem.code == "unknown-reference" and problem.sheet == "Partnerskaber"
    assert "pgid:realdania" in problem.message and "register" in problem.message


# --- close names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "register_name"),
    [
        ("aarhus universitet", "Aarhus Universitet"),  # case
        ("Århus Universitet", "Aarhus Universitet"),  # the old spelling, å for aa
        ("University of Aarhus", "Aarhus Universitet"),  # another language, another order
        ("Aarhus Univeristy", "Aarhus University"),  # a typo in the kind word
        ("Arhus Universitet", "Aarhus Universitet"),  # a typo in the name
        ("Kobenhavns Universitet", "Københavns Universitet"),  # no Danish letters
        ("Halmstads kommun", "Halmstad Kommune"),  # Swedish
        ("Real Dania", "Realdania"),
    ],
)
def test_names_written_another_way_are_close(typed: str, register_name: str) -> None:
    assert similarity(typed, register_name) >= 0.85


@pytest.mark.parametrize(
    ("typed", "register_name"),
    [
        ("Aarhus Kommune", "Aarhus Universitet"),  # another kind of organisation
        ("Syddjurs Kommune", "Norddjurs Kommune"),  # another municipality
        ("Favrskov Kommune", "Norddjurs Kommune"),
        ("AU", "VIA"),
    ],
)
def test_different_organisations_are_not_close(typed: str, register_name: str) -> None:
    assert similarity(typed, register_name) < 0.85


def _with_near_duplicates() -> dict[str, list[dict[str, object]]]:
    rows = _favrskov_using_the_register()
    rows["Organisationer"] += [
        {"Id *": "aarhus-uni", "Name (da) *": "Århus universitet"},
        {"Id *": "aarhus-kommune", "Name (da) *": "Aarhus Kommune"},
    ]
    return rows


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_import_points_out_each_new_name_close_to_a_register_entry(
    tmp_path: Path, lang: str
) -> None:
    result, book, out = _import_from_cli(tmp_path, _with_near_duplicates(), lang)
    assert result.exit_code == 0, result.output  # a hint: the import goes ahead
    assert out.exists()
    lines = [line for line in result.stderr.splitlines() if "pgid:" in line]
    row = {"da": "række", "en": "row"}[lang]
    prefix = {"da": "advarsel: ", "en": "warning: "}[lang]
    au_name = {"da": "Aarhus Universitet", "en": "Aarhus University"}[lang]
    sheet = load_workbook(book)["Organisationer"]
    au_row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == "aarhus-uni")
    assert f"{prefix}Organisationer, {row} {au_row}: 'Århus universitet'" in result.stderr, (
        result.stderr
    )
    au_line = next(line for line in lines if "Århus universitet" in line)
    assert f"pgid:aarhus-universitet ({au_name})" in au_line
    # VIA typed again as Favrskov's own is pointed out too; Aarhus Kommune is not
    assert any("pgid:via-university-college" in line for line in lines)
    assert not any("Aarhus Kommune" in line for line in lines)
    assert len(lines) == 2


def test_the_import_returns_the_hints_to_python_callers(tmp_path: Path) -> None:
    book = _workbook(tmp_path, _with_near_duplicates(), "favrskov")
    kg = partnergraph.load()
    imported = import_edition(kg.store, book, tmp_path / "favrskov.ttl", lang="en")
    assert len(imported.hints) == 2
    assert all("is close to the register's" in hint for hint in imported.hints)


# --- an id another source describes differently -----------------------------------------------


def _au_renamed() -> dict[str, list[dict[str, object]]]:
    rows = copy.deepcopy(make_fixture.ROWS)  # Aarhus Universitet shared: pgid:aarhus-universitet
    for row in rows["Organisationer"]:
        if row["Id *"] == "pgid:aarhus-universitet":
            row["Name (en)"] = "University of Aarhus"
    return rows


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_conflict_is_refused_from_the_cli_in_one_line_naming_both_sources_and_facts(
    tmp_path: Path, lang: str
) -> None:
    result, _book, out = _import_from_cli(tmp_path, _au_renamed(), lang)
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in result.output
    kg = partnergraph.load()
    memo = kg.label(PGID["memo-norddjurs-partnerships"], lang)
    register = kg.label(PGID["dataset-register"], lang)
    prop = {"da": "skos:prefLabel (navn)", "en": "skos:prefLabel (name)"}[lang]
    for part in (
        "favrskov.xlsx",  # this source
        f"pgid:memo-norddjurs-partnerships ({memo})",  # the other, by name
        f"pgid:dataset-register ({register})",
        "pgid:aarhus-universitet (Aarhus Universit",  # the thing, by name
        prop,  # the property, by name
        '"University of Aarhus"@en',  # both values
        '"Aarhus University"@en',
    ):
        assert part in message, (part, message)
    assert not out.exists() and not (tmp_path / "favrskov-mappings.ttl").exists()


def test_a_conflict_is_refused_from_python_with_the_same_facts(tmp_path: Path) -> None:
    book = _workbook(tmp_path, _au_renamed(), "favrskov")
    kg = partnergraph.load()
    with pytest.raises(SourceConflictError) as caught:
        import_edition(kg.store, book, tmp_path / "favrskov.ttl", lang="en")
    message = str(caught.value)
    assert message.startswith("favrskov.xlsx: pgid:aarhus-universitet (Aarhus University)")
    assert "is already described by" in message and "skos:prefLabel (name)" in message
    assert caught.value.exit_code != 0
    assert not (tmp_path / "favrskov.ttl").exists()


def test_other_names_add_up_across_sources_rather_than_conflict() -> None:
    existing = Graph()
    existing.add((AU, SKOS.altLabel, Literal("AU", lang="da")))
    existing.add((AU, DCTERMS.source, PGID["dataset-register"]))
    facts = Graph()
    facts.add((AU, SKOS.altLabel, Literal("Aarhus Uni", lang="da")))
    check_conflicts(facts, existing, source="b.xlsx")  # no error: another name, not another fact


def test_the_bundled_register_is_what_data_register_ttl_says() -> None:
    entries = {e.id: e.names for e in bundled_register().entries}
    expected = _register_in_file()
    assert {k: {"da": v["da"], "en": v["en"]} for k, v in entries.items()} == {
        k: {"da": v["da"], "en": v["en"]} for k, v in expected.items()
    }
