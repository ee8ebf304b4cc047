"""The server's query page in a real headless Chromium, against a real server.

A server with the pages mounted (``ServerConfig(extra_routes=page_routes())``) is started on a
free 127.0.0.1 port; the browser may reach that origin and nothing else (every other request is
aborted and recorded). It runs a named query from the gallery, sorts a column, runs a CONSTRUCT
from the editor and sees its graph, follows a permalink, and opens an entity page, with no
console error. Set ``PARTNERGRAPH_SCREENSHOTS=docs`` to refresh ``docs/query-page.png``.

Skipped (with the reason) when Chromium or ``playwright`` is missing, except under ``CI=true``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from servers import free_port

pytestmark = pytest.mark.slow  # spawns a server and Chromium

ROOT = Path(__file__).resolve().parents[1]
SERVER = """
import sys
from partnergraph.server import ServerConfig, serve
from partnergraph.server.pages import page_routes

if __name__ == "__main__":
    config = ServerConfig(extra_routes=page_routes(), workers=1, spare_workers=1)
    serve(config, port=int(sys.argv[1]), announce=None)
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    script = tmp_path_factory.mktemp("server") / "serve_pages.py"
    script.write_text(SERVER, encoding="utf-8")
    port = free_port()
    log = script.with_suffix(".log")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, str(script), str(port)], stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server stopped: {log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(url + "/static/site.css", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the server did not answer within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@dataclass
class Visit:
    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Any, base: str) -> Iterator[Visit]:
    """A page that may load from the test server only."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    seen = Visit(page)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith((base + "/", "data:", "blob:", "about:")):
            route.continue_()
        else:
            seen.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page.on(
        "console",
        lambda m: seen.errors.append(m.text) if m.type in ("error", "assert") else None,
    )
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
    try:
        yield seen
    finally:
        context.close()
    assert seen.blocked == [], "the page asked another host for something"
    assert seen.errors == [], "the page logged errors"


def _column(page: Any, index: int) -> list[str]:
    texts: list[str] = page.locator(
        f"#result-table tbody tr td:nth-child({index + 1})"
    ).all_inner_texts()
    return texts


def test_run_a_named_query_sort_it_and_follow_its_permalink(
    visit: Visit, base: str, tmp_path: Path
) -> None:
    page = visit.page
    page.goto(base + "/query?lang=en", wait_until="load")
    page.wait_for_function("window.partnergraphQueryPage && window.partnergraphQueryPage.ready")
    item = page.locator('#gallery li[data-name="renewals-due"]')
    item.locator("summary").click()
    today = dt.date.today().isoformat()  # "before" defaults to the as-of date
    assert item.locator('input[name="before"]').input_value() == today
    item.locator('button[type="submit"]').click()
    page.wait_for_selector("#result-table tbody tr")
    assert page.locator("#result-table tbody tr").count() == 4
    assert (
        "Partnership agreement with VIA University College (2018)"
        in page.locator("#result-table").inner_text()
    )
    # Sort by "ends", both ways (the column's title; the variable stays in the downloads).
    headers = page.locator("#result-table thead th").all_inner_texts()
    ends = headers.index("Ends")
    page.locator("#result-table thead th button").nth(ends).click()
    assert page.locator("#result-table thead th").nth(ends).get_attribute("aria-sort") == (
        "ascending"
    )
    values = [v for v in _column(page, ends) if v]
    assert values == sorted(values)
    assert _column(page, ends)[-1] == ""  # empty cells last
    page.locator("#result-table thead th button").nth(ends).click()
    assert [v for v in _column(page, ends) if v] == sorted(values, reverse=True)
    # Downloads are made by the server.
    csv = page.locator("#downloads a", has_text="CSV")
    assert "format=csv" in (csv.get_attribute("href") or "")
    response = page.request.get(base + (csv.get_attribute("href") or ""))
    assert response.status == 200 and response.text().startswith('"agreement"')
    shots = ROOT / "docs" if os.environ.get("PARTNERGRAPH_SCREENSHOTS") == "docs" else tmp_path
    page.screenshot(path=str(shots / "query-page.png"), full_page=True)
    # The permalink carries the query and its parameters.
    assert "name=renewals-due" in page.url and f"p.before={today}" in page.url
    permalink = page.url.replace(f"p.before={today}", "p.before=2025-01-01")
    page.goto(permalink, wait_until="load")
    page.wait_for_selector("#result-table tbody tr")
    assert (
        page.locator('#gallery li[data-name="renewals-due"] input[name="before"]').input_value()
        == "2025-01-01"
    )
    assert page.locator("#result-table tbody tr").count() == 2
    # The language switch keeps the query.
    switch = page.locator("a.langswitch").get_attribute("href") or ""
    assert switch == "/query?name=renewals-due&p.before=2025-01-01&p.lang=da"


def test_construct_graph_view_and_an_entity_page(visit: Visit, base: str) -> None:
    page = visit.page
    page.goto(base + "/query", wait_until="load")
    page.wait_for_function("window.partnergraphQueryPage && window.partnergraphQueryPage.ready")
    page.locator("#editor").fill(
        "CONSTRUCT { ?p org:hasMember ?m } WHERE { ?p a pg:Partnership ; org:hasMember ?m }"
    )
    page.locator("#editor").press("Control+Enter")
    page.wait_for_selector("#result-table tbody tr")
    assert page.locator("#result-table tbody tr").count() == 19
    page.locator("#tab-graph").click()
    frame = page.frame_locator("iframe.graph")
    frame.locator("#network canvas").wait_for()
    inner = next(f for f in page.frames if "/network?" in f.url)
    inner.wait_for_function("window.partnergraph && window.partnergraph.ready === true")
    assert inner.evaluate("window.partnergraph.visibleCount().nodes") >= 19
    # The starting SELECT links each partnership to its page.
    page.goto(base + "/query", wait_until="load")
    page.locator("#run").click()
    page.wait_for_selector("#result-table tbody tr a")
    link = page.locator("#result-table tbody tr a", has_text="partnership-via")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/doc/partnership-via")
    assert page.locator("h1").inner_text() == "Partnerskab med VIA University College"
    facts = page.locator(".facts").first.inner_text()
    assert "Norddjurs Kommune" in facts and "VIA University College" in facts
    page.locator("a.langswitch").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Partnership with VIA University College"


def test_the_front_page_is_the_overview_and_answers_link_to_the_things(
    visit: Visit, base: str
) -> None:
    page = visit.page
    page.goto(base + "/", wait_until="load")
    assert page.locator("html").get_attribute("lang") == "da"
    assert "Partnerskab med VIA University College" in page.locator("main").inner_text()
    assert page.locator("#editor").count() == 0  # the SPARQL editor lives at /query
    page.locator("nav a", has_text="Spørg grafen").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(base + "/query")
    page.wait_for_function("window.partnergraphQueryPage && window.partnergraphQueryPage.ready")
    item = page.locator('#gallery li[data-name="renewals-due"]')
    item.locator("summary").click()
    assert item.locator("label", has_text="Udløber før").count() == 1
    item.locator('button[type="submit"]').click()
    page.wait_for_selector("#result-table tbody tr td a")
    headers = page.locator("#result-table thead th").all_inner_texts()
    assert headers[:2] == ["Aftale", "Partnerskab"]
    # Every name in the answer that names one thing links to that thing's page.
    link = page.locator("#result-table tbody td a", has_text="Partnerskab med Halmstad Kommune")
    assert link.count() == 2
    link.first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/doc/partnership-halmstad")
    assert page.locator("h1").inner_text() == "Partnerskab med Halmstad Kommune"


def test_a_bad_parameter_is_shown_beside_its_field(visit: Visit, base: str) -> None:
    page = visit.page
    page.goto(base + "/query", wait_until="load")
    page.wait_for_function("window.partnergraphQueryPage && window.partnergraphQueryPage.ready")
    item = page.locator('#gallery li[data-name="renewals-due"]')
    item.locator("summary").click()
    item.locator('input[name="before"]').fill("snart")
    item.locator('button[type="submit"]').click()
    error = item.locator("#e-renewals-due-before")
    error.wait_for(state="visible")
    assert "'before'" in error.inner_text() and "dato" in error.inner_text()
    assert item.locator('input[name="before"]').get_attribute("aria-invalid") == "true"
    # An entity parameter is a drop-down of the things it may be, by name.
    stakeholders = page.locator('#gallery li[data-name="stakeholders"]')
    stakeholders.locator("summary").click()
    options = stakeholders.locator('select[name="partnership"] option').all_inner_texts()
    assert "Partnerskab med Halmstad Kommune" in options
    # The browser reports the refused request itself; that 400 was the point.
    visit.errors[:] = [e for e in visit.errors if "status of 400" not in e]
