"""Every mistake a user can make gets one line that says what is wrong, never a traceback.

Without ``--debug`` an error is one line on stderr starting with ``error:`` and a non-zero
exit code; with ``--debug`` the exception itself propagates, for the developer. Queries never
reach outside the loaded graph: a real TCP listener proves that no request is even attempted.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from partnergraph import (
    DataError,
    OutputError,
    ParameterError,
    PartnerGraph,
    PartnergraphError,
    QueryError,
    QuerySyntaxError,
    UnknownEntityError,
    UnknownQueryError,
    UnsafeQueryError,
)
from partnergraph.cli.app import app

REPO = Path(__file__).absolute().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "cli"
BAD = FIXTURES / "bad"
TINY = FIXTURES / "tiny"
MEMBERS_QUERY = FIXTURES / "queries" / "members.rq"

# No proxy: if a request were ever made, it would go straight to the listener and be seen.
# English messages: these tests pin the wording of each error; Danish is tested in test_danish.py.
runner = CliRunner(
    env={
        "COLUMNS": "200",
        "PARTNERGRAPH_LANG": "en",
        "http_proxy": None,
        "https_proxy": None,
        "HTTP_PROXY": None,
        "HTTPS_PROXY": None,
        "NO_PROXY": "*",
        "no_proxy": "*",
    }
)


@pytest.fixture(autouse=True, scope="module")
def _bundled_graph_loaded_once() -> Iterator[None]:
    """Load the bundled graph once for this module instead of once per command.

    What is tested here is how errors are reported; test_cli.py runs every command on a
    freshly loaded graph. Files given with --data are still loaded for real, every time.
    """
    original = PartnerGraph.load.__func__  # type: ignore[attr-defined]
    loaded: list[PartnerGraph] = []

    def load(cls: type[PartnerGraph], data: Any = None, store: Any = None) -> PartnerGraph:
        if data is not None or store is not None:
            return original(cls, data, store=store)  # type: ignore[no-any-return]
        if not loaded:
            loaded.append(original(cls, None))
        return loaded[0]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PartnerGraph, "load", classmethod(load))
        yield


def invoke(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def error_line(result: Any, *needles: str, code: int = 2) -> str:
    """Assert a clean failure: exit code, one ``error:`` line on stderr, no traceback."""
    shown = f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exit_code == code != 0, shown
    # The CLI exited on purpose; any other exception would have been a crash.
    assert isinstance(result.exception, SystemExit), f"{result.exception!r}\n{shown}"
    assert "Traceback" not in result.output
    assert result.stdout == "", shown
    lines = result.stderr.splitlines()
    assert len(lines) == 1, shown
    assert lines[0].startswith("error: "), shown
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"
    return str(lines[0])


def debug_raises(args: tuple[str | Path, ...], expected: type[Exception]) -> Exception:
    """With --debug the exception propagates instead of becoming one line."""
    result = invoke("--debug", *args)
    exc = result.exception
    assert result.exit_code != 0
    assert isinstance(exc, expected), repr(exc)
    assert not result.stderr.startswith("error: ")
    return exc


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str | Path, ...]
    needles: tuple[str, ...]
    error: type[PartnergraphError]


CASES = [
    # --- data files --------------------------------------------------------------------------
    Case(
        "malformed-turtle",
        ("--data", BAD / "malformed.ttl", "stats"),
        ("malformed.ttl:10:", "malformed Turtle"),  # the bad line is line 10
        DataError,
    ),
    Case(
        "non-utf8-data",
        ("--data", BAD / "latin1.ttl", "stats"),
        ("latin1.ttl:6:", "not UTF-8"),
        DataError,
    ),
    Case(
        "unknown-suffix",
        ("--data", BAD / "partners.csv", "stats"),
        ("partners.csv", "unknown RDF file type '.csv'", ".ttl"),
        DataError,
    ),
    Case(
        "missing-data-path",
        ("--data", FIXTURES / "no-such-file.ttl", "query", "themes"),
        ("no-such-file.ttl", "no such file or folder"),
        DataError,
    ),
    Case(
        "folder-without-rdf",
        ("--data", FIXTURES / "queries", "stats"),
        ("queries", "holds no RDF files"),
        DataError,
    ),
    Case(
        "jsonld-remote-context",
        ("--data", BAD / "remote-context.jsonld", "stats"),
        ("remote @context", "https://w3id.org/partnergraph/context.jsonld", "never fetched"),
        DataError,
    ),
    # --- naming a query ----------------------------------------------------------------------
    Case(
        "unknown-query-name",
        ("query", "renewal-due"),
        ("'renewal-due'", "did you mean renewals-due"),
        UnknownQueryError,
    ),
    Case("no-query-given", ("query",), ("give exactly one of",), ParameterError),
    Case(
        "two-queries-given",
        ("query", "themes", "--sparql", "ASK {}"),
        ("give exactly one of",),
        ParameterError,
    ),
    Case(
        "missing-query-file",
        ("query", "--file", FIXTURES / "no-such-query.rq"),
        ("no-such-query.rq", "no such query file"),
        ParameterError,
    ),
    Case(
        "non-utf8-query-file",
        ("query", "--file", BAD / "latin1.rq"),
        ("latin1.rq:3:", "not UTF-8"),
        QueryError,
    ),
    Case(
        "bad-parameter-declaration",
        ("query", "--file", BAD / "bad-parameter.rq"),
        ("bad-parameter.rq:2:", "bad parameter declaration", "date, string, integer"),
        QueryError,
    ),
    # --- SPARQL text -------------------------------------------------------------------------
    Case(
        "malformed-sparql-file",
        ("query", "--file", BAD / "unbalanced.rq"),
        ("malformed SPARQL", "line 5, column 3"),
        QuerySyntaxError,
    ),
    Case(
        "malformed-sparql-text",
        ("query", "--sparql", "SELECT ?x\nWHERE { ?x a }"),
        ("malformed SPARQL", "line 2, column"),
        QuerySyntaxError,
    ),
    Case(
        "unknown-prefix",
        ("query", "--sparql", "SELECT ?x WHERE { ?x a nope:Thing }"),
        ("malformed SPARQL", "nope"),
        QuerySyntaxError,
    ),
    Case(
        "insert-data-refused",
        ("query", "--sparql", "INSERT DATA { pgid:x a pg:Partnership }"),
        ("updates", "refused"),
        UnsafeQueryError,
    ),
    Case(
        "delete-where-refused",
        ("query", "--sparql", "DELETE WHERE { ?s ?p ?o }"),
        ("updates", "refused"),
        UnsafeQueryError,
    ),
    Case(
        "from-local-file-refused",
        ("query", "--sparql", "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }"),
        ("FROM <file:///etc/hostname>", "not loaded", "--allow-remote"),
        UnsafeQueryError,
    ),
    Case(
        "from-named-local-file-refused",
        ("query", "--sparql", "SELECT * FROM NAMED <file:///etc/hostname> WHERE { ?s ?p ?o }"),
        ("FROM <file:///etc/hostname>", "not loaded"),
        UnsafeQueryError,
    ),
    Case(
        "from-prefixed-local-file-refused",
        (
            "query",
            "--sparql",
            "PREFIX etc: <file:///etc/> SELECT * FROM etc:hostname WHERE { ?s ?p ?o }",
        ),
        ("FROM <file:///etc/hostname>", "not loaded"),
        UnsafeQueryError,
    ),
    Case(
        "from-relative-to-base-refused",
        ("query", "--sparql", "BASE <file:///etc/> ASK FROM <hostname> { ?s ?p ?o }"),
        ("FROM <file:///etc/hostname>", "not loaded"),
        UnsafeQueryError,
    ),
    # --- parameters --------------------------------------------------------------------------
    Case(
        "missing-required-parameter",
        ("query", "stakeholders"),
        ("'partnership'", "(entity)", "--param partnership=VALUE"),
        ParameterError,
    ),
    Case(
        "parameter-not-a-date",
        ("query", "renewals-due", "--param", "before=notadate"),
        ("'before'", "must be a date", "'notadate'"),
        ParameterError,
    ),
    Case(
        "parameter-impossible-date",
        ("query", "renewals-due", "-p", "before=2025-02-30"),
        ("'before'", "'2025-02-30'", "not a real date"),
        ParameterError,
    ),
    Case(
        "parameter-not-a-language",
        ("query", "themes", "--lang", "Danish!"),
        ("unknown language", "'Danish!'", "da or en"),
        ParameterError,
    ),
    Case(
        "unknown-parameter",
        ("query", "renewals-due", "-p", "colour=red"),
        ("no parameter 'colour'", "before, lang"),
        ParameterError,
    ),
    Case(
        "parameter-without-equals",
        ("query", "renewals-due", "-p", "before"),
        ("'before'", "KEY=VALUE"),
        ParameterError,
    ),
    Case(
        "parameter-with-sparql-text",
        ("query", "--sparql", "ASK {}", "-p", "before=2025"),
        ("--param works with named queries and query files only",),
        ParameterError,
    ),
    Case(
        "entity-parameter-not-found",
        ("query", "--file", MEMBERS_QUERY, "-p", "partnership=Atlantis"),
        ("'Atlantis'",),
        UnknownEntityError,
    ),
    # --- formats -----------------------------------------------------------------------------
    Case(
        "unknown-results-format",
        ("query", "themes", "--format", "docx"),
        ("'docx'", "table, csv, tsv, json, md, xlsx, csv-excel"),
        ParameterError,
    ),
    Case(
        "graph-format-for-a-select",
        ("query", "themes", "--format", "ttl"),
        ("'ttl'", "table, csv, tsv, json, md"),
        ParameterError,
    ),
    Case(
        "results-format-for-a-construct",
        ("query", "--sparql", "CONSTRUCT WHERE { ?s a pg:Partnership }", "-f", "csv"),
        ("'csv'", "ttl, nt, jsonld, xml, trig"),
        ParameterError,
    ),
    Case(
        "unknown-export-format",
        ("export", "-f", "owl"),
        ("'owl'", "ttl, nt, jsonld, xml, trig"),
        ParameterError,
    ),
    Case(
        "unknown-queries-format",
        ("queries", "-f", "csv"),
        ("'csv'", "table, json or md"),
        ParameterError,
    ),
    Case(
        "unknown-describe-format",
        ("describe", "x", "-f", "md"),
        ("'md'", "table or json"),
        ParameterError,
    ),
    Case(
        "unknown-stats-format", ("stats", "-f", "csv"), ("'csv'", "table or json"), ParameterError
    ),
    Case(
        "unknown-validate-format",
        ("validate", "-f", "html"),
        ("'html'", "text or json"),
        ParameterError,
    ),
    Case(
        "xml-cannot-carry-control-characters",
        ("query", "--sparql", 'CONSTRUCT { pgid:x skos:note "bell\\b" } WHERE {}', "-f", "xml"),
        ("RDF/XML cannot contain the control characters", "ttl, nt, jsonld or trig"),
        ParameterError,
    ),
    # --- describe ----------------------------------------------------------------------------
    Case(
        "describe-nothing-by-that-name",
        ("describe", "VIA Univercity Colege"),
        (
            "nothing in the graph is called 'VIA Univercity Colege'",
            "did you mean",
            "VIA University College",
        ),
        UnknownEntityError,
    ),
    Case(
        "describe-unknown-iri",
        ("describe", "pgid:no-such-thing"),
        ("'pgid:no-such-thing'",),
        UnknownEntityError,
    ),
    Case(
        "describe-ambiguous-label",
        ("--data", TINY, "describe", "Tiny"),
        ("'Tiny' is ambiguous", "pgid:tiny-college", "pgid:tiny-partnership"),
        UnknownEntityError,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_error_is_one_line_without_traceback(case: Case) -> None:
    error_line(invoke(*case.args), *case.needles)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_error_propagates_with_debug(case: Case) -> None:
    exc = debug_raises(case.args, case.error)
    for needle in case.needles:
        assert needle in str(exc)


def test_malformed_turtle_names_the_file_and_the_line() -> None:
    line = error_line(invoke("--data", BAD / "malformed.ttl", "query", "themes"))
    assert line.startswith(f"error: {BAD / 'malformed.ttl'}:10: ")
    bad_line = (BAD / "malformed.ttl").read_text(encoding="utf-8").splitlines()[9]
    assert "skos:altLabel =" in bad_line  # the fixture's error really is on line 10


def test_debug_error_keeps_the_file_and_line_as_attributes() -> None:
    exc = debug_raises(("--data", BAD / "malformed.ttl", "stats"), DataError)
    assert isinstance(exc, DataError)
    assert exc.line == 10
    assert exc.path is not None and exc.path.endswith("malformed.ttl")


def test_malformed_sparql_keeps_line_and_column_as_attributes() -> None:
    exc = debug_raises(("query", "--file", BAD / "unbalanced.rq"), QuerySyntaxError)
    assert isinstance(exc, QuerySyntaxError)
    assert (exc.line, exc.column) == (5, 3)


def test_unknown_query_suggests_the_nearest_names() -> None:
    exc = debug_raises(("query", "partnership"), UnknownQueryError)
    assert isinstance(exc, UnknownQueryError)
    assert "partnerships" in exc.suggestions
    assert len(exc.suggestions) <= 3


# --- no request ever leaves the machine -------------------------------------------------------


class Listener:
    """A real TCP server on 127.0.0.1 that records every connection made to it."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._deadline = time.monotonic() + timeout
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                conn, address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:  # close at once: a client that got through fails fast
                self.connections.append(address)

    def close(self) -> list[tuple[str, int]]:
        """Stop, then collect any connection still waiting in the backlog (idempotent)."""
        if self._stop.is_set():
            return self.connections
        self._stop.set()
        self._thread.join(5)
        self.sock.setblocking(False)
        while True:
            try:
                conn, address = self.sock.accept()
            except OSError:
                break
            conn.close()
            self.connections.append(address)
        self.sock.close()
        return self.connections


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def test_listener_sees_a_connection_when_one_is_made(listener: Listener) -> None:
    # The control for the tests below: --allow-remote really does let SERVICE go out.
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}sparql> {{ ?s ?p ?o }} }}"
    result = invoke("query", "--allow-remote", "--sparql", query)
    assert listener.close() != []
    error_line(result, "the engine could not evaluate this query")  # the server hung up


