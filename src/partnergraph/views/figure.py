"""Static network figures that print: one SVG renderer for the report, the site and the page.

A figure has a title, a date line, the network, a legend of the kinds it shows and a source
line, laid out for A4 width (labels stay about 8 pt when the figure is printed 17 cm wide). The
kinds, their names, colours and shapes are those of :mod:`partnergraph.rdf.kinds`, as on the
interactive page, so a kind looks the same everywhere. Labels never cover another label or a
node (:mod:`partnergraph.views.figure_labels`): where they do not fit the network gets taller;
text from the data is escaped. :func:`svg_to_png` turns a
figure into a PNG with the typesetter the PDF report uses (pip-installable ``typst``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING, Any

from partnergraph.core.errors import OutputError, ParameterError
from partnergraph.core.messages import language, t
from partnergraph.core.version import __version__
from partnergraph.network.layout import layout_positions
from partnergraph.network.projections import build, projection_name
from partnergraph.rdf.dates import long_date
from partnergraph.rdf.kinds import KINDS, kind, kind_named, kinds_listed
from partnergraph.views.figure_labels import LINE_HEIGHT, Spot, declutter, footprint, place_labels
from partnergraph.views.text_width import text_width

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = [
    "FIGURE_KINDS",
    "figure",
    "marker",
    "network_figure",
    "page_figure",
    "report_figure",
    "svg_to_png",
    "symbol",
]

FIGURE_KINDS = ("partnership", "organisation", "theme")
"""What the report's figure shows: who collaborates with whom, and the themes they share."""

WIDTH = 1000.0
_MARGIN = 28.0
_FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
_LABEL_SIZE = 14.0
_TRIES = ((1.0, 0.0), (1.3, 0.0), (1.0, 0.8), (1.0, 1.0))
"""How the network makes room for labels that do not fit, try by try: taller by a factor, then
(a share of the width given to nodes evenly, in their order from left to right) crowded nodes
moved down until each has room for its label on its right, kept for it (the page is A4 wide,
its height can grow); the last try accepts the least bad overlaps, if any are left."""
_RADIUS = {"partnership": 11.0, "organisation": 9.0}
_DEFAULT_RADIUS = 8.0


def marker(
    key: str, x: float, y: float, r: float, stroke: str = "#ffffff", width: float = 1.5
) -> str:
    """The marker of the kind ``key`` at (x, y): the same shape the interactive page draws."""
    colour, shape = kind(key).colour, kind(key).shape
    common = f'fill="{colour}" stroke="{stroke}" stroke-width="{width}"'
    if shape in ("dot", "circle"):
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'
    if shape == "ellipse":
        return (
            f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{r * 1.45:.1f}" ry="{r * 0.9:.1f}" {common}/>'
        )
    if shape in ("square", "box"):
        return (
            f'<rect x="{x - r * 0.9:.1f}" y="{y - r * 0.9:.1f}" width="{r * 1.8:.1f}" '
            f'height="{r * 1.8:.1f}" rx="{2 if shape == "box" else 0}" {common}/>'
        )
    points: list[tuple[float, float]]
    if shape == "diamond":
        points = [(0, -1.25), (1.1, 0), (0, 1.25), (-1.1, 0)]
    elif shape == "triangle":
        points = [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)]
    elif shape == "triangleDown":
        points = [(0, 1.2), (1.1, -0.8), (-1.1, -0.8)]
    elif shape == "hexagon":
        points = [(math.cos(a), math.sin(a)) for a in (i * math.pi / 3 for i in range(6))]
    elif shape == "star":
        points = [
            (
                (1.2 if i % 2 == 0 else 0.5) * math.sin(i * math.pi / 5),
                -(1.2 if i % 2 == 0 else 0.5) * math.cos(i * math.pi / 5),
            )
            for i in range(10)
        ]
    else:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'
    path = " ".join(f"{x + px * r:.1f},{y + py * r:.1f}" for px, py in points)
    return f'<polygon points="{path}" {common}/>'


def symbol(key: str, size: int = 14) -> str:
    """A small inline SVG of the marker of the kind ``key``, for legends."""
    half = size / 2
    return (
        f'<svg width="{size}" height="{size}" viewBox="{-half} {-half} {size} {size}" '
        f'aria-hidden="true">{marker(key, 0, 0, half * 0.72, width=1)}</svg>'
    )


