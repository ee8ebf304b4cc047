"""A small hierarchy of errors, so callers can catch exactly what they can handle.

Every error carries a message written for the person at the keyboard: where the problem is,
what is wrong, and what to do. The CLI prints it on one line and exits with ``exit_code``; the
server answers with ``status``; Python callers can catch the class they care about.

What to do often depends on where the person is: at the command line it is an option
(``--allow-remote``), over HTTP a request parameter. So the library names no front end's
controls: an error keeps its remedy as a key (``remedy``), and the front end that shows it
words the remedy its own way (:meth:`PartnergraphError.advise`; catalogue keys
``remedy.cli.<remedy>`` and ``remedy.server.<remedy>``).
"""

from __future__ import annotations

from typing import Any, Self

from partnergraph.core.catalogue import CATALOGUE, language, t

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
    status = 400
    """The HTTP status a server answers with: the request is at fault unless a class says not."""
    key: str | None = None
    values: dict[str, Any] = {}  # noqa: RUF012 - replaced per instance, never mutated
    remedy: str | None = None
    """What the person can do, as a key each front end words itself (see the module)."""
    front: str | None = None
    """The front end showing this error (``cli``, ``server``), set by :meth:`advise`."""
    lang: str | None = None
    """The language the message was made in, so its remedy is said in the same one."""

    @classmethod
    def of(cls, key: str, /, *, remedy: str | None = None, **values: Any) -> Self:
        """The error whose message is the catalogue's ``key`` filled with ``values``."""
        error = cls(t(key, remedy="", **values))
        error.key, error.values, error.remedy, error.lang = key, values, remedy, language()
        return error

    def advise(self, front: str) -> Self:
        """Let ``front`` word the remedy from now on: ``str(error)`` then ends with it."""
        self.front = front
        return self

    def remedy_text(self, front: str | None = None, lang: str | None = None) -> str:
        """The remedy as ``front`` (default: the one set by :meth:`advise`) says it, or ""."""
        key = f"remedy.{front or self.front}.{self.remedy}"
        if self.remedy is None or key not in CATALOGUE:
            return ""  # no remedy, no front end yet, or one with nothing to add
        return t(key, lang or self.lang, **self.values)

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language), with the front's remedy:
        where the message has a ``{remedy}`` place, there; else at its end."""
        if self.key is None:
            return str(self)
        remedy = self.remedy_text(lang=lang)
        message = self._where(t(self.key, lang, remedy=remedy, **self.values))
        return message if "{remedy}" in CATALOGUE[self.key]["da"] else message + remedy

    def __str__(self) -> str:
        if self.key is not None and self.remedy_text():
            return self.render(self.lang)
        return super().__str__()

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
        cls,
        key: str,
        /,
        *,
        path: str | None = None,
        line: int | None = None,
        remedy: str | None = None,
        **values: Any,
    ) -> Self:
        """The error for the catalogue's ``key``, found in ``path`` at ``line``."""
        error = cls(t(key, remedy="", **values), path=path, line=line)
        error.key, error.values, error.remedy, error.lang = key, values, remedy, language()
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
        error.lang = language()
        return error


class UnknownQueryError(QueryError):
    """No query of that name is in the library."""

    status = 404

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        if suggestions:
            self.key, self.values = "query.unknown", {"name": name}
            self.values["hint"] = t("mean", options=", ".join(suggestions))
        else:  # the front end says where the list is
            self.key, self.values = "query.unknown.bare", {"name": name}
            self.remedy = "queries"
        self.lang = language()
        super().__init__(t(self.key, **self.values))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.suggestions), self.__dict__)


class ParameterError(QueryError):
    """A query parameter is missing, unknown or of the wrong type."""


class UnsafeQueryError(QueryError):
    """The query would reach outside the graph (SERVICE, LOAD, remote FROM) or change it."""


class UnknownEntityError(PartnergraphError):
    """No entity matches the IRI, prefixed name or label given."""

    status = 404

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

    status = 400  # the name is there, only not unique: the request must say which

    def __init__(self, text: str, candidates: list[Any], message: str) -> None:
        self.text = text
        self.candidates = candidates
        self.suggestions = [c.label for c in candidates]
        PartnergraphError.__init__(self, message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.candidates, str(self)))


class OutputError(PartnergraphError):
    """An output file cannot be written."""
