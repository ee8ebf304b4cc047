"""A worker process: holds one copy of the store and answers one job at a time.

The web process sends a job (:mod:`partnergraph.server.jobs`) down a pipe and waits; the worker
parses, checks, evaluates and serialises, and sends back the finished HTTP body. A job that
runs too long is not asked to stop: the web process ends the whole worker and starts another,
which is the only way to stop an engine in the middle of a join.

Every answer goes through :func:`_guarded`, so what reaches a client is a one-line message:
never a traceback, never a path on the server.
"""

from __future__ import annotations

import os
import pickle
import re
import signal
import sys
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import Graph, URIRef
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from partnergraph.core.errors import (
    PartnergraphError,
    QueryError,
    QuerySyntaxError,
)
from partnergraph.core.messages import LANGUAGES, using
from partnergraph.engine import sparql
from partnergraph.engine.factory import open_store
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.oxigraph import OxigraphStore
from partnergraph.engine.spec import StoreSpec
from partnergraph.engine.stores import Store
from partnergraph.graph import PartnerGraph
from partnergraph.io.results import AskResult, GraphResult, QueryResult, SelectResult
from partnergraph.rdf.dates import as_of_date
from partnergraph.rdf.namespaces import PREFIXES, bind_prefixes
from partnergraph.rdf.terms import from_ox
from partnergraph.server.conneg import Offer, Shape, describe_offers, negotiate
from partnergraph.server.jobs import (
    CallJob,
    GraphJob,
    InfoJob,
    Job,
    NamedQueryJob,
    Negotiation,
    ProtocolError,
    QueryJob,
    ReloadJob,
    Reply,
    StoreInfo,
    UpdateJob,
    WorkerSetup,
)
from partnergraph.server.limits import Budget, limit_memory, too_large
from partnergraph.server.resultformats import (
    CannotRepresent,
    render_boolean,
    render_graph,
    render_table,
)
from partnergraph.server.updates import DatasetConflict, check_update, with_using

__all__ = ["Engine", "main"]

TRUNCATED_HEADER = "X-Partnergraph-Truncated"
PARAMETER_HEADER = "X-Partnergraph-Parameter"
"""Names the query parameter a 400 answer is about."""

CALLABLE = frozenset(
    {"describe", "find", "label", "named_query", "network", "queries", "query", "resolve", "stats"}
)
"""The PartnerGraph methods pages may call in a worker: reads that touch no file or network."""

_CHECKED_QUERIES = 256
"""How many checked query texts a worker remembers (their shape, whether they have FROM)."""

_SAFE_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*$")


def main(conn: Connection, setup: WorkerSetup) -> None:
    """The worker's life: load, report, then answer jobs until the pipe closes."""
    # Ctrl-C in the terminal reaches the whole process group: the web process decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(setup.parent_pid)
    # rdflib would fetch a FROM/USING graph it does not hold from the web: never here.
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    try:
        engine = Engine(setup)
        limit_memory(setup.query_memory_bytes)
        conn.send(Reply(200, "", b"", info=engine.info()))
    except PartnergraphError as exc:
        conn.send(Reply.text(500, str(exc)))
        return
    except Exception as exc:
        traceback.print_exc()
        conn.send(Reply.text(500, f"the store could not be opened: {type(exc).__name__}"))
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply = engine.handle(job)
        try:
            conn.send(reply)
        except (TypeError, AttributeError, pickle.PicklingError):
            traceback.print_exc(file=sys.stderr)
            conn.send(Reply.text(500, "internal error: the answer could not be sent"))


