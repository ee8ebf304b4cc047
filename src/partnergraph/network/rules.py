"""What counts as a node and as an edge of the networks: the small declarative table.

Each node kind and each edge rule names a SPARQL SELECT in ``queries/network/`` that works on
any dataset following the ontology; :mod:`partnergraph.network.projections` runs them. The
kinds themselves (names, colours, shapes) are :mod:`partnergraph.rdf.kinds`; this module only
says which query finds each kind's members and which relations link them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from partnergraph.rdf.kinds import KINDS

__all__ = [
    "DERIVED_RELATIONS",
    "EDGE_RULES",
    "INSTRUMENTS",
    "NODE_ATTRIBUTES",
    "NODE_KINDS",
    "RELATION_LABELS",
    "SEPARATOR",
    "EdgeRule",
    "NodeKind",
    "code_key",
    "localised",
]

SEPARATOR: Final = "; "
"""Joins several values in one attribute (roles, themes, SDG codes, shared labels)."""


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


NODE_KINDS: tuple[NodeKind, ...] = tuple(
    NodeKind(key, f"node-{key}.rq", KINDS[key].name)
    for key in (
        "partnership",
        "forum",
        "action-plan",
        "agreement",
        "document",
        "theme",
        "sdg",
        "unit",
        "organisation",
    )
)
"""Node kinds, most specific first: a node found by several queries gets the first kind."""

_ACTORS = frozenset({"organisation", "unit"})
INSTRUMENTS = frozenset({"agreement", "action-plan"})
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
        INSTRUMENTS,
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
    EdgeRule(
        "operated-by",
        "edge-operated-by.rq",
        frozenset({"partnership"}),
        frozenset({"organisation"}),
        {"da": "drives af", "en": "operated by"},
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

RELATION_LABELS: Final[Mapping[str, tuple[str, str]]] = {
    **{rule.relation: (rule.labels["da"], rule.labels["en"]) for rule in EDGE_RULES},
    **{relation: (names["da"], names["en"]) for relation, names in DERIVED_RELATIONS.items()},
}
"""Danish and English label of every ``relation`` key of every projection, for the views."""

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


def localised(table: Mapping[str, str], lang: str) -> str:
    """The entry of ``table`` in ``lang``, else Danish, else the first."""
    return table.get(lang) or table.get("da") or next(iter(table.values()))


def code_key(code: str) -> tuple[tuple[int, str], ...]:
    """Sort key of an SDG code: "17.2" before "17.17", numbers before letters ("17.a")."""
    return tuple((int(p), "") if p.isdigit() else (10**9, p) for p in code.split("."))
