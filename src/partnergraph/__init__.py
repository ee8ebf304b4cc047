"""partnergraph: partnerships between organisations as linked data.

The public API is what ``__all__`` lists; everything else is private and may change.
Heavy modules are imported on first use, so ``partnergraph --help`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

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
    "AskResult": "results",
    "GraphResult": "results",
    "SelectResult": "results",
    "DataError": "errors",
    "OutputError": "errors",
    "ParameterError": "errors",
    "PartnergraphError": "errors",
    "QueryError": "errors",
    "QuerySyntaxError": "errors",
    "UnknownEntityError": "errors",
    "UnknownQueryError": "errors",
    "UnsafeQueryError": "errors",
    "Description": "describe",
    "NamedQuery": "library",
    "PartnerGraph": "graph",
    "load": "graph",
    "Stats": "stats",
    "ValidationReport": "validate",
}

if TYPE_CHECKING:
    from .describe import Description
    from .errors import (
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
    from .graph import PartnerGraph, load
    from .library import NamedQuery
    from .results import AskResult, GraphResult, SelectResult
    from .stats import Stats
    from .validate import ValidationReport


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'partnergraph' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted(__all__)
