"""The server against an attacker and a careless user (issue 9): each rule tried until it breaks.

- a runaway query reworded (comment, names, literal values, case) is still the same query for
  the cool-down, and a client whose queries overran can no longer hold every worker, however it
  words them, and is refused after a second stop;
- a request whose ``Host`` is not this server's address (DNS rebinding) is refused, in Danish
  unless the page asks for English, unless the name was given with ``--allow-host``;
- a value or an answer larger than the caps is refused with 413, a query that needs more memory
  than a worker may take is stopped with a 500 that says so, and the server keeps answering;
- every bad ``serve`` option is one line, exit code 2, no traceback, before anything starts.

Functional only: no test here depends on how fast the machine is. The latency figures belong
to ``bench/server_load.py``.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from partnergraph.cli.app import app as cli
from partnergraph.server import ServerConfig, ServerError, create_app, serve
from partnergraph.server.fingerprint import query_fingerprint
from partnergraph.server.hosts import check_allowed_host, host_allowed
from partnergraph.server.worker import _guarded
from w3c_protocol import Server, running_servers

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PG = "PREFIX pg: <https://w3id.org/partnergraph/ontology#>\n"

# --- the cool-down's idea of "the same query" ----------------------------------------------------

REWORDINGS = {
    "a new comment": RUNAWAY + " # attempt 17",
    "comments inside": RUNAWAY.replace("WHERE", "# x\nWHERE # y\n"),
    "other spacing": RUNAWAY.replace(" ", "\n\t  "),
    "keyword case": RUNAWAY.replace("SELECT", "select").replace("WHERE", "where"),
    "renamed variables": RUNAWAY.replace("?a", "?zz1").replace("?n", "$total"),
    "a prefix declared": "PREFIX ex: <urn:attempt:17>\n" + RUNAWAY,
    "a BASE": "BASE <http://attempt.example/17/>\n" + RUNAWAY,
}


@pytest.mark.parametrize("rewording", sorted(REWORDINGS))
def test_a_reworded_query_is_the_same_query(rewording: str) -> None:
    assert query_fingerprint(REWORDINGS[rewording]) == query_fingerprint(RUNAWAY)


def test_literal_values_do_not_make_a_query_new() -> None:
    one = 'SELECT * { ?s pg:name "Aarhus"@da ; pg:year 2024 ; pg:open true . FILTER(?s != 1.5) }'
    two = "SELECT * { ?x pg:name '''Grenaa'''@en ; pg:year 17 ; pg:open false . FILTER(?x != 2e3) }"
    assert query_fingerprint(one) == query_fingerprint(two)


@pytest.mark.parametrize(
    "other",
    [
        RUNAWAY.replace("?i }", "?i . ?j ?k ?l }"),  # one more pattern: more work
        RUNAWAY.replace("?b", "pg:member"),  # a property: another query
        RUNAWAY.replace("?i }", "?i FILTER(?a != <urn:x>) }"),
        RUNAWAY.replace("?g", "?a"),  # a join instead of a cross product
        RUNAWAY.replace("COUNT(*)", "COUNT(DISTINCT ?a)"),
    ],
)
def test_a_different_query_is_another_query(other: str) -> None:
    assert query_fingerprint(other) != query_fingerprint(RUNAWAY)


def test_a_variable_name_inside_a_string_or_iri_is_not_a_variable() -> None:
    assert query_fingerprint('ASK { ?s ?p "?o # not a comment" }') == query_fingerprint(
        "ASK { ?s ?p 'x' }"
    )
    assert query_fingerprint("ASK { <urn:a#b> ?p ?o }") != query_fingerprint(
        "ASK { <urn:a> ?p ?o }"
    )


# --- the Host header -----------------------------------------------------------------------------

BOUND = ("127.0.0.1", 8000)


@pytest.mark.parametrize(
    ("header", "server", "allowed", "answered"),
    [
        ("127.0.0.1:8000", BOUND, (), True),
        ("localhost:8000", BOUND, (), True),
        ("LOCALHOST:8000", BOUND, (), True),
        ("[::1]:8000", BOUND, (), True),
        ("evil.example:8000", BOUND, (), False),  # a rebinding page's own name
        ("127.0.0.1.nip.io:8000", BOUND, (), False),
        ("localhost:8001", BOUND, (), False),  # another port is another server
        ("localhost", BOUND, (), False),  # port 80
        ("", BOUND, (), False),
        (None, BOUND, (), False),
        ("local host:8000", BOUND, (), False),
        ("localhost:8000/x", BOUND, (), False),
        ("data.example.org:8000", BOUND, ("data.example.org",), True),
        ("data.example.org", BOUND, ("data.example.org",), True),  # behind a proxy on :80
        ("data.example.org:9000", BOUND, ("data.example.org:8000",), False),
        ("192.168.1.5:8000", ("192.168.1.5", 8000), (), True),
        ("192.168.1.5:8000", ("0.0.0.0", 8000), (), True),  # every address: any IP
        ("evil.example:8000", ("0.0.0.0", 8000), (), False),  # but never a name
        ("[::1]:8000", ("::1", 8000), (), True),
    ],
)
def test_which_host_headers_are_answered(
    header: str | None, server: tuple[str, int], allowed: tuple[str, ...], answered: bool
) -> None:
    normalised = tuple(check_allowed_host(name) for name in allowed)
    assert host_allowed(header, server, normalised) is answered


def _app(**options: Any) -> Any:
    async def hello(request: Request) -> Response:
        return PlainTextResponse("hello")

    return create_app(ServerConfig(extra_routes=[Route("/hello", hello)], **options))


def _get(app: Any, path: str, **headers: str) -> httpx.Response:
    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as c:
            return await c.get(path, headers=headers)

    return asyncio.run(fetch())


def test_another_host_is_refused_in_danish_by_default() -> None:
    app = _app()
    assert _get(app, "/hello").text == "hello"
    refused = _get(app, "/hello", host="evil.example:8000")
    assert refused.status_code == 400
    assert refused.text.startswith("Afvist:") and "--allow-host evil.example" in refused.text
    assert refused.headers["x-content-type-options"] == "nosniff"  # security headers too


@pytest.mark.parametrize(
    ("path", "headers"),
    [("/hello?lang=en", {}), ("/hello", {"accept-language": "en-GB,en;q=0.9,da;q=0.5"})],
)
def test_another_host_is_refused_in_english_when_the_page_is(
    path: str, headers: dict[str, str]
) -> None:
    refused = _get(_app(), path, host="evil.example:8000", **headers)
    assert refused.status_code == 400 and refused.text.startswith("Refused:")


def test_allow_host_names_are_answered() -> None:
    app = _app(allowed_hosts=("data.example.org",))
    assert _get(app, "/hello", host="data.example.org").text == "hello"
    assert _get(app, "/hello", host="other.example.org").status_code == 400


# --- answers and memory (no server) ---------------------------------------------------------------


def test_a_worker_out_of_memory_answers_500_and_asks_to_be_replaced() -> None:
    def greedy() -> Any:
        raise MemoryError

    reply = _guarded(greedy, [])
    assert reply.status == 500 and reply.retire
    assert b"more memory than this server allows" in reply.said("en").body


@pytest.mark.slow
def test_the_memory_limit_stops_an_allocation_beyond_it() -> None:
    program = (
        "from partnergraph.server.worker import limit_memory\n"
        "limit_memory(64 * 1024 * 1024)\n"
        "small = bytearray(16 * 1024 * 1024)\n"
        "try:\n"
        "    big = bytearray(256 * 1024 * 1024)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
        "limit_memory(None)\n"
        "again = bytearray(256 * 1024 * 1024)\n"
        "print('lifted')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.split() == ["refused", "lifted"], done.stderr


# --- serve options -------------------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin English wording (the Danish default is tested in test_danish.py);
    processes started here inherit it."""
    monkeypatch.setenv("PARTNERGRAPH_LANG", "en")


