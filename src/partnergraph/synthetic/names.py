"""Invented names: Danish- and Swedish-sounding, unique, never a real municipality's."""

from __future__ import annotations

import random
import re

from partnergraph.synthetic.tables import REAL_NAMES, SYLLABLES

__all__ = ["Names", "genitive", "slug"]

_TRANSLITERATE = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "é": "e", "ü": "ue"}
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """The IRI-safe key of a name: lowercase ASCII letters, digits and hyphens."""
    return _NOT_SLUG.sub("-", text.lower().translate(_TRANSLITERATE)).strip("-")


def genitive(name: str) -> str:
    """Danish and Swedish genitive: Halmstad -> Halmstads, Borås -> Borås."""
    return name if name[-1] in "sxz" else name + "s"


class Names:
    """Unique invented names; ``used`` holds the slug of every name handed out."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def place(self, country: str, codas: tuple[str, ...] | None = None) -> str:
        """A municipality's name (or, with the place codas, a region's or a partner's)."""
        rng = self.rng
        syllables = SYLLABLES[country]
        onsets = syllables.onsets
        codas = codas or syllables.codas
        links = syllables.links
        attempt = 0
        while True:
            onset = rng.choice(onsets)
            link = rng.choice(links)
            coda = rng.choice(codas)
            if onset[-1] in "aeiouyæøåäö" + link or coda[0] in "aeiouyæøåäö" + link:
                link = ""
            if attempt >= 30:  # the short names are running out: Ravnbirkstrup
                second = rng.choice(onsets)
                onset += second.lower() if second != onset else ""
            name = onset + link + coda
            if attempt >= 60:  # and then the compounds: Nørre Ravnbirkstrup
                name = f"{rng.choice(syllables.prefixes)} {name}"
            if attempt >= 90:
                name = f"{name} {attempt}"
            key = slug(name)
            if key not in self.used and name not in REAL_NAMES:
                self.used.add(key)
                return name
            attempt += 1

    def surname(self, country: str) -> str:
        syllables = SYLLABLES[country]
        attempt = 0
        while True:
            name = self.rng.choice(syllables.onsets) + self.rng.choice(syllables.surname_endings)
            if attempt >= 40:
                name = f"{name}{attempt}"
            if slug(name) not in self.used:
                self.used.add(slug(name))
                return name
            attempt += 1
