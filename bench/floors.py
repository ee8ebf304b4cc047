"""Each partnergraph operation next to its floor, measured side by side in the same process.

    .venv/bin/python bench/floors.py DATA_DIR [--runs 5] [--only network,themes,jsonld,cli]

DATA_DIR is a folder made by ``partnergraph generate`` (``-n 100`` is about 100k triples,
``-n 1020`` about 1M). The data is loaded once, into partnergraph's default store; the floor
uses the very same pyoxigraph ``Store`` object through pyoxigraph's own API, so both sides see
the same data in the same memory.

Figures, each as a ratio to its floor:

``network:P``     ``partnergraph.network.build(kg, P)`` for each projection P, against raw
                  pyoxigraph running the SELECTs the projection needs (node kinds, edge rules,
                  node attributes, one label query) with every row materialised, then
                  ``networkx.DiGraph.add_edges_from`` on the raw edge pairs. Cross-checked:
                  the collaboration network's nodes and edges equal those raw rows (edges kept
                  between nodes of the kinds their rule allows). The themes projection's
                  floor is its own raw queries: each partnership's themes and SDGs, the node
                  attributes, one label query and the engine counting the pairs itself
                  (``theme-pairs.rq``, with ``--network-min`` bound as ``?min``), then
                  ``networkx.Graph.add_weighted_edges_from``; cross-checked: same nodes, same
                  edges, same weights.
``shared-themes`` the named query through ``kg.query`` against the same text with its
                  parameters bound as partnergraph binds them (``bind_as_values``) on raw
                  pyoxigraph; cross-checked row by row. ``--themes-min 6,3`` measures the
                  ``min`` threshold (at 1M the default, every pair, passes minutes),
                  ``--themes-top 20`` adds the ``top`` parameter (a LIMIT) to each.
``jsonld``        ``kg.store.export("jsonld")`` (the published context) against
                  ``pyoxigraph.serialize(..., JSON_LD)`` of the union graph; cross-checked by
                  parsing both back with pyoxigraph and comparing triple counts.
``cli:help``      ``partnergraph --help`` against ``python -c "import pyoxigraph, typer"``.
``cli:query``     a cold ``partnergraph --data DIR --store oxigraph:PATH query NAME`` on a
                  store built beforehand, against a cold ``python`` script that opens the same
                  store with pyoxigraph, runs the same text and prints CSV; the row counts
                  are compared.

Method: the two sides alternate (floor first on even runs, partnergraph first on odd runs);
run 0 is reported as "first" (caches cold: query texts not yet parsed, labels not yet
fetched), the median of the other runs as "repeated". The load average (1 min) is recorded
before every figure: the machine is shared, so only the ratios compare. Results go to
stdout as Markdown and to ``--output`` as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import networkx as nx  # noqa: E402
import pyoxigraph as ox  # noqa: E402

import partnergraph  # noqa: E402
from partnergraph.engine.sparql import bind_as_values  # noqa: E402
from partnergraph.network import projections as network  # noqa: E402
from partnergraph.query import labels  # noqa: E402
from partnergraph.query.library import find_query  # noqa: E402
from partnergraph.rdf.namespaces import PREFIXES  # noqa: E402


def load_average() -> float:
    return os.getloadavg()[0]


def side_by_side(
    floor: Callable[[], Any], ours: Callable[[], Any], runs: int
) -> tuple[dict[str, Any], Any, Any]:
    """Alternate the two; first call and median of the repeats of each, and their ratios."""
    times: dict[str, list[float]] = {"floor": [], "ours": []}
    answers: dict[str, Any] = {}
    load = load_average()
    for run in range(runs):
        order = (("floor", floor), ("ours", ours))
        for name, call in order if run % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            answers[name] = call()
            times[name].append(time.perf_counter() - start)
    first = times["ours"][0] / times["floor"][0]
    repeated = (
        statistics.median(times["ours"][1:]) / statistics.median(times["floor"][1:])
        if runs > 1
        else None
    )
    figure = {
        "floor_first": times["floor"][0],
        "ours_first": times["ours"][0],
        "floor_repeated": statistics.median(times["floor"][1:]) if runs > 1 else None,
        "ours_repeated": statistics.median(times["ours"][1:]) if runs > 1 else None,
        "ratio_first": first,
        "ratio_repeated": repeated,
        "load": load,
        "runs": runs,
    }
    return figure, answers["floor"], answers["ours"]


def _rows(store: ox.Store, text: str) -> list[tuple[Any, ...]]:
    return [tuple(solution) for solution in store.query(text, use_default_graph_as_union=True)]


def network_floor(store: ox.Store) -> tuple[set[str], set[tuple[str, str]]]:
    """The projection's SELECTs on raw pyoxigraph, then networkx from the edge pairs."""
    kinds: dict[str, str] = {}
    for kind in network.NODE_KINDS:
        for (node,) in _rows(store, network._query_text(kind.query)):
            kinds.setdefault(node.value, kind.key)
    _rows(store, network._query_text(network._NODE_ATTRIBUTES_QUERY))
    pairs = " ".join(
        f"(<{n}> {p})" for n in sorted(kinds) for p in (t.n3() for t in labels.LABEL_PROPERTIES)
    )
    _rows(store, f"SELECT ?x ?p ?l WHERE {{ VALUES (?x ?p) {{ {pairs} }} ?x ?p ?l }}")
    edges: set[tuple[str, str]] = set()
    for rule in network.EDGE_RULES:
        for row in _rows(store, network._query_text(rule.query)):
            source, target = row[0].value, row[1].value
            if (
                source != target
                and kinds.get(source) in rule.sources
                and kinds.get(target) in rule.targets
            ):
                edges.add((source, target))
    graph = nx.DiGraph()
    graph.add_nodes_from(kinds)
    graph.add_edges_from(edges)
    return set(graph.nodes), set(graph.edges)


