"""Problems found in a workbook, and how they are told (in the catalogue's words)."""

from __future__ import annotations

from dataclasses import dataclass

from partnergraph.core.catalogue import t
from partnergraph.core.errors import PartnergraphError

__all__ = ["LANGUAGES", "Problem", "SpreadsheetError", "text"]

LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where (sheet, row, column), the value found and what is expected.

    ``row`` is the row number the spreadsheet program shows (the line number in a CSV file);
    ``column`` the column's header in the workbook's language; ``cell`` its address (``H12``).
    ``code`` says what kind of problem it is (``required``, ``unknown-reference``,
    ``shacl:ForumMeetingFrequencyShape`` ...), for programs and tests.
    """

    sheet: str
    row: int
    column: str
    value: str
    message: str
    cell: str = ""
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else f"{self.sheet}:{self.row}"
        column = f" ({self.column})" if self.column else ""
        value = f" [{self.value!r}]" if self.value else ""
        return f"{where}{column}{value}: {self.message}"


class SpreadsheetError(PartnergraphError):
    """A workbook has problems; nothing was written. ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem], *, source: str = "", lang: str = "da") -> None:
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        head = text("error-head", lang, count=count, source=source or "-")
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))


def text(key: str, lang: str, **values: object) -> str:
    """The catalogue's ``workbook.problem.<key>`` in ``lang`` (Danish unless English is asked
    for), filled in: the workbook's words live with every other message."""
    return t(f"workbook.problem.{key}", lang if lang in LANGUAGES else "da", **values)
