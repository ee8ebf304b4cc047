"""Interactive network views: one self-contained HTML page per network graph.

:func:`render_html` turns a network graph (a networkx ``Graph`` or ``DiGraph`` whose node ids
are IRIs, see :mod:`partnergraph.network`) into a single HTML file that works offline: the
vis-network library (read from the installed pyvis package at render time), the page's own
script and style, and the data are all inline. The page asks no other host for anything (its
Content-Security-Policy forbids it), writes no files, and puts text from the data into the DOM
only as text, so a label such as ``<img src=x onerror=alert(1)>`` is shown, never run.

The page offers a legend that doubles as a type filter, a search box, filters by collaboration
type, cross-cutting theme and SDG target, a date slider, a details panel, neighbourhood
highlighting, a Danish/English switch, a PNG download and a physics toggle.

Small networks are laid out in the browser (a bounded physics run that then stops); large ones
(more than :data:`PHYSICS_NODE_LIMIT` nodes, or when ``positions`` is given) get a layout
computed here, in pure Python, and the browser only draws.

:func:`write_html` writes the page atomically; :class:`View` shows it inline in Jupyter.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from operator import add, mul
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from partnergraph.io.output import write_atomic

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "PHYSICS_NODE_LIMIT",
    "RELATION_LABELS",
    "TYPE_STYLES",
    "TypeStyle",
    "View",
    "layout_positions",
    "render_html",
    "write_html",
]

PHYSICS_NODE_LIMIT: Final = 1000
"""Networks with more nodes than this are laid out in Python and drawn without physics."""

LANGUAGES: Final = ("da", "en")
DEFAULT_TITLE: Final = "partnergraph"

_UNIT_PX: Final = 95.0  # pixels per layout unit (the ideal edge length)
_STABILISATION_ITERATIONS: Final = 200
_VIS_DIR: Final = ("templates", "lib", "vis-9.1.2")


@dataclass(frozen=True)
class TypeStyle:
    """How nodes of one type look: vis-network shape, fill colour and label colour."""

    shape: str
    color: str
    da: str
    en: str
    font: str = "#1f2933"  # colour of a label drawn inside the shape (box, ellipse)

    @property
    def label_inside(self) -> bool:
        return self.shape in {"box", "ellipse", "circle", "database", "text"}


# Paul Tol's "muted" palette (colour-blind safe), one distinct shape per type as well.
TYPE_STYLES: Final[Mapping[str, TypeStyle]] = {
    "organisation": TypeStyle("dot", "#332288", "Organisation", "Organisation"),
    "unit": TypeStyle("triangle", "#88CCEE", "Enhed", "Unit"),
    "partnership": TypeStyle("diamond", "#CC6677", "Partnerskab", "Partnership"),
    "forum": TypeStyle("hexagon", "#117733", "Samarbejdsforum", "Forum"),
    "agreement": TypeStyle("square", "#DDCC77", "Aftale", "Agreement"),
    "action-plan": TypeStyle("triangleDown", "#999933", "Handleplan", "Action plan"),
    "document": TypeStyle("star", "#882255", "Dokument", "Document"),
    "theme": TypeStyle("ellipse", "#44AA99", "Tværgående tema", "Cross-cutting theme"),
    "sdg": TypeStyle("box", "#AA4499", "Verdensmål", "SDG", font="#ffffff"),
}
"""Style and Danish/English name of each node type, in legend order."""

_OTHER_STYLE: Final = TypeStyle("dot", "#BBBBBB", "Andet", "Other")

RELATION_LABELS: Final[Mapping[str, tuple[str, str]]] = {
    # partnergraph.network.EDGE_RULES
    "member-of": ("medlem af", "member of"),
    "unit-of": ("enhed under", "unit of"),
    "has-forum": ("har forum", "has forum"),
    "takes-part-in": ("deltager i", "takes part in"),
    "governs": ("regulerer", "governs"),
    "replaces": ("afløser", "replaces"),
    "stakeholder": ("interessent", "stakeholder"),
    "treats": ("behandler", "treats"),
    "builds-on": ("tager afsæt i", "builds on"),
    "theme": ("har tema", "has theme"),
    "contributes-to": ("bidrager til", "contributes to"),
    "related-to": ("relateret til", "related to"),
    # partnergraph.network.DERIVED_RELATIONS
    "collaborates-with": ("samarbejder med", "collaborates with"),
    "shares-themes": ("deler temaer med", "shares themes with"),
}
"""Danish and English label of each edge ``relation`` key; unknown keys keep their own label."""


# ------------------------------------------------------------------------------------------
# Public API
# ------------------------------------------------------------------------------------------


def render_html(
    graph: nx.Graph,
    *,
    lang: str = "da",
    title: str = DEFAULT_TITLE,
    physics: bool | None = None,
    positions: Mapping[Hashable, Sequence[float]] | None = None,
) -> str:
    """One self-contained HTML page showing ``graph`` interactively.

    ``lang`` (``da`` or ``en``) is the language the page opens in; the reader can switch.
    ``physics`` chooses whether the browser lays the network out with a bounded physics run
    (the default for up to :data:`PHYSICS_NODE_LIMIT` nodes without ``positions``); without it
    the layout is computed here. ``positions`` maps node ids to ``(x, y)`` in any unit (for
    example from ``networkx.spring_layout``); they are rescaled to fit.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    data = _payload(graph, lang=lang, title=title, physics=physics, positions=positions)
    return _page(title=title, lang=lang, data=data)