BAD_OPTIONS = [
    (["--port", "-1"], "--port"),
    (["--port", "70000"], "--port"),
    (["--log-level", "bogus"], "--log-level"),
    (["--host", ""], "--host"),
    (["--timeout", "0"], "--timeout"),
    (["--timeout", "nan"], "--timeout"),
    (["--timeout", "inf"], "--timeout"),
    (["--queue-timeout", "-5"], "--queue-timeout"),
    (["--overrun-cooldown", "-1"], "--overrun-cooldown"),
    (["--row-cap", "0"], "--row-cap"),
    (["--max-query-size", "2"], "--max-query-size"),
    (["--max-query-size", "99999999999"], "--max-query-size"),
    (["--workers", "0"], "--workers"),
    (["--workers", "100000"], "--workers"),
    (["--spare-workers", "-1"], "--spare-workers"),
    (["--cors", "not an origin"], "--cors"),
    (["--update-token-env", "NOT A NAME"], "--update-token-env"),
    (["--allow-host", "http://x.example/"], "--allow-host"),
    (["--allow-host", "x.example:99999"], "--allow-host"),
    (["--max-value-size", "0"], "--max-value-size"),
    (["--max-result-size", "-3"], "--max-result-size"),
    (["--max-value-size", "100", "--max-result-size", "10"], "--max-value-size"),
    (["--query-memory", "10"], "--query-memory"),
    (["--query-memory", "99999999999999"], "--query-memory"),
]


