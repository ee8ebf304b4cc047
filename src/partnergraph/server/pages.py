"""Web pages of the server: the query page, linked-data pages of every thing, the ontology.

Mounted through the server's hook::

    from partnergraph.server import ServerConfig, serve
    from partnergraph.server.pages import page_routes

    serve(ServerConfig(extra_routes=page_routes()))

Routes (all ``GET``/``HEAD``; ``?lang=da|en`` chooses the language of HTML pages):

``/``                     the overview: what the dataset is, counts, partnerships,
                          organisations, downloads (``/home`` redirects here)
``/query``                the query page: SPARQL editor, the named queries as a gallery with a
                          form per parameter (a drop-down where the parameter is a thing),
                          results with column titles, links to the things' pages, sorting and
                          downloads, a graph view, a permalink
``/find?q=NAME``          a thing by its name, id or IRI: ``303`` to its page; a name that fits
                          several things answers ``400`` with a link to each, an unknown one
                          ``404`` with the closest names
``/api/names``            the names that belong to exactly one thing, as JSON ``{name: IRI}``
``/queries``              the query library: text, parameters, a link to run each one
``/network``              the interactive network (:mod:`partnergraph.viz`):
                          ``?projection=collaboration|actors|themes``, or ``?query=CONSTRUCT``
                          to draw a CONSTRUCT result
``/id/{X}``               the thing: ``303 See Other`` to its description document, chosen by
                          the Accept header (``Vary: Accept``): ``/doc/X``, ``/doc/X.ttl`` or
                          ``/doc/X.jsonld``
``/doc/{X}``              the description: HTML, Turtle or JSON-LD by the Accept header
                          (``Vary: Accept``); ``/doc/X.html``, ``.ttl``, ``.jsonld`` fixed
``/ontology``             the ontology document, negotiated the same way; ``/ontology.ttl``,
                          ``/ontology.jsonld``, ``/ontology.html``
``/static/{name}``        the pages' stylesheet and scripts (nothing comes from elsewhere)

**Things and their IRIs.** The data names things ``{base}id/X`` (``base`` is
``https://w3id.org/partnergraph/`` unless :func:`page_routes` is told otherwise). The server maps
its own paths onto that space: ``http://HOST:PORT/id/X`` stands for ``{base}id/X`` and
``/doc/X`` for ``{base}doc/X``. Deployed at the base itself (w3id.org redirecting to it),
these paths *are* the IRIs; served anywhere else (``http://127.0.0.1:8000``) they are a local
mirror of them, and every page says which IRI it describes. A server behind a proxy under a
path prefix gets it from the ASGI ``root_path`` (``uvicorn --root-path /partners``).

Everything the pages read goes through the server's worker pool (the same time limit, the
same row cap as ``/sparql``): SPARQL through :class:`PoolStore`, networks through
:meth:`ServerState.call`. Collected data is cached for a minute.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import BaseRoute, Route

from partnergraph.core.errors import PartnergraphError, QueryError
from partnergraph.core.messages import t, using
from partnergraph.engine.stores import Store
from partnergraph.io.formats import serialize_graph
from partnergraph.io.results import GraphResult, QueryResult, SelectResult
from partnergraph.query.labels import LABEL_PROPERTIES, Labeller
from partnergraph.query.names import as_iri, unique_names
from partnergraph.query.status import as_of_date
from partnergraph.rdf.kinds import kind_of
from partnergraph.rdf.namespaces import BASE, compact
from partnergraph.server.app import CallError
from partnergraph.server.conneg import parse_accept
from partnergraph.server.jobs import Negotiation, QueryJob
from partnergraph.views.pages import (
    ASSETS,
    LANGUAGES,
    QueryRun,
    ServerLinks,
    asset,
    collect_entity,
    collect_home,
    entity_exists,
    list_entities,
    load_ontology,
    local_name,
    render_entity,
    render_home,
    render_message,
    render_not_found,
    render_ontology,
    render_queries,
    render_query_page,
)
from partnergraph.views.pages import asset_media_type as _asset_media_type
from partnergraph.views.pages.needs import collect_needs, status_lines
from partnergraph.views.pages.render import predicate_label
from partnergraph.views.pages.timeline import render_timeline

if TYPE_CHECKING:
    from partnergraph.server.app import ServerState

__all__ = ["DOCUMENT_FORMATS", "PoolStore", "page_routes"]

T = TypeVar("T")

DOCUMENT_FORMATS: Mapping[str, str] = {
    "html": "text/html; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
}
"""The representations of a description document, by file extension."""

_OFFERS: tuple[tuple[str, str], ...] = (
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("text/turtle", "ttl"),
    ("application/x-turtle", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),
)
"""Media types a client may ask for, in the server's order of preference."""

