"""How fast the HTML network view loads and settles, for synthetic networks of several sizes.

    .venv/bin/python bench/viz_load.py [--runs 3] [--sizes 100 1000 5000]

For each size: the time to render the page in Python, the page's size, and the median over the
runs of ``settledMs`` (``performance.now()`` when the layout has settled and been drawn, counted
from navigation start, so it includes parsing the page) in a headless Chromium with the network
cut off. Needs Chromium and the ``playwright`` package, like tests/test_viz_browser.py, whose
helpers (tests/browser.py) it uses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, new_page, synthetic_network, why_no_browser  # noqa: E402
from partnergraph.views import network_page as viz  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    args = parser.parse_args()
    reason = why_no_browser()
    if reason is not None:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    print(
        f"{'nodes':>6} {'edges':>6} {'layout':>8} {'render s':>9} {'html MB':>8} "
        f"{'settle ms (median)':>19} {'runs':>24}"
    )
    with tempfile.TemporaryDirectory() as folder, launch() as browser:
        for size in args.sizes:
            graph = synthetic_network(size, seed=0)
            started = time.perf_counter()
            page_html = viz.render_html(graph, title=f"{size} nodes")
            render_s = time.perf_counter() - started
            path = Path(folder) / f"view-{size}.html"
            path.write_text(page_html, encoding="utf-8")
            runs: list[float] = []
            for _ in range(args.runs):
                with new_page(browser) as page:
                    runs.append(page.open(path, timeout_s=120))
                    if page.errors or page.blocked:
                        print(f"  problems: {page.errors} {page.blocked}", file=sys.stderr)
                    physics = page.js("window.partnergraph.timings.stabilised !== undefined")
            layout = "browser" if physics else "python"
            print(
                f"{size:>6} {graph.number_of_edges():>6} {layout:>8} {render_s:>9.2f} "
                f"{len(page_html.encode()) / 1e6:>8.2f} {statistics.median(runs):>19.0f} "
                f"{' '.join(f'{r:.0f}' for r in runs):>24}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
