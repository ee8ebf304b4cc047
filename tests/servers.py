"""Real SPARQL servers for the tests, and a tiny fake one.

* ``oxigraph_server`` and ``virtuoso_server`` (session fixtures) start Oxigraph (the ``oxigraph``
  command of the PyPI package ``oxigraph``) and OpenLink Virtuoso 7 (Debian
  ``virtuoso-opensource-7``) on 127.0.0.1, on free ports, with their data in temporary
  directories, wait until they answer, and stop them by process id at the end of the session.
  A missing server binary skips the tests that need it, saying why; under CI (``CI=true``) it
  fails them instead, because ``.ci/run`` installs both.
* :class:`FakeEndpoint` is an HTTP server in a thread on 127.0.0.1 that records every request
  and answers as a test function says: for error mapping, authentication and "no request goes
  anywhere else" checks.

Test modules import the fixtures by their function names (``_oxigraph_server``...), which
registers them under the names without the underscore.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NoReturn
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # what a fresh Virtuoso database starts with
VIRTUOSO_MAX_ROWS = 3000
"""ResultSetMaxRows of the test Virtuoso: above the bundled data (2,215 triples), below
everything it holds (with its system graphs), so that the row cap can be seen."""


@dataclass
class Server:
    """A running server and its endpoints."""

    name: str
    base: str
    query: str
    """SPARQL query endpoint."""
    update: str
    """SPARQL Update endpoint (Virtuoso: with digest authentication)."""
    store: str
    """Graph Store Protocol endpoint (Virtuoso: with digest authentication)."""
    process: subprocess.Popen[bytes]
    started_in: float
    """Seconds from launch until the server answered."""


def _missing(what: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what}, and CI=true: .ci/run must install it")
    pytest.skip(what)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"the server exited with {process.returncode} before answering:\n{tail}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    _stop(process)
    pytest.fail(f"the server did not answer {url} within {limit:g} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the process we started, by its id: politely, then firmly."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def _oxigraph_binary() -> str | None:
    # The venv's bin folder is not on PATH when pytest runs as .venv/bin/python -m pytest.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("oxigraph", path=path)


@pytest.fixture(scope="session", name="oxigraph_server")
def _oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = _oxigraph_binary()
    if binary is None:
        _missing("Oxigraph server not installed (pip install oxigraph)")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = folder / "server.log"
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/query?query=ASK%7B%7D", process, log, 30)
        yield Server(
            "oxigraph",
            base,
            query=f"{base}/query",
            update=f"{base}/update",
            store=f"{base}/store",
            process=process,
            started_in=time.monotonic() - started,
        )
    finally:
        _stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="session", name="virtuoso_server")
def _virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        _missing("Virtuoso 7 not installed (Debian package virtuoso-opensource-7; see .ci/run)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(
            dir=folder, sql_port=sql_port, http_port=http_port, max_rows=VIRTUOSO_MAX_ROWS
        ),
        encoding="utf-8",
    )
    log = folder / "server.log"
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process, log, 60)
        yield Server(
            "virtuoso",
            base,
            query=f"{base}/sparql",
            update=f"{base}/sparql-auth",
            store=f"{base}/sparql-graph-crud-auth",
            process=process,
            started_in=time.monotonic() - started,
        )
    finally:
        _stop(process)


# ---------------------------------------------------------------------------------------------
# A fake endpoint
# ---------------------------------------------------------------------------------------------


@dataclass
class Recorded:
    """One request as the fake endpoint saw it."""

    method: str
    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, list[str]]:
        """The body's fields, if it was a URL-encoded form."""
        if "x-www-form-urlencoded" not in self.headers.get("content-type", ""):
            return {}
        return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)


Reply = tuple[int, dict[str, str], bytes]
Responder = Callable[[Recorded], Reply]


def json_reply(document: str, status: int = 200) -> Reply:
    return status, {"Content-Type": "application/sparql-results+json"}, document.encode("utf-8")


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (a timeout test) is no error worth a traceback."""


@dataclass
class FakeEndpoint:
    """An HTTP server on 127.0.0.1 in a thread: records requests, answers with ``respond``."""

    respond: Responder
    requests: list[Recorded] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeEndpoint:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                seen = Recorded(
                    self.command,
                    parts.path,
                    parse_qs(parts.query, keep_blank_values=True),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                endpoint.requests.append(seen)
                status, headers, payload = endpoint.respond(seen)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_OPTIONS = do_HEAD = do_DELETE = _handle

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = _QuietServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False
        threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
        self._server = server
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()
