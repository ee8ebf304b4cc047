"""The server's parts that need no running server: negotiation, parsing, formats, messages."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
from pathlib import Path

import httpx
import pytest
from rdflib import BNode, Literal, URIRef, namespace
from rdflib.query import Result
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import partnergraph
from partnergraph.core.errors import QuerySyntaxError, UnsafeQueryError
from partnergraph.core.messages import using
from partnergraph.engine.sparql import prepare
from partnergraph.io.results import AskResult, SelectResult
from partnergraph.server import ServerConfig, ServerError, create_app, serve
from partnergraph.server.conneg import Offer, negotiate, parse_accept
from partnergraph.server.description import SD, service_description
from partnergraph.server.jobs import Reply, StoreInfo
from partnergraph.server.launch import _configured
from partnergraph.server.protocol import Problem, parse_params
from partnergraph.server.resultformats import CannotRepresent, render_boolean, render_table
from partnergraph.server.updates import DatasetConflict, check_update, with_using
from partnergraph.server.worker import _guarded, _prepare, clean_message

ROOT = Path(__file__).resolve().parents[1]
JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"

# --- content negotiation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "shape", "expected"),
    [
        (None, "select", JSON),
        ("", "select", JSON),
        ("*/*", "select", JSON),
        ("*/*", "graph", "text/turtle"),
        (XML, "select", XML),
        ("text/csv;q=0.5, application/sparql-results+xml", "select", XML),
        (
            "application/sparql-results+json;q=0.2, text/tab-separated-values",
            "select",
            "text/tab-separated-values",
        ),
        ("text/*;q=0.9, application/*;q=0.1", "select", "text/csv"),
        ("text/turtle;q=0, */*;q=0.5", "graph", "application/n-triples"),
        ("application/rdf+xml, text/turtle;q=0.9", "graph", "application/rdf+xml"),
        ("application/json", "select", "application/json"),
        ("application/json", "graph", "application/json"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "select",
            "application/xml",
        ),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "graph", "text/turtle"),
        ("APPLICATION/SPARQL-RESULTS+XML", "ask", XML),
        ("application/sparql-results+json;q=oops, text/csv", "select", "text/csv"),
    ],
)
def test_negotiation_follows_q_values_and_specificity(
    accept: str | None, shape: str, expected: str
) -> None:
    offer = negotiate(accept, shape, ())  # type: ignore[arg-type]
    assert offer is not None and offer.media_type == expected


@pytest.mark.parametrize(
    ("accept", "shape"),
    [("image/png", "select"), ("text/turtle", "select"), ("text/csv", "graph"), ("*/*;q=0", "ask")],
)
def test_nothing_acceptable_is_none(accept: str, shape: str) -> None:
    assert negotiate(accept, shape, ()) is None  # type: ignore[arg-type]


def test_more_specific_range_wins_even_with_lower_q() -> None:
    # RFC 9110: text/csv;q=0 excludes CSV although text/* would take it.
    assert negotiate("text/*, text/csv;q=0", "select", ()) == Offer(
        "text/tab-separated-values", "tsv"
    )


def test_format_parameter_overrides_accept_and_unknown_values_are_ignored() -> None:
    assert negotiate(JSON, "select", ("csv",)) == Offer("text/csv", "csv")
    assert negotiate(None, "graph", ("json",)) == Offer("application/ld+json", "jsonld")
    assert negotiate(None, "graph", ("xml",)) == Offer("application/rdf+xml", "xml")
    # SPARQLWrapper sends format=tsv&format=text/tab-separated-values ...
    assert negotiate(None, "select", ("nonsense", "text/tab-separated-values")) == Offer(
        "text/tab-separated-values", "tsv"
    )
    # ... and format=json for a CONSTRUCT as well as for a SELECT
    assert negotiate(XML, "select", ("ttl",)) == Offer(XML, "xml")


def test_malformed_accept_entries_are_skipped() -> None:
    assert [r.type for r in parse_accept("nonsense, */json, text/csv;q=0.3")] == ["text"]


# --- request parameters ------------------------------------------------------------------------


def test_parameters_are_decoded_strictly() -> None:
    assert parse_params(b"query=ASK+%7B%7D&x=%C3%A6&flag") == [
        ("query", "ASK {}"),
        ("x", "æ"),
        ("flag", ""),
    ]
    with pytest.raises(Problem) as caught:
        parse_params(b"query=ASK%20%7B%FF%7D")
    assert caught.value.status == 400
    with pytest.raises(Problem):
        parse_params("query=æ".encode("latin-1"))


# --- updates -----------------------------------------------------------------------------------

MODIFY = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
# a WHERE in a comment, and one in a string:
INSERT { GRAPH <http://e/g> { ?s foaf:name "WHERE { }" } }
WHERE { ?s foaf:nick 'x' } ;
DELETE { ?s ?p ?o } INSERT { ?s ?p "x" } WHERE { ?s ?p ?o FILTER(?o < 3) } ;
INSERT DATA { <http://e/a> <http://e/where> <http://e/b> }"""


