"""Where the triples live: rdflib in memory, Oxigraph in memory or on disk, or a SPARQL server.

Every store answers SPARQL inside its own engine and hands back engine-neutral results
(:mod:`partnergraph.results`), so every command works on every store. Choose one with a spec:

``memory``            plain rdflib, the reference implementation
``oxigraph``          embedded Oxigraph in memory (the default: see docs/benchmarks.md)
``oxigraph:PATH``     embedded Oxigraph on disk, built once from the data and reused until the
                      data files change (content hashes); a build is never left half done
``sparql:URL``        a remote SPARQL 1.1 endpoint (see :mod:`partnergraph.remote`)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from . import __version__
from .errors import DataError, ParameterError
from .loading import INPUT_FORMATS, dataset_from_files, named_files, parse_into
from .results import AskResult, GraphResult, QueryResult, SelectResult

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "DEFAULT_STORE",
    "MemoryStore",
    "OxigraphStore",
    "Store",
    "open_store",
]

DEFAULT_STORE = "oxigraph"

_XSD_STRING = str(XSD.string)


class Store(ABC):
    """A read-only view of a dataset that answers SPARQL in its own engine."""

    spec: str

    @abstractmethod
    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Evaluate a query that :func:`partnergraph.sparql.prepare` has already checked."""

    @abstractmethod
    def graph_names(self) -> set[str]:
        """Names of the non-empty named graphs (a FROM naming one of them stays local)."""

    @abstractmethod
    def export(self, fmt: str) -> str:
        """The whole dataset in one of :data:`partnergraph.formats.GRAPH_FORMATS`."""

    @abstractmethod
    def to_dataset(self) -> Dataset:
        """The data as an rdflib dataset, for the few tools that need one (SHACL)."""

    @abstractmethod
    def __len__(self) -> int: ...

    def close(self) -> None:  # noqa: B027 - most stores hold nothing to release
        """Release files or connections."""


# ---------------------------------------------------------------------------------------------
# rdflib
# ---------------------------------------------------------------------------------------------


class MemoryStore(Store):
    """Plain rdflib: slow on big data, but the reference every other store is tested against."""

    spec = "memory"

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    @classmethod
    def from_files(cls, files: Sequence[Path]) -> MemoryStore:
        return cls(dataset_from_files(files))

    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        from . import sparql

        return sparql.evaluate_rdflib(self.dataset, text, bindings)

    def __repr__(self) -> str:
        return f"MemoryStore({len(self)} triples)"

    def graph_names(self) -> set[str]:
        return {str(g.identifier) for g in self.dataset.graphs() if len(g)}

    def export(self, fmt: str) -> str:
        from .formats import serialize_graph

        return serialize_graph(self.dataset, fmt)

    def to_dataset(self) -> Dataset:
        return self.dataset

    def __len__(self) -> int:
        return len(self.dataset)


# ---------------------------------------------------------------------------------------------
# Oxigraph
# ---------------------------------------------------------------------------------------------

_OX_FORMATS = {
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "json-ld": "JSON_LD",
    "xml": "RDF_XML",
}
"""rdflib parser name -> Oxigraph RdfFormat; N3 is not among them and goes through rdflib."""

_QUADS = {"nquads", "trig"}

MANIFEST = "partnergraph-store.json"


class OxigraphStore(Store):
    """Embedded Oxigraph (pyoxigraph), in memory or in a folder on disk."""

    def __init__(self, store: ox.Store, spec: str = "oxigraph") -> None:
        self.store = store
        self.spec = spec
        self._names: set[str] | None = None

    @classmethod
    def from_files(cls, files: Sequence[Path]) -> OxigraphStore:
        import pyoxigraph as ox

        store = ox.Store()
        _load_into(store, files, bulk=False)
        return cls(store)

    @classmethod
    def on_disk(cls, folder: Path, files: Sequence[Path]) -> OxigraphStore:
        """Open the store in ``folder``, building or rebuilding it if the data changed."""
        import pyoxigraph as ox

        folder = folder.resolve()
        wanted = _fingerprint(files)
        if _manifest(folder) != wanted:
            _build(folder, files, wanted)
        return cls(ox.Store.read_only(str(folder)), spec=f"oxigraph:{folder}")

    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:

        from .namespaces import PREFIXES
        from .sparql import bind_as_values

        try:
            answer = self.store.query(
                bind_as_values(text, bindings or {}),
                # A FROM clause chooses the default graph itself; otherwise it is the union.
                use_default_graph_as_union=not _has_dataset_clause(text),
                prefixes=PREFIXES,
            )
            # Oxigraph evaluates lazily: errors surface while the answer is read.
            return _collect_ox(answer)
        except SyntaxError as exc:
            from .errors import QuerySyntaxError

            raise QuerySyntaxError(f"malformed SPARQL: {exc}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            from .errors import QueryError

            raise QueryError(f"the engine could not evaluate this query: {exc}") from None

    def graph_names(self) -> set[str]:
        if self._names is None:
            self._names = {g.value for g in self.store.named_graphs() if hasattr(g, "value")}
        return self._names

    def export(self, fmt: str) -> str:
        import pyoxigraph as ox

        from .formats import graph_format
        from .namespaces import PREFIXES

        spec = graph_format(fmt)
        if spec.name == "trig":
            return self._dump(ox.RdfFormat.TRIG, PREFIXES)
        if spec.name in ("ttl", "nt", "xml"):
            union = self.store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            assert isinstance(union, ox.QueryTriples)
            target = {
                "ttl": ox.RdfFormat.TURTLE,
                "nt": ox.RdfFormat.N_TRIPLES,
                "xml": ox.RdfFormat.RDF_XML,
            }[spec.name]
            data = ox.serialize(
                union, format=target, prefixes=None if spec.name == "nt" else PREFIXES
            )
            assert data is not None
            return data.decode("utf-8")
        from .formats import serialize_graph

        return serialize_graph(self.to_dataset(), spec.name)

    def _dump(self, fmt: Any, prefixes: Mapping[str, str]) -> str:
        data = self.store.dump(format=fmt, prefixes=dict(prefixes))
        assert data is not None
        return data.decode("utf-8")

    def to_dataset(self) -> Dataset:
        import pyoxigraph as ox

        dataset = Dataset(default_union=True)
        dataset.parse(data=self._dump(ox.RdfFormat.N_QUADS, {}), format="nquads")
        return dataset

    def __len__(self) -> int:
        return len(self.store)


def _collect_ox(answer: Any) -> QueryResult:
    import pyoxigraph as ox

    from .namespaces import bind_prefixes

    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(_from_ox(term) for term in solution) for solution in answer]
        return SelectResult(variables, rows)
    graph = bind_prefixes(Graph())
    for triple in answer:
        graph.add((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))  # type: ignore[arg-type]
    return GraphResult(graph)


