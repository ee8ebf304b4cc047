"""partnergraph over HTTP: a SPARQL 1.1 Protocol endpoint on Starlette and uvicorn.

    from partnergraph.server import ServerConfig, serve
    serve(ServerConfig(row_cap=1000), port=8000)        # what `partnergraph serve` runs

:func:`create_app` gives the ASGI app for other servers and for tests. See
:mod:`partnergraph.server.app` for the routes and :mod:`partnergraph.server.pool` for how
queries are kept apart. Names are imported on first use, so the worker processes (which
import :mod:`partnergraph.server.worker`) never load Starlette or uvicorn.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "DEFAULT_TOKEN_ENV",
    "CallError",
    "ServerConfig",
    "ServerError",
    "ServerState",
    "create_app",
    "make_pool",
    "serve",
]

_WHERE = {
    "CallError": "state",
    "DEFAULT_TOKEN_ENV": "config",
    "ServerConfig": "config",
    "ServerError": "config",
    "ServerState": "state",
    "create_app": "app",
    "make_pool": "app",
    "serve": "launch",
}

if TYPE_CHECKING:
    from partnergraph.server.app import create_app, make_pool
    from partnergraph.server.config import DEFAULT_TOKEN_ENV, ServerConfig, ServerError
    from partnergraph.server.launch import serve
    from partnergraph.server.state import CallError, ServerState


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'partnergraph.server' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted(__all__)
