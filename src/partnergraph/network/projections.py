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

What counts as a node and as an edge is the small declarative table of
:mod:`partnergraph.network.rules` (:data:`NODE_KINDS`, :data:`EDGE_RULES`): each entry names a
SPARQL SELECT in ``queries/network/`` that works on any dataset following the ontology. The
graphs are built from those SELECTs of edges, not by converting a CONSTRUCT, and the derived
projections are computed from the collaboration network (:mod:`partnergraph.network.derived`)
so that the rules (and the ``as_of`` filter) exist once. Measures are
:mod:`partnergraph.network.measures`, file formats :mod:`partnergraph.network.export`.

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

import datetime as dt
import heapq
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
from rdflib.namespace import RDFS

from partnergraph.core import resources as _resources
from partnergraph.core.choices import choose
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.network.derived import actors_from, ego_network, shared_features
from partnergraph.network.rules import (
    DERIVED_RELATIONS,
    EDGE_RULES,
    INSTRUMENTS,
    NODE_ATTRIBUTES,
    NODE_KINDS,
    SEPARATOR,
    EdgeRule,
    NodeKind,
    code_key,
    localised,
)
from partnergraph.query import labels
from partnergraph.query.status import agreement_statuses
from partnergraph.rdf.dates import date_bounds, optional_day
from partnergraph.rdf.namespaces import PGID, SDG

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store
    from partnergraph.query.knowledge import Knowledge

__all__ = [
    "DERIVED_RELATIONS",
    "EDGE_RULES",
    "NODE_ATTRIBUTES",
    "NODE_KINDS",
    "PROJECTIONS",
    "SEPARATOR",
    "EdgeRule",
    "NodeKind",
    "Projection",
    "actor_network",
    "build",
    "collaboration_network",
    "date_bounds",
    "ego_network",
    "partnerships_in_force",
    "projection_name",
    "theme_network",
]

_NODE_ATTRIBUTES_QUERY = "node-attributes.rq"
_THEME_FEATURES_QUERY = "theme-features.rq"
_STATUS_PROPOSED = PGID["status-proposed"]
_IN_TIME = frozenset({"partnership", "agreement", "action-plan"})
"""Node kinds that ``as_of`` filters."""


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
    """Labels of nodes (IRIs as the plain strings the network keys everything by, literals,
    blank nodes), each looked up once; "" (not a made-up name) where :meth:`optional` finds
    none."""

    text = labels.Labeller.__call__

    def optional(self, value: Any) -> str:
        return self(value) if self.has_label(value) else ""


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

    def dated_in_force(self, as_of: dt.date) -> bool:
        """In force by its own dates: started (or no start) and not yet ended on ``as_of``."""
        start, end = self.earliest_start(), self.latest_end()
        if start is not None and start > as_of:
            return False
        return end is None or end >= as_of


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


def _find_facts(
    store: Store, nodes: Mapping[str, str], labeller: _Labeller, *, only: bool = False
) -> dict[str, _Facts]:
    """The attribute query's facts of ``nodes``; with ``only`` the query is asked about those
    nodes alone (one ``VALUES`` block: index look-ups, not the facts of the whole store)."""
    facts: dict[str, _Facts] = {node: _Facts() for node in nodes}
    text = _query_text(_NODE_ATTRIBUTES_QUERY)
    if only:
        values = " ".join(f"<{node}>" for node in sorted(nodes))
        text = text.replace("WHERE {", f"WHERE {{\n  VALUES ?node {{ {values} }}", 1)
    variables, rows = store.select_plain(text)
    index = {name: i for i, name in enumerate(variables)}
    for row in rows:
        node = row[index["node"]]
        if type(node) is not str or node not in facts:
            continue
        fact = facts[node]
        period, period_label = row[index["period"]], row[index["periodLabel"]]
        if period is not None and period_label is not None:
            labeller.add(period, RDFS.label, period_label)
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
        return sorted(facts.codes, key=code_key)[0]
    tail = str(node).removeprefix(str(SDG))
    return tail if tail != str(node) and re.fullmatch(r"\d+(\.\w+)?", tail) else ""


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(sorted({v for v in values if v}, key=lambda v: (v.casefold(), v)))


