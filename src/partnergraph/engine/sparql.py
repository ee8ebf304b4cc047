"""Running SPARQL safely against a loaded dataset.

Queries are parsed before they run, whatever the store, so that anything reaching outside the
graph is refused up front: ``SERVICE`` (a request to another endpoint), ``FROM``/``FROM NAMED``
naming a graph that is not loaded (rdflib would fetch it from the web or the file system) and
updates, ``LOAD`` included. Parameters are bound as RDF terms, never pasted into the query text:
rdflib pre-binds them (``initBindings``); other engines get a ``VALUES`` block of the terms in
N-Triples syntax (:func:`bind_as_values`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache, partial
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from partnergraph.core import resources
from partnergraph.core.errors import QueryError, QuerySyntaxError, UnsafeQueryError
from partnergraph.core.messages import t
from partnergraph.engine.sparql_text import (
    closing,
    code_only,
    concatenated,
    may_reach_outside,
    where_brace,
)
from partnergraph.engine.stores import Store
from partnergraph.io.bounds import check_query_depth, parser_headroom
from partnergraph.io.results import AskResult, GraphResult, QueryResult, SelectResult
from partnergraph.rdf.namespaces import PREFIXES, bind_prefixes

if TYPE_CHECKING:
    # rdflib takes about 0.15 s to import and its SPARQL parser a tenth more: only what rdflib
    # evaluates or this module has to check loads them (see run()); a named query of the
    # library run on Oxigraph needs neither.
    from rdflib import Dataset
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result

    from partnergraph.rdf.terms import Bound

__all__ = ["bind_as_values", "evaluate_rdflib", "harmonise", "prepare", "run", "walk"]


def prepare(
    text: str, loaded: Dataset | set[str] | None = None, *, allow_remote: bool = False
) -> Query:
    """Parse ``text``, refuse what is unsafe, and return the algebra ready to evaluate.

    The stable prefixes (``pg:``, ``pgid:``, ``org:``...) are known to every query, so ad hoc
    queries need no PREFIX lines; a query's own PREFIX lines win.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    check_query_depth(text)
    parser_headroom()
    try:
        tree = parseQuery(text)
    except RecursionError:
        raise QuerySyntaxError(_TOO_DEEP) from None
    except ParseException as exc:
        if _is_update(text):
            raise UnsafeQueryError.of("sparql.update", remedy="edit-data") from None
        raise QuerySyntaxError.of(
            "sparql.syntax.at", line=exc.lineno, column=exc.col, why=_parse_message(exc)
        ) from None
    try:
        query = translateQuery(tree, initNs=PREFIXES)
    except RecursionError:
        raise QuerySyntaxError(_TOO_DEEP) from None
    except Exception as exc:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise QuerySyntaxError(t("sparql.syntax", why=exc)) from None
    if not allow_remote:
        # Check the algebra, not the parse tree: there prefixed names and relative IRIs are
        # resolved (FROM pfx:name, BASE) exactly as the engine will use them.
        _refuse_outside_access(query.algebra, _names(loaded))
    return query


_TOO_DEEP = "the query is nested too deeply to read: simplify it"


def run(
    target: Store | Dataset,
    text: str,
    bindings: Mapping[str, Bound] | None = None,
    *,
    allow_remote: bool = False,
) -> QueryResult:
    """Check a query, run it in the store's own engine and copy its answer out.

    rdflib's parser costs about as much as Oxigraph takes to answer a typical query, so a text
    is parsed for the check only once per process, and the bundled library's queries (which
    the test suite checks) not at all, as long as neither could reach outside the graph.
    """
    if not isinstance(target, Store):  # an rdflib Dataset
        query = prepare(text, target, allow_remote=allow_remote)
        return harmonise(text, evaluate_rdflib(target, query, bindings))
    live = target.rdflib_dataset()
    if live is not None:
        # rdflib needs the parsed query anyway: parse once, for the check and to evaluate.
        query = prepare(text, target.graph_names(), allow_remote=allow_remote)
        return harmonise(text, evaluate_rdflib(live, query, bindings))
    if not _known_safe(text):
        query = prepare(text, target.graph_names(), allow_remote=allow_remote)
        if not _reaches_outside(query.algebra):
            _remember_safe(text)
    return harmonise(text, target.run(text, bindings))


