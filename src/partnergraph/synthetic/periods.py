"""Periods in a memo's precision and wording: a year, a span of years, a month, a season.

Agreements are dated the way memos date them, a start and end each as a year, a month or a
day, and the wording (Danish and English) that goes with it as the period's label.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from partnergraph.rdf.dates import MONTHS

__all__ = [
    "MEMO_YEAR",
    "When",
    "agreement_period",
    "month_period",
    "season_period",
    "turn_of_year",
    "year_period",
    "years_period",
]

MEMO_YEAR = 2025
"""The synthetic memos are written in March of this year: treatments before then are done,
later ones planned."""

_DA, _EN = MONTHS["da"], MONTHS["en"]


@dataclass(frozen=True)
class When:
    """A period: start and end as (lexical form, datatype), the wording, the latest month."""

    start: tuple[str, str] | None
    end: tuple[str, str] | None
    da: str
    en: str
    latest: tuple[int, int]

    @property
    def done(self) -> bool:
        """Over before the memo was written (March of MEMO_YEAR)."""
        return self.latest < (MEMO_YEAR, 3)


def year_period(year: int) -> When:
    return When((str(year), "xsd:gYear"), None, str(year), str(year), (year, 12))


def years_period(first: int, last: int, separator: str = "-") -> When:
    text = f"{first}{separator}{last}"
    return When((str(first), "xsd:gYear"), (str(last), "xsd:gYear"), text, text, (last, 12))


def month_period(year: int, month: int) -> When:
    value = (f"{year}-{month:02d}", "xsd:gYearMonth")
    da, en = f"{_DA[month - 1]} {year}", f"{_EN[month - 1]} {year}"
    return When(value, value, da, en, (year, month))


def season_period(year: int, autumn: bool) -> When:
    first, last = (9, 11) if autumn else (3, 5)
    return When(
        (f"{year}-{first:02d}", "xsd:gYearMonth"),
        (f"{year}-{last:02d}", "xsd:gYearMonth"),
        f"{'efterår' if autumn else 'forår'} {year}",
        f"{'autumn' if autumn else 'spring'} {year}",
        (year, last),
    )


def turn_of_year(year: int) -> When:
    return When(
        (f"{year}-12", "xsd:gYearMonth"),
        (f"{year + 1}-01", "xsd:gYearMonth"),
        "dec. eller jan.",
        "December or January",
        (year + 1, 1),
    )


def agreement_period(rng: random.Random, first: int, last: int | None) -> When:
    """An agreement's period, its start and end each in one of the precisions memos use."""
    choice = rng.random()
    if choice < 0.5:
        start = (str(first), "xsd:gYear")
        start_da = start_en = str(first)
    elif choice < 0.7:
        month = rng.randint(1, 12)
        start = (f"{first}-{month:02d}", "xsd:gYearMonth")
        start_da, start_en = f"{_DA[month - 1]} {first}", f"{_EN[month - 1]} {first}"
    else:
        start = (f"{first}-01-01", "xsd:date")
        start_da, start_en = f"1. januar {first}", f"1 January {first}"
    if last is None:
        if start[1] == "xsd:gYear":
            return When(start, None, start_da, start_en, (9999, 12))
        return When(start, None, f"fra {start_da}", f"from {start_en}", (9999, 12))
    choice = rng.random()
    if choice < 0.6:
        end = (str(last), "xsd:gYear")
        if start[1] == "xsd:gYear":
            da = en = f"{first}-{last}"
        else:
            da, en = f"{start_da} til udgangen af {last}", f"{start_en} to the end of {last}"
    elif choice < 0.9:
        end = (f"{last}-12-31", "xsd:date")
        da, en = f"{start_da} til 31. december {last}", f"{start_en} to 31 December {last}"
    else:
        end = (f"{last}-12", "xsd:gYearMonth")
        da, en = f"{start_da} til december {last}", f"{start_en} to December {last}"
    return When(start, end, da, en, (last, 12))
