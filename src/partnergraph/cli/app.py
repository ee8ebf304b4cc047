"""The ``partnergraph`` command: a thin layer over the library, one module per group of verbs.

Each command parses options, calls the library, and renders the answer (:mod:`.render`). The
options before the command live in typer's context (:mod:`.context`). Errors the user can fix
are one line on stderr with a non-zero exit code; ``--debug`` shows the traceback. Heavy
libraries are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from partnergraph.cli import (
    contents,
    documents,
    generate,
    lean_help,
    network,
    query,
    remote,
    workbook,
)
from partnergraph.cli.context import Options, errors
from partnergraph.cli.lazy import lazy_group
from partnergraph.core.interrupts import Terminated, stop_cleanly_on_signals
from partnergraph.core.messages import ENV, LANGUAGES, check_language, language, reset, t, use
from partnergraph.core.version import __version__
from partnergraph.io import output

lean_help.install()

registry = typer.Typer(pretty_exceptions_enable=False)
"""Where the commands are registered; :mod:`.lazy` builds each from here when it is used."""

app = typer.Typer(
    cls=lazy_group(registry),
    name="partnergraph",
    help="Partnerships between organisations as linked data: query, validate, describe, export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("queries", query.queries),
    ("query", query.query),
    ("validate", contents.validate),
    ("export", contents.export),
    ("describe", contents.describe),
    ("stats", contents.stats),
    ("viz", network.viz),
    ("generate", generate.generate),
    ("template", workbook.template),
    ("import", workbook.import_),
    ("agenda", documents.agenda),
    ("diff", contents.diff),
    ("serve", remote.serve),
    ("site", documents.site),
    ("push", remote.push),
    ("pull", remote.pull),
    ("report", documents.report),
)
"""The commands in the order ``--help`` lists them (the network group comes last)."""

for name, command in COMMANDS:
    registry.command(name)(command)
registry.add_typer(network.network_app, name="network")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"partnergraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
        typer.Option(
            "--data",
            "-d",
            help="RDF file or folder to load instead of the bundled data (repeatable). "
            "The ontology is always included.",
            readable=False,  # the loader says why a file cannot be read, on one line
        ),
    ] = None,
    store: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--store",
            "-s",
            help="Where the triples live: oxigraph (default, in memory), memory (rdflib), "
            "oxigraph:PATH (on disk, rebuilt when the data changes) or sparql:URL.",
            envvar="PARTNERGRAPH_STORE",
        ),
    ] = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Replace an on-disk store (--store oxigraph:PATH) built from other data.",
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Partnerships between organisations as linked data."""
    _quiet_rdflib_term()
    output.set_inputs(data or [])  # no output may replace them
    output.removed_leftovers()
    ctx.call_on_close(output.clear_inputs)
    ctx.call_on_close(_report_leftovers)
    given = ctx.obj = Options(data=list(data or []), store=store, debug=debug, rebuild=rebuild)
    with errors(ctx):
        reset()  # each invocation chooses afresh (several may run in one process)
        if os.environ.get(ENV):
            check_language(os.environ[ENV].strip())
        if not data:
            from partnergraph.io.project import find_project  # late: start-up time

            project = find_project()
            if project is not None:
                # late: only with a project file; --help starts without the message tables
                from partnergraph.engine.spec import project_store

                given.data = project.data
                given.store = store or project_store(project)


def _quiet_rdflib_term() -> None:
    """rdflib logs a full traceback for every literal whose value it cannot convert (a date
    such as 2025-02-30 or year 10000): the data is still shown as written, and validate
    reports such values, so the noise goes. Here rather than in :func:`main` so that
    ``--help``, which runs no command, does not import :mod:`logging`."""
    import logging  # late: start-up time

    logging.getLogger("rdflib.term").addHandler(logging.NullHandler())
    logging.getLogger("rdflib.term").propagate = False


def _report_leftovers() -> None:
    for path in output.removed_leftovers():
        typer.echo(t("output.leftover", path=path), err=True)


def asked_language(args: list[str]) -> str | None:
    """The language ``--lang``/``-l`` asks for on the command line, seen before click parses
    it: click's usage errors and the help are worded before any command runs, so a reader who
    wrote ``--lang en`` would otherwise get them in Danish. Nothing after ``--`` counts."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--lang", "-l"):
            value = args[i + 1] if i + 1 < len(args) else ""
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif arg.startswith("-l") and not arg.startswith("--"):
            value = arg[2:]
        else:
            continue
        return value if value in LANGUAGES else None
    return None


def main() -> None:
    """Entry point of the console script: the help speaks Danish unless asked for English."""
    stop_cleanly_on_signals()
    try:
        import typer.main

        from partnergraph.cli.help_da import translate  # late: start-up time

        asked = asked_language(sys.argv[1:])
        if asked is not None:
            use(asked)
        lang = language()
        command = translate(typer.main.get_command(app), lang)
        if lang != "da":
            command()  # named as it was started (``python -m partnergraph.cli``)
        else:
            command(prog_name="partnergraph")
    except Terminated as exc:  # every clean-up has run on the way out
        sys.stderr.write(t("stopped.by", signal=exc) + "\n")
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
