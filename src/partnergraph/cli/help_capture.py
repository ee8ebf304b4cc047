"""What typer shows for ``partnergraph --help``, taken from typer itself for :mod:`.quick_help`.

``partnergraph --help`` is the first thing a new user runs, and typer spends most of its time
on it importing itself and reading every option. :func:`capture` asks typer for the top-level
help once, in each language, and keeps every piece it would print (the usage line, the text,
each panel's rows as styled text) in ``help_summary.json``, with a fingerprint of what they were
made from. :mod:`.quick_help` lays those pieces out with rich exactly as typer does, for the
terminal's width and colours at hand. ``scripts/update_readme.py`` refreshes the file, and
``tests/test_quick_help.py`` checks it is current and prints the same bytes as typer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer.main
import typer.rich_utils as rich_utils
from rich.align import Align
from rich.columns import Columns
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from partnergraph.cli import quick_help
from partnergraph.cli.app import app
from partnergraph.cli.help_da import TYPER_WORDS, translate
from partnergraph.io.output import write_atomic

__all__ = ["capture", "current", "write"]


def _text(text: Text) -> list[Any]:
    """A styled text as [plain, style, spans, overflow]: what rich needs to lay it out."""
    spans = [[span.start, span.end, str(span.style)] for span in text.spans]
    return [text.plain, str(text.style), spans, text.overflow]


def _cell(cell: Any) -> Any:
    if isinstance(cell, Text):
        return _text(cell)
    if isinstance(cell, Columns):
        return {"columns": [_cell(item) for item in cell.renderables]}
    if cell is None or cell == "":
        return ""
    raise TypeError(f"typer's help holds a {type(cell).__name__}: teach quick_help about it")


def _panel(panel: Panel) -> dict[str, Any]:
    table = panel.renderable
    assert isinstance(table, Table) and isinstance(panel.title, str)
    cells = zip(*(column._cells for column in table.columns), strict=True)
    rows = [[_cell(cell) for cell in row] for row in cells]
    found: dict[str, Any] = {"title": panel.title, "rows": rows}
    first = table.columns[0]
    if first.width is not None:  # the commands' table sets its first column
        found["commands"] = {"width": first.width, "style": str(first.style)}
    return found


class _Recorder(Console):
    """A console that keeps what typer prints instead of printing it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.printed: list[tuple[Any, dict[str, Any]]] = []

    def print(self, *objects: Any, **kwargs: Any) -> None:
        self.printed.append((objects[0], kwargs))


@contextmanager
def _recording() -> Iterator[list[_Recorder]]:
    made: list[_Recorder] = []
    real = rich_utils._get_rich_console
    saved = {name: getattr(rich_utils, name) for name in dir(rich_utils) if name.isupper()}

    def recorder(stderr: bool = False) -> Console:
        made.append(_Recorder())
        return made[-1]

    rich_utils._get_rich_console = recorder
    for name, english in TYPER_WORDS.items():  # a Danish help printed earlier in this process
        setattr(rich_utils, name, english)
    try:
        yield made
    finally:
        rich_utils._get_rich_console = real
        for name, value in saved.items():  # the Danish help replaces typer's own words
            setattr(rich_utils, name, value)


def _shown(lang: str) -> dict[str, Any]:
    """Every piece of the top-level help typer prints in ``lang``."""
    root = typer.main.get_command(app)
    with _recording() as made:
        if lang == "da":
            translate(root)
        context = typer.Context(root, info_name="partnergraph", **root.context_settings)
        root.format_help(context, None)  # type: ignore[arg-type]
    printed = made[0].printed
    usage, usage_options = printed[0]
    assert isinstance(usage, Padding) and isinstance(usage.renderable, Text)
    found: dict[str, Any] = {
        "usage": _text(usage.renderable),
        "usage_style": usage_options.get("style"),
        "help": [],
        "panels": [],
    }
    for shown, _ in printed[1:]:
        if isinstance(shown, Padding):
            assert isinstance(shown.renderable, Align)
            group = shown.renderable.renderable
            assert isinstance(group, Group)
            found["help"] = [_text(item) for item in group.renderables if isinstance(item, Text)]
        else:
            assert isinstance(shown, Panel)
            found["panels"].append(
                {**_panel(shown), "border": str(shown.border_style), "align": shown.title_align}
            )
    return found


def capture() -> dict[str, Any]:
    """The summary :mod:`.quick_help` prints from: both languages, typer's styles, fingerprint."""
    return {
        "fingerprint": quick_help.fingerprint(),
        "theme": {
            "option": rich_utils.STYLE_OPTION,
            "switch": rich_utils.STYLE_SWITCH,
            "negative_option": rich_utils.STYLE_NEGATIVE_OPTION,
            "negative_switch": rich_utils.STYLE_NEGATIVE_SWITCH,
            "types": rich_utils.STYLE_TYPES,
            "types_sep": rich_utils.STYLE_TYPES_SEPARATOR,
            "usage": rich_utils.STYLE_USAGE,
        },
        "en": _shown("en"),
        "da": _shown("da"),
    }


def _fresh() -> str:
    return json.dumps(capture(), ensure_ascii=False, indent=1) + "\n"


def current(path: Path = quick_help.SUMMARY) -> bool:
    """Whether the summary file holds what typer prints today."""
    return path.exists() and path.read_text(encoding="utf-8") == _fresh()


def write(path: Path = quick_help.SUMMARY) -> bool:
    """Refresh the summary file; whether it changed."""
    fresh = _fresh()
    if path.exists() and path.read_text(encoding="utf-8") == fresh:
        return False
    write_atomic(path, fresh)
    return True