def _label_of(attrs: dict[str, Any], lang: str) -> str:
    for key in (f"label_{lang}", "label", "label_da", "label_en", "iri"):
        if attrs.get(key):
            return str(attrs[key])
    return ""


def network_figure(
    graph: Any,
    *,
    lang: str = "da",
    title: str = "",
    subtitle: str = "",
    source: str = "",
    width: float = WIDTH,
) -> str:
    """The SVG of ``graph`` (a networkx graph whose nodes have ``type`` and ``label_*``) with its
    title, date line, legend and source line."""
    graph = _ordered(graph)
    nodes = list(graph.nodes)
    positions = layout_positions(graph) if nodes else {}
    size = _LABEL_SIZE
    top = _MARGIN + (34 if title else 0) + (24 if subtitle else 0) + 10
    inner = width - 2 * _MARGIN - 120  # room for labels sticking out on either side
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    kinds = {node: str(graph.nodes[node].get("type") or "other") for node in nodes}
    radius = {node: _RADIUS.get(kinds[node], _DEFAULT_RADIUS) for node in nodes}
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    edges = sorted(undirected.edges(), key=lambda e: (str(e[0]), str(e[1])))
    # Big nodes first: the partnerships get the best places for their labels.
    order = sorted(nodes, key=lambda n: (-undirected.degree(n), _label_of(graph.nodes[n], lang)))
    # Where the labels do not fit, the network gets taller (the page is A4 wide, not high)
    # and is laid out again; the last try accepts the least bad overlaps.
    base = min(inner / span_x, 620 / span_y)
    for attempt, (stretch, spread) in enumerate(_TRIES):
        scale_y = base * stretch
        scale_x = min(scale_y, inner / span_x)
        offset_x = (width - span_x * scale_x) / 2
        spots = [
            Spot(
                node,
                _label_of(graph.nodes[node], lang),
                offset_x + (positions[node][0] - min(xs)) * scale_x,
                (positions[node][1] - min(ys)) * scale_y,
                *_reach(kinds[node], radius[node]),
            )
            for node in order
        ]
        if spread:
            ranked = sorted(range(len(spots)), key=lambda i: (spots[i].x, i))
            step = span_x * scale_x * spread / max(len(spots) - 1, 1)
            spots = [replace(spots[i], x=offset_x + rank * step) for rank, i in enumerate(ranked)]
            spots = declutter(spots, size, width - _MARGIN / 2)
        # The network starts below the date line; a decluttered one with its labels' room.
        low = min((footprint(s, size)[1] + 26 if spread else s.y for s in spots), default=0.0)
        spots = [replace(spot, y=spot.y - low + top + 30) for spot in spots]
        at = {spot.node: (spot.x, spot.y) for spot in spots}
        net_bottom = max((spot.y for spot in spots), default=top + 30)
        lines = [(*at[a], *at[b]) for a, b in edges]
        bounds = (_MARGIN / 2, top, width - _MARGIN / 2, net_bottom + 50)
        placed = place_labels(
            spots, lines, bounds, size, must_fit=attempt < len(_TRIES) - 1, reserve=spread > 0
        )
        if placed is not None:
            break
    assert placed is not None  # the last try always places every label
    height_net = max([net_bottom - top] + [label.box[3] - top for label in placed])
    # Each element names its node by the IRI the network page knows it by, so the page can
    # export the figure cut down to what its filters show.
    key = {node: escape(str(graph.nodes[node].get("iri") or node)) for node in nodes}
    parts: list[str] = []
    for a, b in edges:
        (x1, y1), (x2, y2) = at[a], at[b]
        parts.append(
            f'<line data-a="{key[a]}" data-b="{key[b]}" '
            f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            'stroke="#9aa5b1" stroke-width="1.2" stroke-opacity="0.8"/>'
        )
    for label in placed:
        if label.leader is not None:
            x1, y1, x2, y2 = label.leader
            parts.append(
                f'<line data-node="{key[label.node]}" data-role="leader" x1="{x1:.1f}" '
                f'y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#52606d" stroke-width="0.9"/>'
            )
    for node in sorted(nodes, key=lambda n: (kinds[n] == "partnership", str(n))):
        x, y = at[node]
        tip = escape(_label_of(graph.nodes[node], lang))
        parts.append(
            f'<g data-node="{key[node]}"><title>{tip}</title>'
            f"{marker(kinds[node], x, y, radius[node])}</g>"
        )
    for label in placed:
        spans = "".join(
            f'<tspan x="{label.x:.1f}" y="{label.top + size * (0.9 + LINE_HEIGHT * i):.1f}">'
            f"{escape(line)}</tspan>"
            for i, line in enumerate(label.lines)
        )
        parts.append(
            f'<text data-node="{key[label.node]}" text-anchor="{label.anchor}" '
            f'font-size="{size:.0f}" fill="#1f2933" '
            'paint-order="stroke" stroke="#ffffff" stroke-width="3.5" stroke-linejoin="round">'
            f"{spans}</text>"
        )

    bottom = top + height_net + 40
    legend, legend_height = _legend(kinds.values(), lang, bottom, width)
    notes = _source_lines(source, width)
    height = bottom + legend_height + (20 * len(notes) + 14 if notes else 10)
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family="{_FONT}" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    if title:
        head.append(
            f'<text x="{_MARGIN}" y="{_MARGIN + 22}" font-size="24" font-weight="bold" '
            f'fill="#102a43">{escape(title)}</text>'
        )
    if subtitle:
        head.append(
            f'<text data-role="subtitle" x="{_MARGIN}" y="{_MARGIN + 22 + 28}" font-size="16" '
            'fill="#334e68">'
            f"{escape(subtitle)}</text>"
        )
    tail = [*legend]
    for i, note in enumerate(notes):
        tail.append(
            f'<text x="{_MARGIN}" y="{height - 14 - 20 * (len(notes) - 1 - i):.0f}" '
            f'font-size="12" fill="#52606d">{escape(note)}</text>'
        )
    return "\n".join([*head, *parts, *tail, "</svg>"]) + "\n"


