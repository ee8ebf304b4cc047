"""The "kræver handling" (needs action) box that opens the home pages of the site and server.

Both call :func:`collect_needs`, which asks :mod:`partnergraph.status`, so the site, the server
and ``partnergraph agenda`` always list the same things for the same day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import URIRef

from ..status import needs_action, status_note
from ..stores import Store
from .links import Links

__all__ = ["NeedsItem", "NeedsView", "collect_needs"]

_TEXT = {
    "da": {
        "heading": "Kræver handling",
        "none": "Intet kræver handling.",
        "stated": "ifølge kilden",
    },
    "en": {
        "heading": "Needs action",
        "none": "Nothing needs action.",
        "stated": "according to the source",
    },
}


@dataclass(frozen=True)
class NeedsItem:
    title: str
    href: str | None
    kind: str
    kind_label: str
    reason: str
    partnership: str
    stated: str


@dataclass(frozen=True)
class NeedsView:
    heading: str
    note: str
    """"status pr. <dag>, ifølge <kilde> (udateret)": how current the list is."""
    items: tuple[NeedsItem, ...]
    empty: str
    stated_label: str
    as_of: str


def collect_needs(store: Store, as_of: dt.date | str | None, lang: str, links: Links) -> NeedsView:
    """What needs action on ``as_of`` (default today), with links to the things' pages."""
    words = _TEXT.get(lang, _TEXT["da"])
    note = status_note(store, as_of, lang)
    items = tuple(
        NeedsItem(
            title=item.title,
            href=links.entity(URIRef(item.iri)),
            kind=item.kind,
            kind_label=item.kind_label,
            reason=item.reason,
            partnership=item.partnership,
            stated=item.stated,
        )
        for item in needs_action(store, note.as_of, lang)
    )
    return NeedsView(
        heading=words["heading"],
        note=note.text,
        items=items,
        empty=words["none"],
        stated_label=words["stated"],
        as_of=note.as_of.isoformat(),
    )
