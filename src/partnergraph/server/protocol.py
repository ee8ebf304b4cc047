"""Reading SPARQL 1.1 Protocol requests: which operation, which text, which dataset.

Everything here is strict where the protocol is: one ``query`` or one ``update``, never both;
POST bodies only as ``application/x-www-form-urlencoded``, ``application/sparql-query`` or
``application/sparql-update``; text only as UTF-8 (parameters are decoded strictly, never
patched with replacement characters); IRIs in dataset parameters absolute and well-formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote_to_bytes

from starlette.requests import Request

__all__ = [
    "DATASET_PARAMETERS",
    "Operation",
    "Problem",
    "parse_params",
    "read_body",
    "read_operation",
]

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

DATASET_PARAMETERS = {
    "query": ("default-graph-uri", "named-graph-uri"),
    "update": ("using-graph-uri", "using-named-graph-uri"),
}
_PROTOCOL_PARAMETERS = {"query", "update", *(p for ps in DATASET_PARAMETERS.values() for p in ps)}

_ABSOLUTE_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*$")


class Problem(Exception):
    """A request to refuse with ``status`` and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Operation:
    """What a request to ``/sparql`` asks for."""

    kind: Literal["query", "update", "description"]
    text: str = ""
    graphs: tuple[str, ...] = ()
    """``default-graph-uri`` (queries) or ``using-graph-uri`` (updates)."""
    named_graphs: tuple[str, ...] = ()
    """``named-graph-uri`` (queries) or ``using-named-graph-uri`` (updates)."""
    formats: tuple[str, ...] = ()


def parse_params(raw: bytes) -> list[tuple[str, str]]:
    """``a=1&b=2`` as pairs, decoded strictly as UTF-8 (``+`` is a space)."""
    pairs = []
    for chunk in raw.split(b"&"):
        if not chunk:
            continue
        name, _, value = chunk.partition(b"=")
        try:
            pairs.append((_unquote(name), _unquote(value)))
        except UnicodeDecodeError:
            raise Problem(400, "request parameters must be UTF-8 text, percent-encoded") from None
    return pairs


def _unquote(raw: bytes) -> str:
    return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")


def values(pairs: list[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in pairs if k == name]


async def read_body(request: Request, limit: int, what: str) -> bytes:
    """The request body, refusing (413) as soon as it is known to be bigger than ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_big(what, limit)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_big(what, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(what: str, limit: int) -> Problem:
    return Problem(413, f"the {what} is too large: this server accepts up to {_size(limit)}")


def _size(limit: int) -> str:
    return f"{limit // 1024} KB" if limit % 1024 == 0 else f"{limit} bytes"


def _media_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    kind, *params = header.split(";")
    parsed = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"')
    return kind.strip().lower(), parsed


def _decode(body: bytes, charset: str | None, what: str) -> str:
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise Problem(400, f"the {what} must be UTF-8 text, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, f"the {what} is not valid UTF-8 text") from None


async def read_operation(request: Request, max_bytes: int) -> Operation:
    """Work out what a GET or POST to the endpoint asks for, or raise :class:`Problem`."""
    url_params = parse_params(request.scope.get("query_string", b""))
    if request.method in ("GET", "HEAD"):
        if values(url_params, "update"):
            raise Problem(400, "SPARQL updates must be sent with POST, never with GET")
        if not values(url_params, "query"):
            if any(name in _PROTOCOL_PARAMETERS for name, _ in url_params):
                raise Problem(400, "missing the 'query' parameter")
            return Operation("description")
        return _operation(url_params, max_bytes)
    media, options = _media_type(request.headers.get("content-type"))
    if media == FORM:
        body = await read_body(request, 3 * max_bytes + 4096, "request body")
        return _operation(url_params + parse_params(body), max_bytes)
    if media in (SPARQL_QUERY, SPARQL_UPDATE):
        kind = "query" if media == SPARQL_QUERY else "update"
        if values(url_params, "query") or values(url_params, "update"):
            raise Problem(
                400,
                f"a {media} request carries the {kind} in its body: "
                "do not also send a 'query' or 'update' parameter",
            )
        body = await read_body(request, max_bytes, kind)
        text = _decode(body, options.get("charset"), kind)
        return _operation([*url_params, (kind, text)], max_bytes)
    if not media:
        raise Problem(
            415,
            f"a POST needs a Content-Type: {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}",
        )
    raise Problem(
        415,
        f"unsupported Content-Type {media!r}: use {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}",
    )


def _operation(pairs: list[tuple[str, str]], max_bytes: int) -> Operation:
    queries, updates = values(pairs, "query"), values(pairs, "update")
    if queries and updates:
        raise Problem(400, "a request carries either a 'query' or an 'update', not both")
    if len(queries) > 1 or len(updates) > 1:
        raise Problem(400, "a request carries exactly one 'query' or 'update', not several")
    if not queries and not updates:
        raise Problem(400, "missing the 'query' (or 'update') parameter")
    kind: Literal["query", "update"] = "query" if queries else "update"
    text = (queries or updates)[0]
    if len(text.encode("utf-8")) > max_bytes:
        raise _too_big(kind, max_bytes)
    other = "update" if kind == "query" else "query"
    for name in DATASET_PARAMETERS[other]:
        if values(pairs, name):
            raise Problem(400, f"the parameter {name} belongs to {other} requests, not {kind}")
    graphs, named = (
        tuple(_iri(name, v) for v in values(pairs, name)) for name in DATASET_PARAMETERS[kind]
    )
    return Operation(kind, text, graphs, named, tuple(values(pairs, "format")))


def _iri(parameter: str, value: str) -> str:
    value = value.strip()
    if not _ABSOLUTE_IRI.match(value):
        raise Problem(400, f"{parameter} must be an absolute IRI, got {value[:80]!r}")
    return value


def absolute_iri(parameter: str, value: str) -> str:
    """``value`` if it is an absolute IRI, else a 400."""
    return _iri(parameter, value)
