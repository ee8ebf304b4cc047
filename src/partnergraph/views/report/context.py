"""What every part of the report reads: the report queries' rows, the notes, the context.

A :class:`Context` carries the knowledge the report is made from, its language and date, the
labeller and the notes; :func:`query_rows` runs one report query (``queries/report/``) and the
small helpers read values out of its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from partnergraph.core import resources as _resources
from partnergraph.io.results import SelectResult
from partnergraph.query.labels import Labeller, choose
from partnergraph.rdf.namespaces import PGID
from partnergraph.views.report.model import Note
from partnergraph.views.report.texts import t

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = [
    "Context",
    "Notes",
    "Partnership",
    "Row",
    "by_start",
    "find_partnerships",
    "group_by",
    "is_strategic",
    "names_of",
    "pick",
    "query_rows",
    "separator",
    "values_of",
]

_FORMAL = PGID["category-formal"]

Row = dict[str, Node]


def query_rows(kg: Knowledge, name: str) -> list[Row]:
    result = kg.query_file(_resources.bundled(f"queries/report/{name}.rq"))
    assert isinstance(result, SelectResult)
    return [
        {v: cell for v, cell in zip(result.variables, row, strict=True) if cell is not None}
        for row in result.rows
    ]


def values_of(rows: Iterable[Row], key: str) -> list[Node]:
    found: list[Node] = []
    for row in rows:
        value = row.get(key)
        if value is not None and value not in found:
            found.append(value)
    return found


def pick(values: Iterable[Node], lang: str) -> str:
    """The literal in ``lang``, else Danish, else English, else any (labels' rule)."""
    literals = [(SKOS.prefLabel, v) for v in values if isinstance(v, Literal)]
    return choose(Literal(""), literals, lang) if literals else ""


def group_by(rows: Iterable[Row], key: str) -> dict[Node, list[Row]]:
    groups: dict[Node, list[Row]] = {}
    for row in rows:
        if key in row:
            groups.setdefault(row[key], []).append(row)
    return groups


@dataclass
class Notes:
    """The report's notes, numbered in order of first use; the same source words share one."""

    no_words: str
    notes: list[Note] = field(default_factory=list)

    def cite(self, source: str, words: str = "") -> int:
        note = Note(source, words or self.no_words)
        if note not in self.notes:
            self.notes.append(note)
        return self.notes.index(note) + 1


@dataclass
class Context:
    kg: Knowledge
    lang: str
    as_of: dt.date
    label: Labeller
    notes: Notes
    short: dict[Node, str] = field(default_factory=dict)
    """Short names of the sources the provenance line names in full ("Notat")."""

    def cite(self, rows: Sequence[Row], words_key: str = "sourceText") -> int:
        """A note for what ``rows`` say: their source(s) and the source's words."""
        sources = sorted({self.short.get(s) or self.label(s) for s in values_of(rows, "source")})
        words = pick(values_of(rows, words_key), "da")  # the source's words are in its language
        return self.notes.cite(", ".join(sources) or self.label(None), words)

    def text(self, node: Node | None) -> str:
        return self.label(node)


@dataclass
class Partnership:
    iri: URIRef
    label: str
    formal: bool
    start: str
    partners: list[URIRef]
    rows: list[Row]


def find_partnerships(kg: Knowledge, label: Labeller) -> list[Partnership]:
    found = []
    for iri, rows in group_by(query_rows(kg, "partnerships"), "p").items():
        assert isinstance(iri, URIRef)
        start = next((str(v)[:4] for v in values_of(rows, "start")), "")
        partners = [p for p in values_of(rows, "partner") if isinstance(p, URIRef)]
        formal = _FORMAL in values_of(rows, "category")
        found.append(Partnership(iri, label(iri), formal, start, partners, rows))
    found.sort(key=lambda p: (not p.formal, p.start or "9999", p.label.casefold()))
    return found


def names_of(ctx: Context, nodes: Iterable[Node]) -> list[str]:
    return sorted({ctx.text(n) for n in nodes}, key=str.casefold)


def separator(i: int, n: int, lang: str) -> str:
    if i == n - 1:
        return "."
    if i == n - 2:
        return f" {t(lang, 'list.and')} "
    return ", "


def is_strategic(p: Partnership) -> bool:
    return PGID["category-strategic"] in values_of(p.rows, "category")


def by_start(ctx: Context, groups: dict[Node, list[Row]]) -> list[tuple[Node, list[Row]]]:
    def key(item: tuple[Node, list[Row]]) -> tuple[str, str]:
        start = next((str(v) for v in values_of(item[1], "start")), "9999")
        return (start, ctx.text(item[0]).casefold())

    return sorted(groups.items(), key=key)
