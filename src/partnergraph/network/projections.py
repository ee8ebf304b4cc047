"""Network projections of the partnership graph, as networkx graphs.

Three projections, each declared once here and reused by the CLI, the HTML view and the exports:

``collaboration``
    A directed graph of typed entities (organisations, units, partnerships, forums, agreements,
    action plans, strategy documents, cross-cutting themes, SDG goals and targets) and the
    meaningful relations between them (member of, governs, replaces, treats, builds on...).
``actors``
    Organisations and units, linked when they are members of the same partnership or take part
    in the same forum; the weight is the number of partnerships and forums they share.
``themes``
    Partnerships, linked when they share cross-cutting themes or SDG goals and targets; the
    weight is the number they share.

What counts as a node and as an edge is the small declarative table below (:data:`NODE_KINDS`,
:data:`EDGE_RULES`): each entry names a SPARQL SELECT in ``queries/network/`` that works on any
dataset following the ontology. The graphs are built from those SELECTs of edges, not by
converting a CONSTRUCT, and the derived projections are computed from the collaboration network
so that the rules (and the ``as_of`` filter) exist once.

Node ids are IRI strings. Every node of every projection carries the same attributes, all
strings so that GraphML and GEXF can hold them: ``label`` (in ``lang``, falling back to Danish
then English), ``label_da``, ``label_en``, ``type`` (a stable key, see :data:`NODE_KINDS`),
``type_label``, ``start`` and ``end`` (lexical dates in the source's precision), ``period`` (the
period's label), ``source``, ``status``, ``collaboration_type``, ``category``, ``themes``
("; "-joined cross-cutting themes), ``sdg`` ("; "-joined SDG codes such as ``17.17``) and
``iri``; ``""`` where there is nothing to say. Every edge carries ``relation`` (a stable key),
``label`` (localised) and ``weight`` (an int). Labels are plain text: escaping them for HTML is
the HTML layer's job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
from rdflib import URIRef
from rdflib.namespace import RDFS

from partnergraph.core import resources as _resources
from partnergraph.core.errors import ParameterError
from partnergraph.io.tables import neutralise
from partnergraph.query import labels
from partnergraph.rdf.dates import date_bounds
from partnergraph.rdf.namespaces import PGID, SDG

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store
    from partnergraph.graph import PartnerGraph

__all__ = [
    "EDGE_RULES",
    "EXPORT_FORMATS",
    "NODE_KINDS",
    "PROJECTIONS",
    "Community",
    "EdgeRule",
    "NetworkStats",
    "NodeKind",
    "NodeRef",
    "Projection",
    "RankedNode",
    "actor_network",
    "build",
    "collaboration_network",
    "date_bounds",
    "ego_network",
    "export_network",
    "network_stats",
    "theme_network",
]

SEPARATOR = "; "
"""Joins several values in one attribute (roles, themes, SDG codes, shared labels)."""

EXACT_BETWEENNESS_LIMIT = 2000
"""From this many nodes on, betweenness is estimated from sampled pivots instead of exactly."""

# ---------------------------------------------------------------------------------------------
# The declarative part: what is a node, what is an edge
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeKind:
    """A kind of node: its stable key, the query that finds its members, its labels."""

    key: str
    query: str
    labels: Mapping[str, str]


@dataclass(frozen=True)
class EdgeRule:
    """A relation: the query that finds its ``?source ?target`` pairs and what they may be.

    The query may also return ``?via`` (what an edge stands on: a membership, a decision, an own
    theme; the weight counts them, at least 1) and ``?detail`` (labelled and "; "-joined into
    the edge attribute named by ``detail``).
    """

    relation: str
    query: str
    sources: frozenset[str]
    targets: frozenset[str]
    labels: Mapping[str, str]
    detail: str | None = None


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("partnership", "node-partnership.rq", {"da": "partnerskab", "en": "partnership"}),
    NodeKind("forum", "node-forum.rq", {"da": "samarbejdsforum", "en": "governance forum"}),
    NodeKind("action-plan", "node-action-plan.rq", {"da": "handleplan", "en": "action plan"}),
    NodeKind("agreement", "node-agreement.rq", {"da": "aftale", "en": "agreement"}),
    NodeKind("document", "node-document.rq", {"da": "strategidokument", "en": "strategy document"}),
    NodeKind("theme", "node-theme.rq", {"da": "tværgående tema", "en": "cross-cutting theme"}),
    NodeKind("sdg", "node-sdg.rq", {"da": "verdensmål", "en": "SDG"}),
    NodeKind("unit", "node-unit.rq", {"da": "enhed", "en": "unit"}),
    NodeKind("organisation", "node-organisation.rq", {"da": "organisation", "en": "organisation"}),
)
"""Node kinds, most specific first: a node found by several queries gets the first kind."""

_ACTORS = frozenset({"organisation", "unit"})
_INSTRUMENTS = frozenset({"agreement", "action-plan"})
_DOCUMENTS = frozenset({"agreement", "action-plan", "document"})
_ANY = frozenset(kind.key for kind in NODE_KINDS)

EDGE_RULES: tuple[EdgeRule, ...] = (
    EdgeRule(
        "member-of",
        "edge-member-of.rq",
        _ACTORS,
        frozenset({"partnership"}),
        {"da": "medlem af", "en": "member of"},
    ),
    EdgeRule(
        "unit-of",
        "edge-unit-of.rq",
        frozenset({"unit"}),
        _ACTORS,
        {"da": "enhed under", "en": "unit of"},
    ),
    EdgeRule(
        "has-forum",
        "edge-has-forum.rq",
        frozenset({"partnership"}),
        frozenset({"forum"}),
        {"da": "har forum", "en": "has forum"},
    ),
    EdgeRule(
        "takes-part-in",
        "edge-takes-part-in.rq",
        _ACTORS,
        frozenset({"forum"}),
        {"da": "deltager i", "en": "takes part in"},
        detail="roles",
    ),
    EdgeRule(
        "governs",
        "edge-governs.rq",
        _INSTRUMENTS,
        frozenset({"partnership"}),
        {"da": "regulerer", "en": "governs"},
    ),
    EdgeRule(
        "replaces", "edge-replaces.rq", _DOCUMENTS, _DOCUMENTS, {"da": "afløser", "en": "replaces"}
    ),
    EdgeRule(
        "stakeholder",
        "edge-stakeholder.rq",
        frozenset({"partnership"}),
        _ACTORS,
        {"da": "interessent", "en": "stakeholder"},
    ),
    EdgeRule("treats", "edge-treats.rq", _ACTORS, _DOCUMENTS, {"da": "behandler", "en": "treats"}),
    EdgeRule(
        "builds-on",
        "edge-builds-on.rq",
        _ANY,
        _DOCUMENTS | {"sdg"},
        {"da": "tager afsæt i", "en": "builds on"},
    ),
    EdgeRule(
        "theme",
        "edge-theme.rq",
        _DOCUMENTS | {"partnership"},
        frozenset({"theme"}),
        {"da": "har tema", "en": "has theme"},
    ),
    EdgeRule(
        "contributes-to",
        "edge-contributes-to.rq",
        _ANY,
        frozenset({"sdg"}),
        {"da": "bidrager til", "en": "contributes to"},
    ),
    EdgeRule(
        "related-to",
        "edge-related-to.rq",
        frozenset({"theme"}),
        frozenset({"sdg"}),
        {"da": "relateret til", "en": "related to"},
    ),
)
"""Relations of the collaboration network, in the order their edges are added."""

DERIVED_RELATIONS: Mapping[str, Mapping[str, str]] = {
    "collaborates-with": {"da": "samarbejder med", "en": "collaborates with"},
    "shares-themes": {"da": "deler temaer med", "en": "shares themes with"},
}
"""Relations of the actor and theme networks."""

NODE_ATTRIBUTES = (
    "label",
    "label_da",
    "label_en",
    "type",
    "type_label",
    "start",
    "end",
    "period",
    "source",
    "status",
    "collaboration_type",
    "category",
    "themes",
    "sdg",
    "iri",
)
"""The attributes of every node of every projection, in this order."""

_NODE_ATTRIBUTES_QUERY = "node-attributes.rq"
_STATUS_PROPOSED = PGID["status-proposed"]
_IN_TIME = frozenset({"partnership", "agreement", "action-plan"})
"""Node kinds that ``as_of`` filters."""


def _localised(table: Mapping[str, str], lang: str) -> str:
    return table.get(lang) or table.get("da") or next(iter(table.values()))


# ---------------------------------------------------------------------------------------------
# Running the queries
# ---------------------------------------------------------------------------------------------


@cache
def _query_text(name: str) -> str:
    return (_resources.bundled("queries/network") / name).read_text(encoding="utf-8")


def _select(store: Store, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The rows of one bundled query, IRIs as plain strings (see ``Store.select_plain``)."""
    return store.select_plain(_query_text(name))


