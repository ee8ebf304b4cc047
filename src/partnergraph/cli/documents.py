"""``site``, ``report`` and ``agenda``: the graph as pages, a document and a calendar."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from partnergraph.cli.context import (
    Lang,
    MaybePath,
    MaybeText,
    MaybeTexts,
    Output,
    StatusDay,
    as_of_option,
    day,
    errors,
    format_errors,
    format_option,
    options,
    output_option,
)
from partnergraph.cli.render import console, emit, emit_json, wrote
from partnergraph.core.messages import t
from partnergraph.io.output import STDOUT, add_input


def site(
    ctx: typer.Context,
    output: Annotated[
        Path,
        output_option(
            "Folder to write the static site to (replaced only if it holds a previous site)."
        ),
    ],
    lang: Lang = "da",
    base_url: Annotated[
        MaybeText,
        typer.Option(
            "--base-url",
            help="Where it will be published, e.g. https://example.org/partners/ "
            "(absolute download URLs, sitemap.xml).",
        ),
    ] = None,
    as_of: Annotated[
        MaybeText, as_of_option("Day of the home page's needs-action list; default today.")
    ] = None,
    previous: Annotated[
        MaybePath,
        typer.Option(
            "--previous", help="The previous edition (RDF file or folder): adds a changes page."
        ),
    ] = None,
) -> None:
    """Write a static linked-data website: a page per entity, with Turtle and JSON-LD beside it."""
    with errors(ctx):
        from partnergraph.graph import load  # late: start-up time
        from partnergraph.views.site import build_site  # late: start-up time

        before = load([previous]) if previous is not None else None
        kg = options(ctx).graph()
        report = build_site(kg, output, lang=lang, base_url=base_url, as_of=as_of, previous=before)
        typer.echo(report.summary(), err=True)


def report(
    ctx: typer.Context,
    fmt: Annotated[
        MaybeText, format_option("docx, pdf or md (default: from --output, else docx).")
    ] = None,
    output: Annotated[
        MaybePath,
        output_option("File to write (default: rapport-DATE.FORMAT; Markdown to the terminal)."),
    ] = None,
    as_of: StatusDay = None,
    section: Annotated[
        MaybeTexts,
        typer.Option(
            "--section",
            help="Only these sections (repeatable): intro, typology, formal, table, strategic, "
            "action, changes, figure. The Danish words work too.",
        ),
    ] = None,
    partnership: Annotated[
        MaybeTexts,
        typer.Option("--partnership", "-p", help="Only this partnership (name; repeatable)."),
    ] = None,
    previous: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--previous", help="Data file or folder of the previous edition: report what changed."
        ),
    ] = None,
    lang: Lang = "da",
) -> None:
    """Write the partnership overview as of a date (Word, PDF, Markdown), every fact sourced."""
    with errors(ctx):
        from partnergraph.io.formats import format_for_file  # late: start-up time
        from partnergraph.io.loading import rdf_files  # late: start-up time
        from partnergraph.views.report import FORMATS, write_report  # late: start-up time
        from partnergraph.views.report import report as make_report  # late: start-up time

        with format_errors():
            chosen = format_for_file(output, fmt, FORMATS, "docx")
        when = day("--as-of", as_of)
        if previous:
            for path in rdf_files([str(p) for p in previous]):  # -o must not replace them
                add_input(path)
        data = make_report(
            options(ctx).graph(),
            chosen,
            lang=lang,
            as_of=when,
            sections=section,
            partnerships=partnership,
            previous=previous,
        )
        if (output is None and chosen == "md") or str(output) == STDOUT:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        if output is None:
            stem = "rapport" if lang == "da" else "report"
            output = Path(f"{stem}-{(when or dt.date.today()).isoformat()}.{chosen}")
        write_report(output, data)
        wrote(output)


def agenda(
    ctx: typer.Context,
    as_of: StatusDay = None,
    until: Annotated[
        MaybeText,
        typer.Option(
            "--until", help="Only what may come by this date (YYYY-MM-DD); default six months on."
        ),
    ] = None,
    since: Annotated[
        MaybeText, typer.Option("--from", hidden=True, help="Older name of --as-of.")
    ] = None,
    fmt: Annotated[
        str, format_option("table, ics, md or json; default from the --output file's extension.")
    ] = "",
    alarm_weeks: Annotated[
        int,
        typer.Option("--alarm-weeks", help="ics: reminder this many weeks before (0: none)."),
    ] = 2,
    output: Output = None,
    lang: Lang = "da",
) -> None:
    """Overdue treatments and agreements without a successor first, then the next six months."""
    with errors(ctx):
        from partnergraph.io.formats import format_for_file  # late: start-up time
        from partnergraph.io.tables import text_table  # late: start-up time
        from partnergraph.views.agenda import agenda as upcoming  # late: start-up time
        from partnergraph.views.agenda import (  # late: start-up time
            format_table,
            to_ics,
            to_markdown,
        )

        with format_errors():
            fmt = format_for_file(output, fmt, ("table", "ics", "md", "json"), "table")
        kg = options(ctx).graph()
        items = upcoming(kg, until=day("--until", until), as_of=as_of or since, lang=lang)
        note = items.note
        if fmt == "ics":
            emit(to_ics(items, alarm_weeks=alarm_weeks, note=note).decode("utf-8"), output)
        elif fmt == "json":
            emit_json(items.to_dict(), output)
        elif fmt == "md" or output is not None:
            emit(f"{note}\n\n" + to_markdown(items, lang), output)
        else:
            headers, rows = format_table(items, lang)
            screen = console()
            screen.print(text_table(headers, rows, caption=note, width=screen.width))
            if not rows:
                typer.echo(t("agenda.empty"), err=True)