def theme_linear_queries(store: ox.Store) -> set[str]:
    """The themes projection's queries that grow with the data, not with the pairs: each
    partnership's features, the attributes of those partnerships and features (a ``VALUES``
    block, as the projection asks), one label query. Returns the partnerships."""
    features = _rows(store, network._query_text("theme-features.rq"))
    nodes = {row[0].value for row in features}
    found = {row[1].value for row in features}
    values = " ".join(f"<{n}>" for n in sorted(nodes | found))
    attributes = network._query_text(network._NODE_ATTRIBUTES_QUERY)
    _rows(store, attributes.replace("WHERE {", f"WHERE {{\n  VALUES ?node {{ {values} }}", 1))
    pairs = " ".join(
        f"(<{n}> {p})"
        for n in sorted(nodes | found)
        for p in (t.n3() for t in labels.LABEL_PROPERTIES)
    )
    _rows(store, f"SELECT ?x ?p ?l WHERE {{ VALUES (?x ?p) {{ {pairs} }} ?x ?p ?l }}")
    return nodes


def theme_network_floor(
    store: ox.Store, min_weight: int
) -> tuple[set[str], dict[tuple[str, str], int]]:
    """The themes projection's raw queries on raw pyoxigraph: each partnership's features, the
    node attributes, one label query for the partnerships and features, and the engine's own
    count of the pairs (``theme-pairs.rq``, ``?min`` bound the same way); then networkx from
    the counted pairs with their weights."""
    from rdflib import Literal

    from partnergraph.engine.sparql import bind_as_values

    nodes = theme_linear_queries(store)
    text = bind_as_values(network._query_text("theme-pairs.rq"), {"min": Literal(min_weight)})
    counted = [(row[0].value, row[1].value, int(row[2].value)) for row in _rows(store, text)]
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(counted)
    return set(graph.nodes), {tuple(sorted((u, v))): w for u, v, w in graph.edges(data="weight")}


