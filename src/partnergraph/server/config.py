"""How a partnergraph SPARQL server is set up: one frozen value, checked before anything starts."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from partnergraph.core.errors import PartnergraphError
from partnergraph.core.messages import t
from partnergraph.server import defaults
from partnergraph.server.hostnames import shown_host, split_host

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

__all__ = ["DEFAULT_TOKEN_ENV", "ServerConfig", "ServerError", "check_allowed_host"]

DEFAULT_TOKEN_ENV = defaults.UPDATE_TOKEN_ENV

MB = defaults.MB

MAX_WORKERS = 64
"""More query processes than this is a typo: each holds a whole copy of the data."""

_ORIGIN = re.compile(r"^(?:\*|https?://[^/\s?#]+)$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


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
    query_timeout: float = defaults.QUERY_TIMEOUT
    queue_timeout: float = defaults.QUEUE_TIMEOUT
    """How long a request may wait for a free worker before a 503 (busy)."""
    overrun_cooldown: float = defaults.OVERRUN_COOLDOWN
    """How long an ad hoc query is refused (503) after it overran the time limit, however
    reworded, and how long the address that sent it is limited (see server.pool)."""
    row_cap: int = defaults.ROW_CAP
    max_query_bytes: int = defaults.MAX_QUERY_BYTES
    max_value_bytes: int = defaults.MAX_VALUE_MB * MB
    """Largest single value (a literal, an IRI) an answer may hold: else 413."""
    max_result_bytes: int = defaults.MAX_RESULT_MB * MB
    """Largest answer held in memory and sent, values and body alike: else 413."""
    query_memory_bytes: int = defaults.QUERY_MEMORY_MB * MB
    """Memory one worker may take beyond its loaded data; a query that needs more is
    stopped (500) and its worker replaced."""
    allowed_hosts: Sequence[str] = ()
    """Names besides the listening address and the loopback names that requests may carry in
    their Host header (``NAME`` or ``NAME:PORT``); anything else is refused (DNS rebinding)."""
    cors_origin: str | None = None
    workers: int = defaults.WORKERS
    spare_workers: int = defaults.SPARE_WORKERS
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
        for option, seconds, lowest in (
            ("--timeout", self.query_timeout, 0.0),
            ("--queue-timeout", self.queue_timeout, 0.0),
            ("--overrun-cooldown", self.overrun_cooldown, -1.0),
        ):
            if not (math.isfinite(seconds) and lowest < seconds <= 86_400):
                least = t("serve.seconds.zero" if lowest < 0 else "serve.seconds.positive")
                raise ServerError.of("serve.seconds", option=option, least=least, value=seconds)
        if self.row_cap < 1:
            raise ServerError.of("serve.rowcap")
        if not 16 <= self.max_query_bytes <= 64 * MB:
            raise ServerError.of("serve.querysize")
        for option, size, floor, unit in (
            ("--max-value-size", self.max_value_bytes, 1024, "1 KB"),
            ("--max-result-size", self.max_result_bytes, 1024, "1 KB"),
            ("--query-memory", self.query_memory_bytes, 64 * MB, "64 MB"),
        ):
            if not floor <= size <= 1024 * 1024 * MB:
                raise ServerError.of("serve.size", option=option, unit=unit)
        if self.max_value_bytes > self.max_result_bytes:
            raise ServerError.of("serve.value.result")
        if not 1 <= self.workers <= MAX_WORKERS or not 0 <= self.spare_workers <= MAX_WORKERS:
            raise ServerError.of("serve.workers", most=MAX_WORKERS)
        if self.cors_origin is not None and not _ORIGIN.match(self.cors_origin):
            raise ServerError.of("serve.cors", origin=self.cors_origin)
        if not _ENV_NAME.match(self.update_token_env):
            raise ServerError.of("serve.tokenenv", name=self.update_token_env)
        for entry in self.allowed_hosts:
            check_allowed_host(entry)
        if self.allow_update:
            store = self.store or "oxigraph"
            if store != "oxigraph":
                raise ServerError.of("serve.update.store", store=store)
            if not self.update_token():
                raise ServerError.of("serve.update.token", name=self.update_token_env)

    def update_token(self) -> str | None:
        """The token updates must present, read from the environment when asked."""
        value = os.environ.get(self.update_token_env, "")
        return value or None


def check_allowed_host(entry: str) -> str:
    """An ``--allow-host`` value in the form it is compared in, or a :class:`ServerError`."""
    parsed = split_host(entry.strip().lower())
    if parsed is None or (parsed[1] is not None and not 0 < parsed[1] < 65536):
        raise ServerError.of("serve.allowhost", entry=entry)
    name, port = parsed
    shown = shown_host(name)
    return shown if port is None else f"{shown}:{port}"
