"""The network commands work end to end from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app

runner = CliRunner()


def test_network_stats_table_names_the_articulation_points() -> None:
    result = runner.invoke(app, ["network", "stats", "--projection", "actors", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "articulation point" in result.stdout
    assert "Norddjurs Municipality" in result.stdout


def test_network_stats_json_matches_the_python_api() -> None:
    result = runner.invoke(app, ["network", "stats", "--format", "json", "-P", "themes"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    graph = partnergraph.load().network("themes")
    assert data["nodes"] == graph.number_of_nodes()
    assert data["edges"] == graph.number_of_edges()


def test_network_stats_csv_has_a_row_per_ranked_node() -> None:
    result = runner.invoke(app, ["network", "stats", "--format", "csv", "--top", "3"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["rank"] for r in rows if r["section"] == "degree"] == ["1", "2", "3"]


def test_network_export_graphml_reads_back_with_networkx(tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["network", "export", "--format", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    expected = partnergraph.load().network("collaboration")
    assert set(graph.nodes) == set(expected.nodes)
    assert graph.number_of_edges() == expected.number_of_edges()


def test_network_focus_and_as_of_narrow_the_network() -> None:
    whole = partnergraph.load().network("collaboration")
    result = runner.invoke(
        app,
        ["network", "export", "-f", "json", "--focus", "Stena Line", "--depth", "1"],
    )
    assert result.exit_code == 0, result.output
    ego = json.loads(result.stdout)
    assert 1 < len(ego["nodes"]) < whole.number_of_nodes()
    early = runner.invoke(app, ["network", "export", "-f", "json", "--as-of", "2020-01-01"])
    assert len(json.loads(early.stdout)["nodes"]) < whole.number_of_nodes()


def test_network_bad_as_of_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["network", "stats", "--as-of", "soon"])
    assert result.exit_code == 2
    assert result.stderr.startswith("fejl:")
    assert "Traceback" not in result.output
