"""Start-up of the command line, as wall time of fresh processes, against its floors.

    .venv/bin/python bench/startup.py [--runs 10]
    .venv/bin/python bench/startup.py --runs 10 --data DIR --store PATH [--queries a,b]
    .venv/bin/python bench/startup.py --phases --runs 9 --data DIR --store PATH [--queries a,b]

Help: ``partnergraph --help`` (the console script, Danish), the same in English, ``python -m
partnergraph.cli --help`` and ``partnergraph query --help``, against the baseline ``python -c
"import typer, pyoxigraph"``; ``python -c pass`` and ``python -c "import typer"`` show the
interpreter's floor and typer's own import floor on this machine today.

Cold queries (with ``--data``): ``partnergraph --data DIR --store oxigraph:PATH query NAME
--format csv`` on a store built beforehand (the first call builds it if needed, untimed), each
against a minimal pyoxigraph script that opens the same store read-only, runs the same text
(prefixes and parameters bound as partnergraph binds them) and writes CSV. The two answers are
compared row by row, cell by cell (in any order); a disagreement is reported, not hidden.

Method: every run executes each command once, in an order rotated from run to run (so no
command always follows another or always goes first). Run 0 warms the file cache and writes
the bytecode of partnergraph's modules, as an installation does (``PYTHONDONTWRITEBYTECODE`` is
dropped for the children); it is reported apart as the first call (and its ratio to the
floor's first call), not counted in the medians. Reported: the median and fastest wall time of
the other runs, the median CPU time (user + system, less disturbed by the other processes on
a shared machine), the ratio of the medians against the command's floor, the median of the
per-run ratios (robust when the load changes during the measurement) and the ratio of the
CPU medians. The 1-minute load average is printed before and after: the machine is shared,
so only ratios compare, and only at similar load.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EXE = str(Path(sys.executable).with_name("partnergraph"))

MINIMAL_QUERY = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
answer = store.query(text, use_default_graph_as_union=True)
sys.stdout.buffer.write(answer.serialize(format=ox.QueryResultsFormat.CSV))
"""
"""The floor of a cold query: open, ask, write CSV, nothing else."""

BASELINE = "import typer, pyoxigraph"

OURS_PHASES = """
import atexit, json, sys, time
import partnergraph.engine.oxigraph as engine
real, marks = engine.OxigraphStore.run, {}
def run(self, *args, **kwargs):
    marks["before"] = time.process_time()
    try:
        return real(self, *args, **kwargs)
    finally:
        marks["engine"] = time.process_time() - marks["before"]
engine.OxigraphStore.run = run
@atexit.register
def report():
    sys.stdout.flush()
    marks["total"] = time.process_time()
    print(json.dumps(marks), file=sys.stderr)
sys.argv = ["partnergraph", *sys.argv[1:]]
from partnergraph.cli.quick_help import main
main()
"""
"""partnergraph's command, timed inside: CPU before the engine is asked (interpreter, imports,
store, parameters), the engine's own (answer read whole), and the whole process."""

SCRIPT_PHASES = MINIMAL_QUERY.replace(
    "answer = ", "import json, time\nbefore = time.process_time()\nanswer = "
) + (
    "sys.stdout.flush()\n"
    "print(json.dumps({'before': before, 'total': time.process_time()}), file=sys.stderr)\n"
)
"""The floor, timed inside: CPU before the query is asked, and the whole process (the rest is
the engine and Oxigraph's CSV writer, which cannot be told apart: it evaluates as it writes)."""


def help_commands(before: Path | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Name -> (argv, extra environment); the first is the baseline of the others."""
    en = {"PARTNERGRAPH_LANG": "en"}
    earlier: dict[str, tuple[list[str], dict[str, str]]] = {}
    if before is not None:  # another checkout's src/, e.g. from `git archive main`
        script = "import sys; from partnergraph.cli.app import main; sys.exit(main())"
        earlier["partnergraph --help (before)"] = (
            [PY, "-c", script, "--help"],
            {"PYTHONPATH": str(before.resolve())},
        )
    return {
        "baseline: import typer, pyoxigraph": ([PY, "-c", BASELINE], {}),
        "python -c pass": ([PY, "-c", "pass"], {}),
        "python -c 'import typer'": ([PY, "-c", "import typer"], {}),
        "partnergraph --help": ([EXE, "--help"], {}),
        "partnergraph --help (en)": ([EXE, "--help"], en),
        "python -m partnergraph.cli --help": ([PY, "-m", "partnergraph.cli", "--help"], {}),
        "partnergraph query --help": ([EXE, "query", "--help"], {}),
        **earlier,
    }


def wall(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds from start to exit of one fresh process, its CPU seconds (user + system: less
    disturbed by other processes than wall time), and what it printed."""
    full = {**os.environ, "COLUMNS": "100", **env}
    # As installed: bytecode compiled once (the warm-up run writes it), not on every start.
    full.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=full)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            tail = err.read().decode("utf-8", "replace")[-500:]
            sys.exit(f"{' '.join(argv)} failed ({process.returncode}): {tail}")
        printed = out.read().decode("utf-8", "replace")
    return seconds, usage.ru_utime + usage.ru_stime, printed


