"""Dates as people write them: the way a committee paper writes a day (6. december 2026), and
the status day a user gives (``--as-of 2024-10-01``) that queries, networks and reports share."""

from __future__ import annotations

import datetime as dt

from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t

__all__ = ["MONTHS", "as_of_date", "iso_date", "long_date"]

_DA_MONTHS = "januar februar marts april maj juni juli august september oktober november december"
_EN_MONTHS = "January February March April May June July August September October November December"
MONTHS = {"da": _DA_MONTHS.split(), "en": _EN_MONTHS.split()}


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


def iso_date(text: str) -> dt.date:
    """The day an ``--as-of`` text names, for networks and reports: unlike :func:`as_of_date`
    an empty text is an error, not today (what no day means is theirs to say)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ParameterError(t("date.option", option="--as-of", value=text)) from None
