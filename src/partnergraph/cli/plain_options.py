"""Option values read without pydantic, so a command does not start by importing it.

typer 0.29 checks every option's value with a pydantic ``TypeAdapter``, built the first time the
option is read, even when the value is the default or a plain string: any command (not
``--help``) imported pydantic, a tenth of a second or more, which a cold query with a small
answer felt most. partnergraph's options are strings, paths, flags and whole numbers. For those
:func:`install` gives each option a reader that takes the plain cases itself (a string as it
is, a path through typer's own existence checks, a flag, digits in range) and hands anything
else, including every value that is wrong, to typer's own reader: the accepted values and the
error messages are typer's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args, get_origin

from typer._click.exceptions import BadParameter
from typer._coercion import TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_path
from typer.core import _TyperParameter

__all__ = ["install"]

_UNSURE = object()
"""What a plain reader returns for a value it leaves to typer."""

_INTEGER = re.compile(r"-?[0-9]{1,18}")
_DECIMAL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")


class _PlainReader:
    """Reads one option's values like typer's reader, without pydantic for the plain cases."""

    def __init__(self, descriptor: TypeDescriptor) -> None:
        self.descriptor = descriptor
        self._typer: Any = None

    def typer(self) -> Any:
        if self._typer is None:
            self._typer = build_runtime_param(self.descriptor)
        return self._typer

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = bool(param.multiple or param.nargs == -1)
        if value is None:
            return () if many else None
        annotation: Any = self.descriptor.annotation
        if many and isinstance(value, str):
            return self.typer().coerce(value, param=param, ctx=ctx)  # typer's error
        if get_origin(annotation) is list:
            items = value if isinstance(value, (list, tuple)) else [value]
            leaf = get_args(annotation)[0]
            read = [self._leaf(leaf, item, param, ctx) for item in items]
            if any(item is _UNSURE for item in read):
                return self.typer().coerce(value, param=param, ctx=ctx)
            return read
        read_one = self._leaf(annotation, value, param, ctx)
        if read_one is _UNSURE:
            return self.typer().coerce(value, param=param, ctx=ctx)
        return read_one

    def _leaf(self, annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
        info = self.descriptor.parameter_info
        if annotation is str:
            return value if isinstance(value, str) else _UNSURE
        if annotation is bool:
            return value if isinstance(value, bool) else _UNSURE
        if annotation is int or annotation is float:
            return _number(annotation, value, info)
        if isinstance(annotation, type) and issubclass(annotation, Path):
            path_type = info.path_type or annotation
            if not (isinstance(path_type, type) and issubclass(path_type, Path)):
                return _UNSURE
            if isinstance(value, str) and value not in ("", "-"):
                value = path_type(value)  # as pydantic makes a path of a string
            if not isinstance(value, path_type):
                return _UNSURE
            try:
                return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)
            except BadParameter:
                return _UNSURE  # typer names the path as it was given
        return _UNSURE


def _number(kind: type[Any], value: Any, info: Any) -> Any:
    if info.clamp:
        return _UNSURE
    if isinstance(value, str):
        if not (_INTEGER if kind is int else _DECIMAL).fullmatch(value):
            return _UNSURE
        value = kind(value)
    elif isinstance(value, bool) or not isinstance(value, int if kind is int else (int, float)):
        return _UNSURE
    value = kind(value)
    if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
        return _UNSURE  # typer says what the range is
    return value


def _plain(descriptor: TypeDescriptor) -> bool:
    """Whether the option is of a kind the plain reader knows (no parser, choice or file)."""
    info = descriptor.parameter_info
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return False
    if descriptor.file_annotation is not None or descriptor.is_choice:
        return False
    annotation: Any = descriptor.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    if annotation in (str, bool, int, float):
        return True
    return isinstance(annotation, type) and issubclass(annotation, Path)


def install() -> None:
    """Give every typer option of a kind the plain reader knows that reader, when it is first
    read (typer builds its own at that moment); the rest keep typer's."""
    original = getattr(_TyperParameter, "get_runtime_param", None)
    if original is None or getattr(original, "_partnergraph", False):
        return  # another typer, or done already

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None and _plain(self.type_descriptor):
            self._runtime_param = _PlainReader(self.type_descriptor)
        return original(self)

    get_runtime_param._partnergraph = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
