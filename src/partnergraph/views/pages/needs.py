"""The "kræver handling" (needs action) box that opens the home pages of the site and server.

Both call :func:`collect_needs`, which asks :mod:`partnergraph.query.actions`, so the site, the
server and ``partnergraph agenda`` always list the same things for the same day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from partnergraph.core.messages import t
from partnergraph.engine.stores import Store
from partnergraph.query.actions import needs_action
from partnergraph.query.diff import column_titles
from partnergraph.query.status import status_lines, status_note
from partnergraph.views.pages.frame import common, render
from partnergraph.views.pages.links import Links

__all__ = ["NeedsItem", "NeedsView", "collect_needs", "render_changes", "status_lines"]

_CHANGE_COLUMNS = ("change", "what", "partnership", "before", "after")


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
    timeline_label: str = ""
    """The link to the timeline page, when the site has one."""
    changes_label: str = ""
    """The link to the changes page, when there is a previous edition."""


def collect_needs(store: Store, as_of: dt.date | str | None, lang: str, links: Links) -> NeedsView:
    """What needs action on ``as_of`` (default today), with links to the things' pages."""
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
        heading=t("page.needs.heading", lang),
        note=note.text,
        items=items,
        empty=t("page.needs.none", lang),
        stated_label=t("status.stated", lang),
        as_of=note.as_of.isoformat(),
        timeline_label=t("page.needs.timeline", lang),
        changes_label=t("page.needs.changes", lang),
    )


def render_changes(
    changes: Any, links: Links, *, lang: str = "da", site_name: Mapping[str, str] | None = None
) -> str:
    """The "Ændringer" page: what changed from the previous edition, a table per area, each
    thing linked to its page when the new edition has it."""
    context = common(links, lang, "changes", site_name)
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
        t("changes.replaces", lang, new=new.rsplit("/", 1)[-1], old=old.rsplit("/", 1)[-1])
        for new, old in changes.replaces
    ]
    context.update(
        title=t("page.changes.title", lang),
        lead=t("page.changes.lead", lang, n=len(changes.changes)),
        editions=editions,
        groups=groups,
        headers=column_titles(lang, _CHANGE_COLUMNS),
        empty=t("changes.none", lang),
    )
    return render("changes.html", **context)
