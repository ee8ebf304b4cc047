"""Start-up cost of the command line: what ``--help`` has to import, and nothing more."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

_PROBE = """
import json, sys
from partnergraph.cli import app as cli
try:
    cli.app(sys.argv[1:], standalone_mode=True)
except SystemExit:
    pass
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[-1].split(',')) | (
    {'rich.markdown'} if type(sys.modules.get('rich.markdown')).__name__ == 'module' else set()))
print(json.dumps(heavy), file=sys.stderr)
"""

HEAVY = "rdflib,pyoxigraph,networkx,pyshacl,markdown_it,jinja2,starlette,openpyxl"


def _imported_by(*args: str, heavy: str = HEAVY) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args, heavy],
        capture_output=True,
        text=True,
        check=False,
    )
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_no_rdf_engine_data_model_or_markdown_renderer() -> None:
    assert _imported_by("--help", heavy=f"{HEAVY},pydantic") == []


@pytest.mark.parametrize("args", [("query", "--help"), ("network", "stats", "--help")])
def test_command_help_imports_no_rdf_engine_or_markdown_renderer(args: tuple[str, ...]) -> None:
    # typer itself validates a command's options with pydantic, so that one comes along.
    assert _imported_by(*args) == []


def test_markdown_still_renders_after_help_kept_it_out() -> None:
    importlib.import_module("partnergraph.cli.app")  # installs the stand-in first
    console_module = importlib.import_module("rich.console")
    markdown_module = importlib.import_module("rich.markdown")
    Console, Markdown = console_module.Console, markdown_module.Markdown

    console = Console(record=True, width=40)
    console.print(Markdown("# Overskrift\n\n*kursiv*"))
    assert "Overskrift" in console.export_text()
