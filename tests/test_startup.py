"""Start-up cost of the command line: what ``--help`` has to import, and nothing more."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from partnergraph.cli import help_capture, quick_help
from partnergraph.cli.app import app
from partnergraph.cli.help_da import translate
from partnergraph.cli.lazy import LazyCommands

_PROBE = """
import json, sys
from partnergraph.cli import app as cli
try:
    cli.app(sys.argv[1:-1], standalone_mode=True)  # the last is the list of modules
except SystemExit:
    pass
real = {m for m in ('rich.markdown', 'rich.traceback')
        if type(sys.modules.get(m)).__name__ == 'module'}  # not the stand-ins of lean_help
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[-1].split(',')) | real)
print(json.dumps(heavy), file=sys.stderr)
"""

HEAVY = "rdflib,pyoxigraph,networkx,pyshacl,markdown_it,pygments,jinja2,starlette,openpyxl,pydantic"
HELP_ONLY = "logging,tomllib"
"""What the top-level help needs neither: a command quiets rdflib's logger and may read
partnergraph.toml; the help runs no command."""


def _imported_by(*args: str, heavy: str = HEAVY) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args, heavy],
        capture_output=True,
        text=True,
        check=False,
    )
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_no_rdf_engine_data_model_or_markdown_renderer() -> None:
    assert _imported_by("--help", heavy=f"{HEAVY},{HELP_ONLY}") == []


@pytest.mark.parametrize("args", [("query", "--help"), ("network", "stats", "--help")])
def test_command_help_imports_no_rdf_engine_or_markdown_renderer(args: tuple[str, ...]) -> None:
    assert _imported_by(*args) == []


def test_markdown_still_renders_after_help_kept_it_out() -> None:
    importlib.import_module("partnergraph.cli.app")  # installs the stand-in first
    console_module = importlib.import_module("rich.console")
    markdown_module = importlib.import_module("rich.markdown")
    Console, Markdown = console_module.Console, markdown_module.Markdown

    console = Console(record=True, width=40)
    console.print(Markdown("# Overskrift\n\n*kursiv*"))
    assert "Overskrift" in console.export_text()


def test_a_csv_answer_imports_no_terminal_rendering_and_no_rdflib() -> None:
    # rich builds tables for the terminal; csv goes straight out (typer's stand-ins aside).
    # rdflib (0.15 CPU-s) is for outputs that read terms: Oxigraph's text is written as it is.
    heavy = f"{HEAVY.replace('pyoxigraph,', '')},rich.console,rich.table"
    probe = _PROBE.replace(
        "{m.split('.')[0] for m in sys.modules}",
        "({m.split('.')[0] for m in sys.modules} | set(sys.modules))",
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "query", "formal-partnerships", "-f", "csv", heavy],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
    assert done.stdout.count("\n") == 4  # the header and the three formal partnerships


@pytest.mark.parametrize(
    ("query", "fmt"),
    [
        ("formal-partnerships", "csv"),
        ("renewals-due", "tsv"),
        ("strategy-documents", "json"),
        ("governance", "md"),
        ("partnerships", "table"),
    ],
)
def test_a_cold_query_on_an_on_disk_store_never_imports_rdflib(
    tmp_path: Path, query: str, fmt: str
) -> None:
    # The benchmark's case: a built store, a named query with parameters (a date, a language),
    # an answer with concatenated cells (renewals-due), written as text; the bytes are those
    # of rdflib's own engine (the reference store), which makes every cell an rdflib term.
    store = f"oxigraph:{tmp_path / 'store'}"
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "partnergraph.cli", "--store", store, "stats"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    args = ["query", query, "-f", fmt, "--as-of", "2025-06-01"]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "--store", store, *args, HEAVY],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == ["pyoxigraph"]
    reference = subprocess.run(
        [sys.executable, "-m", "partnergraph.cli", "--store", "memory", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert done.stdout == reference.stdout and len(done.stdout.splitlines()) > 2


def _building(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    built: list[str] = []
    real = typer.main.get_command_from_info

    def counting(info: Any, **kwargs: Any) -> Any:
        built.append(info.name)
        return real(info, **kwargs)

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    return built


def test_the_top_level_help_builds_none_of_the_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    built = _building(monkeypatch)
    result = CliRunner().invoke(app, ["--help"], env={"PARTNERGRAPH_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "formal" not in result.output and "Run a named query" in result.output
    assert built == []


def test_a_command_builds_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    built = _building(monkeypatch)
    result = CliRunner().invoke(app, ["query", "--help"])
    assert result.exit_code == 0, result.output
    assert built == ["query"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_help_lists_the_commands_as_the_built_commands_would(
    lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")

    def shown() -> str:  # as main() shows it
        root = typer.main.get_command(app)
        with pytest.raises(SystemExit) as done:
            (translate(root) if lang == "da" else root)(["--help"], prog_name="partnergraph")
        assert done.value.code == 0
        return capsys.readouterr().out

    listed = shown()  # from the stand-ins
    monkeypatch.setattr(LazyCommands, "stand_in", LazyCommands.__getitem__)
    built = shown()  # from the commands themselves
    assert listed == built
    assert ("Kør et færdigt spørgsmål" in listed) == (lang == "da")
    assert ("Run a named query" in listed) == (lang == "en")


def test_rich_tracebacks_still_work_after_help_kept_them_out() -> None:
    importlib.import_module("partnergraph.cli.app")  # installs the stand-in first
    traceback_module = importlib.import_module("rich.traceback")
    try:
        raise ValueError("kept")
    except ValueError as exc:
        made = traceback_module.Traceback.from_exception(type(exc), exc, exc.__traceback__)
    assert isinstance(made, traceback_module.Traceback)
    assert type(made).__module__ == "rich.traceback"


@pytest.mark.slow
def test_the_startup_benchmark_runs_and_cross_checks_the_answers(tmp_path: Path) -> None:
    output = tmp_path / "startup.json"
    bench = Path(__file__).resolve().parents[1] / "bench" / "startup.py"
    data = Path(__file__).resolve().parents[1] / "data"
    store = tmp_path / "store"
    subprocess.run(
        [
            sys.executable,
            str(bench),
            "--runs",
            "1",
            "--data",
            str(data),
            "--store",
            str(store),
            "--queries",
            "formal-partnerships",
            "--output",
            str(output),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    results = json.loads(output.read_text(encoding="utf-8"))["results"]
    ours = results["partnergraph query formal-partnerships"]
    assert ours["agrees"] is True
    assert ours["floor"] == "pyoxigraph script: formal-partnerships"
    help_figure = results["partnergraph --help"]
    assert help_figure["floor"] == "baseline: import typer, pyoxigraph"
    assert len(help_figure["runs_s"]) == len(help_figure["cpu_s"]) == 1


def test_the_startup_benchmark_times_the_phases_inside_both_processes(tmp_path: Path) -> None:
    bench = Path(__file__).resolve().parents[1] / "bench" / "startup.py"
    data = Path(__file__).resolve().parents[1] / "data"
    args = ["--runs", "1", "--data", str(data), "--store", str(tmp_path / "store")]
    done = subprocess.run(
        [sys.executable, str(bench), "--phases", *args, "--queries", "formal-partnerships"],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    (row,) = [line for line in done.stdout.splitlines() if line.startswith("| `formal")]
    cells = [c.strip() for c in row.strip("|").split("|")]
    before, engine, after = (float(x) for x in cells[1].split(" / "))
    floor_before, rest = (float(x) for x in cells[2].split(" / "))
    assert 0 < floor_before < before and engine > 0 and after > 0 and rest > 0
    assert float(cells[3]) > 0 and float(cells[4]) > 0


def _help_output(argv: list[str], env: dict[str, str]) -> tuple[str, list[str]]:
    """What ``argv`` prints, and which of typer, click and pydantic it imported on the way."""
    probe = (
        "import runpy, sys; sys.argv = sys.argv[1:]; "
        "code = 0\ntry:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "sys.stdout.flush()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'pydantic'}),"
        " file=sys.stderr)\nsys.exit(code)"
    )
    full = {**os.environ, **env}
    full.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, env=full, check=True
    )
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("columns", "colour"), [("100", ""), ("52", "1"), ("180", "")])
def test_the_quick_help_prints_what_typer_prints_without_importing_it(
    lang: str, columns: str, colour: str
) -> None:
    script = str(Path(sys.executable).with_name("partnergraph"))
    env = {"PARTNERGRAPH_LANG": lang, "COLUMNS": columns, "FORCE_COLOR": colour}
    quick, imported = _help_output([script, "--help"], env)
    typer_script = Path(__file__).parent / "typer_help.py"
    shown_by_typer, _ = _help_output([str(typer_script), "--help"], env)
    assert quick == shown_by_typer
    assert imported == []
    assert ("Kommandoer" in quick) == (lang == "da") and "network" in quick
    assert ("\x1b[" in quick) == bool(colour)


def test_the_help_summary_is_what_typer_prints_today() -> None:
    assert help_capture.current(), "stale: run .venv/bin/python scripts/update_readme.py"


def test_help_from_a_summary_of_other_sources_is_left_to_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert quick_help.shown("en")
    assert "Usage: partnergraph" in capsys.readouterr().out
    monkeypatch.setattr(quick_help, "fingerprint", lambda: "00000000 typer 0.0")
    assert not quick_help.shown("en")
    assert capsys.readouterr().out == ""


def test_python_m_names_itself_in_the_english_usage_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partnergraph.cli", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PARTNERGRAPH_LANG": "en", "COLUMNS": "100"},
        check=True,
    )
    assert "Usage: python -m partnergraph.cli [OPTIONS]" in done.stdout


def test_a_danish_csv_answer_loads_neither_typers_help_words_nor_pydantic() -> None:
    code = (
        "import sys\nsys.argv = ['partnergraph', 'query', 'formal-partnerships', '-f', 'csv']\n"
        "from partnergraph.cli.app import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('rich.console', 'typer.rich_utils',"
        " 'pydantic'))), file=sys.stderr)"
    )
    env = {**os.environ, "PARTNERGRAPH_LANG": "da"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert done.stdout.count("\n") == 4


ONLY_FOR_OTHER_COMMANDS = (
    "partnergraph.query.validate",
    "partnergraph.query.shacl_compile",
    "partnergraph.query.describe",
    "partnergraph.query.status",
    "partnergraph.query.stats",
    "partnergraph.io.jsonld",
)
"""Modules a cold ``query`` command has no use for: validation, describe, stats, JSON-LD."""


def test_a_cold_query_loads_no_module_of_another_command() -> None:
    code = (
        "import sys\nsys.argv = ['partnergraph', 'query', 'formal-partnerships', '-f', 'csv']\n"
        "from partnergraph.cli.app import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m in {ONLY_FOR_OTHER_COMMANDS!r}),"
        " file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert done.stdout.count("\n") == 4


def test_a_danish_error_still_speaks_danish() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partnergraph.cli", "query", "--no-such-option"],
        capture_output=True,
        text=True,
        env={**os.environ, "PARTNERGRAPH_LANG": "da", "COLUMNS": "80"},
        check=False,
    )
    assert done.returncode == 2
    assert "Fejl" in done.stderr and "for hjælp" in done.stderr