def test_using_clauses_go_before_every_modify_where() -> None:
    operations = check_update(MODIFY)
    text = with_using(MODIFY, operations, ["http://e/d"], ["http://e/n"])
    assert text.count("USING <http://e/d> USING NAMED <http://e/n>\nWHERE") == 2
    assert '"WHERE { }"' in text
    check_update(text)  # still parses
    assert with_using(MODIFY, operations, [], []) == MODIFY


@pytest.mark.parametrize(
    "update",
    [
        "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING <http://e/g> WHERE { ?s ?p ?o }",
        "DELETE WHERE { ?s ?p ?o }",
    ],
)
def test_using_parameters_conflicting_with_the_update_are_refused(update: str) -> None:
    with pytest.raises(DatasetConflict):
        with_using(update, check_update(update), ["http://e/d"], [])


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://e/g>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "CLEAR ALL ; LOAD <http://e/x>",
    ],
)
def test_updates_that_reach_outside_are_refused(update: str) -> None:
    with pytest.raises(UnsafeQueryError):
        check_update(update)


def test_malformed_update_is_a_syntax_error() -> None:
    with pytest.raises(QuerySyntaxError):
        check_update("CLEAR XYZ")


# --- result formats ----------------------------------------------------------------------------

TRICKY = SelectResult(
    ["a", "b", "c"],
    [
        (URIRef("http://e/x"), Literal('line\nbreak\ttab "quoted" back\\slash'), None),
        (BNode("b0"), Literal("hej", lang="da"), Literal("1", datatype=namespace.XSD.integer)),
        (
            Literal("plain"),
            Literal("2024-01", datatype=namespace.XSD.gYearMonth),
            URIRef("http://e/y"),
        ),
    ],
)


@pytest.mark.parametrize(
    ("media_type", "fmt", "parser"),
    [(XML, "xml", "xml"), ("text/tab-separated-values", "tsv", "tsv"), (JSON, "json", "json")],
)
def test_results_read_back_with_rdflib(media_type: str, fmt: str, parser: str) -> None:
    body = render_table(TRICKY, Offer(media_type, fmt), truncated=False, limit=10)
    parsed = Result.parse(io.BytesIO(body), format=parser)
    assert [str(v) for v in parsed.vars or []] == TRICKY.variables
    rows = [tuple(row) for row in parsed]  # type: ignore[arg-type]
    expected = [tuple(row) for row in TRICKY.rows]
    # blank node labels are the writer's to choose
    assert [r[1:] for r in rows] == [e[1:] for e in expected]
    assert rows[0][0] == expected[0][0] and isinstance(rows[1][0], BNode)


def test_truncated_json_stays_sparql_json_that_readers_accept() -> None:
    body = render_table(TRICKY, Offer(JSON, "json"), truncated=True, limit=3)
    document = json.loads(body)
    assert document["partnergraph"] == {"truncated": True, "rowLimit": 3}
    assert set(document) == {"head", "results", "partnergraph"}
    assert len(list(Result.parse(io.BytesIO(body), format="json"))) == 3


