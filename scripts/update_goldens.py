"""Regenerate the golden results of the query library (tests/golden/*.json).

Run it after changing the data or a query, then READ THE DIFF: a golden file is the
expected answer to a question about the memo, so every changed row must be checked
against the memo before it is committed.

    python scripts/update_goldens.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from partnergraph import load  # noqa: E402
from partnergraph.io.results import SelectResult  # noqa: E402
from sources_fixture import AS_OF, GOLDEN, source_files, terms  # noqa: E402
from sources_fixture import PARAMS as SOURCE_PARAMS  # noqa: E402

CASES: dict[str, list[dict[str, str]]] = {
    "stakeholders": [
        {"partnership": "Halmstad"},
        {"partnership": "pgid:partnership-via"},
    ],
    # the default of "before" is the as-of date (today): pin it so the answer is stable
    "renewals-due": [{"before": "2026-01-01"}, {"before": "2025-01-01"}, {"before": "2030"}],
}
"""Extra parameter sets per query; every query also runs with its defaults (if it can)."""


def main() -> None:
    kg = load(store="memory")  # the reference implementation
    out = ROOT / "tests" / "golden"
    out.mkdir(exist_ok=True)
    for named in kg.queries():
        cases = CASES.get(named.name, [{}])
        for number, params in enumerate(cases):
            for lang in ("da", "en"):
                result = kg.query(named.name, params, lang=lang)
                assert isinstance(result, SelectResult)
                suffix = f"-{number}" if len(cases) > 1 else ""
                path = out / f"{named.name}{suffix}.{lang}.json"
                payload = {
                    "query": named.name,
                    "params": params,
                    "lang": lang,
                    "variables": result.variables,
                    "rows": [[None if c is None else str(c) for c in row] for row in result.rows],
                }
                text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
                path.write_text(text, encoding="utf-8")
    write_source_goldens()


def write_source_goldens() -> None:
    """Every named query on the three-source fixture, term by term (tests/test_sources.py)."""
    kg = load(data=source_files(), store="memory")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for named in kg.queries():
        params = SOURCE_PARAMS.get(named.name, {})
        for lang in ("da", "en"):
            result = kg.query(named.name, params, lang=lang, as_of=AS_OF)
            payload = {
                "query": named.name,
                "params": params,
                "lang": lang,
                "as_of": AS_OF,
                **terms(result),
            }
            text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
            (GOLDEN / f"{named.name}.{lang}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
