"""The renewals calendar: what is coming up, in the precision the source gives.

:func:`agenda` lists, from today (or ``today``) up to ``until``:

- **agreement ends**: agreements and action plans in force whose period has an end;
- **new agreements starting**: successor agreements (status proposed or planned, replacing an
  earlier one) whose own period gives a start;
- **planned treatments**: decisions with status planned, such as a committee treating a new
  agreement ("efterår 2025") or being informed of an action plan ("dec. eller jan.").

A loose date is an interval: "2025" may mean any day of 2025, "efterår 2025" (2025-09 to
2025-11) any day from 1 September to 30 November. An item is listed while it may still come
(its latest possible day is today or later) and when it may come by ``until`` (its earliest
possible day is on or before it). Each item keeps the source's wording.

Everything is read with SPARQL through the graph, so it works on every store. Renderers:
:func:`format_table` (rows for the CLI), :func:`to_ics` (iCalendar, all-day events spanning the
whole uncertain period) and :func:`to_markdown`.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import ParameterError
from .labels import Labeller
from .results import SelectResult
from .sheets.cells import LooseDate, parse_date

if TYPE_CHECKING:
    from .graph import PartnerGraph

__all__ = ["AgendaItem", "agenda", "format_table", "to_ics", "to_markdown"]

KINDS = ("ends", "starts", "treatment")

_KIND_LABELS = {
    "ends": {"da": "aftale udløber", "en": "agreement ends"},
    "starts": {"da": "ny aftale begynder", "en": "new agreement starts"},
    "treatment": {"da": "planlagt behandling", "en": "planned treatment"},
}

_HEADERS = {
    "da": ["hvornår", "fra", "til", "hvad", "type", "partnerskab", "udvalg", "status"],
    "en": ["when", "from", "to", "what", "kind", "partnership", "committees", "status"],
}


@dataclass(frozen=True)
class AgendaItem:
    """One thing coming up, dated as loosely as the source dates it."""

    kind: str
    """``ends`` (an agreement in force ends), ``starts`` (a successor agreement begins) or
    ``treatment`` (a planned decision or treatment)."""
    iri: str
    """The agreement (ends, starts) or the decision (treatment)."""
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
    partnership: str = ""
    source: str = ""
    source_text: str = ""
    decision_kind: str = ""
    renews: tuple[str, ...] = ()
    """For a new agreement (or its treatment): the agreements it replaces."""
    lang: str = "da"

    @property
    def kind_label(self) -> str:
        return _KIND_LABELS[self.kind].get(self.lang, _KIND_LABELS[self.kind]["da"])

    @property
    def uid(self) -> str:
        """Stable across runs and re-imports: derived from the IRI and the kind of item."""
        return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'{self.iri}#{self.kind}')}"


# --- reading the graph ---------------------------------------------------------------------------

_AGREEMENT = (
    "{ ?a a pg:Agreement } UNION { ?a a pg:PartnershipAgreement } UNION { ?a a pg:ActionPlan }"
)

_ENDS = f"""
SELECT DISTINCT ?a ?status ?p ?start ?end ?label ?source ?text WHERE {{
  {_AGREEMENT}
  ?a pg:status pgid:status-in-force ;
     dcterms:temporal ?t .
  ?t dcat:endDate ?end .
  BIND(pgid:status-in-force AS ?status)
  OPTIONAL {{ ?t dcat:startDate ?start }}
  OPTIONAL {{ ?t rdfs:label ?label }}
  OPTIONAL {{ ?a pg:governs ?p }}
  OPTIONAL {{ ?a dcterms:source ?source }}
  OPTIONAL {{ ?a pg:sourceText ?text }}
}}"""

_STARTS = f"""
SELECT DISTINCT ?a ?status ?p ?start ?end ?label ?source ?text ?old WHERE {{
  {_AGREEMENT}
  ?a dcterms:replaces ?old ;
     pg:status ?status ;
     dcterms:temporal ?t .
  FILTER(?status IN (pgid:status-proposed, pgid:status-planned))
  ?t dcat:startDate ?start .
  OPTIONAL {{ ?t dcat:endDate ?end }}
  OPTIONAL {{ ?t rdfs:label ?label }}
  OPTIONAL {{ ?a pg:governs ?p }}
  OPTIONAL {{ ?a dcterms:source ?source }}
  OPTIONAL {{ ?a pg:sourceText ?text }}
}}"""

_TREATMENTS = """
SELECT DISTINCT ?d ?status ?p ?start ?end ?label ?source ?text ?old ?used ?committee ?kind
WHERE {
  ?d a pg:Decision ;
     pg:status pgid:status-planned ;
     dcterms:temporal ?t .
  BIND(pgid:status-planned AS ?status)
  OPTIONAL { ?t dcat:startDate ?start }
  OPTIONAL { ?t dcat:endDate ?end }
  OPTIONAL { ?t rdfs:label ?label }
  OPTIONAL { ?d prov:used ?used }
  OPTIONAL { ?d prov:used/pg:governs ?p }
  OPTIONAL { ?d prov:used/dcterms:replaces ?old }
  OPTIONAL { ?d prov:wasAssociatedWith ?committee }
  OPTIONAL { ?d dcterms:type ?kind }
  OPTIONAL { ?d dcterms:source ?source }
  OPTIONAL { ?d pg:sourceText ?text }
}"""


@dataclass
class _Found:
    """What the rows of one query say about one subject (optional values multiply rows)."""

    subject: URIRef
    values: dict[str, set[Node]]

    def one(self, key: str) -> Node | None:
        found = sorted(self.values.get(key, set()), key=_order)
        return found[0] if found else None

    def all(self, key: str) -> list[Node]:
        return sorted(self.values.get(key, set()), key=_order)


def _order(node: Node) -> tuple[str, str]:
    return (type(node).__name__, str(node))


def _collect(kg: PartnerGraph, query: str) -> list[_Found]:
    result = kg.sparql(query)
    assert isinstance(result, SelectResult)
    found: dict[URIRef, _Found] = {}
    for row in result.rows:
        subject = row[0]
        if not isinstance(subject, URIRef):
            continue
        entry = found.setdefault(subject, _Found(subject, {}))
        for name, value in zip(result.variables[1:], row[1:], strict=True):
            if value is not None:
                entry.values.setdefault(name, set()).add(value)
    return [found[s] for s in sorted(found)]


def _pick(literals: Iterable[Node], lang: str) -> str:
    """The literal in ``lang``, else Danish, else English, else any."""
    candidates = sorted(v for v in literals if isinstance(v, Literal))
    for wanted in (lang, "da", "en"):
        for literal in candidates:
            if (literal.language or "").lower() == wanted:
                return str(literal)
    return str(candidates[0]) if candidates else ""


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


def _date(node: Node | None) -> LooseDate | None:
    return parse_date(str(node)) if isinstance(node, Literal) else None


def agenda(
    kg: PartnerGraph,
    *,
    until: dt.date | None = None,
    today: dt.date | None = None,
    lang: str = "da",
) -> list[AgendaItem]:
    """Upcoming agreement ends, new agreements starting and planned treatments, in date order."""
    if lang not in ("da", "en"):
        raise ParameterError(f"unknown language {lang!r}: use da or en")
    today = today or dt.date.today()
    if until is not None and until < today:
        raise ParameterError(f"--until {until} is before today ({today}): nothing can come")
    found = {
        "ends": _collect(kg, _ENDS),
        "starts": _collect(kg, _STARTS),
        "treatment": _collect(kg, _TREATMENTS),
    }
    labeller = Labeller(kg.store, lang)
    labeller.prefetch(
        node
        for entries in found.values()
        for entry in entries
        for node in (entry.subject, *(v for vs in entry.values.values() for v in vs))
        if isinstance(node, URIRef)
    )
    items: list[AgendaItem] = []
    for kind, entries in found.items():
        for entry in entries:
            item = _item(kind, entry, labeller, lang)
            if item is None or item.latest < today:
                continue
            if until is not None and item.earliest > until:
                continue
            items.append(item)
    items.sort(key=lambda i: (i.earliest, i.latest, KINDS.index(i.kind), i.title))
    return items


def _item(kind: str, entry: _Found, label: Labeller, lang: str) -> AgendaItem | None:
    start, end = _date(entry.one("start")), _date(entry.one("end"))
    period = _pick(entry.all("label"), lang)
    if kind == "ends":
        if end is None:
            return None
        earliest, latest = end.earliest, end.latest
        wording = _part(period, "end") or (period if start is None or start == end else end.text)
    elif kind == "starts":
        if start is None:
            return None
        earliest, latest = start.earliest, start.latest
        wording = _part(period, "start") or (period if end is None or start == end else start.text)
    else:
        if start is None and end is None:
            return None
        first, last = start or end, end or start
        assert first is not None and last is not None
        earliest, latest = first.earliest, last.latest
        wording = period or (first.text if first == last else f"{first.text}/{last.text}")
    subject = entry.subject
    concerns = entry.all("used") if kind == "treatment" else [subject]
    return AgendaItem(
        kind=kind,
        iri=str(subject),
        title=label(subject),
        wording=wording,
        earliest=earliest,
        latest=latest,
        period=period,
        concerns=tuple(label(c) for c in concerns),
        committees=tuple(sorted(label(c) for c in entry.all("committee"))),
        status=label(entry.one("status")),
        partnership=", ".join(sorted({label(p) for p in entry.all("p")})),
        source=", ".join(sorted({label(s) for s in entry.all("source")})),
        source_text=_pick(entry.all("text"), lang),
        decision_kind=label(entry.one("kind")) if entry.one("kind") is not None else "",
        renews=tuple(sorted(label(o) for o in entry.all("old"))),
        lang=lang,
    )


# --- renderers -----------------------------------------------------------------------------------


def format_table(
    items: list[AgendaItem], lang: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """Headers and rows for a table (the CLI prints them with rich); ``lang`` defaults to the
    items' language."""
    lang = lang or (items[0].lang if items else "da")
    headers = _HEADERS.get(lang, _HEADERS["da"])
    rows = [
        [
            item.wording,
            item.earliest.isoformat(),
            item.latest.isoformat(),
            item.title,
            _KIND_LABELS[item.kind].get(lang, item.kind_label),
            item.partnership,
            ", ".join(item.committees),
            item.status,
        ]
        for item in items
    ]
    return headers, rows


