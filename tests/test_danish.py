"""Danish first, names not IRIs, files that open where people work (issue 13).

Everything here runs on the bundled Norddjurs data with ``PARTNERGRAPH_LANG`` unset, as a new
member of staff would meet it: the command line, the Python API and the server.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from rdflib import Literal
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.core.errors import AmbiguousNameError, UnknownEntityError
from partnergraph.core.messages import CATALOGUE, LANGUAGES

PGID = "https://w3id.org/partnergraph/id/"

runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": None, "PARTNERGRAPH_STORE": None})

_WORDS = """
    the of and with from this that which these those there where what when who how
    error errors found wrote rows row nodes edges density component components betweenness
    modularity degree community articulation label value values entities class graphs triples
    partnership partnerships agreement agreements problem problems conforms shapes types source
    links property unknown choose give use run query queries results download home page not
    must should please name names kind exact sampled began ends next step treatment period
    theme themes network written interrupted stopped nothing
    did you mean ambiguous called check spelling spelled
"""
ENGLISH = frozenset(_WORDS.split())
"""Common English words that are not also Danish words: one of them in a Danish screen is a
sentence that was never translated."""

PROPER = re.compile(
    r"VIA University College|Aarhus Airport|Business Region Aarhus|Visit Aarhus|Stena Line"
    r"|Read this page in English|English"
)
"""Names the data holds, and the switch that offers the page in English (meant in English)."""


def english_words(text: str) -> list[str]:
    """English words in ``text``, leaving out IRIs, prefixed names, file names and codes."""
    text = PROPER.sub(" ", text)
    found = []
    for token in re.split(r"[\s│┃|,;()\[\]{}<>\"'“”·…=?!*]+", text):
        if not token or any(c in token for c in ":/.@_#\\") or token.startswith("-"):
            continue
        word = token.strip(".,").casefold()
        if word in ENGLISH:
            found.append(token)
    return found


def cli(*args: str | Path, env: dict[str, str | None] | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], env=env)


# --- names, not IRIs --------------------------------------------------------------------------


def test_describe_finds_a_thing_by_the_beginning_of_its_name() -> None:
    result = cli("describe", "Halmstad")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("Halmstad Kommune  <" + PGID)


def test_describe_lists_the_candidates_of_an_ambiguous_name_and_fails() -> None:
    result = cli("describe", "Aarhus")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and line.startswith("fejl: 'Aarhus' kan være 3 ting")
    for candidate in ("Aarhus Universitet (universitet", "Aarhus Airport (", "AU's Erhvervsstab"):
        assert candidate in line
    assert "Vælg én" in line


def test_describe_suggests_the_name_meant_by_a_typo() -> None:
    result = cli("describe", "Halmsatd")
    assert result.exit_code == 2
    assert "mente du Halmstad Kommune?" in result.stderr


def test_an_exact_name_wins_over_longer_names_that_begin_with_it() -> None:
    kg = partnergraph.load()
    # "Norddjurs Kommune" is also the beginning of "Norddjurs Kommunes partnerskaber" and more.
    assert kg.resolve("norddjurs kommune") == partnergraph.load().resolve("pgid:norddjurs-kommune")


def test_python_resolves_names_ids_iris_in_either_language() -> None:
    kg = partnergraph.load()
    halmstad = PGID + "halmstad-kommun"
    for text in (
        "Halmstad",
        "Halmstad Municipality",
        "halmstad-kommun",
        "pgid:halmstad-kommun",
        f"<{halmstad}>",
    ):
        assert str(kg.resolve(text)) == halmstad, text
    with pytest.raises(AmbiguousNameError) as ambiguous:
        kg.resolve("Aarhus")
    labels = [c.label for c in ambiguous.value.candidates]
    assert labels == ["Aarhus Airport", "Aarhus Universitet", "AU's Erhvervsstab"]
    assert ambiguous.value.candidates[1].iri == PGID + "aarhus-universitet"
    assert ambiguous.value.candidates[1].type == "universitet"
    match = kg.find("Halmsatd")
    assert match.status == "none" and match.suggestions[0] == "Halmstad Kommune"
    with pytest.raises(UnknownEntityError, match="mente du Halmstad Kommune"):
        kg.describe("Halmsatd")


def test_focus_and_query_parameters_take_names_and_workbook_ids(tmp_path: Path) -> None:
    page = tmp_path / "net.html"
    by_id = cli("viz", "--focus", "partnership-halmstad", "-o", page)
    by_name = cli("viz", "--focus", "Halmstad", "-o", tmp_path / "net2.html")
    assert by_id.exit_code == 0 and by_name.exit_code == 0, by_id.output + by_name.output
    params = cli("query", "stakeholders", "-p", "partnership=Halmstad", "-f", "csv")
    assert params.exit_code == 0 and "Halmstad Kommune" in params.stdout
    ambiguous = cli("query", "stakeholders", "-p", "partnership=Strategisk", "-f", "csv")
    assert ambiguous.exit_code == 2 and "kan være" in ambiguous.stderr


# --- files that open where people work ---------------------------------------------------------


def test_query_to_xlsx_writes_a_typed_workbook(tmp_path: Path) -> None:
    target = tmp_path / "due.xlsx"
    result = cli("query", "renewals-due", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"skrev {target}"
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [
        "Aftale",
        "Partnerskab",
        "Periode",
        "Udløber",
        "Næste behandling",
        "Næste skridt",
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F5"
    numbers = cli("query", "governance", "-o", tmp_path / "g.xlsx")
    assert numbers.exit_code == 0
    meetings = load_workbook(tmp_path / "g.xlsx").active
    assert meetings is not None
    per_year = [row[5] for row in meetings.iter_rows(min_row=2) if row[5].value is not None]
    assert per_year and all(c.data_type == "n" and isinstance(c.value, int) for c in per_year)


def test_a_date_literal_becomes_a_date_cell_and_a_formula_stays_text(tmp_path: Path) -> None:
    text = 'SELECT ?d ?f WHERE { BIND("2025-12-31"^^xsd:date AS ?d) BIND("=1+1" AS ?f) }'
    result = cli("query", "--sparql", text, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert sheet is not None
    assert sheet["A2"].value == dt.datetime(2025, 12, 31)
    assert sheet["A2"].number_format == "dd-mm-yyyy"
    assert sheet["B2"].value == "=1+1" and sheet["B2"].data_type == "s"


def test_excel_csv_has_a_bom_semicolons_and_danish_dates(tmp_path: Path) -> None:
    target = tmp_path / "due.csv"
    result = cli("query", "renewals-due", "-o", target, "--excel")
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header == '"Aftale";"Partnerskab";"Periode";"Udløber";"Næste behandling";"Næste skridt"'
    dated = 'SELECT ?d WHERE { BIND("2025-12-31"^^xsd:date AS ?d) }'
    same = cli("query", "--sparql", dated, "--format", "csv-excel")
    assert same.stdout.splitlines()[1] == '"31-12-2025"'
    plain = cli("query", "renewals-due", "-o", tmp_path / "plain.csv")
    text = (tmp_path / "plain.csv").read_bytes()
    assert plain.exit_code == 0 and text.startswith(b'"agreement","partnership"')


def test_the_output_file_names_the_format_and_a_mismatch_is_refused(tmp_path: Path) -> None:
    calendar = tmp_path / "x.ics"
    result = cli("agenda", "--from", "2024-01-01", "-o", calendar)
    assert result.exit_code == 0, result.output
    assert calendar.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    markdown = cli("query", "themes", "-o", tmp_path / "t.md")
    assert markdown.exit_code == 0
    assert (tmp_path / "t.md").read_text(encoding="utf-8").startswith("| Partnerskab | Nr.")
    refused = cli("query", "themes", "-o", tmp_path / "t.csv", "-f", "json")
    assert refused.exit_code == 2 and not (tmp_path / "t.csv").exists()
    assert refused.stderr.splitlines() == [
        f"fejl: {tmp_path / 't.csv'}: filendelsen .csv passer ikke til formatet json: "
        "brug filendelsen .json eller udelad --format"
    ]


def test_terminal_tables_fit_80_columns_without_breaking_words() -> None:
    narrow = runner.invoke(app, ["query", "renewals-due"], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    cells = " ".join(line for line in lines if line.startswith("│"))
    for word in ("Partnerskabsaftale", "samarbejdsaftale", "Administrativ"):
        assert word in cells  # whole, not folded across two lines
    assert "Skjulte kolonner: Udløber." in narrow.stdout
    wide = runner.invoke(app, ["query", "renewals-due"], env={"COLUMNS": "200"})
    assert "Skjulte" not in wide.stdout and "Udløber" in wide.stdout
    agenda = runner.invoke(app, ["agenda", "--as-of", "2024-10-01"], env={"COLUMNS": "80"})
    assert max(len(line) for line in agenda.stdout.splitlines()) <= 80
    assert "Skjulte kolonner" in agenda.stdout and "samarbejdsaftale" in agenda.stdout


# --- Danish throughout, English on request ----------------------------------------------------


def test_every_message_is_in_both_languages() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        fields = [set(re.findall(r"{(\w+)", texts[lang])) for lang in LANGUAGES]
        assert fields[0] == fields[1], key


def test_named_queries_answer_to_danish_aliases() -> None:
    danish = cli("query", "fornyelser", "-f", "csv")
    english = cli("query", "renewals-due", "-f", "csv")
    assert danish.exit_code == 0 and danish.stdout == english.stdout
    listing = cli("queries")
    assert "fornyelser" in listing.stdout and "Aftaler der skal fornyes" in listing.stdout


def test_an_unknown_language_is_an_error() -> None:
    for args, env in (
        (("stats", "--lang", "de"), None),
        (("stats",), {"PARTNERGRAPH_LANG": "de"}),
    ):
        result = cli(*args, env=env)
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            "fejl: ukendt sprog 'de' (--lang eller PARTNERGRAPH_LANG): vælg da eller en"
        )


def test_english_on_request() -> None:
    result = cli("describe", "Aarhus", "--lang", "en")
    assert "is ambiguous" in result.stderr and result.stderr.startswith("error:")
    broken = cli("query", "renewals-due", "--lang", "en", "-p", "before=soon")
    assert "must be a date" in broken.stderr


DEMO = (
    ("stats",),
    ("query", "formal-partnerships"),
    ("query", "renewals-due"),
    ("query", "governance", "--format", "md"),
    ("validate",),
    ("network", "stats", "--projection", "actors"),
    ("describe", "Halmstad"),
    ("agenda", "--from", "2024-01-01"),
)


@pytest.mark.parametrize("args", DEMO, ids=[" ".join(a) for a in DEMO])
def test_no_english_in_the_demo_commands(args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert english_words(result.stdout + result.stderr) == []


def test_no_english_when_writing_files(tmp_path: Path) -> None:
    for args in (
        ("viz", "-o", tmp_path / "n.html"),
        ("export", "-o", tmp_path / "x.ttl"),
        ("query", "renewals-due", "-o", tmp_path / "due.xlsx"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.output
        assert english_words(result.stderr) == [], args


def test_no_english_in_validating_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix pg: <https://w3id.org/partnergraph/ontology#> .\n"
        "@prefix pgid: <https://w3id.org/partnergraph/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'pgid:p1 a pg:Partnership ; skos:prefLabel "Et partnerskab"@da , "Et andet"@da .\n'
        'pgid:f1 a pg:Forum ; skos:prefLabel "Forum uden sprog" ; pg:meetingsPerYear 0 .\n',
        encoding="utf-8",
    )
    result = cli("--data", broken, "validate")
    assert result.exit_code == 1
    assert "Fejl [org:hasMember]: Et partnerskab skal have mindst ét medlem" in result.stdout
    assert "problemer fundet." in result.stderr
    assert english_words(result.stdout + result.stderr) == []
    english = cli("--data", broken, "validate", "--lang", "en")
    assert "A partnership needs at least one member" in english.stdout


# --- the server -----------------------------------------------------------------------------


class _Visible(HTMLParser):
    """The text a reader sees (and the tooltips), not scripts, styles or code (query names,
    parameter names and SPARQL are what a reader types, not prose)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "textarea", "pre", "code"):
            self.hidden += 1
        self.parts += [v for k, v in attrs if k in ("title", "aria-label", "placeholder") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "textarea", "pre", "code"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from starlette.testclient import TestClient

    from partnergraph.server import ServerConfig, create_app
    from partnergraph.server.pages import page_routes

    config = ServerConfig(workers=1, spare_workers=0, extra_routes=page_routes())
    with TestClient(create_app(config), follow_redirects=False) as test_client:
        yield test_client


HTML = {"Accept": "text/html"}


def test_server_finds_things_by_name(client: Any) -> None:
    found = client.get("/find", params={"q": "Halmstad"}, headers=HTML)
    assert found.status_code == 303 and found.headers["location"] == "/doc/halmstad-kommun"
    ambiguous = client.get("/find", params={"q": "Aarhus"}, headers=HTML)
    assert ambiguous.status_code == 400
    for href in ("/doc/aarhus-universitet", "/doc/aarhus-airport", "/doc/au-erhvervsstab"):
        assert f'href="{href}"' in ambiguous.text
    typo = client.get("/find", params={"q": "Halmsatd"}, headers=HTML)
    assert typo.status_code == 404 and "mente du Halmstad Kommune?" in typo.text
    plain = client.get("/find", params={"q": "Aarhus"}, headers={"Accept": "text/plain"})
    assert plain.status_code == 400 and plain.text.startswith("'Aarhus' kan være 3 ting")


def test_a_bad_or_ambiguous_parameter_is_400_and_names_its_field(client: Any) -> None:
    ambiguous = client.get("/api/queries/stakeholders", params={"partnership": "Strategisk"})
    assert ambiguous.status_code == 400
    assert ambiguous.headers["x-partnergraph-parameter"] == "partnership"
    assert "kan være" in ambiguous.text
    unknown = client.get("/api/queries/stakeholders", params={"partnership": "Atlantis"})
    assert unknown.status_code == 400 and "intet i grafen hedder 'Atlantis'" in unknown.text
    english = client.get("/api/queries/renewals-due", params={"before": "soon", "lang": "en"})
    assert english.status_code == 400 and "must be a date" in english.text
    named = client.get("/api/queries/stakeholders", params={"partnership": "Halmstad"})
    assert named.status_code == 200


def test_server_home_query_and_error_pages_are_danish(client: Any) -> None:
    pages = {
        "/": 200,
        "/query": 200,
        "/queries": 200,
        "/doc/no-such-thing": 404,
        "/find?q=Aarhus": 400,
        "/find?q=Halmsatd": 404,
        "/no-such-page": 404,
        "/api/queries/renewals-due?before=soon": 400,
    }
    for path, status in pages.items():
        page = client.get(path, headers=HTML)
        assert page.status_code == status, path
        assert english_words(visible(page.text)) == [], path
    assert 'href="/query"' in client.get("/").text  # the editor is one click away


def test_the_names_that_link_answers_name_one_thing_each(client: Any) -> None:
    names = client.get("/api/names").json()
    assert names["Partnerskab med Halmstad Kommune"] == PGID + "partnership-halmstad"
    assert names["Halmstad Municipality"] == PGID + "halmstad-kommun"
    assert "2018" not in names


# --- the network page ---------------------------------------------------------------------------


@pytest.mark.slow
def test_no_english_on_the_network_page_and_english_on_request(tmp_path: Path) -> None:
    from browser import launch, new_page, why_no_browser

    reason = why_no_browser()
    if reason is not None:
        pytest.skip(reason)
    page_file = tmp_path / "network.html"
    assert cli("viz", "-o", page_file).exit_code == 0
    with launch() as browser, new_page(browser, width=1400, height=1000) as page:
        page.open(page_file)
        danish = page.js("document.body.innerText")
        assert english_words(danish) == []
        assert "Funktionelt samarbejde" in danish
        page.js("document.getElementById('lang-en').click()")
        english = page.js("document.body.innerText")
        # Collaboration types are values, not nodes: they too follow the reader's language.
        assert "Functional collaboration" in english and "Funktionelt samarbejde" not in english
        assert page.errors == [] and page.blocked == []


# --- help -------------------------------------------------------------------------------------


def test_every_help_text_has_its_danish() -> None:
    import typer.main

    from partnergraph.cli.help_da import DANISH, help_texts

    missing = [t for t in help_texts(typer.main.get_command(app)) if t not in DANISH]
    assert missing == []


def test_help_is_danish_unless_english_is_asked_for() -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PARTNERGRAPH_LANG"}
    env["COLUMNS"] = "120"
    command = [sys.executable, "-m", "partnergraph.cli.app", "describe", "--help"]
    danish = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "Alt om én ting" in danish.stdout and "Vis denne hjælp og stop." in danish.stdout
    assert "Tilvalg" in danish.stdout
    english = subprocess.run(
        command, env={**env, "PARTNERGRAPH_LANG": "en"}, capture_output=True, text=True
    )
    assert "Everything known about one entity" in english.stdout


def test_an_unknown_option_is_said_in_the_language_of_its_frame() -> None:
    """``--lang`` before the command used to give click's English "No such option" inside the
    Danish frame; now the frame and the message speak one language and say where --lang goes:
    the language asked for (``--lang en`` is read before click parses), else Danish."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PARTNERGRAPH_LANG"}
    env["COLUMNS"] = "200"
    command = [sys.executable, "-m", "partnergraph.cli", "--lang", "en", "describe", "Halmstad"]
    asked = subprocess.run(command, env=env, capture_output=True, text=True)
    assert asked.returncode == 2 and "Error" in asked.stderr and "Fejl" not in asked.stderr
    assert "No such option: --lang." in asked.stderr and "belongs to the command" in asked.stderr
    unknown = [sys.executable, "-m", "partnergraph.cli", "--lang", "fr", "describe", "Halmstad"]
    before = subprocess.run(unknown, env=env, capture_output=True, text=True)
    assert before.returncode == 2 and "Fejl" in before.stderr
    assert "Ukendt tilvalg: --lang." in before.stderr and "No such option" not in before.stderr
    assert "hører til kommandoen" in before.stderr and "describe NAVN --lang" in before.stderr
    typo = [sys.executable, "-m", "partnergraph.cli", "describe", "Halmstad", "--langg", "en"]
    after = subprocess.run(typo, env=env, capture_output=True, text=True)
    assert after.returncode == 2 and "Ukendt tilvalg: --langg. Mente du --lang?" in after.stderr
    english = subprocess.run(
        command, env={**env, "PARTNERGRAPH_LANG": "en"}, capture_output=True, text=True
    )
    assert english.returncode == 2 and "Error" in english.stderr
    assert "No such option: --lang" in english.stderr and "Ukendt" not in english.stderr


# --- Python users --------------------------------------------------------------------------------


def test_results_become_typed_dataframes_with_names_or_iris() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    kg = partnergraph.load()
    governance = kg.query("governance")
    frame = governance.to_pandas()
    assert list(frame.columns) == governance.variables
    assert str(frame["meetingsPerYear"].dtype) == "Int64"
    assert frame["meetingsPerYear"].max() == 2
    members = kg.sparql("SELECT ?p ?m WHERE { ?p a pg:Partnership ; org:hasMember ?m }")
    by_iri = members.to_pandas()
    by_name = members.to_pandas(kg.labeller("da"))
    assert (PGID + "halmstad-kommun") in set(by_iri["m"])
    assert "Halmstad Kommune" in set(by_name["m"])
    dated = kg.sparql('SELECT ?d WHERE { BIND("2025-12-31"^^xsd:date AS ?d) }').to_pandas()
    assert pd.api.types.is_datetime64_any_dtype(dated["d"])
    polars = governance.to_polars()
    assert polars.schema["meetingsPerYear"] == pl.Int64
    assert polars.height == len(governance)


def test_results_descriptions_and_statistics_show_as_tables_in_jupyter() -> None:
    kg = partnergraph.load()
    table = kg.query("formal-partnerships")._repr_html_()
    assert table.startswith('<table class="partnergraph">') and "3 rækker" in table
    assert "Halmstad Kommune" in table
    description = kg.describe("Halmstad")._repr_html_()
    assert "<h3>Halmstad Kommune</h3>" in description and "henvisninger hertil" in description
    assert "ting pr. klasse" in kg.stats()._repr_html_()
    hostile = partnergraph.SelectResult(["x"], [(Literal("<script>alert(1)</script>"),)])
    assert "<script>" not in hostile._repr_html_()


# --- partnergraph.toml ------------------------------------------------------------------------


def test_a_project_file_says_where_the_data_is_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "mine.ttl").write_text(
        "@prefix pg: <https://w3id.org/partnergraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/id/p> a pg:Partnership ; skos:prefLabel "Mit partnerskab"@da .\n',
        encoding="utf-8",
    )
    (tmp_path / "partnergraph.toml").write_text('data = ["data"]\n', encoding="utf-8")
    inner = tmp_path / "reports"
    inner.mkdir()
    monkeypatch.chdir(inner)  # found from a folder below, too
    found = cli("describe", "Mit partnerskab")
    assert found.exit_code == 0, found.output
    assert found.stdout.startswith("Mit partnerskab  <https://example.org/id/p>")
    assert cli("describe", "Halmstad").exit_code == 2  # the bundled data is not loaded
    (tmp_path / "partnergraph.toml").write_text('data = ["data"]\nstores = "x"\n', "utf-8")
    wrong = cli("stats")
    assert wrong.exit_code == 2 and "ukendt nøgle 'stores'" in wrong.stderr


@pytest.mark.parametrize(
    ("content", "danish", "english"),
    [
        ('data = ["data"]\nstores = "x"\n', "ukendt nøgle 'stores'", "unknown key 'stores'"),
        ("data = 3\n", "'data' skal være en sti", "'data' must be a path or a list of paths"),
        ("store = 3\n", "'store' skal være tekst", "'store' must be text"),
        ("data = [\n", "ikke gyldig TOML", "not valid TOML"),
    ],
)
def test_a_wrong_project_file_is_said_in_the_language_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, danish: str, english: str
) -> None:
    (tmp_path / "partnergraph.toml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    in_danish = cli("stats")
    assert in_danish.exit_code == 2 and danish in in_danish.stderr
    assert "partnergraph.toml" in in_danish.stderr
    in_english = cli("stats", env={"PARTNERGRAPH_LANG": "en"})
    assert in_english.exit_code == 2 and english in in_english.stderr, in_english.stderr
    assert danish not in in_english.stderr


def test_the_query_api_has_an_openapi_description(client: Any) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    renewals = document["paths"]["/api/queries/renewals-due"]["get"]
    assert renewals["summary"] == "Aftaler der skal fornyes"
    before = next(p for p in renewals["parameters"] if p["name"] == "before")
    assert "default" not in before["schema"] and not before["required"]  # today, as served
    lang = next(p for p in renewals["parameters"] if p["name"] == "lang")
    assert lang["schema"]["default"] == "da" and lang["schema"]["enum"] == ["da", "en"]
    listed = client.get("/api/queries").json()["queries"]
    assert {q["name"] for q in listed} | {"/api/queries"} == {
        path.removeprefix("/api/queries/") for path in document["paths"]
    }


# --- issue 9's refusals and reports speak Danish too --------------------------------------------


def _refused_in_danish(result: Any, *words: str) -> None:
    """One Danish line on stderr, a non-zero exit, no traceback and no English word."""
    assert result.exit_code != 0, result.output
    line = result.stderr.strip()
    assert line.startswith("fejl: ") and "\n" not in line and "Traceback" not in line, line
    assert all(word in line for word in words), line
    assert english_words(line.split(": vælg blandt ")[0]) == [], line


def test_output_safety_refusals_are_danish(tmp_path: Path) -> None:
    data = tmp_path / "mine.ttl"
    assert cli("export", "-o", data).exit_code == 0
    kept = data.read_bytes()
    _refused_in_danish(cli("--data", data, "export", "-o", data), "inddatafil")
    assert data.read_bytes() == kept
    _refused_in_danish(cli("export", "-o", tmp_path / "no" / "x.ttl"), "findes ikke")
    workbook = tmp_path / "filled.xlsx"
    assert cli("template", "--from-graph", "-o", workbook).exit_code == 0
    _refused_in_danish(cli("template", "-o", workbook), "--force", "udfyldte rækker")
    english = cli("template", "-o", workbook, "--lang", "en")
    assert "filled rows, which a template would replace" in english.stderr


def test_parser_bounds_refusals_are_danish(tmp_path: Path) -> None:
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": [["https://example.org/ctx"]], "@id": "urn:x"}', "utf-8")
    _refused_in_danish(cli("--data", remote, "stats"), "@context", "hentes")
    laughs = tmp_path / "laughs.rdf"
    laughs.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "ha">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
        "utf-8",
    )
    _refused_in_danish(cli("--data", laughs, "stats"), "DOCTYPE", "entiteten 'a'")
    deep = "SELECT * WHERE " + "{" * 300 + "}" * 300
    _refused_in_danish(cli("query", "--sparql", deep), "niveauer dybt", "linje 1")
    english = cli("--data", remote, "stats", "--lang", "en")
    assert "names a remote @context" in english.stderr


def test_on_disk_store_refusals_are_danish(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    assert cli("--store", f"oxigraph:{folder}", "stats").exit_code == 0
    other = tmp_path / "other.ttl"
    other.write_text("<urn:a> <urn:b> <urn:c> .\n", "utf-8")
    refused = cli("--store", f"oxigraph:{folder}", "--data", other, "stats")
    _refused_in_danish(refused, "de medfølgende data", "--rebuild")
    english = cli("--store", f"oxigraph:{folder}", "--data", other, "stats", "--lang", "en")
    assert "holds a store built from other data (the bundled data)" in english.stderr


def test_serve_option_refusals_are_danish() -> None:
    _refused_in_danish(cli("serve", "--row-cap", "0"), "rækkeloftet")
    _refused_in_danish(cli("serve", "--timeout", "-1"), "sekunder")
    english = cli("serve", "--row-cap", "0", env={"PARTNERGRAPH_LANG": "en"})
    assert "must be at least 1" in english.stderr


def test_server_limits_answer_in_the_language_of_the_request() -> None:
    from starlette.testclient import TestClient

    from partnergraph.server import ServerConfig, create_app
    from partnergraph.server.worker import _guarded

    def greedy() -> Any:
        raise MemoryError

    memory = _guarded(greedy, [])
    assert memory.status == 500 and "hukommelse" in memory.body.decode()
    assert english_words(memory.body.decode()) == []
    assert b"more memory than this server allows" in memory.said("en").body

    config = ServerConfig(workers=1, spare_workers=0, max_value_bytes=1024)
    query = {"query": f'SELECT ("{"x" * 2000}" AS ?v) {{}}'}
    with TestClient(create_app(config)) as http:
        danish = http.get("/sparql", params=query)
        english = http.get("/sparql", params=query, headers={"Accept-Language": "en-GB,en"})
        asked = http.get("/sparql", params={**query, "lang": "en"})
    assert danish.status_code == english.status_code == asked.status_code == 413
    assert "værdi" in danish.text and english_words(danish.text) == [], danish.text
    assert "a value in this answer is larger" in english.text
    assert asked.text == english.text


def test_push_and_pull_reports_are_danish(tmp_path: Path) -> None:
    from partnergraph.publish.sync import PullReport, PushReport

    url, graph = "http://127.0.0.1:7878/store", "urn:graph"
    pushed = PushReport(url, graph, 40, "gsp", 1, 0, False, 0.25)
    pulled = PullReport(url, graph, 40, tmp_path / "x.ttl", "gsp")
    for report, word in ((pushed, "sendte"), (pulled, "hentede")):
        assert str(report).startswith(f"{word} 40 tripler")
        assert english_words(str(report)) == []
    assert "1 forespørgsel," in str(pushed)


def test_report_and_figure_refusals_are_danish(tmp_path: Path) -> None:
    _refused_in_danish(cli("report", "--section", "nope", "-f", "md"), "afsnit", "'nope'")
    _refused_in_danish(cli("report", "--section", "changes", "-f", "md"), "--previous")
    figure = tmp_path / "f.svg"
    kind = cli("network", "figure", "--kind", "nope", "-o", figure)
    # the choices are the codes one types (partnership, theme ...): the sentence is Danish
    _refused_in_danish(kind, "knude", "vælg blandt organisation")
    assert not figure.exists()
    english = cli("report", "--section", "nope", "-f", "md", "--lang", "en")
    assert "unknown report section 'nope'" in english.stderr


def test_a_server_that_does_not_answer_is_said_in_danish() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = cli("--store", f"sparql:http://127.0.0.1:{port}/sparql", "stats")
    _refused_in_danish(result, "kan ikke forbinde til", "kører serveren?")


def test_a_missing_edition_and_a_pipe_as_data_are_said_in_danish(tmp_path: Path) -> None:
    """Both were English inside the Danish "fejl:" line."""
    import os

    missing = cli("diff", "bundled", tmp_path / "nosuch")
    assert missing.exit_code == 2
    assert "ingen sådan fil eller mappe; angiv en RDF-fil" in missing.stderr
    english = cli("diff", "bundled", tmp_path / "nosuch", env={"PARTNERGRAPH_LANG": "en"})
    assert "no such file or folder; give an RDF file" in english.stderr
    pipe = tmp_path / "pipe.ttl"
    os.mkfifo(pipe)
    piped = cli("--data", pipe, "stats")
    assert piped.exit_code == 2 and "ikke en almindelig fil" in piped.stderr, piped.stderr
