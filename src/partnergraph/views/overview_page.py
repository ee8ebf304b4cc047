"""The overview page: a large network as one node per municipality (or community), with a
drill-down into each, in one offline HTML file.

:func:`render_overview` turns an :class:`~partnergraph.network.aggregate.Overview` into a page
that opens on the aggregated network and, on a click (or from the keyboard, through the list
beside it), shows what one node stands for: a municipality's partnerships, partners and
themes, or a community's part of the network; Esc or the back button returns. Positions are
computed here, so the browser draws and runs no physics: the overview with the project's layout
(:mod:`partnergraph.network.layout`), a municipality in columns
(:mod:`partnergraph.network.columns`), a community with the project's layout again.

The page is built like :mod:`partnergraph.views.network_page`: vis-network from the installed
pyvis (its licence banner kept), the data as JSON that cannot end its ``<script>`` element, the
same Content-Security-Policy (nothing from any other host), and every label put into the DOM as
text, never as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from partnergraph.core.catalogue import CATALOGUE, t
from partnergraph.io.output import write_atomic
from partnergraph.network.aggregate import Overview
from partnergraph.network.columns import column_positions
from partnergraph.network.layout import UNIT_PX, layout
from partnergraph.network.rules import RELATION_LABELS
from partnergraph.rdf.dates import long_date
from partnergraph.rdf.kinds import KINDS
from partnergraph.views.network_page import LANGUAGES, View
from partnergraph.views.vis_options import mix
from partnergraph.views.vis_page import asset, fill, page

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

__all__ = ["OverviewView", "render_overview", "write_overview"]

_GROUP_KINDS: Final = {
    "municipality": ("#EE7733", "dot"),
    "community": ("#117733", "dot"),
}
"""How the overview's own nodes look (colours beside Paul Tol's muted palette of the kinds)."""

_ASSETS: Final = "overview_page_assets"

_MUNICIPALITY_COLUMNS: Final = (
    frozenset({"theme"}),
    frozenset({"partnership"}),
    frozenset({"organisation", "unit"}),
)


def render_overview(found: Overview, *, title: str | None = None) -> str:
    """The overview page of ``found``, in the language it was built in."""
    lang = found.lang if found.lang in LANGUAGES else "da"
    heading = title or t(f"overview.title.{found.basis}", lang)
    data = _payload(found, lang=lang, title=heading)
    return _page(title=heading, lang=lang, data=data)


def write_overview(found: Overview, path: str | Path, *, title: str | None = None) -> Path:
    """Write :func:`render_overview` of ``found`` to ``path`` atomically; return the path."""
    return write_atomic(path, render_overview(found, title=title))


class OverviewView(View):
    """An overview that shows itself inline in Jupyter, like :class:`View` does a network."""

    def __init__(self, found: Overview, *, height: str = "600px", title: str | None = None):
        super().__init__(found.graph, height=height, title=title or "")
        self.overview = found
        self._overview_title = title

    @property
    def html(self) -> str:
        if self._html is None:
            self._html = render_overview(self.overview, title=self._overview_title)
        return self._html

    def __repr__(self) -> str:
        g = self.overview.graph
        size = f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
        return f"OverviewView({self.overview.basis}: {size})"


# ------------------------------------------------------------------------------------------
# The data
# ------------------------------------------------------------------------------------------


def _texts(lang: str) -> dict[str, str]:
    """Every ``overview.*`` text in ``lang``, by the part of its key after ``overview.``."""
    return {
        key.removeprefix("overview."): entry[lang]
        for key, entry in CATALOGUE.items()
        if key.startswith("overview.")
    }


SPREAD: Final = 2.0
"""The project layout's edge length is made for small labelled nodes; a few large dots with
long names (a handful of communities) get twice the room. Hundreds keep the layout's own
spacing, so the dots stay visible when the whole picture fits the screen."""
_SPREAD_BELOW: Final = 100


def _positions(
    graph: nx.Graph, nodes: Sequence[Hashable], fixed: Mapping[Hashable, tuple[float, float]]
) -> list[int]:
    """``x0, y0, x1, y1, ...`` in whole pixels: ``fixed`` where given, else the project layout
    (spread by :data:`SPREAD` for small graphs)."""
    if fixed:
        flat = [fixed.get(node, (0.0, 0.0)) for node in nodes]
    else:
        index = {node: i for i, node in enumerate(nodes)}
        pairs = [(index[a], index[b]) for a, b in graph.edges() if a in index and b in index]
        unit = UNIT_PX * (SPREAD if len(nodes) < _SPREAD_BELOW else 1.0)
        flat = [(x * unit, y * unit) for x, y in layout(len(nodes), pairs)]
    return [round(v) for point in flat for v in point]


def _kinds(lang: str) -> dict[str, dict[str, str]]:
    made: dict[str, dict[str, str]] = {}
    for key, style in KINDS.items():
        made[key] = {"name": style.heading(lang), "color": style.colour, "shape": style.shape}
    for key, (colour, shape) in _GROUP_KINDS.items():
        made[key] = {"name": t(f"overview.kind.{key}", lang), "color": colour, "shape": shape}
    for entry in made.values():
        entry["border"] = mix(entry["color"], "#000000", 0.35)
        entry["lone"] = mix(entry["color"], "#ffffff", 0.6)
    return made


def _relations(lang: str) -> dict[str, str]:
    pick = 0 if lang == "da" else 1
    found = {key: labels[pick] for key, labels in RELATION_LABELS.items()}
    found["describes"] = t("overview.relation.describes", lang)
    return found


def _payload(found: Overview, *, lang: str, title: str) -> dict[str, Any]:
    graph = found.graph
    groups = list(graph.nodes)
    group_index = {node: i for i, node in enumerate(groups)}
    xy = _positions(graph, groups, {})
    theme_index = {name: i for i, name in enumerate(found.themes)}

    table: list[list[str]] = []  # every detail node once: [label, kind]
    table_index: dict[Hashable, int] = {}
    details: list[dict[str, Any]] = []
    group_rows: list[dict[str, Any]] = []
    for i, node in enumerate(groups):
        attrs = graph.nodes[node]
        detail = found.details.get(node)
        themes = [p.strip() for p in str(attrs.get("themes") or "").split(";") if p.strip()]
        group_rows.append(
            {
                "l": str(attrs.get("label") or node),
                "n": int(attrs.get("size") or 0),
                "p": int(attrs.get("partners") or 0),
                "t": [theme_index[name] for name in themes if name in theme_index],
                "iri": str(attrs.get("iri") or ""),
                "x": xy[2 * i],
                "y": xy[2 * i + 1],
            }
        )
        details.append(_detail(detail, found.basis, table, table_index) if detail else {})
    links: list[int] = []
    for a, b, attrs in graph.edges(data=True):
        links += [group_index[a], group_index[b], int(attrs.get("weight", 1))]
        links.append(int(attrs.get("themes", 0)))
    return {
        "title": title,
        "lang": lang,
        "basis": found.basis,
        "minWeight": found.min_weight,
        "pairs": found.pairs,
        "alone": sum(1 for _, degree in graph.degree() if degree == 0),
        "asOf": long_date(found.as_of, lang) if found.as_of is not None else "",
        "texts": _texts(lang),
        "kinds": _kinds(lang),
        "relations": _relations(lang),
        "themes": found.themes,
        "groups": group_rows,
        "links": links,
        "nodes": table,
        "details": details,
    }


def _detail(
    detail: nx.Graph, basis: str, table: list[list[str]], table_index: dict[Hashable, int]
) -> dict[str, Any]:
    """One group's network: node numbers in the shared table, positions, edges."""
    nodes = list(detail.nodes)
    fixed = (
        column_positions(detail, _MUNICIPALITY_COLUMNS, middle=1)
        if basis == "municipalities"
        else {}
    )
    numbers: list[int] = []
    for node in nodes:
        number = table_index.get(node)
        if number is None:
            attrs = detail.nodes[node]
            number = table_index[node] = len(table)
            table.append([str(attrs.get("label") or node), str(attrs.get("type") or "other")])
        numbers.append(number)
    local = {node: i for i, node in enumerate(nodes)}
    edges: list[Any] = []
    for a, b, attrs in detail.edges(data=True):
        relation = str(attrs.get("relation") or "").split(";")[0].strip()
        if attrs.get("source") == b:  # an undirected graph may give the ends either way round
            a, b = b, a
        edges += [local[a], local[b], relation]
    return {"n": numbers, "xy": _positions(detail, nodes, fixed), "e": edges}


# ------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------


def _page(*, title: str, lang: str, data: Mapping[str, Any]) -> str:
    texts = data["texts"]
    words = {
        "title": title,
        "find": texts[f"find.{data['basis']}"],
        "back": texts["back"],
        "hint": texts["hint"],
        "theme": texts["theme"],
        "canvas": texts["canvas"],
    }
    body = fill(
        asset(_ASSETS, "overview.html"),
        {name: html.escape(text, quote=True) for name, text in words.items()},
    )
    css, js = asset(_ASSETS, "overview.css"), asset(_ASSETS, "overview.js")
    return page(lang=lang, title=title, body=body, css=css, js=js, data=data)
