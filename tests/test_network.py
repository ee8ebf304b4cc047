"""The network projections show the memo's real collaborations, on any dataset, in every format.

Expected values are worked out by hand from data/norddjurs.ttl and data/norddjurs-mappings.ttl
(the comments say how) or checked against the query library, not copied from the output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import partnergraph
from partnergraph.core import resources as _resources
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import using
from partnergraph.engine import sparql
from partnergraph.io import loading
from partnergraph.io.loading import INPUT_FORMATS, bundled_data_files, graph_name, ontology_files
from partnergraph.io.results import SelectResult
from partnergraph.network import export, measures
from partnergraph.network import projections as network
from partnergraph.rdf.namespaces import PG, PGID, SDG

ID = str(PGID)


def iri(local: str) -> str:
    return ID + local


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def collaboration(kg: partnergraph.PartnerGraph) -> Any:
    return network.collaboration_network(kg)


@pytest.fixture(scope="module")
def actors(kg: partnergraph.PartnerGraph) -> Any:
    return network.actor_network(kg)


@pytest.fixture(scope="module")
def themes(kg: partnergraph.PartnerGraph) -> Any:
    return network.theme_network(kg, lang="en")


def relations(graph: Any, source: str, target: str) -> set[str]:
    if not graph.has_edge(source, target):
        return set()
    return set(graph.edges[source, target]["relation"].split(network.SEPARATOR))


# --- the collaboration network ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        ("norddjurs-kommune", "member-of", "partnership-via"),
        ("via-university-college", "member-of", "partnership-via"),
        ("agreement-via-2018", "governs", "partnership-via"),
        ("agreement-au-2022", "replaces", "agreement-au-2018"),
        ("agreement-au-next", "replaces", "agreement-au-2022"),
        ("okonomiudvalget", "treats", "agreement-via-2018"),
        ("okonomiudvalget", "treats", "agreement-au-2022"),
        ("kommunalbestyrelsen", "treats", "agreement-au-next"),
        ("partnership-halmstad", "stakeholder", "stena-line"),
        ("partnership-au", "theme", "theme-research-and-knowledge"),
        ("partnership-via", "contributes-to", "17.17"),
        ("partnership-via", "has-forum", "forum-via-steering-group"),
        ("ledelsessekretariatet", "takes-part-in", "forum-via-steering-group"),
        ("ledelsessekretariatet", "unit-of", "norddjurs-kommune"),
        ("au-erhvervsstab", "unit-of", "aarhus-universitet"),
        ("agreement-via-2018", "builds-on", "17"),
        ("agreement-via-2018", "builds-on", "strategy-plan-and-development"),
        ("theme-new-collaborations", "related-to", "17.17"),
        ("strategy-climate-plan-2023-2050", "contributes-to", "13.2"),
    ],
)
def test_collaboration_network_holds_the_memos_relations(
    collaboration: Any, source: str, relation: str, target: str
) -> None:
    def node(local: str) -> str:
        return str(SDG) + local if local[0].isdigit() else iri(local)

    assert relation in relations(collaboration, node(source), node(target))


def test_focus_area_building_on_a_document_surfaces_as_its_partnership(collaboration: Any) -> None:
    # au-focus-2 pg:buildsOn the climate plan; au-focus-2 is a focus area of partnership-au.
    edge = collaboration.edges[iri("partnership-au"), iri("strategy-climate-plan-2023-2050")]
    assert edge["relation"] == "builds-on"
    assert iri("au-focus-2") not in collaboration


def test_forum_participation_lists_the_roles(collaboration: Any) -> None:
    steering = collaboration.edges[iri("ledelsessekretariatet"), iri("forum-via-steering-group")]
    assert steering["roles"] == "stabschef; udviklingskonsulent"
    assert steering["weight"] == 2  # two memberships: chief of staff and development consultant
    mayor = collaboration.edges[iri("norddjurs-kommune"), iri("forum-via-leadership")]
    assert (mayor["roles"], mayor["weight"]) == ("borgmester", 1)


def test_committees_are_units_and_forums_are_not(collaboration: Any) -> None:
    assert collaboration.nodes[iri("okonomiudvalget")]["type"] == "unit"
    assert collaboration.nodes[iri("forum-via-steering-group")]["type"] == "forum"
    assert not relations(collaboration, iri("forum-via-steering-group"), iri("partnership-via"))
    # Business Region Aarhus has an organisation kind too, but it is a partnership.
    assert collaboration.nodes[iri("business-region-aarhus")]["type"] == "partnership"


def test_collaboration_network_has_only_typed_entities_no_literals_or_ontology(
    kg: partnergraph.PartnerGraph, collaboration: Any
) -> None:
    kinds = {kind.key for kind in network.NODE_KINDS}
    plumbing = {OWL.Class, RDFS.Class, OWL.ObjectProperty, SKOS.Concept, PG.Theme, PG.FocusArea}
    plumbing |= {PG.Decision, PG.Status, PG.OrganisationKind, PG.PartnershipCategory}
    for node, data in collaboration.nodes(data=True):
        assert data["type"] in kinds
        term = URIRef(node)
        assert node.startswith(("https://", "http://"))
        assert (term, None, None) in kg.dataset, f"{node} is not a described thing"
        if data["type"] not in ("theme", "sdg"):  # those two are skos:Concepts
            assert not set(kg.dataset.objects(term, RDF.type)) & plumbing, node
        assert not node.startswith(str(PG))
    for _, _, data in collaboration.edges(data=True):
        for relation in data["relation"].split(network.SEPARATOR):
            assert relation in {rule.relation for rule in network.EDGE_RULES}
    assert iri("memo-norddjurs-partnerships") not in collaboration
    assert iri("partnergraph-team") not in collaboration  # an organisation without a kind
    assert iri("scheme-via-themes") not in collaboration
    assert iri("via-theme-1") not in collaboration
    assert iri("decision-via-2018-08") not in collaboration
    # Only the SDG goals and targets something links to: 17 and the targets of the mappings.
    sdgs = {n for n, t in collaboration.nodes(data="type") if t == "sdg"}
    expected = {"17", "17.17", "13.2", "9.5", "9.1", "8.3", "8.9", "4.4", "16.7"}
    assert sdgs == {str(SDG) + code for code in expected}


def test_every_node_of_every_projection_has_the_same_string_attributes(
    collaboration: Any, actors: Any, themes: Any
) -> None:
    for graph in (collaboration, actors, themes):
        for node, data in graph.nodes(data=True):
            assert tuple(data) == network.NODE_ATTRIBUTES
            assert all(isinstance(value, str) for value in data.values())
            assert data["iri"] == node
        for _, _, data in graph.edges(data=True):
            assert {"relation", "label", "weight"} <= set(data)
            assert isinstance(data["weight"], int)


def test_node_attributes_come_from_the_data(collaboration: Any) -> None:
    au2022 = collaboration.nodes[iri("agreement-au-2022")]
    assert (au2022["type"], au2022["start"], au2022["end"]) == ("agreement", "2022-01-01", "2025")
    assert au2022["period"] == "1. januar 2022 til udgangen af 2025"
    assert au2022["status"] == "gældende"
    assert au2022["sdg"] == "17"
    assert au2022["source"].startswith("Notat: Oversigt")
    via = collaboration.nodes[iri("partnership-via")]
    assert (via["category"], via["collaboration_type"]) == (
        "formelt partnerskab",
        "Partnerskabsaftale",
    )
    assert via["themes"] == (
        "arbejdskraft og kompetencer; borgerinddragelse og samskabelse; forskning og viden; turisme"
    )
    assert via["sdg"] == "17.17"
    theme = collaboration.nodes[iri("theme-tourism")]
    assert (theme["themes"], theme["sdg"]) == ("turisme", "8.9")
    assert collaboration.nodes[iri("action-plan-halmstad-2021-2024")]["type"] == "action-plan"


def test_labels_are_in_the_language_asked_with_danish_fallback(
    kg: partnergraph.PartnerGraph,
) -> None:
    graph = network.collaboration_network(kg, lang="en")
    node = graph.nodes[iri("okonomiudvalget")]
    assert (node["label"], node["label_da"], node["label_en"]) == (
        "Finance Committee",
        "Økonomiudvalget",
        "Finance Committee",
    )
    assert node["type_label"] == "unit"
    # The VIA partnership's period has only a Danish label.
    assert graph.nodes[iri("partnership-via")]["period"] == "2018"
    edge = graph.edges[iri("norddjurs-kommune"), iri("partnership-via")]
    assert (edge["relation"], edge["label"]) == ("member-of", "member of")


# --- as_of ------------------------------------------------------------------------------------


def test_as_of_2020_leaves_out_what_had_not_started(kg: partnergraph.PartnerGraph) -> None:
    graph = network.collaboration_network(kg, as_of=dt.date(2020, 1, 1))
    assert iri("agreement-au-2022") not in graph
    assert iri("action-plan-halmstad-2021-2024") not in graph
    assert iri("action-plan-halmstad-2025-2028") not in graph
    assert iri("agreement-au-2018") in graph  # its successor had not started yet
    assert iri("agreement-halmstad-2019") in graph
    assert iri("partnership-kobenhavns-universitet") in graph  # no start: kept
    assert graph.graph["as_of"] == "2020-01-01"


def test_as_of_mid_2023_has_the_renewed_au_agreement_and_the_2021_plan(
    kg: partnergraph.PartnerGraph,
) -> None:
    graph = network.collaboration_network(kg, as_of=dt.date(2023, 6, 1))
    assert iri("agreement-au-2022") in graph
    assert iri("action-plan-halmstad-2021-2024") in graph
    assert iri("agreement-au-2018") not in graph  # replaced by AU 2022, started 2022-01-01
    assert iri("agreement-au-next") not in graph  # proposed
    assert iri("agreement-via-next") not in graph  # proposed, no start
    assert iri("action-plan-halmstad-2025-2028") not in graph


def test_as_of_ends_an_agreement_on_the_day_its_successor_starts(
    kg: partnergraph.PartnerGraph,
) -> None:
    before = network.collaboration_network(kg, as_of=dt.date(2021, 12, 31))
    on = network.collaboration_network(kg, as_of=dt.date(2022, 1, 1))
    assert iri("agreement-au-2018") in before and iri("agreement-au-2022") not in before
    assert iri("agreement-au-2018") not in on and iri("agreement-au-2022") in on


def test_as_of_before_a_partnership_drops_it_and_its_forums(
    kg: partnergraph.PartnerGraph,
) -> None:
    # The Halmstad partnership starts in 2019.
    graph = network.collaboration_network(kg, as_of=dt.date(2018, 6, 1))
    assert iri("partnership-halmstad") not in graph
    assert iri("forum-halmstad-directors") not in graph
    assert iri("forum-halmstad-contacts") not in graph
    assert iri("halmstad-kommun") in graph  # organisations are not in time
    assert iri("forum-via-leadership") in graph
    actors = network.build(kg, "actors", as_of=dt.date(2018, 6, 1))
    assert iri("halmstad-kommun") not in actors


@pytest.mark.parametrize(
    ("lexical", "bounds"),
    [
        ("2025", ("2025-01-01", "2025-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022-01-01", ("2022-01-01", "2022-01-01")),
        ("2025Z", ("2025-01-01", "2025-12-31")),
        ("2025-05:00", ("2025-01-01", "2025-12-31")),  # a gYear with a time zone
        ("2022-03-04T10:00:00", ("2022-03-04", "2022-03-04")),
    ],
)
def test_loose_dates_count_as_intervals(lexical: str, bounds: tuple[str, str]) -> None:
    found = network.date_bounds(lexical)
    assert found is not None
    assert (found[0].isoformat(), found[1].isoformat()) == bounds


def test_unreadable_dates_give_no_bounds() -> None:
    assert network.date_bounds("autumn") is None
    assert network.date_bounds("2025-13") is None


# --- the actor and theme networks -------------------------------------------------------------


def test_actor_network_weights_count_shared_partnerships_and_forums(actors: Any) -> None:
    # Norddjurs Kommune and VIA are both members of partnership-via, and the mayor and the
    # rector meet in forum-via-leadership. The steering group and the ongoing contact are run by
    # Ledelsessekretariatet (a unit), not by Norddjurs Kommune itself: 1 + 1 = 2.
    edge = actors.edges[iri("norddjurs-kommune"), iri("via-university-college")]
    assert edge["weight"] == 2
    assert (
        edge["via"]
        == "Partnerskab med VIA University College; Møde mellem rektor og borgmester (VIA)"
    )
    assert edge["relation"] == "collaborates-with"
    # Halmstad: the partnership, the directors' meeting and the contact persons: 3.
    assert actors.edges[iri("norddjurs-kommune"), iri("halmstad-kommun")]["weight"] == 3
    # Ledelsessekretariatet and VIA: the steering group and the ongoing contact: 2.
    assert actors.edges[iri("ledelsessekretariatet"), iri("via-university-college")]["weight"] == 2
    # Syddjurs shares Reno Djurs and Aqua Djurs with Norddjurs.
    assert actors.edges[iri("norddjurs-kommune"), iri("syddjurs-kommune")]["weight"] == 2
    types = {t for _, t in actors.nodes(data="type")}
    assert types == {"organisation", "unit"}
    assert iri("stena-line") not in actors  # a stakeholder, not a member


def test_theme_network_agrees_with_the_shared_themes_query(
    kg: partnergraph.PartnerGraph, themes: Any
) -> None:
    by_label = {data["label"]: node for node, data in themes.nodes(data=True)}
    theme_labels = {
        data["label"]
        for node, data in network.collaboration_network(kg, lang="en").nodes(data=True)
        if data["type"] == "theme"
    }
    rows = kg.query("shared-themes", lang="en").as_dicts()
    assert rows
    for row in rows:
        edge = themes.edges[by_label[str(row["partnership1"])], by_label[str(row["partnership2"])]]
        expected = set(str(row["themes"]).split("; "))
        shared = set(edge["shared"].split("; "))
        assert edge["theme_count"] == int(str(row["shared"]))
        assert shared & theme_labels == expected
    edge = themes.edges[iri("partnership-au"), iri("partnership-halmstad")]
    assert edge["theme_count"] == 4
    assert edge["sdg_count"] == 1  # both contribute to SDG 17.17
    assert edge["weight"] == 5
    assert edge["shared"].endswith("SDG 17.17")


# --- ego networks and build -------------------------------------------------------------------


def test_ego_network_of_via_holds_its_direct_neighbours(collaboration: Any) -> None:
    ego = network.ego_network(collaboration, iri("via-university-college"), depth=1)
    assert set(ego) == {
        iri("via-university-college"),
        iri("partnership-via"),
        iri("forum-via-leadership"),
        iri("forum-via-steering-group"),
        iri("forum-via-contact"),
    }
    assert isinstance(ego, nx.DiGraph)
    assert ego.graph["focus"] == iri("via-university-college")
    wider = network.ego_network(collaboration, iri("via-university-college"), depth=2)
    assert iri("agreement-via-2018") in wider and iri("ledelsessekretariatet") in wider


def test_build_focuses_any_projection(kg: partnergraph.PartnerGraph) -> None:
    ego = network.build(kg, "actors", focus=iri("via-university-college"))
    assert isinstance(ego, nx.Graph) and not ego.is_directed()
    assert set(ego) == {
        iri("via-university-college"),
        iri("norddjurs-kommune"),
        iri("ledelsessekretariatet"),
    }
    assert set(network.PROJECTIONS) == {"collaboration", "actors", "themes"}


def test_unknown_projection_focus_and_format_are_refused(
    kg: partnergraph.PartnerGraph, actors: Any
) -> None:
    with using("da"), pytest.raises(ParameterError, match=r"ukendt netværk 'friends': vælg"):
        network.build(kg, "friends")
    with using("en"), pytest.raises(ParameterError, match="is not in the actors network"):
        network.ego_network(actors, iri("partnership-via"))
    with using("da"), pytest.raises(ParameterError, match="VIA-partnerskabet er ikke med i net"):
        network.ego_network(actors, iri("partnership-via"), name="VIA-partnerskabet")
    with using("da"), pytest.raises(ParameterError, match="skridt skal være 0 eller mere, ikke -1"):
        network.ego_network(actors, next(iter(actors)), -1)
    with pytest.raises(ParameterError, match="graphml"):
        export.export_network(actors, "dot")


# --- statistics -------------------------------------------------------------------------------


def test_network_stats_of_the_actor_network_find_the_brokers(actors: Any) -> None:
    stats = measures.network_stats(actors, top=3)
    assert (stats.nodes, stats.edges, stats.components) == (10, 10, 1)
    assert stats.degree[0].iri == iri("norddjurs-kommune")
    assert stats.betweenness[0].iri == iri("norddjurs-kommune")
    assert stats.betweenness_exact and stats.betweenness_pivots is None
    assert len(stats.degree) == 3
    # Norddjurs Kommune alone links Halmstad, KU, Skovskolen, Realdania and Syddjurs;
    # Ledelsessekretariatet alone links AU's Erhvervsstab.
    assert [p.label for p in stats.articulation_points] == [
        "Ledelsessekretariatet",
        "Norddjurs Kommune",
    ]
    assert sum(c.size for c in stats.communities) == stats.nodes
    groups = [{m.iri for m in c.members} for c in stats.communities]
    universities = {iri("aarhus-universitet"), iri("au-erhvervsstab")}
    assert any(universities <= group for group in groups)
    assert any({iri("halmstad-kommun"), iri("norddjurs-kommune")} <= group for group in groups)
    assert 0 < stats.modularity < 1


def test_network_stats_samples_betweenness_on_large_graphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert measures.EXACT_BETWEENNESS_LIMIT == 2000
    monkeypatch.setattr(measures, "EXACT_BETWEENNESS_LIMIT", 5)
    graph = nx.relabel_nodes(nx.path_graph(8), str)
    nx.set_node_attributes(graph, "x", "label")
    stats = measures.network_stats(graph)
    assert not stats.betweenness_exact
    assert stats.betweenness_pivots == 8  # min(500, n)


def test_network_stats_of_an_edgeless_network() -> None:
    graph = nx.Graph()
    graph.add_node("a", label="A")
    stats = measures.network_stats(graph)
    assert (stats.components, stats.articulation_points, stats.modularity) == (1, [], 0.0)
    assert [c.size for c in stats.communities] == [1]


# --- export -----------------------------------------------------------------------------------


def read_back(text: str, fmt: str, directed: bool) -> Any:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    if fmt == "json":
        return nx.node_link_graph(json.loads(text), edges="edges")
    graph = nx.DiGraph() if directed else nx.Graph()
    for row in csv.DictReader(io.StringIO(text)):
        graph.add_edge(row["source"], row["target"], weight=int(row["weight"]))
    return graph


def edge_set(graph: Any) -> set[Any]:
    if graph.is_directed():
        return set(graph.edges())
    return {frozenset(edge) for edge in graph.edges()}


@pytest.mark.parametrize("fmt", export.EXPORT_FORMATS)
@pytest.mark.parametrize("projection", ["collaboration", "actors", "themes"])
def test_exports_read_back_with_the_same_nodes_and_edges(
    collaboration: Any, actors: Any, themes: Any, projection: str, fmt: str
) -> None:
    graph = {"collaboration": collaboration, "actors": actors, "themes": themes}[projection]
    text = export.export_network(graph, fmt)
    back = read_back(text, fmt, graph.is_directed())
    assert back.is_directed() == graph.is_directed()
    assert edge_set(back) == edge_set(graph)
    if fmt == "csv":  # an edge list: only the nodes that have edges
        assert set(back) == {n for n in graph if graph.degree(n)}
        return
    assert set(back) == set(graph)
    node = next(iter(graph))
    label = back.nodes[node]["label"]
    assert label == graph.nodes[node]["label"]
    u, v, data = next(iter(graph.edges(data=True)))
    assert back.edges[u, v]["relation"] == data["relation"]
    assert int(back.edges[u, v]["weight"]) == data["weight"]


def test_gexf_keeps_periods_as_plain_attributes(collaboration: Any) -> None:
    back = nx.read_gexf(io.BytesIO(export.export_network(collaboration, "gexf").encode()))
    assert back.nodes[iri("agreement-au-2022")]["start_date"] == "2022-01-01"
    assert "timeformat" not in export.export_network(collaboration, "gexf")


# --- another dataset --------------------------------------------------------------------------

XSS = "<img src=x onerror=alert(1)>"

FIXTURE = f"""
@prefix pg: <https://w3id.org/partnergraph/ontology#> .
@prefix pgid: <https://w3id.org/partnergraph/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/id/> .

