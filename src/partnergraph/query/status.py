"""Status as of a date: what is in force, what has ended, what is overdue.

A memo states a status on the day it was written ("gældende", "planlagt"); a year later that
word may be wrong. Everything here derives status from the data's dates and one ``as_of`` day,
and keeps the stated status beside it ("ifølge notatet") so a reader sees both.

Loose dates are intervals (:class:`~partnergraph.rdf.dates.LooseDate`): "2025" may mean any
day of 2025, so an agreement "to the end of 2025" has ended only after 2025-12-31, and a
treatment planned for "efterår 2025" is overdue only after 30 November 2025.

- An **agreement** (or action plan) is ``in_force``, ``ended`` or ``not_started``. A proposed or
  planned one has not started, whatever its period says, until the data records otherwise. One
  in force ends at its period's latest day, or when a successor that is not merely proposed has
  started.
- A **planned treatment** (a decision still planned) is ``upcoming``, ``due`` (its period has
  begun) or ``overdue`` (its latest possible day has passed and no outcome is recorded).
- An ended agreement whose successors have not started (or that has none) is flagged: the
  partnership runs without an agreement in force.

:func:`partnergraph.query.actions.needs_action` collects the overdue and due treatments and the
flagged agreements from these. Reading is SPARQL through the store, so it works on every store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final, Protocol

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from partnergraph.core import messages
from partnergraph.engine.sparql import run
from partnergraph.engine.sparql_text import where_brace
from partnergraph.engine.stores import Store
from partnergraph.io.results import SelectResult
from partnergraph.query.labels import Labeller
from partnergraph.rdf.dates import LooseDate, as_of_date, parse_date

__all__ = [
    "STATES",
    "AgreementStatus",
    "StatusNote",
    "TreatmentStatus",
    "agreement_statuses",
    "state_label",
    "status_lines",
    "status_note",
    "treatment_statuses",
]

PG = "https://w3id.org/partnergraph/ontology#"
PGID = "https://w3id.org/partnergraph/id/"
_NOT_STARTED_WORDS = {URIRef(PGID + "status-proposed"), URIRef(PGID + "status-planned")}
_REPLACED = URIRef(PGID + "status-replaced")
_PLANNED = URIRef(PGID + "status-planned")
_DONE = URIRef(PGID + "status-done")

STATES: Final = ("in_force", "ended", "not_started", "upcoming", "due", "overdue", "done")
"""The derived statuses; each is named in the catalogue as ``state.<status>`` ("gældende")."""


def state_label(state: str, lang: str) -> str:
    """A derived status's name in ``lang`` (else Danish); "" for no status."""
    return messages.t(f"state.{state}", lang) if state in STATES else ""


# --- reading the store ---------------------------------------------------------------------------


def _stated_and_period(var: str) -> str:
    """The status the source states and the period (start, end, its words) of ``?var``: read
    alike for agreements and decisions."""
    return f"""  OPTIONAL {{ ?{var} pg:status ?stated }}
  OPTIONAL {{ ?{var} dcterms:temporal ?t .
             OPTIONAL {{ ?t dcat:startDate ?start }}
             OPTIONAL {{ ?t dcat:endDate ?end }}
             OPTIONAL {{ ?t rdfs:label ?label }} }}
"""


_AGREEMENTS = (
    """
SELECT DISTINCT ?a ?stated ?p ?start ?end ?label ?source ?text ?next ?old WHERE {
  { ?a a pg:Agreement } UNION { ?a a pg:PartnershipAgreement } UNION { ?a a pg:ActionPlan }
"""
    + _stated_and_period("a")
    + """  OPTIONAL { ?a pg:governs ?p }
  OPTIONAL { ?a dcterms:source ?source }
  OPTIONAL { ?a pg:sourceText ?text }
  OPTIONAL { { ?next dcterms:replaces ?a } UNION { ?a dcterms:isReplacedBy ?next } }
  OPTIONAL { ?a dcterms:replaces ?old }
}"""
)

