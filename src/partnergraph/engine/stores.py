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

import contextlib
import hashlib
import json
import operator
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from partnergraph.core.errors import DataError, OutputError, ParameterError
from partnergraph.core.version import __version__
from partnergraph.io.loading import INPUT_FORMATS, dataset_from_files, named_files, parse_into
from partnergraph.io.output import write_atomic
from partnergraph.io.results import AskResult, GraphResult, QueryResult, SelectResult

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

    def select_plain(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A SELECT's variables and rows with IRIs as plain ``str`` (literals and blank nodes
        stay rdflib terms): for code that builds big structures keyed by IRI, such as the
        networks, where comparing and hashing plain strings is several times cheaper. For
        partnergraph's own queries (no parameters, no FROM: the default graph is the union)."""
        result = self.run(text)
        assert isinstance(result, SelectResult)
        rows = [
            tuple(str(cell) if type(cell) is URIRef else cell for cell in row)
            for row in result.rows
        ]
        return list(result.variables), rows

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
        from partnergraph.engine import sparql

        return sparql.evaluate_rdflib(self.dataset, text, bindings)

    def __repr__(self) -> str:
        return f"MemoryStore({len(self)} triples)"

    def graph_names(self) -> set[str]:
        return {str(g.identifier) for g in self.dataset.graphs() if len(g)}

    def export(self, fmt: str) -> str:
        from partnergraph.io.serialize import serialize_graph

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

SET_UNION = "urn:x-partnergraph:set-union"
"""A graph the Oxigraph stores keep, hidden, when a triple is stated in more than one file.

SPARQL's default graph here is the union of the files' graphs, and rdflib (the reference) makes
it a set: a fact stated by two sources matches once. Oxigraph's union is a bag, so every row built
from such a fact would come back once per source. When sources overlap, the set union is written
into this graph and queries use it as their default graph; it never shows in graph lists, exports
or counts. When they do not overlap (the usual case), nothing is copied."""


