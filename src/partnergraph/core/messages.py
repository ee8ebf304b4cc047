"""Messages in the person's language: look one up with :func:`t`, choose the language with
:func:`use` or :func:`using`.

The users are Danish municipal staff, so Danish is the default; ``--lang en`` or
``PARTNERGRAPH_LANG=en`` switches to English. Code asks for a message by key and fills its
``{placeholders}``::

    from partnergraph.core.messages import t
    raise ParameterError(t("param.date", name="before", value="soon"))

The words themselves are in :mod:`partnergraph.core.catalogue` (data files by area); this module
adds choosing a language, which can be refused with a :class:`ParameterError`, so the errors
(which word themselves from the catalogue) sit between the two and nothing goes round in a
circle.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from partnergraph.core.catalogue import CATALOGUE, ENV, LANGUAGES, chosen, language, plural, t
from partnergraph.core.errors import ParameterError

__all__ = [
    "CATALOGUE",
    "ENV",
    "LANGUAGES",
    "check_language",
    "language",
    "number",
    "plural",
    "reset",
    "t",
    "use",
    "using",
]


def number(value: int, lang: str | None = None) -> str:
    """A whole number with its thousands marked as the reader writes them: 5.116 in Danish,
    5,116 in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if (lang or language()) == "da" else grouped


def check_language(lang: str) -> str:
    """``lang`` if partnergraph speaks it; else a :class:`ParameterError` naming the choices."""
    if lang in LANGUAGES:
        return lang
    raise ParameterError.of(
        "lang.unknown", remedy="language", value=lang, choices=f" {t('or')} ".join(LANGUAGES)
    )


def use(lang: str) -> None:
    """Speak ``lang`` from now on in this context (the CLI calls this once per command)."""
    chosen.set(check_language(lang))


def reset() -> None:
    """Forget a language chosen with :func:`use` (back to the environment's, or Danish)."""
    chosen.set(None)


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block only (a server request, a test)."""
    token = chosen.set(check_language(lang))
    try:
        yield
    finally:
        chosen.reset(token)
