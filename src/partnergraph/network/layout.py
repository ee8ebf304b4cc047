"""A fast deterministic layout of a network, in pure Python (no numpy).

The interactive page lays out large networks here so the browser only draws, and the printable
figures use the same layout, so a network looks the same on paper and on screen. Per connected
component: a pivot-MDS embedding of the nodes that are not leaves, leaves fanned out around
their neighbour, every node snapped to its own grid cell, a few force-directed passes to relax
it; components packed in rows.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from operator import add, mul
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

__all__ = ["UNIT_PX", "layout", "layout_positions", "scaled_positions"]

UNIT_PX: Final = 95.0
"""Pixels per layout unit (the ideal edge length)."""


def layout_positions(graph: nx.Graph, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """A fast deterministic layout of ``graph`` in pixels, as the page uses for large networks.

    Pure Python (no numpy): per connected component a pivot-MDS embedding of the nodes that are
    not leaves, leaves fanned out around their neighbour, every node snapped to its own grid
    cell, a few force-directed passes to relax it; components packed in rows.
    """
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    coords = layout(len(nodes), edges, seed=seed)
    return {node: (x * UNIT_PX, y * UNIT_PX) for node, (x, y) in zip(nodes, coords, strict=True)}


def scaled_positions(
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
        return [(x * UNIT_PX, y * UNIT_PX) for x, y in layout(n, pairs)]
    xs = [p[0] for p in known.values()]
    ys = [p[1] for p in known.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    target = math.sqrt(1.6 * max(n, 1)) * UNIT_PX  # side of the box the layout should fill
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
    bottom = (height * scale) / 2 + 2 * UNIT_PX
    for i in range(n):
        if out[i] is not None:
            continue
        placed = [p for p in (out[j] for j in neighbours[i]) if p is not None]
        if placed:
            angle = i * 2.399963  # golden angle: neighbours' extra nodes fan out
            mx = sum(p[0] for p in placed) / len(placed) + math.cos(angle) * UNIT_PX * 0.8
            my = sum(p[1] for p in placed) / len(placed) + math.sin(angle) * UNIT_PX * 0.8
            out[i] = (mx, my)
        else:
            out[i] = (-target / 2 + (spare % 20) * UNIT_PX, bottom + (spare // 20) * UNIT_PX)
            spare += 1
    return [p if p is not None else (0.0, 0.0) for p in out]


def layout(n: int, edges: Sequence[tuple[int, int]], seed: int = 0) -> list[tuple[float, float]]:
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