_DECISIONS = (
    """
SELECT DISTINCT ?d ?stated ?p ?start ?end ?label ?source ?text ?old ?used ?committee ?kind
WHERE {
  ?d a pg:Decision .
"""
    + _stated_and_period("d")
    + """  OPTIONAL { ?d prov:used ?used }
  OPTIONAL { ?d prov:used/pg:governs ?p }
  OPTIONAL { ?d prov:used/dcterms:replaces ?old }
  OPTIONAL { ?d prov:wasAssociatedWith ?committee }
  OPTIONAL { ?d dcterms:type ?kind }
  OPTIONAL { ?d dcterms:source ?source }
  OPTIONAL { ?d pg:sourceText ?text }
}"""
)


@dataclass
class Found:
    """What the rows of one query say about one subject (optional values multiply rows)."""

    subject: URIRef
    values: dict[str, set[Node]]

    def one(self, key: str) -> Node | None:
        found = self.all(key)
        return found[0] if found else None

    def all(self, key: str) -> list[Node]:
        return sorted(self.values.get(key, set()), key=lambda n: (type(n).__name__, str(n)))


class HasStore(Protocol):
    """What the statuses are read from besides a store: a :class:`Knowledge` (or
    ``PartnerGraph``), by its store; said as a protocol so that ``Knowledge`` may use them."""

    @property
    def store(self) -> Store: ...


Source = HasStore | Store


def _store(source: Source) -> Store:
    return source if isinstance(source, Store) else source.store


def collect(store: Store, query: str) -> list[Found]:
    """One :class:`Found` per subject (the first variable) of a SELECT query, in IRI order."""
    result = run(store, query)
    assert isinstance(result, SelectResult)
    found: dict[URIRef, Found] = {}
    for row in result.rows:
        subject = row[0]
        if not isinstance(subject, URIRef):
            continue
        entry = found.setdefault(subject, Found(subject, {}))
        for name, value in zip(result.variables[1:], row[1:], strict=True):
            if value is not None:
                entry.values.setdefault(name, set()).add(value)
    return [found[s] for s in sorted(found)]


def pick(literals: Iterable[Node], lang: str) -> str:
    """The literal in ``lang``, else Danish, else English, else any."""
    candidates = sorted(v for v in literals if isinstance(v, Literal))
    for wanted in (lang, "da", "en"):
        for literal in candidates:
            if (literal.language or "").lower() == wanted:
                return str(literal)
    return str(candidates[0]) if candidates else ""


def loose(node: Node | None) -> LooseDate | None:
    return parse_date(str(node)) if isinstance(node, Literal) else None


def _earliest(dates: Iterable[Node]) -> LooseDate | None:
    parsed = [d for d in (loose(n) for n in dates) if d is not None]
    return min(parsed, key=lambda d: d.earliest) if parsed else None


def _latest(dates: Iterable[Node]) -> LooseDate | None:
    parsed = [d for d in (loose(n) for n in dates) if d is not None]
    return max(parsed, key=lambda d: d.latest) if parsed else None


# --- statuses ------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Status:
    """What an agreement's and a decision's status share: what it is, its state on ``as_of``,
    whose it is and the source's words for it."""

    iri: str
    title: str
    state: str
    stated: str
    """The status the source states ("gældende", "foreslået"), shown "ifølge notatet"."""
    as_of: dt.date
    partnership: str
    source: str
    source_text: str
    lang: str = "da"

    @property
    def state_label(self) -> str:
        return state_label(self.state, self.lang)

    def to_dict(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "title": self.title,
            "state": self.state,
            "state_label": self.state_label,
            "stated": self.stated,
            "as_of": self.as_of.isoformat(),
            **self._details(),
            "partnership": self.partnership,
            "source": self.source,
        }

    def _details(self) -> dict[str, Any]:
        """The kind's own fields, between the shared head and tail of :meth:`to_dict`."""
        return {}


@dataclass(frozen=True, kw_only=True)
class AgreementStatus(Status):
    """An agreement's status on ``as_of``, derived from its period and its successors.

    ``state`` is ``in_force``, ``ended`` or ``not_started``."""

    start: LooseDate | None
    end: LooseDate | None
    period: str
    """The period in the source's words."""
    ended_on: dt.date | None
    """The last day in force, when it has ended (its period's latest day, or the day before a
    successor started)."""
    successors: tuple[str, ...]
    """IRIs of the agreements that replace it."""
    replaces: tuple[str, ...]
    no_successor_in_force: bool
    """Ended while no successor has started: the partnership runs without an agreement."""

    def _details(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "start": self.start.text if self.start else None,
            "end": self.end.text if self.end else None,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "successors": list(self.successors),
            "replaces": list(self.replaces),
            "no_successor_in_force": self.no_successor_in_force,
        }


