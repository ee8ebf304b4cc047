"""What the web process asks of a worker process, and what comes back.

These small frozen values are pickled across the pipe between the two, so they hold only
strings, numbers and tuples. A worker does all the heavy work (parsing, evaluating,
serialising) and answers with the finished HTTP body, so the web process never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from partnergraph.core.messages import t
from partnergraph.server import defaults

__all__ = [
    "CallJob",
    "GraphJob",
    "InfoJob",
    "Job",
    "NamedQueryJob",
    "Negotiation",
    "ProtocolError",
    "QueryJob",
    "ReloadJob",
    "Reply",
    "StoreInfo",
    "UpdateJob",
    "WorkerSetup",
]


@dataclass(frozen=True)
class Negotiation:
    """The client's wishes about the response format: its Accept header and any ``format=``."""

    accept: str | None = None
    formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryJob:
    """A SPARQL query sent to ``/sparql``, with the protocol's dataset if it named one."""

    text: str
    negotiation: Negotiation
    base_iri: str
    row_cap: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class NamedQueryJob:
    """A query of the library, by name, with its parameters as the user typed them."""

    name: str
    params: tuple[tuple[str, str], ...]
    lang: str | None
    negotiation: Negotiation
    row_cap: int


@dataclass(frozen=True)
class GraphJob:
    """A Graph Store Protocol read: one named graph, or the default graph when ``graph`` is None."""

    graph: str | None
    negotiation: Negotiation


@dataclass(frozen=True)
class UpdateJob:
    """A SPARQL update; afterwards the worker writes the whole dataset to ``snapshot``."""

    text: str
    base_iri: str
    snapshot: str
    using: tuple[str, ...] = ()
    using_named: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReloadJob:
    """Drop the store and load these files instead (after an update, every worker does)."""

    files: tuple[str, ...]


@dataclass(frozen=True)
class CallJob:
    """A read-only :class:`~partnergraph.PartnerGraph` method, for pages (see ServerState.call)."""

    method: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class InfoJob:
    """Report the graphs held, for the service description."""


Job = QueryJob | NamedQueryJob | GraphJob | UpdateJob | ReloadJob | InfoJob | CallJob


@dataclass(frozen=True)
class StoreInfo:
    """What a worker holds: the named graphs (with triples) and the number of triples."""

    graphs: tuple[str, ...]
    triples: int


@dataclass(frozen=True)
class Reply:
    """A finished HTTP answer, or a worker's report (``info``) after loading."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()
    info: StoreInfo | None = None
    checked: str | None = None
    """The library query this job checked for the first time (the pool tells new workers)."""
    value: Any = None
    """What a :class:`CallJob`'s method returned."""
    retire: bool = False
    """The worker ran out of memory: the pool replaces it after sending this answer."""
    key: str | None = None
    """The catalogue message of a :meth:`say` answer, said again in the asker's language."""
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def text(cls, status: int, message: str, *headers: tuple[str, str]) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode(), headers)

    @classmethod
    def say(cls, status: int, key: str, *headers: tuple[str, str], **values: Any) -> Reply:
        """A one-line answer from the message catalogue, kept as ``key`` and ``values`` so the
        web process can give it in the language of the request (:meth:`said`)."""
        reply = cls.text(status, t(key, **values), *headers)
        return replace(reply, key=key, values=tuple(values.items()))

    def said(self, lang: str) -> Reply:
        """This answer in ``lang``, if it came from the catalogue; else as it is."""
        if self.key is None:
            return self
        text = t(self.key, lang, **dict(self.values))
        return replace(self, body=(text.rstrip() + "\n").encode())


@dataclass(frozen=True)
class WorkerSetup:
    """How a worker process opens its store: what ``--store``/``--data`` mean, resolved."""

    store: str | None
    files: tuple[str, ...]
    queries: str | None
    parent_pid: int
    checked: frozenset[str] = frozenset()
    """Library queries other workers already checked against these files' graphs."""
    max_value_bytes: int = defaults.MAX_VALUE_MB * defaults.MB
    """Largest single value an answer may carry (413 beyond)."""
    max_result_bytes: int = defaults.MAX_RESULT_MB * defaults.MB
    """Largest answer a worker builds and sends (413 beyond)."""
    query_memory_bytes: int = defaults.QUERY_MEMORY_MB * defaults.MB
    """Memory the worker may take beyond its loaded data (its data segment limit)."""


class ProtocolError(Exception):
    """A request the protocol says to refuse with this status."""

    def __init__(self, status: int, message: str, key: str | None = None, **values: Any) -> None:
        super().__init__(message)
        self.status = status
        self.key = key
        self.values = values

    @classmethod
    def of(cls, status: int, key: str, /, **values: Any) -> ProtocolError:
        """A refusal worded by the catalogue, said in the language of the request."""
        return cls(status, t(key, **values), key, **values)
