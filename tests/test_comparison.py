"""Comparing municipalities: the three comparison queries agree with the graph, counted by hand.

The answers are checked against a count made in Python straight from the triples of generated
data for five municipalities, so a query that joins the wrong way (counting a municipality as its
own partner, or a partnership twice because two sources cite it) fails here.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

import partnergraph
from partnergraph.io.results import SelectResult
from partnergraph.rdf.namespaces import PG


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("five") / "data"
    command = ["generate", "-n", "5", "--seed", "3", "-o", str(folder)]
    subprocess.run(
        [sys.executable, "-m", "partnergraph.cli", *command],
        check=True,
        capture_output=True,
    )
    return folder


@pytest.fixture(scope="module")
def kg(generated: Path) -> partnergraph.PartnerGraph:
    return partnergraph.load(generated)


@pytest.fixture(scope="module")
def triples(kg: partnergraph.PartnerGraph) -> Dataset:
    return kg.dataset


def _name(data: Dataset, node: URIRef) -> str:
    names = {str(o) for o in data.objects(node, SKOS.prefLabel) if o.language == "da"}
    return min(names)


def _owners(data: Dataset) -> dict[URIRef, set[URIRef]]:
    """Each partnership's municipalities: the publishers of the sources that describe it."""
    owners: dict[URIRef, set[URIRef]] = defaultdict(set)
    for partnership in set(data.subjects(RDF.type, PG.Partnership)):
        for source in data.objects(partnership, DCTERMS.source):
            owners[partnership].update(data.objects(source, DCTERMS.publisher))
    return owners


def _rows(kg: partnergraph.PartnerGraph, name: str) -> list[dict[str, str]]:
    result = kg.query(name, lang="da")
    assert isinstance(result, SelectResult)
    return [
        {v: ("" if c is None else str(c)) for v, c in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def test_shared_partners_are_the_organisations_of_two_or_more_municipalities(
    kg: partnergraph.PartnerGraph, triples: Dataset
) -> None:
    municipalities: dict[URIRef, set[URIRef]] = defaultdict(set)
    for partnership, owners in _owners(triples).items():
        for member in triples.objects(partnership, ORG.hasMember):
            municipalities[member].update(o for o in owners if o != member)
    expected = {
        _name(triples, member): sorted(_name(triples, o) for o in owners)
        for member, owners in municipalities.items()
        if len(owners) >= 2
    }
    rows = _rows(kg, "shared-partners")
    assert expected, "five generated municipalities share no partner: the check would be empty"
    assert {r["partner"]: sorted(r["municipalities"].split("; ")) for r in rows} == expected
    assert all(int(r["count"]) == len(expected[r["partner"]]) for r in rows)
    counts = [int(r["count"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_partnerships_per_municipality_add_up_to_each_municipalitys_partnerships(
    kg: partnergraph.PartnerGraph, triples: Dataset
) -> None:
    per_owner: dict[str, int] = defaultdict(int)
    for owners in _owners(triples).values():
        for owner in owners:
            per_owner[_name(triples, owner)] += 1
    totals: dict[str, int] = defaultdict(int)
    for row in _rows(kg, "partnerships-per-municipality"):
        totals[row["municipality"]] += int(row["partnerships"])
    assert dict(totals) == dict(per_owner)
    assert len(per_owner) == 5


def test_theme_municipalities_names_every_municipality_whose_partnerships_touch_the_theme(
    kg: partnergraph.PartnerGraph, triples: Dataset
) -> None:
    themes: dict[str, set[str]] = defaultdict(set)
    owners = _owners(triples)
    for partnership, who in owners.items():
        own = [
            *triples.objects(partnership, PG.hasTheme),
            *triples.objects(partnership, PG.hasFocusArea),
        ]
        broad = {c for t in own for c in triples.objects(t, SKOS.broadMatch)}
        broad |= set(triples.objects(partnership, DCTERMS.subject))
        for theme in broad:
            if (theme, RDF.type, PG.CrossCuttingTheme) in triples:
                themes[_name(triples, theme)].update(_name(triples, o) for o in who)
    rows = _rows(kg, "theme-municipalities")
    assert {r["theme"]: set(r["municipalities"].split("; ")) for r in rows} == themes
    assert all(int(r["count"]) == len(themes[r["theme"]]) for r in rows)


def test_every_partnership_row_says_whose_partnership_it_is(kg: partnergraph.PartnerGraph) -> None:
    rows = _rows(kg, "partnerships")
    assert rows and all(r["municipality"].endswith("Kommune") for r in rows)
    formal = _rows(kg, "formal-partnerships")
    assert formal and all(r["municipality"] and r["municipality"] != r["partner"] for r in formal)
