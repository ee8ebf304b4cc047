"""Spreadsheet authoring: the template, the import, the exact round trip, and problems.

The round trip is the heart of it: the bundled graph written to a workbook with
``template(from_graph=...)`` and imported again is isomorphic to ``data/norddjurs.ttl`` (facts)
and ``data/norddjurs-mappings.ttl`` (editorial mappings). ``data/dataset.ttl``, the ontology and
the vocabularies are out of scope: they are not authored in sheets, the workbook only refers to
them. A copy of the workbook with ten planted mistakes gives exactly ten precise problems.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

import partnergraph
from partnergraph.authoring.sheets.cells import join_multi, split_multi
from partnergraph.authoring.spreadsheet import (
    Problem,
    SpreadsheetError,
    facts_and_mappings,
    import_to_file,
    import_workbook,
    template,
)
from partnergraph.core.errors import DataError, OutputError, ParameterError, PartnergraphError
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.rdf.dates import parse_date
from partnergraph.rdf.namespaces import PG, PGID, SCHEMA, SDG

REPO = Path(__file__).absolute().parents[1]
FACTS_FILE = REPO / "data" / "norddjurs.ttl"
MAPPINGS_FILE = REPO / "data" / "norddjurs-mappings.ttl"
FIXTURES = Path(__file__).parent / "fixtures" / "spreadsheet"


def _bundled() -> tuple[Graph, Graph]:
    return Graph().parse(FACTS_FILE), Graph().parse(MAPPINGS_FILE)


@pytest.fixture(scope="module")
def bundled_kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()  # the default store (Oxigraph), with dataset.ttl and all


@pytest.fixture(scope="module")
def workbook(
    tmp_path_factory: pytest.TempPathFactory, bundled_kg: partnergraph.PartnerGraph
) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "norddjurs.xlsx"
    result = template(path, from_graph=bundled_kg)
    assert result.path == path
    assert result.warnings == []
    return path


# --- helpers to edit a workbook the way a person would ------------------------------------------


def _row_of(ws: Worksheet, identifier: str) -> int:
    for row in range(4, ws.max_row + 1):
        if ws.cell(row, 1).value == identifier:
            return row
    raise KeyError(identifier)


def _column_of(ws: Worksheet, english: str) -> int:
    for column in range(1, ws.max_column + 1):
        if str(ws.cell(2, column).value).removesuffix(" *") == english:
            return column
    raise KeyError(english)


def _setter(
    wb_path: Path,
) -> tuple[Callable[[str, str, str, str | None], tuple[str, int, str]], Workbook]:
    wb = load_workbook(wb_path)

    def put(sheet: str, identifier: str, english: str, value: str | None) -> tuple[str, int, str]:
        ws = wb[sheet]
        row, column = _row_of(ws, identifier), _column_of(ws, english)
        ws.cell(row, column).value = value
        return sheet, row, str(ws.cell(1, column).value).removesuffix(" *")

    return put, wb


# --- the round trip -----------------------------------------------------------------------------


def test_round_trip_is_isomorphic_to_the_bundled_data(workbook: Path, tmp_path: Path) -> None:
    written = import_to_file(workbook, tmp_path / "norddjurs.ttl")  # sheet checks and SHACL
    assert [p.name for p in written] == ["norddjurs.ttl", "norddjurs-mappings.ttl"]
    facts, mappings = _bundled()
    assert isomorphic(Graph().parse(written[0]), facts)
    assert isomorphic(Graph().parse(written[1]), mappings)

    # the files load as the loader's named graphs, and import_workbook names them the same way
    dataset = import_workbook(workbook, shacl=False)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {GRAPH_BASE + "norddjurs", GRAPH_BASE + "norddjurs-mappings"}
    kg = partnergraph.load(written, store="memory")
    assert {GRAPH_BASE + "norddjurs", GRAPH_BASE + "norddjurs-mappings"} <= kg.store.graph_names()
    imported_facts, imported_mappings = facts_and_mappings(dataset)
    assert isomorphic(imported_facts, facts)
    assert isomorphic(imported_mappings, mappings)


def test_the_round_trip_covers_the_data_files_not_the_dataset_or_the_vocabularies(
    workbook: Path,
) -> None:
    wb = load_workbook(workbook, read_only=True)
    ids = {
        row[0]
        for ws in wb.worksheets[1:-1]
        if ws.title != "Register"  # the register's organisations, listed for reference
        for row in ws.iter_rows(min_row=4, values_only=True)
        if row and row[0]
    }
    facts, _ = _bundled()
    expected = {
        str(s).removeprefix(str(PGID))
        for s in facts.subjects()
        if isinstance(s, URIRef) and (s, ns.RDF.type, None) in facts
    }
    assert ids == expected
    # the dataset description, the vocabularies and their creator are not authored in sheets
    assert not ids & {
        "dataset-norddjurs",
        "distribution-norddjurs-turtle",
        "partnergraph-team",
        "status-in-force",
        "scheme-status",
        "kind-municipality",
    }


def test_every_fact_has_a_column(workbook: Path) -> None:
    wb = load_workbook(workbook)
    assert wb["Øvrige udsagn"].max_row == 3  # no extra statements needed: headers only

    def cell(sheet: str, identifier: str, english: str) -> object:
        ws = wb[sheet]
        return ws.cell(_row_of(ws, identifier), _column_of(ws, english)).value

    assert cell("Aftaler", "agreement-halmstad-2019", "Purpose (sv)") == (
        "Arbeta för nya etableringar och nya arbetstillfällen.\n"
        "Arbeta för utveckling av hamnarna och den därmed sammanhängande/fælles infrastrukturen.\n"
        "Marknadsföra det nya geografiska samverkansområdet."
    )
    assert cell("Aftaler", "agreement-au-2022", "Start") == "2022-01-01"
    assert cell("Aftaler", "agreement-au-2022", "End") == "2025"
    assert cell("Aftaler", "agreement-au-2022", "Time as worded (da)") == (
        "1. januar 2022 til udgangen af 2025"
    )
    assert cell("Beslutninger", "decision-via-2025-autumn", "Start") == "2025-09"
    assert cell("Beslutninger", "decision-via-2025-autumn", "End") == "2025-11"
    assert cell("Beslutninger", "decision-halmstad-2024-12-orientation", "Informed by") == (
        "decision-halmstad-2024-11"
    )
    # CVR numbers and municipality codes are the register's facts (data/register.ttl), not the
    # memo's: the memo's workbook does not hold them
    assert wb["Identifikatorer"].max_row == 3
    assert (
        cell("Organisationer", "via-university-college", "Other names (da)") == "VIA; VIA College"
    )
    # Controlled values by their Danish names, not slugs (import reads both).
    assert cell("Forummedlemmer", "membership-via-steering-chief", "Role") == "stabschef"
    assert cell("Temaer", "type-partnership-agreement", "Scope note (en)") == (
        "Partnership agreements set out content and direction, while the form of collaboration "
        "is up to the departments."
    )
    assert cell("Temaer", "au-focus-2", "Cross-cutting themes (mapping)") == (
        "klima og bæredygtighed; forskning og viden"
    )
    # the delivered file's name is an editorial addition (data/norddjurs-editorial.ttl)
    assert cell("Dokumenter", "memo-norddjurs-partnerships", "Identifier") is None
    assert cell("Dokumenter", "strategy-sustainable-growth-through-partnerships", "Part of") == (
        "strategy-plan-and-development"
    )
    assert cell("Aftaler", "agreement-via-2018", "Builds on") == (
        "sdg:17; strategy-plan-and-development; strategy-sustainability-principles"
    )


def test_the_template_reads_the_graph_the_same_on_every_store(
    workbook: Path, tmp_path: Path
) -> None:
    other = template(tmp_path / "memory.xlsx", from_graph=partnergraph.load(store="memory"))

    def cells(path: Path) -> list[list[object]]:
        wb = load_workbook(path, read_only=True)
        return [list(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]

    assert cells(other.path) == cells(workbook)


def test_a_folder_of_csv_files_round_trips(
    tmp_path: Path, bundled_kg: partnergraph.PartnerGraph
) -> None:
    folder = tmp_path / "csv"
    template(folder, from_graph=bundled_kg, lang="en")
    assert (folder / "Agreements.csv").read_text(encoding="utf-8").startswith("\ufeffId *,")
    facts, mappings = facts_and_mappings(import_workbook(folder, shacl=False))
    expected_facts, expected_mappings = _bundled()
    assert isomorphic(facts, expected_facts)
    assert isomorphic(mappings, expected_mappings)


def test_csv_saved_by_a_danish_spreadsheet_program() -> None:
    """Semicolons between cells, a BOM, labels instead of ids for controlled values."""
    dataset = import_workbook(FIXTURES / "semicolon")
    facts, mappings = facts_and_mappings(dataset)
    committee, school = PGID["eksempel-udvalg"], PGID["eksempel-skole"]
    assert (committee, ns.RDF.type, ns.ORG.OrganizationalUnit) in facts
    assert (committee, ns.ORG.classification, PGID["kind-political-committee"]) in facts
    assert (school, ns.RDF.type, SCHEMA.EducationalOrganization) in facts
    assert (
        PGID["notat-2025"],
        ns.SKOS.prefLabel,
        Literal("Notat; partnerskaber 2025", lang="da"),
    ) in facts
    partnership = PGID["partnerskab-skole"]
    assert set(facts.objects(partnership, ns.ORG.hasMember)) == {PGID["eksempel-kommune"], school}
    period = facts.value(partnership, ns.DCTERMS.temporal)
    assert isinstance(period, BNode)
    assert (period, ns.DCAT.startDate, Literal("2025-09", datatype=ns.XSD.gYearMonth)) in facts
    assert (period, ns.RDFS.label, Literal("efterår 2025", lang="da")) in facts
    assert set(mappings) == {(partnership, PG.contributesTo, SDG["17.17"])}


# --- what the columns cannot hold ---------------------------------------------------------------


def test_extra_statements_keep_what_no_column_holds(tmp_path: Path) -> None:
    files = [FIXTURES / "odd.ttl", FIXTURES / "odd-mappings.ttl"]
    result = template(tmp_path / "odd.xlsx", from_graph=partnergraph.load(files, store="memory"))
    assert result.warnings == []
    assert result.extra_statements == 11
    wb = load_workbook(result.path)
    extras = list(wb["Øvrige udsagn"].iter_rows(min_row=4, values_only=True))
    assert ("odd-association", "a", "schema:NGO", None, None, None) in extras
    assert ("odd-association", "dcterms:date", "1901", None, "xsd:gYear", None) in extras
    assert (
        "odd-partnership",
        "skos:note",
        "pgid:looks-like-a-reference",
        None,
        "text",
        None,
    ) in extras
    assert (
        "odd-association",
        "skos:editorialNote",
        "Tilføjet af redaktionen.",
        "da",
        None,
        "mappings",
    ) in extras
    swedish = [r for r in extras if r[3] == "sv" and str(r[0]).startswith("_:")]
    assert len(swedish) == 1  # the period with a Swedish wording went over whole, as a blank node
    note = wb["Organisationer"].cell(
        _row_of(wb["Organisationer"], "odd-association"),
        _column_of(wb["Organisationer"], "Note (da)"),
    )
    assert (note.value, note.data_type) == ("=SUM(A1:A3)", "s")  # text, never a formula

    facts, mappings = facts_and_mappings(import_workbook(result.path, shacl=False))
    assert isomorphic(facts, Graph().parse(files[0]))
    assert isomorphic(mappings, Graph().parse(files[1]))


def test_the_template_warns_about_conventions_the_data_does_not_follow(tmp_path: Path) -> None:
    data = tmp_path / "half.ttl"
    data.write_text(
        """@prefix pg: <https://w3id.org/partnergraph/ontology#> .
        @prefix pgid: <https://w3id.org/partnergraph/id/> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        pgid:new a pg:PartnershipAgreement ; dcterms:replaces pgid:old .
        pgid:old a pg:PartnershipAgreement .
        """,
        encoding="utf-8",
    )
    result = template(tmp_path / "half.xlsx", from_graph=partnergraph.load([data], store="memory"))
    assert "pgid:old dcterms:isReplacedBy pgid:new" in result.warnings


# --- the blank template -------------------------------------------------------------------------


def test_the_blank_template(tmp_path: Path) -> None:
    result = template(tmp_path / "blank.xlsx", lang="en")
    wb = load_workbook(result.path)
    assert wb.sheetnames == [
        "Guide",
        "Register",
        "Organisations",
        "Partnerships",
        "Agreements",
        "Themes",
        "Theme lists",
        "Forums",
        "Forum members",
        "Decisions",
        "Documents",
        "Identifiers",
        "Extra statements",
        "lists",
    ]
    assert wb["lists"].sheet_state == "hidden"
    agreements = wb["Agreements"]
    assert [agreements.cell(r, 8).value for r in (1, 2)] == ["Status *", "Status *"]
    assert agreements.cell(1, 10).value == "Start" and agreements.cell(2, 11).value == "End"
    assert str(agreements.cell(3, 8).value).startswith("In force, replaced or proposed")
    validations = {str(v.sqref): v for v in agreements.data_validations.dataValidation}
    status = validations["H4:H2000"]
    assert status.formula1.startswith("='lists'!$")
    assert status.showErrorMessage
    lists = wb["lists"]
    column = [c.value for c in lists[status.formula1.split("!$")[1].split("$")[0]]]
    # The drop-down offers the names in the workbook's language; the slugs sit beside them.
    assert column[0] == "en" and "in force" in column and "status-in-force" not in column
    assert validations["F4:F2000"].formula1 == "='Partnerships'!$A$4:$A$2000"
    guide = "\n".join(str(c.value) for row in wb["Guide"].iter_rows() for c in row if c.value)
    assert "Time as worded" in guide and "in force" in guide
    # an empty template imports to nothing, without complaint
    facts, mappings = facts_and_mappings(import_workbook(result.path, shacl=False))
    assert len(facts) == len(mappings) == 0


# --- problems -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planted(
    workbook: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[tuple[str, int, str, str]]]:
    """The bundled workbook with ten mistakes, and where each one is (sheet, row, column, kind)."""
    path = tmp_path_factory.mktemp("planted") / "mistakes.xlsx"
    put, wb = _setter(workbook)
    expected: list[tuple[str, int, str, str]] = []

    def plant(code: str, where: tuple[str, int, str]) -> None:
        expected.append((*where, code))

    # 1. a required cell left empty
    plant("required", put("Organisationer", "skovskolen", "Name (da)", None))
    # 2. a reference to an id that no sheet defines (a typo)
    plant(
        "unknown-reference",
        put("Aftaler", "agreement-au-2022", "Parties", "norddjurs-kommune; aarhus-universitetet"),
    )
    # 3. a date that is no date
    plant("bad-date", put("Beslutninger", "decision-via-2018-08", "Start", "2018-13"))
    # 4. an end before the start ("2020" ends 2020-12-31, before "2021" starts)
    plant("end-before-start", put("Aftaler", "action-plan-halmstad-2021-2024", "End", "2020"))
    # 5. an id used twice: a copy of the Realdania row at the end of the sheet
    ws = wb["Organisationer"]
    source, copy = _row_of(ws, "realdania"), ws.max_row + 1
    for column in range(1, ws.max_column + 1):
        ws.cell(copy, column).value = ws.cell(source, column).value
    plant("duplicate-id", ("Organisationer", copy, "Id"))
    # 6. a value outside its controlled list
    plant("not-in-list", put("Fora", "forum-via-contact", "Meeting frequency", "monthly"))
    # 7. a number written in words
    plant("bad-integer", put("Fora", "forum-au-steering-group", "Meetings per year", "to"))
    # 8. a reference to the wrong kind of thing: a forum must belong to a partnership
    plant(
        "wrong-reference",
        put("Fora", "forum-halmstad-contacts", "Partnership", "norddjurs-kommune"),
    )
    # 9. SHACL: a theme without its number (NumberedConceptNotationShape)
    plant("shacl:NumberedConceptNotationShape", put("Temaer", "via-theme-4", "Number", None))
    # 10. SHACL: a period dated by months without the source's wording (LoosePeriodLabelShape)
    put("Beslutninger", "decision-au-2021-autumn", "Time as worded (en)", None)
    plant(
        "shacl:LoosePeriodLabelShape",
        put("Beslutninger", "decision-au-2021-autumn", "Time as worded (da)", None),
    )
    wb.save(path)
    return path, expected


def _sorted(problems: list[Problem]) -> list[tuple[str, int, str, str]]:
    return sorted((p.sheet, p.row, p.column, p.code) for p in problems)


def test_ten_planted_mistakes_give_exactly_ten_precise_problems(
    planted: tuple[Path, list[tuple[str, int, str, str]]], tmp_path: Path
) -> None:
    path, expected = planted
    output = tmp_path / "out" / "norddjurs.ttl"
    output.parent.mkdir()
    with pytest.raises(SpreadsheetError) as caught:
        import_to_file(path, output)
    problems = caught.value.problems
    assert len(problems) == 10
    assert _sorted(problems) == sorted(expected)
    assert list(output.parent.iterdir()) == []  # nothing written

    by_code = {p.code: p for p in problems}
    assert by_code["unknown-reference"].value == "aarhus-universitetet"
    assert by_code["unknown-reference"].message.startswith("Ukendt id 'aarhus-universitetet'")
    assert by_code["end-before-start"].message.startswith(
        "Perioden slutter før den begynder: slut '2020' (senest 2020-12-31) ligger før start "
        "'2021' (tidligst 2021-01-01)."
    )
    assert (
        "Organisationer række 8" in by_code["duplicate-id"].message
        or "række" in by_code["duplicate-id"].message
    )
    assert "frequency-annual" in by_code["not-in-list"].message
    assert "Organisationer" in by_code["wrong-reference"].message
    assert by_code["shacl:LoosePeriodLabelShape"].value == ""
    assert "Tidsangivelse (da)" in by_code["shacl:LoosePeriodLabelShape"].message
    assert by_code["shacl:NumberedConceptNotationShape"].cell.startswith("D")
    # one line per problem after the summary line, each with sheet!cell
    lines = str(caught.value).splitlines()
    assert len(lines) == 11 and lines[0].startswith("10 problem(er)")
    assert all("!" in line for line in lines[1:])
    assert isinstance(caught.value, PartnergraphError) and caught.value.exit_code == 2


def test_the_problems_speak_english_when_asked(
    planted: tuple[Path, list[tuple[str, int, str, str]]],
) -> None:
    path, _ = planted
    with pytest.raises(SpreadsheetError) as caught:
        import_workbook(path, lang="en")
    problems = {p.code: p for p in caught.value.problems}
    assert len(caught.value.problems) == 10
    assert problems["required"].column == "Name (da)"
    assert problems["bad-date"].message.startswith("'2018-13' is not a date.")
    assert problems["shacl:NumberedConceptNotationShape"].message.startswith(
        "A theme, focus area or action plan item needs exactly one number"
    )
    assert str(caught.value).startswith("10 problem(s) in")


def test_more_kinds_of_problem_are_reported_at_once(workbook: Path, tmp_path: Path) -> None:
    put, wb = _setter(workbook)
    where = [
        put("Organisationer", "realdania", "Id", "real dania"),  # a space in an id
        put("Partnerskaber", "partnership-via", "SDG targets (mapping)", "17.17; 17.99"),
        put("Aftaler", "agreement-via-2018", "Partnership", "partnership-via; partnership-au"),
        put("Dokumenter", "memo-norddjurs-partnerships", "Language", "dansk"),
    ]
    ws = wb["Fora"]
    ws.cell(1, ws.max_column + 1).value = "Remarks"
    ws.cell(5, ws.max_column).value = "an unknown column with data"
    extra = wb["Øvrige udsagn"]
    extra.append(["norddjurs-kommune", "not a property", "x"])
    wb.create_sheet("Noter").append(["notes that would be lost"])
    path = tmp_path / "more.xlsx"
    wb.save(path)
    with pytest.raises(SpreadsheetError) as caught:
        import_workbook(path, shacl=False)
    found = {(p.sheet, p.row, p.column, p.code) for p in caught.value.problems}
    assert (*where[0], "bad-id") in found
    assert (*where[1], "not-in-list") in found
    assert (*where[2], "one-value") in found
    assert (*where[3], "bad-language") in found
    assert ("Fora", 1, "Remarks", "unknown-column") in found
    assert ("Øvrige udsagn", 4, "Egenskab", "bad-property") in found
    assert ("Noter", 1, "", "unknown-sheet") in found
    # the rows that referred to the malformed id now refer to an unknown one
    assert any(
        p.code == "unknown-reference" and p.value == "realdania" for p in caught.value.problems
    )


@pytest.mark.parametrize(
    ("start", "end", "fine"),
    [
        ("2025-09", "2025", True),  # "2025" ends 2025-12-31
        ("2025", "2025-01", True),  # "2025" may start 2025-01-01
        ("2025-12-31", "2025-12", True),
        ("2025-09", "2025-11", True),
        ("2026", "2025-12-31", False),
        ("2025-02", "2025-01-31", False),
        ("2025-02-01", "2025-01", False),
    ],
)
def test_periods_compare_as_intervals(tmp_path: Path, start: str, end: str, fine: bool) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(FIXTURES / "semicolon", folder)
    sheet = folder / "Partnerskaber.csv"
    sheet.write_text(
        sheet.read_text(encoding="utf-8-sig").replace("2025-09;2025-11", f"{start};{end}"),
        encoding="utf-8",
    )
    if fine:
        import_workbook(folder, shacl=False)
        return
    with pytest.raises(SpreadsheetError) as caught:
        import_workbook(folder, shacl=False, lang="en")
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.code) == (
        "Partnerskaber",
        2,
        "End",
        "end-before-start",
    )


def test_unreadable_input_and_bad_arguments(tmp_path: Path) -> None:
    not_a_workbook = tmp_path / "notes.txt"
    not_a_workbook.write_text("hello", encoding="utf-8")
    with pytest.raises(DataError):
        import_workbook(not_a_workbook)
    with pytest.raises(DataError):
        import_workbook(tmp_path / "missing.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(DataError):
        import_workbook(broken)
    with pytest.raises(DataError):
        import_workbook(tmp_path)  # a folder without CSV files
    with pytest.raises(OutputError):
        template(tmp_path / "template.pdf")
    with pytest.raises(OutputError):
        template(tmp_path / "no-such-folder" / "template.xlsx")
    with pytest.raises(ParameterError):
        template(tmp_path / "template.xlsx", lang="fr")


# --- cells --------------------------------------------------------------------------------------


def test_multi_valued_cells_escape_their_separator() -> None:
    values = ["VIA", "For; ening", "back\\slash", "both\\;"]
    assert split_multi(join_multi(values)) == values
    assert split_multi("a; b ;; c ;") == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "datatype", "earliest", "latest"),
    [
        ("2025", ns.XSD.gYear, "2025-01-01", "2025-12-31"),
        ("2024-02", ns.XSD.gYearMonth, "2024-02-01", "2024-02-29"),
        ("2022-01-01", ns.XSD.date, "2022-01-01", "2022-01-01"),
    ],
)
def test_dates_keep_their_precision(
    text: str, datatype: URIRef, earliest: str, latest: str
) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.datatype, parsed.earliest.isoformat(), parsed.latest.isoformat()) == (
        str(datatype),
        earliest,
        latest,
    )


@pytest.mark.parametrize("text", ["2018-13", "2023-02-29", "18", "2025/09", "efterår 2025", ""])
def test_what_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_import_returns_a_dataset_of_two_graphs(workbook: Path) -> None:
    dataset = import_workbook(workbook, shacl=False, name="mine")
    assert isinstance(dataset, Dataset)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {GRAPH_BASE + "mine", GRAPH_BASE + "mine-mappings"}
