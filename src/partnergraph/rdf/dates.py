"""Dates in the source's precision: the one place that reads and writes them.

A memo says "2025", "september 2025" or "15. september 2025", and the data keeps that precision
as ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``. Read, such a loose date is an interval: the
days it can mean ("2025" is 2025-01-01 to 2025-12-31), which is what status, agendas, networks
and the workbook all compare. Written for people, a date reads the way a committee paper writes
it ("6. december 2026"). Reading and writing share the month names and the idea of precision, so
they live together; the source's own wording ("efterår 2025") is kept as text beside the dates and
never parsed. The day a user asks about (``--as-of 2024-10-01``), which status, queries,
networks and reports share, is read here too.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.rdf.namespaces import PREFIXES

if TYPE_CHECKING:
    from rdflib import Literal

__all__ = [
    "MONTHS",
    "LooseDate",
    "as_of_date",
    "date_bounds",
    "date_of_literal",
    "is_date_shaped",
    "iso_date",
    "long_date",
    "optional_day",
    "parse_date",
]

_DA_MONTHS = "januar februar marts april maj juni juli august september oktober november december"
_EN_MONTHS = "January February March April May June July August September October November December"
MONTHS = {"da": _DA_MONTHS.split(), "en": _EN_MONTHS.split()}

_LEXICAL = re.compile(
    r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?"
    r"(?P<time>T[0-9:.]+)?(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?"
)
"""ASCII digits only: Python's int() reads other scripts' digits, which XSD and SPARQL do not."""


@dataclass(frozen=True)
class LooseDate:
    """A date in the precision the source gives, with the days it can mean."""

    text: str
    datatype: str
    """The IRI of ``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:date`` or ``xsd:dateTime``."""
    earliest: dt.date
    latest: dt.date

    @property
    def literal(self) -> Literal:
        from rdflib import Literal, URIRef  # late: rdflib only when a term is made

        return Literal(self.text, datatype=URIRef(self.datatype))


_XSD = PREFIXES["xsd"]


def _read(text: str, *, exact: bool) -> LooseDate | None:
    text = text.strip()
    match = _LEXICAL.fullmatch(text)
    if match is None or (exact and (match["time"] or match["zone"])):
        return None
    year = int(match["y"])
    try:
        if match["d"]:
            day = dt.date(year, int(match["m"]), int(match["d"]))
            kind = _XSD + ("dateTime" if match["time"] else "date")
            return LooseDate(text, kind, day, day)
        if match["m"]:
            month = int(match["m"])
            last = calendar.monthrange(year, month)[1]
            first, final = dt.date(year, month, 1), dt.date(year, month, last)
            return LooseDate(text, _XSD + "gYearMonth", first, final)
        return LooseDate(text, _XSD + "gYear", dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:  # no such day or month (calendar.IllegalMonthError is a ValueError)
        return None


def parse_date(text: str) -> LooseDate | None:
    """``2025`` (xsd:gYear), ``2025-09`` (xsd:gYearMonth) or ``2025-09-15`` (xsd:date): what a
    person writes in a workbook cell or a query parameter; anything else gives ``None``."""
    return _read(text, exact=True)


def is_date_shaped(text: str) -> bool:
    """Written like a date (``2025``, ``2025-09``, ``2025-09-15``), whether or not the day exists:
    so a message can tell "not a date" from "no such day" (``2025-02-30``)."""
    match = _LEXICAL.fullmatch(text.strip())
    return match is not None and not (match["time"] or match["zone"])


def date_of_literal(value: object) -> LooseDate | None:
    """A date literal of the data as a :class:`LooseDate`, if it is one the workbook writes."""
    from rdflib import Literal  # late: rdflib only for code that holds its terms

    if not isinstance(value, Literal) or value.language is not None:
        return None
    parsed = parse_date(str(value))
    if parsed is None or parsed.datatype != str(value.datatype):
        return None
    return parsed


def date_bounds(lexical: str) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest day a loose date can mean: "2025" is 2025-01-01 to 2025-12-31.

    Handles ``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:date`` and ``xsd:dateTime`` lexical forms
    (a time zone is ignored), since data from elsewhere may carry them; anything else gives
    ``None``.
    """
    parsed = _read(lexical, exact=False)
    return None if parsed is None else (parsed.earliest, parsed.latest)


def long_date(day: dt.date, lang: str) -> str:
    """6. december 2026 / 6 December 2026: how a committee paper writes a date."""
    month = MONTHS.get(lang, MONTHS["da"])[day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def as_of_date(value: dt.date | str | None) -> dt.date:
    """The status day: a date, an ISO text (``2024-10-01``) or ``None`` for today."""
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ParameterError(
            f"--as-of must be a date such as 2024-10-01, got {value!r}: write it as YYYY-MM-DD"
        ) from None


def optional_day(value: dt.date | str | None) -> dt.date | None:
    """A day given as a date or an ISO text (see :func:`iso_date`), or None for no day."""
    return iso_date(value) if isinstance(value, str) else value


def iso_date(text: str) -> dt.date:
    """The day an ``--as-of`` text names, for networks and reports: unlike :func:`as_of_date`
    an empty text is an error, not today (what no day means is theirs to say)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ParameterError(t("date.option", option="--as-of", value=text)) from None
