"""A query's answer with the words shown above it: what ``partnergraph query`` renders.

A named query brings its title and its columns' titles in the language asked for; a query file
or SPARQL text brings none, so its columns are shown by their variable names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from partnergraph.io.results import QueryResult

__all__ = ["Answer"]


@dataclass(frozen=True)
class Answer:
    """The result of one query and how to head it."""

    result: QueryResult
    title: str | None = None
    """The named query's title; ``None`` for a query file or SPARQL text."""
    column_titles: dict[str, str] = field(default_factory=dict)
    """Titles of the named query's columns, by variable name."""
