"""The bundled SDG subset (ontology/sdg.ttl) is well formed and faithful to the UN SDG KOS."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

REPO = Path(__file__).absolute().parents[1]
SUBSET_FILE = REPO / "ontology" / "sdg.ttl"
BUILDER = REPO / "scripts" / "build_sdg.py"
# In CI the repository is cloned with shared/ beside it.
UN_VOCAB = (
    Path(__file__).absolute().parents[2] / "shared/vocab/sdg-kos-goals-targets-indicators.ttl"
)

SDG_BASE = "http://metadata.un.org/sdg/"
SDG = Namespace(SDG_BASE)
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")

EXPECTED_GOALS = {"4", "8", "9", "13", "16", "17"}
EXPECTED_TARGETS = {f"17.{n}" for n in range(1, 20)} | {
    "4.4",
    "8.3",
    "8.9",
    "9.1",
    "9.5",
    "13.2",
    "16.7",
}
# Official UN codes: no zero padding ("4", "17.1", never "04" or "17.01").
UNPADDED_CODE = re.compile(r"[1-9][0-9]*(\.([1-9][0-9]*|[a-z]))?")


@pytest.fixture(scope="module")
def subset() -> Graph:
    graph = Graph()
    graph.parse(SUBSET_FILE, format="turtle")
    return graph


@pytest.fixture(scope="module")
def un_kos() -> Graph:
    if not UN_VOCAB.is_file():
        pytest.skip(f"UN SDG KOS not available at {UN_VOCAB} (no shared/ beside the repository)")
    graph = Graph()
    graph.parse(UN_VOCAB, format="turtle")
    return graph


def items(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}


def code(item: Node) -> str:
    return str(item).removeprefix(SDG_BASE)


def labels(graph: Graph, item: URIRef, lang: str) -> set[str]:
    return {
        str(o)
        for o in graph.objects(item, SKOS.prefLabel)
        if isinstance(o, Literal) and o.language == lang
    }


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_sdg", BUILDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_subset_file_says_it_is_generated_and_must_not_be_edited() -> None:
    head = SUBSET_FILE.read_text(encoding="utf-8")[:400]
    assert head.startswith("#")
    assert "scripts/build_sdg.py" in head
    assert "do not edit by hand" in head


def test_subset_parses_and_holds_exactly_the_agreed_goals_and_targets(subset: Graph) -> None:
    goals = {code(s) for s in subset.subjects(RDF.type, SDGO.Goal)}
    targets = {code(s) for s in subset.subjects(RDF.type, SDGO.Target)}
    assert goals == EXPECTED_GOALS
    assert targets == EXPECTED_TARGETS
    assert not set(subset.subjects(RDF.type, SDGO.Indicator))


def test_goal_17_has_exactly_its_19_targets_each_broader_goal_17(subset: Graph) -> None:
    expected = {SDG[f"17.{n}"] for n in range(1, 20)}
    assert set(subset.subjects(SKOS.broader, SDG["17"])) == expected
    assert set(subset.objects(SDG["17"], SKOS.narrower)) == expected
    for target in expected:
        assert set(subset.objects(target, SKOS.broader)) == {SDG["17"]}


def test_every_target_is_narrower_than_exactly_its_own_goal(subset: Graph) -> None:
    for target in subset.subjects(RDF.type, SDGO.Target):
        assert isinstance(target, URIRef)
        goal = SDG[code(target).split(".")[0]]
        assert set(subset.objects(target, SKOS.broader)) == {goal}
        assert (goal, SKOS.narrower, target) in subset


def test_every_item_is_a_goal_or_target_and_a_skos_concept(subset: Graph) -> None:
    subjects = {s for s in subset.subjects() if isinstance(s, URIRef)}
    assert subjects == items(subset)
    for item in subjects:
        kinds = set(subset.objects(item, RDF.type))
        assert kinds in ({SDGO.Goal, SKOS.Concept}, {SDGO.Target, SKOS.Concept}), item


def test_every_item_has_one_english_preflabel_notation_and_un_source(subset: Graph) -> None:
    for item in items(subset):
        assert len(labels(subset, item, "en")) == 1, item
        assert set(subset.objects(item, SKOS.notation)), item
        assert (item, DCTERMS.source, URIRef(SDG_BASE)) in subset


def test_goal_17_and_target_17_17_have_danish_preflabels(subset: Graph) -> None:
    assert labels(subset, SDG["17"], "da") == {"Partnerskaber for handling"}
    assert len(labels(subset, SDG["17.17"], "da")) == 1
    assert Literal("Verdensmål 17", lang="da") in set(subset.objects(SDG["17"], SKOS.altLabel))


def test_item_iris_are_official_unpadded_un_iris(subset: Graph) -> None:
    linked = set(subset.objects(None, SKOS.broader)) | set(subset.objects(None, SKOS.narrower))
    for iri in items(subset) | linked:
        assert str(iri).startswith(SDG_BASE), iri
        assert UNPADDED_CODE.fullmatch(code(iri)), iri


def test_every_item_and_type_in_subset_is_stated_in_the_un_kos(
    subset: Graph, un_kos: Graph
) -> None:
    for item in items(subset):
        for kind in subset.objects(item, RDF.type):
            assert (item, RDF.type, kind) in un_kos, (item, kind)


def test_english_labels_match_the_un_kos_exactly(subset: Graph, un_kos: Graph) -> None:
    for item in items(subset):
        assert labels(subset, item, "en") == labels(un_kos, item, "en"), item


def test_broader_links_and_notations_come_from_the_un_kos(subset: Graph, un_kos: Graph) -> None:
    for target, goal in subset.subject_objects(SKOS.broader):
        assert (target, SKOS.broader, goal) in un_kos
    for item, notation in subset.subject_objects(SKOS.notation):
        assert (item, SKOS.notation, notation) in un_kos


def test_rebuilding_from_the_un_kos_gives_a_byte_identical_file(
    un_kos: Graph, tmp_path: Path
) -> None:
    output = tmp_path / "sdg.ttl"
    builder = load_builder()
    assert builder.main(["--vocab", str(UN_VOCAB), "--output", str(output)]) == 0
    assert output.read_bytes() == SUBSET_FILE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["sdg.ttl"]  # no temporary file left behind
