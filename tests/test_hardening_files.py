"""The files the CLI writes, and how it fails: nothing of the user's is ever lost.

Every failure case runs in a scratch folder holding everything the command touches, and shows
at once: one ``error:`` line on stderr, a non-zero exit code, no traceback, and the folder
exactly as it was before (inputs byte for byte, no partial or temporary file). Then: special
outputs (pipes, ``-``, symbolic links), leftovers of killed runs, SIGTERM and SIGHUP sent to a
running command, all-or-nothing multi-file writes, and data that tries to become a spreadsheet
formula, HTML in Markdown or a terminal escape sequence.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from partnergraph.cli.app import app
from partnergraph.core.errors import OutputError
from partnergraph.io import output
from partnergraph.io.tables import FORMULA_TRIGGERS, md_cell, neutralise, unneutralise

REPO = Path(__file__).absolute().parents[1]
TINY = REPO / "tests" / "fixtures" / "cli" / "tiny"
QUERY = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label\n"

# English messages: these tests pin the wording; the Danish default is tested in test_danish.py.
runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": "en"})


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Processes started here speak English too (they inherit the environment)."""
    monkeypatch.setenv("PARTNERGRAPH_LANG", "en")


HOSTILE = {
    "a": "=1+1",
    "b": "+cmd|' /C calc'!A0",
    "c": "@SUM(A1:A9)",
    "d": "-2+3",
    "e": "\tTAB",
    "f": "'=already quoted",
}
"""Labels a spreadsheet would run as formulas (``f`` must survive a round trip exactly)."""


def _turtle(value: str) -> str:
    return value.replace("\t", "\\t")


HOSTILE_TTL = (
    "@prefix pg: <https://w3id.org/partnergraph/ontology#> .\n"
    "@prefix pgid: <https://w3id.org/partnergraph/id/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix org: <http://www.w3.org/ns/org#> .\n"
    'pgid:h-one a pg:Partnership , org:OrganizationalCollaboration ; skos:prefLabel "Evil '
    "\\u001b[31mRED\\u001b[0m \\u202eevil <script>alert(1)</script> "
    '[click](javascript:alert(1)) <img src=x onerror=alert(2)>"@da ;\n'
    "    org:hasMember pgid:h-a , pgid:h-b , pgid:h-c .\n"
    'pgid:h-two a pg:Partnership , org:OrganizationalCollaboration ; skos:prefLabel "two"@da ;\n'
    "    org:hasMember pgid:h-a , pgid:h-b , pgid:h-d , pgid:h-e , pgid:h-f .\n"
    + "".join(
        f"pgid:h-{key} a org:Organization ; org:classification pgid:kind-company ; "
        f'skos:prefLabel "{_turtle(value)}"@da .\n'
        for key, value in HOSTILE.items()
    )
)


# --- running the CLI and looking at what it left ------------------------------------------------


def invoke(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def cli_process(*args: str | Path) -> list[str]:
    """The console script's entry point (signal handling and logging set up as installed)."""
    code = "from partnergraph.cli.app import main; main()"
    return [sys.executable, "-c", code, *(str(a) for a in args)]


def snapshot(root: Path) -> dict[str, tuple[str, ...]]:
    """Every entry under ``root`` (hidden ones too): kind, and content hash or link target."""
    seen: dict[str, tuple[str, ...]] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            seen[name] = ("link", path.readlink())
        elif stat.S_ISDIR(mode):
            seen[name] = ("dir",)
        elif stat.S_ISREG(mode):
            seen[name] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            seen[name] = ("special", oct(stat.S_IFMT(mode)))
    return seen


def leftovers(root: Path) -> list[str]:
    """Temporary files or folders of partnergraph under ``root``."""
    return [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if ".pg-" in p.name or p.name.endswith(".part") or ".building" in p.name
    ]


def assert_clean_failure(result: Any, needles: tuple[str, ...]) -> str:
    shown = f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exit_code != 0, shown
    assert isinstance(result.exception, SystemExit), f"{result.exception!r}\n{shown}"
    assert "Traceback" not in result.output, shown
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), shown
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"
    return str(lines[0])