PROJECTIONS = ("collaboration", "actors", "themes")
ROW_CAP = 1_000_000
"""Rows a page's own query may read (the time limit still applies)."""

NETWORK_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
"""The interactive network page inlines its scripts (it is also a file that works offline);
it may be framed by the query page of the same server, and nothing else."""


# ---------------------------------------------------------------------------------------------
# Queries through the worker pool
# ---------------------------------------------------------------------------------------------


class PoolStore(Store):
    """A :class:`~partnergraph.stores.Store` whose queries run in the server's workers.

    For the page code, which is synchronous: call it from a worker thread (``run_in_threadpool``)
    while the event loop runs; each query is a ``/sparql`` job under the server's limits.
    """

    spec = "server"

    def __init__(
        self,
        state: ServerState,
        loop: asyncio.AbstractEventLoop,
        base_iri: str,
        client: str | None = None,
    ) -> None:
        self.state = state
        self.loop = loop
        self.base_iri = base_iri
        self.client = client
        """The address of the request, which the pool's fair share counts by."""

    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        from partnergraph.engine.answers import parse_graph, parse_results
        from partnergraph.engine.sparql import bind_as_values
        from partnergraph.engine.sparql_text import query_form

        if bindings:
            text = bind_as_values(text, bindings)
        form = query_form(text) or "SELECT"
        graph = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        job = QueryJob(text, Negotiation(accept), self.base_iri, ROW_CAP)
        reply = asyncio.run_coroutine_threadsafe(
            self.state.pool.run(job, self.client), self.loop
        ).result()
        if reply.status != 200:
            raise PageError(reply.status, reply.body.decode("utf-8", "replace").strip())
        media_type = reply.media_type.split(";")[0].strip().lower()
        if graph:
            from partnergraph.rdf.namespaces import bind_prefixes

            return GraphResult(bind_prefixes(parse_graph(reply.body, media_type)))
        return parse_results(reply.body, media_type, form)

    def graph_names(self) -> set[str]:
        return set(self.state.pool.info.graphs)

    def export(self, fmt: str) -> str:
        raise NotImplementedError("pages never export the whole dataset")

    def to_dataset(self) -> Dataset:
        raise NotImplementedError("pages never copy the whole dataset")

    def __len__(self) -> int:
        return self.state.pool.info.triples


