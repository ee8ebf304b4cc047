"""The static network figure (SVG, PNG) shared by the report, the site and the network page, and
the numbers the network page shows (measures, shared-theme weights) against their sources."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
import pytest

import partnergraph
from partnergraph.network.measures import network_stats
from partnergraph.views import network_page as viz
from partnergraph.views.figure import network_figure, page_figure, report_figure, svg_to_png

IRI = "https://w3id.org/partnergraph/id/"


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


def page_data(page: str) -> dict[str, Any]:
    text = page.split('id="pg-data">', 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(text)
    return data


def test_figure_has_title_date_legend_source_and_every_label(kg: partnergraph.PartnerGraph) -> None:
    svg = report_figure(
        kg,
        as_of=dt.date(2026, 12, 6),
        title="Partnerskaber",
        subtitle="6. december 2026",
        source="Kilde: Notat",
    )
    assert svg.startswith("<svg") and "Partnerskaber" in svg and "6. december 2026" in svg
    assert "Kilde: Notat" in svg
    for legend in ("Organisation", "Partnerskab", "Tværgående tema"):
        assert f">{legend}</text>" in svg
    assert "Halmstad Kommune" in svg and "VIA University College" in svg
    # Readable at A4 width: the figure is 1000 units wide and labels are 14 units high.
    assert 'viewBox="0 0 1000 ' in svg and 'font-size="14"' in svg


def test_the_same_data_gives_the_same_figure(kg: partnergraph.PartnerGraph) -> None:
    first = report_figure(kg, as_of=dt.date(2026, 12, 6), title="x")
    second = report_figure(partnergraph.load(), as_of=dt.date(2026, 12, 6), title="x")
    assert first == second


def test_labels_from_the_data_are_escaped() -> None:
    graph = nx.Graph()
    graph.add_node("a", label="<script>alert(1)</script>", type="organisation")
    graph.add_node("b", label="B & C", type="partnership")
    graph.add_edge("a", "b")
    svg = network_figure(graph, title="<b>", source="&")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "B &amp; C" in svg
    assert "<title>&lt;b&gt;</title>" in svg


def test_png_from_the_svg_is_a_png(kg: partnergraph.PartnerGraph) -> None:
    png = svg_to_png(report_figure(kg, title="x"), ppi=30)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_page_figure_is_dated_and_sourced(kg: partnergraph.PartnerGraph) -> None:
    graph = kg.network("actors", lang="en", as_of=dt.date(2024, 6, 1))
    svg = page_figure(graph, lang="en", title="Actors")
    assert "1 June 2024" in svg and "Source: " in svg and "Memo: Overview" in svg


def test_page_measures_are_the_numbers_of_network_stats(kg: partnergraph.PartnerGraph) -> None:
    graph = kg.network("collaboration")
    data = page_data(viz.render_html(graph))
    stats = network_stats(graph, top=len(graph))
    by_iri = {n["iri"]: n["m"] for n in data["nodes"]}
    for ranked in stats.betweenness:
        assert by_iri[ranked.iri]["betweenness"] == pytest.approx(ranked.score, abs=1e-6)
    for ranked in stats.degree:
        assert by_iri[ranked.iri]["degree"] == pytest.approx(ranked.score, abs=1e-6)
    for number, community in enumerate(stats.communities, start=1):
        assert {by_iri[m.iri]["community"] for m in community.members} == {number}


def test_themes_view_counts_shared_themes_as_the_query_does(kg: partnergraph.PartnerGraph) -> None:
    graph = kg.network("themes")
    data = page_data(viz.render_html(graph))
    names = {i: n["da"] for i, n in enumerate(data["nodes"])}
    page = {
        frozenset((names[e["from"]], names[e["to"]])): e for e in data["edges"] if e["weight"] > 0
    }
    query = {
        frozenset((r["partnership1"], r["partnership2"])): r
        for r in kg.query("shared-themes").as_dicts()
    }
    assert set(page) == set(query)
    for pair, row in query.items():
        assert page[pair]["label"] == row["shared"]
        assert sorted(page[pair]["shared"]) == sorted(row["themes"].split("; "))
    common = [e for e in data["edges"] if e.get("common")]
    assert common and all(e["weight"] == 0 and e["sdgShared"] for e in common)
    assert all(re.match(r"^17(\.|$)", code) for e in common for code in e["sdgShared"])


def test_network_figure_command_writes_svg_and_png(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from partnergraph.cli.app import app

    runner = CliRunner(env={"PARTNERGRAPH_LANG": None})
    svg = tmp_path / "themes.svg"
    done = runner.invoke(
        app, ["network", "figure", "-P", "themes", "--as-of", "2024-06-01", "-o", str(svg)]
    )
    assert done.exit_code == 0, done.stderr
    text = svg.read_text(encoding="utf-8")
    assert "Fælles temaer" in text and "1. juni 2024" in text and "Partnerskab med VIA" in text
    png = tmp_path / "actors.png"
    done = runner.invoke(app, ["network", "figure", "-P", "actors", "-o", str(png)])
    assert done.exit_code == 0 and png.read_bytes()[:4] == b"\x89PNG"
    bad = runner.invoke(app, ["network", "figure", "--kind", "planet", "-o", str(svg)])
    assert bad.exit_code == 2 and "planet" in bad.stderr


def test_kinds_are_chosen_by_their_names_in_danish_or_english_too(tmp_path: Path) -> None:
    """`--kind partnerskab` keeps what `--kind partnership` keeps; a wrong one is refused with
    the kinds named in the reader's language."""
    from typer.testing import CliRunner

    from partnergraph.cli.app import app
    from partnergraph.rdf.kinds import KINDS, kind_named, kinds_listed

    for key, each in KINDS.items():
        for word in (key, *each.name.values(), *each.legend.values()):
            assert kind_named(word.upper()) == key
    assert kind_named("planet") is None
    assert "tværgående tema (theme)" in kinds_listed("da") and "organisation," in kinds_listed("da")
    assert kinds_listed("en").startswith("organisation, unit, partnership")

    runner = CliRunner(env={"PARTNERGRAPH_LANG": None})
    by_key, by_name = tmp_path / "key.svg", tmp_path / "name.svg"
    keys = ["--kind", "partnership", "--kind", "theme"]
    names = ["--kind", "Partnerskab", "--kind", "tværgående tema"]
    for args, svg in ((keys, by_key), (names, by_name)):
        done = runner.invoke(app, ["network", "figure", *args, "-o", str(svg)])
        assert done.exit_code == 0, done.stderr
    assert by_key.read_bytes() == by_name.read_bytes()
    bad = runner.invoke(app, ["network", "figure", "--kind", "planet", "-o", str(by_key)])
    assert bad.exit_code == 2 and "partnerskab (partnership)" in bad.stderr