# --- a scratch folder with data, a query, workbooks ----------------------------------------------


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An empty template and one filled from the tiny data, made once for the module."""
    folder = tmp_path_factory.mktemp("workbooks")
    empty, filled = folder / "empty.xlsx", folder / "filled.xlsx"
    assert invoke("template", "-o", empty).exit_code == 0
    result = invoke("--data", TINY, "template", "--from-graph", "-o", filled)
    assert result.exit_code == 0, result.output
    assert "(0 rows" not in result.stderr  # really filled
    return {"empty": empty, "filled": filled}


@dataclass
class Scratch:
    root: Path
    workbooks: dict[str, Path]

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def ttl(self) -> Path:
        return self.data / "tiny-partnership.ttl"

    @property
    def query(self) -> Path:
        return self.root / "q.rq"

    def workbook(self, kind: str) -> Path:
        target = self.root / f"{kind}.xlsx"
        if not target.exists():
            shutil.copyfile(self.workbooks[kind], target)
        return target

    def file(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def scratch(tmp_path: Path, workbooks: dict[str, Path]) -> Scratch:
    shutil.copytree(TINY, tmp_path / "data")
    (tmp_path / "q.rq").write_text(QUERY, encoding="utf-8")
    return Scratch(tmp_path, workbooks)


def _csv_folder(s: Scratch) -> Path:
    folder = s.root / "sheets"
    assert invoke("--data", s.data, "template", "--from-graph", "-o", folder).exit_code == 0
    return folder


def _hard_link(s: Scratch) -> Path:
    link = s.root / "hard.rq"
    os.link(s.query, link)
    return link


def _symlink(s: Scratch, name: str, target: Path) -> Path:
    link = s.root / name
    link.symlink_to(target)
    return link


def _old_site(s: Scratch) -> Path:
    site = s.root / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "partnergraph-site.json").write_text('{"generator": "partnergraph"}\n')
    shutil.copyfile(s.ttl, site / "downloads" / "partnergraph.ttl")
    return site / "downloads" / "partnergraph.ttl"


def _fifo(s: Scratch) -> Path:
    path = s.root / "pipe.ttl"
    os.mkfifo(path)
    return path


def _typed_badly(s: Scratch) -> Path:
    return s.file(
        "space.ttl",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n"
        '<https://example.org/a b> skos:prefLabel "space in the IRI" .\n',
    )


@dataclass(frozen=True)
class Case:
    id: str
    args: Callable[[Scratch], tuple[str | Path, ...]]
    needles: tuple[str, ...] = ()


CASES = [
    # --- an output that is an input ----------------------------------------------------------
    Case(
        "query-file-onto-itself",
        lambda s: ("query", "--file", s.query, "-o", s.query),
        ("q.rq", "is also an input"),
    ),
    Case(
        "query-file-onto-a-symlink-to-it",
        lambda s: ("query", "--file", s.query, "-o", _symlink(s, "link.rq", s.query)),
        ("link.rq", "is also an input"),
    ),
    Case(
        "query-file-onto-a-hard-link-to-it",
        lambda s: ("query", "--file", s.query, "-o", _hard_link(s)),
        ("hard.rq", "is also an input"),
    ),
    Case(
        "export-onto-its-data-file",
        lambda s: ("--data", s.ttl, "export", "-o", s.ttl),
        ("tiny-partnership.ttl", "is also an input"),
    ),
    Case(
        "export-xml-onto-a-file-of-the-data-folder",
        lambda s: ("--data", s.data, "export", "-f", "xml", "-o", s.ttl),
        ("is also an input",),
    ),
    Case(
        "export-onto-a-symlink-to-the-data",
        lambda s: ("--data", s.data, "export", "-o", _symlink(s, "link.ttl", s.ttl)),
        ("link.ttl", "is also an input"),
    ),
    Case(
        "network-export-onto-the-data",
        lambda s: ("--data", s.data, "network", "export", "-o", s.ttl),
        ("is also an input",),
    ),
    Case(
        "diff-onto-an-edition-it-compares",
        lambda s: ("diff", s.ttl, s.data, "-f", "md", "-o", s.ttl),
        ("tiny-partnership.ttl", "is also an input"),
    ),
    Case(
        "import-workbook-onto-itself",
        lambda s: ("import", s.workbook("empty"), "-o", s.workbook("empty")),
        ("empty.xlsx", "is also an input"),
    ),
    Case(
        "import-csv-folder-onto-one-of-its-sheets",
        lambda s: (
            "import",
            _csv_folder(s),
            "-o",
            next(iter(sorted((s.root / "sheets").glob("*.csv")))),
        ),
        ("is also an input",),
    ),
    Case(
        "site-into-the-folder-holding-its-data",
        lambda s: ("--data", _old_site(s), "site", "-o", s.root / "site"),
        ("site", "holds the input"),
    ),
    Case(
        "template-over-a-filled-workbook",
        lambda s: ("template", "-o", s.workbook("filled")),
        ("filled.xlsx", "filled row", "--force"),
    ),
    Case(
        "template-over-a-filled-csv-folder",
        lambda s: ("template", "-o", _csv_folder(s)),
        ("sheets", "filled row", "--force"),
    ),
    Case(
        "template-over-a-file-that-is-no-workbook",
        lambda s: ("template", "-o", s.file("notes.xlsx", "my notes")),
        ("notes.xlsx", "not a partnergraph workbook", "--force"),
    ),
    # --- outputs that cannot be written ------------------------------------------------------
    Case(
        "import-second-output-cannot-be-written",
        lambda s: (
            "import",
            s.workbook("filled"),
            "-o",
            (s.root / "out-mappings.ttl").mkdir() or s.root / "out.ttl",
        ),
        ("out-mappings.ttl", "folder"),
    ),
    Case(
        "query-output-under-proc",
        lambda s: ("--data", s.data, "query", "--file", s.query, "-o", "/proc/no-such/x.csv"),
        ("/proc/no-such/x.csv", "cannot write"),
    ),
    Case(
        "export-output-under-proc",
        lambda s: ("--data", s.data, "export", "-o", "/proc/partnergraph-test.ttl"),
        ("/proc/partnergraph-test.ttl", "cannot write"),
    ),
    Case(
        "export-output-is-a-folder",
        lambda s: ("--data", s.data, "export", "-o", s.data),
        ("cannot write", "folder"),
    ),
    Case(
        "export-output-in-a-missing-folder",
        lambda s: ("--data", s.data, "export", "-o", s.root / "missing" / "x.ttl"),
        ("does not exist",),
    ),
    Case(
        "generate-output-under-a-file",
        lambda s: ("generate", "-n", "1", "-o", s.query / "synthetic"),
        ("synthetic", "cannot create"),
    ),
    # --- options and parameters --------------------------------------------------------------
    Case("generate-zero", lambda s: ("generate", "-n", "0", "-o", s.root / "g"), ("from 1 to",)),
    Case("generate-negative", lambda s: ("generate", "-n", "-4", "-o", s.root / "g"), ("-4",)),
    Case(
        "generate-absurdly-many",
        lambda s: ("generate", "-n", "1000000000", "-o", s.root / "g"),
        ("1,000,000,000", "10,000"),
    ),
    Case(
        "viz-bad-lang",
        lambda s: ("--data", s.data, "viz", "--lang", "xx", "-o", s.root / "v.html"),
        ("--lang", "'xx'"),
    ),
    Case(
        "store-on-a-regular-file",
        lambda s: ("--store", f"oxigraph:{s.query}", "--data", s.data, "stats"),
        ("oxigraph:", "is a file"),
    ),
    Case(
        "parameter-with-arabic-indic-digits",
        lambda s: ("query", "renewals-due", "-p", "before=\u0662\u0660\u0662\u0665-01-01"),
        ("'before'", "must be a date"),
    ),
    Case(
        "parameter-with-fullwidth-digits",
        lambda s: ("query", "renewals-due", "-p", "before=\uff12\uff10\uff12\uff15"),
        ("'before'", "must be a date"),
    ),
    # --- inputs ------------------------------------------------------------------------------
    Case(
        "unreadable-data-file",
        lambda s: ("--data", _symlink(s, "mem.ttl", Path("/proc/self/mem")), "stats"),
        ("mem.ttl", "cannot read file"),
    ),
    Case(
        "unreadable-data-file-memory-store",
        lambda s: (
            "--store",
            "memory",
            "--data",
            _symlink(s, "mem.ttl", Path("/proc/self/mem")),
            "stats",
        ),
        ("mem.ttl", "cannot read file"),
    ),
    Case(
        "unreadable-data-file-disk-store",
        lambda s: (
            "--store",
            f"oxigraph:{s.root / 'store'}",
            "--data",
            _symlink(s, "mem.ttl", Path("/proc/self/mem")),
            "stats",
        ),
        ("mem.ttl", "cannot read file"),
    ),
    Case(
        "data-file-is-a-fifo",
        lambda s: ("--data", _fifo(s), "stats"),
        ("pipe.ttl", "not a regular file"),
    ),
    Case(
        "import-of-an-empty-folder",
        lambda s: (
            "import",
            (s.root / "empty").mkdir() or s.root / "empty",
            "-o",
            s.root / "o.ttl",
        ),
        ("empty",),
    ),
    Case(
        "describe-ambiguous-name-memory-store",
        lambda s: ("--store", "memory", "--data", s.data, "describe", "Tiny"),
        ("ambiguous",),
    ),
    Case(
        "iri-with-a-space-memory-store",
        lambda s: ("--store", "memory", "--data", _typed_badly(s), "stats"),
        ("space.ttl:3", "<https://example.org/a b>"),
    ),
    Case(
        "iri-with-a-space-default-store",
        lambda s: ("--data", _typed_badly(s), "stats"),
        ("space.ttl",),
    ),
]

if os.geteuid() != 0:  # root reads any file: this case needs an ordinary user
    CASES.append(
        Case(
            "data-file-without-read-permission",
            lambda s: ("--data", (s.ttl.chmod(0) or s.ttl), "stats"),
            ("tiny-partnership.ttl", "Permission denied"),
        )
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_failure_is_one_line_and_leaves_every_file_as_it_was(scratch: Scratch, case: Case) -> None:
    args = case.args(scratch)
    before = snapshot(scratch.root)
    result = invoke(*args)
    assert_clean_failure(result, case.needles)
    assert snapshot(scratch.root) == before
    assert leftovers(scratch.root) == []


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root to run the CLI as an ordinary user (the case above runs otherwise)",
)
@pytest.mark.parametrize(
    "args",
    [
        ("--data", "{data}", "stats"),
        ("--store", "memory", "--data", "{data}", "stats"),
        ("query", "--file", "{query}"),
        ("import", "{workbook}", "-o", "{folder}/out.ttl"),
    ],
    ids=["data", "data-memory-store", "query-file", "workbook"],
)
def test_a_file_without_read_permission_is_one_line_for_an_ordinary_user(
    args: tuple[str, ...],
) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="pg-unreadable-"))
    try:
        folder.chmod(0o777)
        paths = {"data": folder / "d.ttl", "query": folder / "q.rq", "workbook": folder / "w.xlsx"}
        for path in paths.values():
            path.write_text("unreadable\n", encoding="utf-8")
            path.chmod(0)
        before = snapshot(folder)
        shown = [a.format(folder=folder, **paths) for a in args]
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        done = subprocess.run(
            [*command, *cli_process(*shown)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HOME": str(folder)},
        )
        assert done.returncode == 2, done.stderr
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
        assert "Permission denied" in lines[0]
        assert snapshot(folder) == before
    finally:
        shutil.rmtree(folder)


def test_template_force_replaces_a_filled_workbook(scratch: Scratch) -> None:
    filled = scratch.workbook("filled")
    result = invoke("template", "-o", filled, "--force")
    assert result.exit_code == 0, result.output
    assert "(0 rows" in result.stderr
    assert invoke("template", "-o", filled).exit_code == 0  # empty now: no --force needed


def test_ill_typed_dates_are_shown_without_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "dates.ttl"
    data.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<urn:x:a> <urn:x:when> "2025-02-30"^^xsd:date , "10000-01-01"^^xsd:date , '
        '"10000-01-01T00:00:00"^^xsd:dateTime .\n',
        encoding="utf-8",
    )
    query = "SELECT ?when WHERE { ?s <urn:x:when> ?when } ORDER BY STR(?when)"
    for store in ("oxigraph", "memory"):
        for fmt in ("table", "json", "csv"):
            args = ("--store", store, "--data", data, "query", "--sparql", query, "-f", fmt)
            done = subprocess.run(cli_process(*args), capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            assert "Traceback" not in done.stderr, done.stderr
            assert "10000-01-01" in done.stdout and "2025-02-30" in done.stdout


def test_a_fifo_inside_a_data_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    os.mkfifo(folder / "waiting.ttl")
    done = subprocess.run(
        cli_process("--data", folder, "stats", "-f", "json"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert '"triples"' in done.stdout
    assert stat.S_ISFIFO((folder / "waiting.ttl").stat().st_mode)


# --- special outputs -------------------------------------------------------------------------


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "graph.ttl"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "graph.ttl"
    link.symlink_to(target)
    assert invoke("--data", TINY, "export", "-o", link).exit_code == 0
    assert link.is_symlink() and link.readlink() == target
    assert "tiny-partnership" in target.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_a_folder_output_through_a_symlink_replaces_the_target_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    real = tmp_path / "published"
    real.mkdir()
    (real / "old.html").write_text("old", encoding="utf-8")
    link = tmp_path / "site"
    link.symlink_to(real)
    with output.replace_folder(link) as folder:
        (folder / "new.html").write_text("new", encoding="utf-8")
    assert link.is_symlink() and link.readlink() == real
    assert [p.name for p in real.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published", "site"]


def test_output_to_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "graph.ttl"
    link.symlink_to(tmp_path / "made.ttl")
    assert invoke("--data", TINY, "export", "-o", link).exit_code == 0
    assert link.is_symlink() and (tmp_path / "made.ttl").stat().st_size > 0


def test_output_to_a_pipe_writes_into_it_and_the_pipe_stays(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = invoke("--data", TINY, "export", "-f", "nt", "-o", pipe)
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert b"tiny-partnership" in received[0]
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_output_dash_is_standard_output(tmp_path: Path) -> None:
    result = invoke("--data", TINY, "export", "-f", "nt", "-o", "-")
    assert result.exit_code == 0
    assert "tiny-partnership" in result.stdout
    assert not (Path.cwd() / "-").exists()


def test_write_atomic_writes_to_a_character_device_in_place() -> None:
    # /dev/null is the one device every machine has; writing must not replace it.
    before = Path("/dev/null").stat()
    output.write_atomic("/dev/null", "nothing\n")
    after = Path("/dev/null").stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    output.write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new"


# --- leftovers of runs that were killed -------------------------------------------------------


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_next_run_removes_temporary_files_of_a_killed_run(tmp_path: Path) -> None:
    dead, alive = _dead_pid(), os.getpid()
    stale = tmp_path / f".out.ttl.pg-{dead}-0badc0de.part"
    stale.write_text("half", encoding="utf-8")
    legacy = tmp_path / ".out.ttl.ab12cd34.part"
    legacy.write_text("half", encoding="utf-8")
    day_old = time.time() - 2 * 24 * 3600
    os.utime(legacy, (day_old, day_old))
    busy = tmp_path / f".out.ttl.pg-{alive}-0badc0de.part"  # a run still going: left alone
    busy.write_text("writing", encoding="utf-8")
    result = invoke("--data", TINY, "export", "-o", tmp_path / "out.ttl")
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([busy.name, "out.ttl"])
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: cleaned up")]
    assert len(notes) == 2 and stale.name in "".join(notes) and legacy.name in "".join(notes)


def test_the_next_site_removes_a_killed_build_and_restores_a_swapped_out_site(
    tmp_path: Path,
) -> None:
    dead = _dead_pid()
    site = tmp_path / "site"
    building = tmp_path / f".site.pg-{dead}-0badc0de.building"
    (building / "doc").mkdir(parents=True)
    (building / "doc" / "half.html").write_text("<p>", encoding="utf-8")
    swapped = tmp_path / f".site.pg-{dead}-feedf00d.old"  # killed between the two renames
    swapped.mkdir()
    (swapped / "partnergraph-site.json").write_text("{}", encoding="utf-8")
    assert output.remove_stale(site) == sorted([building, swapped])
    assert (site / "partnergraph-site.json").is_file()  # the previous site is back
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- SIGTERM and SIGHUP clean up as Ctrl-C does ----------------------------------------------


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic data large enough that a signal lands while the command works."""
    from partnergraph.synthetic.generate import generate

    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder / "data", 20, seed=3)
    return folder / "data"


