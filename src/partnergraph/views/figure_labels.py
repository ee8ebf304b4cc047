"""Where the printed figure puts its labels: no label on another label or on a node's marker.

A cartographer's greedy placement. The most connected nodes choose first; each tries its label
right, left, above and below its marker, then on the diagonals, at three wrap widths, and takes
the free place that crosses the fewest edges. A label with no free place next to its node goes
further out with a leader line. When even that fails the caller gives the network more room
(:func:`place_labels` says so) and, at the last try, the label takes the place it overlaps least:
a name is never dropped, the figure is for print. Boxes are found through a grid of cells, so a
figure of a few hundred nodes is placed in a fraction of a second. Everything is in a fixed
order, so the same data gives the same places.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace

from partnergraph.views.text_width import text_width

__all__ = [
    "LINE_HEIGHT",
    "MOST_LINES",
    "Box",
    "Label",
    "Spot",
    "declutter",
    "footprint",
    "place_labels",
    "wrap",
]

Box = tuple[float, float, float, float]
"""left, top, right, bottom."""

LINE_HEIGHT = 1.15
"""Lines of a label, in ems."""

MOST_LINES = 4
"""Lines of a label at most."""

_WRAPS = (26, 18, 36)  # characters per line: the usual, narrower, wider
_GAP = 4.0  # between a marker and its label
_PAD = 1.0  # around a label box: the white halo must not touch the next label
_CELL = 64.0
_RINGS = 4  # places around a node, then further out with a leader line


@dataclass(frozen=True)
class Spot:
    """A node to name: where its marker is and how far the marker reaches from its centre."""

    node: Hashable
    text: str
    x: float
    y: float
    half_width: float
    half_height: float


@dataclass(frozen=True)
class Label:
    """A placed label: its lines, where the text is anchored, its box and any leader line."""

    node: Hashable
    lines: tuple[str, ...]
    x: float
    top: float
    anchor: str
    box: Box
    leader: tuple[float, float, float, float] | None
    overlaps: bool


def wrap(text: str, limit: int, most: int = MOST_LINES) -> tuple[str, ...]:
    """``text`` in at most ``most`` lines of about ``limit`` characters, broken between words.

    Only a name longer than that (a goal's full text, say) is cut, visibly with "…"; the full
    name stays in the marker's tooltip."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    if len(lines) > most:
        last = " ".join(lines[most - 1 :])
        cut = last[:limit].rsplit(" ", 1)[0] if " " in last[:limit] else last[:limit]
        lines = [*lines[: most - 1], cut.rstrip(" ,.;:-\u2013") + "…"]
    return tuple(lines)


class _Grid:
    """Boxes by the cells they touch, so a query looks only at its neighbourhood."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.boxes: list[Box] = []

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        x0, y0 = math.floor(box[0] / _CELL), math.floor(box[1] / _CELL)
        x1, y1 = math.floor(box[2] / _CELL), math.floor(box[3] / _CELL)
        return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]

    def add(self, box: Box) -> None:
        self.boxes.append(box)
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(len(self.boxes) - 1)

    def overlap(self, box: Box, ignore: int = -1) -> float:
        """The area of ``box`` that the boxes cover (each counted once), but the ``ignore``th."""
        seen: set[int] = {ignore}
        total = 0.0
        for key in self._keys(box):
            for i in self.cells.get(key, ()):
                if i in seen:
                    continue
                seen.add(i)
                other = self.boxes[i]
                dx = min(box[2], other[2]) - max(box[0], other[0])
                dy = min(box[3], other[3]) - max(box[1], other[1])
                if dx > 0 and dy > 0:
                    total += dx * dy
        return total


class _Lines:
    """Segments (edges, leader lines) by the cells they pass, to weigh how much a box covers."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.segments: list[tuple[float, float, float, float, float]] = []

    def add(self, x1: float, y1: float, x2: float, y2: float, weight: float = 1.0) -> None:
        self.segments.append((x1, y1, x2, y2, weight))
        index = len(self.segments) - 1
        steps = max(1, math.ceil(math.hypot(x2 - x1, y2 - y1) / (_CELL / 2)))
        keys = {
            (
                math.floor((x1 + (x2 - x1) * i / steps) / _CELL),
                math.floor((y1 + (y2 - y1) * i / steps) / _CELL),
            )
            for i in range(steps + 1)
        }
        for key in sorted(keys):
            self.cells.setdefault(key, []).append(index)

    def length_in(self, box: Box) -> float:
        """How much segment length runs through ``box``, weighted."""
        seen: set[int] = set()
        total = 0.0
        x0, y0 = math.floor(box[0] / _CELL), math.floor(box[1] / _CELL)
        x1, y1 = math.floor(box[2] / _CELL), math.floor(box[3] / _CELL)
        for i in range(x0, x1 + 1):
            for j in range(y0, y1 + 1):
                for index in self.cells.get((i, j), ()):
                    if index not in seen:
                        seen.add(index)
                        total += _clipped(self.segments[index], box)
        return total


def _clipped(segment: tuple[float, float, float, float, float], box: Box) -> float:
    """The weighted length of ``segment`` inside ``box`` (Liang-Barsky clipping)."""
    x1, y1, x2, y2, weight = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q < 0:
                return 0.0
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return 0.0
    return (high - low) * math.hypot(dx, dy) * weight


def _candidates(
    spot: Spot, width: float, height: float, ring: int
) -> list[tuple[float, float, str]]:
    """Places for a box ``width`` wide, ``height`` high around ``spot``: (left, top, anchor)."""
    x, y = spot.x, spot.y
    out = spot.half_width + _GAP + ring * 18.0
    up = spot.half_height + 2.0 + ring * 14.0
    diagonal_x, diagonal_y = (
        spot.half_width * 0.7 + ring * 14.0,
        spot.half_height * 0.7 + ring * 10.0,
    )
    return [
        (x + out, y - height / 2, "start"),
        (x - out - width, y - height / 2, "end"),
        (x - width / 2, y - up - height, "middle"),
        (x - width / 2, y + up, "middle"),
        (x + diagonal_x, y - diagonal_y - height, "start"),
        (x + diagonal_x, y + diagonal_y, "start"),
        (x - diagonal_x - width, y - diagonal_y - height, "end"),
        (x - diagonal_x - width, y + diagonal_y, "end"),
    ]


def _leader(spot: Spot, box: Box) -> tuple[float, float, float, float]:
    """A short line from the marker's edge to the nearest point of the label's box."""
    px = min(max(spot.x, box[0]), box[2])
    py = min(max(spot.y, box[1]), box[3])
    dx, dy = px - spot.x, py - spot.y
    # Start just outside the marker's box, so the line leaves the marker and points at it.
    reach = min(
        1.0,
        (spot.half_width + 2.0) / abs(dx) if dx else math.inf,
        (spot.half_height + 2.0) / abs(dy) if dy else math.inf,
    )
    return (spot.x + dx * reach, spot.y + dy * reach, px, py)


def _leader_clash(taken: _Grid, leader: tuple[float, float, float, float]) -> float:
    """Whether a leader line would run over a label or marker (sampled every few units)."""
    x1, y1, x2, y2 = leader
    steps = max(2, math.ceil(math.hypot(x2 - x1, y2 - y1) / 3))
    total = 0.0
    for i in range(1, steps):
        x, y = x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps
        total += taken.overlap((x - 0.5, y - 0.5, x + 0.5, y + 0.5))
    return total


def place_labels(
    spots: Sequence[Spot],
    edges: Sequence[tuple[float, float, float, float]],
    bounds: Box,
    size: float,
    *,
    must_fit: bool = True,
    reserve: bool = False,
) -> list[Label] | None:
    """Labels for ``spots`` in their order (most important first) inside ``bounds``.

    With ``must_fit`` the answer is None as soon as a label finds no free place, so the caller
    can spread the network and try again; without it such a label takes its least bad place and
    is marked ``overlaps``.
    """
    taken = _Grid()
    for spot in spots:
        taken.add(
            (
                spot.x - spot.half_width - _PAD,
                spot.y - spot.half_height - _PAD,
                spot.x + spot.half_width + _PAD,
                spot.y + spot.half_height + _PAD,
            )
        )
    # Where the network was decluttered, each node's footprint is kept for it: a label may not
    # take another node's, so every node still finds its own free.
    reserved = _Grid()
    for spot in spots if reserve else ():
        reserved.add(footprint(spot, size))
    crossed = _Lines()
    for x1, y1, x2, y2 in edges:
        crossed.add(x1, y1, x2, y2)
    labels: list[Label] = []
    for number, spot in enumerate(spots):
        best: tuple[float, tuple[float, float, str], tuple[str, ...], Box, int] | None = None
        fallback: tuple[float, tuple[float, float, str], tuple[str, ...], Box, int] | None = None
        usual = wrap(spot.text, _WRAPS[0])
        for ring in range(_RINGS):
            for variant, limit in enumerate(_WRAPS):
                lines = wrap(spot.text, limit)
                if variant and (
                    lines == usual or lines[-1].endswith("…") > usual[-1].endswith("…")
                ):
                    continue  # no different, or cuts a name the usual width keeps whole
                width = max(text_width(line, size) for line in lines)
                height = size * LINE_HEIGHT * len(lines)
                for rank, place in enumerate(_candidates(spot, width, height, ring)):
                    box = (place[0], place[1], place[0] + width, place[1] + height)
                    padded = (box[0] - _PAD, box[1] - _PAD, box[2] + _PAD, box[3] + _PAD)
                    outside = (
                        max(0.0, bounds[0] - box[0])
                        + max(0.0, box[2] - bounds[2])
                        + max(0.0, bounds[1] - box[1])
                        + max(0.0, box[3] - bounds[3])
                    )
                    clash = taken.overlap(padded) + reserved.overlap(box, ignore=number)
                    penalty = 3.0 * rank + 12.0 * variant + 40.0 * ring
                    if ring and clash == 0:
                        clash = _leader_clash(taken, _leader(spot, box))
                    if clash == 0 and outside == 0:
                        soft = penalty + crossed.length_in(box)
                        if best is None or soft < best[0]:
                            best = (soft, place, lines, box, ring)
                    elif not must_fit and best is None:
                        bad = 100.0 * (clash + outside * height) + penalty
                        if fallback is None or bad < fallback[0]:
                            fallback = (bad, place, lines, box, ring)
            if best is not None:
                break
        chosen = best or fallback
        if chosen is None:
            return None
        _, (left, top, anchor), lines, box, ring = chosen
        leader = _leader(spot, box) if ring else None
        taken.add((box[0] - _PAD, box[1] - _PAD, box[2] + _PAD, box[3] + _PAD))
        if leader is not None:
            crossed.add(*leader, weight=4.0)
        x = {"start": left, "middle": (box[0] + box[2]) / 2, "end": box[2]}[anchor]
        labels.append(Label(spot.node, lines, x, top, anchor, box, leader, best is None))
    return labels


def footprint(spot: Spot, size: float) -> Box:
    """The marker of ``spot`` with its label, wrapped as usual, on its right: the room a node
    is given where the network is crowded."""
    lines = wrap(spot.text, _WRAPS[0])
    label = max(text_width(line, size) for line in lines)
    half = max(size * LINE_HEIGHT * len(lines), 2 * spot.half_height) / 2 + _PAD
    return (
        spot.x - spot.half_width - _PAD,
        spot.y - half,
        spot.x + spot.half_width + _GAP + label + _PAD,
        spot.y + half,
    )


def declutter(spots: Sequence[Spot], size: float, right: float) -> list[Spot]:
    """``spots`` moved so that no two footprints overlap: x kept (but the label must end
    before ``right``), nodes taken top to bottom, each dropping just below the footprints it
    would overlap. One pass; the network keeps its left-to-right and top-down order and only
    gets taller where it is crowded."""
    moved: list[Spot] = []
    for spot in spots:
        box = footprint(spot, size)
        if box[2] > right:
            spot = replace(spot, x=spot.x - (box[2] - right))
        moved.append(spot)
    boxes = [footprint(spot, size) for spot in moved]
    placed: list[int] = []
    for i in sorted(range(len(moved)), key=lambda i: (moved[i].y, moved[i].x, i)):
        box = boxes[i]
        drop = 0.0
        for j in placed:
            other = boxes[j]
            if box[0] < other[2] and other[0] < box[2]:
                drop = max(drop, other[3] - box[1] + 0.5)  # a hair apart, not touching
        if drop > 0:
            moved[i] = replace(moved[i], y=moved[i].y + drop)
            boxes[i] = (box[0], box[1] + drop, box[2], box[3] + drop)
        placed.append(i)
    return moved
