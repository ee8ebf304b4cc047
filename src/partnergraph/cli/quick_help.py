"""``partnergraph --help`` without loading typer: the console script's first stop.

Importing typer and letting it read every option cost more than half of ``--help``'s time.
The top-level help is the same every time for a given installation, so :mod:`.help_capture`
keeps what typer prints (styled text, panel by panel, both languages) in ``help_summary.json``
and this module lays it out with rich the way typer does: for the terminal's width, colours
and encoding at hand, byte for byte what typer would print (``tests/test_quick_help.py``).
Anything else, and the help itself when the summary was made from other sources than these
(a fingerprint of the command modules and typer's version), goes to typer as before.
"""

from __future__ import annotations

import json
import os
import re
import sys
import zlib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = ["SUMMARY", "fingerprint", "main", "shown"]

SUMMARY = Path(__file__).with_name("help_summary.json")

SOURCES = (
    "app.py",
    "help_da.py",
    "lazy.py",
    "value_words.py",
    "contents.py",
    "documents.py",
    "generate.py",
    "network.py",
    "query.py",
    "remote.py",
    "workbook.py",
    "../core/texts/values.toml",
)
"""The modules whose text or structure the top-level help shows, and the catalogue's words
for option values (STI, TEKST)."""

_HELP = (["--help"], ["-h"])


def fingerprint() -> str:
    """What the summary was made from: the sources above (CRC-32, read in a millisecond) and
    typer's version (read from its file, so as not to import it)."""
    digest = 0
    folder = Path(__file__).parent
    for name in SOURCES:
        digest = zlib.crc32((folder / name).read_bytes(), digest)
    spec = find_spec("typer")
    origin = spec.origin if spec is not None else None
    found = (
        re.search(r'__version__ = "([^"]+)"', Path(origin).read_text("utf-8")) if origin else None
    )
    return f"{digest:08x} typer {found[1] if found else '?'}"


def shown(lang: str) -> bool:
    """Print the top-level help in ``lang`` from the summary; False (nothing printed) when the
    summary is missing or was made from other sources."""
    try:
        summary = json.loads(SUMMARY.read_text(encoding="utf-8"))
        current = summary.get("fingerprint") == fingerprint()
    except (OSError, ValueError):
        return False
    if not current or lang not in summary:
        return False
    _print(summary["theme"], summary[lang])
    return True


def _text(parts: list[Any]) -> Any:
    from rich.text import Span, Text

    plain, style, spans, overflow = parts
    return Text(plain, style=style, overflow=overflow, spans=[Span(*span) for span in spans])


def _cell(cell: Any) -> Any:
    from rich.columns import Columns

    if isinstance(cell, dict):
        return Columns([_text(item) for item in cell["columns"]])
    return _text(cell) if cell else ""


def _console(theme: dict[str, str]) -> Any:
    """The console typer would make: its width, colour and terminal settings from the same
    environment variables."""
    from rich.console import Console
    from rich.theme import Theme

    env = os.environ.get
    width = env("TERMINAL_WIDTH")
    force = True if env("GITHUB_ACTIONS") or env("FORCE_COLOR") or env("PY_COLORS") else None
    if env("_TYPER_FORCE_DISABLE_TERMINAL"):
        force = False
    return Console(
        theme=Theme(theme),
        color_system="auto",
        force_terminal=force,
        width=int(width) if width else None,
    )


def _print(theme: dict[str, str], help_: dict[str, Any]) -> None:
    """Typer's layout of a group's help: usage, text, then each panel as a borderless table."""
    from rich.align import Align
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table

    console = _console(theme)
    console.print(Padding(_text(help_["usage"]), 1), style=help_["usage_style"])
    if help_["help"]:
        texts = Group(*(_text(part) for part in help_["help"]))
        console.print(Padding(Align(texts, pad=False), (0, 1, 1, 1)))
    for panel in help_["panels"]:
        commands = panel.get("commands")
        table = Table(
            highlight=commands is None,
            show_header=False,
            expand=True,
            box=None,
            show_lines=False,
            leading=0,
            border_style=None,
            row_styles=None,
            pad_edge=False,
            padding=(0, 1),
        )
        if commands is not None:
            table.add_column(style=commands["style"], no_wrap=True, width=commands["width"])
            table.add_column("Description", justify="left", no_wrap=False, ratio=10)
        for row in panel["rows"]:
            table.add_row(*(_cell(cell) for cell in row))
        console.print(
            Panel(
                table,
                border_style=panel["border"],
                title=panel["title"],
                title_align=panel["align"],
            )
        )
    sys.stdout.write("\n")  # click ends the help with the (empty) text of its own formatter


def main(as_module: bool = False) -> None:
    """The console script: the top-level help from the summary, everything else through typer.

    ``python -m partnergraph.cli`` (``as_module``) names itself so in the English usage line,
    which the summary does not hold: typer answers that one."""
    if sys.argv[1:] in _HELP:
        from partnergraph.core.catalogue import language  # late: only for the help

        lang = language()
        try:
            if (lang == "da" or not as_module) and shown(lang):
                return
        except BrokenPipeError:
            # The reader stopped early (`partnergraph --help | head`): nothing is lost, and
            # Python's own flush at exit must not fail on the closed pipe again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
    from partnergraph.cli.app import main as run  # late: typer, only when it is needed

    run()
