"""The query library answers the memo's questions correctly, the same on two SPARQL engines.

Golden files (tests/golden/*.json, written by scripts/update_goldens.py and checked by hand
against the memo) hold the expected rows. Every query is also run on Oxigraph, an independent
SPARQL 1.1 engine, to prove the library uses no rdflib-only behaviour.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import partnergraph
from partnergraph.engine.sparql import bind_as_values
from partnergraph.io.loading import INPUT_FORMATS, bundled_data_files, graph_name, ontology_files
from partnergraph.io.results import SelectResult

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))
AGGREGATED = {"partners", "committees", "treatedBy", "themes"}
"""Columns made with GROUP_CONCAT, whose order inside a cell SPARQL leaves to the engine."""


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def oxigraph_store() -> ox.Store:
    store = ox.Store()
    formats = {"turtle": ox.RdfFormat.TURTLE}
    for path in [*ontology_files(), *bundled_data_files()]:
        fmt = formats[INPUT_FORMATS[path.suffix]]
        store.load(path=str(path), format=fmt, to_graph=ox.NamedNode(str(graph_name(path))))
    return store


def _cell(value: Any, column: str) -> Any:
    if value is None:
        return None
    text = str(value)
    if column in AGGREGATED:
        # An empty GROUP_CONCAT is "" in rdflib and unbound in Oxigraph: both mean "none".
        if not text:
            return None
        return frozenset(part for part in text.replace(", ", "; ").split("; ") if part)
    return text


def _normalise(variables: list[str], rows: list[list[Any]]) -> list[tuple[Any, ...]]:
    return [tuple(_cell(v, c) for v, c in zip(row, variables, strict=True)) for row in rows]


def _load_golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_every_query_of_the_library_has_golden_results(kg: partnergraph.PartnerGraph) -> None:
    covered = {_load_golden(p)["query"] for p in GOLDEN_FILES}
    assert covered == {q.name for q in kg.queries()}


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda p: p.stem)
def test_query_gives_the_golden_rows(kg: partnergraph.PartnerGraph, golden: Path) -> None:
    expected = _load_golden(golden)
    result = kg.query(expected["query"], expected["params"], lang=expected["lang"])
    assert isinstance(result, SelectResult)
    assert result.variables == expected["variables"]
    actual = [[None if c is None else str(c) for c in row] for row in result.rows]
    assert _normalise(result.variables, actual) == _normalise(
        expected["variables"], expected["rows"]
    )


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda p: p.stem)
def test_oxigraph_gives_the_same_rows_as_the_golden_file(
    kg: partnergraph.PartnerGraph, oxigraph_store: ox.Store, golden: Path
) -> None:
    expected = _load_golden(golden)
    named = kg.named_query(expected["query"])
    params = {**expected["params"], "lang": expected["lang"]}
    bindings = named.bindings(params, resolve=kg.resolve_as)
    text = bind_as_values(named.text, bindings)
    solutions = oxigraph_store.query(text, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    rows = [
        [None if s[v] is None else s[v].value for v in variables]  # type: ignore[union-attr]
        for s in solutions
    ]
    assert variables == expected["variables"]
    assert _normalise(variables, rows) == _normalise(expected["variables"], expected["rows"])


def test_renewals_due_before_2026_lists_au_via_and_the_halmstad_action_plan(
    kg: partnergraph.PartnerGraph,
) -> None:
    result = kg.query("renewals-due", lang="en", as_of="2026-01-01")
    assert isinstance(result, SelectResult)
    agreements = {row["agreement"] for row in result.as_dicts()}
    assert agreements == {
        "Renewed collaboration agreement with Aarhus University (2022–2025)",
        "Partnership agreement with VIA University College (2018)",
        "Action plan 2021–2024 with Halmstad Municipality",
    }


def test_renewals_due_defaults_to_the_as_of_date(kg: partnergraph.PartnerGraph) -> None:
    def names(**kwargs: str) -> set[str]:
        result = kg.query("renewals-due", lang="en", **kwargs)
        assert isinstance(result, SelectResult)
        return {r["agreement"] for r in result.as_dicts()}

    assert names(as_of="2025-01-01") == names(before="2025-01-01")
    assert names(as_of="2025-01-01") == {"Action plan 2021–2024 with Halmstad Municipality"}
    assert names(as_of="2026-01-01") == names(before="2026-01-01")
    assert len(names()) == 3  # today: everything the memo describes is due by now


def test_renewals_due_counts_a_year_by_its_last_day(kg: partnergraph.PartnerGraph) -> None:
    # The AU agreement runs "to the end of 2025": due before 2026-01-01, not before 2025-12-01
    # unless its successor's treatment ("autumn 2025", by November) comes first.
    late = kg.query("renewals-due", before="2025-12-31", lang="en")
    early = kg.query("renewals-due", before="2025-09-01", lang="en")
    assert isinstance(late, SelectResult) and isinstance(early, SelectResult)
    late_names = {r["agreement"] for r in late.as_dicts()}
    early_names = {r["agreement"] for r in early.as_dicts()}
    au = "Renewed collaboration agreement with Aarhus University (2022–2025)"
    assert au in late_names
    assert au not in early_names


def test_formal_partnerships_are_via_au_and_halmstad_with_their_start_years(
    kg: partnergraph.PartnerGraph,
) -> None:
    result = kg.query("formal-partnerships", lang="da")
    assert isinstance(result, SelectResult)
    pairs = {(r["partner"], r["began"]) for r in result.as_dicts()}
    assert pairs == {
        ("VIA University College", "2018"),
        ("Aarhus Universitet", "2018"),
        ("Halmstad Kommune", "2019"),
    }


def test_stakeholders_of_halmstad_include_stena_line(kg: partnergraph.PartnerGraph) -> None:
    result = kg.query("stakeholders", partnership="Halmstad", lang="en")
    assert isinstance(result, SelectResult)
    rows = result.as_dicts()
    assert {
        "organisation": "Stena Line",
        "unitOf": None,
        "involvement": "shared stakeholder",
        "detail": None,
    } in rows