ex:town-a skos:prefLabel "Town A {XSS}"@en ; org:classification pgid:kind-municipality .
ex:town-b skos:prefLabel "Town B"@da ; org:classification pgid:kind-municipality .
ex:college skos:prefLabel "College"@en ; org:classification pgid:kind-university-college .
ex:office skos:prefLabel "Office"@en ; org:classification pgid:kind-administrative-unit ;
    org:unitOf ex:town-a .

ex:twinning a pg:Partnership ; skos:prefLabel "Twinning"@en ;
    org:hasMember ex:town-a , ex:town-b ;
    dcterms:subject pgid:theme-tourism .
ex:college-deal a pg:Partnership ; skos:prefLabel "College deal"@en ;
    org:hasMember ex:town-a , ex:college ;
    dcterms:subject pgid:theme-tourism , pgid:theme-research-and-knowledge ;
    dcterms:temporal [ dcat:startDate "2030"^^xsd:gYear ] .

ex:council a pg:Forum ; skos:prefLabel "Council"@en ; pg:forumOf ex:twinning .
ex:m1 org:member ex:office ; org:organization ex:council ; org:role pgid:role-mayor .
ex:m2 org:member ex:town-b ; org:organization ex:council .

ex:charter a pg:PartnershipAgreement ; skos:prefLabel "Charter"@en ;
    pg:governs ex:twinning ; pg:status pgid:status-in-force ;
    dcterms:temporal [ dcat:startDate "2020-05"^^xsd:gYearMonth ; dcat:endDate "2024"^^xsd:gYear ] .
