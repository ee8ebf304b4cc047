"""One query worker process as the pool holds it: started, asked, killed, reaped.

The pool (:mod:`partnergraph.server.pool`) decides which worker runs what and when one is
replaced; this module is how a single process is started with Ctrl-C ignored, waited for,
sent a job down its pipe and stopped.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from partnergraph.server import worker as worker_module
from partnergraph.server.config import ServerError
from partnergraph.server.jobs import Job, Reply, StoreInfo, WorkerSetup

__all__ = ["Overrun", "WorkerProcess", "ran_out_of_memory", "sigint_ignored"]


class Overrun(Exception):
    """The worker did not answer within the time limit."""


@dataclass(eq=False)
class WorkerProcess:
    """One worker process and the pipe to it; the pool decides when it lives and dies."""

    process: BaseProcess
    conn: Connection
    generation: int

    @classmethod
    def launch(
        cls, context: multiprocessing.context.SpawnContext, setup: WorkerSetup, generation: int
    ) -> WorkerProcess:
        """Start a worker loading ``setup`` (it answers :meth:`ready` once it has)."""
        parent, child = context.Pipe(duplex=True)
        process = context.Process(
            target=worker_module.main,
            args=(child, setup),
            name="partnergraph-worker",
            daemon=True,
        )
        with sigint_ignored():
            process.start()
        child.close()
        return cls(process, parent, generation)

    def ready(self, timeout: float) -> StoreInfo:
        """Wait until the worker has loaded the data (blocking); a :class:`ServerError` if it
        does not within ``timeout`` seconds or stops instead."""
        try:
            if not self.conn.poll(timeout):
                raise ServerError(
                    f"a query worker did not finish loading the data in {timeout:g} s"
                )
            reply: Reply = self.conn.recv()
        except (EOFError, OSError):
            raise ServerError("a query worker stopped while loading the data") from None
        if reply.info is None:
            raise ServerError(reply.body.decode("utf-8", "replace").strip())
        return reply.info

    def call(self, job: Job, timeout: float) -> Reply:
        """Send a job and wait for its answer (blocking: run in a thread)."""
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise Overrun
        reply: Reply = self.conn.recv()
        return reply

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()

    def reap(self) -> None:
        self.kill()
        self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


@contextlib.contextmanager
def sigint_ignored() -> Iterator[None]:
    """Start children with Ctrl-C ignored: the web process alone decides when they stop.

    A terminal sends Ctrl-C to every process of the group; a Python started with SIGINT
    ignored keeps it ignored, so a worker still importing never prints a traceback.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def ran_out_of_memory(w: WorkerProcess) -> bool:
    """Whether a worker that hung up died of the memory limit (an abort) or the OOM killer."""
    w.process.join(2)
    code = w.process.exitcode
    return code is not None and code in (-signal.SIGABRT, -signal.SIGKILL)
