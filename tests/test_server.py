"""The SPARQL server, against real uvicorn servers started on free 127.0.0.1 ports.

Real clients talk to it (SPARQLWrapper, rdflib's SPARQLStore, curl, httpx), the query library
over HTTP answers exactly what ``partnergraph.load().query()`` answers, and every safety rule
has a test that tries to break it: read-only by default, nothing fetched or contacted
(SERVICE/LOAD/FROM/default-graph-uri, with a listener that must see no connection), a time
limit that really stops the work while others are served, the row cap, the size limit, CORS
off by default, no tracebacks or paths in any answer, security headers everywhere, and a clean
shutdown on Ctrl-C.

The main server runs with a 3 s time limit and a row cap of 500 so those tests stay quick.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

import partnergraph
from partnergraph.io.results import GraphResult, SelectResult
from w3c_protocol import Server, running_servers, serve_command

pytestmark = pytest.mark.slow  # spawns servers (uvicorn and worker processes)

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))
PG = "PREFIX pg: <https://w3id.org/partnergraph/ontology#>\n"
PARTNERSHIPS = PG + "SELECT ?p WHERE { ?p a pg:Partnership } ORDER BY ?p"
CONSTRUCT = PG + (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "CONSTRUCT { ?p skos:prefLabel ?l } WHERE { ?p a pg:Partnership ; skos:prefLabel ?l }"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TOKEN = "test-token-9f2c"
ORIGIN = "https://app.example"
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """Started together: the main one, one with updates on, one with CORS on the memory
    store, one on an on-disk Oxigraph store that its two workers open read-only."""
    disk = tmp_path_factory.mktemp("disk") / "store"
    with running_servers(
        (("--timeout", "3", "--row-cap", "500"), None),
        (("--allow-update", "--timeout", "5"), {"PARTNERGRAPH_UPDATE_TOKEN": TOKEN}),
        (("--cors", ORIGIN, "--store", "memory", "--workers", "1", "--spare-workers", "0"), None),
        (("--store", f"oxigraph:{disk}", "--spare-workers", "0"), None),
    ) as (main, writable, cors, on_disk):
        workers = _children(main.process.pid)
        assert len(workers) == 3  # two serving, one spare
        yield {"main": main, "writable": writable, "cors": cors, "disk": on_disk}
        code, log = main.stop()
        # Ctrl-C: a clean stop, no traceback, no worker left behind.
        assert code in (0, 130), log
        assert "Traceback" not in log
        time.sleep(0.2)
        assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


@pytest.fixture(scope="module")
def server(servers: dict[str, Server]) -> Server:
    return servers["main"]


@pytest.fixture(scope="module")
def writable(servers: dict[str, Server]) -> Server:
    return servers["writable"]


@pytest.fixture(scope="module")
def library_over_http(server: Server) -> dict[str, httpx.Response]:
    """Every golden case asked over HTTP, several at a time."""

    def ask(golden: Path) -> httpx.Response:
        case = json.loads(golden.read_text(encoding="utf-8"))
        return httpx.get(
            f"{server.base}/api/queries/{case['query']}",
            params={**case["params"], "lang": case["lang"]},
            timeout=30,
        )

    with ThreadPoolExecutor(4) as pool:
        return dict(zip((g.stem for g in GOLDEN), pool.map(ask, GOLDEN), strict=True))


@pytest.fixture(scope="module")
def http(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base, timeout=30) as client:
        yield client


def _children(pid: int) -> set[int]:
    """The worker processes of the server ``pid`` (not multiprocessing's resource tracker)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in command:
                found.add(int(child))
    return found


def _rows(result: Any) -> list[tuple[str | None, ...]]:
    assert isinstance(result, SelectResult)
    return [tuple(None if c is None else str(c) for c in row) for row in result.rows]


def _json_rows(document: dict[str, Any]) -> list[tuple[str | None, ...]]:
    variables = document["head"]["vars"]
    return [
        tuple(b[v]["value"] if v in b else None for v in variables)
        for b in document["results"]["bindings"]
    ]


def _convert(client: SPARQLWrapper) -> Any:
    """SPARQLWrapper's parsed answer (JSON dict, XML DOM, rdflib Graph or bytes)."""
    return client.query().convert()


def _query(http: httpx.Client, query: str, **headers: str) -> httpx.Response:
    return http.post(
        "/sparql",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query", **headers},
    )


# --- real clients ------------------------------------------------------------------------------


def test_sparqlwrapper_select_json(server: Server, kg: partnergraph.PartnerGraph) -> None:
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(PARTNERSHIPS)
    client.setReturnFormat(JSON)
    document = _convert(client)
    assert _json_rows(document) == _rows(kg.sparql(PARTNERSHIPS))
    assert len(document["results"]["bindings"]) == 11


@pytest.mark.parametrize("fmt", [JSON, XML])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_ask(server: Server, fmt: str, method: str) -> None:
    client = SPARQLWrapper(server.endpoint)
    client.setMethod(method)
    client.setReturnFormat(fmt)
    client.setQuery(PG + "ASK { ?p a pg:Partnership }")
    answer = _convert(client)
    if fmt == JSON:
        assert answer["boolean"] is True
    else:
        assert answer.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, XML])
