"""Triples written straight as N-Triples or Turtle text, for writers that make millions of them.

rdflib's serialisers build a graph first and need several times the memory and time of the
text; a writer that knows its terms are well formed can render each triple as one line instead.
:class:`TermSyntax` renders terms (full IRIs for N-Triples, prefixed names for Turtle) and
:class:`TripleText` gathers the lines until they are taken and written. Given a graph name,
the same text is N-Quads or TriG, so that one file can hold several named graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["TermSyntax", "TripleText", "escape_literal", "literal", "plain", "tagged"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def escape_literal(text: str) -> str:
    """The body of an N-Triples or Turtle string: backslash, quote, LF and CR escaped."""
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        return (
            text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        )
    return text


def literal(text: str, lang: str) -> str:
    """A language-tagged string, the same in both syntaxes."""
    return f'"{escape_literal(text)}"@{lang}'


def plain(text: str) -> str:
    """A plain (xsd:string) literal, the same in both syntaxes."""
    return f'"{escape_literal(text)}"'


def tagged(quoted: str, language: str | None, datatype: str | None) -> str:
    """A quoted literal with its language tag or its datatype (none for a plain string): the
    same in N-Triples, Turtle, SPARQL and SPARQL TSV results."""
    if language:
        return f"{quoted}@{language}"
    if datatype and str(datatype) != _XSD_STRING:  # rdflib terms equal only their own type
        return f"{quoted}^^<{datatype}>"
    return quoted


class TermSyntax(dict[str, str]):
    """Renders terms for one format: full IRIs for N-Triples (``nt``), prefixed names for Turtle
    (``ttl``), with the prefixes of ``namespaces``. ``minted`` names the prefix under which
    :meth:`node` writes the writer's own things.

    ``x["pg:Partnership"]`` renders a term of a known vocabulary. It is a dictionary of the
    terms rendered so far, so that the lookup a writer makes for nearly every triple is a plain
    dictionary lookup; a term is rendered the first time it is asked for."""

    def __init__(self, fmt: str, namespaces: Mapping[str, str], minted: str) -> None:
        super().__init__()
        self.fmt = fmt
        self.turtle = fmt == "ttl"
        self.namespaces = dict(namespaces)
        self._minted = f"{minted}:" if self.turtle else f"<{self.namespaces[minted]}"
        self._close = "" if self.turtle else ">"
        self._minted_line = ""

    def __missing__(self, curie: str) -> str:
        prefix, local = curie.split(":", 1)
        if self.turtle:
            rendered = "a" if curie == "rdf:type" else curie
        else:
            rendered = f"<{self.namespaces[prefix]}{local}>"
        self[curie] = rendered
        return rendered

    def mint_in(self, prefix: str, namespace: str) -> None:
        """From now on :meth:`node` mints under ``namespace``, written with ``prefix`` in
        Turtle: write :meth:`minted_prefix` before the statements that use it."""
        self._minted = f"{prefix}:" if self.turtle else f"<{namespace}"
        self._minted_line = f"@prefix {prefix}: <{namespace}> .\n" if self.turtle else ""

    def minted_prefix(self) -> str:
        """The ``@prefix`` directive :meth:`mint_in` asked for (Turtle), else nothing."""
        return self._minted_line

    def node(self, local: str) -> str:
        """One of the writer's own things, under the ``minted`` namespace.

        ``local`` must be a valid Turtle local name (the caller mints it so, e.g. lowercase
        ASCII letters, digits and hyphens): it is written as it is.
        """
        return f"{self._minted}{local}{self._close}"

    def typed(self, lexical: str, datatype: str) -> str:
        return f'"{escape_literal(lexical)}"^^{self[datatype]}'

    def integer(self, value: int) -> str:
        return self.typed(str(value), "xsd:integer")

    def header(self) -> str:
        """What a file opens with: the prefixes in Turtle, nothing in N-Triples."""
        if not self.turtle:
            return ""
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.namespaces.items()) + "\n"


class TripleText:
    """Rendered triples as lines, gathered until :meth:`take` hands them over.

    ``t(s, p, o)`` takes rendered terms. In Turtle, triples of the same subject that follow
    each other share one statement; :meth:`take` closes the last one, so what it returns always
    ends between statements (blank nodes must not be split across two takes' files).
    ``count`` is the triples gathered since the owner last set it to 0.

    After :meth:`in_graph` the triples go to that named graph: N-Triples lines become N-Quads
    lines, and Turtle statements are taken wrapped in a TriG graph block.
    """

    def __init__(self, syntax: TermSyntax) -> None:
        self.count = 0
        self._buffer: list[str] = []
        self._last = ""
        self._end = " .\n"
        self._graph = ""
        self._wrap = syntax.turtle
        self.t: Callable[[str, str, str], None] = self._turtle if syntax.turtle else self._ntriple

    def in_graph(self, graph: str) -> None:
        """The triples gathered from now on belong to ``graph`` (a rendered IRI); call it
        between takes."""
        self._graph = graph
        self._end = f" {graph} .\n" if graph else " .\n"

    def _ntriple(self, s: str, p: str, o: str) -> None:
        self._buffer.append(f"{s} {p} {o}{self._end}")
        self.count += 1

    def _turtle(self, s: str, p: str, o: str) -> None:
        if s == self._last:
            self._buffer.append(f" ;\n    {p} {o}")
        else:
            self._buffer.append(f" .\n{s} {p} {o}" if self._last else f"{s} {p} {o}")
            self._last = s
        self.count += 1

    def take(self) -> str:
        """The text gathered so far (complete statements), and an empty buffer."""
        if self._last:
            self._buffer.append(" .\n")
            self._last = ""
        text = "".join(self._buffer)
        self._buffer.clear()
        if text and self._graph and self._wrap:
            return f"{self._graph} {{\n{text}}}\n"
        return text
