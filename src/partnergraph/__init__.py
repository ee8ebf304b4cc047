"""partnergraph: partnerships between organisations as linked data.

The public API is what ``__all__`` lists; everything else is private and may change.
Heavy modules are imported on first use, so ``partnergraph --help`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from partnergraph.core.version import __version__

__all__ = [
    "AskResult",
    "DataError",
    "Description",
    "GraphResult",
    "NamedQuery",
    "OutputError",
    "ParameterError",
    "PartnerGraph",
    "PartnergraphError",
    "QueryError",
    "QuerySyntaxError",
    "SelectResult",
    "Stats",
    "UnknownEntityError",
    "UnknownQueryError",
    "UnsafeQueryError",
    "ValidationReport",
    "__version__",
    "load",
]

_WHERE = {
    "AskResult": "io.results",
    "GraphResult": "io.results",
    "SelectResult": "io.results",
    "DataError": "core.errors",
    "OutputError": "core.errors",
    "ParameterError": "core.errors",
    "PartnergraphError": "core.errors",
    "QueryError": "core.errors",
    "QuerySyntaxError": "core.errors",
    "UnknownEntityError": "core.errors",
    "UnknownQueryError": "core.errors",
    "UnsafeQueryError": "core.errors",
    "Description": "query.describe",
    "NamedQuery": "query.library",
    "PartnerGraph": "graph",
    "load": "graph",
    "Stats": "query.stats",
    "ValidationReport": "query.validate",
}

if TYPE_CHECKING:
    from partnergraph.core.errors import (
        DataError,
        OutputError,
        ParameterError,
        PartnergraphError,
        QueryError,
        QuerySyntaxError,
        UnknownEntityError,
        UnknownQueryError,
        UnsafeQueryError,
    )
    from partnergraph.graph import PartnerGraph, load
    from partnergraph.io.results import AskResult, GraphResult, SelectResult
    from partnergraph.query.describe import Description
    from partnergraph.query.library import NamedQuery
    from partnergraph.query.stats import Stats
    from partnergraph.query.validate import ValidationReport


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'partnergraph' has no attribute {name!r}")
    return getattr(import_module(f"partnergraph.{module}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
