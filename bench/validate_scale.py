"""Validation at scale: the shapes compiled to SPARQL on Oxigraph (partnergraph's default) next
to pySHACL (the reference) on generated data of about 10k, 100k and 1M triples.

    .venv/bin/python bench/validate_scale.py              # 10k, 100k, 1M; 3 runs each
    .venv/bin/python bench/validate_scale.py --sizes 10k --runs 1   # a smoke test
    .venv/bin/python bench/validate_scale.py --sizes 1m --data /tmp/perf2/1m --cli-only

For every size the data (``partnergraph generate``, fixed seed, into ``bench/.data/``) is loaded
once into the default store; then each run validates with both engines, in alternating order
(compiled first in odd runs, pySHACL first in even ones), each in a child forked from the loaded
process, so neither sees what the other cached; a child past ``--limit`` seconds is killed and
pySHACL is reported as timed out and not run at larger sizes. The two reports are compared
finding by finding (focus, shape, severity, message, path, value) wherever both finish. Last,
the whole command line, ``partnergraph --data DIR validate`` (start-up, loading, validation,
output), is timed at each size. Medians of the runs; the 1-minute load average of the machine
at each measurement is printed beside it (2 shared cores: the ratio is the figure that counts).
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "bench" / ".data"
SIZES = {"10k": 10, "100k": 100, "1m": 1000}
"""Size name -> municipalities (about 1,000 triples each)."""
SEED = 20240601

sys.path.insert(0, str(ROOT / "src"))

from partnergraph.graph import PartnerGraph  # noqa: E402
from partnergraph.query.validate import ValidationReport, validate_store  # noqa: E402


def dataset(size: str) -> Path:
    folder = DATA_DIR / f"validate-{size}"
    if not (folder / ".partnergraph-generated").exists():
        exe = Path(sys.executable).with_name("partnergraph")
        command = [str(exe), "generate", "-n", str(SIZES[size]), "-o", str(folder)]
        subprocess.run([*command, "--seed", str(SEED)], check=True, capture_output=True)
    return folder


PLANTED = """
@prefix pg: <https://w3id.org/partnergraph/ontology#> .
@prefix pgid: <https://w3id.org/partnergraph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
pgid:bench-broken a pg:Partnership , org:Organization ;
    skos:prefLabel "Brudt"@da , "Andet navn"@da , "untagged" ;
    org:hasMember pgid:bench-nobody ;
    pg:contributesTo <https://metadata.un.org/sdg/17> ;
    dcterms:temporal [ dcat:startDate "2026"^^xsd:gYear ; dcat:endDate "2020"^^xsd:gYear ] .
"""
"""A few planted mistakes, so that the engines' findings are compared on more than none."""


def planted() -> Path:
    path = DATA_DIR / "validate-planted.ttl"
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(PLANTED, encoding="utf-8")
    return path


def findings(report: ValidationReport) -> Counter[tuple[Any, ...]]:
    return Counter(
        (str(i.focus), i.shape, i.severity, i.message, i.path, i.value) for i in report.issues
    )


