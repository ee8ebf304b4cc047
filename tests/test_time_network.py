"""Time in the networks: the GEXF export in dynamic mode, read back by networkx's GEXF reader."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.core.errors import ParameterError
from partnergraph.network.export import export_network
from partnergraph.rdf.namespaces import PGID


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


def test_timeline_page_draws_agreements_and_decisions_per_partnership(
    kg: partnergraph.PartnerGraph, tmp_path: Path
) -> None:
    from partnergraph.views.pages.timeline import collect_timeline
    from partnergraph.views.site import build_site

    rows = collect_timeline(kg.store, "2026-12-06", "da")
    au = next(r for r in rows if r.iri.endswith("agreement-au-2022"))
    assert (au.start.isoformat(), au.end.isoformat(), au.state) == (
        "2022-01-01",
        "2025-12-31",
        "ended",
    )
    au_2018 = next(r for r in rows if r.iri.endswith("agreement-au-2018"))
    assert au_2018.end.isoformat() == "2021-12-31"  # the day before its successor began
    via = next(r for r in rows if r.iri.endswith("agreement-via-2018"))
    assert via.open_end and via.end.isoformat() == "2026-12-06"  # runs to the as-of line
    assert {r.state for r in rows if r.kind == "decision"} >= {"overdue", "done"}
    output = build_site(kg, tmp_path / "site", as_of="2026-12-06").output
    page = (output / "timeline.html").read_text(encoding="utf-8")
    assert "<h1>Tidslinje</h1>" in page and "<svg" in page and "<style" not in page
    assert page.count('class="tl-agreement') == len([r for r in rows if r.kind == "agreement"])
    assert page.count('class="tl-decision') == len([r for r in rows if r.kind == "decision"])
    assert (
        "Fornyet samarbejdsaftale med Aarhus Universitet (2022–2025) (1. januar 2022 til " in page
    )
    assert 'class="tl-now"' in page and ">2026-12-06<" in page
    assert 'href="timeline.html"' in (output / "index.html").read_text(encoding="utf-8")
    assert "<h1>Timeline</h1>" in (output / "en" / "timeline.html").read_text(encoding="utf-8")
