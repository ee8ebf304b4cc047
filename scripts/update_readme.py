"""Fill README.md's generated blocks with real output of the CLI and the examples.

A block sits between ``<!-- generated: KEY -->`` and ``<!-- /generated -->``; KEY is the
command line to run (``partnergraph query --help``), ``example: PATH`` for a Python file
whose source is shown, or ``tree: src/partnergraph`` for the package's modules layer by layer
(the layers as tests/test_layers.py checks them). tests/test_readme.py fails when the README
is out of date, so the documentation always shows what the program really prints.

    python scripts/update_readme.py          # rewrite README.md (and cli/help_summary.json)
    python scripts/update_readme.py --check  # exit 1 if either is stale
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- generated: (?P<key>.+?) -->\n)(?P<body>.*?)(<!-- /generated -->)", re.S)


def module_tree() -> str:
    """One line per module, layer by layer from the bottom: path, lines, what it is for."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_layers

    def first_line(path: Path) -> str:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        return doc.strip().split("\n\n")[0].replace("\n", " ")

    rows = []
    order = sorted(test_layers.LAYERS, key=lambda name: (test_layers.LAYERS[name], name))
    for layer in order:
        modules = sorted(m for m in test_layers.MODULES if test_layers.layer_of(m) == layer)
        for module in modules:
            path = test_layers.MODULES[module]
            lines = len(path.read_text(encoding="utf-8").splitlines())
            name = path.relative_to(ROOT / "src").as_posix()
            rows.append(f"{name:<52} {lines:>4}  {first_line(path)}")
    return "```text\n" + "\n".join(rows) + "\n```\n"


def render(key: str) -> str:
    if key.startswith("tree: "):
        return module_tree()
    if key.startswith("example: "):
        path = ROOT / key.removeprefix("example: ")
        return f"```python\n{path.read_text(encoding='utf-8').rstrip()}\n```\n"
    args = shlex.split(key)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PYTHONUTF8": "1"}
    if "--help" in args:
        env["PARTNERGRAPH_LANG"] = "en"  # the technical reference is English; help is Danish
    env.pop("FORCE_COLOR", None)
    script = Path(sys.executable).parent / "partnergraph"
    cli = [str(script), *args[1:]]
    done = subprocess.run(cli, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    output = "\n".join(line.rstrip() for line in done.stdout.rstrip().splitlines())
    fence = "markdown" if "--format md" in key else ("csv" if "--format csv" in key else "text")
    if fence == "markdown":
        return f"{output}\n"
    return f"```{fence}\n$ {key}\n{output}\n```\n"


def updated(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + render(m.group("key")) + m.group(4), text)


def main() -> None:
    # `partnergraph --help` prints from a summary of what typer would print: refreshed first.
    from partnergraph.cli import help_capture

    check = "--check" in sys.argv
    summary_current = help_capture.current() if check else not help_capture.write()
    current = README.read_text(encoding="utf-8")
    fresh = updated(current)
    if check:
        sys.exit(0 if fresh == current and summary_current else 1)
    README.write_text(fresh, encoding="utf-8")


if __name__ == "__main__":
    main()
