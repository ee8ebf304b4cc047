"""Refresh tests/slow-tests.txt: the tests that take half a second or more.

    .venv/bin/python scripts/find_slow_tests.py            # runs the suite once, serially
    .venv/bin/python scripts/find_slow_tests.py LOG        # or reads a saved --durations=0 log

The fast loop (``python3 tasks.py test --fast``) leaves these out; CI runs everything. Tests
already marked slow in their module are not listed again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "tests" / "slow-tests.txt"
THRESHOLD_S = 0.5
LINE = re.compile(r"^(?P<seconds>[0-9.]+)s (?:call|setup|teardown)\s+(?P<node>\S+)$")


def durations(log: str) -> dict[str, float]:
    """Seconds per test id, set-up, call and tear-down added up."""
    spent: dict[str, float] = {}
    for line in log.splitlines():
        match = LINE.match(line.strip())
        if match:
            node = match["node"]
            spent[node] = spent.get(node, 0.0) + float(match["seconds"])
    return spent


def main() -> int:
    if len(sys.argv) > 1:
        log = Path(sys.argv[1]).read_text(encoding="utf-8")
    else:
        log = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-m",
                "not slow",
                "--durations=0",
                "-p",
                "no:cacheprovider",
            ],
            cwd=ROOT,
            env={**os.environ, "PARTNERGRAPH_MEASURE_ALL_TESTS": "1"},
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    spent = durations(log)
    if not spent:
        print("no --durations lines found", file=sys.stderr)
        return 1
    slow = sorted(node for node, seconds in spent.items() if seconds >= THRESHOLD_S)
    header = (
        "# Tests of half a second or more, left out of the fast loop (tasks.py test --fast).\n"
        "# Made by scripts/find_slow_tests.py from a measured run; refresh it, don't edit it.\n"
    )
    LIST.write_text(header + "".join(f"{node}\n" for node in slow), encoding="utf-8")
    print(f"{len(slow)} of {len(spent)} measured tests take {THRESHOLD_S} s or more: {LIST}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
