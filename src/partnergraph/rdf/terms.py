"""Oxigraph's terms as the rdflib terms the rest of partnergraph works with, and back.

Oxigraph answers queries and holds the data; rdflib terms are what results, formats and views
use. Every crossing between the two goes through here, so a literal looks the same whichever
store produced it. Answers convert many terms, so the converter is built for speed (see
:func:`converter`) while staying exactly what rdflib's constructors would build.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from partnergraph.rdf.namespaces import LANG_STRING, XSD_STRING

__all__ = [
    "LANG_STRING",
    "XSD_STRING",
    "Bound",
    "PlainLiteral",
    "converter",
    "from_ox",
    "literal",
    "plain_converter",
    "plain_literal",
    "uriref",
]

Bound: TypeAlias = Node | ox.NamedNode | ox.Literal | ox.BlankNode
"""A value bound to a query parameter: an rdflib term (what callers of the library hold) or an
Oxigraph term (what :meth:`~partnergraph.query.library.Parameter.convert` makes, so binding a
named query's parameters needs no rdflib). Each engine takes either; rdflib's gets rdflib's
(:func:`from_ox`)."""

PlainLiteral: TypeAlias = tuple[str, str | None, str]
"""A literal as ``(lexical form, language tag or None, datatype IRI)``, as Oxigraph holds it: for
code that only reads the text of many literals (labels), where building an rdflib term per
literal and comparing rdflib terms costs more than the rest of its work. A language-tagged
literal's datatype is ``rdf:langString``, a plain one's ``xsd:string``;
:func:`literal` makes the rdflib term of one when it is needed."""


def from_ox(term: Any) -> Node | None:
    """An Oxigraph term as an rdflib term; ``None`` for the default graph (or no term)."""
    if term is None:
        return None
    kind = type(term)
    if kind is ox.NamedNode:
        return uriref(term.value)
    if kind is ox.Literal:
        return literal(term.value, term.language, term.datatype.value)
    if kind is ox.BlankNode:
        return BNode(term.value)
    if kind is ox.DefaultGraph:
        return None
    raise TypeError(f"unsupported term {term!r}")


def converter() -> Callable[[Any], Node | None]:
    """:func:`from_ox` for the terms of one answer, converting each distinct term once.

    Answers repeat the same IRIs and labels in many rows; Oxigraph's terms hash by value, so a
    dictionary turns every repeat into a lookup. The memo lives as long as the answer is read.
    """
    memo: dict[Any, Node | None] = {}
    named, literal_kind, blank = ox.NamedNode, ox.Literal, ox.BlankNode

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        node = memo.get(term)
        if node is not None:
            return node
        kind = type(term)
        if kind is named:
            node = uriref(term.value)
        elif kind is literal_kind:
            node = literal(term.value, term.language, term.datatype.value)
        elif kind is blank:
            node = BNode(term.value)
        else:
            return from_ox(term)
        memo[term] = node
        return node

    return convert


def plain_converter() -> Callable[[Any], Any]:
    """Oxigraph's terms as plain values: an IRI as its ``str``, a literal as a
    :data:`PlainLiteral`, a blank node as an rdflib ``BNode`` (``None`` stays ``None``)."""
    named, literal_kind = ox.NamedNode, ox.Literal

    def convert(term: Any) -> Any:
        kind = type(term)
        if kind is literal_kind:
            return (term.value, term.language, term.datatype.value)
        if kind is named:
            return term.value
        return from_ox(term)

    return convert


def plain_literal(term: Literal) -> PlainLiteral:
    """An rdflib literal as a :data:`PlainLiteral`, from which :func:`literal` builds it back."""
    datatype = term.datatype
    if datatype is None:
        return (str(term), term.language, LANG_STRING if term.language else XSD_STRING)
    return (str(term), term.language, str(datatype))


def uriref(value: str) -> URIRef:
    """``URIRef(value)`` without rdflib's syntax check: Oxigraph only holds valid IRIs."""
    return str.__new__(URIRef, value)


def literal(value: str, language: str | None, datatype: str) -> Literal:
    """``Literal(value, lang=language)`` or ``Literal(value, datatype=datatype)``, faster.

    Strings, with or without a language tag, are by far the most common literals in answers.
    rdflib's constructor maps every lexical form to a Python value and back; for a string both
    are the text itself, so those literals are built here directly, exactly as the constructor
    would build them (checked once against it, see :func:`_fast_strings`). Other datatypes go
    through the constructor, which normalises their lexical forms.
    """
    if language:
        if _fast_strings() and language in _VALID_LANGUAGES:
            return _string_literal(value, language)
        made = Literal(value, lang=language)
        _VALID_LANGUAGES.add(language)
        return made
    if datatype == XSD_STRING:
        return _string_literal(value, None) if _fast_strings() else Literal(value)
    return Literal(value, datatype=uriref(datatype))


_VALID_LANGUAGES: set[str] = set()
"""Language tags rdflib has accepted once (it refuses some that Oxigraph takes)."""


def _string_literal(value: str, language: str | None) -> Literal:
    made: Literal = str.__new__(Literal, value)
    made._language = language
    made._datatype = None
    made._value = value
    made._ill_typed = None
    return made


@cache
def _fast_strings() -> bool:
    """Whether :func:`_string_literal` builds what rdflib's constructor builds (this rdflib)."""
    for value, language in (("x", None), ("Æble ø", "da"), ("", "en-gb"), ("1", None)):
        fast, slow = _string_literal(value, language), Literal(value, lang=language)
        if not (
            fast == slow
            and hash(fast) == hash(slow)
            and type(fast) is type(slow)
            and all(getattr(fast, a) == getattr(slow, a) for a in Literal.__slots__)
            and all(type(getattr(fast, a)) is type(getattr(slow, a)) for a in Literal.__slots__)
        ):
            return False
    return True