class OxigraphStore(Store):
    """Embedded Oxigraph (pyoxigraph), in memory or in a folder on disk."""

    def __init__(self, store: ox.Store, spec: str = "oxigraph") -> None:
        self.store = store
        self.spec = spec
        self._names: set[str] | None = None
        self._union: ox.NamedNode | bool | None = False
        """The set-union graph, None when the graphs do not overlap; False: not checked yet."""
        self._largest: str | None = None

    @classmethod
    def from_files(cls, files: Sequence[Path]) -> OxigraphStore:
        import pyoxigraph as ox

        store = ox.Store()
        _load_into(store, files, bulk=False)
        made = cls(store)
        made._largest = _largest_graph(files)
        return made

    def dataset_options(self, from_clause: bool) -> dict[str, Any]:
        """How a query without FROM sees the data: the union of the graphs, as a set."""
        if from_clause:
            return {}  # a FROM clause chooses the default graph itself
        union = self._set_union()
        if union is None:
            return {"use_default_graph_as_union": True}
        import pyoxigraph as ox

        named = [ox.NamedNode(name) for name in sorted(self.graph_names())]
        return {"default_graph": union, "named_graphs": named}

    def _set_union(self) -> ox.NamedNode | None:
        if self._union is False:
            import pyoxigraph as ox

            union = ox.NamedNode(SET_UNION)
            if self.store.contains_named_graph(union):
                self._union = union
            elif _overlap(self.store, self._largest):
                try:
                    _write_set_union(self.store)
                    self._union = union
                except OSError:  # a read-only store built before the set union existed
                    self._union = None
            else:
                self._union = None
        assert self._union is not True
        return self._union

    def forget_union(self) -> None:
        """The data changed (a SPARQL update): drop the set union until it is needed again."""
        import pyoxigraph as ox

        if self._union:
            self.store.remove_graph(ox.NamedNode(SET_UNION))
        self._union = False
        self._names = None

    def _quads(self) -> Iterable[Any]:
        """Every quad but those of the hidden set union."""
        if not self._set_union():
            return self.store
        return (q for q in self.store if getattr(q.graph_name, "value", None) != SET_UNION)

    @classmethod
    def on_disk(
        cls,
        folder: Path,
        files: Sequence[Path],
        *,
        sources: Sequence[str | Path] | None = None,
        rebuild: bool = False,
    ) -> OxigraphStore:
        """Open the store in ``folder``, building it, or rebuilding it if the data changed.

        ``sources`` are what the user named (files and folders; ``None``: the bundled data).
        A store built from other sources is refused unless ``rebuild``: one mistyped command
        must not replace a big store with the bundled memo. Builds and swaps hold an exclusive
        lock on the folder's parent folder, and readers a shared one while they check and open
        it, so concurrent commands wait for one build and then share it.
        """
        import pyoxigraph as ox

        folder = folder.resolve()
        if folder.exists() and not folder.is_dir():
            raise ParameterError.of("store.isfile", folder=folder)
        identity = _identity(files, sources)
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            lock = _FolderLock(folder)
        except OSError as exc:
            raise ParameterError.of("store.cannot", folder=folder, reason=exc.strerror) from None
        hashed: dict[Any, str] = {}
        with lock:
            lock.acquire(exclusive=False)
            state = _state(folder, files, identity, hashed)
            if state != "fresh":
                lock.acquire(exclusive=True)  # and look again: another build may have finished
                _recover(folder)
                state = _state(folder, files, identity, hashed)
            if state == "other" and not rebuild:
                raise _other_data(folder, identity)
            _remove_leftovers(folder)
            if state == "touched":
                _refresh_manifest(folder, files, identity)
            elif state != "fresh":
                _build(folder, files, _fingerprint(files, identity))
            made = cls(ox.Store.read_only(str(folder)), spec=f"oxigraph:{folder}")
            # The build wrote the set union if, and only if, the files overlap.
            union = ox.NamedNode(SET_UNION)
            made._union = union if made.store.contains_named_graph(union) else None
            return made

    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:

        from partnergraph.engine.sparql import bind_as_values
        from partnergraph.rdf.namespaces import PREFIXES

        try:
            answer = self.store.query(
                bind_as_values(text, bindings or {}),
                prefixes=PREFIXES,
                **self.dataset_options(_has_dataset_clause(text)),
            )
            # Oxigraph evaluates lazily: errors surface while the answer is read.
            return _collect_ox(answer)
        except SyntaxError as exc:
            from partnergraph.core.errors import QuerySyntaxError

            raise QuerySyntaxError.of("sparql.syntax", why=exc) from None
        except (OSError, ValueError, RuntimeError) as exc:
            from partnergraph.core.errors import QueryError

            raise QueryError.of("sparql.engine", why=exc) from None

    def select_plain(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        import pyoxigraph as ox

        from partnergraph.rdf.namespaces import PREFIXES

        try:
            answer = self.store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
            assert isinstance(answer, ox.QuerySolutions)
            variables = [v.value for v in answer.variables]
            convert = _term_converter()
            named = ox.NamedNode
            rows = [
                tuple(
                    [
                        cell.value
                        if type(cell) is named
                        else None
                        if cell is None
                        else convert(cell)
                        for cell in solution
                    ]
                )
                for solution in answer
            ]
        except (OSError, ValueError, RuntimeError, SyntaxError) as exc:
            from partnergraph.core.errors import QueryError

            raise QueryError.of("sparql.engine", why=exc) from None
        return variables, rows

    def graph_names(self) -> set[str]:
        if self._names is None:
            self._names = {
                g.value
                for g in self.store.named_graphs()
                if hasattr(g, "value") and g.value != SET_UNION
            }
        return self._names

    def export(self, fmt: str) -> str:
        import pyoxigraph as ox

        from partnergraph.io.formats import graph_format
        from partnergraph.rdf.namespaces import PREFIXES

        spec = graph_format(fmt)
        if spec.name == "trig":
            if self._set_union():
                data = ox.serialize(self._quads(), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
                assert data is not None
                return data.decode("utf-8")
            return self._dump(ox.RdfFormat.TRIG, PREFIXES)
        if spec.name in ("ttl", "nt", "xml"):
            union = self.store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", **self.dataset_options(False)
            )
            assert isinstance(union, ox.QueryTriples)
            target = spec.oxigraph  # the format registry's pyoxigraph format
            assert target is not None
            data = ox.serialize(
                union, format=target, prefixes=None if spec.name == "nt" else PREFIXES
            )
            assert data is not None
            return data.decode("utf-8")
        if spec.name == "jsonld":
            # Oxigraph's own JSON-LD writer ignores the context (expanded IRIs, rdf:type): write
            # the published, compacted form straight from Oxigraph's terms instead, the same
            # document the memory store writes, without copying the data into rdflib first.
            from partnergraph.io.jsonld import jsonld_document

            triples = map(operator.attrgetter("subject", "predicate", "object"), self._quads())
            return jsonld_document(triples, _ox_parts())
        from partnergraph.io.serialize import serialize_graph

        return serialize_graph(self.to_dataset(), spec.name)

    def _dump(self, fmt: Any, prefixes: Mapping[str, str]) -> str:
        data = self.store.dump(format=fmt, prefixes=dict(prefixes))
        assert data is not None
        return data.decode("utf-8")

    def to_dataset(self) -> Dataset:
        # Quad by quad through the term converter: about twice as fast as writing N-Quads and
        # having rdflib parse them back.
        dataset = Dataset(default_union=True)
        convert = _term_converter()
        graphs: dict[Any, Graph] = {}
        for quad in self._quads():
            graph = graphs.get(quad.graph_name)
            if graph is None:
                name = _from_ox(quad.graph_name)
                graph = dataset.default_graph if name is None else dataset.graph(name)  # type: ignore[arg-type]
                graphs[quad.graph_name] = graph
            graph.add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))  # type: ignore[arg-type]
        return dataset

    def __len__(self) -> int:
        if self._set_union():
            return sum(1 for _ in self._quads())
        return len(self.store)