def in_child(kg: PartnerGraph, engine: str, limit: float) -> tuple[float, Any] | None:
    """Validate in a forked child; (seconds, findings), or None past ``limit``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        start = time.perf_counter()
        report = validate_store(kg.store, engine=engine)
        took = time.perf_counter() - start
        with os.fdopen(write, "wb") as out:
            pickle.dump((took, findings(report)), out)
        os._exit(0)
    os.close(write)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            with os.fdopen(read, "rb") as got:
                result: tuple[float, Any] = pickle.load(got)
            return result
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read)
    return None


def cli_wall(folder: Path, exe: Path | None = None) -> tuple[float, float, float, bytes]:
    """Wall and CPU seconds (user + system) of the whole command, the load average at its
    end (on this shared machine the wall time is mostly other people's processes) and what
    the command printed."""
    exe = exe or Path(sys.executable).with_name("partnergraph")
    command = [str(exe), "--data", str(folder), "--data", str(planted()), "validate"]
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, _status, usage = os.wait4(process.pid, 0)
        took = time.perf_counter() - start
        out.seek(0)
        # A blank node's id (hex, leading zeros dropped) is new in every run: the planted
        # period is one.
        printed = re.sub(rb"\b[0-9a-f]{20,32}\b", b"_:b", out.read())
    return took, usage.ru_utime + usage.ru_stime, os.getloadavg()[0], printed


def cli_runs(size: str, folder: Path, runs: int, compare: Path | None) -> None:
    """The whole command, this installation's and ``compare``'s in alternating order; medians,
    and whether every run printed the same report."""
    ours = Path(sys.executable).with_name("partnergraph")
    exes = {"this": ours, **({"compare": compare} if compare else {})}
    seen: dict[str, list[tuple[float, float, float]]] = {name: [] for name in exes}
    printed: set[bytes] = set()
    for run in range(runs):
        for name in list(exes) if run % 2 == 0 else list(reversed(exes)):
            took, cpu, load, output = cli_wall(folder, exes[name])
            seen[name].append((took, cpu, load))
            printed.add(output)
            row = f"| {size} | {run + 1} | {name} | {took:.2f} | {cpu:.2f} | {load:.1f} |"
            print(row, flush=True)
    for name, rows in seen.items():
        wall, cpu, load = (statistics.median(r[i] for r in rows) for i in range(3))
        print(f"| {size} | median | {name} | {wall:.2f} | {cpu:.2f} | {load:.1f} |")
    print(f"same report in every run: {'yes' if len(printed) == 1 else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=300.0, help="seconds per validation")
    parser.add_argument(
        "--pyshacl-sizes",
        default="10k,100k",
        help="sizes pySHACL runs at (it takes minutes at 10k: at 1M it would take hours)",
    )
    parser.add_argument(
        "--data", type=Path, help="validate this generated folder instead (with one size)"
    )
    parser.add_argument(
        "--cli-only", action="store_true", help="time the whole command only (no engines)"
    )
    parser.add_argument(
        "--compare",
        type=Path,
        help="with --cli-only: another installation's partnergraph script (e.g. main's), "
        "run alternately with this one (first in odd runs), answers compared",
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()}")
    rows = []
    pyshacl_timed_out = False
    if args.cli_only:
        print("| size | run | command | wall (s) | CPU (s) | load avg (1 min) |")
        print("|---|---:|---|---:|---:|---:|")
    for size in args.sizes.split(","):
        folder = args.data or dataset(size)
        if args.cli_only:
            cli_runs(size, folder, args.runs, args.compare)
            continue
        start = time.perf_counter()
        kg = PartnerGraph.load([folder, planted()])
        triples = len(kg.store)
        loaded = time.perf_counter() - start
        times: dict[str, list[float]] = {"sparql": [], "pyshacl": []}
        loads: list[float] = []
        answers: dict[str, Any] = {}
        for run in range(args.runs):
            order = ["sparql", "pyshacl"] if run % 2 == 0 else ["pyshacl", "sparql"]
            for engine in order:
                if engine == "pyshacl" and (
                    pyshacl_timed_out or size not in args.pyshacl_sizes.split(",")
                ):
                    continue
                loads.append(os.getloadavg()[0])
                got = in_child(kg, engine, args.limit)
                if got is None:
                    pyshacl_timed_out = engine == "pyshacl"
                    print(f"  {size}: {engine} passed {args.limit:.0f} s", flush=True)
                    continue
                times[engine].append(got[0])
                answers[engine] = got[1]
                print(f"  {size} run {run + 1}: {engine} {got[0]:.2f} s", flush=True)
        clis = [cli_wall(folder)[0] for _ in range(args.runs)]
        ours = statistics.median(times["sparql"])
        theirs = statistics.median(times["pyshacl"]) if times["pyshacl"] else None
        agree = answers.get("sparql") == answers["pyshacl"] if "pyshacl" in answers else None
        rows.append(
            {
                "size": size,
                "triples": triples,
                "load": loaded,
                "sparql": ours,
                "pyshacl": theirs,
                "ratio": theirs / ours if theirs else None,
                "agree": agree,
                "findings": sum(answers["sparql"].values()),
                "cli": statistics.median(clis),
                "machine": statistics.median(loads),
            }
        )
        kg.close()
    if not rows:
        return
    print()
    print(
        "| size | triples | load store (s) | validate, compiled (s) | validate, pySHACL (s) "
        "| pySHACL / compiled | same findings | findings | `partnergraph validate` wall (s) "
        "| load avg (1 min) |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for r in rows:
        if r["pyshacl"]:
            theirs = f"{r['pyshacl']:.2f}"
        elif r["size"] in args.pyshacl_sizes.split(","):
            theirs = f"> {args.limit:.0f} (timed out)"
        else:
            theirs = "not run"
        ratio = f"{r['ratio']:.0f}x" if r["ratio"] else "-"
        agree = {True: "yes", False: "NO", None: "-"}[r["agree"]]
        print(
            f"| {r['size']} | {r['triples']:,} | {r['load']:.2f} | {r['sparql']:.2f} | {theirs} "
            f"| {ratio} | {agree} | {r['findings']} | {r['cli']:.2f} | {r['machine']:.1f} |"
        )


if __name__ == "__main__":
    main()
