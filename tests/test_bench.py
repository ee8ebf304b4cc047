"""The benchmark script runs end to end (a tiny smoke test; the benchmark itself is not a test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmark_measures_every_system(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "benchmark.py"),
            "--quick",
            "--ops",
            "query:formal-partnerships,export:jsonld",
            "--no-cli",
            "--data-dir",
            str(tmp_path / "data"),
            "--output",
            str(output),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(output.read_text(encoding="utf-8"))
    results = report["results"]["10k"]
    for system in ("partnergraph", "pyoxigraph", "rdflib"):
        for op in ("load", "query:formal-partnerships", "export:jsonld"):
            cell = results[system][op]
            assert len(cell["runs"]) == 1, (system, op, cell)
    rows = {s: results[s]["query:formal-partnerships"]["info"]["rows"] for s in results}
    assert len(set(rows.values())) == 1, rows
    for system in ("partnergraph", "pyoxigraph", "rdflib"):
        # A short operation is also timed on a second call, and every answer has a digest.
        cell = results[system]["export:jsonld"]
        assert len(cell["repeats"]) == 1 and len(cell["digests"]) == 1, (system, cell)
    table = output.with_suffix(".md").read_text(encoding="utf-8")
    query_row = next(line for line in table.splitlines() if "| query:formal-partnerships |" in line)
    export_row = next(line for line in table.splitlines() if "| export:jsonld |" in line)
    # The three systems' answers are compared, not just timed: the JSON-LD export parses back
    # to the same triples on each, the query's rows mean the same.
    assert export_row.rstrip().endswith("| same |"), export_row
    assert query_row.rstrip().endswith(("| same |", "| same values¹ |")), query_row
    assert "### Targets (10k)" in table