def measure_networks(
    kg: Any, store: ox.Store, runs: int, projections: list[str], min_weight: int = 1
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for projection in projections:
        themes = projection == "themes"
        least = min_weight if themes else 1
        figure, floor, ours = side_by_side(
            (lambda: theme_network_floor(store, min_weight))
            if themes
            else (lambda: network_floor(store)),
            lambda projection=projection, least=least: network.build(
                kg, projection, min_weight=least
            ),
            runs,
        )
        if projection == "collaboration":
            nodes, edges = floor
            figure["agrees"] = nodes == set(ours.nodes) and edges == set(ours.edges)
        if themes:
            nodes, weights = floor
            figure["agrees"] = nodes == set(ours.nodes) and weights == {
                tuple(sorted((u, v))): w for u, v, w in ours.edges(data="weight")
            }
        figure["nodes"], figure["edges"] = ours.number_of_nodes(), ours.number_of_edges()
        # The derived projections' own floor: networkx from their finished edge list.
        edge_list = list(ours.edges(data=True))
        start = time.perf_counter()
        nx.Graph().add_edges_from(edge_list)
        figure["nx_from_edge_list"] = time.perf_counter() - start
        if themes:
            # What no pairing can beat: the linear queries and networkx from the finished
            # edge list (timed once, after the runs).
            start = time.perf_counter()
            theme_linear_queries(store)
            figure["linear_queries"] = time.perf_counter() - start
        name = f"network:{projection}" + (f" min_weight={min_weight}" if themes else "")
        out[name] = figure
    return out


def measure_shared_themes(kg: Any, store: ox.Store, runs: int, **params: str) -> dict[str, Any]:
    named = find_query("shared-themes")
    bindings = named.bindings({"lang": "da", **params})
    text = bind_as_values(named.text_for(bindings), bindings)

    def floor() -> list[tuple[str, ...]]:
        return [
            tuple("" if c is None else c.value for c in row)
            for row in store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
        ]

    def ours() -> list[tuple[str, ...]]:
        result = kg.query("shared-themes", {"lang": "da", **params})
        return [tuple("" if c is None else str(c) for c in row) for row in result.rows]

    figure, a, b = side_by_side(floor, ours, runs)
    figure["rows"] = len(b)

    # The order of the themes inside a cell is the engine's (partnergraph sorts them).
    def cells(rows: list[tuple[str, ...]]) -> list[tuple[Any, ...]]:
        return [(*row[:-1], sorted(row[-1].split("; "))) for row in rows]

    figure["agrees"] = cells(a) == cells(b)
    name = "shared-themes" + "".join(f" {k}={v}" for k, v in params.items())
    return {name: figure}


def measure_jsonld(kg: Any, store: ox.Store, runs: int) -> dict[str, Any]:
    def floor() -> bytes:
        union = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        return ox.serialize(union, format=ox.RdfFormat.JSON_LD)

    figure, a, b = side_by_side(floor, lambda: kg.store.export("jsonld"), runs)
    # Parse both back; count distinct triples (the store's union, which is what both write).
    theirs = {tuple(map(str, t)) for t in ox.parse(a, format=ox.RdfFormat.JSON_LD)}
    ours = {tuple(map(str, t)) for t in ox.parse(b.encode(), format=ox.RdfFormat.JSON_LD)}
    figure["agrees"] = len(theirs) == len(ours)
    figure["triples"] = len(ours)
    return {"jsonld": figure}


def _wall(command: list[str], **kwargs: Any) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, **kwargs)
    return time.perf_counter() - start, done.stdout