def harmonise(text: str, result: QueryResult) -> QueryResult:
    """The answer as every engine should give it: ``GROUP_CONCAT`` cells the same everywhere.

    SPARQL leaves three things to the engine, and the engines differ on each: the order of the
    parts inside a concatenated cell (here: sorted), the language tag of the result (Oxigraph
    keeps a tag all parts share; rdflib and Jena do not: here a plain string), and a
    concatenation of nothing (rdflib ``""``, the others unbound: here unbound).
    """
    if not isinstance(result, SelectResult):
        return result
    columns = concatenated(text)
    if not columns:
        return result
    where = {
        index: partial(_sorted_parts, separator=columns[name])
        for index, name in enumerate(result.variables)
        if name in columns
    }
    if not where:
        return result
    source = result.source()
    if source is not None:  # the engine's rows, not yet rdflib terms: settle them as they are
        return SelectResult.deferred(result.variables, source.with_texts(where))
    from rdflib import Literal  # late: these rows are rdflib's terms, so rdflib is loaded

    rows = []
    for row in result.rows:
        cells = list(row)
        for index, settle in where.items():
            cell = cells[index]
            if isinstance(cell, Literal):
                joined = settle(str(cell))
                cells[index] = None if joined is None else Literal(joined)
        rows.append(tuple(cells))
    return SelectResult(result.variables, rows)


def _sorted_parts(text: str, separator: str) -> str | None:
    """A concatenated cell with its parts sorted; ``None`` for a concatenation of nothing."""
    parts = sorted(text.split(separator)) if separator else sorted(text)
    return separator.join(parts) or None


_SAFE_TEXTS: set[str] = set()
"""Texts that passed :func:`prepare` in this process and neither SERVICE nor FROM anything."""

_SAFE_TEXTS_LIMIT = 512


def _known_safe(text: str) -> bool:
    return text in _SAFE_TEXTS or text in _library_texts()


def _remember_safe(text: str) -> None:
    if len(_SAFE_TEXTS) >= _SAFE_TEXTS_LIMIT:
        _SAFE_TEXTS.clear()
    _SAFE_TEXTS.add(text)


@cache
def _library_texts() -> frozenset[str]:
    """The bundled named queries that cannot reach outside the graph, by their exact text."""
    texts = (path.read_text(encoding="utf-8") for path in resources.queries_dir().glob("*.rq"))
    return frozenset(text for text in texts if not may_reach_outside(text))


def _reaches_outside(algebra: Any) -> bool:
    return any(node.name in ("ServiceGraphPattern", "DatasetClause") for node in walk(algebra))


def evaluate_rdflib(
    dataset: Dataset, query: Query | str, bindings: Mapping[str, Bound] | None = None
) -> QueryResult:
    """Evaluate with rdflib, parameters pre-bound by the engine."""
    from rdflib import Variable  # late: rdflib only for the stores that evaluate with it
    from rdflib.term import Identifier  # late: as above

    from partnergraph.rdf.terms import from_ox  # late: as above

    if isinstance(query, str):
        query = prepare(query, allow_remote=True)
    init: dict[str, Identifier] = {}
    for name, value in (bindings or {}).items():
        term = value if isinstance(value, Identifier) else from_ox(value)
        assert isinstance(term, Identifier)
        init[Variable(name)] = term
    try:
        return _collect(dataset.query(query, initBindings=init))
    except RecursionError:
        raise QueryError("the query is nested too deeply to evaluate: simplify it") from None
    except Exception as exc:
        # rdflib's evaluator reports some type errors of the query this way (e.g. sorting
        # an unbound value), and a FROM it cannot load (--allow-remote) as a bare Exception;
        # say so instead of showing its internals.
        raise QueryError(f"the engine could not evaluate this query: {exc}") from None


