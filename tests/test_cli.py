"""The ``partnergraph`` command works end to end: every command, every format, on real data.

Expected answers are computed from the same bundled data through the Python API
(``partnergraph.load()``), so these tests check the command line against the library, not
against numbers that change whenever the data is edited.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from typer.testing import CliRunner

import partnergraph
from partnergraph import PartnerGraph, SelectResult
from partnergraph.cli.app import app
from partnergraph.rdf.namespaces import PG, PGID

REPO = Path(__file__).absolute().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "cli"
TINY = FIXTURES / "tiny"
TINY_FILE = TINY / "tiny-partnership.ttl"
MEMBERS_QUERY = FIXTURES / "queries" / "members.rq"
VIOLATION = FIXTURES / "violation"
SHAPES_MISSING = not (REPO / "ontology" / "shapes.ttl").exists()

QUERY_NAMES = [
    "actors",
    "focus-areas",
    "formal-partnerships",
    "governance",
    "partnerships",
    "partnerships-per-municipality",
    "renewals-due",
    "sdg-links",
    "shared-partners",
    "shared-themes",
    "stakeholders",
    "strategy-documents",
    "theme-municipalities",
    "themes",
    "timeline",
]

VIA = PGID["via-university-college"]
MEMO = PGID["memo-norddjurs-partnerships"]
SDG_GRAPH = "https://w3id.org/partnergraph/graph/sdg"

# A wide terminal so rich never folds the words the tests look for; no language preset; no
# proxy, so that a request, if one were ever made, would go straight where it was aimed.
runner = CliRunner(
    env={
        "COLUMNS": "200",
        "PARTNERGRAPH_LANG": None,
        "http_proxy": None,
        "https_proxy": None,
        "HTTP_PROXY": None,
        "HTTPS_PROXY": None,
        "NO_PROXY": "*",
        "no_proxy": "*",
    }
)

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}


def invoke(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def run(*args: str | Path) -> Any:
    """Invoke the CLI and insist that it succeeded, showing what it said if not."""
    result = invoke(*args)
    assert result.exit_code == 0, (
        f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}\n"
        f"exception: {result.exception!r}"
    )
    return result


@pytest.fixture(scope="module")
def kg() -> PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def union(kg: PartnerGraph) -> Graph:
    """Every triple of the bundled graph in one plain graph."""
    graph = Graph()
    for triple in kg.dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def select(kg: PartnerGraph, name: str, **params: str) -> SelectResult:
    result = kg.query(name, params)
    assert isinstance(result, SelectResult)
    return result


# --- global options --------------------------------------------------------------------------


def test_version_prints_the_package_version() -> None:
    result = run("--version")
    assert result.stdout.strip() == f"partnergraph {partnergraph.__version__}"


def test_help_lists_every_command() -> None:
    result = run("--help")
    for command in ("queries", "query", "validate", "export", "describe", "stats"):
        assert command in result.stdout


# --- queries ---------------------------------------------------------------------------------


def test_queries_table_lists_every_name() -> None:
    result = run("queries")
    for name in QUERY_NAMES:
        assert name in result.stdout
    assert "Aftaler der skal fornyes" in result.stdout


def test_queries_json_lists_names_titles_and_parameters_in_the_chosen_language() -> None:
    rows = json.loads(run("queries", "--format", "json", "--lang", "en").stdout)
    assert [row["name"] for row in rows] == QUERY_NAMES
    by_name = {row["name"]: row for row in rows}
    assert by_name["renewals-due"]["title"] == "Agreements due for renewal"
    assert "before (date, default today)" in by_name["renewals-due"]["parameters"]
    assert "partnership (entity)" in by_name["stakeholders"]["parameters"]
    assert all(row["description"] for row in rows)


def test_queries_md_is_a_markdown_table_of_all_names() -> None:
    lines = run("queries", "-f", "md").stdout.splitlines()
    assert lines[0] == "| navn | også | titel | parametre |"
    assert lines[1] == "| --- | --- | --- | --- |"
    assert [line.split("|")[1].strip().strip("`") for line in lines[2:]] == QUERY_NAMES


# --- query: results formats ------------------------------------------------------------------


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _tsv(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def _json(text: str) -> list[list[str]]:
    document = json.loads(text)
    variables = document["head"]["vars"]
    bindings = document["results"]["bindings"]
    return [variables] + [[b[v]["value"] if v in b else "" for v in variables] for b in bindings]


def _md(text: str) -> list[list[str]]:
    lines = text.splitlines()
    assert set(lines[1].replace("|", "").split()) == {"---"}
    return [
        [cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[:1] + lines[2:]
    ]


PARSERS: dict[str, Callable[[str], list[list[str]]]] = {
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
    "md": _md,
}


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_query_writes_every_results_format_with_a_header_and_one_line_per_row(
    kg: PartnerGraph, fmt: str
) -> None:
    expected = select(kg, "themes")
    result = run("query", "themes", "--format", fmt)
    table = PARSERS[fmt](result.stdout)
    # Programs read the variable names (csv, tsv, json); people read the column titles (md).
    titles = kg.named_query("themes").column_titles("da")
    header = [titles[v] for v in expected.variables] if fmt == "md" else expected.variables
    assert table[0] == header
    assert len(table) - 1 == len(expected) > 0
    assert all(len(row) == len(expected.variables) for row in table)


def test_query_csv_values_are_the_lexical_values_of_the_results(kg: PartnerGraph) -> None:
    expected = select(kg, "partnerships", lang="en")
    rows = _csv(run("query", "partnerships", "-f", "csv", "--lang", "en").stdout)
    assert sorted(map(tuple, rows[1:])) == sorted(
        tuple("" if v is None else v for v in row.values()) for row in expected.as_dicts()
    )


def test_query_json_is_sparql_results_json(kg: PartnerGraph) -> None:
    document = json.loads(run("query", "themes", "-f", "json").stdout)
    assert set(document) == {"head", "results"}
    assert document["head"]["vars"] == select(kg, "themes").variables
    for binding in document["results"]["bindings"]:
        for term in binding.values():
            assert term["type"] in {"uri", "literal", "bnode"}
            assert isinstance(term["value"], str)


def test_query_table_is_titled_and_counts_its_rows(kg: PartnerGraph) -> None:
    count = len(select(kg, "themes"))
    result = run("query", "themes")
    assert "Nuværende temaer" in result.stdout
    assert f"{count} rækker" in result.stdout
    assert "Nummereret i" in result.stdout  # the column's title, not the variable numberedIn


def test_query_param_before_narrows_the_renewals(kg: PartnerGraph) -> None:
    early = select(kg, "renewals-due", before="2025-01-01")
    default = select(kg, "renewals-due")  # before the as-of date: today
    assert len(early) < len(default)
    rows = _csv(run("query", "renewals-due", "-p", "before=2025-01-01", "-f", "csv").stdout)
    assert len(rows) - 1 == len(early)


def test_query_file_runs_a_query_file_with_its_header_parameters() -> None:
    default = _csv(run("query", "--file", MEMBERS_QUERY, "-f", "csv", "--lang", "en").stdout)
    assert default[0] == ["member", "name"]
    assert ["https://w3id.org/partnergraph/id/norddjurs-kommune", "Norddjurs Municipality"] in (
        default
    )
    assert [str(VIA), "VIA University College"] in default

    au_by_label = ("-p", "partnership=Aarhus Universitet", "--lang", "en")
    au = _csv(run("query", "--file", MEMBERS_QUERY, "-f", "csv", *au_by_label).stdout)
    assert ["https://w3id.org/partnergraph/id/aarhus-universitet", "Aarhus University"] in au


def test_query_sparql_knows_the_pg_prefix_without_declaring_it(kg: PartnerGraph) -> None:
    expected = {str(p) for p in kg.dataset.subjects(RDF.type, PG.Partnership)}
    rows = _csv(
        run("query", "--sparql", "SELECT ?p WHERE { ?p a pg:Partnership }", "-f", "csv").stdout
    )
    assert rows[0] == ["p"]
    assert {row[0] for row in rows[1:]} == expected
    assert str(PGID["partnership-via"]) in expected


def test_query_sparql_ask_answers_in_json() -> None:
    answer = run("query", "--sparql", "ASK { pgid:partnership-via a pg:Partnership }", "-f", "json")
    assert json.loads(answer.stdout)["boolean"] is True
    answer = run("query", "--sparql", "ASK { pgid:partnership-via a pg:Agreement }", "-f", "csv")
    assert answer.stdout.strip() == "false"


CONSTRUCT = """
CONSTRUCT { ?p a pg:Partnership ; skos:prefLabel ?label ; org:hasMember ?m }
WHERE { ?p a pg:Partnership ; skos:prefLabel ?label ; org:hasMember ?m }
"""


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_query_construct_writes_a_graph_that_parses_back(kg: PartnerGraph, fmt: str) -> None:
    expected = kg.sparql(CONSTRUCT)
    assert isinstance(expected, partnergraph.GraphResult)
    assert len(expected.graph) > 0
    text = run("query", "--sparql", CONSTRUCT, "--format", fmt).stdout
    parsed = Graph().parse(data=text, format=RDFLIB_FORMAT[fmt])
    assert isomorphic(parsed, expected.graph)


def test_query_construct_defaults_to_turtle() -> None:
    text = run("query", "--sparql", CONSTRUCT).stdout
    assert (PGID["partnership-via"], RDF.type, PG.Partnership) in Graph().parse(
        data=text, format="turtle"
    )


def test_query_from_a_loaded_graph_is_allowed(kg: PartnerGraph) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{SDG_GRAPH}> WHERE {{ ?s ?p ?o }}"
    rows = _csv(run("query", "--sparql", query, "-f", "csv").stdout)
    assert rows == [["n"], [str(len(kg.dataset.graph(URIRef(SDG_GRAPH))))]]
    assert int(rows[1][0]) > 0


# --- languages -------------------------------------------------------------------------------


def test_lang_en_and_da_give_english_and_danish_labels() -> None:
    english = run("query", "themes", "-f", "csv", "--lang", "en").stdout
    danish = run("query", "themes", "-f", "csv", "--lang", "da").stdout
    assert "Partnership with VIA University College" in english
    assert "Partnerskab med VIA University College" not in english
    assert "Partnerskab med VIA University College" in danish
    assert "Partnership with VIA University College" not in danish


def test_lang_defaults_to_danish() -> None:
    assert "Partnerskab med VIA University College" in run("query", "themes", "-f", "tsv").stdout


# --- --output --------------------------------------------------------------------------------


def test_output_writes_the_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "themes.csv"
    result = run("query", "themes", "-f", "csv", "--output", target)
    assert result.stdout == ""
    assert result.stderr == f"skrev {target}\n"
    assert list(tmp_path.iterdir()) == [target]  # no temporary files left behind
    written = target.read_bytes().decode("utf-8")
    assert written.endswith("\r\n")  # CSV as RFC 4180 writes it, untouched by newline translation
    assert _csv(written) == _csv(run("query", "themes", "-f", "csv").stdout)


def test_output_of_a_table_is_markdown(tmp_path: Path) -> None:
    target = tmp_path / "themes.md"
    run("query", "themes", "-o", target)
    assert target.read_text(encoding="utf-8").startswith("| Partnerskab | Nr. |")
    assert list(tmp_path.iterdir()) == [target]


def test_output_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    target.write_text("old content\n", encoding="utf-8")
    run("export", "-f", "nt", "-o", target)
    assert "old content" not in target.read_text(encoding="utf-8")
    assert len(Graph().parse(target, format="nt")) > 0
    assert list(tmp_path.iterdir()) == [target]


# --- export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_export_parses_back_isomorphic_to_the_loaded_graph(union: Graph, fmt: str) -> None:
    text = run("export", "--format", fmt).stdout
    parsed = Graph().parse(data=text, format=RDFLIB_FORMAT[fmt])
    assert len(parsed) == len(union)
    assert isomorphic(parsed, union)


def test_export_trig_keeps_every_named_graph(kg: PartnerGraph) -> None:
    text = run("export", "-f", "trig").stdout
    parsed = Dataset()
    parsed.parse(data=text, format="trig")
    loaded = {g.identifier: g for g in kg.dataset.graphs() if len(g)}
    back = {g.identifier: g for g in parsed.graphs() if len(g)}
    assert set(back) == set(loaded)
    assert URIRef(SDG_GRAPH) in back
    for name, graph in loaded.items():
        assert isomorphic(back[name], graph), name


def test_export_defaults_to_turtle(union: Graph) -> None:
    assert len(Graph().parse(data=run("export").stdout, format="turtle")) == len(union)


# --- describe --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "thing",
    [str(VIA), f"<{VIA}>", "pgid:via-university-college", "VIA University College"],
    ids=["iri", "bracketed-iri", "prefixed-name", "exact-label"],
)
def test_describe_finds_the_entity_and_shows_links_both_ways(thing: str) -> None:
    out = run("describe", thing).stdout
    assert f"VIA University College  <{VIA}>" in out
    assert "oplysninger" in out
    assert "henvisninger hertil" in out
    assert "Partnerskab med VIA University College" in out  # links in: the partnership
    assert "kilde: Notat: Oversigt over formelle" in out  # the memo


def test_describe_json_by_label_lists_incoming_outgoing_and_the_memo_as_source(
    kg: PartnerGraph,
) -> None:
    d = json.loads(run("describe", "VIA University College", "-f", "json", "--lang", "en").stdout)
    assert d["iri"] == str(VIA)
    assert d["label"] == "VIA University College"
    assert "org:Organization" in d["types"]
    # the memo names VIA; its CVR number comes from the register
    register = PGID["dataset-register"]
    assert d["sources"] == sorted([kg.label(MEMO, "en"), kg.label(register, "en")])
    facts = ["Facts from the memo"]  # which source says so: the memo graph
    assert {
        "property": "dcterms:source",
        "value": kg.label(MEMO, "en"),
        "iri": str(MEMO),
        "said_by": facts,
    } in d["outgoing"]
    assert {
        "property": "org:hasMember",
        "from": "Partnership with VIA University College",
        "iri": str(PGID["partnership-via"]),
        "said_by": facts,
    } in d["incoming"]
    assert len(d["incoming"]) == len(set(kg.dataset.subject_predicates(VIA)))
    literal_links = [link for link in d["outgoing"] if link["property"] == "skos:prefLabel"]
    assert literal_links
    assert all(link["iri"] is None for link in literal_links)  # a literal has no IRI


# --- stats -----------------------------------------------------------------------------------


def test_stats_json_counts_every_triple_of_the_loaded_dataset(kg: PartnerGraph) -> None:
    s = json.loads(run("stats", "-f", "json").stdout)
    assert s["triples"] == len(kg.dataset) > 0
    assert sum(s["graphs"].values()) == s["triples"]
    assert s["graphs"][SDG_GRAPH] == len(kg.dataset.graph(URIRef(SDG_GRAPH)))
    classes = {c["class"]: c["entities"] for c in s["classes"]}
    assert classes[str(PG.Partnership)] == len(set(kg.dataset.subjects(RDF.type, PG.Partnership)))


def test_stats_table_states_the_triple_count(kg: PartnerGraph) -> None:
    out = run("stats").stdout
    assert f"{len(kg.dataset)} tripler i" in out
    assert "ting pr. klasse" in out
    assert "partnerskaber pr. type" in out


# --- --data ----------------------------------------------------------------------------------


def test_data_file_is_loaded_instead_of_the_bundled_data() -> None:
    query = "SELECT ?p WHERE { ?p a pg:Partnership }"
    out = run("--data", TINY_FILE, "query", "--sparql", query, "-f", "csv").stdout
    assert _csv(out) == [["p"], [str(PGID["tiny-partnership"])]]


def test_data_file_still_comes_with_the_ontology() -> None:
    query = "SELECT ?o WHERE { ?o a owl:Ontology }"
    out = run("--data", TINY_FILE, "query", "--sparql", query, "-f", "csv").stdout
    assert _csv(out) == [["o"], ["https://w3id.org/partnergraph/ontology"]]


def test_data_folder_loads_every_rdf_file_in_it() -> None:
    s = json.loads(run("--data", TINY, "stats", "-f", "json").stdout)
    graphs = set(s["graphs"])
    base = "https://w3id.org/partnergraph/graph/"
    assert {base + "tiny-partnership", base + "tiny-members"} <= graphs
    assert base + "partnergraph" in graphs  # the ontology
    assert base + "norddjurs" not in graphs  # not the bundled data
    tiny = ("-p", "partnership=Tiny test partnership", "-l", "en", "-f", "csv")
    out = run("--data", TINY, "query", "--file", MEMBERS_QUERY, *tiny).stdout
    assert _csv(out)[1:] == [
        [str(PGID["tiny-college"]), "Tiny College"],
        [str(PGID["tiny-town"]), "Tinytown Municipality"],
    ]


def test_data_option_is_repeatable() -> None:
    members = TINY / "tiny-members.nt"
    out = run("--data", TINY_FILE, "--data", members, "describe", "Tiny College", "-f", "json")
    d = json.loads(out.stdout)
    assert d["iri"] == str(PGID["tiny-college"])
    assert [link["iri"] for link in d["incoming"]] == [str(PGID["tiny-partnership"])]


# --- validate --------------------------------------------------------------------------------

needs_shapes = pytest.mark.skipif(SHAPES_MISSING, reason="ontology/shapes.ttl not written yet")


@needs_shapes
def test_validate_passes_on_the_bundled_data() -> None:
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "overholder reglerne" in result.stdout


@needs_shapes
def test_validate_reports_an_agreement_with_one_party_and_exits_1() -> None:
    result = invoke("--data", VIOLATION, "validate", "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    agreement = PGID["agreement-one-party"]
    assert f"Agreement with only one party <{agreement}>" in result.stdout
    assert "Violation [party]:" in result.stdout
    assert "problem" in result.stderr

    report = json.loads(invoke("--data", VIOLATION, "validate", "-f", "json", "-l", "en").stdout)
    assert report["conforms"] is False
    assert any(
        issue["focus"] == str(agreement) and issue["path"] == "party" for issue in report["issues"]
    )


@pytest.mark.parametrize("as_given", [str, Path])
def test_load_takes_one_file_or_folder_given_on_its_own(
    as_given: type, tmp_path: Path, kg: PartnerGraph
) -> None:
    """A lone path is one path, not a sequence of one-letter paths (which would read '/')."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "tiny.ttl").write_text(
        "<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n",
        encoding="utf-8",
    )
    alone = partnergraph.load(as_given(folder), store="memory")
    listed = partnergraph.load([folder], store="memory")
    assert len(alone) == len(listed) < len(kg)