def _signals_as_by_default() -> None:
    """In the child: SIGTERM and SIGHUP at their defaults, whatever the test run inherited.

    partnergraph leaves a signal alone that its parent ignores (``nohup``), as it should; a test
    suite started under ``nohup`` would otherwise see SIGHUP ignored and the site written whole."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def _stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str]:
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    return process.returncode, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
@pytest.mark.parametrize("delay", [0.8, 1.6, 2.4])
def test_a_signal_during_export_leaves_the_previous_output_and_nothing_else(
    tmp_path: Path, big_data: Path, signum: int, delay: float
) -> None:
    target = tmp_path / "graph.nt"
    target.write_text("previous export\n", encoding="utf-8")
    args = cli_process("--data", big_data, "export", "-f", "nt", "-o", target)
    process = subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_signals_as_by_default,
    )
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and process.poll() is None:
        if leftovers(tmp_path):  # mid-write: the best moment to interrupt
            break
        time.sleep(0.002)
    code, err = _stop(process, signum)
    assert "Traceback" not in err, err
    assert leftovers(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
    if code == 0:  # it had finished: the new export is whole
        assert target.read_text(encoding="utf-8").count("\n") > 10_000
    elif code == -signum:  # still starting Python: the default action, before any file
        assert target.read_text(encoding="utf-8") == "previous export\n"
    else:
        assert code == 128 + signum, err
        assert err.strip().splitlines()[-1].startswith(f"stopped by {signal.Signals(signum).name}")
        # Stopped before the new file was renamed into place, or just after: either way the
        # target is one whole file, never a part of one.
        text = target.read_text(encoding="utf-8")
        assert text == "previous export\n" or (text.count("\n") > 10_000 and text.endswith(".\n"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_while_a_site_is_written_leaves_the_previous_site_and_nothing_else(
    tmp_path: Path, signum: int
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "partnergraph-site.json").write_text('{"generator": "partnergraph"}\n')
    (site / "index.html").write_text("previous site\n", encoding="utf-8")
    before = snapshot(tmp_path)
    process = subprocess.Popen(
        cli_process("site", "-o", site),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_signals_as_by_default,
    )
    seen_building = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        building = [p for p in tmp_path.iterdir() if p.name.endswith(".building")]
        if building and any(building[0].rglob("*.html")):
            seen_building = True
            break
        time.sleep(0.005)
    code, err = _stop(process, signum)
    assert seen_building, "the site was never seen half-built"
    assert code == 128 + signum, err
    assert "Traceback" not in err, err
    assert snapshot(tmp_path) == before


# --- several files: all or nothing -----------------------------------------------------------


def test_write_files_puts_everything_back_when_a_later_file_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "facts.ttl", tmp_path / "facts-mappings.ttl"
    first.write_text("old facts\n", encoding="utf-8")
    real_replace = Path.replace
    calls: list[Path] = []

    def failing_replace(self: Path, target: Any) -> Path:
        if Path(target) == second:
            calls.append(second)
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(OutputError, match="nothing was written"):
        output.write_files([(first, "new facts\n"), (second, "new mappings\n")])
    assert calls == [second]
    assert first.read_text(encoding="utf-8") == "old facts\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.ttl"]


def test_write_files_refuses_before_writing_when_any_target_is_bad(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    with pytest.raises(OutputError, match="folder"):
        output.write_files([(tmp_path / "a", "a"), (tmp_path / "b", "b")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


# --- data that tries to become a formula, HTML or a terminal escape ----------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.ttl"
    path.write_text(HOSTILE_TTL, encoding="utf-8")
    return path


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_neutralise_is_exactly_undone_and_leaves_harmless_text_alone() -> None:
    for value in [*HOSTILE.values(), "plain", "", "'", "''=x", "2025"]:
        assert unneutralise(neutralise(value)) == value
        assert not neutralise(value).startswith(FORMULA_TRIGGERS)
    assert neutralise("plain") == "plain"


@pytest.mark.parametrize(
    "args",
    [
        ("query", "--sparql", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "-f", "csv"),
        ("network", "stats", "-P", "actors", "-f", "csv"),
        ("network", "export", "-P", "actors", "-f", "csv"),
    ],
    ids=["query-csv", "network-stats-csv", "network-export-csv"],
)
def test_every_csv_output_neutralises_formula_labels_the_same_way(
    hostile: Path, args: tuple[str, ...]
) -> None:
    result = invoke("--data", hostile, *args)
    assert result.exit_code == 0, result.output
    cells = _cells(result.stdout)
    for value in HOSTILE.values():
        assert neutralise(value) in cells, (value, cells)
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)]


def test_template_csv_cells_are_neutralised_and_import_back_exactly(
    hostile: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "sheets"
    # A label starting with a tab cannot come back exactly (cells are trimmed): the template
    # refuses it by name (tests/test_hardening_parsers.py); the other labels go through.
    refused = invoke("--data", hostile, "template", "--from-graph", "-o", folder)
    assert refused.exit_code == 2 and "pgid:h-e skos:prefLabel" in refused.stderr
    assert not folder.exists()
    text = hostile.read_text(encoding="utf-8").replace(_turtle(HOSTILE["e"]), "TAB")
    hostile.write_text(text, encoding="utf-8")
    assert invoke("--data", hostile, "template", "--from-graph", "-o", folder).exit_code == 0
    cells = [c for sheet in folder.glob("*.csv") for c in _cells(sheet.read_text("utf-8-sig"))]
    assert neutralise(HOSTILE["a"]) in cells and neutralise(HOSTILE["f"]) in cells
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)]


def test_markdown_output_carries_no_html_and_no_script_link(hostile: Path) -> None:
    from markdown_it import MarkdownIt

    result = invoke(
        "--data",
        hostile,
        "query",
        "--sparql",
        "SELECT ?l WHERE { ?s skos:prefLabel ?l }",
        "-f",
        "md",
    )
    assert result.exit_code == 0, result.output
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<script" not in html and "<img" not in html
    assert "<a " not in html and "href=" not in html  # no link at all, let alone javascript:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert all(line.count(" | ") == 0 for line in rows)  # one column: no cell was split


def test_md_cell_keeps_a_cell_whole_and_inert() -> None:
    cell = md_cell("a|b\\ <b>x</b> [y](javascript:z) JaVaScRiPt :q\nnext")
    assert "|" not in cell.replace("\\|", "")
    assert "<b>" not in cell and "javascript:" not in cell.casefold()
    assert "\\[y\\](javascript&#58;z)" in cell and "JaVaScRiPt &#58;q" in cell
    assert cell.endswith("<br>next")


@pytest.mark.parametrize(
    "args",
    [
        ("describe", "pgid:h-one"),
        ("query", "--sparql", "SELECT ?l WHERE { ?s skos:prefLabel ?l }"),
        ("stats",),
        ("network", "stats", "-P", "collaboration"),
        ("validate",),
        ("--data", "missing\x1b[2J.ttl", "stats"),
    ],
    ids=["describe", "query-table", "stats", "network-stats", "validate", "error-line"],
)
def test_terminal_output_shows_escape_sequences_instead_of_sending_them(
    hostile: Path, args: tuple[str, ...]
) -> None:
    result = invoke("--data", hostile, *args)
    assert "\x1b" not in result.output and "\u202e" not in result.output
    if args[0] in ("describe", "query"):
        assert "\\x1b[31mRED" in result.stdout and "\\u202e" in result.stdout
