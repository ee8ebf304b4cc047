"""A small hierarchy of errors, so callers can catch exactly what they can handle.

Every error carries a message written for the person at the keyboard: where the problem is,
what is wrong, and what to do. The CLI prints ``str(error)`` on one line and exits with
``exit_code``; Python callers can catch the class they care about.
"""

from __future__ import annotations

from typing import Any, Self

from partnergraph.core.catalogue import t

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
    """Base class of every error partnergraph raises on purpose.

    An error made with :meth:`of` keeps its catalogue ``key`` and ``values`` beside the text,
    so a caller can tell errors apart without parsing English and a front end can say it again
    in another language (:meth:`render`); ``str(error)`` is the message in the language of the
    run that raised it.
    """

    exit_code = 2
    key: str | None = None
    values: dict[str, Any] = {}  # noqa: RUF012 - replaced per instance, never mutated

    @classmethod
    def of(cls, key: str, /, **values: Any) -> Self:
        """The error whose message is the catalogue's ``key`` filled with ``values``."""
        error = cls(t(key, **values))
        error.key, error.values = key, values
        return error

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        if self.key is None:
            return str(self)
        return self._where(t(self.key, lang, **self.values))

    def _where(self, message: str) -> str:
        return message


class DataError(PartnergraphError):
    """An input data file cannot be read or is not valid RDF."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(self._where(message))

    @classmethod
    def of(
        cls, key: str, /, *, path: str | None = None, line: int | None = None, **values: Any
    ) -> Self:
        """The error for the catalogue's ``key``, found in ``path`` at ``line``."""
        error = cls(t(key, **values), path=path, line=line)
        error.key, error.values = key, values
        return error

    def _where(self, message: str) -> str:
        where = f"{self.path}:{self.line}" if self.path and self.line else self.path or ""
        return f"{where}: {message}" if where else message


class QueryError(PartnergraphError):
    """A query cannot be run as asked."""


class QuerySyntaxError(QueryError):
    """The SPARQL text does not parse."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)

    @classmethod
    def of(
        cls, key: str, /, *, line: int | None = None, column: int | None = None, **values: Any
    ) -> Self:
        """The error for the catalogue's ``key`` at ``line`` and ``column`` of the query."""
        error = cls(t(key, line=line, column=column, **values), line=line, column=column)
        error.key, error.values = key, {"line": line, "column": column, **values}
        return error


class UnknownQueryError(QueryError):
    """No query of that name is in the library."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = t("mean", options=", ".join(suggestions)) if suggestions else t("query.unknown.list")
        super().__init__(t("query.unknown", name=name, hint=hint))


class ParameterError(QueryError):
    """A query parameter is missing, unknown or of the wrong type."""


class UnsafeQueryError(QueryError):
    """The query would reach outside the graph (SERVICE, LOAD, remote FROM) or change it."""


class UnknownEntityError(PartnergraphError):
    """No entity matches the IRI, prefixed name or label given."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
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
