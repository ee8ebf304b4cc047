"""The overview of large networks: municipalities (or communities) as nodes, with a drill-down.

The aggregation is checked against what the test computes itself from the triples of a
generated dataset (rdflib's graph API, not the SPARQL the library runs); the page's structure
and escaping are checked in its HTML and its data; the CLI routes to it on request.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.network.aggregate import (
    Overview,
    municipality_overview,
    readable_threshold,
)
from partnergraph.rdf.namespaces import PG
from partnergraph.views.network_page import CSP
from partnergraph.views.overview_page import _texts, render_overview

HOSTILE = "</script><img src=x onerror=alert(1)>{{js}}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("four")
    partnergraph.generate(folder, 4, seed=7)
    return folder


@pytest.fixture(scope="module")
def kg(generated: Path) -> partnergraph.PartnerGraph:
    return partnergraph.load(generated)


Facts = tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]


@pytest.fixture(scope="module")
def facts(kg: partnergraph.PartnerGraph) -> Facts:
    """Owners' partnerships, partners and themes, read from the triples with rdflib."""
    union = Graph()
    for triple in kg.store.to_dataset().triples((None, None, None)):
        union.add(triple)
    crosscutting = set(union.subjects(RDF.type, PG.CrossCuttingTheme))
    owned: dict[str, set[str]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    themes: dict[str, set[str]] = defaultdict(set)
    for p in set(union.subjects(RDF.type, PG.Partnership)):
        owners = {
            o for s in union.objects(p, DCTERMS.source) for o in union.objects(s, DCTERMS.publisher)
        }
        members = set(union.objects(p, ORG.hasMember))
        own = {b for t in union.objects(p, PG.hasTheme) for b in union.objects(t, SKOS.broadMatch)}
        focus = {
            b for t in union.objects(p, PG.hasFocusArea) for b in union.objects(t, SKOS.broadMatch)
        }
        subjects = set(union.objects(p, DCTERMS.subject))
        for owner in owners:
            owned[str(owner)].add(str(p))
            partners[str(owner)] |= {str(m) for m in members if m != owner}
            themes[str(owner)] |= {str(c) for c in (own | focus | subjects) & crosscutting}
    return owned, partners, themes


def test_municipalities_are_linked_by_the_partners_they_share(
    kg: partnergraph.PartnerGraph, facts: Facts
) -> None:
    owned, partners, themes = facts
    assert len(owned) == 4
    found = municipality_overview(kg, min_weight=1)
    graph = found.graph
    assert set(graph.nodes) == set(owned)
    for owner in owned:
        attrs = graph.nodes[owner]
        assert attrs["size"] == len(owned[owner])
        assert attrs["partners"] == len(partners[owner])
        assert len([t for t in attrs["themes"].split("; ") if t]) == len(themes[owner])
    expected = {
        frozenset((a, b)): len(partners[a] & partners[b])
        for a, b in combinations(sorted(owned), 2)
        if partners[a] & partners[b]
    }
    assert expected, "the generated municipalities share some partners"
    assert {frozenset(e): w for *e, w in graph.edges(data="weight")} == expected
    for a, b, shared in graph.edges(data="themes"):
        assert shared == len(themes[a] & themes[b])
    assert found.pairs == len(expected)


def test_a_municipality_detail_holds_its_partnerships_partners_and_themes(
    kg: partnergraph.PartnerGraph, facts: Facts
) -> None:
    owned, partners, themes = facts
    found = municipality_overview(kg)
    for owner, detail in found.details.items():
        kinds: dict[str, set[str]] = defaultdict(set)
        for node, kind in detail.nodes(data="type"):
            kinds[kind].add(node)
        assert kinds["partnership"] == owned[owner]
        assert kinds["organisation"] | kinds["unit"] | {owner} >= partners[owner]
        assert kinds["theme"] == themes[owner]
        assert all(detail.nodes[n]["label"] for n in detail)


def test_the_threshold_keeps_a_readable_number_of_links() -> None:
    assert readable_threshold([], 10) == 1
    assert readable_threshold([1, 1, 2], 10) == 1  # few links: all of them
    weights = [1] * 500 + [2] * 40 + [3] * 5
    assert readable_threshold(weights, 10, per_node=3) == 3  # 5 <= 30 < 45
    assert readable_threshold(weights, 20, per_node=3) == 2  # 45 <= 60 < 545
    assert readable_threshold([5] * 100, 2) == 5  # never more than the heaviest


def test_a_given_threshold_keeps_only_links_at_least_that_heavy(
    kg: partnergraph.PartnerGraph,
) -> None:
    every = municipality_overview(kg, min_weight=1).graph
    heavy = max(w for *_, w in every.edges(data="weight"))
    cut = municipality_overview(kg, min_weight=heavy).graph
    assert 0 < cut.number_of_edges() <= every.number_of_edges()
    assert all(w >= heavy for *_, w in cut.edges(data="weight"))


def test_communities_are_nodes_sized_by_their_members_where_there_is_one_publisher() -> None:
    kg = partnergraph.load()
    found = kg.overview()
    assert found.basis == "communities"
    network = kg.network("collaboration")
    assert sum(size for _, size in found.graph.nodes(data="size")) == network.number_of_nodes()
    members = {node: key for key, detail in found.details.items() for node in detail}
    assert set(members) == set(network.nodes)
    between: dict[frozenset[str], int] = defaultdict(int)
    for a, b in nx.Graph(network).edges():
        if members[a] != members[b]:
            between[frozenset((members[a], members[b]))] += 1
    for a, b, weight in found.graph.edges(data="weight"):
        assert weight == between[frozenset((a, b))] >= found.min_weight


# --- the page -----------------------------------------------------------------------------------


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page, re.S)
    assert match is not None
    found: dict[str, Any] = json.loads(match.group(1))
    return found


