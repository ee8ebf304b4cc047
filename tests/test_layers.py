"""The package's layers stay visible and honest: imports point down, nothing goes round in circles.

Each folder of ``src/partnergraph`` is one layer; a module may import from its own layer and the
layers below it, never from one above (nor from a sibling layer of the same height). The checks
read the source with :mod:`ast`, so imports for type checking and imports inside functions count
too: they are dependencies all the same.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).absolute().parents[1] / "src" / "partnergraph"

LAYERS: dict[str, int] = {
    "core": 0,
    "rdf": 1,
    "io": 2,
    "engine": 3,
    "query": 4,
    "network": 5,
    "views": 6,
    "authoring": 7,
    "synthetic": 7,
    "publish": 7,
    "": 8,  # the package itself: partnergraph.load, PartnerGraph, the public API
    "server": 9,
    "cli": 10,
}
"""Height of each layer; the root modules (``__init__``, ``graph``) are the Python API."""

MAX_LINES = 600
"""Past this a module is holding more than one idea; split it by what it does."""


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or (len(parts) == 2 and f"partnergraph.{parts[1]}" not in _PACKAGES):
        return ""
    return parts[1]


_PACKAGES = {m for m, p in MODULES.items() if p.name == "__init__.py"}


def _target(name: str) -> str | None:
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in MODULES else None


def imports() -> Iterator[Import]:
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        functions = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        inside = {id(n) for f in functions for n in ast.walk(f)}
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                if base.split(".")[0] != "partnergraph":
                    continue
                names = [f"{base}.{a.name}" for a in node.names]
                names = [n if n in MODULES else base for n in names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.split(".")[0] == "partnergraph"]
            for name in names:
                target = _target(name)
                if target and target != module:
                    yield Import(module, target, node.lineno, id(node) in inside)


ALL = list(imports())

# Ratchets: what was there when the layers were drawn. Each entry must still be true (so the
# lists only shrink); an import that is not listed fails at once.
KNOWN_UPWARD: set[tuple[str, str]] = set()
KNOWN_LONG: set[str] = set()
KNOWN_IN_CYCLES: set[str] = set()
KNOWN_UNEXPLAINED_LATE: dict[str, int] = {}


def upward() -> set[tuple[str, str]]:
    found = set()
    for imp in ALL:
        src, dst = layer_of(imp.source), layer_of(imp.target)
        if src == dst:
            continue
        if LAYERS[dst] >= LAYERS[src]:
            found.add((imp.source, imp.target))
    return found


def test_every_folder_is_a_known_layer() -> None:
    assert {layer_of(m) for m in MODULES} <= set(LAYERS)


def test_no_module_imports_from_a_layer_above_or_beside_it() -> None:
    found = upward()
    new = sorted(found - KNOWN_UPWARD)
    assert not new, "imports that point up or sideways:\n" + "\n".join(
        f"{a} -> {b}" for a, b in new
    )
    assert not sorted(KNOWN_UPWARD - found), "fixed: remove these from KNOWN_UPWARD"


def test_the_import_graph_has_no_cycle() -> None:
    graph = nx.DiGraph((imp.source, imp.target) for imp in ALL)
    in_cycles = {m for c in nx.strongly_connected_components(graph) if len(c) > 1 for m in c}
    assert not sorted(in_cycles - KNOWN_IN_CYCLES), "new import cycles"
    assert not sorted(KNOWN_IN_CYCLES - in_cycles), "out of cycles: remove from KNOWN_IN_CYCLES"


def _explained(imp: Import) -> bool:
    lines = MODULES[imp.source].read_text(encoding="utf-8").splitlines()
    here = lines[imp.line - 1]
    above = lines[imp.line - 2] if imp.line > 1 else ""
    return "# late:" in here or above.strip().startswith("# late:")


def test_imports_inside_functions_say_why_they_are_late() -> None:
    """A function-body import hides a dependency; only start-up time justifies one, said so
    with a ``# late: <reason>`` comment on it or the line above."""
    found: dict[str, int] = {}
    for imp in ALL:
        if imp.in_function and not _explained(imp):
            found[imp.source] = found.get(imp.source, 0) + 1
    grown = {m: n for m, n in found.items() if n > KNOWN_UNEXPLAINED_LATE.get(m, 0)}
    assert not grown, f"explain or move to the top: {grown}"
    shrunk = {m: n for m, n in KNOWN_UNEXPLAINED_LATE.items() if found.get(m, 0) < n}
    assert not shrunk, f"fewer now, lower KNOWN_UNEXPLAINED_LATE to: {shrunk}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_longer_than_the_limit(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    if module in KNOWN_LONG:
        assert lines > MAX_LINES, f"{module} is short now: remove it from KNOWN_LONG"
    else:
        assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by what it does"
