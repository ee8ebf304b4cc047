"""Parsers are bounded, the on-disk store is safe to share, round trips stay exact.

Every refused input is a table row: the command fails with one ``error:`` line and a non-zero
exit code, shows no traceback, writes no output file (not even a partial one), leaves its
inputs byte for byte as they were, and makes no outside request: documents point at a real
listener on 127.0.0.1 that records every connection, and Python's own sockets are watched too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import partnergraph
from partnergraph import DataError, ParameterError, QuerySyntaxError
from partnergraph.cli.app import app
from partnergraph.engine import ondisk
from partnergraph.io import loading
from partnergraph.io.bounds import MAX_JSON_DEPTH, MAX_QUERY_DEPTH
from partnergraph.publish.sync import GENID, deskolemized, skolemized

REPO = Path(__file__).absolute().parents[1]
TINY = REPO / "tests" / "fixtures" / "cli" / "tiny"
CLI = Path(sys.executable).parent / "partnergraph"

runner = CliRunner(
    env={
        "COLUMNS": "200",
        "PARTNERGRAPH_LANG": "en",
        "PARTNERGRAPH_STORE": None,
        "http_proxy": None,
        "https_proxy": None,
        "HTTP_PROXY": None,
        "HTTPS_PROXY": None,
        "NO_PROXY": "*",
        "no_proxy": "*",
    }
)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin English wording (the Danish default is tested in test_danish.py);
    processes started here inherit it."""
    monkeypatch.setenv("PARTNERGRAPH_LANG", "en")


# --- watching for outside requests ------------------------------------------------------------


class Listener:
    """A TCP server on 127.0.0.1 that records every connection (Rust parsers included)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections: list[Any] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                self.connections.append(address)

    def close(self) -> list[Any]:
        if not self._stop.is_set():
            self._stop.set()
            self._thread.join()
            self.sock.close()
        return self.connections


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def no_python_sockets(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record (and refuse) every connection Python code tries to open."""
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise ConnectionRefusedError("outside requests are not allowed in this test")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


def invoke(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result: Any, *needles: str) -> str:
    shown = f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exit_code != 0, shown
    assert isinstance(result.exception, SystemExit), f"{result.exception!r}\n{shown}"
    assert "Traceback" not in result.output, shown
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), shown
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"
    return str(lines[0])


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its content hash: inputs unchanged, nothing added."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- hostile inputs ---------------------------------------------------------------------------

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _rdfxml(doctype: str, body: str = "&e;") -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/">\n'
        f'<rdf:Description rdf:about="http://example.org/a"><ex:p>{body}</ex:p>'
        "</rdf:Description>\n</rdf:RDF>\n"
    )