def interleaved(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int
) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, str]]:
    """Run every command once per run, rotating the order; run 0 is a warm-up."""
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    outputs: dict[str, str] = {}
    for run in range(runs + 1):
        shift = run % len(names)
        for name in names[shift:] + names[:shift]:
            seconds, used, out = wall(*commands[name])
            outputs[name] = out
            if run:
                times[name].append(seconds)
                cpu[name].append(used)
            else:
                FIRST[name] = seconds
    return times, cpu, outputs


FIRST: dict[str, float] = {}
"""Each command's wall time in the warm-up run: its first call (cold caches, bytecode written)."""


def figures(
    times: dict[str, list[float]], cpu: dict[str, list[float]], floor_of: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Median, fastest and both ratios of each command against its floor."""
    out: dict[str, dict[str, Any]] = {}
    for name, runs in times.items():
        floor = floor_of.get(name)
        figure: dict[str, Any] = {
            "first_s": FIRST.get(name),
            "median_s": statistics.median(runs),
            "fastest_s": min(runs),
            "cpu_median_s": statistics.median(cpu[name]),
            "runs_s": runs,
            "cpu_s": cpu[name],
        }
        if floor is not None and floor != name:
            base = times[floor]
            figure["floor"] = floor
            figure["ratio_of_medians"] = figure["median_s"] / statistics.median(base)
            figure["cpu_ratio"] = figure["cpu_median_s"] / statistics.median(cpu[floor])
            pairs = zip(runs, base, strict=True)
            figure["median_ratio"] = statistics.median(a / b for a, b in pairs)
            if FIRST.get(name) and FIRST.get(floor):
                figure["first_ratio"] = FIRST[name] / FIRST[floor]
        out[name] = figure
    return out


def query_commands(
    data: Path, store: Path, queries: list[str], tmp: Path
) -> tuple[dict[str, tuple[list[str], dict[str, str]]], dict[str, str]]:
    """For each named query, partnergraph's cold command and the pyoxigraph script."""
    sys.path.insert(0, str(ROOT / "src"))
    from partnergraph.engine.sparql import bind_as_values
    from partnergraph.query.library import find_query
    from partnergraph.rdf.namespaces import PREFIXES

    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    base = [EXE, "--data", str(data), "--store", f"oxigraph:{store}"]
    wall([*base, "query", queries[0], "--format", "csv"], {})  # builds the store if needed
    commands: dict[str, tuple[list[str], dict[str, str]]] = {}
    floor_of: dict[str, str] = {}
    for name in queries:
        named = find_query(name)
        text_file = tmp / f"{name}.rq"
        text_file.write_text(
            prefixes + bind_as_values(named.text, named.bindings({"lang": "da"})),
            encoding="utf-8",
        )
        floor = f"pyoxigraph script: {name}"
        commands[floor] = ([PY, "-c", MINIMAL_QUERY, str(store), str(text_file)], {})
        commands[f"partnergraph query {name}"] = ([*base, "query", name, "--format", "csv"], {})
        floor_of[f"partnergraph query {name}"] = floor
    return commands, floor_of


def same_rows(ours: str, floor: str) -> bool | str:
    """The same answer: the same rows, cell by cell, in any order (headers and quoting aside);
    "values" when they are the same only once the parts of concatenated cells are sorted (a raw
    engine orders a GROUP_CONCAT's parts as it meets them, partnergraph sorts them)."""

    def rows(text: str, loose: bool = False) -> list[list[str]]:
        found = list(csv.reader(io.StringIO(text)))[1:]
        return sorted([[_parts_sorted(c) if loose else c for c in row] for row in found])

    if rows(ours) == rows(floor):
        return True
    return "values" if rows(ours, True) == rows(floor, True) else False


def _parts_sorted(cell: str) -> str:
    for separator in ("; ", ", "):
        if separator in cell:
            return separator.join(sorted(cell.split(separator)))
    return cell


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| command | first (s) | median (s) | fastest (s) | CPU (s) | floor | first ratio "
        "| ratio of medians | median of ratios | CPU ratio | answers agree |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for name, f in results.items():
        ratios = (
            (f"{f['ratio_of_medians']:.2f}", f"{f['median_ratio']:.2f}", f"{f['cpu_ratio']:.2f}")
            if "floor" in f
            else ("-", "-", "-")
        )
        agrees = {True: "yes", "values": "yes¹", False: "**no**", None: "-"}[f.get("agrees")]
        first = f"{f['first_s']:.3f}" if f.get("first_s") else "-"
        first_ratio = f"{f['first_ratio']:.2f}" if "first_ratio" in f else "-"
        lines.append(
            f"| `{name}` | {first} | {f['median_s']:.3f} | {f['fastest_s']:.3f} "
            f"| {f['cpu_median_s']:.3f} | {f.get('floor', '-')} | {first_ratio} | {ratios[0]} "
            f"| {ratios[1]} | {ratios[2]} | {agrees} |"
        )
    if any(f.get("agrees") == "values" for f in results.values()):
        lines += [
            "",
            "¹ The same values once the parts of concatenated cells are sorted: the raw engine "
            "orders a GROUP_CONCAT's parts as it meets them, partnergraph sorts them.",
        ]
    return "\n".join(lines)


def phases(data: Path, store: Path, queries: list[str], runs: int) -> str:
    """Each query's CPU phases inside both processes, and the ratio partnergraph's command would
    have if the engine took the floor's time: robust where the engine's own time moves by a third
    from run to run (a shared machine), since both sides are charged the same engine time."""
    lines = [
        "| query | ours: before engine / engine / after (CPU-s) | script: before / rest (CPU-s) "
        "| ratio of total medians | ratio at the floor's engine time |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        commands, floor_of = query_commands(data, store, queries, Path(tmp))
        for ours, floor in floor_of.items():
            ours_argv, floor_argv = commands[ours][0], commands[floor][0]
            timed = {
                ours: [PY, "-c", OURS_PHASES, *ours_argv[1:]],
                floor: [PY, "-c", SCRIPT_PHASES, *floor_argv[3:]],
            }
            marks: dict[str, list[dict[str, float]]] = {ours: [], floor: []}
            for run in range(runs + 1):
                for name in list(timed)[run % 2 :] + list(timed)[: run % 2]:
                    text = _stderr_of(timed[name])
                    if run:
                        marks[name].append(json.loads(text.strip().splitlines()[-1]))
            o_before = statistics.median(m["before"] for m in marks[ours])
            o_engine = statistics.median(m["engine"] for m in marks[ours])
            o_after = statistics.median(m["total"] - m["before"] - m["engine"] for m in marks[ours])
            o_total = statistics.median(m["total"] for m in marks[ours])
            s_before = statistics.median(m["before"] for m in marks[floor])
            s_rest = statistics.median(m["total"] - m["before"] for m in marks[floor])
            s_total = statistics.median(m["total"] for m in marks[floor])
            lines.append(
                f"| `{ours.removeprefix('partnergraph query ')}` "
                f"| {o_before:.3f} / {o_engine:.3f} / {o_after:.3f} "
                f"| {s_before:.3f} / {s_rest:.3f} | {o_total / s_total:.2f} "
                f"| {(o_before + s_rest + o_after) / (s_before + s_rest):.2f} |"
            )
    return "\n".join(lines)


def _stderr_of(argv: list[str]) -> str:
    full = {**os.environ, "COLUMNS": "100"}
    full.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(argv, capture_output=True, text=True, env=full, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[:3])}... failed ({done.returncode}): {done.stderr[-500:]}")
    return done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="counted runs of each command")
    parser.add_argument("--no-help", action="store_true", help="skip the help figures")
    parser.add_argument(
        "--before", type=Path, help="also time --help of the package in this src/ folder"
    )
    parser.add_argument("--data", type=Path, help="a folder made by partnergraph generate")
    parser.add_argument("--store", type=Path, help="the on-disk store of --data (built once)")
    parser.add_argument(
        "--queries", default="formal-partnerships,governance,timeline,strategy-documents"
    )
    parser.add_argument("--output", type=Path, help="also write the figures here as JSON")
    parser.add_argument(
        "--phases",
        action="store_true",
        help="with --data: time the phases inside both processes instead (see phases())",
    )
    args = parser.parse_args()
    if (args.data is None) != (args.store is None):
        parser.error("--data and --store go together")
    if args.phases:
        if args.data is None:
            parser.error("--phases needs --data and --store")
        load_before = os.getloadavg()[0]
        queries = args.queries.split(",")
        found = phases(args.data.resolve(), args.store.resolve(), queries, args.runs)
        print(
            f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
            f"{args.runs} runs of each, interleaved; CPU medians\n"
        )
        print(found)
        return
    results: dict[str, dict[str, Any]] = {}
    load_before = os.getloadavg()[0]
    if not args.no_help:
        commands = help_commands(args.before)
        baseline = next(iter(commands))
        times, cpu, _ = interleaved(commands, args.runs)
        results.update(figures(times, cpu, dict.fromkeys(commands, baseline)))
    if args.data is not None:
        with tempfile.TemporaryDirectory() as tmp:
            commands, floor_of = query_commands(
                args.data.resolve(), args.store.resolve(), args.queries.split(","), Path(tmp)
            )
            times, cpu, outputs = interleaved(commands, args.runs)
        found = figures(times, cpu, floor_of)
        for ours, floor in floor_of.items():
            found[ours]["agrees"] = same_rows(outputs[ours], outputs[floor])
        results.update(found)
    load_after = os.getloadavg()[0]
    print(
        f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after; "
        f"{os.cpu_count()} cores; {args.runs} runs of each, interleaved\n"
    )
    print(table(results))
    if args.output:
        report = {"load": [load_before, load_after], "runs": args.runs, "results": results}
        args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