"""


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> partnergraph.PartnerGraph:
    path = tmp_path_factory.mktemp("other") / "towns.ttl"
    path.write_text(FIXTURE, encoding="utf-8")
    return partnergraph.PartnerGraph(loading.load_dataset([path]))


def test_projections_work_on_another_dataset(other: partnergraph.PartnerGraph) -> None:
    ex = "https://example.org/id/"
    graph = network.collaboration_network(other, lang="en")
    assert {n: t for n, t in graph.nodes(data="type") if n.startswith(ex)} == {
        ex + "town-a": "organisation",
        ex + "town-b": "organisation",
        ex + "college": "organisation",
        ex + "office": "unit",
        ex + "twinning": "partnership",
        ex + "college-deal": "partnership",
        ex + "council": "forum",
        ex + "charter": "agreement",  # typed only as pg:PartnershipAgreement
    }
    assert "governs" in relations(graph, ex + "charter", ex + "twinning")
    assert graph.edges[ex + "office", ex + "council"]["roles"] == "mayor"
    assert graph.nodes[ex + "town-b"]["label"] == "Town B"  # Danish fallback
    assert graph.nodes[ex + "charter"]["end"] == "2024"

    actors = network.actor_network(other)
    assert actors.edges[ex + "town-a", ex + "town-b"]["weight"] == 1  # the twinning
    assert actors.edges[ex + "office", ex + "town-b"]["weight"] == 1  # the council
    themes = network.theme_network(other, lang="en")
    assert themes.edges[ex + "twinning", ex + "college-deal"]["shared"] == "tourism"

    later = network.collaboration_network(other, as_of=dt.date(2025, 1, 1))
    assert ex + "charter" not in later and ex + "college-deal" not in later
    assert ex + "council" in later


def test_markup_in_labels_stays_plain_text(other: partnergraph.PartnerGraph) -> None:
    town = "https://example.org/id/town-a"
    graph = network.collaboration_network(other, lang="en")
    assert graph.nodes[town]["label"] == f"Town A {XSS}"
    actors = network.actor_network(other, lang="en")
    for fmt in ("json", "csv"):
        assert XSS in export.export_network(actors, fmt)
    assert (
        nx.read_graphml(io.BytesIO(export.export_network(actors, "graphml").encode())).nodes[town][
            "label"
        ]
        == f"Town A {XSS}"
    )


# --- the queries ------------------------------------------------------------------------------


def network_queries() -> list[Path]:
    return sorted(_resources.bundled("queries/network").glob("*.rq"))


def test_every_network_query_is_used_by_a_rule() -> None:
    used = {kind.query for kind in network.NODE_KINDS} | {r.query for r in network.EDGE_RULES}
    used.add("node-attributes.rq")
    used.add("theme-features.rq")  # the themes projection's features
    used.add("theme-pairs.rq")  # the same pairs counted in the engine: its floor and oracle
    used |= {f"aggregate-{n}.rq" for n in ("owners", "members", "themes")}  # the overview's
    assert {p.name for p in network_queries()} == used


@pytest.fixture(scope="module")
def oxigraph_store() -> ox.Store:
    store = ox.Store()
    for path in [*ontology_files(), *bundled_data_files()]:
        assert INPUT_FORMATS[path.suffix] == "turtle"
        store.load(
            path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph_name(path)))
        )
    return store


def _plain(term: Any) -> str | None:
    """The lexical value of an rdflib or Oxigraph term; blank nodes all look alike."""
    if term is None:
        return None
    if isinstance(term, BNode | ox.BlankNode):
        return "_:b"
    if isinstance(term, ox.Literal | ox.NamedNode):
        return str(term.value)
    return str(term)


@pytest.mark.parametrize("path", network_queries(), ids=lambda p: p.stem)
def test_network_queries_are_standard_sparql_with_the_same_answers_on_oxigraph(
    kg: partnergraph.PartnerGraph, oxigraph_store: ox.Store, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    mine = sparql.run(kg.dataset, text)
    assert isinstance(mine, SelectResult)
    theirs = oxigraph_store.query(text, use_default_graph_as_union=True)
    assert isinstance(theirs, ox.QuerySolutions)
    names = [v.value for v in theirs.variables]
    assert names == mine.variables
    expected = sorted(
        (tuple(_plain(row[n]) for n in names) for row in theirs), key=lambda r: tuple(map(str, r))
    )
    actual = sorted(
        (tuple(_plain(c) for c in row) for row in mine.rows), key=lambda r: tuple(map(str, r))
    )
    assert actual == expected
