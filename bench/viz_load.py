"""How fast the HTML network pages are built and drawn: a dataset's overview, or synthetic networks.

    .venv/bin/python bench/viz_load.py --data /tmp/perf2/1000 [--runs 5] [--detail]
    .venv/bin/python bench/viz_load.py [--runs 3] [--sizes 100 1000 5000]

With ``--data``: the dataset is loaded once (timed apart), then the page ``partnergraph viz``
would write is built ``--runs`` times in Python, the network included (``kg.viz()``: the size
check, the bulk queries, the aggregation, the layout) and rendered to HTML, first call and
repeats reported apart. ``--detail`` builds the page of every node instead (``viz --detail``).

Without it: synthetic networks of ``--sizes`` nodes (tests/browser.py) drawn by the page of
every node, as before; their build is the render alone (the network is made up).

Each page is then opened ``--runs`` times, each in a fresh headless Chromium page with the
network cut off, and timed from navigation start (milliseconds, medians):

``load``
    the browser's load event ended (the HTML parsed, vis-network and the page's script run);
``first draw``
    vis-network's first ``afterDrawing`` (the canvas drawn, not yet on screen);
``on screen``
    the frame after that drawing has started, so the drawing has been presented (two
    ``requestAnimationFrame`` callbacks after it). The overview page records it itself; for the
    page of every node, whose own mark (``settledMs``) comes *before* its frame is shown, it is
    the page's settled mark followed by the same two frames, taken in the page;
``settled``
    nothing left to move: the overview runs no physics, so it is settled when on screen; the
    page of every node, when its layout has stopped and the frame showing it is on screen.

For the overview, a drill-down is also timed in each run: from the call that opens the first
group in the list to the frame showing it, and back. The machine's load (1-minute average)
is printed before and after each measurement, as this machine is shared.
Needs Chromium and the ``playwright`` package, like tests/test_viz_browser.py, whose helpers
(tests/browser.py) it uses.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, new_page, synthetic_network, why_no_browser  # noqa: E402
from partnergraph.views import network_page as viz  # noqa: E402

_ON_SCREEN = """() => new Promise((done) => {
  const pg = window.partnergraph;
  if (pg.timings.firstFrame !== undefined) { done(pg.timings.firstFrame); return; }
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
})"""
"""The overview's own mark, or (page of every node) now, two frames after it said settled."""

_DRILL = """(index) => new Promise((done) => {
  const pg = window.partnergraph;
  const started = performance.now();
  pg.show(index);
  const wait = (level, then) => {
    const poll = () =>
      pg.shownLevel === level ? then(performance.now()) : requestAnimationFrame(poll);
    poll();
  };
  wait(String(index), (opened) => {
    const back = performance.now();
    pg.back();
    wait("overview", (returned) => done([opened - started, returned - back]));
  });
})"""


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def time_build(build: Callable[[], str], runs: int) -> tuple[str, float, list[float]]:
    """The page's HTML, the first build's seconds and the repeats' seconds."""
    started = time.perf_counter()
    page_html = build()
    first = time.perf_counter() - started
    print(f"  built in {first:.2f} s ({len(page_html.encode()) / 1e6:.2f} MB)", flush=True)
    repeats: list[float] = []
    for _ in range(runs - 1):
        started = time.perf_counter()
        build()
        repeats.append(time.perf_counter() - started)
    return page_html, first, repeats


def time_browser(
    browser: Any, path: Path, runs: int, *, timeout_s: float
) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {
        k: [] for k in ("load", "first draw", "on screen", "settled", "drill", "back", "timed out")
    }
    for _ in range(runs):
        with new_page(browser) as page:
            page.page.set_default_navigation_timeout(timeout_s * 1000)
            started = time.perf_counter()
            try:
                page.open(path, timeout_s=timeout_s)
            except Exception as exc:  # playwright's TimeoutError: the page never got there
                waited = time.perf_counter() - started
                print(f"  not ready after {waited:.0f} s: {type(exc).__name__}", file=sys.stderr)
                found["timed out"].append(waited * 1000)
                continue
            on_screen = float(page.js(_ON_SCREEN))
            timings = page.js("window.partnergraph.timings")
            load = page.js("performance.getEntriesByType('navigation')[0].loadEventEnd")
            found["load"].append(float(load))
            if "firstDraw" in timings:  # the page of every node does not record it
                found["first draw"].append(float(timings["firstDraw"]))
            overview = page.js("typeof window.partnergraph.show === 'function'")
            found["on screen"].append(float(timings.get("firstFrame", on_screen)))
            found["settled"].append(on_screen if not overview else float(timings["firstFrame"]))
            if overview:
                first = int(page.js("Number(document.getElementById('choices').value)"))
                opened, returned = page.js(_DRILL, first)
                found["drill"].append(float(opened))
                found["back"].append(float(returned))
            if page.errors or page.blocked:
                print(f"  problems: {page.errors} {page.blocked}", file=sys.stderr)
    return found


def report(
    name: str,
    page_html: str,
    first: float,
    repeats: list[float],
    found: dict[str, list[float]],
    load_before: str,
) -> None:
    runs = " ".join(f"{v:.0f}" for v in found["on screen"])
    print(
        f"\n{name}: page {len(page_html.encode()) / 1e6:.2f} MB;"
        f" load average {load_before} → {load_average()}"
    )
    spread = " ".join(f"{r:.2f}" for r in repeats)
    print(
        f"  build (network + page, Python): first {first:.2f} s,"
        f" repeats median {median(repeats):.2f} s ({spread})"
    )
    print("  browser, ms from navigation start (median of runs):")
    for key in ("load", "first draw", "on screen", "settled", "drill", "back", "timed out"):
        if found[key]:
            print(f"    {key:<11} {median(found[key]):>8.0f}")
    print(f"    on screen, each run: {runs}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--data", type=Path, help="a dataset folder: time the page viz writes")
    parser.add_argument("--detail", action="store_true", help="with --data: every node")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a page may take")
    parser.add_argument("--keep", type=Path, help="write the pages into this folder")
    args = parser.parse_args()
    reason = why_no_browser()
    if reason is not None:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    print(f"load average at start: {load_average()}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as scratch, launch() as browser:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if args.data:
            import partnergraph

            before = load_average()
            started = time.perf_counter()
            kg = partnergraph.load(args.data)
            print(
                f"loaded {args.data} in {time.perf_counter() - started:.1f} s"
                f" (load average {before} → {load_average()})"
            )
            overview = False if args.detail else None
            before = load_average()
            page_html, first, repeats = time_build(
                lambda: kg.viz(overview=overview).html, args.runs
            )
            path = folder / ("detail.html" if args.detail else "overview.html")
            path.write_text(page_html, encoding="utf-8")
            found = time_browser(browser, path, args.runs, timeout_s=args.timeout)
            report(
                f"{args.data} ({'every node' if args.detail else 'as viz writes it'})",
                page_html,
                first,
                repeats,
                found,
                before,
            )
            return 0
        for size in args.sizes:
            graph = synthetic_network(size, seed=0)
            before = load_average()
            page_html, first, repeats = time_build(
                lambda g=graph, s=size: viz.render_html(g, title=f"{s} nodes"), args.runs
            )
            path = folder / f"view-{size}.html"
            path.write_text(page_html, encoding="utf-8")
            found = time_browser(browser, path, args.runs, timeout_s=args.timeout)
            report(
                f"synthetic, {size} nodes, {graph.number_of_edges()} edges",
                page_html,
                first,
                repeats,
                found,
                before,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
