"""SPARQL as text: what can be read from a query without parsing it.

rdflib's parser costs about as much as Oxigraph takes to answer a typical query, and remote
servers parse queries themselves, so several questions are answered by scanning the text: which
form a query has, where its WHERE clause opens, whether it might reach outside the graph, which
columns concatenate. Every such scan lives here, on one understanding of what in a query is
code and what is a comment, an IRI or a string (where a brace or a keyword means nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from partnergraph.core.errors import QuerySyntaxError

__all__ = [
    "TOKEN",
    "closing",
    "code_only",
    "concatenated",
    "may_hold_from",
    "may_reach_outside",
    "query_form",
    "tokens",
    "where_brace",
]

TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'\'\'[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'\'\'
               |\"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*\"\"\"
               |'[^'\\\n\r]*(?:\\.[^'\\\n\r]*)*'
               |"[^"\\\n\r]*(?:\\.[^"\\\n\r]*)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<bnode>_:[\w.\-]+)
  | (?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<number>(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[\w:%\\](?:[\w\-.:%\\]*[\w\-:%\\])?)
  | (?P<other>\^\^|\|\||&&|!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)
"""SPARQL's lexical tokens, each named by its group: a lexer, not a parser, so text that is
not SPARQL still splits into tokens."""


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """``(kind, token)`` for every token of ``text``, white space and comments included."""
    for match in TOKEN.finditer(text):
        yield match.lastgroup or "other", match.group()


_PROLOGUE_TOKEN = re.compile(
    r"\s+|#[^\n]*|BASE\s*<[^<>]*>|PREFIX\s+[^\s:]*:\s*<[^<>]*>", re.IGNORECASE
)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword after the prologue (comments, BASE,
    PREFIX), or ``None`` if there is none."""
    position = 0
    while match := _PROLOGUE_TOKEN.match(text, position):
        position = match.end()
    form = _FORM.match(text, position)
    return form.group(1).upper() if form else None


_IRI_AT = re.compile(r"<[^<>\"{}|^`\\\s]*>")


def code_only(text: str) -> str:
    """``text`` with comments, IRIs and string literals blanked out (same length)."""
    out = list(text)
    i = 0
    while i < len(text):
        ch = text[i]
        start = i
        if ch == "#":
            i = text.find("\n", i)
            i = len(text) if i == -1 else i
        elif ch == "<" and _IRI_AT.match(text, i):
            i = text.index(">", i) + 1
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            end = text.find(quote, i + len(quote))
            while end != -1 and text[end - 1] == "\\":
                end = text.find(quote, end + 1)
            i = (end if end != -1 else len(text)) + len(quote)
        else:
            i += 1
            continue
        out[start:i] = " " * (min(i, len(text)) - start)
    return "".join(out)[: len(text)]


def closing(code: str, start: int, depth: int = 1) -> int:
    """Index of the ``}`` that closes the group ``start`` is in (in :func:`code_only` text)."""
    for i in range(start, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(code)


_CONSTRUCT_WHERE = re.compile(r"\bCONSTRUCT\s+WHERE\b", re.IGNORECASE)


def where_brace(text: str) -> int:
    """Index of the ``{`` that opens the WHERE clause, skipping comments, IRIs and strings."""
    code = code_only(text)
    braces: list[int] = []
    depth = 0
    for i, ch in enumerate(code):
        if ch == "{":
            if depth == 0:
                braces.append(i)
            depth += 1
        elif ch == "}":
            depth -= 1
    if query_form(text) == "CONSTRUCT" and not _CONSTRUCT_WHERE.search(code):
        braces = braces[1:]  # the first group is the template
    if not braces:
        raise QuerySyntaxError("the query has no WHERE clause to bind parameters in")
    return braces[0]


_OUTSIDE_WORDS = re.compile(r"\b(?:SERVICE|FROM)\b", re.IGNORECASE)
_FROM_WORD = re.compile(r"\bFROM\b", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
_VARIABLE = re.compile(r"[?$]\w+")


def may_reach_outside(text: str) -> bool:
    """Whether a query might hold SERVICE or FROM: the words outside comment lines and
    variable names (a ?from is common), or a codepoint escape, which the parsers expand before
    they read keywords. Anything doubtful counts: it only means the text gets the full check."""
    return _may_hold(_OUTSIDE_WORDS, text)


def may_hold_from(text: str) -> bool:
    """Whether a query might have a FROM clause (see :func:`may_reach_outside`); when not,
    it certainly has none, and nobody needs to parse it to find out."""
    return _may_hold(_FROM_WORD, text)


def _may_hold(words: re.Pattern[str], text: str) -> bool:
    if "\\u" in text or "\\U" in text:
        return True
    if not words.search(text):
        return False
    return bool(words.search(_VARIABLE.sub(" ", _COMMENT_LINE.sub("", text))))


_CONCAT = re.compile(r"\bGROUP_CONCAT\s*\(", re.IGNORECASE)
_SEPARATOR = re.compile(r"SEPARATOR\s*=\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')", re.I)
_AS_VARIABLE = re.compile(r"^\s*AS\s+[?$](\w+)", re.IGNORECASE)


@lru_cache(maxsize=256)
def concatenated(text: str) -> dict[str, str]:
    """The variables a query binds to ``(GROUP_CONCAT(...) AS ?v)``, with their separators."""
    found: dict[str, str] = {}
    if "group_concat" not in text.lower():
        return found
    for match in _CONCAT.finditer(text):
        depth, i = 1, match.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        inner = text[match.end() : i - 1]
        alias = _AS_VARIABLE.match(text[i:])
        if alias is None:
            continue
        separator = _SEPARATOR.search(inner)
        raw = separator.group(1)[1:-1] if separator else " "
        for escape, char in (("\\t", "\t"), ("\\n", "\n"), ('\\"', '"'), ("\\'", "'")):
            raw = raw.replace(escape, char)
        found[alias.group(1)] = raw.replace("\\\\", "\\")
    return found
