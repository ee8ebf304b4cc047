"""Running SPARQL safely against a loaded dataset.

Queries are parsed before they run, whatever the store, so that anything reaching outside the
graph is refused up front: ``SERVICE`` (a request to another endpoint), ``FROM``/``FROM NAMED``
naming a graph that is not loaded (rdflib would fetch it from the web or the file system) and
updates, ``LOAD`` included. Parameters are bound as RDF terms, never pasted into the query text:
rdflib pre-binds them (``initBindings``); other engines get a ``VALUES`` block of terms
serialised by rdflib (:func:`bind_as_values`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Variable
from rdflib.term import Identifier, Node

from partnergraph.core.errors import QueryError, QuerySyntaxError, UnsafeQueryError
from partnergraph.core.messages import t
from partnergraph.io.bounds import check_query_depth, parser_headroom
from partnergraph.io.results import AskResult, GraphResult, QueryResult, SelectResult
from partnergraph.rdf.namespaces import PREFIXES, bind_prefixes

if TYPE_CHECKING:
    # rdflib's SPARQL parser takes a tenth of a second to import: only what rdflib evaluates
    # or this module has to check loads it (see run()).
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result

    from partnergraph.engine.stores import Store

__all__ = ["bind_as_values", "evaluate_rdflib", "harmonise", "prepare", "run"]


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
    bindings: Mapping[str, Node] | None = None,
    *,
    allow_remote: bool = False,
) -> QueryResult:
    """Check a query, run it in the store's own engine and copy its answer out.

    rdflib's parser costs about as much as Oxigraph takes to answer a typical query, so a text
    is parsed for the check only once per process, and the bundled library's queries (which
    the test suite checks) not at all, as long as neither could reach outside the graph.
    """
    from partnergraph.engine.stores import MemoryStore

    if isinstance(target, Dataset):
        query = prepare(text, target, allow_remote=allow_remote)
        return harmonise(text, evaluate_rdflib(target, query, bindings))
    if isinstance(target, MemoryStore):
        # rdflib needs the parsed query anyway: parse once, for the check and to evaluate.
        query = prepare(text, target.graph_names(), allow_remote=allow_remote)
        return harmonise(text, evaluate_rdflib(target.dataset, query, bindings))
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
    columns = _concatenated(text)
    if not columns:
        return result
    where = [
        (index, columns[name]) for index, name in enumerate(result.variables) if name in columns
    ]
    if not where:
        return result
    from rdflib import Literal

    rows = []
    for row in result.rows:
        cells = list(row)
        for index, separator in where:
            cell = cells[index]
            if isinstance(cell, Literal):
                parts = sorted(str(cell).split(separator)) if separator else sorted(str(cell))
                joined = separator.join(parts)
                cells[index] = Literal(joined) if joined else None
        rows.append(tuple(cells))
    return SelectResult(result.variables, rows)


_CONCAT = re.compile(r"\bGROUP_CONCAT\s*\(", re.IGNORECASE)
_SEPARATOR = re.compile(r"SEPARATOR\s*=\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')", re.I)
_AS_VARIABLE = re.compile(r"^\s*AS\s+[?$](\w+)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _concatenated(text: str) -> dict[str, str]:
    """The variables a query binds to ``(GROUP_CONCAT(...) AS ?v)``, with their separators."""
    found: dict[str, str] = {}
    if "group_concat" not in text.lower():
        return found
    for match in _CONCAT.finditer(text):
        depth, i = 1, match.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        inner = text[match.end() : i - 1]
        alias = _AS_VARIABLE.match(text[i:])
        if alias is None:
            continue
        separator = _SEPARATOR.search(inner)
        raw = separator.group(1)[1:-1] if separator else " "
        for escape, char in (("\\t", "\t"), ("\\n", "\n"), ('\\"', '"'), ("\\'", "'")):
            raw = raw.replace(escape, char)
        found[alias.group(1)] = raw.replace("\\\\", "\\")
    return found


_SAFE_TEXTS: set[str] = set()
"""Texts that passed :func:`prepare` in this process and neither SERVICE nor FROM anything."""

_SAFE_TEXTS_LIMIT = 512

_OUTSIDE_WORDS = re.compile(r"\b(?:SERVICE|FROM)\b", re.IGNORECASE)
_FROM_WORD = re.compile(r"\bFROM\b", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
_VARIABLE = re.compile(r"[?$]\w+")


def _may_reach_outside(text: str) -> bool:
    """Whether a query might hold SERVICE or FROM: the words outside comment lines and
    variable names (a ?from is common), or a codepoint escape, which the parsers expand before
    they read keywords. Anything doubtful counts: it only means the text gets the full check."""
    return _may_hold(_OUTSIDE_WORDS, text)


def may_hold_from(text: str) -> bool:
    """Whether a query might have a FROM clause (see :func:`_may_reach_outside`); when not,
    it certainly has none, and nobody needs to parse it to find out."""
    return _may_hold(_FROM_WORD, text)


def _may_hold(words: re.Pattern[str], text: str) -> bool:
    if "\\u" in text or "\\U" in text:
        return True
    if not words.search(text):
        return False
    return bool(words.search(_VARIABLE.sub(" ", _COMMENT_LINE.sub("", text))))


def _known_safe(text: str) -> bool:
    return text in _SAFE_TEXTS or text in _library_texts()


def _remember_safe(text: str) -> None:
    if len(_SAFE_TEXTS) >= _SAFE_TEXTS_LIMIT:
        _SAFE_TEXTS.clear()
    _SAFE_TEXTS.add(text)


@cache
def _library_texts() -> frozenset[str]:
    """The bundled named queries that cannot reach outside the graph, by their exact text."""
    from partnergraph.core import resources as _resources

    texts = (path.read_text(encoding="utf-8") for path in _resources.queries_dir().glob("*.rq"))
    return frozenset(text for text in texts if not _may_reach_outside(text))


def _reaches_outside(algebra: Any) -> bool:
    return any(node.name in ("ServiceGraphPattern", "DatasetClause") for node in _walk(algebra))


def evaluate_rdflib(
    dataset: Dataset, query: Query | str, bindings: Mapping[str, Node] | None = None
) -> QueryResult:
    """Evaluate with rdflib, parameters pre-bound by the engine."""
    if isinstance(query, str):
        query = prepare(query, allow_remote=True)
    init: dict[str, Identifier] = {}
    for name, value in (bindings or {}).items():
        assert isinstance(value, Identifier)
        init[Variable(name)] = value
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
    if isinstance(loaded, Dataset):
        # rdflib fetches a FROM graph that is empty as if it were missing: empty ones don't count.
        return {str(g.identifier) for g in loaded.graphs() if len(g)}
    return loaded


def _refuse_outside_access(tree: Any, loaded: set[str]) -> None:
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern":
            raise UnsafeQueryError.of("sparql.service", remedy="allow-remote", iri=node["term"])
        if node.name == "DatasetClause":
            # Not node.get(): CompValue.get returns the key itself when it is missing.
            iri = node["default"] if "default" in node else node["named"]
            if str(iri) not in loaded:
                raise UnsafeQueryError.of("sparql.from", remedy="load-or-allow-remote", iri=iri)


def _walk(tree: Any) -> Iterator[CompValue]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    def walk(node: Any) -> Iterator[CompValue]:
        if isinstance(node, CompValue):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list | tuple | ParseResults):
            for item in node:
                yield from walk(item)

    return walk(tree)


def bind_as_values(text: str, bindings: Mapping[str, Node]) -> str:
    """The query with its parameters bound by a ``VALUES`` block opening the WHERE clause.

    This is how parameters travel to engines that cannot pre-bind variables (remote SPARQL
    endpoints; Oxigraph only substitutes projected variables). The terms are written by rdflib
    in N-Triples syntax, so a value can never break out of its term. A sub-SELECT does not see
    the variables around it, so each sub-SELECT that uses a parameter gets its own block of the
    parameters it uses: a threshold can then cut a sub-SELECT's answer before the engine joins
    it (see ``queries/shared-themes.rq``).
    """
    if not bindings:
        return text
    terms: dict[str, str] = {}
    for name, value in bindings.items():
        if not isinstance(value, Identifier):
            raise QueryError(f"parameter {name!r} is not an RDF term")
        terms[name] = value.n3()

    def block(names: list[str]) -> str:
        variables = " ".join("?" + n for n in names)
        return f"\n  VALUES ({variables}) {{ ({' '.join(terms[n] for n in names)}) }}\n"

    top = _where_brace(text)
    inserts = [(top, block(list(terms)))]
    code = _code_only(text)
    for select in re.finditer(r"\bSELECT\b", code, re.I):
        opening = code.find("{", select.end())
        if select.start() < top or opening == -1:
            continue
        # The whole sub-SELECT: projection, WHERE, GROUP BY, HAVING, up to its group's end.
        body = code[select.start() : _closing(code, select.start(), depth=1)]
        used = [n for n in terms if re.search(rf"[?$]{re.escape(n)}\b", body)]
        if used:
            inserts.append((opening, block(used)))
    for position, values in sorted(inserts, reverse=True):
        text = text[: position + 1] + values + text[position + 1 :]
    return text


def _code_only(text: str) -> str:
    """``text`` with comments, IRIs and string literals blanked out (same length)."""
    out = list(text)
    i = 0
    while i < len(text):
        ch = text[i]
        start = i
        if ch == "#":
            i = text.find("\n", i)
            i = len(text) if i == -1 else i
        elif ch == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            i = text.index(">", i) + 1
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            end = text.find(quote, i + len(quote))
            while end != -1 and text[end - 1] == "\\":
                end = text.find(quote, end + 1)
            i = (end if end != -1 else len(text)) + len(quote)
        else:
            i += 1
            continue
        out[start:i] = " " * (min(i, len(text)) - start)
    return "".join(out)[: len(text)]


def _closing(code: str, start: int, depth: int = 1) -> int:
    """Index of the ``}`` that closes the group ``start`` is in (in :func:`_code_only` text)."""
    for i in range(start, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(code)


def _where_brace(text: str) -> int:
    """Index of the ``{`` that opens the WHERE clause, skipping comments, IRIs and strings."""
    braces: list[int] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i)
            if i == -1:
                break
        elif ch == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            i = text.index(">", i)
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            end = text.find(quote, i + len(quote))
            while end != -1 and text[end - 1] == "\\":
                end = text.find(quote, end + 1)
            i = (end if end != -1 else len(text)) + len(quote) - 1
        elif ch == "{":
            if depth == 0:
                braces.append(i)
            depth += 1
        elif ch == "}":
            depth -= 1
        i += 1
    form = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _strip_comments(text), re.I)
    is_template = form is not None and form.group(1).upper() == "CONSTRUCT"
    if is_template and not re.search(r"\bCONSTRUCT\s+WHERE\b", _strip_comments(text), re.I):
        braces = braces[1:]
    if not braces:
        raise QuerySyntaxError("the query has no WHERE clause to bind parameters in")
    return braces[0]


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
