"""How a network is shaped: counts, centralities, cut points and communities.

:func:`network_stats` is what ``partnergraph network stats`` prints; :func:`node_measures` is the
same computation per node, so the interactive page ranks nodes with the same numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from partnergraph.io.tables import neutralise

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "Community",
    "NetworkStats",
    "NodeMeasures",
    "NodeRef",
    "RankedNode",
    "community_numbers",
    "network_stats",
    "node_measures",
]

EXACT_BETWEENNESS_LIMIT = 2000
"""From this many nodes on, betweenness is estimated from sampled pivots instead of exactly."""


@dataclass(frozen=True)
class NodeRef:
    iri: str
    label: str


@dataclass(frozen=True)
class RankedNode:
    iri: str
    label: str
    score: float


@dataclass(frozen=True)
class Community:
    size: int
    members: list[NodeRef]


@dataclass(frozen=True)
class NetworkStats:
    """Structure of a network; centralities, cut points and communities use its undirected view."""

    nodes: int
    edges: int
    density: float
    directed: bool
    components: int
    component_sizes: list[int]
    degree: list[RankedNode]
    """Top nodes by degree centrality."""
    betweenness: list[RankedNode]
    """Top nodes by betweenness centrality (unweighted, normalised)."""
    betweenness_exact: bool
    betweenness_pivots: int | None
    """The number of sampled pivots (seed 0) when not exact."""
    articulation_points: list[NodeRef]
    """Nodes whose removal splits their component, by label."""
    communities: list[Community]
    """Louvain communities (weighted, seed 0), largest first."""
    modularity: float
    """Modularity of those communities (weighted)."""

    def to_dict(self) -> dict[str, Any]:
        """The statistics as ``network stats --format json`` gives them, every field named."""
        return asdict(self)

    def rows(self) -> list[tuple[str, int, str, str, str]]:
        """(section, rank, label, value, IRI) for each ranked node: the rows of the CSV."""
        rows: list[tuple[str, int, str, str, str]] = []
        for section, ranked in (("degree", self.degree), ("betweenness", self.betweenness)):
            rows += [
                (section, i, r.label, f"{r.score:.3f}", r.iri) for i, r in enumerate(ranked, 1)
            ]
        for i, p in enumerate(self.articulation_points, 1):
            rows.append(("articulation point", i, p.label, "", p.iri))
        for i, c in enumerate(self.communities, 1):
            rows += [("community", i, m.label, str(c.size), m.iri) for m in c.members]
        return rows

    def to_csv(self) -> str:
        """The rows as CSV for a spreadsheet, every cell quoted and made safe to open."""
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(["section", "rank", "label", "value", "iri"])
        writer.writerows([[neutralise(str(cell)) for cell in row] for row in self.rows()])
        return out.getvalue()


@dataclass(frozen=True)
class NodeMeasures:
    """Every node's degree and betweenness centrality and community, as ``network stats`` ranks
    them (one computation, so the page's ranking shows the same numbers)."""

    degree: dict[str, float]
    betweenness: dict[str, float]
    betweenness_exact: bool
    betweenness_pivots: int | None
    communities: list[set[str]]
    """Louvain communities (weighted, seed 0), not yet ordered."""
    modularity: float


def node_measures(graph: Any) -> NodeMeasures:
    """Degree, betweenness and Louvain communities on an undirected copy of ``graph``."""
    undirected = nx.Graph(graph)  # a copy: networkx is markedly faster on it than on a view
    n = graph.number_of_nodes()
    exact = n < EXACT_BETWEENNESS_LIMIT
    pivots = None if exact else min(500, n)
    betweenness = nx.betweenness_centrality(undirected, k=pivots, seed=None if exact else 0)
    if undirected.number_of_edges():
        found = nx.community.louvain_communities(undirected, weight="weight", seed=0)
        modularity = float(nx.community.modularity(undirected, found, weight="weight"))
    else:
        found = [{node} for node in undirected]
        modularity = 0.0
    return NodeMeasures(
        degree=dict(nx.degree_centrality(undirected)),
        betweenness=dict(betweenness),
        betweenness_exact=exact,
        betweenness_pivots=pivots,
        communities=[set(c) for c in found],
        modularity=modularity,
    )


def community_numbers(graph: Any, measures: NodeMeasures) -> dict[str, int]:
    """Each node's community number (1 = largest), in the order ``network stats`` lists them."""

    def key(members: set[str]) -> tuple[int, str]:
        labels = sorted((str(graph.nodes[m].get("label", m)), m) for m in members)
        return (-len(members), labels[0][0] if labels else "")

    ordered = sorted(measures.communities, key=key)
    return {node: i for i, members in enumerate(ordered, start=1) for node in members}


def network_stats(graph: Any, top: int = 10) -> NetworkStats:
    """Counts, centralities, articulation points and communities of a network; plain data.

    Everything but the counts and the density is computed on an undirected copy (the direction
    of a collaboration edge says what the relation is, not which way anything flows).
    Betweenness is unweighted, exact below :data:`EXACT_BETWEENNESS_LIMIT` nodes and otherwise
    estimated from ``min(500, n)`` pivots sampled with seed 0 (``betweenness_exact`` says
    which). Communities are Louvain communities (weighted, seed 0), so the same graph always
    gives the same communities.
    """
    undirected = nx.Graph(graph)  # a copy: networkx is markedly faster on it than on a view
    n = graph.number_of_nodes()

    def ref(node: str) -> NodeRef:
        return NodeRef(node, str(graph.nodes[node].get("label", node)))

    def ranked(scores: Mapping[str, float]) -> list[RankedNode]:
        order = sorted(scores.items(), key=lambda kv: (-kv[1], ref(kv[0]).label, kv[0]))
        return [RankedNode(node, ref(node).label, float(score)) for node, score in order[:top]]

    sizes = sorted((len(c) for c in nx.connected_components(undirected)), reverse=True)
    measures = node_measures(graph)
    communities = [
        Community(len(c), sorted((ref(m) for m in c), key=lambda r: (r.label, r.iri)))
        for c in measures.communities
    ]
    communities.sort(key=lambda c: (-c.size, c.members[0].label if c.members else ""))

    return NetworkStats(
        nodes=n,
        edges=graph.number_of_edges(),
        density=float(nx.density(graph)),
        directed=bool(graph.is_directed()),
        components=len(sizes),
        component_sizes=sizes,
        degree=ranked(measures.degree),
        betweenness=ranked(measures.betweenness),
        betweenness_exact=measures.betweenness_exact,
        betweenness_pivots=measures.betweenness_pivots,
        articulation_points=sorted(
            (ref(node) for node in nx.articulation_points(undirected)),
            key=lambda r: (r.label, r.iri),
        ),
        communities=communities,
        modularity=measures.modularity,
    )
