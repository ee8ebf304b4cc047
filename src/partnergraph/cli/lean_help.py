"""Keeps Markdown rendering and rich tracebacks out of ``partnergraph --help``.

typer's rich help module imports ``rich.markdown`` (and with it markdown-it) only to offer the
"markdown" markup mode, and ``rich.traceback`` (and with it pygments) only for pretty
exceptions; partnergraph uses neither, and together they were more than half of what
``--help`` imported. Until something actually uses one of them, each module is a stand-in
whose classes load the real module on first use (building one, or any attribute of the class,
such as ``Traceback.from_exception``); any later ``import`` of the module gets the real one.
"""

from __future__ import annotations

import sys
import types
from typing import Any

DEFERRED: dict[str, tuple[str, ...]] = {
    "rich.markdown": ("Markdown",),
    "rich.traceback": ("Traceback",),
}
"""The modules kept out, and the names typer imports from them when it is imported."""


def _real(name: str) -> Any:
    """The real module ``name``, loaded now if the stand-in is still in its place."""
    import importlib

    import rich

    stand_in = sys.modules.get(name)
    if getattr(stand_in, "_partnergraph_stand_in", False):
        del sys.modules[name]
        delattr(rich, name.rpartition(".")[2])
    return importlib.import_module(name)


class _Deferred(type):
    """The type of a stand-in class: calling it, or asking it for anything, uses the real one."""

    _module: str
    _name: str

    def real(cls) -> Any:
        return getattr(_real(cls._module), cls._name)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(cls.real(), name)

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, cls.real())


class _StandIn(types.ModuleType):
    _partnergraph_stand_in = True

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__ ...): not an use
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def install() -> None:
    """Put the stand-ins in place, except for a module that is already loaded."""
    import rich

    for name, classes in DEFERRED.items():
        if name in sys.modules:
            continue
        stand_in = _StandIn(name)
        for cls in classes:
            setattr(stand_in, cls, _Deferred(cls, (), {"_module": name, "_name": cls}))
        sys.modules[name] = stand_in
        setattr(rich, name.rpartition(".")[2], stand_in)
