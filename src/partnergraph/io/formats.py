"""The one place where partnergraph's output formats are decided.

The library never prints: every function here returns a string (or, for the terminal, a rich
renderable), so the CLI, notebooks and tests can all decide where output goes. Every function
returning text ends it with a newline, so it can be written to a file or stdout as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from typing import Literal as KindLiteral

from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.serializer import Serializer
from rdflib.term import Node

from partnergraph.core import resources as _resources
from partnergraph.io.results import AskResult, SelectResult, python_value
from partnergraph.rdf.dates import MONTHS
from partnergraph.rdf.namespaces import bind_prefixes, compact

if TYPE_CHECKING:  # rich is imported by the functions that draw tables: csv, json... need none
    from rich.table import Table

__all__ = [
    "GRAPH_FORMATS",
    "RESULTS_FORMATS",
    "OutputFormat",
    "context_path",
    "format_for_file",
    "graph_format",
    "jsonld_context",
    "md_cell",
    "neutralise",
    "render_ask",
    "render_select",
    "results_format",
    "select_table",
    "select_workbook",
    "serialize_graph",
    "terminal_safe",
    "text_table",
    "unneutralise",
]

FormatKind = KindLiteral["results", "graph"]


@dataclass(frozen=True)
class OutputFormat:
    """Everything the CLI and the web layer need to know to offer, name and label an output.

    ``serializer`` is the rdflib plugin name for graph formats; it is ``None`` for results
    formats because partnergraph writes those itself (rdflib's result writers differ from what
    is promised here, e.g. TSV with plain values and formula neutralisation).
    """

    name: str
    media_type: str
    extension: str
    serializer: str | None
    kind: FormatKind


_RESULTS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("table", "text/plain", "txt", None, "results"),
        OutputFormat("csv", "text/csv", "csv", None, "results"),
        OutputFormat("tsv", "text/tab-separated-values", "tsv", None, "results"),
        OutputFormat("json", "application/sparql-results+json", "json", None, "results"),
        OutputFormat("md", "text/markdown", "md", None, "results"),
        OutputFormat(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            None,
            "results",
        ),
        OutputFormat("csv-excel", "text/csv", "csv", None, "results"),
    )
}

_GRAPH: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("ttl", "text/turtle", "ttl", "turtle", "graph"),
        OutputFormat("nt", "application/n-triples", "nt", "nt", "graph"),
        OutputFormat("jsonld", "application/ld+json", "jsonld", "json-ld", "graph"),
        OutputFormat("xml", "application/rdf+xml", "rdf", "xml", "graph"),
        OutputFormat("trig", "application/trig", "trig", "trig", "graph"),
    )
}

RESULTS_FORMATS: tuple[str, ...] = tuple(_RESULTS)
"""Names accepted for SELECT/ASK results, in the order the CLI offers them."""

GRAPH_FORMATS: tuple[str, ...] = tuple(_GRAPH)
"""Names accepted for graphs (CONSTRUCT/DESCRIBE results and exports)."""


def _lookup(registry: dict[str, OutputFormat], kind: str, name: str) -> OutputFormat:
    from partnergraph.core.messages import t

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
    from partnergraph.core.messages import t

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


# --- resources ------------------------------------------------------------------------------


def context_path() -> Path:
    """The published JSON-LD context, so exports and the published file can never disagree."""
    return _resources.ontology_dir() / _resources.CONTEXT_FILE


def jsonld_context() -> dict[str, str]:
    """The prefix mappings of the published JSON-LD context, freshly loaded (safe to mutate)."""
    document = json.loads(context_path().read_text(encoding="utf-8"))
    context = document["@context"]
    if not isinstance(context, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in context.items()
    ):
        raise ValueError(f"{context_path()} must map prefixes to namespace IRIs")
    return dict(context)


# --- SELECT and ASK results -----------------------------------------------------------------

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet cell a formula (OWASP CSV injection guidance)."""


