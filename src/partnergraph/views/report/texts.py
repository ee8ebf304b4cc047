"""How the report says things: its words by key, lists joined, the source quoted.

The words themselves are in the message catalogue (``report.text.`` keys in
``core/texts/report.toml``); the data brings its own labels."""

from __future__ import annotations

from partnergraph.core import messages
from partnergraph.rdf.dates import long_date

__all__ = ["join", "long_date", "quote", "t"]

_KEY = "report.text."


def t(lang: str, key: str, **values: object) -> str:
    """The report text ``key`` in ``lang`` (Danish when the language is unknown): the
    catalogue's ``report.text.`` entries, asked for in the report's language, not the run's."""
    return messages.t(f"{_KEY}{key}", lang, **values)


def join(names: list[str], lang: str) -> str:
    """A, B og C."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t(lang, 'list.and')} {names[-1]}"


def quote(words: str, lang: str) -> str:
    """The source's words in the report language's quotation marks (a remark in parentheses
    stays as it is)."""
    if words.startswith("("):
        return words
    return f"»{words}«" if lang == "da" else f"“{words}”"
