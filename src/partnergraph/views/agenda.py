"""The renewals calendar: what is overdue, and what is coming, in the precision the source gives.

:func:`agenda` lists, as of a day (default today):

1. **what is overdue**: planned treatments whose latest possible day has passed with no outcome
   recorded, and ended agreements with no successor in force (:func:`partnergraph.query.status.
   needs_action` decides, so the agenda, the site and the server agree);
2. **what is coming** up to ``until`` (default six months ahead): agreements in force that end,
   new agreements that start, planned treatments, including those due now.

A loose date is an interval: "2025" may mean any day of 2025, "efterår 2025" (2025-09 to
2025-11) any day from 1 September to 30 November. An item is coming while it may still come
(its latest possible day is on or after the as-of day) and when it may come by ``until`` (its
earliest possible day is on or before it). Each item keeps the source's wording and the status
the source states beside the derived one.

Renderers: :func:`format_table` (rows for the CLI), :func:`to_ics` (iCalendar: a deadline on
each item's latest possible day with a reminder before it) and :func:`to_markdown`.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partnergraph.core import messages
from partnergraph.core.errors import ParameterError
from partnergraph.core.version import __version__
from partnergraph.io.tables import md_cell
from partnergraph.query.status import (
    AgreementStatus,
    agreement_statuses,
    state_label,
    status_note,
    treatment_statuses,
)
from partnergraph.rdf.dates import as_of_date

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = [
    "Agenda",
    "AgendaItem",
    "agenda",
    "format_table",
    "six_months_after",
    "to_ics",
    "to_markdown",
]

KINDS = ("ended", "ends", "starts", "treatment")

_COLUMNS = ("status", "when", "by", "what", "kind", "partnership", "committees")
"""The table's columns but the last, the status the source states (``status.stated``); each
is named in the catalogue as ``agenda.column.<column>``, each kind of item as
``agenda.kind.<kind>``."""


@dataclass(frozen=True)
class AgendaItem:
    """One thing overdue or coming up, dated as loosely as the source dates it."""

    kind: str
    """``ended`` (an agreement ended with no successor in force), ``ends`` (an agreement in
    force ends), ``starts`` (a successor agreement begins) or ``treatment`` (a planned
    decision or treatment)."""
    iri: str
    """The agreement (ended, ends, starts) or the decision (treatment)."""
    title: str
    wording: str
    """The source's words for when, e.g. "efterår 2025", "udgangen af 2025", "dec. eller jan."."""
    earliest: dt.date
    latest: dt.date
    period: str = ""
    """The whole period's wording, when the item is one end of it ("1. januar 2022 til ...")."""
    concerns: tuple[str, ...] = ()
    """The agreements or plans it is about."""
    committees: tuple[str, ...] = ()
    status: str = ""
    """The status the source states ("planlagt", "gældende"): true on the day it was written."""
    partnership: str = ""
    source: str = ""
    source_text: str = ""
    decision_kind: str = ""
    renews: tuple[str, ...] = ()
    """For a new agreement (or its treatment): the agreements it replaces."""
    lang: str = "da"
    state: str = ""
    """The status on the as-of day (:data:`partnergraph.query.status.STATES`): ``overdue``,
    ``due``, ``upcoming`` for treatments; ``ended``, ``in_force``, ``not_started`` for
    agreements."""

    @property
    def kind_label(self) -> str:
        return messages.t(f"agenda.kind.{self.kind}", self.lang)

    @property
    def state_label(self) -> str:
        return state_label(self.state, self.lang)

    @property
    def overdue(self) -> bool:
        """Needs action already: an overdue treatment or an agreement ended with no successor."""
        return self.state == "overdue" or self.kind == "ended"

    @property
    def uid(self) -> str:
        """Stable across runs and re-imports: derived from the IRI and the kind of item."""
        return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'{self.iri}#{self.kind}')}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "state": self.state,
            "state_label": self.state_label,
            "iri": self.iri,
            "title": self.title,
            "when": self.wording,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "period": self.period,
            "stated": self.status,
            "partnership": self.partnership,
            "committees": list(self.committees),
            "concerns": list(self.concerns),
        }


def six_months_after(day: dt.date) -> dt.date:
    """The same day six months on (the last day of the month when it has fewer days)."""
    month = day.month + 6
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


_RANGE = re.compile(
    r"^(?P<a>.+?)\s+(?:til|to|until|-|\u2013)\s+(?P<b>.+)$"
    r"|^(?P<c>\d{4})\s*[-\u2013/]\s*(?P<d>\d{4})$"
)


