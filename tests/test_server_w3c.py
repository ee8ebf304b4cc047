"""The W3C SPARQL 1.1 Protocol tests (our runner, tests/w3c_protocol.py) against our server.

Query tests run on the default Oxigraph store and on the rdflib memory store; update tests and
the bad_update_* tests run, in the manifest's order, on a server started with
``--allow-update`` (and the token the runner then sends).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from w3c_protocol import (
    CASES,
    Case,
    Server,
    manifest_entries,
    run_case,
    running_servers,
    write_dataset,
)

pytestmark = pytest.mark.slow  # spawns servers (uvicorn and worker processes)

TOKEN = "w3c-protocol-token"
QUERY_CASES = [c for c in CASES if not c.update]
UPDATE_CASES = [c for c in CASES if c.update]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("w3c"))


@pytest.fixture(scope="module")
def servers(dataset: Path) -> Iterator[dict[str, Server]]:
    """Started together: readers on both stores, and a writer for the update tests."""
    data = ("--data", str(dataset))
    with running_servers(
        ((*data, "--spare-workers", "0"), None),
        ((*data, "--store", "memory", "--spare-workers", "0"), None),
        ((*data, "--allow-update"), {"PARTNERGRAPH_UPDATE_TOKEN": TOKEN}),
    ) as (oxigraph, memory, writer):
        yield {"oxigraph": oxigraph, "memory": memory, "writer": writer}


@pytest.fixture(params=["oxigraph", "memory"])
def reader(request: pytest.FixtureRequest, servers: dict[str, Server]) -> Server:
    return servers[request.param]


@pytest.fixture
def writer(servers: dict[str, Server]) -> Server:
    return servers["writer"]


def test_every_test_of_the_manifest_is_encoded() -> None:
    names = manifest_entries()
    if names is None:
        pytest.skip("no copy of w3c/rdf-tests here to compare with")
    assert [c.name for c in CASES] == names


@pytest.mark.parametrize("case", QUERY_CASES, ids=lambda c: c.name)
def test_query_case(reader: Server, case: Case) -> None:
    outcome = run_case(case, reader.endpoint)
    assert outcome.status == "passed", outcome.detail


@pytest.mark.parametrize("case", UPDATE_CASES, ids=lambda c: c.name)
def test_update_case(writer: Server, case: Case) -> None:
    outcome = run_case(case, writer.endpoint, token=TOKEN)
    assert outcome.status == "passed", outcome.detail


def test_bad_update_statuses_come_from_the_checks_not_the_guard(writer: Server) -> None:
    # With the token, a 4xx is the protocol check's own, never 401 or 403.
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=writer.base, timeout=30) as client:
        statuses = [
            client.post(
                "/sparql", content=b"CLEAR NAMED", headers={**auth, "Content-Type": "text/plain"}
            ),
            client.post("/sparql", content=b"update=CLEAR%20NAMED", headers=auth),
            client.post("/sparql", data={"update": "CLEAR XYZ"}, headers=auth),
            client.post(
                "/sparql",
                content="CLEAR NAMED".encode("utf-16"),
                headers={**auth, "Content-Type": "application/sparql-update; charset=UTF-16"},
            ),
        ]
    assert [r.status_code for r in statuses] == [415, 415, 400, 400]