def _largest_graph(files: Sequence[Path]) -> str | None:
    """The graph of the biggest file: the one :func:`_overlap` need not scan."""
    sizes = [(path.stat().st_size, str(name)) for path, name in named_files(files)]
    return max(sizes)[1] if sizes else None


def _overlap(store: ox.Store, largest: str | None) -> bool:
    """Whether some triple is stated in two graphs. Every graph but the largest is looked up
    against the others, so one big file among small ones costs next to nothing."""
    import pyoxigraph as ox

    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    if len(graphs) < 2:
        return False
    for graph in graphs:
        if graph.value == largest:
            continue
        name = f"<{graph.value}>"
        ask = (
            f"ASK {{ GRAPH {name} {{ ?s ?p ?o }} GRAPH ?other {{ ?s ?p ?o }} "
            f"FILTER(?other != {name}) }}"
        )
        if bool(store.query(ask)):
            return True
    return False


def _write_set_union(store: ox.Store) -> None:
    import pyoxigraph as ox

    union = ox.NamedNode(SET_UNION)
    quads = [ox.Quad(q.subject, q.predicate, q.object, union) for q in store]
    store.bulk_extend(quads)


def _collect_ox(answer: Any) -> QueryResult:
    import pyoxigraph as ox

    from partnergraph.rdf.namespaces import bind_prefixes

    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    convert = _term_converter()
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(map(convert, solution)) for solution in answer]
        return SelectResult(variables, rows)
    graph = bind_prefixes(Graph())
    for triple in answer:
        graph.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))  # type: ignore[arg-type]
    return GraphResult(graph)


