"""Networks derived from other networks, with no store in sight.

The actor network is derived from the collaboration network (not queried again), so its rules
and its ``as_of`` filter exist once: :func:`actors_from` links organisations and units by the
partnerships and forums they share. :func:`shared_features` pairs the members of any grouping
by what they share, with a threshold and a top N (the theme network pairs partnerships by their
themes and SDGs with it). :func:`ego_network` cuts any network down to one node's
neighbourhood.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from itertools import combinations
from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import CATALOGUE, t
from partnergraph.network.rules import DERIVED_RELATIONS, SEPARATOR, localised

__all__ = ["actors_from", "ego_network", "shared_features"]


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


def shared_features(
    features: Mapping[str, Set[str]],
    order: Sequence[str],
    min_weight: int = 1,
    top: int = 0,
) -> dict[tuple[str, str], list[str]]:
    """Pairs of members (sorted) that share at least ``min_weight`` features, with the features
    they share in ``order``; with ``top`` only the ``top`` heaviest pairs (ties by the pair).

    A member with fewer than ``min_weight`` features cannot share that many, so it is left out
    first. Above 1 the candidates come from each member's rarest features only (its first
    ``len - min_weight + 1`` in order of how few members have them): two members sharing
    ``min_weight`` features share one in both those prefixes, so the features nearly everyone
    has (SDG 17.17) pair nobody below the threshold. With ``top`` the threshold is raised first
    to the highest that still gives ``top`` pairs, which keeps "the strongest N" as cheap as a
    high threshold.
    """
    if min_weight < 1:
        raise ParameterError(f"the minimum weight must be 1 or more, not {min_weight}")
    if top < 0:
        raise ParameterError(f"top must be 0 (every pair) or more, not {top}")
    rank = {feature: i for i, feature in enumerate(order)}
    most = max((len(found) for found in features.values()), default=0)
    if top:
        for threshold in range(most, min_weight, -1):
            pairs = _sharing(features, rank, threshold)
            if len(pairs) >= top:
                break
        else:
            pairs = _sharing(features, rank, min_weight)
        chosen = heapq.nsmallest(top, pairs, key=lambda pair: (-len(pairs[pair]), pair))
        return {pair: pairs[pair] for pair in sorted(chosen)}
    return _sharing(features, rank, min_weight)


def _sharing(
    features: Mapping[str, Set[str]], rank: Mapping[str, int], threshold: int
) -> dict[tuple[str, str], list[str]]:
    members = {m: found for m, found in features.items() if len(found) >= threshold}
    if threshold == 1:
        by_feature: dict[str, list[str]] = defaultdict(list)
        for member in sorted(members):
            for feature in members[member]:
                by_feature[feature].append(member)
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)
        for feature in sorted(by_feature, key=rank.__getitem__):
            for pair in combinations(by_feature[feature], 2):
                shared[pair].append(feature)
        return dict(shared)
    # Prefix filtering: order each member's features rarest first, index the first
    # len - threshold + 1 of them; any pair sharing `threshold` meets in both prefixes.
    counts: dict[str, int] = defaultdict(int)
    for found in members.values():
        for feature in found:
            counts[feature] += 1
    prefixes: dict[str, list[str]] = defaultdict(list)
    for member in sorted(members):
        rarest = sorted(members[member], key=lambda f: (counts[f], rank[f]))
        for feature in rarest[: len(rarest) - threshold + 1]:
            prefixes[feature].append(member)
    candidates = {pair for group in prefixes.values() for pair in combinations(group, 2)}
    out: dict[tuple[str, str], list[str]] = {}
    for first, second in sorted(candidates):
        common = members[first] & members[second]
        if len(common) >= threshold:
            out[first, second] = sorted(common, key=rank.__getitem__)
    return out


def _pairs(groups: Iterable[tuple[str, list[str]]]) -> dict[tuple[str, str], list[str]]:
    """For each pair of members (sorted) of the same group, the groups they share, in order."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for group, members in groups:
        for pair in combinations(sorted(set(members)), 2):
            shared[pair].append(group)
    return shared


def ego_network(graph: Any, center_iri: str, depth: int = 1, *, name: str | None = None) -> Any:
    """The nodes within ``depth`` hops of ``center_iri`` (ignoring direction), same graph type.

    ``name`` is the center as the reader named it, for the refusal when it is not in ``graph``.
    """
    center = str(center_iri)
    if center not in graph:
        projection = str(graph.graph.get("projection", ""))
        key = f"choice.projection.{projection}"
        raise ParameterError(
            t(
                "net.focus_missing",
                name=name or center,
                network=t(key) if key in CATALOGUE else projection,
            )
        )
    if depth < 0:
        raise ParameterError(t("net.depth", value=depth))
    ego = nx.ego_graph(graph, center, radius=depth, undirected=True)
    ego.graph.update({**graph.graph, "focus": center, "depth": depth})
    return ego
