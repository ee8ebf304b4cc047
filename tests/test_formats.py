"""Output formats: every format is faithful to the data, safe to open, and parses back."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.query import Result
from rdflib.term import Node, Variable
from rich.console import Console
from rich.text import Text

from partnergraph.core import resources as _resources
from partnergraph.io.formats import GRAPH_FORMATS, RESULTS_FORMATS, graph_format, results_format
from partnergraph.io.jsonld import context_path
from partnergraph.io.results import AskResult, GraphResult, SelectResult
from partnergraph.io.serialize import serialize_graph
from partnergraph.io.tables import render_ask, render_select, select_table
from partnergraph.rdf.namespaces import PG, PGID, PREFIXES

REPO = Path(__file__).absolute().parents[1]

ORG = PGID["org-norddjurs"]
PARTNERSHIP = PGID["partnership-via"]
BLANK = BNode("contact1")
MARKUP = "[bold red]pwned[/bold red] [link=https://evil.example]x[/link]"

FORMULA_VALUES = ['=HYPERLINK("https://evil.example","click")', "@SUM(A1:A9)", "+1", "-1"]

VARIABLES = ["s", "label", "value"]
ROWS: list[tuple[Node | None, ...]] = [
    (PARTNERSHIP, Literal("Partnerskab om VIA", lang="da"), Literal(3)),
    (ORG, Literal("Norddjurs | Kommune"), Literal("2024-01-31", datatype=XSD.date)),
    (BLANK, Literal("line one\nline two"), None),
    (None, Literal("tab\there"), Literal("1.50", datatype=XSD.decimal)),
    (URIRef("https://example.org/a/b#c"), Literal(MARKUP), Literal("Århus ✓")),
    *((PG["formula"], Literal(v), Literal(v)) for v in FORMULA_VALUES),
    (PG["tabstart"], Literal("\tindented"), Literal("\r\nstarts with CR")),
]
RESULT = SelectResult(VARIABLES, ROWS)


def _plain(cell: Node | None) -> str:
    if cell is None:
        return ""
    if isinstance(cell, BNode):
        return f"_:{cell}"
    return str(cell)


def _neutralised(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# --- registry -------------------------------------------------------------------------------


def test_registry_offers_the_promised_formats_with_their_media_types() -> None:
    assert RESULTS_FORMATS == ("table", "csv", "tsv", "json", "md", "xlsx", "csv-excel")
    assert GRAPH_FORMATS == ("ttl", "nt", "jsonld", "xml", "trig")
    media = {name: graph_format(name).media_type for name in GRAPH_FORMATS}
    assert media == {
        "ttl": "text/turtle",
        "nt": "application/n-triples",
        "jsonld": "application/ld+json",
        "xml": "application/rdf+xml",
        "trig": "application/trig",
    }
    assert results_format("json").media_type == "application/sparql-results+json"
    assert results_format("csv").media_type == "text/csv"
    assert all(results_format(n).kind == "results" for n in RESULTS_FORMATS)
    assert all(graph_format(n).kind == "graph" for n in GRAPH_FORMATS)
    assert all(graph_format(n).serializer for n in GRAPH_FORMATS)


def test_format_entries_are_immutable() -> None:
    with pytest.raises(FrozenInstanceError):
        graph_format("ttl").name = "turtle"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("call", "valid"),
    [
        (lambda: results_format("docx"), RESULTS_FORMATS),
        (lambda: graph_format("n3"), GRAPH_FORMATS),
        (lambda: graph_format("csv"), GRAPH_FORMATS),
        (lambda: render_select(RESULT, "html"), RESULTS_FORMATS),
        (lambda: render_ask(AskResult(True), "ttl"), RESULTS_FORMATS),
        (lambda: serialize_graph(Graph(), "json"), GRAPH_FORMATS),
    ],
)
def test_unknown_format_names_raise_value_error_listing_valid_ones(
    call: Any, valid: tuple[str, ...]
) -> None:
    with pytest.raises(ValueError) as excinfo:
        call()
    message = str(excinfo.value)
    assert "\n" not in message
    for name in valid:
        assert name in message


def test_render_select_points_table_users_to_select_table() -> None:
    with pytest.raises(ValueError, match="select_table"):
        render_select(RESULT, "table")


# --- CSV and TSV ----------------------------------------------------------------------------


def test_csv_parses_back_to_the_plain_values() -> None:
    rows = list(csv.reader(io.StringIO(render_select(RESULT, "csv"), newline="")))
    assert rows[0] == VARIABLES
    assert rows[1:] == [[_neutralised(_plain(c)) for c in row] for row in ROWS]


def test_csv_uses_full_iris_lexical_forms_bnode_ids_and_empty_unbound_cells() -> None:
    rows = list(csv.reader(io.StringIO(render_select(RESULT, "csv"), newline="")))
    assert rows[1] == [str(PARTNERSHIP), "Partnerskab om VIA", "3"]
    assert rows[2][2] == "2024-01-31"
    assert rows[3] == ["_:contact1", "line one\nline two", ""]
    assert rows[4][0] == ""


def test_csv_rows_end_with_crlf_as_rfc_4180_requires() -> None:
    text = render_select(SelectResult(["x"], [(Literal("a"),)]), "csv")
    assert text == '"x"\r\n"a"\r\n'


def test_csv_neutralises_formula_cells() -> None:
    rows = list(csv.reader(io.StringIO(render_select(RESULT, "csv"), newline="")))
    cells = {cell for row in rows for cell in row}
    for value in FORMULA_VALUES:
        assert "'" + value in cells
        assert value not in cells
    assert "'\tindented" in cells
    assert "'\r\nstarts with CR" in cells
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells)


def test_tsv_has_one_line_per_row_with_plain_values() -> None:
    lines = render_select(RESULT, "tsv").split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == 1 + len(ROWS)
    assert all(line.count("\t") == len(VARIABLES) - 1 for line in lines)
    table = [line.split("\t") for line in lines]
    assert table[0] == VARIABLES
    assert table[1] == [str(PARTNERSHIP), "Partnerskab om VIA", "3"]
    assert table[3] == ["_:contact1", "line one line two", ""]
    assert table[4][1] == "tab here"


def test_tsv_neutralises_formula_cells() -> None:
    cells = {c for line in render_select(RESULT, "tsv").splitlines() for c in line.split("\t")}
    for value in FORMULA_VALUES:
        assert "'" + value in cells
    assert "' indented" in cells
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)


# --- SPARQL JSON ----------------------------------------------------------------------------


def test_json_follows_the_sparql_results_json_spec() -> None:
    document = json.loads(render_select(RESULT, "json"))
    assert set(document) == {"head", "results"}
    assert document["head"] == {"vars": VARIABLES}
    bindings = document["results"]["bindings"]
    assert len(bindings) == len(ROWS)
    for binding in bindings:
        assert set(binding) <= set(VARIABLES)
        for term in binding.values():
            assert term["type"] in {"uri", "literal", "bnode"}
            assert isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "xml:lang", "datatype"}
            assert not ("xml:lang" in term and "datatype" in term)
            if term["type"] != "literal":
                assert set(term) == {"type", "value"}
    first, second, third, fourth = bindings[:4]
    assert first["s"] == {"type": "uri", "value": str(PARTNERSHIP)}
    assert first["label"] == {
        "type": "literal",
        "value": "Partnerskab om VIA",
        "xml:lang": "da",
    }
    assert first["value"] == {"type": "literal", "value": "3", "datatype": str(XSD.integer)}
    assert second["label"] == {"type": "literal", "value": "Norddjurs | Kommune"}
    assert third["s"] == {"type": "bnode", "value": "contact1"}
    assert "value" not in third  # unbound variables are left out of the binding
    assert "s" not in fourth


def test_json_round_trips_through_rdflib_result_parser() -> None:
    parsed = Result.parse(io.StringIO(render_select(RESULT, "json")), format="json")
    assert parsed.type == "SELECT"
    assert [str(v) for v in parsed.vars or []] == VARIABLES
    back = [tuple(b.get(Variable(v)) for v in VARIABLES) for b in parsed.bindings]
    assert back == ROWS


def test_json_keeps_non_ascii_text_readable() -> None:
    text = render_select(RESULT, "json")
    assert "Århus ✓" in text
    assert text.startswith('{\n  "head"')


# --- Markdown -------------------------------------------------------------------------------


def _md_cells(line: str) -> list[str]:
    """Split a GFM table row on the pipes that are not backslash-escaped."""
    assert line.startswith("| ") and line.endswith(" |"), line
    cells: list[str] = []
    current = ""
    escaped = False
    for ch in line[1:-1]:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\":
            current += ch
            escaped = True
        elif ch == "|":
            cells.append(current)
            current = ""
        else:
            current += ch
    cells.append(current)
    return [c.strip() for c in cells]


def test_md_has_one_cell_per_variable_on_every_line() -> None:
    lines = render_select(RESULT, "md").splitlines()
    assert len(lines) == 2 + len(ROWS)
    assert all(len(_md_cells(line)) == len(VARIABLES) for line in lines)
    assert _md_cells(lines[1]) == ["---"] * len(VARIABLES)


def test_md_shows_compact_iris_and_escapes_pipes_and_newlines() -> None:
    lines = render_select(RESULT, "md").splitlines()
    assert _md_cells(lines[0]) == VARIABLES
    assert _md_cells(lines[2]) == ["pgid:partnership-via", "Partnerskab om VIA", "3"]
    assert _md_cells(lines[3])[1] == "Norddjurs \\| Kommune"
    assert _md_cells(lines[4]) == ["_:contact1", "line one<br>line two", ""]
    assert _md_cells(lines[6])[0] == "https://example.org/a/b#c"


def test_md_keeps_backslashes_from_swallowing_the_cell_separator() -> None:
    text = render_select(SelectResult(["a", "b"], [(Literal("ends\\"), Literal("x"))]), "md")
    row = text.splitlines()[2]
    assert _md_cells(row) == ["ends\\\\", "x"]


def test_md_of_an_empty_result_is_header_and_separator_only() -> None:
    assert render_select(SelectResult(["s", "o"]), "md") == "| s | o |\n| --- | --- |\n"


# --- terminal table -------------------------------------------------------------------------


def _rendered(renderable: Any, width: int = 200) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    return buffer.getvalue()


def test_select_table_shows_rich_markup_in_data_literally() -> None:
    table = select_table(RESULT, title="[blink]title[/blink]")
    assert [c.header for c in table.columns] == [Text(v) for v in VARIABLES]
    for column in table.columns:
        assert all(isinstance(cell, Text) for cell in column.cells)
    output = _rendered(table)
    assert MARKUP in output
    assert "[blink]title[/blink]" in output
    assert "pgid:partnership-via" in output


def test_select_table_wraps_long_values_instead_of_dropping_them() -> None:
    long_label = "word " * 60
    table = select_table(SelectResult(["label"], [(Literal(long_label),)]))
    output = _rendered(table, width=40)
    assert max(len(line) for line in output.splitlines()) <= 40
    assert output.count("word") == 60


def test_select_table_does_not_pass_terminal_escapes_through() -> None:
    table = select_table(SelectResult(["x"], [(Literal("\x1b[2Jcleared"),)]))
    output = _rendered(table)
    assert "\x1b" not in output
    assert "\\x1b[2Jcleared" in output


# --- ASK ------------------------------------------------------------------------------------


def test_ask_json_follows_the_spec() -> None:
    assert json.loads(render_ask(AskResult(True), "json")) == {"head": {}, "boolean": True}
    parsed = Result.parse(io.StringIO(render_ask(AskResult(False), "json")), format="json")
    assert parsed.type == "ASK"
    assert parsed.askAnswer is False


@pytest.mark.parametrize("fmt", ["csv", "tsv", "md", "table"])
def test_ask_in_text_formats_is_true_or_false(fmt: str) -> None:
    assert render_ask(AskResult(True), fmt).strip() == "true"
    assert render_ask(AskResult(False), fmt).strip() == "false"


# --- graphs ---------------------------------------------------------------------------------


def _sample_graph() -> Graph:
    g = Graph()
    g.add((PARTNERSHIP, RDF.type, PG.Partnership))
    g.add((PARTNERSHIP, RDFS.label, Literal("Partnerskab om VIA", lang="da")))
    g.add((PARTNERSHIP, RDFS.label, Literal("VIA partnership", lang="en-GB")))
    g.add((PARTNERSHIP, SKOS.note, Literal('quotes " and \\ and\nnewline\r\nCRLF | pipe  ')))
    g.add((PARTNERSHIP, PG.startDate, Literal("2024-01-31", datatype=XSD.date)))
    g.add((PARTNERSHIP, PG.budget, Literal("1500000.50", datatype=XSD.decimal)))
    g.add((PARTNERSHIP, PG.share, Literal("0.123456789", datatype=XSD.double)))
    g.add((PARTNERSHIP, PG.latitude, Literal(56.4567891234)))
    g.add((PARTNERSHIP, PG.small, Literal("1.5E-7", datatype=XSD.double)))
    g.add((PARTNERSHIP, PG.active, Literal(True)))
    g.add((PARTNERSHIP, PG.members, Literal(12)))
    g.add((PARTNERSHIP, PG.code, Literal("x", datatype=XSD.string)))
    g.add((PARTNERSHIP, PG.partner, ORG))
    g.add((ORG, RDFS.label, Literal("Norddjurs Kommune", lang="da")))
    g.add((ORG, RDFS.comment, Literal("Århus-nær ✓")))
    contact = BNode()
    g.add((ORG, PG.contact, contact))
    g.add((contact, RDFS.label, Literal(MARKUP)))
    # Blank nodes referring only to each other: easy for a serializer to lose.
    a, b = BNode(), BNode()
    g.add((a, RDFS.seeAlso, b))
    g.add((b, RDFS.seeAlso, a))
    themes = BNode()
    Collection(g, themes, [PGID["theme-climate"], Literal("education", lang="en")])
    g.add((PARTNERSHIP, PG.themes, themes))
    g.add((URIRef("https://example.org/unbound/prefix/x"), RDF.type, PG.Organisation))
    return g


def _sample_dataset() -> Dataset:
    ds = Dataset()
    shared = BNode()
    g1 = ds.graph(PGID["graph-2023"])
    g1.add((PARTNERSHIP, RDFS.label, Literal("2023", lang="da")))
    g1.add((PARTNERSHIP, PG.contact, shared))
    g2 = ds.graph(PGID["graph-2024"])
    g2.add((ORG, PG.contact, shared))
    g2.add((ORG, RDFS.label, Literal("Norddjurs", lang="da")))
    ds.default_graph.add((ORG, RDF.type, PG.Organisation))
    return ds


def _union(graph: Graph) -> Graph:
    if not isinstance(graph, Dataset):
        return graph
    union = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _parse(text: str, fmt: str) -> Graph:
    rdflib_name = graph_format(fmt).serializer
    assert rdflib_name is not None
    if fmt == "trig":
        return Dataset().parse(data=text, format="trig")
    return Graph().parse(data=text, format=rdflib_name)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_every_graph_format_parses_back_isomorphic(fmt: str) -> None:
    original = _sample_graph()
    back = _parse(serialize_graph(original, fmt), fmt)
    assert isomorphic(_union(back), original)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_graph_result_serialises_like_its_graph(fmt: str) -> None:
    result = GraphResult(_sample_graph())
    back = _parse(serialize_graph(result.graph, fmt), fmt)
    assert isomorphic(_union(back), result.graph)


@pytest.mark.parametrize("fmt", [f for f in GRAPH_FORMATS if f != "trig"])
def test_dataset_exports_the_union_of_its_graphs(fmt: str) -> None:
    ds = _sample_dataset()
    back = _parse(serialize_graph(ds, fmt), fmt)
    assert isomorphic(back, _union(ds))
    assert len(back) == 5


def test_trig_keeps_named_graphs_and_the_default_graph() -> None:
    ds = _sample_dataset()
    back = Dataset().parse(data=serialize_graph(ds, "trig"), format="trig")
    for name in (PGID["graph-2023"], PGID["graph-2024"]):
        assert isomorphic(back.graph(name), ds.graph(name))
    assert isomorphic(back.default_graph, ds.default_graph)
    # The blank node shared by both named graphs stays one node.
    assert isomorphic(_union(back), _union(ds))


def test_trig_writes_a_plain_graph_as_the_default_graph() -> None:
    text = serialize_graph(_sample_graph(), "trig")
    back = Dataset().parse(data=text, format="trig")
    named = [g for g in back.graphs() if len(g)]
    assert [g.identifier for g in named] == [back.default_graph.identifier]


def test_exports_use_the_stable_prefixes_without_touching_the_callers_graph() -> None:
    g = _sample_graph()
    g.bind("org", "https://example.org/not-w3c-org#", override=True, replace=True)
    g.bind("thing", str(PGID), override=True, replace=True)
    before = sorted(g.namespaces())
    ttl = serialize_graph(g, "ttl")
    assert f"@prefix pgid: <{PREFIXES['pgid']}> ." in ttl
    assert f"@prefix pg: <{PREFIXES['pg']}> ." in ttl
    assert "thing:" not in ttl
    assert "pgid:partnership-via" in ttl
    assert f'xmlns:pg="{PREFIXES["pg"]}"' in serialize_graph(g, "xml")
    assert "pgid:partnership-via" in serialize_graph(g, "trig")
    assert sorted(g.namespaces()) == before


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_keeps_full_double_precision(fmt: str) -> None:
    g = Graph()
    g.add((ORG, PG.latitude, Literal(56.4567891234)))
    g.add((ORG, PG.ratio, Literal("0.123456789", datatype=XSD.double)))
    text = serialize_graph(g, fmt)
    assert "56.4567891234" in text
    assert "0.123456789" in text
    assert isomorphic(_union(_parse(text, fmt)), g)


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_never_changes_a_literals_datatype(fmt: str) -> None:
    odd = {
        PG.flag: Literal("1", datatype=XSD.boolean, normalize=False),
        PG.answer: Literal("yes", datatype=XSD.boolean, normalize=False),
        PG.amount: Literal("1e3", datatype=XSD.decimal, normalize=False),
        PG.tally: Literal("+5", datatype=XSD.integer, normalize=False),
        PG.members: Literal(12),
        PG.active: Literal(True),
    }
    g = Graph()
    for p, o in odd.items():
        g.add((ORG, p, o))
    text = serialize_graph(g, fmt)
    assert '"1"^^xsd:boolean' in text
    assert '"yes"^^xsd:boolean' in text
    assert '"1e3"^^xsd:decimal' in text
    assert " 12 " in text or " 12\n" in text
    back = _union(_parse(text, fmt))
    for p, o in odd.items():
        value = back.value(ORG, p)
        assert isinstance(value, Literal)
        assert value.datatype == o.datatype, p


def test_xml_refuses_characters_xml_cannot_carry() -> None:
    g = Graph()
    g.add((ORG, RDFS.label, Literal("bell \x07 here")))
    with pytest.raises(ValueError, match="RDF/XML cannot contain"):
        serialize_graph(g, "xml")
    assert isomorphic(_parse(serialize_graph(g, "ttl"), "ttl"), g)


def test_nt_lines_are_sorted_for_stable_diffs() -> None:
    lines = serialize_graph(_sample_graph(), "nt").splitlines()
    assert lines == sorted(lines)


# --- JSON-LD --------------------------------------------------------------------------------


def _no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"JSON-LD processing tried to fetch {url}")


def _rdf11(graph: Graph) -> Graph:
    """Compare as RDF 1.1 does: "x"^^xsd:string is "x", language tags ignore case.

    rdflib keeps both distinctions, and pyld lower-cases language tags.
    """
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        elif isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


def test_jsonld_embeds_the_published_context_inline() -> None:
    document = json.loads(serialize_graph(_sample_graph(), "jsonld"))
    published = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == published
    ids = {node["@id"] for node in document["@graph"]}
    assert "pgid:partnership-via" in ids
    assert "https://example.org/unbound/prefix/x" in ids
    by_id = {node["@id"]: node for node in document["@graph"]}
    assert by_id["pgid:partnership-via"]["@type"] == "pg:Partnership"
    assert by_id["pgid:partnership-via"]["pg:partner"] == {"@id": "pgid:org-norddjurs"}


def test_jsonld_keeps_lexical_forms_and_explicit_datatypes() -> None:
    document = json.loads(serialize_graph(_sample_graph(), "jsonld"))
    node = {n["@id"]: n for n in document["@graph"]}["pgid:partnership-via"]
    assert node["pg:share"] == {"@value": "0.123456789", "@type": "xsd:double"}
    assert node["pg:members"] == {"@value": "12", "@type": "xsd:integer"}
    assert node["pg:code"] == {"@value": "x", "@type": "xsd:string"}


def test_jsonld_parses_through_pyld_without_network_access() -> None:
    original = _sample_graph()
    document = json.loads(serialize_graph(original, "jsonld"))
    nquads = jsonld.to_rdf(
        document, {"format": "application/n-quads", "documentLoader": _no_network}
    )
    assert isinstance(nquads, str)
    back = Dataset().parse(data=nquads, format="nquads")
    assert isomorphic(_rdf11(_union(back)), _rdf11(original))


def test_context_file_prefixes_equal_namespaces_prefixes() -> None:
    document = json.loads((REPO / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert set(document) == {"@context"}
    assert document["@context"] == PREFIXES
    assert list(document["@context"]) == list(PREFIXES)


def test_context_path_finds_the_repository_copy_in_a_checkout() -> None:
    assert context_path().resolve() == (REPO / "ontology" / "context.jsonld").resolve()


def test_bundled_copy_wins_over_the_repository_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "partnergraph"
    bundled = package / "_bundled" / "ontology" / "context.jsonld"
    bundled.parent.mkdir(parents=True)
    bundled.write_text('{"@context": {}}', encoding="utf-8")
    monkeypatch.setattr(_resources, "_PACKAGE_DIR", package)
    assert context_path() == bundled


def test_a_literal_is_written_with_its_tag_or_datatype_but_a_plain_string_bare() -> None:
    """push's SPARQL Update and the server's TSV results write a literal's suffix alike."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    from partnergraph.publish.sync import _term
    from partnergraph.server.resultformats import _tsv_term

    for write in (_term, _tsv_term):
        assert write(Literal("x", datatype=XSD.string)) == '"x"'
        assert write(Literal("x")) == '"x"'
        assert write(Literal("x", lang="da")) == '"x"@da'
        assert write(Literal("3", datatype=XSD.integer)) == f'"3"^^<{XSD.integer}>'