def _column(variables: list[str], name: str) -> int | None:
    return variables.index(name) if name in variables else None


class _Labeller(labels.Labeller):
    """Labels of nodes, each looked up once; "" (not a made-up name) where there is none.

    The network keys everything by IRI strings; :meth:`text` labels one (or a literal or blank
    node) with a cache keyed by the string itself, so no rdflib term is made twice.
    """

    def __init__(self, store: Store, lang: str = "da") -> None:
        super().__init__(store, lang)
        self._texts: dict[tuple[Any, str], str] = {}

    def prefetch_plain(self, nodes: Iterable[Any]) -> None:
        self.prefetch(URIRef(n) if type(n) is str else n for n in nodes)

    def text(self, value: Any, lang: str | None = None) -> str:
        key = (value, lang or self.lang)
        found = self._texts.get(key)
        if found is None:
            node = URIRef(value) if type(value) is str else value
            found = self._texts[key] = self(node, key[1])
        return found

    def optional(self, value: Any) -> str:
        node = URIRef(value) if type(value) is str else value
        return self.text(value) if self.has_label(node) else ""


# ---------------------------------------------------------------------------------------------
# The collaboration network
# ---------------------------------------------------------------------------------------------


@dataclass
class _Facts:
    """What the attribute query says about one node."""

    periods: set[Any] = field(default_factory=set)
    starts: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    sources: set[Any] = field(default_factory=set)
    collaboration_types: set[Any] = field(default_factory=set)
    categories: set[Any] = field(default_factory=set)
    statuses: set[Any] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)

    def labelled(self) -> tuple[set[Any], ...]:
        """The facts shown by their labels."""
        return (self.sources, self.statuses, self.collaboration_types, self.categories)

    def earliest_start(self) -> dt.date | None:
        bounds = [b[0] for b in map(date_bounds, self.starts) if b is not None]
        return min(bounds, default=None)

    def latest_end(self) -> dt.date | None:
        bounds = [b[1] for b in map(date_bounds, self.ends) if b is not None]
        return max(bounds, default=None)


