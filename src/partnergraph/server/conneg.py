"""Content negotiation: choose a response format from an Accept header (RFC 9110, q-values).

The formats on offer depend on what the query returns: a results table (SELECT), a boolean
(ASK) or a graph (CONSTRUCT, DESCRIBE, Graph Store reads, the service description). Each offer
pairs the media type sent in ``Content-Type`` with a format name of :mod:`partnergraph.io.formats`
(``xml`` for SPARQL Results XML, written by :mod:`partnergraph.server.resultformats`).
Offers are listed in the server's order of preference, which breaks ties between equal
q-values; a missing or empty Accept header gets the first offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from partnergraph.io.formats import SPARQL_XML, graph_format, results_format

__all__ = ["Offer", "Shape", "negotiate", "offers_for"]

Shape = Literal["select", "ask", "graph"]


@dataclass(frozen=True)
class Offer:
    media_type: str
    format: str

    @property
    def content_type(self) -> str:
        """The Content-Type of an answer in this format: a text type says it is UTF-8."""
        text = self.media_type.startswith("text/")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


_RESULTS = (
    Offer(results_format("json").media_type, "json"),
    Offer(SPARQL_XML, "xml"),
    Offer(results_format("csv").media_type, "csv"),
    Offer(results_format("tsv").media_type, "tsv"),
    # Aliases some clients send; answered with the type they asked for.
    Offer("application/json", "json"),
    Offer("application/xml", "xml"),
    Offer("text/xml", "xml"),
)

_GRAPH = (
    Offer(graph_format("ttl").media_type, "ttl"),
    Offer(graph_format("nt").media_type, "nt"),
    Offer(graph_format("jsonld").media_type, "jsonld"),
    Offer(graph_format("xml").media_type, "xml"),
    Offer("application/x-turtle", "ttl"),
    Offer("application/turtle", "ttl"),
    Offer("application/json", "jsonld"),
    Offer("application/xml", "xml"),
    Offer("text/xml", "xml"),
)

_FORMAT_WORDS: dict[Shape, dict[str, str]] = {
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "srj": "json"},
    "ask": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "srj": "json"},
    "graph": {
        "ttl": "ttl",
        "turtle": "ttl",
        "nt": "nt",
        "ntriples": "nt",
        "n-triples": "nt",
        "jsonld": "jsonld",
        "json-ld": "jsonld",
        "json": "jsonld",
        "xml": "xml",
        "rdfxml": "xml",
        "rdf+xml": "xml",
        "rdf": "xml",
    },
}


def offers_for(shape: Shape) -> tuple[Offer, ...]:
    return _GRAPH if shape == "graph" else _RESULTS


def negotiate(accept: str | None, shape: Shape, formats: Sequence[str] = ()) -> Offer | None:
    """The offer to answer with, or None when the client accepts none of them (406).

    ``formats`` are values of a ``format=`` request parameter (a short name such as ``json``
    or ``ttl``, or a media type); the first one that fits ``shape`` wins over the Accept
    header. Values that fit nothing are ignored, as clients send them for other servers.
    """
    offers = offers_for(shape)
    for wanted in formats:
        word = wanted.strip().lower()
        if word in _FORMAT_WORDS[shape]:
            name = _FORMAT_WORDS[shape][word]
            return next(o for o in offers if o.format == name)
        for offer in offers:
            if offer.media_type == word:
                return offer
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best: Offer | None = None
    best_q = 0.0
    for offer in offers:
        q = _quality(offer.media_type, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped, not fatal."""
    if not header or not header.strip():
        return []
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        kind = pieces[0].lower()
        if "/" not in kind:
            continue
        main, _, sub = kind.partition("/")
        if not main or not sub or (main == "*" and sub != "*"):
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub, q))
    return ranges


def _quality(media_type: str, ranges: Iterable[MediaRange]) -> float:
    """The q of the most specific range matching ``media_type`` (0 when none does)."""
    main, _, sub = media_type.partition("/")
    best: MediaRange | None = None
    for candidate in ranges:
        if candidate.type not in (main, "*") or candidate.subtype not in (sub, "*"):
            continue
        if best is None or (candidate.specificity, candidate.q) > (best.specificity, best.q):
            best = candidate
    return 0.0 if best is None else best.q


def describe_offers(shape: Shape) -> str:
    """The media types on offer, for a 406 message."""
    seen: list[str] = []
    for offer in offers_for(shape):
        if offer.media_type not in seen:
            seen.append(offer.media_type)
    return ", ".join(seen)
