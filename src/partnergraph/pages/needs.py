"""The "kræver handling" (needs action) box that opens the home pages of the site and server.

Both call :func:`collect_needs`, which asks :mod:`partnergraph.status`, so the site, the server
and ``partnergraph agenda`` always list the same things for the same day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from ..status import agreement_statuses, needs_action, status_note, treatment_statuses
from ..stores import Store
from .links import Links

__all__ = ["NeedsItem", "NeedsView", "collect_needs", "render_changes", "status_lines"]

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


def status_lines(store: Store, as_of: dt.date | str | None, lang: str) -> dict[str, str]:
    """Per agreement and dated decision: "Status pr. <dag>: udløbet (ifølge kilden: gældende)",
    the line an entity page shows under its title, so no page repeats a stale word alone."""
    da = lang != "en"
    lines: dict[str, str] = {}
    records: list[tuple[str, str, str, dt.date]] = [
        (a.iri, a.state_label, a.stated, a.as_of) for a in agreement_statuses(store, as_of, lang)
    ]
    records += [
        (t.iri, t.state_label, t.stated, t.as_of)
        for t in treatment_statuses(store, as_of, lang)
        if t.state
    ]
    for iri, state, stated, day in records:
        line = f"Status pr. {day.isoformat()}: {state}" if da else f"Status as of {day}: {state}"
        if stated:
            line += f" ({'ifølge kilden' if da else 'according to the source'}: {stated})"
        lines[iri] = line
    return lines


def render_changes(
    changes: Any, links: Links, *, lang: str = "da", site_name: Mapping[str, str] | None = None
) -> str:
    """The "Ændringer" page: what changed from the previous edition, a table per area, each
    thing linked to its page when the new edition has it."""
    from .render import _common, _render

    da = lang != "en"
    context = _common(links, lang, "changes", site_name)
    groups: list[tuple[str, list[dict[str, str | None]]]] = []
    for change in changes.changes:
        if not groups or groups[-1][0] != change.category_label.capitalize():
            groups.append((change.category_label.capitalize(), []))
        groups[-1][1].append(
            {
                "kind": change.kind,
                "kind_label": change.kind_label,
                "title": change.title,
                "href": links.entity(URIRef(change.iri)),
                "partnership": change.partnership,
                "before": change.before,
                "after": change.after,
            }
        )
    editions = [
        f"{new.rsplit('/', 1)[-1]} {'afløser' if da else 'replaces'} {old.rsplit('/', 1)[-1]}."
        for new, old in changes.replaces
    ]
    context.update(
        title="Ændringer" if da else "Changes",
        lead=(
            f"{len(changes.changes)} ændringer fra den forrige udgave til denne."
            if da
            else f"{len(changes.changes)} changes from the previous edition to this one."
        ),
        editions=editions,
        groups=groups,
        headers=(
            ["ændring", "hvad", "partnerskab", "før", "efter"]
            if da
            else ["change", "what", "partnership", "before", "after"]
        ),
        empty="Ingen ændringer." if da else "No changes.",
    )
    return _render("changes.html", **context)
