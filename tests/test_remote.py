"""The SPARQL client and publishing, against a fake endpoint on 127.0.0.1 (fast, no servers).

Answers are parsed into the same rdflib terms the embedded stores give; every failure is one
line naming the URL and HTTP status and never a credential; requests go to the URL given and
nowhere else (no redirects, no proxies from the environment).
"""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef, namespace
from rdflib.compare import isomorphic

import partnergraph
from partnergraph.core.errors import ParameterError, QueryError
from partnergraph.engine.connection import RemoteError
from partnergraph.engine.remote import SparqlStore
from partnergraph.engine.sparql_text import query_form
from partnergraph.io.results import AskResult, GraphResult, SelectResult
from partnergraph.publish.sync import DEFAULT_GRAPH, GENID, deskolemized, pull, push, skolemized
from servers import FakeEndpoint, Recorded, Reply, free_port, json_reply

G = "https://example.org/graph/g"
SECRET = "s3cret-Pa55word"


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither the developer's environment nor their ~/.netrc may leak into these tests."""
    for name in ("PARTNERGRAPH_USER", "PARTNERGRAPH_PASSWORD", "PARTNERGRAPH_AUTH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def _one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text
    return text


SELECT_JSON = json.dumps(
    {
        "head": {"vars": ["iri", "label", "n", "legacy", "plain", "typed", "b1", "b2", "none"]},
        "results": {
            "bindings": [
                {
                    "iri": {"type": "uri", "value": "https://w3id.org/partnergraph/id/x"},
                    "label": {"type": "literal", "value": "Aarhus Universitet", "xml:lang": "da"},
                    "n": {"type": "literal", "value": "2", "datatype": str(namespace.XSD.integer)},
                    "legacy": {
                        "type": "typed-literal",
                        "value": "2018",
                        "datatype": str(namespace.XSD.gYear),
                    },
                    "plain": {
                        "type": "literal",
                        "value": "x",
                        "datatype": str(namespace.XSD.string),
                    },
                    "typed": {
                        "type": "literal",
                        "value": "1.5",
                        "datatype": str(namespace.XSD.decimal),
                    },
                    "b1": {"type": "bnode", "value": "nodeID://b10020"},
                    "b2": {"type": "bnode", "value": "r1"},
                },
                {
                    "iri": {"type": "uri", "value": "https://w3id.org/partnergraph/id/y"},
                    "b1": {"type": "bnode", "value": "nodeID://b10020"},
                },
            ]
        },
    }
)


def test_json_results_become_the_rdflib_terms_of_the_embedded_stores() -> None:
    with FakeEndpoint(lambda r: json_reply(SELECT_JSON)) as fake:
        result = SparqlStore(f"{fake.base}/sparql").run("SELECT * WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult)
    assert result.variables[:3] == ["iri", "label", "n"]
    first, second = result.rows
    assert first[:6] == (
        URIRef("https://w3id.org/partnergraph/id/x"),
        Literal("Aarhus Universitet", lang="da"),
        Literal("2", datatype=namespace.XSD.integer),
        Literal("2018", datatype=namespace.XSD.gYear),  # Virtuoso's SPARQL 1.0 "typed-literal"
        Literal("x"),  # xsd:string is the plain literal, as the embedded stores give it
        Literal("1.5", datatype=namespace.XSD.decimal),
    )
    assert first[8] is None  # unbound
    assert second[1:6] == (None,) * 5 and second[7] is None
    assert second[6] == first[6]  # the same server label is the same blank node
    assert isinstance(first[6], BNode) and isinstance(first[7], BNode)
    assert first[7] == BNode("r1")
    # Virtuoso's "nodeID://b10020" is no valid blank node label: it is renamed, stably.
    assert ":" not in str(first[6]) and "/" not in str(first[6])


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ('{"head": {}, "boolean": true}', True),
        ('{"head": {}, "boolean": false}', False),
        # Virtuoso answers ASK as a one-column SELECT: one row "1" when true, none when false.
        (
            '{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [{"__ASK_RETVAL": '
            '{"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer",'
            ' "value": "1"}}]}}',
            True,
        ),
        ('{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": []}}', False),
    ],
)
def test_ask_answers_in_both_dialects(answer: str, expected: bool) -> None:
    with FakeEndpoint(lambda r: json_reply(answer)) as fake:
        result = SparqlStore(f"{fake.base}/sparql").run("# comment\nASK { ?s ?p ?o }")
    assert result == AskResult(expected)


