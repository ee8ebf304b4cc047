"""The printed network figure is readable: every node is named, and no label lies on another
label or on a node's marker, on the bundled data's report figure and on a generated network.

The SVG is read back as a printer would see it: label boxes from the text's anchor, lines and
font size (widths from the font's advance widths), marker boxes from the drawn shapes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
import pytest
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.synthetic.generate import generate
from partnergraph.views.figure import figure, network_figure
from partnergraph.views.figure_labels import (
    LINE_HEIGHT,
    MOST_LINES,
    Spot,
    declutter,
    footprint,
    wrap,
)
from partnergraph.views.text_width import text_width

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


def label_boxes(root: ET.Element) -> dict[str, Box]:
    boxes: dict[str, Box] = {}
    for text in root.iter(f"{SVG}text"):
        node = text.get("data-node")
        if node is None:
            continue
        size = float(text.get("font-size", "0"))
        spans = list(text.iter(f"{SVG}tspan"))
        width = max(text_width(span.text or "", size) for span in spans)
        x = float(spans[0].get("x", "0"))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "")]
        first_baseline = float(spans[0].get("y", "0"))
        top = first_baseline - 0.9 * size
        boxes[node] = (left, top, left + width, top + size * LINE_HEIGHT * len(spans))
    return boxes


def marker_boxes(root: ET.Element) -> dict[str, Box]:
    boxes: dict[str, Box] = {}
    for group in root.iter(f"{SVG}g"):
        node = group.get("data-node")
        if node is None:
            continue
        shape = next(child for child in group if child.tag != f"{SVG}title")

        def get(name: str, shape: ET.Element = shape) -> float:
            return float(shape.get(name, "0"))

        if shape.tag == f"{SVG}circle":
            box = (
                get("cx") - get("r"),
                get("cy") - get("r"),
                get("cx") + get("r"),
                get("cy") + get("r"),
            )
        elif shape.tag == f"{SVG}ellipse":
            rx, ry = get("rx"), get("ry")
            box = (get("cx") - rx, get("cy") - ry, get("cx") + rx, get("cy") + ry)
        elif shape.tag == f"{SVG}rect":
            box = (get("x"), get("y"), get("x") + get("width"), get("y") + get("height"))
        else:
            points = [tuple(map(float, p.split(","))) for p in shape.get("points", "").split()]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            box = (min(xs), min(ys), max(xs), max(ys))
        boxes[node] = box
    return boxes


def overlap(a: Box, b: Box) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def assert_readable(svg: str) -> None:
    root = ET.fromstring(svg)
    labels, markers = label_boxes(root), marker_boxes(root)
    assert labels and set(labels) == set(markers), "every node is named"
    width = float(root.get("width", "0"))
    names = sorted(labels)
    for i, a in enumerate(names):
        box = labels[a]
        assert box[0] >= 0 and box[2] <= width, f"label of {a} runs off the page"
        for b in names[i + 1 :]:
            assert overlap(box, labels[b]) == 0, f"labels of {a} and {b} overlap"
        for b, marker in markers.items():
            assert overlap(box, marker) == 0, f"label of {a} covers the marker of {b}"


@pytest.fixture(scope="module")
def report_svg(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "r.md"
    runner = CliRunner(env={"PARTNERGRAPH_LANG": None})
    done = runner.invoke(
        app, ["report", "-o", str(out), "--as-of", "2026-12-06", "--section", "figure"]
    )
    assert done.exit_code == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    return text[text.index("<svg") : text.index("</svg>") + len("</svg>")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> partnergraph.PartnerGraph:
    folder = tmp_path_factory.mktemp("generated") / "data"
    generate(folder, 1, seed=0)
    return partnergraph.load(data=folder)


def test_report_figure_labels_cover_no_label_and_no_marker(report_svg: str) -> None:
    assert_readable(report_svg)
    for name in ("Halmstad Kommune", "Samarbejdet i Aarhus Airport", "nye samarbejder"):
        assert name in re.sub(r"</tspan><tspan[^>]*>", " ", report_svg)


def test_generated_network_figure_labels_cover_no_label_and_no_marker(
    generated: partnergraph.PartnerGraph,
) -> None:
    svg = figure(generated, "collaboration", as_of="2026-12-06").decode("utf-8")
    assert svg.count("<g data-node=") > 40
    assert_readable(svg)


def test_the_same_generated_data_gives_the_same_figure_bytes(
    generated: partnergraph.PartnerGraph, tmp_path: Path
) -> None:
    first = figure(generated, "collaboration", as_of="2026-12-06")
    folder = tmp_path / "again"
    generate(folder, 1, seed=0)
    assert figure(partnergraph.load(data=folder), "collaboration", as_of="2026-12-06") == first


def test_a_crowded_star_still_names_every_node_without_overlaps() -> None:
    graph = nx.Graph()
    graph.add_node("hub", label="Norddjurs Kommune", type="organisation")
    for i in range(40):
        graph.add_node(f"p{i}", label=f"Samarbejdet om opgave nummer {i}", type="partnership")
        graph.add_edge("hub", f"p{i}")
    svg = network_figure(graph, title="Stjerne")
    assert_readable(svg)


def test_a_name_is_wrapped_whole_and_only_a_very_long_one_is_cut() -> None:
    name = "Strategisk partnerskab mellem Norddjurs Kommune og Aarhus Universitet"
    assert " ".join(wrap(name, 26)) == name
    long = " ".join(["ord"] * 80)
    lines = wrap(long, 26)
    assert len(lines) == MOST_LINES and lines[-1].endswith("…")
    assert all(len(line) <= 27 for line in lines)


def test_decluttered_nodes_each_keep_room_for_their_label_on_their_right() -> None:
    spots = [
        Spot(i, f"Partnerskab nummer {i} med en lang titel", 300.0 + (i % 3), 200.0 + i, 9.0, 9.0)
        for i in range(12)
    ]
    moved = declutter(spots, 14.0, right=980.0)
    rooms = [footprint(spot, 14.0) for spot in moved]
    assert all(room[2] <= 980.0 for room in rooms)
    for i, a in enumerate(rooms):
        for b in rooms[i + 1 :]:
            assert overlap(a, b) == 0
    assert [spot.y for spot in moved] == sorted(spot.y for spot in moved)