@dataclass(frozen=True, kw_only=True)
class TreatmentStatus(Status):
    """A decision or treatment on ``as_of``: planned ones are upcoming, due or overdue.

    ``state`` is ``upcoming``, ``due``, ``overdue`` or ``done``; empty when the source states no
    status (a status review that simply happened)."""

    wording: str
    """When, in the source's words ("efterår 2025")."""
    earliest: dt.date
    latest: dt.date
    concerns: tuple[str, ...]
    """Labels of the agreements or plans it is about."""
    concerns_iris: tuple[str, ...]
    committees: tuple[str, ...]
    decision_kind: str
    renews: tuple[str, ...]

    def _details(self) -> dict[str, Any]:
        return {
            "when": self.wording,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "concerns": list(self.concerns),
            "committees": list(self.committees),
        }


def _agreement_state(
    entry: Found, as_of: dt.date, started: dict[URIRef, dt.date | None]
) -> tuple[str, dt.date | None]:
    """The state and, if ended, the last day in force. ``started`` maps every agreement that
    can start (not merely proposed) to its earliest start (``None``: no start known)."""
    stated = set(entry.values.get("stated", set()))
    start, end = _earliest(entry.all("start")), _latest(entry.all("end"))
    if stated & _NOT_STARTED_WORDS:
        return "not_started", None
    if start is not None and as_of < start.earliest:
        return "not_started", None
    if end is not None and end.latest < as_of:
        return "ended", end.latest
    successor_starts = [
        started[s] for s in entry.all("next") if isinstance(s, URIRef) and s in started
    ]
    begun = sorted(d for d in successor_starts if d is not None and d <= as_of)
    if begun:
        return "ended", begun[0] - dt.timedelta(days=1)
    if _REPLACED in stated and not any(d is not None and d > as_of for d in successor_starts):
        return "ended", None
    return "in_force", None


def _gather(
    source: Source,
    as_of: dt.date | str | None,
    lang: str,
    query: str,
    subjects: Iterable[str] | None = None,
    *,
    variable: str,
    hops: int = 0,
) -> tuple[dt.date, list[Found], Labeller]:
    """The day, the query's entries and a labeller that already knows their names: of every
    subject (the query's ``variable``), or of ``subjects`` and their successors ``hops`` deep
    (see :func:`_about`)."""
    messages.check_language(lang)
    when = as_of_date(as_of)
    store = _store(source)
    if subjects is None:
        entries = collect(store, query)
    else:
        found: dict[URIRef, Found] = {}
        frontier = set(subjects)
        for hop in range(hops + 1):
            found.update((e.subject, e) for e in collect(store, _about(query, variable, frontier)))
            successors = {
                str(s) for e in found.values() for s in e.all("next") if isinstance(s, URIRef)
            }
            frontier = successors - {str(subject) for subject in found}
            if not frontier or hop == hops:
                break
        entries = [found[subject] for subject in sorted(found)]
    label = Labeller(store, lang)
    label.prefetch(_nodes(entries))
    return when, entries, label


def _about(query: str, variable: str, subjects: Iterable[str]) -> str:
    """``query`` about ``subjects`` only: a ``VALUES`` block of them for ``variable`` opening its
    WHERE clause. A description or an entity's page needs the status of one thing: at a million
    triples that is a query about it instead of seconds for every agreement."""
    values = " ".join(sorted({str(ox.NamedNode(subject)) for subject in subjects}))
    at = where_brace(query)
    return f"{query[: at + 1]}\n  VALUES ?{variable} {{ {values} }}{query[at + 1 :]}"


def _shared(entry: Found, label: Labeller, when: dt.date, lang: str) -> dict[str, Any]:
    """The fields of :class:`Status` that are read alike for agreements and decisions."""
    return {
        "iri": str(entry.subject),
        "title": label(entry.subject),
        "stated": ", ".join(sorted(label(s) for s in entry.all("stated"))),
        "as_of": when,
        "partnership": ", ".join(sorted({label(p) for p in entry.all("p")})),
        "source": ", ".join(sorted({label(s) for s in entry.all("source")})),
        "source_text": pick(entry.all("text"), lang),
        "lang": lang,
    }


