"""The message catalogue: every sentence partnergraph says to a person, in Danish and English.

The sentences are data, not code: one TOML file per area in ``core/texts/`` (general, commands,
files, sparql, server, report, pages, query page), each entry a key with its Danish (``da``)
and English (``en``) text, so a translator edits words without reading Python. They are read
once, on the first message asked for, so a run that says nothing pays nothing.

The language is the one chosen for this run (see :mod:`partnergraph.core.messages`), else
``PARTNERGRAPH_LANG``, else Danish. Both languages side by side in one entry make a missing
translation an error a test can find, not a sentence that silently stays English.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Final

__all__ = [
    "CATALOGUE",
    "ENV",
    "LANGUAGES",
    "TEXTS_DIR",
    "area",
    "language",
    "plural",
    "read_plain",
    "read_texts",
    "t",
]

LANGUAGES: Final = ("da", "en")
"""The languages partnergraph speaks; the first is the default."""

ENV: Final = "PARTNERGRAPH_LANG"

TEXTS_DIR: Final = Path(__file__).resolve().parent / "texts"
"""The catalogue's files, one an area."""

chosen: ContextVar[str | None] = ContextVar("partnergraph_lang", default=None)
"""The language chosen for this run or request; set through :mod:`.messages`, which checks it."""


def read_texts(folder: Path) -> dict[str, Mapping[str, str]]:
    """The entries of every ``*.toml`` in ``folder``; a key in two files is a mistake, refused."""
    import tomllib  # read on the first message, so a run that says nothing does not import it

    entries: dict[str, Mapping[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            area = tomllib.load(file)
        twice = sorted(set(area) & set(entries))
        if twice:
            raise KeyError(f"{path.name}: keys already in the catalogue: {', '.join(twice)}")
        entries.update(area)
    return entries


@cache
def _entries() -> dict[str, Mapping[str, str]]:
    return read_texts(TEXTS_DIR)


@cache
def area(name: str) -> Mapping[str, Mapping[str, str]]:
    """The entries of one small file, ``texts/<name>.toml``, without reading the others.

    For words needed before anything is said: the help names each option's value
    (``texts/values.toml``), and reading the whole catalogue costs some 20 ms, this file a
    fraction of one. Such a file keeps to the plainest TOML (a ``["key"]`` line, then one
    ``lang = "text"`` line per language, comments) and is read line by line, so the top-level
    help does not import ``tomllib`` either; anything else in it is refused
    (``tests/test_catalogue_words.py`` holds the reading to ``tomllib``'s)."""
    return read_plain(TEXTS_DIR / f"{name}.toml")


def read_plain(path: Path) -> dict[str, dict[str, str]]:
    """The entries of a catalogue file in the plainest TOML (see :func:`area`), read line by
    line; a ``ValueError`` naming the line for anything else."""
    import re  # already imported by the command line; here for any other caller

    line = re.compile(
        r'(?:\["(?P<key>[^"\\]+)"\]|(?P<lang>[a-z]{2}) = "(?P<text>(?:[^"\\]|\\["\\])*)")?'
        r"\s*(?:#.*)?"
    )
    entries: dict[str, dict[str, str]] = {}
    key = ""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found = line.fullmatch(text.strip())
        if found is None or (found["lang"] and not key):
            raise ValueError(f"{path.name}:{number}: not a plain catalogue entry: {text}")
        if found["key"]:
            key = found["key"]
            entries[key] = {}
        elif found["lang"]:
            entries[key][found["lang"]] = re.sub(r"\\(.)", r"\1", found["text"])
    return entries


class _Catalogue(Mapping[str, Mapping[str, str]]):
    """Key → {language: text}, read from the files on first use."""

    def __getitem__(self, key: str) -> Mapping[str, str]:
        return _entries()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_entries())

    def __len__(self) -> int:
        return len(_entries())


CATALOGUE: Final[Mapping[str, Mapping[str, str]]] = _Catalogue()


def language() -> str:
    """The language of this run: chosen for it, else the environment, else Danish."""
    lang = chosen.get()
    if lang:
        return lang
    wanted = os.environ.get(ENV, "").strip()
    return wanted if wanted in LANGUAGES else LANGUAGES[0]


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: :func:`language`; Danish for a language the
    catalogue does not have) with its ``{placeholders}`` filled in."""
    entry = CATALOGUE[key]
    text = entry.get(lang or language()) or entry["da"]
    return text.format(**values) if values else text


def plural(n: int, key: str, lang: str | None = None) -> str:
    """``n`` with the singular (``key.one``) or plural (``key.many``) noun."""
    return t(f"{key}.{'one' if n == 1 else 'many'}", lang, n=n)
