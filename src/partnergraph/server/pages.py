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
``/network``              the interactive network (:mod:`partnergraph.views.network_page`):
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

from collections.abc import Mapping
from typing import Any

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import BaseRoute, Route

from partnergraph.core.choices import choose
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.io.results import GraphResult, SelectResult
from partnergraph.io.serialize import serialize_graph
from partnergraph.query.labels import Labeller
from partnergraph.query.names import as_iri, unique_names
from partnergraph.rdf.dates import as_of_date
from partnergraph.rdf.namespaces import BASE, compact
from partnergraph.server.construct import graph_network
from partnergraph.server.documents import DOCUMENT_FORMATS, choose_format, not_acceptable
from partnergraph.server.pagebase import PageBase, PageCache
from partnergraph.server.poolstore import PageError, PoolStore
from partnergraph.views.network_page import render_html
from partnergraph.views.pages import (
    ASSETS,
    LANGUAGES,
    QueryRun,
    asset,
    collect_entity,
    entity_exists,
    load_ontology,
    local_name,
    render_entity,
    render_home,
    render_not_found,
    render_ontology,
    render_queries,
    render_query_page,
)
from partnergraph.views.pages import asset_media_type as _asset_media_type
from partnergraph.views.pages.needs import collect_needs, status_lines
from partnergraph.views.pages.timeline import render_timeline

__all__ = [
    "DOCUMENT_FORMATS",
    "PoolStore",
    "choose_format",
    "graph_network",
    "page_routes",
]

PROJECTIONS = ("collaboration", "actors", "themes")

NETWORK_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
"""The interactive network page inlines its scripts (it is also a file that works offline);
it may be framed by the query page of the same server, and nothing else."""


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
    pages = _Pages(base, default_lang, PageCache(cache_seconds))
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


class _Pages(PageBase):
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
                try:  # the token or its Danish or English word (?projection=aktører)
                    given = params.get("projection", "collaboration")
                    projection = choose("projection", given, PROJECTIONS, lang)
                except ParameterError as refused:
                    return await self.error(request, 400, str(refused))
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
                return not_acceptable(vary)
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
                return not_acceptable(headers)
            if fmt == "html":
                links = self.links(request, f"/doc/{local}")
                names = await self.site_name(request)
                day = as_of_date(request.query_params.get("as_of"))

                def page() -> str:
                    status = status_lines(store, day, links.lang, subjects=[iri]).get(iri, "")
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
            return not_acceptable(headers)
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
