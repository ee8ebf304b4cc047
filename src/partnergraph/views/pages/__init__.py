"""HTML pages of the graph, shared by the static site and the server.

One renderer, so an entity page exists once: collect what a page shows from any store
(:func:`collect_entity`, :func:`collect_home`, :func:`load_ontology`), then render it with a
:class:`Links` for the URL layout it will live in (:class:`StaticLinks` for the files of
:func:`partnergraph.views.site.build_site`, :class:`ServerLinks` for the server's routes)::

    from partnergraph import load
    from partnergraph.views.pages import StaticLinks, collect_entity, render_entity

    kg = load()
    data = collect_entity(kg.store, "https://w3id.org/partnergraph/id/partnership-via")
    html = render_entity(data, StaticLinks("doc/partnership-via.html", "en"), lang="en")

Every function returns a complete HTML page (``<!DOCTYPE html>`` ...) in Danish (``da``) or
English (``en``) with a link to the same page in the other language, one shared stylesheet
(:data:`ASSETS`, served or copied beside the pages) and a Content-Security-Policy that allows
nothing from any other origin (:data:`CSP`). Text from the data is always escaped.

IRIs follow the W3C note "Cool URIs for the Semantic Web" (303 flavour): the thing is
``https://w3id.org/partnergraph/id/X``; its description documents are ``.../doc/X`` (HTML),
``.../doc/X.ttl`` and ``.../doc/X.jsonld`` (:func:`document_iri`, :func:`description_graph`).
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

from partnergraph.views.pages.frame import CSP
from partnergraph.views.pages.links import PAGES, Links, ServerLinks, StaticLinks
from partnergraph.views.pages.model import (
    EntityData,
    HomeData,
    QueryRun,
    collect_entity,
    collect_home,
    description_graph,
    document_iri,
    entity_exists,
    list_entities,
    local_name,
    run_library,
)
from partnergraph.views.pages.ontology import OntologyDoc, OntologyTerm, load_ontology
from partnergraph.views.pages.query_pages import render_queries, render_query_page
from partnergraph.views.pages.render import (
    render_entity,
    render_home,
    render_message,
    render_not_found,
    render_ontology,
)
from partnergraph.views.pages.schema import schema_jsonld
from partnergraph.views.pages.vocab import LANGUAGES

__all__ = [
    "ASSETS",
    "CSP",
    "LANGUAGES",
    "PAGES",
    "EntityData",
    "HomeData",
    "Links",
    "OntologyDoc",
    "OntologyTerm",
    "QueryRun",
    "ServerLinks",
    "StaticLinks",
    "asset",
    "collect_entity",
    "collect_home",
    "description_graph",
    "document_iri",
    "entity_exists",
    "list_entities",
    "load_ontology",
    "local_name",
    "render_entity",
    "render_home",
    "render_message",
    "render_not_found",
    "render_ontology",
    "render_queries",
    "render_query_page",
    "run_library",
    "schema_jsonld",
]

ASSETS: tuple[str, ...] = ("site.css", "sort.js", "query.js")
"""The files the pages load (stylesheet and scripts), all inside the package."""

_MEDIA_TYPES = {".css": "text/css", ".js": "text/javascript"}


def asset(name: str) -> Traversable:
    """One of :data:`ASSETS`, as a package resource (``.read_bytes()``)."""
    if name not in ASSETS:
        raise KeyError(name)
    return resources.files("partnergraph.views.pages") / "assets" / name


def asset_media_type(name: str) -> str:
    for suffix, media_type in _MEDIA_TYPES.items():
        if name.endswith(suffix):
            return media_type
    return "application/octet-stream"
