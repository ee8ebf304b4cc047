"""Host names as the server compares them: ``NAME``, ``NAME:PORT``, ``[v6]``, ``[v6]:PORT``.

Pure text rules, without Starlette, so that checking a configuration (in any process) and
answering a request (:mod:`partnergraph.server.hosts`) read names the same way.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence

__all__ = ["LOOPBACK_NAMES", "host_allowed", "is_ip", "shown_host", "split_host"]

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
_NAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*\.?$")


def shown_host(name: str) -> str:
    """A name as it stands in a Host header: an IPv6 address in brackets."""
    return f"[{name}]" if ":" in name else name


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
    parsed = split_host(header.strip().lower())
    if parsed is None:
        return False
    name, port = parsed
    bound_host, bound_port = server if server is not None else ("", None)
    bound_port = default_port if bound_port is None else bound_port
    port = default_port if port is None else port
    shown = shown_host(name)
    if shown in allowed or f"{shown}:{port}" in allowed:
        return True
    if port != bound_port:
        return False
    if name in LOOPBACK_NAMES or name == bound_host.lower().strip("[]"):
        return True
    return bound_host in ("0.0.0.0", "::", "") and is_ip(name)


def split_host(value: str) -> tuple[str, int | None] | None:
    """``name``, ``name:port``, ``[v6]`` or ``[v6]:port`` as (name, port); None if malformed."""
    if value.startswith("["):
        inside, bracket, rest = value[1:].partition("]")
        if not bracket or not is_ip(inside) or (rest and not rest.startswith(":")):
            return None
        name, port_text = inside, rest[1:] if rest else None
    else:
        name, colon, port_text_ = value.partition(":")
        port_text = port_text_ if colon else None
        if not (_NAME.match(name) or is_ip(name)):
            return None
    if port_text is None:
        return name, None
    if not port_text.isascii() or not port_text.isdigit() or len(port_text) > 5:
        return None
    return name, int(port_text)


def is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
