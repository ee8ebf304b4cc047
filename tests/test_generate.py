"""Synthetic multi-municipality data that follows the ontology and shapes.

The generated data is checked the way the real data is: loaded with ``partnergraph.load``,
validated against the SHACL shapes, queried with the named queries. Besides that: it is
reproducible, it scales linearly, partner popularity is skewed, every minted IRI is under
example.org, and the folder handling never clobbers anything or leaves half a file behind.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, RDF, SKOS

import partnergraph
from partnergraph.io.loading import ontology_files
from partnergraph.rdf.namespaces import PREFIXES
from partnergraph.synthetic.block import Block
from partnergraph.synthetic.generate import (
    DESCRIPTION,
    MANIFEST_NAME,
    SYNTHETIC_BASE,
    GeneratedDataset,
    escape_literal,
    generate,
)
from partnergraph.synthetic.plan import Municipality
from partnergraph.synthetic.tables import (
    IMC_TEMPLATES,
    INSTRUMENTS,
    PARTNER_TYPES,
    RELATED_TARGET,
    THEMES,
    TWIN_ITEMS,
    UNITS,
)

# the module itself, whatever the package may export under the name "generate"
generate_module = importlib.import_module("partnergraph.synthetic.generate")

REPO = Path(__file__).absolute().parents[1]
PG = "https://w3id.org/partnergraph/ontology#"
PGID = "https://w3id.org/partnergraph/id/"
MUNICIPALITY = URIRef(PGID + "kind-municipality")


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (hidden ones too) with its content."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def parse_all(result: GeneratedDataset) -> Graph:
    graph = Graph()
    for path in result.files:
        graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> GeneratedDataset:
    return generate(tmp_path_factory.mktemp("small") / "out", 3, seed=11)


@pytest.fixture(scope="module")
def small_graph(small: GeneratedDataset) -> partnergraph.PartnerGraph:
    return partnergraph.load([small.output_dir])


# --- reproducible, and growing linearly -------------------------------------------------------


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 4, seed=5)
    second = generate(tmp_path / "b", 4, seed=5)
    assert [p.name for p in first.files] == [p.name for p in second.files]
    assert folder_bytes(tmp_path / "a") == folder_bytes(tmp_path / "b")
    assert first.counts == second.counts
    assert first.triples == second.triples


@pytest.mark.slow
def test_the_output_does_not_depend_on_python_hash_randomisation(tmp_path: Path) -> None:
    script = (
        "import sys; from partnergraph.synthetic.generate import generate; "
        "generate(sys.argv[1], 3, 9)"
    )
    for hash_seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        command = [sys.executable, "-c", script, str(tmp_path / hash_seed)]
        subprocess.run(command, env=environment, check=True)
    assert folder_bytes(tmp_path / "1") == folder_bytes(tmp_path / "2")


def folder_digest(folder: Path) -> str:
    """One SHA-256 over every file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for name, content in folder_bytes(folder).items():
        digest.update(name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


# Made by generate before it was split into a package (partnergraph 0.1.0 development), then
# on purpose: an inter-municipal body of a region with one generated municipality says its
# parties are incomplete (pg:partiesIncomplete), and forums are pg:forumOf their partnership.
# A change here means the same seed now gives other data: make it on purpose, and say so in
# CHANGELOG.md.
PINNED_DIGESTS = {
    (3, 11, "nt"): "2e429716a454cbaa1a0a6d3384faf51b99f61591cd0aa3157c718791f17c4202",
    (2, 3, "ttl"): "a76066ccfdd35564666b25923f170ff1e56728ab0d70cc2472202cdc9cc05659",
}


@pytest.mark.parametrize(("municipalities", "seed", "fmt"), sorted(PINNED_DIGESTS))
def test_a_seed_gives_the_same_bytes_as_in_earlier_versions(
    tmp_path: Path, municipalities: int, seed: int, fmt: str
) -> None:
    generate(tmp_path / "out", municipalities, seed, fmt=fmt)
    assert folder_digest(tmp_path / "out") == PINNED_DIGESTS[(municipalities, seed, fmt)]


def test_a_different_seed_gives_different_data(tmp_path: Path) -> None:
    generate(tmp_path / "a", 4, seed=5)
    generate(tmp_path / "b", 4, seed=6)
    first, second = folder_bytes(tmp_path / "a"), folder_bytes(tmp_path / "b")
    assert first["synthetic-facts-0001.nt"] != second["synthetic-facts-0001.nt"]


def test_triple_count_grows_linearly_with_the_number_of_municipalities(tmp_path: Path) -> None:
    two = generate(tmp_path / "two", 2, seed=1)
    eight = generate(tmp_path / "eight", 8, seed=1)
    assert 3.0 <= eight.triples / two.triples <= 5.0
    for result in (two, eight):
        assert 700 <= result.triples_per_municipality <= 1400, result.triples_per_municipality
    assert eight.counts["municipalities"] == 8


def test_turtle_and_n_triples_hold_the_same_graph(tmp_path: Path) -> None:
    nt = generate(tmp_path / "nt", 2, seed=3, fmt="nt")
    ttl = generate(tmp_path / "ttl", 2, seed=3, fmt="ttl")
    assert {p.suffix for p in ttl.files} == {".ttl"}
    assert nt.triples == ttl.triples

    def data(result: GeneratedDataset) -> Graph:  # dataset.ttl names the files, so it differs
        graph = Graph()
        for path in result.files:
            if path.name != "dataset.ttl":
                graph.parse(path)
        return graph

    assert isomorphic(data(nt), data(ttl))


def test_large_outputs_are_split_into_files_without_losing_triples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate_module, "TRIPLES_PER_FILE", 500)
    result = generate(tmp_path / "split", 4, seed=2)
    facts = [p.name for p in result.files if p.name.startswith("synthetic-facts-")]
    assert len(facts) >= 3
    assert len(parse_all(result)) == result.triples