UNSAFE_QUERIES = {
    "service": "SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
    "service-silent": "SELECT * WHERE {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}",
    "service-prefixed": "PREFIX r: <{url}> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    "service-in-filter-exists": (
        "SELECT ?s WHERE {{ ?s a pg:Partnership "
        "FILTER EXISTS {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }} }}"
    ),
    "service-in-subquery": (
        "SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}x> {{ ?s ?p ?o }} }} }} }}"
    ),
    "from": "SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
    "from-named": "SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "from-prefixed": "PREFIX r: <{url}> ASK FROM r:data.ttl {{ ?s ?p ?o }}",
    "construct-from": "CONSTRUCT {{ ?s ?p ?o }} FROM <{url}x> WHERE {{ ?s ?p ?o }}",
    "load": "LOAD <{url}data.ttl>",
    "load-into-graph": "LOAD SILENT <{url}data.ttl> INTO GRAPH <urn:x>",
}


@pytest.mark.parametrize("template", UNSAFE_QUERIES.values(), ids=list(UNSAFE_QUERIES))
def test_query_reaching_outside_is_refused_before_any_request(
    listener: Listener, template: str
) -> None:
    result = invoke("query", "--sparql", template.format(url=listener.url))
    assert listener.close() == [], "a request was made"
    line = error_line(result)
    assert "refused" in line or "not loaded" in line


