"""What every command shares: the global options in typer's context, errors, --lang.

The options given before the command (``--data``, ``--store``, ``--rebuild``, ``--debug``) live
in one :class:`Options` object on the context, so each invocation starts afresh (tests run many
in one process) and the graph is loaded at most once, by the first command that needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from partnergraph.core.errors import ParameterError, PartnergraphError
from partnergraph.core.messages import reset as reset_language
from partnergraph.core.messages import t, use
from partnergraph.io.output import add_input

if TYPE_CHECKING:
    from partnergraph.graph import PartnerGraph


@dataclass
class Options:
    """The global options of one invocation, and the graph they describe once it is loaded."""

    data: list[Path] = field(default_factory=list)
    store: str | None = None
    debug: bool = False
    rebuild: bool = False
    _graph: PartnerGraph | None = None

    def graph(self) -> PartnerGraph:
        """Load the graph on first use: commands that need none (generate, pull) stay quick."""
        if self._graph is None:
            from partnergraph.graph import PartnerGraph  # late: start-up time
            from partnergraph.io.loading import input_files  # late: start-up time

            extra = {"rebuild": True} if self.rebuild else {}
            self._graph = PartnerGraph.load(self.data or None, store=self.store, **extra)
            for path in input_files(self.data or None):  # each file, also those in folders
                add_input(path)
        return self._graph


def options(ctx: typer.Context) -> Options:
    """The invocation's global options (defaults when a command runs without the main app)."""
    found = ctx.find_object(Options)
    if found is None:
        found = ctx.ensure_object(Options)
    return found


@contextmanager
def errors(ctx: typer.Context | None) -> Iterator[None]:
    """Turn partnergraph's errors into one line on stderr and an exit code."""
    debug = ctx is not None and options(ctx).debug
    try:
        yield
    except PartnergraphError as exc:
        exc.advise("cli")  # what to do, said with this CLI's options
        if debug:
            raise
        from partnergraph.io.tables import terminal_safe  # late: start-up time

        # names from data or input
        typer.echo(t("error", message=terminal_safe(exc.render())), err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo(t("interrupted"), err=True)
        raise typer.Exit(130) from None


def _use_lang(ctx: typer.Context, value: str) -> str:
    """Every command's --lang: refuse a language partnergraph does not speak, then speak it."""
    try:
        use(value)
        # The choice lasts for this command only, also when several run in one process.
        ctx.call_on_close(reset_language)
    except PartnergraphError as exc:
        exc.advise("cli")  # what to do, said with this CLI's options
        if options(ctx).debug:
            raise
        typer.echo(t("error", message=exc), err=True)
        raise typer.Exit(exc.exit_code) from None
    return value


Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        help="Language of labels and messages: da or en.",
        envvar="PARTNERGRAPH_LANG",
        show_envvar=False,
        callback=_use_lang,
    ),
]


# typer reads ``Optional[...]`` in these annotations, so they are said once here.
MaybeText = Optional[str]  # noqa: UP045
MaybePath = Optional[Path]  # noqa: UP045
MaybeTexts = Optional[list[str]]  # noqa: UP045


def output_option(help: str, **more: Any) -> Any:
    """``--output``/``-o``, in the command's own words for what it writes."""
    return typer.Option("--output", "-o", help=help, **more)


def format_option(help: str) -> Any:
    """``--format``/``-f``, naming the formats the command offers."""
    return typer.Option("--format", "-f", help=help)


def as_of_option(help: str) -> Any:
    """``--as-of``, saying what the command takes on that day."""
    return typer.Option("--as-of", help=help)


Output = Annotated[MaybePath, output_option("Write to this file instead of the terminal.")]
OutputFile = Annotated[MaybePath, output_option("Write to this file instead of standard output.")]
StatusDay = Annotated[
    MaybeText, as_of_option("Status as of this date (YYYY-MM-DD); default today.")
]


@contextmanager
def format_errors() -> Iterator[None]:
    """formats reports an unknown format name, or RDF/XML it cannot write, as ValueError."""
    try:
        yield
    except ValueError as exc:
        raise ParameterError(str(exc)) from None


def check_format(fmt: str, command: str, *valid: str) -> None:
    """Refuse a --format the command does not offer, naming those it does."""
    if fmt not in valid:
        choices = f"{', '.join(valid[:-1])} {t('or')} {valid[-1]}"
        raise ParameterError(t("format.unknown", value=fmt, command=command, choices=choices))


def parse_params(params: list[str]) -> dict[str, str]:
    """``--param KEY=VALUE`` options as a mapping; a missing ``=`` is the user's to fix."""
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(t("param.keyvalue", item=item))
        values[key.strip()] = value
    return values


def day(option: str, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option as a date; anything else is refused naming the option."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise ParameterError(t("date.option", option=option, value=value)) from None