_MINIMAL = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
answer = store.query(text, use_default_graph_as_union=True)
sys.stdout.buffer.write(answer.serialize(format=ox.QueryResultsFormat.CSV))
"""


def measure_cli(data: Path, runs: int, queries: list[str]) -> dict[str, Any]:
    exe = str(Path(sys.executable).with_name("partnergraph"))
    out: dict[str, Any] = {}
    figure, _, _ = side_by_side(
        lambda: _wall([sys.executable, "-c", "import pyoxigraph, typer"]),
        lambda: _wall([exe, "--help"]),
        runs,
    )
    figure["ours_repeated_s"] = figure["ours_repeated"]
    out["cli:help"] = figure
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = Path(tmp) / "store"
        base = [exe, "--data", str(data), "--store", f"oxigraph:{store_dir}"]
        _wall([*base, "query", "formal-partnerships", "--format", "csv"])  # builds the store
        for name in queries:
            named = find_query(name)
            prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
            query_file = Path(tmp) / f"{name}.rq"
            query_file.write_text(
                prefixes + bind_as_values(named.text, named.bindings({"lang": "da"})),
                encoding="utf-8",
            )
            figure, a, b = side_by_side(
                lambda f=query_file: _wall(
                    [sys.executable, "-c", _MINIMAL, str(store_dir), str(f)]
                ),
                lambda n=name: _wall([*base, "query", n, "--format", "csv"]),
                runs,
            )
            figure["agrees"] = len(a[1].splitlines()) == len(b[1].splitlines())
            out[f"cli:query {name}"] = figure
    return out


def markdown(results: dict[str, Any], label: str) -> str:
    lines = [
        f"| {label} | first: ours / floor (s) | first ratio | repeated: ours / floor (s) "
        "| repeated ratio | answers agree | load (1 min) |",
        "| --- | ---: | ---: | ---: | ---: | :---: | ---: |",
    ]
    for name, f in results.items():
        repeated = (
            f"{f['ours_repeated']:.3f} / {f['floor_repeated']:.3f}"
            if f["ours_repeated"] is not None
            else "-"
        )
        ratio = f"{f['ratio_repeated']:.2f}" if f["ratio_repeated"] is not None else "-"
        agrees = {True: "yes", False: "**no**", None: "-"}[f.get("agrees")]
        lines.append(
            f"| {name} | {f['ours_first']:.3f} / {f['floor_first']:.3f} | {f['ratio_first']:.2f} "
            f"| {repeated} | {ratio} | {agrees} | {f['load']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="network,themes,jsonld,cli")
    parser.add_argument("--queries", default="formal-partnerships,governance,timeline")
    parser.add_argument(
        "--themes-min",
        default="1",
        help="shared-themes thresholds to measure (1 is the default answer: every pair)",
    )
    parser.add_argument(
        "--themes-top", default="0", help="shared-themes top (a LIMIT) for every threshold"
    )
    parser.add_argument(
        "--projections",
        default=",".join(network.PROJECTIONS),
        help="themes has about 12 million edges at 1M triples: give it --network-min there",
    )
    parser.add_argument(
        "--network-min",
        default="1",
        help="the themes projection's min_weight (several: 6,4); its floor counts the same pairs",
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    only = set(args.only.split(","))
    results: dict[str, Any] = {}
    kg = partnergraph.load([args.data])
    store = kg.store.store
    label = f"{args.data.name} ({len(kg):,} triples)"
    if "network" in only:
        for least in args.network_min.split(","):
            chosen = args.projections.split(",")
            if least != args.network_min.split(",")[0]:
                chosen = [p for p in chosen if p == "themes"]  # the others have no threshold
            results.update(measure_networks(kg, store, args.runs, chosen, int(least)))
    if "themes" in only:
        for threshold in args.themes_min.split(","):
            params = {} if threshold == "1" else {"min": threshold}
            if args.themes_top != "0":
                params["top"] = args.themes_top
            results.update(measure_shared_themes(kg, store, args.runs, **params))
    if "jsonld" in only:
        results.update(measure_jsonld(kg, store, args.runs))
    if "cli" in only:
        results.update(measure_cli(args.data, args.runs, args.queries.split(",")))
    print(markdown(results, label))
    for name, f in results.items():
        if "linear_queries" in f:
            bare = f["linear_queries"] + f["nx_from_edge_list"]
            print(
                f"{name}: {f['nodes']:,} nodes, {f['edges']:,} edges; linear queries "
                f"{f['linear_queries']:.3f} s + networkx from the edge list "
                f"{f['nx_from_edge_list']:.3f} s = {bare:.3f} s; ours repeated / that "
                f"= {(f['ours_repeated'] or f['ours_first']) / bare:.2f}"
            )
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