class PageError(QueryError):
    """A query of a page failed in a worker: ``status`` is what the protocol would answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------------------------


def choose_format(accept: str | None) -> str | None:
    """``html``, ``ttl`` or ``jsonld`` for an Accept header (``html`` when there is none, the
    server's order breaking ties), or ``None`` when none is acceptable (406)."""
    ranges = parse_accept(accept)
    if not ranges:
        return "html"
    best: str | None = None
    best_q = 0.0
    for media_type, fmt in _OFFERS:
        main, _, sub = media_type.partition("/")
        matching = [r for r in ranges if r.type in (main, "*") and r.subtype in (sub, "*")]
        if not matching:
            continue
        q = max(matching, key=lambda r: (r.specificity, r.q)).q
        if q > best_q:
            best, best_q = fmt, q
    return best


# ---------------------------------------------------------------------------------------------
# The routes
# ---------------------------------------------------------------------------------------------


@dataclass
class _Cache:
    seconds: float
    entries: dict[Any, tuple[float, Any]] = field(default_factory=dict)

    async def get(self, key: Any, make: Callable[[], Awaitable[T]]) -> T:
        now = time.monotonic()
        found = self.entries.get(key)
        if found is not None and now - found[0] < self.seconds:
            value: T = found[1]
            return value
        value = await make()
        if len(self.entries) > 64:
            self.entries.clear()
        self.entries[key] = (now, value)
        return value


def page_routes(
    *, base: str = BASE, default_lang: str = "da", cache_seconds: float = 60.0
) -> list[BaseRoute]:
    """The routes of the pages, for ``ServerConfig(extra_routes=page_routes())``.

    ``base`` is the namespace the data names its things in (``{base}id/X``); ``default_lang``
    the language of pages without ``?lang=``; data read for pages is reused for
    ``cache_seconds``.
    """
    if default_lang not in LANGUAGES:
        raise ValueError(f"default_lang must be one of {', '.join(LANGUAGES)}")
    pages = _Pages(base, default_lang, _Cache(cache_seconds))
    get = ["GET", "HEAD"]
    return [
        Route("/", pages.home, methods=get, name="pages:home"),
        Route("/home", pages.old_home, methods=get, name="pages:old-home"),
        Route("/query", pages.query_page, methods=get, name="pages:query"),
        Route("/find", pages.find, methods=get, name="pages:find"),
        Route("/api/names", pages.names, methods=get, name="pages:names"),
        Route("/queries", pages.library, methods=get, name="pages:queries"),
        Route("/network", pages.network, methods=get, name="pages:network"),
        Route("/timeline", pages.timeline, methods=get, name="pages:timeline"),
        Route("/ontology", pages.ontology, methods=get, name="pages:ontology"),
        Route("/ontology.{fmt}", pages.ontology, methods=get, name="pages:ontology-format"),
        Route("/id/{local:path}", pages.thing, methods=get, name="pages:thing"),
        Route("/doc/{local:path}", pages.document, methods=get, name="pages:document"),
        Route("/static/{name}", pages.static, methods=get, name="pages:static"),
    ]


class _Pages:
    def __init__(self, base: str, default_lang: str, cache: _Cache) -> None:
        self.base = base
        self.default_lang = default_lang
        self.cache = cache

    # --- helpers ----------------------------------------------------------------------------

    def lang(self, request: Request) -> str:
        wanted = request.query_params.get("lang", "")
        return wanted if wanted in LANGUAGES else self.default_lang

    def links(
        self, request: Request, current: str, keep: Mapping[str, str] | None = None
    ) -> ServerLinks:
        return ServerLinks(
            current,
            self.lang(request),
            default_lang=self.default_lang,
            root=str(request.scope.get("root_path", "")),
            base=self.base,
            query=dict(keep or {}),
        )

    @staticmethod
    def state(request: Request) -> ServerState:
        state: ServerState = request.app.state.partnergraph
        return state

    def store(self, request: Request) -> PoolStore:
        endpoint = str(request.url_for("sparql"))
        client = request.client.host if request.client else None
        return PoolStore(self.state(request), asyncio.get_running_loop(), endpoint, client)

    async def in_thread(self, work: Callable[[], T]) -> T:
        return await run_in_threadpool(work)

    def key(self, request: Request, *parts: Any) -> tuple[Any, ...]:
        return (*parts, self.state(request).pool.info)

    async def network_graph(self, request: Request) -> Any:
        state = self.state(request)
        return await self.cache.get(
            self.key(request, "network"), lambda: state.call("network", "collaboration")
        )

    async def home_data(self, request: Request) -> Any:
        store = self.store(request)

        def collect() -> Any:
            entities = len(list_entities(store, self.base))
            return collect_home(store, triples=len(store), entities=entities, base=self.base)

        async def make() -> Any:
            return await self.in_thread(collect)

        return await self.cache.get(self.key(request, "home"), make)

    async def site_name(self, request: Request) -> dict[str, str]:
        try:
            home = await self.home_data(request)
        except PartnergraphError:
            return {}
        names: dict[str, str] = home.names or home.titles
        return names

    async def guarded(self, request: Request, work: Callable[[], Awaitable[Response]]) -> Response:
        """Run a page; a failure becomes a page in the reader's language with the status the
        protocol would answer (HTML for browsers, one line of text for everyone else)."""
        lang = self.lang(request)
        try:
            with using(lang):
                return await work()
        except PageError as exc:
            return await self.error(request, exc.status, exc.args[0])
        except CallError as exc:
            return await self.error(request, exc.status, exc.message)
        except PartnergraphError as exc:
            return await self.error(request, 400, str(exc.advise("server")))

    async def error(
        self,
        request: Request,
        status: int,
        message: str,
        choices: Sequence[tuple[str, str, str]] = (),
        title: str | None = None,
    ) -> Response:
        if choose_format(request.headers.get("accept")) != "html":
            return PlainTextResponse(message + "\n", status_code=status)
        lang = self.lang(request)
        links = self.links(request, request.url.path, dict(request.query_params))
        names = await self.site_name(request)
        html = render_message(
            title or t("server.error", lang, status=status),
            message,
            links,
            lang=lang,
            choices=choices,
            site_name=names,
        )
        return HTMLResponse(html, status_code=status)

    # --- the query page and friends -----------------------------------------------------------

    async def query_page(self, request: Request) -> Response:
        keep = {k: v for k, v in request.query_params.items() if k != "lang"}
        links = self.links(request, "/query", keep)
        state = self.state(request)
        library = sorted(state.library.values(), key=lambda q: q.name)
        names = await self.site_name(request)
        classes = sorted({p.cls for q in library for p in q.parameters if p.cls})
        choices = {cls: await self.members(request, cls, links.lang) for cls in classes}
        html = render_query_page(
            library,
            links,
            lang=links.lang,
            site_name=names,
            things=self.base + "id/",
            choices=choices,
        )
        return HTMLResponse(html)

    async def members(self, request: Request, cls: str, lang: str) -> list[tuple[str, str]]:
        """The things of class ``cls`` as (id, name) for a drop-down, sorted by name."""
        store = self.store(request)

        def collect() -> list[tuple[str, str]]:
            iri = as_iri(cls)
            if iri is None:
                return []
            result = store.run(f"SELECT DISTINCT ?s WHERE {{ ?s a {iri.n3()} FILTER(isIRI(?s)) }}")
            if not isinstance(result, SelectResult):
                return []
            found = [s for (s,) in result.rows if isinstance(s, URIRef)]
            labeller = Labeller(store, lang)
            labeller.prefetch(found)
            return sorted(((compact(str(s)), labeller(s)) for s in found), key=lambda x: x[1])

        async def make() -> list[tuple[str, str]]:
            return await self.in_thread(collect)

        return await self.cache.get(self.key(request, "members", cls, lang), make)

    async def names(self, request: Request) -> Response:
        """Names that belong to exactly one thing: the query page links answers with them."""
        lang = self.lang(request)
        store = self.store(request)

        def collect() -> dict[str, str]:
            return unique_names(store, lang)

        async def make() -> dict[str, str]:
            return await self.in_thread(collect)

        async def work() -> Response:
            found = await self.cache.get(self.key(request, "names", lang), make)
            return JSONResponse(found, headers={"Cache-Control": "max-age=60"})

        return await self.guarded(request, work)

    async def find(self, request: Request) -> Response:
        """A thing by name: its page, or a page that lists what the name may mean."""
        lang = self.lang(request)
        text = request.query_params.get("q", "").strip()

        async def work() -> Response:
            state = self.state(request)
            match = await state.call("find", text, lang=lang)
            links = self.links(request, "/find", {"q": text})
            if match.status == "found":
                local = local_name(match.iri, self.base)
                if local is not None:
                    return RedirectResponse(links.doc(local), status_code=303)
                return await self.error(request, 404, str(match.error()))
            message = str(match.error())
            if choose_format(request.headers.get("accept")) != "html":
                return PlainTextResponse(
                    message + "\n", status_code=400 if match.status == "ambiguous" else 404
                )
            if match.status == "ambiguous":
                choices = [
                    (
                        links.doc(local) if (local := local_name(c.iri, self.base)) else c.iri,
                        c.label,
                        ", ".join(x for x in (c.type, c.source) if x),
                    )
                    for c in match.candidates
                ]
                return await self.error(
                    request,
                    400,
                    t("name.page.ambiguous.text", lang, text=text),
                    choices,
                    t("name.page.ambiguous", lang),
                )
            choices = [(links._url("/find", lang, {"q": s}), s, "") for s in match.suggestions]
            return await self.error(request, 404, message, choices, t("name.page.none", lang))

        return await self.guarded(request, work)

    async def old_home(self, request: Request) -> Response:
        """The overview moved to ``/``; old links and bookmarks still arrive."""
        root = str(request.scope.get("root_path", "")).rstrip("/")
        query = request.url.query
        target = f"{root}/" + (f"?{query}" if query else "")
        return RedirectResponse(target, status_code=308)

    async def home(self, request: Request) -> Response:
        async def work() -> Response:
            keep = {k: v for k, v in request.query_params.items() if k == "as_of"}
            links = self.links(request, "/", keep)
            home = await self.home_data(request)
            names = home.names or home.titles
            # ?as_of=YYYY-MM-DD: the day of the needs-action list (default today)
            day = as_of_date(request.query_params.get("as_of"))
            store = self.store(request)
            needs = await self.in_thread(lambda: collect_needs(store, day, links.lang, links))
            html = render_home(home, links, lang=links.lang, site_name=names, needs=needs)
            return HTMLResponse(html)

        return await self.guarded(request, work)

    async def library(self, request: Request) -> Response:
        links = self.links(request, "/queries")
        state = self.state(request)
        runs = [QueryRun(q) for q in sorted(state.library.values(), key=lambda q: q.name)]
        names = await self.site_name(request)
        return HTMLResponse(render_queries(runs, links, lang=links.lang, site_name=names))

    async def timeline(self, request: Request) -> Response:
        """Agreements and decisions on a time axis; ``?as_of=YYYY-MM-DD`` (default today)."""

        async def work() -> Response:
            keep = {k: v for k, v in request.query_params.items() if k == "as_of"}
            links = self.links(request, "/timeline", keep)
            day = as_of_date(request.query_params.get("as_of"))
            names = await self.site_name(request)
            store = self.store(request)
            html = await self.in_thread(
                lambda: render_timeline(store, links, as_of=day, lang=links.lang, site_name=names)
            )
            return HTMLResponse(html)

        return await self.guarded(request, work)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse(
                t("server.notfound", self.lang(request)) + "\n", status_code=404
            )
        return Response(
            asset(name).read_bytes(),
            media_type=_asset_media_type(name),
            headers={"Cache-Control": "public, max-age=300"},
        )

    # --- the network view ---------------------------------------------------------------------

    async def network(self, request: Request) -> Response:
        from partnergraph.views.network_page import render_html

        async def work() -> Response:
            lang = self.lang(request)
            params = request.query_params
            state = self.state(request)
            names = await self.site_name(request)
            title = names.get(lang) or "partnergraph"
            query = params.get("query")
            if query:
                graph = await self.construct_network(request, query, lang)
            else:
                projection = params.get("projection", "collaboration")
                if projection not in PROJECTIONS:
                    return await self.error(
                        request,
                        400,
                        t(
                            "server.projection",
                            lang,
                            value=projection,
                            choices=", ".join(PROJECTIONS),
                        ),
                    )
                focus = params.get("focus") or None
                # ?as_of=YYYY-MM-DD: only what was in force that day (the status rule)
                as_of = params.get("as_of") or None
                if as_of is not None:
                    as_of = as_of_date(as_of).isoformat()
                if projection == "collaboration" and focus is None and as_of is None:
                    graph = await self.network_graph(request)
                else:
                    graph = await state.call(
                        "network", projection, lang=lang, focus=focus, as_of=as_of
                    )
                title = f"{title} · {t(f'net.projection.{projection}', lang)}"
            html = await self.in_thread(lambda: render_html(graph, lang=lang, title=title))
            return HTMLResponse(
                html,
                headers={"Content-Security-Policy": NETWORK_CSP, "X-Frame-Options": "SAMEORIGIN"},
            )

        return await self.guarded(request, work)

    async def construct_network(self, request: Request, query: str, lang: str) -> Any:
        store = self.store(request)

        def build() -> Any:
            result = store.run(query)
            if not isinstance(result, GraphResult):
                raise PageError(400, "the graph view draws CONSTRUCT and DESCRIBE results")
            return graph_network(result.graph, Labeller(store, lang), lang, store=store)

        return await self.in_thread(build)

    # --- linked data --------------------------------------------------------------------------

    async def thing(self, request: Request) -> Response:
        local = request.path_params["local"]
        iri = f"{self.base}id/{local}"
        fmt = choose_format(request.headers.get("accept"))
        vary = {"Vary": "Accept"}

        async def work() -> Response:
            store = self.store(request)
            if local_name(iri, self.base) is None or not await self.in_thread(
                lambda: entity_exists(store, iri)
            ):
                return await self.not_found(request, iri, fmt, vary)
            if fmt is None:
                return _not_acceptable(vary)
            links = self.links(request, f"/id/{local}")
            target = links.doc(local, fmt)
            return RedirectResponse(target, status_code=303, headers=vary)

        return await self.guarded(request, work)

    async def document(self, request: Request) -> Response:
        local = request.path_params["local"]
        fixed = None
        for extension in DOCUMENT_FORMATS:
            suffix = "." + extension
            if local.endswith(suffix) and local_name(
                f"{self.base}id/{local[: -len(suffix)]}", self.base
            ):
                fixed, local = extension, local[: -len(suffix)]
                break
        iri = f"{self.base}id/{local}"
        headers = {} if fixed else {"Vary": "Accept"}
        fmt = fixed or choose_format(request.headers.get("accept"))

        async def work() -> Response:
            store = self.store(request)
            network = await self.network_graph(request) if fmt == "html" else None
            if local_name(iri, self.base) is None:
                return await self.not_found(request, iri, fmt, headers)

            def collect() -> Any:
                if not entity_exists(store, iri):
                    return None
                return collect_entity(store, iri, network=network, base=self.base)

            data = await self.in_thread(collect)
            if data is None:
                return await self.not_found(request, iri, fmt, headers)
            if fmt is None:
                return _not_acceptable(headers)
            if fmt == "html":
                links = self.links(request, f"/doc/{local}")
                names = await self.site_name(request)
                day = as_of_date(request.query_params.get("as_of"))

                def page() -> str:
                    status = status_lines(store, day, links.lang).get(iri, "")
                    return render_entity(
                        data, links, lang=links.lang, site_name=names, status=status
                    )

                html = await self.in_thread(page)
                return HTMLResponse(html, headers=headers)
            body = await self.in_thread(lambda: serialize_graph(data.graph, fmt))
            extra = dict(headers)
            if not fixed:
                extra["Content-Location"] = self.links(request, "/").doc(local, fmt)
            return Response(body, media_type=DOCUMENT_FORMATS[fmt], headers=extra)

        return await self.guarded(request, work)

    async def ontology(self, request: Request) -> Response:
        fixed = request.path_params.get("fmt")
        if fixed is not None and fixed not in DOCUMENT_FORMATS:
            return PlainTextResponse(
                t("server.notfound", self.lang(request)) + "\n", status_code=404
            )
        headers = {} if fixed else {"Vary": "Accept"}
        fmt = fixed or choose_format(request.headers.get("accept"))
        if fmt is None:
            return _not_acceptable(headers)
        doc = load_ontology()
        if fmt == "html":
            links = self.links(request, "/ontology")
            names = await self.site_name(request)
            return HTMLResponse(
                render_ontology(doc, links, lang=links.lang, site_name=names), headers=headers
            )
        body = doc.text if fmt == "ttl" else serialize_graph(doc.graph, "jsonld")
        return Response(body, media_type=DOCUMENT_FORMATS[fmt], headers=headers)

    async def not_found(
        self, request: Request, iri: str, fmt: str | None, headers: Mapping[str, str]
    ) -> Response:
        if fmt == "html":
            links = self.links(request, request.url.path)
            names = await self.site_name(request)
            return HTMLResponse(
                render_not_found(iri, links, lang=links.lang, site_name=names),
                status_code=404,
                headers=dict(headers),
            )
        return PlainTextResponse(
            f"nothing in this dataset is called <{iri}>\n", status_code=404, headers=dict(headers)
        )


def _not_acceptable(headers: Mapping[str, str]) -> Response:
    offered = ", ".join(sorted({media_type for media_type, _ in _OFFERS}))
    return PlainTextResponse(
        f"this document is available as {offered}\n", status_code=406, headers=dict(headers)
    )


# ---------------------------------------------------------------------------------------------
# CONSTRUCT results as a network
# ---------------------------------------------------------------------------------------------


def graph_network(
    graph: Graph, labeller: Labeller, lang: str = "da", *, store: Store | None = None
) -> Any:
    """A CONSTRUCT result as a network for :func:`partnergraph.viz.render_html`: resources
    are nodes (typed by their ``rdf:type`` in the result, else in ``store``), links between
    them are edges named by their property; literals and labels stay attributes, not nodes."""
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

    from partnergraph.views.pages.model import node_kinds

    network = nx.DiGraph(projection="construct")
    resources = sorted(
        {n for t in graph for n in (t[0], t[2]) if isinstance(n, URIRef | BNode)}, key=str
    )
    labeller.prefetch([r for r in resources if isinstance(r, URIRef)])
    stored = node_kinds(store, [r for r in resources if isinstance(r, URIRef)]) if store else {}
    for s, p, o in graph:
        if p in LABEL_PROPERTIES and isinstance(o, Literal) and isinstance(s, URIRef):
            labeller.add(s, p, o)
    for node in resources:
        types = [t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef)]
        if not any(True for _ in graph.predicate_objects(node)) and not any(
            True for _ in graph.subjects(None, node)
        ):
            continue
        label_da = labeller(node, "da") if isinstance(node, URIRef) else f"_:{node}"
        label_en = labeller(node, "en") if isinstance(node, URIRef) else f"_:{node}"
        network.add_node(
            str(node),
            label=label_da,
            label_da=label_da,
            label_en=label_en,
            type=kind_of(str(node), types) if types else stored.get(str(node), "other"),
            type_label=", ".join(compact(str(t)) for t in types),
            iri=str(node),
        )
    for s, p, o in sorted(graph, key=lambda t: tuple(str(x) for x in t)):
        if p == RDF.type or not isinstance(o, URIRef | BNode):
            continue
        if str(s) not in network or str(o) not in network:
            continue
        if network.has_edge(str(s), str(o)):
            continue
        network.add_edge(
            str(s),
            str(o),
            relation=compact(str(p)),
            label=predicate_label(p, lang, labeller),
            weight=1,
        )
    # Types asserted in the result but never linked to are not worth a node of their own.
    lonely = [
        n
        for n in list(network.nodes)
        if network.degree(n) == 0 and (None, RDF.type, URIRef(n)) in graph
    ]
    network.remove_nodes_from(lonely)
    return network