def neutralise(value: str) -> str:
    """Stop spreadsheets from running a cell as a formula: every CSV-like output uses this.

    A leading single quote makes Excel, LibreOffice and Google Sheets show the text as is.
    The price is that values such as ``-3`` or ``+45 1234`` also get the quote; for exports
    meant to be opened in spreadsheets that is the safer trade-off. A value that already starts
    with quotes before a trigger gets one more, so :func:`unneutralise` restores it exactly.
    """
    return "'" + value if value.lstrip("'").startswith(FORMULA_TRIGGERS) else value


def unneutralise(value: str) -> str:
    """The value :func:`neutralise` was given (for reading CSV written by partnergraph)."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def _plain(node: Node | None) -> str:
    """Lexical value as in SPARQL 1.1 CSV results: what a spreadsheet user expects to see."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, URIRef | Literal):
        return str(node)
    raise TypeError(f"cannot render a {type(node).__name__} as a result value")


def _display(node: Node | None) -> str:
    """Like :func:`_plain` but with compact IRIs, for outputs read by people."""
    if isinstance(node, URIRef):
        return compact(str(node))
    return _plain(node)


def _json_term(node: Node) -> dict[str, str]:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    if isinstance(node, Literal):
        term = {"type": "literal", "value": str(node)}
        if node.language:
            term["xml:lang"] = node.language
        elif node.datatype is not None:
            term["datatype"] = str(node.datatype)
        return term
    raise TypeError(f"cannot render a {type(node).__name__} as a result value")


def _select_csv(result: SelectResult) -> str:
    out = io.StringIO()
    # QUOTE_ALL as OWASP advises: a quoted cell cannot be split into a formula cell by a
    # spreadsheet whose locale uses another list separator (e.g. ';').
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([neutralise(_plain(cell)) for cell in row])
    return out.getvalue()