def collaboration_network(kg: Knowledge, lang: str = "da", as_of: dt.date | None = None) -> Any:
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
    labeller.prefetch(
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
            "label": SEPARATOR.join(localised(_RULES[r].labels, lang) for r in edge.relations),
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
        "type_label": localised(_KINDS[kind].labels, labeller.lang),
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
        data["sdg"] = SEPARATOR.join(sorted({c for c in codes if c}, key=code_key))


def partnerships_in_force(kg: Knowledge, partnerships: Iterable[str], as_of: dt.date) -> set[str]:
    """Those of ``partnerships`` the collaboration network keeps ``as_of`` (see
    :func:`collaboration_network`), asked about them alone: the overview filters by the same
    rule without building the network."""
    wanted = dict.fromkeys(partnerships, "partnership")
    if not wanted:
        return set()
    facts = _find_facts(kg.store, wanted, _Labeller(kg.store, "da"), only=True)
    return {node for node, fact in facts.items() if fact.dated_in_force(as_of)}


def _keep_in_force(graph: Any, facts: Mapping[str, _Facts], as_of: dt.date, kg: Knowledge) -> None:
    # Agreements and action plans: the one status rule of partnergraph.query.status, so the
    # network, the agenda and the pages agree on what is in force.

    instrument_state = {a.iri: a.state for a in agreement_statuses(kg, as_of)}

    def in_force(node: str, kind: str) -> bool:
        fact = facts[node]
        if kind in INSTRUMENTS:
            return fact.earliest_start() is not None and instrument_state.get(node) == "in_force"
        return fact.dated_in_force(as_of)

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


def actor_network(kg: Knowledge, lang: str = "da", as_of: dt.date | None = None) -> Any:
    """Organisations and units linked by the partnerships and forums they share (nx.Graph).

    The nodes are the organisations and units that are members of a partnership or take part
    in a forum of the collaboration network (so ``as_of`` applies the same way). Two are linked
    when they are members of the same partnership or take part in the same forum; ``weight``
    is the number of partnerships and forums they share and ``via`` their "; "-joined labels
    (partnerships first).
    """
    return actors_from(collaboration_network(kg, lang, as_of))


def theme_network(
    kg: Knowledge,
    lang: str = "da",
    as_of: dt.date | None = None,
    min_weight: int = 1,
    top_edges: int = 0,
) -> Any:
    """Partnerships linked by the cross-cutting themes and SDG goals/targets they share (nx.Graph).

    A partnership's themes are the cross-cutting themes it has a ``theme`` edge to in the
    collaboration network; its SDGs the goals and targets it contributes to or builds on
    directly. The nodes are the partnerships with at least one of either. ``weight`` is the
    number shared, ``theme_count`` and ``sdg_count`` split it, and ``shared`` lists them
    (themes by label, then SDGs as "<type label> <code>"). With ``min_weight`` only pairs that
    share at least that many are linked, with ``top_edges`` only that many of the heaviest
    pairs (ties by the partnerships' IRIs); the nodes stay the same either way.

    Built from one query of each partnership's features (``theme-features.rq``: the links the
    collaboration network's rules find) and their attributes alone, paired by
    :func:`~partnergraph.network.derived.shared_features`. ``as_of`` removes partnerships out
    of force by their dates, as the collaboration network does.
    """
    store = kg.store
    labeller = _Labeller(store, lang)
    features: dict[str, set[str]] = {}
    themes: set[str] = set()
    for partnership, feature, is_theme in _select(store, _THEME_FEATURES_QUERY)[1]:
        if type(partnership) is str and type(feature) is str and partnership != feature:
            features.setdefault(partnership, set()).add(feature)
            if str(is_theme) == "1":
                themes.add(feature)
    found = {f for linked in features.values() for f in linked}
    facts = _find_facts(store, dict.fromkeys([*features, *found], ""), labeller, only=True)
    # Collaboration types named before as_of, as the collaboration network names them.
    types = sorted({c for p in features for c in facts[p].collaboration_types}, key=str)
    if as_of is not None:
        features = {p: f for p, f in features.items() if facts[p].dated_in_force(as_of)}
    labeller.prefetch(
        [*features, *found]
        + [n for p in features for group in (*facts[p].labelled(), facts[p].periods) for n in group]
    )
    sdg_type = localised(_KINDS["sdg"].labels, lang)
    codes = {f: _sdg_code(f, facts[f]) for f in found - themes}
    keys: dict[str, tuple[Any, ...]] = {}
    for feature in found:
        if feature in themes:
            text = labeller.text(feature)
            keys[feature] = (0, (text.casefold(),), text)
        else:
            code = codes[feature]
            text = f"{sdg_type} {code}" if code else labeller.text(feature)
            keys[feature] = (1, code_key(code) if code else (), text)
    order = sorted(found, key=keys.__getitem__)

    value_names = {
        labeller.text(c): {"da": labeller.text(c, "da"), "en": labeller.text(c, "en")}
        for c in types
    }
    graph = nx.Graph(
        projection="themes",
        lang=lang,
        as_of=as_of.isoformat() if as_of else "",
        value_names=value_names,
    )
    for node in sorted(features):
        data = _node_attributes(node, "partnership", facts[node], labeller)
        data["themes"] = _joined(labeller.text(f) for f in features[node] if f in themes)
        data["sdg"] = SEPARATOR.join(
            sorted({codes[f] for f in features[node] if codes.get(f)}, key=code_key)
        )
        graph.add_node(node, **data)
    texts = {f: keys[f][2] for f in order}
    relation_label = localised(DERIVED_RELATIONS["shares-themes"], lang)
    pairs = shared_features(features, order, min_weight, top_edges)
    graph.add_edges_from(
        (
            first,
            second,
            {
                "relation": "shares-themes",
                "label": relation_label,
                "weight": len(common),
                "theme_count": (count := sum(f in themes for f in common)),
                "sdg_count": len(common) - count,
                "shared": SEPARATOR.join(map(texts.__getitem__, common)),
            },
        )
        for (first, second), common in pairs.items()
    )
    return graph


class Projection(Protocol):
    """A function that builds one projection of a graph."""

    def __call__(self, kg: Knowledge, lang: str = ..., as_of: dt.date | None = ...) -> Any: ...


PROJECTIONS: Mapping[str, Projection] = {
    "collaboration": collaboration_network,
    "actors": actor_network,
    "themes": theme_network,
}
"""The network projections by name, as the CLI and the HTML view offer them."""


def projection_name(given: str) -> str:
    """The projection ``given`` names: its token, or its Danish or English word ("aktører"),
    as the catalogue has them (``choice.projection.*``); else a :class:`ParameterError`
    listing them in the reader's language."""
    return choose("projection", given, tuple(PROJECTIONS))


def _heaviest_first(edge: tuple[str, str, Any]) -> tuple[Any, str, str]:
    u, v, weight = edge
    return (-weight, *sorted((u, v)))


def build(
    kg: Knowledge,
    projection: str = "collaboration",
    lang: str = "da",
    as_of: dt.date | str | None = None,
    focus: str | None = None,
    depth: int = 1,
    min_weight: int = 1,
    top_edges: int = 0,
) -> Any:
    """The ``projection`` network, cut down to ``depth`` hops around ``focus`` (IRI, prefixed
    name or label) if given: :meth:`PartnerGraph.network <partnergraph.PartnerGraph.network>`.

    With ``min_weight`` only edges of at least that weight are kept, with ``top_edges`` (more
    than 0) only that many of the heaviest (ties by their ends' IRIs); every node stays. For
    the theme network both are answered while pairing, so a readable cut of a big dataset
    never pairs the partnerships that cannot make it.
    """
    when = optional_day(as_of)
    center = str(kg.resolve(focus)) if focus is not None else None
    projection = projection_name(projection)
    make = PROJECTIONS[projection]
    if min_weight < 1:
        raise ParameterError(t("net.min_weight", value=min_weight))
    if top_edges < 0:
        raise ParameterError(t("net.top_edges", value=top_edges))
    if projection == "themes":
        graph = theme_network(kg, lang, when, min_weight, top_edges)
    else:
        graph = make(kg, lang=lang, as_of=when)
        weights = graph.edges(data="weight", default=1)
        kept = [(u, v) for u, v, w in weights if w >= min_weight]
        if top_edges:
            heaviest = {
                (u, v) for u, v, _ in heapq.nsmallest(top_edges, weights, key=_heaviest_first)
            }
            kept = [edge for edge in kept if edge in heaviest]
        if len(kept) < graph.number_of_edges():
            graph.remove_edges_from(set(graph.edges) - set(kept))
    if center is not None:
        graph = ego_network(graph, center, depth, name=focus)
    return graph
