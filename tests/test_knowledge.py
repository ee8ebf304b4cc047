"""The layers below the facade work from a :class:`Knowledge` alone, with the same answers the
:class:`PartnerGraph` verbs give: the facade adds verbs, never behaviour."""

from __future__ import annotations

import datetime as dt

import pytest

import partnergraph
from partnergraph.core.errors import ParameterError
from partnergraph.network.projections import build
from partnergraph.query.actions import needs_action
from partnergraph.query.diff import diff
from partnergraph.query.knowledge import Knowledge
from partnergraph.views.agenda import agenda
from partnergraph.views.figure import figure
from partnergraph.views.report import report

DAY = dt.date(2026, 12, 6)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge.load(store="memory")


@pytest.fixture(scope="module")
def kg(knowledge: Knowledge) -> partnergraph.PartnerGraph:
    return partnergraph.PartnerGraph(knowledge.store)


def test_load_gives_the_class_it_is_called_on(knowledge: Knowledge) -> None:
    assert type(knowledge) is Knowledge
    assert isinstance(partnergraph.load(store="memory"), partnergraph.PartnerGraph)


def test_the_facade_is_knowledge_plus_the_verbs_of_the_layers_above() -> None:
    own = {n for n in vars(partnergraph.PartnerGraph) if not n.startswith("_")}
    assert issubclass(partnergraph.PartnerGraph, Knowledge)
    assert own == {"network", "overview", "viz", "report"}  # nothing of Knowledge is overridden


def test_a_network_from_knowledge_is_the_facades_network(
    knowledge: Knowledge, kg: partnergraph.PartnerGraph
) -> None:
    alone = build(knowledge, "collaboration", "en", "2024-10-01", "Reno Djurs", 1)
    facade = kg.network(lang="en", as_of="2024-10-01", focus="Reno Djurs", depth=1)
    assert sorted(alone.nodes(data=True)) == sorted(facade.nodes(data=True))
    assert sorted(alone.edges(data=True)) == sorted(facade.edges(data=True))
    assert 1 < alone.number_of_nodes() < build(knowledge).number_of_nodes()


def test_a_network_date_that_is_no_date_is_the_same_one_line_error(
    knowledge: Knowledge, kg: partnergraph.PartnerGraph
) -> None:
    with pytest.raises(ParameterError) as alone:
        build(knowledge, as_of="1. oktober")
    with pytest.raises(ParameterError) as facade:
        kg.network(as_of="1. oktober")
    assert str(alone.value) == str(facade.value)
    assert "1. oktober" in str(alone.value) and "\n" not in str(alone.value)


def test_views_from_knowledge_say_what_the_facade_says(
    knowledge: Knowledge, kg: partnergraph.PartnerGraph
) -> None:
    assert needs_action(knowledge, DAY) == needs_action(kg, DAY)
    assert needs_action(knowledge.store, DAY) == needs_action(kg, DAY)
    assert agenda(knowledge, as_of=DAY) == agenda(kg, as_of=DAY)
    assert b"<svg" in figure(knowledge, "actors", as_of=DAY)
    written = report(knowledge, "md", as_of=DAY, sections=["action"])
    assert written == kg.report("md", as_of=DAY.isoformat(), sections=["action"])
    assert written.strip()


def test_two_editions_compare_as_knowledge(knowledge: Knowledge) -> None:
    assert diff(knowledge, knowledge).changes == ()
