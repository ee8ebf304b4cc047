"""What the server's routes share, and how a page asks a worker for a read.

Its own module so that the pages (:mod:`partnergraph.server.pages`) and the app that mounts
them (:mod:`partnergraph.server.app`) both import it, and not each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from partnergraph.core.messages import language
from partnergraph.query.library import NamedQuery
from partnergraph.server.config import ServerConfig
from partnergraph.server.jobs import CallJob, Reply, StoreInfo
from partnergraph.server.pool import WorkerPool

__all__ = ["CallError", "ServerState"]


@dataclass
class ServerState:
    """What the routes share; ``app.state.partnergraph`` for routes of other modules.

    Pages run their reads through the same pool, so under the same limits::

        state: ServerState = request.app.state.partnergraph
        description = await state.call("describe", iri, lang="en")
    """

    config: ServerConfig
    pool: WorkerPool
    token: str | None
    library: dict[str, NamedQuery]
    descriptions: dict[tuple[str, str, StoreInfo], Reply] = field(default_factory=dict)
    """Service descriptions already written, by endpoint, media type and data."""

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """``PartnerGraph.<method>(*args, **kwargs)`` in a worker, under the time limit.

        For pages: ``await state.call("describe", iri, lang="en")``. Only reads that touch no
        file or network are allowed (:data:`partnergraph.server.worker.CALLABLE`); arguments
        and results travel pickled. Failures raise :class:`CallError` with the HTTP status and
        the one-line message the protocol routes would answer with.
        """
        reply = await self.pool.run(CallJob(method, args, tuple(kwargs.items())))
        if reply.status != 200:
            reply = reply.said(language())  # a page sets the language it is written in
            raise CallError(reply.status, reply.body.decode("utf-8", "replace").strip())
        return reply.value


class CallError(Exception):
    """A :meth:`ServerState.call` that failed: ``status`` and ``message`` fit for a response."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