def write_html(graph: nx.Graph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html` of ``graph`` to ``path`` atomically; return the path."""
    return write_atomic(path, render_html(graph, **kwargs))


class View:
    """A network view that shows itself inline in Jupyter, in a sandboxed ``<iframe srcdoc>``.

    ``View(graph, lang="en")`` takes the keyword arguments of :func:`render_html`, plus
    ``height`` (CSS length of the frame). Nothing is written to disk unless :meth:`save` is
    called.
    """

    def __init__(self, graph: nx.Graph, *, height: str = "600px", **kwargs: Any) -> None:
        self._graph = graph
        self._kwargs = kwargs
        self._height = height
        self._html: str | None = None

    @property
    def html(self) -> str:
        """The complete HTML page."""
        if self._html is None:
            self._html = render_html(self._graph, **self._kwargs)
        return self._html

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` atomically; return the path."""
        return write_atomic(path, self.html)

    def _repr_html_(self) -> str:
        title = str(self._kwargs.get("title", DEFAULT_TITLE))
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'sandbox="allow-scripts allow-downloads" '
            f'title="{html.escape(title, quote=True)}" '
            f'style="width:100%;height:{html.escape(self._height, quote=True)};border:0" '
            'width="100%" loading="lazy"></iframe>'
        )

    def __repr__(self) -> str:
        return f"View({self._graph.number_of_nodes()} nodes, {self._graph.number_of_edges()} edges)"


def layout_positions(graph: nx.Graph, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """A fast deterministic layout of ``graph`` in pixels, as the page uses for large networks.

    Pure Python (no numpy): per connected component a pivot-MDS embedding of the nodes that are
    not leaves, leaves fanned out around their neighbour, every node snapped to its own grid
    cell, a few force-directed passes to relax it; components packed in rows.
    """
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    coords = _layout(len(nodes), edges, seed=seed)
    return {node: (x * _UNIT_PX, y * _UNIT_PX) for node, (x, y) in zip(nodes, coords, strict=True)}


# ------------------------------------------------------------------------------------------
# Building the data the page shows
# ------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _split(value: Any) -> list[str]:
    """A ``"; "``-joined attribute as a list of distinct, non-empty parts, in order."""
    seen: dict[str, None] = {}
    for part in _text(value).split(";"):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def _relation_labels(relation: str, given: str) -> tuple[str, str]:
    """Danish and English label of a relation key, or of several joined with ``"; "``."""
    keys = [part.strip() for part in relation.split(";")] if relation else []
    givens = [part.strip() for part in given.split(";")] if given else []
    if not keys:
        return given, given
    if len(givens) != len(keys):
        givens = [given] * len(keys) if given else keys
    pairs = [RELATION_LABELS.get(key, (g, g)) for key, g in zip(keys, givens, strict=True)]
    return "; ".join(p[0] for p in pairs), "; ".join(p[1] for p in pairs)


_LABEL_SIZES: Final[Mapping[str, int]] = {"partnership": 19, "organisation": 18, "theme": 15}

_PROPOSED: Final = frozenset({"proposed", "foreslået", "planned", "planlagt"})
"""Labels of pgid:status-proposed and -planned: such agreements and action plans are not in
force (the rule of partnergraph.status)."""


def _style(kind: str) -> TypeStyle:
    return TYPE_STYLES.get(kind, _OTHER_STYLE)


def _mix(colour: str, other: str, share: float) -> str:
    """``colour`` mixed with ``other`` (both ``#rrggbb``), ``share`` of ``other``."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def _group(style: TypeStyle) -> dict[str, Any]:
    border = _mix(style.color, "#000000", 0.35)
    group: dict[str, Any] = {
        "shape": style.shape,
        "color": {
            "background": style.color,
            "border": border,
            "highlight": {"background": _mix(style.color, "#ffffff", 0.25), "border": "#111111"},
            "hover": {"background": _mix(style.color, "#ffffff", 0.15), "border": border},
        },
    }
    if style.label_inside:
        group["font"] = {"color": style.font, "strokeWidth": 0, "size": 14}
        group["margin"] = {"top": 6, "bottom": 6, "left": 8, "right": 8}
    return group


def _payload(
    graph: nx.Graph,
    *,
    lang: str,
    title: str,
    physics: bool | None,
    positions: Mapping[Hashable, Sequence[float]] | None,
) -> dict[str, Any]:
    from pyvis.network import Network  # type: ignore[import-untyped,unused-ignore]

    node_ids = list(graph.nodes)
    index = {node: i for i, node in enumerate(node_ids)}
    edge_list = list(graph.edges(data=True))
    pairs = [(index[a], index[b]) for a, b, _ in edge_list]
    n = len(node_ids)
    use_physics = physics if physics is not None else (n <= PHYSICS_NODE_LIMIT and not positions)
    big = n > PHYSICS_NODE_LIMIT

    if positions:
        coords = _scaled_positions(node_ids, pairs, positions)
    else:
        coords = [(x * _UNIT_PX, y * _UNIT_PX) for x, y in _layout(n, pairs)]

    degree = [0] * n
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1

    measures = _measures(graph, node_ids)
    types: dict[str, dict[str, Any]] = {}
    theme_names: dict[str, dict[str, str]] = {}
    vis_nodes: list[dict[str, Any]] = []
    for i, (node, attrs) in enumerate(graph.nodes(data=True)):
        kind = _text(attrs.get("type")) or "other"
        style = _style(kind)
        if kind not in types:
            given = _text(attrs.get("type_label"))
            known = kind in TYPE_STYLES
            types[kind] = {
                "key": kind,
                "da": style.da if known else (given or kind),
                "en": style.en if known else (given or kind),
                "shape": style.shape,
                "color": style.color,
                "border": _mix(style.color, "#000000", 0.35),
                "font": style.font,
                "count": 0,
            }
        types[kind]["count"] += 1
        label = _text(attrs.get("label")) or _text(attrs.get("iri")) or _text(node)
        record: dict[str, Any] = {
            "id": i,
            "group": kind,
            "x": round(coords[i][0]),
            "y": round(coords[i][1]),
            "size": round(min(30.0, 10.0 + 2.5 * math.sqrt(degree[i])), 1),
            "da": _text(attrs.get("label_da")) or label,
            "en": _text(attrs.get("label_en")) or label,
            "iri": _text(attrs.get("iri")) or _text(node),
        }
        if label not in (record["da"], record["en"]):
            record["label"] = label  # a third name: still searchable
        if measures:
            record["m"] = measures[i]
        for key in ("start", "end", "period", "source", "status", "category"):
            value = _text(attrs.get(key)).strip()
            if value:
                record[key] = value
        if any(s.casefold() in _PROPOSED for s in _split(attrs.get("status"))):
            record["proposed"] = True
        if kind == "theme":
            theme_names[_text(attrs.get("themes")) or label] = {
                "da": record["da"],
                "en": record["en"],
            }
        for key, name in (("collab", "collaboration_type"), ("themes", "themes"), ("sdg", "sdg")):
            values = _split(attrs.get(name))
            if values:
                record[key] = values
        vis_nodes.append(record)

    common_only = _common_only(graph)
    vis_edges: list[dict[str, Any]] = []
    for j, ((a, b), (_, _, attrs)) in enumerate(zip(pairs, edge_list, strict=True)):
        relation = _text(attrs.get("relation"))
        da, en = _relation_labels(relation, _text(attrs.get("label")))
        edge: dict[str, Any] = {"id": j, "from": a, "to": b, "rel": relation, "da": da, "en": en}
        weight = attrs.get("weight", 1)
        if relation == "shares-themes":
            # The number is the cross-cutting themes shared, as the shared-themes query counts
            # them; SDG targets shared are listed, not counted.
            weight = int(attrs.get("theme_count", weight) or 0)
            first, second = graph.nodes[node_ids[a]], graph.nodes[node_ids[b]]
            mine = _split(second.get("themes"))
            edge["shared"] = [v for v in _split(first.get("themes")) if v in mine]
            codes = _split(second.get("sdg"))
            edge["sdgShared"] = [v for v in _split(first.get("sdg")) if v in codes]
            edge["label"] = str(weight)
            edge["font"] = {"size": 15, "color": "#102a43", "align": "horizontal"}
            if common_only(node_ids[a], node_ids[b]):
                edge["common"] = True
        if isinstance(weight, int | float) and weight > 1:
            edge["width"] = round(min(6.0, 1.0 + 0.75 * math.log2(float(weight))), 2)
        if isinstance(weight, int | float) and (weight > 1 or "shared" in edge):
            edge["weight"] = weight
        vis_edges.append(edge)

    # pyvis assembles nodes, edges and options; the lists are filled in bulk (its add_node and
    # add_edge are linear per call) and rendered with our own template, not pyvis' CDN one.
    net = Network(directed=graph.is_directed(), height="100%", width="100%")
    net.nodes = vis_nodes
    net.edges = vis_edges
    net.node_ids = list(range(n))
    net.node_map = {record["id"]: record for record in vis_nodes}
    if big:
        net.barnes_hut(
            gravity=-3000,
            central_gravity=0.1,
            spring_length=_UNIT_PX,
            spring_strength=0.04,
            damping=0.5,
            overlap=0,
        )
    else:
        net.force_atlas_2based(
            gravity=-70,
            central_gravity=0.008,
            spring_length=_UNIT_PX + 10,
            spring_strength=0.06,
            damping=0.45,
            overlap=0.7,
        )
    net.toggle_stabilization(True)
    nodes, edges, _heading, height, width, options_json = net.get_network_data()
    options = _vis_options(
        json.loads(options_json),
        physics=use_physics,
        directed=graph.is_directed(),
        big=big,
        n_nodes=n,
        n_edges=len(vis_edges),
        types=types,
    )
    options["height"] = height
    options["width"] = width
    return {
        "title": title,
        "lang": lang,
        "directed": bool(graph.is_directed()),
        "physics": use_physics,
        "big": big,
        "types": [types[k] for k in _type_order(types)],
        "themeNames": theme_names,
        "projection": _text(graph.graph.get("projection")),
        "figures": {code: _figure(graph, code, title) for code in LANGUAGES},
        "measures": bool(measures),
        "valueNames": dict(graph.graph.get("value_names") or {}),
        "nodes": nodes,
        "edges": edges,
        "options": options,
    }


def _figure(graph: nx.Graph, lang: str, title: str) -> str:
    """The printable figure in one language; the page has one per language and cuts the one
    it exports down to what its filters show."""
    from partnergraph.views.figure import page_figure

    return page_figure(graph, lang=lang, title=title)


def _measures(graph: nx.Graph, node_ids: Sequence[Hashable]) -> list[dict[str, float | int]]:
    """Degree, betweenness and community of each node, the numbers ``network stats`` gives."""
    from partnergraph.network.projections import community_numbers, node_measures

    if graph.number_of_nodes() == 0 or graph.number_of_nodes() > PHYSICS_NODE_LIMIT:
        return []
    found = node_measures(graph)
    community = community_numbers(graph, found)
    return [
        {
            "degree": round(found.degree.get(str(node), 0.0), 6),
            "betweenness": round(found.betweenness.get(str(node), 0.0), 6),
            "community": community.get(str(node), 0),
        }
        for node in node_ids
    ]


COMMON_SDG: Final = re.compile(r"^17(\.|$)")
"""SDG 17 and its targets: the goal of partnership itself. Every partnership serves it, so two
partnerships linked by it alone share nothing in particular."""


def _common_only(graph: nx.Graph) -> Any:
    """For the themes view: whether two partnerships share only what every partnership shares
    (SDG 17 and its targets, or a theme or target every node of the view has)."""
    held: dict[Hashable, set[str]] = {}
    for node, attrs in graph.nodes(data=True):
        held[node] = {f"t:{v}" for v in _split(attrs.get("themes"))} | {
            f"s:{v}" for v in _split(attrs.get("sdg"))
        }
    everyone = set.intersection(*held.values()) if held else set()

    def common(feature: str) -> bool:
        return feature in everyone or (
            feature.startswith("s:") and bool(COMMON_SDG.match(feature[2:]))
        )

    def only(a: Hashable, b: Hashable) -> bool:
        shared = held.get(a, set()) & held.get(b, set())
        return bool(shared) and all(common(f) for f in shared)

    return only


def _type_order(types: Mapping[str, Any]) -> list[str]:
    known = [k for k in TYPE_STYLES if k in types]
    return known + sorted(k for k in types if k not in TYPE_STYLES)


def _vis_options(
    base: dict[str, Any],
    *,
    physics: bool,
    directed: bool,
    big: bool,
    n_nodes: int,
    n_edges: int,
    types: Mapping[str, Any],
) -> dict[str, Any]:
    """vis-network options: pyvis' physics settings plus ours."""
    solver = dict(base.get("physics", {}))
    solver["enabled"] = physics
    solver["stabilization"] = {
        "enabled": True,
        # The start is already laid out in Python, so bigger networks need fewer steps.
        "iterations": max(60, min(_STABILISATION_ITERATIONS, 60_000 // max(n_nodes, 1))),
        "updateInterval": 10,
        "fit": True,
    }
    solver["minVelocity"] = 1.0
    solver["maxVelocity"] = 40
    solver["timestep"] = 0.5
    solver["adaptiveTimestep"] = True
    groups = {kind: _group(_style(kind)) for kind in types}
    # Names of the actors and partnerships are what people look for: bigger, so at the
    # default zoom they stay readable while the smaller ones (forums, documents, agreements)
    # fall under the draw threshold until one zooms in, and the labels do not pile up.
    for kind, group in groups.items():
        size = _LABEL_SIZES.get(kind, 13)
        group["font"] = {**group.get("font", {}), "size": size}
    return {
        "autoResize": True,
        "configure": {"enabled": False},
        "locale": "en",
        "groups": groups,
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "size": 15,
                "face": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
                "color": "#1f2933",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "widthConstraint": {"maximum": 160},
            "scaling": {"label": {"drawThreshold": 7.5}},
        },
        "edges": {
            "color": {
                "color": "#9aa5b1",
                "highlight": "#334e68",
                "hover": "#627d98",
                "inherit": False,
                "opacity": 1.0,
            },
            "width": 1.2,
            "selectionWidth": 1.5,
            "smooth": False
            if n_edges > 400
            else {"enabled": True, "type": "continuous", "roundness": 0.2},
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.45}},
            "font": {
                "size": 11,
                "color": "#52606d",
                "strokeWidth": 0,
                "background": "rgba(255,255,255,0.9)",
                "align": "middle",
                "face": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
            },
        },
        "interaction": {
            "hover": not big,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "tooltipDelay": 300,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
            "multiselect": False,
            "zoomSpeed": 0.7,
        },
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": solver,
    }


# ------------------------------------------------------------------------------------------
# Assembling the page
# ------------------------------------------------------------------------------------------

_JSON_ESCAPES: Final = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE: Final = re.compile("[<>&\u2028\u2029]")
_MARKER: Final = re.compile(r"\{\{(\w+)\}\}")
CSP: Final = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; base-uri 'none'; form-action 'none'"
)
"""The page's Content-Security-Policy: nothing from any other origin, ever."""