def _part(label: str, which: str) -> str:
    """One end of a period's wording: "udgangen af 2025" from "1. januar 2022 til udgangen af
    2025", "2024" from "2021-2024"; empty if the wording is not a range."""
    match = _RANGE.match(label.strip())
    if match is None:
        return ""
    if match["a"] is not None:
        return match["a"] if which == "start" else match["b"]
    return match["c"] if which == "start" else match["d"]


class Agenda(list[AgendaItem]):
    """The agenda's items in order (a plain list to iterate, slice and compare), with
    :attr:`note`, the line that says how current their statuses are ("status pr. ...")."""

    def __init__(self, items: list[AgendaItem], note: str) -> None:
        super().__init__(items)
        self.note = note

    def to_dict(self) -> dict[str, Any]:
        """What ``agenda --format json`` gives: the status line and the items."""
        return {"status": self.note, "items": [item.to_dict() for item in self]}


def agenda(
    kg: Knowledge,
    *,
    until: dt.date | None = None,
    as_of: dt.date | str | None = None,
    today: dt.date | None = None,
    overdue: bool = True,
    lang: str = "da",
) -> Agenda:
    """What is overdue on ``as_of`` (default today; ``today`` is the older name), then what is
    coming up to ``until`` (default six months on), each in date order. ``overdue=False``
    leaves the overdue part out. The list carries the line that says how current it is."""
    messages.check_language(lang)
    day = as_of_date(as_of if as_of is not None else today)
    if until is not None and until < day:
        raise ParameterError.of("agenda.until", remedy="until", until=until, day=day)
    horizon = until or six_months_after(day)
    late: list[AgendaItem] = []
    coming: list[AgendaItem] = []
    agreements = agreement_statuses(kg, day, lang)
    by_iri = {a.iri: a for a in agreements}
    for a in agreements:
        for item in _agreement_items(a):
            if item.kind == "ended":
                late.append(item)
            elif item.latest >= day and item.earliest <= horizon:
                coming.append(item)
    for t in treatment_statuses(kg, day, lang):
        if t.state not in ("upcoming", "due", "overdue"):
            continue
        item = AgendaItem(
            kind="treatment",
            iri=t.iri,
            title=t.title,
            wording=t.wording,
            earliest=t.earliest,
            latest=t.latest,
            period=t.wording,
            concerns=t.concerns,
            committees=t.committees,
            status=t.stated,
            partnership=t.partnership,
            source=t.source,
            source_text=t.source_text,
            decision_kind=t.decision_kind,
            renews=t.renews or _renews(t.concerns_iris, by_iri),
            lang=lang,
            state=t.state,
        )
        if t.state == "overdue":
            late.append(item)
        elif item.earliest <= horizon:
            coming.append(item)
    order = KINDS.index
    late.sort(key=lambda i: (i.latest, i.earliest, order(i.kind), i.title))
    coming.sort(key=lambda i: (i.earliest, i.latest, order(i.kind), i.title))
    return Agenda((late if overdue else []) + coming, status_note(kg, day, lang).text)


def _renews(concerns: tuple[str, ...], by_iri: dict[str, AgreementStatus]) -> tuple[str, ...]:
    return tuple(sorted({r for c in concerns if c in by_iri for r in by_iri[c].replaces}))


def _agreement_items(a: AgreementStatus) -> list[AgendaItem]:
    common: dict[str, Any] = {
        "iri": a.iri,
        "title": a.title,
        "period": a.period,
        "concerns": (a.title,),
        "status": a.stated,
        "partnership": a.partnership,
        "source": a.source,
        "source_text": a.source_text,
        "renews": a.replaces,
        "lang": a.lang,
        "state": a.state,
    }
    start, end = a.start, a.end
    items = []
    if a.no_successor_in_force:
        last = a.ended_on or (end.latest if end else a.as_of)
        wording = _part(a.period, "end") or (end.text if end else a.period) if end else a.period
        items.append(
            AgendaItem(kind="ended", wording=wording, earliest=last, latest=last, **common)
        )
    if a.state == "in_force" and end is not None:
        wording = _part(a.period, "end") or (
            a.period if start is None or start == end else end.text
        )
        items.append(
            AgendaItem(
                kind="ends", wording=wording, earliest=end.earliest, latest=end.latest, **common
            )
        )
    if a.state == "not_started" and start is not None:
        wording = _part(a.period, "start") or (
            a.period if end is None or start == end else start.text
        )
        items.append(
            AgendaItem(
                kind="starts",
                wording=wording,
                earliest=start.earliest,
                latest=start.latest,
                **common,
            )
        )
    return items


# --- renderers -----------------------------------------------------------------------------------


