"""Set up and run partnergraph with nothing but Python 3.11+ and pip.

    python3 tasks.py demo   # set up .venv, then run the main job on the bundled data
    python3 tasks.py test   # set up .venv with dev tools, then lint, type-check and test
    python3 tasks.py test --fast   # the quick loop while working: lint and the fast tests

The virtual environment lives in .venv and is reused; it is refreshed when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
OUT = ROOT / "build"


def run(*args: str | Path) -> None:
    print("$", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def venv_is_foreign() -> str | None:
    """Why .venv was not made for this checkout, or None when it was.

    A virtual environment is bound to the absolute path it was made in: its scripts start with
    that path's interpreter. One copied from another checkout (or once committed to git) looks
    installed, so pip leaves its scripts alone and they run another checkout's interpreter.
    """
    if not VENV.exists():
        return None
    cfg = VENV / "pyvenv.cfg"
    if not cfg.is_file() or not PYTHON.exists():
        return "it is incomplete"
    command = re.search(r"^command\s*=.*\s(\S+)\s*$", cfg.read_text(), re.MULTILINE)
    if command and Path(command.group(1)).resolve() != VENV.resolve():
        return f"it was made for {command.group(1)}"
    try:
        prefix = subprocess.run(
            [str(PYTHON), "-c", "import sys; print(sys.prefix)"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "its interpreter does not run"
    if Path(prefix).resolve() != VENV.resolve():
        return f"its interpreter belongs to {prefix}"
    for script in BIN.iterdir():
        if script.name.startswith(("python", "activate", "Activate")) or not script.is_file():
            continue
        with script.open("rb") as handle:
            first = handle.readline()
        if first.startswith(b"#!") and not first[2:].strip().startswith(str(BIN).encode()):
            return f"its script {script.name} runs {first[2:].decode(errors='replace').strip()}"
    return None


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project, only when something changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be run by an older python3
        sys.exit(f"partnergraph needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    foreign = venv_is_foreign()
    if foreign:
        print(f"recreating {VENV}: {foreign}", flush=True)
        shutil.rmtree(VENV)
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
    run(cli, "agenda")
    run(cli, "network", "stats", "--projection", "actors")
    run(cli, "viz", "--output", OUT / "network.html")
    run(cli, "export", "--format", "ttl", "--output", OUT / "partnergraph.ttl")
    run(cli, "export", "--format", "jsonld", "--output", OUT / "partnergraph.jsonld")
    run(cli, "report", "--output", OUT / "oversigt.docx")
    run(cli, "report", "--output", OUT / "oversigt.pdf")
    print(
        f"\nFærdig. Åbn {OUT / 'network.html'} i en browser; oversigten til udvalget er "
        f"{OUT / 'oversigt.docx'} og {OUT / 'oversigt.pdf'}; grafen ligger i {OUT}/.",
        flush=True,
    )


# What a machine makes and git must never carry: a virtual environment names the absolute path
# it was made in, and caches and bytecode belong to one interpreter on one machine.
MACHINE_MADE = re.compile(
    r"(^|/)(\.venv|venv|env|site-packages|__pycache__|node_modules|\.mypy_cache|\.ruff_cache"
    r"|\.pytest_cache|build|dist|[^/]+\.egg-info)/|\.py[cod]$"
)


def check_tracked() -> None:
    """Fail when git tracks a machine-made file (only in a git checkout)."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        return
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    made = [path for path in listed if MACHINE_MADE.search(path)]
    if made:
        sys.exit(
            f"{len(made)} machine-made files are tracked by git, e.g. {made[0]}: "
            "untrack them with `git rm -r --cached PATH` (they stay ignored by .gitignore)"
        )


def test(fast: bool = False) -> None:
    """Everything CI runs; with ``fast``, lint and the fast tests on both cores.

    The fast loop leaves out tests marked slow (servers, browsers, wheels, big data, and the
    measured list in tests/slow-tests.txt) and type-checking, which CI still does.
    """
    check_tracked()
    ensure_venv("dev")
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    if fast:
        run(PYTHON, "-m", "pytest", "-q", "-m", "not slow", "-n", "2", "-p", "no:cacheprovider")
        return
    run(BIN / "mypy")
    run(PYTHON, "-m", "pytest")


def main() -> None:
    tasks: dict[tuple[str, ...], Callable[[], None]] = {
        ("demo",): demo,
        ("test",): test,
        ("test", "--fast"): partial(test, fast=True),
    }
    task = tasks.get(tuple(sys.argv[1:]))
    if task is None:
        sys.exit("usage: python3 tasks.py demo | test [--fast]")
    try:
        task()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode or 1)


if __name__ == "__main__":
    main()