def _tsv_cell(value: str) -> str:
    # Neutralise first, so a value that starts with a tab is still caught.
    cleaned = neutralise(value)
    return cleaned.replace("\r\n", " ").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _select_tsv(result: SelectResult) -> str:
    lines = ["\t".join(result.variables)]
    lines.extend("\t".join(_tsv_cell(_plain(cell)) for cell in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _select_json(result: SelectResult) -> str:
    bindings = [
        {
            var: _json_term(cell)
            for var, cell in zip(result.variables, row, strict=True)
            if cell is not None
        }
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_ACTIVE_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data)(\s*):")


def md_cell(value: str) -> str:
    """Data as inert text inside a GFM table cell: every Markdown output uses this.

    ``|`` and backslashes are escaped so the cell stays a cell; ``&``, ``<`` and ``>`` become
    entities so no HTML passes through; ``[`` and ``]`` are escaped so no link is formed, and
    the colon of a ``javascript:`` (``vbscript:``, ``data:``) scheme becomes an entity, so even a
    renderer that links bare addresses makes no script link. Line breaks become ``<br>``.
    """
    escaped = value.replace("\\", "\\\\").replace("|", "\\|")
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace("[", "\\[").replace("]", "\\]")
    escaped = _ACTIVE_SCHEME.sub(r"\1\2&#58;", escaped)
    return escaped.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _headers(result: SelectResult, titles: Mapping[str, str] | None) -> list[str]:
    """Column headers for people: the query's titles where it has them, else the variable."""
    return [(titles or {}).get(v) or v for v in result.variables]


def _select_md(result: SelectResult, titles: Mapping[str, str] | None = None) -> str:
    lines = [
        _md_row(md_cell(v) for v in _headers(result, titles)),
        _md_row("---" for _ in result.variables),
    ]
    lines.extend(_md_row(md_cell(_display(cell)) for cell in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _excel_cell(node: Node | None) -> str:
    """A value as Danish Excel reads it: dates day-month-year, decimals with a comma."""
    if isinstance(node, Literal) and node.datatype is not None:
        lexical = str(node)
        try:
            if node.datatype == XSD.date:
                day = dt.date.fromisoformat(lexical[:10])
                return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"
            if node.datatype == XSD.dateTime:
                moment = dt.datetime.fromisoformat(lexical)
                return f"{moment:%d-%m-%Y %H:%M}"
            if node.datatype == XSD.gYearMonth:
                year, month = lexical[:7].split("-")
                return f"{MONTHS['da'][int(month) - 1]} {year}"
        except (ValueError, IndexError):
            return lexical
        if node.datatype in (XSD.decimal, XSD.double, XSD.float):
            return lexical.replace(".", ",")
    return _plain(node)


def _select_csv_excel(result: SelectResult, titles: Mapping[str, str] | None = None) -> str:
    """CSV that Danish Excel opens by double-click: a byte-order mark so it reads UTF-8 (ø, not
    mojibake), semicolons (the list separator of a Danish Windows), Danish dates and decimals."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(_headers(result, titles))
    for row in result.rows:
        writer.writerow([neutralise(_excel_cell(cell)) for cell in row])
    return out.getvalue()


def select_workbook(
    result: SelectResult, titles: Mapping[str, str] | None = None, sheet: str = "Svar"
) -> bytes:
    """An .xlsx workbook of the rows: typed cells (numbers, dates, yes/no), a bold header row
    that stays in view, a filter on every column, and widths that fit the text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = re.sub(r"[\\/*?:\[\]]", " ", sheet)[:31] or "Svar"
    ws.append(_headers(result, titles))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in _headers(result, titles)]
    for r, row in enumerate(result.rows, start=2):
        for c, node in enumerate(row, start=1):
            value, number_format = _typed(node)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if number_format:
                cell.number_format = number_format
            if isinstance(node, URIRef):
                cell.hyperlink = str(node)
            widths[c - 1] = max(widths[c - 1], len(str(value or "")))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    if result.variables:
        last = get_column_letter(len(result.variables))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(result.rows) + 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(node: Node | None) -> tuple[Any, str | None]:
    """The value openpyxl stores as a typed cell, and the number format it needs if any."""
    value = python_value(node)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None), "dd-mm-yyyy hh:mm"
    if isinstance(value, dt.date):
        return value, "dd-mm-yyyy"
    if isinstance(value, int) and not isinstance(value, bool):
        return value, "0"
    return value, None


def render_select(result: SelectResult, fmt: str, titles: Mapping[str, str] | None = None) -> str:
    """SELECT results as text in a results format; ``table`` goes through :func:`select_table`
    and ``xlsx`` through :func:`select_workbook`. ``titles`` (variable → column title) are the
    headers of the formats read by people (md, csv-excel); csv, tsv and json keep the variable
    names programs rely on."""
    name = results_format(fmt).name
    if name == "csv":
        return _select_csv(result)
    if name == "csv-excel":
        return _select_csv_excel(result, titles)
    if name == "tsv":
        return _select_tsv(result)
    if name == "json":
        return _select_json(result)
    if name == "md":
        return _select_md(result, titles)
    raise ValueError("the table and xlsx formats are not text: use select_table/select_workbook")


def terminal_safe(value: str) -> str:
    """Show control characters instead of sending them, so data cannot drive the terminal.

    rich strips only a few control codes; an ESC in a label could otherwise recolour or
    rewrite the user's terminal, and bidirectional overrides could make text read otherwise
    than it is. Every terminal output of data goes through this.
    """
    return _CONTROL.sub(_shown, value)


_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""Control characters other than newline and tab (C0, DEL, C1), bidi controls, separators."""


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def select_table(
    result: SelectResult,
    title: str | None = None,
    titles: Mapping[str, str] | None = None,
    width: int | None = None,
) -> Table:
    """A terminal table of SELECT results (see :func:`text_table`), with the column titles
    and a row count; IRIs are drawn in colour."""
    from partnergraph.core.messages import plural

    cells = [[_display(cell) for cell in row] for row in result.rows]
    styles = [
        ["cyan" if isinstance(c, URIRef) else "dim" if isinstance(c, BNode) else "" for c in row]
        for row in result.rows
    ]
    return text_table(
        _headers(result, titles),
        cells,
        title=title,
        caption=plural(len(result), "rows"),
        width=width,
        styles=styles,
    )


def text_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    caption: str | None = None,
    width: int | None = None,
    styles: Sequence[Sequence[str]] | None = None,
) -> Table:
    """A terminal table; every cell is a ``Text`` so data is never read as rich markup, and
    control characters are shown, not sent.

    With ``width`` (the terminal's) the table fits it: text wraps between words, never inside
    one, and when even that is too wide the least filled columns are left out (rightmost
    first) and the caption says which, so nothing vanishes silently.
    """
    from rich.table import Table
    from rich.text import Text

    from partnergraph.core.messages import t

    heads = [terminal_safe(h) for h in headers]
    cells = [[terminal_safe(c) for c in row] for row in rows]
    keep = list(range(len(heads)))
    if width is not None:
        keep = _columns_that_fit(heads, cells, width)
    dropped = [heads[i] for i in range(len(heads)) if i not in keep]
    notes = [caption] if caption else []
    if dropped:
        notes.append(t("table.folded", width=width, columns=", ".join(dropped)))
    table = Table(
        title=Text(terminal_safe(title)) if title else None,
        caption=Text(terminal_safe("\n".join(notes))) if notes else None,
        header_style="bold",
    )
    widths = _widths(heads, cells, keep, width) if width is not None else {}
    for i in keep:
        table.add_column(Text(heads[i]), overflow="fold", width=widths.get(i))
    for r, row in enumerate(cells):
        table.add_row(*(Text(row[i], style=styles[r][i] if styles else "") for i in keep))
    return table


_LONGEST_WORD = 24
"""A longer word (an IRI, a URL) may still be folded: it would crowd out every other column."""


def _longest_word(header: str, cells: Sequence[Sequence[str]], i: int) -> int:
    words = header.split() + [w for row in cells for w in row[i].split()]
    return min(max((len(w) for w in words), default=1), _LONGEST_WORD)


def _widths(
    headers: Sequence[str], cells: Sequence[Sequence[str]], keep: list[int], width: int
) -> dict[int, int]:
    """Column widths that fill at most ``width``: each gets its longest word, then the room
    left goes to the columns whose text is longest, so short columns are not padded out."""
    least = {i: _longest_word(headers[i], cells, i) for i in keep}
    natural = {i: max([len(headers[i]), *(len(row[i]) for row in cells)], default=1) for i in keep}
    room = width - sum(least.values()) - 3 * len(keep) - 1
    wants = {i: max(natural[i] - least[i], 0) for i in keep}
    total = sum(wants.values())
    if room <= 0 or total == 0:
        return least
    if total <= room:
        return {i: least[i] + wants[i] for i in keep}
    return {i: least[i] + wants[i] * room // total for i in keep}


def _columns_that_fit(
    headers: Sequence[str], cells: Sequence[Sequence[str]], width: int
) -> list[int]:
    """The columns to show so that no word is broken: drop the least filled, rightmost first."""
    keep = list(range(len(headers)))

    def needed(columns: list[int]) -> int:
        # rich's box: one border per column plus one, and one space of padding on each side.
        return sum(_longest_word(headers[i], cells, i) + 3 for i in columns) + 1

    filled = {i: sum(1 for row in cells if row[i].strip()) for i in keep}
    while len(keep) > 1 and needed(keep) > width:
        least = min(keep[1:], key=lambda i: (filled[i], -i))
        keep.remove(least)
    return keep


def render_ask(result: AskResult, fmt: str) -> str:
    """An ASK answer in any results format; only JSON needs more than the bare word."""
    name = results_format(fmt).name
    if name == "json":
        return json.dumps({"head": {}, "boolean": result.value}, indent=2) + "\n"
    return ("true" if result.value else "false") + "\n"


# --- graphs ---------------------------------------------------------------------------------


def _copy_prefixes(source: Graph, target: Graph) -> None:
    """Keep the caller's own prefixes, then let the stable ones win any clash."""
    for prefix, namespace in source.namespaces():
        target.bind(prefix, namespace, override=False)
    bind_prefixes(target)


def _union(graph: Graph) -> Graph:
    """All triples of every graph in one fresh graph, so the caller's graph is left untouched."""
    out = Graph(bind_namespaces="core")
    _copy_prefixes(graph, out)
    if isinstance(graph, ConjunctiveGraph):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        out += graph
    return out


def _as_dataset(graph: Graph) -> Dataset:
    """A copy as a Dataset with the default graph kept as the default graph.

    rdflib writes a plain Graph (and a ConjunctiveGraph's default context) to TriG as a graph
    named by its blank-node identifier; here they become the unnamed default graph instead.
    """
    out = Dataset()
    _copy_prefixes(graph, out)
    default: Graph = out.default_graph
    if isinstance(graph, Dataset):
        default_id: Node = DATASET_DEFAULT_GRAPH_ID
        graphs: Iterable[Graph] = graph.graphs()
    elif isinstance(graph, ConjunctiveGraph):
        default_id = graph.default_context.identifier
        graphs = graph.contexts()
    else:
        default += graph
        return out
    for named in graphs:
        target = default if named.identifier == default_id else out.graph(named.identifier)
        target += named
    return out


def _shrink(iri: str, context: dict[str, str]) -> str:
    """Compact against the embedded context itself, so the output is right for that context.

    namespaces.compact is for display and may one day differ from the published file.
    """
    best_prefix, best_ns = "", ""
    for prefix, namespace in context.items():
        if iri.startswith(namespace) and len(namespace) > len(best_ns):
            best_prefix, best_ns = prefix, namespace
    local = iri[len(best_ns) :]
    # JSON-LD leaves "p://..." alone and a bare "p:" is easy to misread; keep the full IRI.
    if not best_ns or not local or local.startswith("//"):
        return iri
    return f"{best_prefix}:{local}"


def _jsonld(graph: Graph) -> str:
    """Flattened, compacted JSON-LD written directly rather than by rdflib's serializer.

    rdflib's JSON-LD writer, given a context, turns xsd:integer/double/boolean/string literals
    into native JSON values (losing lexical forms and explicit xsd:string) and silently drops
    blank nodes that are only referenced from each other (cycles). Flattened node objects with
    every typed literal as ``{"@value", "@type"}`` are lossless and still read well.
    """
    return jsonld_document(graph, _rdflib_parts)


IRI_TERM, BLANK_TERM, LITERAL_TERM = 0, 1, 2
_IRI, _BLANK, _LITERAL = IRI_TERM, BLANK_TERM, LITERAL_TERM

TermParts = tuple[int, str, str | None, str | None]
"""What JSON-LD needs of a term: kind, lexical value or IRI, language, datatype IRI."""


def _rdflib_parts(node: Any) -> TermParts:
    if isinstance(node, URIRef):
        return (_IRI, str(node), None, None)
    if isinstance(node, BNode):
        return (_BLANK, str(node), None, None)
    if isinstance(node, Literal):
        if node.language:
            return (_LITERAL, str(node), node.language, None)
        datatype = node.datatype
        return (_LITERAL, str(node), None, None if datatype is None else str(datatype))
    raise ValueError(f"JSON-LD cannot use a {type(node).__name__} as a node or property")


def jsonld_document(triples: Iterable[Sequence[Any]], parts: Callable[[Any], TermParts]) -> str:
    """The triples as flattened JSON-LD compacted with the published context (see _jsonld).

    Works on any hashable terms (rdflib's or Oxigraph's) that ``parts`` describes; each
    distinct term is described, compacted and written once. The text is exactly what
    ``json.dumps(document, ensure_ascii=False, indent=2)`` writes for the document of node
    objects sorted by id, keys sorted with ``@type`` first and values sorted by their JSON
    (``sort_keys``), a single value written bare. It is written here because json.dumps with
    ``indent`` runs in pure Python, several times slower than this on a big graph.
    """
    context = jsonld_context()
    encode = _ENCODE_BASESTRING
    rdf_type = str(RDF.type)

    # Group by subject and predicate: everything below is then once per distinct term.
    nodes: dict[Any, dict[Any, set[Any]]] = {}
    for s, p, o in triples:
        try:
            properties = nodes[s]
        except KeyError:
            nodes[s] = {p: {o}}
            continue
        try:
            properties[p].add(o)
        except KeyError:
            properties[p] = {o}

    ids: dict[Any, str] = {}

    def node_id(term: Any) -> str:
        found = ids.get(term)
        if found is None:
            kind, value, _, _ = parts(term)
            if kind == IRI_TERM:
                found = _shrink(value, context)
            elif kind == BLANK_TERM:
                found = f"_:{value}"
            else:
                raise ValueError("JSON-LD cannot use a Literal as a node or property")
            ids[term] = found
        return found

    # A value: its sort key (its JSON with sorted keys = its JSON if a plain string), the
    # members of its JSON object (None for a plain string), and whether it is a literal.
    Value = tuple[str, str | None, str | None, bool]
    values_of: dict[Any, Value] = {}
    types_of: dict[Any, Value] = {}

    def value(term: Any) -> Value:
        found = values_of.get(term)
        if found is None:
            kind, lexical, language, datatype = parts(term)
            if kind != LITERAL_TERM:
                target = encode(node_id(term))
                found = ('{"@id": ' + target + "}", '"@id": ' + target, None, False)
            else:
                text = encode(lexical)
                if language:
                    lang = encode(language)
                    found = (
                        '{"@language": ' + lang + ', "@value": ' + text + "}",
                        '"@value": ' + text,
                        '"@language": ' + lang,
                        True,
                    )
                elif datatype is not None:
                    kind_of = encode(_shrink(datatype, context))
                    found = (
                        '{"@type": ' + kind_of + ', "@value": ' + text + "}",
                        '"@value": ' + text,
                        '"@type": ' + kind_of,
                        True,
                    )
                else:
                    found = (text, None, None, True)
            values_of[term] = found
        return found

    def type_value(term: Any) -> Value:
        found = types_of.get(term)
        if found is None:
            target = encode(node_id(term))
            found = types_of[term] = (target, None, None, False)
        return found

    def written(entry: Value, depth: int) -> str:
        sort_key, first, second, _ = entry
        if first is None:
            return sort_key  # a plain string: its JSON
        inner, outer = _PAD[depth + 1], _PAD[depth]
        if second is None:
            return "{" + inner + first + outer + "}"
        return "{" + inner + first + "," + inner + second + outer + "}"

    keys: dict[Any, tuple[str, bool]] = {}
    subjects = sorted(nodes, key=lambda s: (parts(s)[0] == BLANK_TERM, node_id(s)))
    pad2, pad3, pad4 = _PAD[2], _PAD[3], _PAD[4]
    out: list[str] = []
    for subject in subjects:
        entries: dict[str, list[Value]] = {}
        for predicate, objects in nodes[subject].items():
            known = keys.get(predicate)
            if known is None:
                kind, iri, _, _ = parts(predicate)
                known = keys[predicate] = (node_id(predicate), kind == IRI_TERM and iri == rdf_type)
            key, is_type = known
            group = [value(obj) for obj in objects]
            if is_type:
                types = [
                    type_value(obj)
                    for obj, entry in zip(objects, group, strict=True)
                    if not entry[3]
                ]
                if types:
                    entries.setdefault("@type", []).extend(types)
                    group = [entry for entry in group if entry[3]]
                    if not group:
                        continue
            if key in entries:
                entries[key].extend(group)
            else:
                entries[key] = group
        lines = [pad3 + '"@id": ' + encode(node_id(subject))]
        order = sorted(entries)
        if "@type" in entries and order[0] != "@type":
            order.remove("@type")
            order.insert(0, "@type")
        for key in order:
            group = entries[key]
            if len(group) == 1:
                text = written(group[0], 3)
            else:
                group.sort(key=_first)
                text = "[" + ",".join(pad4 + written(e, 4) for e in group) + pad3 + "]"
            lines.append(pad3 + encode(key) + ": " + text)
        out.append(pad2 + "{" + ",".join(lines) + pad2 + "}")

    head = json.dumps({"@context": context}, ensure_ascii=False, indent=2)[: -len("\n}")]
    graph = "[" + ",".join(out) + _PAD[1] + "]" if out else "[]"
    return head + ',\n  "@graph": ' + graph + "\n}\n"


_PAD = {depth: "\n" + "  " * depth for depth in range(6)}


def _first(entry: tuple[str, Any, Any, Any]) -> str:
    return entry[0]


def _encode_json_string(text: str) -> str:
    """A string as json.dumps(text, ensure_ascii=False) writes it (C-accelerated)."""
    return _ENCODE_BASESTRING(text)


_ENCODE_BASESTRING: Callable[[str], str] = json.encoder.encode_basestring


# Turtle's shorthand numbers and booleans, exactly as the Turtle grammar reads them back.
_TURTLE_SHORTHAND: dict[URIRef, re.Pattern[str]] = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.double: re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}


def _exact_turtle_literal(serializer: TurtleSerializer, node: Literal) -> str | None:
    """Write numbers and booleans so that they read back with the same datatype and value.

    rdflib's Turtle writer prints every xsd:double with ``f"{x:e}"`` (seven significant
    digits, so 55.123456789 comes back as 55.12346), and prints non-canonical lexical forms
    bare, so ``"1"^^xsd:boolean`` comes back as an xsd:integer and ``"yes"^^xsd:boolean`` is
    not Turtle at all. Here the shorthand is used only when the lexical form is already a
    Turtle token of that datatype; everything else is written quoted with its datatype.
    """
    if node.datatype is None or node.datatype not in _TURTLE_SHORTHAND:
        return None
    lexical = str(node)
    if _TURTLE_SHORTHAND[node.datatype].fullmatch(lexical):
        return lexical
    return node._literal_n3(
        use_plain=False, qname_callback=lambda dt: serializer.get_pname(dt, False)
    )


class _ExactTurtleSerializer(TurtleSerializer):
    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and (text := _exact_turtle_literal(self, node)) is not None:
            return text
        return super().label(node, position)


class _ExactTrigSerializer(TrigSerializer):
    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and (text := _exact_turtle_literal(self, node)) is not None:
            return text
        return super().label(node, position)


# Characters XML 1.0 cannot carry at all, not even as character references.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_safe(graph: Graph) -> None:
    """Fail clearly instead of letting rdflib write RDF/XML that no parser will read."""
    for triple in graph:
        for term in triple:
            if not isinstance(term, BNode) and _XML_FORBIDDEN.search(str(term)):
                shown = term.n3()
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                raise ValueError(
                    f"RDF/XML cannot contain the control characters in {shown}; "
                    "use ttl, nt, jsonld or trig"
                )


def _write(serializer: Serializer) -> str:
    stream = io.BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def serialize_graph(graph: Graph | Dataset, fmt: str) -> str:
    """A graph in a graph format with the stable prefixes, never changing the caller's graph.

    TriG keeps named graphs; the triple-only formats (and JSON-LD, which partnergraph
    publishes with a single context) get the union of all graphs of a Dataset.
    """
    spec = graph_format(fmt)
    if spec.name == "trig":
        return _write(_ExactTrigSerializer(_as_dataset(graph)))
    union = _union(graph)
    if spec.name == "ttl":
        return _write(_ExactTurtleSerializer(union))
    if spec.name == "jsonld":
        return _jsonld(union)
    if spec.name == "xml":
        _check_xml_safe(union)
    assert spec.serializer is not None
    text = union.serialize(format=spec.serializer)
    if spec.name == "nt":
        # rdflib writes N-Triples in store order; sorted lines make exports diff cleanly.
        return "".join(sorted(text.splitlines(keepends=True)))
    return text
