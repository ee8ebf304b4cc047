"""Editions and what changed: a second edition made through the workbook, compared with the
bundled data, gives exactly the changes made (Python, CLI, Markdown, JSON and RDF)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF
from typer.testing import CliRunner

import partnergraph
from partnergraph.authoring.editions import write_edition
from partnergraph.authoring.spreadsheet import import_to_file, template
from partnergraph.cli.app import app
from partnergraph.query.diff import CS, diff, format_table, to_json, to_markdown, to_rdf
from partnergraph.rdf.namespaces import PGID

MEMO = str(PGID) + "memo-norddjurs-partnerships"
ISSUED = dt.date(2026, 12, 6)


def _column(sheet: object, header: str) -> int:
    for cell in sheet[2]:  # type: ignore[index]
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header!r}")


def _row(sheet: object, ident: str) -> int:
    for row in sheet.iter_rows(min_row=4):  # type: ignore[attr-defined]
        if row[0].value == ident:
            return int(row[0].row)
    raise AssertionError(f"no row {ident!r}")


def make_second_edition(folder: Path) -> Path:
    """The workbook way: template from the data, edit it as a user would, import it."""
    workbook = folder / "edition-1.xlsx"
    template(workbook, from_graph=partnergraph.load())
    book = load_workbook(workbook)
    partnerships, themes, forums = book["Partnerskaber"], book["Temaer"], book["Fora"]
    # one partnership ended
    ended = _row(partnerships, "collaboration-aarhus-airport")
    partnerships.cell(ended, _column(partnerships, "End"), "2026-06")
    partnerships.cell(ended, _column(partnerships, "Time as worded (da)"), "til juni 2026")
    # one partnership added
    new = partnerships.max_row + 1
    for header, value in {
        "Id *": "partnership-grenaa-havn",
        "Name (da) *": "Partnerskab med Grenaa Havn",
        "Name (en)": "Partnership with Grenaa Port",
        "Members *": "norddjurs-kommune",
        "Parties incomplete": "yes",  # the edition names the municipality alone
        "Source *": "memo-norddjurs-partnerships",
    }.items():
        partnerships.cell(new, _column(partnerships, header), value)
    # a theme reworded
    theme = _row(themes, "via-theme-1")
    themes.cell(theme, _column(themes, "Name (da) *"), "Grøn omstilling og bæredygtighed")
    # a meeting frequency changed: the AU steering group now meets once a year
    forum = _row(forums, "forum-au-steering-group")
    forums.cell(forum, _column(forums, "Meeting frequency *"), "frequency-annual")
    forums.cell(forum, _column(forums, "Meetings per year"), 1)
    edited = folder / "edition-2.xlsx"
    book.save(edited)
    out = folder / "edition-2"
    out.mkdir()
    import_to_file(edited, out / "norddjurs-2.ttl")
    write_edition(out / "norddjurs-2.ttl", replaces="pgid:dataset-norddjurs", issued=ISSUED)
    return out


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_second_edition(tmp_path_factory.mktemp("editions"))


def test_the_workbook_edition_gives_exactly_the_changes_made(second: Path) -> None:
    changes = diff(partnergraph.load(), partnergraph.load([second]))
    assert [(c.kind, c.iri.removeprefix(str(PGID))) for c in changes.changes] == [
        ("partnership-added", "partnership-grenaa-havn"),
        ("partnership-ended", "collaboration-aarhus-airport"),
        ("theme-changed", "via-theme-1"),
        ("forum-frequency", "forum-au-steering-group"),
    ]
    frequency = changes.changes[-1]
    assert (frequency.before, frequency.after) == (
        "to gange årligt (2/år)",
        "en gang årligt (1/år)",
    )
    assert frequency.partnership == "Partnerskab med Aarhus Universitet"
    assert changes.changes[2].after == "Grøn omstilling og bæredygtighed"
    assert changes.changes[1].after == "til juni 2026 (2026-06)"
    assert all(c.sources == (MEMO,) for c in changes.changes)
    # the new edition is a dataset that replaces the bundled one
    assert changes.replaces == (
        (str(PGID) + "dataset-norddjurs-2", str(PGID) + "dataset-norddjurs"),
    )
    assert str(PGID) + "dataset-norddjurs-2" in changes.new_datasets
    # the same edition against itself: nothing
    assert len(diff(partnergraph.load([second]), partnergraph.load([second]))) == 0


def test_renderers_in_danish_and_english(second: Path) -> None:
    english = diff(partnergraph.load(), partnergraph.load([second]), lang="en")
    headers, rows = format_table(english)
    assert headers == ["area", "change", "what", "partnership", "before", "after"]
    assert rows[0][:3] == ["partnerships", "partnership added", "Partnership with Grenaa Port"]
    # only the Danish name changed: the English view shows the Danish words, marked
    theme = english.changes[2]
    assert theme.after == "Grøn omstilling og bæredygtighed (da)"
    assert theme.before.endswith("samskabelse (da)")
    markdown = to_markdown(english)
    assert markdown.startswith("# What changed\n")
    assert "## Governance" in markdown and "**meeting frequency changed**" in markdown
    payload = json.loads(to_json(english))
    assert [c["kind"] for c in payload["changes"]] == english.kinds()
    assert payload["new"]["sources"] == [MEMO]
    assert payload["old"]["sources"] == [MEMO]  # the new partnership is not in the old one


def test_the_rdf_change_set_cites_both_editions(second: Path) -> None:
    changes = diff(partnergraph.load(), partnergraph.load([second]))
    graph = Graph().parse(data=to_rdf(changes).serialize(format="turtle"), format="turtle")
    sets = set(graph.subjects(RDF.type, CS.ChangeSet))
    (whole,) = [s for s in sets if (s, DCTERMS.hasPart, None) in graph]
    assert len(sets) == 1 + len(changes)
    assert (whole, DCTERMS.source, URIRef(MEMO)) in graph
    subjects = {str(o) for o in graph.objects(None, CS.subjectOfChange)}
    assert subjects == {c.iri for c in changes.changes}
    assert all((part, DCTERMS.source, URIRef(MEMO)) in graph for part in sets)
    assert set(graph.objects(None, DCTERMS.source)) == {URIRef(MEMO)}  # nothing uncited


def test_cli_diff(second: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["diff", "bundled", str(second), "-f", "json"])
    assert result.exit_code == 0, result.output
    kinds = [c["kind"] for c in json.loads(result.stdout)["changes"]]
    assert kinds == [
        "partnership-added", "partnership-ended", "theme-changed", "forum-frequency"
    ]  # fmt: skip
    out = tmp_path / "changes.ttl"
    assert (
        runner.invoke(app, ["diff", "bundled", str(second), "-f", "ttl", "-o", str(out)]).exit_code
        == 0
    )
    assert (None, CS.subjectOfChange, None) in Graph().parse(out)
    table = runner.invoke(app, ["diff", "bundled", str(second)], env={"COLUMNS": "200"})
    assert "mødefrekvens ændret" in table.stdout
    missing = runner.invoke(app, ["diff", "bundled", str(tmp_path / "nope")])
    assert missing.exit_code != 0 and "Traceback" not in missing.output


def test_cli_import_replaces_writes_the_edition_description(second: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    workbook = second.parent / "edition-2.xlsx"
    out = tmp_path / "norddjurs-3.ttl"
    args = ["import", str(workbook), "-o", str(out), "--replaces", "pgid:dataset-norddjurs-2"]
    result = runner.invoke(app, [*args, "--issued", "2027-01-15"])
    assert result.exit_code == 0, result.output
    described = Graph().parse(tmp_path / "norddjurs-3-dataset.ttl")
    edition = URIRef(str(PGID) + "dataset-norddjurs-3")
    assert (edition, DCTERMS.replaces, URIRef(str(PGID) + "dataset-norddjurs-2")) in described
    assert str(described.value(edition, DCTERMS.issued)) == "2027-01-15"
    assert (edition, PROV.wasDerivedFrom, URIRef(MEMO)) in described
    bad = runner.invoke(
        app, ["import", str(workbook), "-o", str(tmp_path / "x.ttl"), "--replaces", "last year"]
    )
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    assert not (tmp_path / "x.ttl").exists()  # nothing written


def test_site_gets_a_changes_page_given_the_previous_edition(second: Path, tmp_path: Path) -> None:
    from partnergraph.views.site import build_site

    output = build_site(
        partnergraph.load([second]), tmp_path / "site", previous=partnergraph.load()
    ).output
    page = (output / "changes.html").read_text(encoding="utf-8")
    assert "<h1>Ændringer</h1>" in page and "4 ændringer" in page
    assert "dataset-norddjurs-2 afløser dataset-norddjurs." in page
    assert 'href="doc/partnership-grenaa-havn.html"' in page
    assert "to gange årligt (2/år)" in page and "en gang årligt (1/år)" in page
    assert 'href="changes.html"' in (output / "index.html").read_text(encoding="utf-8")
    english = (output / "en" / "changes.html").read_text(encoding="utf-8")
    assert "meeting frequency changed" in english


def test_agreements_renewed_and_expired_and_decisions_made(tmp_path: Path) -> None:
    """An edition written by hand: the AU agreement expired (replaced), a new VIA agreement
    replacing the 2018 one, the autumn 2025 treatment of the AU agreement done."""
    from partnergraph.core.resources import data_dir
    from partnergraph.rdf.namespaces import PG

    facts = Graph().parse(data_dir() / "norddjurs.ttl")
    au, via_new = PGID["agreement-au-2022"], PGID["agreement-via-2026"]
    facts.set((au, PG.status, PGID["status-replaced"]))
    facts.set((PGID["decision-au-2025-autumn"], PG.status, PGID["status-done"]))
    facts.add((via_new, RDF.type, PG.PartnershipAgreement))
    facts.add((via_new, DCTERMS.replaces, PGID["agreement-via-2018"]))
    facts.add((via_new, PG.governs, PGID["partnership-via"]))
    facts.add((via_new, DCTERMS.source, URIRef(MEMO)))
    edition = tmp_path / "edition"
    edition.mkdir()
    facts.serialize(edition / "norddjurs.ttl", format="turtle")
    changes = diff(partnergraph.load(), partnergraph.load([edition]), lang="en")
    assert [(c.kind, c.iri.removeprefix(str(PGID))) for c in changes.changes] == [
        ("agreement-renewed", "agreement-via-2026"),
        ("agreement-expired", "agreement-au-2022"),
        ("decision-made", "decision-au-2025-autumn"),
    ]
    renewed, expired, made = changes.changes
    assert renewed.before == "Partnership agreement with VIA University College (2018)"
    assert (expired.before, expired.after) == ("in force", "replaced")
    assert (made.before, made.after) == ("planned", "done")


def test_the_status_note_names_the_dated_edition(second: Path) -> None:
    from partnergraph.query.status import status_note

    note = status_note(partnergraph.load([second]), "2026-12-07")
    assert note.text.startswith("status pr. 2026-12-07, ifølge Notat: Oversigt")
    assert note.text.endswith("(udateret); udgave norddjurs-2 af 2026-12-06")
    assert note.to_dict()["editions"][0]["issued"] == "2026-12-06"
