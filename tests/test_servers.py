"""Publishing to real SPARQL servers, and answering everything from them as the embedded store does.

For Oxigraph (server) and OpenLink Virtuoso 7 (``tests/servers.py`` starts both): push the
bundled graph, open ``sparql:URL?default-graph-uri=...`` as the store, and check that the whole
query library, ``describe``, ``stats``, ``validate``, the network projections and ``export``
give what the embedded store gives, and that ``pull`` gets back what was pushed. Then
authentication against Virtuoso's digest-protected endpoints.

Answers are compared by value, not serialisation: language tags in lower case (Virtuoso and
Oxigraph lower-case them), booleans as 1/0 (Virtuoso returns true as the integer 1), blank nodes
as such (their labels are the server's), the parts of GROUP_CONCAT cells as sets (their order is
the engine's). Row order is compared as it comes: every library query has an ORDER BY.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef, namespace
from rdflib.compare import isomorphic

import partnergraph
from partnergraph.core.messages import using
from partnergraph.engine.connection import RemoteError
from partnergraph.engine.remote import SparqlStore
from partnergraph.io.results import AskResult, QueryResult, SelectResult
from partnergraph.publish.sync import DEFAULT_GRAPH, GENID, PushReport, pull, push, union_graph
from servers import (
    VIRTUOSO_PASSWORD,
    VIRTUOSO_USER,
    Server,
    _oxigraph_server,  # noqa: F401 - fixture
    _virtuoso_server,  # noqa: F401 - fixture
)

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))
AGGREGATED = {"partners", "committees", "treatedBy", "themes"}
"""Columns made with GROUP_CONCAT, whose order inside a cell SPARQL leaves to the engine."""
OTHER_GRAPH = "https://example.org/partnergraph-tests/by-update"

VIRTUOSO_DIFFERS = {
    "renewals-due": "Virtuoso 7.2 leaves out one of the two planned treatments of the Halmstad "
    "action plan 2025-2028 (November 2024) that rdflib and Oxigraph both return",
    "shared-themes": "Virtuoso 7.2 leaves out the pair Samarbejdet i Aarhus Airport / Samarbejdet "
    "i Aqua Djurs (one shared theme, infrastructure and mobility) that rdflib and Oxigraph both "
    "return, also when run alone; the pair's rows came through while the collaborations were "
    "named by their companies' IRIs (pgid:aarhus-airport, pgid:aqua-djurs)",
}
"""Library queries whose answer Virtuoso 7 gets wrong, with what it does."""

VIRTUOSO_DIFFERS_ON_SOURCES = {
    "shared-themes": "Virtuoso 7.2 often (3 of 5 full runs, never when run alone) answers "
    "shared-themes on the three-source fixture differently from the embedded stores; not yet "
    "understood, see the closing note of the session that found it",
}
"""Queries whose answer on the three-source fixture Virtuoso 7 does not always get right."""


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("PARTNERGRAPH_USER", "PARTNERGRAPH_PASSWORD", "PARTNERGRAPH_AUTH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def _as_dba(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERGRAPH_USER", VIRTUOSO_USER)
    monkeypatch.setenv("PARTNERGRAPH_PASSWORD", VIRTUOSO_PASSWORD)


@pytest.fixture(scope="module")
def reference() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def reference_graph(reference: partnergraph.PartnerGraph) -> Graph:
    return union_graph(reference)


@dataclass
class Published:
    server: Server
    kg: partnergraph.PartnerGraph
    report: PushReport


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def published(
    request: pytest.FixtureRequest, reference: partnergraph.PartnerGraph
) -> Iterator[Published]:
    """The bundled graph pushed by Graph Store Protocol, and the server opened as a store."""
    server: Server = request.getfixturevalue(f"{request.param}_server")
    with pytest.MonkeyPatch.context() as monkeypatch:
        if server.name == "virtuoso":
            _as_dba(monkeypatch)  # digest authentication on /sparql-graph-crud-auth
        report = push(reference, server.store, timeout=20)
    kg = partnergraph.load(store=f"sparql:{server.query}?default-graph-uri={DEFAULT_GRAPH}")
    yield Published(server, kg, report)
    kg.close()


def test_push_reports_what_it_sent(published: Published, reference_graph: Graph) -> None:
    report = published.report
    assert (report.protocol, report.graph) == ("gsp", DEFAULT_GRAPH)
    assert report.triples == len(reference_graph) == len(published.kg)
    assert report.blank_nodes > 0 and not report.skolemized
    with using("en"):
        assert str(report).startswith(f"pushed {report.triples} triples into <{DEFAULT_GRAPH}>")


# --- the query library -------------------------------------------------------------------------


def _term(node: Any, column: str) -> Any:
    if node is None:
        return None
    if isinstance(node, BNode):
        return ("bnode",)
    if isinstance(node, Literal):
        text = str(node)
        if column in AGGREGATED:
            # An empty GROUP_CONCAT is "" on some engines and unbound on others.
            parts = frozenset(p for p in text.replace(", ", "; ").split("; ") if p)
            return parts or None
        datatype = str(node.datatype) if node.datatype else None
        if node.datatype == namespace.XSD.boolean:
            text, datatype = ("1" if text in ("true", "1") else "0"), str(namespace.XSD.integer)
        return ("literal", text, (node.language or "").lower(), datatype)
    return ("iri", str(node))


def _values(result: QueryResult) -> Any:
    if isinstance(result, AskResult):
        return bool(result)
    assert isinstance(result, SelectResult)
    return result.variables, [
        tuple(_term(c, v) for c, v in zip(row, result.variables, strict=True))
        for row in result.rows
    ]


def _run_case(kg: partnergraph.PartnerGraph, case: dict[str, Any]) -> QueryResult:
    return kg.query(case["query"], case["params"], lang=case["lang"])


@pytest.fixture(scope="module")
def expected_answers(reference: partnergraph.PartnerGraph) -> dict[str, Any]:
    return {
        golden.stem: _values(_run_case(reference, json.loads(golden.read_text(encoding="utf-8"))))
        for golden in GOLDEN
    }


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_the_query_library_answers_as_on_the_embedded_store(
    published: Published, expected_answers: dict[str, Any], golden: Path
) -> None:
    case = json.loads(golden.read_text(encoding="utf-8"))
    answer = _values(_run_case(published.kg, case))
    reason = VIRTUOSO_DIFFERS.get(case["query"])
    if published.server.name == "virtuoso" and reason and answer != expected_answers[golden.stem]:
        pytest.xfail(reason)
    assert answer == expected_answers[golden.stem]


def test_ad_hoc_queries_and_graph_names(published: Published) -> None:
    assert published.kg.sparql("ASK { ?f a pg:Forum }") == AskResult(True)
    assert published.kg.sparql("ASK { ?f a pg:NoSuchClass }") == AskResult(False)
    assert published.kg.store.graph_names() == {DEFAULT_GRAPH}


# --- the other commands ------------------------------------------------------------------------


def _links(links: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (link.predicate, link.predicate_label, _term(link.node, ""), link.node_label)
        for link in links
    ]


@pytest.mark.parametrize("thing", ["Stena Line", "pgid:partnership-au"])
def test_describe_gives_the_same_description(
    published: Published, reference: partnergraph.PartnerGraph, thing: str
) -> None:
    # pgid:partnership-au has blank-node periods: they must come back as nested values.
    remote = published.kg.describe(thing, lang="en")
    local = reference.describe(thing, lang="en")
    assert (remote.iri, remote.label, remote.types, remote.labels, remote.sources) == (
        local.iri,
        local.label,
        local.types,
        local.labels,
        local.sources,
    )
    assert _links(remote.outgoing) == _links(local.outgoing)
    assert _links(remote.incoming) == _links(local.incoming)


def test_stats_count_the_same(published: Published, reference: partnergraph.PartnerGraph) -> None:
    remote, local = published.kg.stats(lang="en"), reference.stats(lang="en")
    assert remote.classes == local.classes
    assert remote.partnership_kinds == local.partnership_kinds
    # The server holds the union of the local per-file graphs in one graph.
    assert remote.triples == local.triples == len(reference)
    assert remote.graphs == [(DEFAULT_GRAPH, local.triples)]


def test_validate_conforms(published: Published) -> None:
    assert published.kg.validate().conforms


VIRTUOSO_THEME_FEATURES = (
    "Virtuoso 7.2 answers queries/network/theme-features.rq wrongly on the bundled data (0 "
    "rows of 27), so the themes network it gives is empty; Oxigraph servers and the embedded "
    "stores agree. Narrowed down on 2026-12-06: one `?c rdfs:subClassOf* pg:Partnership . ?p a "
    "?c` join is right alone and with one plain triple after it, but loses every row joined "
    "with a second such closure or with an alternative path (pg:hasTheme|pg:hasFocusArea); "
    "with the closures given as VALUES Virtuoso is right (27 rows) but Oxigraph takes minutes "
    "at 1M triples instead of 0.3 s, so the query keeps its form"
)


@pytest.mark.parametrize("projection", ["collaboration", "actors", "themes"])
def test_network_projections_have_the_same_nodes_and_edges(
    published: Published, reference: partnergraph.PartnerGraph, projection: str
) -> None:
    remote, local = published.kg.network(projection), reference.network(projection)
    if (
        published.server.name == "virtuoso"
        and projection == "themes"
        and dict(remote.nodes(data=True)) != dict(local.nodes(data=True))
    ):
        pytest.xfail(VIRTUOSO_THEME_FEATURES)
    assert dict(remote.nodes(data=True)) == dict(local.nodes(data=True))
    assert {(u, v): d for u, v, d in remote.edges(data=True)} == {
        (u, v): d for u, v, d in local.edges(data=True)
    }


def test_export_is_the_same_graph(published: Published, reference_graph: Graph) -> None:
    exported = Graph().parse(data=published.kg.export("ttl"), format="turtle")
    assert isomorphic(exported, reference_graph)
    trig = Dataset()
    trig.parse(data=published.kg.export("trig"), format="trig")
    names = {str(g.identifier) for g in trig.graphs() if len(g)}
    assert names == {DEFAULT_GRAPH}
    assert isomorphic(trig.graph(URIRef(DEFAULT_GRAPH)), reference_graph)


def test_pull_gets_back_what_was_pushed(
    published: Published, reference_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = published.server
    if server.name == "virtuoso":
        _as_dba(monkeypatch)
    by_gsp = pull(server.store, output=tmp_path / "gsp.ttl")
    by_query = pull(server.query, output=tmp_path / "query.ttl")
    assert (by_gsp.protocol, by_query.protocol) == ("gsp", "query")
    for report in (by_gsp, by_query):
        assert report.triples == len(reference_graph)
        assert isomorphic(Graph().parse(report.output), reference_graph)


# --- SPARQL Update -----------------------------------------------------------------------------


def test_push_by_update_skolemises_and_pull_restores_blank_nodes(
    published: Published,
    reference: partnergraph.PartnerGraph,
    reference_graph: Graph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = published.server
    if server.name == "virtuoso":
        _as_dba(monkeypatch)
    # "auto" finds no Graph Store at the update URL: Oxigraph answers the PUT with 404,
    # Virtuoso's OPTIONS leaves PUT out (a PUT there would never be answered).
    for _ in range(2):  # the second push replaces the first
        report = push(reference, server.update, graph=OTHER_GRAPH, chunk_size=700, timeout=20)
    assert (report.protocol, report.skolemized) == ("update", True)
    assert report.requests == 5  # 4 chunks into a staging graph, then MOVE
    store = SparqlStore(f"{server.query}?default-graph-uri={OTHER_GRAPH}")
    try:
        assert len(store) == len(reference_graph)
        assert store.run("ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }") == AskResult(False)
        genid = store.run(f'ASK {{ ?s ?p ?o FILTER(STRSTARTS(STR(?o), "{GENID}")) }}')
        assert genid == AskResult(True)
    finally:
        store.close()
    pulled = pull(server.query, graph=OTHER_GRAPH, output=tmp_path / "back.ttl")
    assert isomorphic(Graph().parse(pulled.output), reference_graph)


# --- Virtuoso: limits and authentication --------------------------------------------------------

SMALL = "<urn:x-partnergraph:a> <urn:x-partnergraph:b> <urn:x-partnergraph:c> ."


def test_a_result_cut_at_the_row_limit_is_an_error(virtuoso_server: Server) -> None:
    store = SparqlStore(virtuoso_server.query)  # no dataset: every graph, system graphs too
    try:
        with pytest.raises(RemoteError, match="X-SPARQL-MaxRows") as caught:
            store.run("SELECT * WHERE { ?s ?p ?o . ?x ?y ?z } LIMIT 5000")
    finally:
        store.close()
    assert "\n" not in str(caught.value)


def test_credentials_from_a_netrc_file(
    virtuoso_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(
        f"machine 127.0.0.1 login {VIRTUOSO_USER} password {VIRTUOSO_PASSWORD}\n",
        encoding="utf-8",
    )
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    graph = "urn:x-partnergraph:netrc"
    small = Graph().parse(data=SMALL, format="nt")
    assert push(small, virtuoso_server.store, graph=graph, timeout=20).triples == 1
    report = pull(virtuoso_server.store, graph=graph, output=tmp_path / "out.ttl")
    assert (report.protocol, report.triples) == ("gsp", 1)


def test_digest_chosen_up_front(virtuoso_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_dba(monkeypatch)
    monkeypatch.setenv("PARTNERGRAPH_AUTH", "digest")
    small = Graph().parse(data=SMALL, format="nt")
    report = push(small, virtuoso_server.store, graph="urn:x-partnergraph:digest", timeout=20)
    assert (report.protocol, report.triples) == ("gsp", 1)


def test_a_wrong_password_is_one_line_without_the_password(
    virtuoso_server: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    wrong = "not-the-dba-password-4711"
    monkeypatch.setenv("PARTNERGRAPH_USER", VIRTUOSO_USER)
    monkeypatch.setenv("PARTNERGRAPH_PASSWORD", wrong)
    small = Graph().parse(data=SMALL, format="nt")
    with pytest.raises(RemoteError) as caught:
        push(small, virtuoso_server.store, graph="urn:x-partnergraph:wrong", timeout=20)
    message = str(caught.value)
    assert "\n" not in message and wrong not in message
    assert "HTTP 401" in message and virtuoso_server.store in message
    with pytest.raises(RemoteError, match="HTTP 401"):
        pull(virtuoso_server.store, output=tmp_path / "x.ttl")


def test_anonymous_writes_are_refused_with_a_hint(virtuoso_server: Server) -> None:
    small = Graph().parse(data=SMALL, format="nt")
    with pytest.raises(RemoteError, match="PARTNERGRAPH_USER") as caught:
        push(small, virtuoso_server.store, graph="urn:x-partnergraph:anonymous", timeout=20)
    assert "\n" not in str(caught.value)


# --- several sources -------------------------------------------------------------------------

SOURCES_GRAPH = "https://example.org/partnergraph-tests/three-sources"
VIRTUOSO_SLOW = {
    "renewals-due": "Virtuoso 7.2 did not finish this query on the three-source data within 60 s "
    "on the 2-core test machine",
}


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def published_sources(request: pytest.FixtureRequest) -> Iterator[partnergraph.PartnerGraph]:
    """The three-source fixture (tests/sources_fixture.py) pushed into a graph of its own."""
    from sources_fixture import source_files

    server: Server = request.getfixturevalue(f"{request.param}_server")
    local = partnergraph.load(data=source_files(), store="memory")
    with pytest.MonkeyPatch.context() as monkeypatch:
        if server.name == "virtuoso":
            _as_dba(monkeypatch)
        push(local, server.store, graph=SOURCES_GRAPH, timeout=20)
    kg = partnergraph.load(store=f"sparql:{server.query}?default-graph-uri={SOURCES_GRAPH}")
    kg.server_name = server.name  # type: ignore[attr-defined]
    yield kg
    kg.close()


@pytest.mark.parametrize(
    "golden",
    sorted((Path(__file__).parent / "golden" / "sources").glob("*.json")),
    ids=lambda p: p.stem,
)
def test_a_server_answers_the_three_sources_as_the_embedded_stores(
    published_sources: partnergraph.PartnerGraph, golden: Path
) -> None:
    from sources_fixture import AS_OF, source_files

    case = json.loads(golden.read_text(encoding="utf-8"))
    if published_sources.server_name == "virtuoso" and case["query"] in VIRTUOSO_SLOW:  # type: ignore[attr-defined]
        pytest.skip(VIRTUOSO_SLOW[case["query"]])
    local = partnergraph.load(data=source_files(), store="memory")

    def ask(kg: partnergraph.PartnerGraph) -> Any:
        return _values(kg.query(case["query"], case["params"], lang=case["lang"], as_of=AS_OF))

    answer, expected = ask(published_sources), ask(local)
    reason = VIRTUOSO_DIFFERS.get(case["query"]) or VIRTUOSO_DIFFERS_ON_SOURCES.get(case["query"])
    if published_sources.server_name == "virtuoso" and reason and answer != expected:  # type: ignore[attr-defined]
        pytest.xfail(reason)
    assert answer == expected
