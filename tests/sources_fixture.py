"""The three-source fixture (tests/fixtures/sources, made by its make_fixture.py): the
Norddjurs memo data, a second municipality made through the workbook, and a second edition of
the Norddjurs data. Golden answers on it are in tests/golden/sources/."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from partnergraph.io.loading import bundled_data_files
from partnergraph.io.results import QueryResult, SelectResult

FIXTURE = Path(__file__).parent / "fixtures" / "sources"
GOLDEN = Path(__file__).parent / "golden" / "sources"
AS_OF = "2026-12-06"
"""The status day of the goldens (queries defaulting to today would change with the date)."""

PARAMS = {"stakeholders": {"partnership": "pgid:partnership-au"}}
"""Parameters for the queries that need one."""


def _load_make_fixture() -> Any:
    spec = importlib.util.spec_from_file_location("make_fixture", FIXTURE / "make_fixture.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_fixture: Any = _load_make_fixture()
"""The fixture's maker: its rows (``ROWS``), how it fills a workbook (``fill_workbook``)."""


def source_files() -> list[Path]:
    return [*bundled_data_files(), *sorted(FIXTURE.rglob("*.ttl"))]


def terms(result: QueryResult) -> dict[str, Any]:
    """A SELECT answer term by term: IRIs, literals with language tag or datatype, unbound."""
    assert isinstance(result, SelectResult)
    return {
        "variables": result.variables,
        "rows": [[None if c is None else c.n3() for c in row] for row in result.rows],
    }