@pytest.mark.parametrize("media_type", ["application/n-triples", "text/turtle; charset=utf-8"])
def test_construct_answers_become_graphs(media_type: str) -> None:
    body = b'<urn:a> <urn:p> "\xc3\xa6\xc3\xb8\xc3\xa5"@da .\n_:x <urn:p> <urn:a> .\n'
    with FakeEndpoint(lambda r: (200, {"Content-Type": media_type}, body)) as fake:
        result = SparqlStore(f"{fake.base}/sparql").run("CONSTRUCT WHERE { ?s ?p ?o }")
        assert fake.requests[0].headers["accept"].startswith("application/n-triples")
    assert isinstance(result, GraphResult)
    assert (URIRef("urn:a"), URIRef("urn:p"), Literal("æøå", lang="da")) in result.graph
    assert len(result.graph) == 2


def test_every_query_carries_the_prefixes_the_parameters_and_the_dataset() -> None:
    with FakeEndpoint(lambda r: json_reply(SELECT_JSON)) as fake:
        store = SparqlStore(f"{fake.base}/sparql?default-graph-uri={G}&apikey=k")
        store.run("SELECT ?f WHERE { ?f a pg:Forum }", {"f": URIRef("urn:forum")})
    (seen,) = fake.requests
    assert (seen.method, seen.path) == ("POST", "/sparql")
    assert seen.params == {"apikey": ["k"]}  # other URL parameters stay in the URL
    assert seen.headers["accept"].startswith("application/sparql-results+json")
    query = seen.form["query"][0]
    assert query.startswith("PREFIX pg: <https://w3id.org/partnergraph/ontology#>")
    assert "VALUES (?f) { (<urn:forum>) }" in query
    # The default graph is the union of the named graphs, as in the embedded stores.
    assert seen.form["default-graph-uri"] == [G]
    assert seen.form["named-graph-uri"] == [G]


def test_named_graphs_given_in_the_url_are_sent_as_given() -> None:
    other = "https://example.org/graph/other"
    with FakeEndpoint(lambda r: json_reply(SELECT_JSON)) as fake:
        store = SparqlStore(f"{fake.base}/sparql?default-graph-uri={G}&named-graph-uri={other}")
        store.run("SELECT * WHERE { ?s ?p ?o }")
        plain = SparqlStore(f"{fake.base}/sparql")
        plain.run("SELECT * WHERE { ?s ?p ?o }")
    assert fake.requests[0].form["named-graph-uri"] == [other]
    assert "default-graph-uri" not in fake.requests[1].form
    assert "named-graph-uri" not in fake.requests[1].form


def test_a_server_that_refuses_form_posts_gets_direct_posts_or_get() -> None:
    def respond(seen: Recorded) -> Reply:
        if seen.method == "POST" and seen.form:
            return 415, {}, b"form posts unsupported"
        if seen.method == "POST":
            return 405, {}, b"no POST here"
        return json_reply('{"head": {}, "boolean": true}')

    with FakeEndpoint(respond) as fake:
        store = SparqlStore(f"{fake.base}/sparql?default-graph-uri={G}")
        assert store.run("ASK {}") == AskResult(True)
        assert store.run("ASK {}") == AskResult(True)
    methods = [(r.method, r.headers.get("content-type", "")) for r in fake.requests]
    assert methods[:3] == [
        ("POST", "application/x-www-form-urlencoded"),
        ("POST", "application/sparql-query; charset=utf-8"),
        ("GET", ""),
    ]
    assert methods[3] == ("GET", "")  # remembered: no more refused attempts
    assert fake.requests[3].params["default-graph-uri"] == [G]
    assert "PREFIX pg:" in fake.requests[3].params["query"][0]


