"""Networks derived from other networks, with no store in sight.

The actor and theme networks are derived from the collaboration network (not queried again),
so its rules and its ``as_of`` filter exist once: :func:`actors_from` links organisations and
units by the partnerships and forums they share, :func:`themes_from` links partnerships by the
themes and SDGs they share. :func:`ego_network` cuts any network down to one node's
neighbourhood.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from partnergraph.core.errors import ParameterError
from partnergraph.network.rules import DERIVED_RELATIONS, SEPARATOR, code_key, localised

__all__ = ["actors_from", "ego_network", "themes_from"]


def _has_relation(data: Mapping[str, Any], relation: str) -> bool:
    return relation in str(data.get("relation", "")).split(SEPARATOR)


def actors_from(collaboration: Any) -> Any:
    groups: list[tuple[str, list[str]]] = []
    for group_type, relation in (("partnership", "member-of"), ("forum", "takes-part-in")):
        found = [
            (data["label"], node)
            for node, data in collaboration.nodes(data=True)
            if data["type"] == group_type
        ]
        for label, node in sorted(found):
            members = sorted(
                {
                    u
                    for u, _, data in collaboration.in_edges(node, data=True)
                    if _has_relation(data, relation)
                }
            )
            if members:
                groups.append((label, members))

    graph = nx.Graph(**{**collaboration.graph, "projection": "actors"})
    actors = {member for _, members in groups for member in members}
    for node, data in collaboration.nodes(data=True):
        if node in actors:
            graph.add_node(node, **data)
    shared = _pairs(groups)
    relation_label = localised(
        DERIVED_RELATIONS["collaborates-with"], collaboration.graph.get("lang", "da")
    )
    for (first, second), via in shared.items():
        graph.add_edge(
            first,
            second,
            relation="collaborates-with",
            label=relation_label,
            weight=len(via),
            via=SEPARATOR.join(via),
        )
    return graph


def themes_from(collaboration: Any, min_weight: int = 1) -> Any:
    lang = collaboration.graph.get("lang", "da")
    features: dict[str, set[str]] = {}
    for node, kind in collaboration.nodes(data="type"):
        if kind != "partnership":
            continue
        linked = {
            t
            for t in collaboration.successors(node)
            if collaboration.nodes[t]["type"] in ("theme", "sdg")
        }
        if linked:
            features[node] = linked

    def shown(feature: str) -> tuple[int, tuple[Any, ...], str]:
        data = collaboration.nodes[feature]
        if data["type"] == "theme":
            return 0, (data["label"].casefold(),), data["label"]
        code = data["sdg"]
        text = f"{data['type_label']} {code}" if code else data["label"]
        return 1, code_key(code) if code else (), text

    graph = nx.Graph(**{**collaboration.graph, "projection": "themes"})
    graph.add_nodes_from(
        (node, data) for node, data in collaboration.nodes(data=True) if node in features
    )
    by_feature: dict[str, list[str]] = defaultdict(list)
    for partnership in sorted(features):
        if len(features[partnership]) < min_weight:
            continue  # cannot share min_weight with anyone
        for feature in features[partnership]:
            by_feature[feature].append(partnership)
    # Each feature is described once; the pairs then only join what is already there.
    keys = {f: shown(f) for f in by_feature}
    ordered = sorted(by_feature, key=keys.__getitem__)
    texts = {f: keys[f][2] for f in ordered}
    is_theme = {f: collaboration.nodes[f]["type"] == "theme" for f in ordered}
    relation_label = localised(DERIVED_RELATIONS["shares-themes"], lang)
    graph.add_edges_from(
        (
            first,
            second,
            {
                "relation": "shares-themes",
                "label": relation_label,
                "weight": len(common),
                "theme_count": (themes := sum(map(is_theme.__getitem__, common))),
                "sdg_count": len(common) - themes,
                "shared": SEPARATOR.join(map(texts.__getitem__, common)),
            },
        )
        for (first, second), common in _pairs((f, by_feature[f]) for f in ordered).items()
        if len(common) >= min_weight
    )
    return graph


def _pairs(groups: Iterable[tuple[str, list[str]]]) -> dict[tuple[str, str], list[str]]:
    """For each pair of members (sorted) of the same group, the groups they share, in order."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for group, members in groups:
        for pair in combinations(sorted(set(members)), 2):
            shared[pair].append(group)
    return shared


def ego_network(graph: Any, center_iri: str, depth: int = 1) -> Any:
    """The nodes within ``depth`` hops of ``center_iri`` (ignoring direction), same graph type."""
    center = str(center_iri)
    if center not in graph:
        projection = graph.graph.get("projection", "this")
        raise ParameterError(
            f"{center} is not a node of the {projection} network (it may be of another kind, "
            "or out of force on the date given): choose another focus or projection"
        )
    if depth < 0:
        raise ParameterError(f"depth must be 0 or more, not {depth}")
    ego = nx.ego_graph(graph, center, radius=depth, undirected=True)
    ego.graph.update({**graph.graph, "focus": center, "depth": depth})
    return ego
