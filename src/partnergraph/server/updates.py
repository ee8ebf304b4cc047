"""Checking SPARQL updates before they run, and applying the protocol's ``using-graph-uri``.

Updates are parsed with rdflib first, whatever engine runs them, so that anything reaching
outside the server is refused up front: ``LOAD`` (which fetches a document) and ``SERVICE``.
The protocol parameters ``using-graph-uri`` and ``using-named-graph-uri`` become ``USING`` and
``USING NAMED`` clauses written in front of the ``WHERE`` of every ``DELETE``/``INSERT``
operation; an update that chooses its own dataset (``WITH``, ``USING``) as well is refused, as
the SPARQL 1.1 Protocol requires.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pyparsing import ParseException
from rdflib import URIRef
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from partnergraph.core.errors import QuerySyntaxError, UnsafeQueryError
from partnergraph.engine.sparql import walk
from partnergraph.engine.sparql_text import TOKEN
from partnergraph.io.bounds import check_query_depth, parser_headroom

__all__ = ["DatasetConflict", "check_update", "with_using"]


class DatasetConflict(ValueError):
    """The request names a dataset twice (protocol parameters and the update text)."""


def check_update(text: str) -> list[CompValue]:
    """Parse ``text`` as SPARQL Update and refuse LOAD and SERVICE; the operations, in order."""
    check_query_depth(text)
    parser_headroom()
    try:
        tree = parseUpdate(text)
    except RecursionError:
        raise QuerySyntaxError("the update is nested too deeply to read: simplify it") from None
    except ParseException as exc:
        raise QuerySyntaxError(
            f"malformed SPARQL update at line {exc.lineno}, column {exc.col}: "
            f"{str(exc.msg).removeprefix('Expected ').strip()} expected",
            line=exc.lineno,
            column=exc.col,
        ) from None
    except Exception as exc:  # rdflib raises plain Exceptions for some malformed input
        raise QuerySyntaxError(f"malformed SPARQL update: {exc}") from None
    operations = list(tree["request"]) if "request" in tree else []
    for node in walk(operations):
        if node.name == "Load":
            raise UnsafeQueryError(
                f"LOAD <{node['iri']}> is refused: this server never fetches data; "
                "load files when the server starts instead"
            )
        if node.name == "ServiceGraphPattern":
            raise UnsafeQueryError(
                f"SERVICE <{node['term']}> is refused: this server never contacts other servers"
            )
    return operations


def with_using(
    text: str, operations: Sequence[CompValue], using: Sequence[str], using_named: Sequence[str]
) -> str:
    """``text`` with USING/USING NAMED clauses for the protocol's dataset parameters."""
    if not using and not using_named:
        return text
    modifies = 0
    for operation in operations:
        if operation.name == "Modify":
            if _present(operation, "withClause") or _present(operation, "using"):
                raise DatasetConflict(
                    "the update chooses its dataset with WITH or USING and the request "
                    "with using-graph-uri/using-named-graph-uri: use one or the other"
                )
            modifies += 1
        elif operation.name == "DeleteWhere":
            raise DatasetConflict(
                "using-graph-uri/using-named-graph-uri cannot apply to DELETE WHERE: "
                "write DELETE { ... } WHERE { ... } instead"
            )
    clauses = " ".join(
        [f"USING {URIRef(g).n3()}" for g in using]
        + [f"USING NAMED {URIRef(g).n3()}" for g in using_named]
    )
    positions = list(_modify_wheres(text))
    if len(positions) != modifies:
        raise DatasetConflict(
            "cannot tell where to apply using-graph-uri in this update: "
            "write USING clauses in the update instead"
        )
    for position in reversed(positions):
        text = f"{text[:position]}{clauses}\n{text[position:]}"
    return text


def _present(operation: CompValue, key: str) -> bool:
    # Not operation.get(): a CompValue answers the key itself for a missing key.
    return key in operation and bool(operation[key])


def _modify_wheres(text: str) -> Iterator[int]:
    """Offsets of the WHERE keywords that end a DELETE/INSERT template at the top level."""
    depth = 0
    previous = ""
    for match in TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                previous = "}"
        elif kind in ("string", "iri"):
            previous = kind
        elif depth == 0 and kind == "word":
            if token.upper() == "WHERE" and previous == "}":
                yield match.start()
            previous = token.upper()
