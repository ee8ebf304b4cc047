"""Run the server: ``partnergraph serve`` is a thin wrapper over :func:`serve`."""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.config import LOG_LEVELS

from partnergraph.core.messages import t
from partnergraph.engine.spec import StoreSpec
from partnergraph.graph import PartnerGraph
from partnergraph.server import defaults
from partnergraph.server.app import create_app, make_pool
from partnergraph.server.config import ServerConfig, ServerError
from partnergraph.server.pool import WorkerPool

__all__ = ["check_listen", "serve"]


def serve(
    source: ServerConfig | PartnerGraph | None = None,
    *,
    host: str = defaults.HOST,
    port: int = defaults.PORT,
    log_level: str = defaults.LOG_LEVEL,
    announce: Callable[[str], None] | None = print,
    **options: Any,
) -> None:
    """Serve SPARQL over HTTP until Ctrl-C (or SIGTERM); returns after a clean shutdown.

    ``source`` is a :class:`ServerConfig`, or a loaded :class:`PartnerGraph` (in-memory stores:
    its data is copied to the workers), or None for the bundled data; ``options`` are
    :class:`ServerConfig` fields that override it (``allow_update=True``, ``row_cap=500``...).
    ``port=0`` picks a free port. The data is loaded, and the port taken, before this
    announces ``Åbn http://HOST:PORT/ i din browser`` (in the chosen language, with the
    SPARQL endpoint's address after it); anything that
    stops the server from starting raises :class:`ServerError` (or another
    :class:`partnergraph.PartnergraphError`) with a one-line message.
    """
    check_listen(host, port, log_level)
    log_level = log_level.lower()
    with _configured(source, options) as config:
        config.check()
        sock = _listen(host, port)
        try:
            pool = make_pool(config)
            try:
                pool.start()
                app = create_app(config, pool=pool)
                server = _Server(
                    pool,
                    uvicorn.Config(
                        app,
                        log_level=log_level.lower(),
                        access_log=log_level in ("debug", "trace", "info"),
                        server_header=False,
                        timeout_graceful_shutdown=3,
                        lifespan="on",
                    ),
                )
                actual = sock.getsockname()[1]
                shown = f"[{host}]" if ":" in host else host
                if announce is not None:
                    url = f"http://{shown}:{actual}/"
                    announce(t("serve.open", url=url, sparql=url + "sparql"))
                    if not _is_loopback(host):
                        announce(
                            f"partnergraph: listening on {host}, reachable from other machines"
                        )
                server.run(sockets=[sock])
            finally:
                pool.close()
        finally:
            sock.close()


class _Server(uvicorn.Server):
    """uvicorn, stopping the workers first on shutdown so requests in flight end at once."""

    def __init__(self, pool: WorkerPool, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.pool = pool

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.pool.close()  # their requests are answered 503, "shutting down"
        await super().shutdown(sockets=sockets)


@contextlib.contextmanager
def _configured(
    source: ServerConfig | PartnerGraph | None, options: dict[str, Any]
) -> Iterator[ServerConfig]:
    if isinstance(source, PartnerGraph):
        spec = StoreSpec.parse(source.store.spec)
        if spec.on_disk or spec.kind == "sparql":
            raise ServerError(
                f"serve() copies a PartnerGraph held in memory; for a {spec.kind} store "
                "pass ServerConfig(store=..., data=...) instead"
            )
        with tempfile.TemporaryDirectory(prefix="partnergraph-serve-") as folder:
            copy = Path(folder) / "dataset.trig"
            copy.write_text(source.export("trig"), encoding="utf-8")
            yield dataclasses.replace(ServerConfig(data=[copy], store=spec.kind), **options)
        return
    base = source if isinstance(source, ServerConfig) else ServerConfig()
    yield dataclasses.replace(base, **options)


def check_listen(host: str, port: int, log_level: str) -> None:
    """Refuse a port, host or log level that cannot work before anything is loaded."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise ServerError(f"--port must be a number from 0 to 65535 (0: any free port), got {port}")
    if not host or not host.strip() or any(c.isspace() or c in "/[]" for c in host):
        raise ServerError(
            f"--host {host!r} is not an address: give one such as 127.0.0.1, ::1 or localhost"
        )
    if log_level.lower() not in LOG_LEVELS:
        raise ServerError(
            f"--log-level {log_level!r} is not a log level: use one of {', '.join(LOG_LEVELS)}"
        )


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket says so, and without it keep-alive answers wait ~40 ms (Nagle and
    # delayed ACKs).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
