"""Load on the SPARQL server: many clients asking the query library, with and without runaways.

    .venv/bin/python bench/server_load.py [--clients 14] [--runaways 2] [--requests 3000]
                                          [--max-seconds 60] [--timeout 5] [--workers 2]
                                          [--rewording all] [--addresses own]

Starts ``partnergraph serve`` on a free 127.0.0.1 port (bundled data, in-memory
Oxigraph), warms it up, then runs two rounds of ``--requests`` requests each from ``--clients``
threads (one keep-alive httpx client each), cycling through every case of tests/golden (the
named library queries with their parameters, in both languages):

1. alone;
2. beside ``--runaways`` clients that keep sending a huge cross join, reworded each time so
   that it is never the same text, which the server stops at its time limit (``--timeout``
   seconds, 5 by default so that a round sees several stops). ``--rewording`` says how:
   ``comment`` (a new comment, as in issue 9), ``names`` (new variable names and literal
   values, other keyword case and spacing), ``structure`` (one more FILTER with a new IRI, which
   no fingerprint can see through) or ``all`` (each in turn).

With ``--addresses own`` (the default) every client, runaway or not, connects from its own
loopback address (127.0.0.2, 127.0.0.3, ...), as different machines would; with ``shared`` all
come from 127.0.0.1, like programs on the server's own machine.

Each round stops after its requests or after ``--max-seconds``. For each it prints throughput,
the 50th and 99th percentile latency, and the errors (any answer but 200, or a failed request),
which must be zero; the runaways' own answers (503: stopped at the limit, refused as the same
query cooling down, refused as a blocked client, or busy) are counted apart. A runaway answered
at once tries again 0.2 s later. Exits 1 if any library request failed or if the 99th
percentile beside the runaways is over ``--p99-limit`` seconds (1 by default). Not a test:
numbers depend on the machine.
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

REWORDINGS = ("comment", "names", "structure")


def reworded(variant: int, how: str) -> str:
    """The runaway, worded anew: never the same text twice."""
    kind = REWORDINGS[variant % len(REWORDINGS)] if how == "all" else how
    if kind == "comment":
        return f"{RUNAWAY} # {variant}"
    if kind == "names":
        names = [f"?v{variant}x{n}" for n in range(9)]
        return (
            f"select   (count(*) as ?total{variant})\nwhere {{ {names[0]} {names[1]} {names[2]} . "
            f"{names[3]} {names[4]} {names[5]} . {names[6]} {names[7]} {names[8]} "
            f'FILTER({names[0]} != "{variant}") }}'
        )
    return RUNAWAY.replace("?i }", f"?i FILTER(?a != <urn:partnergraph:bench:{variant}>) }}")


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
    refusals: dict[str, int] = field(default_factory=dict)
    """The runaways' 503s by kind: stopped at the limit, refused (cooling down), busy."""


def library_requests() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for golden in sorted((ROOT / "tests" / "golden").glob("*.json")):
        case: dict[str, Any] = json.loads(golden.read_text(encoding="utf-8"))
        cases.append((f"/api/queries/{case['query']}", {**case["params"], "lang": case["lang"]}))
    return cases


def _address(number: int, own: bool) -> str:
    """Client ``number``'s loopback address: its own (127.0.0.2...) or the shared 127.0.0.1."""
    return f"127.0.{2 + number // 250}.{2 + number % 250}" if own else "127.0.0.1"


def _http(base: str, timeout: float, address: str) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=base, timeout=timeout, transport=transport)


