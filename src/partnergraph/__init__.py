"""partnergraph: partnerships between organisations as linked data.

The public API is what ``__all__`` lists; everything else is private and may change. It holds
every verb of the command line: ``load`` and the :class:`PartnerGraph` methods (query,
describe, stats, validate, export, network, viz), and ``build_site``, ``report``, ``agenda``,
``diff``, ``network_stats``, ``export_network``, ``overview``, ``figure``, ``template``,
``import_workbook`` and ``import_edition``, ``push``, ``pull``, ``serve``, ``generate``. Heavy
modules are imported on first use, so ``import partnergraph`` and ``partnergraph --help`` start
fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from partnergraph.core.version import __version__

__all__ = [
    "Agenda",
    "Answer",
    "AskResult",
    "DataError",
    "Description",
    "GraphResult",
    "NamedQuery",
    "NetworkStats",
    "OutputError",
    "Overview",
    "ParameterError",
    "PartnerGraph",
    "PartnergraphError",
    "QueryError",
    "QuerySyntaxError",
    "SelectResult",
    "ServerConfig",
    "Stats",
    "UnknownEntityError",
    "UnknownQueryError",
    "UnsafeQueryError",
    "ValidationReport",
    "__version__",
    "agenda",
    "build_site",
    "diff",
    "export_network",
    "figure",
    "generate",
    "import_edition",
    "import_workbook",
    "load",
    "network_stats",
    "overview",
    "pull",
    "push",
    "report",
    "serve",
    "template",
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
    "Answer": "query.answer",
    "Description": "query.describe",
    "NamedQuery": "query.library",
    "PartnerGraph": "graph",
    "load": "graph",
    "Stats": "query.stats",
    "ValidationReport": "query.validate",
    "diff": "query.diff",
    "NetworkStats": "network.measures",
    "export_network": "network.export",
    "Overview": "network.aggregate",
    "overview": "network.aggregate",
    "network_stats": "network.measures",
    "Agenda": "views.agenda",
    "agenda": "views.agenda",
    "build_site": "views.site",
    "figure": "views.figure",
    "report": "views.report",
    "import_edition": "authoring.importing",
    "import_workbook": "authoring.spreadsheet",
    "template": "authoring.spreadsheet",
    "generate": "synthetic.generate",
    "pull": "publish.sync",
    "push": "publish.sync",
    # The server sits above the Python API (it serves it), so it is named here, never imported
    # at the top or for type checking: `partnergraph.serve` loads it on first use.
    "ServerConfig": "server.config",
    "serve": "server.launch",
}

if TYPE_CHECKING:
    from partnergraph.authoring.importing import import_edition
    from partnergraph.authoring.spreadsheet import import_workbook, template
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
    from partnergraph.network.aggregate import Overview, overview
    from partnergraph.network.export import export_network
    from partnergraph.network.measures import NetworkStats, network_stats
    from partnergraph.publish.sync import pull, push
    from partnergraph.query.answer import Answer
    from partnergraph.query.describe import Description
    from partnergraph.query.diff import diff
    from partnergraph.query.library import NamedQuery
    from partnergraph.query.stats import Stats
    from partnergraph.query.validate import ValidationReport
    from partnergraph.synthetic.generate import generate
    from partnergraph.views.agenda import Agenda, agenda
    from partnergraph.views.figure import figure
    from partnergraph.views.report import report
    from partnergraph.views.site import build_site


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'partnergraph' has no attribute {name!r}")
    return getattr(import_module(f"partnergraph.{module}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
