"""A small pool of worker processes, so that one runaway query cannot starve the others.

Each worker (:mod:`partnergraph.server.worker`) holds its own copy of the store and runs one
job at a time. A job that is not answered within the time limit is stopped the only sure way:
its process is killed, a loaded spare takes its place at once, and a new spare is started in
the background. The web process only waits (in a thread per busy worker), so it stays free to
answer everyone else.

A query stopped at the limit is refused for ``cooldown`` seconds afterwards, recognised by its
fingerprint (:mod:`partnergraph.server.fingerprint`: rewording, renaming or a new comment does
not make it new). The client that sent it (its address) is then limited for as long: its ad hoc
queries share one fewer than the serving workers with those of every other limited client, so
clients whose queries keep running into the limit, however reworded, never hold every worker
(with a single worker there is nothing to share); when a second of its queries is stopped
within the cool-down, its ad hoc queries are refused until the cool-down has passed. Library
queries, graph reads and pages are not limited: their text is fixed. Clients are told apart by
address only; behind a proxy, or on loopback, all requests are one client.

Until an ad hoc query has once finished within the limit, copies of it (by fingerprint) run one
at a time: the second of two rewordings of a runaway waits for the first and is then refused,
instead of taking a second worker.

Updates (only with ``--allow-update``) take every worker: the first applies the update and
writes the whole dataset to a snapshot file, then every worker reloads from that snapshot, so
all copies stay the same. Workers started later load the newest snapshot.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Coroutine, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from partnergraph.server.config import ServerError
from partnergraph.server.fingerprint import query_fingerprint
from partnergraph.server.jobs import (
    Job,
    QueryJob,
    ReloadJob,
    Reply,
    StoreInfo,
    UpdateJob,
    WorkerSetup,
)
from partnergraph.server.processes import Overrun, WorkerProcess, ran_out_of_memory

__all__ = ["WorkerPool"]

log = logging.getLogger("partnergraph.server")

T = TypeVar("T")


class WorkerPool:
    """``size`` serving workers plus ``spares`` loaded ones, all holding the same data."""

    def __init__(
        self,
        setup: WorkerSetup,
        *,
        size: int = 2,
        spares: int = 1,
        timeout: float = 10.0,
        queue_timeout: float = 30.0,
        cooldown: float = 60.0,
        startup_timeout: float = 600.0,
    ) -> None:
        self.size = size
        self.spares = spares
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self.cooldown = cooldown
        self.startup_timeout = startup_timeout
        self._overran: dict[Hashable, float] = {}
        """Queries stopped at the time limit, until when they are refused without running."""
        self._limited: dict[str, tuple[float, int]] = {}
        """Clients whose queries were stopped at the time limit: until when they are limited,
        and how many were stopped in a row (each less than ``cooldown`` after the last)."""
        self.lane_in_use = 0
        """How many workers limited clients' ad hoc queries hold now: together at most one
        fewer than the workers serving, so the others always have one."""
        self._running: dict[Hashable, asyncio.Event] = {}
        """Ad hoc queries not yet known to finish in time, running now: one at a time each."""
        self._proven: dict[Hashable, float] = {}
        """Ad hoc queries that finished within the time limit lately, until when that counts."""
        self._setup = setup
        self._generation = 0
        self._context = multiprocessing.get_context("spawn")
        self._active: list[WorkerProcess] = []
        self._spare: list[WorkerProcess] = []
        self._everyone: set[WorkerProcess] = set()
        self._info: StoreInfo | None = None
        self._idle: asyncio.Queue[WorkerProcess] | None = None
        self._update_lock: asyncio.Lock | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._threads = ThreadPoolExecutor(max_workers=size + spares + 4, thread_name_prefix="pg")
        self._folder: Path | None = None
        self._snapshot: Path | None = None
        self._started = False
        self._closed = False
        self.replaced = 0
        """How many workers were killed and replaced (overruns and crashes)."""

    # --- starting and stopping ---------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._started

    @property
    def info(self) -> StoreInfo:
        if self._info is None:
            raise RuntimeError("the pool has not started")
        return self._info

    def start(self) -> None:
        """Start every worker and wait until all have loaded the data (blocking)."""
        if self._started:
            return
        self._folder = Path(tempfile.mkdtemp(prefix="partnergraph-server-"))
        launched = [self._launch(self._setup, 0) for _ in range(self.size + self.spares)]
        try:
            infos = [self._await_ready(w) for w in launched]
        except BaseException:
            for w in launched:
                self._stop(w)
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        self._info = infos[0]
        self._active = launched[: self.size]
        self._spare = launched[self.size :]
        self._started = True

    def close(self) -> None:
        """Stop every worker and remove the snapshots (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        for w in list(self._everyone):
            w.kill()
        for w in list(self._everyone):
            self._stop(w)
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def _launch(self, setup: WorkerSetup, generation: int) -> WorkerProcess:
        w = WorkerProcess.launch(self._context, setup, generation)
        self._everyone.add(w)
        return w

    def _await_ready(self, w: WorkerProcess) -> StoreInfo:
        return w.ready(self.startup_timeout)

    def _stop(self, w: WorkerProcess) -> None:
        w.reap()
        self._everyone.discard(w)

    # --- running jobs ------------------------------------------------------------------------

    def _queue(self) -> asyncio.Queue[WorkerProcess]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for w in self._active:
                self._idle.put_nowait(w)
        return self._idle

    def _lock(self) -> asyncio.Lock:
        if self._update_lock is None:
            self._update_lock = asyncio.Lock()
        return self._update_lock

    async def run(self, job: Job, client: str | None = None) -> Reply:
        """Run ``job`` on a free worker; overrunning the time limit kills the worker (503).

        ``client`` (the address the request came from) is who is limited after one of its
        ad hoc queries overran; ad hoc queries without one count as one client.
        """
        if self._closed or not self._started:
            return _closing()
        signature = await _signature(job)
        if signature is not None and (refused := self._cooling(signature)) is not None:
            return refused
        limited = False
        if isinstance(job, QueryJob):
            client = client or "-"
            strikes = self._strikes(client)
            if strikes >= BLOCK_AFTER:
                return self._blocked(client, strikes)
            limited = strikes > 0
        queue = self._queue()
        in_lane = False
        turn: asyncio.Event | None = None
        try:
            async with asyncio.timeout(self.queue_timeout):
                if signature is not None:
                    turn, refused = await self._take_turn(signature)
                    if refused is not None:
                        return refused
                if limited:
                    while not self._lane_open():
                        await asyncio.sleep(0.05)
                    self.lane_in_use += 1
                    in_lane = True
                w = await queue.get()
        except BaseException as exc:
            if in_lane:
                self.lane_in_use -= 1
            self._end_turn(signature, turn)
            if isinstance(exc, TimeoutError):
                return _busy()
            raise
        # Shielded: if the client goes away, the job still ends in a known state.
        work = self._run_in_lane(w, job, client, in_lane, signature, turn)
        return await asyncio.shield(self._background(work))

    async def _run_in_lane(
        self,
        w: WorkerProcess,
        job: Job,
        client: str | None,
        lane: bool,
        signature: Hashable | None,
        turn: asyncio.Event | None,
    ) -> Reply:
        try:
            return await self._run_on(w, job, client, signature)
        finally:
            if lane:
                self.lane_in_use -= 1
            self._end_turn(signature, turn)

    async def _take_turn(self, signature: Hashable) -> tuple[asyncio.Event | None, Reply | None]:
        """Wait while the same query (by fingerprint) runs for someone else, unless it is known
        to finish in time: two rewordings of a runaway never run side by side, and the second
        is refused as soon as the first is stopped. Returns the turn to end, or the refusal."""
        while True:
            if (refused := self._cooling(signature)) is not None:
                return None, refused
            proven = self._proven.get(signature)
            if proven is not None and proven > time.monotonic():
                return None, None
            running = self._running.get(signature)
            if running is None:
                turn = self._running[signature] = asyncio.Event()
                return turn, None
            await running.wait()

    def _end_turn(self, signature: Hashable | None, turn: asyncio.Event | None) -> None:
        if turn is None:
            return
        turn.set()
        if self._running.get(signature) is turn:
            del self._running[signature]

    def _prove(self, signature: Hashable) -> None:
        """Remember that this query finished in time: copies of it may run side by side."""
        now = time.monotonic()
        if len(self._proven) > 10_000:
            self._proven = {k: t for k, t in self._proven.items() if t > now}
            if len(self._proven) > 10_000:
                self._proven.clear()
        self._proven[signature] = now + PROVEN_FOR

    def _lane_open(self) -> bool:
        """Whether a limited client's query may take a worker: never the last one serving.

        Counted against the workers serving now, not the configured number: right after a
        worker was stopped there may be one fewer until its replacement has loaded.
        """
        room = len(self._active) - 1 if self.size > 1 else 1
        return self.lane_in_use < room

    def _strikes(self, client: str) -> int:
        """How many of ``client``'s queries were stopped in a row lately (0: not limited)."""
        entry = self._limited.get(client)
        if entry is None:
            return 0
        if entry[0] <= time.monotonic():
            del self._limited[client]
            return 0
        return entry[1]

    def _blocked(self, client: str, strikes: int) -> Reply:
        wait = max(1, round(self._limited[client][0] - time.monotonic()))
        return Reply.say(
            503,
            "server.strikes",
            ("Retry-After", str(wait)),
            strikes=strikes,
            seconds=self.timeout,
            wait=wait,
        )

    def limited(self, client: str) -> bool:
        """Whether ``client``'s ad hoc queries are limited, after one of them overran."""
        return self._strikes(client) > 0

    async def _run_on(
        self,
        w: WorkerProcess,
        job: Job,
        client: str | None = None,
        signature: Hashable | None = None,
    ) -> Reply:
        try:
            if w.generation != self._generation:  # loaded before the last update
                await self._call(w, ReloadJob(self._setup.files), self._reload_timeout())
                w.generation = self._generation
            reply = await self._call(w, job, self.timeout)
            if reply.checked and w.generation == self._generation:
                self._setup = replace(self._setup, checked=self._setup.checked | {reply.checked})
        except Overrun:
            self._retire(w, f"a request ran past the {self.timeout:g} s limit")
            if signature is not None:
                until = time.monotonic() + self.cooldown
                self._overran[signature] = until
                who = client or "-"
                self._limited[who] = (until, self._strikes(who) + 1)
            return Reply.say(503, "server.timeout", seconds=self.timeout)
        except (EOFError, OSError):
            if self._closed:
                return _closing()
            if await asyncio.to_thread(ran_out_of_memory, w):
                self._retire(w, "a query ran out of the memory a query may use")
                return Reply.say(500, "server.memory")
            self._retire(w, "a worker stopped unexpectedly")
            return Reply.say(500, "server.worker.died")
        if reply.retire:
            self._retire(w, "a query ran out of the memory a query may use")
            return reply
        if signature is not None:
            self._prove(signature)
        self._release(w)
        return reply

    def _cooling(self, signature: Hashable) -> Reply | None:
        """A 503 for a query that overran recently: retrying it would only take a worker."""
        now = time.monotonic()
        for key in [k for k, until in self._overran.items() if until <= now]:
            del self._overran[key]
        until = self._overran.get(signature)
        if until is None:
            return None
        wait = max(1, round(until - now))
        return Reply.say(
            503, "server.cooldown", ("Retry-After", str(wait)), seconds=self.timeout, wait=wait
        )

    async def _call(self, w: WorkerProcess, job: Job, timeout: float) -> Reply:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._threads, w.call, job, timeout)
        except RuntimeError:
            if self._closed:  # the threads were shut down: the server is stopping
                raise EOFError from None
            raise

    def _release(self, w: WorkerProcess) -> None:
        if self._closed or w not in self._active:
            return
        self._queue().put_nowait(w)

    def _retire(self, w: WorkerProcess, reason: str) -> None:
        """Kill ``w`` now, put a spare in its place, and start a new worker."""
        w.kill()
        if w in self._active:
            self._active.remove(w)
        self.replaced += 1
        if self._closed:
            return
        log.warning("partnergraph: %s; its worker process was stopped and replaced", reason)
        self._threads.submit(self._stop, w)
        if self._spare:
            spare = self._spare.pop(0)
            self._active.append(spare)
            self._queue().put_nowait(spare)
        self._background(self._replenish())

    async def _replenish(self) -> None:
        loop = asyncio.get_running_loop()
        delay = 1.0
        while not self._closed:
            setup, generation = self._setup, self._generation
            w = self._launch(setup, generation)
            try:
                await loop.run_in_executor(self._threads, self._await_ready, w)
            except (ServerError, RuntimeError) as exc:
                self._stop(w)
                if self._closed:  # stopped on purpose, mid-load, at shutdown
                    return
                log.error("partnergraph: could not start a query worker: %s", exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed:
                self._stop(w)
                return
            if len(self._active) < self.size:
                self._active.append(w)
                self._queue().put_nowait(w)
            else:
                self._spare.append(w)
            return

    def _background(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # --- updates -----------------------------------------------------------------------------

    async def update(self, job: UpdateJob) -> Reply:
        """Apply an update on one worker, then reload every worker from its snapshot."""
        if self._closed or not self._started:
            return _closing()
        return await asyncio.shield(self._background(self._update(job)))

    def _reload_timeout(self) -> float:
        return max(60.0, 10 * self.timeout)

    async def _update(self, job: UpdateJob) -> Reply:
        async with self._lock():
            queue = self._queue()
            held: list[WorkerProcess] = []
            try:
                async with asyncio.timeout(self.queue_timeout):
                    while len(held) < len(self._active):
                        held.append(await queue.get())
            except TimeoutError:
                for w in held:
                    self._release(w)
                return _busy()
            try:
                return await self._apply(job, held)
            finally:
                for w in held:
                    self._release(w)

    async def _apply(self, job: UpdateJob, held: list[WorkerProcess]) -> Reply:
        assert self._folder is not None
        snapshot = self._folder / f"snapshot-{self._generation + 1}.nq"
        first = held[0]
        try:
            if first.generation != self._generation:
                await self._call(first, ReloadJob(self._setup.files), self._reload_timeout())
                first.generation = self._generation
            reply = await self._call(first, replace(job, snapshot=str(snapshot)), self.timeout)
        except Overrun:
            self._retire(first, f"an update ran past the {self.timeout:g} s limit")
            return Reply.say(503, "server.update.timeout", seconds=self.timeout)
        except (EOFError, OSError):
            if self._closed:
                return _closing()
            self._retire(first, "a worker stopped unexpectedly during an update")
            return Reply.say(500, "server.update.died")
        if reply.status >= 300:
            return reply
        # From now on the snapshot is the data: every worker, present and future, loads it.
        self._setup = replace(self._setup, files=(str(snapshot),), checked=frozenset())
        self._generation += 1
        for w in [*held, *self._spare]:
            try:
                reloaded = await self._call(w, ReloadJob(self._setup.files), self._reload_timeout())
            except (Overrun, EOFError, OSError):
                reloaded = None
            if reloaded is None or reloaded.info is None:
                self._retire_spare_or_active(w)
                continue
            w.generation = self._generation
            self._info = reloaded.info
        if self._snapshot is not None:
            self._snapshot.unlink(missing_ok=True)
        self._snapshot = snapshot
        return reply

    def _retire_spare_or_active(self, w: WorkerProcess) -> None:
        if w in self._spare:
            self._spare.remove(w)
            w.kill()
            self._threads.submit(self._stop, w)
            self._background(self._replenish())
        else:
            self._retire(w, "a worker could not reload the data after an update")


PROVEN_FOR = 600.0
"""Seconds an ad hoc query that finished in time may run beside copies of itself."""

BLOCK_AFTER = 2
"""After this many of its queries were stopped in a row, a client's ad hoc queries are refused
for the cool-down (before, they share the workers limited clients may use)."""


async def _signature(job: Job) -> Hashable | None:
    """What makes two ad hoc queries the same query; None for everything else.

    A long text is fingerprinted in a thread, so that the event loop goes on serving others.
    """
    if not isinstance(job, QueryJob):
        return None
    if len(job.text) > 4096:
        fingerprint = await asyncio.to_thread(query_fingerprint, job.text)
    else:
        fingerprint = query_fingerprint(job.text)
    return (fingerprint, job.default_graphs, job.named_graphs)


def _closing() -> Reply:
    return Reply.say(503, "server.closing")


def _busy() -> Reply:
    return Reply.say(503, "server.busy", ("Retry-After", "5"))


def default_setup(
    store: str | None,
    files: list[Path],
    queries: Path | None,
    *,
    max_value_bytes: int = WorkerSetup.max_value_bytes,
    max_result_bytes: int = WorkerSetup.max_result_bytes,
    query_memory_bytes: int = WorkerSetup.query_memory_bytes,
) -> WorkerSetup:
    return WorkerSetup(
        store=store,
        files=tuple(str(f.resolve()) for f in files),
        queries=None if queries is None else str(queries.resolve()),
        parent_pid=os.getpid(),
        max_value_bytes=max_value_bytes,
        max_result_bytes=max_result_bytes,
        query_memory_bytes=query_memory_bytes,
    )
