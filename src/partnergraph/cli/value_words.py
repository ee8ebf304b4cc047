"""The word the help shows for an option's value: STI, DATO, TAL, not ``<list[Path]>``.

typer 0.29 shows each option's Python type beside it (``--debug <bool>``, ``--data
<list[Path]>``, ``--depth <int range> [x>=0]``): a flag takes no value, and the rest is
programmer talk to the strategy staff who read the help. Here each value gets a plain word in
the reader's language (from the catalogue's ``core/texts/values.toml``, kept as the option's
``metavar``, which typer prints in its place), a flag gets none, and an argument's word is its
name. :mod:`.lazy` puts the English words in place as each command is built; :mod:`.help_da`
puts the Danish ones when the help is Danish. A word is read when it is first shown, so a
command that shows none reads none.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, get_args, get_origin

from typer.core import TyperArgument, TyperOption

from partnergraph.core.catalogue import area

__all__ = ["install", "name_value", "name_values", "word"]

KINDS: Final[dict[str, str]] = {
    "as_of": "date",
    "until": "date",
    "since": "date",
    "issued": "date",
    "from_url": "url",
    "to": "url",
    "base_url": "url",
    "cors": "url",
    "license": "url",
    "graph": "url",
    "thing": "name",
    "name": "name",
    "focus": "name",
    "partnership": "name",
    "replaces": "name",
    "lang": "language",
    "fmt": "format",
    "old": "before",
    "new": "after",
    "workbook": "workbook",
    "projection": "projection",
    "section": "section",
}
"""The kind of an option's value by the parameter's (Python) name, where its type says too
little: a date or an address is a string to typer."""


def _kind(param: Any) -> str:
    if param.name in KINDS:
        return KINDS[param.name]
    annotation: Any = param.type_descriptor.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "path"
    if annotation in (int, float):
        return "number"
    return "text"


def word(param: Any, lang: str) -> str | None:
    """The word for ``param``'s value in ``lang``; None for a flag, which takes no value."""
    if isinstance(param, TyperOption) and param.is_flag:
        return None
    words = area("values")  # the catalogue's words for values, alone
    found = _in(words[f"value.{_kind(param)}"], lang)
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is None and high is None:
        return found
    bounds = "both" if low is not None and high is not None else "min" if high is None else "max"
    return _in(words[f"value.range.{bounds}"], lang).format(word=found, min=low, max=high)


def _in(entry: Mapping[str, str], lang: str) -> str:
    return entry.get(lang) or entry["da"]


class _Later:
    """A value's word, looked up in the catalogue when something shows it: every run builds
    its command's options, but only the help and a usage error show their words."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        self.lang = lang


def name_value(param: Any, lang: str) -> None:
    """Give ``param`` its word in ``lang``, looked up when it is first shown (a flag none)."""
    flag = isinstance(param, TyperOption) and param.is_flag
    param.metavar = None if flag else _Later(lang)


def _metavar() -> property:
    """click's ``metavar`` attribute, resolving a word put there by :func:`name_value`."""

    def get(self: Any) -> str | None:
        found = self.__dict__.get("_partnergraph_metavar")
        if isinstance(found, _Later):
            found = self.__dict__["_partnergraph_metavar"] = word(self, found.lang)
        shown: str | None = found
        return shown

    def put(self: Any, value: Any) -> None:
        self.__dict__["_partnergraph_metavar"] = value

    return property(get, put)


def name_values(command: Any, lang: str = "en") -> None:
    """Give every parameter of ``command``, and of its subcommands built so far, its word."""
    for param in command.params:
        if not (isinstance(param, TyperOption) and param.is_flag):
            name_value(param, lang)
    subcommands: Any = getattr(command, "commands", {})
    if hasattr(subcommands, "on_build"):  # built when used (cli/lazy.py): named then
        subcommands = subcommands.built
    for sub in list(subcommands.values()):
        name_values(sub, lang)


def _option_type(original: Any) -> Any:
    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if self.is_flag and not self.count:
            return None  # a flag takes no value (also --help, which click adds)
        shown: str | None = original(self, ctx)
        return shown

    return display_type_rich


def _argument_type(original: Any) -> Any:
    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if self.metavar is not None:
            return None  # its word is its name
        shown: str | None = original(self, ctx)
        return shown

    return display_type_rich


def _range(original: Any) -> Any:
    def number_range(self: Any) -> str | None:
        if self.metavar is not None:
            return None  # said in the word
        shown: str | None = original(self)
        return shown

    return number_range


def install() -> None:
    """Show flags without a value word, arguments by their word, bounds within the word; a
    word is read from the catalogue when it is first shown."""
    if getattr(TyperOption.display_type_rich, "_partnergraph", False):
        return
    patched = (
        (TyperOption, "display_type_rich", _option_type),
        (TyperArgument, "display_type_rich", _argument_type),
        (TyperOption, "_get_number_range_help_str", _range),
        (TyperArgument, "_get_number_range_help_str", _range),
    )
    for cls, name, make in patched:
        replacement = make(getattr(cls, name))
        replacement._partnergraph = True
        setattr(cls, name, replacement)
    for cls in (TyperOption, TyperArgument):
        cls.metavar = _metavar()  # type: ignore[assignment]
