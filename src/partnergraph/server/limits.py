"""How much one answer and one worker may take: the value and answer caps, the memory limit.

A query may ask for more than the machine has (a huge GROUP_CONCAT, a million rows of long
literals). The worker counts what an answer holds while it is built (:class:`Budget`) and
refuses it with 413 past the caps; past the memory limit (:func:`limit_memory`) the worker
itself fails and the pool replaces it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from partnergraph.io.results import GraphResult, QueryResult, SelectResult
from partnergraph.server.jobs import ProtocolError

__all__ = ["Budget", "limit_memory", "too_large"]


class Budget:
    """Counts the values an answer holds, so a huge one is refused before it is written out."""

    def __init__(self, value_cap: int, total_cap: int) -> None:
        self.value_cap = value_cap
        self.total_cap = total_cap
        self.total = 0

    def add(self, text: str) -> None:
        size = len(text)
        if size > self.value_cap:
            raise too_large("value", self.value_cap)
        self.total += size
        if self.total > self.total_cap:
            raise too_large("answer", self.total_cap)

    def measure(self, result: QueryResult) -> None:
        if isinstance(result, SelectResult):
            for row in result.rows:
                for term in row:
                    if term is not None:
                        self.add(str(term))
        elif isinstance(result, GraphResult):
            for triple in result.graph:
                for term in triple:
                    self.add(str(term))


def too_large(what: str, cap: int) -> ProtocolError:
    size = f"{cap / (1024 * 1024):g} MB" if cap >= 1024 * 1024 else f"{cap // 1024} KB"
    return ProtocolError.of(413, f"server.toolarge.{what}", size=size)


def limit_memory(extra: int | None) -> None:
    """Let this process take at most ``extra`` bytes more than it holds now (None: no limit).

    A query that builds a huge value (nested REPLACE, GROUP_CONCAT) then fails here, in this
    worker, instead of asking the machine for all its memory: Python raises MemoryError, the
    Rust engine aborts the process, and the pool answers 500 and starts another worker. Only
    the soft limit is set, so it can be lifted again to reload data after an update.
    """
    try:
        import resource
    except ImportError:  # not a POSIX system: no limit to set
        return
    kind = resource.RLIMIT_DATA
    try:
        _, hard = resource.getrlimit(kind)
        if extra is None:
            resource.setrlimit(kind, (hard, hard))
            return
        limit = _data_size() + extra
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(kind, (limit, hard))
    except (ValueError, OSError):  # a system that will not set it: the caps still hold
        return


def _data_size() -> int:
    """This process's data segment now (VmData), which RLIMIT_DATA counts, in bytes."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        status = ""
    found = re.search(r"^VmData:\s+(\d+) kB", status, re.MULTILINE)
    if found:
        return int(found.group(1)) * 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # bytes on macOS, else KB
    return peak if sys.platform == "darwin" else peak * 1024
