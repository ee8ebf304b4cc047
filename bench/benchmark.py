"""Benchmark partnergraph's default store against plain rdflib (the baseline) and raw pyoxigraph
(the floor) on synthetic data of about 10k, 100k and 1M triples.

    .venv/bin/python bench/benchmark.py            # the full run (about half an hour)
    .venv/bin/python bench/benchmark.py --quick    # 10k triples, one run: a smoke test

For every size it measures loading, each named query of the library (default parameters;
``stakeholders`` gets the dataset's most connected partnership), SHACL validation, export to
Turtle, N-Triples and JSON-LD and building the collaboration network, for

``partnergraph``  ``partnergraph.load(folder)`` (the default store) and its methods
``rdflib``        a plain rdflib ``Dataset``: ``parse``, ``query`` with ``initBindings``,
                  ``serialize``; pySHACL on the union graph; the network's SELECTs
``pyoxigraph``    ``pyoxigraph.Store().load``, ``store.query(text with a VALUES block,
                  use_default_graph_as_union=True)``, ``pyoxigraph.serialize`` of the union;
                  the network's SELECTs (pyoxigraph has no SHACL: no validation)

Then, on the largest size, the wall time of cold command lines on an on-disk store that is
already built (``partnergraph --data DIR --store oxigraph:PATH query NAME``) next to a cold
``python`` that only opens the same store with pyoxigraph and runs the same query, and the wall
time of ``partnergraph --help``.

Method: every (system, size, run) is a fresh worker process that loads the data once (timed);
every operation then runs in a child forked from the loaded worker (``os.fork``), so that no
operation sees what another one cached or allocated, and the child is killed when it passes the
time limit. Times are medians over the runs of ``time.perf_counter`` around the operation only
(queries fully materialised into lists); peak memory is ``resource.getrusage(RUSAGE_SELF)
.ru_maxrss`` of the child (which includes the loaded data it inherits), or of the command for
the command lines (``os.wait4``). Garbage collection is frozen after loading (``gc.freeze``)
so that the children do not copy the loaded heap just to scan it. Within a run the systems go
one after another, so the ratios compare measurements taken minutes apart on the same machine.

An operation that passes the limit is reported as ``>LIMIT`` and not run again at that size
or larger ones; an operation whose time at the previous size, scaled by the growth in triples,
predicts more than twice the limit is not run (``skip``); nor is partnergraph's when the floor
already passed the limit. ``--no-skip`` runs them all anyway. The datasets are generated with
``partnergraph generate`` (fixed seed) into ``bench/.data/`` and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import queue
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "bench" / ".data"

SIZES = {"10k": 10, "100k": 100, "1m": 1020}
"""Size name -> municipalities (about 980 triples each, plus the ontology)."""

SYSTEMS = ("pyoxigraph", "partnergraph", "rdflib")
SYSTEMS_SHOWN = ("partnergraph", "pyoxigraph", "rdflib")
"""The order of the tables' columns."""
EXPORTS = ("ttl", "nt", "jsonld")
SEED = 20240601

