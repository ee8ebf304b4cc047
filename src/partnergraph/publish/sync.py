"""Publishing the graph to a SPARQL server, and fetching a graph back from one.

:func:`push` uploads the whole loaded dataset (the union of its graphs: ontology, vocabularies
and data) into one named graph on a server, replacing what that graph held. Afterwards any
SPARQL tool, or ``partnergraph --store sparql:URL?default-graph-uri=GRAPH``, can query it::

    partnergraph push --to http://127.0.0.1:7878/store
    partnergraph push --to https://example.org/sparql-graph-crud-auth --graph https://example.org/g

``protocol="gsp"`` sends one SPARQL 1.1 Graph Store Protocol request, ``PUT URL?graph=GRAPH``
with an N-Triples body (labelled Turtle, of which N-Triples is a subset, if the server
refuses N-Triples). ``protocol="update"`` uses SPARQL 1.1 Update at the URL instead, in
requests of about ``chunk_size`` triples. ``"auto"`` (the default) tries the Graph Store
Protocol first and uses Update when the URL has none. A body-free ``OPTIONS`` request goes
first: it settles authentication before any data is sent, and a server whose ``Allow`` header
leaves out ``PUT`` has no Graph Store there (Virtuoso's SPARQL endpoints say so, and would never
answer a ``PUT``); a ``PUT`` answered with 404, 405, 415 or 501 means the same.

**Blank nodes.** The Graph Store Protocol sends everything in one request, so the server keeps
blank nodes as blank nodes, each with its identity. SPARQL Update cannot: the same blank node
in two requests becomes two nodes, Virtuoso 7 refuses blank nodes in ``INSERT DATA``, and its
``INSERT { ... } WHERE {}`` merges typed literals of equal value (``"2025"^^xsd:gYear`` and
``"2025-01"^^xsd:gYearMonth``). So an Update upload *skolemises* (RDF 1.1 Concepts §3.5): each
blank node becomes an IRI under ``https://w3id.org/partnergraph/.well-known/genid/``, the same
data giving the same IRIs (rdflib's canonical labelling), and everything goes as
``INSERT DATA``. ``skolemize=True`` does the same for the Graph Store Protocol, for servers that
should be able to address those nodes. On the server they are IRIs (``isBlank`` is false for
them); :func:`pull` turns them back into blank nodes.

**Replacing, not half-replacing.** An Update upload that fits into ``chunk_size`` triples is one
request: ``DROP SILENT GRAPH <g>``, then ``INSERT DATA``. A larger one fills a fresh staging
graph (``urn:uuid:...``) request by request and ends with ``MOVE SILENT GRAPH`` onto the target,
so a failure half way leaves the old content in place (the staging graph is dropped). A request
the server cannot take is retried in halves (Virtuoso 7's SPARQL compiler runs out of memory at
about 5,000 triples; the default chunk is 10,000).

:func:`pull` downloads one graph (by default the graph :func:`push` writes) and writes it as
Turtle, atomically: a Graph Store Protocol ``GET URL?graph=GRAPH`` (``graph="default"``:
``?default``), or, when the URL is a query endpoint, a SELECT of the graph's triples (a SELECT
rather than a CONSTRUCT because Virtuoso cuts a CONSTRUCT at its row limit without saying so).

Credentials and errors work as for ``sparql:`` stores: see :mod:`partnergraph.engine.connection`.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

from rdflib import BNode, ConjunctiveGraph, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import RDF
from rdflib.term import Node

from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import plural, t
from partnergraph.engine.answers import GRAPH_PARSERS, RDF_ACCEPT, parse_graph
from partnergraph.engine.connection import DEFAULT_TIMEOUT, Connection, RemoteError, media_type
from partnergraph.engine.remote import SparqlStore
from partnergraph.engine.stores import Store
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.io.ntriples import plain, tagged
from partnergraph.io.output import write_atomic
from partnergraph.io.results import SelectResult
from partnergraph.io.serialize import serialize_graph
from partnergraph.query.knowledge import Knowledge
from partnergraph.rdf.namespaces import BASE, bind_prefixes

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_CHUNK",
    "DEFAULT_GRAPH",
    "GENID",
    "PullReport",
    "PushReport",
    "deskolemized",
    "graph_iri",
    "pull",
    "push",
    "skolemized",
    "union_graph",
]

DEFAULT_GRAPH = GRAPH_BASE + "all"
"""The named graph :func:`push` writes and :func:`pull` reads unless told otherwise."""

DEFAULT = "default"
"""``pull(graph="default")``: the server's default graph."""