def _hostile_overview() -> Overview:
    """Two municipalities, one named with markup, sharing a partner named with markup."""
    graph = nx.Graph()
    details = {}
    for key, name in (("https://example.org/a", HOSTILE), ("https://example.org/b", "Bø Kommune")):
        graph.add_node(key, label=name, type="municipality", iri=key, size=1, partners=1,
                       themes="klima", kinds="")  # fmt: skip
        detail = nx.Graph()
        detail.add_node(key, label=name, type="municipality", iri=key)
        detail.add_node("https://example.org/p", label=HOSTILE, type="organisation", iri="")
        detail.add_edge(key, "https://example.org/p", relation="member-of")
        details[key] = detail
    graph.add_edge("https://example.org/a", "https://example.org/b", weight=1, partners=1, themes=1)
    return Overview("municipalities", graph, details, 1, 1, themes=["klima"])


def test_the_page_is_one_offline_file_with_every_label_escaped() -> None:
    page = render_overview(_hostile_overview())
    assert len(re.findall(r"^<script", page, re.M)) == 3  # data, vis-network, own script
    assert f'content="{CSP.replace(chr(39), "&#x27;")}"' in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<img src=x" not in page and "</script><img" not in page
    data = _data(page)
    assert data["groups"][0]["l"] == HOSTILE  # the text itself, for textContent and canvas
    assert [row[0] for row in data["nodes"]].count(HOSTILE) == 2
    assert data["links"] == [0, 1, 1, 1]
    assert len(data["details"]) == 2 and data["details"][0]["e"] == [0, 1, "member-of"]
    assert "vis.js is dual licensed" in page  # the vendored library keeps its licence
    js = page[page.rindex("<script>") :]
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js


def test_the_page_is_danish_by_default_and_english_on_request(
    kg: partnergraph.PartnerGraph,
) -> None:
    danish = render_overview(municipality_overview(kg))
    english = render_overview(municipality_overview(kg, lang="en"))
    assert '<html lang="da">' in danish and "Tilbage til oversigten" in danish
    assert '<html lang="en">' in english and "Back to the overview" in english
    assert "Tilbage" not in english
    assert _data(danish)["kinds"]["partnership"]["name"] == "Partnerskab"
    assert _data(english)["kinds"]["partnership"]["name"] == "Partnership"