def _reach(key: str, r: float) -> tuple[float, float]:
    """How far the marker of kind ``key`` and radius ``r`` reaches from its centre, x and y,
    outline included: what a label must keep clear of."""
    shape = kind(key).shape
    reach = {
        "ellipse": (1.45, 0.9),
        "square": (0.9, 0.9),
        "box": (0.9, 0.9),
        "diamond": (1.1, 1.25),
        "triangle": (1.1, 1.2),
        "triangleDown": (1.1, 1.2),
        "hexagon": (1.0, 0.87),
        "star": (1.15, 1.2),
    }.get(shape, (1.0, 1.0))
    return (reach[0] * r + 0.75, reach[1] * r + 0.75)


def _source_lines(source: str, width: float) -> list[str]:
    """The source line, broken where it would run off the page: between its " · " parts if
    that is enough, else between words."""
    if not source:
        return []
    room = width - 2 * _MARGIN
    parts = source.split(" · ")
    pieces = [parts[0], *(f"· {part}" for part in parts[1:])]
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if not line or text_width(f"{line} {piece}", 12) <= room:
            line = f"{line} {piece}" if line else piece
            continue
        lines.append(line)
        line = piece.removeprefix("· ")
    lines.append(line)
    out: list[str] = []
    for line in lines:
        words, current = line.split(" "), ""
        for word in words:
            if current and text_width(f"{current} {word}", 12) > room:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return out


def _ordered(graph: Any) -> Any:
    """A copy with nodes and edges in sorted order: the layout depends on the order, and a
    subgraph's order depends on hashing, so sorting makes the same data give the same figure."""
    copy = graph.__class__()
    copy.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: str(item[0])))
    copy.add_edges_from(sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))))
    return copy


def _legend(kinds: Iterable[str], lang: str, top: float, width: float) -> tuple[list[str], float]:
    present = sorted(set(kinds), key=lambda k: list(KINDS).index(k) if k in KINDS else 99)
    parts = [
        f'<line x1="{_MARGIN}" y1="{top - 18:.1f}" x2="{width - _MARGIN:.1f}" y2="{top - 18:.1f}" '
        'stroke="#d9e2ec"/>'
    ]
    x, y = _MARGIN + 10, top + 4
    for key in present:
        name = kind(key).heading(lang)
        need = 36 + text_width(name, 15)
        if x + need > width - _MARGIN:
            x, y = _MARGIN + 10, y + 28
        parts.append(
            f'<g data-kind="{escape(key)}">{marker(key, x, y, 9)}'
            f'<text x="{x + 20:.1f}" y="{y + 5:.1f}" font-size="15" fill="#1f2933">'
            f"{escape(name)}</text></g>"
        )
        x += need + 16
    return parts, y - top + 24


