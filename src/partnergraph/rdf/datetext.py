"""Dates written the way a committee paper writes them: 6. december 2026, 6 December 2026."""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTHS", "long_date"]

_DA_MONTHS = "januar februar marts april maj juni juli august september oktober november december"
_EN_MONTHS = "January February March April May June July August September October November December"
MONTHS = {"da": _DA_MONTHS.split(), "en": _EN_MONTHS.split()}


def long_date(day: dt.date, lang: str) -> str:
    """6. december 2026 / 6 December 2026: how a committee paper writes a date."""
    month = MONTHS.get(lang, MONTHS["da"])[day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"
