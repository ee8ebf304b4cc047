"""Words the pages use: interface text in Danish and English, and friendly names for the
standard terms (``org:hasMember``, ``dcterms:source`` ...) that the ontology does not label.

The interface text lives in the message catalogue under ``page.`` keys (add new page wording
there); this module shows it by language, as the templates want it.

Local terms (``pg:``) are labelled in the ontology itself; the standard terms are named in
``ontology/term-labels.ttl`` (read by :mod:`partnergraph.query.term_labels`, which ``describe``
uses too), so a municipal reader sees "har medlem" rather than ``org:hasMember``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from partnergraph.core.messages import CATALOGUE, LANGUAGES
from partnergraph.query.term_labels import term_labels
from partnergraph.rdf.namespaces import ADMS, PG

__all__ = [
    "INVERSE_LABELS",
    "LANGUAGES",
    "PREDICATE_LABELS",
    "PREDICATE_ORDER",
    "TEXT",
    "TYPE_LABELS",
    "other_language",
    "text",
]

_PAGE: Final = "page."


def other_language(lang: str) -> str:
    return "en" if lang == "da" else "da"


TEXT: Final[Mapping[str, Mapping[str, str]]] = {
    lang: {
        key.removeprefix(_PAGE): entry[lang]
        for key, entry in CATALOGUE.items()
        if key.startswith(_PAGE)
    }
    for lang in LANGUAGES
}
"""Interface text by language and key: the ``page.`` entries of the one message catalogue
(:mod:`partnergraph.core.messages`), seen by language as the page templates use them."""


def text(lang: str, key: str, **values: str | int) -> str:
    """Interface text ``key`` in ``lang`` (English when missing), with ``{name}`` filled in."""
    found = TEXT.get(lang, TEXT["en"]).get(key) or TEXT["en"].get(key, key)
    return found.format(**values) if values else found


PREDICATE_LABELS: Final[Mapping[str, Mapping[str, str]]] = term_labels().labels
"""Danish and English names of standard terms, from ``ontology/term-labels.ttl``."""

TYPE_LABELS: Final = PREDICATE_LABELS
"""Classes are named in the same file (an IRI is either a class or a property)."""

INVERSE_LABELS: Final[Mapping[str, Mapping[str, str]]] = term_labels().inverse
"""How a link reads from the other end: "VIA University College" is *member of* the partnership."""

PREDICATE_ORDER: Final[tuple[str, ...]] = tuple(
    str(p)
    for p in (
        SKOS.definition,
        DCTERMS.description,
        PG.purpose,
        ORG.hasMember,
        ORG.memberOf,
        ORG.unitOf,
        ORG.organization,
        ORG.member,
        ORG.role,
        PG.party,
        PG.governs,
        PG.category,
        PG.collaborationType,
        ORG.classification,
        PG.status,
        DCTERMS.temporal,
        PROV.wasAssociatedWith,
        PROV.used,
        PG.meetingFrequency,
        PG.meetingsPerYear,
        DCTERMS.replaces,
        DCTERMS.isReplacedBy,
        PG.stakeholder,
        PG.operatedBy,
        PG.hasTheme,
        PG.hasFocusArea,
        PG.hasItem,
        PG.continues,
        SKOS.broadMatch,
        DCTERMS.subject,
        PG.contributesTo,
        PG.buildsOn,
        PG.country,
        ADMS.identifier,
        SKOS.notation,
        SKOS.inScheme,
    )
)
"""Properties shown first on an entity page, in this order; the rest follow by label."""
