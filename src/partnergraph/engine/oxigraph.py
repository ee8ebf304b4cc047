"""Embedded Oxigraph (pyoxigraph) as a store: the default, fast in memory.

The same class serves the on-disk stores :mod:`partnergraph.engine.ondisk` builds and opens;
what is here is loading files, answering queries, exporting and the set union that makes the
default graph the same set of triples rdflib (the reference) sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from partnergraph.core.errors import DataError, QueryError, QuerySyntaxError
from partnergraph.core.messages import t
from partnergraph.engine.solutions import OxigraphRows
from partnergraph.engine.sparql import bind_as_values
from partnergraph.engine.sparql_text import may_hold_from
from partnergraph.engine.stores import Store
from partnergraph.io.formats import INPUT_SUFFIXES, graph_format
from partnergraph.io.loading import check_input, named_files, parse_into
from partnergraph.io.results import AskResult, GraphResult, QueryResult, SelectResult
from partnergraph.rdf.namespaces import PREFIXES, bind_prefixes

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

    from partnergraph.rdf.terms import Bound

__all__ = [
    "SET_UNION",
    "OxigraphStore",
    "cannot_read",
    "largest_graph",
    "load_into",
    "overlap",
    "write_set_union",
]


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
        store = ox.Store()
        load_into(store, files, bulk=False)
        made = cls(store)
        made._largest = largest_graph(files)
        return made

    @classmethod
    def read_only(cls, folder: Path) -> OxigraphStore:
        """The store built in ``folder`` (see :mod:`partnergraph.engine.ondisk`), read-only."""
        made = cls(ox.Store.read_only(str(folder)), spec=f"oxigraph:{folder}")
        # The build wrote the set union if, and only if, the files overlap.
        union = ox.NamedNode(SET_UNION)
        made._union = union if made.store.contains_named_graph(union) else None
        return made

    def dataset_options(self, from_clause: bool) -> dict[str, Any]:
        """How a query without FROM sees the data: the union of the graphs, as a set."""
        if from_clause:
            return {}  # a FROM clause chooses the default graph itself
        union = self._set_union()
        if union is None:
            return {"use_default_graph_as_union": True}
        named = [ox.NamedNode(name) for name in sorted(self.graph_names())]
        return {"default_graph": union, "named_graphs": named}

    def _set_union(self) -> ox.NamedNode | None:
        if self._union is False:
            union = ox.NamedNode(SET_UNION)
            if self.store.contains_named_graph(union):
                self._union = union
            elif overlap(self.store, self._largest):
                try:
                    write_set_union(self.store)
                    self._union = union
                except OSError:  # a read-only store built before the set union existed
                    self._union = None
            else:
                self._union = None
        assert self._union is not True
        return self._union

    def forget_union(self) -> None:
        """The data changed (a SPARQL update): drop the set union until it is needed again."""
        if self._union:
            self.store.remove_graph(ox.NamedNode(SET_UNION))
        self._union = False
        self._names = None

    def repeats_harmless(self) -> OxigraphStore:
        """The same data, for callers whose answers do not depend on how often a triple is
        stated (SELECT DISTINCT, EXISTS, MINUS, COUNT(DISTINCT ...)): queries without FROM see
        Oxigraph's union of the graphs as it is, a bag, so the overlap check and the copy of
        the set union (seconds at a million triples) are skipped. A set union that is already
        there is used. Every other method answers as on this store."""
        view = OxigraphStore(self.store, self.spec)
        view._largest = self._largest
        union = ox.NamedNode(SET_UNION)
        if self._union is not False:
            view._union = self._union
        else:
            view._union = union if self.store.contains_named_graph(union) else None
        return view

    def _quads(self) -> Iterable[Any]:
        """Every quad but those of the hidden set union."""
        if not self._set_union():
            return self.store
        return (q for q in self.store if getattr(q.graph_name, "value", None) != SET_UNION)

    def run(self, text: str, bindings: Mapping[str, Bound] | None = None) -> QueryResult:
        try:
            answer = self.store.query(
                bind_as_values(text, bindings or {}),
                prefixes=PREFIXES,
                **self.dataset_options(_has_dataset_clause(text)),
            )
            # Oxigraph evaluates lazily: errors surface while the answer is read.
            return _collect_ox(answer)
        except SyntaxError as exc:
            raise QuerySyntaxError.of("sparql.syntax", why=exc) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError.of("sparql.engine", why=exc) from None

    def select_plain(
        self, text: str, bindings: Mapping[str, Bound] | None = None, *, lexical: bool = False
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        # Rows repeated by overlapping files are harmless to the callers (networks, counts of
        # distinct things), so the overlap check is not run for them; once the set union is
        # known it is used, and it is never one of the named graphs.
        if bindings:
            text = bind_as_values(text, bindings)
        if self._union:
            options = self.dataset_options(False)
        else:
            options = {"use_default_graph_as_union": True}
        try:
            answer = self.store.query(text, prefixes=PREFIXES, **options)
            assert isinstance(answer, ox.QuerySolutions)
            variables = [v.value for v in answer.variables]
            # late: rdflib's terms for the blank nodes and literals of these rows
            from partnergraph.rdf.terms import converter, plain_converter

            convert = plain_converter() if lexical else converter()
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
            # the published, compacted form from its N-Triples instead, without a Python object
            # per term (see partnergraph.io.jsonld).
            # late: the JSON-LD writer is only for exports; a cold `query` should not load it
            from partnergraph.io.jsonld import ntriples_jsonld

            return ntriples_jsonld(self._triple_lines())
        from partnergraph.io.serialize import serialize_graph  # late: rdflib's writers

        return serialize_graph(self.to_dataset(), spec.name)

    def _triple_lines(self) -> Iterable[bytes]:
        """Every triple of the union as an N-Triples line (UTF-8), written by Oxigraph; a
        triple stated in two graphs comes twice unless the set union is at hand (the JSON-LD
        writer drops repeats where they can be, among a property's values: far cheaper than
        the overlap check, one lookup per triple in the engine, or a set of all the lines)."""
        if self._union:
            return self._ntriples(self._union)
        names = [ox.NamedNode(name) for name in self.graph_names()]
        return chain.from_iterable(map(self._ntriples, [*names, ox.DefaultGraph()]))

    def _ntriples(self, graph: Any) -> list[bytes]:
        data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        assert data is not None
        lines = data.split(b"\n")  # Oxigraph escapes a newline in a literal
        lines.pop()  # the empty line after the last newline
        return lines

    def _dump(self, fmt: Any, prefixes: Mapping[str, str]) -> str:
        data = self.store.dump(format=fmt, prefixes=dict(prefixes))
        assert data is not None
        return data.decode("utf-8")

    def to_dataset(self) -> Dataset:
        # Quad by quad through the term converter: about twice as fast as writing N-Quads and
        # having rdflib parse them back.
        from rdflib import Dataset  # late: rdflib only for the tools that need its dataset

        from partnergraph.rdf.terms import converter, from_ox  # late: as above

        dataset = Dataset(default_union=True)
        convert = converter()
        graphs: dict[Any, Graph] = {}
        for quad in self._quads():
            graph = graphs.get(quad.graph_name)
            if graph is None:
                name = from_ox(quad.graph_name)
                graph = dataset.default_graph if name is None else dataset.graph(name)  # type: ignore[arg-type]
                graphs[quad.graph_name] = graph
            graph.add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))  # type: ignore[arg-type]
        return dataset

    def __len__(self) -> int:
        if self._set_union():
            return sum(1 for _ in self._quads())
        return len(self.store)


def largest_graph(files: Sequence[Path]) -> str | None:
    """The graph of the biggest file: the one :func:`_overlap` need not scan."""
    sizes = [(path.stat().st_size, str(name)) for path, name in named_files(files)]
    return max(sizes)[1] if sizes else None


def overlap(store: ox.Store, largest: str | None) -> bool:
    """Whether some triple is stated in two graphs: one question, however many graphs there are.

    Every graph but the largest is looked up against the others (a triple in two graphs is in
    at least one that is not the largest), so one big file among small ones costs next to
    nothing. The set-union graph is not there yet when this is asked.
    """
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    if len(graphs) < 2:
        return False
    names = {g.value for g in graphs}
    skip = f"FILTER(?g != <{largest}>)" if largest in names else ""
    ask = f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} {skip} GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != ?g) }}"
    return bool(store.query(ask))


def write_set_union(store: ox.Store) -> None:
    union = ox.NamedNode(SET_UNION)
    quads = [ox.Quad(q.subject, q.predicate, q.object, union) for q in store]
    store.bulk_extend(quads)


def _collect_ox(answer: Any) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        # Read whole here (errors surface while reading); rdflib terms only when asked.
        return SelectResult.deferred(variables, OxigraphRows(list(answer)))
    from rdflib import Graph  # late: a CONSTRUCT's answer is an rdflib graph

    from partnergraph.rdf.terms import converter  # late: as above

    convert = converter()
    graph = bind_prefixes(Graph())
    for triple in answer:
        graph.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))  # type: ignore[arg-type]
    return GraphResult(graph)


@lru_cache(maxsize=256)
def _has_dataset_clause(text: str) -> bool:
    if not may_hold_from(text):
        return False
    from rdflib.plugins.sparql.parser import parseQuery  # a tenth of a second: only for FROM

    query = parseQuery(text)[1]
    # Not query.get(): a CompValue returns the key itself for a missing key.
    return "datasetClause" in query and bool(query["datasetClause"])


def load_into(store: ox.Store, files: Iterable[Path], *, bulk: bool) -> None:
    for path, iri in named_files(files):
        fmt = INPUT_SUFFIXES[path.suffix.lower()]
        check_input(path)
        name = ox.NamedNode(iri)
        if not fmt.oxigraph_reads:  # N3: rdflib parses, Oxigraph stores
            from rdflib import Dataset  # late: rdflib only for the files Oxigraph cannot read

            scratch = Dataset()
            parse_into(scratch, path, iri)
            data = scratch.serialize(format="nquads").encode("utf-8")
            store.load(data, format=ox.RdfFormat.N_QUADS)
            continue
        kwargs: dict[str, Any] = {
            "path": str(path),
            "format": fmt.rdf_format,
            "base_iri": name.value,
        }
        if not fmt.quads:
            kwargs["to_graph"] = name
        try:
            (store.bulk_load if bulk else store.load)(**kwargs)
        except SyntaxError:
            # Oxigraph's message is terse: let the rdflib loader explain file, line and cause.
            _explain(path, iri)
            raise DataError.of("data.malformed.rdf", path=str(path)) from None
        except UnicodeDecodeError:
            _explain(path, iri)
            raise
        except OSError as exc:
            raise DataError(cannot_read(exc), path=str(path)) from None


def _explain(path: Path, iri: str) -> None:
    """Parse a file Oxigraph refused with rdflib, whose errors name the line and the cause."""
    from rdflib import Dataset  # late: rdflib only to explain a file Oxigraph refused

    parse_into(Dataset(), path, iri)


def cannot_read(exc: OSError) -> str:
    """One line for a file that cannot be read; Oxigraph's errors carry no strerror."""
    reason = exc.strerror or str(exc).split(" (os error")[0] or type(exc).__name__
    return t("data.unreadable", reason=reason)
