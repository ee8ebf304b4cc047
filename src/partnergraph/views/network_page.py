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
(more than :data:`PHYSICS_NODE_LIMIT` nodes, or when ``positions`` is given) get the layout of
:mod:`partnergraph.network.layout`, and the browser only draws. How nodes of each kind look is
:mod:`partnergraph.rdf.kinds`; the vis-network options are :mod:`partnergraph.views.vis_options`.

:func:`write_html` writes the page atomically; :class:`View` shows it inline in Jupyter.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from partnergraph.io.output import write_atomic
from partnergraph.network.layout import UNIT_PX, layout, scaled_positions
from partnergraph.network.measures import community_numbers, node_measures
from partnergraph.network.rules import RELATION_LABELS
from partnergraph.rdf.kinds import KINDS, kind
from partnergraph.views.figure import page_figure
from partnergraph.views.vis_options import mix, vis_options
from partnergraph.views.vis_page import CSP, asset, fill, page, vis_library

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "CSP",
    "LANGUAGES",
    "PHYSICS_NODE_LIMIT",
    "View",
    "render_html",
    "write_html",
]

PHYSICS_NODE_LIMIT: Final = 1000
"""Networks with more nodes than this are laid out in Python and drawn without physics."""

LANGUAGES: Final = ("da", "en")
DEFAULT_TITLE: Final = "partnergraph"

_vis_library: Final = vis_library
"""vis-network as this page inlines it (the shared frame's, :mod:`partnergraph.views.vis_page`)."""


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

    @property
    def graph(self) -> nx.Graph:
        """The network the page shows."""
        return self._graph

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


_PROPOSED: Final = frozenset({"proposed", "foreslået", "planned", "planlagt"})
"""Labels of pgid:status-proposed and -planned: such agreements and action plans are not in
force (the rule of partnergraph.query.status)."""


def _payload(
    graph: nx.Graph,
    *,
    lang: str,
    title: str,
    physics: bool | None,
    positions: Mapping[Hashable, Sequence[float]] | None,
) -> dict[str, Any]:
    node_ids = list(graph.nodes)
    index = {node: i for i, node in enumerate(node_ids)}
    edge_list = list(graph.edges(data=True))
    pairs = [(index[a], index[b]) for a, b, _ in edge_list]
    n = len(node_ids)
    use_physics = physics if physics is not None else (n <= PHYSICS_NODE_LIMIT and not positions)
    big = n > PHYSICS_NODE_LIMIT

    if positions:
        coords = scaled_positions(node_ids, pairs, positions)
    else:
        coords = [(x * UNIT_PX, y * UNIT_PX) for x, y in layout(n, pairs)]

    degree = [0] * n
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1

    measures = _measures(graph, node_ids)
    types: dict[str, dict[str, Any]] = {}
    theme_names: dict[str, dict[str, str]] = {}
    vis_nodes: list[dict[str, Any]] = []
    for i, (node, attrs) in enumerate(graph.nodes(data=True)):
        type_key = _text(attrs.get("type")) or "other"
        if type_key not in types:
            given = _text(attrs.get("type_label"))
            style = kind(type_key)
            known = type_key in KINDS
            types[type_key] = {
                "key": type_key,
                "da": style.legend["da"] if known else (given or type_key),
                "en": style.legend["en"] if known else (given or type_key),
                "shape": style.shape,
                "color": style.colour,
                "border": mix(style.colour, "#000000", 0.35),
                "font": style.font,
                "count": 0,
            }
        types[type_key]["count"] += 1
        label = _text(attrs.get("label")) or _text(attrs.get("iri")) or _text(node)
        record: dict[str, Any] = {
            "id": i,
            "group": type_key,
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
        if type_key == "theme":
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

    options = vis_options(
        physics=use_physics,
        directed=graph.is_directed(),
        big=big,
        n_nodes=n,
        n_edges=len(vis_edges),
        kinds=types,
    )
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
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": options,
    }


def _figure(graph: nx.Graph, lang: str, title: str) -> str:
    """The printable figure in one language; the page has one per language and cuts the one
    it exports down to what its filters show."""
    return page_figure(graph, lang=lang, title=title)


def _measures(graph: nx.Graph, node_ids: Sequence[Hashable]) -> list[dict[str, float | int]]:
    """Degree, betweenness and community of each node, the numbers ``network stats`` gives."""
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
    known = [k for k in KINDS if k in types]
    return known + sorted(k for k in types if k not in KINDS)


# ------------------------------------------------------------------------------------------
# Assembling the page
# ------------------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return asset("network_page_assets", name)


def _page(*, title: str, lang: str, data: Mapping[str, Any]) -> str:
    body = fill(_asset("template.html"), {"title": html.escape(title, quote=True)})
    return page(
        lang=lang, title=title, body=body, css=_asset("viz.css"), js=_asset("viz.js"), data=data
    )
