"""The generator's words, read from the data files in ``tables/`` beside this module.

Names, syllables, themes, units and the like are data: they are edited as CSV (one row a thing,
opened in any spreadsheet), JSON or a plain word list, and travel inside the package. Their
order matters (the random choices index into them), so a reordered or edited table gives other,
equally valid data for the same seed.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from typing import Any

__all__ = [
    "COLLABORATION_TYPES",
    "FOCUS",
    "IMC_TEMPLATES",
    "INSTRUMENTS",
    "PARTNER_NAMES",
    "PARTNER_TYPES",
    "REAL_NAMES",
    "RELATED_TARGET",
    "SYLLABLES",
    "THEMES",
    "TRADES",
    "TWIN_ITEMS",
    "UNITS",
    "PartnerNames",
    "Syllables",
    "Theme",
    "Unit",
]

_TABLES = resources.files("partnergraph.synthetic").joinpath("tables")


def _text(name: str) -> str:
    return _TABLES.joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text(name))))


def _words(text: str) -> tuple[str, ...]:
    """A column of space-separated words (cross-cutting themes, classes)."""
    return tuple(text.split())


Theme = tuple[str, str, tuple[str, ...]]
"""Danish label, English label, the cross-cutting themes it maps to (skos:broadMatch)."""


def _themes(name: str) -> tuple[Theme, ...]:
    return tuple((r["da"], r["en"], _words(r["cross_cutting_themes"])) for r in _rows(name))


class Syllables:
    """The parts invented names of one country are made of (``tables/names.json``)."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.onsets: tuple[str, ...] = tuple(table["onsets"])
        self.links: tuple[str, ...] = tuple(table["links"])
        """Between onset and coda; repeated entries weigh the choice."""
        self.codas: tuple[str, ...] = tuple(table["codas"])
        self.place_codas: tuple[str, ...] = tuple(table["place_codas"])
        """Endings of the regions' and partners' places, not a municipality's."""
        self.prefixes: tuple[str, ...] = tuple(table["prefixes"])
        self.surname_endings: tuple[str, ...] = tuple(table["surname_endings"])


SYLLABLES = {
    country: Syllables(table) for country, table in json.loads(_text("names.json")).items()
}
"""By country code (``DK``, ``SE``)."""

REAL_NAMES = frozenset(_text("real-names.txt").split())
"""Real Danish and Swedish municipalities (and places) that the syllables could spell."""

THEMES = _themes("themes.csv")
"""The themes a partnership between a municipality and a partner may have."""

TWIN_ITEMS = _themes("twin-action-plan-items.csv")
"""Items of a twin-town action plan: the first two always, then one or two of the rest."""

FOCUS = tuple((r["da"], r["en"]) for r in _rows("focus-phrases.csv"))
"""What a proposed focus area puts "particular focus" on."""

INSTRUMENTS = tuple(
    (r["key"], r["da"], r["en"], _words(r["cross_cutting_themes"]))
    for r in _rows("involvement-instruments.csv")
)
"""Instruments for involving citizens and stakeholders: key, Danish, English, themes."""

COLLABORATION_TYPES = tuple(
    (r["key"], r["da"], r["en"], r["definition_da"], r["definition_en"])
    for r in _rows("collaboration-types.csv")
)
"""A municipality's typology of collaborations, numbered in this order."""

Unit = tuple[str, str, str, str, str, str, str]
"""Key, name, English name, short name, kind, Danish and English definition (all but the
first three may be empty)."""

UNITS: dict[str, tuple[Unit, ...]] = {}
"""Committees and administrative units by country. The first three are the committee that
treats partnerships, the council and the secretariat."""
for _row in _rows("units.csv"):
    UNITS[_row["country"]] = (
        *UNITS.get(_row["country"], ()),
        (
            _row["key"],
            _row["name"],
            _row["en"],
            _row["short"],
            _row["kind"],
            _row["definition_da"],
            _row["definition_en"],
        ),
    )

IMC_TEMPLATES = tuple(
    (
        r["key"],
        r["da"],
        r["sv"],
        r["kind"],
        r["collaboration_type"],
        _words(r["cross_cutting_themes"]),
    )
    for r in _rows("inter-municipal.csv")
)
"""Inter-municipal bodies of a region (``{r}`` is the region's name): key, Danish name,
Swedish name, kind, collaboration type, cross-cutting themes."""


class PartnerNames:
    """How a partner of one kind and country is named (``tables/partner-names.csv``): patterns
    with ``{place}``, ``{place_genitive}``, ``{initial}`` (of the place), ``{name}`` (a surname)
    or ``{trade_da}`` / ``{trade_sv}``; its business staff's with ``{da_genitive}`` and ``{en}``
    (the partner's own names)."""

    def __init__(self, row: dict[str, str]) -> None:
        self.labels = {lang: row[lang] for lang in ("da", "en", "sv") if row[lang]}
        self.alt = row["alt"]
        self.staff = {lang: row[f"staff_{lang}"] for lang in ("da", "en") if row[f"staff_{lang}"]}


PARTNER_NAMES = {(r["kind"], r["country"]): PartnerNames(r) for r in _rows("partner-names.csv")}
"""By kind and country code."""

TRADES = tuple((r["da"], r["sv"]) for r in _rows("trades.csv"))
"""What an invented company does, in its Danish or Swedish name."""

PARTNER_TYPES = {r["kind"]: _words(r["classes"]) for r in _rows("partner-classes.csv")}
"""The classes of a partner of each kind."""

RELATED_TARGET = {r["cross_cutting_theme"]: r["sdg_target"] for r in _rows("theme-targets.csv")}
"""Each cross-cutting theme's skos:relatedMatch in ontology/vocabularies.ttl."""
