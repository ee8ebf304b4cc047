"""`stats` with many named graphs: no twin check it does not need, one overlap question, a
table a person can read and JSON that keeps every graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.engine.oxigraph import SET_UNION, OxigraphStore, overlap
from partnergraph.query.sources import graph_name
from partnergraph.query.stats import GRAPHS_SHOWN

runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": None})

ID = "https://w3id.org/partnergraph/id/"
GRAPH = "https://w3id.org/partnergraph/graph/"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
PARTNERSHIP = "<https://w3id.org/partnergraph/ontology#Partnership>"


def _many_graphs(folder: Path, graphs: int, *, shared: bool = False) -> Path:
    """One N-Quads file with ``graphs`` graphs, graph i holding i + 1 partnerships; with
    ``shared`` the first two graphs also state the same triple."""
    lines = []
    for g in range(graphs):
        for n in range(g + 1):
            node = f"<{ID}p-{g}-{n}>"
            lines.append(f"{node} {TYPE} {PARTNERSHIP} <{GRAPH}g{g:03}> .")
            lines.append(f'{node} {LABEL} "Partnerskab {g}.{n}"@da <{GRAPH}g{g:03}> .')
    if shared:
        for g in (0, 1):
            lines.append(f'<{ID}shared> {LABEL} "Fælles"@da <{GRAPH}g{g:03}> .')
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "many.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_stats_table_lists_the_largest_graphs_and_sums_up_the_rest(tmp_path: Path) -> None:
    data = _many_graphs(tmp_path / "data", GRAPHS_SHOWN + 7)
    table = runner.invoke(app, ["--data", str(data), "stats"])
    assert table.exit_code == 0, table.output
    counts = json.loads(runner.invoke(app, ["--data", str(data), "stats", "-f", "json"]).stdout)
    graphs = counts["graphs"]
    assert len(graphs) > GRAPHS_SHOWN + 7  # ours and the bundled ontology's: all in the JSON
    largest = sorted(graphs.items(), key=lambda item: (-item[1], item[0]))[:GRAPHS_SHOWN]
    others = len(graphs) - GRAPHS_SHOWN
    rest = counts["triples"] - sum(n for _, n in largest)
    out = table.stdout
    assert f"grafer: de {GRAPHS_SHOWN} største af {len(graphs)}" in out
    lines = out.splitlines()
    for name, n in largest:
        (line,) = [line for line in lines if f"│ {graph_name(name)} " in line]
        assert line.rstrip(" │").endswith(f" {n}")
    names = {graph_name(g) for g in graphs}
    first_cells = [line[2:].split(" ", 1)[0] for line in lines if line.startswith("│ ")]
    assert sum(cell in names for cell in first_cells) == GRAPHS_SHOWN
    (row,) = [line for line in lines if f"{others} andre grafer" in line]
    assert row.rstrip(" │").endswith(str(rest))


def test_stats_table_lists_every_graph_by_name_when_they_are_few() -> None:
    counts = json.loads(runner.invoke(app, ["stats", "-f", "json", "-l", "en"]).stdout)
    assert len(counts["graphs"]) <= GRAPHS_SHOWN
    out = runner.invoke(app, ["stats", "-l", "en"]).stdout
    assert "other graphs" not in out
    positions = [out.index(name.rsplit("/", 1)[-1] + " ") for name in sorted(counts["graphs"])]
    assert positions == sorted(positions)


def _stats(data: Path, store: str) -> partnergraph.PartnerGraph:
    return partnergraph.load([data], store=store)


def test_stats_of_overlapping_files_needs_no_set_union_and_counts_as_rdflib(
    tmp_path: Path,
) -> None:
    data = _many_graphs(tmp_path / "data", 4, shared=True)
    kg = _stats(data, "oxigraph")
    assert isinstance(kg.store, OxigraphStore)
    assert kg.stats(lang="en") == _stats(data, "memory").stats(lang="en")
    assert kg.store._union is False  # the overlap check never ran
    assert kg.store._set_union() is not None  # and the files do overlap


def test_stats_never_lists_the_hidden_set_union(tmp_path: Path) -> None:
    data = _many_graphs(tmp_path / "data", 4, shared=True)
    kg = _stats(data, "oxigraph")
    kg.query("formal-partnerships")  # a query over the default graph writes the set union
    assert isinstance(kg.store, OxigraphStore) and kg.store._union
    stats = kg.stats(lang="en")
    assert SET_UNION not in dict(stats.graphs)
    assert stats == _stats(data, "memory").stats(lang="en")


class _Counting:
    """A pyoxigraph store that counts the queries asked of it."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.queries = store, 0

    def query(self, text: str, **options: Any) -> Any:
        self.queries += 1
        return self.store.query(text, **options)

    def named_graphs(self) -> Any:
        return self.store.named_graphs()


def _store(graphs: int, shared: tuple[int, int] | None) -> ox.Store:
    store = ox.Store()
    for g in range(graphs):
        name = ox.NamedNode(f"{GRAPH}g{g}")
        for n in range(g + 1):
            node = ox.NamedNode(f"{ID}p-{g}-{n}")
            store.add(ox.Quad(node, ox.NamedNode(LABEL[1:-1]), ox.Literal(f"{g}.{n}"), name))
    if shared:
        for g in shared:
            triple = (ox.NamedNode(f"{ID}x"), ox.NamedNode(LABEL[1:-1]), ox.Literal("x"))
            store.add(ox.Quad(*triple, ox.NamedNode(f"{GRAPH}g{g}")))
    return store


@pytest.mark.parametrize(
    ("shared", "expected"),
    [(None, False), ((3, 17), True), ((0, 39), True)],
    ids=["none", "two-small-graphs", "with-the-largest"],
)
def test_overlap_is_one_question_however_many_graphs(
    shared: tuple[int, int] | None, expected: bool
) -> None:
    counting = _Counting(_store(40, shared))
    assert overlap(counting, f"{GRAPH}g39") is expected  # type: ignore[arg-type]
    assert counting.queries == 1


def test_standard_classes_are_counted_by_their_name() -> None:
    """The data names its own classes; skos:Concept and org:Organization get the names of the
    standard terms (ontology/term-labels.ttl), so no count in the table is a bare IRI."""
    names = {cls: label for cls, label, _ in partnergraph.load().stats(lang="da").classes}
    assert names["http://www.w3.org/2004/02/skos/core#Concept"] == "begreb"
    assert names["http://www.w3.org/ns/org#Organization"] == "organisation"
    assert names["https://w3id.org/partnergraph/ontology#Partnership"] == "partnerskab"
    english = {c: label for c, label, _ in partnergraph.load().stats(lang="en").classes}
    assert english["http://www.w3.org/2004/02/skos/core#Concept"] == "concept"
    assert all(label for label in names.values()), [c for c, n in names.items() if not n]


def test_graphs_are_counted_under_their_sources_titles() -> None:
    """A reader sees "Fakta fra notatet", not a graph's IRI; the JSON keeps both."""
    danish = partnergraph.load().stats(lang="da")
    _, rows = danish.graph_rows()
    by_name = {name: source for name, source, _ in rows}
    assert by_name["norddjurs"] == "Fakta fra notatet"
    assert by_name["norddjurs-editorial"].startswith("Redaktionelle tilføjelser")
    assert all(by_name.values()), by_name
    english = partnergraph.load().stats(lang="en").to_dict()
    titles = english["graph_titles"]
    assert set(titles) == set(english["graphs"])
    assert titles["https://w3id.org/partnergraph/graph/norddjurs"] != by_name["norddjurs"]