def run_round(
    server: Server,
    name: str,
    *,
    clients: int,
    requests: int,
    max_seconds: float,
    runaways: int,
    rewording: str = "all",
    own_addresses: bool = True,
) -> Round:
    cases = library_requests()
    outcome = Round(name)
    counter = itertools.count()
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds
    stop = threading.Event()

    def client(number: int) -> None:
        with _http(server.base, 60, _address(number, own_addresses)) as http:
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

    variants = itertools.count()

    def runaway_client(number: int) -> None:
        with _http(server.base, 120, _address(clients + number, own_addresses)) as http:
            while True:
                if stop.is_set():
                    return
                # A new text each time: the same text is refused for a while after it overran.
                query = reworded(next(variants), rewording)
                try:
                    response = http.get("/sparql", params={"query": query})
                    status = response.status_code
                    # stopped at the limit, refused while cooling down, waited too long for
                    # the workers limited clients share, or the last one at the end
                    expected = ("limit", "busy", "refused", "shutting down")
                    if status != 503 or not any(word in response.text for word in expected):
                        note = f"runaway {status} {response.text.strip()[:90]}"
                        with lock:
                            outcome.messages[note] = outcome.messages.get(note, 0) + 1
                except httpx.HTTPError:
                    status = 0
                with lock:
                    outcome.runaway.append(status)
                    if status == 503:
                        kind = _refusal(response.text)
                        outcome.refusals[kind] = outcome.refusals.get(kind, 0) + 1
                if status == 503 and _refusal(response.text) != "stopped":
                    # Answered at once: try again soon (ignoring Retry-After), but not in a
                    # tight loop, which would measure this process's own lock, not the server.
                    time.sleep(0.2)

    before = _replaced(server)
    started = time.perf_counter()
    extra = [
        threading.Thread(target=runaway_client, args=(n,), daemon=True) for n in range(runaways)
    ]
    for thread in extra:
        thread.start()
    if runaways:
        time.sleep(0.5)  # let them take the workers first
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    stop.set()
    outcome.replaced = _replaced(server) - before
    return outcome


def _refusal(text: str) -> str:
    """Which 503 a runaway got: stopped at the limit, or refused without running, and why."""
    if "not run again" in text:
        return "same query cooling down"
    if "in a row" in text:
        return "client blocked"
    if "busy" in text:
        return "busy"
    return "stopped"


def _replaced(server: Server) -> int:
    """Workers stopped so far, from the server's log lines."""
    log = server.log.read_text(encoding="utf-8", errors="replace")
    return log.count("was stopped and replaced")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=14)
    parser.add_argument("--runaways", type=int, default=2, help="reworded runaway clients")
    parser.add_argument("--rewording", choices=[*REWORDINGS, "all"], default="all")
    parser.add_argument("--addresses", choices=["own", "shared"], default="own")
    parser.add_argument("--p99-limit", type=float, default=1.0, help="seconds, beside runaways")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's query limit")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    options = ["--timeout", str(args.timeout), "--workers", str(args.workers)]
    own = args.addresses == "own"
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
                runaways=0,
                own_addresses=own,
            ),
            run_round(
                server,
                f"beside {args.runaways} runaway{'s' if args.runaways != 1 else ''}",
                clients=args.clients,
                requests=args.requests,
                max_seconds=args.max_seconds,
                runaways=args.runaways,
                rewording=args.rewording,
                own_addresses=own,
            ),
        ]
    print(
        f"{args.clients} clients, {args.workers} workers, time limit {args.timeout:g} s, "
        f"{len(library_requests())} library requests in turn; {args.runaways} runaway clients, "
        f"rewording: {args.rewording}; addresses: {args.addresses}"
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
        if r.refusals:
            kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(r.refusals.items()))
            print(f"  {r.name}: runaway 503s: {kinds}")
        for message, count in sorted(r.messages.items()):
            print(f"  {r.name}: {count}x {message}")
    p99 = percentile(rounds[1].latencies, 0.99)
    slow = p99 > args.p99_limit
    print(
        f"p99 beside the runaways: {1000 * p99:.0f} ms "
        f"({'over' if slow else 'within'} the {1000 * args.p99_limit:.0f} ms limit)"
    )
    assert server.stopped is not None
    code, log = server.stopped
    unexpected = [line for line in log.splitlines() if "stopped and replaced" not in line]
    if code not in (0, 130) or unexpected:
        print(f"server exit code {code}; its log:\n" + "\n".join(unexpected), file=sys.stderr)
    return 1 if slow or any(r.errors for r in rounds) else 0


def _counts(values: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for value in values:
        found[value] = found.get(value, 0) + 1
    return found


if __name__ == "__main__":
    sys.exit(main())
