"""The small network around an entity, as inline SVG: no script, no outside request.

The ego network (depth 1) is drawn with a deterministic radial layout: the entity in the
middle, its neighbours on an ellipse around it (in two alternating rings when there are many),
ordered by kind and label so the same data always gives the same picture. Every neighbour with
a page is a link to it; colours, shapes and names are those of :mod:`partnergraph.rdf.kinds`,
drawn by :func:`partnergraph.views.figure.marker`. Text
from the data is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from partnergraph.network.rules import RELATION_LABELS
from partnergraph.rdf.kinds import KINDS, OTHER, kind
from partnergraph.views.figure import marker, symbol
from partnergraph.views.pages.vocab import text

__all__ = ["KIND_ORDER", "LegendEntry", "network_svg"]

KIND_ORDER = (
    "partnership",
    "organisation",
    "unit",
    "forum",
    "agreement",
    "action-plan",
    "document",
    "theme",
    "sdg",
    OTHER.key,
)
"""The order neighbours are drawn and listed in (partnerships first); not the legend's."""

WIDTH = 1060
_RX = 200.0
_ROW = 32.0
_PAD_Y = 40.0
_MIN_HEIGHT = 140
_LABEL_CHARS = 40


@dataclass(frozen=True)
class LegendEntry:
    kind: str
    name: str
    colour: str
    count: int

    @property
    def symbol(self) -> str:
        """The kind's marker as a small inline SVG: the shape the network page and the report's
        figure draw (made here, no text from the data in it)."""
        return symbol(self.kind, 12)


def _label(attrs: dict[str, Any], lang: str) -> str:
    for key in (f"label_{lang}", "label", "label_da", "label_en", "iri"):
        value = attrs.get(key)
        if value:
            return str(value)
    return ""


def _short(label: str, limit: int = _LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _relation(attrs: dict[str, Any], lang: str, names: Callable[[str], str] | None) -> str:
    relation = str(attrs.get("relation") or "")
    parts = []
    for key in [r.strip() for r in relation.split(";") if r.strip()]:
        if key in RELATION_LABELS:
            parts.append(RELATION_LABELS[key][0 if lang == "da" else 1])
        elif names is not None:
            parts.append(names(key))
        else:
            parts.append(key)
    return "; ".join(parts) or str(attrs.get("label") or "")


def network_svg(
    graph: Any,
    center: str,
    lang: str,
    href: Callable[[str], str | None],
    *,
    relation_name: Callable[[str], str] | None = None,
    limit: int = 18,
    title: str = "",
) -> tuple[str, list[LegendEntry], int]:
    """The SVG markup of ``graph`` around ``center``, its legend and how many neighbours were
    left out (beyond ``limit``). ``href`` gives the link of a node IRI (or ``None``);
    ``relation_name`` names a relation that is a property IRI (the entity's own links)."""
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    neighbours = [n for n in undirected.neighbors(center) if n != center] if center in graph else []

    def order(node: str) -> tuple[int, str, str]:
        key = str(graph.nodes[node].get("type") or "other")
        rank = KIND_ORDER.index(key) if key in KIND_ORDER else len(KIND_ORDER)
        return (rank, _label(graph.nodes[node], lang).casefold(), str(node))  # IRI: a tiebreak

    neighbours.sort(key=order)
    left_out = max(0, len(neighbours) - limit)
    shown = neighbours[:limit]
    # Two columns on an arc, left and right of the entity, one row per neighbour and every
    # label pointing outwards: no two labels can overlap, whatever their length.
    right_count = len(shown) // 2
    left = shown[: len(shown) - right_count]
    right = shown[len(shown) - right_count :]
    rows = max(len(left), len(right), 1)
    half = (rows - 1) * _ROW / 2
    height = int(max(2 * half + 2 * _PAD_Y, _MIN_HEIGHT))
    positions: dict[str, tuple[float, float]] = {center: (0.0, 0.0)}
    for column, side in ((left, -1.0), (right, 1.0)):
        offset = (rows - len(column)) * _ROW / 2
        for i, node in enumerate(column):
            y = -half + offset + i * _ROW
            bend = (y / (half + _ROW)) ** 2 if half else 0.0
            positions[node] = (side * _RX * (1 - 0.45 * bend), y)

    parts: list[str] = [
        f'<svg class="ego" viewBox="{-WIDTH // 2} {-height // 2} {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    # Edges first, so nodes and labels sit on top.
    edges = []
    for a, b, attrs in graph.edges(data=True):
        if a in positions and b in positions and a != b:
            edges.append((a, b, attrs))
    edges.sort(key=lambda e: (e[0] != center and e[1] != center, str(e[0]), str(e[1])))
    for a, b, attrs in edges:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        spoke = center in (a, b)
        name = _relation(attrs, lang, relation_name)
        who = f"{_label(graph.nodes[a], lang)} → {name} → {_label(graph.nodes[b], lang)}"
        if spoke:
            path = f"M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}"
        else:  # between two neighbours: a curve bulging away from the entity
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            same_side = x1 * x2 > 0
            cx = mx * 0.55 if same_side else mx
            cy = my if same_side else my * 1.6
            path = f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"
        parts.append(
            f'<path class="{"spoke" if spoke else "chord"}" d="{path}" fill="none" '
            f'stroke="{"#9aa5b1" if spoke else "#d3dae2"}" '
            f'stroke-width="{1.5 if spoke else 1.2}"><title>{escape(who)}</title></path>'
        )
    kinds: dict[str, int] = {}
    for node in [center, *shown]:
        attrs = graph.nodes[node]
        key = str(attrs.get("type") or OTHER.key)
        key = key if key in KINDS else OTHER.key
        kinds[key] = kinds.get(key, 0) + 1
        x, y = positions[node]
        full = _label(attrs, lang)
        is_center = node == center
        radius = 15 if is_center else 9
        shape = marker(
            key, x, y, radius, "#102a43" if is_center else "#ffffff", 3 if is_center else 2
        )
        if is_center:
            label = ""  # the card's heading names it; a label here would cross the spokes
        else:
            anchor = "start" if x > 0 else "end"
            label_x = x + (radius + 7 if x > 0 else -radius - 7)
            label = (
                f'<text x="{label_x:.1f}" y="{y + 4.5:.1f}" text-anchor="{anchor}" '
                'class="node-label" paint-order="stroke" stroke="#ffffff" stroke-width="4" '
                f'stroke-linejoin="round">{escape(_short(full))}</text>'
            )
        tip = f"<title>{escape(full)} ({escape(kind(key).heading(lang))})</title>"
        link = None if is_center else href(str(attrs.get("iri") or node))
        group = f'<g class="node{" center" if is_center else ""}">{tip}{shape}{label}</g>'
        if link is not None:
            group = f'<a href="{escape(link, quote=True)}">{group}</a>'
        parts.append(group)
    parts.append("</svg>")
    legend = [
        LegendEntry(k, kind(k).heading(lang), kind(k).colour, kinds[k])
        for k in sorted(kinds, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
    ]
    if not shown:
        return "", legend, 0
    return "".join(parts), legend, left_out


def more_text(lang: str, left_out: int) -> str:
    return text(lang, "network.more", n=left_out) if left_out else ""
