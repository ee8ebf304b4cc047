"""The one registry of partnergraph's output formats: names, media types, file extensions.

Where pyoxigraph knows a format (:class:`pyoxigraph.RdfFormat`,
:class:`pyoxigraph.QueryResultsFormat`), its media type and extension come from there; the
formats pyoxigraph has no word for (the terminal table, Markdown, the workbook) and the one
place partnergraph differs (SPARQL JSON results are saved as ``.json``, not ``.srj``) are said
here. The writers are elsewhere: :mod:`partnergraph.io.tables` for SELECT and ASK results,
:mod:`partnergraph.io.serialize` for graphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from partnergraph.core.messages import t

__all__ = [
    "GRAPH_FORMATS",
    "INPUT_SUFFIXES",
    "RESULTS_FORMATS",
    "SPARQL_XML",
    "InputFormat",
    "OutputFormat",
    "format_for_file",
    "graph_format",
    "results_format",
]

FormatKind = Literal["results", "graph"]


@dataclass(frozen=True)
class OutputFormat:
    """Everything the CLI and the web layer need to know to offer, name and label an output.

    ``serializer`` is the rdflib plugin name for graph formats; it is ``None`` for results
    formats because partnergraph writes those itself (rdflib's result writers differ from what
    is promised here, e.g. TSV with plain values and formula neutralisation). ``oxigraph`` is
    pyoxigraph's name for a graph format, for stores that write it themselves.
    """

    name: str
    media_type: str
    extension: str
    serializer: str | None
    kind: FormatKind
    oxigraph: ox.RdfFormat | None = None


def _essence(media_type: str) -> str:
    """``text/csv`` of ``text/csv; charset=utf-8``: the type without its parameters."""
    return media_type.split(";")[0].strip()


def _graph(name: str, fmt: ox.RdfFormat, serializer: str) -> OutputFormat:
    return OutputFormat(
        name, _essence(fmt.media_type), fmt.file_extension, serializer, "graph", fmt
    )


def _results(
    name: str, fmt: ox.QueryResultsFormat, *, extension: str | None = None
) -> OutputFormat:
    return OutputFormat(
        name, _essence(fmt.media_type), extension or fmt.file_extension, None, "results"
    )


_RESULTS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("table", "text/plain", "txt", None, "results"),
        _results("csv", ox.QueryResultsFormat.CSV),
        _results("tsv", ox.QueryResultsFormat.TSV),
        _results("json", ox.QueryResultsFormat.JSON, extension="json"),
        OutputFormat("md", "text/markdown", "md", None, "results"),
        OutputFormat(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            None,
            "results",
        ),
        _results("csv-excel", ox.QueryResultsFormat.CSV),
    )
}

_GRAPH: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        _graph("ttl", ox.RdfFormat.TURTLE, "turtle"),
        _graph("nt", ox.RdfFormat.N_TRIPLES, "nt"),
        _graph("jsonld", ox.RdfFormat.JSON_LD, "json-ld"),
        _graph("xml", ox.RdfFormat.RDF_XML, "xml"),
        _graph("trig", ox.RdfFormat.TRIG, "trig"),
    )
}

RESULTS_FORMATS: tuple[str, ...] = tuple(_RESULTS)
"""Names accepted for SELECT/ASK results, in the order the CLI offers them."""

GRAPH_FORMATS: tuple[str, ...] = tuple(_GRAPH)
"""Names accepted for graphs (CONSTRUCT/DESCRIBE results and exports)."""

SPARQL_XML = _essence(ox.QueryResultsFormat.XML.media_type)
"""SPARQL Results XML, which only the server writes (:mod:`partnergraph.server.resultformats`)."""


@dataclass(frozen=True)
class InputFormat:
    """An RDF format partnergraph reads. The file's suffix decides; a file is never guessed at."""

    parser: str
    """rdflib's parser name."""
    rdf_format: ox.RdfFormat
    """pyoxigraph's format, which also names it for people (:attr:`label`)."""
    quads: bool = False
    """The file names its own graphs (N-Quads, TriG); others are loaded into the file's graph."""
    oxigraph_reads: bool = True
    """``False``: rdflib parses it and Oxigraph stores the triples (N3)."""

    @property
    def label(self) -> str:
        return self.rdf_format.name