def test_connection_refused_is_one_line_naming_the_url() -> None:
    port = free_port()  # nothing listens there
    store = SparqlStore(f"http://127.0.0.1:{port}/sparql?default-graph-uri={G}")
    with pytest.raises(RemoteError) as caught:
        store.run("ASK {}")
    assert caught.value.key == "remote.connect"
    _one_line(caught.value)
    message = caught.value.render("en")
    assert f"cannot connect to http://127.0.0.1:{port}/sparql" in message
    assert "refused" in message.lower()


def test_a_server_error_is_one_line_with_status_and_the_servers_reason() -> None:
    body = (
        b"Virtuoso 37000 Error SP030: SPARQL compiler, line 84: syntax error at 'MIN'\n\n"
        b"SPARQL query:\nPREFIX pg: <https://w3id.org/partnergraph/ontology#>\nSELECT ..."
    )
    with (
        FakeEndpoint(lambda r: (500, {"Content-Type": "text/plain"}, body)) as fake,
        pytest.raises(RemoteError) as caught,
    ):
        SparqlStore(f"{fake.base}/sparql").run("SELECT * WHERE { ?s ?p ?o }")
    message = _one_line(caught.value)
    assert message.startswith(f"{fake.base}/sparql refused the query: HTTP 500")
    assert "SP030: SPARQL compiler, line 84: syntax error at 'MIN'" in message
    assert "PREFIX" not in message  # the echo of the query is left out
    assert isinstance(caught.value, QueryError)


def test_an_html_error_page_is_reduced_to_its_text() -> None:
    page = (
        b"<html><head><title>Failed</title></head><body><h1>HTTP/1.1 403 Forbidden</h1>"
        b"<xmp>SQ110:SECURITY: Permission denied for delete</xmp></body></html>"
    )
    with (
        FakeEndpoint(lambda r: (403, {"Content-Type": "text/html"}, page)) as fake,
        pytest.raises(RemoteError) as caught,
    ):
        SparqlStore(f"{fake.base}/sparql").run("ASK {}")
    message = _one_line(caught.value)
    assert "HTTP 403 Forbidden" in message
    assert "SQ110:SECURITY: Permission denied for delete" in message
    assert "<" not in message


def test_a_slow_server_times_out_with_one_line() -> None:
    def slow(seen: Recorded) -> Reply:
        time.sleep(1.5)
        return json_reply('{"head": {}, "boolean": true}')

    with FakeEndpoint(slow) as fake:
        store = SparqlStore(f"{fake.base}/sparql", timeout=0.3)
        started = time.monotonic()
        with pytest.raises(RemoteError) as caught:
            store.run("ASK {}")
        assert time.monotonic() - started < 1.4
    assert "did not finish the query within 0.3 s" in _one_line(caught.value)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (json_reply("{not json"), "sent an answer partnergraph cannot read"),
        ((200, {"Content-Type": "text/html"}, b"<html/>"), "answered in text/html"),
        (
            (
                200,
                {"Content-Type": "application/sparql-results+json", "X-SPARQL-MaxRows": "10000"},
                SELECT_JSON.encode(),
            ),
            "cut the answer at its limit of 10000 rows",
        ),
    ],
)
def test_answers_that_cannot_be_trusted_are_errors(reply: Reply, expected: str) -> None:
    with (
        FakeEndpoint(lambda r: reply) as fake,
        pytest.raises(RemoteError, match=expected) as caught,
    ):
        SparqlStore(f"{fake.base}/sparql").run("SELECT * WHERE { ?s ?p ?o }")
    _one_line(caught.value)


def test_redirects_are_reported_not_followed() -> None:
    with FakeEndpoint(lambda r: json_reply('{"head": {}, "boolean": true}')) as elsewhere:
        target = f"{elsewhere.base}/sparql"
        with (
            FakeEndpoint(lambda r: (302, {"Location": target}, b"")) as fake,
            pytest.raises(RemoteError) as caught,
        ):
            SparqlStore(f"{fake.base}/sparql").run("ASK {}")
        assert elsewhere.requests == []
    message = _one_line(caught.value)
    assert "HTTP 302" in message and target in message and "not followed" in message