_OX_FORMAT = {"ttl": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD"}
_RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
_INPUT = {
    ".nt": ("nt", "N_TRIPLES"),
    ".ttl": ("turtle", "TURTLE"),
    ".nq": ("nquads", "N_QUADS"),
    ".trig": ("trig", "TRIG"),
}
"""Suffix -> rdflib and Oxigraph formats; N-Quads and TriG files name their own graphs."""
_QUADS = {".nq", ".trig"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
REPEAT_BELOW = 4
"""An operation is called a second time (the "repeated" figure) when its first call took at
most limit / REPEAT_BELOW seconds; longer ones would double the run for little news."""

MOST_CONNECTED = """
PREFIX pg: <https://w3id.org/partnergraph/ontology#>
SELECT ?p (COUNT(*) AS ?n) WHERE {
  ?p a pg:Partnership .
  { ?p ?x ?y } UNION { ?y ?x ?p }
} GROUP BY ?p ORDER BY DESC(?n) STR(?p) LIMIT 1
"""


# =============================================================================================
# The worker: load once, then run each operation in a forked child
# =============================================================================================


def _maxrss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _emit(event: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def worker() -> None:
    """Load as the first line of stdin says, then run each operation sent on a line of its own
    (until an empty line), answering each on a line of stdout."""
    job = json.loads(sys.stdin.readline())
    system = job["system"]
    state = _import(system)
    started = time.perf_counter()
    state = _load(system, job, state)
    seconds = time.perf_counter() - started
    _emit({"event": "loaded", "seconds": seconds, "maxrss_kb": _maxrss_kb(), **_size(state)})
    gc.collect()
    gc.freeze()
    for line in sys.stdin:
        if not line.strip():
            break
        op = json.loads(line)
        _emit({"event": "op", "id": op["id"], **_fork(system, state, op, job["limit"])})
    sys.stdout.flush()
    os._exit(0)  # the loaded data need not be freed object by object


def _fork(system: str, state: dict[str, Any], op: dict[str, Any], limit: float) -> dict[str, Any]:
    """Run the operation in a child: the first call, a repeated call when the first was short
    enough, then (clock stopped) a digest of the answer that the parent compares across systems.

    The child writes two lines: the first call's time as soon as it is known (the time limit
    applies to it), then the repeat and the digest, which get the limit again."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, leave without cleaning up
        os.close(read)
        with os.fdopen(write, "w") as pipe:
            try:
                started = time.perf_counter()
                answer = _run(system, state, op)
                seconds = time.perf_counter() - started
                pipe.write(json.dumps({"seconds": seconds, "maxrss_kb": _maxrss_kb()}) + "\n")
                pipe.flush()
                rest: dict[str, Any] = {"info": _describe(answer)}
                if seconds <= limit / REPEAT_BELOW:
                    started = time.perf_counter()
                    _run(system, state, op)
                    rest["repeat_seconds"] = time.perf_counter() - started
                rest["digest"] = _digest(op, answer)
            except BaseException as exc:
                rest = {"error": f"{type(exc).__name__}: {exc}"[:500]}
            pipe.write(json.dumps(rest) + "\n")
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        first = _line_within(pipe, limit)
        if first is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"timeout": True}
        out: dict[str, Any] = json.loads(first) if first.strip() else {}
        if "seconds" not in out:  # the first call failed: the error is on this line
            os.waitpid(pid, 0)
            return out or {"error": "the child died without an answer"}
        second = _line_within(pipe, 2 * limit)
        if second is None:
            os.kill(pid, signal.SIGKILL)
            out["info"] = {"note": "no digest: the repeat or the digest passed the limit"}
        else:
            out.update(json.loads(second) if second.strip() else {})
    os.waitpid(pid, 0)
    return out


def _line_within(pipe: Any, seconds: float) -> str | None:
    """One line from the pipe, or None when nothing came within the time."""
    ready, _, _ = select.select([pipe], [], [], seconds)
    return pipe.readline() if ready else None


def _import(system: str) -> dict[str, Any]:
    """Imports before the clock starts: start-up is measured by the command lines."""
    if system == "pyoxigraph":
        import pyoxigraph

        return {"ox": pyoxigraph}
    if system == "rdflib":
        import rdflib
        import rdflib.plugins.sparql

        return {"rdflib": rdflib}
    import pyoxigraph
    import rdflib

    import partnergraph
    import partnergraph.graph

    return {"pg": partnergraph}


def _load(system: str, job: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    if system == "partnergraph":
        state["kg"] = state["pg"].load([job["data"]])
    elif system == "pyoxigraph":
        ox = state["ox"]
        store = ox.Store()
        for path, graph in job["files"]:
            into = {} if Path(path).suffix in _QUADS else {"to_graph": ox.NamedNode(graph)}
            store.load(
                path=path,
                format=getattr(ox.RdfFormat, _INPUT[Path(path).suffix][1]),
                base_iri=graph,
                **into,
            )
        state["store"] = store
    else:
        rdflib = state["rdflib"]
        dataset = rdflib.Dataset(default_union=True)
        for path, graph in job["files"]:
            target = dataset if Path(path).suffix in _QUADS else dataset.graph(rdflib.URIRef(graph))
            target.parse(path, format=_INPUT[Path(path).suffix][0], publicID=graph)
        state["dataset"] = dataset
    return state


def _size(state: dict[str, Any]) -> dict[str, Any]:
    if "kg" in state:
        return {"quads": len(state["kg"]), "store": state["kg"].store.spec}
    if "store" in state:
        return {"quads": len(state["store"])}
    return {"quads": len(state["dataset"])}


def _run(system: str, state: dict[str, Any], op: dict[str, Any]) -> Any:
    """The operation's answer, complete (rows in lists, text in one string)."""
    kind = op["kind"]
    if system == "partnergraph":
        kg = state["kg"]
        if kind == "query":
            return kg.query(op["name"], op["params"]).rows
        if kind == "export":
            return kg.export(op["format"])
        if kind == "validate":
            return kg.validate()
        if kind == "network":
            return kg.network("collaboration")
    elif system == "pyoxigraph":
        ox, store = state["ox"], state["store"]
        if kind == "query":
            return [list(s) for s in store.query(op["text"], use_default_graph_as_union=True)]
        if kind == "export":
            union = store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            fmt = getattr(ox.RdfFormat, _OX_FORMAT[op["format"]])
            prefixes = None if op["format"] == "nt" else op["prefixes"]
            return ox.serialize(union, format=fmt, prefixes=prefixes)
        if kind == "network":
            answers = [
                [list(s) for s in store.query(text, use_default_graph_as_union=True)]
                for text in op["texts"]
            ]
            return _network_floor(answers[: op["node_queries"]], answers[op["node_queries"] :])
    else:
        rdflib, dataset = state["rdflib"], state["dataset"]
        if kind == "query":
            from rdflib.util import from_n3

            bindings = {rdflib.Variable(k): from_n3(v) for k, v in op["bindings"].items()}
            return [tuple(r) for r in dataset.query(op["query"], initBindings=bindings)]
        if kind == "export":
            return dataset.serialize(format=_RDFLIB_FORMAT[op["format"]])
        if kind == "validate":
            from pyshacl import validate

            union = rdflib.Graph()
            for triple in dataset.triples((None, None, None)):
                union.add(triple)
            shapes = rdflib.Graph().parse(op["shapes"])
            # The options partnergraph uses (SHACL-AF on, warnings allowed): the same work.
            conforms, _, _ = validate(
                union, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
            )
            return bool(conforms)
        if kind == "network":
            answers = [[tuple(r) for r in dataset.query(text)] for text in op["texts"]]
            return _network_floor(answers[: op["node_queries"]], answers[op["node_queries"] :])
    raise ValueError(f"{system} does not do {kind}")


def _describe(answer: Any) -> dict[str, Any]:
    """What the answer holds, worked out after the clock stopped."""
    if isinstance(answer, str):
        return {"bytes": len(answer.encode("utf-8"))}
    if isinstance(answer, bytes):
        return {"bytes": len(answer)}
    if isinstance(answer, list):
        return {"rows": len(answer)}
    if isinstance(answer, bool):
        return {"conforms": answer}
    if hasattr(answer, "conforms"):
        return {"conforms": answer.conforms, "issues": len(answer.issues)}
    return {"nodes": answer.number_of_nodes(), "edges": answer.number_of_edges()}


def _term_key(term: Any) -> str:
    """One spelling for a term whichever library made it: rdflib and pyoxigraph write typed,
    plain and xsd:string literals differently, and rows may hold plain strings."""
    if term is None:
        return ""
    if isinstance(term, str) and not hasattr(term, "n3"):
        return "s:" + term
    kind = type(term).__name__
    if kind in ("NamedNode", "URIRef"):
        return "i:" + str(term.value if hasattr(term, "value") and kind == "NamedNode" else term)
    if kind in ("BlankNode", "BNode"):
        return "b:"  # labels differ by engine; the row's other cells still tell rows apart
    if kind == "Literal":
        if hasattr(term, "language") and hasattr(term, "datatype") and hasattr(term, "value"):
            if isinstance(term.value, str) and type(term).__module__.startswith("pyoxigraph"):
                lexical, lang, datatype = term.value, term.language, term.datatype.value
            else:
                lexical, lang = str(term), term.language
                datatype = str(term.datatype) if term.datatype is not None else None
        else:
            lexical, lang, datatype = str(term), None, None
        if lang:
            return f"l:{lexical}@{lang.lower()}"
        if datatype in (None, _XSD_STRING, _RDF_LANG_STRING):
            return f"l:{lexical}"
        return f"l:{lexical}^^{datatype}"
    return "?:" + str(term)


def _digest(op: dict[str, Any], answer: Any) -> str:
    """A short fingerprint of what the answer means, equal across systems when they agree:
    query rows as a sorted multiset of normalised cells; exports parsed back into their set of
    distinct triples (graphs dropped: pyoxigraph's floor serialises the union); networks as
    their node and edge sets; validation as conforming or not."""
    lines: list[str]
    kind = op["kind"]
    if kind == "query":
        lines = sorted("\t".join(_term_key(c) for c in row) for row in answer)
        loose = sorted("\t".join(_loose_key(c) for c in row) for row in answer)
        return _hash(lines) + " " + _hash(loose)
    elif kind == "export":
        import pyoxigraph as ox

        data = answer.encode("utf-8") if isinstance(answer, str) else answer
        fmt = {"ttl": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_QUADS}.get(
            op["format"], ox.RdfFormat.JSON_LD
        )
        triples = {
            "\t".join(_term_key(t) for t in (q.subject, q.predicate, q.object))
            for q in ox.parse(data, format=fmt)
        }
        lines = sorted(triples)
    elif kind == "network":
        nodes = sorted(_node_key(n) for n in answer.nodes)
        edges = sorted(f"{_node_key(a)}\t{_node_key(b)}" for a, b in answer.edges)
        lines = [f"{len(nodes)} nodes", *nodes, f"{len(edges)} edges", *edges]
    else:
        conforms = answer if isinstance(answer, bool) else answer.conforms
        lines = [f"conforms {bool(conforms)}"]
    return _hash(lines)


def _hash(lines: list[str]) -> str:
    import hashlib

    return f"{len(lines)}:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]


def _loose_key(term: Any) -> str:
    """A cell as its value alone, a concatenation's parts sorted: raw engines order the parts of
    a GROUP_CONCAT as they meet them and Oxigraph keeps a shared language tag on it, where
    partnergraph sorts the parts and leaves the tag off (so all its stores agree)."""
    key = _term_key(term)
    if key == "l:":  # rdflib gives "" for an empty GROUP_CONCAT where the others leave it unbound
        return ""
    if key.startswith("l:"):
        key = key.rsplit("@", 1)[0] if "@" in key and "^^" not in key else key
        for separator in ("; ", ", "):
            if separator in key:
                key = "l:" + separator.join(sorted(key[2:].split(separator)))
                break
    return key


def _node_key(node: Any) -> str:
    text = str(node)
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text


def _network_floor(nodes: list[list[Any]], edges: list[list[Any]]) -> Any:
    """The least a network needs: the node and edge SELECTs' answers as a networkx graph."""
    import networkx as nx

    graph = nx.DiGraph()
    for rows in nodes:
        graph.add_nodes_from(str(row[0]) for row in rows if row[0] is not None)
    for rows in edges:
        graph.add_edges_from(
            (str(row[0]), str(row[1]))
            for row in rows
            if row[0] is not None and row[1] is not None and str(row[0]) in graph
        )
    return graph


# =============================================================================================
# The parent: datasets, jobs, skipping, command lines, tables
# =============================================================================================


def dataset(size: str, data_dir: Path) -> Path:
    from partnergraph.synthetic.generate import MANIFEST_NAME, generate

    folder = data_dir / f"{size}-seed{SEED}"
    if not (folder / MANIFEST_NAME).exists():
        print(f"generating {folder} ...", file=sys.stderr)
        generate(folder, SIZES[size], SEED)
    return folder


def files_of(folder: Path) -> list[tuple[str, str]]:
    from partnergraph.io.loading import input_files, named_files

    return [(str(path), str(iri)) for path, iri in named_files(input_files([folder]))]


def most_connected(folder: Path, files: list[tuple[str, str]]) -> str:
    """The partnership in the most triples (the stakeholders query's parameter), cached."""
    cache = folder.with_name(folder.name + ".partnership.json")
    if cache.exists():
        return str(json.loads(cache.read_text(encoding="utf-8"))["partnership"])
    code = (
        "import json, sys, pyoxigraph as ox\n"
        "job = json.loads(sys.stdin.read())\n"
        "s = ox.Store()\n"
        "formats = {'nt': 'N_TRIPLES', 'ttl': 'TURTLE', 'nq': 'N_QUADS', 'trig': 'TRIG'}\n"
        "for path, graph in job['files']:\n"
        "    suffix = path.rsplit('.', 1)[1]\n"
        "    fmt = getattr(ox.RdfFormat, formats[suffix])\n"
        "    into = {} if suffix in ('nq', 'trig') else {'to_graph': ox.NamedNode(graph)}\n"
        "    s.load(path=path, format=fmt, base_iri=graph, **into)\n"
        "row = next(iter(s.query(job['query'], use_default_graph_as_union=True)))\n"
        "print(row['p'].value)\n"
    )
    answer = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps({"files": files, "query": MOST_CONNECTED}),
        capture_output=True,
        text=True,
        check=True,
    )
    iri = answer.stdout.strip()
    cache.write_text(json.dumps({"partnership": iri}), encoding="utf-8")
    return iri


def operations(folder: Path, partnership: str) -> dict[str, list[dict[str, Any]]]:
    """Every measured operation, as each system's worker needs it."""
    from rdflib import URIRef

    from partnergraph.core import resources as _resources
    from partnergraph.engine.sparql import bind_as_values
    from partnergraph.network.rules import EDGE_RULES, NODE_KINDS
    from partnergraph.query.library import load_library
    from partnergraph.rdf.namespaces import PREFIXES

    ops: dict[str, list[dict[str, Any]]] = {s: [] for s in SYSTEMS}
    for name, named in sorted(load_library().items()):
        params = {"partnership": partnership} if name == "stakeholders" else {}
        bindings = named.bindings(params, resolve=lambda text, cls: URIRef(text))
        op = f"query:{name}"
        ops["partnergraph"].append({"id": op, "kind": "query", "name": name, "params": params})
        ops["pyoxigraph"].append(
            {"id": op, "kind": "query", "text": bind_as_values(named.text, bindings)}
        )
        ops["rdflib"].append(
            {
                "id": op,
                "kind": "query",
                "query": named.text,
                # rdflib's own terms of them, as text (the library binds Oxigraph's)
                "bindings": {k: _rdflib_term(v).n3() for k, v in bindings.items()},
            }
        )
    shapes = str(_resources.ontology_dir() / _resources.SHAPES_FILE)
    ops["partnergraph"].append({"id": "validate", "kind": "validate"})
    ops["rdflib"].append({"id": "validate", "kind": "validate", "shapes": shapes})
    for fmt in EXPORTS:
        for system in SYSTEMS:
            ops[system].append(
                {"id": f"export:{fmt}", "kind": "export", "format": fmt, "prefixes": PREFIXES}
            )
    network_dir = _resources.queries_dir() / "network"
    texts = [(network_dir / k.query).read_text(encoding="utf-8") for k in NODE_KINDS]
    texts += [(network_dir / r.query).read_text(encoding="utf-8") for r in EDGE_RULES]
    ops["partnergraph"].append({"id": "network", "kind": "network"})
    for system in ("pyoxigraph", "rdflib"):
        ops[system].append(
            {"id": "network", "kind": "network", "texts": texts, "node_queries": len(NODE_KINDS)}
        )
    return ops


class Worker:
    """A worker process of one system holding one dataset, driven line by line."""

    def __init__(self, system: str, folder: Path, files: list[tuple[str, str]], limit: float):
        self.system, self.limit = system, limit
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERGRAPH_")}
        env["PYTHONHASHSEED"] = "0"
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.errors: list[str] = []
        threading.Thread(target=self._pump_errors, daemon=True).start()
        job = {"system": system, "data": str(folder), "files": files, "limit": limit}
        self._send(job)

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _pump_errors(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.errors.append(line)

    def _send(self, message: dict[str, Any] | None) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(("" if message is None else json.dumps(message)) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass

    def _answer(self, timeout: float) -> dict[str, Any]:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.close(kill=True)
            return {"timeout": True}
        if line is None:
            return {"error": "".join(self.errors)[-500:] or "the worker died"}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def loaded(self) -> dict[str, Any]:
        """The load's outcome (the load gets the time limit, like any operation)."""
        return self._answer(self.limit + 30)

    def run(self, op: dict[str, Any]) -> dict[str, Any]:
        if self.process.poll() is not None:
            return {"error": "the worker is gone"}
        self._send(op)
        # The worker kills an operation at the limit itself; this is only a safety net.
        return self._answer(self.limit + 60)

    def close(self, kill: bool = False) -> None:
        if self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self._send(None)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Results:
    """Measurements by size, system and operation, with what was skipped and why."""

    def __init__(self) -> None:
        self.data: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}

    def cell(self, size: str, system: str, op: str) -> dict[str, Any]:
        return (
            self.data.setdefault(size, {})
            .setdefault(system, {})
            .setdefault(
                op,
                {
                    "runs": [],
                    "repeats": [],
                    "digests": [],
                    "maxrss_kb": [],
                    "timeouts": 0,
                    "errors": [],
                    "info": None,
                },
            )
        )

    def add(self, size: str, system: str, op: str, outcome: dict[str, Any]) -> None:
        cell = self.cell(size, system, op)
        if outcome.get("timeout"):
            cell["timeouts"] += 1
        elif "error" in outcome:
            cell["errors"].append(outcome["error"])
        else:
            cell["runs"].append(outcome["seconds"])
            cell["maxrss_kb"].append(outcome["maxrss_kb"])
            if "repeat_seconds" in outcome:
                cell["repeats"].append(outcome["repeat_seconds"])
            if "digest" in outcome:
                cell["digests"].append(outcome["digest"])
            if "error" in outcome:  # the first call worked, the repeat or the digest did not
                cell["errors"].append(outcome["error"])
            cell["info"] = outcome.get("info") or {
                k: outcome[k] for k in ("quads", "store") if k in outcome
            }

    def median(self, size: str, system: str, op: str, key: str = "runs") -> float | None:
        runs = self.data.get(size, {}).get(system, {}).get(op, {}).get(key)
        return statistics.median(runs) if runs else None

    def agreement(self, size: str, op: str) -> str:
        """Whether the systems' answers mean the same (see ``_digest``): "same", or which
        systems differ and how many rows/triples each gave."""
        digests = {
            system: set(cell["digests"])
            for system, ops in self.data.get(size, {}).items()
            if (cell := ops.get(op)) and cell["digests"]
        }
        if len(digests) < 2:
            return "-"
        if any(len(d) > 1 for d in digests.values()):  # one system answered differently per run
            return "varies: " + ", ".join(s for s, d in digests.items() if len(d) > 1)
        answers = {system: next(iter(d)).split(" ") for system, d in digests.items()}
        if len({a[0] for a in answers.values()}) == 1:
            return "same"
        if len({a[-1] for a in answers.values()}) == 1:
            return "same values¹"
        groups: dict[str, list[str]] = {}
        for system, answer in answers.items():
            groups.setdefault(answer[-1], []).append(system)
        return "differs: " + " ≠ ".join(
            " = ".join(systems) + f" ({digest.split(':')[0]} lines)"
            for digest, systems in groups.items()
        )

    def timed_out(self, size: str, system: str, op: str) -> bool:
        return bool(self.data.get(size, {}).get(system, {}).get(op, {}).get("timeouts"))


def _rdflib_term(value: Any) -> Any:
    """A bound value as an rdflib term: named queries bind Oxigraph's terms, entities rdflib's."""
    from rdflib.term import Identifier

    from partnergraph.rdf.terms import from_ox

    return value if isinstance(value, Identifier) else from_ox(value)


def skip_reason(
    results: Results,
    sizes: list[str],
    size: str,
    system: str,
    op: str,
    limit: float,
    triples: dict[str, int],
) -> str | None:
    if results.timed_out(size, system, op):
        return f">{limit:g} s in an earlier run"
    earlier = sizes[: sizes.index(size)]
    for smaller in earlier:
        if results.timed_out(smaller, system, op):
            return f">{limit:g} s at {smaller}"
    if system == "partnergraph" and results.timed_out(size, "pyoxigraph", op):
        return "the floor (pyoxigraph) took longer than the limit"
    if earlier:
        previous = earlier[-1]
        seconds = results.median(previous, system, op)
        if seconds is not None:
            predicted = seconds * triples[size] / triples[previous]
            if predicted > limit:
                return f"predicted ≥{predicted:.0f} s (linear from {previous})"
    return None


# --- command lines ---------------------------------------------------------------------------


def timed_command(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KB) and exit code of one command, output thrown away."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, int(usage.ru_maxrss), process.returncode


def command_lines(
    folder: Path,
    files: list[tuple[str, str]],
    partnership: str,
    names: list[str],
    repeats: int,
    limit: float,
) -> dict[str, Any]:
    """Cold command lines on an on-disk store built beforehand, and --help."""
    from rdflib import URIRef

    from partnergraph.engine.sparql import bind_as_values
    from partnergraph.query.library import load_library

    script = Path(sys.executable).with_name("partnergraph")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "partnergraph.cli.app"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERGRAPH_")}
    store = folder.with_name(folder.name + ".oxigraph")
    common = [*base, "--data", str(folder), "--store", f"oxigraph:{store}"]
    shutil.rmtree(store, ignore_errors=True)  # time a build from scratch
    started = time.perf_counter()
    subprocess.run([*common, "stats"], check=True, capture_output=True, env=env, cwd=ROOT)
    out: dict[str, Any] = {"store": str(store), "build_s": time.perf_counter() - started}

    runs: dict[str, list[float]] = {"--help": [], "python -c pass": []}
    for _ in range(max(repeats, 5)):
        seconds, _, _ = timed_command([*base, "--help"], env)
        runs["--help"].append(seconds)
        seconds, _, _ = timed_command([sys.executable, "-c", "pass"], env)
        runs["python -c pass"].append(seconds)
    out["startup"] = {k: statistics.median(v) for k, v in runs.items()}
    out["startup_runs"] = runs

    library = load_library()
    floor_code = (
        "import sys, pyoxigraph as ox\n"
        "s = ox.Store.read_only(sys.argv[1])\n"
        "rows = [list(r) for r in s.query(sys.stdin.read(), use_default_graph_as_union=True)]\n"
    )
    queries: dict[str, Any] = {}
    for name in names:
        named = library[name]
        params = {"partnership": partnership} if name == "stakeholders" else {}
        argv = [*common, "query", name, *(f"--param={k}={v}" for k, v in params.items())]
        text = bind_as_values(named.text, named.bindings(params, lambda t, c: URIRef(t)))
        cell: dict[str, Any] = {"csv": [], "table": [], "floor": [], "maxrss_kb": []}
        for _ in range(repeats):
            seconds, rss, code = timed_command([*argv, "--format", "csv"], env)
            if code == 0:
                cell["csv"].append(seconds)
                cell["maxrss_kb"].append(rss)
            if not cell["table"]:  # the table output once: rich's layout is not ours
                seconds, _, code = timed_command(argv, env)
                if code == 0:
                    cell["table"].append(seconds)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", floor_code, str(store)],
                input=text,
                text=True,
                check=True,
                env=env,
                timeout=limit,
            )
            cell["floor"].append(time.perf_counter() - started)
        queries[name] = cell
    out["queries"] = queries
    return out


# --- tables ----------------------------------------------------------------------------------


def _fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 100:
        return f"{seconds:.0f}"
    if seconds >= 10:
        return f"{seconds:.1f}"
    return f"{seconds:.3f}" if seconds < 1 else f"{seconds:.2f}"


def _time_cell(
    results: Results, skipped: dict[Any, str], size: str, system: str, op: str, limit: float
) -> str:
    median = results.median(size, system, op)
    if median is not None:
        return _fmt_s(median)
    if results.timed_out(size, system, op):
        return f">{limit:g}"
    cell = results.data.get(size, {}).get(system, {}).get(op)
    if cell and cell["errors"]:
        return "error"
    if (size, system, op) in skipped:
        return "skip"
    return "n/a"


def ratio(
    results: Results, size: str, slow: str, fast: str, op: str, limit: float
) -> tuple[float | None, bool]:
    """slow/fast, and whether it is only a lower bound (slow passed the limit)."""
    a, b = results.median(size, slow, op), results.median(size, fast, op)
    if b is None or b <= 0:
        return None, False
    if a is None:
        return (limit / b, True) if results.timed_out(size, slow, op) else (None, False)
    return a / b, False


def _fmt_ratio(value: tuple[float | None, bool]) -> str:
    number, bound = value
    if number is None:
        return "-"
    return ("≥" if bound else "") + (f"{number:.2f}" if number < 10 else f"{number:.0f}")


def _repeated(results: Results, size: str, op: str) -> str:
    """The second call's times (pg / ox) and their ratio, as two table cells."""
    ours = results.median(size, "partnergraph", op, "repeats")
    floor = results.median(size, "pyoxigraph", op, "repeats")
    share = f"{_fmt_s(ours)} / {_fmt_s(floor)}"
    return f"{share} | {_fmt_ratio((ours / floor, False) if ours and floor else (None, False))}"


def _mb(results: Results, size: str, system: str, op: str) -> str:
    cell = results.data.get(size, {}).get(system, {}).get(op)
    if not cell or not cell["maxrss_kb"]:
        return "-"
    return f"{max(cell['maxrss_kb']) / 1024:.0f}"


def markdown(report: dict[str, Any], results: Results, skipped: dict[Any, str]) -> str:
    limit = report["limit_s"]
    lines = [
        f"## Results of {report['date']}",
        "",
        f"Machine: {report['machine']}. Python {report['python']}; {report['versions']}.",
        f"Runs per measurement: {report['repeats']} (median); time limit {limit:g} s.",
        "",
    ]
    for size in report["sizes"]:
        quads = report["triples"][size]
        lines += [
            f"### {size}: {quads:,} quads",
            "",
            "Seconds (median of first calls). pg/ox = partnergraph ÷ pyoxigraph (the floor: "
            "1.00 is as fast as raw pyoxigraph); rdflib/pg = how many times faster partnergraph "
            "is than plain rdflib (≥ where rdflib passed the limit). Repeated = a second call "
            f"in the same process (only when the first took ≤ 1/{REPEAT_BELOW} of the limit). "
            "Peak MB = max RSS of the measuring process, loaded data included. Answers agree: "
            "the answers' digests (rows as normalised terms, exports parsed back into triples, "
            "network node and edge sets) are equal on every system that ran; otherwise the "
            "digest's line count per system. ¹ Same values, but raw engines order the parts "
            "of concatenated cells as they meet them (Oxigraph keeps a language tag on them, "
            "rdflib gives an empty string for an empty one), where partnergraph sorts them, "
            "leaves the tag off and the empty cell unbound on every store.",
            "",
            "| operation | partnergraph | pyoxigraph | rdflib | pg/ox | rdflib/pg "
            "| repeated pg / ox | pg/ox repeated | peak MB pg / ox / rdflib | answer "
            "| answers agree |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        for op in report["ops"]:
            cells = [_time_cell(results, skipped, size, s, op, limit) for s in SYSTEMS]
            info = ""
            for system in ("partnergraph", "pyoxigraph", "rdflib"):
                cell = results.data.get(size, {}).get(system, {}).get(op)
                if cell and cell["info"]:
                    info = ", ".join(
                        f"{k} {v:,}"
                        if isinstance(v, int) and not isinstance(v, bool)
                        else f"{k} {v}"
                        for k, v in cell["info"].items()
                    )
                    break
            lines.append(
                f"| {op} | {cells[1]} | {cells[0]} | {cells[2]} "
                f"| {_fmt_ratio(ratio(results, size, 'partnergraph', 'pyoxigraph', op, limit))} "
                f"| {_fmt_ratio(ratio(results, size, 'rdflib', 'partnergraph', op, limit))} "
                f"| {_repeated(results, size, op)} "
                f"| {' / '.join(_mb(results, size, s, op) for s in SYSTEMS_SHOWN)} | {info} "
                f"| {results.agreement(size, op)} |"
            )
        notes = sorted({(op, system, why) for (s, system, op), why in skipped.items() if s == size})
        if notes:
            lines += ["", "Not run:"]
            lines += [f"- {op} on {system}: {why}" for op, system, why in notes]
        lines.append("")
    cli = report.get("cli")
    if cli:
        lines += [
            f"### Cold command lines ({cli['size']}, on-disk store built beforehand: "
            f"{cli['build_s']:.0f} s)",
            "",
            "Wall seconds of the whole process, start-up included (median). `csv` is "
            "`partnergraph --data DIR --store oxigraph:PATH query NAME --format csv`, `table` "
            "the same with the default table output; floor is `python -c` opening the same "
            "store read-only with pyoxigraph and running the same query. Peak MB of the csv "
            "command (`os.wait4`).",
            "",
            "| query | csv | table | floor | csv/floor | peak MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, cell in cli["queries"].items():
            csv_s = statistics.median(cell["csv"]) if cell["csv"] else None
            table_s = statistics.median(cell["table"]) if cell["table"] else None
            floor_s = statistics.median(cell["floor"]) if cell["floor"] else None
            lines.append(
                f"| {name} | {_fmt_s(csv_s)} | {_fmt_s(table_s)} | {_fmt_s(floor_s)} | "
                f"{_fmt_ratio((csv_s / floor_s, False) if csv_s and floor_s else (None, False))}"
                f" | {max(cell['maxrss_kb']) / 1024 if cell['maxrss_kb'] else 0:.0f} |"
            )
        startup = cli["startup"]
        lines += [
            "",
            f"`partnergraph --help`: {startup['--help']:.3f} s; a bare `python -c pass`: "
            f"{startup['python -c pass']:.3f} s (medians of {len(cli['startup_runs']['--help'])}).",
            "",
        ]
    lines += targets(report, results)
    return "\n".join(lines) + "\n"


def targets(report: dict[str, Any], results: Results) -> list[str]:
    limit = report["limit_s"]
    size = report["sizes"][-1]
    rows: list[tuple[str, str, str]] = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "**not met**")

    queries = [op for op in report["ops"] if op.startswith("query:")]
    floor_ratios = {
        q: ratio(results, size, "partnergraph", "pyoxigraph", q, limit) for q in queries
    }
    measured = {q: r for q, r in floor_ratios.items() if r[0] is not None and not r[1]}
    worst = max(measured.items(), key=lambda kv: kv[1][0] or 0, default=None)
    over = [q.removeprefix("query:") for q, r in measured.items() if (r[0] or 0) > 1.3]
    unmeasured = [q.removeprefix("query:") for q in queries if q not in measured]
    rows.append(
        (
            "every named query within 1.3x of raw pyoxigraph",
            verdict(not over if measured else None),
            (f"worst {worst[0].removeprefix('query:')} {worst[1][0]:.2f}x" if worst else "")
            + (f"; over 1.3x: {', '.join(over)}" if over else "")
            + (f"; not comparable (limit): {', '.join(unmeasured)}" if unmeasured else ""),
        )
    )
    speedups = {q: ratio(results, size, "rdflib", "partnergraph", q, limit) for q in queries}
    known = {q: r for q, r in speedups.items() if r[0] is not None}
    slow = [q.removeprefix("query:") for q, r in known.items() if (r[0] or 0) < 10 and not r[1]]
    unsure = [q.removeprefix("query:") for q, r in known.items() if (r[0] or 0) < 10 and r[1]]
    least = min(known.items(), key=lambda kv: kv[1][0] or 0, default=None)
    rows.append(
        (
            "every named query at least 10x faster than plain rdflib",
            verdict((not slow and not unsure) if known else None),
            (f"least {least[0].removeprefix('query:')} {_fmt_ratio(least[1])}x" if least else "")
            + (f"; under 10x: {', '.join(slow)}" if slow else "")
            + (f"; lower bound under 10x: {', '.join(unsure)}" if unsure else "")
            + f"; {len(known)} of {len(queries)} compared",
        )
    )
    load = ratio(results, size, "partnergraph", "pyoxigraph", "load", limit)
    rows.append(
        (
            "load within 1.2x of pyoxigraph's load",
            verdict(None if load[0] is None else load[0] <= 1.2),
            f"{_fmt_ratio(load)}x",
        )
    )
    for fmt in EXPORTS:
        r = ratio(results, size, "partnergraph", "pyoxigraph", f"export:{fmt}", limit)
        rows.append(
            (
                f"export {fmt} within 1.5x of pyoxigraph's serialiser",
                verdict(None if r[0] is None else r[0] <= 1.5),
                f"{_fmt_ratio(r)}x",
            )
        )
    cli = report.get("cli")
    if cli:
        csv = {n: statistics.median(c["csv"]) for n, c in cli["queries"].items() if c["csv"]}
        table = {n: statistics.median(c["table"]) for n, c in cli["queries"].items() if c["table"]}
        under = [n for n, s in csv.items() if s < 2]
        rows.append(
            (
                "cold `partnergraph query NAME --store oxigraph:PATH` under 2 s",
                verdict(len(under) == len(csv) if csv else None),
                f"csv: {len(under)} of {len(csv)} queries under 2 s"
                + (
                    f" (over: {', '.join(f'{n} {s:.1f} s' for n, s in csv.items() if s >= 2)})"
                    if len(under) < len(csv)
                    else ""
                )
                + f"; table output: {sum(1 for s in table.values() if s < 2)} of {len(table)}",
            )
        )
        help_s = cli["startup"]["--help"]
        rows.append(("`partnergraph --help` under 0.5 s", verdict(help_s < 0.5), f"{help_s:.3f} s"))
    lines = [
        f"### Targets ({size})",
        "",
        "| target | verdict | figures |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return [*lines, ""]


# =============================================================================================


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k,100k,1m")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per measurement")
    parser.add_argument(
        "--baseline-repeats",
        type=int,
        default=1,
        help="runs of plain rdflib "
        "above the smallest size (its operations take minutes; default 1)",
    )
    parser.add_argument("--quick", action="store_true", help="10k only, one run: a smoke test")
    parser.add_argument(
        "--ops",
        help="only these operations (comma-separated ids, e.g. "
        "query:themes,export:ttl); load is always measured",
    )
    parser.add_argument(
        "--cli-queries",
        help="queries timed as cold command lines "
        "(default: every one that partnergraph ran within the limit)",
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line timings")
    parser.add_argument(
        "--no-skip", action="store_true", help="run even what is predicted to pass the limit"
    )
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="dataset cache")
    parser.add_argument(
        "--output",
        type=Path,
        help="JSON results (default: "
        "bench/results-<date>.json); the Markdown goes next to it as .md",
    )
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0
    if args.quick:
        args.sizes, args.repeats = "10k", 1
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: use {', '.join(SIZES)}")
    sizes.sort(key=lambda s: SIZES[s])
    today = dt.date.today().isoformat()
    output = args.output or ROOT / "bench" / f"results-{today}.json"

    import pyoxigraph
    import rdflib

    import partnergraph

    report: dict[str, Any] = {
        "date": today,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": f"partnergraph {partnergraph.__version__}, pyoxigraph "
        f"{pyoxigraph.__version__}, rdflib {rdflib.__version__}",
        "sizes": sizes,
        "repeats": args.repeats,
        "limit_s": args.limit,
        "seed": SEED,
        "triples": {},
        "partnership": {},
        "memory": "peak RSS: resource.getrusage(RUSAGE_SELF).ru_maxrss of the forked child "
        "that ran the operation (inherited loaded data included); of the worker after "
        "loading for load; os.wait4 ru_maxrss for command lines",
    }
    results, skipped = Results(), {}
    wanted = None if not args.ops else {o.strip() for o in args.ops.split(",")}
    began = time.perf_counter()
    for size in sizes:
        folder = dataset(size, args.data_dir)
        files = files_of(folder)
        partnership = most_connected(folder, files)
        report["partnership"][size] = partnership
        manifest = json.loads((folder / ".partnergraph-generated").read_text(encoding="utf-8"))
        report["triples"].setdefault(size, manifest["triples"])
        ops = operations(folder, partnership)
        if wanted is not None:
            ops = {s: [o for o in v if o["id"] in wanted] for s, v in ops.items()}
        report.setdefault("ops", ["load", *dict.fromkeys(o["id"] for v in ops.values() for o in v)])
        for run in range(args.repeats):
            print(
                f"[{time.perf_counter() - began:6.0f} s] {size}, run {run + 1} of {args.repeats}",
                file=sys.stderr,
            )
            # Plain rdflib takes minutes per run above 10k: it runs --baseline-repeats times.
            baseline_runs = args.repeats if size == "10k" else args.baseline_repeats
            systems = [s for s in SYSTEMS if s != "rdflib" or run < baseline_runs]
            workers: dict[str, Worker] = {}
            # One load at a time, whose turn first rotates from run to run.
            systems = systems[run % len(systems) :] + systems[: run % len(systems)]
            for system in systems:
                why = (
                    None
                    if args.no_skip
                    else skip_reason(
                        results, sizes, size, system, "load", args.limit, report["triples"]
                    )
                )
                if why is not None:
                    skipped.setdefault((size, system, "load"), why)
                    continue
                process = Worker(system, folder, files, args.limit)
                outcome = process.loaded()
                results.add(size, system, "load", outcome)
                if "seconds" in outcome:
                    workers[system] = process
                    report["triples"][size] = outcome.get("quads", report["triples"][size])
                else:
                    print(f"  {system} load: {outcome}", file=sys.stderr)
                    process.close(kill=True)
            order = list(dict.fromkeys(o["id"] for v in ops.values() for o in v))
            for index, op_id in enumerate(order):  # side by side: each op on every system
                # Whose turn comes first rotates from operation to operation and run to run, so
                # no system always runs on the machine as the one before it left it.
                turn = (run + index) % len(SYSTEMS)
                for system in SYSTEMS[turn:] + SYSTEMS[:turn]:
                    if system not in workers:
                        continue
                    process = workers[system]
                    op = next((o for o in ops[system] if o["id"] == op_id), None)
                    if op is None:
                        continue
                    why = (
                        None
                        if args.no_skip
                        else skip_reason(
                            results, sizes, size, system, op_id, args.limit, report["triples"]
                        )
                    )
                    if why is not None:
                        skipped.setdefault((size, system, op_id), why)
                        continue
                    outcome = process.run(op)
                    results.add(size, system, op_id, outcome)
                    if "error" in outcome:
                        print(f"  {system} {op_id}: {outcome['error']}", file=sys.stderr)
            for process in workers.values():
                process.close()
    if not args.no_cli:
        size = sizes[-1]
        folder = dataset(size, args.data_dir)
        if args.cli_queries:
            names = [n.strip() for n in args.cli_queries.split(",")]
        else:
            names = [
                op.removeprefix("query:")
                for op in report["ops"]
                if op.startswith("query:") and results.median(size, "partnergraph", op) is not None
            ]
        print(f"[{time.perf_counter() - began:6.0f} s] command lines at {size}", file=sys.stderr)
        report["cli"] = {
            "size": size,
            **command_lines(
                folder,
                files_of(folder),
                report["partnership"][size],
                names,
                args.repeats,
                args.limit,
            ),
        }
    report["elapsed_s"] = time.perf_counter() - began
    report["results"] = results.data
    report["skipped"] = [
        {"size": s, "system": system, "op": op, "why": why}
        for (s, system, op), why in skipped.items()
    ]
    text = markdown(report, results, skipped)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    output.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    print(
        f"wrote {output} and {output.with_suffix('.md')} in {report['elapsed_s']:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
