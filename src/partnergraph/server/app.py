"""The ASGI application: SPARQL 1.1 Protocol at ``/sparql``, Graph Store reads, the library.

Routes (``extra_routes`` of the config come after these):

``GET|POST /sparql``             queries (GET, form POST, direct POST), updates (POST, only
                                 with ``allow_update`` and the bearer token); a GET without a
                                 query answers the service description
``GET|HEAD /rdf-graph-store``    Graph Store Protocol reads: ``?graph=IRI`` or ``?default``
``GET /api/queries``             the named query library (JSON)
``GET /api/queries/{name}``      run one, parameters as request parameters (``lang=`` too)
``GET /api/openapi.json``        an OpenAPI 3.1 description of the two above
``GET|HEAD /dataset``            the datasets as a DCAT-AP catalogue: the endpoint as a data
                                 service, download URLs on this server (Turtle, JSON-LD, ...)

Every response carries the security headers (unless a route set its own), and no response
ever carries a traceback or a path on the server: workers send one-line messages, and a
catch-all handler answers anything unexpected with a plain 500.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from partnergraph.core.messages import LANGUAGES, t
from partnergraph.engine.factory import open_store
from partnergraph.engine.spec import StoreSpec
from partnergraph.io.loading import input_files
from partnergraph.query.library import load_library
from partnergraph.server.config import ServerConfig
from partnergraph.server.conneg import Offer, describe_offers, negotiate
from partnergraph.server.description import dataset_description, service_description
from partnergraph.server.hosts import HostCheck, request_language
from partnergraph.server.jobs import (
    GraphJob,
    NamedQueryJob,
    Negotiation,
    QueryJob,
    Reply,
    StoreInfo,
    UpdateJob,
)
from partnergraph.server.openapi import openapi_document
from partnergraph.server.pages import page_routes
from partnergraph.server.pool import WorkerPool, default_setup
from partnergraph.server.poolstore import PoolStore
from partnergraph.server.protocol import Problem, absolute_iri, parse_params, read_operation, values
from partnergraph.server.resultformats import render_graph
from partnergraph.server.state import CallError, ServerState
from partnergraph.views.pages import ServerLinks, render_message

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["CallError", "ServerState", "create_app", "make_pool"]

log = logging.getLogger("partnergraph.server")

Endpoint = Callable[[Request], Awaitable[Response]]


def make_pool(config: ServerConfig) -> WorkerPool:
    """The worker pool for ``config`` (not started); checks the data files exist first."""
    config.check()
    files = input_files(None if config.data is None else list(config.data))
    store = config.store
    if StoreSpec.parse(store).on_disk:
        # Build (or check) the on-disk store once here; the workers only open it read-only.
        open_store(store, files).close()
    setup = default_setup(
        store,
        files,
        config.queries,
        max_value_bytes=config.max_value_bytes,
        max_result_bytes=config.max_result_bytes,
        query_memory_bytes=config.query_memory_bytes,
    )
    return WorkerPool(
        setup,
        size=config.workers,
        spares=config.spare_workers,
        timeout=config.query_timeout,
        queue_timeout=config.queue_timeout,
        cooldown=config.overrun_cooldown,
    )


def _page_routes(config: ServerConfig) -> list[BaseRoute]:
    return list(page_routes()) if config.pages else []


def create_app(config: ServerConfig, *, pool: WorkerPool | None = None) -> Starlette:
    """The Starlette app for ``config``; its lifespan starts and stops the worker pool.

    Pass a ``pool`` already started (as :func:`partnergraph.server.serve` does) to find data
    errors before the server listens.
    """
    config.check()
    token = config.update_token() if config.allow_update else None
    state = ServerState(
        config=config,
        pool=pool or make_pool(config),
        token=token,
        library=load_library(config.queries),
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not state.pool.started:
            state.pool.start()  # blocking, before anything is served; in the main thread
        try:
            yield
        finally:
            state.pool.close()

    routes = [
        Route("/sparql", _guard(_sparql), methods=["GET", "HEAD", "POST"], name="sparql"),
        Route("/rdf-graph-store", _guard(_graph_store), methods=["GET", "HEAD"], name="gsp"),
        Route("/api/queries", _guard(_library), methods=["GET", "HEAD"], name="queries"),
        Route("/api/openapi.json", _guard(_openapi), methods=["GET", "HEAD"], name="openapi"),
        Route("/api/queries/{name}", _guard(_named_query), methods=["GET", "HEAD"], name="query"),
        Route("/dataset", _guard(_dataset), methods=["GET", "HEAD"], name="dataset"),
        *_page_routes(config),
        *config.extra_routes,
    ]
    middleware = []
    if config.cors_origin:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=[config.cors_origin],
                allow_methods=["GET", "HEAD", "POST"],
                allow_headers=["Accept", "Content-Type", "Authorization"],
                expose_headers=["X-Partnergraph-Truncated", "X-Partnergraph-Parameter"],
                max_age=600,
            )
        )
    app = _App(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={Exception: _internal_error, 404: _not_found, 405: _not_found},
    )
    app.security_headers = _security_headers(config)
    app.allowed_hosts = tuple(config.allowed_hosts)
    app.state.partnergraph = state
    return app


class _App(Starlette):
    """Starlette with the security headers outermost, so even its own 500 pages get them,
    then the Host check (DNS rebinding), before anything else looks at a request."""

    security_headers: list[tuple[bytes, bytes]]
    allowed_hosts: tuple[str, ...] = ()

    def build_middleware_stack(self) -> ASGIApp:
        checked = HostCheck(super().build_middleware_stack(), self.allowed_hosts)
        return _SecurityHeaders(checked, self.security_headers)


def _security_headers(config: ServerConfig) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", config.content_security_policy.encode("latin-1")),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]


class _SecurityHeaders:
    def __init__(self, app: ASGIApp, headers: list[tuple[bytes, bytes]]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name.decode() not in headers:
                        headers.raw.append((name, value))
            await send(message)

        await self.app(scope, receive, with_headers)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("partnergraph: internal error on %s %s", request.method, request.url.path)
    return PlainTextResponse("internal server error (logged on the server)\n", status_code=500)


async def _not_found(request: Request, exc: Exception) -> Response:
    """No such page (404) or not with this method (405): said in the reader's language, as a
    page for browsers when the pages are mounted."""
    status = getattr(exc, "status_code", 404)
    headers = dict(getattr(exc, "headers", None) or {})  # 405 says what is allowed
    wanted = request.query_params.get("lang", "")
    lang = wanted if wanted in LANGUAGES else LANGUAGES[0]
    message = t("server.notfound" if status == 404 else "server.method", lang)
    state: ServerState = request.app.state.partnergraph
    accept = request.headers.get("accept", "")
    if state.config.pages and "text/html" in accept:
        links = ServerLinks(request.url.path, lang, root=str(request.scope.get("root_path", "")))
        title = t("server.error", lang, status=status)
        html = render_message(title, message, links, lang=lang)
        return HTMLResponse(html, status_code=status, headers=headers)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def _guard(endpoint: Endpoint) -> Endpoint:
    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except Problem as problem:
            return _text(problem.status, problem.message, problem.headers)

    guarded.__name__ = endpoint.__name__
    return guarded


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.partnergraph
    return state


def _respond(reply: Reply, request: Request, *, negotiated: bool = True) -> Response:
    reply = reply.said(request_language(request.scope, request.headers))
    headers = dict(reply.headers)
    if negotiated:
        headers["Vary"] = "Accept"
    if reply.status == 204:
        return Response(status_code=204, headers=headers)
    headers["Content-Type"] = reply.media_type
    return Response(reply.body, status_code=reply.status, headers=headers)


def _negotiation(request: Request, formats: tuple[str, ...]) -> Negotiation:
    return Negotiation(request.headers.get("accept"), formats)


# --- /sparql -----------------------------------------------------------------------------------


async def _sparql(request: Request) -> Response:
    state = _state(request)
    config = state.config
    if request.method == "POST" and _is_direct_update(request) and not config.allow_update:
        raise _read_only()
    operation = await read_operation(request, config.max_query_bytes)
    endpoint = str(request.url_for("sparql"))
    if operation.kind == "description":
        return _description(request, state, endpoint)
    if operation.kind == "update":
        if not config.allow_update:
            raise _read_only()
        _check_token(request, state.token)
        job = UpdateJob(
            operation.text,
            endpoint,
            snapshot="",
            using=operation.graphs,
            using_named=operation.named_graphs,
        )
        return _respond(await state.pool.update(job), request, negotiated=False)
    query = QueryJob(
        operation.text,
        _negotiation(request, operation.formats),
        endpoint,
        config.row_cap,
        default_graphs=operation.graphs,
        named_graphs=operation.named_graphs,
    )
    return _respond(await state.pool.run(query, _client(request)), request)


def _client(request: Request) -> str | None:
    """Who sent the request, for the fair share: its address (a proxy's X-Forwarded-For is not
    trusted, so behind one every request counts as the proxy's)."""
    return request.client.host if request.client else None


def _is_direct_update(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/sparql-update"


def _read_only() -> Problem:
    return Problem(403, "this server is read-only: SPARQL updates are refused")


def _check_token(request: Request, token: str | None) -> None:
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    if (
        token is None
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(presented.strip().encode(), token.encode())
    ):
        raise Problem(
            401,
            "updates need 'Authorization: Bearer <token>' with the server's update token",
            {"WWW-Authenticate": 'Bearer realm="partnergraph"'},
        )


def _description(request: Request, state: ServerState, endpoint: str) -> Response:
    offer = _graph_offer(request, "service")
    key = (endpoint, offer.media_type, state.pool.info)
    if key not in state.descriptions:
        graph = service_description(
            endpoint, state.pool.info, allow_update=state.config.allow_update
        )
        _keep(state, key, graph, offer)
    return _respond(state.descriptions[key], request)


async def _dataset(request: Request) -> Response:
    """The DCAT-AP catalogue; its addresses are this server's, as the request reached it."""
    state = _state(request)
    offer = _graph_offer(request, "dataset")
    here = str(request.url_for("dataset"))
    key = (here, offer.media_type, state.pool.info)
    if key not in state.descriptions:
        endpoint = str(request.url_for("sparql"))
        store = PoolStore(state, asyncio.get_running_loop(), endpoint, _client(request))
        home = here.removesuffix("dataset") if state.config.pages else endpoint
        graph = await run_in_threadpool(
            lambda: dataset_description(
                store,
                here=here,
                endpoint=endpoint,
                graph_store=str(request.url_for("gsp")),
                home=home,
            )
        )
        _keep(state, key, graph, offer)
    return _respond(state.descriptions[key], request)


def _graph_offer(request: Request, what: str) -> Offer:
    """The RDF format a description is asked in (``?format=`` before Accept), else 406."""
    formats = tuple(values(parse_params(request.scope.get("query_string", b"")), "format"))
    offer = negotiate(request.headers.get("accept"), "graph", formats)
    if offer is None:
        raise Problem(406, f"the {what} description is available as {describe_offers('graph')}")
    return offer


def _keep(state: ServerState, key: tuple[str, str, StoreInfo], graph: Graph, offer: Offer) -> None:
    """Remember a description as rendered: it changes only when the data does (a few kept)."""
    if len(state.descriptions) > 32:
        state.descriptions.clear()
    state.descriptions[key] = Reply(200, offer.content_type, render_graph(graph, offer))


# --- Graph Store Protocol reads ----------------------------------------------------------------


async def _graph_store(request: Request) -> Response:
    params = parse_params(request.scope.get("query_string", b""))
    graphs = values(params, "graph")
    default = any(name == "default" for name, _ in params)
    if len(graphs) + default != 1:
        raise Problem(400, "name exactly one graph: ?graph=IRI or ?default")
    graph = None
    if graphs:
        graph = absolute_iri("graph", urljoin(str(request.url), graphs[0]))
    job = GraphJob(graph, _negotiation(request, tuple(values(params, "format"))))
    return _respond(await _state(request).pool.run(job), request)


# --- the query library -------------------------------------------------------------------------


async def _library(request: Request) -> Response:
    state = _state(request)
    listing = [
        {"name": q.name, "href": str(request.url_for("query", name=q.name)), **q.to_dict()}
        for q in sorted(state.library.values(), key=lambda q: q.name)
    ]
    body = json.dumps({"queries": listing}, ensure_ascii=False, indent=2) + "\n"
    return Response(body.encode("utf-8"), media_type="application/json")


async def _openapi(request: Request) -> Response:
    langs = values(parse_params(request.scope.get("query_string", b"")), "lang")
    document = openapi_document(_state(request).library, "en" if langs[:1] == ["en"] else "da")
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(body.encode("utf-8"), media_type="application/json")


_RESERVED = {"lang", "format"}


async def _named_query(request: Request) -> Response:
    state = _state(request)
    params = parse_params(request.scope.get("query_string", b""))
    seen: set[str] = set()
    for name, _ in params:
        if name in seen and name != "format":
            raise Problem(400, f"the parameter {name!r} is given more than once")
        seen.add(name)
    langs = values(params, "lang")
    job = NamedQueryJob(
        request.path_params["name"],
        tuple((k, v) for k, v in params if k not in _RESERVED),
        langs[0] if langs else None,
        _negotiation(request, tuple(values(params, "format"))),
        state.config.row_cap,
    )
    return _respond(await state.pool.run(job), request)
