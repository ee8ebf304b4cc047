"""``partnergraph report`` on the bundled data: the memo's overview regenerated, as of a date."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

import partnergraph
from partnergraph import SelectResult
from partnergraph.cli.app import app
from partnergraph.core import resources as _resources
from partnergraph.views.report import build_report, render
from partnergraph.views.report.model import Para, Span, Table

AS_OF = "2026-12-06"
MEMO_HEADER = [
    "Partnerskab og organisering",
    "Nuværende tema",
    "Forslag til fokusområde",
    "Tidsplan",
]

runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": None})


def run(*args: str | Path) -> Any:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, f"{result.exit_code}: {result.stderr} {result.exception!r}"
    return result


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def memo(kg: partnergraph.PartnerGraph) -> dict[str, Any]:
    """What the memo's table must hold, from the library's own queries."""
    formal = {r["partnership"] for r in kg.query("formal-partnerships").as_dicts()}
    themes = {r["partnership"]: [] for r in kg.query("themes").as_dicts()}
    for row in kg.query("themes").as_dicts():
        themes[row["partnership"]].append(row["theme"])
    focus: dict[str, list[str]] = {}
    for row in kg.query("focus-areas").as_dicts():
        focus.setdefault(row["partnership"], []).append(row["focusArea"])
    title = kg.sparql(
        "SELECT ?t WHERE { pgid:memo-norddjurs-partnerships dcterms:title ?t "
        "FILTER(LANG(?t) = 'da') }"
    ).rows[0][0]
    return {"formal": formal, "themes": themes, "focus": focus, "title": str(title)}


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "overblik.docx"
    run("report", "--format", "docx", "--as-of", AS_OF, "--output", path)
    return path


def test_docx_holds_the_memos_table_one_row_per_formal_partnership(
    docx_file: Path, memo: dict[str, Any]
) -> None:
    document = Document(str(docx_file))
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == MEMO_HEADER]
    assert len(tables) == 1
    rows = tables[0].rows[1:]
    assert len(rows) == len(memo["formal"]) == 3
    for partnership in memo["formal"]:
        (row,) = [r for r in rows if r.cells[0].text.startswith(partnership)]
        themes, focus = flat(row.cells[1].text), flat(row.cells[2].text)
        for theme in memo["themes"][partnership]:
            assert theme in themes
        for area in memo["focus"][partnership]:
            assert area in focus
        assert row.cells[3].text.strip(), "every formal partnership has a timetable"


def test_docx_states_the_date_and_the_source(docx_file: Path, memo: dict[str, Any]) -> None:
    document = Document(str(docx_file))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "6. december 2026" in text
    assert memo["title"] in text
    assert "dataset-norddjurs" in text
    # The notes quote the memo's own words (pg:sourceText).
    assert "Midtvejsstatus i efteråret 2023." in text
    assert document.inline_shapes, "the network figure is embedded"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_pdf_text_holds_the_memos_table_date_and_source(
    tmp_path: Path, memo: dict[str, Any]
) -> None:
    path = tmp_path / "overblik.pdf"
    run("report", "--as-of", AS_OF, "--output", path)  # the format comes from the extension
    assert path.read_bytes().startswith(b"%PDF")
    text = flat(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for header in MEMO_HEADER:
        assert header in text
    for partnership in memo["formal"]:
        assert partnership in text
        for item in memo["themes"][partnership] + memo["focus"][partnership]:
            # pdftotext joins a line ending in "-" to the next word ("efter- og" -> "efterog").
            assert item.replace("- ", "") in text.replace("- ", ""), item
    assert "6. december 2026" in text
    assert memo["title"] in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    embedded = [line.split()[-5] for line in fonts.splitlines()[2:]]
    assert embedded and set(embedded) == {"yes"}


def test_needs_action_depends_on_the_date(kg: partnergraph.PartnerGraph) -> None:
    def action_rows(day: dt.date) -> list[str]:
        doc = build_report(kg, as_of=day, sections=["action"])
        tables = [b for b in doc.sections[0].blocks if isinstance(b, Table)]
        return [" ".join(p.plain for cell in row for p in cell) for row in tables[0].rows]

    before = action_rows(dt.date(2025, 6, 1))
    after = action_rows(dt.date(2026, 12, 6))
    au = "Fornyet samarbejdsaftale med Aarhus Universitet (2022–2025)"
    assert any(au in row and "aftale udløber inden for seks måneder" in row for row in before)
    assert any(au in row and "udløbet aftale uden afløser i kraft" in row for row in after)
    # "efterår 2025" is coming in June 2025, and overdue in December 2026.
    autumn = [row for row in before if "efterår 2025" in row]
    assert autumn and all("inden for seks måneder" in row for row in autumn)
    assert any("efterår 2025" in row and "overskredet behandling" in row for row in after)


def test_sections_and_partnerships_can_be_chosen() -> None:
    result = run(
        "report",
        "--format",
        "md",
        "--as-of",
        AS_OF,
        "--section",
        "table",
        "--partnership",
        "Halmstad",
        "--lang",
        "en",
    )
    text = result.stdout
    assert "## Partnerships, themes and timetable" in text
    assert "## Needs action" not in text and "## Formal partnerships" not in text
    table = [line for line in text.splitlines() if line.startswith("| **")]
    assert len(table) == 1 and "Halmstad" in table[0]
    assert "status as of 6 December 2026" in text


def test_every_note_quotes_or_says_it_cannot(kg: partnergraph.PartnerGraph) -> None:
    doc = build_report(kg, as_of=dt.date(2026, 12, 6), sections=["intro", "formal", "table"])
    assert doc.notes
    for note in doc.notes:
        assert note.source.startswith("Notat")
        assert note.words
    used = {
        s.note for sec in doc.sections for b in sec.blocks if hasattr(b, "spans") for s in b.spans
    }
    assert used - {None}


def test_changes_since_a_previous_edition(tmp_path: Path) -> None:
    data = _resources.data_dir()
    previous = tmp_path / "previous"
    previous.mkdir()
    for name in ("dataset.ttl", "norddjurs-mappings.ttl"):
        shutil.copy(data / name, previous / name)
    memo = (data / "norddjurs.ttl").read_text(encoding="utf-8")
    # The previous edition had no theme 5 with VIA and called theme 4 something else.
    memo = re.sub(r"\npgid:via-theme-5 a pg:Theme.*?\.\n", "\n", memo, flags=re.S)
    memo = memo.replace(" , pgid:via-theme-5 ;", " ;").replace(
        '"Videnudvikling og evidensbaserede programmer"@da', '"Videnudvikling"@da'
    )
    (previous / "norddjurs.ttl").write_text(memo, encoding="utf-8")
    text = run(
        "report",
        "--format",
        "md",
        "--as-of",
        AS_OF,
        "--section",
        "changes",
        "--previous",
        previous,
    ).stdout
    assert "## Ændringer siden forrige udgave" in text
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert any("tema tilføjet" in r and "Attraktive praktikforløb" in r for r in rows)
    assert any(
        "tema ændret" in r and "Videnudvikling → Videnudvikling og evidensbaserede" in r
        for r in rows
    )


def test_unknown_section_is_one_line_and_exit_2() -> None:
    result = runner.invoke(app, ["report", "--section", "summary", "--format", "md"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "indledning (intro), typer (typology)" in result.stderr  # Danish words, then tokens


def test_markdown_escapes_data_text(kg: partnergraph.PartnerGraph) -> None:
    doc = build_report(kg, as_of=dt.date(2026, 12, 6), sections=["intro"])
    doc.sections[0].blocks[0] = Para([Span("<b>|x|</b>")])
    text = render(doc, "md").decode()
    assert "<b>" not in text and "\\<b\\>\\|x\\|" in text


def test_report_works_on_another_dataset(tmp_path: Path) -> None:
    """Nothing is Norddjurs-specific: a generated two-municipality dataset gives a report too,
    one table row per formal partnership, with no single owner picked from the two and every
    municipality's memo named as a source."""
    folder = tmp_path / "synthetic"
    run("generate", "--municipalities", "2", "--output", folder)
    kg = partnergraph.load([folder])
    formal = {r["partnership"] for r in kg.query("formal-partnerships").as_dicts()}
    text = run("--data", folder, "report", "--format", "md", "--as-of", AS_OF).stdout
    table = text.split("| Partnerskab og organisering |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| **")]
    assert len(rows) == len(formal) > 1
    assert "*Status pr. 6. december 2026*" in text  # no "<owner> · status"
    provenance = next(line for line in text.splitlines() if line.startswith("> Lavet med"))
    memos = kg.sparql(
        "SELECT DISTINCT ?name WHERE { ?p a pg:Partnership ; dcterms:source/dcterms:publisher ?m ."
        ' ?m skos:prefLabel ?name FILTER(LANG(?name) = "da") }'
    )
    assert isinstance(memos, SelectResult)
    names = sorted(str(row[0]) for row in memos.rows)
    assert len(names) == 2
    assert "Notat »" in provenance and all(name in provenance for name in names)


def test_changes_without_a_previous_edition_is_explained() -> None:
    result = runner.invoke(app, ["report", "--section", "changes", "--format", "md"])
    assert result.exit_code == 2 and "--previous" in result.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_pdf_never_reads_data_as_typst_markup(
    kg: partnergraph.PartnerGraph, tmp_path: Path
) -> None:
    doc = build_report(kg, as_of=dt.date(2026, 12, 6), sections=["intro"])
    hostile = '#set page(width: 1cm) $x^2$ *bold* [link] <label> @ref \\ "q" // c'
    doc.sections[0].blocks[0] = Para([Span(hostile)])
    path = tmp_path / "x.pdf"
    path.write_bytes(render(doc, "pdf"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert flat(hostile) in flat(text)


def test_report_never_writes_over_the_previous_edition(tmp_path: Path) -> None:
    previous = tmp_path / "previous.ttl"
    shutil.copy(_resources.data_dir() / "norddjurs.ttl", previous)
    before = previous.read_bytes()
    result = runner.invoke(app, ["report", "--previous", str(previous), "-o", str(previous)])
    assert result.exit_code == 2 and str(previous) in result.stderr
    assert result.stderr.count("\n") == 1
    assert previous.read_bytes() == before
