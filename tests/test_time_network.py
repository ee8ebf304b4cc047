"""Time in the networks: the GEXF export in dynamic mode, read back by networkx's GEXF reader."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli import app
from partnergraph.errors import ParameterError
from partnergraph.namespaces import PGID
from partnergraph.network import export_network


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


def _read(text: str) -> nx.Graph:
    return nx.read_gexf(io.BytesIO(text.encode("utf-8")))


def test_dynamic_gexf_carries_intervals_as_loose_as_the_data(kg: partnergraph.PartnerGraph) -> None:
    graph = _read(export_network(kg.network("collaboration"), "gexf", dynamic=True))
    assert graph.graph["mode"] == "dynamic"
    au = graph.nodes[str(PGID) + "agreement-au-2022"]
    # "1. januar 2022 til udgangen af 2025": from the day to the last day of 2025
    assert (au["start"], au["end"]) == ("2022-01-01", "2025-12-31")
    assert au["start_date"] == "2022-01-01" and au["end_date"] == "2025"
    plan = graph.nodes[str(PGID) + "action-plan-halmstad-2021-2024"]
    assert (plan["start"], plan["end"]) == ("2021-01-01", "2024-12-31")  # "2021-2024"
    via = graph.nodes[str(PGID) + "agreement-via-2018"]
    assert via["start"] == "2018-01-01" and "end" not in via  # open-ended
    # an edge lives while both its ends do
    edge = graph.edges[str(PGID) + "agreement-au-2022", str(PGID) + "partnership-au"]
    assert (edge["start"], edge["end"]) == ("2022-01-01", "2025-12-31")
    dated = [n for n, d in graph.nodes(data=True) if "start" in d]
    assert len(dated) >= 10


def test_static_gexf_stays_static_and_dynamic_is_for_gexf_only(
    kg: partnergraph.PartnerGraph,
) -> None:
    graph = _read(export_network(kg.network("collaboration"), "gexf"))
    assert graph.graph["mode"] == "static"
    with pytest.raises(ParameterError, match="GEXF"):
        export_network(kg.network("collaboration"), "graphml", dynamic=True)


def test_cli_network_export_dynamic(tmp_path: object) -> None:
    result = CliRunner().invoke(app, ["network", "export", "-f", "gexf", "--dynamic"])
    assert result.exit_code == 0
    assert 'mode="dynamic"' in result.stdout and 'timeformat="date"' in result.stdout