def _state_cell(item: AgendaItem, lang: str) -> str:
    if item.kind == "ended":
        return messages.t("agenda.needs", lang)
    return state_label(item.state, lang)


def format_table(
    items: list[AgendaItem], lang: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """Headers and rows for a table (the CLI prints them with rich); ``lang`` defaults to the
    items' language."""
    lang = lang or (items[0].lang if items else "da")
    headers = [messages.t(f"agenda.column.{column}", lang) for column in _COLUMNS]
    headers.append(messages.t("status.stated", lang))
    rows = [
        [
            _state_cell(item, lang),
            item.wording,
            item.latest.isoformat(),
            item.title,
            messages.t(f"agenda.kind.{item.kind}", lang),
            item.partnership,
            ", ".join(item.committees),
            item.status,
        ]
        for item in items
    ]
    return headers, rows


def to_markdown(items: list[AgendaItem], lang: str | None = None) -> str:
    """A Markdown table, one row per item."""

    headers, rows = format_table(items, lang)
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _description(item: AgendaItem, late: list[AgendaItem]) -> str:
    lang = item.lang
    span = f"{item.earliest.isoformat()} \u2013 {item.latest.isoformat()}"
    parts = [
        ("wording", item.wording),
        ("period", item.period if item.period != item.wording else ""),
        ("days", span if item.earliest != item.latest else ""),
        ("deadline", item.latest.isoformat()),
        ("kind", item.decision_kind or item.kind_label),
        ("concerns", "; ".join(item.concerns)),
        ("replaces", "; ".join(item.renews)),
        ("partnership", item.partnership),
        ("committees", ", ".join(item.committees)),
        ("status", item.state_label),
        ("stated", item.status),
        ("source", item.source),
        ("source_text", item.source_text),
    ]
    shown = [(messages.t(f"agenda.ics.field.{name}", lang), value) for name, value in parts]
    shown.append(("IRI", item.iri))
    text = "\n".join(f"{name}: {value}" for name, value in shown if value)
    return text + _late_list(late, lang)


def _late_list(late: list[AgendaItem], lang: str) -> str:
    if not late:
        return ""
    lines = [
        "- "
        + messages.t(
            "agenda.ics.late.item", lang, title=i.title, wording=i.wording, day=i.latest.isoformat()
        )
        for i in late
    ]
    return "\n\n" + messages.t("agenda.ics.late", lang) + "\n" + "\n".join(lines)


def to_ics(
    items: list[AgendaItem],
    *,
    stamp: dt.datetime | None = None,
    name: str | None = None,
    alarm_weeks: int = 2,
    note: str = "",
) -> bytes:
    """An iCalendar file (RFC 5545) a calendar can live with: each item is a deadline, an
    all-day event on its latest possible day (a season or year is not a months-long banner;
    the span is in the description), with a reminder ``alarm_weeks`` before (0: none) and the
    overdue items listed in every description. UIDs are stable, so a calendar that imports the
    file again updates instead of duplicating. ``stamp`` is the DTSTAMP (default: now, UTC);
    ``note`` (e.g. "status pr. ...") goes into the calendar's description."""
    from icalendar import Alarm, Calendar, Event, vText

    if alarm_weeks < 0:
        raise ParameterError.of("agenda.alarm", remedy="alarm-weeks", weeks=alarm_weeks)
    stamp = stamp or dt.datetime.now(dt.UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    lang = items[0].lang if items else "da"
    late = [i for i in items if i.overdue]
    calendar = Calendar()
    calendar.add("prodid", f"-//partnergraph//partnergraph {__version__}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname",
        name or messages.t("agenda.ics.calendar", lang),
    )
    if note or late:
        calendar.add("x-wr-caldesc", vText((note + _late_list(late, lang)).strip()))
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", item.latest)
        event.add("dtend", item.latest + dt.timedelta(days=1))
        overdue = messages.t("agenda.ics.overdue", lang)
        prefix = f"{overdue}: " if item.state == "overdue" else ""
        event.add(
            "summary",
            f"{prefix}{item.kind_label.capitalize()}: {item.title} ({item.wording})",
        )
        event.add("description", _description(item, late))
        event.add("categories", [item.kind_label])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED" if item.kind in ("ends", "ended") else "TENTATIVE")
        event.add("url", item.iri)
        if alarm_weeks:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", -dt.timedelta(weeks=alarm_weeks))
            alarm.add("description", f"{item.title} ({item.wording})")
            event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def needs_action_note(kg: Knowledge, as_of: dt.date | str | None = None, lang: str = "da") -> str:
    """ "status pr. <dag>, ifølge <kilde> ..." for the agenda's header and calendar."""
    return status_note(kg, as_of, lang).text
