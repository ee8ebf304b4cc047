"""Keeps Markdown rendering out of ``partnergraph --help``.

typer's rich help module imports ``rich.markdown`` (and with it markdown-it and pygments, about
half the start-up time of ``--help``) only to offer the "markdown" markup mode, which
partnergraph does not use. Until something actually asks for Markdown, ``rich.markdown`` is a
stand-in whose ``Markdown`` loads the real module on first use; any later ``import
rich.markdown`` gets the real module.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_NAME = "rich.markdown"


class _Markdown:
    """Stands in for ``rich.markdown.Markdown``: building one loads and returns the real one."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return _real().Markdown(*args, **kwargs)


def _real() -> Any:
    import rich

    stand_in = sys.modules.get(_NAME)
    if getattr(stand_in, "_partnergraph_stand_in", False):
        del sys.modules[_NAME]
        del rich.markdown
    import rich.markdown

    return rich.markdown


class _StandIn(types.ModuleType):
    _partnergraph_stand_in = True

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__ ...): not an use
            raise AttributeError(name)
        return getattr(_real(), name)


def install() -> None:
    """Put the stand-in in place unless the real module is already loaded."""
    if _NAME in sys.modules:
        return
    import rich

    stand_in = _StandIn(_NAME)
    stand_in.Markdown = _Markdown  # type: ignore[attr-defined]
    sys.modules[_NAME] = stand_in
    rich.markdown = stand_in
