"""SELECT and ASK results as text people and programs read: CSV, TSV, SPARQL JSON, Markdown,
Danish-Excel CSV, an .xlsx workbook and the terminal table.

The library never prints: every function here returns a string (or bytes, or for the
terminal a rich renderable), so the CLI, notebooks and tests decide where output goes; text
ends with a newline. Data is kept inert on the way out: spreadsheet formulas neutralised,
Markdown escaped, control characters shown instead of sent to a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from partnergraph.core.messages import plural, t
from partnergraph.io.formats import results_format
from partnergraph.io.results import AskResult, Cell, SelectResult
from partnergraph.rdf.namespaces import compact

if TYPE_CHECKING:  # rich is imported by the functions that draw tables: csv, json... need none
    from rich.table import Table

__all__ = [
    "FORMULA_TRIGGERS",
    "md_cell",
    "neutralise",
    "render_ask",
    "render_select",
    "select_table",
    "select_workbook",
    "terminal_safe",
    "text_table",
    "unneutralise",
]


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


_RISKY_FIRST = frozenset(FORMULA_TRIGGERS) | {"'"}
"""First characters after which :func:`neutralise` has to look: any other leaves a cell as is."""


def _neutralised(rows: list[list[str]]) -> list[list[str]]:
    risky = _RISKY_FIRST
    return [[neutralise(c) if c[:1] in risky else c for c in row] for row in rows]


def _display(cell: Cell | None) -> str:
    """A cell's text as CSV writes it, with compact IRIs: for people to read."""
    if cell is None:
        return ""
    return compact(cell.text) if cell.kind == "uri" else cell.lexical


def _style(cell: Cell | None) -> str:
    """How the terminal table draws a cell: IRIs in colour, blank nodes dimmed."""
    kind = None if cell is None else cell.kind
    return "cyan" if kind == "uri" else "dim" if kind == "bnode" else ""


def _json_term(cell: Cell) -> dict[str, str]:
    term = {"type": cell.kind, "value": cell.text}
    if cell.language:
        term["xml:lang"] = cell.language
    elif cell.datatype is not None:
        term["datatype"] = cell.datatype
    return term


def _select_csv(result: SelectResult) -> str:
    out = io.StringIO()
    # QUOTE_ALL as OWASP advises: a quoted cell cannot be split into a formula cell by a
    # spreadsheet whose locale uses another list separator (e.g. ';').
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows(_neutralised(result.texts()))
    return out.getvalue()


def _tsv_cell(value: str) -> str:
    # Neutralise first, so a value that starts with a tab is still caught.
    cleaned = neutralise(value)
    return cleaned.replace("\r\n", " ").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _select_tsv(result: SelectResult) -> str:
    lines = ["\t".join(result.variables)]
    lines.extend("\t".join(_tsv_cell(cell) for cell in row) for row in result.texts())
    return "\n".join(lines) + "\n"


def _select_json(result: SelectResult) -> str:
    bindings = [
        {
            var: _json_term(cell)
            for var, cell in zip(result.variables, row, strict=True)
            if cell is not None
        }
        for row in result.cells()
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
    lines.extend(_md_row(md_cell(_display(cell)) for cell in row) for row in result.cells())
    return "\n".join(lines) + "\n"


def _select_csv_excel(result: SelectResult, titles: Mapping[str, str] | None = None) -> str:
    """CSV that Danish Excel opens by double-click: a byte-order mark so it reads UTF-8 (ø, not
    mojibake), semicolons (the list separator of a Danish Windows), Danish dates and decimals."""
    from partnergraph.io.cells import excel_cell  # late: rdflib only for outputs reading terms

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(_headers(result, titles))
    for row in result.rows:
        writer.writerow([neutralise(excel_cell(cell)) for cell in row])
    return out.getvalue()


def select_workbook(
    result: SelectResult, titles: Mapping[str, str] | None = None, sheet: str = "Svar"
) -> bytes:
    """An .xlsx workbook of the rows: typed cells (numbers, dates, yes/no), a bold header row
    that stays in view, a filter on every column, and widths that fit the text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from partnergraph.io.cells import is_iri, typed  # late: rdflib only for outputs reading terms

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
            value, number_format = typed(node)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if number_format:
                cell.number_format = number_format
            if is_iri(node):
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
    plain = result.cells()
    cells = [[_display(cell) for cell in row] for row in plain]
    styles = [[_style(cell) for cell in row] for row in plain]
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
    left is shared out evenly, a column that needs less than its share taking only what it
    needs: a short column (a name, a date) is shown whole, the long texts wrap."""
    least = {i: _longest_word(headers[i], cells, i) for i in keep}
    natural = {i: max([len(headers[i]), *(len(row[i]) for row in cells)], default=1) for i in keep}
    room = width - sum(least.values()) - 3 * len(keep) - 1
    wants = {i: max(natural[i] - least[i], 0) for i in keep}
    if room <= 0 or not any(wants.values()):
        return least
    given = dict(least)
    pending = sorted(keep, key=lambda i: wants[i])
    while pending:
        i = pending.pop(0)
        extra = min(wants[i], room // (len(pending) + 1))
        given[i] += extra
        room -= extra
    return given


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
