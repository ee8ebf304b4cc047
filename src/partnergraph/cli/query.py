"""``queries`` and ``query``: the named query library, and asking the graph anything."""

from __future__ import annotations

from typing import Annotated

import typer

from partnergraph.cli.context import (
    Lang,
    MaybePath,
    MaybeText,
    MaybeTexts,
    Output,
    as_of_option,
    check_format,
    errors,
    format_option,
    options,
    parse_params,
)
from partnergraph.cli.render import console, emit, emit_json, print_result, table
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.io.output import add_input

_COLUMNS = ("name", "aliases", "title", "parameters")


def queries(
    ctx: typer.Context,
    lang: Lang = "da",
    fmt: Annotated[str, format_option("table, json or md.")] = "table",
) -> None:
    """List the named queries with their titles and parameters."""
    with errors(ctx):
        from partnergraph.query.library import load_library  # late: start-up time

        rows = [q.summary(lang) for q in sorted(load_library().values(), key=lambda q: q.name)]
        heads = [t(f"queries.{k}") for k in _COLUMNS]
        if fmt == "json":
            emit_json(rows)
        elif fmt == "md":
            from partnergraph.io.tables import md_cell  # late: start-up time

            lines = ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
            lines += [
                f"| `{r['name']}` | {md_cell(r['aliases'])} | {md_cell(r['title'])} "
                f"| {md_cell(r['parameters'])} |"
                for r in rows
            ]
            emit("\n".join(lines), None)
        elif fmt == "table":
            console().print(table(heads, ([r[k] for k in _COLUMNS] for r in rows)))
        else:
            check_format(fmt, "queries", "table", "json", "md")


def query(
    ctx: typer.Context,
    name: Annotated[MaybeText, typer.Argument(help="Name of a query in the library.")] = None,
    param: Annotated[
        MaybeTexts, typer.Option("--param", "-p", help="Query parameter as KEY=VALUE (repeatable).")
    ] = None,
    file: Annotated[
        MaybePath,
        typer.Option("--file", help="Run the SPARQL query in this .rq file.", readable=False),
    ] = None,
    sparql_text: Annotated[
        MaybeText, typer.Option("--sparql", help="Run this SPARQL query text.")
    ] = None,
    fmt: Annotated[
        str,
        format_option(
            "table, csv, csv-excel, tsv, json, md, xlsx for SELECT/ASK; ttl, nt, jsonld, "
            "xml for CONSTRUCT. Default: from the --output file's extension."
        ),
    ] = "",
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for Excel: semicolons, UTF-8 with BOM, Danish dates."),
    ] = False,
    lang: Lang = "da",
    output: Output = None,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Permit SERVICE and FROM of graphs not loaded (network and file access).",
        ),
    ] = False,
    as_of: Annotated[
        MaybeText, as_of_option("Date that date parameters defaulting to today mean.")
    ] = None,
) -> None:
    """Run a named query, a query file or SPARQL text. Updates are refused."""
    with errors(ctx):
        chosen = [x for x in (name, file, sparql_text) if x is not None]
        if len(chosen) != 1:
            raise ParameterError(t("query.choose"))
        values = parse_params(param or [])
        if file is not None:
            if not file.is_file():
                raise ParameterError(t("query.nofile", path=file))
            add_input(file)
        if sparql_text is not None and values:
            raise ParameterError(t("query.params.named"))
        kg = options(ctx).graph()
        answer = kg.answer(
            name,
            values,
            file=file,
            sparql=sparql_text,
            lang=lang,
            as_of=as_of,
            allow_remote=allow_remote,
        )
        print_result(answer.result, fmt, output, answer.title, answer.column_titles, excel=excel)