def test_proxies_from_the_environment_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeEndpoint(lambda r: json_reply('{"head": {}, "boolean": false}')) as proxy:
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(name, proxy.base)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        with FakeEndpoint(lambda r: json_reply('{"head": {}, "boolean": true}')) as fake:
            assert SparqlStore(f"{fake.base}/sparql").run("ASK {}") == AskResult(True)
        assert proxy.requests == []


QUADS_JSON = json.dumps(
    {
        "head": {"vars": ["s", "p", "o", "g"]},
        "results": {
            "bindings": [
                {
                    "s": {"type": "uri", "value": "urn:a"},
                    "p": {"type": "uri", "value": "urn:p"},
                    "o": {"type": "bnode", "value": "nodeID://b1"},
                    "g": {"type": "uri", "value": G},
                },
                {
                    "s": {"type": "bnode", "value": "nodeID://b1"},
                    "p": {"type": "uri", "value": "urn:q"},
                    "o": {"type": "literal", "value": "v", "xml:lang": "en"},
                    "g": {"type": "uri", "value": G},
                },
            ]
        },
    }
)


def test_a_whole_session_only_ever_asks_the_url_given() -> None:
    def respond(seen: Recorded) -> Reply:
        query = seen.form["query"][0]
        if "COUNT" in query:
            return json_reply(
                '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal",'
                ' "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}'
            )
        if "DISTINCT ?g" in query:
            return json_reply(
                '{"head": {"vars": ["g"]}, "results": {"bindings": [{"g": {"type": "uri", '
                f'"value": "{G}"}}}}]}}}}'
            )
        return json_reply(QUADS_JSON)

    with FakeEndpoint(respond) as fake:
        kg = partnergraph.load(store=f"sparql:{fake.base}/sparql?default-graph-uri={G}")
        assert len(kg) == 2
        assert kg.store.graph_names() == {G}
        exported = Graph().parse(data=kg.export("ttl"), format="turtle")
        trig = kg.export("trig")
        dataset = kg.store.to_dataset()
        kg.close()
    expected = Graph()
    node = BNode()
    expected.add((URIRef("urn:a"), URIRef("urn:p"), node))
    expected.add((node, URIRef("urn:q"), Literal("v", lang="en")))
    assert isomorphic(exported, expected)  # the blank node is one node across rows
    assert f"<{G}>" in trig
    assert isomorphic(dataset.graph(URIRef(G)), expected)
    assert {(r.method, r.path) for r in fake.requests} == {("POST", "/sparql")}
    assert all(r.headers["host"] == fake.base.removeprefix("http://") for r in fake.requests)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        (
            "# ask me\nPREFIX ask: <urn:x#>\nBASE <http://x/#y>\n  construct { } WHERE { }",
            "CONSTRUCT",
        ),
        ("prefix : <urn:a>  DESCRIBE :x", "DESCRIBE"),
        ("ASK{}", "ASK"),
        ("INSERT DATA { <a> <b> <c> }", None),
    ],
)
def test_the_query_form_is_read_after_the_prologue(text: str, form: str | None) -> None:
    assert query_form(text) == form


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            f"http://dba:{SECRET}@127.0.0.1:1/sparql",
            "do not put a user name or password in the URL",
        ),
        ("ftp://127.0.0.1/sparql", r"not an http\(s\) URL"),
        ("http://127.0.0.1:1/sparql?default-graph-uri=", "must name a graph"),
    ],
)
def test_bad_urls_are_refused_up_front(url: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message) as caught:
        SparqlStore(url)
    assert SECRET not in _one_line(caught.value)


# --- authentication ----------------------------------------------------------------------------


def _basic_only(user: str, password: str) -> FakeEndpoint:
    token = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def respond(seen: Recorded) -> Reply:
        given = seen.headers.get("authorization")
        if given != token:
            # A careless server that echoes what it got must not leak it through us.
            return 401, {"WWW-Authenticate": 'Basic realm="sparql"'}, f"bad {given}".encode()
        return json_reply('{"head": {}, "boolean": true}')

    return FakeEndpoint(respond)