def _has_dataset_clause(text: str) -> bool:
    if not re.search(r"\bFROM\b", text, re.IGNORECASE):
        return False
    from rdflib.plugins.sparql.parser import parseQuery

    query = parseQuery(text)[1]
    # Not query.get(): a CompValue returns the key itself for a missing key.
    return "datasetClause" in query and bool(query["datasetClause"])


def _from_ox(term: Any) -> Node | None:
    """An Oxigraph term as the rdflib term the rest of partnergraph works with."""
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "DefaultGraph":
        return None
    raise TypeError(f"unsupported term {term!r}")


def _load_into(store: ox.Store, files: Iterable[Path], *, bulk: bool) -> None:
    import pyoxigraph as ox

    from .loading import refuse_remote_contexts

    for path, iri in named_files(files):
        fmt = INPUT_FORMATS[path.suffix.lower()]
        if fmt == "json-ld":
            refuse_remote_contexts(path)
        name = ox.NamedNode(str(iri))
        if fmt not in _OX_FORMATS:  # N3: rdflib parses, Oxigraph stores
            scratch = Dataset()
            parse_into(scratch, path, iri)
            data = scratch.serialize(format="nquads").encode("utf-8")
            store.load(data, format=ox.RdfFormat.N_QUADS)
            continue
        kwargs: dict[str, Any] = {
            "path": str(path),
            "format": getattr(ox.RdfFormat, _OX_FORMATS[fmt]),
            "base_iri": name.value,
        }
        if fmt not in _QUADS:
            kwargs["to_graph"] = name
        try:
            (store.bulk_load if bulk else store.load)(**kwargs)
        except SyntaxError:
            # Oxigraph's message is terse: let the rdflib loader explain file, line and cause.
            parse_into(Dataset(), path, URIRef(name.value))
            raise DataError("malformed RDF: fix the file and try again", path=str(path)) from None
        except UnicodeDecodeError:
            parse_into(Dataset(), path, URIRef(name.value))
            raise


def _fingerprint(files: Sequence[Path]) -> dict[str, Any]:
    """What the on-disk store was built from: every file's content hash, and our version."""
    hashes = {}
    for path in files:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        hashes[str(path.resolve())] = digest.hexdigest()
    return {"partnergraph": __version__, "files": hashes}


def _manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _build(folder: Path, files: Sequence[Path], fingerprint: dict[str, Any]) -> None:
    """Build in a sibling temporary folder, then swap it in: an interrupted build leaves the
    previous store (or nothing) in place, never a half-built one."""
    import pyoxigraph as ox

    if folder.exists() and not (folder / MANIFEST).exists() and any(folder.iterdir()):
        raise ParameterError(
            f"{folder} exists and is not a partnergraph store: choose an empty or new folder"
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building-", dir=folder.parent))
    try:
        store = ox.Store(str(building))
        _load_into(store, files, bulk=True)
        store.flush()
        store.optimize()
        del store
        (building / MANIFEST).write_text(json.dumps(fingerprint, indent=2), encoding="utf-8")
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        if folder.exists():
            folder.rename(old)
        building.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    for stale in folder.parent.glob(f".{folder.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Choosing a store
# ---------------------------------------------------------------------------------------------


def open_store(spec: str | None, files: Sequence[Path]) -> Store:
    """The store ``spec`` names, holding ``files`` (ignored by remote stores)."""
    spec = spec or DEFAULT_STORE
    if spec == "memory":
        return MemoryStore.from_files(files)
    if spec == "oxigraph":
        return OxigraphStore.from_files(files)
    if spec.startswith("oxigraph:"):
        return OxigraphStore.on_disk(Path(spec.removeprefix("oxigraph:")).expanduser(), files)
    if spec.startswith("sparql:"):
        from .remote import SparqlStore  # type: ignore[import-untyped,unused-ignore]

        store: Store = SparqlStore(spec.removeprefix("sparql:"))
        return store
    raise ParameterError(
        f"unknown store {spec!r}: use memory, oxigraph, oxigraph:PATH or sparql:URL"
    )
