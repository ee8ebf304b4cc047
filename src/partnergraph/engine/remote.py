"""A remote SPARQL 1.1 endpoint as a store.

``--store sparql:URL`` answers every command from a SPARQL server instead of loading files::

    G=https://w3id.org/partnergraph/graph/all
    partnergraph --store "sparql:http://127.0.0.1:7878/query?default-graph-uri=$G" stats

**Requests.** Queries are sent as URL-encoded POST (SPARQL 1.1 Protocol §2.1.2), the one form
every server answers: Virtuoso 7 never answers a query POSTed directly as
``application/sparql-query`` (openlink/virtuoso-opensource#842: the request hangs), so that form
and GET are only tried when a server refuses the form POST (405/415). SELECT and ASK ask for
``application/sparql-results+json``, CONSTRUCT and DESCRIBE for N-Triples (or Turtle). The
stable prefixes (:func:`partnergraph.rdf.namespaces.sparql_prologue`) are prepended to every
query and parameters travel in a ``VALUES`` block
(:func:`partnergraph.engine.sparql.bind_as_values`).
Redirects are never followed and proxy settings from the environment are ignored: no request
goes anywhere but the URL given.

**Dataset.** ``default-graph-uri`` and ``named-graph-uri`` in the URL are sent with every query.
As in the embedded stores, the default graph is then the union of the named graphs: given only
``default-graph-uri=G``, the store also sends ``named-graph-uri=G``, so that ``GRAPH`` queries,
``stats`` and TriG exports see graph G (and, on Virtuoso, not all of its system graphs).
Without dataset parameters the server's own default applies: on Virtuoso that is the union of
every graph, system graphs included, so name your graph there.

**Credentials and errors** work as for every request to a server: see
:mod:`partnergraph.engine.connection`; answers are read by :mod:`partnergraph.engine.answers`.

**Server quirks handled here** (those of the answers' formats are undone in
:mod:`partnergraph.engine.answers`). Virtuoso silently cuts results at its
``ResultSetMaxRows`` (a SELECT says so in ``X-SPARQL-MaxRows``: that becomes an error here,
which is why exports use a SELECT rather than a CONSTRUCT). Virtuoso also prunes a parameter
that a query uses only in the FILTER of an OPTIONAL, which then sees it unbound; a no-op
``FILTER(BOUND(?param))`` beside the ``VALUES`` block prevents that. What cannot be undone is
left as it comes: Virtuoso (and Oxigraph) lower-case language tags, and Virtuoso returns
booleans as the integers 1 and 0.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import httpx
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from partnergraph.core.errors import ParameterError, QuerySyntaxError
from partnergraph.engine.answers import (
    RDF_ACCEPT,
    RESULTS_JSON,
    RESULTS_XML,
    parse_graph,
    parse_results,
)
from partnergraph.engine.connection import (
    DEFAULT_TIMEOUT,
    Connection,
    RemoteError,
    endpoint,
    media_type,
    one_line,
)
from partnergraph.engine.sparql import bind_as_values
from partnergraph.engine.sparql_text import query_form, where_brace
from partnergraph.engine.stores import Store
from partnergraph.io.formats import graph_format
from partnergraph.io.results import GraphResult, QueryResult, SelectResult
from partnergraph.io.serialize import serialize_graph
from partnergraph.rdf.namespaces import bind_prefixes, sparql_prologue
from partnergraph.rdf.terms import Bound

__all__ = ["SparqlStore"]

_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")


def _bind(text: str, bindings: Mapping[str, Bound]) -> str:
    """The query with its parameters in a ``VALUES`` block, and a ``FILTER(BOUND(...))`` of
    them beside it: a no-op (the block binds them in every solution) that stops Virtuoso 7
    from pruning a parameter used only in the FILTER of an OPTIONAL, which would then see it
    unbound (``stats`` lost every class label to that)."""
    bound = bind_as_values(text, bindings)
    if not bindings:
        return bound
    keep = "FILTER(" + " && ".join(f"BOUND(?{name})" for name in bindings) + ")"
    position = where_brace(bound)
    return bound[: position + 1] + " " + keep + bound[position + 1 :]


# ---------------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------------


class SparqlStore(Store):
    """A remote SPARQL 1.1 endpoint as a read-only store (see the module documentation).

    ``url`` is the query endpoint, with ``default-graph-uri`` and ``named-graph-uri`` if wanted.
    ``update_url`` names the same server's SPARQL Update or Graph Store endpoint for callers
    that publish to it (:func:`partnergraph.publish.push`); the store itself never writes.
    ``timeout`` is in seconds, for connecting and for each wait on the answer.
    """

    def __init__(
        self, url: str, *, update_url: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        parsed = endpoint(url)
        self.spec = f"sparql:{parsed}"
        self.update_url = update_url
        self.default_graphs = parsed.params.get_list("default-graph-uri")
        named = parsed.params.get_list("named-graph-uri")
        if not all(self.default_graphs) or not all(named):
            raise ParameterError(
                f"{self.spec}: default-graph-uri and named-graph-uri must name a graph (an IRI)"
            )
        # The default graph is the union of the named graphs, as in the embedded stores.
        self._union_of_named = bool(self.default_graphs) and not named
        self.named_graphs = named or list(self.default_graphs)
        kept: list[tuple[str, str | int | float | bool | None]] = [
            (k, v) for k, v in parsed.params.multi_items() if k not in _DATASET_PARAMS
        ]
        self.connection = Connection(
            str(parsed.copy_with(params=httpx.QueryParams(kept))), timeout=timeout
        )
        self._method = "form"
        self._names: set[str] | None = None

    def __repr__(self) -> str:
        return f"SparqlStore({self.connection.shown!r})"

    def close(self) -> None:
        self.connection.close()

    def _dataset(self) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        if self.default_graphs:
            params["default-graph-uri"] = list(self.default_graphs)
        if self.named_graphs:
            params["named-graph-uri"] = list(self.named_graphs)
        return params

    # --- queries -------------------------------------------------------------------------------

    def run(self, text: str, bindings: Mapping[str, Bound] | None = None) -> QueryResult:
        form = query_form(text)
        if form is None:
            raise QuerySyntaxError(
                "malformed SPARQL: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prefixes"
            )
        # The prefixes go on the query's first line, so that the line numbers in a server's
        # error message are the user's.
        body = sparql_prologue().replace("\n", " ") + _bind(text, bindings or {})
        is_graph = form in ("CONSTRUCT", "DESCRIBE")
        response = self._post(
            body, RDF_ACCEPT if is_graph else f"{RESULTS_JSON}, {RESULTS_XML};q=0.5"
        )
        kind = media_type(response)
        try:
            if is_graph:
                return GraphResult(parse_graph(response.content, kind, bind_prefixes(Graph())))
            if kind not in (RESULTS_JSON, RESULTS_XML, "application/json"):
                raise ValueError(f"answered in {kind or 'an unnamed format'}, not SPARQL results")
            return parse_results(
                response.content, RESULTS_XML if kind == RESULTS_XML else RESULTS_JSON, form
            )
        except RemoteError:
            raise
        except Exception as exc:  # JSON, N-Triples and Turtle parsers each raise their own
            reason = one_line(str(exc) or type(exc).__name__, 200)
            raise RemoteError(
                f"{self.connection.shown} sent an answer partnergraph cannot read: {reason}"
            ) from None

    def _post(self, text: str, accept: str) -> httpx.Response:
        """Send a query by the first protocol form the server accepts, remembering it."""
        methods = ["form", "direct", "get"]
        methods = methods[methods.index(self._method) :]
        response: httpx.Response | None = None
        for method in methods:
            response = self._send(method, text, accept)
            if response.status_code not in (405, 415, 501):
                self._method = method
                break
        assert response is not None
        if not response.is_success:
            raise self.connection.failure(response, "query")
        if response.headers.get("x-sparql-maxrows"):
            cap = response.headers["x-sparql-maxrows"]
            raise RemoteError(
                f"{self.connection.shown} cut the answer at its limit of {cap} rows "
                "(X-SPARQL-MaxRows): ask for less (LIMIT/OFFSET), or raise the server's "
                "ResultSetMaxRows"
            )
        return response

    def _send(self, method: str, text: str, accept: str) -> httpx.Response:
        headers = {"Accept": accept}
        dataset = self._dataset()
        if method == "form":
            return self.connection.request(
                "POST", data={"query": text, **dataset}, headers=headers, what="query"
            )
        if method == "direct":
            headers["Content-Type"] = "application/sparql-query; charset=utf-8"
            return self.connection.request(
                "POST", params=dataset, content=text.encode("utf-8"), headers=headers, what="query"
            )
        return self.connection.request(
            "GET", params={"query": text, **dataset}, headers=headers, what="query"
        )

    def _select(self, text: str) -> SelectResult:
        result = self.run(text)
        assert isinstance(result, SelectResult)
        return result

    # --- the rest of the Store interface -------------------------------------------------------

    def graph_names(self) -> set[str]:
        if self._names is None:
            rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
            self._names = {str(row[0]) for row in rows if isinstance(row[0], URIRef)}
        return self._names

    def _quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every triple of the dataset with its graph (``None``: the default graph), in one
        answer so that blank nodes keep their identity across graphs."""
        if self._union_of_named:
            text = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        else:
            text = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        for s, p, o, g in self._select(text).rows:
            if s is not None and p is not None and o is not None:
                yield s, p, o, g

    def to_dataset(self) -> Dataset:
        dataset = Dataset(default_union=True)
        default: list[tuple[Node, Node, Node]] = []
        for s, p, o, g in self._quads():
            if g is None:
                default.append((s, p, o))
            else:
                dataset.graph(g).add((s, p, o))  # type: ignore[arg-type]
        # The default graph keeps only what no named graph already holds (it is their union).
        for triple in default:
            if not any(True for _ in dataset.quads((*triple, None))):
                dataset.default_graph.add(triple)
        return dataset

    def export(self, fmt: str) -> str:
        return serialize_graph(self.to_dataset(), graph_format(fmt).name)

    def __len__(self) -> int:
        if self._union_of_named:
            text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        else:
            text = (
                "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
                "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
            )
        rows = self._select(text).rows
        try:
            return int(str(rows[0][0]))
        except (IndexError, ValueError):
            raise RemoteError(f"{self.connection.shown} did not count the triples") from None
