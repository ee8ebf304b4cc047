"""The timeline page: agreements and decisions on a time axis, one band per partnership.

Drawn as inline SVG on the server or at build time, so it works offline and without script.
Loose dates stay loose: an agreement's bar runs from the earliest day its start can mean to the
latest day its end can mean (a lighter tail where the end is only known to the year), an open
end runs to the as-of line, and a decision is a span over the days it may fall on. Colours say
the status as of the day (:mod:`partnergraph.query.status`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup
from rdflib import URIRef

from partnergraph.core import messages
from partnergraph.engine.stores import Store
from partnergraph.query.status import agreement_statuses, status_note, treatment_statuses
from partnergraph.rdf.dates import as_of_date
from partnergraph.views.pages.frame import common, render
from partnergraph.views.pages.links import Links

__all__ = ["TimelineRow", "collect_timeline", "render_timeline", "timeline_svg"]

DASH = "\u2013"

_COLOURS = {
    "in_force": "#2e7d32",
    "ended": "#8d8d8d",
    "not_started": "#1565c0",
    "upcoming": "#1565c0",
    "due": "#ef6c00",
    "overdue": "#c62828",
    "done": "#5d4037",
    "": "#5d4037",
}


@dataclass(frozen=True)
class TimelineRow:
    """One bar (agreement) or span (decision) of a partnership's band."""

    partnership: str
    kind: str
    """``agreement`` or ``decision``."""
    iri: str
    title: str
    start: dt.date
    end: dt.date
    open_end: bool
    state: str
    state_label: str
    stated: str
    when: str


def collect_timeline(store: Store, as_of: dt.date | str | None, lang: str) -> list[TimelineRow]:
    """Every dated agreement and decision, by partnership, then start."""
    day = as_of_date(as_of)
    rows: list[TimelineRow] = []
    for a in agreement_statuses(store, day, lang):
        if a.start is None:
            continue
        end = a.ended_on or (a.end.latest if a.end else None)
        rows.append(
            TimelineRow(
                partnership=a.partnership,
                kind="agreement",
                iri=a.iri,
                title=a.title,
                start=a.start.earliest,
                end=end or max(day, a.start.latest),
                open_end=end is None,
                state=a.state,
                state_label=a.state_label,
                stated=a.stated,
                when=a.period,
            )
        )
    for t in treatment_statuses(store, day, lang):
        rows.append(
            TimelineRow(
                partnership=t.partnership,
                kind="decision",
                iri=t.iri,
                title=t.title,
                start=t.earliest,
                end=t.latest,
                open_end=False,
                state=t.state,
                state_label=t.state_label,
                stated=t.stated,
                when=t.wording,
            )
        )
    rows.sort(key=lambda r: (r.partnership, r.kind != "agreement", r.start, r.title))
    return rows


def timeline_svg(rows: list[TimelineRow], as_of: dt.date, links: Links, lang: str) -> Markup:
    """The SVG: a year axis, a band per partnership, the as-of line."""
    if not rows:
        return Markup("")
    first = min(r.start for r in rows).year
    last = max(max(r.end for r in rows).year, as_of.year) + 1
    label_width, width, row_height, top = 300, 1100, 20, 30
    span_days = (dt.date(last, 1, 1) - dt.date(first, 1, 1)).days

    def x(day: dt.date) -> float:
        return (
            label_width + (width - label_width - 10) * (day - dt.date(first, 1, 1)).days / span_days
        )

    parts: list[str] = []
    y = top
    current = None
    for row in rows:
        if row.partnership != current:
            current = row.partnership
            y += 8
            band = escape(current or DASH)
            parts.append(
                f'<text class="tl-band" x="4" y="{y + 14}" font-size="13" '
                f'font-weight="bold">{band}</text>'
            )
            y += row_height
        colour = _COLOURS.get(row.state, "#5d4037")
        x0, x1 = x(row.start), max(x(row.end + dt.timedelta(days=1)), x(row.start) + 3)
        title = f"{row.title} ({row.when}): {row.state_label}"
        if row.stated:
            title += f" {DASH} {messages.t('status.stated', lang)}: {row.stated}"
        href = links.entity(URIRef(row.iri))
        height = 12 if row.kind == "agreement" else 8
        offset = 4 if row.kind == "agreement" else 6
        light = ' fill-opacity="0.45"' if row.open_end else ""
        shape = (
            f'<rect class="tl-{row.kind} tl-{row.state or "none"}" x="{x0:.1f}" y="{y + offset}" '
            f'width="{x1 - x0:.1f}" height="{height}" fill="{colour}"{light}>'
            f"<title>{escape(title)}</title></rect>"
        )
        text = (
            f'<text class="tl-label" x="12" y="{y + 14}" font-size="12">'
            f"{escape(row.title[:48])}</text>"
        )
        if href:
            text = f'<a href="{escape(href)}">{text}</a>'
        parts.append(text + shape)
        y += row_height
    height = y + 10
    axis = []
    for year in range(first, last + 1):
        pos = x(dt.date(year, 1, 1))
        axis.append(
            f'<line x1="{pos:.1f}" y1="{top - 6}" x2="{pos:.1f}" y2="{height}" stroke="#ddd"/>'
            f'<text x="{pos + 2:.1f}" y="{top - 10}" font-size="11" fill="#555">{year}</text>'
        )
    now = x(as_of)
    axis.append(
        f'<line class="tl-now" x1="{now:.1f}" y1="{top - 20}" x2="{now:.1f}" y2="{height}" '
        f'stroke="#c62828" stroke-dasharray="4 3"/>'
        f'<text x="{now + 3:.1f}" y="{top - 20}" font-size="11" fill="#c62828">'
        f"{as_of.isoformat()}</text>"
    )
    # presentation attributes, not <style>: the pages' Content-Security-Policy allows no
    # inline style
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%">{"".join(axis)}{"".join(parts)}</svg>'
    )
    return Markup(svg)


def _swatch(colour: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="10" aria-hidden="true">'
        f'<rect width="14" height="10" fill="{escape(colour)}"/></svg>'
    )


def render_timeline(
    store: Store,
    links: Links,
    *,
    as_of: dt.date | str | None = None,
    lang: str = "da",
    site_name: Mapping[str, str] | None = None,
) -> str:
    """The timeline page (``timeline.html`` in the site)."""
    day = as_of_date(as_of)
    rows = collect_timeline(store, day, lang)
    context: dict[str, Any] = common(links, lang, "timeline", site_name)
    da = lang != "en"
    legend = [
        (Markup(_swatch(_COLOURS[key])), label)
        for key, label in (
            ("in_force", "gældende" if da else "in force"),
            ("ended", "udløbet" if da else "ended"),
            ("not_started", "ikke begyndt / kommende" if da else "not started / upcoming"),
            ("overdue", "overskredet" if da else "overdue"),
            ("done", "gennemført" if da else "done"),
        )
    ]
    context.update(
        title="Tidslinje" if da else "Timeline",
        lead=(
            "Aftaler og beslutninger pr. partnerskab på en tidsakse; "
            "lyse bjælker har ingen kendt slutdato."
            if da
            else "Agreements and decisions per partnership on a time axis; "
            "light bars have no known end."
        ),
        note=status_note(store, day, lang).text,
        svg=timeline_svg(rows, day, links, lang),
        legend=legend,
    )
    return render("timeline.html", **context)
