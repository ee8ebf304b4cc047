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
    table = output.with_suffix(".md").read_text(encoding="utf-8")
    assert "| query:formal-partnerships |" in table
    assert "### Targets (10k)" in table