@pytest.mark.parametrize(
    ("options", "named"), BAD_OPTIONS, ids=[" ".join(o) for o, _ in BAD_OPTIONS]
)
def test_a_bad_serve_option_is_one_line_before_anything_starts(
    options: list[str], named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a bad option must be refused before the data is loaded")

    monkeypatch.setattr("partnergraph.server.app.make_pool", never)
    monkeypatch.setattr("partnergraph.server.launch.make_pool", never)
    monkeypatch.setattr("partnergraph.server.launch._listen", never)
    result = runner.invoke(cli, ["serve", *options])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert named in lines[0] and "Traceback" not in result.output


def test_serve_in_python_refuses_a_bad_port_with_server_error() -> None:
    with pytest.raises(ServerError, match="--port"):
        serve(port=-1)
    with pytest.raises(ServerError, match="--log-level"):
        serve(log_level="loud")


@pytest.mark.slow
def test_partnergraph_serve_refuses_a_bad_port_in_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partnergraph.cli", "serve", "--port", "70000"],
        capture_output=True,
        text=True,
        env={**os.environ, "PARTNERGRAPH_LANG": "en"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: --port") and done.stderr.count("\n") == 1


# --- against real servers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, Server]]:
    """One with a short time limit, small caps and little memory; one behind a named proxy."""
    with running_servers(
        (
            (
                "--timeout",
                "2",
                "--queue-timeout",
                "1",
                "--max-value-size",
                "1",
                "--max-result-size",
                "4",
                "--query-memory",
                "64",
            ),
            None,
        ),
        (("--allow-host", "data.example.org", "--workers", "1", "--spare-workers", "0"), None),
    ) as (limited, named):
        yield {"limited": limited, "named": named}


def _client(server: Server, address: str, timeout: float = 60) -> httpx.Client:
    """A client connecting from its own loopback address, as another machine would."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=server.base, timeout=timeout, transport=transport)


def _ask(server: Server, query: str, address: str = "127.0.0.1") -> httpx.Response:
    with _client(server, address) as http:
        return http.get(
            "/sparql",
            params={"query": query},
            headers={"accept": "text/csv", "accept-language": "en"},  # pinned English wording
        )


@pytest.mark.slow
def test_host_header_over_real_http(servers: dict[str, Server]) -> None:
    server = servers["limited"]
    port = server.base.rsplit(":", 1)[1]
    for name in ("127.0.0.1", "localhost", "[::1]"):
        ok = httpx.get(f"{server.base}/sparql?query=ASK{{}}", headers={"host": f"{name}:{port}"})
        assert ok.status_code == 200, name
    refused = httpx.get(f"{server.base}/", headers={"host": f"rebound.example:{port}"})
    assert refused.status_code == 400 and "Afvist" in refused.text
    named = servers["named"]
    assert httpx.get(f"{named.base}/api/queries", headers={"host": "data.example.org"}).is_success
    assert httpx.get(f"{named.base}/api/queries", headers={"host": "x.example"}).status_code == 400


@pytest.mark.slow
def test_reworded_runaways_do_not_take_the_workers(servers: dict[str, Server]) -> None:
    server = servers["limited"]
    # A runaway from one client is stopped at the limit...
    first = _ask(server, RUNAWAY, "127.0.0.2")
    assert first.status_code == 503 and "limit of 2 s" in first.text
    # ...and then refused without running, however it is reworded and whoever sends it.
    for rewording in sorted(REWORDINGS):
        again = _ask(server, REWORDINGS[rewording], "127.0.0.3")
        assert again.status_code == 503 and "not run again" in again.text, rewording
        assert int(again.headers["retry-after"]) > 0

    # Reworded so that no fingerprint can tell (one more FILTER each), the client that overran
    # gets at most one worker at a time: of two at once, one runs and is stopped, the other
    # waits for that one worker and gives up (busy), or finds the client refused outright.
    answers: list[httpx.Response] = []

    def send(number: int) -> None:
        query = RUNAWAY.replace("?i }", f"?i FILTER(?a != <urn:attempt:{number}>) }}")
        answers.append(_ask(server, query, "127.0.0.2"))

    attempts = [threading.Thread(target=send, args=(n,)) for n in range(2)]
    for thread in attempts:
        thread.start()
    time.sleep(0.3)
    other = _ask(server, PG + "ASK { ?p a pg:Partnership }", "127.0.0.4")
    for thread in attempts:
        thread.join()
    assert other.status_code == 200  # another client had a worker all along
    stopped = [a for a in answers if "limit of 2 s" in a.text]
    assert len(stopped) == 1, [a.text for a in answers]
    waited = next(a for a in answers if a is not stopped[0])
    assert waited.status_code == 503
    assert "busy" in waited.text or "in a row" in waited.text, waited.text

    # Two stops in a row: that client's queries are refused until the cool-down has passed,
    # even a harmless one; other clients and the query library are not.
    blocked = _ask(server, "ASK {}", "127.0.0.2")
    assert blocked.status_code == 503 and "in a row" in blocked.text
    assert int(blocked.headers["retry-after"]) > 0
    assert _ask(server, "ASK {}", "127.0.0.5").status_code == 200
    with _client(server, "127.0.0.2") as http:
        assert http.get("/api/queries/partnerships").status_code == 200


@pytest.mark.slow
def test_two_rewordings_of_a_new_runaway_never_run_side_by_side(
    servers: dict[str, Server],
) -> None:
    server = servers["limited"]
    runaway = RUNAWAY.replace("?i }", "?i . ?j ?k ?l }")  # not seen by this server yet
    answers: list[httpx.Response] = []

    def send(address: str, comment: str) -> None:
        answers.append(_ask(server, f"{runaway} # {comment}", address))

    attempts = [
        threading.Thread(target=send, args=(address, address))
        for address in ("127.0.0.8", "127.0.0.9")
    ]
    for thread in attempts:
        thread.start()
    time.sleep(0.3)
    other = _ask(server, PG + "ASK { ?p a pg:Partnership }", "127.0.0.10")
    for thread in attempts:
        thread.join()
    assert other.status_code == 200  # the second rewording did not take the other worker
    stopped = [a for a in answers if "limit of 2 s" in a.text]
    assert len(stopped) == 1, [a.text for a in answers]
    waited = next(a for a in answers if a is not stopped[0])
    assert waited.status_code == 503
    assert "not run again" in waited.text or "busy" in waited.text, waited.text


def _nested_replace(levels: int) -> str:
    """A string of 10**levels characters, built by nested REPLACE from ten."""
    text = '"aaaaaaaaaa"'
    for _ in range(levels - 1):
        text = f'REPLACE({text}, "a", "aaaaaaaaaa")'
    return text


@pytest.mark.slow
def test_a_value_larger_than_the_cap_is_refused_with_413(servers: dict[str, Server]) -> None:
    server = servers["limited"]
    big = _ask(server, f"SELECT ?v WHERE {{ BIND({_nested_replace(7)} AS ?v) }}", "127.0.0.6")
    assert big.status_code == 413 and "value" in big.text and "1 MB" in big.text
    # Ten values of 0.5 MB: each fits, the answer (4 MB at most) does not.
    rows = " ".join(str(n) for n in range(10))
    half = f"SUBSTR({_nested_replace(6)}, 1, 500000)"
    many = _ask(server, f"SELECT ?n ?v WHERE {{ VALUES ?n {{ {rows} }} BIND({half} AS ?v) }}")
    assert many.status_code == 413 and "answer" in many.text and "4 MB" in many.text
    # Below the caps, the same kind of query is answered.
    fits = _ask(server, f"SELECT (STRLEN({_nested_replace(6)}) AS ?n) {{}}")
    assert fits.status_code == 200 and str(10**6) in fits.text


@pytest.mark.slow
def test_a_query_that_needs_too_much_memory_is_stopped_and_the_server_goes_on(
    servers: dict[str, Server],
) -> None:
    server = servers["limited"]
    for levels in (9, 10):  # 10**9 and 10**10 characters: 1 and 10 GB
        huge = _ask(server, f"SELECT (STRLEN({_nested_replace(levels)}) AS ?n) {{}}", "127.0.0.7")
        assert huge.status_code == 500, huge.text
        assert "more memory than this server allows" in huge.text
    assert _ask(server, "ASK {}", "127.0.0.7").status_code == 200
    deadline = time.monotonic() + 30
    while "ran out of the memory" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "ran out of the memory a query may use; its worker process was stopped and replaced" in (
        server.log.read_text()
    )
