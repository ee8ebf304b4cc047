"""The spreadsheet and agenda commands work end to end from the command line."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from partnergraph.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_template_from_graph_then_import_gives_back_the_bundled_facts(tmp_path: Path) -> None:
    book = tmp_path / "partnerships.xlsx"
    made = runner.invoke(app, ["template", "--from-graph", "--output", str(book)])
    assert made.exit_code == 0, made.output
    out = tmp_path / "norddjurs.ttl"
    back = runner.invoke(app, ["import", str(book), "--output", str(out)])
    assert back.exit_code == 0, back.output
    assert isomorphic(Graph().parse(out), Graph().parse(ROOT / "data" / "norddjurs.ttl"))
    mappings = tmp_path / "norddjurs-mappings.ttl"
    expected = Graph().parse(ROOT / "data" / "norddjurs-mappings.ttl")
    assert isomorphic(Graph().parse(mappings), expected)


def test_empty_template_writes_a_workbook_with_every_sheet(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "empty.xlsx"
    assert runner.invoke(app, ["template", "-o", str(book)]).exit_code == 0
    names = load_workbook(book).sheetnames
    for sheet in ("Organisationer", "Partnerskaber", "Aftaler", "Fora", "Beslutninger"):
        assert sheet in names


def test_agenda_ics_from_a_date_parses_as_a_calendar(tmp_path: Path) -> None:
    out = tmp_path / "agenda.ics"
    result = runner.invoke(
        app,
        ["agenda", "--from", "2024-10-01", "--until", "2026-01-01", "-f", "ics", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(out.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("efterår 2025" in s or "Aarhus" in s for s in summaries)


def test_agenda_bad_date_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["agenda", "--until", "next year"])
    assert result.exit_code == 2
    assert result.stderr.startswith("fejl:") and "Traceback" not in result.output


def test_site_command_writes_a_home_page_and_entity_pages(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["site", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file()
    assert (out / "doc" / "partnership-via.html").is_file()
    assert Graph().parse(out / "doc" / "partnership-via.ttl", format="turtle")
