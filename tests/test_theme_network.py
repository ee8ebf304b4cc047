"""The themes network built from the engine's features: the same as pairing the collaboration
network's partnerships by their theme and SDG neighbours, with a threshold and a top N."""

from __future__ import annotations

import datetime as dt
import json
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.core.errors import QueryError
from partnergraph.engine.sparql import bind_as_values
from partnergraph.network import projections as network
from partnergraph.network.derived import shared_features
from partnergraph.network.rules import code_key
from partnergraph.query.library import parse_query_file
from partnergraph.synthetic.generate import generate


@pytest.fixture(scope="module")
def bundled() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> partnergraph.PartnerGraph:
    made = generate(tmp_path_factory.mktemp("themes") / "data", 3, seed=11)
    return partnergraph.load([made.output_dir])


def _from_collaboration(kg: Any, lang: str, as_of: dt.date | None, least: int) -> Any:
    """What the themes network must be: pairs of the collaboration network's partnerships by
    the theme and SDG nodes they link to, every pair compared with every other."""
    collaboration = network.collaboration_network(kg, lang, as_of)
    nodes = collaboration.nodes
    features = {
        p: {t for t in collaboration.successors(p) if nodes[t]["type"] in ("theme", "sdg")}
        for p, kind in nodes(data="type")
        if kind == "partnership"
    }
    features = {p: f for p, f in features.items() if f}

    def key(f: str) -> tuple[Any, ...]:
        data = nodes[f]
        if data["type"] == "theme":
            return (0, (data["label"].casefold(),), data["label"])
        code = data["sdg"]
        text = f"{data['type_label']} {code}" if code else data["label"]
        return (1, code_key(code) if code else (), text)

    edges = {}
    for first, second in combinations(sorted(features), 2):
        common = sorted(features[first] & features[second], key=key)
        if len(common) >= least:
            themes = sum(nodes[f]["type"] == "theme" for f in common)
            edges[first, second] = {
                "relation": "shares-themes",
                "weight": len(common),
                "theme_count": themes,
                "sdg_count": len(common) - themes,
                "shared": "; ".join(key(f)[2] for f in common),
            }
    return {p: dict(nodes[p]) for p in features}, edges, collaboration.graph["value_names"]


def _edges(graph: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        tuple(sorted((u, v))): {
            k: d[k] for k in ("relation", "weight", "theme_count", "sdg_count", "shared")
        }
        for u, v, d in graph.edges(data=True)
    }


@pytest.mark.parametrize(
    ("lang", "as_of", "least"),
    [("da", None, 1), ("en", None, 2), ("da", dt.date(2024, 6, 1), 1), ("en", None, 3)],
)
@pytest.mark.parametrize("data", ["bundled", "generated"])
def test_the_themes_network_pairs_the_collaboration_networks_partnerships(
    request: pytest.FixtureRequest, data: str, lang: str, as_of: dt.date | None, least: int
) -> None:
    kg = request.getfixturevalue(data)
    nodes, edges, value_names = _from_collaboration(kg, lang, as_of, least)
    graph = network.theme_network(kg, lang, as_of, min_weight=least)
    assert len(edges) > 0
    assert dict(graph.nodes(data=True)) == nodes
    assert _edges(graph) == edges
    assert graph.graph["projection"] == "themes" and graph.graph["lang"] == lang
    assert graph.graph["value_names"] == value_names