def agreement_statuses(
    source: Source,
    as_of: dt.date | str | None = None,
    lang: str = "da",
    *,
    subjects: Iterable[str] | None = None,
) -> list[AgreementStatus]:
    """Every agreement and action plan with its status on ``as_of`` (default today); with
    ``subjects``, those of them only, exactly as among all (a state depends on the successors'
    starts, whether one is left without a successor on the successors' states: two steps)."""
    wanted = None if subjects is None else set(subjects)
    when, entries, label = _gather(source, as_of, lang, _AGREEMENTS, wanted, variable="a", hops=2)
    started: dict[URIRef, dt.date | None] = {}
    for entry in entries:
        if not set(entry.values.get("stated", set())) & _NOT_STARTED_WORDS:
            first = _earliest(entry.all("start"))
            started[entry.subject] = first.earliest if first else None
    states = {e.subject: _agreement_state(e, when, started) for e in entries}
    result = []
    for entry in entries:
        if wanted is not None and str(entry.subject) not in wanted:
            continue  # read for the state of one that is
        state, ended_on = states[entry.subject]
        successors = [s for s in entry.all("next") if isinstance(s, URIRef)]
        lonely = state == "ended" and all(
            states.get(s, ("not_started", None))[0] == "not_started" for s in successors
        )
        if _REPLACED in set(entry.values.get("stated", set())) and not successors:
            lonely = False  # the source says it was replaced; by what, it does not say
        result.append(
            AgreementStatus(
                **_shared(entry, label, when, lang),
                state=state,
                start=_earliest(entry.all("start")),
                end=_latest(entry.all("end")),
                period=pick(entry.all("label"), lang),
                ended_on=ended_on,
                successors=tuple(str(s) for s in successors),
                replaces=tuple(sorted(label(o) for o in entry.all("old"))),
                no_successor_in_force=lonely,
            )
        )
    return result


def treatment_statuses(
    source: Source,
    as_of: dt.date | str | None = None,
    lang: str = "da",
    *,
    subjects: Iterable[str] | None = None,
) -> list[TreatmentStatus]:
    """Every dated decision and treatment with its status on ``as_of`` (default today); with
    ``subjects``, those of them only."""
    when, entries, label = _gather(source, as_of, lang, _DECISIONS, subjects, variable="d")
    result = []
    for entry in entries:
        first, last = _earliest(entry.all("start")), _latest(entry.all("end"))
        first, last = first or last, last or first
        if first is None or last is None:
            continue
        stated = set(entry.values.get("stated", set()))
        if _PLANNED in stated:
            state = (
                "upcoming" if when < first.earliest else "overdue" if last.latest < when else "due"
            )
        elif _DONE in stated:
            state = "done"
        else:
            state = ""
        period = pick(entry.all("label"), lang)
        used = [u for u in entry.all("used") if isinstance(u, URIRef)]
        result.append(
            TreatmentStatus(
                **_shared(entry, label, when, lang),
                state=state,
                wording=period or (first.text if first == last else f"{first.text}/{last.text}"),
                earliest=first.earliest,
                latest=last.latest,
                concerns=tuple(label(u) for u in used),
                concerns_iris=tuple(str(u) for u in used),
                committees=tuple(sorted(label(c) for c in entry.all("committee"))),
                decision_kind=label(entry.one("kind")) if entry.one("kind") is not None else "",
                renews=tuple(sorted(label(o) for o in entry.all("old"))),
            )
        )
    return result


def _nodes(entries: list[Found]) -> list[URIRef]:
    return [
        node
        for entry in entries
        for node in (entry.subject, *(v for vs in entry.values.values() for v in vs))
        if isinstance(node, URIRef)
    ]


