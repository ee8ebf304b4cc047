"""The README shows what the program really does, and its examples run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import partnergraph
from partnergraph import SelectResult

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.py"))


def test_readme_generated_blocks_match_the_real_cli_output() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"],
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, "README.md is stale: run python scripts/update_readme.py"


def _run_example(name: str) -> list[str]:
    """Run a documented example as a user would (its own process, the bundled data)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "examples" / name)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PARTNERGRAPH_LANG": "", "PYTHONUTF8": "1"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


def test_every_example_is_shown_in_the_readme_and_checked_here() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = "<!-- generated: example: docs/examples/{} -->"
    shown = {p.name for p in EXAMPLES if marker.format(p.name) in text}
    assert shown == {p.name for p in EXAMPLES} == set(CHECKED)


def test_quickstart_example_prints_what_the_library_answers(kg: partnergraph.PartnerGraph) -> None:
    due = kg.query("renewals-due", before="2026-01-01", lang="en")
    assert isinstance(due, SelectResult)
    forums = kg.sparql("SELECT (COUNT(?f) AS ?n) WHERE { ?f a pg:Forum }")
    assert isinstance(forums, SelectResult)
    via = kg.describe("VIA University College", lang="en")
    expected = [
        *(f"{row['agreement']} | {row['nextTreatment']}" for row in due.as_dicts()),
        f"forums: {forums.rows[0][0]}",
        f"{via.label} - {len(via.incoming)} links in, source: {via.sources[0]}",
        f"conforms: {kg.validate().conforms}",
        kg.export("ttl").splitlines()[0],
    ]
    assert len(expected) > 5
    assert _run_example("api_quickstart.py") == expected


def test_verbs_example_prints_what_the_command_line_prints(kg: partnergraph.PartnerGraph) -> None:
    from typer.testing import CliRunner

    from partnergraph.cli.app import app

    runner = CliRunner(env={"PARTNERGRAPH_LANG": None})
    agenda = runner.invoke(app, ["agenda", "--as-of", "2025-06-01", "-l", "en", "-f", "json"])
    items = json.loads(agenda.stdout)["items"][:3]
    network = runner.invoke(app, ["network", "stats", "-P", "actors", "-l", "en", "-f", "json"])
    stats = json.loads(network.stdout)
    counts = json.loads(runner.invoke(app, ["stats", "-l", "en", "-f", "json"]).stdout)
    expected = [
        *(f"{i['when']} | {i['title']} | {i['state_label']}" for i in items),
        f"actors: {stats['nodes']} ties: {stats['edges']}",
        f"most connected: {stats['degree'][0]['label']}",
        f"triples: {counts['triples']}",
        json.dumps(kg.validate().conforms),
        "<svg",
    ]
    assert len(items) == 3
    assert _run_example("verbs.py") == expected


CHECKED = {
    "api_quickstart.py": test_quickstart_example_prints_what_the_library_answers,
    "verbs.py": test_verbs_example_prints_what_the_command_line_prints,
}
"""Each example and the test that checks its output: a new example needs one."""


def test_readme_reference_shows_the_help_of_every_command() -> None:
    import typer.main

    from partnergraph.cli.app import app

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    assert isinstance(root, typer.main.TyperGroup)
    names = []
    for name, command in root.commands.items():
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(command, "commands", {})]
    missing = [n for n in names if f"<!-- generated: partnergraph {n} --help -->" not in text]
    assert not missing, "add a generated --help block to README.md for: " + ", ".join(missing)


def test_readme_quick_start_has_exactly_the_two_task_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("##", 1)[0]
    block = quick.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["python3 tasks.py demo", "python3 tasks.py test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 tasks.py test" in ci
