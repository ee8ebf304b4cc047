"""Every kind of node has one name, colour and shape, and every renderer draws it so.

The kinds live in :mod:`partnergraph.rdf.kinds`; the interactive page, the printable figure,
the site's small network pictures and the network's ``type_label`` all read them from there.
Anything of no known kind is :data:`OTHER` everywhere (the site once drew it in another grey).
"""

from __future__ import annotations

import json
import re

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
import pytest
from rdflib import URIRef
from rdflib.namespace import ORG, RDF

import partnergraph
from partnergraph.network import projections as network
from partnergraph.rdf.kinds import KINDS, OTHER, kind, kind_of
from partnergraph.rdf.namespaces import CV, FOAF, PG, SDG
from partnergraph.views.figure import page_figure
from partnergraph.views.network_page import render_html
from partnergraph.views.pages.svg import network_svg

IRI = "https://w3id.org/partnergraph/id/"
UNKNOWN = "mystery"
"""A ``type`` no renderer knows: drawn as :data:`OTHER`."""


def star_of_every_kind() -> nx.Graph:
    """A hub with one neighbour of every kind, and one of an unknown kind."""
    graph = nx.Graph()
    keys = [*KINDS, UNKNOWN]
    for key in keys:
        graph.add_node(IRI + key, iri=IRI + key, type=key, label=f"Node {key}")
    hub = IRI + "organisation"
    for key in keys:
        if IRI + key != hub:
            graph.add_edge(hub, IRI + key, relation="member-of", label="medlem af", weight=1)
    return graph


def drawn(key: str) -> str:
    """The kind a renderer should draw a node of type ``key`` as."""
    return key if key in KINDS else OTHER.key


def test_the_page_draws_every_kind_in_its_colour_and_shape() -> None:
    page = render_html(star_of_every_kind())
    (text,) = re.findall(r'<script type="application/json" id="pg-data">(.*?)</script>', page)
    data = json.loads(text)
    types = {t["key"]: t for t in data["types"]}
    groups = data["options"]["groups"]
    assert set(types) == {*KINDS, UNKNOWN}
    for key, shown in types.items():
        expected = kind(drawn(key))
        assert (shown["color"], shown["shape"]) == (expected.colour, expected.shape)
        assert groups[key]["color"]["background"] == expected.colour
        assert groups[key]["shape"] == expected.shape
        if key in KINDS:
            assert (shown["da"], shown["en"]) == (expected.legend["da"], expected.legend["en"])


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_figure_draws_every_kind_in_its_colour_with_its_legend_name(lang: str) -> None:
    svg = page_figure(star_of_every_kind(), lang=lang, title="t")
    for key in [*KINDS, UNKNOWN]:
        (fill,) = re.findall(
            rf'<g data-node="{re.escape(IRI + key)}"><title>[^<]*</title><\w+ [^>]*fill="(#\w+)"',
            svg,
        )
        assert fill == kind(drawn(key)).colour, key
    legend = dict(re.findall(r'<g data-kind="([^"]+)">.*?<text[^>]*>([^<]*)</text>', svg))
    assert legend == {key: kind(drawn(key)).heading(lang) for key in [*KINDS, UNKNOWN]}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_site_draws_every_kind_in_its_colour_and_agrees_on_other(lang: str) -> None:
    markup, legend, left_out = network_svg(
        star_of_every_kind(), IRI + "organisation", lang, lambda iri: None, limit=50
    )
    assert left_out == 0
    assert {e.kind: e.colour for e in legend} == {
        drawn(k): kind(drawn(k)).colour for k in [*KINDS, UNKNOWN]
    }
    assert {e.kind: e.name for e in legend} == {
        drawn(k): kind(drawn(k)).heading(lang) for k in [*KINDS, UNKNOWN]
    }
    for key in [*KINDS, UNKNOWN]:
        expected = kind(drawn(key))
        (fill,) = re.findall(
            rf"<title>Node {re.escape(key)} \({re.escape(expected.heading(lang))}\)</title>"
            r'<\w+ [^>]*fill="(#\w+)"',
            markup,
        )
        assert fill == expected.colour, key
        assert f'fill="{expected.colour}"' in next(e.symbol for e in legend if e.kind == drawn(key))


def test_the_network_names_its_node_types_with_the_kinds() -> None:
    graph = network.collaboration_network(partnergraph.load(), lang="en")
    seen = {data["type"]: data["type_label"] for _, data in graph.nodes(data=True)}
    assert len(seen) >= 6
    assert seen == {key: KINDS[key].name["en"] for key in seen}
    assert [k.key for k in network.NODE_KINDS] != list(KINDS)  # its own (specific first) order
    assert {k.key for k in network.NODE_KINDS} == set(KINDS)


@pytest.mark.parametrize(
    ("types", "iri", "expected"),
    [
        ([PG.Partnership, ORG.Organization], IRI + "p", "partnership"),
        ([ORG.OrganizationalCollaboration, ORG.Organization], IRI + "p", "partnership"),
        ([CV.PublicOrganisation], IRI + "k", "organisation"),
        ([ORG.OrganizationalUnit, ORG.Organization], IRI + "u", "unit"),
        ([FOAF.Document], IRI + "d", "document"),
        ([PG.Agreement, FOAF.Document], IRI + "a", "agreement"),
        ([], str(SDG) + "17.17", "sdg"),
        ([RDF.Property], IRI + "x", "other"),
    ],
)
def test_a_thing_gets_the_kind_of_its_most_specific_class(
    types: list[URIRef], iri: str, expected: str
) -> None:
    assert kind_of(iri, types) == expected


def test_the_sites_picture_orders_same_named_neighbours_by_iri_not_by_insertion() -> None:
    """Neighbours with the same kind and name used to keep the graph's insertion order, which
    follows set order and so PYTHONHASHSEED: the same data drew different pictures."""
    import networkx as nx

    def drawn_with(order: list[str]) -> str:
        graph = nx.Graph()
        graph.add_node(IRI + "centre", type="partnership", label="Centre")
        for local in order:
            graph.add_node(IRI + local, type="organisation", label="Same name")
            graph.add_edge(IRI + "centre", IRI + local)
        markup, _, _ = network_svg(graph, IRI + "centre", "da", lambda iri: iri)
        return markup

    forwards = drawn_with(["a", "b", "c", "d"])
    assert drawn_with(["d", "b", "a", "c"]) == forwards == drawn_with(["c", "d", "b", "a"])
    assert forwards.index(IRI + "a") < forwards.index(IRI + "b") < forwards.index(IRI + "d")