def _collect(result: Result) -> QueryResult:
    if result.type == "ASK":
        return AskResult(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from rdflib import Graph  # late: rdflib only for the stores that evaluate with it

        graph = bind_prefixes(Graph())
        assert result.graph is not None
        for triple in result.graph:
            graph.add(triple)
        return GraphResult(graph)
    variables = [str(v) for v in (result.vars or [])]
    rows = [tuple(row[v] for v in variables) for row in result]  # type: ignore[call-overload,index]
    return SelectResult(variables, rows)


def _is_update(text: str) -> bool:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def _parse_message(exc: Any) -> str:
    found = exc.line[exc.col - 1 : exc.col + 19].strip() if exc.line else ""
    expected = str(exc.msg).removeprefix("Expected ").strip()
    if found:
        return f"expected {expected}, found {found!r}"
    return f"expected {expected} (the query ends too early)"


def _names(loaded: Dataset | set[str] | None) -> set[str]:
    if loaded is None:
        return set()
    if not isinstance(loaded, set):  # an rdflib Dataset
        # rdflib fetches a FROM graph that is empty as if it were missing: empty ones don't count.
        return {str(g.identifier) for g in loaded.graphs() if len(g)}
    return loaded


def _refuse_outside_access(tree: Any, loaded: set[str]) -> None:
    for node in walk(tree):
        if node.name == "ServiceGraphPattern":
            raise UnsafeQueryError.of("sparql.service", remedy="allow-remote", iri=node["term"])
        if node.name == "DatasetClause":
            # Not node.get(): CompValue.get returns the key itself when it is missing.
            iri = node["default"] if "default" in node else node["named"]
            if str(iri) not in loaded:
                raise UnsafeQueryError.of("sparql.from", remedy="load-or-allow-remote", iri=iri)


def walk(tree: Any) -> Iterator[CompValue]:
    """Every node of a parsed query or update, or of its algebra, depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    def nodes(node: Any) -> Iterator[CompValue]:
        if isinstance(node, CompValue):
            yield node
            for value in node.values():
                yield from nodes(value)
        elif isinstance(node, list | tuple | ParseResults):
            for item in node:
                yield from nodes(item)

    return nodes(tree)


def bind_as_values(text: str, bindings: Mapping[str, Bound]) -> str:
    """The query with its parameters bound by a ``VALUES`` block opening the WHERE clause.

    This is how parameters travel to engines that cannot pre-bind variables (remote SPARQL
    endpoints; Oxigraph only substitutes projected variables). The terms are written in
    N-Triples syntax by the library that made them (Oxigraph or rdflib), so a value can never
    break out of its term. A sub-SELECT does not see
    the variables around it, so each sub-SELECT that uses a parameter gets its own block of the
    parameters it uses: a threshold can then cut a sub-SELECT's answer before the engine joins
    it (see ``queries/shared-themes.rq``).
    """
    if not bindings:
        return text
    terms = {name: _term_text(name, value) for name, value in bindings.items()}

    def block(names: list[str]) -> str:
        variables = " ".join("?" + n for n in names)
        return f"\n  VALUES ({variables}) {{ ({' '.join(terms[n] for n in names)}) }}\n"

    top = where_brace(text)
    inserts = [(top, block(list(terms)))]
    code = code_only(text)
    for select in re.finditer(r"\bSELECT\b", code, re.I):
        opening = code.find("{", select.end())
        if select.start() < top or opening == -1:
            continue
        # The whole sub-SELECT: projection, WHERE, GROUP BY, HAVING, up to its group's end.
        body = code[select.start() : closing(code, select.start(), depth=1)]
        used = [n for n in terms if re.search(rf"[?$]{re.escape(n)}\b", body)]
        if used:
            inserts.append((opening, block(used)))
    for position, values in sorted(inserts, reverse=True):
        text = text[: position + 1] + values + text[position + 1 :]
    return text


_OXIGRAPH_TERMS = (ox.NamedNode, ox.Literal, ox.BlankNode)


def _term_text(name: str, value: object) -> str:
    """A bound value in N-Triples syntax, written by the library that made the term."""
    if isinstance(value, _OXIGRAPH_TERMS):
        return str(value)
    from rdflib.term import Identifier  # late: rdflib only for a caller's own rdflib terms

    if not isinstance(value, Identifier):
        raise QueryError(f"parameter {name!r} is not an RDF term")
    return value.n3()