def _exit_with_parent(parent: int) -> None:
    """End this process soon after the web process is gone, even in the middle of a job."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class Engine:
    """One store and what can be asked of it over HTTP."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.setup = setup
        self.store: Store
        self.graph: PartnerGraph
        self._open(setup.store, setup.files)
        self._hidden = _hidden_paths(setup)

    def _open(self, spec: str | None, files: tuple[str, ...]) -> None:
        store = open_store(spec, [Path(f) for f in files])
        queries = Path(self.setup.queries) if self.setup.queries else None
        self.store = store
        self.graph = PartnerGraph(store, queries=queries)
        library = {q.name: q.text for q in self.graph.queries()}
        self._library_checked = {library[n] for n in self.setup.checked if n in library}
        self._checked: OrderedDict[tuple[str, str], tuple[Shape, bool]] = OrderedDict()

    def info(self) -> StoreInfo:
        return StoreInfo(tuple(sorted(self.store.graph_names())), len(self.store))

    def handle(self, job: Job) -> Reply:
        return _guarded(lambda: self._dispatch(job), self._hidden)

    def _dispatch(self, job: Job) -> Reply:
        if isinstance(job, QueryJob):
            return self.query(job)
        if isinstance(job, NamedQueryJob):
            return self.named_query(job)
        if isinstance(job, GraphJob):
            return self.read_graph(job)
        if isinstance(job, UpdateJob):
            return self.update(job)
        if isinstance(job, ReloadJob):
            self.store.close()
            self.setup = replace(self.setup, checked=frozenset())
            limit_memory(None)  # the new data may be larger: measure again once loaded
            self._open(self.setup.store, job.files)
            limit_memory(self.setup.query_memory_bytes)
            return Reply(200, "", b"", info=self.info())
        if isinstance(job, InfoJob):
            return Reply(200, "", b"", info=self.info())
        if isinstance(job, CallJob):
            if job.method not in CALLABLE:
                raise ProtocolError(400, f"{job.method!r} cannot be called through the server")
            value = getattr(self.graph, job.method)(*job.args, **dict(job.kwargs))
            return Reply(200, "", b"", value=value)
        raise TypeError(f"unknown job {type(job).__name__}")

    # --- /sparql queries ---------------------------------------------------------------------

    def _check(self, job: QueryJob, loaded: set[str]) -> tuple[Shape, bool, Query | None]:
        """Shape and FROM-ness of a checked query; Oxigraph's are remembered by text."""
        key = (job.text, job.base_iri)
        if isinstance(self.store, OxigraphStore) and key in self._checked:
            self._checked.move_to_end(key)
            return (*self._checked[key], None)
        prepared = _prepare(job.text, job.base_iri, loaded)
        shape, from_clause = _shape(prepared), _has_dataset_clause(prepared)
        self._checked[key] = (shape, from_clause)
        if len(self._checked) > _CHECKED_QUERIES:
            self._checked.popitem(last=False)
        return shape, from_clause, prepared

    def query(self, job: QueryJob) -> Reply:
        loaded = self.store.graph_names()
        shape, from_clause, prepared = self._check(job, loaded)
        offer = _choose(job.negotiation, shape)
        for parameter, graphs in (
            ("default-graph-uri", job.default_graphs),
            ("named-graph-uri", job.named_graphs),
        ):
            for graph in graphs:
                if graph not in loaded:
                    raise ProtocolError(
                        400,
                        f"{parameter} <{graph}> names a graph that is not loaded: this server "
                        "never fetches graphs; see the service description (GET /sparql) for "
                        "the graphs it holds",
                    )
        budget = Budget(self.setup.max_value_bytes, self.setup.max_result_bytes)
        if isinstance(self.store, OxigraphStore):
            options = self.store.dataset_options(from_clause)
            result, truncated = _run_oxigraph(self.store.store, job, options, budget)
        elif isinstance(self.store, MemoryStore):
            assert prepared is not None
            if job.has_dataset:
                prepared.algebra["datasetClause"] = [
                    CompValue("DatasetClause", default=URIRef(g)) for g in job.default_graphs
                ] + [CompValue("DatasetClause", named=URIRef(g)) for g in job.named_graphs]
            result, truncated = _cap(
                sparql.evaluate_rdflib(self.store.dataset, prepared), job.row_cap
            )
        else:
            if job.has_dataset:
                raise ProtocolError(
                    400,
                    "default-graph-uri and named-graph-uri are not supported with a "
                    f"{StoreSpec.parse(self.store.spec).kind} store: use FROM in the query",
                )
            answer = self.store.run(_with_base(job.text, job.base_iri))
            result, truncated = _cap(answer, job.row_cap)
        if not isinstance(self.store, OxigraphStore):
            budget.measure(result)
        return self._answer(result, offer, truncated, job.row_cap)

    def _answer(self, result: QueryResult, offer: Offer, truncated: bool, limit: int) -> Reply:
        reply = _answer(result, offer, truncated, limit)
        if len(reply.body) > self.setup.max_result_bytes:
            raise too_large("answer", self.setup.max_result_bytes)
        return reply

    # --- the query library -----------------------------------------------------------------

    def named_query(self, job: NamedQueryJob) -> Reply:
        # PartnerGraph.query, except that the library's (trusted, fixed) text is checked by
        # sparql.prepare once per worker instead of being parsed by rdflib on every call,
        # which costs as much as running it.
        with using(job.lang if job.lang in LANGUAGES else LANGUAGES[0]):
            return self._named_query(job)

    def _named_query(self, job: NamedQueryJob) -> Reply:
        named = self.graph.named_query(job.name)
        values = dict(job.params)
        if job.lang is not None and any(p.name == "lang" for p in named.parameters):
            values.setdefault("lang", job.lang)
        # ?as_of=YYYY-MM-DD is the status day: what date parameters defaulting to today mean.
        as_of = as_of_date(values.pop("as_of", None))
        bindings = named.bindings(values, resolve=self.graph.resolve_as, as_of=as_of)
        text = named.text_for(bindings)
        checked = None
        if text not in self._library_checked:
            sparql.prepare(text, self.store.graph_names())
            self._library_checked.add(text)
            checked = named.name
        result = sparql.harmonise(text, self.store.run(text, bindings))
        shape: Shape = (
            "graph"
            if isinstance(result, GraphResult)
            else "ask"
            if isinstance(result, AskResult)
            else "select"
        )
        offer = _choose(job.negotiation, shape)
        result, truncated = _cap(result, job.row_cap)
        Budget(self.setup.max_value_bytes, self.setup.max_result_bytes).measure(result)
        return replace(self._answer(result, offer, truncated, job.row_cap), checked=checked)

    # --- Graph Store Protocol reads ---------------------------------------------------------

    def read_graph(self, job: GraphJob) -> Reply:
        offer = _choose(job.negotiation, "graph")
        if job.graph is None:
            text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        else:
            if job.graph not in self.store.graph_names():
                raise ProtocolError(404, f"no graph named <{job.graph}> in this dataset")
            name = URIRef(job.graph).n3()
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"
        result = sparql.run(self.store, text)
        assert isinstance(result, GraphResult)
        return self._answer(result, offer, False, 0)

    # --- updates ---------------------------------------------------------------------------

    def update(self, job: UpdateJob) -> Reply:
        if not isinstance(self.store, OxigraphStore):
            raise ProtocolError(403, "updates need the in-memory Oxigraph store")
        operations = check_update(job.text)
        try:
            text = with_using(job.text, operations, job.using, job.using_named)
        except DatasetConflict as exc:
            raise ProtocolError(400, str(exc)) from None
        self.store.forget_union()  # rebuilt from the changed data when next needed
        try:
            self.store.store.update(text, base_iri=job.base_iri, prefixes=dict(PREFIXES))
        except SyntaxError as exc:
            raise QuerySyntaxError(f"malformed SPARQL update: {exc}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"the engine could not apply this update: {exc}") from None
        data = self.store.store.dump(format=ox.RdfFormat.N_QUADS)
        Path(job.snapshot).write_bytes(data or b"")
        return Reply(204, "", b"")


# --- queries -----------------------------------------------------------------------------------


def _with_base(text: str, base: str) -> str:
    """The query with the endpoint as its base IRI; its own BASE, if any, comes later and wins.

    On a line of its own, so error positions move by exactly one line (see :func:`_prepare`).
    """
    if not _SAFE_IRI.match(base):
        return text
    return f"BASE <{base}>\n{text}"


def _prepare(text: str, base: str, loaded: set[str]) -> Query:
    """Parse and check with :func:`partnergraph.engine.sparql.prepare`, relative IRIs resolved."""
    based = _with_base(text, base)
    try:
        return sparql.prepare(based, loaded)
    except QuerySyntaxError as exc:
        if based is text or exc.line is None or exc.line < 2:
            raise
        if exc.key is None:
            raise
        values = {**exc.values, "line": exc.line - 1}  # the line of the text as it was sent
        raise QuerySyntaxError.of(exc.key, **values) from None


def _shape(query: Query) -> Shape:
    name = query.algebra.name
    if name == "AskQuery":
        return "ask"
    if name in ("ConstructQuery", "DescribeQuery"):
        return "graph"
    return "select"


def _choose(negotiation: Negotiation, shape: Shape) -> Offer:
    offer = negotiate(negotiation.accept, shape, negotiation.formats)
    if offer is None:
        kind = {"select": "SELECT results", "ask": "ASK results", "graph": "graphs"}[shape]
        raise ProtocolError(
            406,
            f"none of the formats in the Accept header can carry {kind}; "
            f"available: {describe_offers(shape)}",
        )
    return offer


def _has_dataset_clause(query: Query) -> bool:
    algebra = query.algebra
    return "datasetClause" in algebra and bool(algebra["datasetClause"])


def _run_oxigraph(
    store: ox.Store, job: QueryJob, dataset: dict[str, Any], budget: Budget
) -> tuple[QueryResult, bool]:
    """Evaluate in Oxigraph, reading at most ``row_cap`` rows (the rest is never computed)."""
    options: dict[str, Any] = {"base_iri": job.base_iri, "prefixes": dict(PREFIXES)}
    if job.has_dataset:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    else:
        # A FROM clause chooses the default graph itself; otherwise it is the union (a set).
        options.update(dataset)
    try:
        answer = store.query(job.text, **options)
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer)), False
        truncated = False
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows: list[tuple[Node | None, ...]] = []
            for solution in answer:
                if len(rows) == job.row_cap:
                    truncated = True
                    break
                rows.append(tuple(_term(t, budget) for t in solution))
            return SelectResult(variables, rows), truncated
        graph = bind_prefixes(Graph())
        for triple in answer:
            if len(graph) >= job.row_cap:
                truncated = True
                break
            subject, predicate, value = triple.subject, triple.predicate, triple.object
            graph.add((_term(subject, budget), _term(predicate, budget), _term(value, budget)))  # type: ignore[arg-type]
        return GraphResult(graph), truncated
    except SyntaxError as exc:
        raise QuerySyntaxError(f"malformed SPARQL: {exc}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"the engine could not evaluate this query: {exc}") from None


def _term(term: Any, budget: Budget | None = None) -> Node | None:
    """An Oxigraph term as the rdflib term partnergraph's formats write, its size counted."""
    if term is None:
        return None
    kind = type(term).__name__
    if budget is not None and kind in ("NamedNode", "BlankNode", "Literal"):
        budget.add(term.value)
    try:
        return from_ox(term)
    except TypeError:
        raise QueryError(
            f"this server cannot send {kind} values: select their parts instead"
        ) from None


def _cap(result: QueryResult, limit: int) -> tuple[QueryResult, bool]:
    if isinstance(result, SelectResult) and len(result.rows) > limit:
        return SelectResult(result.variables, result.rows[:limit]), True
    if isinstance(result, GraphResult) and len(result.graph) > limit:
        graph = bind_prefixes(Graph())
        for number, triple in enumerate(result.graph):
            if number == limit:
                break
            graph.add(triple)
        return GraphResult(graph), True
    return result, False


def _answer(result: QueryResult, offer: Offer, truncated: bool, limit: int) -> Reply:
    if isinstance(result, SelectResult):
        body = render_table(result, offer, truncated=truncated, limit=limit)
    elif isinstance(result, AskResult):
        body = render_boolean(result, offer)
    else:
        body = render_graph(result.graph, offer)
    headers = ((TRUNCATED_HEADER, "true"),) if truncated else ()
    return Reply(200, offer.content_type, body, headers)


# --- errors ------------------------------------------------------------------------------------

_PATH = re.compile(r"(?<![\w:/.<~-])(?:/[\w.@+~-]+){2,}/?")


def _hidden_paths(setup: WorkerSetup) -> list[str]:
    """Folders whose names must never reach a client: data, store, installation, home."""
    folders = {str(Path(f).resolve().parent) for f in setup.files}
    folder = StoreSpec.parse(setup.store).folder
    if folder is not None:
        folders.add(str(folder.resolve()))
    folders |= {sys.prefix, str(Path.cwd()), str(Path.home())}
    return sorted((f for f in folders if len(f) > 1), key=len, reverse=True)


def clean_message(message: str, hidden: list[str]) -> str:
    """A message fit for a client: server paths removed, one line."""
    for folder in hidden:
        message = message.replace(folder, "…")
    message = _PATH.sub("…", message)
    return " ".join(message.split())


def _guarded(work: Callable[[], Reply], hidden: list[str]) -> Reply:
    try:
        return work()
    except ProtocolError as exc:
        if exc.key is not None:
            return Reply.say(exc.status, exc.key, **exc.values)
        return Reply.text(exc.status, clean_message(str(exc), hidden))
    except CannotRepresent as exc:
        return Reply.text(406, clean_message(str(exc), hidden))
    except RecursionError:
        return Reply.text(400, "the query is nested too deeply to evaluate: simplify it")
    except MemoryError:
        return replace(Reply.say(500, "server.memory"), retire=True)
    except PartnergraphError as exc:
        exc.advise("server")  # what to do, said with the request's parameters
        status = exc.status
        parameter = getattr(exc, "parameter", None)
        if isinstance(parameter, str):
            # A bad, unknown or ambiguous value of a form field: the request is at fault (400,
            # never 404), and the page is told which field so it can show the message there.
            return Reply.text(400, clean_message(str(exc), hidden), (PARAMETER_HEADER, parameter))
        return Reply.text(status, clean_message(str(exc), hidden))
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return Reply.text(500, "internal error while answering this request (logged on the server)")