@dataclass
class _Edge:
    relations: list[str] = field(default_factory=list)
    vias: dict[str, set[Any]] = field(default_factory=dict)
    details: dict[str, set[Any]] = field(default_factory=dict)


def _find_nodes(store: Store) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for kind in NODE_KINDS:
        _, rows = _select(store, kind.query)
        for node in sorted(cell for (cell, *_) in rows if type(cell) is str):
            kinds.setdefault(node, kind.key)
    return kinds


def _find_facts(store: Store, nodes: Mapping[str, str], labeller: _Labeller) -> dict[str, _Facts]:
    facts: dict[str, _Facts] = {node: _Facts() for node in nodes}
    variables, rows = _select(store, _NODE_ATTRIBUTES_QUERY)
    index = {name: i for i, name in enumerate(variables)}
    for row in rows:
        node = row[index["node"]]
        if type(node) is not str or node not in facts:
            continue
        fact = facts[node]
        period, period_label = row[index["period"]], row[index["periodLabel"]]
        if period is not None and period_label is not None:
            labeller.add(
                URIRef(period) if type(period) is str else period, RDFS.label, period_label
            )
        for name, target in (
            ("period", fact.periods),
            ("source", fact.sources),
            ("collaborationType", fact.collaboration_types),
            ("category", fact.categories),
            ("status", fact.statuses),
        ):
            value = row[index[name]]
            if value is not None:
                target.add(value)
        for name, texts in (("start", fact.starts), ("end", fact.ends), ("code", fact.codes)):
            value = row[index[name]]
            if value is not None:
                texts.add(str(value))
    return facts