def status_lines(
    source: Source,
    as_of: dt.date | str | None = None,
    lang: str = "da",
    *,
    subjects: Iterable[str] | None = None,
) -> dict[str, str]:
    """Per agreement and dated decision (or those of ``subjects``): "Status pr. <dag>: udløbet
    (ifølge kilden: gældende)", the line an entity page shows under its title, so no page
    repeats a stale word alone."""
    chosen = None if subjects is None else list(subjects)
    lines: dict[str, str] = {}
    records: list[tuple[str, str, str, dt.date]] = [
        (a.iri, a.state_label, a.stated, a.as_of)
        for a in agreement_statuses(source, as_of, lang, subjects=chosen)
    ]
    records += [
        (t.iri, t.state_label, t.stated, t.as_of)
        for t in treatment_statuses(source, as_of, lang, subjects=chosen)
        if t.state
    ]
    for iri, state, stated, day in records:
        line = messages.t("status.line", lang, day=day.isoformat(), state=state)
        if stated:
            line += f" ({messages.t('status.stated', lang)}: {stated})"
        lines[iri] = line
    return lines


# --- how current the statuses are ----------------------------------------------------------------

_SOURCES = """
SELECT DISTINCT ?s ?date WHERE {
  ?x dcterms:source ?s .
  FILTER(isIRI(?s))
  OPTIONAL { ?s dcterms:issued ?issued }
  OPTIONAL { ?s dcterms:date ?dated }
  OPTIONAL { ?s dcterms:created ?created }
  BIND(COALESCE(?issued, ?dated, ?created) AS ?date)
}"""


@dataclass(frozen=True)
class StatusNote:
    """ "status pr. <as_of>, ifølge <source> af <date>": how current the statuses are."""

    as_of: dt.date
    sources: tuple[tuple[str, str, str], ...]
    """(IRI, title, date or "") of each source the statuses come from; most-used first."""
    lang: str = "da"
    editions: tuple[tuple[str, str, str], ...] = ()
    """(IRI, title, issued) of the dated editions (datasets) loaded, newest first."""

    @property
    def text(self) -> str:
        t, lang = messages.t, self.lang
        parts = [
            t("status.note.dated", lang, title=title, date=date)
            if date
            else t("status.note.undated", lang, title=title)
            for _, title, date in self.sources
        ]
        parts += [
            t("status.note.edition", lang, title=title, issued=issued)
            for _, title, issued in self.editions
        ]
        day = self.as_of.isoformat()
        if not parts:
            return t("status.note", lang, day=day)
        return t("status.note.sources", lang, day=day, sources="; ".join(parts))

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "text": self.text,
            "sources": [{"iri": i, "title": t, "date": d or None} for i, t, d in self.sources],
            "editions": [{"iri": i, "title": t, "issued": d} for i, t, d in self.editions],
        }


def status_note(source: Source, as_of: dt.date | str | None = None, lang: str = "da") -> StatusNote:
    """Which sources the statuses come from, and their dates (a memo is often undated: then
    the note says so rather than guessing)."""
    messages.check_language(lang)
    when = as_of_date(as_of)
    store = _store(source)
    result = run(store, _SOURCES)
    assert isinstance(result, SelectResult)
    counts = run(
        store,
        "SELECT ?s (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x dcterms:source ?s . "
        "{ ?x pg:status ?st } UNION { ?x a pg:Decision } FILTER(isIRI(?s)) } GROUP BY ?s",
    )
    assert isinstance(counts, SelectResult)
    used = {str(s): int(str(n)) for s, n in counts.rows if s is not None and n is not None}
    dates: dict[str, str] = {}
    for s, date in result.rows:
        if s is not None and str(s) in used:
            dates.setdefault(str(s), str(date) if date is not None else "")
            if date is not None:
                dates[str(s)] = max(dates[str(s)], str(date))
    issued = run(
        store,
        "SELECT ?d (MAX(STR(?date)) AS ?day) WHERE { ?d a dcat:Dataset ; dcterms:issued ?date } "
        "GROUP BY ?d",
    )
    assert isinstance(issued, SelectResult)
    editions = sorted(
        ((str(d), str(day)) for d, day in issued.rows if d is not None and day is not None),
        key=lambda e: (e[1], e[0]),
        reverse=True,
    )
    label = Labeller(store, lang)
    label.prefetch([*(URIRef(s) for s in dates), *(URIRef(d) for d, _ in editions)])
    ordered = sorted(dates, key=lambda s: (-used[s], s))
    return StatusNote(
        when,
        tuple((s, label(URIRef(s)), dates[s]) for s in ordered),
        lang=lang,
        editions=tuple((d, label(URIRef(d)), day) for d, day in editions),
    )
