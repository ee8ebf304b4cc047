"""How a partnergraph SPARQL server is set up: one frozen value, checked before anything starts."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PartnergraphError

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

__all__ = ["DEFAULT_TOKEN_ENV", "ServerConfig", "ServerError"]

DEFAULT_TOKEN_ENV = "PARTNERGRAPH_UPDATE_TOKEN"


class ServerError(PartnergraphError):
    """The server cannot start as configured (bad option, missing token, data that won't load)."""


@dataclass(frozen=True)
class ServerConfig:
    """Everything :func:`partnergraph.server.create_app` needs.

    ``data`` and ``store`` mean what ``--data`` and ``--store`` mean on the command line
    (``None``: the bundled data, the default in-memory Oxigraph store). Queries run in
    ``workers`` separate processes, each holding its own copy of the store, so a query that
    overruns ``query_timeout`` seconds is stopped by ending its process; ``spare_workers``
    loaded processes wait to take over at once.

    ``extra_routes`` are mounted after the protocol routes (``/sparql``,
    ``/rdf-graph-store``, ``/api/queries``), so a catch-all ``Mount("/")`` of the pages can
    sit there without hiding them.
    """

    data: Sequence[str | Path] | None = None
    store: str | None = None
    queries: Path | None = None
    allow_update: bool = False
    update_token_env: str = DEFAULT_TOKEN_ENV
    query_timeout: float = 10.0
    queue_timeout: float = 30.0
    """How long a request may wait for a free worker before a 503 (busy)."""
    overrun_cooldown: float = 60.0
    """How long the same ad hoc query is refused (503) after it overran the time limit."""
    row_cap: int = 10_000
    max_query_bytes: int = 100 * 1024
    cors_origin: str | None = None
    workers: int = 2
    spare_workers: int = 1
    extra_routes: Sequence[BaseRoute] = field(default_factory=tuple)
    pages: bool = True
    """Serve the query page, the entity pages and the ontology (partnergraph.server.pages)."""
    content_security_policy: str = (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
        "object-src 'none'"
    )
    """Sent with every response that does not set its own (pages may need their own)."""

    def check(self) -> None:
        """Refuse settings that cannot work, with a message saying what to change."""
        if self.query_timeout <= 0 or self.queue_timeout <= 0 or self.overrun_cooldown < 0:
            raise ServerError("the query and queue timeouts must be more than 0 seconds")
        if self.row_cap < 1:
            raise ServerError("the row cap must be at least 1")
        if self.max_query_bytes < 16:
            raise ServerError("the maximum query size must be at least 16 bytes")
        if self.workers < 1 or self.spare_workers < 0:
            raise ServerError("the server needs at least 1 worker (and 0 or more spares)")
        if self.allow_update:
            store = self.store or "oxigraph"
            if store != "oxigraph":
                raise ServerError(
                    f"--allow-update works with the in-memory Oxigraph store only, not {store!r}: "
                    "drop --store (updates change the running server's copy, never the files)"
                )
            if not self.update_token():
                raise ServerError(
                    f"--allow-update needs a secret token in the environment variable "
                    f"{self.update_token_env}: set it (e.g. to the output of "
                    "'python -c \"import secrets; print(secrets.token_urlsafe())\"') and "
                    "send it as 'Authorization: Bearer <token>' with each update"
                )

    def update_token(self) -> str | None:
        """The token updates must present, read from the environment when asked."""
        value = os.environ.get(self.update_token_env, "")
        return value or None
