"""A small hierarchy of errors, so callers can catch exactly what they can handle.

Every error carries a message written for the person at the keyboard: where the problem is,
what is wrong, and what to do. The CLI prints ``str(error)`` on one line and exits with
``exit_code``; Python callers can catch the class they care about.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AmbiguousNameError",
    "DataError",
    "OutputError",
    "ParameterError",
    "PartnergraphError",
    "QueryError",
    "QuerySyntaxError",
    "UnknownEntityError",
    "UnknownQueryError",
    "UnsafeQueryError",
]


class PartnergraphError(Exception):
    """Base class of every error partnergraph raises on purpose."""

    exit_code = 2


class DataError(PartnergraphError):
    """An input data file cannot be read or is not valid RDF."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class QueryError(PartnergraphError):
    """A query cannot be run as asked."""


class QuerySyntaxError(QueryError):
    """The SPARQL text does not parse."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


class UnknownQueryError(QueryError):
    """No query of that name is in the library."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        from .messages import t

        hint = t("mean", options=", ".join(suggestions)) if suggestions else t("query.unknown.list")
        super().__init__(t("query.unknown", name=name, hint=hint))


class ParameterError(QueryError):
    """A query parameter is missing, unknown or of the wrong type."""


class UnsafeQueryError(QueryError):
    """The query would reach outside the graph (SERVICE, LOAD, remote FROM) or change it."""


class UnknownEntityError(PartnergraphError):
    """No entity matches the IRI, prefixed name or label given."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        from .messages import t

        self.text = text
        self.suggestions = suggestions
        hint = t("mean", options=", ".join(suggestions)) if suggestions else t("name.spelling")
        super().__init__(t("name.none", text=text, hint=hint))


class AmbiguousNameError(UnknownEntityError):
    """A name fits several things equally well: the person must choose one of ``candidates``.

    ``candidates`` are :class:`partnergraph.names.Candidate` values (label, type, source, IRI),
    so a CLI can list them and a web page can link to each.
    """

    def __init__(self, text: str, candidates: list[Any], message: str) -> None:
        self.text = text
        self.candidates = candidates
        self.suggestions = [c.label for c in candidates]
        PartnergraphError.__init__(self, message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.candidates, str(self)))


class OutputError(PartnergraphError):
    """An output file cannot be written."""