def _find_edges(store: Store, kinds: Mapping[str, str]) -> dict[tuple[str, str], _Edge]:
    edges: dict[tuple[str, str], _Edge] = {}
    for rule in EDGE_RULES:
        variables, rows = _select(store, rule.query)
        via_col = _column(variables, "via")
        detail_col = _column(variables, "detail")
        for row in rows:
            source, target = row[0], row[1]
            if type(source) is not str or type(target) is not str or source == target:
                continue
            if kinds.get(source) not in rule.sources or kinds.get(target) not in rule.targets:
                continue
            edge = edges.setdefault((source, target), _Edge())
            if rule.relation not in edge.relations:
                edge.relations.append(rule.relation)
                edge.vias[rule.relation] = set()
                edge.details[rule.relation] = set()
            via = row[via_col] if via_col is not None else None
            if via is not None:
                edge.vias[rule.relation].add(via)
            detail = row[detail_col] if detail_col is not None else None
            if detail is not None:
                edge.details[rule.relation].add(detail)
    return edges


_RULES = {rule.relation: rule for rule in EDGE_RULES}
_KINDS = {kind.key: kind for kind in NODE_KINDS}


def _sdg_code(node: str, facts: _Facts) -> str:
    if facts.codes:
        return sorted(facts.codes, key=_code_key)[0]
    tail = str(node).removeprefix(str(SDG))
    return tail if tail != str(node) and re.fullmatch(r"\d+(\.\w+)?", tail) else ""


def _code_key(code: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (10**9, p) for p in code.split("."))


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(sorted({v for v in values if v}, key=lambda v: (v.casefold(), v)))


