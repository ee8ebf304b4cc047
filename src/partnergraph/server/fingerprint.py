"""What makes two SPARQL queries "the same query" for the runaway cool-down.

A query stopped at the time limit is refused for a while, so that retrying it does not take a
worker again. Keyed on the exact text, that was dodged by adding a comment each time. The
fingerprint keeps only what decides how much work a query is: its keywords, operators, IRIs
and the way its variables are joined. Comments, white space, keyword case, the names of
variables and blank nodes, literal values and the prologue (``PREFIX``/``BASE``) are left out.

It is a lexer, not a parser: text that is not SPARQL still gets a fingerprint, and two queries
that differ in structure (one more pattern, one more FILTER) get different ones. That is why the
pool also limits clients whose queries overran (see :mod:`partnergraph.server.pool`).
"""

from __future__ import annotations

import hashlib

from partnergraph.engine.sparql_text import tokens

__all__ = ["query_fingerprint"]

_PROLOGUE = frozenset({"PREFIX", "BASE"})
_LITERAL_WORDS = frozenset({"TRUE", "FALSE"})


def query_fingerprint(text: str) -> str:
    """A short digest that stays the same when only comments, names or literal values change."""
    parts: list[str] = []
    names: dict[str, str] = {}
    skip = 0  # tokens of a PREFIX/BASE declaration still to drop
    for kind, token in tokens(text):
        if kind in ("space", "comment"):
            continue
        if skip:
            skip -= 1
            continue
        if kind == "word":
            upper = token.upper()
            if upper in _PROLOGUE:
                skip = 2 if upper == "PREFIX" else 1
                continue
            if upper in _LITERAL_WORDS:
                parts.append("L")
            elif ":" in token:
                parts.append(token)  # a prefixed name: which property, which class
            else:
                parts.append(upper)
        elif kind in ("var", "bnode"):
            key = ("?" if kind == "var" else "_:") + token[1:].lstrip(":")
            parts.append(names.setdefault(key, f"?{len(names)}"))
        elif kind in ("string", "number"):
            parts.append("L")
        elif kind == "lang":
            parts.append("@")
        else:
            parts.append(token)
    digest = hashlib.blake2b(" ".join(parts).encode("utf-8"), digest_size=16)
    return digest.hexdigest()