# --- it is partnergraph data: loads, conforms, answers the named queries ---------------------


def test_a_small_dataset_loads_and_conforms_to_the_shapes(
    small: GeneratedDataset, small_graph: partnergraph.PartnerGraph
) -> None:
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path)
    # every triple written once and counted, none a copy of the shared vocabularies
    assert len(small_graph) == len(ontology) + small.triples
    report = small_graph.validate(lang="en")
    if not report.conforms:
        for thing, issues in report.by_focus().items():
            print(thing)
            for issue in issues:
                print("   ", issue.path, issue.value, issue.message)
    assert report.conforms


@pytest.mark.parametrize(
    "name",
    [
        "partnerships",
        "renewals-due",
        "governance",
        "shared-themes",
        "actors",
        "timeline",
        "sdg-links",
    ],
)
def test_the_named_queries_return_rows(small_graph: partnergraph.PartnerGraph, name: str) -> None:
    result = small_graph.query(name, lang="en")
    assert result.rows, f"{name} returned no rows"


def test_the_stakeholders_query_finds_the_parties_of_a_generated_partnership(
    small_graph: partnergraph.PartnerGraph,
) -> None:
    partnership = next(
        iter(small_graph.dataset.subjects(RDF.type, URIRef(PG + "Partnership"))), None
    )
    assert partnership is not None
    rows = small_graph.query("stakeholders", partnership=str(partnership), lang="en").as_dicts()
    assert any(row["involvement"] == "party" for row in rows)


