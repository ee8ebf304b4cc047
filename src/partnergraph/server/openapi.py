"""An OpenAPI 3.1 description of the query library's HTTP API (``/api/openapi.json``).

Each named query is a path of its own with its parameters typed, so tools that read OpenAPI
(Power BI, Postman, code generators) can offer the library without reading SPARQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partnergraph.core.version import __version__
from partnergraph.query.library import NamedQuery

__all__ = ["openapi_document"]

_SCHEMAS: Mapping[str, Mapping[str, str]] = {
    "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    "integer": {"type": "integer"},
    "language": {"type": "string", "enum": ["da", "en"]},  # type: ignore[dict-item]
    "string": {"type": "string"},
    "entity": {"type": "string"},
    "iri": {"type": "string", "format": "iri"},
}

_RESULTS = {
    "application/sparql-results+json": {"schema": {"type": "object"}},
    "text/csv": {"schema": {"type": "string"}},
    "text/tab-separated-values": {"schema": {"type": "string"}},
    "application/sparql-results+xml": {"schema": {"type": "string"}},
}


def openapi_document(library: Mapping[str, NamedQuery], lang: str = "da") -> dict[str, Any]:
    """The description of ``/api/queries`` and of each query in ``library``."""
    paths: dict[str, Any] = {
        "/api/queries": {
            "get": {
                "operationId": "listQueries",
                "summary": "The named queries with titles and parameters"
                if lang == "en"
                else "De færdige spørgsmål med titler og parametre",
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        }
    }
    for query in sorted(library.values(), key=lambda q: q.name):
        parameters = [
            {
                "name": p.name,
                "in": "query",
                "required": p.required,
                "description": p.help(lang),
                "schema": {
                    **_SCHEMAS.get(p.type, {"type": "string"}),
                    # "today" is no date: the server fills in the day the request is answered.
                    **({"default": p.default} if p.default not in (None, "today") else {}),
                },
            }
            for p in query.parameters
        ]
        parameters.append(
            {
                "name": "format",
                "in": "query",
                "required": False,
                "description": "json, csv, tsv or xml (or use the Accept header)"
                if lang == "en"
                else "json, csv, tsv eller xml (eller brug Accept-headeren)",
                "schema": {"type": "string", "enum": ["json", "csv", "tsv", "xml"]},
            }
        )
        paths[f"/api/queries/{query.name}"] = {
            "get": {
                "operationId": query.name,
                "summary": query.title(lang),
                "description": query.description(lang),
                "parameters": parameters,
                "responses": {
                    "200": {"description": "OK", "content": _RESULTS},
                    "400": {
                        "description": "A parameter is wrong, unknown or ambiguous; the "
                        "X-Partnergraph-Parameter header names it"
                        if lang == "en"
                        else "En parameter er forkert, ukendt eller tvetydig; headeren "
                        "X-Partnergraph-Parameter siger hvilken",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    },
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "partnergraph" if lang == "en" else "partnergraph: færdige spørgsmål",
            "version": __version__,
        },
        "paths": paths,
    }
