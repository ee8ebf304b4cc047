"""Suite-wide set-up: which tests belong to the fast loop, and the one headless browser.

A test is slow when it is marked so (servers, browsers, wheels, big data) or when it is listed
in ``tests/slow-tests.txt``: the tests a measured run found to take half a second or more,
mostly because they start the command line in a subprocess. The list is data, refreshed by
``scripts/find_slow_tests.py`` from a real ``--durations`` run, so the fast loop
(``python3 tasks.py test --fast``) stays fast as the suite grows without anyone guessing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SLOW_LIST = Path(__file__).with_name("slow-tests.txt")


def _listed_slow() -> frozenset[str]:
    # The refresh run measures every test, the listed ones included.
    if not SLOW_LIST.exists() or os.environ.get("PARTNERGRAPH_MEASURE_ALL_TESTS"):
        return frozenset()
    lines = SLOW_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    listed = _listed_slow()
    for item in items:
        if item.nodeid in listed:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for a module's tests: skipped where there is none, a failure on CI
    (which installs it, so a missing browser there is a broken set-up, not a reason to skip)."""
    from browser import launch, why_no_browser  # Playwright only for the tests that use it

    reason = why_no_browser()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser checks cannot run on CI: {reason}")
        pytest.skip(reason)
    with launch() as chromium:
        yield chromium