def to_markdown(items: list[AgendaItem], lang: str | None = None) -> str:
    """A Markdown table, one row per item."""
    from .formats import md_cell

    headers, rows = format_table(items, lang)
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _description(item: AgendaItem) -> str:
    en = item.lang == "en"
    parts = [
        ("When (source's words)" if en else "Hvornår (kildens ord)", item.wording),
        ("Period" if en else "Periode", item.period if item.period != item.wording else ""),
        (
            "Between" if en else "Mellem",
            f"{item.earliest.isoformat()} \u2013 {item.latest.isoformat()}",
        ),
        ("Kind" if en else "Type", item.decision_kind or item.kind_label),
        ("Concerns" if en else "Vedrører", "; ".join(item.concerns)),
        ("Replaces" if en else "Afløser", "; ".join(item.renews)),
        ("Partnership" if en else "Partnerskab", item.partnership),
        ("Committees" if en else "Udvalg", ", ".join(item.committees)),
        ("Status", item.status),
        ("Source" if en else "Kilde", item.source),
        ("In the source's words" if en else "Kildens ordlyd", item.source_text),
        ("IRI", item.iri),
    ]
    return "\n".join(f"{name}: {value}" for name, value in parts if value)


def to_ics(
    items: list[AgendaItem], *, stamp: dt.datetime | None = None, name: str | None = None
) -> bytes:
    """An iCalendar file (RFC 5545): one all-day event per item over its whole uncertain
    period, with stable UIDs so a calendar that imports it again updates instead of
    duplicating. ``stamp`` is the DTSTAMP (default: now, in UTC)."""
    from icalendar import Calendar, Event

    from . import __version__

    stamp = stamp or dt.datetime.now(dt.UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    lang = items[0].lang if items else "da"
    calendar = Calendar()
    calendar.add("prodid", f"-//partnergraph//partnergraph {__version__}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname",
        name
        or (
            "Partnerships: renewals and treatments"
            if lang == "en"
            else "Partnerskaber: fornyelser og behandlinger"
        ),
    )
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", item.earliest)
        event.add("dtend", item.latest + dt.timedelta(days=1))
        event.add("summary", f"{item.kind_label.capitalize()}: {item.title} ({item.wording})")
        event.add("description", _description(item))
        event.add("categories", [item.kind_label])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED" if item.kind == "ends" else "TENTATIVE")
        event.add("url", item.iri)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
