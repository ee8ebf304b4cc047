"""Load on the SPARQL server: many clients asking the query library, with and without a runaway.

    .venv/bin/python bench/server_load.py [--clients 16] [--requests 3000] [--max-seconds 60]
                                          [--timeout 5] [--workers 2]

Starts ``python -m partnergraph.server`` on a free 127.0.0.1 port (bundled data, in-memory
Oxigraph), warms it up, then runs two rounds of ``--requests`` requests each from ``--clients``
threads (one keep-alive httpx client each), cycling through every case of tests/golden (the
named library queries with their parameters, in both languages):

1. alone;
2. beside a runaway client that keeps sending a huge cross join, which the server stops at its
   time limit (``--timeout`` seconds, 5 by default so that a round sees several stops).

Each round stops after its requests or after ``--max-seconds``. For each it prints throughput,
the 50th and 99th percentile latency, and the errors (any answer but 200, or a failed request),
which must be zero; the runaway's own answers (503 after the limit) are counted apart. Exits 1
if any library request failed. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from w3c_protocol import Server, running_server  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class Round:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    runaway: list[int] = field(default_factory=list)
    replaced: int = 0
    messages: dict[str, int] = field(default_factory=dict)
    """Distinct answers other than 200 and the runaway's expected 503, for the record."""


def library_requests() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for golden in sorted((ROOT / "tests" / "golden").glob("*.json")):
        case: dict[str, Any] = json.loads(golden.read_text(encoding="utf-8"))
        cases.append((f"/api/queries/{case['query']}", {**case["params"], "lang": case["lang"]}))
    return cases


def run_round(
    server: Server, name: str, *, clients: int, requests: int, max_seconds: float, runaway: bool
) -> Round:
    cases = library_requests()
    outcome = Round(name)
    counter = itertools.count()
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds
    stop = threading.Event()

    def client() -> None:
        with httpx.Client(base_url=server.base, timeout=60) as http:
            while time.monotonic() < deadline:
                number = next(counter)
                if number >= requests:
                    return
                path, params = cases[number % len(cases)]
                started = time.perf_counter()
                try:
                    response = http.get(path, params=params)
                    problem = None
                    if response.status_code != 200:
                        problem = f"{response.status_code} {response.text.strip()[:90]}"
                except httpx.HTTPError as exc:
                    problem = type(exc).__name__
                elapsed = time.perf_counter() - started
                with lock:
                    outcome.latencies.append(elapsed)
                    if problem:
                        outcome.errors.append(problem)
                        outcome.messages[problem] = outcome.messages.get(problem, 0) + 1

    def runaway_client() -> None:
        with httpx.Client(base_url=server.base, timeout=120) as http:
            for variant in itertools.count():
                if stop.is_set():
                    return
                # A new text each time: the same text is refused for a while after it overran.
                query = f"{RUNAWAY} # {variant}"
                try:
                    response = http.get("/sparql", params={"query": query})
                    status = response.status_code
                    expected = ("limit", "shutting down")  # stopped, or the last one at the end
                    if status != 503 or not any(word in response.text for word in expected):
                        note = f"runaway {status} {response.text.strip()[:90]}"
                        with lock:
                            outcome.messages[note] = outcome.messages.get(note, 0) + 1
                except httpx.HTTPError:
                    status = 0
                outcome.runaway.append(status)

    before = _replaced(server)
    started = time.perf_counter()
    extra = [threading.Thread(target=runaway_client, daemon=True)] if runaway else []
    for thread in extra:
        thread.start()
    if runaway:
        time.sleep(0.5)  # let it take a worker first
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    stop.set()
    outcome.replaced = _replaced(server) - before
    return outcome


def _replaced(server: Server) -> int:
    """Workers stopped so far, from the server's log lines."""
    log = server.log.read_text(encoding="utf-8", errors="replace")
    return log.count("was stopped and replaced")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's query limit")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    options = ["--timeout", str(args.timeout), "--workers", str(args.workers)]
    with running_server(*options) as server:
        # Warm up: every worker has checked every library query once.
        with httpx.Client(base_url=server.base, timeout=60) as http:
            for path, params in library_requests() * args.workers * 2:
                http.get(path, params=params).raise_for_status()
        rounds = [
            run_round(
                server,
                "library alone",
                clients=args.clients,
                requests=args.requests,
                max_seconds=args.max_seconds,
                runaway=False,
            ),
            run_round(
                server,
                "beside a runaway",
                clients=args.clients,
                requests=args.requests,
                max_seconds=args.max_seconds,
                runaway=True,
            ),
        ]
    print(
        f"{args.clients} clients, {args.workers} workers, time limit {args.timeout:g} s, "
        f"{len(library_requests())} library requests in turn"
    )
    header = (
        f"{'round':<18} {'requests':>8} {'errors':>6} {'seconds':>8} {'req/s':>7} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'runaway answers':>16} {'stopped':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in rounds:
        runaway = ", ".join(f"{n}x{s}" for s, n in sorted(_counts(r.runaway).items())) or "-"
        print(
            f"{r.name:<18} {len(r.latencies):>8} {len(r.errors):>6} {r.seconds:>8.1f} "
            f"{len(r.latencies) / r.seconds:>7.0f} {1000 * statistics.median(r.latencies):>7.1f} "
            f"{1000 * percentile(r.latencies, 0.99):>7.1f} {1000 * max(r.latencies):>7.0f} "
            f"{runaway:>16} {r.replaced:>7}"
        )
    for r in rounds:
        for message, count in sorted(r.messages.items()):
            print(f"  {r.name}: {count}x {message}")
    assert server.stopped is not None
    code, log = server.stopped
    unexpected = [line for line in log.splitlines() if "stopped and replaced" not in line]
    if code not in (0, 130) or unexpected:
        print(f"server exit code {code}; its log:\n" + "\n".join(unexpected), file=sys.stderr)
    return 1 if any(r.errors for r in rounds) else 0


def _counts(values: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for value in values:
        found[value] = found.get(value, 0) + 1
    return found


if __name__ == "__main__":
    sys.exit(main())