def test_truncated_xml_says_so_in_a_comment() -> None:
    body = render_table(TRICKY, Offer(XML, "xml"), truncated=True, limit=3).decode()
    assert "<!-- partnergraph: truncated at the row cap of 3 rows -->" in body
    assert len(list(Result.parse(io.StringIO(body), format="xml"))) == 3


def test_xml_refuses_characters_it_cannot_carry() -> None:
    bad = SelectResult(["a"], [(Literal("bell\x07"),)])
    with pytest.raises(CannotRepresent):
        render_table(bad, Offer(XML, "xml"), truncated=False, limit=1)


def test_ask_results() -> None:
    xml = render_boolean(AskResult(True), Offer(XML, "xml"))
    assert Result.parse(io.BytesIO(xml), format="xml").askAnswer is True
    assert json.loads(render_boolean(AskResult(False), Offer(JSON, "json"))) == {
        "head": {},
        "boolean": False,
    }


def test_service_description_lists_the_graphs() -> None:
    info = StoreInfo(("http://e/g1", "http://e/g2"), 7)
    graph = service_description("http://127.0.0.1:1/sparql", info, allow_update=False)
    assert set(graph.objects(None, SD.name)) == {URIRef("http://e/g1"), URIRef("http://e/g2")}
    assert (None, SD.endpoint, URIRef("http://127.0.0.1:1/sparql")) in graph
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) not in graph
    writable = service_description("http://x/sparql", info, allow_update=True)
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) in writable


# --- messages and errors -----------------------------------------------------------------------


def test_messages_lose_paths_and_command_line_advice() -> None:
    message = clean_message(
        "SERVICE <http://127.0.0.1:9/> is refused: queries never contact other servers "
        "(see /srv/data/secret/store.db and "
        "/work/main/.venv/lib/python3.11/site-packages/rdflib/x.py)",
        ["/srv/data"],
    )
    assert "/srv" not in message and "site-packages" not in message and "/work" not in message
    assert "<http://127.0.0.1:9/>" in message


@pytest.mark.parametrize(
    ("text", "lang", "cli_advice", "server_says"),
    [
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
            "en",
            "; pass --allow-remote to permit it",
            "SERVICE <http://127.0.0.1:9/> is refused: queries never contact other servers\n",
        ),
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
            "da",
            "; angiv --allow-remote for at tillade det",
            "SERVICE <http://127.0.0.1:9/> afvises: forespørgsler kontakter aldrig andre servere\n",
        ),
        (
            "INSERT DATA { <a:b> <a:c> <a:d> }",
            "en",
            "; edit the data files instead",
            "updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: 'query' only reads\n",
        ),
    ],
)
def test_the_server_and_the_cli_each_word_the_advice_of_a_library_error(
    text: str, lang: str, cli_advice: str, server_says: str
) -> None:
    def refused() -> Reply:
        prepare(text)
        raise AssertionError("not refused")

    with using(lang):
        reply = _guarded(refused, [])
        with pytest.raises(UnsafeQueryError) as raised:
            prepare(text)
    error = raised.value
    assert reply.status == 400 and reply.body.decode() == server_says
    assert "--" not in str(error)  # the library's own message names no option
    with using(lang):
        assert str(error.advise("cli")) == server_says.rstrip() + cli_advice


def test_unexpected_worker_errors_become_a_plain_500(capsys: pytest.CaptureFixture[str]) -> None:
    def explode() -> Reply:
        raise RuntimeError("boom in /opt/secret/file.py")

    reply = _guarded(explode, [])
    assert reply.status == 500
    assert b"boom" not in reply.body and b"secret" not in reply.body
    assert "Traceback" in capsys.readouterr().err  # logged on the server only