def _script_json(data: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">``: no ``<``, ``>``, ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _asset(name: str) -> str:
    return (resources.files("partnergraph.views") / "network_page_assets" / name).read_text(
        encoding="utf-8"
    )


@lru_cache(maxsize=1)
def _vis_library() -> tuple[str, str]:
    """vis-network's JS and CSS from the installed pyvis, made safe to inline."""
    folder = resources.files("pyvis")
    for part in _VIS_DIR:
        folder = folder / part
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    # Inside <script>, only "</script" (any case) or "<!--" could end or confuse the element.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    if "<!--" in js or re.search(r"</style", css, re.IGNORECASE):
        raise RuntimeError("the installed vis-network cannot be inlined safely")
    if re.search(r"url\(\s*['\"]?\s*(?!data:)[a-z]+:", css, re.IGNORECASE) or "@import" in css:
        raise RuntimeError("the installed vis-network.css refers to another host")
    return js, css


def _page(*, title: str, lang: str, data: Mapping[str, Any]) -> str:
    vis_js, vis_css = _vis_library()
    parts = {
        "lang": lang,
        "title": html.escape(title, quote=True),
        "csp": html.escape(CSP, quote=True),
        "vis_css": vis_css,
        "css": _asset("viz.css"),
        "data": _script_json(data),
        "vis_js": vis_js,
        "js": _asset("viz.js"),
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("template.html"))


# ------------------------------------------------------------------------------------------
# Layout in pure Python
# ------------------------------------------------------------------------------------------


def _scaled_positions(
    node_ids: Sequence[Hashable],
    pairs: Sequence[tuple[int, int]],
    positions: Mapping[Hashable, Sequence[float]],
) -> list[tuple[float, float]]:
    """Given positions in any unit, scaled so the network gets room like the computed layout."""
    n = len(node_ids)
    known: dict[int, tuple[float, float]] = {}
    for i, node in enumerate(node_ids):
        pos = positions.get(node)
        if pos is not None and len(pos) >= 2:
            x, y = float(pos[0]), float(pos[1])
            if math.isfinite(x) and math.isfinite(y):
                known[i] = (x, y)
    if not known:
        return [(x * _UNIT_PX, y * _UNIT_PX) for x, y in _layout(n, pairs)]
    xs = [p[0] for p in known.values()]
    ys = [p[1] for p in known.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    target = math.sqrt(1.6 * max(n, 1)) * _UNIT_PX  # side of the box the layout should fill
    scale = target / max(width, height) if max(width, height) > 0 else 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    out: list[tuple[float, float] | None] = [None] * n
    for i, (x, y) in known.items():
        out[i] = ((x - cx) * scale, (y - cy) * scale)
    # Nodes without a position go beside a placed neighbour, or in a row below the rest.
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in pairs:
        neighbours[a].append(b)
        neighbours[b].append(a)
    spare = 0
    bottom = (height * scale) / 2 + 2 * _UNIT_PX
    for i in range(n):
        if out[i] is not None:
            continue
        placed = [p for p in (out[j] for j in neighbours[i]) if p is not None]
        if placed:
            angle = i * 2.399963  # golden angle: neighbours' extra nodes fan out
            mx = sum(p[0] for p in placed) / len(placed) + math.cos(angle) * _UNIT_PX * 0.8
            my = sum(p[1] for p in placed) / len(placed) + math.sin(angle) * _UNIT_PX * 0.8
            out[i] = (mx, my)
        else:
            out[i] = (-target / 2 + (spare % 20) * _UNIT_PX, bottom + (spare // 20) * _UNIT_PX)
            spare += 1
    return [p if p is not None else (0.0, 0.0) for p in out]


def _layout(n: int, edges: Sequence[tuple[int, int]], seed: int = 0) -> list[tuple[float, float]]:
    """Positions (in units of the ideal edge length) for nodes ``0..n-1``, centred on 0."""
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    rng = random.Random(seed)
    seen = [False] * n
    components: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        component = [start]
        queue = deque([start])
        while queue:
            for w in neighbours[queue.popleft()]:
                if not seen[w]:
                    seen[w] = True
                    component.append(w)
                    queue.append(w)
        components.append(component)
    components.sort(key=lambda c: (-len(c), c[0]))
    placed = [_layout_component(c, neighbours, rng) for c in components]
    return _pack(n, components, placed)


def _pack(
    n: int, components: Sequence[Sequence[int]], placed: Sequence[Sequence[tuple[float, float]]]
) -> list[tuple[float, float]]:
    """Components side by side in rows (largest first), the whole centred on (0, 0)."""
    gap = 2.0
    sizes = []
    for coords in placed:
        xs = [p[0] for p in coords]
        ys = [p[1] for p in coords]
        sizes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + gap) * (h + gap) for _, _, w, h in sizes)
    row_width = max([math.sqrt(area) * 1.2] + [w for _, _, w, _ in sizes])
    out = [(0.0, 0.0)] * n
    x = y = row_height = 0.0
    for component, coords, (x0, y0, w, h) in zip(components, placed, sizes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, (px, py) in zip(component, coords, strict=True):
            out[node] = (px - x0 + x, py - y0 + y)
        x += w + gap
        row_height = max(row_height, h)
    if n:
        cx = (min(p[0] for p in out) + max(p[0] for p in out)) / 2
        cy = (min(p[1] for p in out) + max(p[1] for p in out)) / 2
        out = [(px - cx, py - cy) for px, py in out]
    return out


def _layout_component(
    component: Sequence[int], neighbours: Sequence[set[int]], rng: random.Random
) -> list[tuple[float, float]]:
    size = len(component)
    if size == 1:
        return [(0.0, 0.0)]
    if size == 2:
        return [(0.0, 0.0), (1.0, 0.0)]
    local = {node: i for i, node in enumerate(component)}
    adj = [[local[w] for w in neighbours[node]] for node in component]
    # Leaves (one neighbour, which has others) are placed around that neighbour afterwards.
    leaf = [len(a) == 1 and len(adj[a[0]]) > 1 for a in adj]
    core = [i for i in range(size) if not leaf[i]]
    core_index = {v: i for i, v in enumerate(core)}
    core_adj = [[core_index[w] for w in adj[v] if not leaf[w]] for v in core]
    if len(core) <= 2:
        cx: list[float] = [float(i) for i in range(len(core))]
        cy: list[float] = [0.0] * len(core)
    else:
        cx, cy = _pivot_mds(core_adj, rng)
    # Scale so the component gets about 1.6 square units per node.
    width = max(cx) - min(cx)
    height = max(cy) - min(cy)
    core_edges = [(i, j) for i, a in enumerate(core_adj) for j in a if i < j]
    lengths = sorted(math.hypot(cx[i] - cx[j], cy[i] - cy[j]) for i, j in core_edges)
    median = lengths[len(lengths) // 2] if lengths else 1.0
    by_edges = 1.5 / median if median > 1e-9 else 1.0
    by_area = math.sqrt(1.6 * size / (width * height)) if width * height > 1e-12 else by_edges
    scale = min(by_area, by_edges)
    xs = [0.0] * size
    ys = [0.0] * size
    for i, v in enumerate(core):
        xs[v] = cx[i] * scale
        ys[v] = cy[i] * scale
    # Leaves on a small sunflower around their neighbour, pointing away from its other links.
    fans: dict[int, int] = {}
    for v in range(size):
        if not leaf[v]:
            continue
        hub = adj[v][0]
        k = fans.get(hub, 0)
        fans[hub] = k + 1
        others = [w for w in adj[hub] if not leaf[w]]
        if others:
            away = math.atan2(
                ys[hub] - sum(ys[w] for w in others) / len(others),
                xs[hub] - sum(xs[w] for w in others) / len(others),
            )
        else:
            away = 0.0
        angle = away + (k * 2.399963 if k else 0.0)
        radius = 0.9 + 0.45 * math.sqrt(k)
        xs[v] = xs[hub] + math.cos(angle) * radius
        ys[v] = ys[hub] + math.sin(angle) * radius
    order = sorted(core, key=lambda v: -len(adj[v])) + [v for v in range(size) if leaf[v]]
    _snap(xs, ys, order)
    edge_list = [(i, j) for i, a in enumerate(adj) for j in a if i < j]
    iterations = 40 if size <= 200 else 15 if size <= 1000 else 3
    _relax(xs, ys, edge_list, iterations, rng)
    return list(zip(xs, ys, strict=True))


def _bfs(adj: Sequence[Sequence[int]], source: int) -> list[int]:
    dist = [-1] * len(adj)
    dist[source] = 0
    queue = deque([source])
    while queue:
        v = queue.popleft()
        step = dist[v] + 1
        for w in adj[v]:
            if dist[w] < 0:
                dist[w] = step
                queue.append(w)
    return dist


def _pivot_mds(
    adj: Sequence[Sequence[int]], rng: random.Random, pivots: int = 24
) -> tuple[list[float], list[float]]:
    """Pivot MDS (Brandes and Pich 2006) of a connected graph: 2-D coordinates from BFS."""
    n = len(adj)
    columns: list[list[float]] = []
    nearest = [math.inf] * n
    pivot = max(range(n), key=lambda v: len(adj[v]))
    for _ in range(min(pivots, n)):
        dist = _bfs(adj, pivot)
        columns.append([float(d * d) for d in dist])
        nearest = [min(a, b) for a, b in zip(nearest, dist, strict=True)]
        pivot = max(range(n), key=nearest.__getitem__)
        if nearest[pivot] == 0:
            break
    k = len(columns)
    col_means = [sum(c) / n for c in columns]
    row_means = [sum(r) / k for r in zip(*columns, strict=True)]
    grand = sum(col_means) / k
    centred = [
        [-0.5 * (s - rm - cm + grand) for s, rm in zip(column, row_means, strict=True)]
        for column, cm in zip(columns, col_means, strict=True)
    ]
    inner = [[sum(map(mul, centred[a], centred[b])) for b in range(k)] for a in range(k)]
    vectors: list[list[float]] = []
    for _ in range(2):
        v = [rng.random() - 0.5 for _ in range(k)]
        for _ in range(200):
            w = [sum(map(mul, row, v)) for row in inner]
            for u in vectors:
                dot = sum(map(mul, w, u))
                w = [a - dot * b for a, b in zip(w, u, strict=True)]
            norm = math.sqrt(sum(x * x for x in w))
            if norm < 1e-12:
                w = [rng.random() - 0.5 for _ in range(k)]
                norm = math.sqrt(sum(x * x for x in w))
            w = [x / norm for x in w]
            done = sum(abs(a - b) for a, b in zip(w, v, strict=True)) < 1e-9
            v = w
            if done:
                break
        vectors.append(v)
    axes: list[list[float]] = []
    for v in vectors:
        acc = [0.0] * n
        for column, coefficient in zip(centred, v, strict=True):
            acc = list(map(add, acc, map(mul, column, repeat(coefficient))))
        axes.append(acc)
    return axes[0], axes[1]


@lru_cache(maxsize=8)
def _offsets(radius: int) -> tuple[tuple[int, int], ...]:
    """Integer offsets within ``radius``, nearest first."""
    cells = [(dx, dy) for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)]
    cells.sort(key=lambda d: (d[0] * d[0] + d[1] * d[1], d))
    return tuple(cells)


def _snap(xs: list[float], ys: list[float], order: Sequence[int]) -> None:
    """Move every node to the nearest free cell of the unit grid, in ``order``."""
    # A disc of radius r holds about pi r^2 cells, more than there are nodes: always room.
    offsets = _offsets(_bucket(math.isqrt(len(order) // 3) + 3))
    taken: set[tuple[int, int]] = set()
    resume: dict[tuple[int, int], int] = {}  # per target cell, where the last search ended
    for v in order:
        target = (round(xs[v]), round(ys[v]))
        gx, gy = target
        k = resume.get(target, 0)
        while (gx + offsets[k][0], gy + offsets[k][1]) in taken:
            k += 1
        cell = (gx + offsets[k][0], gy + offsets[k][1])
        resume[target] = k + 1
        taken.add(cell)
        xs[v], ys[v] = float(cell[0]), float(cell[1])


def _bucket(radius: int) -> int:
    """``radius`` rounded up to a power of two, so :func:`_offsets` is cached well."""
    return 1 << max(3, (radius - 1).bit_length())


def _relax(
    xs: list[float],
    ys: list[float],
    edges: Sequence[tuple[int, int]],
    iterations: int,
    rng: random.Random,
) -> None:
    """A few Fruchterman-Reingold passes with grid-local repulsion and a cooling step."""
    n = len(xs)
    for v in range(n):  # break the grid's straight lines a little
        xs[v] += (rng.random() - 0.5) * 0.3
        ys[v] += (rng.random() - 0.5) * 0.3
    cell = 2.0
    cutoff = cell * cell
    temperature = 0.6
    half = ((1, 0), (0, 1), (1, 1), (-1, 1))
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for v in range(n):
            grid.setdefault((math.floor(xs[v] / cell), math.floor(ys[v] / cell)), []).append(v)
        for (gx, gy), members in grid.items():
            count = len(members)
            for i in range(count):
                a = members[i]
                xa, ya = xs[a], ys[a]
                for j in range(i + 1, count):
                    b = members[j]
                    ddx, ddy = xa - xs[b], ya - ys[b]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-6:
                        ddx, ddy = rng.random() - 0.5, rng.random() - 0.5
                        d2 = ddx * ddx + ddy * ddy
                    if d2 < cutoff:
                        force = 1.0 / d2
                        dx[a] += ddx * force
                        dy[a] += ddy * force
                        dx[b] -= ddx * force
                        dy[b] -= ddy * force
            for ox, oy in half:
                others = grid.get((gx + ox, gy + oy))
                if not others:
                    continue
                for a in members:
                    xa, ya = xs[a], ys[a]
                    for b in others:
                        ddx, ddy = xa - xs[b], ya - ys[b]
                        d2 = ddx * ddx + ddy * ddy
                        if 1e-6 < d2 < cutoff:
                            force = 1.0 / d2
                            dx[a] += ddx * force
                            dy[a] += ddy * force
                            dx[b] -= ddx * force
                            dy[b] -= ddy * force
        for a, b in edges:
            ddx, ddy = xs[a] - xs[b], ys[a] - ys[b]
            force = math.sqrt(ddx * ddx + ddy * ddy)
            dx[a] -= ddx * force
            dy[a] -= ddy * force
            dx[b] += ddx * force
            dy[b] += ddy * force
        for v in range(n):
            mx, my = dx[v], dy[v]
            length = math.sqrt(mx * mx + my * my)
            if length > temperature:
                mx *= temperature / length
                my *= temperature / length
            xs[v] += mx
            ys[v] += my
        temperature = max(0.05, temperature * 0.85)