@lru_cache(maxsize=256)
def _has_dataset_clause(text: str) -> bool:
    from partnergraph.engine.sparql import may_hold_from

    if not may_hold_from(text):
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
        return _uriref(term.value)
    if kind == "Literal":
        return _literal(term.value, term.language, term.datatype.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "DefaultGraph":
        return None
    raise TypeError(f"unsupported term {term!r}")


def _ox_parts() -> Callable[[Any], tuple[int, str, str | None, str | None]]:
    """Describes Oxigraph terms for :func:`partnergraph.formats.jsonld_document` exactly as it
    describes the rdflib terms :func:`_from_ox` makes of them (lexical forms normalised alike)."""
    import pyoxigraph as ox

    from partnergraph.io.jsonld import BLANK_TERM, IRI_TERM, LITERAL_TERM

    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode

    def parts(term: Any) -> tuple[int, str, str | None, str | None]:
        kind = type(term)
        if kind is named:
            return (IRI_TERM, term.value, None, None)
        if kind is blank:
            return (BLANK_TERM, term.value, None, None)
        if kind is literal:
            language, datatype = term.language, term.datatype.value
            if language:
                return (LITERAL_TERM, term.value, language, None)
            if datatype == _XSD_STRING:
                return (LITERAL_TERM, term.value, None, None)
            return (LITERAL_TERM, str(_literal(term.value, None, datatype)), None, datatype)
        raise ValueError(f"JSON-LD cannot use a {kind.__name__} as a node or property")

    return parts


def _term_converter() -> Callable[[Any], Node | None]:
    """:func:`_from_ox` for the terms of one answer, converting each distinct term once.

    Answers repeat the same IRIs and labels in many rows; Oxigraph's terms hash by value, so a
    dictionary turns every repeat into a lookup. The memo lives as long as the answer is read.
    """
    import pyoxigraph as ox

    memo: dict[Any, Node | None] = {}
    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        node = memo.get(term)
        if node is not None:
            return node
        kind = type(term)
        if kind is named:
            node = _uriref(term.value)
        elif kind is literal:
            node = _literal(term.value, term.language, term.datatype.value)
        elif kind is blank:
            node = BNode(term.value)
        else:
            return _from_ox(term)
        memo[term] = node
        return node

    return convert


def _uriref(value: str) -> URIRef:
    """``URIRef(value)`` without rdflib's syntax check: Oxigraph only holds valid IRIs."""
    return str.__new__(URIRef, value)


def _literal(value: str, language: str | None, datatype: str) -> Literal:
    """``Literal(value, lang=language)`` or ``Literal(value, datatype=datatype)``, faster.

    Strings, with or without a language tag, are by far the most common literals in answers.
    rdflib's constructor maps every lexical form to a Python value and back; for a string both
    are the text itself, so those literals are built here directly, exactly as the constructor
    would build them (checked once against it, see :func:`_fast_strings`). Other datatypes go
    through the constructor, which normalises their lexical forms.
    """
    if language:
        if _fast_strings() and language in _VALID_LANGUAGES:
            return _string_literal(value, language)
        literal = Literal(value, lang=language)
        _VALID_LANGUAGES.add(language)
        return literal
    if datatype == _XSD_STRING:
        return _string_literal(value, None) if _fast_strings() else Literal(value)
    return Literal(value, datatype=_uriref(datatype))


_VALID_LANGUAGES: set[str] = set()
"""Language tags rdflib has accepted once (it refuses some that Oxigraph takes)."""


def _string_literal(value: str, language: str | None) -> Literal:
    literal: Literal = str.__new__(Literal, value)
    literal._language = language
    literal._datatype = None
    literal._value = value
    literal._ill_typed = None
    return literal


@cache
def _fast_strings() -> bool:
    """Whether :func:`_string_literal` builds what rdflib's constructor builds (this rdflib)."""
    for value, language in (("x", None), ("Æble ø", "da"), ("", "en-gb"), ("1", None)):
        fast, slow = _string_literal(value, language), Literal(value, lang=language)
        if not (
            fast == slow
            and hash(fast) == hash(slow)
            and type(fast) is type(slow)
            and all(getattr(fast, a) == getattr(slow, a) for a in Literal.__slots__)
            and all(type(getattr(fast, a)) is type(getattr(slow, a)) for a in Literal.__slots__)
        ):
            return False
    return True


def _load_into(store: ox.Store, files: Iterable[Path], *, bulk: bool) -> None:
    import pyoxigraph as ox

    from partnergraph.io.loading import check_input

    for path, iri in named_files(files):
        fmt = INPUT_FORMATS[path.suffix.lower()]
        check_input(path)
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
            raise DataError.of("data.malformed.rdf", path=str(path)) from None
        except UnicodeDecodeError:
            parse_into(Dataset(), path, URIRef(name.value))
            raise
        except OSError as exc:
            raise DataError(_cannot_read(exc), path=str(path)) from None


def _cannot_read(exc: OSError) -> str:
    """One line for a file that cannot be read; Oxigraph's errors carry no strerror."""
    reason = exc.strerror or str(exc).split(" (os error")[0] or type(exc).__name__
    from partnergraph.core.messages import t

    return t("data.unreadable", reason=reason)


class _FolderLock:
    """An fcntl lock on the folder that holds a store folder (the store itself is swapped).

    Locking the parent folder leaves no lock file behind; the price is that builds of two
    stores in one folder take turns. flock locks belong to the open file, so they are released
    when the process ends however it ends, and a lock never outlives its holder.
    """

    def __init__(self, folder: Path) -> None:
        self.fd: int | None = None
        with contextlib.suppress(OSError):  # a folder we cannot open: nobody can build there
            self.fd = os.open(folder.parent, os.O_RDONLY | os.O_DIRECTORY)

    def acquire(self, *, exclusive: bool) -> None:
        import fcntl

        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)

    def __enter__(self) -> _FolderLock:
        return self

    def __exit__(self, *_: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # releases the lock


def _identity(files: Sequence[Path], sources: Sequence[str | Path] | None) -> list[str]:
    """What a store is built from, as the user named it: ``["bundled"]`` or resolved paths."""
    if sources is not None:
        return sorted({str(Path(source).resolve()) for source in sources})
    from partnergraph.io.loading import bundled_data_files, ontology_files

    data = [path for path in files if path not in set(ontology_files())]
    if data == bundled_data_files():
        return ["bundled"]
    return sorted({str(path.resolve()) for path in data})


def _fingerprint(files: Sequence[Path], identity: Sequence[str] | None = None) -> dict[str, Any]:
    """What the on-disk store was built from: the sources, each file's size, modification
    time and content hash, and our version."""
    return {
        "partnergraph": __version__,
        "set-union": 1,  # stores built before overlapping files got a set union are rebuilt
        "sources": list(identity if identity is not None else _identity(files, None)),
        "files": {str(path.resolve()): {**_stat(path), "sha256": _hash(path)} for path in files},
    }


def _stat(path: Path) -> dict[str, int]:
    info = path.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns}


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise DataError(_cannot_read(exc), path=str(path)) from None
    return digest.hexdigest()