REMOTE_CONTEXTS = {
    "context-url": '{{"@context": "{url}context.jsonld", "@id": "urn:x", "urn:p": "v"}}',
    "context-list": (
        '{{"@context": [{{"pg": "https://w3id.org/partnergraph/ontology#"}}, "{url}c.jsonld"],'
        ' "@id": "urn:x", "urn:p": "v"}}'
    ),
    "context-import": (
        '{{"@context": {{"@version": 1.1, "@import": "{url}c.jsonld"}},'
        ' "@id": "urn:x", "urn:p": "v"}}'
    ),
    "scoped-context": (
        '{{"@context": {{"t": {{"@id": "urn:t", "@context": "{url}c.jsonld"}}}},'
        ' "@id": "urn:x", "t": {{"@id": "urn:y"}}}}'
    ),
    "nested-node-context": (
        '{{"@graph": [{{"@context": "{url}c.jsonld", "@id": "urn:x", "urn:p": "v"}}]}}'
    ),
}


@pytest.mark.parametrize("template", REMOTE_CONTEXTS.values(), ids=list(REMOTE_CONTEXTS))
def test_jsonld_with_a_remote_context_is_refused_without_a_request(
    listener: Listener, tmp_path: Path, template: str
) -> None:
    document = tmp_path / "remote.jsonld"
    document.write_text(template.format(url=listener.url), encoding="utf-8")
    json.loads(document.read_text(encoding="utf-8"))  # the fixture itself is valid JSON
    result = invoke("--data", document, "stats")
    assert listener.close() == [], "the context was fetched"
    error_line(result, "remote.jsonld", "remote @context", listener.url)


