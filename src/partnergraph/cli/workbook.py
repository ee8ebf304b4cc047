"""``template`` and ``import``: authoring partnership data in a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from partnergraph.cli.context import Lang, MaybeText, day, errors, options, output_option
from partnergraph.cli.render import wrote
from partnergraph.core.messages import t


def template(
    ctx: typer.Context,
    output: Annotated[
        Path, output_option("The .xlsx workbook to write (or a folder, for CSV files).")
    ],
    from_graph: Annotated[
        bool,
        typer.Option(
            "--from-graph",
            help="Fill the sheets with the current data (--data/--store) instead of leaving "
            "them empty.",
        ),
    ] = False,
    lang: Lang = "da",
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a workbook that already holds filled rows."),
    ] = False,
) -> None:
    """Write a spreadsheet workbook to author partnership data in (Danish and English headers)."""
    with errors(ctx):
        from partnergraph.authoring.spreadsheet import template as write  # late: start-up time

        kg = options(ctx).graph() if from_graph else None
        result = write(output, from_graph=kg, lang=lang, force=force)
        rows = sum(result.rows.values())
        typer.echo(
            t("template.wrote", path=result.path, rows=rows, extra=result.extra_statements),
            err=True,
        )
        for warning in result.warnings:
            typer.echo(t("template.warning", what=warning), err=True)


def import_(
    ctx: typer.Context,
    workbook: Annotated[
        Path,
        typer.Argument(
            help="The filled workbook (.xlsx) or a folder of CSV files, one per sheet.",
            readable=False,
        ),
    ],
    output: Annotated[
        Path,
        output_option(
            "The Turtle file for the facts; the mappings go beside it as <name>-mappings.ttl."
        ),
    ],
    lang: Lang = "da",
    replaces: Annotated[
        MaybeText,
        typer.Option(
            "--replaces",
            help="New edition: the dataset it replaces (IRI, pgid:...); writes <name>-dataset.ttl.",
        ),
    ] = None,
    issued: Annotated[
        MaybeText,
        typer.Option(
            "--issued", help="The dataset's date (default: today for an edition, else undated)."
        ),
    ] = None,
    license: Annotated[
        MaybeText,
        typer.Option("--license", help="The licence's IRI, stated in <name>-dataset.ttl."),
    ] = None,
) -> None:
    """Turn a filled workbook into RDF. Every problem is listed at once; nothing is written then.

    Ids are minted in the dataset's own namespace (pgid:<name>/...), or the replaced dataset's.
    """
    with errors(ctx):
        from partnergraph.authoring.importing import import_edition  # late: start-up time

        when = day("--issued", issued)
        loaded = options(ctx).graph().store
        imported = import_edition(
            loaded, workbook, output, lang=lang, replaces=replaces, issued=when, license=license
        )
        for path in imported.written:
            wrote(path)
        for hint in imported.hints:
            typer.echo(t("import.hint", hint=hint), err=True)