def test_every_group_has_a_position_and_its_detail_one_per_node(
    kg: partnergraph.PartnerGraph,
) -> None:
    found = municipality_overview(kg)
    data = _data(render_overview(found))
    assert len(data["groups"]) == found.graph.number_of_nodes() == len(data["details"])
    for group, detail in zip(data["groups"], data["details"], strict=True):
        assert isinstance(group["x"], int) and isinstance(group["y"], int)
        assert len(detail["xy"]) == 2 * len(detail["n"])
        assert len(set(zip(detail["xy"][::2], detail["xy"][1::2], strict=True))) == len(detail["n"])


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.slow  # loads and draws the generated data twice through the CLI
def test_viz_writes_the_overview_on_request_and_every_node_with_detail(
    generated: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    page = tmp_path / "overview.html"
    done = runner.invoke(app, ["--data", str(generated), "viz", "--overview", "-o", str(page)])
    assert done.exit_code == 0, done.output
    assert "oversigt: 4 kommuner" in done.output
    assert _data(page.read_text(encoding="utf-8"))["basis"] == "municipalities"
    full = tmp_path / "full.html"
    done = runner.invoke(app, ["--data", str(generated), "viz", "--detail", "-o", str(full)])
    assert done.exit_code == 0, done.output
    assert "knuder" in done.output and "oversigt" not in done.output
    assert '"basis"' not in full.read_text(encoding="utf-8")
    english = tmp_path / "english.html"
    args = ["--data", str(generated), "viz", "--overview", "--lang", "en", "-o", str(english)]
    done = runner.invoke(app, args)
    assert done.exit_code == 0 and "overview: 4 municipalities" in done.output, done.output
    assert '<html lang="en">' in english.read_text(encoding="utf-8")


def test_the_python_api_gives_the_overview_and_its_view(kg: partnergraph.PartnerGraph) -> None:
    assert "overview" in partnergraph.__all__ and "Overview" in partnergraph.__all__
    found = partnergraph.overview(kg, "municipalities", lang="en")
    assert isinstance(found, partnergraph.Overview) and found.lang == "en"
    view = kg.viz(overview=True)
    assert "Kommunerne og de partnere de deler" in view.html
    assert kg.viz(overview=False).graph.number_of_nodes() > view.overview.graph.number_of_nodes()
    with pytest.raises(partnergraph.ParameterError):
        kg.overview("planets")


def test_labels_come_from_the_store_by_name(kg: partnergraph.PartnerGraph) -> None:
    found = municipality_overview(kg)
    dataset = kg.store.to_dataset()
    for owner, label in found.graph.nodes(data="label"):
        names = {str(o) for o in dataset.objects(URIRef(owner), SKOS.prefLabel)}
        assert label in names


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_legend_has_a_singular_for_one_group_without_a_line(lang: str) -> None:
    """ "De 1 fællesskaber" is wrong Danish: one group standing alone gets a sentence of its own."""
    texts = _texts(lang)
    for basis in ("municipalities", "communities"):
        one, many = texts[f"alone.{basis}.one"], texts[f"alone.{basis}"]
        assert "{alone}" in many and "{alone}" not in one and one != many
    script = (
        Path(partnergraph.__file__).parent / "views" / "overview_page_assets" / "overview.js"
    ).read_text(encoding="utf-8")
    assert 'data.alone === 1 ? ".one"' in script


def test_an_overview_as_of_a_day_counts_the_partnerships_the_network_keeps_that_day(
    kg: partnergraph.PartnerGraph, facts: Facts
) -> None:
    """The overview filters by the collaboration network's own rule (the oracle here is the
    network built for that day), so a big dataset need not build the network to be seen as of
    a day; the page says which day."""
    owned = facts[0]
    day = dt.date(2015, 1, 1)
    network = kg.network("collaboration", as_of=day)
    in_force = {node for node, kind in network.nodes(data="type") if kind == "partnership"}
    found = kg.overview(as_of="2015-01-01")
    assert found.basis == "municipalities" and found.as_of == day
    kept = 0
    for owner, partnerships in owned.items():
        assert found.graph.nodes[owner]["size"] == len(partnerships & in_force)
        shown = {n for n, kind in found.details[owner].nodes(data="type") if kind == "partnership"}
        assert shown == partnerships & in_force
        kept += len(shown)
    assert 0 < kept < sum(map(len, owned.values())), "the day should keep some, not all"
    assert _data(render_overview(found))["asOf"] == "1. januar 2015"
    assert _data(render_overview(kg.overview()))["asOf"] == ""
    texts = _texts("da")["as-of"], _texts("en")["as-of"]
    assert all("{date}" in text for text in texts)


def test_viz_as_of_starts_from_the_municipality_overview_and_says_the_day(
    generated: Path, tmp_path: Path
) -> None:
    page = tmp_path / "as-of.html"
    args = ["--data", str(generated), "viz", "--lang", "en", "--as-of", "2015-01-01"]
    done = CliRunner().invoke(app, [*args, "--overview", "-o", str(page)])
    assert done.exit_code == 0, done.output
    data = _data(page.read_text(encoding="utf-8"))
    assert data["basis"] == "municipalities" and data["asOf"] == "1 January 2015"