def test_app_errors_are_plain_500s_with_security_headers() -> None:
    async def broken(request: Request) -> Response:
        raise RuntimeError("secret detail in /etc/partnergraph")

    app = create_app(ServerConfig(extra_routes=[Route("/broken", broken)]))

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/broken")

    response = asyncio.run(fetch())
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]


# --- configuration -----------------------------------------------------------------------------


def test_defaults_are_safe() -> None:
    config = ServerConfig()
    assert (config.query_timeout, config.row_cap, config.max_query_bytes) == (10.0, 10_000, 102_400)
    assert config.allow_update is False and config.cors_origin is None
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_updates_need_a_token_and_the_in_memory_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNERGRAPH_UPDATE_TOKEN", raising=False)
    with pytest.raises(ServerError, match="PARTNERGRAPH_UPDATE_TOKEN"):
        ServerConfig(allow_update=True).check()
    monkeypatch.setenv("PARTNERGRAPH_UPDATE_TOKEN", "t")
    ServerConfig(allow_update=True).check()
    with pytest.raises(ServerError) as refused:
        ServerConfig(allow_update=True, store="memory").check()
    assert "in-memory Oxigraph" in refused.value.render("en")
    assert "hukommelsen" in refused.value.render("da")
    with pytest.raises(ServerError):
        ServerConfig(query_timeout=0).check()


def test_serving_a_loaded_graph_copies_its_data(tmp_path: Path) -> None:
    tiny = ROOT / "tests" / "fixtures" / "cli" / "tiny"
    for store in ("oxigraph", "memory"):
        kg = partnergraph.load([tiny], store=store)
        with _configured(kg, {"row_cap": 5}) as config:
            assert (config.row_cap, config.store) == (5, store)
            assert config.data is not None
            assert len(partnergraph.load(config.data)) == len(kg)
    on_disk = partnergraph.load([tiny], store=f"oxigraph:{tmp_path / 'store'}")
    with pytest.raises(ServerError, match="ServerConfig"), _configured(on_disk, {}):
        pass


def test_pages_can_call_the_graph_through_the_pool() -> None:
    from partnergraph.server import CallError, ServerState, make_pool

    async def describe(request: Request) -> Response:
        state: ServerState = request.app.state.partnergraph
        try:
            found = await state.call("describe", request.query_params["thing"], lang="en")
        except CallError as exc:
            return Response(exc.message, status_code=exc.status)
        return Response(str(found.iri))

    async def forbidden(request: Request) -> Response:
        try:
            await request.app.state.partnergraph.call("export", "ttl")
        except CallError as exc:
            return Response(exc.message, status_code=exc.status)
        return Response("exported")

    config = ServerConfig(
        extra_routes=[Route("/id", describe), Route("/export", forbidden)],
        workers=1,
        spare_workers=0,
    )
    pool = make_pool(config)
    pool.start()
    try:
        app = create_app(config, pool=pool)

        async def fetch() -> list[httpx.Response]:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return [
                    await client.get("/id", params={"thing": "Norddjurs Kommune"}),
                    await client.get("/id", params={"thing": "no such thing at all"}),
                    await client.get("/export"),
                ]

        found, missing, refused = asyncio.run(fetch())
    finally:
        pool.close()
    assert (found.status_code, found.text) == (
        200,
        "https://w3id.org/partnergraph/id/norddjurs-kommune",
    )
    assert missing.status_code == 404
    assert refused.status_code == 400 and "export" in refused.text


@pytest.mark.parametrize(("lang", "where"), [("da", "linje 2, kolonne"), ("en", "line 2, column")])
def test_a_syntax_error_names_the_line_of_the_query_as_sent_in_either_language(
    lang: str, where: str
) -> None:
    """The server puts a BASE line before the query; the error must not count it."""
    with using(lang), pytest.raises(QuerySyntaxError) as raised:
        _prepare("SELECT *\nWHERE { ?s ?p }", "http://127.0.0.1/sparql", set())
    assert raised.value.line == 2
    assert where in str(raised.value)
