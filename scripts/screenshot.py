"""Take the README's screenshot of the real Norddjurs network with the browser test tooling.

    python scripts/screenshot.py            # writes docs/network.png

Renders the bundled collaboration network in English, opens it in headless Chromium with the
network cut off (tests/browser.py), sizes the nodes by betweenness (the ranking panel shows),
selects VIA University College so the details panel and neighbourhood highlighting show, and
saves a PNG.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import partnergraph  # noqa: E402
from browser import launch, new_page, why_no_browser  # noqa: E402


def main() -> None:
    reason = why_no_browser()
    if reason:
        sys.exit(f"cannot take the screenshot: {reason}")
    kg = partnergraph.load()
    view = kg.viz("collaboration", lang="en", title="Norddjurs Kommune: partnerships")
    via = str(kg.resolve("pgid:via-university-college"))
    with tempfile.TemporaryDirectory() as tmp:
        page_file = view.save(Path(tmp) / "network.html")
        with launch() as browser, new_page(browser, width=1400, height=860) as page:
            page.open(page_file)
            page.js("window.partnergraph.measure('betweenness')")
            page.js("(iri) => window.partnergraph.select(window.partnergraph.byIri(iri))", via)
            page.page.wait_for_timeout(800)
            if page.blocked or page.errors:
                sys.exit(f"the page misbehaved: {page.blocked or page.errors}")
            target = ROOT / "docs" / "network.png"
            page.page.screenshot(path=str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
