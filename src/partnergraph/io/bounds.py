"""Limits every parser works within, checked before the parser sees the input.

The parsers partnergraph hands data to (rdflib, Oxigraph, openpyxl, pyparsing) each have their
own idea of what a document may ask for: a JSON-LD context to fetch from the web, an XML entity
that expands a kilobyte into gigabytes, nesting deep enough to exhaust Python's stack. Rather
than trust each parser's options (Oxigraph aborts the whole process when an entity bomb runs it
out of memory), the input is checked here first, cheaply and in one pass, and refused with a
one-line error that says what to change.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from partnergraph.core.errors import DataError, QuerySyntaxError
from partnergraph.core.messages import t

__all__ = [
    "MAX_JSON_DEPTH",
    "MAX_QUERY_DEPTH",
    "check_query_depth",
    "check_xlsx",
    "check_xml",
    "jsonld_document",
    "parser_headroom",
]

MAX_JSON_DEPTH = 100
"""Levels of JSON objects and arrays a JSON-LD file may nest (rdflib fails at about 400)."""

MAX_QUERY_DEPTH = 64
"""Levels of ``{}``, ``()`` and ``[]`` a SPARQL text may nest (real queries use under 10)."""

_RECURSION_LIMIT = 8000
"""Python frames rdflib's SPARQL parser needs for :data:`MAX_QUERY_DEPTH` levels, with room."""

_CHUNK = 1 << 16


# --- JSON-LD ---------------------------------------------------------------------------------


def jsonld_document(text: str, path: Path) -> Any:
    """The JSON of a JSON-LD file, refused if it nests too deeply or names a remote context.

    A context may be a URL at any depth (in a list, in a list in a list, inside another
    context, in a term definition, behind ``@import``); every one of them would be fetched.
    The whole document is walked once, without recursion, and any string where a context is
    expected, and any ``@import``, is refused: contexts must be inline.
    """
    try:
        document = json.loads(text)
    except RecursionError:
        raise _too_deep_json(path) from None
    except json.JSONDecodeError as exc:
        raise DataError.of(
            "jsonld.malformed", why=exc.msg, path=str(path), line=exc.lineno
        ) from None
    stack: list[tuple[Any, int, bool]] = [(document, 1, False)]
    while stack:
        node, depth, is_context = stack.pop()
        if isinstance(node, dict):
            if depth > MAX_JSON_DEPTH:
                raise _too_deep_json(path)
            if "@import" in node:
                raise _remote(node["@import"], path)
            for key, value in node.items():
                stack.append((value, depth + 1, key == "@context"))
        elif isinstance(node, list):
            if depth > MAX_JSON_DEPTH:
                raise _too_deep_json(path)
            stack.extend((item, depth + 1, is_context) for item in node)
        elif is_context and isinstance(node, str):
            raise _remote(node, path)
    return document


def _too_deep_json(path: Path) -> DataError:
    return DataError.of("jsonld.deep", depth=MAX_JSON_DEPTH, path=str(path))


def _remote(reference: object, path: Path) -> DataError:
    shown = reference if isinstance(reference, str) else json.dumps(reference)[:80]
    return DataError.of("jsonld.remote", reference=shown, path=str(path))


# --- XML -------------------------------------------------------------------------------------


class _Declared(Exception):
    def __init__(self, key: str, name: str) -> None:
        super().__init__(key, name)
        self.key = key
        self.name = name


class _Prolog(Exception):
    """The root element started: no declaration can follow."""


def check_xml(chunks: Iterable[bytes], path: str, *, what: str = "rdfxml", name: str = "") -> None:
    """Refuse an XML document whose DOCTYPE declares entities or names an outside DTD.

    Entities are how an XML file of a kilobyte expands into gigabytes ("billion laughs") or
    reads other files and URLs (external entities). Only the prolog can declare them, so the
    scan stops at the root element. Expat reports each declaration before anything is
    expanded. Malformed XML is left to the real parser, which reports it with its line.
    ``what`` (``rdfxml``, ``workbook`` with the part's ``name``, ``answer``) says in the
    message what declared them and what to do.
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(name: str, system: str | None, public: str | None, _subset: bool) -> None:
        if system or public:
            raise _Declared("xml.dtd", system or public or "")

    def entity(name: str, *_: object) -> None:
        raise _Declared("xml.entity", name)

    def unparsed(name: str, *_: object) -> None:
        raise _Declared("xml.entity", name)

    def start(*_: object) -> None:
        raise _Prolog

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.StartElementHandler = start
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Prolog:
        return
    except _Declared as declared:
        raise DataError.of(
            "xml.declares",
            what=t(f"xml.what.{what}", name=name),
            declared=t(declared.key, name=declared.name),
            advice=t(f"xml.advice.{what}"),
            path=path or None,
        ) from None
    except expat.ExpatError:
        return


def file_chunks(path: Path) -> Iterator[bytes]:
    """A file's bytes in blocks, so a check that stops early reads only what it needs."""
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            yield block


def check_xlsx(path: Path) -> None:
    """Refuse a workbook any of whose XML parts declares entities (see :func:`check_xml`).

    An .xlsx file is a zip of XML parts (worksheets, shared strings, styles...); openpyxl
    would read each with an XML parser that expands entities. A file that is not a zip is
    left to openpyxl, which says so.
    """
    import zipfile  # late: only workbooks are zips; a cold query reads none

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        for info in archive.infolist():
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(info) as member:
                    check_xml(
                        _member_chunks(member),
                        str(path),
                        what="workbook",
                        name=info.filename,
                    )
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
                return  # damaged or encrypted: openpyxl reports it


def _member_chunks(member: IO[bytes]) -> Iterator[bytes]:
    while block := member.read(_CHUNK):
        yield block


# --- SPARQL ----------------------------------------------------------------------------------

_SPARQL_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*"
    r"|[{}()\[\]]",
    re.DOTALL,
)
"""What can hold a bracket that does not nest: strings, IRIs and comments; then brackets."""

_OPENING, _CLOSING = frozenset("{(["), frozenset("})]")


def check_query_depth(text: str) -> None:
    """Refuse a SPARQL text that nests groups, parentheses or brackets too deeply.

    rdflib's parser recurses a few dozen Python frames per level and fails with a
    RecursionError at about 25 levels of parentheses; the cap here, with
    :func:`parser_headroom`, keeps every query that passes well inside what it can read.
    """
    depth = 0
    for match in _SPARQL_TOKENS.finditer(text):
        token = match.group()
        if token in _OPENING:
            depth += 1
            if depth > MAX_QUERY_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise QuerySyntaxError.of(
                    "sparql.deep", depth=MAX_QUERY_DEPTH, line=line, column=column
                )
        elif token in _CLOSING:
            depth = max(0, depth - 1)


def parser_headroom() -> None:
    """Give rdflib's recursive SPARQL parser the Python stack the depth cap promises.

    The limit is only ever raised, never lowered, so that one thread cannot take the room
    from another in the middle of a parse.
    """
    if sys.getrecursionlimit() < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
