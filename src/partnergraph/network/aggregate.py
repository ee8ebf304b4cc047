"""Aggregated networks for the overview page: what a reader takes in at 1,000 municipalities.

A network of every partnership, partner, forum and document of 1,000 municipalities has some
30,000 nodes: no one can read it, and a browser cannot lay it out. The overview draws one node
per *group* instead, linked to the groups it has most in common with, and keeps what each group
holds for a drill-down:

``municipalities``
    One node per publisher of an overview (whose partnerships they are, ``dcterms:publisher`` of
    their ``dcterms:source``, as the ``partnerships-per-municipality`` query counts them). Two
    municipalities are linked by the partners they share (the weight: how many organisations are
    members of a partnership of each); each link also says how many cross-cutting themes the two
    share. Themes are not what links them: with the handful of cross-cutting themes there are,
    nearly every pair shares several, and a picture where everyone is linked says nothing.
    A municipality's detail is its partnerships, their partners and their themes.
``communities``
    Where there is no such structure (one publisher, or none), the Louvain communities of a
    network (:mod:`partnergraph.network.projections`) are the nodes, sized by their members and
    linked by how many edges run between them; a community's detail is its part of the network.

Only the strongest links are kept, so the picture stays readable: :func:`readable_threshold`
picks the smallest weight that leaves at most :data:`LINKS_PER_NODE` links per node on average
(or takes ``min_weight`` as given). Everything comes from three bulk SELECTs in
``queries/network/aggregate-*.rq`` and one batched label look-up; the grouping is set arithmetic
in Python on those result sets, with no query per node.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING, Any, Final

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from partnergraph.core import resources as _resources
from partnergraph.core.catalogue import t
from partnergraph.core.errors import ParameterError
from partnergraph.network.projections import build, partnerships_in_force
from partnergraph.network.rules import NODE_KINDS, SEPARATOR
from partnergraph.query import labels
from partnergraph.rdf.dates import optional_day

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store
    from partnergraph.query.knowledge import Knowledge

__all__ = [
    "BASES",
    "LINKS_PER_NODE",
    "OVERVIEW_NODE_LIMIT",
    "Overview",
    "community_overview",
    "municipality_overview",
    "network_size",
    "overview",
    "readable_threshold",
]

OVERVIEW_NODE_LIMIT: Final = 3000
"""Networks with more nodes than this open as an overview (``viz``'s default)."""

LINKS_PER_NODE: Final = 3
"""The automatic threshold keeps at most this many links per node, on average."""

BASES: Final = ("municipalities", "communities")


@dataclass
class Overview:
    """The aggregated network and, for each of its nodes, the network it stands for.

    ``graph`` is an undirected networkx graph of groups. Node attributes: ``label``, ``type``
    (``municipality`` or ``community``), ``iri`` (a municipality's; ``""`` for a community),
    ``size`` (partnerships of a municipality, members of a community), ``partners``,
    ``themes`` (``"; "``-joined labels) and ``kinds`` (a community's members counted by kind).
    Edge attributes: ``weight`` (shared partners, or edges between two communities),
    ``partners`` and ``themes`` (numbers shared; communities: ``themes`` is 0).
    ``details[node]`` is that group's own network, with the attributes of the network contract
    (``label``, ``type``, ``iri``) on its nodes and ``relation`` on its edges (and ``source``,
    where the graph is undirected, for which end the relation reads from).
    """

    basis: str
    graph: nx.Graph
    details: dict[str, nx.Graph]
    min_weight: int
    pairs: int
    """How many pairs of groups have anything in common (links before the threshold)."""
    lang: str = "da"
    themes: list[str] = field(default_factory=list)
    """Every cross-cutting theme's label, for the page's theme highlight (municipalities)."""
    as_of: dt.date | None = None
    """The day whose partnerships in force it shows (None: every partnership)."""


# ---------------------------------------------------------------------------------------------
# The threshold
# ---------------------------------------------------------------------------------------------


def readable_threshold(weights: Iterable[int], nodes: int, per_node: int = LINKS_PER_NODE) -> int:
    """The smallest weight at which at most ``per_node`` links per node remain (on average).

    If even the heaviest links alone are more than that, their weight: the picture then shows
    only those, and the page says how many of all pairs it shows.
    """
    counts = Counter(w for w in weights if w >= 1)
    if not counts:
        return 1
    budget = max(per_node * nodes, 1)
    kept = 0
    chosen = max(counts)
    for weight in sorted(counts, reverse=True):
        kept += counts[weight]
        if kept > budget:
            break
        chosen = weight
    return chosen


# ---------------------------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------------------------


@cache
def _query_text(name: str) -> str:
    return (_resources.bundled("queries/network") / name).read_text(encoding="utf-8")


def _pairs(store: Store, name: str) -> list[tuple[str, str]]:
    """The (IRI, IRI) rows of one bundled two-column query."""
    _, rows = store.select_plain(_query_text(name))
    return [(a, b) for a, b, *_ in rows if type(a) is str and type(b) is str]


def _labels(store: Store, nodes: Iterable[str], lang: str) -> dict[str, str]:
    """Each node's label in ``lang``, chosen by the project's rule (:func:`labels.choose`),
    from one batched look-up with IRIs and literals as plain text (no rdflib term per cell)."""
    wanted = sorted(set(nodes))
    labeller = labels.Labeller(store, lang)
    labeller.prefetch(wanted)
    return {node: labeller(node) for node in wanted}


def municipality_overview(
    knowledge: Knowledge,
    *,
    lang: str = "da",
    min_weight: int | None = None,
    as_of: dt.date | None = None,
) -> Overview:
    """Municipalities linked by shared partners; each one's partnerships, partners and themes.

    ``min_weight`` keeps the links of at least that many shared partners; without it,
    :func:`readable_threshold` chooses. With ``as_of`` only the partnerships in force that day
    count, by the collaboration network's rule; a municipality with none stays, at size 0.
    """
    store = knowledge.store
    owned: dict[str, set[str]] = defaultdict(set)
    for owner, partnership in _pairs(store, "aggregate-owners.rq"):
        owned[owner].add(partnership)
    if as_of is not None:
        every = sorted({p for ps in owned.values() for p in ps})
        kept = partnerships_in_force(knowledge, every, as_of)
        owned = defaultdict(set, {owner: ps & kept for owner, ps in owned.items()})
    members: dict[str, set[str]] = defaultdict(set)
    for partnership, member in _pairs(store, "aggregate-members.rq"):
        members[partnership].add(member)
    themes_of: dict[str, set[str]] = defaultdict(set)
    for partnership, theme in _pairs(store, "aggregate-themes.rq"):
        themes_of[partnership].add(theme)
    _, unit_rows = store.select_plain(_query_text(_UNIT_QUERY))
    units = {row[0] for row in unit_rows if type(row[0]) is str}

    partners = {
        owner: {m for p in ps for m in members.get(p, ())} - {owner} for owner, ps in owned.items()
    }
    themes = {owner: {th for p in ps for th in themes_of.get(p, ())} for owner, ps in owned.items()}
    every_theme = set().union(*themes.values()) if themes else set()
    everyone = set(owned).union(every_theme, *owned.values(), *partners.values())
    names = _labels(store, everyone, lang)

    # Pairs sharing partners, from the partners' side: each partner links the municipalities
    # it works with. Grows with the square of a partner's municipalities, not of all of them.
    held_by: dict[str, list[str]] = defaultdict(list)
    for owner in sorted(partners):
        for partner in partners[owner]:
            held_by[partner].append(owner)
    shared: Counter[tuple[str, str]] = Counter()
    for owners in held_by.values():
        if len(owners) > 1:
            shared.update(combinations(owners, 2))
    threshold = (
        min_weight if min_weight is not None else readable_threshold(shared.values(), len(owned))
    )
    if threshold < 1:
        raise ParameterError(f"min_weight must be at least 1, not {threshold}")

    graph = nx.Graph(basis="municipalities", min_weight=threshold, pairs=len(shared))
    for owner in sorted(owned, key=lambda o: (names[o].casefold(), o)):
        graph.add_node(
            owner,
            label=names[owner],
            type="municipality",
            iri=owner,
            size=len(owned[owner]),
            partners=len(partners[owner]),
            themes=SEPARATOR.join(sorted(names[th] for th in themes[owner])),
            kinds="",
        )
    for (a, b), weight in sorted(shared.items()):
        if weight >= threshold:
            common = len(themes[a] & themes[b])
            graph.add_edge(a, b, weight=weight, partners=weight, themes=common)

    details = {
        owner: _municipality_detail(owner, sorted(owned[owner]), members, themes_of, units, names)
        for owner in graph.nodes
    }
    return _overview(
        graph,
        details,
        lang,
        themes=sorted((names[th] for th in every_theme), key=str.casefold),
        as_of=as_of,
    )


_UNIT_QUERY: Final = next(kind.query for kind in NODE_KINDS if kind.key == "unit")


def _municipality_detail(
    owner: str,
    partnerships: list[str],
    members: Mapping[str, set[str]],
    themes_of: Mapping[str, set[str]],
    units: set[str],
    names: Mapping[str, str],
) -> nx.Graph:
    """One municipality's partnerships, with their partners and themes."""
    detail = nx.Graph()

    def node(iri: str, kind: str) -> None:
        if iri not in detail:
            detail.add_node(iri, label=names.get(iri, iri), type=kind, iri=iri)

    node(owner, "municipality")
    for partnership in partnerships:
        node(partnership, "partnership")
        detail.add_edge(owner, partnership, relation="describes", source=owner)
        for member in sorted(members.get(partnership, ())):
            node(member, "unit" if member in units else "organisation")
            detail.add_edge(member, partnership, relation="member-of", source=member)
        for theme in sorted(themes_of.get(partnership, ())):
            node(theme, "theme")
            detail.add_edge(partnership, theme, relation="theme", source=partnership)
    return detail


# ---------------------------------------------------------------------------------------------
# Communities
# ---------------------------------------------------------------------------------------------


def community_overview(
    network: nx.Graph, *, lang: str = "da", min_weight: int | None = None
) -> Overview:
    """The Louvain communities of ``network`` (seed 0) as nodes, linked by the edges between them.

    Each community is named after its best-connected member; its detail is its part of
    ``network``, the nodes keeping their attributes.
    """
    undirected = nx.Graph(network)
    if undirected.number_of_edges():
        found = nx.community.louvain_communities(undirected, weight="weight", seed=0)
    else:
        found = [{node} for node in undirected]
    degree = dict(undirected.degree())

    def label_of(node: Any) -> str:
        return str(undirected.nodes[node].get("label") or node)

    ordered = sorted(
        (sorted(members, key=lambda n: (-degree[n], label_of(n), str(n))) for members in found),
        key=lambda ms: (-len(ms), label_of(ms[0])),
    )
    number = {node: i for i, members in enumerate(ordered) for node in members}
    between: Counter[tuple[int, int]] = Counter()
    for a, b in undirected.edges():
        ca, cb = number[a], number[b]
        if ca != cb:
            between[(ca, cb) if ca < cb else (cb, ca)] += 1
    threshold = (
        min_weight if min_weight is not None else readable_threshold(between.values(), len(ordered))
    )
    if threshold < 1:
        raise ParameterError(f"min_weight must be at least 1, not {threshold}")

    graph = nx.Graph(basis="communities", min_weight=threshold, pairs=len(between))
    details: dict[str, nx.Graph] = {}
    for i, members in enumerate(ordered):
        key = f"community-{i + 1}"
        kinds = Counter(str(undirected.nodes[m].get("type") or "other") for m in members)
        graph.add_node(
            key,
            label=t("overview.community", lang, number=i + 1, name=_short(label_of(members[0]))),
            type="community",
            iri="",
            size=len(members),
            partners=kinds.get("organisation", 0),
            themes="",
            kinds=SEPARATOR.join(f"{k}={n}" for k, n in sorted(kinds.items())),
        )
        details[key] = network.subgraph(members).copy()  # directed if the network is
    for (a, b), weight in sorted(between.items()):
        if weight >= threshold:
            graph.add_edge(
                f"community-{a + 1}", f"community-{b + 1}", weight=weight, partners=0, themes=0
            )
    made_on = str(network.graph.get("as_of") or "")
    return _overview(
        graph, details, lang, as_of=dt.date.fromisoformat(made_on) if made_on else None
    )


def _overview(
    graph: nx.Graph,
    details: dict[str, nx.Graph],
    lang: str,
    themes: list[str] | None = None,
    as_of: dt.date | None = None,
) -> Overview:
    """The overview of ``graph``, whose attributes already say its basis, threshold and pairs."""
    return Overview(
        basis=graph.graph["basis"],
        graph=graph,
        details=details,
        min_weight=graph.graph["min_weight"],
        pairs=graph.graph["pairs"],
        lang=lang,
        themes=themes or [],
        as_of=as_of,
    )


def _short(name: str, limit: int = 40) -> str:
    """A member's name short enough to name its community on a picture."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Choosing
# ---------------------------------------------------------------------------------------------


def network_size(knowledge: Knowledge) -> int:
    """How many nodes the collaboration network would have, counted without building it (the
    node-kind queries alone): what ``viz`` decides an overview by."""
    found: set[str] = set()
    for kind in NODE_KINDS:
        _, rows = knowledge.store.select_plain(_query_text(kind.query))
        found.update(row[0] for row in rows if type(row[0]) is str)
    return len(found)


def overview(
    knowledge: Knowledge,
    basis: str | None = None,
    *,
    lang: str = "da",
    min_weight: int | None = None,
    network: nx.Graph | None = None,
    as_of: dt.date | str | None = None,
) -> Overview:
    """The overview of ``knowledge``: by municipality where partnerships have at least two
    publishers, else by community of ``network`` (the collaboration network if not given).

    ``basis`` (``municipalities`` or ``communities``) forces one; ``min_weight`` and ``as_of``
    as in :func:`municipality_overview` (``as_of`` also for the network built here).
    """
    if basis is not None and basis not in BASES:
        raise ParameterError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    day = optional_day(as_of)
    if basis != "communities" and network is None:
        found = municipality_overview(knowledge, lang=lang, min_weight=min_weight, as_of=day)
        if basis == "municipalities" or found.graph.number_of_nodes() >= 2:
            return found
    if network is None:
        network = build(knowledge, "collaboration", lang, day, None, 1, 1)
    return community_overview(network, lang=lang, min_weight=min_weight)