def test_the_generated_data_has_what_the_real_data_has(small: GeneratedDataset) -> None:
    counts = small.counts
    for kind in (
        "units",
        "formal partnerships",
        "strategic partnerships",
        "twin-town partnerships",
        "inter-municipal collaborations",
        "agreements",
        "action plans",
        "action plan items",
        "themes",
        "focus areas",
        "forums",
        "memberships",
        "decisions",
        "strategy documents",
    ):
        assert counts.get(kind, 0) > 0, kind
    graph = parse_all(small)
    replaced = list(graph.subject_objects(URIRef("http://purl.org/dc/terms/replaces")))
    assert replaced, "no agreement replaces another"
    proposed = set(graph.subjects(URIRef(PG + "status"), URIRef(PGID + "status-proposed")))
    assert proposed, "no proposed next agreement"
    datatypes = {
        o.datatype
        for o in graph.objects(None, URIRef("http://www.w3.org/ns/dcat#startDate"))
        if isinstance(o, Literal)
    }
    assert len(datatypes) >= 2, "dates should come in mixed precision"


def test_partner_popularity_is_skewed(tmp_path: Path) -> None:
    graph = parse_all(generate(tmp_path / "thirty", 30, seed=0))
    municipalities = set(graph.subjects(ORG.classification, MUNICIPALITY))
    partnerships: Counter[URIRef] = Counter()
    for partnership in graph.subjects(RDF.type, URIRef(PG + "Partnership")):
        for member in graph.objects(partnership, ORG.hasMember):
            if member not in municipalities and isinstance(member, URIRef):
                partnerships[member] += 1
    counts = sorted(partnerships.values(), reverse=True)
    assert len(counts) >= 10
    assert counts[0] >= 3 * statistics.median(counts), counts


# --- never mistaken for real data ---------------------------------------------------------------


def test_every_minted_iri_is_under_example_org(small: GeneratedDataset) -> None:
    graph = parse_all(small)
    vocabularies = Graph().parse(REPO / "ontology" / "vocabularies.ttl")
    known_shared = {s for s in vocabularies.subjects() if isinstance(s, URIRef)}
    sdg = Graph().parse(REPO / "ontology" / "sdg.ttl")
    known_sdg = {s for s in sdg.subjects() if isinstance(s, URIRef)}
    for s, _p, o in graph:
        if isinstance(s, URIRef):
            assert str(s).startswith(SYNTHETIC_BASE), s
        if isinstance(o, URIRef) and str(o).startswith(PGID):
            assert o in known_shared, f"{o} is not in the shared vocabularies"
        if isinstance(o, URIRef) and str(o).startswith("http://metadata.un.org/sdg/"):
            assert o in known_sdg, f"{o} is not in ontology/sdg.ttl"


def test_the_dataset_description_says_the_data_is_synthetic(small: GeneratedDataset) -> None:
    description = Graph().parse(small.output_dir / "dataset.ttl")
    dataset = URIRef(SYNTHETIC_BASE + "dataset")
    descriptions = set(description.objects(dataset, URIRef("http://purl.org/dc/terms/description")))
    assert Literal(DESCRIPTION) in descriptions
    names = {str(o) for o in parse_all(small).objects(None, SKOS.prefLabel)}
    assert not {"Norddjurs Kommune", "Aarhus Universitet", "Halmstad Kommune"} & names


def test_the_theme_targets_table_agrees_with_the_shared_vocabularies() -> None:
    vocabularies = Graph().parse(REPO / "ontology" / "vocabularies.ttl")
    in_vocabularies = {
        str(theme).removeprefix(PGID + "theme-"): target
        for theme, target in vocabularies.subject_objects(SKOS.relatedMatch)
        if str(theme).startswith(PGID + "theme-")
    }
    in_table = {
        theme: URIRef(PREFIXES["sdg"] + target.removeprefix("sdg:"))
        for theme, target in RELATED_TARGET.items()
    }
    assert in_table == in_vocabularies