def test_sparqlwrapper_construct(server: Server, kg: partnergraph.PartnerGraph, fmt: str) -> None:
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    answer = _convert(client)
    graph = Graph().parse(data=answer, format="turtle") if fmt == TURTLE else answer
    expected = kg.sparql(CONSTRUCT)
    assert isinstance(expected, GraphResult) and len(expected.graph) == 23
    assert isomorphic(graph, expected.graph)


def test_rdflib_sparqlstore(server: Server, kg: partnergraph.PartnerGraph) -> None:
    remote = Dataset(store=SPARQLStore(server.endpoint), default_union=True)
    rows = [tuple(str(c) for c in row) for row in remote.query(PARTNERSHIPS)]  # type: ignore[union-attr]
    assert rows == _rows(kg.sparql(PARTNERSHIPS))
    assert remote.query(PG + "ASK { ?p a pg:Partnership }").askAnswer is True


CURL = shutil.which("curl")


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
@pytest.mark.parametrize(
    ("query", "accept", "media_type", "reader"),
    [
        (
            PARTNERSHIPS,
            "application/sparql-results+json",
            "application/sparql-results+json",
            "json",
        ),
        (PARTNERSHIPS, "application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        (PARTNERSHIPS, "text/csv", "text/csv", "csv"),
        (PARTNERSHIPS, "text/tab-separated-values", "text/tab-separated-values", "tsv"),
        (
            PARTNERSHIPS,
            "text/csv;q=0.5, application/sparql-results+xml",
            "application/sparql-results+xml",
            "xml",
        ),
        (CONSTRUCT, "text/turtle", "text/turtle", "turtle"),
        (CONSTRUCT, "application/n-triples", "application/n-triples", "nt"),
        (CONSTRUCT, "application/ld+json", "application/ld+json", "json-ld"),
        (CONSTRUCT, "application/rdf+xml", "application/rdf+xml", "xml"),
        (CONSTRUCT, "text/turtle;q=0, */*;q=0.5", "application/n-triples", "nt"),
    ],
)
def test_curl_content_negotiation(
    server: Server, query: str, accept: str, media_type: str, reader: str
) -> None:
    assert CURL is not None
    url = f"{server.endpoint}?{urlencode({'query': query})}"
    done = subprocess.run(
        [CURL, "-sS", "-D", "-", "-H", f"Accept: {accept}", url],
        capture_output=True,
        check=True,
        timeout=30,
    )
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    headers = dict(
        line.split(": ", 1) for line in head.decode().lower().splitlines()[1:] if ": " in line
    )
    assert headers["content-type"].split(";")[0] == media_type
    assert "accept" in headers["vary"]
    if query is CONSTRUCT:
        assert len(Graph().parse(data=body, format=reader)) == 23
    else:
        assert len(list(Result.parse(io.BytesIO(body), format=reader))) == 11


def test_not_acceptable(http: httpx.Client) -> None:
    response = _query(http, PARTNERSHIPS, Accept="image/png")
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    assert _query(http, CONSTRUCT, Accept="text/csv").status_code == 406


def test_query_by_form_post_and_format_parameter(http: httpx.Client) -> None:
    response = http.post("/sparql", data={"query": PARTNERSHIPS, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert len(response.text.splitlines()) == 12


# --- the service description and the Graph Store Protocol --------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize(("accept", "fmt"), [(None, "turtle"), ("application/ld+json", "json-ld")])
def test_service_description(
    http: httpx.Client, server: Server, kg: partnergraph.PartnerGraph, accept: str | None, fmt: str
) -> None:
    response = http.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format=fmt)
    assert (None, URIRef(SD + "endpoint"), URIRef(server.endpoint)) in graph
    languages = set(graph.objects(None, URIRef(SD + "supportedLanguage")))
    assert languages == {URIRef(SD + "SPARQL11Query")}
    names = {str(n) for n in graph.objects(None, URIRef(SD + "name"))}
    assert names == kg.store.graph_names()
    assert len(set(graph.objects(None, URIRef(SD + "resultFormat")))) == 8


def test_graph_store_reads(http: httpx.Client, kg: partnergraph.PartnerGraph) -> None:
    name = "https://w3id.org/partnergraph/graph/norddjurs"
    response = http.get("/rdf-graph-store", params={"graph": name})
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    expected = kg.sparql(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert isinstance(expected, GraphResult)
    assert isomorphic(Graph().parse(data=response.text, format="turtle"), expected.graph)

    nt = http.get("/rdf-graph-store?default", headers={"Accept": "application/n-triples"})
    assert nt.status_code == 200 and len(Graph().parse(data=nt.text, format="nt")) == len(kg)

    head = http.head("/rdf-graph-store", params={"graph": name})
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(response.content)

    missing = http.get("/rdf-graph-store", params={"graph": "http://127.0.0.1:9/elsewhere"})
    assert missing.status_code == 404
    assert http.head("/rdf-graph-store", params={"graph": "http://e/none"}).status_code == 404
    assert http.get("/rdf-graph-store").status_code == 400
    assert http.get(f"/rdf-graph-store?default&graph={name}").status_code == 400
    put = http.put("/rdf-graph-store", params={"graph": name}, content=b"<a> <b> <c> .")
    assert put.status_code == 405


# --- the query library over HTTP ---------------------------------------------------------------


def test_library_listing(http: httpx.Client, kg: partnergraph.PartnerGraph) -> None:
    listing = http.get("/api/queries").json()["queries"]
    assert [q["name"] for q in listing] == [q.name for q in kg.queries()]
    renewals = next(q for q in listing if q["name"] == "renewals-due")
    assert {"name": "before", "type": "date"}.items() <= renewals["parameters"][0].items()
    assert "path" not in json.dumps(listing)
    for listed, named in zip(listing, kg.queries(), strict=True):  # what Python says, too
        assert listed == {"name": named.name, "href": listed["href"], **named.to_dict()}


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_library_over_http_matches_python(
    library_over_http: dict[str, httpx.Response], kg: partnergraph.PartnerGraph, golden: Path
) -> None:
    case = json.loads(golden.read_text(encoding="utf-8"))
    response = library_over_http[golden.stem]
    assert response.status_code == 200, response.text
    document = response.json()
    expected = kg.query(case["query"], case["params"], lang=case["lang"])
    assert isinstance(expected, SelectResult)
    assert document["head"]["vars"] == expected.variables
    assert _json_rows(document) == _rows(expected)


def test_library_errors(http: httpx.Client) -> None:
    unknown = http.get("/api/queries/renewal-due")
    assert unknown.status_code == 404 and "renewals-due" in unknown.text
    bad = http.get("/api/queries/renewals-due", params={"before": "soon"})
    assert bad.status_code == 400 and "dato" in bad.text  # Danish unless lang=en
    assert bad.headers["x-partnergraph-parameter"] == "before"
    english = http.get("/api/queries/renewals-due", params={"before": "soon", "lang": "en"})
    assert english.status_code == 400 and "must be a date" in english.text
    extra = http.get("/api/queries/renewals-due", params={"colour": "red"})
    assert extra.status_code == 400 and "colour" in extra.text
    assert http.get("/api/queries/renewals-due?before=2025&before=2026").status_code == 400


# --- protocol errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_args", "status", "words"),
    [
        ({"method": "GET", "url": "/sparql?query=SELECT%20*%20WHERE%20%7B"}, 400, "linje"),
        ({"method": "GET", "url": "/sparql?default-graph-uri=http%3A%2F%2Fe%2Fg"}, 400, "'query'"),
        ({"method": "GET", "url": "/sparql?query=ASK%7B%7D&query=ASK%7B%7D"}, 400, "one"),
        ({"method": "GET", "url": "/sparql?query=ASK%20%7B%FF%7D"}, 400, "UTF-8"),
        ({"method": "GET", "url": "/sparql?update=CLEAR%20ALL"}, 400, "POST"),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "data": {"query": "ASK {}", "update": "CLEAR ALL"},
            },
            400,
            "not both",
        ),
        ({"method": "POST", "url": "/sparql", "content": b"ASK {}"}, 415, "Content-Type"),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": b"ASK {}",
                "headers": {"Content-Type": "text/plain"},
            },
            415,
            "text/plain",
        ),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": "ASK {}".encode("utf-16"),
                "headers": {"Content-Type": "application/sparql-query"},
            },
            400,
            "UTF-8",
        ),
        ({"method": "DELETE", "url": "/sparql"}, 405, "tager ikke imod"),
        (
            {"method": "GET", "url": "/sparql?query=ASK%7B%7D&default-graph-uri=relative"},
            400,
            "absolute IRI",
        ),
        (
            {"method": "GET", "url": "/sparql?query=ASK%7B%7D&using-graph-uri=http%3A%2F%2Fe%2Fg"},
            400,
            "update",
        ),
        ({"method": "GET", "url": "/sparql?query=INSERT%20DATA%20%7B%7D"}, 400, "afvises"),
    ],
)
def test_protocol_errors(
    http: httpx.Client, request_args: dict[str, Any], status: int, words: str
) -> None:
    response = http.request(**request_args)
    assert response.status_code == status, response.text
    assert words in response.text
    _assert_clean(response)


