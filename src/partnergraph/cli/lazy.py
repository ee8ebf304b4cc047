"""Commands built when they are used, so ``partnergraph --help`` does not build all of them.

typer builds every command of a group up front: it reads each function's signature and
evaluates its type hints, which for partnergraph's 18 commands cost more than everything else
``--help`` does. :class:`LazyGroup` keeps the registrations (typer's own ``CommandInfo`` and
``TyperInfo``) and builds a command the first time it is looked up. The top-level help lists
the commands from a stand-in per command that carries only what the list shows (name, help,
panel, hidden, deprecated), taken from the registration exactly as typer would take it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo, TyperInfo

from partnergraph.cli import plain_options, value_words

__all__ = ["LazyCommands", "LazyGroup", "lazy_group"]

plain_options.install()  # options read without importing pydantic
value_words.install()  # the help names values in words, not Python types

Hook = Callable[[Any], object]


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name, in registration order, each built on first access.

    ``on_build`` are called with every command as it is built (or its stand-in as it is made):
    the Danish help puts its words in place there.
    """

    def __init__(self, registered: typer.Typer, *, short: bool, markup: Any, suggest: bool) -> None:
        self.infos: dict[str, CommandInfo | TyperInfo] = {}
        for info in registered.registered_commands:
            assert info.name and info.callback is not None
            self.infos[info.name] = info
        for group in registered.registered_groups:
            assert isinstance(group.name, str)
            self.infos[group.name] = group
        self.built: dict[str, Any] = {}
        self.stand_ins: dict[str, TyperCommand] = {}
        self.on_build: list[Hook] = []
        self._short, self._markup, self._suggest = short, markup, suggest

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            info = self.infos.get(name)
            if info is None:
                raise KeyError(name)
            self.built[name] = self._build(info)
            for hook in self.on_build:
                hook(self.built[name])
        return self.built[name]

    def _build(self, info: CommandInfo | TyperInfo) -> Any:
        built: Any
        if isinstance(info, TyperInfo):
            built = typer.main.get_group_from_info(
                info,
                pretty_exceptions_short=self._short,
                rich_markup_mode=self._markup,
                suggest_commands=self._suggest,
            )
        else:
            built = typer.main.get_command_from_info(
                info, pretty_exceptions_short=self._short, rich_markup_mode=self._markup
            )
        value_words.name_values(built)
        return built

    def stand_in(self, name: str) -> Any:
        """The command itself once built; until then, what the list in ``--help`` shows of it."""
        if name in self.built:
            return self.built[name]
        if name not in self.stand_ins:
            info = self.infos[name]
            if isinstance(info, TyperInfo):
                info = typer.main.solve_typer_info_defaults(info)  # as typer builds a group
                text = info.help
            else:
                text = (
                    inspect.cleandoc(info.help)
                    if info.help is not None
                    else inspect.getdoc(info.callback)
                )
            made = TyperCommand(
                name=name,
                help=text,
                short_help=info.short_help,
                hidden=bool(info.hidden),
                deprecated=bool(info.deprecated),
                rich_help_panel=info.rich_help_panel,
            )
            for hook in self.on_build:
                hook(made)
            self.stand_ins[name] = made
        return self.stand_ins[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command
        self.infos.setdefault(name, CommandInfo(name=name))

    def __delitem__(self, name: str) -> None:
        del self.infos[name]
        self.built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self.infos  # without building it (Mapping's own would)

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)


class LazyGroup(TyperGroup):
    """A typer group whose commands come from :attr:`registered`, built when looked up."""

    registered: typer.Typer | None = None
    """Where the commands are registered (``.command()``, ``.add_typer()``); set per app."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        assert self.registered is not None
        value_words.name_values(self)  # the options before the command
        listing: list[bool] = [False]
        self._listing = listing
        self.commands = LazyCommands(
            self.registered,
            short=bool(getattr(self.registered, "pretty_exceptions_short", True)),
            markup=self.rich_markup_mode,
            suggest=self.suggest_commands,
        )

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        if cmd_name not in commands:
            return None
        return commands.stand_in(cmd_name) if self._listing[0] else commands[cmd_name]

    def list_commands(self, ctx: Any) -> list[str]:
        """The names in registration order (typer's own asks for every command to list them)."""
        return list(self.commands)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help lists the commands from their stand-ins: nothing is built to be listed."""
        self._listing[0] = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing[0] = False


def lazy_group(registered: typer.Typer) -> type[LazyGroup]:
    """A :class:`LazyGroup` class for ``typer.Typer(cls=...)`` whose commands are those of
    ``registered``."""
    return type("LazyGroup", (LazyGroup,), {"registered": registered})