GENID = BASE + ".well-known/genid/"
"""Where skolemised blank nodes live (RDF 1.1 Concepts §3.5)."""

DEFAULT_CHUNK = 10_000
"""Triples per SPARQL Update request."""

PushProtocol: TypeAlias = Literal["auto", "gsp", "update"]
PullProtocol: TypeAlias = Literal["auto", "gsp", "query"]
Triple: TypeAlias = tuple[Node, Node, Node]

_SD_SERVICE = URIRef("http://www.w3.org/ns/sparql-service-description#Service")


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` did."""

    url: str
    graph: str
    triples: int
    protocol: str
    """``gsp`` or ``update``: how the data went."""
    requests: int
    """HTTP requests that carried data or changed the server."""
    blank_nodes: int
    skolemized: bool
    """Whether blank nodes went up as IRIs under :data:`GENID` (always so by SPARQL Update)."""
    seconds: float

    def __str__(self) -> str:

        how = "Graph Store Protocol" if self.protocol == "gsp" else "SPARQL Update"
        return t(
            "push.report",
            triples=self.triples,
            graph=self.graph,
            url=self.url,
            how=how,
            requests=plural(self.requests, "push.requests"),
            seconds=self.seconds,
        )


@dataclass(frozen=True)
class PullReport:
    """What :func:`pull` did."""

    url: str
    graph: str
    triples: int
    output: Path
    protocol: str
    """``gsp`` or ``query``: how the data came."""

    def __str__(self) -> str:

        return t(
            "pull.report", triples=self.triples, graph=self.graph, url=self.url, output=self.output
        )


def _choices(last: str) -> str:

    return f"auto, gsp {t('or')} {last}"


# ---------------------------------------------------------------------------------------------
# push
# ---------------------------------------------------------------------------------------------


def push(
    source: Knowledge | Store | Graph,
    to: str,
    *,
    graph: str | None = None,
    protocol: PushProtocol = "auto",
    skolemize: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
    timeout: float = DEFAULT_TIMEOUT,
) -> PushReport:
    """Upload the union of ``source``'s graphs into the named graph ``graph`` at ``to``,
    replacing its content (see the module documentation)."""
    if protocol not in ("auto", "gsp", "update"):
        raise ParameterError.of("remote.protocol", protocol=protocol, choices=_choices("update"))
    if chunk_size < 1:
        raise ParameterError("chunk_size must be at least 1")
    target = graph_iri(graph or DEFAULT_GRAPH)
    started = time.monotonic()
    data = union_graph(source)
    blank = len({t for triple in data for t in triple if isinstance(t, BNode)})
    if skolemize:
        data = skolemized(data)
    connection = Connection(to, timeout=timeout)
    try:
        used, requests = "gsp", None
        if protocol != "update":
            requests = _put(connection, data, target, fallback=protocol == "auto")
        if requests is None:
            if blank and not skolemize:
                data, skolemize = skolemized(data), True
            used, requests = "update", _update(connection, data, target, chunk_size)
    finally:
        connection.close()
    return PushReport(
        url=connection.shown,
        graph=target,
        triples=len(data),
        protocol=used,
        requests=requests,
        blank_nodes=blank,
        skolemized=skolemize,
        seconds=time.monotonic() - started,
    )


def graph_iri(text: str) -> str:
    """``text`` if it is an absolute IRI that can name a graph, else a :class:`ParameterError`."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", text):
        raise ParameterError(
            f"a graph name must be an absolute IRI such as {DEFAULT_GRAPH}, not {text!r}"
        )
    return text


def union_graph(source: Knowledge | Store | Graph) -> Graph:
    """All triples of every graph of ``source`` in one fresh graph."""
    if isinstance(source, Knowledge):
        source = source.store
    union = Graph()
    if isinstance(source, Store):
        union.parse(data=source.export("nt"), format="nt")
    elif isinstance(source, ConjunctiveGraph):  # Dataset too
        for s, p, o, _ in source.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        union += source
    return union


def _put(connection: Connection, data: Graph, target: str, *, fallback: bool) -> int | None:
    """Graph Store Protocol PUT; ``None`` when the URL has no Graph Store and ``fallback``."""
    params = {"graph": target}
    # Cheap and body-free: settles authentication before the upload, and lets servers that
    # would never answer a PUT (Virtuoso's SPARQL endpoints: the request hangs) say so in Allow.
    probe = connection.request("OPTIONS", params=params, what="upload")
    allowed = probe.headers.get("allow")
    if probe.is_success and allowed is not None:
        methods = {m.strip().upper() for m in allowed.split(",")}
        if "PUT" not in methods:
            if fallback:
                return None
            raise RemoteError(
                f"{connection.shown} has no Graph Store Protocol (it allows {allowed.strip()}, "
                "not PUT): give the Graph Store URL, or use the update protocol"
            )
    body = data.serialize(format="nt", encoding="utf-8")
    requests = 0
    for content_type in ("application/n-triples", "text/turtle"):
        response = connection.request(
            "PUT",
            params=params,
            content=body,
            headers={"Content-Type": content_type},
            what="upload",
        )
        requests += 1
        if response.status_code != 415:
            break
    if response.is_success:
        return requests
    if fallback and response.status_code in (404, 405, 415, 501):
        return None
    raise connection.failure(response, "upload")


def _update(connection: Connection, data: Graph, target: str, chunk_size: int) -> int:
    """Replace graph ``target`` by SPARQL Update; the number of requests sent.

    Data that fits into ``chunk_size`` triples goes in one request (``DROP SILENT GRAPH``, then
    ``INSERT DATA``). More goes into a fresh staging graph, ``chunk_size`` triples per
    ``INSERT DATA``, and then ``MOVE SILENT GRAPH`` onto the target, so that a failure half way
    leaves the old content in place. A request the server cannot take (Virtuoso 7's SPARQL
    compiler runs out of memory at some thousands of triples) is retried in halves.
    """
    triples: list[Triple] = list(data)
    if any(isinstance(term, BNode) for triple in triples for term in triple):
        raise ValueError("SPARQL Update uploads need blank nodes skolemised first")
    sent = 0
    if len(triples) <= chunk_size:
        operations = [f"DROP SILENT GRAPH <{target}>"]
        if triples:
            operations.append(_insert_data(target, triples))
        response = _post_update(connection, " ;\n".join(operations))
        sent += 1
        if response.is_success:
            return sent
        if not _maybe_too_big(response) or len(triples) <= _MIN_CHUNK:
            raise connection.failure(response, "update")
        chunk_size = max(_MIN_CHUNK, len(triples) // 2)
    staging = f"urn:uuid:{uuid.uuid4()}"
    try:
        position = 0
        while position < len(triples):
            chunk = triples[position : position + chunk_size]
            response = _post_update(connection, _insert_data(staging, chunk))
            sent += 1
            if response.is_success:
                position += len(chunk)
            elif _maybe_too_big(response) and chunk_size > _MIN_CHUNK:
                chunk_size = max(_MIN_CHUNK, chunk_size // 2)
            else:
                raise connection.failure(response, "update")
        response = _post_update(connection, f"MOVE SILENT GRAPH <{staging}> TO <{target}>")
        sent += 1
        if not response.is_success:
            raise connection.failure(response, "update")
    except RemoteError:
        with contextlib.suppress(RemoteError):
            _post_update(connection, f"DROP SILENT GRAPH <{staging}>")
        raise
    return sent


_MIN_CHUNK = 250


def _maybe_too_big(response: httpx.Response) -> bool:
    return response.status_code in (400, 413, 500, 503)


def _post_update(connection: Connection, text: str) -> httpx.Response:
    return connection.request(
        "POST",
        content=text.encode("utf-8"),
        headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        what="update",
    )


def _insert_data(graph: str, triples: Sequence[Triple]) -> str:
    body = "\n".join(" ".join(_term(t) for t in triple) + " ." for triple in triples)
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


def _term(node: Node) -> str:
    """A term in N-Triples syntax, which SPARQL Update reads as it is."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, RdfLiteral):
        return tagged(plain(str(node)), node.language, node.datatype)
    raise ValueError(f"cannot upload a {type(node).__name__} term with SPARQL Update")


# ---------------------------------------------------------------------------------------------
# blank nodes and skolem IRIs
# ---------------------------------------------------------------------------------------------


def skolemized(graph: Graph) -> Graph:
    """``graph`` with every blank node replaced by an IRI under :data:`GENID`.

    Each IRI is named after the blank node's surroundings (:func:`blank_node_names`), not after
    the label a parser happened to give it, so the same data gives the same IRIs. This takes a
    few passes over the triples; rdflib's canonical labelling, used before, took 27 s for 40k
    triples and grows much faster than the data.
    """
    names = blank_node_names(graph)
    out = Graph()
    for s, p, o in graph:
        out.add((names.get(s, s), p, names.get(o, o)))
    return out


_REFINEMENT_PASSES = 16
"""At most this many passes; blank nodes still alike after them are told apart by label."""


def blank_node_names(graph: Graph) -> dict[Node, URIRef]:
    """A skolem IRI for each blank node of ``graph``, from what surrounds it.

    Colour refinement: every blank node starts alike; in each pass its colour becomes a hash
    of its colour and of the sorted (direction, predicate, neighbour) of its triples, the
    neighbour's colour standing in for a blank neighbour. Passes stop when they no longer
    split any group (after one or two for partnergraph's periods and identifiers). Each pass
    reads every triple once, so the whole is linear in the data. Nodes that no pass tells
    apart have the same surroundings; they get the same name with ``-1``, ``-2``... in the
    order of their labels.
    """
    import hashlib

    edges: dict[Node, list[tuple[str, Node | str]]] = {}
    written: dict[Node, str] = {}

    def text(node: Node) -> str:
        found = written.get(node)
        if found is None:
            found = written[node] = node.n3()
        return found

    for s, p, o in graph:
        if isinstance(s, BNode):
            edges.setdefault(s, []).append(("> " + text(p), o if isinstance(o, BNode) else text(o)))
        if isinstance(o, BNode):
            edges.setdefault(o, []).append(("< " + text(p), s if isinstance(s, BNode) else text(s)))
    colour: dict[Node, str] = dict.fromkeys(edges, "")
    groups = 1 if edges else 0
    for _ in range(_REFINEMENT_PASSES):
        refined: dict[Node, str] = {}
        for node, incident in edges.items():
            lines = sorted(
                f"{way} {other if isinstance(other, str) else '_:' + colour[other]}"
                for way, other in incident
            )
            lines.append(colour[node])
            refined[node] = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        colour = refined
        now = len(set(colour.values()))
        if now == groups:
            break
        groups = now
    alike: dict[str, list[Node]] = {}
    for node, value in colour.items():
        alike.setdefault(value, []).append(node)
    names: dict[Node, URIRef] = {}
    for value, nodes in alike.items():
        stem = GENID + "b" + value[:32]
        if len(nodes) == 1:
            names[nodes[0]] = URIRef(stem)
            continue
        for number, node in enumerate(sorted(nodes, key=str), start=1):
            names[node] = URIRef(f"{stem}-{number}")
    return names


def deskolemized(graph: Graph) -> Graph:
    """``graph`` with every IRI under :data:`GENID` turned back into a blank node."""
    out = Graph()
    for s, p, o in graph:
        out.add((_unskolem(s), p, _unskolem(o)))
    return out


def _unskolem(node: Node) -> Node:
    if isinstance(node, URIRef) and node.startswith(GENID):
        return BNode(node[len(GENID) :])
    return node


# ---------------------------------------------------------------------------------------------
# pull
# ---------------------------------------------------------------------------------------------


def pull(
    from_url: str,
    *,
    output: str | Path,
    graph: str | None = None,
    protocol: PullProtocol = "auto",
    deskolemize: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> PullReport:
    """Download one graph from ``from_url`` and write it to ``output`` as Turtle, atomically.

    ``graph`` defaults to :data:`DEFAULT_GRAPH`; ``"default"`` means the server's default
    graph. ``protocol`` is ``gsp`` (Graph Store Protocol GET), ``query`` (a SELECT at a query
    endpoint) or ``auto``: the Graph Store Protocol if the URL speaks it, else a query.
    """

    if protocol not in ("auto", "gsp", "query"):
        raise ParameterError.of("remote.protocol", protocol=protocol, choices=_choices("query"))
    name = None if graph == DEFAULT else graph_iri(graph or DEFAULT_GRAPH)
    shown_name = name or DEFAULT
    connection = Connection(from_url, timeout=timeout)
    try:
        fetched = None if protocol == "query" else _gsp_get(connection, name, protocol == "gsp")
    finally:
        connection.close()
    used = "gsp"
    if fetched is None:
        try:
            used, fetched = "query", _select_graph(from_url, name, timeout)
        except RemoteError as exc:
            if protocol == "query":
                raise
            raise RemoteError(
                f"{connection.shown} is neither a Graph Store nor a SPARQL query endpoint: {exc}"
            ) from None
    if deskolemize:
        fetched = deskolemized(fetched)
    if not len(fetched):
        raise RemoteError(
            f"{connection.shown} holds no triples in graph <{shown_name}>: check the graph name "
            "and the URL"
        )
    text = serialize_graph(bind_prefixes(fetched), "ttl")
    target = write_atomic(output, text)
    return PullReport(connection.shown, shown_name, len(fetched), target, used)


def _gsp_get(connection: Connection, name: str | None, required: bool) -> Graph | None:
    """The graph by Graph Store Protocol GET; ``None`` if the URL does not speak it."""
    url = connection.url
    if name is not None:
        url = url.copy_merge_params({"graph": name})
    else:  # ?default, a parameter without a value
        url = url.copy_with(query=(url.query + b"&" if url.query else b"") + b"default")
    response = connection.request("GET", url=url, headers={"Accept": RDF_ACCEPT}, what="download")
    what = f"graph <{name or DEFAULT}>"
    if response.status_code == 404:
        raise RemoteError(
            f"{connection.shown} has no {what} (HTTP 404 Not Found): check the graph name "
            "and the URL"
        )
    kind = media_type(response)
    if response.is_success and kind in GRAPH_PARSERS:
        try:
            fetched = parse_graph(response.content, kind)
        except Exception as exc:  # each RDF parser raises its own errors
            raise RemoteError(
                f"{connection.shown} sent a {what} partnergraph cannot read: {exc}"
            ) from None
        if (None, RDF.type, _SD_SERVICE) not in fetched:
            return fetched
        # A SPARQL endpoint answering a GET without a query with its service description.
        if required:
            raise RemoteError(
                f"{connection.shown} is a SPARQL endpoint, not a Graph Store: give its Graph "
                "Store URL, or use the query protocol"
            )
        return None
    if required:
        raise _not_a_graph_store(connection, response)
    return None


def _not_a_graph_store(connection: Connection, response: httpx.Response) -> RemoteError:
    if response.is_success:
        return RemoteError(
            f"{connection.shown} answered the download in {media_type(response) or 'no format'}"
            ", not N-Triples or Turtle: is it a Graph Store Protocol URL?"
        )
    return connection.failure(response, "download")


def _select_graph(url: str, name: str | None, timeout: float) -> Graph:
    store = SparqlStore(url, timeout=timeout)
    try:
        pattern = f"GRAPH <{name}> {{ ?s ?p ?o }}" if name else "?s ?p ?o"
        result = store.run(f"SELECT ?s ?p ?o WHERE {{ {pattern} }}")
    finally:
        store.close()
    assert isinstance(result, SelectResult)
    fetched = Graph()
    for s, p, o in result.rows:
        if s is not None and p is not None and o is not None:
            fetched.add((s, p, o))
    return fetched
