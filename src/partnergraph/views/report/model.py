"""What a report says, independent of the file format it is written in.

A report is sections of blocks (paragraphs, lists, tables, a figure); every piece of text that
states a fact may carry a :class:`Note` naming its source and quoting the source's own words.
The renderers (Markdown, DOCX, PDF) only lay this out: none of them reads the graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "Block",
    "Bullets",
    "Figure",
    "Note",
    "Para",
    "Report",
    "Section",
    "Span",
    "Table",
    "cell",
]


@dataclass(frozen=True)
class Note:
    """Where a statement comes from: the source's name and, when the data has them, its words."""

    source: str
    words: str = ""


@dataclass(frozen=True)
class Span:
    """A run of text; ``note`` is the number of its note in :attr:`Report.notes` (from 1)."""

    text: str
    note: int | None = None
    bold: bool = False


@dataclass
class Para:
    spans: list[Span] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass
class Bullets:
    items: list[Para] = field(default_factory=list)


@dataclass
class Table:
    header: list[str]
    rows: list[list[list[Para]]]
    """Rows of cells; a cell is a list of paragraphs."""
    widths: list[float] = field(default_factory=list)
    """Relative column widths (empty: equal)."""


def cell(text: str, note: int | None = None, *, bold: bool = False) -> list[Para]:
    """A table cell of one paragraph of one run: what most of the report's cells are."""
    return [Para([Span(text, note, bold)])]


@dataclass
class Figure:
    svg: str
    caption: Para
    alt: str = ""


Block = Para | Bullets | Table | Figure


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    lang: str
    as_of: dt.date
    provenance: Para
    sections: list[Section]
    notes: list[Note]
    notes_title: str
    """Heading of the list of notes (endnotes in Markdown and DOCX)."""
