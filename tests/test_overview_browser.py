"""The overview page in a real browser: it opens on the groups, drills down into one from the
keyboard or a click, and comes back, offline, without errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import partnergraph
from browser import Page, new_page
from partnergraph.views.overview_page import write_overview

pytestmark = pytest.mark.slow  # spawns Chromium


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("overview")
    partnergraph.generate(folder / "data", 5, seed=3)
    found = partnergraph.load(folder / "data").overview()
    return write_overview(found, folder / "overview.html")


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    with new_page(browser) as opened:
        yield opened
    assert opened.blocked == [], "the page asked another host for something"
    assert opened.errors == [], "the page logged errors"
    assert opened.dialogs == [], "the page opened a dialog"


def _shown(page: Page, level: str) -> None:
    page.page.wait_for_function(
        "(level) => window.partnergraph.shownLevel === level", arg=level, timeout=20_000
    )


def test_the_keyboard_drills_down_into_a_municipality_and_escape_comes_back(
    page: Page, page_file: Path
) -> None:
    page.open(page_file)
    assert page.js("window.partnergraph.level") == "overview"
    names = page.js("window.partnergraph.network.body.data.nodes.get().map(n => n.label)")
    assert 0 < len([n for n in names if n]) <= 5  # as many names as fit, drawn on the canvas
    groups = page.js("JSON.parse(document.getElementById('pg-data').textContent).groups")
    assert len(groups) == 5
    assert page.js("document.getElementById('choices').options.length") == 5
    name = sorted(g["l"] for g in groups)[1]
    page.page.fill("#find", name[:-2])
    page.page.press("#find", "ArrowDown")
    page.page.keyboard.press("Enter")
    wanted = str(next(i for i, g in enumerate(groups) if g["l"] == name))
    _shown(page, wanted)
    assert page.page.inner_text("#level") == name
    assert page.page.inner_text("#about-name") == name
    assert page.page.is_visible("#detail") and page.page.is_visible("#back")
    drawn = page.js("window.partnergraph.detail.body.data.nodes.length")
    data = page.js(f"JSON.parse(document.getElementById('pg-data').textContent).details[{wanted}]")
    assert drawn == len(data["n"]) > 1
    page.page.keyboard.press("Escape")
    _shown(page, "overview")
    assert not page.page.is_visible("#detail") and not page.page.is_visible("#back")


def test_a_click_on_a_municipality_opens_it_and_the_back_button_returns(
    page: Page, page_file: Path
) -> None:
    page.open(page_file)
    point = page.js(
        "(() => { const n = window.partnergraph.network;"
        " const p = n.canvasToDOM(n.getPosition(2));"
        " const r = document.getElementById('network').getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; })()"
    )
    page.page.mouse.click(point[0], point[1])
    _shown(page, "2")
    page.page.click("#back")
    _shown(page, "overview")
    assert page.js("window.partnergraph.network.getSelectedNodes()") == [2]