def billion_laughs(_url: str) -> str:
    levels = ['<!ENTITY e0 "lol">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    ]
    text = _rdfxml("<!DOCTYPE r [\n" + "\n".join(levels) + "\n]>", "&e9;")
    assert len(text) < 1500  # a kilobyte that would expand to 3 GB
    return text


def quadratic_blowup(_url: str) -> str:
    text = _rdfxml(f'<!DOCTYPE r [<!ENTITY e "{"x" * 80_000}">]>', "&e;" * 20_000 + " " * 20_000)
    assert 150_000 < len(text) < 170_000  # 160 KB that would expand to 1.6 GB
    return text


def json_nested(depth: int) -> str:
    node = '{"@id": "http://example.org/a", "http://example.org/p": '
    return node * depth + '"x"' + "}" * depth


def json_lists(depth: int) -> str:
    return (
        '{"@id": "http://example.org/a", "http://example.org/p": '
        + "[" * depth
        + '"x"'
        + ("]" * depth + "}")
    )


@dataclass(frozen=True)
class DataCase:
    id: str
    name: str
    content: Callable[[str], str]
    needles: tuple[str, ...]


DATA_CASES = [
    DataCase(
        "jsonld-context-list-in-a-list",
        "doc.jsonld",
        lambda url: json.dumps({"@context": [[f"{url}c.jsonld"]], "@id": "urn:x", "urn:p": "v"}),
        ("remote @context", "never fetched"),
    ),
    DataCase(
        "jsonld-context-list-in-a-context",
        "doc.jsonld",
        lambda url: json.dumps(
            {
                "@context": [{"ex": "http://example.org/"}, {"@context": [[f"{url}c.jsonld"]]}],
                "@id": "urn:x",
                "urn:p": "v",
            }
        ),
        ("remote @context", "never fetched"),
    ),
    DataCase(
        "jsonld-scoped-context-list-in-a-list",
        "doc.jsonld",
        lambda url: json.dumps(
            {
                "@context": {"t": {"@id": "urn:t", "@context": [[{}, f"{url}c.jsonld"]]}},
                "@id": "urn:x",
                "t": {"@id": "urn:y"},
            }
        ),
        ("remote @context", "never fetched"),
    ),
    DataCase(
        "jsonld-import-in-a-list",
        "doc.jsonld",
        lambda url: json.dumps(
            {"@context": {"@version": 1.1, "@import": [f"{url}c.jsonld"]}, "@id": "urn:x"}
        ),
        ("remote @context", "never fetched"),
    ),
    DataCase(
        "jsonld-990-nested-objects",
        "doc.jsonld",
        lambda url: json_nested(990),
        ("JSON-LD nests", str(MAX_JSON_DEPTH), "flatten"),
    ),
    DataCase(
        "jsonld-5000-nested-lists",
        "doc.jsonld",
        lambda url: json_lists(5000),
        ("JSON-LD nests", "flatten"),
    ),
    DataCase(
        "rdfxml-billion-laughs",
        "doc.rdf",
        billion_laughs,
        ("RDF/XML declares the entity", "DOCTYPE", "refused"),
    ),
    DataCase(
        "rdfxml-quadratic-blowup",
        "doc.rdf",
        quadratic_blowup,
        ("RDF/XML declares the entity 'e'", "refused"),
    ),
    DataCase(
        "rdfxml-external-entity",
        "doc.rdf",
        lambda url: _rdfxml(f'<!DOCTYPE r [<!ENTITY e SYSTEM "{url}secret.txt">]>'),
        ("RDF/XML declares the entity 'e'",),
    ),
    DataCase(
        "rdfxml-external-parameter-entity",
        "doc.owl",
        lambda url: _rdfxml(f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}p.dtd"> %p;]>', "x"),
        ("RDF/XML declares the entity 'p'",),
    ),
    DataCase(
        "rdfxml-outside-dtd",
        "doc.xml",
        lambda url: _rdfxml(f'<!DOCTYPE r SYSTEM "{url}r.dtd">', "x"),
        ("outside DTD", "127.0.0.1"),
    ),
]


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("case", DATA_CASES, ids=[c.id for c in DATA_CASES])
def test_hostile_data_is_refused_in_one_line_before_any_parser_runs(
    case: DataCase,
    store: str,
    tmp_path: Path,
    listener: Listener,
    no_python_sockets: list[Any],
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    document = inputs / case.name
    document.write_text(case.content(listener.url), encoding="utf-8")
    before = snapshot(tmp_path)
    output = tmp_path / "out.ttl"
    result = invoke("--store", store, "--data", document, "export", "-o", output)
    assert listener.close() == [], "an outside request was made"
    assert no_python_sockets == []
    one_line_error(result, case.name, *case.needles)
    assert snapshot(tmp_path) == before  # inputs unchanged, no output, no partial file


def test_the_default_store_survives_an_entity_bomb_in_a_child_process(tmp_path: Path) -> None:
    # Before the check Oxigraph aborted the whole process (a Rust allocation failure), which
    # no Python error handling can catch: run the real command and look at how it ended.
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(billion_laughs(""), encoding="utf-8")
    done = subprocess.run(
        [str(CLI), "--data", str(bomb), "stats"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PARTNERGRAPH_LANG": "en", "PARTNERGRAPH_STORE": ""},
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
    assert "entity" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_inline_contexts_plain_doctypes_and_moderate_nesting_still_load(
    store: str, tmp_path: Path, listener: Listener
) -> None:
    jsonld = tmp_path / "ok.jsonld"
    jsonld.write_text(
        json.dumps(
            {
                "@context": [{"ex": "http://example.org/"}, {"p": "ex:p"}],
                "@id": "ex:a",
                "p": json.loads(json_nested(MAX_JSON_DEPTH // 2 - 2)),
            }
        ),
        encoding="utf-8",
    )
    rdfxml = tmp_path / "ok.rdf"
    rdfxml.write_text(_rdfxml("<!DOCTYPE rdf:RDF>", "plain"), encoding="utf-8")
    kg = partnergraph.load([jsonld, rdfxml], store=store)
    assert listener.close() == []
    answer = kg.sparql('ASK { <http://example.org/a> <http://example.org/p> "plain" }')
    assert bool(answer.value)  # type: ignore[union-attr]
    deep = kg.sparql("ASK { <http://example.org/a> <http://example.org/p> ?o . ?o ?q ?r }")
    assert bool(deep.value)  # type: ignore[union-attr]


# --- workbooks ----------------------------------------------------------------------------------


def _workbook_with(tmp_path: Path, member: str, prolog: bytes) -> Path:
    plain = tmp_path / "plain.xlsx"
    one_line = invoke("template", "-o", plain)
    assert one_line.exit_code == 0, one_line.output
    hostile = tmp_path / "in" / "hostile.xlsx"
    hostile.parent.mkdir()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        names = source.namelist()
        assert member in names
        for name in names:
            data = source.read(name)
            if name == member:
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + prolog + body.lstrip()
            target.writestr(name, data)
    plain.unlink()
    return hostile


XLSX_CASES = {
    "worksheet-entity-bomb": (
        "xl/worksheets/sheet2.xml",
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
        ("the workbook part xl/worksheets/sheet2.xml declares the entity 'a'",),
    ),
    "worksheet-external-entity": (
        "xl/worksheets/sheet3.xml",
        b'<!DOCTYPE x [<!ENTITY a SYSTEM "{url}secret">]>\n',
        ("xl/worksheets/sheet3.xml declares the entity 'a'",),
    ),
    "workbook-outside-dtd": (
        "xl/workbook.xml",
        b'<!DOCTYPE x SYSTEM "{url}x.dtd">\n',
        ("xl/workbook.xml declares an outside DTD",),
    ),
    "shared-strings-entity": (
        "[Content_Types].xml",
        b'<!DOCTYPE x [<!ENTITY a "b">]>\n',
        ("[Content_Types].xml declares the entity 'a'",),
    ),
}


@pytest.mark.parametrize("case", XLSX_CASES.values(), ids=list(XLSX_CASES))
def test_workbook_xml_with_entity_declarations_is_refused(
    case: tuple[str, bytes, tuple[str, ...]],
    tmp_path: Path,
    listener: Listener,
    no_python_sockets: list[Any],
) -> None:
    member, prolog, needles = case
    hostile = _workbook_with(tmp_path, member, prolog.replace(b"{url}", listener.url.encode()))
    before = snapshot(tmp_path)
    result = invoke("import", hostile, "-o", tmp_path / "out.ttl")
    assert listener.close() == [] and no_python_sockets == []
    one_line_error(result, "hostile.xlsx", *needles, "save the workbook again")
    assert snapshot(tmp_path) == before


def test_a_remote_servers_xml_results_with_entities_are_refused() -> None:
    from partnergraph.engine.answers import RESULTS_XML, parse_results

    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sparql [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
        b'<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
        b"<boolean>true</boolean></sparql>"
    )
    with pytest.raises(DataError, match="the XML answer declares the entity 'a'"):
        parse_results(body, RESULTS_XML, "ASK")
    plain = body.replace(b'<!DOCTYPE sparql [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>', b"")
    assert parse_results(plain, RESULTS_XML, "ASK").value is True  # type: ignore[union-attr]


# --- SPARQL nesting -------------------------------------------------------------------------------

DEEP_QUERIES = {
    "200-nested-groups": "SELECT * WHERE " + "{" * 200 + " ?s ?p ?o " + "}" * 200,
    "200-nested-parentheses": (
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 200 + "?o" + ")" * 200 + ") }"
    ),
    "200-nested-blank-node-brackets": (
        "SELECT * WHERE { ?s ?p " + "[ ?p " * 200 + "?o" + " ]" * 200 + " }"
    ),
    "nested-exists": (
        "SELECT * WHERE " + "{ ?s ?p ?o FILTER EXISTS " * 100 + "{ ?s ?p ?o }" + "}" * 100
    ),
}


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("text", DEEP_QUERIES.values(), ids=list(DEEP_QUERIES))
def test_deeply_nested_queries_are_refused_in_one_line(
    text: str, store: str, tmp_path: Path
) -> None:
    query = tmp_path / "deep.rq"
    query.write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    result = invoke("--store", store, "query", "--file", query, "-o", tmp_path / "out.csv")
    one_line_error(result, "nests groups and parentheses", str(MAX_QUERY_DEPTH), "simplify")
    assert snapshot(tmp_path) == before


def test_nesting_depth_ignores_brackets_in_strings_iris_and_comments() -> None:
    kg = partnergraph.load([TINY], store="memory")
    noise = "(" * 300
    text = (
        f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(?o != \"{noise}\" && ?o != '''{noise}''') }}"
        f" # {noise}\nLIMIT 1"
    )
    assert len(kg.sparql(text)) == 1  # type: ignore[arg-type]
    with pytest.raises(QuerySyntaxError) as raised:
        kg.sparql("SELECT * WHERE {\n" + "(" * 0 + "{" * (MAX_QUERY_DEPTH + 5) + "}" * 70 + "}")
    assert (raised.value.line, raised.value.column) == (2, MAX_QUERY_DEPTH)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_queries_nested_up_to_the_cap_still_run(store: str) -> None:
    kg = partnergraph.load([TINY], store=store)
    depth = MAX_QUERY_DEPTH - 1
    groups = "SELECT ?s WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth + " LIMIT 1"
    parentheses = (
        "SELECT ?s WHERE { ?s ?p ?o FILTER(" + "(" * (depth - 2) + "true" + ")" * (depth - 2)
    ) + ") } LIMIT 1"
    assert len(kg.sparql(groups)) == 1  # type: ignore[arg-type]
    assert len(kg.sparql(parentheses)) == 1  # type: ignore[arg-type]


def test_server_updates_are_capped_the_same_way() -> None:
    from partnergraph.server.updates import check_update

    deep = "INSERT { <urn:a> <urn:b> <urn:c> } WHERE " + "{" * 200 + "}" * 200
    with pytest.raises(QuerySyntaxError, match="nests groups"):
        check_update(deep)


# --- the on-disk store ----------------------------------------------------------------------------


def _data_copy(tmp_path: Path, name: str = "data") -> Path:
    folder = tmp_path / name
    shutil.copytree(TINY, folder)
    return folder


def _leftovers(where: Path) -> list[str]:
    return sorted(
        p.name for p in where.parent.iterdir() if ".building-" in p.name or ".old-" in p.name
    )


def test_four_concurrent_first_builds_of_one_store_all_succeed_with_the_same_answers(
    tmp_path: Path,
) -> None:
    data = _data_copy(tmp_path)
    where = tmp_path / "store"
    command = [
        str(CLI),
        "--store",
        f"oxigraph:{where}",
        "--data",
        str(data),
        "query",
        "--sparql",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
        "-f",
        "csv",
    ]
    env = {**os.environ, "PARTNERGRAPH_LANG": "en", "PARTNERGRAPH_STORE": ""}
    started = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    finished = [process.communicate(timeout=300) for process in started]
    codes = [process.returncode for process in started]
    assert codes == [0, 0, 0, 0], [err.decode() for _, err in finished]
    answers = {out for out, _ in finished}
    assert len(answers) == 1 and answers.pop().count(b"\n") > 10
    assert _leftovers(where) == []
    manifest = json.loads((where / ondisk.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["sources"] == [str(data.resolve())]


def _kill_at_rename(where: Path, data: Path, which: int, tmp_path: Path) -> None:
    """Build ``where`` in a child process that dies (no clean-up at all) at rename ``which``
    of the swap: 1 = after moving the old store aside, 2 = after moving the new one in."""
    script = f"""
import os
from pathlib import Path
import partnergraph
from partnergraph.engine import ondisk

renames = []
real_rename = Path.rename

def rename(self, target):
    result = real_rename(self, target)
    if ".old-" in str(target) or ".building-" in self.name:
        renames.append(target)
        if len(renames) == {which}:
            os._exit(9)
    return result

Path.rename = rename
partnergraph.load([{str(data)!r}], store="oxigraph:{where}")
"""
    done = subprocess.run([sys.executable, "-c", script], timeout=300, cwd=tmp_path)
    assert done.returncode == 9


@pytest.mark.parametrize("which", [1, 2], ids=["between-the-renames", "before-removing-old"])
def test_a_build_killed_during_its_swap_leaves_nothing_behind_for_good(
    which: int, tmp_path: Path
) -> None:
    data = _data_copy(tmp_path)
    where = tmp_path / "store"
    first = partnergraph.load([data], store=f"oxigraph:{where}")
    count = len(first)
    first.close()
    with (data / "tiny-partnership.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\n<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    _kill_at_rename(where, data, which, tmp_path)
    assert _leftovers(where) != []  # what a kill leaves ...
    kg = partnergraph.load([data], store=f"oxigraph:{where}")
    assert _leftovers(where) == []  # ... the next run removes
    assert len(kg) == count + 1
    assert kg.sparql("ASK { <urn:x:a> <urn:x:b> <urn:x:c> }").value  # type: ignore[union-attr]


def test_a_store_built_from_other_data_is_refused_unless_rebuild(tmp_path: Path) -> None:
    mine = _data_copy(tmp_path, "mine")
    where = tmp_path / "store"
    partnergraph.load([mine], store=f"oxigraph:{where}").close()
    before = snapshot(tmp_path)
    # The bundled data, then another folder: both refused, the store untouched.
    for extra in ((), ("--data", str(REPO / "data"))):
        result = invoke("--store", f"oxigraph:{where}", *extra, "stats")
        one_line_error(result, str(where), "built from other data", "--rebuild", str(mine))
        assert snapshot(tmp_path) == before
    with pytest.raises(ParameterError, match="built from other data"):
        partnergraph.load(store=f"oxigraph:{where}")
    rebuilt = invoke("--store", f"oxigraph:{where}", "--rebuild", "stats")
    assert rebuilt.exit_code == 0, rebuilt.output
    manifest = json.loads((where / ondisk.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["sources"] == ["bundled"]


def test_a_file_where_a_store_folder_is_expected_is_one_line(tmp_path: Path) -> None:
    taken = tmp_path / "store"
    taken.write_text("mine", encoding="utf-8")
    result = invoke("--store", f"oxigraph:{taken}", "stats")
    one_line_error(result, str(taken), "is a file")
    assert taken.read_text(encoding="utf-8") == "mine"


def _count_hashes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    hashed: list[Path] = []
    real = ondisk._hash

    def counting(path: Path) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(ondisk, "_hash", counting)
    return hashed


def test_unchanged_data_is_recognised_by_size_and_time_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _data_copy(tmp_path)
    where = tmp_path / "store"
    partnergraph.load([data], store=f"oxigraph:{where}").close()
    hashed = _count_hashes(monkeypatch)
    partnergraph.load([data], store=f"oxigraph:{where}").close()
    assert hashed == []
    # Touched but not changed: hashed once, not rebuilt, and recorded so it is not hashed again.
    touched = data / "tiny-members.nt"
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    store_files = snapshot(where)
    partnergraph.load([data], store=f"oxigraph:{where}").close()
    assert [p.name for p in hashed] == ["tiny-members.nt"]
    assert {k: v for k, v in snapshot(where).items() if k != ondisk.MANIFEST} == {
        k: v for k, v in store_files.items() if k != ondisk.MANIFEST
    }
    partnergraph.load([data], store=f"oxigraph:{where}").close()
    assert [p.name for p in hashed] == ["tiny-members.nt"]


def test_a_store_built_by_an_earlier_version_learns_its_sources_and_is_then_kept(
    tmp_path: Path,
) -> None:
    """An earlier store is still refused for other data; for its own data it is brought up to
    date once (it predates the set union of overlapping sources) and then kept as it is."""
    data = _data_copy(tmp_path)
    where = tmp_path / "store"
    partnergraph.load([data], store=f"oxigraph:{where}").close()
    manifest = where / ondisk.MANIFEST
    current = json.loads(manifest.read_text(encoding="utf-8"))
    earlier = {  # what the previous version wrote: content hashes only
        "partnergraph": current["partnergraph"],
        "files": {path: entry["sha256"] for path, entry in current["files"].items()},
    }
    manifest.write_text(json.dumps(earlier), encoding="utf-8")
    other = _data_copy(tmp_path, "other")
    with pytest.raises(ParameterError, match="built from other data"):
        partnergraph.load([other], store=f"oxigraph:{where}")
    partnergraph.load([data], store=f"oxigraph:{where}").close()  # same files: brought up to date
    upgraded = json.loads(manifest.read_text(encoding="utf-8"))
    assert upgraded["sources"] == [str(data.resolve())]
    store_files = {k: v for k, v in snapshot(where).items() if k != ondisk.MANIFEST}
    partnergraph.load([data], store=f"oxigraph:{where}").close()  # and from then on kept
    assert {k: v for k, v in snapshot(where).items() if k != ondisk.MANIFEST} == store_files


def test_the_bundled_data_store_is_rebuilt_when_the_bundled_data_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = _data_copy(tmp_path, "bundled")
    files = sorted(bundled.iterdir())
    monkeypatch.setattr(loading, "bundled_data_files", lambda: list(files))
    where = tmp_path / "store"
    first = partnergraph.load(store=f"oxigraph:{where}")
    count = len(first)
    first.close()
    with files[0].open("a", encoding="utf-8") as handle:
        handle.write("\n<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    assert len(partnergraph.load(store=f"oxigraph:{where}")) == count + 1


# --- round trips ----------------------------------------------------------------------------------

PGID = "https://w3id.org/partnergraph/id/"
ORG_TTL = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{id}a> a org:Organization ; skos:prefLabel {label} ; dcterms:source <{id}src> .
"""

INEXACT_LABELS = {
    "leading-and-trailing-spaces": ('"  Kant  "@da', "starts or ends with a space"),
    "trailing-line-break": ('"Kant\\n"@da', "starts or ends with a space or line break"),
    "control-character": ('"Kant\\u0007"@da', "control character"),
    "carriage-return": ('"Kant\\r\\nKant"@da', "carriage return"),
    "empty": ('""@da', "empty"),
}


@pytest.mark.parametrize("case", INEXACT_LABELS.values(), ids=list(INEXACT_LABELS))
def test_template_refuses_a_value_a_cell_cannot_carry_back_exactly(
    case: tuple[str, str], tmp_path: Path
) -> None:
    label, reason = case
    data = tmp_path / "in" / "orgs.ttl"
    data.parent.mkdir()
    data.write_text(ORG_TTL.format(id=PGID, label=label), encoding="utf-8")
    before = snapshot(tmp_path)
    result = invoke("--data", data, "template", "--from-graph", "-o", tmp_path / "out.xlsx")
    one_line_error(result, "pgid:a skos:prefLabel", reason, "export")
    assert snapshot(tmp_path) == before
    assert "\x07" not in result.stderr  # the control character is shown escaped


def test_a_csv_template_carries_control_characters_a_workbook_cannot(tmp_path: Path) -> None:
    data = tmp_path / "orgs.ttl"
    data.write_text(ORG_TTL.format(id=PGID, label='"Kant\\u0007"@da'), encoding="utf-8")
    folder = tmp_path / "sheets"
    result = invoke("--data", data, "template", "--from-graph", "-o", folder)
    assert result.exit_code == 0, result.output
    assert "\x07" in "".join(p.read_text(encoding="utf-8-sig") for p in folder.glob("*.csv"))


def test_values_with_inner_tabs_and_line_breaks_survive_template_and_import(
    tmp_path: Path,
) -> None:
    from partnergraph.authoring.sheets.export import rows_from_graphs
    from partnergraph.authoring.sheets.vocab import bundled_vocabularies

    facts = Graph()
    thing = URIRef(PGID + "a")
    facts.add((thing, URIRef("http://www.w3.org/2004/02/skos/core#note"), Literal("a\tb\nc")))
    exported = rows_from_graphs(facts, Graph(), bundled_vocabularies(), "en")
    assert exported.extra_statements == 1  # written, not refused


# --- linear time ----------------------------------------------------------------------------------


def test_finding_cells_reads_the_provenance_once_however_many_findings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every finding used to scan every cell's provenance (quadratic); now it is indexed once."""
    from partnergraph.authoring import spreadsheet
    from partnergraph.authoring.sheets import shacl
    from partnergraph.query.knowledge import Knowledge
    from partnergraph.query.validate import Issue, ValidationReport

    workbook = tmp_path / "bundled.xlsx"
    assert invoke("template", "--from-graph", "-o", workbook).exit_code == 0
    built = spreadsheet._read_and_build(workbook, "en", shacl=False)

    class CountingDict(dict):  # type: ignore[type-arg]
        reads = 0

        def items(self) -> Any:
            CountingDict.reads += 1
            return super().items()

    built.provenance = CountingDict(built.provenance)
    subjects = [s for s in built.defined if isinstance(s, URIRef)]
    for findings in (10, len(subjects)):
        issues = [
            Issue(
                focus=s,
                focus_label="",
                severity="Violation",
                message="no source",
                value=str(s),
                shape="https://w3id.org/partnergraph/shapes#ProvenanceShape",
            )
            for s in subjects[:findings]
        ]
        report = ValidationReport(False, issues)
        monkeypatch.setattr(Knowledge, "validate", lambda *a, r=report, **k: r)
        CountingDict.reads = 0
        problems = shacl.shacl_problems(built, "en")
        assert len(problems) == findings
        assert all(p.cell for p in problems)  # each found its row
        assert CountingDict.reads <= 1


def _periods(count: int) -> Graph:
    graph = Graph()
    for number in range(count):
        period = BNode()
        graph.add((URIRef(f"urn:p{number}"), URIRef("urn:temporal"), period))
        graph.add((period, URIRef("urn:start"), Literal(str(2000 + number % 30))))
    return graph


def test_skolem_iris_come_from_the_data_not_from_blank_node_labels() -> None:
    text = _periods(50).serialize(format="nt")
    once = skolemized(Graph().parse(data=text, format="nt"))
    again = skolemized(Graph().parse(data=text, format="nt"))  # other blank node labels
    assert set(once) == set(again)
    assert all(str(o).startswith(GENID) for _, p, o in once if p == URIRef("urn:temporal"))
    assert isomorphic(deskolemized(once), Graph().parse(data=text, format="nt"))
    # Blank nodes that nothing tells apart still get distinct IRIs.
    twins = Graph()
    for _ in range(3):
        twins.add((URIRef("urn:s"), URIRef("urn:p"), BNode()))
    assert len(set(skolemized(twins).objects())) == 3


def test_skolemising_takes_passes_over_the_triples_not_comparisons_between_nodes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hashes = 0
    real = hashlib.sha256

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal hashes
        hashes += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "sha256", counting)
    counts = []
    for size in (200, 800):
        hashes = 0
        skolemized(_periods(size))
        counts.append(hashes)
    assert counts[1] <= 4 * counts[0] + 8  # grows with the data, not with its square