def collaboration_network(kg: PartnerGraph, lang: str = "da", as_of: dt.date | None = None) -> Any:
    """The typed entities of the graph and the meaningful relations between them (nx.DiGraph).

    Nodes are found by :data:`NODE_KINDS`, edges by :data:`EDGE_RULES`; an edge is kept only
    between nodes of the kinds its rule allows, so no literal, class or other ontology plumbing
    becomes a node. Where two rules link the same pair in the same direction the edge keeps
    both: ``relation`` and ``label`` are "; "-joined in rule order and the weights add up. An
    edge's weight is the number of things it stands on (memberships, decisions, own themes), at
    least 1.

    With ``as_of`` only partnerships, agreements and action plans in force on that day are
    kept. Loose dates count as intervals ("2025" is all of 2025): a thing is in force when its
    earliest possible start is on or before ``as_of`` and its latest possible end is on or
    after it; no end means open-ended. Agreements and action plans are not in force when their
    status is proposed, when they have no start, or once a successor that replaces them (not
    proposed, with a start) has started. Partnerships without a start are kept (strategic
    partnerships have none). The nodes out of force are removed, then the forums of removed
    partnerships; nothing else is removed, so a node may be left without edges.
    """
    store = kg.store
    labeller = _Labeller(store, lang)
    kinds = _find_nodes(store)
    facts = _find_facts(store, kinds, labeller)
    edges = _find_edges(store, kinds)
    labeller.prefetch_plain(
        [*kinds, *(n for e in edges.values() for ds in e.details.values() for n in ds)]
        + [n for f in facts.values() for group in (f.sources, f.statuses) for n in group]
        + [
            n
            for f in facts.values()
            for group in (f.collaboration_types, f.categories)
            for n in group
        ]
    )

    # A collaboration type is a node attribute, not a node, so its names in both languages
    # travel with the graph: the page shows "Functional collaboration" in English too.
    value_names = {
        labeller.text(c): {"da": labeller.text(c, "da"), "en": labeller.text(c, "en")}
        for f in facts.values()
        for c in f.collaboration_types
    }
    graph = nx.DiGraph(
        projection="collaboration",
        lang=lang,
        as_of=as_of.isoformat() if as_of else "",
        value_names=value_names,
    )
    for node, kind in kinds.items():
        graph.add_node(node, **_node_attributes(node, kind, facts[node], labeller))
    for (source, target), edge in sorted(edges.items()):
        weight = sum(max(1, len(edge.vias[r])) for r in edge.relations)
        attributes: dict[str, Any] = {
            "relation": SEPARATOR.join(edge.relations),
            "label": SEPARATOR.join(_localised(_RULES[r].labels, lang) for r in edge.relations),
            "weight": weight,
        }
        for relation in edge.relations:
            detail = _RULES[relation].detail
            if detail is not None:
                attributes[detail] = _joined(labeller.text(d) for d in edge.details[relation])
        graph.add_edge(source, target, **attributes)

    _add_theme_and_sdg_attributes(graph)
    if as_of is not None:
        _keep_in_force(graph, facts, as_of, kg)
    return graph


def _node_attributes(node: str, kind: str, facts: _Facts, labeller: _Labeller) -> dict[str, str]:
    periods = sorted(facts.periods, key=str)
    starts = sorted(facts.starts, key=lambda s: _bound(s, 0, dt.date.max))
    ends = sorted(facts.ends, key=lambda s: _bound(s, 1, dt.date.min))
    return {
        "label": labeller.text(node),
        "label_da": labeller.text(node, "da"),
        "label_en": labeller.text(node, "en"),
        "type": kind,
        "type_label": _localised(_KINDS[kind].labels, labeller.lang),
        "start": starts[0] if starts else "",
        "end": ends[-1] if ends else "",
        "period": _joined(labeller.optional(p) for p in periods),
        "source": _joined(labeller.text(s) for s in facts.sources),
        "status": _joined(labeller.text(s) for s in facts.statuses),
        "collaboration_type": _joined(labeller.text(c) for c in facts.collaboration_types),
        "category": _joined(labeller.text(c) for c in facts.categories),
        "themes": "",
        "sdg": _sdg_code(node, facts) if kind == "sdg" else "",
        "iri": node,
    }


def _bound(lexical: str, which: int, missing: dt.date) -> dt.date:
    bounds = date_bounds(lexical)
    return missing if bounds is None else bounds[which]


def _add_theme_and_sdg_attributes(graph: Any) -> None:
    """``themes`` and ``sdg`` of each node: its own, or those it links to directly."""
    for node, data in graph.nodes(data=True):
        if data["type"] == "theme":
            data["themes"] = data["label"]
            codes = [graph.nodes[t]["sdg"] for t in graph.successors(node)]
        elif data["type"] == "sdg":
            continue
        else:
            data["themes"] = _joined(
                graph.nodes[t]["label"]
                for t in graph.successors(node)
                if graph.nodes[t]["type"] == "theme"
            )
            codes = [
                graph.nodes[t]["sdg"]
                for t in graph.successors(node)
                if graph.nodes[t]["type"] == "sdg"
            ]
        data["sdg"] = SEPARATOR.join(sorted({c for c in codes if c}, key=_code_key))