def test_credentials_from_the_environment_answer_a_basic_challenge(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARTNERGRAPH_USER", "reader")
    monkeypatch.setenv("PARTNERGRAPH_PASSWORD", SECRET)
    with _basic_only("reader", SECRET) as fake:
        store = SparqlStore(f"{fake.base}/sparql")
        assert store.run("ASK {}") == AskResult(True)
        assert store.run("ASK {}") == AskResult(True)
    sent = [r.headers.get("authorization") for r in fake.requests]
    assert sent[0] is None  # nothing is sent until the server asks
    assert all(s is not None and s.startswith("Basic ") for s in sent[1:])
    assert len(sent) == 3


def test_partnergraph_auth_basic_sends_credentials_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARTNERGRAPH_USER", "reader")
    monkeypatch.setenv("PARTNERGRAPH_PASSWORD", SECRET)
    monkeypatch.setenv("PARTNERGRAPH_AUTH", "basic")
    with _basic_only("reader", SECRET) as fake:
        assert SparqlStore(f"{fake.base}/sparql").run("ASK {}") == AskResult(True)
    assert len(fake.requests) == 1


def test_a_netrc_entry_for_the_host_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(
        "machine example.org login other password nope\n"
        f"machine 127.0.0.1 login reader password {SECRET}\n",
        encoding="utf-8",
    )
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with _basic_only("reader", SECRET) as fake:
        assert SparqlStore(f"{fake.base}/sparql").run("ASK {}") == AskResult(True)


def test_wrong_credentials_give_one_line_without_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARTNERGRAPH_USER", "reader")
    monkeypatch.setenv("PARTNERGRAPH_PASSWORD", SECRET)
    with _basic_only("reader", "the-right-one") as fake, pytest.raises(RemoteError) as caught:
        SparqlStore(f"{fake.base}/sparql").run("ASK {}")
    message = _one_line(caught.value)
    assert "HTTP 401" in message and fake.base in message
    assert SECRET not in message
    assert base64.b64encode(f"reader:{SECRET}".encode()).decode() not in message


def test_no_credentials_says_where_to_put_them() -> None:
    with _basic_only("reader", SECRET) as fake, pytest.raises(RemoteError) as caught:
        SparqlStore(f"{fake.base}/sparql").run("ASK {}")
    message = _one_line(caught.value)
    assert "PARTNERGRAPH_USER" in message and "netrc" in message


def test_unsupported_schemes_and_settings_are_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    bearer = FakeEndpoint(lambda r: (401, {"WWW-Authenticate": 'Bearer realm="x"'}, b""))
    with bearer as fake, pytest.raises(RemoteError, match=r"by bearer .*supports basic and digest"):
        SparqlStore(f"{fake.base}/sparql").run("ASK {}")
    monkeypatch.setenv("PARTNERGRAPH_AUTH", "kerberos")
    with pytest.raises(ParameterError, match="PARTNERGRAPH_AUTH must be basic or digest"):
        SparqlStore("http://127.0.0.1:1/sparql")


def test_a_malformed_netrc_is_named_without_its_content(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login reader password {SECRET} bogus\n", encoding="utf-8")
    monkeypatch.setenv("NETRC", str(netrc))
    with (
        _basic_only("reader", SECRET) as fake,
        pytest.raises(ParameterError, match="malformed netrc file") as caught,
    ):
        SparqlStore(f"{fake.base}/sparql").run("ASK {}")
    assert SECRET not in str(caught.value) and "bogus" not in str(caught.value)


# --- push and pull -----------------------------------------------------------------------------


@pytest.fixture
def small() -> Graph:
    graph = Graph()
    period = BNode()
    graph.add((URIRef("urn:p1"), URIRef("urn:temporal"), period))
    graph.add((period, URIRef("urn:start"), Literal("2025", datatype=namespace.XSD.gYear)))
    graph.add((period, URIRef("urn:end"), Literal("2025-01", datatype=namespace.XSD.gYearMonth)))
    graph.add((URIRef("urn:p1"), namespace.RDF.type, URIRef("urn:Partnership")))
    graph.add((URIRef("urn:p1"), URIRef("urn:label"), Literal('say "hi"\\\nbye', lang="en")))
    return graph


class Recorder:
    """A fake server's state for push and pull: answers per method."""

    def __init__(self, **replies: Reply) -> None:
        self.replies = replies

    def __call__(self, seen: Recorded) -> Reply:
        return self.replies.get(seen.method, (204, {}, b""))


def test_push_prefers_the_graph_store_protocol(small: Graph) -> None:
    with FakeEndpoint(Recorder(OPTIONS=(404, {}, b""), PUT=(201, {}, b""))) as fake:
        report = push(small, f"{fake.base}/store")
    options, put = fake.requests
    assert (options.method, put.method) == ("OPTIONS", "PUT")
    assert put.params == {"graph": [DEFAULT_GRAPH]}
    assert put.headers["content-type"] == "application/n-triples"
    sent = Graph().parse(data=put.body.decode("utf-8"), format="nt")
    assert isomorphic(sent, small)  # blank nodes stay blank nodes
    assert (report.protocol, report.triples, report.requests) == ("gsp", 5, 1)
    assert (report.blank_nodes, report.skolemized) == (1, False)


def test_push_labels_n_triples_as_turtle_when_the_server_wants_turtle(small: Graph) -> None:
    def respond(seen: Recorded) -> Reply:
        if seen.method == "PUT" and seen.headers["content-type"] != "text/turtle":
            return 415, {}, b"unsupported media type"
        return 201, {}, b""

    with FakeEndpoint(respond) as fake:
        report = push(small, f"{fake.base}/store", graph=G, protocol="gsp")
    assert [r.headers.get("content-type") for r in fake.requests[1:]] == [
        "application/n-triples",
        "text/turtle",
    ]
    assert report.requests == 2


def test_push_uses_update_where_options_do_not_allow_put(small: Graph) -> None:
    allow = {"Allow": "GET,HEAD,POST,OPTIONS,TRACE"}  # what Virtuoso's /sparql-auth says
    with FakeEndpoint(Recorder(OPTIONS=(204, allow, b""), POST=(200, {}, b""))) as fake:
        report = push(small, f"{fake.base}/sparql-auth", graph=G)
    assert [r.method for r in fake.requests] == ["OPTIONS", "POST"]  # never a PUT
    update = fake.requests[1]
    assert update.headers["content-type"].startswith("application/sparql-update")
    text = update.body.decode("utf-8")
    assert text.startswith(f"DROP SILENT GRAPH <{G}> ;\nINSERT DATA {{ GRAPH <{G}> {{")
    assert "_:" not in text and f"<{GENID}" in text  # blank nodes skolemised
    assert '"say \\"hi\\"\\\\\\nbye"@en' in text
    assert (report.protocol, report.requests, report.skolemized) == ("update", 1, True)


def test_push_by_gsp_where_options_do_not_allow_put_says_so(small: Graph) -> None:
    allow = {"Allow": "GET,HEAD,POST,OPTIONS,TRACE"}
    with (
        FakeEndpoint(Recorder(OPTIONS=(204, allow, b""))) as fake,
        pytest.raises(RemoteError, match="has no Graph Store Protocol"),
    ):
        push(small, f"{fake.base}/sparql-auth", protocol="gsp")
    assert [r.method for r in fake.requests] == ["OPTIONS"]


def test_push_falls_back_to_update_when_put_is_not_supported(small: Graph) -> None:
    replies = Recorder(OPTIONS=(404, {}, b""), PUT=(404, {}, b"PUT is not supported"))
    with FakeEndpoint(replies) as fake:
        report = push(small, f"{fake.base}/update")
    assert [r.method for r in fake.requests] == ["OPTIONS", "PUT", "POST"]
    assert report.protocol == "update"


def test_big_updates_fill_a_staging_graph_halving_what_the_server_refuses(
    small: Graph,
) -> None:
    def respond(seen: Recorded) -> Reply:
        if seen.body.count(b" .\n") + seen.body.count(b" .\n}") > 2:
            return 400, {}, b"SP030: SPARQL compiler: memory exhausted"
        return 200, {}, b""

    big = Graph()
    for i in range(700):
        big.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    with FakeEndpoint(respond) as fake, pytest.raises(RemoteError, match="memory exhausted"):
        push(big, f"{fake.base}/update", graph=G, protocol="update", chunk_size=300)
    texts = [r.body.decode("utf-8") for r in fake.requests]
    staging = texts[0].split("<", 2)[1].split(">")[0]
    assert staging.startswith("urn:uuid:")
    assert texts[-1] == f"DROP SILENT GRAPH <{staging}>"  # cleaned up after the failure
    assert all(G not in text for text in texts)  # the target was never touched

    with FakeEndpoint(lambda seen: (200, {}, b"")) as fake:
        report = push(big, f"{fake.base}/update", graph=G, protocol="update", chunk_size=300)
    texts = [r.body.decode("utf-8") for r in fake.requests]
    assert report.requests == len(texts) == 4  # 300 + 300 + 100, then the move
    assert texts[-1].startswith("MOVE SILENT GRAPH <urn:uuid:") and texts[-1].endswith(f"<{G}>")


def test_skolem_iris_are_stable_and_reversible(small: Graph) -> None:
    once, twice = skolemized(small), skolemized(small)
    assert set(once) == set(twice)
    assert not any(isinstance(t, BNode) for triple in once for t in triple)
    assert isomorphic(deskolemized(once), small)


def test_pull_reads_the_graph_store_and_writes_turtle(small: Graph, tmp_path: Path) -> None:
    body = skolemized(small).serialize(format="nt", encoding="utf-8")
    with FakeEndpoint(lambda r: (200, {"Content-Type": "application/n-triples"}, body)) as fake:
        report = pull(f"{fake.base}/store", output=tmp_path / "out.ttl")
        default = pull(f"{fake.base}/store", output=tmp_path / "d.ttl", graph="default")
    assert fake.requests[0].params == {"graph": [DEFAULT_GRAPH]}
    assert fake.requests[1].params == {"default": [""]}
    assert (report.protocol, report.triples, default.graph) == ("gsp", 5, "default")
    assert isomorphic(Graph().parse(tmp_path / "out.ttl"), small)  # de-skolemised


def test_pull_queries_an_endpoint_that_is_not_a_graph_store(small: Graph, tmp_path: Path) -> None:
    description = (
        b"_:s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        b"<http://www.w3.org/ns/sparql-service-description#Service> .\n"
    )
    rows = {
        "head": {"vars": ["s", "p", "o"]},
        "results": {
            "bindings": [
                {
                    "s": {"type": "uri", "value": "urn:a"},
                    "p": {"type": "uri", "value": "urn:p"},
                    "o": {"type": "literal", "value": "x"},
                }
            ]
        },
    }

    def respond(seen: Recorded) -> Reply:
        if seen.method == "GET":
            return 200, {"Content-Type": "application/n-triples"}, description
        return json_reply(json.dumps(rows))

    with FakeEndpoint(respond) as fake:
        report = pull(f"{fake.base}/sparql", output=tmp_path / "out.ttl", graph=G)
    assert report.protocol == "query"
    assert f"GRAPH <{G}>" in fake.requests[1].form["query"][0]
    assert len(Graph().parse(tmp_path / "out.ttl")) == 1


def test_pull_of_a_missing_graph_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    with (
        FakeEndpoint(lambda r: (404, {}, b"The graph does not exist")) as fake,
        pytest.raises(RemoteError, match=f"has no graph <{G}>.*HTTP 404"),
    ):
        pull(f"{fake.base}/store", output=tmp_path / "out.ttl", graph=G)
    assert list(tmp_path.iterdir()) == []


def test_graph_names_must_be_absolute_iris(small: Graph, tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="absolute IRI"):
        push(small, "http://127.0.0.1:1/store", graph="all")
    with pytest.raises(ParameterError, match="absolute IRI"):
        pull("http://127.0.0.1:1/store", output=tmp_path / "x.ttl", graph="<bad iri>")