def _assert_clean(response: httpx.Response) -> None:
    """No traceback, no server path, and the security headers, whatever the answer."""
    text = response.text
    assert "Traceback" not in text and 'File "' not in text
    for secret in (str(ROOT), sys.prefix, "site-packages", "/tmp/", str(Path.home())):
        assert secret not in text
    for header in SECURITY_HEADERS:
        assert header in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "http" not in response.headers["content-security-policy"]  # no outside origin


def test_security_headers_on_every_kind_of_response(http: httpx.Client) -> None:
    for response in (
        http.get("/sparql"),
        _query(http, PARTNERSHIPS),
        http.get("/nowhere"),
        http.delete("/sparql"),
        http.get("/api/queries"),
        _query(http, "SELECT oops"),
    ):
        _assert_clean(response)


# --- safety: read-only, nothing fetched or contacted -------------------------------------------


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "CLEAR ALL", "LOAD <http://e/x>"],
)
def test_read_only_by_default(http: httpx.Client, update: str) -> None:
    direct = http.post(
        "/sparql",
        content=update.encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer x"},
    )
    assert direct.status_code == 403
    assert http.post("/sparql", data={"update": update}).status_code == 403
    assert _query(http, "ASK { ?s ?p ?o }").json()["boolean"] is True


class Listener:
    """A TCP listener on 127.0.0.1 that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def test_the_listener_notices_connections(listener: Listener) -> None:
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    time.sleep(0.3)
    assert listener.connections == 1


def test_nothing_reaches_another_server(http: httpx.Client, listener: Listener) -> None:
    there = f"http://127.0.0.1:{listener.port}/"
    attempts = [
        _query(http, f"SELECT * WHERE {{ SERVICE <{there}> {{ ?s ?p ?o }} }}"),
        _query(http, f"SELECT * WHERE {{ SERVICE SILENT <{there}> {{ ?s ?p ?o }} }}"),
        _query(http, f"SELECT * FROM <{there}> WHERE {{ ?s ?p ?o }}"),
        _query(http, f"SELECT * FROM NAMED <{there}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
        _query(http, f"BASE <{there}> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}"),
        http.get("/sparql", params={"query": "ASK {}", "default-graph-uri": there}),
        http.get("/sparql", params={"query": "ASK {}", "named-graph-uri": there}),
        http.get("/rdf-graph-store", params={"graph": there}),
    ]
    assert [r.status_code for r in attempts] == [400] * 7 + [404]
    assert "SERVICE" in attempts[0].text and "never" in attempts[5].text
    for response in attempts:
        _assert_clean(response)
    time.sleep(0.5)
    assert listener.connections == 0


def test_updates_need_the_token(writable: Server) -> None:
    insert = "INSERT DATA { GRAPH <http://e/new> { <http://e/a> <http://e/b> 'c' } }"
    with httpx.Client(base_url=writable.base, timeout=30) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            refused = client.post("/sparql", data={"update": insert}, headers=headers)
            assert refused.status_code == 401
            assert refused.headers["www-authenticate"].startswith("Bearer")
        ok = client.post(
            "/sparql", data={"update": insert}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert ok.status_code == 204, ok.text
        # Every worker (and the spare) reloaded: ask more often than there are workers.
        for _ in range(6):
            asked = client.get("/sparql", params={"query": "ASK { <http://e/a> <http://e/b> 'c' }"})
            assert asked.json()["boolean"] is True
        description = client.get("/sparql").text
        assert "<http://e/new>" in description and "SPARQL11Update" in description


def test_updates_never_load_or_contact_anything(writable: Server, listener: Listener) -> None:
    there = f"http://127.0.0.1:{listener.port}/data.ttl"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=writable.base, timeout=30) as client:
        for update in (
            f"LOAD <{there}>",
            f"LOAD SILENT <{there}> INTO GRAPH <http://e/g>",
            f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{there}> {{ ?s ?p ?o }} }}",
        ):
            response = client.post("/sparql", data={"update": update}, headers=auth)
            assert response.status_code == 400, response.text
            assert "refused" in response.text
    time.sleep(0.5)
    assert listener.connections == 0


def test_allow_update_refuses_to_start_without_a_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PARTNERGRAPH_UPDATE_TOKEN"}
    done = subprocess.run(
        serve_command("--allow-update"),
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "PARTNERGRAPH_UPDATE_TOKEN" in done.stderr and "Traceback" not in done.stderr


def test_bad_data_stops_the_start_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    done = subprocess.run(
        serve_command("--data", str(broken), "--workers", "1", "--spare-workers", "0"),
        capture_output=True,
        text=True,
        env={**os.environ, "PARTNERGRAPH_LANG": "en"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


# --- safety: limits ----------------------------------------------------------------------------

ENGLISH = {"Accept-Language": "en"}
"""The server answers in the language a request asks for; these tests pin English wording."""


def test_a_runaway_query_is_stopped_and_others_are_served(server: Server) -> None:
    before = _children(server.process.pid)
    outcome: dict[str, Any] = {}

    def runaway() -> None:
        started = time.perf_counter()
        with httpx.Client(timeout=60, headers=ENGLISH) as client:
            outcome["response"] = client.get(server.endpoint, params={"query": RUNAWAY})
        outcome["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    with httpx.Client(base_url=server.base, timeout=30) as client:
        quick = []
        while thread.is_alive():
            started = time.perf_counter()
            assert _query(client, PARTNERSHIPS).status_code == 200
            quick.append(time.perf_counter() - started)
        thread.join()
    response: httpx.Response = outcome["response"]
    assert response.status_code == 503
    assert "limit of 3 s" in response.text and "stopped" in response.text
    assert 2.9 < outcome["seconds"] < 8
    assert len(quick) > 10 and max(quick) < 1.5  # served all along, by the other worker
    # The overrunning worker is gone (killed, not asked) and a new one took its place.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        after = _children(server.process.pid)
        if len(after) == 3 and len(after - before) == 1:
            break
        time.sleep(0.2)
    assert len(after) == 3 and len(before - after) == 1 and len(after - before) == 1
    with httpx.Client(base_url=server.base, timeout=30, headers=ENGLISH) as client:
        assert _query(client, "ASK {}").json()["boolean"] is True
        # Sent again at once, the same runaway is refused without taking a worker.
        started = time.perf_counter()
        again = client.get("/sparql", params={"query": RUNAWAY})
        assert again.status_code == 503 and "not run again" in again.text
        assert int(again.headers["retry-after"]) > 0
        assert time.perf_counter() - started < 1
    assert _children(server.process.pid) == after


def test_row_cap_truncates_visibly(http: httpx.Client, server: Server) -> None:
    everything = "SELECT * WHERE { ?s ?p ?o }"
    response = _query(http, everything)
    assert response.headers["x-partnergraph-truncated"] == "true"
    document = response.json()
    assert len(document["results"]["bindings"]) == 500
    assert document["partnergraph"] == {"truncated": True, "rowLimit": 500}
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(everything)
    client.setReturnFormat(JSON)
    assert len(_convert(client)["results"]["bindings"]) == 500

    xml = _query(http, everything, Accept="application/sparql-results+xml")
    assert xml.headers["x-partnergraph-truncated"] == "true"
    assert len(list(Result.parse(io.BytesIO(xml.content), format="xml"))) == 500
    tsv = _query(http, everything, Accept="text/tab-separated-values")
    assert len(tsv.text.splitlines()) == 501

    graph = _query(http, "CONSTRUCT WHERE { ?s ?p ?o }", Accept="application/n-triples")
    assert graph.headers["x-partnergraph-truncated"] == "true"
    assert len(Graph().parse(data=graph.text, format="nt")) == 500

    whole = _query(http, PARTNERSHIPS)
    assert "x-partnergraph-truncated" not in whole.headers
    assert "partnergraph" not in whole.json()


def test_a_huge_cross_join_is_cut_at_the_cap_quickly(http: httpx.Client) -> None:
    started = time.perf_counter()
    response = _query(http, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert response.status_code == 200
    assert response.headers["x-partnergraph-truncated"] == "true"
    assert time.perf_counter() - started < 2


def test_query_size_limit(http: httpx.Client) -> None:
    padding = "#" + "x" * (100 * 1024) + "\n"
    big = padding + "ASK {}"
    assert _query(http, big).status_code == 413
    form = http.post("/sparql", data={"query": big})
    assert form.status_code == 413 and "100 KB" in form.text
    assert _query(http, "#" + "x" * 50_000 + "\nASK {}").status_code == 200


def test_cors_is_off_by_default(http: httpx.Client) -> None:
    response = _query(http, "ASK {}", Origin="https://elsewhere.example")
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = http.options(
        "/sparql",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_asked_for_and_the_memory_store(servers: dict[str, Server]) -> None:
    origin = ORIGIN
    with httpx.Client(base_url=servers["cors"].base, timeout=30) as client:
        allowed = _query(client, PARTNERSHIPS, Origin=origin)
        assert allowed.headers["access-control-allow-origin"] == origin
        exposed = allowed.headers["access-control-expose-headers"].lower()
        assert "x-partnergraph-truncated" in exposed
        assert len(allowed.json()["results"]["bindings"]) == 11
        other = _query(client, "ASK {}", Origin="https://evil.example")
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options(
            "/sparql",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == origin


def test_binds_to_loopback_by_default(server: Server) -> None:
    assert re.match(r"http://127\.0\.0\.1:\d+$", server.base)


def test_ctrl_c_with_a_query_in_flight_stops_at_once_and_cleanly() -> None:
    with running_servers((("--workers", "1", "--spare-workers", "0"), None)) as (started,):
        answers: list[httpx.Response] = []
        thread = threading.Thread(
            target=lambda: answers.append(
                httpx.get(
                    started.endpoint,
                    params={"query": RUNAWAY},
                    headers={"Accept-Language": "en"},
                    timeout=30,
                )
            )
        )
        thread.start()
        time.sleep(0.5)
        begun = time.perf_counter()
        code, log = started.stop()
        thread.join()
        assert time.perf_counter() - begun < 5
    assert code in (0, 130)
    assert "Traceback" not in log and "ERROR" not in log, log
    assert answers[0].status_code == 503 and "shutting down" in answers[0].text


def test_on_disk_store_is_shared_read_only_by_the_workers(
    servers: dict[str, Server], kg: partnergraph.PartnerGraph
) -> None:
    with httpx.Client(base_url=servers["disk"].base, timeout=30) as client:
        for _ in range(4):  # both workers
            assert _json_rows(_query(client, PARTNERSHIPS).json()) == _rows(kg.sparql(PARTNERSHIPS))
        nt = client.get("/rdf-graph-store?default", headers={"Accept": "application/n-triples"})
        assert len(Graph().parse(data=nt.text, format="nt")) == len(kg)
        refused = client.post("/sparql", data={"update": "CLEAR ALL"})
        assert refused.status_code == 403
