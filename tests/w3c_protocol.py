"""Our runner for the W3C SPARQL 1.1 Protocol tests, plus a helper that starts test servers.

The suite (w3c/rdf-tests, ``sparql/sparql11/protocol/manifest.ttl``) describes each test as
HTTP requests and the response expected: a status class, and for some a result format
(``boolean``, ``tabular``, ``RDF``) and an ASK answer. :data:`CASES` writes each of its 34
tests down as such requests, in the manifest's order; :func:`run_case` sends them to an
endpoint (the manifest's ``/sparql/`` becomes the endpoint's URL) and checks what the manifest
says to check.

Update tests need a server started with ``--allow-update``; the runner adds the
``Authorization: Bearer`` header the server then asks for (the only change to the requests).
They, and the ``bad_update_*`` tests, go to that server, so that a 4xx there comes from
checking the request and not from the read-only guard.

Run it alone against servers it starts itself (or against your own endpoints)::

    .venv/bin/python tests/w3c_protocol.py
    .venv/bin/python tests/w3c_protocol.py http://127.0.0.1:8000/sparql [UPDATE_URL TOKEN]

The data: graphs ``data0.rdf`` to ``data3.rdf`` (tests/fixtures/server/w3c-protocol.trig; the
suite's own data1-3.nt are used instead when a fetched copy of the suite is at
:data:`SUITE_GIT`).
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import dedent
from urllib.parse import quote

import httpx
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "server" / "w3c-protocol.trig"
SUITE_GIT = Path(os.environ.get("W3C_RDF_TESTS_GIT", "/work/.mirror/w3c+rdf-tests/repo"))
SUITE_PATH = "sparql/sparql11/protocol"

DATA = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (f"{DATA}data{i}.rdf" for i in range(4))

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"

RESULT_TYPES = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    },
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "text/html"},
}


def params(*pairs: tuple[str, str]) -> str:
    """A query string encoded as in the manifest (``%20`` for spaces)."""
    return "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


@dataclass(frozen=True)
class Step:
    """One request of a test and what its response must be."""

    method: str
    query_string: str = ""
    body: str | None = None
    content_type: str | None = None
    encoding: str = "utf-8"
    status: str = "2xx"
    """``2xx`` (the manifest's StatusCode2xx or 3xx) or ``4xx``."""
    result: str | None = None
    """``boolean``, ``tabular`` or ``RDF`` (mf:expectedFormat)."""
    boolean: bool | None = None


@dataclass(frozen=True)
class Case:
    name: str
    title: str
    steps: tuple[Step, ...]
    update: bool = False
    """Goes to the update server, with the bearer token."""


def _post(
    query_string: str,
    body: str,
    content_type: str | None,
    *,
    status: str = "2xx",
    result: str | None = None,
    boolean: bool | None = None,
    encoding: str = "utf-8",
) -> Step:
    return Step("POST", query_string, body, content_type, encoding, status, result, boolean)


def _get(
    query_string: str,
    *,
    status: str = "2xx",
    result: str | None = None,
    boolean: bool | None = None,
) -> Step:
    return Step("GET", query_string, status=status, result=result, boolean=boolean)


ASK_D1_D2 = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
ASK_NAMED = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
PREFIXES = "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
INSERT_THREE = f"""INSERT DATA {{
    GRAPH <{D1}> {{ <{D1}> a foaf:Document }}
    GRAPH <{D2}> {{ <{D2}> a foaf:Document }}
    GRAPH <{D3}> {{ <{D3}> a foaf:Document }}
}} ;
"""


def _ask_in(graph: str, *, extra: str = "dc:BibliographicResource") -> str:
    """The check after the update_dataset_* tests: data1 and data2 copied, data3 not."""
    bib = "<http://purl.org/dc/terms/BibliographicResource>"
    return f"""ASK {{
    GRAPH <{graph}> {{
        <{D1}> a {bib} .
        <{D2}> a {bib} .
    }}
    FILTER NOT EXISTS {{
        GRAPH <{graph}> {{
            <{D3}> a {bib} .
        }}
    }}
}}"""


CASES: tuple[Case, ...] = (
    Case(
        "query_post_form",
        "query via URL-encoded POST",
        (
            _post(
                params(("default-graph-uri", D0)),
                "query=ASK%20%7B%7D",
                FORM,
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_dataset_default_graphs_get",
        "GET query with protocol-specified default graph",
        (
            _get(
                params(("query", ASK_D1_D2), ("default-graph-uri", D1), ("default-graph-uri", D2)),
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_dataset_default_graphs_post",
        "POST query with protocol-specified default graphs",
        (
            _post(
                params(("default-graph-uri", D1), ("default-graph-uri", D2)),
                ASK_D1_D2,
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_dataset_named_graphs_post",
        "POST query with protocol-specified named graphs",
        (
            _post(
                params(("named-graph-uri", D1), ("named-graph-uri", D2)),
                ASK_NAMED,
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_dataset_named_graphs_get",
        "GET query with protocol-specified named graphs",
        (
            _get(
                params(("query", ASK_NAMED), ("named-graph-uri", D1), ("named-graph-uri", D2)),
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_dataset_full",
        "query with protocol-specified dataset (both named and default graphs)",
        (
            _post(
                params(("default-graph-uri", D3), ("named-graph-uri", D1), ("named-graph-uri", D2)),
                f"ASK {{\n  <{D3}> a ?type\n  GRAPH ?g1 {{ <{D1}> a ?type }}\n"
                f"  GRAPH ?g2 {{ <{D2}> a ?type }}\n}}",
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_multiple_dataset",
        "query specifying dataset in both query string and protocol; "
        "test for use of protocol-specified dataset",
        (
            _post(
                params(("named-graph-uri", D1), ("named-graph-uri", D2)),
                f"ASK FROM <{D3}> "
                f"{{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}",
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_get",
        "query via GET",
        (
            _get(
                params(("query", "ASK {}"), ("default-graph-uri", D0)),
                result="boolean",
                boolean=True,
            ),
        ),
    ),
    Case(
        "query_content_type_select",
        "query appropriate content type (expect one of: XML, JSON, CSV, TSV)",
        (
            _post(
                params(("default-graph-uri", D0)),
                "SELECT (1 AS ?value) {}",
                QUERY,
                result="tabular",
            ),
        ),
    ),
    Case(
        "query_content_type_ask",
        "query appropriate content type (expect one of: XML, JSON)",
        (_post(params(("default-graph-uri", D0)), "ASK {}", QUERY, result="boolean"),),
    ),
    Case(
        "query_content_type_describe",
        "query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)",
        (
            _post(
                params(("default-graph-uri", D0)),
                "DESCRIBE <http://example.org/>",
                QUERY,
                result="RDF",
            ),
        ),
    ),
    Case(
        "query_content_type_construct",
        "query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)",
        (
            _post(
                params(("default-graph-uri", D0)),
                "CONSTRUCT { <s> <p> 1 } WHERE {}",
                QUERY,
                result="RDF",
            ),
        ),
    ),
    Case(
        "update_dataset_default_graph",
        "update with protocol-specified default graph",
        (
            _post(
                params(("using-graph-uri", D1)),
                PREFIXES
                + dedent(f"""\
                    CLEAR ALL ;
                    INSERT DATA {{
                        GRAPH <{D1}> {{
                            <{D1}> a foaf:Document
                        }}
                    }} ;
                    INSERT {{
                        GRAPH <http://example.org/protocol-update-dataset-test/> {{
                            ?s a dc:BibliographicResource
                        }}
                    }}
                    WHERE {{
                        ?s a foaf:Document
                    }}"""),
                UPDATE,
            ),
            _post(
                "",
                "ASK {\n    GRAPH <http://example.org/protocol-update-dataset-test/> {\n"
                f"        <{D1}> a <http://purl.org/dc/terms/BibliographicResource>\n    }}\n}}",
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
        update=True,
    ),
    Case(
        "update_dataset_default_graphs",
        "update with protocol-specified default graphs",
        (
            _post(
                params(("using-graph-uri", D1), ("using-graph-uri", D2)),
                PREFIXES
                + "DROP ALL ;\n"
                + INSERT_THREE
                + dedent("""\
                    INSERT {
                        GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {
                            ?s a dc:BibliographicResource
                        }
                    }
                    WHERE {
                        ?s a foaf:Document
                    }"""),
                UPDATE,
            ),
            _post(
                "",
                _ask_in("http://example.org/protocol-update-dataset-graphs-test/"),
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
        update=True,
    ),
    Case(
        "update_dataset_named_graphs",
        "update with protocol-specified named graphs",
        (
            _post(
                params(("using-named-graph-uri", D1), ("using-named-graph-uri", D2)),
                PREFIXES
                + "DROP ALL ;\n"
                + INSERT_THREE
                + dedent("""\
                    INSERT {
                        GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {
                            ?s a dc:BibliographicResource
                        }
                    }
                    WHERE {
                        GRAPH ?g {
                            ?s a foaf:Document
                        }
                    }"""),
                UPDATE,
            ),
            _post(
                "",
                _ask_in("http://example.org/protocol-update-dataset-named-graphs-test/"),
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
        update=True,
    ),
    Case(
        "update_dataset_full",
        "update with protocol-specified dataset (both named and default graphs)",
        (
            _post(
                params(("using-graph-uri", D1), ("using-named-graph-uri", D2)),
                PREFIXES
                + "DROP ALL ;\n"
                + INSERT_THREE
                + "INSERT {\n    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n"
                "        ?s <http://example.org/in> ?in\n    }\n}\nWHERE {\n    {\n"
                "        GRAPH ?g { ?s a foaf:Document }\n        BIND(?g AS ?in)\n    }\n"
                '    UNION\n    {\n        ?s a foaf:Document .\n        BIND("default" AS ?in)\n'
                "    }\n}",
                UPDATE,
            ),
            _post(
                "",
                "ASK {\n    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n"
                f'        <{D1}> <http://example.org/in> "default" .\n'
                f"        <{D2}> <http://example.org/in> <{D2}> .\n    }}\n"
                "    FILTER NOT EXISTS {\n"
                "        GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n"
                f"            <{D3}> ?p ?o\n        }}\n    }}\n}}",
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
        update=True,
    ),
    Case(
        "update_post_form",
        "update via URL-encoded POST",
        (_post("", "update=CLEAR+ALL", FORM),),
        update=True,
    ),
    Case(
        "update_post_direct",
        "update via POST directly",
        (_post("", "CLEAR ALL", UPDATE),),
        update=True,
    ),
    Case(
        "update_base_uri",
        'test for service-defined BASE URI ("which MAY be the service endpoint")',
        (
            _post(
                "",
                "CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;\n"
                "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
                "{ <http://example.org/s> <http://example.org/p> <test> } }",
                UPDATE,
            ),
            _post(
                "",
                "ASK {\n    GRAPH <http://example.org/protocol-base-test/> {\n"
                "        <http://example.org/s> <http://example.org/p> ?o\n"
                '        FILTER (isIRI(?o) && STR(?o) != "test")\n    }\n}',
                QUERY,
                result="boolean",
                boolean=True,
            ),
        ),
        update=True,
    ),
    Case(
        "query_post_direct",
        "query via POST directly",
        (_post("", "ASK {}", QUERY, result="boolean", boolean=True),),
    ),
    Case(
        "bad_query_method",
        "invoke query operation with a method other than GET or POST",
        (
            Step(
                "PUT",
                params(("query", "ASK {}"), ("default-graph-uri", D0)),
                content_type=FORM,
                status="4xx",
            ),
        ),
    ),
    Case(
        "bad_multiple_queries",
        "invoke query operation with more than one query string",
        (_get(params(("query", "ASK {}"), ("query", "SELECT * {}")), status="4xx"),),
    ),
    Case(
        "bad_query_wrong_media_type",
        "invoke query operation with a POST with media type that's not url-encoded or "
        "application/sparql-query",
        (_post("", "ASK {}", "text/plain", status="4xx"),),
    ),
    Case(
        "bad_query_missing_form_type",
        "invoke query operation with url-encoded body, but without "
        "application/x-www-form-urlencoded media type",
        (_post("", "query=ASK%20%7B%7D", None, status="4xx"),),
    ),
    Case(
        "bad_query_missing_direct_type",
        "invoke query operation with SPARQL body, but without application/sparql-query media type",
        (_post("", "ASK {}", None, status="4xx"),),
    ),
    Case(
        "bad_query_non_utf8",
        "invoke query operation with direct POST, but with a non-UTF8 encoding (UTF-16)",
        (_post("", "ASK {}", f"{QUERY}; charset=UTF-16", status="4xx", encoding="utf-16"),),
    ),
    Case(
        "bad_query_syntax",
        "invoke query operation with invalid query syntax (4XX result)",
        (_get(params(("query", "ASK {")), status="4xx"),),
    ),
    Case(
        "bad_update_get",
        "invoke update operation with GET",
        (_get(params(("update", "CLEAR ALL")), status="4xx"),),
        update=True,
    ),
    Case(
        "bad_multiple_updates",
        "invoke update operation with more than one update string",
        (_post("", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM, status="4xx"),),
        update=True,
    ),
    Case(
        "bad_update_wrong_media_type",
        "invoke update operation with a POST with media type that's not url-encoded or "
        "application/sparql-update",
        (_post("", "CLEAR NAMED", "text/plain", status="4xx"),),
        update=True,
    ),
    Case(
        "bad_update_missing_form_type",
        "invoke update operation with url-encoded body, but without "
        "application/x-www-form-urlencoded media type",
        (_post("", "update=CLEAR%20NAMED", None, status="4xx"),),
        update=True,
    ),
    Case(
        "bad_update_non_utf8",
        "invoke update operation with direct POST, but with a non-UTF8 encoding",
        (_post("", "CLEAR NAMED", f"{UPDATE}; charset=UTF-16", status="4xx", encoding="utf-16"),),
        update=True,
    ),
    Case(
        "bad_update_syntax",
        "invoke update operation with invalid update syntax",
        (_post("", "update=CLEAR%20XYZ", FORM, status="4xx"),),
        update=True,
    ),
    Case(
        "bad_update_dataset_conflict",
        "invoke update with both using-graph-uri/using-named-graph-uri parameter and "
        "USING/WITH clause",
        (
            _post(
                params(("using-named-graph-uri", "http://example/people")),
                "PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
                "DELETE { ?person foaf:givenName 'Bill' }\n"
                "INSERT { ?person foaf:givenName 'William' }\nWHERE {\n"
                "    ?person foaf:givenName 'Bill'\n}",
                UPDATE,
                status="4xx",
            ),
        ),
        update=True,
    ),
)


# --- running -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    name: str
    status: str  # passed, failed, left out
    detail: str = ""


def run_case(
    case: Case, endpoint: str, *, token: str | None = None, client: httpx.Client | None = None
) -> Outcome:
    """Send the case's requests in order; the first one that disappoints fails the case."""
    own = client is None
    http = client or httpx.Client(timeout=30)
    try:
        for number, step in enumerate(case.steps, start=1):
            problem = _check(step, _send(http, step, endpoint, token if case.update else None))
            if problem:
                return Outcome(case.name, "failed", f"request {number}: {problem}")
        return Outcome(case.name, "passed")
    finally:
        if own:
            http.close()


def _send(http: httpx.Client, step: Step, endpoint: str, token: str | None) -> httpx.Response:
    headers = {}
    if step.content_type:
        headers["Content-Type"] = step.content_type
    if token:
        headers["Authorization"] = f"Bearer {token}"
    content = None if step.body is None else step.body.encode(step.encoding)
    return http.request(step.method, endpoint + step.query_string, content=content, headers=headers)


def _check(step: Step, response: httpx.Response) -> str | None:
    status = response.status_code
    if step.status == "2xx" and not 200 <= status < 400:
        return f"status {status}, expected 2xx or 3xx: {response.text.strip()[:200]}"
    if step.status == "4xx" and not 400 <= status < 500:
        return f"status {status}, expected 4xx"
    if step.result is None:
        return None
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    if media_type not in RESULT_TYPES[step.result]:
        return f"Content-Type {media_type!r} is not a {step.result} result format"
    try:
        if step.result == "boolean":
            answer = _boolean(media_type, response.content)
            if step.boolean is not None and answer is not step.boolean:
                return f"ASK answered {answer}, expected {step.boolean}"
        elif step.result == "tabular":
            _table(media_type, response.content)
        else:
            fmt = {"application/rdf+xml": "xml", "text/turtle": "turtle"}.get(media_type, "nt")
            Graph().parse(data=response.content, format=fmt)
    except (ValueError, KeyError, ET.ParseError) as exc:
        return f"unreadable {step.result} result: {exc}"
    return None


def _boolean(media_type: str, body: bytes) -> bool:
    if media_type.endswith("json"):
        value = json.loads(body)["boolean"]
    else:
        element = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        if element is None or element.text not in ("true", "false"):
            raise ValueError("no <boolean> element")
        value = element.text == "true"
    if not isinstance(value, bool):
        raise ValueError(f"boolean is {value!r}")
    return value


def _table(media_type: str, body: bytes) -> None:
    if media_type.endswith("json"):
        document = json.loads(body)
        if not isinstance(document["head"]["vars"], list):
            raise ValueError("head.vars is not a list")
        if not isinstance(document["results"]["bindings"], list):
            raise ValueError("results.bindings is not a list")
    elif media_type.endswith("xml"):
        if ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}results") is None:
            raise ValueError("no <results> element")
    elif not body.decode("utf-8").splitlines():
        raise ValueError("no header line")


def run_suite(
    endpoint: str, update_endpoint: str | None = None, token: str | None = None
) -> list[Outcome]:
    """Every case: queries against ``endpoint``, updates against ``update_endpoint``."""
    outcomes = []
    with httpx.Client(timeout=30) as client:
        for case in CASES:
            if case.update and update_endpoint is None:
                outcomes.append(Outcome(case.name, "left out", "needs a server with updates on"))
                continue
            target = update_endpoint if case.update and update_endpoint else endpoint
            outcomes.append(run_case(case, target, token=token, client=client))
    return outcomes


# --- the suite's own files ---------------------------------------------------------------------


def _suite_file(name: str) -> str | None:
    if not SUITE_GIT.is_dir():
        return None
    shown = subprocess.run(
        ["git", "--git-dir", str(SUITE_GIT), "show", f"HEAD:{SUITE_PATH}/{name}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return shown.stdout if shown.returncode == 0 else None


def manifest_entries() -> list[str] | None:
    """The test names of the suite's manifest, in order, when a copy of the suite is here."""
    text = _suite_file("manifest.ttl")
    if text is None:
        return None
    manifest = Graph().parse(data=text, format="turtle", publicID=f"http://x/{SUITE_PATH}/")
    names = []
    query = """
        PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#>
        SELECT ?entry WHERE { ?m mf:entries/rdf:rest*/rdf:first ?entry }"""
    for row in manifest.query(query):
        names.append(str(row[0]).rsplit("#", 1)[-1])  # type: ignore[index]
    return names


def write_dataset(folder: Path) -> Path:
    """The tests' data as one TriG file: the suite's data1-3.nt if at hand, else the fixture."""
    target = folder / "w3c-protocol.trig"
    parts = []
    for number in range(1, 4):
        text = _suite_file(f"data{number}.nt")
        if text is None:
            target.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
            return target
        parts.append(f"GRAPH <{DATA}data{number}.rdf> {{\n{text}}}\n")
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    data0 = f"<{D0}> {rdf_type} <http://xmlns.com/foaf/0.1/Document> .\n"
    parts.insert(0, f"GRAPH <{D0}> {{\n{data0}}}\n")
    target.write_text("".join(parts), encoding="utf-8")
    return target


# --- test servers ------------------------------------------------------------------------------


@dataclass
class Server:
    """A ``partnergraph serve`` process on a free 127.0.0.1 port."""

    process: subprocess.Popen[str]
    base: str
    log: Path
    stopped: tuple[int, str] | None = field(default=None)

    @property
    def endpoint(self) -> str:
        return f"{self.base}/sparql"

    def ready(self, timeout: float = 90.0) -> None:
        """Wait for the line announcing the endpoint (the data is loaded by then)."""
        stdout = self.process.stdout
        assert stdout is not None
        readable, _, _ = select.select([stdout], [], [], timeout)
        line = stdout.readline() if readable else ""
        found = re.search(r"(http://\S+?)/?\s", line)
        if not line.startswith(("Åbn http", "Open http")) or found is None:
            self.stop()
            raise RuntimeError(f"the server did not start: {line}{self.log.read_text()}")
        self.base = found.group(1)

    def stop(self) -> tuple[int, str]:
        """Ctrl-C as a terminal sends it (the whole process group); exit code and log."""
        if self.stopped is None:
            try:
                os.killpg(self.process.pid, signal.SIGINT)
                code = self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                code = self.process.wait()
            except ProcessLookupError:
                code = self.process.wait()
            self.stopped = (code, self.log.read_text(encoding="utf-8", errors="replace"))
        return self.stopped


GLOBAL_OPTIONS = ("--data", "-d", "--store", "-s")
"""Options of ``partnergraph`` itself, which go before the command name."""


def serve_command(*args: str) -> list[str]:
    """``python -m partnergraph.cli [--data X] [--store X] serve --port 0 ...``: the options
    given in any order, the global ones moved before ``serve``."""
    front: list[str] = []
    rest: list[str] = []
    given = iter(args)
    for arg in given:
        if arg in GLOBAL_OPTIONS:
            front += [arg, next(given)]
        elif arg.split("=")[0] in GLOBAL_OPTIONS:
            front.append(arg)
        else:
            rest.append(arg)
    return [sys.executable, "-m", "partnergraph.cli", *front, "serve", "--port", "0", *rest]


def launch_server(*args: str, env: dict[str, str] | None = None) -> Server:
    """Start ``partnergraph serve`` with these options; see :meth:`Server.ready`."""
    log = Path(tempfile.mkstemp(prefix="partnergraph-server-", suffix=".log")[1])
    with log.open("w") as stderr:
        process = subprocess.Popen(
            serve_command(*args),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
    return Server(process, "", log)


@contextmanager
def running_servers(
    *specs: tuple[tuple[str, ...], dict[str, str] | None], timeout: float = 90.0
) -> Iterator[list[Server]]:
    """Start several servers at once (options, environment), and stop them all afterwards."""
    servers = [launch_server(*args, env=env) for args, env in specs]
    try:
        for server in servers:
            server.ready(timeout)
        yield servers
    finally:
        for server in servers:
            server.stop()
            server.log.unlink(missing_ok=True)


@contextmanager
def running_server(
    *args: str, env: dict[str, str] | None = None, timeout: float = 90.0
) -> Iterator[Server]:
    """Start a server with these options and stop it afterwards (Ctrl-C)."""
    with running_servers((args, env), timeout=timeout) as (server,):
        yield server


def main(argv: Sequence[str]) -> int:
    if argv:
        outcomes = run_suite(argv[0], *(argv[1:3] if len(argv) >= 3 else ()))
    else:
        token = "w3c-protocol-runner"
        with tempfile.TemporaryDirectory() as folder:
            data = write_dataset(Path(folder))
            with (
                running_server("--data", str(data)) as reader,
                running_server(
                    "--data",
                    str(data),
                    "--allow-update",
                    env={"PARTNERGRAPH_UPDATE_TOKEN": token},
                ) as writer,
            ):
                outcomes = run_suite(reader.endpoint, writer.endpoint, token)
    width = max(len(o.name) for o in outcomes)
    for outcome in outcomes:
        print(f"{outcome.name:<{width}}  {outcome.status:<8}  {outcome.detail}")
    counts = {s: sum(o.status == s for o in outcomes) for s in ("passed", "failed", "left out")}
    print(", ".join(f"{n} {s}" for s, n in counts.items()) + f" of {len(outcomes)}")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
