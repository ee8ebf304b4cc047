"""How answers reach the terminal or a file: rich tables of escaped text, JSON, atomic files.

Data printed to a terminal passes :func:`text`, so a label holding control sequences is shown,
never obeyed; a file named with ``--output`` is written whole or not at all.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from partnergraph.cli.context import format_errors
from partnergraph.core.messages import t
from partnergraph.io.output import STDOUT, write_atomic

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from partnergraph.io.results import QueryResult


def console() -> Console:
    """A console that prints data as it is: no markup, highlighting or emoji codes."""
    from rich.console import Console  # late: start-up time (a csv answer needs no rich)

    return Console(highlight=False, markup=False, emoji=False)


def text(value: str, style: str = "") -> Text:
    """Data for the terminal: a rich Text (never markup) with control sequences shown, not sent."""
    from partnergraph.io.tables import terminal_safe  # late: start-up time

    return plain(terminal_safe(value), style=style)


def plain(value: str, style: str = "") -> Text:
    """A rich Text of text partnergraph wrote itself (never markup)."""
    from rich.text import Text  # late: start-up time

    return Text(value, style=style)


def titled(title: str) -> Table:
    """An empty table with its title on the left, for the caller to add columns to."""
    from rich.table import Table  # late: start-up time

    return Table(title=title, title_justify="left")


def emit(content: str | bytes, output: Path | None) -> None:
    """Print to stdout, or write ``output`` atomically and say so on stderr."""
    if output is None or str(output) == STDOUT:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            return
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    write_atomic(output, content)
    wrote(output)


def emit_json(payload: Any, output: Path | None = None) -> None:
    """The JSON every ``--format json`` prints: UTF-8 as written, indented by two."""
    emit(json.dumps(payload, ensure_ascii=False, indent=2), output)


def wrote(path: Path | str) -> None:
    """Tell the user, on stderr, which file now holds the answer."""
    typer.echo(t("wrote", path=path), err=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], title: str | None = None) -> Table:
    """A table of data cells fitted to the terminal like a query's answer: words wrap whole (a
    query's name is copied from here), and a column that cannot fit is left out with a line
    under the table saying which and how to see it (:func:`partnergraph.io.tables.text_table`)."""
    from partnergraph.io.tables import text_table  # late: start-up time

    return text_table(headers, [list(row) for row in rows], title=title, width=console().width)


def print_result(
    result: QueryResult,
    fmt: str,
    output: Path | None,
    title: str | None,
    titles: dict[str, str] | None = None,
    *,
    excel: bool = False,
) -> None:
    """A query's answer in the format asked for, or the one the output file's name implies."""
    from partnergraph.io import formats, tables  # late: start-up time
    from partnergraph.io.results import AskResult, GraphResult, SelectResult  # late: start-up time

    content: str | bytes
    with format_errors():
        if isinstance(result, GraphResult):
            name = formats.format_for_file(output, fmt, formats.GRAPH_FORMATS, "ttl")
            from partnergraph.io import serialize  # late: rdflib's writers, for graphs only

            content = serialize.serialize_graph(result.graph, name)
        else:
            offered = formats.RESULTS_FORMATS
            name = formats.format_for_file(output, fmt, offered, "table", excel=excel)
            if isinstance(result, AskResult):
                content = tables.render_ask(result, "json" if name == "json" else "md")
            elif name == "xlsx":
                assert isinstance(result, SelectResult)
                if output is None:
                    raise ValueError(t("format.binary.terminal", fmt=name, extension="xlsx"))
                content = tables.select_workbook(result, titles, title or t("sheet.results"))
            elif name == "table" and output is None:
                screen = console()
                screen.print(tables.select_table(result, title, titles, width=screen.width))
                return
            else:
                content = tables.render_select(result, "md" if name == "table" else name, titles)
    emit(content, output)
