"""A partnership's numbered themes, and the proposed focus areas that continue some of them."""

from __future__ import annotations

import random

from partnergraph.synthetic.block import Block
from partnergraph.synthetic.names import genitive
from partnergraph.synthetic.periods import When
from partnergraph.synthetic.tables import FOCUS, Theme

__all__ = ["DASH", "write_focus", "write_themes"]

DASH = "\u2013"  # the en dash the memos write year ranges with in titles


def write_themes(
    b: Block, s: str, k: str, picks: list[Theme], about_da: str, about_en: str
) -> list[str]:
    """The partnership's current themes, numbered as the memo lists them; their IRIs."""
    x = b.x
    scheme = b.scheme(
        f"{k}-scheme-themes", f"Nuværende temaer i {about_da}", f"Current themes of {about_en}", s
    )
    themes = []
    for number, theme in enumerate(picks, start=1):
        iri = x.node(f"{k}-theme-{number}")
        themes.append(iri)
        b.count("themes")
        b.concept(iri, ("pg:Theme", "skos:Concept"), scheme, number, theme)
        b.facts.t(s, x["pg:hasTheme"], iri)
    return themes


def write_focus(
    b: Block,
    s: str,
    k: str,
    rng: random.Random,
    picks: list[Theme],
    themes: list[str],
    about_da: str,
    about_en: str,
) -> None:
    """Proposed focus areas for 2024/2025, each continuing one of ``themes``."""
    x = b.x
    t = b.facts.t
    scheme = b.scheme(
        f"{k}-scheme-focus-2024-2025",
        f"Forslag til fokusområder 2024/2025 i {about_da}",
        f"Proposed focus areas 2024/2025 of {about_en}",
        s,
    )
    both = When(("2024", "xsd:gYear"), ("2025", "xsd:gYear"), "2024/2025", "2024/2025", (2025, 12))
    b.period(scheme, both)
    for position in sorted(rng.sample(range(len(picks)), rng.randint(1, len(picks)))):
        da, en, matches = picks[position]
        focus = x.node(f"{k}-focus-{position + 1}")
        b.count("focus areas")
        if rng.random() < 0.5 and "climate-and-sustainability" in matches:
            label_da = f"{da} med afsæt i {genitive(b.m.da)} klimaplan"
            label_en = f"{en} based on {b.m.en}'s climate plan"
            t(focus, x["pg:buildsOn"], b.strategies["climate"])
        else:
            phrase_da, phrase_en = rng.choice(FOCUS)
            label_da = f"{da}, med særlig fokus på {phrase_da}"
            label_en = f"{en}, with particular focus on {phrase_en}"
        classes = ("pg:FocusArea", "skos:Concept")
        b.concept(focus, classes, scheme, position + 1, (label_da, label_en, matches))
        t(focus, x["pg:continues"], themes[position])
        t(s, x["pg:hasFocusArea"], focus)