def _keep_in_force(
    graph: Any, facts: Mapping[str, _Facts], as_of: dt.date, kg: PartnerGraph
) -> None:
    # Agreements and action plans: the one status rule of partnergraph.status, so the
    # network, the agenda and the pages agree on what is in force.
    from partnergraph.query.status import agreement_statuses

    instrument_state = {a.iri: a.state for a in agreement_statuses(kg, as_of)}

    def in_force(node: str, kind: str) -> bool:
        fact = facts[node]
        start, end = fact.earliest_start(), fact.latest_end()
        if kind in _INSTRUMENTS:
            return start is not None and instrument_state.get(node) == "in_force"
        if start is not None and start > as_of:
            return False
        return end is None or end >= as_of

    removed = {
        node
        for node, kind in graph.nodes(data="type")
        if kind in _IN_TIME and not in_force(node, kind)
    }
    for forum, kind in list(graph.nodes(data="type")):
        if kind != "forum":
            continue
        owners = {p for p in graph.predecessors(forum) if graph.nodes[p]["type"] == "partnership"}
        if owners and owners <= removed:
            removed.add(forum)
    graph.remove_nodes_from(removed)


# ---------------------------------------------------------------------------------------------
# Derived projections
# ---------------------------------------------------------------------------------------------


def _has_relation(data: Mapping[str, Any], relation: str) -> bool:
    return relation in str(data.get("relation", "")).split(SEPARATOR)


def actor_network(kg: PartnerGraph, lang: str = "da", as_of: dt.date | None = None) -> Any:
    """Organisations and units linked by the partnerships and forums they share (nx.Graph).

    The nodes are the organisations and units that are members of a partnership or take part
    in a forum of the collaboration network (so ``as_of`` applies the same way). Two are linked
    when they are members of the same partnership or take part in the same forum; ``weight``
    is the number of partnerships and forums they share and ``via`` their "; "-joined labels
    (partnerships first).
    """
    return _actors_from(collaboration_network(kg, lang, as_of))