@pytest.mark.parametrize("data", ["bundled", "generated"])
def test_top_edges_keeps_the_heaviest_pairs_and_every_node(
    request: pytest.FixtureRequest, data: str
) -> None:
    kg = request.getfixturevalue(data)
    full = kg.network("themes")
    ranked = sorted(_edges(full).items(), key=lambda item: (-item[1]["weight"], item[0]))
    for top in (1, 3, len(ranked) // 2, len(ranked), len(ranked) + 5):
        cut = kg.network("themes", top_edges=top)
        assert set(cut.nodes) == set(full.nodes)
        assert _edges(cut) == dict(ranked[:top])
    both = kg.network("themes", min_weight=2, top_edges=2)
    assert _edges(both) == dict([e for e in ranked if e[1]["weight"] >= 2][:2])


def test_top_edges_applies_to_the_other_projections_too(bundled: Any) -> None:
    full = bundled.network("actors")
    ranked = sorted(full.edges(data="weight"), key=lambda e: (-e[2], *sorted((e[0], e[1]))))
    cut = bundled.network("actors", top_edges=4)
    assert {frozenset(e[:2]) for e in cut.edges} == {frozenset(e[:2]) for e in ranked[:4]}
    assert set(cut.nodes) == set(full.nodes)


@pytest.mark.parametrize("data", ["bundled", "generated"])
def test_the_engines_own_count_of_the_pairs_agrees(
    request: pytest.FixtureRequest, data: str
) -> None:
    kg = request.getfixturevalue(data)
    text = network._query_text("theme-pairs.rq")
    for least in (1, 2, 3):
        _, rows = kg.store.select_plain(bind_as_values(text, {"min": Literal(least)}))
        counted = {(a, b): (int(w), int(t), set(s.split())) for a, b, w, t, s in rows}
        graph = kg.network("themes", min_weight=least)
        mine = {
            tuple(sorted((u, v))): (d["weight"], d["theme_count"])
            for u, v, d in graph.edges(data=True)
        }
        assert {pair: found[:2] for pair, found in counted.items()} == mine
        assert all(len(found[2]) == found[0] for found in counted.values())


def test_pairing_by_the_rarest_features_finds_what_pairing_everything_finds(
    generated: Any,
) -> None:
    _, rows = generated.store.select_plain(network._query_text("theme-features.rq"))
    features: dict[str, set[str]] = {}
    for partnership, feature, _ in rows:
        features.setdefault(partnership, set()).add(feature)
    order = sorted({f for found in features.values() for f in found})
    everything = {
        pair: sorted(features[pair[0]] & features[pair[1]])
        for pair in combinations(sorted(features), 2)
    }
    most = max(len(f) for f in features.values())
    assert most >= 3
    for least in range(1, most + 2):
        expected = {pair: common for pair, common in everything.items() if len(common) >= least}
        assert shared_features(features, order, least) == expected
        for top in (1, 10, 100):
            ranked = sorted(expected, key=lambda pair: (-len(expected[pair]), pair))[:top]
            assert shared_features(features, order, least, top) == {
                pair: expected[pair] for pair in sorted(ranked)
            }


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--min-weight", "0", "mindste vægt skal være 1"),
        ("--top-edges", "-1", "stærkeste forbindelser skal være 0"),
    ],
)
def test_the_network_commands_refuse_a_bad_cut_in_one_danish_line(
    option: str, value: str, message: str
) -> None:
    result = CliRunner().invoke(app, ["network", "stats", "-P", "themes", option, value])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_network_export_writes_only_the_cut(tmp_path: Path, bundled: Any) -> None:
    out = tmp_path / "themes.json"
    result = CliRunner().invoke(
        app,
        [
            "network",
            "export",
            "-P",
            "themes",
            "-f",
            "json",
            "--min-weight",
            "2",
            "--top-edges",
            "3",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    expected = _edges(bundled.network("themes", min_weight=2, top_edges=3))
    links = exported.get("links") or exported.get("edges")
    assert {tuple(sorted((e["source"], e["target"]))) for e in links} == set(expected)
    assert len(exported["nodes"]) == bundled.network("themes").number_of_nodes()


def test_shared_themes_top_gives_the_first_rows_of_the_whole_answer(bundled: Any) -> None:
    everything = bundled.query("shared-themes", lang="en").rows
    assert len(everything) > 5
    for top in ("1", "5", str(len(everything) + 3)):
        assert bundled.query("shared-themes", lang="en", top=top).rows == everything[: int(top)]
    assert bundled.query("shared-themes", lang="en", top="0").rows == everything
    limited = bundled.query("shared-themes", lang="en", min="2", top="2").rows
    assert limited == [r for r in everything if int(r[2]) >= 2][:2]


def test_shared_themes_top_below_zero_is_refused(bundled: Any) -> None:
    with pytest.raises(partnergraph.ParameterError, match="top"):
        bundled.query("shared-themes", top="-1")


def test_shared_themes_top_on_the_command_line(bundled: Any) -> None:
    result = CliRunner().invoke(
        app, ["query", "fælles-temaer", "--param", "top=2", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.strip()]
    assert len(rows) == 3  # header and two pairs
    first = bundled.query("shared-themes", lang="da").rows[0]
    assert str(first[0]) in rows[1]


def test_a_limit_header_must_name_an_integer_parameter(tmp_path: Path) -> None:
    query = tmp_path / "first.rq"
    body = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n"
    query.write_text("# title: First\n# limit: top\n" + body, encoding="utf-8")
    with pytest.raises(QueryError, match="limit: top"):
        parse_query_file(query)
    query.write_text(
        "# title: First\n# param: top integer = 0 -- rows\n# limit: top\n" + body, encoding="utf-8"
    )
    named = parse_query_file(query)
    assert named.text_for(named.bindings({})) == named.text
    assert named.text_for(named.bindings({"top": "7"})).rstrip().endswith("ORDER BY ?s\nLIMIT 7")