def test_allow_remote_failure_to_load_a_from_graph_is_one_line(tmp_path: Path) -> None:
    # rdflib (the memory store) tries to fetch a FROM graph it does not hold; Oxigraph never
    # fetches and reads such a graph as empty.
    missing = (tmp_path / "missing.ttl").as_uri()
    query = f"SELECT * FROM <{missing}> WHERE {{ ?s ?p ?o }}"
    args = ("--store", "memory", "query", "--allow-remote", "--sparql", query)
    error_line(invoke(*args), "could not", missing)


# --- output files ------------------------------------------------------------------------------


def test_output_into_a_missing_folder_fails_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "themes.csv"
    args = ("query", "themes", "-f", "csv", "--output", target)
    error_line(invoke(*args), str(target), "does not exist")
    assert list(tmp_path.iterdir()) == []
    debug_raises(args, OutputError)
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_folder_fails_and_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    error_line(invoke("export", "-f", "nt", "-o", target), "taken", "cannot write")
    assert list(tmp_path.iterdir()) == [target]
    assert list(target.iterdir()) == []


def test_failed_export_leaves_an_existing_output_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "graph.rdf"
    target.write_text("previous export\n", encoding="utf-8")
    query = 'CONSTRUCT { pgid:x skos:note "bell\\b" } WHERE {}'
    error_line(invoke("query", "--sparql", query, "-f", "xml", "-o", target), "RDF/XML")
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert list(tmp_path.iterdir()) == [target]


# --- inputs are read, never written --------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_input_files_are_never_modified(tmp_path: Path) -> None:
    before = _digests(FIXTURES)
    assert before  # the fixtures are there to be hashed
    runs = [
        ("--data", TINY, "query", "--file", MEMBERS_QUERY, "-p", "partnership=Tiny", "-f", "csv"),
        ("--data", TINY, "export", "-f", "trig", "-o", tmp_path / "out.trig"),
        ("--data", TINY / "tiny-partnership.ttl", "describe", "Tiny test partnership"),
        ("--data", TINY, "stats", "-f", "json"),
        ("--data", BAD / "malformed.ttl", "stats"),
        ("--data", BAD / "latin1.ttl", "stats"),
        ("query", "--file", BAD / "latin1.rq"),
    ]
    for args in runs:
        invoke(*args)
    assert _digests(FIXTURES) == before
    assert (tmp_path / "out.trig").stat().st_size > 0
