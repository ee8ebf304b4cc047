"""shared-themes' ``min`` threshold: answered in the engine, the same as filtering afterwards."""

from __future__ import annotations

import pytest
from rdflib import Literal

import partnergraph
from partnergraph.engine.sparql import bind_as_values


def _rows(
    kg: partnergraph.PartnerGraph, **params: str
) -> list[tuple[str, str, int, frozenset[str]]]:
    result = kg.query("shared-themes", lang="da", **params)
    return [
        (str(a), str(b), int(n), frozenset(str(t).split("; ")))  # type: ignore[arg-type]
        for a, b, n, t in result.rows
    ]


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_min_keeps_exactly_the_pairs_sharing_that_many_themes(store: str) -> None:
    kg = partnergraph.load(store=store)
    everything = _rows(kg)
    assert everything == _rows(kg, min="1")
    counts = sorted({n for _, _, n, _ in everything})
    assert len(counts) > 1  # the bundled data has pairs sharing one theme and pairs sharing more
    for threshold in (*counts, counts[-1] + 1):
        assert _rows(kg, min=str(threshold)) == [r for r in everything if r[2] >= threshold]


def test_min_is_refused_when_not_a_whole_number() -> None:
    kg = partnergraph.load()
    with pytest.raises(partnergraph.ParameterError):
        kg.query("shared-themes", min="tre")


def test_a_parameter_used_inside_a_sub_select_is_bound_there_too() -> None:
    text = (
        "SELECT ?s WHERE {\n"
        '  { SELECT ?s WHERE { ?s ?p "?min } # { SELECT" } GROUP BY ?s\n'
        "    HAVING (COUNT(*) >= MIN(?min)) }\n"
        "  { SELECT ?o WHERE { ?s ?p ?o } }\n"
        "  FILTER(?s != ?lang)\n"
        "}"
    )
    bound = bind_as_values(text, {"min": Literal(2), "lang": Literal("da")})
    # one block for the whole query, one in the sub-SELECT that uses ?min, none elsewhere
    assert bound.count("VALUES (?min ?lang)") == 1
    assert bound.count("VALUES (?min)") == 1
    assert bound.index("VALUES (?min)") < bound.index('"?min } # { SELECT"')
    assert "{ SELECT ?o WHERE { ?s ?p ?o } }" in bound


@pytest.mark.parametrize("projection", ["themes", "actors"])
def test_min_weight_keeps_every_node_and_exactly_the_heavier_edges(projection: str) -> None:
    kg = partnergraph.load()
    full = kg.network(projection)
    weights = sorted({w for _, _, w in full.edges(data="weight")})
    assert len(weights) > 1
    for threshold in weights[1:]:
        cut = kg.network(projection, min_weight=threshold)
        assert dict(cut.nodes(data=True)) == dict(full.nodes(data=True))
        expected = {(u, v): d for u, v, d in full.edges(data=True) if d["weight"] >= threshold}
        assert {(u, v): d for u, v, d in cut.edges(data=True)} == expected


def test_min_weight_below_one_is_refused() -> None:
    with pytest.raises(partnergraph.ParameterError):
        partnergraph.load().network("themes", min_weight=0)