_TURTLE = InputFormat("turtle", ox.RdfFormat.TURTLE)
_JSON_LD = InputFormat("json-ld", ox.RdfFormat.JSON_LD)
_RDF_XML = InputFormat("xml", ox.RdfFormat.RDF_XML)

INPUT_SUFFIXES: dict[str, InputFormat] = {
    ".ttl": _TURTLE,
    ".turtle": _TURTLE,
    ".n3": InputFormat("n3", ox.RdfFormat.N3, oxigraph_reads=False),
    ".nt": InputFormat("nt", ox.RdfFormat.N_TRIPLES),
    ".nq": InputFormat("nquads", ox.RdfFormat.N_QUADS, quads=True),
    ".trig": InputFormat("trig", ox.RdfFormat.TRIG, quads=True),
    ".jsonld": _JSON_LD,
    ".json": _JSON_LD,
    ".rdf": _RDF_XML,
    ".owl": _RDF_XML,
    ".xml": _RDF_XML,
}
"""What each file suffix holds, for loading (lower case)."""


def _lookup(registry: dict[str, OutputFormat], kind: str, name: str) -> OutputFormat:
    try:
        return registry[name]
    except KeyError:
        valid = ", ".join(registry)
        raise ValueError(
            t("format.unknown.kind", kind=t(f"format.kind.{kind}"), value=name, choices=valid)
        ) from None


_SUFFIXES: dict[str, tuple[str, ...]] = {
    ".csv": ("csv", "csv-excel"),
    ".tsv": ("tsv",),
    ".tab": ("tsv",),
    ".json": ("json", "jsonld"),
    ".srj": ("json",),
    ".md": ("md", "table"),
    ".markdown": ("md", "table"),
    ".txt": ("table", "md"),
    ".xlsx": ("xlsx",),
    ".ttl": ("ttl",),
    ".nt": ("nt",),
    ".jsonld": ("jsonld",),
    ".rdf": ("xml",),
    ".xml": ("xml",),
    ".owl": ("xml",),
    ".trig": ("trig",),
    ".ics": ("ics",),
    ".html": ("html",),
    ".docx": ("docx",),
    ".pdf": ("pdf",),
}
"""What each file extension holds, the natural format first: a file named ``due.xlsx`` gets a
workbook, not a Markdown table that Excel cannot open."""


def format_for_file(
    output: Path | None,
    fmt: str | None,
    offered: Sequence[str],
    default: str,
    *,
    excel: bool = False,
) -> str:
    """The format to write: ``fmt`` if given, else the one ``output``'s extension names, else
    ``default``. A format that contradicts the extension is refused (one line saying which
    extension fits), so nothing is ever written that its own name misdescribes.

    ``excel`` turns CSV into the Excel-friendly variant (``csv-excel``).
    """
    suffix = output.suffix.lower() if output is not None else ""
    fits = [name for name in _SUFFIXES.get(suffix, ()) if name in offered]
    if fmt:
        if fmt not in offered:
            raise ValueError(
                t("format.unknown.kind", kind="", value=fmt, choices=", ".join(offered)).replace(
                    "  ", " "
                )
            )
        if suffix in _SUFFIXES and fmt not in _SUFFIXES[suffix] and not (excel and fmt == "csv"):
            extension = next((x for x, names in _SUFFIXES.items() if fmt in names), ".txt")
            raise ValueError(
                t(
                    "format.mismatch",
                    path=output,
                    suffix=suffix,
                    fmt=fmt,
                    extension=extension.lstrip("."),
                )
            )
        chosen = fmt
    else:
        chosen = fits[0] if fits else ("csv" if excel else default)
    if excel:
        if chosen not in ("csv", "csv-excel") or "csv-excel" not in offered:
            raise ValueError(t("format.excel.only.csv"))
        chosen = "csv-excel"
    return chosen


def results_format(name: str) -> OutputFormat:
    """Resolve a results format name; the error lists the valid names for a one-line CLI error."""
    return _lookup(_RESULTS, "results", name)


def graph_format(name: str) -> OutputFormat:
    """Resolve a graph format name; the error lists the valid names for a one-line CLI error."""
    return _lookup(_GRAPH, "graph", name)