def _state(folder: Path, files: Sequence[Path], identity: list[str], hashed: dict[Any, str]) -> str:
    """``fresh``, ``touched`` (fresh, but modification times to record), ``changed`` (same
    sources, other content: rebuild), ``other`` (built from other sources) or ``missing``.

    A file whose size and modification time are as recorded is taken as unchanged without
    reading it; only a file where either differs is hashed, so a touched file does not cost a
    rebuild and an unchanged store costs one ``stat`` per file.
    """
    manifest = _manifest(folder)
    if manifest is None:
        if folder.exists() and any(folder.iterdir()):
            raise ParameterError.of("store.foreign", folder=folder)
        return "missing"
    recorded = manifest.get("files")
    if not isinstance(recorded, dict):
        return "changed"
    built_from = manifest.get("sources")
    if built_from is None:  # a store built by an earlier version: judge by its files
        wanted = {str(path.resolve()) for path in files}
        if set(recorded) != wanted:
            return "other"
    elif built_from != identity:
        return "other"
    if manifest.get("set-union") != 1:
        return "changed"  # built before overlapping files got their set union
    if manifest.get("partnergraph") != __version__:
        return "changed"
    if set(recorded) != {str(path.resolve()) for path in files}:
        return "changed"  # a file added to or removed from a folder named as a source
    touched = False
    for path in files:
        entry = recorded[str(path.resolve())]
        try:
            now = _stat(path)
        except OSError:
            return "changed"
        if isinstance(entry, dict) and all(entry.get(k) == v for k, v in now.items()):
            continue
        digest = entry.get("sha256") if isinstance(entry, dict) else entry
        key = (str(path.resolve()), now["size"], now["mtime_ns"])
        if key not in hashed:  # looked at again under the exclusive lock: hash once
            hashed[key] = _hash(path)
        if digest != hashed[key]:
            return "changed"
        touched = True
    return "touched" if touched else "fresh"


def _other_data(folder: Path, identity: list[str]) -> ParameterError:
    manifest = _manifest(folder) or {}
    built_from = manifest.get("sources") or sorted(manifest.get("files") or [])
    return ParameterError.of(
        "store.other", folder=folder, built=_shown(built_from), wanted=_shown(identity)
    )


