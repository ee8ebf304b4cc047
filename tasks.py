"""Set up and run partnergraph with nothing but Python 3.11+ and pip.

    python3 tasks.py demo   # set up .venv, then run the main job on the bundled data
    python3 tasks.py test   # set up .venv with dev tools, then lint, type-check and test

The virtual environment lives in .venv and is reused; it is refreshed when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
OUT = ROOT / "build"


def run(*args: str | Path) -> None:
    print("$", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project, only when something changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be run by an older python3
        sys.exit(f"partnergraph needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    stamp = VENV / f".installed-{extras or 'base'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", target)
    stamp.write_text(wanted)


def demo() -> None:
    ensure_venv("")
    cli = BIN / "partnergraph"
    OUT.mkdir(exist_ok=True)
    run(cli, "stats")
    run(cli, "query", "formal-partnerships")
    run(cli, "query", "renewals-due")
    run(cli, "query", "governance", "--format", "md", "--lang", "en")
    run(cli, "validate")
    run(cli, "network", "stats", "--projection", "actors")
    run(cli, "viz", "--output", OUT / "network.html")
    run(cli, "export", "--format", "ttl", "--output", OUT / "partnergraph.ttl")
    run(cli, "export", "--format", "jsonld", "--output", OUT / "partnergraph.jsonld")
    print(f"\nDone. Open {OUT / 'network.html'} in a browser; the graph is in {OUT}/.", flush=True)


def test() -> None:
    ensure_venv("dev")
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy")
    run(PYTHON, "-m", "pytest")


def main() -> None:
    tasks = {"demo": demo, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in tasks:
        sys.exit("usage: python3 tasks.py demo|test")
    try:
        tasks[sys.argv[1]]()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode or 1)


if __name__ == "__main__":
    main()