def _actors_from(collaboration: Any) -> Any:
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
    relation_label = _localised(
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


def theme_network(
    kg: PartnerGraph, lang: str = "da", as_of: dt.date | None = None, min_weight: int = 1
) -> Any:
    """Partnerships linked by the cross-cutting themes and SDG goals/targets they share (nx.Graph).

    A partnership's themes are the cross-cutting themes it has a ``theme`` edge to in the
    collaboration network; its SDGs the goals and targets it contributes to or builds on
    directly. The nodes are the partnerships with at least one of either. ``weight`` is the
    number shared, ``theme_count`` and ``sdg_count`` split it, and ``shared`` lists them
    (themes by label, then SDGs as "<type label> <code>"). With ``min_weight`` only pairs that
    share at least that many are linked (the nodes stay the same); partnerships with fewer are
    left out of the pairing altogether, which is what keeps big data fast.
    """
    return _themes_from(collaboration_network(kg, lang, as_of), min_weight)


def _themes_from(collaboration: Any, min_weight: int = 1) -> Any:
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
        return 1, _code_key(code) if code else (), text

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
    relation_label = _localised(DERIVED_RELATIONS["shares-themes"], lang)
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


class Projection(Protocol):
    """A function that builds one projection of a graph."""

    def __call__(self, kg: PartnerGraph, lang: str = ..., as_of: dt.date | None = ...) -> Any: ...


PROJECTIONS: Mapping[str, Projection] = {
    "collaboration": collaboration_network,
    "actors": actor_network,
    "themes": theme_network,
}
"""The network projections by name, as the CLI and the HTML view offer them."""


def build(
    kg: PartnerGraph,
    projection: str = "collaboration",
    lang: str = "da",
    as_of: dt.date | None = None,
    focus: str | None = None,
    depth: int = 1,
    min_weight: int = 1,
) -> Any:
    """The ``projection`` network, cut down to ``depth`` hops around ``focus`` (an IRI) if given.

    With ``min_weight`` only edges of at least that weight are kept (every node stays): for
    the theme network, pairs sharing that many themes and SDGs, found without pairing the
    partnerships that have fewer.
    """
    make = PROJECTIONS.get(projection)
    if make is None:
        raise ParameterError(
            f"unknown network projection {projection!r}: use one of {', '.join(PROJECTIONS)}"
        )
    if min_weight < 1:
        raise ParameterError(f"the minimum weight must be 1 or more, not {min_weight}")
    if projection == "themes":
        graph = theme_network(kg, lang=lang, as_of=as_of, min_weight=min_weight)
    else:
        graph = make(kg, lang=lang, as_of=as_of)
        if min_weight > 1:
            graph.remove_edges_from(
                [(u, v) for u, v, w in graph.edges(data="weight", default=1) if w < min_weight]
            )
    if focus is not None:
        graph = ego_network(graph, focus, depth)
    return graph


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")

CSV_COLUMNS = ("source", "target", "source_label", "target_label", "relation", "label", "weight")

_GEXF_RESERVED = {"start": "start_date", "end": "end_date"}
"""GEXF reads node ``start``/``end`` as the times of a dynamic graph: written under other names."""


def _spell(data: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    start = date_bounds(str(data.get("start_date", "")))
    end = date_bounds(str(data.get("end_date", "")))
    return (start[0] if start else None, end[1] if end else None)


def _add_spells(graph: Any) -> None:
    spells = {node: _spell(data) for node, data in graph.nodes(data=True)}
    for node, (start, end) in spells.items():
        if start is not None:
            graph.nodes[node]["start"] = start.isoformat()
        if end is not None:
            graph.nodes[node]["end"] = end.isoformat()
    for source, target, data in graph.edges(data=True):
        starts = [d for d in (spells[source][0], spells[target][0]) if d is not None]
        ends = [d for d in (spells[source][1], spells[target][1]) if d is not None]
        start, end = (max(starts) if starts else None), (min(ends) if ends else None)
        if start is not None and end is not None and start > end:
            continue  # the two never existed at the same time: leave the edge undated
        if start is not None:
            data["start"] = start.isoformat()
        if end is not None:
            data["end"] = end.isoformat()


def export_network(graph: Any, fmt: str, *, dynamic: bool = False) -> str:
    """The network as GraphML, GEXF, node-link JSON or a CSV edge list (text).

    GEXF writes the ``start`` and ``end`` node attributes as ``start_date`` and ``end_date``,
    because GEXF reserves those names for the spells of a dynamic graph. With ``dynamic`` the
    GEXF graph is dynamic (Gephi's timeline): each node and edge gets ``start``/``end`` as
    loose as the data, the earliest day its start can mean and the latest day its end can mean
    ("2018" starts 2018-01-01; "udgangen af 2025" ends 2025-12-31); an edge lives while both
    its ends do; no date means open. The CSV is an edge list (isolated nodes are not in it)
    with spreadsheet formulas neutralised.
    """
    if dynamic and fmt != "gexf":
        raise ParameterError("--dynamic is for GEXF only: add --format gexf")
    if "value_names" in graph.graph:  # names for the page, not data: no format can hold a dict
        graph = graph.copy()
        del graph.graph["value_names"]
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue().decode("utf-8")
    if fmt == "gexf":
        copy = graph.copy()
        for _, data in copy.nodes(data=True):
            for name, renamed in _GEXF_RESERVED.items():
                if name in data:
                    data[renamed] = data.pop(name)
        if dynamic:
            _add_spells(copy)
        buffer = io.BytesIO()
        nx.write_gexf(copy, buffer, encoding="utf-8")
        return buffer.getvalue().decode("utf-8")
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for source, target, data in graph.edges(data=True):
            cells = [
                source,
                target,
                graph.nodes[source].get("label", ""),
                graph.nodes[target].get("label", ""),
                data.get("relation", ""),
                data.get("label", ""),
            ]
            writer.writerow([*(neutralise(str(c)) for c in cells), data.get("weight", 1)])
        return out.getvalue()
    raise ParameterError(f"unknown network format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
