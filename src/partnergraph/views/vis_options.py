"""How the interactive page draws: vis-network options and the style of each kind of node.

pyvis gives the physics (its public presets, serialised by :meth:`Network.get_network_data`);
the rest is ours. The page's data (nodes and edges) does not pass through pyvis: its
``add_node`` and ``add_edge`` look every earlier node or edge up in a list, which takes
seconds to minutes on the large networks the page is meant for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

from partnergraph.network.layout import UNIT_PX
from partnergraph.rdf.kinds import Kind, kind

__all__ = ["group", "mix", "vis_options"]

_STABILISATION_ITERATIONS: Final = 200

_LABEL_SIZES: Final[Mapping[str, int]] = {"partnership": 19, "organisation": 18, "theme": 15}


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` mixed with ``other`` (both ``#rrggbb``), ``share`` of ``other``."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def group(kind: Kind) -> dict[str, Any]:
    """The vis-network group of a kind: its shape, its colours (a darker border, lighter when
    highlighted or hovered) and, for shapes with the label inside, its label colour."""
    border = mix(kind.colour, "#000000", 0.35)
    group: dict[str, Any] = {
        "shape": kind.shape,
        "color": {
            "background": kind.colour,
            "border": border,
            "highlight": {"background": mix(kind.colour, "#ffffff", 0.25), "border": "#111111"},
            "hover": {"background": mix(kind.colour, "#ffffff", 0.15), "border": border},
        },
    }
    if kind.label_inside:
        group["font"] = {"color": kind.font, "strokeWidth": 0, "size": 14}
        group["margin"] = {"top": 6, "bottom": 6, "left": 8, "right": 8}
    return group


def _physics(big: bool) -> tuple[dict[str, Any], str, str]:
    """pyvis' physics preset (Barnes-Hut for big networks, ForceAtlas2 otherwise) as vis-network
    options, and the canvas height and width."""
    # late: pyvis loads jinja2 and its templates; only the page needs it
    from pyvis.network import Network  # type: ignore[import-untyped,unused-ignore]

    net = Network(height="100%", width="100%")
    if big:
        net.barnes_hut(
            gravity=-3000,
            central_gravity=0.1,
            spring_length=UNIT_PX,
            spring_strength=0.04,
            damping=0.5,
            overlap=0,
        )
    else:
        net.force_atlas_2based(
            gravity=-70,
            central_gravity=0.008,
            spring_length=UNIT_PX + 10,
            spring_strength=0.06,
            damping=0.45,
            overlap=0.7,
        )
    net.toggle_stabilization(True)
    *_, height, width, options_json = net.get_network_data()
    return dict(json.loads(options_json).get("physics", {})), height, width


def vis_options(
    *,
    physics: bool,
    directed: bool,
    big: bool,
    n_nodes: int,
    n_edges: int,
    kinds: Iterable[str],
) -> dict[str, Any]:
    """vis-network options: pyvis' physics preset with our stabilisation, a group for each kind
    key in ``kinds``, and our looks."""
    solver, height, width = _physics(big)
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
    groups = {key: group(kind(key)) for key in kinds}
    # Names of the actors and partnerships are what people look for: bigger, so at the
    # default zoom they stay readable while the smaller ones (forums, documents, agreements)
    # fall under the draw threshold until one zooms in, and the labels do not pile up.
    for key, found in groups.items():
        size = _LABEL_SIZES.get(key, 13)
        found["font"] = {**found.get("font", {}), "size": size}
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
        "height": height,
        "width": width,
    }
