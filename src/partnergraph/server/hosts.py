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

import ipaddress
import re
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from partnergraph.core.messages import LANGUAGES, language
from partnergraph.server.config import ServerError

__all__ = ["HostCheck", "check_allowed_host", "host_allowed"]

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
_NAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*\.?$")

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


def check_allowed_host(entry: str) -> str:
    """An ``--allow-host`` value in the form it is compared in, or a :class:`ServerError`."""
    parsed = _split(entry.strip().lower())
    if parsed is None or (parsed[1] is not None and not 0 < parsed[1] < 65536):
        raise ServerError.of("serve.allowhost", entry=entry)
    name, port = parsed
    shown = f"[{name}]" if ":" in name else name
    return shown if port is None else f"{shown}:{port}"


def host_allowed(
    header: str | None,
    server: tuple[str, int | None] | None,
    allowed: Sequence[str],
    *,
    default_port: int = 80,
) -> bool:
    """Whether a request with this ``Host`` header, reaching ``server``, is answered.

    ``default_port`` is the port a Host without one means (80 for http, 443 for https).
    """
    if header is None:
        return False
    parsed = _split(header.strip().lower())
    if parsed is None:
        return False
    name, port = parsed
    bound_host, bound_port = server if server is not None else ("", None)
    bound_port = default_port if bound_port is None else bound_port
    port = default_port if port is None else port
    shown = f"[{name}]" if ":" in name else name
    if shown in allowed or f"{shown}:{port}" in allowed:
        return True
    if port != bound_port:
        return False
    if name in LOOPBACK_NAMES or name == bound_host.lower().strip("[]"):
        return True
    return bound_host in ("0.0.0.0", "::", "") and _is_ip(name)


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
        parsed = _split(host.strip().lower())
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


def _split(value: str) -> tuple[str, int | None] | None:
    """``name``, ``name:port``, ``[v6]`` or ``[v6]:port`` as (name, port); None if malformed."""
    if value.startswith("["):
        inside, bracket, rest = value[1:].partition("]")
        if not bracket or not _is_ip(inside) or (rest and not rest.startswith(":")):
            return None
        name, port_text = inside, rest[1:] if rest else None
    else:
        name, colon, port_text_ = value.partition(":")
        port_text = port_text_ if colon else None
        if not (_NAME.match(name) or _is_ip(name)):
            return None
    if port_text is None:
        return name, None
    if not port_text.isascii() or not port_text.isdigit() or len(port_text) > 5:
        return None
    return name, int(port_text)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
