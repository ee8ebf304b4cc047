"""The networks as files other tools read: GraphML, GEXF (static or dynamic), JSON, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping
from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from partnergraph.core.errors import ParameterError
from partnergraph.io.tables import neutralise
from partnergraph.rdf.dates import date_bounds

__all__ = ["CSV_COLUMNS", "EXPORT_FORMATS", "export_network"]

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")

CSV_COLUMNS = ("source", "target", "source_label", "target_label", "relation", "label", "weight")

_GEXF_RESERVED = {"start": "start_date", "end": "end_date"}
"""GEXF reads node ``start``/``end`` as the times of a dynamic graph: written under other names."""


def _spell(data: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    start = date_bounds(str(data.get("start_date", "")))
    end = date_bounds(str(data.get("end_date", "")))
    return (start[0] if start else None, end[1] if end else None)


def _add_spells(graph: Any) -> None:
    spells = {node: _spell(data) for node, data in graph.nodes(data=True)}
    for node, (start, end) in spells.items():
        if start is not None:
            graph.nodes[node]["start"] = start.isoformat()
        if end is not None:
            graph.nodes[node]["end"] = end.isoformat()
    for source, target, data in graph.edges(data=True):
        starts = [d for d in (spells[source][0], spells[target][0]) if d is not None]
        ends = [d for d in (spells[source][1], spells[target][1]) if d is not None]
        start, end = (max(starts) if starts else None), (min(ends) if ends else None)
        if start is not None and end is not None and start > end:
            continue  # the two never existed at the same time: leave the edge undated
        if start is not None:
            data["start"] = start.isoformat()
        if end is not None:
            data["end"] = end.isoformat()


def export_network(graph: Any, fmt: str, *, dynamic: bool = False) -> str:
    """The network as GraphML, GEXF, node-link JSON or a CSV edge list (text).

    GEXF writes the ``start`` and ``end`` node attributes as ``start_date`` and ``end_date``,
    because GEXF reserves those names for the spells of a dynamic graph. With ``dynamic`` the
    GEXF graph is dynamic (Gephi's timeline): each node and edge gets ``start``/``end`` as
    loose as the data, the earliest day its start can mean and the latest day its end can mean
    ("2018" starts 2018-01-01; "udgangen af 2025" ends 2025-12-31); an edge lives while both
    its ends do; no date means open. The CSV is an edge list (isolated nodes are not in it)
    with spreadsheet formulas neutralised.
    """
    if dynamic and fmt != "gexf":
        raise ParameterError("--dynamic is for GEXF only: add --format gexf")
    if "value_names" in graph.graph:  # names for the page, not data: no format can hold a dict
        graph = graph.copy()
        del graph.graph["value_names"]
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue().decode("utf-8")
    if fmt == "gexf":
        copy = graph.copy()
        for _, data in copy.nodes(data=True):
            for name, renamed in _GEXF_RESERVED.items():
                if name in data:
                    data[renamed] = data.pop(name)
        if dynamic:
            _add_spells(copy)
        buffer = io.BytesIO()
        nx.write_gexf(copy, buffer, encoding="utf-8")
        return buffer.getvalue().decode("utf-8")
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for source, target, data in graph.edges(data=True):
            cells = [
                source,
                target,
                graph.nodes[source].get("label", ""),
                graph.nodes[target].get("label", ""),
                data.get("relation", ""),
                data.get("label", ""),
            ]
            writer.writerow([*(neutralise(str(c)) for c in cells), data.get("weight", 1)])
        return out.getvalue()
    raise ParameterError(f"unknown network format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
