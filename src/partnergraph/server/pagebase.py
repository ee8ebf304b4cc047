"""What the server's page handlers share (:mod:`partnergraph.server.pages`): the reader's
language and links, reads through the worker pool, a short cache, and error pages."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from partnergraph.core.errors import PartnergraphError
from partnergraph.core.messages import t, using
from partnergraph.server.documents import choose_format
from partnergraph.server.poolstore import PageError, PoolStore
from partnergraph.server.state import CallError, ServerState
from partnergraph.views.pages import (
    LANGUAGES,
    ServerLinks,
    collect_home,
    list_entities,
    render_message,
)

__all__ = ["PageBase", "PageCache"]

T = TypeVar("T")


@dataclass
class PageCache:
    """Data read for pages, kept ``seconds`` (at most 64 entries, then cleared)."""

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


class PageBase:
    """What every page handler needs: the reader's language, links, the pool as a store, the
    cache, the site's name, and error pages in the reader's language."""

    def __init__(self, base: str, default_lang: str, cache: PageCache) -> None:
        self.base = base
        self.default_lang = default_lang
        self.cache = cache

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