def test_the_tables_name_only_themes_and_kinds_of_the_shared_vocabularies() -> None:
    vocabularies = Graph().parse(REPO / "ontology" / "vocabularies.ttl")
    known = {str(s).removeprefix(PGID) for s in vocabularies.subjects() if isinstance(s, URIRef)}
    themes = {t for table in (THEMES, TWIN_ITEMS) for _da, _en, matched in table for t in matched}
    themes |= {t for *_rest, matched in INSTRUMENTS for t in matched}
    themes |= {t for *_rest, matched in IMC_TEMPLATES for t in matched}
    kinds = {kind for units in UNITS.values() for _k, _n, _e, _s, kind, _d, _f in units}
    kinds |= set(PARTNER_TYPES) | {kind for _k, _d, _s, kind, _c, _t in IMC_TEMPLATES}
    assert themes and kinds
    assert {f"theme-{t}" for t in themes} <= known
    assert {f"kind-{k}" for k in kinds} <= known


def test_literals_are_escaped_as_n_triples_requires() -> None:
    tricky = 'a "quoted" back\\slash\nnew line\rreturn'
    line = f'<{SYNTHETIC_BASE}x> <{SYNTHETIC_BASE}p> "{escape_literal(tricky)}"@da .\n'
    assert "\n" not in line[:-1]
    parsed = Graph().parse(data=line, format="nt")
    assert list(parsed.objects()) == [Literal(tricky, lang="da")]


# --- the folder: refused when foreign, replaced when ours, never left half-written -----------


@pytest.mark.parametrize("municipalities", [0, -3, 10_001, 10**12])
def test_a_count_outside_one_to_ten_thousand_is_refused(
    tmp_path: Path, municipalities: int
) -> None:
    with pytest.raises(ValueError, match="from 1 to 10,000"):
        generate(tmp_path / "out", municipalities)
    assert not (tmp_path / "out").exists()


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format"):
        generate(tmp_path / "out", 1, fmt="jsonld")


def test_a_folder_holding_other_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="not written by partnergraph generate"):
        generate(tmp_path, 1)
    assert folder_bytes(tmp_path) == {"notes.txt": b"mine"}


def test_a_foreign_file_beside_a_previous_output_is_refused(tmp_path: Path) -> None:
    generate(tmp_path, 1)
    (tmp_path / "mine.ttl").write_text("# mine\n", encoding="utf-8")
    before = folder_bytes(tmp_path)
    with pytest.raises(ValueError, match=r"mine\.ttl"):
        generate(tmp_path, 2)
    assert folder_bytes(tmp_path) == before


def test_a_previous_output_is_replaced_without_stale_files(tmp_path: Path) -> None:
    generate(tmp_path, 2, fmt="nt")
    result = generate(tmp_path, 2, fmt="ttl")
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {p.name for p in result.files} | {MANIFEST_NAME}
    assert not any(name.endswith(".nt") for name in names)
    assert len(partnergraph.load([tmp_path])) > result.triples


def _fail_on_third_municipality(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make generate fail at its third municipality; returns the temporary files seen then."""
    original = generate_module.write_municipality
    seen: list[str] = []

    def failing(block: Block, municipality: Municipality) -> None:
        if municipality.index == 2:
            folder = block.facts.staging.folder
            seen.extend(p.name for p in folder.iterdir() if p.name.endswith(".part"))
            raise RuntimeError("simulated failure mid-write")
        original(block, municipality)

    monkeypatch.setattr(generate_module, "write_municipality", failing)
    return seen


def test_a_failure_mid_write_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = _fail_on_third_municipality(monkeypatch)
    with pytest.raises(RuntimeError, match="simulated"):
        generate(tmp_path / "new", 5)
    assert temporary, "the failure should come while files are being written"
    assert not (tmp_path / "new").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuntimeError, match="simulated"):
        generate(tmp_path / "empty", 5)
    assert list((tmp_path / "empty").iterdir()) == []


def test_a_failure_mid_write_keeps_the_previous_output_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 2, seed=1)
    before = folder_bytes(tmp_path)
    _fail_on_third_municipality(monkeypatch)
    with pytest.raises(RuntimeError, match="simulated"):
        generate(tmp_path, 5, seed=2)
    assert folder_bytes(tmp_path) == before
