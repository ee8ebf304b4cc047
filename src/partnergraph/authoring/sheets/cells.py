"""Cell values: identifiers and references, multi-valued cells, raw cell text.

Dates in the source's precision are read by :mod:`partnergraph.rdf.dates`."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from rdflib import BNode, URIRef

from partnergraph.rdf.namespaces import COUNTRY, ISO639_1, PGID, PREFIXES, compact, iri_from_text

__all__ = [
    "COUNTRY",
    "ISO639_1",
    "cell_text",
    "flag_text",
    "ids_in",
    "is_valid_id",
    "join_lines",
    "join_multi",
    "parse_flag",
    "parse_iri",
    "render_iri",
    "split_lines",
    "split_multi",
]

_BARE_IDS: ContextVar[str] = ContextVar("bare_ids", default=str(PGID))
"""The namespace a bare id is minted in: the dataset being imported (see ids_in)."""


@contextmanager
def ids_in(namespace: str) -> Iterator[None]:
    """Mint bare ids in ``namespace`` while reading a workbook: each dataset has its own, so two
    workbooks that use the same ids never name the same thing by accident. ``pgid:x`` and full
    IRIs still name exactly what they say."""
    token = _BARE_IDS.set(namespace)
    try:
        yield
    finally:
        _BARE_IDS.reset(token)


PREFIX_MAP: dict[str, str] = dict(PREFIXES)
"""Prefixes a cell may use: the stable ones (including ``country:``)."""

_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$")


def is_valid_id(text: str) -> bool:
    """A short id: the local part of an IRI under https://w3id.org/partnergraph/id/."""
    return bool(_ID.match(text))


def parse_iri(text: str, *, bare_ids: bool = True) -> URIRef | None:
    """The IRI a cell names: ``<full IRI>``, ``http(s)://...``, ``prefix:local`` or a bare id.

    ``None`` when the text is none of them.
    """
    text = text.strip()
    if ":" not in text and not (text.startswith("<") and text.endswith(">")):
        return URIRef(_BARE_IDS.get() + text) if bare_ids and is_valid_id(text) else None
    return iri_from_text(text)


def render_iri(iri: URIRef, *, bare_ids: bool = True) -> str:
    """How a cell writes ``iri``: a bare id under pgid:, else a prefixed name, else ``<IRI>``."""
    text = str(iri)
    if text.startswith(str(PGID)):
        local = text[len(str(PGID)) :]
        if is_valid_id(local):
            return local if bare_ids else f"pgid:{local}"
    if text.startswith(str(COUNTRY)) and is_valid_id(text[len(str(COUNTRY)) :]):
        return "country:" + text[len(str(COUNTRY)) :]
    short = compact(text)
    if short != text and parse_iri(short, bare_ids=False) == iri:
        return short
    return f"<{text}>"


def parse_node(text: str) -> URIRef | BNode | None:
    """A subject or object IRI as :func:`parse_iri`, or a blank node written ``_:label``."""
    text = text.strip()
    if text.startswith("_:"):
        label = text[2:]
        return BNode(label) if label and is_valid_id(label) else None
    return parse_iri(text)


def render_node(node: URIRef | BNode, *, bare_ids: bool = True) -> str:
    if isinstance(node, BNode):
        label = str(node)
        if not is_valid_id(label):  # a store's own label, unusable in a cell: a stable stand-in
            label = "b" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:20]
        return f"_:{label}"
    return render_iri(node, bare_ids=bare_ids)


# --- multi-valued cells ----------------------------------------------------------------------


def split_multi(text: str) -> list[str]:
    """Values separated by ``;``; inside a value, ``;`` is written ``\\;`` and ``\\`` ``\\\\``."""
    values: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in (";", "\\") else ch + nxt)
        elif ch == ";":
            values.append("".join(current))
            current = []
        else:
            current.append(ch)
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


def join_multi(values: list[str]) -> str:
    return "; ".join(v.replace("\\", "\\\\").replace(";", "\\;") for v in values)


def split_lines(text: str) -> list[str]:
    """Values one per line (for long texts, which may hold ``;``)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def join_lines(values: list[str]) -> str:
    return "\n".join(values)


# --- yes-or-no cells --------------------------------------------------------------------------

_YES = {"ja", "j", "yes", "y", "x", "sand", "true", "1"}
_NO = {"", "nej", "n", "no", "falsk", "false", "0"}
_FLAG_TEXT = {"da": "ja", "en": "yes"}


def parse_flag(text: str) -> bool | None:
    """A yes-or-no cell: True, False (also when empty) or None when it is neither.

    People type what they would say, in either language, or an x; a spreadsheet's own TRUE and
    FALSE (see :func:`cell_text`) count too."""
    word = text.strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


def flag_text(lang: str) -> str:
    """What a workbook in ``lang`` shows for yes."""
    return _FLAG_TEXT.get(lang, _FLAG_TEXT["en"])


# --- raw cell values -------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell value from openpyxl or csv as the text it shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()
