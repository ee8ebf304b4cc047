"""An OWL reasoner reads the data as we mean it: no standard vocabulary's axioms contradict it.

The ontology reuses W3C ORG, PROV-O, SKOS and DCAT; their domains and ranges are promises a
reasoner keeps. ``org:unitOf`` has the range ``org:FormalOrganization``, so a forum stated as a
unit of a partnership would make the partnership a legal entity: the opposite of what
``org:OrganizationalCollaboration`` says. This closes ontology, data and those axioms
(tests/fixtures/reasoning/standard-axioms.ttl) under OWL 2 RL and checks what must stay apart.
"""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from rdflib import Graph
from rdflib.namespace import ORG, RDF, SKOS

from partnergraph.io.loading import input_files
from partnergraph.rdf.namespaces import PG

AXIOMS = Path(__file__).parent / "fixtures" / "reasoning" / "standard-axioms.ttl"


@pytest.fixture(scope="module")
def closure() -> Graph:
    graph = Graph()
    for path in input_files():
        graph.parse(path)
    graph.parse(AXIOMS)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def _typed(graph: Graph, *classes: object) -> set[object]:
    found = set(graph.subjects(RDF.type, classes[0]))
    for cls in classes[1:]:
        found &= set(graph.subjects(RDF.type, cls))
    return found


def test_the_closure_is_not_empty_and_did_infer(closure: Graph) -> None:
    # a forum's members are agents by org:hasMember's range: the reasoner ran
    assert _typed(closure, PG.Partnership)
    assert (PG.Partnership, None, None) in closure
    assert _typed(closure, ORG.Organization) > _typed(closure, PG.Partnership)


def test_no_partnership_becomes_a_formal_organisation(closure: Graph) -> None:
    assert _typed(closure, PG.Partnership, ORG.FormalOrganization) == set()


def test_the_companies_are_formal_organisations_and_their_collaborations_are_not(
    closure: Graph,
) -> None:
    """Reno Djurs, Aqua Djurs and Aarhus Airport are companies; each runs a collaboration
    (pg:operatedBy), whose range makes the company, and only the company, a legal entity."""
    operated = set(closure.subject_objects(PG.operatedBy))
    companies = {company for _, company in operated}
    assert {str(c).rsplit("/", 1)[1] for c in companies} == {
        "reno-djurs",
        "aqua-djurs",
        "aarhus-airport",
    }
    assert companies <= _typed(closure, ORG.FormalOrganization)
    assert not companies & _typed(closure, PG.Partnership)
    assert {c for c, _ in operated} <= _typed(closure, PG.Partnership)


def test_no_forum_becomes_a_unit_or_a_formal_organisation(closure: Graph) -> None:
    assert _typed(closure, PG.Forum, ORG.FormalOrganization) == set()
    assert _typed(closure, PG.Forum, ORG.OrganizationalUnit) == set()


def test_nothing_is_both_an_organisation_and_a_concept(closure: Graph) -> None:
    assert _typed(closure, ORG.Organization, SKOS.Concept) == set()


def test_nothing_is_both_a_concept_and_a_concept_scheme(closure: Graph) -> None:
    assert _typed(closure, SKOS.Concept, SKOS.ConceptScheme) == set()


@pytest.mark.slow
def test_the_reasoner_would_have_caught_a_forum_as_a_unit_of_a_partnership(
    closure: Graph,
) -> None:
    """The check above can fail: the old modelling, one forum as org:unitOf, is caught."""
    graph = Graph()
    for triple in closure:
        graph.add(triple)
    forum = next(iter(_typed(closure, PG.Forum)))
    partnership = closure.value(forum, PG.forumOf)
    graph.add((forum, ORG.unitOf, partnership))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert _typed(graph, PG.Partnership, ORG.FormalOrganization) == {partnership}
