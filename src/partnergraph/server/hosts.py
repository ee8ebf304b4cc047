"""Answer only requests addressed to this server by name: protection against DNS rebinding.

A web page the user opens elsewhere can point its own domain at 127.0.0.1 and then read the
local server as if it were its own site. The browser still sends that domain in the ``Host``
header, so refusing names the server was not started for closes the hole: accepted are the
loopback names (``127.0.0.1``, ``localhost``, ``[::1]``) and the address the server listens on,
with its port, plus the names given with ``--allow-host`` (``NAME`` for any port, ``NAME:PORT``
for one). An IP address is accepted when the server listens on every address (``0.0.0.0``):
rebinding needs a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from partnergraph.core.messages import LANGUAGES, language
from partnergraph.server.config import check_allowed_host
from partnergraph.server.hostnames import host_allowed, split_host

__all__ = ["HostCheck", "check_allowed_host", "host_allowed", "request_language"]

_MESSAGES = {
    "da": (
        "Afvist: denne server svarer ikke på navnet {host!r} (Host-headeren). "
        "Brug http://127.0.0.1:{port}/, eller start serveren med --allow-host {name}, "
        "hvis navnet er rigtigt."
    ),
    "en": (
        "Refused: this server does not answer to the name {host!r} (the Host header). "
        "Use http://127.0.0.1:{port}/, or start the server with --allow-host {name} "
        "if the name is right."
    ),
}


class HostCheck:
    """ASGI middleware: a 400 in the page's language for a ``Host`` this server was not given."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = tuple(check_allowed_host(entry) for entry in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        server = scope.get("server")
        default_port = 443 if scope.get("scheme") in ("https", "wss") else 80
        if host_allowed(headers.get("host"), server, self.allowed, default_port=default_port):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        host = headers.get("host", "")
        parsed = split_host(host.strip().lower())
        name = parsed[0] if parsed else "NAME"
        port = server[1] if server and server[1] else default_port
        message = _MESSAGES[_language(scope, headers)].format(host=host, port=port, name=name)
        response = PlainTextResponse(message + "\n", status_code=400)
        await response(scope, receive, send)


def _language(scope: Scope, headers: Headers) -> str:
    """``?lang=en`` or a browser asking for English first; Danish otherwise."""
    return request_language(scope, headers, "da")


def request_language(scope: Scope, headers: Headers, default: str | None = None) -> str:
    """The language a request asks for: ``?lang=``, else the first of the browser's
    languages if partnergraph speaks it, else ``default`` (the server's, from --lang or
    PARTNERGRAPH_LANG)."""
    query = scope.get("query_string", b"").decode("latin-1")
    if re.search(r"(?:^|&)lang=en(?:&|$)", query):
        return "en"
    if re.search(r"(?:^|&)lang=da(?:&|$)", query):
        return "da"
    first = headers.get("accept-language", "").split(",")[0].strip().lower()
    for lang in LANGUAGES:
        if first.startswith(lang):
            return lang
    return default or language()