def _shown(sources: Sequence[str]) -> str:
    from partnergraph.core.messages import t

    names = [t("store.bundled") if s == "bundled" else s for s in sources]
    more = t("store.more", n=len(names) - 3) if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def _manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _leftovers(folder: Path) -> list[Path]:
    """Temporary folders of earlier builds of ``folder`` that were killed before cleaning up."""
    parent = folder.parent
    return [
        *parent.glob(f".{folder.name}.building-*"),
        *parent.glob(f".{folder.name}.old-*"),
    ]


def _remove_leftovers(folder: Path) -> None:
    """Remove what killed builds left; safe only under the lock, when no build is running."""
    for stale in _leftovers(folder):
        shutil.rmtree(stale, ignore_errors=True)


def _recover(folder: Path) -> None:
    """Put back a finished build that was killed between the two renames of its swap.

    A build writes its manifest last, so a temporary folder holding one is complete; the
    newest such folder becomes the store (it is checked against the data like any other).
    """
    if folder.exists():
        return
    finished = [stale for stale in _leftovers(folder) if (stale / MANIFEST).is_file()]
    finished.sort(key=lambda stale: (stale / MANIFEST).stat().st_mtime_ns, reverse=True)
    for candidate in finished:
        try:
            candidate.rename(folder)
            return
        except OSError:
            continue


def _refresh_manifest(folder: Path, files: Sequence[Path], identity: list[str]) -> None:
    """Record new modification times of files whose content did not change (no rebuild).

    Called when :func:`_state` found every file either as recorded or with its recorded
    hash, so the recorded hashes still hold.
    """
    manifest = _manifest(folder)
    if manifest is None:
        return
    recorded = manifest["files"]
    for path in files:
        entry = recorded[str(path.resolve())]
        digest = entry.get("sha256") if isinstance(entry, dict) else entry
        recorded[str(path.resolve())] = {**_stat(path), "sha256": digest}
    manifest["sources"] = identity  # a store built by an earlier version learns its sources
    with contextlib.suppress(OutputError):  # a read-only store: hash again next time
        write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2))


def _build(folder: Path, files: Sequence[Path], fingerprint: dict[str, Any]) -> None:
    """Build in a sibling temporary folder, then swap it in: an interrupted build leaves the
    previous store (or nothing) in place, never a half-built one. The caller holds the
    exclusive lock, so no other build or swap of ``folder`` runs meanwhile, and the next run
    removes whatever a killed build left (:func:`_remove_leftovers`)."""
    import pyoxigraph as ox

    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building-", dir=folder.parent))
    try:
        store = ox.Store(str(building))
        _load_into(store, files, bulk=True)
        if _overlap(store, _largest_graph(files)):
            _write_set_union(store)
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


# ---------------------------------------------------------------------------------------------
# Choosing a store
# ---------------------------------------------------------------------------------------------


def open_store(
    spec: str | None,
    files: Sequence[Path],
    *,
    sources: Sequence[str | Path] | None = None,
    rebuild: bool = False,
) -> Store:
    """The store ``spec`` names, holding ``files`` (ignored by remote stores).

    ``sources`` and ``rebuild`` matter to on-disk stores only (see
    :meth:`OxigraphStore.on_disk`)."""
    spec = spec or DEFAULT_STORE
    if spec == "memory":
        return MemoryStore.from_files(files)
    if spec == "oxigraph":
        return OxigraphStore.from_files(files)
    if spec.startswith("oxigraph:"):
        given = spec.removeprefix("oxigraph:").strip()
        folder = Path(given).expanduser()
        if not given or (folder.exists() and not folder.is_dir()):
            from partnergraph.core.messages import t

            why = t("store.needsfolder.file" if given else "store.needsfolder.none")
            raise ParameterError.of("store.needsfolder", spec=spec, why=why)
        return OxigraphStore.on_disk(folder, files, sources=sources, rebuild=rebuild)
    if spec.startswith("sparql:"):
        from partnergraph.engine.remote import SparqlStore  # type: ignore[import-untyped,unused-ignore]

        store: Store = SparqlStore(spec.removeprefix("sparql:"))
        return store
    raise ParameterError.of("store.unknown", spec=spec)
