"""Which representation of a description document a client gets: HTML, Turtle or JSON-LD.

The linked-data routes (``/id/X``, ``/doc/X``, ``/ontology``) answer by the Accept header;
the media types are those of the format registry (:mod:`partnergraph.io.formats`).
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import PlainTextResponse, Response

from partnergraph.io.formats import graph_format
from partnergraph.server.conneg import parse_accept

__all__ = ["DOCUMENT_FORMATS", "choose_format", "not_acceptable"]

DOCUMENT_FORMATS: Mapping[str, str] = {
    "html": "text/html; charset=utf-8",
    "ttl": graph_format("ttl").media_type + "; charset=utf-8",
    "jsonld": graph_format("jsonld").media_type,
}
"""The representations of a description document, by file extension."""

_OFFERS: tuple[tuple[str, str], ...] = (
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    (graph_format("ttl").media_type, "ttl"),
    ("application/x-turtle", "ttl"),
    (graph_format("jsonld").media_type, "jsonld"),
    ("application/json", "jsonld"),
)
"""Media types a client may ask for, in the server's order of preference."""


def choose_format(accept: str | None) -> str | None:
    """``html``, ``ttl`` or ``jsonld`` for an Accept header (``html`` when there is none, the
    server's order breaking ties), or ``None`` when none is acceptable (406)."""
    ranges = parse_accept(accept)
    if not ranges:
        return "html"
    best: str | None = None
    best_q = 0.0
    for media_type, fmt in _OFFERS:
        main, _, sub = media_type.partition("/")
        matching = [r for r in ranges if r.type in (main, "*") and r.subtype in (sub, "*")]
        if not matching:
            continue
        q = max(matching, key=lambda r: (r.specificity, r.q)).q
        if q > best_q:
            best, best_q = fmt, q
    return best


def not_acceptable(headers: Mapping[str, str]) -> Response:
    offered = ", ".join(sorted({media_type for media_type, _ in _OFFERS}))
    return PlainTextResponse(
        f"this document is available as {offered}\n", status_code=406, headers=dict(headers)
    )
