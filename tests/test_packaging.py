"""A wheel carries the ontology, shapes, data and queries, and works outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("partnergraph-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_every_bundled_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"partnergraph/_bundled/{path.relative_to(ROOT).as_posix()}"
        for folder in ("ontology", "data", "queries")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= names
    # The message catalogue, the report's layout, the network page's assets and the workbook
    # layout travel with the code.
    assert "partnergraph/core/texts/general.toml" in names
    assert "partnergraph/views/report/report.typ" in names
    assert "partnergraph/views/network_page_assets/viz.js" in names
    assert "partnergraph/authoring/sheets/workbook.csv-metadata.json" in names


@pytest.mark.slow
def test_installed_wheel_answers_queries_from_another_directory(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import partnergraph, partnergraph.core.resources as r;"
        "kg = partnergraph.load();"
        "print(r.queries_dir());"
        "print(len(kg.query('formal-partnerships')));"
        "print(kg.validate().conforms)"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    where, rows, conforms = done.stdout.split()
    assert Path(where).is_relative_to(site)
    assert rows == "3"
    assert conforms == "True"


@pytest.mark.slow
def test_wheel_carries_the_synthetic_generators_tables(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    tables = ROOT / "src" / "partnergraph" / "synthetic" / "tables"
    expected = {f"partnergraph/synthetic/tables/{path.name}" for path in tables.iterdir()}
    assert expected, "no tables found"
    assert expected <= names