def report_figure(
    kg: Knowledge,
    *,
    lang: str = "da",
    as_of: dt.date | None = None,
    title: str = "",
    subtitle: str = "",
    source: str = "",
    partnerships: Sequence[str] | None = None,
    kinds: Sequence[str] = FIGURE_KINDS,
) -> str:
    """The report's figure: the collaboration network as of a date, cut down to ``kinds`` and,
    when given, to the named partnerships and what they connect to."""
    graph = build(kg, "collaboration", lang, as_of)
    keep = {n for n, d in graph.nodes(data=True) if d.get("type") in kinds}
    if partnerships is not None:
        chosen = set(partnerships)
        undirected = graph.to_undirected(as_view=True)
        around = {m for p in chosen if p in graph for m in undirected.neighbors(p)}
        keep &= chosen | around
    sub = graph.subgraph(keep).copy()
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    return network_figure(sub, lang=lang, title=title, subtitle=subtitle, source=source)


FIGURE_NODE_LIMIT = 300
"""Bigger networks get no static figure: it could not be read on paper anyway."""


def page_figure(graph: Any, *, lang: str = "da", title: str = "") -> str:
    """The figure the interactive page exports: the whole network it shows, dated (its as-of
    date, else today) and with the sources its nodes cite."""

    if graph.number_of_nodes() == 0 or graph.number_of_nodes() > FIGURE_NODE_LIMIT:
        return ""
    as_of = str(graph.graph.get("as_of") or "")
    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        day = dt.date.today()
    counted: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        for source in str(attrs.get("source") or "").split(";"):
            if source.strip() and not source.strip().startswith("http"):
                counted[source.strip()] = counted.get(source.strip(), 0) + 1
    sources = sorted(counted, key=lambda s: (-counted[s], s))[:2]
    word = "Kilde" if lang == "da" else "Source"
    line = f"{word}: {'; '.join(sources)} · partnergraph {__version__}" if sources else ""
    return network_figure(graph, lang=lang, title=title, subtitle=long_date(day, lang), source=line)


def figure(
    kg: Knowledge,
    projection: str = "collaboration",
    *,
    fmt: str = "svg",
    lang: str = "da",
    as_of: dt.date | str | None = None,
    focus: str | None = None,
    depth: int = 1,
    kinds: Sequence[str] | None = None,
    title: str | None = None,
    ppi: int = 200,
) -> bytes:
    """A network as a printable figure, SVG or PNG: ``partnergraph network figure``.

    ``kinds`` keeps only those node kinds, by key or by name in Danish or English (e.g.
    partnership or partnerskab, organisation, theme or tværgående tema).
    """
    if fmt not in ("svg", "png"):
        raise ParameterError.of("format.unknown", value=fmt, command="figure", choices="svg, png")
    projection = projection_name(projection)  # "temaer" too: its title is the themes' own
    graph = build(kg, projection, lang, as_of, focus, depth)
    if kinds:
        keys = {given: kind_named(given) for given in kinds}
        unknown = [given for given, key in keys.items() if key is None]
        if unknown:
            raise ParameterError.of(
                "figure.kind", kind=unknown[0], choices=kinds_listed(language())
            )
        wanted = set(keys.values())
        graph = graph.subgraph([n for n, k in graph.nodes(data="type") if k in wanted]).copy()
    if graph.number_of_nodes() > FIGURE_NODE_LIMIT:
        raise ParameterError.of(
            "figure.many",
            remedy="narrow-figure",
            n=graph.number_of_nodes(),
            most=FIGURE_NODE_LIMIT,
        )
    name = title or t(f"figure.title.{projection}", lang)
    svg = page_figure(graph, lang=lang, title=name)
    if not svg:
        raise ParameterError.of("figure.empty", remedy="empty-figure")
    return svg.encode("utf-8") if fmt == "svg" else svg_to_png(svg, ppi=ppi)


def svg_to_png(svg: str, *, ppi: int = 200) -> bytes:
    """A PNG of ``svg`` at ``ppi`` (the SVG's pixels count as points), through typst."""
    try:
        import typst
    except ImportError:  # pragma: no cover - typst is a dependency
        raise OutputError.of("typst.missing", fmt="PNG") from None
    source = (
        "#set page(width: auto, height: auto, margin: 0pt)\n"
        '#image(bytes(sys.inputs.svg), format: "svg")\n'
    )
    data = typst.compile(source.encode(), format="png", ppi=ppi, sys_inputs={"svg": svg})
    assert isinstance(data, bytes)
    return data
